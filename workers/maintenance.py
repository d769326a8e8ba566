"""Queue maintenance RQ leaves to slow timers: promote due retries, requeue orphaned jobs.

RQ moves scheduled jobs only from a worker's scheduler, and a job held by a SIGKILLed worker
stays in its StartedJobRegistry until the job's timeout plus a maintenance pass (up to ~15
minutes). wirewatch workers keep a short heartbeat key of their own instead, so any live process
can tell within seconds that a job's worker is gone and put the job back on its queue.
"""

from __future__ import annotations

import contextlib
import logging
import time

from redis import Redis
from redis.exceptions import LockError, RedisError
from redis.lock import Lock
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer
from rq.utils import current_timestamp

from monitor.storage.archive import trim_archive
from monitor.storage.codec import as_str
from monitor.storage.jobs import WirewatchJob
from monitor.storage.keys import Keys
from monitor.storage.queues import FAILURE_TTL, Queues

log = logging.getLogger("wirewatch.maintenance")
HEARTBEAT_TTL = 10  # seconds a worker's heartbeat key lives without refresh
ORPHAN_GRACE = 2.0  # a job started less than this ago may not have its worker's heartbeat yet
ORPHAN_CONFIRM = 3.0  # seconds a missing heartbeat must stay missing before a requeue


def beat(redis: Redis, keys: Keys, worker_name: str) -> None:
    """Refresh a worker's heartbeat."""
    redis.set(keys.worker_heartbeat(worker_name), str(time.time()), ex=HEARTBEAT_TTL)


def _lock(redis: Redis, keys: Keys, name: str, seconds: float) -> Lock | None:
    """redis-py's Lock (token-checked, atomic release) if no other process holds it, else None."""
    lock = redis.lock(keys.lock(name), timeout=seconds, blocking=False)
    return lock if lock.acquire() else None


def _release(lock: Lock) -> None:
    with contextlib.suppress(LockError):  # expired meanwhile: another process may hold it now
        lock.release()


def any_due(redis: Redis, queues: Queues, now: float | None = None) -> bool:
    """Whether some scheduled job's time has come (one round trip, no lock)."""
    now = time.time() if now is None else now
    with redis.pipeline(transaction=False) as pipe:
        for queue in queues.all:
            pipe.zrangebyscore(queue.scheduled_job_registry.key, 0, now, start=0, num=1)
        return any(pipe.execute())


def promote_due(redis: Redis, queues: Queues, keys: Keys, now: float | None = None) -> int:
    """Move scheduled jobs whose time has come onto their queues; returns how many.

    Times are compared to the fraction of a second: a delivery retry stores its exact due time
    (`monitor.alerting.deliver.enqueue_delivery`), RQ's own retries whole seconds."""
    lock = _lock(redis, keys, "promote", 10)
    if lock is None:
        return 0  # another process is promoting right now
    moved = 0
    try:
        for queue in queues.all:
            registry = queue.scheduled_job_registry
            ids = registry.get_jobs_to_schedule(now if now is not None else time.time())  # type: ignore[arg-type]
            if not ids:
                continue
            jobs = [_readable(job_id, queue) for job_id in ids]
            with redis.pipeline() as pipe:
                for job in jobs:
                    if job is not None:
                        queue._enqueue_job(job, pipeline=pipe)
                        moved += 1
                for job_id in ids:
                    registry.remove(job_id, pipeline=pipe)
                pipe.execute()
    finally:
        _release(lock)
    return moved


def _readable(job_id: str, queue: Queue) -> Job | None:
    """The job, or None when it is gone or its hash cannot be read; an unreadable one is
    failed, so that one bad entry never stops promotion or orphan requeueing."""
    try:
        return WirewatchJob.fetch(job_id, connection=queue.connection, serializer=JSONSerializer)
    except NoSuchJobError:
        return None
    except RedisError:
        raise
    except Exception as exc:  # a hash anyone with write access to Redis can garble
        refuse_unreadable(job_id, queue, exc)
        return None


def refuse_unreadable(job_id: str, queue: Queue, exc: Exception) -> None:
    """Fail a job whose hash RQ cannot read (so no Job object can be built for it)."""
    reason = f"refused: unreadable job ({type(exc).__name__})"
    log.error("refused a job that is not wirewatch's", extra={
        "job_id": job_id, "queue": queue.name, "error": reason})
    with queue.connection.pipeline() as pipe:
        pipe.hset(Job.key_for(job_id), mapping={"status": JobStatus.FAILED.value,
                                                "exc_info": reason})
        pipe.expire(Job.key_for(job_id), FAILURE_TTL)
        pipe.zadd(queue.failed_job_registry.key, {job_id: current_timestamp() + FAILURE_TTL})
        pipe.execute()


def _orphaned(redis: Redis, keys: Keys, job: Job, now: float) -> bool:
    if not job.worker_name:
        return False
    started = job.started_at.timestamp() if job.started_at else 0.0
    if now - started < ORPHAN_GRACE:
        return False
    return not redis.exists(keys.worker_heartbeat(job.worker_name))


def requeue_orphans(redis: Redis, queues: Queues, keys: Keys, now: float | None = None) -> int:
    """Put back on their queue the started jobs whose worker's heartbeat has expired.

    A job is requeued only when its worker's heartbeat is still missing ORPHAN_CONFIRM seconds
    after it was first found missing: a worker that merely lost Redis for a while beats again
    as soon as Redis answers, and its job must not run twice."""
    lock = _lock(redis, keys, "orphans", 10)
    if lock is None:
        return 0
    now = time.time() if now is None else now
    suspects_key = keys.orphan_suspects
    suspects = {as_str(k): float(v) for k, v in redis.hgetall(suspects_key).items()}
    requeued, still_suspect = 0, set()
    try:
        for queue in queues.all:
            registry = queue.started_job_registry
            for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
                member = f"{job_id}:{execution_id}"
                job = _readable(job_id, queue)
                if job is None:
                    redis.zrem(registry.key, member)
                    continue
                if not _orphaned(redis, keys, job, now):
                    continue
                still_suspect.add(member)
                if member not in suspects:
                    redis.hset(suspects_key, member, str(now))
                elif now - suspects[member] >= ORPHAN_CONFIRM:
                    _requeue(redis, queue, registry.key, member, job)
                    still_suspect.discard(member)
                    requeued += 1
        stale = [m for m in suspects if m not in still_suspect]
        if stale:
            redis.hdel(suspects_key, *stale)
    finally:
        _release(lock)
    return requeued


def _requeue(redis: Redis, queue: Queue, registry_key: str, member: str, job: Job) -> None:
    with redis.pipeline() as pipe:
        pipe.multi()
        pipe.zrem(registry_key, member)
        queue._enqueue_job(job, pipeline=pipe, at_front=True)
        pipe.execute()
    log.warning("requeued job of a dead worker", extra={"job_id": job.id,
                                                         "worker": job.worker_name})


def trim(redis: Redis, keys: Keys, archive_window: float) -> int:
    """Bound the backtest archive (at most once a minute across all processes)."""
    if _lock(redis, keys, "trim", 60) is None:
        return 0
    return trim_archive(redis, keys, archive_window, time.time())  # lock expires on its own


def maintain(redis: Redis, queues: Queues, keys: Keys,
             archive_window: float | None = None) -> tuple[int, int]:
    """One maintenance pass: (promoted, requeued); trims the archive now and then."""
    if archive_window is not None:
        trim(redis, keys, archive_window)
    return promote_due(redis, queues, keys), requeue_orphans(redis, queues, keys)

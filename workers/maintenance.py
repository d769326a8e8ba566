"""Queue maintenance RQ leaves to slow timers: promote due retries, requeue orphaned jobs.

RQ moves scheduled jobs only from a worker's scheduler, and a job held by a SIGKILLed worker
stays in its StartedJobRegistry until the job's timeout plus a maintenance pass (up to ~15
minutes). wirewatch workers keep a short heartbeat key of their own instead, so any live process
can tell within seconds that a job's worker is gone and put the job back on its queue.
"""

from __future__ import annotations

import logging
import time
import uuid

from redis import Redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import ScheduledJobRegistry, StartedJobRegistry
from rq.serializers import JSONSerializer

from monitor.backtest import trim_archive
from monitor.keys import Keys
from monitor.queues import Queues

log = logging.getLogger("wirewatch.maintenance")
HEARTBEAT_TTL = 10  # seconds a worker's heartbeat key lives without refresh
ORPHAN_GRACE = 2.0  # a job started less than this ago may not have its worker's heartbeat yet
ORPHAN_CONFIRM = 3.0  # seconds a missing heartbeat must stay missing before a requeue


def worker_heartbeat_key(keys: Keys, worker_name: str) -> str:
    """Key that exists while the named worker process is alive."""
    return keys.heartbeat(f"worker:{worker_name}")


def beat(redis: Redis, keys: Keys, worker_name: str) -> None:
    """Refresh a worker's heartbeat."""
    redis.set(worker_heartbeat_key(keys, worker_name), str(time.time()), ex=HEARTBEAT_TTL)


def _locked(redis: Redis, keys: Keys, name: str, seconds: float) -> str | None:
    token = uuid.uuid4().hex
    ok = redis.set(f"{keys.prefix}:lock:{name}", token, nx=True, px=int(seconds * 1000))
    return token if ok else None


def _unlock(redis: Redis, keys: Keys, name: str, token: str) -> None:
    key = f"{keys.prefix}:lock:{name}"
    if redis.get(key) in (token, token.encode()):
        redis.delete(key)


def promote_due(redis: Redis, queues: Queues, keys: Keys, now: float | None = None) -> int:
    """Move scheduled jobs whose time has come onto their queues; returns how many."""
    token = _locked(redis, keys, "promote", 10)
    if token is None:
        return 0  # another process is promoting right now
    moved = 0
    try:
        for queue in queues.all:
            registry = ScheduledJobRegistry(queue=queue)
            ids = registry.get_jobs_to_schedule(int(now if now is not None else time.time()))
            if not ids:
                continue
            jobs = Job.fetch_many(ids, connection=redis, serializer=JSONSerializer)
            with redis.pipeline() as pipe:
                for job in jobs:
                    if job is not None:
                        queue._enqueue_job(job, pipeline=pipe)
                        moved += 1
                for job_id in ids:
                    registry.remove(job_id, pipeline=pipe)
                pipe.execute()
    finally:
        _unlock(redis, keys, "promote", token)
    return moved


def _orphaned(redis: Redis, keys: Keys, job: Job, now: float) -> bool:
    if not job.worker_name:
        return False
    started = job.started_at.timestamp() if job.started_at else 0.0
    if now - started < ORPHAN_GRACE:
        return False
    return not redis.exists(worker_heartbeat_key(keys, job.worker_name))


def requeue_orphans(redis: Redis, queues: Queues, keys: Keys, now: float | None = None) -> int:
    """Put back on their queue the started jobs whose worker's heartbeat has expired.

    A job is requeued only when its worker's heartbeat is still missing ORPHAN_CONFIRM seconds
    after it was first found missing: a worker that merely lost Redis for a while beats again
    as soon as Redis answers, and its job must not run twice."""
    token = _locked(redis, keys, "orphans", 10)
    if token is None:
        return 0
    now = time.time() if now is None else now
    suspects_key = f"{keys.prefix}:orphan-suspects"
    suspects = {_text(k): float(v) for k, v in redis.hgetall(suspects_key).items()}
    requeued, still_suspect = 0, set()
    try:
        for queue in queues.all:
            registry = StartedJobRegistry(queue=queue)
            for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
                member = f"{job_id}:{execution_id}"
                try:
                    job = Job.fetch(job_id, connection=redis, serializer=JSONSerializer)
                except NoSuchJobError:
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
        _unlock(redis, keys, "orphans", token)
    return requeued


def _requeue(redis: Redis, queue: Queue, registry_key: str, member: str, job: Job) -> None:
    with redis.pipeline() as pipe:
        pipe.multi()
        pipe.zrem(registry_key, member)
        queue._enqueue_job(job, pipeline=pipe, at_front=True)
        pipe.execute()
    log.warning("requeued job of a dead worker", extra={"job_id": job.id,
                                                         "worker": job.worker_name})


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def trim(redis: Redis, keys: Keys, archive_window: float) -> int:
    """Bound the backtest archive (at most once a minute across all processes)."""
    token = _locked(redis, keys, "trim", 60)
    if token is None:
        return 0
    return trim_archive(redis, keys, archive_window, time.time())  # lock expires on its own


def maintain(redis: Redis, queues: Queues, keys: Keys,
             archive_window: float | None = None) -> tuple[int, int]:
    """One maintenance pass: (promoted, requeued); trims the archive now and then."""
    if archive_window is not None:
        trim(redis, keys, archive_window)
    return promote_due(redis, queues, keys), requeue_orphans(redis, queues, keys)

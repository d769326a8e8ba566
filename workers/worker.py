"""The wirewatch worker: an RQ SimpleWorker (no fork per job, so the per-process context with
compiled rules and HTTP clients is reused) with JSON serialization, a heartbeat thread, and
queue maintenance. It runs only wirewatch's own job functions (`monitor.storage.jobs`): any
other job is moved to the failed registry, with its reason, before anything it names is
imported or called."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq.job import Job, JobStatus
from rq.queue import Queue
from rq.registry import clean_registries
from rq.results import Result
from rq.serializers import JSONSerializer
from rq.utils import now
from rq.worker import SimpleWorker
from rq.worker_registration import clean_worker_registry

from monitor.storage.jobs import WirewatchJob, job_refusal
from monitor.storage.queues import FAILURE_TTL
from workers import context as worker_context
from workers.context import WorkerContext
from workers.maintenance import any_due, beat, maintain, promote_due, refuse_unreadable

log = logging.getLogger("wirewatch.worker")
SHUTDOWN_GRACE = 30.0  # seconds in-flight jobs get after SIGTERM before a forced stop
MAINTENANCE_EVERY = 1.0
# Due retries are looked for this often (one Redis round trip), so a retry starts within about
# this much of its due time rather than up to a whole maintenance interval late.
PROMOTE_EVERY = 0.05
RETIRE_SIGNAL = signal.SIGUSR1  # a retirable worker's "stop before taking another job"
RETIRE_POLL = 1  # seconds: how soon an idle retiring worker notices


class WirewatchWorker(SimpleWorker):
    """SimpleWorker whose warm shutdown is bounded by SHUTDOWN_GRACE, and that refuses every job
    that is not one of wirewatch's own."""

    job_class = WirewatchJob
    retirable = False  # listen in RETIRE_POLL slices, so that `retire` is noticed when idle

    def retire(self, signum: int | None = None, frame: object = None) -> None:
        """Stop before taking another job, interrupting nothing: the job in hand finishes, a
        dequeue in progress returns a job (which runs) or nothing within RETIRE_POLL. A
        SIGTERM instead raises StopRequested wherever the worker is, and one that lands
        between RQ's dequeue and the job's start strands the job in RQ's intermediate queue."""
        self._stop_requested = True

    def execute_job(self, job: Job, queue: Queue) -> None:
        """Run `job` if the allow-list admits it; else fail it without running anything."""
        reason = job_refusal(job)
        if reason is None:
            super().execute_job(job, queue)
            return
        refuse(self, job, queue, reason)

    def clean_registries(self) -> None:
        """RQ's registry cleanup, queue by queue, where one unreadable entry (data anyone with
        write access to Redis can leave) is logged instead of stopping the worker for good:
        RQ runs this at start and every ten minutes, outside its error handling."""
        for queue in self.queues:
            if not queue.acquire_maintenance_lock():
                continue
            try:
                clean_registries(queue, self._exc_handlers)
                clean_worker_registry(queue)
                queue.intermediate_queue.cleanup(self, queue)
            except RedisError:
                raise
            except Exception:
                log.exception("registry cleanup failed", extra={"queue": queue.name})
            finally:
                queue.release_maintenance_lock()
        self.last_cleaned_at = now()

    def dequeue_job_and_maintain_ttl(self, timeout: int | None, max_idle_time: int | None = None,
                                     ) -> tuple[Job, Queue] | None:
        """RQ's dequeue, except that a job hash RQ cannot even read fails that job instead of
        stopping the worker (RQ quits its work loop on any error while fetching a job)."""
        while True:
            try:
                if not self.retirable:
                    return super().dequeue_job_and_maintain_ttl(timeout, max_idle_time)
                found = super().dequeue_job_and_maintain_ttl(RETIRE_POLL, RETIRE_POLL)
                if found is not None or self._stop_requested:
                    return found
            except RedisError:
                raise
            except Exception as exc:
                job_id, queue = getattr(exc, "job_id", None), getattr(exc, "queue", None)
                if job_id is None or queue is None:
                    raise
                refuse_unreadable(job_id, queue, exc)

    def request_stop(self, signum, frame):  # type: ignore[no-untyped-def]
        """First SIGTERM/SIGINT: finish the current job, but force a stop after the grace."""
        timer = threading.Timer(SHUTDOWN_GRACE, os.kill, args=(os.getpid(), signal.SIGTERM))
        timer.daemon = True
        timer.start()
        super().request_stop(signum, frame)

    def subscribe(self) -> None:
        """No command channel. RQ listens on a pubsub channel for `rq` CLI commands (shutdown,
        kill-horse, stop-job) that wirewatch does not use, and stopping that listener thread
        (redis-py's PubSubWorkerThread.stop joins it, and it may be waiting up to 60 s for a
        subscription) held a SIGTERM'd worker until its grace ran out, 30 s."""


def refuse(worker: SimpleWorker, job: Job, queue: Queue, reason: str) -> None:
    """Move a job that may not run to its queue's failed registry: no function, callback,
    retry, dependent or webhook of it is touched."""
    text = f"refused: {reason}"
    log.error("refused a job that is not wirewatch's",
              extra={"job_id": job.id, "queue": queue.name, "error": text})
    job.origin = queue.name  # a forged hash may name no queue, or another one
    job.ended_at = now()
    with worker.connection.pipeline() as pipe:
        job.set_status(JobStatus.FAILED, pipeline=pipe)
        pipe.lrem(queue.intermediate_queue_key, 1, job.id)
        queue.failed_job_registry.add(job, ttl=FAILURE_TTL, exc_string=text, pipeline=pipe)
        Result.create_failure(job, FAILURE_TTL, text, worker_name=worker.name, pipeline=pipe)
        pipe.hset(job.key, "exc_info", text)  # read back by RQ tools as the failure's reason
        worker.increment_failed_job_count(pipeline=pipe)
        pipe.execute()


def make_worker(ctx: WorkerContext, name: str | None = None, *,
                match_only: bool = False) -> WirewatchWorker:
    """A worker on the match queue, and unless `match_only` on every delivery queue too
    (`--burst`: one process does everything, one job at a time)."""
    queues = [ctx.queues.match] if match_only else list(ctx.queues.all)
    return WirewatchWorker(queues, connection=ctx.redis, serializer=JSONSerializer,
                           name=name, worker_ttl=60, job_class=WirewatchJob)


Beside = Callable[[WorkerContext, str], AbstractContextManager[object]]


@contextmanager
def _nothing(ctx: WorkerContext, name: str) -> Iterator[None]:
    yield


class Heartbeat:
    """Background thread: refresh the worker heartbeat and run maintenance every second, and
    (with maintenance) promote due retries within PROMOTE_EVERY of their due time."""

    def __init__(self, ctx: WorkerContext, worker_name: str, *, maintenance: bool = True):
        self.ctx = ctx
        self.worker_name = worker_name
        self.maintenance = maintenance
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        beat(self.ctx.redis, self.ctx.keys, self.worker_name)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)

    def _run(self) -> None:
        outage = False
        last_pass = time.monotonic()
        # during a Redis outage, retry at the maintenance pace rather than 20 times a second
        while not self.stop.wait(PROMOTE_EVERY if self.maintenance and not outage
                                 else MAINTENANCE_EVERY):
            try:
                if time.monotonic() - last_pass >= MAINTENANCE_EVERY or not self.maintenance:
                    last_pass = time.monotonic()
                    # first and on its own: no maintenance error may stop the heartbeat
                    beat(self.ctx.redis, self.ctx.keys, self.worker_name)
                    self._maintain()
                if self.maintenance and any_due(self.ctx.redis, self.ctx.queues):
                    promote_due(self.ctx.redis, self.ctx.queues, self.ctx.keys)
                outage = False
            except (RedisConnectionError, RedisTimeoutError) as exc:
                if not outage:
                    log.error("redis unavailable", extra={"error": str(exc)})
                    outage = True
            except Exception:  # keep beating whatever one pass did
                log.exception("maintenance pass failed")

    def _maintain(self) -> None:
        """The once-a-second chores (with maintenance): orphans, archive trimming."""
        if not self.maintenance:
            return
        try:
            maintain(self.ctx.redis, self.ctx.queues, self.ctx.keys,
                     self.ctx.config.settings.alerts.archive_window)
        except (RedisConnectionError, RedisTimeoutError):
            raise
        except Exception:  # logged here so that the due-retry promotion still runs
            log.exception("maintenance pass failed")


def run_burst(ctx: WorkerContext, *, match_only: bool = False) -> int:
    """Process queued work (the match queue only, with `match_only`), including scheduled
    retries that are due, until none is left.

    Returns the number of jobs that failed with an exception."""
    worker_context.install(ctx)
    failed = 0
    while True:
        maintain(ctx.redis, ctx.queues, ctx.keys)
        queues = [ctx.queues.match] if match_only else ctx.queues.all
        if not any(q.count for q in queues):
            return failed
        worker = make_worker(ctx, match_only=match_only)
        with Heartbeat(ctx, worker.name, maintenance=False):
            worker.work(burst=True, logging_level="WARNING")
        failed += worker.failed_job_count


def run_forever(ctx: WorkerContext, name: str | None = None, *, retirable: bool = False,
                beside: Beside | None = None) -> None:
    """Match until SIGTERM/SIGINT (or, `retirable`, RETIRE_SIGNAL: see `retire`); survives
    Redis outages by reconnecting with backoff, logged once per outage. Delivery jobs are
    not taken here: `beside` (given the worker's name) runs a delivery lane next to the
    match loop for as long as it runs (`workers.lane`)."""
    worker_context.install(ctx)

    def work() -> None:
        worker = make_worker(ctx, name, match_only=True)  # registering talks to Redis
        if retirable:
            worker.retirable = True
            signal.signal(RETIRE_SIGNAL, worker.retire)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {RETIRE_SIGNAL})  # one sent early
        with Heartbeat(ctx, worker.name), (beside or _nothing)(ctx, worker.name):
            worker.work(burst=False, logging_level="WARNING", with_scheduler=False,
                        max_idle_time=None)

    through_outages(work, "worker")


def through_outages(work: Callable[[], None], who: str) -> None:
    """Run `work` to its end; while Redis does not answer, start it again with a backoff (up
    to 30 s), logging once per outage that `who` waits."""
    delay = 1.0
    while True:
        try:
            work()
            return
        except (RedisConnectionError, RedisTimeoutError) as exc:
            if delay == 1.0:
                log.error(f"redis unavailable; {who} waiting", extra={"error": str(exc)})
            time.sleep(delay)
            delay = min(delay * 2, 30.0)

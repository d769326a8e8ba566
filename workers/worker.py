"""The wirewatch worker: an RQ SimpleWorker (no fork per job, so the per-process context with
compiled rules and HTTP clients is reused) with JSON serialization, a heartbeat thread, and
queue maintenance."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq.serializers import JSONSerializer
from rq.worker import SimpleWorker

from workers import context as worker_context
from workers.context import WorkerContext
from workers.maintenance import beat, maintain

log = logging.getLogger("wirewatch.worker")
SHUTDOWN_GRACE = 30.0  # seconds in-flight jobs get after SIGTERM before a forced stop
MAINTENANCE_EVERY = 1.0
PUBSUB_POLL = 0.5  # seconds the command-channel thread waits per read; bounds its stop


class WirewatchWorker(SimpleWorker):
    """SimpleWorker whose warm shutdown is bounded by SHUTDOWN_GRACE, and whose teardown is
    prompt."""

    def subscribe(self) -> None:
        """RQ's subscribe, with a short read timeout for the command-channel thread.

        RQ starts that thread with `sleep_time=60`, and its teardown sends UNSUBSCRIBE and then
        stops the thread. If the thread reads the UNSUBSCRIBE reply before the stop flag is
        cleared, it loops into a 60 s wait for a new subscription; redis-py 8's
        `PubSubWorkerThread.stop()` joins the thread, so `work()` then returns 60 s late. That
        is how a `worker --burst` sometimes took a minute (a delayed retry seen 60 s late) and,
        past SHUTDOWN_GRACE, how a stop could end in a cold shutdown."""
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(
            sleep_time=PUBSUB_POLL, daemon=True,
            exception_handler=self._pubsub_exception_handler)

    def request_stop(self, signum, frame):  # type: ignore[no-untyped-def]
        """First SIGTERM/SIGINT: finish the current job, but force a stop after the grace."""
        timer = threading.Timer(SHUTDOWN_GRACE, os.kill, args=(os.getpid(), signal.SIGTERM))
        timer.daemon = True
        timer.start()
        super().request_stop(signum, frame)


def make_worker(ctx: WorkerContext, name: str | None = None) -> WirewatchWorker:
    """A worker on the delivery and match queues of the context."""
    return WirewatchWorker(list(ctx.queues.all), connection=ctx.redis, serializer=JSONSerializer,
                           name=name, worker_ttl=60)


class Heartbeat:
    """Background thread: refresh the worker heartbeat and run maintenance every second."""

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
        while not self.stop.wait(MAINTENANCE_EVERY):
            try:
                beat(self.ctx.redis, self.ctx.keys, self.worker_name)
                if self.maintenance:
                    maintain(self.ctx.redis, self.ctx.queues, self.ctx.keys,
                             self.ctx.config.settings.alerts.archive_window)
                outage = False
            except (RedisConnectionError, RedisTimeoutError) as exc:
                if not outage:
                    log.error("redis unavailable", extra={"error": str(exc)})
                    outage = True
            except Exception:  # keep beating whatever one pass did
                log.exception("maintenance pass failed")


def run_burst(ctx: WorkerContext) -> int:
    """Process queued work, including scheduled retries that are due, until none is left.

    Returns the number of jobs that failed with an exception."""
    worker_context.install(ctx)
    failed = 0
    while True:
        maintain(ctx.redis, ctx.queues, ctx.keys)
        if not any(q.count for q in ctx.queues.all):
            return failed
        worker = make_worker(ctx)
        with Heartbeat(ctx, worker.name, maintenance=False):
            worker.work(burst=True, logging_level="WARNING")
        failed += worker.failed_job_count


def run_forever(ctx: WorkerContext, name: str | None = None) -> None:
    """Work until SIGTERM/SIGINT; survives Redis outages by reconnecting with backoff, logged
    once per outage."""
    worker_context.install(ctx)
    delay = 1.0
    while True:
        try:
            worker = make_worker(ctx, name)  # registering talks to Redis already
            with Heartbeat(ctx, worker.name):
                worker.work(burst=False, logging_level="WARNING", with_scheduler=False,
                            max_idle_time=None)
            return
        except (RedisConnectionError, RedisTimeoutError) as exc:
            if delay == 1.0:
                log.error("redis unavailable; worker waiting", extra={"error": str(exc)})
            time.sleep(delay)
            delay = min(delay * 2, 30.0)

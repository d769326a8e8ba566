"""The delivery lane: deliveries run concurrently, apart from matching, one queue per destination.

A match worker that also delivered sat in every webhook's HTTP call: a 50 ms receiver held
matching to a few hundred items/s, and one hung receiver held every alert behind it. Here each
destination has its own RQ queue (`<prefix>-deliver:<id>`, `monitor.storage.queues`), and a
lane takes jobs from all of them and runs each on a thread of its own, with at most
`concurrency` (destinations.yaml, default 8) requests in flight per destination and
`alerts.max_in_flight` (default 64) in all. A destination at its cap is not taken from, so a
hung one fills its own slots only and the others keep flowing.

A job is claimed by one Lua script that pops it and, in the same step, enters it in its
queue's StartedJobRegistry under the lane's name (`<job id>:claimed`) and marks the job hash
started by this lane: there is no moment when a SIGKILL could lose it. The lane keeps the
heartbeat of any wirewatch worker (`workers.maintenance`), so the claimed or running job of a
killed lane is put back on its queue within seconds by any live process; the alert store's
"delivered" mark keeps a re-run from posting what was already accepted. The job itself then
runs through RQ's own bookkeeping (execution record, results, crash retries, the dead-letter
callback, the allow-list) on a `LaneSlot`, one RQ worker object per job in flight, since such
an object holds the one execution it runs.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq.executions import Execution
from rq.job import Job
from rq.queue import Queue
from rq.serializers import JSONSerializer
from rq.timeouts import TimerDeathPenalty
from rq.utils import now, utcformat
from rq.worker import WorkerStatus

from monitor.settings import DestinationConfig
from monitor.storage.codec import as_str
from monitor.storage.jobs import WirewatchJob, job_refusal
from monitor.storage.queues import DELIVER_TIMEOUT
from workers import context as worker_context
from workers.context import WorkerContext
from workers.maintenance import refuse_unreadable
from workers.worker import (
    SHUTDOWN_GRACE,
    Heartbeat,
    WirewatchWorker,
    refuse,
    run_forever,
    through_outages,
)

log = logging.getLogger("wirewatch.lane")
CLAIMED = "claimed"  # the execution part of a claimed job's StartedJobRegistry entry
CLAIM_TTL = DELIVER_TIMEOUT + 60  # the entry's score, as RQ scores its own executions
IDLE_WAIT_MIN = 0.002  # seconds: after a job, look again almost at once
IDLE_WAIT_MAX = 0.05  # an idle lane looks 20 times a second: a new alert waits ≤ 50 ms
DISCOVER_EVERY = 1.0  # seconds between two reads of which destination queues exist
BEAT_EVERY = 10.0  # seconds between two refreshes of the lane's RQ worker record
# the cap of a queue whose destination is not configured (removed, or the shared queue)
DEFAULT_CONCURRENCY: int = DestinationConfig.model_fields["concurrency"].default
CLEAN_EVERY = 600.0  # seconds between two cleanups of the delivery queues' RQ registries

# KEYS: (queue, its StartedJobRegistry) pairs, in the order to try them. ARGV: registry
# score, lane name, started_at, job key prefix, execution part. Returns {pair index, job id,
# 1} for a claimed job, {pair index, job id, 0} for an id whose job hash is gone, or nil.
CLAIM_SCRIPT = """
for i = 1, #KEYS, 2 do
  local id = redis.call('LPOP', KEYS[i])
  if id then
    local key = ARGV[4] .. id
    if redis.call('EXISTS', key) == 0 then
      return {i, id, 0}
    end
    redis.call('ZADD', KEYS[i + 1], ARGV[1], id .. ':' .. ARGV[5])
    redis.call('HSET', key, 'status', 'started', 'worker_name', ARGV[2], 'started_at', ARGV[3])
    return {i, id, 1}
  end
end
return nil
"""


class LaneSlot(WirewatchWorker):
    """RQ's bookkeeping for one delivery in flight. Every slot of a lane carries the lane's
    name, so the jobs it runs are the lane's for the heartbeat and for `status`. Its timeout
    works from any thread (RQ's default one needs the main thread's SIGALRM)."""

    death_penalty_class = TimerDeathPenalty

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.claim_member = ""

    def execute_job(self, job: Job, queue: Queue) -> None:
        """Run `job` if the allow-list admits it, else fail it; either way its claim ends.
        (No IDLE state afterwards: other deliveries of the lane may still be running.)"""
        reason = job_refusal(job)
        if reason is not None:
            refuse(self, job, queue, reason)
            self.connection.zrem(queue.started_job_registry.key, self.claim_member)
            return
        self.prepare_execution(job)
        self.perform_job(job, queue)

    def prepare_execution(self, job: Job) -> Execution:
        """RQ's execution record, with the claim replaced by it in one transaction: the job
        is in the registry once at every moment, so an orphan is requeued once."""
        with self.connection.pipeline() as pipe:
            self.execution = Execution.create(job, self.get_heartbeat_ttl(job), pipeline=pipe,
                                              worker_name=self.name)
            pipe.zrem(job.started_job_registry.key, self.claim_member)
            self.set_state(WorkerStatus.BUSY, pipeline=pipe)
            pipe.execute()
        return self.execution


def make_slot(ctx: WorkerContext, name: str | None) -> LaneSlot:
    """An RQ worker object named `name` on the shared delivery queue (where `status` finds
    a registered lane)."""
    return LaneSlot([ctx.queues.deliver], connection=ctx.redis, serializer=JSONSerializer,
                    name=name, worker_ttl=60, job_class=WirewatchJob)


class DeliveryLane:
    """Takes delivery jobs from every destination queue and runs them concurrently, within
    each destination's `concurrency` and the lane's `alerts.max_in_flight`."""

    def __init__(self, ctx: WorkerContext, name: str, *, own_record: bool = False) -> None:
        self.ctx = ctx
        self.name = name
        self.own_record = own_record  # the RQ worker record is the lane's (shown idle when idle)
        self.stop = threading.Event()
        self._changed = threading.Condition()  # notified when a delivery ends
        self._running: dict[str, int] = {}  # queue name -> deliveries in flight
        self._total = 0
        self._slots: list[LaneSlot] = []  # idle slots, reused
        self._claim = ctx.redis.register_script(CLAIM_SCRIPT)
        self._queues: list[Queue] = []
        self._discovered_at = 0.0
        self._turn = 0
        self._cleaned_at = time.monotonic()

    @property
    def in_flight(self) -> int:
        """Deliveries running now."""
        return self._total

    # -- the dispatch loop -----------------------------------------------------------------

    def run(self) -> None:
        """Claim and start deliveries until `request_stop`; then let those in flight finish
        for up to SHUTDOWN_GRACE (what is still running is requeued once the process is
        gone, as after a SIGKILL)."""
        wait, outage = IDLE_WAIT_MIN, False
        while not self.stop.is_set():
            try:
                started = self._claim_next()
                outage = False
            except (RedisConnectionError, RedisTimeoutError) as exc:
                if not outage:
                    log.error("redis unavailable; delivery lane waiting", extra={"error": str(exc)})
                outage = True
                self.stop.wait(1.0)
                continue
            except Exception:  # whatever one claim did, the lane keeps delivering
                log.exception("delivery lane: claiming a job failed; trying again in 1 s")
                self.stop.wait(1.0)
                continue
            if started:
                wait = IDLE_WAIT_MIN
                continue
            if time.monotonic() - self._cleaned_at >= CLEAN_EVERY:
                self._clean_registries()
            with self._changed:
                self._changed.wait(wait)
            wait = min(wait * 2, IDLE_WAIT_MAX)
        self.drain(SHUTDOWN_GRACE)

    def request_stop(self, *_: object) -> None:
        """Take no more jobs (a signal handler, or any thread)."""
        self.stop.set()

    def drain(self, grace: float) -> bool:
        """Wait up to `grace` seconds for the deliveries in flight; True if none is left."""
        deadline = time.monotonic() + grace
        with self._changed:
            while self._total and time.monotonic() < deadline:
                self._changed.wait(min(0.1, max(0.0, deadline - time.monotonic())))
            left = self._total
        if left:
            log.warning("deliveries still in flight at the end of the grace; they are "
                        "requeued once this process is gone", extra={"in_flight": left})
        return not left

    def _claim_next(self) -> bool:
        """Claim one job from a destination below its cap and start it; False if none."""
        if self._total >= self.ctx.config.settings.alerts.max_in_flight:
            return False
        open_queues = [q for q in self._delivery_queues()
                       if self._running.get(q.name, 0) < self._cap(q)]
        if not open_queues:
            return False
        self._turn = (self._turn + 1) % len(open_queues)  # round robin: no destination first
        order = open_queues[self._turn:] + open_queues[:self._turn]
        keys = [key for q in order for key in (q.key, q.started_job_registry.key)]
        found = self._claim(keys=keys, args=[time.time() + CLAIM_TTL, self.name,
                                             utcformat(now()), Job.redis_job_namespace_prefix,
                                             CLAIMED])
        if not found:
            return False
        index, job_id, claimed = int(found[0]), as_str(found[1]), int(found[2])
        if claimed:
            self._start(order[(index - 1) // 2], job_id)
        return True

    def _clean_registries(self) -> None:
        """RQ's registry cleanup for the delivery queues (expired results and failures,
        executions past their time), which a match worker does for its own queue only."""
        self._cleaned_at = time.monotonic()
        try:
            cleaner = WirewatchWorker(self._delivery_queues(), connection=self.ctx.redis,
                                      serializer=JSONSerializer, job_class=WirewatchJob)
            cleaner.clean_registries()
        except (RedisConnectionError, RedisTimeoutError):
            raise
        except Exception:  # a cleanup never stops deliveries
            log.exception("delivery queue cleanup failed")

    def _cap(self, queue: Queue) -> int:
        dest_id = self.ctx.queues.destination_of(queue)
        dest = self.ctx.config.destination(dest_id) if dest_id is not None else None
        return dest.concurrency if dest is not None else DEFAULT_CONCURRENCY

    def _delivery_queues(self) -> list[Queue]:
        """The configured destinations' queues at once; those of others (removed from the
        config, or the shared queue of earlier versions) as found in Redis each second."""
        queues = self.ctx.queues
        if time.monotonic() - self._discovered_at >= DISCOVER_EVERY:
            self._queues = queues.delivery_queues()
            self._discovered_at = time.monotonic()
        known = {q.name for q in self._queues}
        configured = [queues.deliver_to(d.id) for d in self.ctx.config.destinations]
        return self._queues + [q for q in configured if q.name not in known]

    # -- one delivery ------------------------------------------------------------------------

    def _start(self, queue: Queue, job_id: str) -> None:
        with self._changed:
            self._running[queue.name] = self._running.get(queue.name, 0) + 1
            self._total += 1
            slot = self._slots.pop() if self._slots else make_slot(self.ctx, self.name)
        # a daemon thread: a request hung past the grace does not hold the process's exit
        threading.Thread(target=self._deliver, args=(slot, queue, job_id),
                         name=f"deliver-{job_id}", daemon=True).start()

    def _deliver(self, slot: LaneSlot, queue: Queue, job_id: str) -> None:
        slot.claim_member = f"{job_id}:{CLAIMED}"
        try:
            job = self._fetch(queue, job_id)
            if job is None:
                self.ctx.redis.zrem(queue.started_job_registry.key, slot.claim_member)
            else:
                job.origin = queue.name  # the registry it was claimed into, whatever the hash says
                slot.execute_job(job, queue)
        except Exception:  # a Redis failure mid-job: the job stays registered, as in RQ
            log.exception("delivery job failed in the lane", extra={"job_id": job_id})
        finally:
            with self._changed:
                self._running[queue.name] -= 1
                self._total -= 1
                self._slots.append(slot)
                self._changed.notify_all()
                idle = not self._total
            if idle and self.own_record:
                self._set_idle(slot)

    @staticmethod
    def _set_idle(slot: LaneSlot) -> None:
        # on an outage it is shown busy a little longer; the lane's loop logs the outage
        with contextlib.suppress(RedisConnectionError, RedisTimeoutError):
            slot.set_state(WorkerStatus.IDLE)

    @staticmethod
    def _fetch(queue: Queue, job_id: str) -> WirewatchJob | None:
        """The claimed job, or None when its hash cannot be read (failed with the reason)."""
        try:
            return WirewatchJob.fetch(job_id, connection=queue.connection,
                                      serializer=JSONSerializer)
        except (RedisConnectionError, RedisTimeoutError):
            raise
        except Exception as exc:  # a hash anyone with write access to Redis can garble
            refuse_unreadable(job_id, queue, exc)
            return None


@contextmanager
def lane_beside(ctx: WorkerContext, name: str) -> Iterator[DeliveryLane]:
    """A delivery lane on a thread of its own beside a match worker named `name` (plain
    `wirewatch worker`): deliveries never hold matching up. On exit it stops taking jobs and
    lets those in flight finish within the grace."""
    lane = DeliveryLane(ctx, name)
    thread = threading.Thread(target=lane.run, name="delivery-lane", daemon=True)
    thread.start()
    try:
        yield lane
    finally:
        lane.request_stop()
        thread.join(SHUTDOWN_GRACE + 1)


def run_lane(ctx: WorkerContext, name: str | None = None) -> None:
    """`wirewatch worker --lane deliver`: a delivery lane process, registered as an RQ
    worker (for `status`) and beating like any worker, until SIGTERM/SIGINT; survives Redis
    outages by waiting them out."""
    worker_context.install(ctx)

    def work() -> None:
        identity = make_slot(ctx, name)  # RQ names it when `name` is None
        lane = DeliveryLane(ctx, identity.name, own_record=True)
        signal.signal(signal.SIGTERM, lane.request_stop)
        signal.signal(signal.SIGINT, lane.request_stop)
        identity.register_birth()
        identity.set_state(WorkerStatus.IDLE)
        try:
            with Heartbeat(ctx, lane.name), _beating(identity, lane):
                lane.run()
        finally:
            identity.register_death()

    through_outages(work, "delivery lane")


@contextmanager
def _beating(identity: LaneSlot, lane: DeliveryLane) -> Iterator[None]:
    """Keep the lane's RQ worker record alive (RQ drops a worker not heard of in its TTL)."""
    done = threading.Event()

    def beat() -> None:
        while not done.wait(BEAT_EVERY):
            with contextlib.suppress(RedisConnectionError, RedisTimeoutError):
                identity.heartbeat()  # an outage is logged by the lane's own loop
    thread = threading.Thread(target=beat, name="lane-record", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()


LANES = ("all", "match", "deliver")


def run_worker(ctx: WorkerContext, lane: str = "all", name: str | None = None, *,
               retirable: bool = False) -> None:
    """A long-running worker process of one lane: `match` (match jobs only), `deliver` (a
    delivery lane) or `all` (a match worker with a delivery lane beside it)."""
    if lane == "deliver":
        run_lane(ctx, name)
    elif lane == "match":
        run_forever(ctx, name, retirable=retirable)
    else:
        run_forever(ctx, name, retirable=retirable, beside=lane_beside)

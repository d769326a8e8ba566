"""RQ queues with the JSON serializer (never pickle) and `WirewatchJob` (only wirewatch's own job
functions run): whoever can write to Redis must not choose the code a worker runs."""

from __future__ import annotations

from dataclasses import dataclass, field

from redis import Redis
from rq import Callback, Queue, Retry
from rq.serializers import JSONSerializer

from monitor.storage.codec import as_str
from monitor.storage.jobs import DELIVER_FAILED, DELIVER_JOB, MATCH_JOB, WirewatchJob

__all__ = ["DELIVER_FAILED", "DELIVER_JOB", "DELIVER_TIMEOUT", "FAILURE_TTL", "MATCH_JOB",
           "MATCH_TIMEOUT", "RESULT_TTL", "Queues", "crash_retry", "delivery_failure_callback",
           "make_queues"]
MATCH_TIMEOUT = 300
DELIVER_TIMEOUT = 120
RESULT_TTL = 3600
FAILURE_TTL = 30 * 86400


@dataclass(frozen=True)
class Queues:
    """The queues of a deployment: matching, and one delivery queue per destination
    (`<prefix>-deliver:<destination id>`), so that a delivery lane can take work from each
    destination separately and a slow one never holds the others back.

    `deliver` is the shared delivery queue of earlier versions: jobs left in it are still
    delivered, nothing new is queued there."""

    match: Queue
    deliver: Queue
    _made: dict[str, Queue] = field(default_factory=dict, compare=False, repr=False)

    @property
    def delivery_prefix(self) -> str:
        """Name prefix of the per-destination delivery queues."""
        return f"{self.deliver.name}:"

    def deliver_to(self, destination_id: str) -> Queue:
        """The delivery queue of one destination."""
        queue = self._made.get(destination_id)
        if queue is None:
            queue = _queue(self.match.connection, self.delivery_prefix + destination_id,
                           DELIVER_TIMEOUT)
            self._made[destination_id] = queue
        return queue

    def destination_of(self, queue: Queue) -> str | None:
        """The destination id of a per-destination delivery queue (None: the shared one)."""
        name = queue.name
        return name[len(self.delivery_prefix):] if name.startswith(self.delivery_prefix) else None

    def delivery_queues(self) -> list[Queue]:
        """The shared delivery queue, then every destination queue that ever held a job, read
        from RQ's set of queue keys (a job queued or scheduled adds its queue there)."""
        key_prefix = self.deliver.key + ":"
        members = sorted(as_str(k) for k in self.match.connection.smembers(Queue.redis_queues_keys))
        ids = [key[len(key_prefix):] for key in members if key.startswith(key_prefix)]
        return [self.deliver, *(self.deliver_to(dest_id) for dest_id in ids)]

    @property
    def all(self) -> tuple[Queue, ...]:
        """Delivery first, so alerts already created go out before new items are matched."""
        return (*self.delivery_queues(), self.match)


def _queue(redis: Redis, name: str, timeout: int) -> Queue:
    return Queue(name, connection=redis, serializer=JSONSerializer, default_timeout=timeout,
                 job_class=WirewatchJob)


def make_queues(redis: Redis, prefix: str = "wirewatch") -> Queues:
    """Queues bound to an injected connection."""
    return Queues(match=_queue(redis, f"{prefix}-match", MATCH_TIMEOUT),
                  deliver=_queue(redis, f"{prefix}-deliver", DELIVER_TIMEOUT))


def crash_retry() -> Retry:
    """RQ-level retries for a job that raised (a bug, Redis failing mid-job). Both stages are
    idempotent (alerts are created once; a delivered alert is not sent again), so re-running is
    safe. Receiver failures are not exceptions: they follow `retry_schedule` instead."""
    return Retry(max=3, interval=[10, 60, 300])


def delivery_failure_callback() -> Callback:
    """Dead-letters a delivery whose job crashed beyond its retries."""
    return Callback(DELIVER_FAILED)

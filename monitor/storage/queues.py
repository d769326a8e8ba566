"""RQ queues with the JSON serializer (never pickle) and `WirewatchJob` (only wirewatch's own job
functions run): whoever can write to Redis must not choose the code a worker runs."""

from __future__ import annotations

from dataclasses import dataclass

from redis import Redis
from rq import Callback, Queue, Retry
from rq.serializers import JSONSerializer

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
    """The two queues of a deployment: matching and delivery."""

    match: Queue
    deliver: Queue

    @property
    def all(self) -> tuple[Queue, Queue]:
        """Delivery first, so alerts already created go out before new items are matched."""
        return (self.deliver, self.match)


def make_queues(redis: Redis, prefix: str = "wirewatch") -> Queues:
    """Queues bound to an injected connection."""
    def make(name: str, timeout: int) -> Queue:
        return Queue(f"{prefix}-{name}", connection=redis, serializer=JSONSerializer,
                     default_timeout=timeout, job_class=WirewatchJob)
    return Queues(match=make("match", MATCH_TIMEOUT), deliver=make("deliver", DELIVER_TIMEOUT))


def crash_retry() -> Retry:
    """RQ-level retries for a job that raised (a bug, Redis failing mid-job). Both stages are
    idempotent (alerts are created once; a delivered alert is not sent again), so re-running is
    safe. Receiver failures are not exceptions: they follow `retry_schedule` instead."""
    return Retry(max=3, interval=[10, 60, 300])


def delivery_failure_callback() -> Callback:
    """Dead-letters a delivery whose job crashed beyond its retries."""
    return Callback(DELIVER_FAILED)

"""RQ queues with the JSON serializer (never pickle: whoever can write to Redis must not run code)."""

from __future__ import annotations

from dataclasses import dataclass

from redis import Redis
from rq import Queue
from rq.serializers import JSONSerializer

MATCH_JOB = "workers.jobs.match_items"
DELIVER_JOB = "workers.jobs.deliver_alert"
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
                     default_timeout=timeout)
    return Queues(match=make("match", MATCH_TIMEOUT), deliver=make("deliver", DELIVER_TIMEOUT))

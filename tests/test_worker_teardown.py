"""A worker's teardown is prompt: RQ's command-channel thread must not hold `work()` for a minute.

RQ's listener thread reads with a 60 s timeout and redis-py 8 joins it on stop, so about one burst
in ten ended 60 s late when another thread competed for the GIL (as the heartbeat thread does).
The spinning thread below recreates that contention."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from redis import Redis
from rq import Queue
from rq.serializers import JSONSerializer

from workers.worker import WirewatchWorker

PROMPT = 3.0  # seconds: far below the 60 s of the fault, far above a normal teardown


@pytest.fixture
def gil_contention() -> Iterator[None]:
    """A thread that keeps asking for the GIL while the test runs."""
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            sum(range(1000))
            time.sleep(0.0005)

    thread = threading.Thread(target=spin, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=5)


def test_burst_worker_teardown_is_prompt(redis: Redis, gil_contention: None) -> None:
    queue = Queue("teardown-probe", connection=redis, serializer=JSONSerializer)
    slowest = 0.0
    for _ in range(40):
        worker = WirewatchWorker([queue], connection=redis, serializer=JSONSerializer)
        began = time.monotonic()
        worker.work(burst=True, logging_level="WARNING")
        slowest = max(slowest, time.monotonic() - began)
    assert slowest < PROMPT, f"a burst worker took {slowest:.1f} s to stop"

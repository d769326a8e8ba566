"""A stopped worker stops promptly: SIGTERM of an idle `wirewatch worker` ends within 2 s."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

from redis import Redis

from monitor.config import load_config
from tests.helpers import spawn_wirewatch, wait_until, write_config
from workers.context import WorkerContext
from workers.worker import make_worker


def _registered_workers(redis: Redis) -> int:
    return len(redis.smembers("rq:workers"))


def _idle(redis: Redis) -> bool:
    """The only registered worker waits in its blocking dequeue (where a stop used to hang)."""
    names = redis.smembers("rq:workers")
    return len(names) == 1 and all(redis.hget(n, "state") == b"idle" for n in names)


def test_sigterm_of_an_idle_worker_ends_within_2s(tmp_path: Path, redis_url: str,
                                                  redis: Redis) -> None:
    config = write_config(tmp_path / "cfg", redis_url=redis_url, feeds=[],
                          destinations=[{"id": "log", "type": "log"}])
    for _ in range(5):
        proc = spawn_wirewatch(config, "worker")
        try:
            assert wait_until(lambda: _idle(redis), 20), "worker never became idle"
            began = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=10) == 0
            assert time.monotonic() - began < 2.0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert wait_until(lambda: _registered_workers(redis) == 0, 5)


def test_the_worker_starts_no_command_listener_thread(tmp_path: Path, redis_url: str,
                                                      redis: Redis) -> None:
    """RQ's pubsub listener is what held a stopping worker for 30 s; wirewatch has none."""
    config = load_config(write_config(tmp_path / "cfg", redis_url=redis_url, feeds=[],
                                      destinations=[{"id": "log", "type": "log"}]))
    ctx = WorkerContext(config, redis)
    try:
        worker = make_worker(ctx)
        before = {t.name for t in threading.enumerate()}
        worker.work(burst=True, logging_level="WARNING")
        assert worker.pubsub_thread is None
        assert {t.name for t in threading.enumerate()} <= before
    finally:
        ctx.close()

"""A stopped worker stops promptly: SIGTERM of an idle `wirewatch worker` ends within 2 s."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from redis import Redis

from monitor.config import load_config
from tests.helpers import rss, spawn_wirewatch, timed_stop, wait_until, write_config
from tests.servers import FeedDoc, FeedServer
from tests.stories import DEFENSE_STORY
from workers.context import WorkerContext
from workers.worker import make_worker


def _registered_workers(redis: Redis) -> int:
    return len(redis.smembers("rq:workers"))


def _idle(redis: Redis, count: int = 1) -> bool:
    """The `count` registered workers are idle: a match worker waiting in its blocking dequeue
    (where a stop used to hang), and under `run` the delivery lane too."""
    names = redis.smembers("rq:workers")
    return len(names) == count and all(redis.hget(n, "state") == b"idle" for n in names)


def test_sigterm_of_an_idle_worker_ends_within_2s(tmp_path: Path, redis_url: str,
                                                  redis: Redis) -> None:
    config = write_config(tmp_path / "cfg", redis_url=redis_url, feeds=[],
                          destinations=[{"id": "log", "type": "log"}])
    for _ in range(5):
        proc = spawn_wirewatch(config, "worker")
        try:
            assert wait_until(lambda: _idle(redis), 20), "worker never became idle"
        finally:
            code, took = timed_stop(proc)
        assert code == 0 and took < 2.0
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


@pytest.mark.slow
@pytest.mark.timeout(150)
def test_sigterm_of_run_ends_within_2s_five_times(tmp_path: Path, redis_url: str, redis: Redis,
                                                  feed_server: FeedServer) -> None:
    """The daemon with its worker, polling every second. The 30 s stops happened at random
    (a race in the worker's teardown, more likely the longer it ran), so one stop proves
    little: five in a row, each within 2 s."""
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": "1s"}],
        destinations=[{"id": "log", "type": "log", "path": str(tmp_path / "alerts.jsonl")}])
    for _ in range(5):
        proc = spawn_wirewatch(config, "run")
        try:
            polls = len(feed_server.hits("/wire.xml"))
            assert wait_until(lambda p=polls: len(feed_server.hits("/wire.xml")) >= p + 2
                              and _idle(redis, 2), 30), "the daemon never settled"
        finally:
            code, took = timed_stop(proc)
        assert code == 0 and took < 2.0
        assert wait_until(lambda: _registered_workers(redis) == 0, 5)
    assert (tmp_path / "alerts.jsonl").read_text().count("ru-az-defense") == 1

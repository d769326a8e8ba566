"""Several poller processes share one schedule: each feed once per round, never concurrently."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
from redis import Redis
from rq import Queue
from rq.serializers import JSONSerializer

from tests.helpers import rss, spawn_wirewatch, wait_until, write_config
from tests.servers import FeedDoc, FeedServer

FEEDS = 200
INTERVAL = 3.0
RUN_SECONDS = 10.0  # after the first fetch: about three rounds


@pytest.mark.slow
def test_three_pollers_fetch_each_feed_once_per_round(tmp_path: Path, redis_url: str,
                                                      feed_server: FeedServer) -> None:
    for n in range(FEEDS):
        feed_server.docs[f"/f{n}.xml"] = FeedDoc(
            rss([{"title": f"Story {n}", "guid": f"g-{n}", "description": "text"}]),
            validators=n % 2 == 0)
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": f"f{n}", "url": feed_server.url(f"/f{n}.xml"), "interval": f"{INTERVAL}s"}
               for n in range(FEEDS)],
        destinations=[{"id": "log", "type": "log"}],
        settings={"poll": {"per_host": 8, "concurrency": 8}})
    pollers = [spawn_wirewatch(config, "poll") for _ in range(3)]
    wait_until(lambda: feed_server.requests, 30)  # interpreters starting
    time.sleep(RUN_SECONDS)  # the observation window: about three rounds
    for proc in pollers:
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    rounds = []
    for n in range(FEEDS):
        hits = sorted(feed_server.hits(f"/f{n}.xml"), key=lambda r: r["at"])
        assert len(hits) >= 2, f"feed {n} polled {len(hits)} times"
        rounds.append(len(hits))
        for before, after in zip(hits, hits[1:], strict=False):
            assert before["end"] is not None and after["at"] >= before["end"], "concurrent fetch"
            # server-side arrival times jitter against the poll start; a double fetch in one
            # round would be milliseconds apart
            assert after["at"] - before["at"] >= INTERVAL * 0.5, f"feed {n} fetched twice a round"
    assert max(rounds) <= RUN_SECONDS / INTERVAL + 1

    redis = Redis.from_url(redis_url)
    queue = Queue("wirewatch-match", connection=redis, serializer=JSONSerializer)
    keys = [item["key"] for job in queue.get_jobs() for item in job.args[1]]
    assert len(keys) == FEEDS == len(set(keys)), "an item was enqueued twice (or lost)"
    titles = {item["title"] for job in queue.get_jobs() for item in job.args[1]}
    assert titles == {f"Story {n}" for n in range(FEEDS)}
    assert json.dumps(queue.get_jobs()[0].args)  # JSON job arguments

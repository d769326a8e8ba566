"""Fault injection on the real Redis, real worker processes and a real local receiver."""

from __future__ import annotations

import pickle
import signal
import subprocess
import time
from pathlib import Path

import pytest
from redis import Redis
from rq import Queue, Worker
from rq.job import Job
from rq.serializers import JSONSerializer

from monitor.cli import main
from monitor.models import Item
from monitor.storage.queues import make_queues
from tests.helpers import SECRET, bursts_until, rss, spawn_wirewatch, wait_until, write_config
from tests.servers import FeedDoc, FeedServer, WebhookReceiver
from tests.stories import DEFENSE_STORY, EXTRA_DEFENSE_STORY


def cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


spawn = spawn_wirewatch


def terminate(*procs: subprocess.Popen[bytes]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()


def setup(tmp_path: Path, redis_url: str, feed_server: FeedServer, receiver: WebhookReceiver,
          stories: list[dict[str, str]] | None = None, **settings: object) -> Path:
    feed_server.docs["/wire.xml"] = FeedDoc(rss(stories or [DEFENSE_STORY]))
    return write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": "1s"}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        settings=settings or None)


@pytest.mark.slow
def test_500_500_200_one_delivery_same_id(tmp_path: Path, redis_url: str,
                                          feed_server: FeedServer,
                                          receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, plan=[500, 500])
    receivers.append(receiver)
    # retries a second apart, so each attempt has its own (whole-second) webhook-timestamp
    config = setup(tmp_path, redis_url, feed_server, receiver,
                   alerts={"retry_schedule": ["1s", "1s"], "retry_jitter": 0})
    assert cli(config, "poll", "--once") == 0
    bursts_until(config, lambda: len(receiver.received) >= 3)
    time.sleep(0.5)  # a window for a wrong fourth attempt to come due, then one more burst
    cli(config, "worker", "--burst")
    got = receiver.received
    assert [r.status for r in got] == [500, 500, 200]
    assert len({r.headers["webhook-id"] for r in got}) == 1
    assert all(r.verified for r in got)
    # a fresh timestamp and so a fresh signature each time
    assert len({r.headers["webhook-timestamp"] for r in got}) == 3
    assert len({r.headers["webhook-signature"] for r in got}) == 3


@pytest.mark.slow
def test_429_retry_after_is_honoured(tmp_path: Path, redis_url: str, feed_server: FeedServer,
                                     receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, plan=[429], headers={429: {"Retry-After": "2"}})
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver)
    assert cli(config, "poll", "--once") == 0
    worker = spawn(config, "worker")
    try:
        got = receiver.wait_for(2, timeout=20)
    finally:
        terminate(worker)
    assert [r.status for r in got] == [429, 200]
    assert got[1].at - got[0].at >= 2.0


def test_410_disables_destination_and_dead_letters_later_alerts(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, default=410)
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver)
    assert cli(config, "poll", "--once") == 0
    cli(config, "worker", "--burst")
    feed_server.docs["/wire.xml"] = FeedDoc(rss([EXTRA_DEFENSE_STORY, DEFENSE_STORY]))
    assert cli(config, "poll", "--once", "--force") == 0
    cli(config, "worker", "--burst")

    assert len(receiver.received) == 1  # the second alert was never sent
    from monitor.storage.keys import Keys
    from monitor.storage.stores import AlertStore, DestinationStates
    redis = Redis.from_url(redis_url)
    assert DestinationStates(redis, Keys()).disabled_reason("hook")
    dead = AlertStore(redis, Keys()).dead_letters()
    assert len(dead) == 2
    reasons = [AlertStore(redis, Keys()).delivery(a, d)["last_error"] for a, d, _ in dead]
    assert any("410" in r for r in reasons) and any("disabled" in r for r in reasons)


@pytest.mark.slow
def test_hanging_receiver_times_out_and_is_retried(tmp_path: Path, redis_url: str,
                                                   feed_server: FeedServer,
                                                   receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, delays=[5.0])
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver,
                   alerts={"retry_schedule": ["0.2s", "0.2s"], "retry_jitter": 0,
                           "timeout": "1s"})
    assert cli(config, "poll", "--once") == 0
    began = time.monotonic()
    assert cli(config, "worker", "--burst") == 0
    assert time.monotonic() - began < 4, "the attempt was not cut at the 1 s timeout"
    bursts_until(config, lambda: len(receiver.started) >= 2)
    assert len(receiver.started) >= 2
    wait_until(lambda: len(receiver.received) >= 2, 10)  # the hung first request answers late
    assert receiver.received[-1].status == 200
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1


@pytest.mark.slow
@pytest.mark.timeout(150)  # allows the 60 s it asserts, plus start and stop
def test_sigkilled_worker_job_reruns_within_60s(tmp_path: Path, redis_url: str,
                                                feed_server: FeedServer,
                                                receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, delays=[30.0])
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver,
                   alerts={"retry_schedule": ["1s"], "timeout": "60s"})
    assert cli(config, "poll", "--once") == 0
    workers = [spawn(config, "worker"), spawn(config, "worker")]
    try:
        wait_until(lambda: receiver.started, 30)
        assert receiver.started, "no delivery attempt started"
        redis = Redis.from_url(redis_url)
        # the worker whose delivery lane runs the hung request, from the job's own record (a
        # plain worker's record may show its match job instead of its lane's delivery)
        busy = _delivering_workers(redis)
        assert len(busy) == 1
        victim = next(p for p in workers if p.pid == busy[0].pid)
        victim.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        got = receiver.wait_for(1, timeout=60)  # the hung request never completes
        assert receiver.received, "the job of the killed worker did not run again"
        rerun_after = time.monotonic() - killed_at
        print(f"job of the SIGKILLed worker delivered again after {rerun_after:.1f} s")
        assert rerun_after < 60
        assert len(receiver.started) == 2
        assert got[0].status == 200
    finally:
        terminate(*workers)


def _delivering_workers(redis: Redis) -> list[Worker]:
    """The workers running a delivery job now, found from the delivery queues' started jobs."""
    names = set()
    for queue in make_queues(redis).delivery_queues():
        for job_id in queue.started_job_registry.get_job_ids():
            job = Job.fetch(job_id, connection=redis, serializer=JSONSerializer)
            if job.worker_name:
                names.add(job.worker_name)
    return [w for w in Worker.all(connection=redis) if w.name in names]


def test_same_item_enqueued_twice_gives_one_alert(tmp_path: Path, redis_url: str,
                                                  feed_server: FeedServer,
                                                  receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver)
    redis = Redis.from_url(redis_url)
    queue = Queue("wirewatch-match", connection=redis, serializer=JSONSerializer)
    item = Item(key="k-1", feed_id="wire", feed_url="http://x/", title=DEFENSE_STORY["title"],
                summary=DEFENSE_STORY["description"])
    for _ in range(2):  # e.g. two pollers or a re-run after a crash
        queue.enqueue("workers.jobs.match_items", "wire", [item.to_json()])
    assert cli(config, "worker", "--burst") == 0
    time.sleep(0.2)  # a window for a wrong second delivery
    assert len(receiver.received) == 1


class _Evil:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_pickled_payload_is_refused_without_running(tmp_path: Path, redis_url: str,
                                                    feed_server: FeedServer,
                                                    receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver)
    redis = Redis.from_url(redis_url)
    marker = tmp_path / "pwned"
    pickled = Queue("wirewatch-match", connection=redis)  # RQ's default: pickle
    job = pickled.enqueue("workers.jobs.match_items", "wire", [])
    redis.hset(f"rq:job:{job.id}", "data", pickle.dumps(_Evil(marker)))
    cli(config, "worker", "--burst")
    assert not marker.exists()
    assert Job.fetch(job.id, connection=redis, serializer=JSONSerializer).get_status() == "failed"


@pytest.mark.slow
@pytest.mark.timeout(150)  # its waits add up to over 80 s when something is wrong
def test_redis_restart_mid_run_loses_nothing(tmp_path: Path, feed_server: FeedServer,
                                             receivers: list[WebhookReceiver],
                                             restartable_redis) -> None:  # type: ignore[no-untyped-def]
    url, start_redis, stop_redis = restartable_redis
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    config = setup(tmp_path, url, feed_server, receiver)
    daemon = spawn(config, "run")
    try:
        assert len(receiver.wait_for(1, timeout=30)) == 1
        stop_redis()
        feed_server.docs["/wire.xml"] = FeedDoc(rss([EXTRA_DEFENSE_STORY, DEFENSE_STORY]))
        time.sleep(3)  # the outage lasts: the poller and workers run into it
        assert daemon.poll() is None, "the daemon died with Redis"
        start_redis()
        got = receiver.wait_for(2, timeout=45)
        time.sleep(2)  # a window for a wrong duplicate
    finally:
        terminate(daemon)
    titles = [r.body["item"]["title"] for r in receiver.received]
    assert titles == [DEFENSE_STORY["title"], EXTRA_DEFENSE_STORY["title"]], got


@pytest.mark.slow
@pytest.mark.timeout(150)  # its waits add up to over 80 s when something is wrong
def test_redis_outage_during_a_poll_loses_nothing(tmp_path: Path, feed_server: FeedServer,
                                                  receivers: list[WebhookReceiver],
                                                  restartable_redis) -> None:  # type: ignore[no-untyped-def]
    """Redis stops while a fetch is in flight: once Redis is back, the poller polls again at
    once (before, it kept waiting out an outage that had ended, and the interrupted poll's lease
    came back with Redis's append-only file)."""
    url, start_redis, stop_redis = restartable_redis
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    config = setup(tmp_path, url, feed_server, receiver)
    daemon = spawn(config, "run")
    try:
        assert len(receiver.wait_for(1, timeout=30)) == 1
        feed_server.docs["/wire.xml"].delay = 1.0
        polls = len(feed_server.hits("/wire.xml"))
        assert wait_until(lambda: len(feed_server.hits("/wire.xml")) > polls, 10)
        stop_redis()  # the poll that just arrived is still waiting for its answer
        feed_server.docs["/wire.xml"] = FeedDoc(rss([EXTRA_DEFENSE_STORY, DEFENSE_STORY]))
        time.sleep(3)  # the outage lasts: the interrupted poll fails meanwhile
        start_redis()
        got = receiver.wait_for(2, timeout=45)
        time.sleep(2)  # a window for a wrong duplicate
    finally:
        terminate(daemon)
    titles = [r.body["item"]["title"] for r in receiver.received]
    assert titles == [DEFENSE_STORY["title"], EXTRA_DEFENSE_STORY["title"]], got

"""The delivery lane (workers/lane.py) with real processes, the real Redis and real verifying
receivers: isolation of a hung destination, the per-destination and global caps, SIGKILL and
SIGTERM of a lane with deliveries in flight. Every wait is on a condition, bounded in time."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from redis import Redis

from monitor.cli import main
from monitor.config import load_config
from monitor.models import DeliveryState
from monitor.storage.jobs import DELIVER_JOB
from monitor.storage.keys import Keys
from monitor.storage.stores import AlertStore
from tests.helpers import SECRET, rss, spawn_wirewatch, terminate, wait_until, write_config
from tests.procs import descendants
from tests.servers import FeedDoc, FeedServer, Gauge, WebhookReceiver
from workers.context import WorkerContext
from workers.lane import DeliveryLane
from workers.maintenance import HEARTBEAT_TTL, ORPHAN_CONFIRM, requeue_orphans


def cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def items(start: int, count: int) -> list[dict[str, str]]:
    """Distinct items that the rule `markalert` matches, one alert each (dedup: item)."""
    return [{"title": f"Markalert bulletin number {i}", "guid": f"item-{i}",
             "description": f"Report {i} of the series, markalert keyword inside."}
            for i in range(start, start + count)]


def hook(dest_id: str, receiver: WebhookReceiver, **extra: Any) -> dict[str, Any]:
    return {"id": dest_id, "type": "webhook", "url": receiver.url, "secret": SECRET, **extra}


def lane_config(tmp_path: Path, redis_url: str, feed_server: FeedServer,
                destinations: list[dict[str, Any]], count: int, interval: str = "1h",
                **settings: Any) -> Path:
    feed_server.docs["/wire.xml"] = FeedDoc(rss(items(0, count)))
    rule = {"id": "mark", "name": "mark", "query": "markalert", "dedup": "item",
            "notify": [d["id"] for d in destinations]}
    return write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": interval}],
        destinations=destinations, rules={"rules": [rule]},
        settings={"alerts": {"retry_schedule": ["0.2s"], "retry_jitter": 0, "timeout": "60s"},
                  **settings})


def queue_alerts(config: Path) -> None:
    """Poll once and match every item: the alerts' deliveries are all queued, none sent."""
    assert cli(config, "poll", "--once") == 0
    assert cli(config, "worker", "--lane", "match", "--burst") == 0


def ids(receiver: WebhookReceiver) -> Counter[str]:
    """How many times each webhook-id arrived (answered)."""
    with receiver.lock:
        return Counter(r.headers["webhook-id"] for r in receiver.received)


def delivered(redis_url: str, receiver: WebhookReceiver) -> bool:
    """Whether every alert the receiver got is marked delivered to it."""
    alerts = AlertStore(Redis.from_url(redis_url), Keys())
    with receiver.lock:
        alert_ids = {r.body["id"] for r in receiver.received}
    return all(alerts.delivery(a, "hook").get("status") == DeliveryState.DELIVERED
               for a in alert_ids)


def cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]
    except OSError:
        return []


def kill(*procs: subprocess.Popen[bytes]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def test_concurrency_and_max_in_flight_are_validated(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver], capsys: pytest.CaptureFixture[str]) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    config = lane_config(tmp_path, redis_url, feed_server, [hook("a", receiver, concurrency=0)],
                         1)
    assert cli(config, "check") != 0
    assert "concurrency" in capsys.readouterr().err
    config = lane_config(tmp_path, redis_url, feed_server, [hook("a", receiver)], 1,
                         alerts={"max_in_flight": 0})
    assert cli(config, "check") != 0
    assert "max_in_flight" in capsys.readouterr().err
    config = lane_config(tmp_path, redis_url, feed_server, [hook("a", receiver)], 1)
    assert cli(config, "worker", "--lane", "deliver", "--burst") != 0
    assert "--lane deliver" in capsys.readouterr().err


@pytest.mark.slow
def test_a_hung_destination_holds_neither_another_one_nor_matching(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver]) -> None:
    hung = WebhookReceiver(SECRET, delay=30.0)
    fine = WebhookReceiver(SECRET)
    receivers.extend([hung, fine])
    config = lane_config(tmp_path, redis_url, feed_server,
                         [hook("hung", hung, concurrency=2), hook("fine", fine)], 20)
    assert cli(config, "poll", "--once") == 0
    matcher = spawn_wirewatch(config, "worker", "--lane", "match")
    lane = spawn_wirewatch(config, "worker", "--lane", "deliver")
    try:
        assert wait_until(lambda: len(ids(fine)) == 20, 15), f"fine got {len(ids(fine))} of 20"
        assert len(hung.started) == 2 and not hung.received  # its two slots, hanging
        # new items while the hung destination still hangs: matched and delivered at once
        feed_server.docs["/wire.xml"] = FeedDoc(rss(items(0, 30)))
        polled = time.monotonic()
        assert cli(config, "poll", "--once", "--force") == 0
        assert wait_until(lambda: len(ids(fine)) == 30, 5), f"fine got {len(ids(fine))} of 30"
        took = time.monotonic() - polled
        print(f"10 new items matched and delivered in {took:.2f} s beside a hung destination")
        assert len(hung.started) == 2 and not hung.received
        assert max(ids(fine).values()) == 1
    finally:
        kill(lane)  # its hung requests would hold a warm stop for the grace
        terminate(matcher)


@pytest.mark.slow
def test_each_destination_is_held_to_its_concurrency(tmp_path: Path, redis_url: str,
                                                     feed_server: FeedServer,
                                                     receivers: list[WebhookReceiver]) -> None:
    capped = WebhookReceiver(SECRET, delay=0.3)
    default = WebhookReceiver(SECRET, delay=0.3)
    receivers.extend([capped, default])
    config = lane_config(tmp_path, redis_url, feed_server,
                         [hook("capped", capped, concurrency=3), hook("default", default)], 24)
    queue_alerts(config)
    lane = spawn_wirewatch(config, "worker", "--lane", "deliver")
    try:
        assert wait_until(lambda: len(ids(capped)) == 24 and len(ids(default)) == 24, 15)
    finally:
        terminate(lane)
    print(f"peak in flight: capped {capped.gauge.peak}, default {default.gauge.peak}")
    assert capped.gauge.peak == 3  # reached, never passed
    assert default.gauge.peak == 8  # the default `concurrency`
    assert max(ids(capped).values()) == 1 and max(ids(default).values()) == 1


@pytest.mark.slow
def test_max_in_flight_bounds_all_destinations_together(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver]) -> None:
    gauge = Gauge()
    hooks = [WebhookReceiver(SECRET, delay=0.3, gauge=gauge) for _ in range(3)]
    receivers.extend(hooks)
    config = lane_config(tmp_path, redis_url, feed_server,
                         [hook(f"h{i}", r) for i, r in enumerate(hooks)], 16,
                         alerts={"max_in_flight": 5})
    queue_alerts(config)
    lane = spawn_wirewatch(config, "worker", "--lane", "deliver")
    try:
        assert wait_until(lambda: all(len(ids(r)) == 16 for r in hooks), 15)
    finally:
        terminate(lane)
    assert gauge.peak == 5


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_sigkill_of_a_lane_mid_burst_loses_nothing(tmp_path: Path, redis_url: str,
                                                   feed_server: FeedServer,
                                                   receivers: list[WebhookReceiver]) -> None:
    """Every alert is delivered after a restart; what a receiver can get twice is only a
    webhook that was in flight when the lane died, with the same webhook-id (README)."""
    receiver = WebhookReceiver(SECRET, delay=0.25)
    receivers.append(receiver)
    config = lane_config(tmp_path, redis_url, feed_server, [hook("hook", receiver)], 60)
    queue_alerts(config)
    first = spawn_wirewatch(config, "worker", "--lane", "deliver")
    second = None
    try:
        assert wait_until(lambda: len(receiver.received) >= 16, 15)
        in_flight = receiver.gauge.now
        first.kill()
        first.wait(timeout=10)
        killed = time.monotonic()
        done_before = len(ids(receiver))
        second = spawn_wirewatch(config, "worker", "--lane", "deliver")
        # the killed lane's claimed jobs are requeued once its heartbeat has expired
        assert wait_until(lambda: len(ids(receiver)) == 60 and delivered(redis_url, receiver),
                          HEARTBEAT_TTL + 15), f"{len(ids(receiver))} of 60 alerts delivered"
        took = time.monotonic() - killed
    finally:
        kill(first)
        if second is not None:
            terminate(second)
    repeats = sum(n - 1 for n in ids(receiver).values())
    print(f"killed with {in_flight} in flight after {done_before} delivered; all delivered "
          f"{took:.1f} s later; {repeats} delivered twice (same webhook-id)")
    assert 0 < done_before < 60
    assert repeats <= 8  # at most the destination's cap was in flight


@pytest.mark.slow
def test_sigterm_lets_the_deliveries_in_flight_finish(tmp_path: Path, redis_url: str,
                                                      feed_server: FeedServer,
                                                      receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, delay=1.0)
    receivers.append(receiver)
    config = lane_config(tmp_path, redis_url, feed_server, [hook("hook", receiver)], 20)
    queue_alerts(config)
    lane = spawn_wirewatch(config, "worker", "--lane", "deliver")
    second = None
    try:
        assert wait_until(lambda: receiver.gauge.now == 8, 10)  # the cap's worth in flight
        lane.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        assert lane.wait(timeout=10) == 0
        took = time.monotonic() - stopped
        assert len(receiver.received) == 8 and receiver.gauge.now == 0  # all 8 answered
        assert took < 2.5, f"the warm stop took {took:.1f} s"
        second = spawn_wirewatch(config, "worker", "--lane", "deliver")
        assert wait_until(lambda: len(ids(receiver)) == 20, 15)
    finally:
        kill(lane)
        if second is not None:
            terminate(second)
    assert max(ids(receiver).values()) == 1  # a warm stop repeats nothing


def test_a_claimed_job_belongs_to_the_lane_until_it_runs_and_a_dead_lanes_is_requeued_once(
        tmp_path: Path, redis_url: str, redis: Redis,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The claim leaves no moment at which a SIGKILL loses the job: popped and registered
    to the lane in one script; with no heartbeat of the lane, maintenance requeues it once.
    A destination at its cap is not taken from."""
    config = write_config(tmp_path / "cfg", redis_url=redis_url, feeds=[],
                          destinations=[{"id": "log", "type": "log", "concurrency": 1}])
    ctx = WorkerContext(load_config(config), redis, rules=False, reload=False)
    queue = ctx.queues.deliver_to("log")
    for n in (1, 2):
        queue.enqueue_call(DELIVER_JOB, args=(f"alert{n}", "log", 1), job_id=f"job{n}")
    lane = DeliveryLane(ctx, "lane-x")
    monkeypatch.setattr(lane, "_deliver", lambda *args: None)  # claimed, never run: "killed"
    assert lane._claim_next() and lane.in_flight == 1
    assert not lane._claim_next()  # `concurrency: 1` reached: job2 stays queued
    registry = queue.started_job_registry
    assert queue.get_job_ids() == ["job2"]
    assert registry.get_job_and_execution_ids(cleanup=False) == [("job1", "claimed")]
    assert redis.hget("rq:job:job1", "worker_name") == b"lane-x"
    later = time.time() + 5
    assert requeue_orphans(redis, ctx.queues, ctx.keys, now=later) == 0  # first seen missing
    assert requeue_orphans(redis, ctx.queues, ctx.keys, now=later + ORPHAN_CONFIRM) == 1
    assert requeue_orphans(redis, ctx.queues, ctx.keys, now=later + 2 * ORPHAN_CONFIRM) == 0
    assert queue.get_job_ids() == ["job1", "job2"] and registry.count == 0
    ctx.close()


@pytest.mark.slow
def test_run_starts_its_delivery_lanes_and_delivers_through_them(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver]) -> None:
    """`wirewatch run`: match workers that take no delivery job, `delivery_workers` lanes that
    deliver; a SIGTERM stops the whole tree with nothing lost or repeated."""
    receiver = WebhookReceiver(SECRET, delay=0.3)
    receivers.append(receiver)
    config = lane_config(tmp_path, redis_url, feed_server, [hook("hook", receiver)], 0,
                         interval="1s", workers=1, delivery_workers=2)
    run = spawn_wirewatch(config, "run")
    try:
        # the match worker and both lanes registered, then the items appear
        assert wait_until(lambda: Redis.from_url(redis_url).scard("rq:workers") == 3, 20)
        feed_server.docs["/wire.xml"] = FeedDoc(rss(items(0, 40)))
        assert wait_until(lambda: len(ids(receiver)) == 40, 20)
        argvs = [cmdline(pid) for pid in descendants(run.pid)]
        lanes = [a for a in argvs if a[-5:-2] == ["worker", "--lane", "deliver"]]
        matchers = [a for a in argvs if "match" in a and "worker" in a]
        assert len(lanes) == 2 and len(matchers) == 1, argvs
        assert 8 < receiver.gauge.peak <= 16  # two lanes, 8 each
    finally:
        assert terminate(run) == 0
    assert max(ids(receiver).values()) == 1


@pytest.mark.slow
def test_a_plain_worker_delivers_beside_matching_and_stops_warmly(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver]) -> None:
    """`wirewatch worker` (`--lane all`): it matches and delivers concurrently; a SIGTERM with
    requests in flight lets them finish, and the process ends."""
    receiver = WebhookReceiver(SECRET, delay=1.5)
    receivers.append(receiver)
    config = lane_config(tmp_path, redis_url, feed_server, [hook("hook", receiver)], 5)
    assert cli(config, "poll", "--once") == 0
    worker = spawn_wirewatch(config, "worker")
    try:
        assert wait_until(lambda: receiver.gauge.now == 5, 15)  # all five at once
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0
        assert len(receiver.received) == 5 and receiver.gauge.now == 0
    finally:
        kill(worker)
    assert delivered(redis_url, receiver) and max(ids(receiver).values()) == 1

"""Security faults on the real Redis, real wirewatch processes and real local servers: forged
jobs that name code, retry timing, and destinations the network policy refuses."""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from redis import Redis
from rq import Queue
from rq.serializers import JSONSerializer

from monitor.cli import main
from monitor.errors import FetchError
from monitor.models import Item
from monitor.net.addresses import redact_url
from monitor.net.http import SafeHTTP
from monitor.storage.jobs import DELIVER_JOB, MATCH_JOB, WirewatchJob, job_refusal
from monitor.storage.keys import Keys
from monitor.storage.stores import AlertStore
from tests.helpers import SECRET, bursts_until, rss, spawn_wirewatch, terminate, wait_until, write_config
from tests.servers import FeedDoc, FeedServer, WebhookReceiver
from tests.stories import DEFENSE_STORY, EXTRA_DEFENSE_STORY

QUEUES = ("wirewatch-match", "wirewatch-deliver")
HOSTILE = "tests.hostile_payload.mark"


def cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def setup(tmp_path: Path, redis_url: str, feed_server: FeedServer, receiver: WebhookReceiver,
          **settings: object) -> Path:
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    return write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": "1s"}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        settings=settings or None)


def push_raw(redis: Redis, queue: str, job_id: str, data: list[object], *,
             enqueue: bool = True, **fields: str) -> None:
    """A job written straight into Redis, as anyone with write access to it could."""
    mapping = {"data": json.dumps(data), "origin": queue, "status": "queued",
               "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), **fields}
    redis.hset(f"rq:job:{job_id}", mapping=mapping)
    if enqueue:
        redis.rpush(f"rq:queue:{queue}", job_id)


def push_hostile_jobs(redis: Redis, queue: str, marker: Path, webhook_url: str) -> list[str]:
    """Every way a job's data could pick code, pushed into `queue`; returns the job ids that
    must end in the failed registry."""
    harmless = [DELIVER_JOB, None, ["no-such-alert", "hook", 1], {}]  # allowed, runs and returns
    jobs = {
        "system": (["os.system", None, [f"touch {marker}"], {}], {}),
        "import": ([HOSTILE, None, [], {}], {}),
        "method": ([MATCH_JOB, {"an": "instance"}, [], {}], {}),
        "on-failure": ([DELIVER_JOB, None, [], {}], {"failure_callback_name": HOSTILE}),
        "on-success": (harmless, {"success_callback_name": HOSTILE}),
        "on-stopped": (harmless, {"stopped_callback_name": HOSTILE}),
        "rq-webhook": (harmless, {"webhooks": json.dumps([
            {"url": webhook_url, "job_status": "finished", "method": "GET"}])}),
    }
    ids = []
    for name, (data, fields) in jobs.items():
        job_id = f"{queue}-{name}"
        push_raw(redis, queue, job_id, data, **fields)
        ids.append(job_id)
    # a dependency: the forged job waits on an allowed one and is enqueued when that finishes
    parent, dependent = f"{queue}-parent", f"{queue}-dependent"
    push_raw(redis, queue, dependent, ["os.system", None, [f"touch {marker}"], {}],
             enqueue=False, status="deferred", dependency_ids=json.dumps([parent]))
    redis.sadd(f"rq:job:{parent}:dependents", dependent)
    push_raw(redis, queue, parent, harmless)
    return [*ids, dependent]


def refusals(redis: Redis, queue: str) -> dict[str, str]:
    """Failed job id -> the reason stored with it."""
    return {job_id.decode(): (redis.hget(f"rq:job:{job_id.decode()}", "exc_info") or b"").decode()
            for job_id in redis.zrange(f"rq:failed:{queue}", 0, -1)}


def assert_nothing_ran(marker: Path, feed_server: FeedServer) -> None:
    assert not marker.exists(), "a forged job's os.system ran"
    assert not Path(f"{marker}.imported").exists(), "a forged job's module was imported"
    assert not Path(f"{marker}.called").exists(), "a forged job's callback was called"
    assert not feed_server.hits("/rq-webhook"), "an RQ webhook named in Redis was sent"


def assert_refused(redis: Redis, expected: dict[str, list[str]]) -> None:
    for queue, ids in expected.items():
        failed = refusals(redis, queue)
        for job_id in ids:
            assert failed.get(job_id, "").startswith("refused: "), (job_id, failed)
        assert f"{queue}-parent" not in failed  # the allowed parent ran normally
    assert "not a wirewatch job" in refusals(redis, QUEUES[0])[f"{QUEUES[0]}-system"]


@pytest.fixture
def marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where hostile code would leave its trace (spawned processes inherit HOSTILE_MARK)."""
    path = tmp_path / "pwned"
    monkeypatch.setenv("HOSTILE_MARK", str(path))
    return path


def test_forged_jobs_are_refused_under_worker_burst(
        tmp_path: Path, redis_url: str, redis: Redis, feed_server: FeedServer,
        receivers: list[WebhookReceiver], marker: Path, capfd: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver)
    assert cli(config, "poll", "--once") == 0
    expected = {q: push_hostile_jobs(redis, q, marker, feed_server.url("/rq-webhook"))
                for q in QUEUES}

    bursts_until(config, lambda: len(receiver.received) >= 1 and not any(
        redis.llen(f"rq:queue:{q}") for q in QUEUES))

    assert_nothing_ran(marker, feed_server)
    assert "tests.hostile_payload" not in sys.modules
    assert_refused(redis, expected)
    errors = [json.loads(line) for line in capfd.readouterr().err.splitlines()
              if line.startswith("{") and '"refused a job' in line]
    assert {e["job_id"] for e in errors} >= {i for ids in expected.values() for i in ids}
    assert all(e["level"] == "error" for e in errors)
    # the legitimate alert: delivered once, nothing lost, nothing repeated
    assert len(receiver.received) == 1 and receiver.received[0].verified
    assert receiver.received[0].body["item"]["title"] == DEFENSE_STORY["title"]
    assert AlertStore(redis, Keys()).dead_letters() == []


def test_forged_jobs_are_refused_under_run(
        tmp_path: Path, redis_url: str, redis: Redis, feed_server: FeedServer,
        receivers: list[WebhookReceiver], marker: Path) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver)
    daemon = spawn_wirewatch(config, "run")
    try:
        assert len(receiver.wait_for(1, timeout=30)) == 1
        expected = {q: push_hostile_jobs(redis, q, marker, feed_server.url("/rq-webhook"))
                    for q in QUEUES}
        assert wait_until(lambda: all(set(ids) <= set(refusals(redis, q))
                                      for q, ids in expected.items()), timeout=30)
        feed_server.docs["/wire.xml"] = FeedDoc(rss([EXTRA_DEFENSE_STORY, DEFENSE_STORY]))
        assert len(receiver.wait_for(2, timeout=30)) == 2
        assert daemon.poll() is None, "the daemon died"
    finally:
        terminate(daemon)
    assert_nothing_ran(marker, feed_server)
    assert_refused(redis, expected)
    titles = [r.body["item"]["title"] for r in receiver.received]
    assert titles == [DEFENSE_STORY["title"], EXTRA_DEFENSE_STORY["title"]]  # none lost/repeated
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 2
    assert AlertStore(redis, Keys()).dead_letters() == []


def test_status_does_not_run_callbacks_of_forged_started_jobs(
        tmp_path: Path, redis_url: str, redis: Redis, feed_server: FeedServer,
        receivers: list[WebhookReceiver], marker: Path) -> None:
    """Counting the started registry cleans up expired entries, which runs their failure
    callbacks: one named in Redis must not run."""
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver)
    push_raw(redis, "wirewatch-deliver", "abandoned", [DELIVER_JOB, None, [], {}],
             enqueue=False, status="started", failure_callback_name=HOSTILE)
    redis.zadd("rq:wip:wirewatch-deliver", {"abandoned:x": time.time() - 60})
    assert cli(config, "status", "--json") == 0
    assert_nothing_ran(marker, feed_server)
    assert "tests.hostile_payload" not in sys.modules


def test_job_refusal_admits_exactly_wirewatch_jobs(redis: Redis) -> None:
    queue = Queue("wirewatch-deliver", connection=redis, serializer=JSONSerializer,
                  job_class=WirewatchJob)
    for func in (MATCH_JOB, DELIVER_JOB):
        assert job_refusal(queue.enqueue(func, "a", "b")) is None
    forged = queue.enqueue("os.path.join", "a", "b")
    assert "'os.path.join' is not a wirewatch job" in (job_refusal(forged) or "")
    fetched = WirewatchJob.fetch(forged.id, connection=redis, serializer=JSONSerializer)
    with pytest.raises(Exception, match="not a wirewatch job"):
        _ = fetched.func


def attempt_gaps(receiver: WebhookReceiver) -> list[float]:
    times = sorted(receiver.started)
    return [round(b - a, 3) for a, b in zip(times, times[1:], strict=False)]


def test_retries_fire_on_schedule_within_200ms(tmp_path: Path, redis_url: str,
                                               feed_server: FeedServer,
                                               receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, plan=[500, 500, 500])
    receivers.append(receiver)
    schedule = [1.0, 2.0, 4.0]
    config = setup(tmp_path, redis_url, feed_server, receiver,
                   alerts={"retry_schedule": ["1s", "2s", "4s"], "retry_jitter": 0})
    daemon = spawn_wirewatch(config, "run")
    try:
        got = receiver.wait_for(4, timeout=40)
    finally:
        terminate(daemon)
    assert [r.status for r in got] == [500, 500, 500, 200]
    gaps = attempt_gaps(receiver)
    print(f"gaps between attempts: {gaps} for a schedule of {schedule}")
    for gap, delay in zip(gaps, schedule, strict=True):
        assert delay <= gap <= delay + 0.2, (gaps, schedule)
    assert len({r.headers["webhook-id"] for r in got}) == 1


def test_retry_after_is_never_early_and_on_time(tmp_path: Path, redis_url: str,
                                                feed_server: FeedServer,
                                                receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, plan=[503], headers={503: {"Retry-After": "1"}})
    receivers.append(receiver)
    config = setup(tmp_path, redis_url, feed_server, receiver,
                   alerts={"retry_schedule": ["0.2s"], "retry_jitter": 0})
    assert cli(config, "poll", "--once") == 0
    worker = spawn_wirewatch(config, "worker")
    try:
        got = receiver.wait_for(2, timeout=30)
    finally:
        terminate(worker)
    assert [r.status for r in got] == [503, 200]
    (gap,) = attempt_gaps(receiver)
    assert 1.0 <= gap <= 1.2, gap


def test_network_policy_refusal_is_dead_lettered_after_one_attempt(
        tmp_path: Path, redis_url: str, redis: Redis) -> None:
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "wire", "url": "https://wire.example/feed.xml"}],
        destinations=[
            {"id": "metadata", "type": "webhook", "url": "http://169.254.169.254/hook",
             "secret": SECRET},
            {"id": "loopback6", "type": "webhook", "url": "http://[::1]:8080/hook",
             "secret": SECRET}],
        settings={"network": {"allow_private": []}})
    item = Item(key="k-1", feed_id="wire", feed_url="https://wire.example/feed.xml",
                title=DEFENSE_STORY["title"], summary=DEFENSE_STORY["description"])
    Queue("wirewatch-match", connection=redis, serializer=JSONSerializer).enqueue(
        MATCH_JOB, "wire", [item.to_json()])
    assert cli(config, "worker", "--burst") == 0

    alerts = AlertStore(redis, Keys())
    dead = {dest: alerts.delivery(alert_id, dest) for alert_id, dest, _ in alerts.dead_letters()}
    assert set(dead) == {"metadata", "loopback6"}
    assert all(state["attempts"] == "1" for state in dead.values()), dead
    assert not any(redis.zcard(f"rq:scheduled:{q}") for q in QUEUES)  # nothing left to retry
    assert "not retried" in dead["metadata"]["last_error"]
    assert "cloud metadata address" in dead["metadata"]["last_error"]
    assert "[::1]:8080" in dead["loopback6"]["last_error"]
    assert "loopback address" in dead["loopback6"]["last_error"]
    # still a dead letter that can be replayed (here refused again, once more after one attempt)
    assert cli(config, "alerts", "replay", "--all") == 0
    assert cli(config, "worker", "--burst") == 0
    again = {dest: alerts.delivery(a, dest) for a, dest, _ in alerts.dead_letters()}
    assert {d: (s["attempts"], s["replays"]) for d, s in again.items()} == {
        "metadata": ("1", "1"), "loopback6": ("1", "1")}


def test_check_warns_about_a_metadata_webhook(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              ) -> None:
    config = write_config(
        tmp_path / "cfg", redis_url=None, feeds=[],
        destinations=[
            {"id": "fine", "type": "webhook", "url": "https://hooks.example/in", "secret": SECRET},
            {"id": "metadata", "type": "webhook",
             "url": "http://169.254.169.254/latest/meta-data", "secret": SECRET}])
    assert cli(config, "check") == 0
    err = capsys.readouterr().err.splitlines()
    text = (config / "destinations.yaml").read_text().splitlines()
    line = next(i for i, t in enumerate(text, 1) if "169.254.169.254" in t)
    assert yaml.safe_load((config / "destinations.yaml").read_text())
    assert err == [f"{config / 'destinations.yaml'}:{line}: warning: destination 'metadata': "
                   "delivery will always be refused: refused http://169.254.169.254/…: "
                   "169.254.169.254 (cloud metadata address); add the range to "
                   "network.allow_private to allow it"]


def test_ipv6_addresses_are_written_in_brackets() -> None:
    with pytest.raises(FetchError) as refused:
        SafeHTTP().post("http://[::1]:8080/hook", content=b"{}", headers={}, total_timeout=2)
    assert "refused http://[::1]:8080/…: [::1] (loopback address)" in str(refused.value)
    with pytest.raises(FetchError) as unreachable:  # nothing listens on port 9
        SafeHTTP(allow_private=["::1/128"]).post("http://[::1]:9/hook", content=b"{}",
                                                 headers={}, total_timeout=2)
    assert str(unreachable.value).startswith("cannot connect to [::1]:9: ")
    assert redact_url("https://user:pw@[2001:db8::1]:8443/secret?token=x") == \
        "https://[2001:db8::1]:8443/…"

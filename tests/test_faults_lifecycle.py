"""Fault cases of the feed and process lifecycle, on the real Redis, real local servers and real
`wirewatch` processes: a long feed listed oldest first, `kill -9` of `wirewatch run`, and the
status of a SIGKILLed worker. Every wait is on a condition, bounded in time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from redis import Redis
from rq.registry import StartedJobRegistry

from monitor.cli import main
from monitor.ingest import parse as parse_module
from monitor.ingest.parse import MAX_ITEMS
from monitor.storage.keys import Keys
from monitor.storage.queues import make_queues
from monitor.storage.stores import SEEN_KEEP_PER_FEED, FeedStates, SeenItems
from tests.helpers import REPO, SECRET, rss, spawn_wirewatch, terminate, wait_until, write_config
from tests.procs import alive, descendants
from tests.servers import FeedDoc, FeedServer, WebhookReceiver
from tests.stories import DEFENSE_STORY, EXTRA_DEFENSE_STORY
from workers.maintenance import HEARTBEAT_TTL

pytestmark = pytest.mark.timeout(120)


def cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def dated(story: dict[str, str], minute: int) -> dict[str, str]:
    """The story published `minute` minutes after a fixed start."""
    when = datetime(2024, 5, 1, tzinfo=UTC) + timedelta(minutes=minute)
    return {**story, "pubDate": format_datetime(when)}


def filler(n: int) -> dict[str, str]:
    return dated({"guid": f"archive-{n}", "link": f"http://example.org/archive/{n}",
                  "title": f"Weather bulletin number {n}",
                  "description": f"Light rain expected in the northern districts, report {n}."},
                 n)


def counts(receiver: WebhookReceiver, expected: list[str]) -> tuple[int, int, int]:
    """(delivered, lost, repeated) of the expected alert titles."""
    titles = Counter(r.body["item"]["title"] for r in receiver.received if r.status == 200)
    delivered = sum(1 for t in expected if titles[t])
    repeated = sum(n - 1 for n in titles.values() if n > 1)
    return delivered, len(expected) - delivered, repeated


# --- a long feed listed oldest first --------------------------------------------------------

def test_the_seen_set_holds_every_item_a_feed_may_list_with_its_alias() -> None:
    assert SEEN_KEEP_PER_FEED >= 2 * MAX_ITEMS


def test_1200_item_feed_oldest_first_then_one_appended(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    # oldest first; the matching story sits past the first 1,000 entries
    stories = [filler(n) for n in range(1200)]
    stories[1150] = dated(EXTRA_DEFENSE_STORY, 1150)
    feed_server.docs["/archive.xml"] = FeedDoc(rss(stories))
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "archive", "url": feed_server.url("/archive.xml"), "interval": "1h"}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}])
    redis, keys = Redis.from_url(redis_url), Keys()
    first, second = EXTRA_DEFENSE_STORY["title"], DEFENSE_STORY["title"]
    worker = spawn_wirewatch(config, "worker")
    try:
        assert cli(config, "poll", "--once", "--force") == 0
        assert FeedStates(redis, keys).get("archive")["items_total"] == "1200"
        assert receiver.wait_for(1, timeout=60)
        stories.append(dated(DEFENSE_STORY, 1200))  # new, at the end
        feed_server.docs["/archive.xml"] = FeedDoc(rss(stories))
        assert cli(config, "poll", "--once", "--force") == 0
        assert FeedStates(redis, keys).get("archive")["items_total"] == "1201"
        assert receiver.wait_for(2, timeout=60)
        # the same items listed newest first: nothing is new, nothing is queued
        feed_server.docs["/archive.xml"] = FeedDoc(rss(stories[::-1]))
        assert cli(config, "poll", "--once", "--force") == 0
        assert all(queue.count == 0 for queue in make_queues(redis).all)
        assert wait_until(lambda: not any(StartedJobRegistry(queue=q).count
                                          for q in make_queues(redis).all), 30)
    finally:
        terminate(worker)
    state = FeedStates(redis, keys).get("archive")
    assert state["items_total"] == "1201" and state["last_result"] == "unchanged"
    assert state["skipped"] == "" and state["problem"] == ""
    assert SeenItems(redis, keys).count("archive") >= 1201
    assert counts(receiver, [first, second]) == (2, 0, 0)
    assert [r.body["item"]["title"] for r in receiver.received] == [first, second]


def test_a_feed_over_the_bound_is_a_warning_naming_the_skipped(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(parse_module, "MAX_ITEMS", 50)
    feed_server.docs["/big.xml"] = FeedDoc(rss([filler(n) for n in range(60)]))
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "big", "url": feed_server.url("/big.xml"), "interval": "1h"}],
        destinations=[{"id": "log", "type": "log", "path": str(tmp_path / "alerts.jsonl")}])
    assert cli(config, "poll", "--once", "--force") == 0
    capsys.readouterr()
    assert cli(config, "status", "--json") == 0
    feed = json.loads(capsys.readouterr().out)["feeds"][0]
    assert feed["health"] == "warning" and feed["items_total"] == 50
    assert feed["warning"].startswith("10 of 60 entries skipped")
    assert "'Weather bulletin number 9'" in feed["warning"]  # the newest skipped is named
    assert cli(config, "status") == 0
    assert "warning: big: 10 of 60 entries skipped" in capsys.readouterr().out


# --- kill -9 of `wirewatch run` ----------------------------------------------------------------

def cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except (FileNotFoundError, ProcessLookupError):
        return []


def processes_of(config: Path) -> list[int]:
    """Live `wirewatch worker`/`poll` processes started with this config directory."""
    return [int(e.name) for e in Path("/proc").iterdir() if e.name.isdigit()
            and str(config) in cmdline(int(e.name)) and alive(int(e.name))
            and {"worker", "poll"} & set(cmdline(int(e.name)))]


def run_config(tmp_path: Path, redis_url: str, feed_server: FeedServer) -> Path:
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    return write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": "1s"}],
        destinations=[{"id": "log", "type": "log", "path": str(tmp_path / "alerts.jsonl")}],
        settings={"workers": 2, "pollers": 2})


def start_run(config: Path, redis: Redis) -> tuple[subprocess.Popen[bytes], list[int]]:
    """`wirewatch run` with its processes up and beating: a poller, and a worker group of
    two workers forked from their group's process."""
    run = spawn_wirewatch(config, "run")
    assert wait_until(lambda: len(descendants(run.pid)) >= 4, 30), "children did not start"
    assert wait_until(lambda: len(list(redis.scan_iter(Keys().worker_heartbeat("*")))) >= 2, 30)
    return run, descendants(run.pid)


def test_kill_9_of_run_takes_its_children_down(tmp_path: Path, redis_url: str,
                                                feed_server: FeedServer) -> None:
    config = run_config(tmp_path, redis_url, feed_server)
    redis = Redis.from_url(redis_url)
    first, kids = start_run(config, redis)
    second = None
    try:
        assert sorted(processes_of(config)) == sorted(kids)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        # idle children: SIGTERM from the kernel, a warm stop with no job in hand. (A worker
        # whose RQ pub/sub teardown lags, fixed in workers/worker.py, would take up to 30 s.)
        assert wait_until(lambda: not any(alive(pid) for pid in kids), 5), \
            f"orphans still running: {[p for p in kids if alive(p)]}"

        # a new run has its own children and nothing else
        for key in redis.scan_iter(Keys().worker_heartbeat("*")):
            redis.delete(key)
        second, new_kids = start_run(config, redis)
        assert sorted(processes_of(config)) == sorted(new_kids)
    finally:
        for proc in (first, second):
            if proc is not None:
                terminate(proc)
        for pid in kids:  # never leave a process behind, whatever failed above
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert wait_until(lambda: not processes_of(config), 10)


# The middle process starts a child that calls `die_with_parent` on it, with or without
# PR_SET_PDEATHSIG, prints the child's pid and waits to be killed.
_MIDDLE = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid()), sys.argv[2]])
print(child.pid, flush=True)
time.sleep(120)
"""
_CHILD = """
import sys, time
from monitor.ops import lifeline
if sys.argv[2] == "watchdog-only":
    lifeline._set_pdeathsig = lambda signum: False
lifeline.die_with_parent(int(sys.argv[1]))
print("armed", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("mode", ["pdeathsig", "watchdog-only"])
def test_a_supervised_child_dies_with_its_parent(mode: str) -> None:
    middle = subprocess.Popen([sys.executable, "-c", _MIDDLE, _CHILD, mode], cwd=REPO,
                              stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert middle.stdout is not None
    child = int(middle.stdout.readline())
    try:
        assert middle.stdout.readline().strip() == b"armed"  # the child shares the pipe
        middle.kill()
        middle.wait(timeout=10)
        assert wait_until(lambda: not alive(child), 5), f"{mode}: the child outlived its parent"
    finally:
        if alive(child):
            os.kill(child, signal.SIGKILL)


# --- status of a SIGKILLed worker ------------------------------------------------------------

def test_status_shows_a_sigkilled_worker_dead_within_the_heartbeat_ttl(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver], capsys: pytest.CaptureFixture[str]) -> None:
    receiver = WebhookReceiver(SECRET, delays=[60.0])  # the first delivery hangs
    receivers.append(receiver)
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": "1h"}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        settings={"alerts": {"retry_schedule": ["1s"], "timeout": "90s"}})

    def status() -> dict:  # type: ignore[type-arg]
        capsys.readouterr()
        assert cli(config, "status", "--json") == 0
        return json.loads(capsys.readouterr().out)

    assert cli(config, "poll", "--once", "--force") == 0
    worker = spawn_wirewatch(config, "worker")
    try:
        assert wait_until(lambda: receiver.started, 30), "no delivery attempt started"
        busy = [w for w in status()["workers"] if w["current_job"]]
        assert len(busy) == 1 and busy[0]["state"] == "busy" and busy[0]["pid"] == worker.pid
        assert sum(q["started"] for q in status()["queues"]) == 1
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        killed = time.monotonic()

        def dead() -> bool:
            rows = status()["workers"]
            return all(not w["alive"] and w["state"] == "dead" and w["current_job"] is None
                       for w in rows)

        assert wait_until(dead, HEARTBEAT_TTL + 5)
        took = time.monotonic() - killed
        assert took <= HEARTBEAT_TTL + 2, f"shown dead only after {took:.1f} s"
        queues = status()["queues"]
        assert sum(q["started"] for q in queues) == 0
        assert sum(q["orphaned"] for q in queues) == 1
        assert cli(config, "status") == 0
        text = capsys.readouterr().out
        assert "workers: 0 alive, 1 dead" in text and "busy" not in text
    finally:
        terminate(worker)

"""Faults of the config directory: a rules.yaml caught half-written is never installed.

The settle logic is tested with an injected clock; the half-written file with a real worker
process, the real Redis, a real feed server and a real webhook receiver that verifies every
signature."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.cli import main
from monitor.config import ConfigWatcher, Settler, load_config
from tests.helpers import REPO, SECRET, rss, wait_until, write_config
from tests.servers import FeedDoc, FeedServer, WebhookReceiver

A, B, C = (("rules.yaml", 1, 10, 1),), (("rules.yaml", 2, 20, 1),), (("rules.yaml", 3, 30, 1),)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# ---- the settle logic, with an injected clock ------------------------------------------------

def test_a_change_counts_only_after_it_stopped_changing_for_the_settle_time() -> None:
    clock = Clock()
    settler = Settler(A, settle=2.0, clock=clock)
    assert not settler.settled(A)  # nothing changed
    assert not settler.settled(B)  # changed just now
    clock.now += 1.9
    assert not settler.settled(B)
    clock.now += 0.1
    assert settler.settled(B)
    assert settler.settled(B)  # stays settled until dealt with
    settler.done(B)
    assert not settler.settled(B)


def test_a_file_still_being_written_never_settles() -> None:
    clock = Clock()
    settler = Settler(A, settle=2.0, clock=clock)
    for step in range(10):  # a slow writer: a new size every 1.5 s
        assert not settler.settled((("rules.yaml", step, step * 100, 1),))
        clock.now += 1.5
    final = (("rules.yaml", 99, 9999, 1),)
    assert not settler.settled(final)
    clock.now += 1.0
    assert not settler.settled(final)
    clock.now += 1.0
    assert settler.settled(final)


def test_an_edit_put_back_is_no_change_and_a_zero_settle_is_immediate() -> None:
    clock = Clock()
    settler = Settler(A, settle=2.0, clock=clock)
    assert not settler.settled(B)
    clock.now += 1.0
    assert not settler.settled(A)  # reverted before it settled
    clock.now += 5.0
    assert not settler.settled(A)
    assert not settler.settled(C)  # a new change starts its own settle time
    clock.now += 1.0
    assert not settler.settled(C)
    assert Settler(A, settle=0.0, clock=clock).settled(B)


# ---- the watcher on a real directory, with an injected clock -----------------------------------

def rule(rule_id: str, query: str) -> dict[str, Any]:
    return {"id": rule_id, "name": rule_id, "query": query, "notify": ["log"]}


def rules_text(rules: list[dict[str, Any]]) -> str:
    return yaml.safe_dump({"rules": rules}, sort_keys=False)


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, ConfigWatcher, Clock]]:
    """A config directory with 50 rules, and a watcher on it that looks at every call."""
    config_dir = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                              destinations=[{"id": "log", "type": "log"}],
                              rules={"rules": [rule(f"r{i}", f"word{i}") for i in range(50)]},
                              settings={"reload": {"settle": "2s"}})
    clock = Clock()
    yield config_dir, ConfigWatcher(load_config(config_dir, {}), {}, every=0.0,
                                    clock=clock), clock


def test_watcher_never_installs_a_prefix_and_installs_the_settled_file(
        watched: tuple[Path, ConfigWatcher, Clock]) -> None:
    config_dir, watcher, clock = watched
    full = [rule(f"r{i}", f"word{i}") for i in range(60)]
    path = config_dir / "rules.yaml"
    path.write_text(rules_text(full[:15]))  # a valid prefix: 15 of 60 rules
    assert watcher.changed() is None
    clock.now += 1.5
    assert watcher.changed() is None
    path.write_text(rules_text(full))  # the rest, before the prefix settled
    assert watcher.changed() is None
    clock.now += 1.9
    assert watcher.changed() is None  # 3.4 s after the first write, 1.9 s after the last
    clock.now += 0.1
    config = watcher.changed()
    assert config is not None and [r.id for r in config.rules] == [r["id"] for r in full]
    assert watcher.changed() is None  # installed once


def test_watcher_keeps_the_old_config_when_the_settled_one_is_invalid(
        watched: tuple[Path, ConfigWatcher, Clock], caplog: pytest.LogCaptureFixture) -> None:
    config_dir, watcher, clock = watched
    before = watcher.config
    (config_dir / "rules.yaml").write_text(rules_text([rule("r0", "word0 AND (")]))
    assert watcher.changed() is None
    clock.now += 2.0
    with caplog.at_level(logging.INFO, logger="wirewatch.config"):
        assert watcher.changed() is None
        clock.now += 10.0
        assert watcher.changed() is None  # refused once, not re-read every look
    assert watcher.config is before
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "keeping the previous one" in errors[0].getMessage()
    assert "rules.yaml:" in errors[0].error and "column" in errors[0].error


def test_a_reload_that_drops_many_rules_is_a_warning_with_the_counts(
        watched: tuple[Path, ConfigWatcher, Clock], caplog: pytest.LogCaptureFixture) -> None:
    config_dir, watcher, clock = watched
    path = config_dir / "rules.yaml"
    with caplog.at_level(logging.INFO, logger="wirewatch.config"):
        path.write_text(rules_text([rule(f"r{i}", f"word{i}") for i in range(48)]))  # -2 (4%)
        watcher.changed()
        clock.now += 2.0
        assert watcher.changed() is not None
        assert not [r for r in caplog.records if r.levelno == logging.WARNING]
        path.write_text(rules_text([rule(f"r{i}", f"word{i}") for i in range(30)]))  # -18
        watcher.changed()
        clock.now += 2.0
        assert watcher.changed() is not None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "removes many rules" in warnings[0].getMessage()
    assert (warnings[0].rules_before, warnings[0].rules_after,
            warnings[0].rules_removed) == (48, 30, 18)


# ---- a half-written rules.yaml under a real worker ---------------------------------------------

FILLER = 400
SETTLE = 1.5
PACE = 0.2  # the slow writer's pause between two chunks, well under the settle time
WRITE_FOR = 2 * SETTLE  # items keep flowing this long while rules.yaml is a prefix


def hook_rule(rule_id: str, query: str) -> str:
    return yaml.safe_dump([{"id": rule_id, "name": rule_id, "query": query,
                            "notify": ["hook"]}], sort_keys=False)


def spawn_logged(config: Path, log_file: Path, *args: str) -> subprocess.Popen[bytes]:
    """`wirewatch --config CONFIG ARGS…` as a real process, its JSON log lines to `log_file`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    with log_file.open("wb") as sink:
        return subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config), *args],
                                cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=sink)


def log_events(log_file: Path, event: str) -> list[dict[str, Any]]:
    out = []
    for line in log_file.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") == event:
            out.append(record)
    return out


class SlowWriter(threading.Thread):
    """Rewrites rules.yaml in place (same inode) a couple of rules at a time: every moment of
    the write leaves a valid YAML prefix with fewer rules, the last ones missing."""

    def __init__(self, path: Path, chunks: list[str], rest: str) -> None:
        super().__init__(name="slow-writer", daemon=True)
        self.path, self.chunks, self.rest = path, chunks, rest
        self.started = threading.Event()
        self.finish = threading.Event()
        self.done = threading.Event()

    def run(self) -> None:
        with self.path.open("r+", encoding="utf-8") as fh:
            fh.truncate(0)
            fh.write("rules:\n")  # the worst prefix of all: no rule at all
            fh.flush()
            self.started.set()
            left = list(self.chunks)
            while left and not self.finish.is_set():
                fh.write(left.pop(0))
                fh.flush()
                self.finish.wait(PACE)
            fh.write("".join(left) + self.rest)
        self.done.set()


class Wire:
    """The feed the worker's alerts come from: one item per `add`, polled at once."""

    def __init__(self, feed_server: FeedServer, poll_config: Path) -> None:
        self.feed_server, self.poll_config = feed_server, poll_config
        self.items: list[dict[str, str]] = []

    def add(self, guid: str, title: str) -> None:
        self.items.append({"guid": guid, "title": title, "link": f"http://example.org/{guid}",
                           "description": f"{title}. Report number {guid} of the test wire."})
        self.feed_server.docs["/wire.xml"] = FeedDoc(rss(self.items))
        assert main(["--config", str(self.poll_config), "poll", "--once", "--force"]) == 0


def alerted(receiver: WebhookReceiver) -> dict[str, list[str]]:
    """guid of the item -> rule ids of the accepted alerts about it."""
    out: dict[str, list[str]] = {}
    for got in receiver.received:
        out.setdefault(got.body["item"]["link"].rsplit("/", 1)[1], []).append(
            got.body["rule"]["id"])
    return out


@pytest.mark.parametrize("command", ["worker", "run"])
def test_half_written_rules_file_is_never_installed(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver], command: str) -> None:
    """`worker`, or `run` with its worker child (both processes watch the directory)."""
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    filler = [hook_rule(f"filler{i}", f"zzfiller{i}") for i in range(FILLER)]
    tail = hook_rule("tail", "tailmark")

    def config_dir(name: str) -> Path:
        path = write_config(
            tmp_path / name, redis_url=redis_url,
            feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": "1h"}],
            destinations=[{"id": "hook", "type": "webhook", "url": receiver.url,
                           "secret": SECRET}],
            rules={"rules": []}, settings={"reload": {"interval": "0.1s", "settle": SETTLE}})
        (path / "rules.yaml").write_text("rules:\n" + "".join(filler) + tail)
        return path

    config = config_dir("cfg")  # the worker's, rewritten under it
    wire = Wire(feed_server, config_dir("cfg-poll"))  # the poller's, left alone
    log_file = tmp_path / "worker.log"
    worker = spawn_logged(config, log_file, command)
    watching = 1 if command == "worker" else 2  # `run` itself and its worker
    try:
        wire.add("t0", "tailmark before the edit")
        assert wait_until(lambda: "t0" in alerted(receiver), timeout=30), "worker not working"

        writer = SlowWriter(config / "rules.yaml",
                            [filler[i] + filler[i + 1] for i in range(0, FILLER, 2)],
                            tail + hook_rule("added", "addedmark"))
        writer.start()
        assert writer.started.wait(10)
        began, during = time.monotonic(), 0
        while during < 3 or time.monotonic() - began < WRITE_FOR:
            # an item that only the last rule matches, while rules.yaml is a prefix without it
            during += 1
            wire.add(f"t{during}", f"tailmark while rules.yaml is half-written, {during}")
            assert wait_until(lambda n=during: f"t{n}" in alerted(receiver), timeout=20), \
                f"t{during}: the tail rule stopped firing during the write"
        assert not writer.done.is_set(), "the writer finished early: the case was not tried"
        writer.finish.set()
        assert writer.done.wait(10)

        # the complete file settles and is installed, once
        assert wait_until(lambda: len(log_events(log_file, "config reloaded")) == watching,
                          timeout=20)
        wire.add("a1", "addedmark after the edit")
        wire.add("tz", "tailmark after the edit")
        assert wait_until(lambda: {"a1", "tz"} <= set(alerted(receiver)), timeout=20)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=40)

    expected = {f"t{n}": ["tail"] for n in range(during + 1)} | {"a1": ["added"], "tz": ["tail"]}
    got = alerted(receiver)
    ids = [r.headers["webhook-id"] for r in receiver.received]
    delivered, repeated = len(set(ids)), len(ids) - len(set(ids))
    lost = sum(1 for guid, rules in expected.items() if got.get(guid) != rules)
    assert (delivered, lost, repeated) == (len(expected), 0, 0), got
    assert all(r.verified for r in receiver.received)
    reloads = log_events(log_file, "config reloaded")
    assert [r["rules"] for r in reloads] == [FILLER + 2] * watching  # never a prefix
    assert not log_events(log_file, "config reload removes many rules; deploy rules.yaml by "
                                    "writing a temporary file and renaming it over the old one")


def test_an_edit_made_while_a_process_starts_is_picked_up(tmp_path: Path) -> None:
    """The watcher is made after the load (and, in a worker, the compile): an edit in between
    is still a change, not the installed state."""
    config_dir = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                              destinations=[{"id": "log", "type": "log"}],
                              rules={"rules": [rule("r0", "word0")]},
                              settings={"reload": {"settle": "2s"}})
    loaded = load_config(config_dir, {})
    (config_dir / "rules.yaml").write_text(rules_text([rule("r0", "word0"), rule("r1", "word1")]))
    clock = Clock()
    watcher = ConfigWatcher(loaded, {}, every=0.0, clock=clock)
    assert watcher.changed() is None  # settling
    clock.now += 2.0
    config = watcher.changed()
    assert config is not None and [r.id for r in config.rules] == ["r0", "r1"]

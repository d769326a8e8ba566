"""Helpers shared by the tests: config directories, feed documents, processes, waiting."""

from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import escape

import yaml

from monitor.cli import main

REPO = Path(__file__).resolve().parent.parent
# A Redis the user chose on purpose; unset (the default), the suite runs a redis-server of its own
TEST_REDIS_URL = os.environ.get("WIREWATCH_TEST_REDIS_URL") or None
# Written by the suite into every database it uses: it flushes only databases that carry it
# (or are empty), so a WIREWATCH_TEST_REDIS_URL pointing at someone's data is refused instead.
SUITE_MARKER_KEY = "wirewatch-test-suite:owned"
SECRET = "whsec_" + base64.b64encode(b"wirewatch-test-secret-0123456789").decode()


def xdist_worker_index() -> int:
    """0, 1, 2… for pytest-xdist's workers gw0, gw1, gw2…; 0 without xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker.removeprefix("gw") or 0)


def worker_redis_url(base_url: str, index: int) -> str:
    """`base_url` with its database number raised by `index`: one database per xdist worker
    (redis://host/4 gives 4, 5, 6… to gw0, gw1, gw2…)."""
    parts = urlsplit(base_url)
    base_db = int(parts.path.lstrip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{base_db + index}"))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss(items: list[dict[str, str]], title: str = "Test Wire", language: str = "") -> bytes:
    """An RSS 2.0 document from dicts with title/description/guid/link/pubDate (and the
    channel's `<language>` when given)."""
    entries = []
    for item in items:
        published = item.get("pubDate") or format_datetime(datetime(2019, 11, 26, 9, tzinfo=UTC))
        entries.append(
            "<item>"
            f"<title>{escape(item['title'])}</title>"
            f"<link>{escape(item.get('link', ''))}</link>"
            f"<guid isPermaLink=\"false\">{escape(item.get('guid', item['title']))}</guid>"
            f"<pubDate>{published}</pubDate>"
            f"<description>{escape(item.get('description', ''))}</description>"
            "</item>")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
            f"<title>{escape(title)}</title><link>http://example.org/</link>"
            f"<description>test</description>"
            f"{f'<language>{escape(language)}</language>' if language else ''}"
            f"{''.join(entries)}</channel></rss>").encode()


def spawn_wirewatch(config: Path, *args: str, capture: bool = False,
                    ) -> subprocess.Popen[bytes]:
    """`python -m monitor --config CONFIG ARGS…` as a real process (no WIREWATCH_* leaking in)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config), *args],
                            cwd=REPO, env=env, stdout=out, stderr=out)


def wait_until(predicate: Callable[[], Any], timeout: float) -> bool:
    """Poll `predicate` every 0.1 s until it holds (True) or `timeout` passes (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def bursts_until(config: Path, done: Callable[[], Any], timeout: float = 20) -> None:
    """`wirewatch worker --burst` again and again (due retries are picked up) until `done()`."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        main(["--config", str(config), "worker", "--burst"])
        time.sleep(0.1)


def write_config(directory: Path, *, redis_url: str | None, feeds: list[dict[str, Any]],
                 destinations: list[dict[str, Any]], rules: dict[str, Any] | None = None,
                 settings: dict[str, Any] | None = None,
                 rule_ids: tuple[str, ...] = ("ru-az-defense",)) -> Path:
    """A config directory: the repo's example rules (those in `rule_ids`, notifying every
    destination) unless `rules` is given."""
    directory.mkdir(parents=True, exist_ok=True)
    base_settings: dict[str, Any] = {
        "data_dir": str(directory / "data"),
        "workers": 1,
        "network": {"allow_private": ["127.0.0.0/8"]},
        "alerts": {"retry_schedule": ["0.2s", "0.2s"], "retry_jitter": 0},
        "logging": {"level": "INFO", "format": "json"},
        "http": {"listen": "127.0.0.1:0"},
    }
    if redis_url:
        base_settings["redis_url"] = redis_url
    base_settings.update(settings or {})
    (directory / "settings.yaml").write_text(yaml.safe_dump(base_settings))
    (directory / "feeds.yaml").write_text(yaml.safe_dump({"feeds": feeds}))
    (directory / "destinations.yaml").write_text(yaml.safe_dump({"destinations": destinations}))
    if rules is None:
        data = yaml.safe_load((REPO / "config" / "rules.yaml").read_text())
        ids = [d["id"] for d in destinations]
        data["rules"] = [r for r in data.get("rules", []) if r["id"] in rule_ids]
        for rule in data["rules"]:
            rule["notify"] = ids
        (directory / "rules.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    else:
        (directory / "rules.yaml").write_text(yaml.safe_dump(rules, allow_unicode=True))
    return directory


def terminate(proc: subprocess.Popen[bytes], timeout: float = 40) -> int:
    """SIGTERM a wirewatch process and wait for it; killed if it outlives `timeout`. Returns
    its exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait(timeout=10)


def timed_stop(proc: subprocess.Popen[bytes], timeout: float = 30) -> tuple[int, float]:
    """(exit code, seconds) of a SIGTERM'd wirewatch process; killed if it outlives `timeout`."""
    began = time.monotonic()
    code = terminate(proc, timeout)
    return code, time.monotonic() - began

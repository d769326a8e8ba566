"""`wirewatch run` as a real process on its embedded Redis."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import rss, spawn_wirewatch, wait_until, write_config
from tests.servers import FeedDoc, FeedServer
from tests.stories import DEFENSE_STORY, NEAR_MISSES


def start(config: Path) -> subprocess.Popen[bytes]:
    return spawn_wirewatch(config, "run")


def stop(proc: subprocess.Popen[bytes], timeout: float = 15) -> tuple[int, float]:
    began = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    return code, time.monotonic() - began


def alert_lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.mark.slow
def test_run_on_embedded_redis_restart_realerts_nothing(tmp_path: Path,
                                                        feed_server: FeedServer) -> None:
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY, *NEAR_MISSES]))
    alerts = tmp_path / "alerts.jsonl"
    config = write_config(
        tmp_path / "cfg", redis_url=None,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": "1s"}],
        destinations=[{"id": "file", "type": "log", "path": str(alerts)}])

    first = start(config)
    try:
        assert wait_until(lambda: len(alert_lines(alerts)) >= 1, 30), "no alert from the first run"
        polls_before = len(feed_server.hits("/wire.xml"))
        assert wait_until(lambda: len(feed_server.hits("/wire.xml")) >= polls_before + 2, 10)
    finally:
        code, took = stop(first)
    assert code == 0 and took < 10
    assert [a["rule"]["id"] for a in alert_lines(alerts)] == ["ru-az-defense"]
    assert (config / "data" / "appendonly.aof").exists() or (config / "data"
                                                             / "appendonlydir").exists()

    # the second run sees a changed body without validators, so the feed is parsed again and
    # only the seen-item set (persisted by the embedded Redis) keeps the story from re-alerting
    feed_server.docs["/wire.xml"] = FeedDoc(rss([*NEAR_MISSES, DEFENSE_STORY]), validators=False)
    second = start(config)
    try:
        hits = len(feed_server.hits("/wire.xml"))
        assert wait_until(lambda: len(feed_server.hits("/wire.xml")) >= hits + 3, 30)
        time.sleep(1.0)  # let any (wrongly) re-enqueued item reach the sink
    finally:
        code, _ = stop(second)
    assert code == 0
    assert len(alert_lines(alerts)) == 1

"""Operating `wirewatch run` as a real process: /healthz, /metrics, status, SIGTERM."""

from __future__ import annotations

import json
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from monitor.cli import main
from tests.helpers import SECRET, free_port, rss, spawn_wirewatch, wait_until, write_config
from tests.servers import FeedDoc, FeedServer, WebhookReceiver
from tests.stories import DEFENSE_STORY


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, ConnectionError):
        return 0, b""


def counters(base: str) -> dict[str, float]:
    _, body = get(base + "/metrics")
    out = {}
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            out[f"{sample.name}{{{labels}}}"] = sample.value
    return out


@pytest.mark.slow
def test_health_metrics_and_clean_shutdown(tmp_path: Path, feed_server: FeedServer,
                                           receivers: list[WebhookReceiver],
                                           restartable_redis) -> None:  # type: ignore[no-untyped-def]
    url, start_redis, stop_redis = restartable_redis
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    port = free_port()
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    config = write_config(
        tmp_path / "cfg", redis_url=url,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"), "interval": "1s"}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        settings={"http": {"listen": f"127.0.0.1:{port}"}})
    base = f"http://127.0.0.1:{port}"
    daemon = spawn_wirewatch(config, "run")
    try:
        assert wait_until(lambda: get(base + "/healthz")[0] == 200, 30)
        assert len(receiver.wait_for(1, timeout=30)) == 1
        # the worker counts a delivery after the receiver answered, and the poller records its
        # poll after the enqueue: wait for both counters before reading the rest
        settled = ("wirewatch_deliveries_total{outcome=delivered}", "wirewatch_polls_total{result=new}")
        assert wait_until(lambda: all(k in counters(base) for k in settled), 10)
        metrics = counters(base)
        assert metrics["wirewatch_new_items_total{}"] >= 1
        assert metrics["wirewatch_alerts_created_total{}"] == 1
        assert metrics["wirewatch_matches_total{rule=ru-az-defense}"] == 1
        assert metrics["wirewatch_deliveries_total{outcome=delivered}"] == 1
        assert metrics["wirewatch_discovery_to_delivery_seconds_count{}"] == 1
        assert metrics["wirewatch_polls_total{result=new}"] == 1
        polls = metrics.get("wirewatch_polls_total{result=not_modified}", 0)
        assert wait_until(lambda: counters(base).get(
            "wirewatch_polls_total{result=not_modified}", 0) > polls, 10)

        stop_redis()
        status, body = get(base + "/healthz")
        assert status == 503 and "redis" in json.loads(body)["reason"]
        start_redis()
        assert wait_until(lambda: get(base + "/healthz")[0] == 200, 30)
    finally:
        began = time.monotonic()
        daemon.send_signal(signal.SIGTERM)
        code = daemon.wait(timeout=20)
    assert code == 0 and time.monotonic() - began < 10


def test_status_json_shows_failing_feed_and_dead_letter(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver], capsys) -> None:  # type: ignore[no-untyped-def]
    receiver = WebhookReceiver(SECRET, default=500)
    receivers.append(receiver)
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "wire", "url": feed_server.url("/wire.xml")},
               {"id": "gone", "url": feed_server.url("/gone.xml")}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        settings={"alerts": {"retry_schedule": [], "retry_jitter": 0}})
    assert main(["--config", str(config), "poll", "--once"]) == 0
    assert main(["--config", str(config), "worker", "--burst"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    feeds = {f["id"]: f for f in status["feeds"]}
    assert feeds["gone"]["health"] == "failing" and feeds["gone"]["last_status"] == 404
    assert feeds["gone"]["error_streak"] == 1 and feeds["gone"]["next_due"]
    assert feeds["wire"]["health"] == "ok" and feeds["wire"]["items_total"] == 1
    assert [d["destination"] for d in status["dead_letters"]] == ["hook"]
    assert {q["name"] for q in status["queues"]} == {"wirewatch-match", "wirewatch-deliver",
                                                     "wirewatch-deliver:hook"}
    assert main(["--config", str(config), "status"]) == 0
    text = capsys.readouterr().out
    assert "failing" in text and "dead letters: 1" in text


def test_match_output_into_a_closed_pipe_stops_quietly() -> None:
    # `wirewatch match … | head -c 0`: the reader is gone before the first write
    import os
    import subprocess
    import sys

    sample = Path(__file__).resolve().parents[1] / "config" / "samples" / "baku-2019-11-26.txt"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from monitor.cli import main; raise SystemExit(main())",
             "match", str(sample)], stdout=write_end, stderr=subprocess.PIPE, text=True,
            cwd=sample.parents[2], timeout=60)
    finally:
        os.close(write_end)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr

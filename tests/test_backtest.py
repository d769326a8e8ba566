"""Backtesting: items archived by the real poller (real Redis, local feed server) and local files
replayed through the config's rules or another rules file."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
import yaml
from redis import Redis

from monitor.cli import main
from monitor.config import compile_rule_configs
from monitor.models import Item
from monitor.ops.backtest import ProgressBar, backtest, progress_for
from monitor.settings import RuleConfig
from monitor.storage.archive import archive_count, archived_items, trim_archive
from monitor.storage.keys import Keys
from tests.helpers import REPO, rss, write_config
from tests.servers import FeedDoc, FeedServer
from tests.stories import DEFENSE_STORY, EXTRA_DEFENSE_STORY, NEAR_MISSES

GAS_RULES = {
    "vocabularies": {"energy": ["gas", "oil", "pipeline"]},
    "rules": [
        {"id": "ru-az-energy", "name": "Russia–Azerbaijan energy deals",
         "query": "@country:RU AND @country:AZ AND @energy"},
        {"id": "armenia", "name": "Armenia", "query": "@country:AM", "enabled": False},
    ],
}


@pytest.fixture
def polled(tmp_path: Path, redis_url: str, feed_server: FeedServer) -> Path:
    """A config dir whose one feed has been polled: four stories archived, one a defense story."""
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY, *NEAR_MISSES]))
    config = write_config(tmp_path / "config", redis_url=redis_url,
                          feeds=[{"id": "wire", "url": feed_server.url("/wire.xml"),
                                  "interval": "1h", "tags": ["caucasus"]}],
                          destinations=[{"id": "log", "type": "log"}])
    assert main(["--config", str(config), "poll", "--once"]) == 0
    return config


def test_archived_item_reports_the_rule_that_would_have_fired(
        polled: Path, redis: Redis, capsys: pytest.CaptureFixture[str]) -> None:
    assert redis.zcard(Keys().archive) == 4
    capsys.readouterr()

    assert main(["--config", str(polled), "backtest", "--since", "1h"]) == 0
    out = capsys.readouterr().out
    assert "backtest: 4 items from the archive (last 1h), 1 rules, 1 would have fired" in out
    assert "ru-az-defense (Russia–Azerbaijan defense contacts): 1 item" in out
    assert DEFENSE_STORY["title"] in out and DEFENSE_STORY["link"] in out
    assert not any(story["title"] in out for story in NEAR_MISSES)

    assert main(["--config", str(polled), "backtest", "--since", "1h", "--jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["rule"], r["count"]) for r in lines] == [("ru-az-defense", 1)]
    hit = lines[0]["matches"][0]
    assert hit["title"] == DEFENSE_STORY["title"] and hit["feed"] == "wire"
    assert hit["evidence"] and hit["snippet"]


def test_since_window_and_expired_items(polled: Path, redis: Redis,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    keys = Keys()
    now = time.time()
    assert len(list(archived_items(redis, keys, 3600, now))) == 4
    # discovered an hour ago: outside --since 30m, inside the whole archive
    redis.zadd(keys.archive, {k: now - 3600 for k in redis.zrange(keys.archive, 0, -1)})
    assert archive_count(redis, keys, 1800, now) == 0
    assert list(archived_items(redis, keys, 1800, now)) == []
    # an item whose JSON has expired is skipped, not an error
    first = redis.zrange(keys.archive, 0, 0)[0].decode()
    redis.delete(keys.archived_item(first))
    assert len(list(archived_items(redis, keys, None, now))) == 3

    assert main(["--config", str(polled), "backtest", "--since", "30m"]) == 0
    assert "0 items from the archive (last 30m)" in capsys.readouterr().out


def test_rules_file_replaces_the_config_rules(polled: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    rules_file = tmp_path / "try.yaml"
    rules_file.write_text(yaml.safe_dump(GAS_RULES, allow_unicode=True))
    capsys.readouterr()
    assert main(["--config", str(polled), "backtest", "--rules", str(rules_file), "--jsonl"]) == 0
    rows = {r["rule"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert set(rows) == {"ru-az-energy", "armenia"}  # the config's rule is not run
    assert [m["title"] for m in rows["ru-az-energy"]["matches"]] == [NEAR_MISSES[2]["title"]]
    # a disabled rule is backtested too: that is how one tries a rule before switching it on
    assert rows["armenia"]["enabled"] is False
    assert [m["title"] for m in rows["armenia"]["matches"]] == [NEAR_MISSES[0]["title"]]


def test_rules_file_uses_the_config_vocabularies_and_reports_errors_by_line(
        polled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_rules = yaml.safe_load((polled / "rules.yaml").read_text())
    config_rules.setdefault("vocabularies", {})["officials"] = ["minister", "general staff"]
    (polled / "rules.yaml").write_text(yaml.safe_dump(config_rules, allow_unicode=True))
    rules_file = tmp_path / "try.yaml"
    rules_file.write_text("rules:\n  - id: officials\n    query: '@officials AND @country:AZ'\n")
    assert main(["--config", str(polled), "backtest", "--rules", str(rules_file)]) == 0
    assert "officials: 1 item\n" in capsys.readouterr().out  # @officials from the config

    rules_file.write_text("rules:\n  - id: ok\n    query: baku\n  - id: bad\n"
                          "    query: '(baku AND'\n")
    assert main(["--config", str(polled), "backtest", "--rules", str(rules_file)]) == 2
    err = capsys.readouterr().err
    assert f"{rules_file}:5: rule 'bad', column" in err


def test_rule_scope_is_respected_for_archived_items(polled: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    rules_file = tmp_path / "scoped.yaml"
    rules_file.write_text(yaml.safe_dump({"rules": [
        {"id": "in-scope", "query": "baku", "tags": ["caucasus"]},
        {"id": "other-feed", "query": "baku", "feeds": ["elsewhere"]},
    ]}))
    capsys.readouterr()
    assert main(["--config", str(polled), "backtest", "--rules", str(rules_file), "--jsonl"]) == 0
    rows = {r["rule"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["in-scope"]["count"] == 2
    assert rows["other-feed"]["count"] == 0 and rows["other-feed"]["out_of_scope"] == 2


def test_file_backtest_needs_no_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "config", redis_url="redis://127.0.0.1:1/0", feeds=[],
                          destinations=[{"id": "log", "type": "log"}])
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": s["guid"], "title": s["title"],
                                           "body": s["description"], "link": s["link"]})
                               for s in [*NEAR_MISSES, EXTRA_DEFENSE_STORY]) + "\n")
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss([DEFENSE_STORY]))
    assert main(["--config", str(config), "backtest", str(jsonl), str(feed)]) == 0
    out = capsys.readouterr().out
    assert "backtest: 5 items from" in out
    assert "ru-az-defense (Russia–Azerbaijan defense contacts): 2 items" in out
    assert EXTRA_DEFENSE_STORY["title"] in out and DEFENSE_STORY["title"] in out


def test_sample_files_of_the_repo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    samples = sorted((REPO / "config" / "samples").glob("*"))
    if not samples:
        pytest.skip("no samples")
    config = write_config(tmp_path / "config", redis_url=None, feeds=[],
                          destinations=[{"id": "log", "type": "log"}])
    assert main(["--config", str(config), "backtest", "--jsonl", *map(str, samples)]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert row["rule"] == "ru-az-defense" and row["count"] == 1
    assert row["matches"][0]["id"] == "baku-2019-11-26.txt"


def test_backtest_function_progress_and_unscoped_report() -> None:
    rules = (RuleConfig(id="baku", query="baku", feeds=("x",)),)
    ruleset = compile_rule_configs(rules, {})
    items = [Item(key=f"k{i}", feed_id="wire", feed_url="", title="Talks in Baku" if i % 2 else "",
                  content="nothing") for i in range(300)]
    seen: list[int] = []
    report = backtest(iter(items), ruleset, rules, seen.append)
    assert report.items == 300 and seen[-1] == 300 and len(seen) == 300
    assert report.rule("baku") is not None and report.rule("baku").count == 150  # type: ignore[union-attr]
    scoped = backtest(items, ruleset, rules, tags_by_feed={"wire": ()})
    assert scoped.rule("baku").count == 0 and scoped.rule("baku").out_of_scope == 150  # type: ignore[union-attr]
    by_id = backtest(items[:2], ruleset, None)
    assert [r.rule_id for r in by_id.rules] == ["baku"]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_for_long_runs() -> None:
    assert progress_for(1000, io.StringIO()) is None
    assert progress_for(100, _Tty()) is None
    stream = _Tty()
    bar = progress_for(1000, stream)
    assert isinstance(bar, ProgressBar)
    bar(1)
    bar(1000)
    bar.close()
    text = stream.getvalue()
    assert "\rbacktest [" in text and "1000/1000" in text and text.endswith("\r")


def test_trim_archive_bounds_age_and_size(redis: Redis) -> None:
    keys = Keys()
    now = 1_000_000.0
    for i in range(10):
        redis.set(keys.archived_item(f"k{i}"), "{}")
        redis.zadd(keys.archive, {f"k{i}": now - 100 * (9 - i)})  # k0 oldest (now - 900)
    assert trim_archive(redis, keys, window=450, now=now, max_items=100) == 5  # k0..k4 too old
    assert trim_archive(redis, keys, window=450, now=now, max_items=3) == 2  # k5, k6 oldest
    assert [k.decode() for k in redis.zrange(keys.archive, 0, -1)] == ["k7", "k8", "k9"]
    assert not redis.exists(keys.archived_item("k6")) and redis.exists(keys.archived_item("k7"))

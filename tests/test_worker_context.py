"""The per-process worker context: rules compiled once, rebuilt beside the old ones when the
config directory changes and has settled."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import yaml
from redis import Redis

from monitor.cli import main
from monitor.config import load_config, load_config_and_rules
from monitor.errors import ConfigError
from monitor.rules import Document
from tests.helpers import wait_until, write_config
from workers.context import WorkerContext

FAST_RELOAD = {"reload": {"interval": "0.05s", "settle": "0.2s"}}


def rules(query: str) -> dict:  # type: ignore[type-arg]
    return {"rules": [{"id": "watch", "name": "Watch", "query": query, "notify": ["log"]}]}


def test_rules_are_reused_and_rebuilt_when_the_file_changes(
        tmp_path: Path, redis: Redis, caplog: pytest.LogCaptureFixture) -> None:
    config_dir = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                              destinations=[{"id": "log", "type": "log"}],
                              rules=rules("gerasimov"), settings=FAST_RELOAD)
    ctx = WorkerContext(load_config(config_dir, {}), redis, environ={})
    try:
        first = ctx.ruleset
        assert ctx.ruleset is first  # compiled once, not per job
        doc = Document(title="Shoigu visits Baku")
        assert first.match(doc) == []

        (config_dir / "rules.yaml").write_text(yaml.safe_dump(rules("shoigu")))
        assert wait_until(lambda: ctx.ruleset.match(doc), timeout=10)
        assert ctx.installed.config.rules[0].query == "shoigu"

        installed = ctx.installed
        (config_dir / "rules.yaml").write_text(yaml.safe_dump(rules("shoigu AND (")))
        assert wait_until(lambda: [r for r in caplog.records if r.levelno == logging.ERROR],
                          timeout=10)
        assert ctx.installed is installed  # broken edit: old rules stay
        refused = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert "invalid" in refused[0].getMessage() and "rules.yaml" in refused[0].error
    finally:
        ctx.close()


def test_load_config_and_rules_compiles_the_enabled_rules_and_checks_the_others(
        tmp_path: Path) -> None:
    config_dir = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                              destinations=[{"id": "log", "type": "log"}],
                              rules={"rules": [
                                  {"id": "on", "query": "shoigu", "notify": ["log"]},
                                  {"id": "off", "query": "gerasimov", "notify": ["log"],
                                   "enabled": False}]})
    config, ruleset = load_config_and_rules(config_dir, {})
    assert [r.id for r in config.rules] == ["on", "off"]
    assert [m.rule_id for m in ruleset.match(Document(title="Shoigu and Gerasimov"))] == ["on"]

    text = (config_dir / "rules.yaml").read_text().replace("gerasimov", "gerasimov AND (")
    (config_dir / "rules.yaml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config_and_rules(config_dir, {})
    [problem] = caught.value.problems
    assert problem.startswith(f"{config_dir / 'rules.yaml'}:") and "rule 'off'" in problem


def test_match_command_uses_the_enabled_rules(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    config_dir = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                              destinations=[{"id": "log", "type": "log"}],
                              rules={"rules": [
                                  {"id": "on", "query": "shoigu", "notify": ["log"]},
                                  {"id": "off", "query": "gerasimov", "notify": ["log"],
                                   "enabled": False}]})
    doc = tmp_path / "doc.jsonl"
    doc.write_text(json.dumps({"id": "d1", "title": "Shoigu and Gerasimov in Baku"}) + "\n")
    assert main(["--config", str(config_dir), "match", "--jsonl", str(doc)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert [m["rule"] for m in json.loads(line)["matches"]] == ["on"]


def test_a_delivery_lane_context_compiles_no_rules_and_reloads_destinations(
        tmp_path: Path, redis: Redis) -> None:
    """A delivery lane matches nothing: no rule is compiled at start or on a reload, and an
    edit of a destination's `concurrency` is in force without a restart."""
    config_dir = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                              destinations=[{"id": "log", "type": "log"}],
                              rules=rules("gerasimov"), settings=FAST_RELOAD)
    ctx = WorkerContext(load_config(config_dir, {}), redis, environ={}, rules=False)
    try:
        assert len(ctx.ruleset) == 0
        assert ctx.config.destination("log").concurrency == 8  # the default
        (config_dir / "destinations.yaml").write_text(yaml.safe_dump(
            {"destinations": [{"id": "log", "type": "log", "concurrency": 2}]}))
        assert wait_until(lambda: ctx.config.destination("log").concurrency == 2, timeout=10)
        assert len(ctx.ruleset) == 0 and ctx.watcher.ruleset is None
    finally:
        ctx.close()

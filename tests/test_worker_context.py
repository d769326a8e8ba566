"""The per-process worker context: rules compiled once, rebuilt when rules.yaml changes."""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from redis import Redis

from monitor.config import load_config
from monitor.rules import Document
from tests.helpers import write_config
from workers.context import RELOAD_CHECK_SECONDS, WorkerContext


def rules(query: str) -> dict:  # type: ignore[type-arg]
    return {"rules": [{"id": "watch", "name": "Watch", "query": query, "notify": ["log"]}]}


def test_rules_are_reused_and_rebuilt_when_the_file_changes(tmp_path: Path,
                                                            redis: Redis) -> None:
    config_dir = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                              destinations=[{"id": "log", "type": "log"}],
                              rules=rules("gerasimov"))
    ctx = WorkerContext(load_config(config_dir, {}), redis, environ={})
    first = ctx.ruleset
    assert ctx.ruleset is first  # compiled once, not per job
    doc = Document(title="Shoigu visits Baku")
    assert first.match(doc) == []

    (config_dir / "rules.yaml").write_text(yaml.safe_dump(rules("shoigu")))
    time.sleep(RELOAD_CHECK_SECONDS + 0.1)
    assert [m.rule_id for m in ctx.ruleset.match(doc)] == ["watch"]

    (config_dir / "rules.yaml").write_text(yaml.safe_dump(rules("shoigu AND (")))
    time.sleep(RELOAD_CHECK_SECONDS + 0.1)
    assert [m.rule_id for m in ctx.ruleset.match(doc)] == ["watch"]  # broken edit: old rules stay

"""What the CLI prints: `match` names each file once, `alerts failed` shows rule and title,
`alerts replay --all` with nothing to replay is not an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from redis import Redis

from monitor.cli import main
from monitor.models import DeliveryState
from monitor.storage.keys import Keys
from monitor.storage.stores import AlertStore
from tests.helpers import REPO, write_config


def config_on(tmp_path: Path, redis_url: str) -> Path:
    return write_config(tmp_path / "cfg", redis_url=redis_url, feeds=[],
                        destinations=[{"id": "log", "type": "log"}])


def test_match_names_each_file_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = REPO / "config" / "samples" / "baku-2019-11-26.txt"
    config = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                          destinations=[{"id": "log", "type": "log"}])
    assert main(["--config", str(config), "match", str(sample)]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.count(sample.name) == 1


def test_alerts_failed_shows_rule_and_title(tmp_path: Path, redis_url: str, redis: Redis,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    alerts = AlertStore(redis, Keys())
    alert = {"id": "alert_1", "rule": {"id": "ru-az-defense", "name": "r"},
             "item": {"title": "Gerasimov arrives in Baku"}}
    assert alerts.create(alert, ["log"], lambda pipe, dest: None)
    alerts.mark("alert_1", "log", DeliveryState.DEAD)
    assert main(["--config", str(config_on(tmp_path, redis_url)), "alerts", "failed"]) == 0
    out = capsys.readouterr().out
    assert "rule=ru-az-defense" in out and "Gerasimov arrives in Baku" in out


def test_replay_all_with_nothing_to_replay_exits_0(tmp_path: Path, redis_url: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    config = config_on(tmp_path, redis_url)
    assert main(["--config", str(config), "alerts", "replay", "--all"]) == 0
    assert "nothing to replay" in capsys.readouterr().err
    assert main(["--config", str(config), "alerts", "replay", "alert_unknown"]) == 1

"""`wirewatch check` reports every problem in one pass without cascades; warnings leave exit 0;
the offline tools need no secrets; a delivery that cannot sign is a dead letter at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from monitor.alerting.sinks import send_webhook
from monitor.cli import main
from monitor.settings import AlertSettings, DestinationConfig
from tests.helpers import REPO, SECRET, write_config

UNSET = "WIREWATCH_TEST_SECRET_THAT_IS_NOT_SET"


def broken_config(tmp_path: Path) -> Path:
    """One problem of each kind, each in its own entry."""
    return write_config(
        tmp_path / "cfg", redis_url=None,
        feeds=[{"id": "wire", "url": "https://example.org/rss"}],
        destinations=[
            {"id": "hook", "type": "webhook", "url": "https://hooks.example.org/a",
             "secret_env": UNSET},
            {"id": "ftp", "type": "webhook", "url": "ftp://example.org/", "secret": SECRET},
        ],
        rules={"vocabularies": {"military": ["army"]}, "rules": [
            {"id": "typo", "name": "t", "query": "@country:RU AND @nope", "notfy": ["hook"]},
            {"id": "near", "name": "n", "query": "(a NEAR/x b", "notify": ["hook"]},
            {"id": "refs", "name": "r", "query": "@miltary AND @country:XX", "notify": ["hook"]},
        ]})


def test_check_reports_every_problem_in_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv(UNSET, raising=False)
    config = broken_config(tmp_path)
    assert main(["--config", str(config), "check"]) == 2
    err = capsys.readouterr().err
    for expected in [
        "notfy: Extra inputs are not permitted",  # a schema error ...
        "rule 'typo', column 17: unknown vocabulary @nope",  # ... hides not its query's error
        "rule 'near', column 9: expected a number",
        "rule 'near', column 1: unbalanced '(': never closed",  # a second error of one rule
        "rule 'refs', column 1: unknown vocabulary @miltary",
        "rule 'refs', column 14: unknown country code 'XX'",
        "webhook destination needs an http(s) url",
        f"warning: destination 'hook': environment variable {UNSET} (secret_env) is not set",
    ]:
        assert expected in err, expected
    assert "unknown destination" not in err  # no cascade from the unset secret
    assert len(err.strip().splitlines()) == 8


def test_warnings_alone_leave_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(
        tmp_path / "cfg", redis_url=None, feeds=[],
        destinations=[{"id": "off", "type": "log", "enabled": False}],
        rules={"rules": [{"id": "silent", "name": "s", "query": "gerasimov"},
                         {"id": "muted", "name": "m", "query": "baku", "notify": ["off"]}]})
    assert main(["--config", str(config), "check"]) == 0
    err = capsys.readouterr().err
    assert "rule 'silent' notifies no destination: its alerts go nowhere" in err
    assert "rule 'muted' notifies only disabled destinations" in err


def test_match_and_backtest_need_no_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv(UNSET, raising=False)
    config = write_config(tmp_path / "cfg", redis_url=None, feeds=[], destinations=[
        {"id": "hook", "type": "webhook", "url": "https://hooks.example.org/a",
         "secret_env": UNSET}])
    sample = REPO / "config" / "samples" / "baku-2019-11-26.txt"
    assert main(["--config", str(config), "match", str(sample)]) == 0
    assert "MATCH ru-az-defense" in capsys.readouterr().out
    assert main(["--config", str(config), "backtest", "--jsonl", str(sample)]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "check"]) == 0  # check needs none either, but says it
    assert f"warning: destination 'hook': environment variable {UNSET}" in capsys.readouterr().err


def test_a_delivery_that_cannot_sign_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UNSET, raising=False)
    dest = DestinationConfig.model_validate(
        {"id": "hook", "type": "webhook", "url": "https://hooks.example.org/a",
         "secret_env": UNSET})

    class NoNetwork:
        def post(self, *args: object, **kwargs: object) -> object:
            raise AssertionError("an unsigned alert must not be sent")

    outcome = send_webhook(NoNetwork(), dest, {"id": "alert_1"}, AlertSettings())
    assert outcome.permanent and not outcome.delivered
    assert f"{UNSET} (secret_env) is not set" in (outcome.error or "")


def test_the_example_config_checks_clean(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    destinations = yaml.safe_load((REPO / "config" / "destinations.yaml").read_text())
    for dest in destinations.get("destinations") or []:
        if dest.get("secret_env"):
            monkeypatch.setenv(dest["secret_env"], SECRET)
    assert main(["--config", str(REPO / "config"), "check"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_a_secret_variable_of_separators_only_is_not_a_secret(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(UNSET, " , ")
    dest = DestinationConfig.model_validate(
        {"id": "hook", "type": "webhook", "url": "https://hooks.example.org/a",
         "secret_env": UNSET})
    assert dest.secret_problem() == f"environment variable {UNSET} (secret_env) is not set"


@pytest.mark.parametrize(("text", "expected"), [
    ("rules:\n  - id: [1]\n    name: n\n    query: q\n", "rules.yaml:2: id: Input should be"),
    ("\x00\x01rules: []\n", "rules.yaml:1: invalid YAML: unacceptable character"),
    ("a: &a [*a]\nrules: []\n", "rules.yaml:1: YAML anchors and aliases"),
    ("rules:\n  - id: r\n    name: r\n    query: x\nrules: []\n", "rules.yaml:5: duplicate key 'rules'"),
    ("rules:\n  - id: q\n    name: q\n    query: \"" + "(" * 300 + "a" + ")" * 300 + "\"\n",
     "rule 'q', column 1: the query nests too deeply"),
])
def test_hostile_rules_files_are_problems_not_tracebacks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    config = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                          destinations=[{"id": "log", "type": "log"}])
    (config / "rules.yaml").write_text(text)
    assert main(["--config", str(config), "check"]) == 2
    assert expected in capsys.readouterr().err


def test_entries_that_failed_their_own_check_cause_no_cascade(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(
        tmp_path / "cfg", redis_url=None,
        feeds=[{"id": "f1", "url": "ftp://example.org/"}],
        destinations=[{"id": "typo", "type": "webhok"}],
        rules={"vocabularies": {"x": "hello"}, "rules": [
            {"id": "r", "name": "r", "query": "@x", "notify": ["typo"], "feeds": ["f1"]}]})
    assert main(["--config", str(config), "check"]) == 2
    err = capsys.readouterr().err
    assert "vocabulary 'x' must be a list" in err and "type: Input should be" in err
    assert "unknown" not in err


@pytest.mark.parametrize("url", ["http://[::1/", "http://x.example:99999/", "https://exa mple.org/"])
def test_urls_no_request_could_use_are_problems(tmp_path: Path, url: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "cfg", redis_url=None, feeds=[{"id": "f", "url": url}],
                          destinations=[{"id": "hook", "type": "webhook", "url": url,
                                         "secret": SECRET}])
    assert main(["--config", str(config), "check"]) == 2
    err = capsys.readouterr().err
    assert "feeds.yaml" in err and "destinations.yaml" in err


def test_settings_interval_bounds_must_be_ordered(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                          destinations=[{"id": "log", "type": "log"}],
                          settings={"poll": {"min_interval": "1h", "max_interval": "1m"}})
    assert main(["--config", str(config), "check"]) == 2
    assert "min_interval is larger than max_interval" in capsys.readouterr().err

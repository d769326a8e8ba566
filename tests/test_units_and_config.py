"""Pure parts: durations/sizes, settings and the config loader (env overrides, line numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.ingest.poller import next_interval
from monitor.units import parse_duration, parse_size
from tests.helpers import SECRET, write_config


@pytest.mark.parametrize(("text", "seconds"), [
    ("90s", 90), ("5m", 300), ("2h", 7200), ("1h30m", 5400), ("250ms", 0.25), (15, 15),
    ("0.2s", 0.2), ("1d", 86400),
])
def test_durations(text: object, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("bad", ["soon", "5x", "-3s", "", True, [1]])
def test_bad_durations(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


@pytest.mark.parametrize(("text", "size"), [("15MiB", 15 * 1024**2), ("512KiB", 512 * 1024),
                                            ("2MB", 2_000_000), (100, 100), ("100", 100)])
def test_sizes(text: object, size: int) -> None:
    assert parse_size(text) == size


def _config(tmp_path: Path, **kw: object) -> Path:
    return write_config(tmp_path / "cfg", redis_url=None,
                        feeds=[{"id": "a", "url": "https://example.org/a.xml", "interval": "30s"}],
                        destinations=[{"id": "log", "type": "log"}], **kw)  # type: ignore[arg-type]


def test_env_overrides_nested_settings(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path), {
        "WIREWATCH_POLL__INTERVAL": "2m", "WIREWATCH_REDIS_URL": "redis://10.1.2.3:6380/4",
        "WIREWATCH_NETWORK__ALLOW_PRIVATE": '["10.0.0.0/8", "fd00::/8"]',
        "WIREWATCH_WORKERS": "5"})
    assert config.settings.poll.interval == 120
    assert config.settings.redis_url == "redis://10.1.2.3:6380/4"
    assert config.settings.network.allow_private == ("10.0.0.0/8", "fd00::/8")
    assert config.settings.workers == 5
    assert config.feeds[0].interval == 30


def test_bad_env_override_is_reported_by_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_config(tmp_path), {"WIREWATCH_WORKERS": "many"})
    assert any(p.startswith("env:WIREWATCH_WORKERS:") for p in caught.value.problems)


def test_secret_from_environment_and_never_in_errors(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                       destinations=[{"id": "hook", "type": "webhook",
                                      "url": "https://example.org/hook",
                                      "secret_env": "HOOK_SECRET"}])
    with pytest.raises(ConfigError) as caught:  # what check, run and worker require
        load_config(cfg, {}, require_secrets=True)
    assert "HOOK_SECRET" in str(caught.value)
    import os
    os.environ["HOOK_SECRET"] = SECRET
    try:
        config = load_config(cfg, {}, require_secrets=True)
    finally:
        del os.environ["HOOK_SECRET"]
    assert config.destinations[0].secrets() == ()  # read lazily: the variable is gone now
    assert SECRET not in repr(config)


def test_duplicate_ids_and_unknown_references(tmp_path: Path) -> None:
    cfg = _config(tmp_path)
    (cfg / "feeds.yaml").write_text(
        "feeds:\n  - id: a\n    url: https://example.org/a\n  - id: a\n    url: https://x.org/\n")
    rules = (cfg / "rules.yaml").read_text()
    (cfg / "rules.yaml").write_text(rules.replace("- log", "- nowhere"))
    with pytest.raises(ConfigError) as caught:
        load_config(cfg, {})
    text = "\n".join(caught.value.problems)
    assert f"{cfg / 'feeds.yaml'}:4: duplicate id 'a'" in text
    assert "unknown destination 'nowhere'" in text


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    cfg = _config(tmp_path)
    (cfg / "settings.yaml").write_text("workers: 2\npoll:\n  interval: [5m\n")
    with pytest.raises(ConfigError) as caught:
        load_config(cfg, {})
    assert caught.value.problems[0].startswith(f"{cfg / 'settings.yaml'}:")
    assert "invalid YAML" in caught.value.problems[0]


def _interval(feed: dict[str, str], poll: dict[str, str], state: dict[str, str],
              tmp_path: Path) -> float:
    config = load_config(write_config(
        tmp_path / "cfg", redis_url=None, feeds=[{"id": "a", "url": "https://e.org/a", **feed}],
        destinations=[{"id": "log", "type": "log"}], settings={"poll": poll}))
    return next_interval(config.feeds[0], config, state, new_items=0, ttl_hint=None)


def test_a_settings_poll_interval_is_kept(tmp_path: Path) -> None:
    """A quiet feed under `poll.interval: 30s` stays at 30 s; it used to drift to 60, 75, 93…"""
    state: dict[str, str] = {}
    for _ in range(5):
        interval = _interval({}, {"interval": "30s"}, state, tmp_path)
        assert interval == 30.0
        state = {"interval": str(interval)}


def test_min_max_interval_ask_for_adaptive_polling(tmp_path: Path) -> None:
    assert _interval({}, {}, {}, tmp_path) == 375.0  # adaptive from 5 min, a quiet poll: slower
    assert _interval({"max_interval": "2m"}, {"interval": "30s"}, {}, tmp_path) == 75.0
    assert _interval({"interval": "10s"}, {"interval": "30s"}, {}, tmp_path) == 10.0

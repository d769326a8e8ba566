"""The config YAML reader: values as PyYAML's safe loader gives them, the refusals a config
needs, each on its line, with libyaml and with the pure-Python parser alike."""

from __future__ import annotations

import datetime

import pytest
import yaml

from monitor import yamlfile
from monitor.yamlfile import YAMLProblem, line_map, load_plain

LOADERS = [pytest.param(yaml.SafeLoader, id="pure")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS, autouse=True)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "LOADER", request.param)


TEXT = """\
settings: {workers: 3, ratio: 0.5, enabled: true, paused: no, none: ~}
when: 2019-11-26
quoted: ["1", '2', "true"]
tagged: !!str 10
anchored: &word baku
again: *word
1: the key is text
rules:
  - id: r1
    query: "gerasimov NEAR/s @country:AZ"
    notify: [hook]
  -   id: r2
      query: >
        folded
        text
"""


def test_values_are_those_of_the_safe_loader() -> None:
    expected = yaml.safe_load(TEXT)
    expected["1"] = expected.pop(1)  # a key is its text: `1:` is the key "1"
    got = load_plain(TEXT)
    assert got == expected
    assert got["when"] == datetime.date(2019, 11, 26)
    assert got["settings"]["workers"] == 3 and got["settings"]["paused"] is False


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: 1\nb:\n  c: 1\n  c: 2\n", 4, "duplicate key 'c'"),
    ("a: &x [1]\nb: *x\n", 2, "YAML anchors and aliases"),
    ("a: &x [*x]\n", 1, "YAML anchors and aliases"),
    ("a: *nowhere\n", 1, "undefined alias"),
    ("? [1, 2]\n: v\n", 1, "a mapping key must be a plain value"),
    ("a: 1\nb: !!int abc\n", 2, "invalid value 'abc'"),
    ("a: 1\nb: 2019-02-30\n", 2, "invalid value '2019-02-30'"),
    ("a: 1\n---\nb: 2\n", 2, "expected a single document"),
    ("a: [1, 2\n", 2, "invalid YAML"),
    ("a: 1\nb: \x01\n", 2, "invalid YAML: unacceptable character"),
])
def test_refusals_name_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(YAMLProblem) as caught:
        load_plain(text)
    assert caught.value.line == line
    assert message in caught.value.message


def test_an_empty_text_is_none() -> None:
    assert load_plain("") is None
    assert load_plain("# only a comment\n") is None


def test_line_map_places_every_key_and_entry() -> None:
    lines = line_map(TEXT)
    assert lines[("rules",)] == 8
    assert lines[("rules", 0)] == 9 and lines[("rules", 0, "query")] == 10
    assert lines[("rules", 1)] == 12 and lines[("rules", 1, "query")] == 13
    assert lines[("settings", "workers")] == 1

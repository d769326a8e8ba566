"""The generated gazetteer and event files are what their generator makes from the curated
inputs (the build-time `[data]` extra, pinned to the versions that made them, is part of the
test extra)."""

from __future__ import annotations

import json

import pytest

from monitor.rules import gen_gazetteer


def test_committed_data_is_the_generators_output() -> None:
    committed = json.loads(gen_gazetteer.OUT.read_text(encoding="utf-8"))
    assert committed["sources"] == gen_gazetteer.source_versions(), \
        "the [data] pins and the versions that made the file differ: regenerate it"
    assert gen_gazetteer.build() == committed
    events = json.loads(gen_gazetteer.EVENTS_OUT.read_text(encoding="utf-8"))
    assert gen_gazetteer.build_events() == events


@pytest.mark.parametrize(("lang", "name", "expected"), [
    ("ru", "Кения", ["кенийский"]),
    ("uk", "Аргентина", ["аргентинський"]),
    ("fr", "Thaïlande", ["thaïlandais"]),
    ("de", "Irland", []),  # not "iranisch" (Iran's): too few letters of the name
    ("es", "Colombia", ["colombiano"]),
])
def test_adjectives_derived_only_where_the_language_knows_them(
        lang: str, name: str, expected: list[str]) -> None:
    assert gen_gazetteer.derived_adjectives(lang, name) == expected


def test_collisions_with_english_words_are_dropped() -> None:
    words = {"IS": {"iceland"}, "IN": {"india"}, "US": {"united states"}}
    entries = {"de": [["Island", "de"]], "tr": [["Hint", "tr"]], "ru": [["Исландия", "exact"]]}
    found = gen_gazetteer.collisions("IS", entries, words, gen_gazetteer.Paradigms())
    assert ["Island", "de"] in found and ["Hint", "tr"] in found
    assert all(form != "Исландия" for form, _ in found)

"""The built-in event vocabularies behind `@event:NAME` (meet, sign, military-cooperation,
threaten, attack), after the CAMEO and PLOVER event categories.

The words come from the generated `monitor/data/events.json` (made by `gen_gazetteer.py` from
`monitor/data/events_curated.yaml`), each stored once with its inflection scheme
(`inflect.py`: English -s/-ed/-ing, Russian and Ukrainian paradigms from pymorphy3,
Azerbaijani and Turkish verb and noun endings) and spelled out into exact patterns here, once
per process, like the gazetteer.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from monitor.rules.ast import Pattern
from monitor.rules.inflect import forms
from monitor.rules.resolve import make_pattern

DATA = Path(__file__).resolve().parents[1] / "data" / "events.json"


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def event_names() -> list[str]:
    """The built-in event vocabularies, by name."""
    return sorted(_data()["events"])


def event_forms(name: str, lang: str) -> list[str]:
    """Every form of one event vocabulary in one language (as printed, not normalised)."""
    data = _data()
    entries = data["events"].get(name, {}).get(lang, ())
    return [f for text, scheme in entries for f in forms(text, scheme, data["paradigms"])]


def event_patterns(name: str) -> tuple[Pattern, ...] | None:
    """The patterns of `@event:NAME` in every language (any case), or None."""
    return _patterns(name.lower())


@cache
def _patterns(name: str) -> tuple[Pattern, ...] | None:
    by_lang = _data()["events"].get(name)
    if by_lang is None:
        return None
    out: dict[Pattern, None] = {}
    for lang in by_lang:
        for form in event_forms(name, lang):
            try:
                out[make_pattern(form)] = None
            except ValueError:  # no letters to match
                continue
    return tuple(out)


__all__ = ["event_forms", "event_names", "event_patterns"]

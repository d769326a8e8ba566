"""The built-in country gazetteer behind `@country:XX`.

Facts (names, official names, native names, demonyms, capitals) come from the generated
`monitor/data/countries.json` (see `gen_countries.py`). This module adds what the data lacks
for news text (metonyms such as "Kremlin", short forms such as "Azeri", acronyms that must be
case-sensitive such as `=US`), removes entries that would fire on ordinary words ("Island" for
Iceland, "Victoria" for the Seychelles), adds plural demonyms, and makes a shorter name give
way to a longer name of another country or place ("Guinea" does not match in "Papua New
Guinea", "Sudan" not in "South Sudan", "Niger" not in "Niger Delta").
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from monitor.rules.ast import Pattern
from monitor.rules.resolve import entry_pattern

DATA = Path(__file__).resolve().parents[1] / "data" / "countries.json"

EXTRA: dict[str, tuple[str, ...]] = {
    "AE": ("=UAE", "Emirates"),
    "AZ": ("Azeri", "Azeris"),
    "BO": ("La Paz",),
    "BQ": ("Bonaire", "Sint Eustatius", "Saba"),
    "CD": ("=DRC",),
    "CI": ("Abidjan",),
    "CN": ("=PRC", "Zhongnanhai"),
    "CZ": ("Czechia",),
    "DE": ("Bundestag",),
    "FR": ("Elysee",),
    "GB": ("=UK", "Britain", "Briton", "Britons", "Downing Street", "Whitehall",
           "England", "Scotland", "Wales", "Northern Ireland", "Scottish", "Welsh"),
    "IR": ("Persia",),
    "KP": ("=DPRK",),
    "KR": ("=ROK",),
    "KZ": ("Astana",),
    "MK": ("Macedonia", "North Macedonia"),
    "MM": ("Burma", "Nay Pyi Taw", "Naypyitaw"),
    "NL": ("The Hague",),
    "PS": ("Gaza", "West Bank"),
    "RU": ("Kremlin",),
    "SZ": ("Mbabane",),
    "TR": ("Turks",),
    "UA": ("Kiev",),
    "US": ("=US", "=USA", "Washington", "White House", "Pentagon"),
    "VA": ("Vatican",),
    "YE": ("Sanaa",),
    "ZA": ("Cape Town",),
}

# Entries of the data that are ordinary words in English news, or belong to another country.
DROP: dict[str, tuple[str, ...]] = {
    "AI": ("The Valley",),
    "BM": ("Hamilton",),
    "BN": ("the Abode of Peace",),
    "BQ": ("Oranjestad", "The Bottom"),
    "CC": ("West Island",),
    "FK": ("Stanley",),
    "GG": ("Channel Islander",),
    "HK": ("City of Victoria", "Chinese"),
    "IM": ("Douglas", "Mann"),
    "IO": ("Indian",),
    "IS": ("Island", "Ísland"),
    "JE": ("Channel Islander",),
    "MO": ("Chinese",),
    "MP": ("American",),
    "MS": ("Plymouth",),
    "MV": ("Malé",),
    "NF": ("Kingston",),
    "PS": ("Jerusalem",),
    "SC": ("Victoria",),
    "SH": ("Jamestown",),
    "SJ": ("Norwegian",),
    "TH": ("Prathet",),
    "RE": ("Saint-Denis",),
    "PM": ("Saint-Pierre",),
}
_FRENCH_TERRITORIES = ("BL", "GF", "GP", "MF", "MQ", "NC", "PM", "RE", "TF", "WF", "YT")

# Longer names of places that are not countries, which swallow a country's shorter name.
PLACES = ("Niger Delta", "New Jersey", "New Mexico", "New Guinea", "Guinea pig", "Guinea pigs",
          "Washington Post", "Washington state", "New South Wales")

_NO_PLURAL = ("ese", "ish", "sh", "ss", "s", "x", "z", "French", "Dutch", "Swiss")


def country_patterns(code: str) -> tuple[Pattern, ...] | None:
    """The patterns of `@country:CODE` (ISO alpha-2 or alpha-3, any case), or None."""
    table = _gazetteer()
    key = code.upper()
    return table.get(_alpha3_to_2().get(key, key))


def country_terms(code: str) -> list[str]:
    """The entries (as written) of one country, for documentation and tests."""
    key = code.upper()
    return _entries(_facts()).get(_alpha3_to_2().get(key, key), [])


@lru_cache(maxsize=1)
def _facts() -> dict[str, dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _alpha3_to_2() -> dict[str, str]:
    return {facts["alpha3"]: code for code, facts in _facts().items()}


def _entries(facts: dict[str, dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code, f in facts.items():
        drop = set(DROP.get(code, ()))
        if code in _FRENCH_TERRITORIES:
            drop.add("French")
        demonyms = [d for d in f["demonyms"] if d not in drop]
        plurals = [d + "s" for d in demonyms if not d.endswith(_NO_PLURAL)]
        terms = f["names"] + demonyms + plurals + f["capitals"] + list(EXTRA.get(code, ()))
        out[code] = list(dict.fromkeys(t for t in terms if t not in drop))
    return out


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[Pattern, ...]]:
    raw = {code: _patterns(terms) for code, terms in _entries(_facts()).items()}
    raw[""] = _patterns(PLACES)  # blockers only
    blocked = _with_blockers(raw)
    blocked.pop("")
    return blocked


def _patterns(terms: list[str] | tuple[str, ...]) -> list[Pattern]:
    out: dict[Pattern, None] = {}
    for term in terms:
        try:
            out[entry_pattern(term)] = None
        except ValueError:  # a native name with no letters we can fold; nothing to match
            continue
    return list(out)


def _with_blockers(raw: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
    """Give each pattern the longer patterns of *other* countries (and places) containing it."""
    by_word: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for code, patterns in raw.items():
        for p in patterns:
            for w in set(p.words):
                by_word.setdefault(w, []).append((code, p.words))
    out: dict[str, tuple[Pattern, ...]] = {}
    for code, patterns in raw.items():
        out[code] = tuple(_blocked(p, code, by_word) for p in patterns)
    return out


def _blocked(p: Pattern, code: str, by_word: dict) -> Pattern:
    blockers = set()
    n = len(p.words)
    for other, words in by_word.get(p.words[0], ()):
        if other == code or len(words) <= n:
            continue
        for k in range(len(words) - n + 1):
            if words[k:k + n] == p.words:
                blockers.add((words, k))
    if not blockers:
        return p
    return Pattern(p.words, p.prefix, p.cased, tuple(sorted(blockers)))

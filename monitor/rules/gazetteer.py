"""The built-in country gazetteer behind `@country:XX`, in ten languages.

English facts (names, official names, native names, demonyms, capitals) come from the generated
`monitor/data/countries.json` (see `gen_countries.py`). This module adds what the data lacks
for news text (metonyms such as "Kremlin", short forms such as "Azeri", acronyms that must be
case-sensitive such as `=US`), removes entries that would fire on ordinary words ("Island" for
Iceland, "Victoria" for the Seychelles), adds plural demonyms, and makes a shorter name give
way to a longer name of another country or place ("Guinea" does not match in "Papua New
Guinea", "Sudan" not in "South Sudan", "Niger" not in "Niger Delta").

The other nine languages (ru, uk, az, tr, fa, ar, fr, de, es) come from the generated
`monitor/data/gazetteer.json` (see `gen_gazetteer.py`): each entry once, with its inflection
scheme (`inflect.py`), spelled out here into exact forms when a country is first used, so that
the matcher needs no suffix logic. The file also lists, per language, phrases that block a
match inside them ("штат Вашингтон", "آمریکای لاتین"), forms that are ordinary words ("çini")
and forms that count only capitalised (Turkish "Kazak", not "kazak", a sweater).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from monitor.rules.ast import Pattern
from monitor.rules.inflect import forms
from monitor.rules.normalize import fold
from monitor.rules.resolve import entry_pattern, make_pattern

DATA = Path(__file__).resolve().parents[1] / "data" / "countries.json"
LANGUAGES_DATA = DATA.with_name("gazetteer.json")
LANGUAGES = ("en", "ru", "uk", "az", "tr", "fa", "ar", "fr", "de", "es")

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
    key = code.upper()
    key = _alpha3_to_2().get(key, key)
    if key not in _facts():
        return None
    return _country(key)


def country_known(code: str) -> bool:
    """Whether `code` is an ISO alpha-2 or alpha-3 code of the gazetteer (nothing expanded)."""
    key = code.upper()
    return _alpha3_to_2().get(key, key) in _facts()


def country_terms(code: str) -> list[str]:
    """The English entries (as written) of one country, for documentation and tests."""
    key = code.upper()
    return _english_entries().get(_alpha3_to_2().get(key, key), [])


def country_forms(code: str, lang: str) -> list[str]:
    """Every form of one country in one language (as printed, not yet normalised)."""
    key = code.upper()
    return [form for form, _ in _language_forms(_alpha3_to_2().get(key, key), lang)]


@lru_cache(maxsize=1)
def _facts() -> dict[str, dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _languages() -> dict:
    return json.loads(LANGUAGES_DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _alpha3_to_2() -> dict[str, str]:
    return {facts["alpha3"]: code for code, facts in _facts().items()}


@lru_cache(maxsize=1)
def _english_entries() -> dict[str, list[str]]:
    """The English terms of every country (a `=` prefix: case-sensitive)."""
    cased = set(_languages()["cased"].get("en", ()))
    out: dict[str, list[str]] = {}
    for code, f in _facts().items():
        drop = set(DROP.get(code, ()))
        if code in _FRENCH_TERRITORIES:
            drop.add("French")
        demonyms = [d for d in f["demonyms"] if d not in drop]
        plurals = [d + "s" for d in demonyms if not d.endswith(_NO_PLURAL)]
        terms = f["names"] + demonyms + plurals + f["capitals"] + list(EXTRA.get(code, ()))
        terms = [("=" + t) if t in cased else t for t in terms]
        out[code] = list(dict.fromkeys(t for t in terms if t.lstrip("=") not in drop))
    return out


_SEPARATORS = (" ", "-", "\u2010", "\u200c")  # what may split a form into several words


def _language_forms(code: str, lang: str, phrases_only: bool = False) -> list[tuple[str, bool]]:
    """(form, case-sensitive) of one country in one language of the generated file; with
    `phrases_only`, of its entries of several words only (the forms of a one-word entry are
    one word in every scheme: Rusya'nın, l'Ukraine, روسیه‌ای)."""
    data = _languages()
    out: list[tuple[str, bool]] = []
    for text, scheme in data["countries"].get(code, {}).get(lang, ()):
        if phrases_only and not any(sep in text for sep in _SEPARATORS):
            continue
        cased = scheme.endswith("!")
        out += [(form, cased) for form in forms(text, scheme.rstrip("!"), data["paradigms"])]
    return out


@cache
def _country(code: str) -> tuple[Pattern, ...]:
    """One country's patterns in every language, each with its blockers."""
    raw = _patterns(_english_entries().get(code, []))
    dropped = _dropped(code)
    for lang in LANGUAGES:
        for form, cased in _language_forms(code, lang):
            pattern = _form_pattern(form, cased)
            if pattern is not None and pattern.words not in dropped:
                raw.append(pattern)
    index = _blocker_index()
    return tuple(_blocked(p, code, index) for p in dict.fromkeys(raw))


def _form_pattern(form: str, cased: bool) -> Pattern | None:
    if not cased:
        # words between spaces, each folding to one word (most forms): the same as
        # tokenising the form, several times faster
        words = tuple(map(_fold_word, form.split(" ")))
        if all(w and " " not in w for w in words):
            return _words_pattern(words)
    try:
        return make_pattern(form, False, cased)
    except ValueError:  # no letters we can fold; nothing to match
        return None


@lru_cache(maxsize=262144)
def _words_pattern(words: tuple[str, ...]) -> Pattern:
    return Pattern(words)


@lru_cache(maxsize=262144)
def _fold_word(word: str) -> str:
    return fold(word)  # the words of phrases repeat in every form (Amerika Birleşik …)


def _dropped(code: str) -> frozenset[tuple[str, ...]]:
    """The folded forms that are ordinary words: per language, and this country's own."""
    data = _languages()
    words = [w for ws in data["drop"].values() for w in ws]
    words += [w for w, _lang in data["countries"].get(code, {}).get("drop", ())]
    words += DROP.get(code, ())  # ordinary English words are that in every language
    return frozenset(p.words for p in _patterns(words))


@lru_cache(maxsize=1)
def _blocker_index() -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """Word -> country -> the words of its patterns of several words holding it, of every
    country and of the places that are no country (""): what may swallow a shorter name."""
    data = _languages()
    index: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    sources = [("", t, False) for t in PLACES]
    for entries in data["blockers"].values():
        sources += [("", f, False) for text, scheme in entries for f in forms(text, scheme)]
    for code in _facts():
        sources += [(code, t, False) for t in _english_entries().get(code, [])]
        for lang in LANGUAGES:
            sources += [(code, f, c) for f, c in _language_forms(code, lang, phrases_only=True)]
    for code, text, cased in sources:
        if not any(sep in text for sep in _SEPARATORS):
            continue  # one word: it swallows nothing (a quick test before normalising)
        pattern = (_form_pattern(text.lstrip("="), cased) if not text.startswith("=")
                   else _form_pattern(text[1:], True))
        if pattern is None or len(pattern.words) < 2:
            continue
        for w in set(pattern.words):
            index.setdefault(w, {}).setdefault(code, []).append(pattern.words)
    return index


def _patterns(terms: list[str] | tuple[str, ...]) -> list[Pattern]:
    out: dict[Pattern, None] = {}
    for term in terms:
        try:
            out[entry_pattern(term)] = None
        except ValueError:  # a native name with no letters we can fold; nothing to match
            continue
    return list(out)


def _blocked(p: Pattern, code: str, by_word: dict) -> Pattern:
    blockers = set()
    n = len(p.words)
    for other, phrases in by_word.get(p.words[0], {}).items():
        if other == code:  # a country's own longer names never block it
            continue
        for words in phrases:
            if len(words) <= n:
                continue
            for k in range(len(words) - n + 1):
                if words[k:k + n] == p.words:
                    blockers.add((words, k))
    if not blockers:
        return p
    return Pattern(p.words, p.prefix, p.cased, tuple(sorted(blockers)))

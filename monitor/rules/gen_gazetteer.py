"""Generate `monitor/data/gazetteer.json`: `@country:XX` in nine more languages.

Sources, read at build time only (the `[data]` extra: ``pip install -e '.[data]'``):

- CLDR through `babel`: each country's name in ru, uk, az, tr, fa, ar, fr, de, es; the name of
  a language that is the country's own (Kazakh for Kazakhstan: казахский, qazax, Kazakça,
  kazakh, kasachisch…) as its adjective; capitals that are a CLDR time-zone city (Ташкент,
  Daşkənd, تاشکند) in every language.
- pymorphy3 with its Russian and Ukrainian dictionaries: every case and number of a Russian or
  Ukrainian name or adjective, stored as a stem plus a shared paradigm (a list of endings).
- `monitor/data/gazetteer_curated.yaml`: what no data set has, written by hand.

    python -m monitor.rules.gen_gazetteer          # rewrites monitor/data/gazetteer.json

The output stores each entry once as ``[text, scheme]``; `monitor.rules.inflect` declares the
schemes and spells the forms out when rules are compiled. The English side of the gazetteer
stays in `countries.json` (`gen_countries.py`).
"""

from __future__ import annotations

import json
import os
import unicodedata
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pycountry
import pymorphy3
import yaml
from babel import Locale
from babel.core import get_global
from babel.languages import get_official_languages
from wordfreq import zipf_frequency

from monitor.rules.gazetteer import EXTRA
from monitor.rules.inflect import forms
from monitor.rules.normalize import fold

DATA = Path(__file__).resolve().parents[1] / "data"
OUT = DATA / "gazetteer.json"
CURATED = DATA / "gazetteer_curated.yaml"
EVENTS_IN = DATA / "events_curated.yaml"
EVENTS_OUT = DATA / "events.json"
LANGS = ("ru", "uk", "az", "tr", "fa", "ar", "fr", "de", "es")
NOUN = {"az": "az", "tr": "tr", "fa": "fa", "ar": "ar", "fr": "fr", "de": "de", "es": "es",
        "en": "en"}
ADJ = {"az": "az", "tr": "tr", "fa": "fa", "ar": "ar-adj", "fr": "fr-adj", "de": "de-adj",
       "es": "es-adj", "en": "en-adj"}
# Languages spoken as the first language of many countries: their name is no country's adjective
_SHARED_LANGUAGES = {"en", "ar", "pt", "fa", "hi", "he", "sw", "ms", "ps", "ur", "am", "ku",
                     "ckb", "ug", "bo", "ca", "eu", "gl", "br", "co", "oc", "fy", "os", "tt",
                     "ba", "ce", "sah", "cy", "gd", "yue", "qu", "ay", "mi"}
# Blocker phrases take the prefixes and suffixes a name takes (وأمريكا اللاتينية, d'Amérique
# latine, Latin Amerika'da); elsewhere they are written in each form.
_BLOCKER_SCHEME = {"ar": "ar", "fa": "fa", "fr": "fr", "tr": "tr", "az": "az"}
_LATIN = ("az", "tr", "fr", "de", "es")
# a verb with its participles and gerunds (подписано соглашение, подписавший, подписав)
_VERB_FORMS = ("INFN", "VERB", "PRTF", "PRTS", "GRND")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


class Paradigms:
    """Ending lists, each stored once and referred to by index ("p<N>")."""

    def __init__(self) -> None:
        self.lists: list[list[str]] = []
        self._ids: dict[tuple[str, ...], int] = {}

    def entry(self, forms: set[str]) -> list[str]:
        """[stem, "p<N>"] for a word's forms."""
        stem = os.path.commonprefix(sorted(forms))
        endings = tuple(sorted({f[len(stem):] for f in forms}))
        if endings not in self._ids:
            self._ids[endings] = len(self.lists)
            self.lists.append(list(endings))
        return [stem, f"p{self._ids[endings]}"]


@lru_cache(maxsize=2)
def _morph(lang: str):
    return pymorphy3.MorphAnalyzer(lang=lang)


def _best_parse(morph, word: str, want: tuple[str, ...]):
    """The parse of `word` as its own lemma, of a wanted part of speech (a place first)."""
    low = word.lower().replace("ё", "е")
    found = [p for p in morph.parse(low) if p.tag.POS in want]
    lemma = [p for p in found if p.normal_form.replace("ё", "е") == low]
    ranked = sorted(lemma or found, key=lambda p: ("Geox" not in p.tag.grammemes, -p.score))
    return ranked[0] if ranked else None


def _lexeme(morph, word: str, adjective: bool) -> set[str]:
    """Every form of a Russian or Ukrainian word of the same part of speech (itself if the
    dictionary does not know it)."""
    want = ("ADJF",) if adjective else ("NOUN", "ADJF")
    parse = _best_parse(morph, word, want)
    if parse is None:
        return {word.lower()}
    return {f.word for f in parse.lexeme if f.tag.POS == parse.tag.POS} | {word.lower()}


def _phrase_forms(morph, phrase: str) -> set[str]:
    """A phrase in each case: its words declined up to the first noun (Белый дом → Белом
    доме, Республика Казахстан → Республике Казахстан)."""
    words = phrase.split()
    out = {phrase.lower()}
    parses = [_best_parse(morph, w, ("NOUN", "ADJF")) for w in words]
    last = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"),
                len(words) - 1)
    for case in _CASES:
        form = []
        for i, (w, p) in enumerate(zip(words, parses, strict=True)):
            inflected = p.inflect({case}) if p is not None and i <= last else None
            form.append(inflected.word if inflected else w.lower())
        out.add(" ".join(form))
    return out


def slavic_entries(lang: str, word: str, adjective: bool, paradigms: Paradigms) -> list[list[str]]:
    """Entries of one Russian or Ukrainian word or phrase."""
    morph = _morph(lang)
    if " " in word.strip():
        return [[f, "exact"] for f in sorted(_phrase_forms(morph, word))]
    return [paradigms.entry(_lexeme(morph, word, adjective))]


def _entries(lang: str, words: list[str], adjective: bool, paradigms: Paradigms,
             cased: set[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for word in words:
        if lang in ("ru", "uk"):
            out += slavic_entries(lang, word, adjective, paradigms)
        else:
            scheme = (ADJ if adjective else NOUN)[lang]
            out.append([word, scheme + ("!" if word in cased else "")])
    return out


# ---- what the data sets give ---------------------------------------------------------------

def _owned_language(code: str) -> str | None:
    """A language whose home is this country (Kazakh for KZ), or None."""
    likely = get_global("likely_subtags")
    for lang in get_official_languages(code):
        if lang in _SHARED_LANGUAGES:
            continue
        tag = likely.get(lang, "")
        if tag.split("_")[-1] == code:
            return lang
    return None


def _language_adjective(lang: str, locale: Locale, owned: str) -> str | None:
    """The owned language's name in `lang`, as an adjective lemma."""
    name = locale.languages.get(owned)
    if not name or " " in name:
        return None
    if lang == "tr":
        for tail in ("ça", "çe", "ca", "ce"):
            if name.endswith(tail):
                return name[: -len(tail)]
        return None
    if lang == "ar":
        name = name.removeprefix("ال")
        return name[:-1] if name.endswith("ة") else name
    if lang == "uk":
        parse = _best_parse(_morph("uk"), name, ("ADJF",))
        return parse.normal_form if parse is not None else None
    if lang in ("de",):
        return name.lower()
    return name


def _capitals(code: str, english_capitals: list[str]) -> dict[str, str]:
    """The capital's CLDR time-zone city name per language, where the capital is one."""
    wanted = {c.casefold() for c in english_capitals}
    for zone, territory in get_global("zone_territories").items():
        city = zone.split("/")[-1].replace("_", " ")
        if territory == code and _ascii_fold(city) in {_ascii_fold(w) for w in wanted}:
            out = {}
            for lang in LANGS:
                names = Locale.parse(lang).time_zones.get(zone) or {}
                if names.get("city"):
                    out[lang] = names["city"]
                elif lang in _LATIN:  # CLDR leaves out a city spelled as in English
                    out[lang] = city
            return out
    return {}


def _ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))


def _nisba(lang: str, name: str) -> str | None:
    """The regular Arabic or Persian adjective of a one-word name (كازاخستان → كازاخستاني,
    لهستان → لهستانی), or None."""
    if " " in name:
        return None
    if lang == "ar":
        stem = name.removeprefix("ال")
        for tail in ("يا", "ا", "ة"):
            if stem.endswith(tail) and len(stem) > len(tail) + 2:
                return stem[: -len(tail)] + "ي"
        return stem + "ي"
    if name.endswith("یه"):
        return name[:-1]
    if name.endswith("ا"):
        return name + "یی"
    if name.endswith("ه"):
        return None
    return name + "ی"


# Regular adjectives of a name: (endings the name may lose, suffixes that may follow). A
# candidate counts only if the language knows it: pymorphy3's dictionary for Russian and
# Ukrainian, else wordfreq (printed at least ~1 in 10 million words).
_ADJECTIVE_RULES = {
    "ru": (("ия", "ья", "я", "а", "ь", "й", "и", ""),
           ("ский", "ийский", "йский", "ьский", "анский", "янский", "инский", "ейский",
            "енский", "ский")),
    "uk": (("ія", "я", "а", "ь", "й", "и", ""),
           ("ський", "ійський", "йський", "ьський", "анський", "янський", "инський",
            "ейський", "зький", "цький", "енський")),
    "fr": (("ie", "e", "a", "o", ""), ("ais", "ois", "ien", "éen", "ain", "in", "ite", "an")),
    "es": (("ia", "a", "o", "e", ""), ("és", "ense", "ano", "ino", "eño", "í", "o", "ita")),
    "de": (("ien", "en", "a", "e", "land", ""), ("isch", "esisch", "anisch", "inisch",
                                                   "ianisch", "ländisch")),
}
_KNOWN_ZIPF = 1.0


def derived_adjectives(lang: str, name: str) -> list[str]:
    """The adjectives of a one-word name that the language knows (Кения → кенийский,
    Thaïlande → thaïlandais, Argentinien → argentinisch)."""
    if lang not in _ADJECTIVE_RULES or " " in name or "-" in name:
        return []
    low = name.lower()
    tails, suffixes = _ADJECTIVE_RULES[lang]
    shared = min(5, len(low) - 1)  # of the name's letters (not Irland → iranisch)
    found: list[str] = []
    for tail in tails:
        if tail and not low.endswith(tail):
            continue
        stem = low[: len(low) - len(tail)]
        for suffix in suffixes:
            candidate = stem + suffix
            if (candidate != low and candidate not in found
                    and len(os.path.commonprefix([candidate, low])) >= shared
                    and _known(lang, candidate)):
                found.append(candidate)
    if lang in ("ru", "uk") or not found:  # a dictionary's word is a word
        return found
    # word frequencies also know rare words and names (colombo, keno): the most printed wins
    return [max(found, key=lambda w: zipf_frequency(w, lang))]


def _known(lang: str, word: str) -> bool:
    if lang in ("ru", "uk"):
        morph = _morph(lang)
        return morph.word_is_known(word) and any(
            p.tag.POS == "ADJF" and p.normal_form == word for p in morph.parse(word))
    return zipf_frequency(word, lang) >= _KNOWN_ZIPF


def country_entries(code: str, english_capitals: list[str], curated: dict, cased: dict,
                    paradigms: Paradigms, drop: dict | None = None) -> dict[str, list[list[str]]]:
    """Every language's entries of one country: data first, then the curated ones."""
    owned = _owned_language(code)
    capitals = _capitals(code, english_capitals)
    drop = drop or {}
    out: dict[str, list[list[str]]] = {}
    for lang in (*LANGS, "en"):
        locale = Locale.parse(lang)
        names: list[str] = []
        adjectives: list[str] = []
        if lang != "en":
            name = locale.territories.get(code)
            if name:
                names.append(name)
            if lang in capitals:
                names.append(capitals[lang])
            if owned and (adj := _language_adjective(lang, locale, owned)):
                adjectives.append(adj)
            if lang in ("ar", "fa") and name and (nisba := _nisba(lang, name)):
                adjectives.append(nisba)
            if name:
                adjectives += derived_adjectives(lang, name)
        hand = curated.get(lang) or {}
        names += hand.get("names") or []
        adjectives += hand.get("adj") or []
        entries = (_entries(lang, list(dict.fromkeys(names)), False, paradigms,
                            set(cased.get(lang) or ()))
                   + _entries(lang, list(dict.fromkeys(adjectives)), True, paradigms,
                              set(cased.get(lang) or ())))
        # a dropped word is dropped with all its forms (Persian کیف "bag" for Kyiv: کیفها too)
        dropped = {fold(w) for w in (hand.get("drop") or []) + list(drop.get(lang) or [])}
        entries = [e for e in entries if fold(e[0]) not in dropped]
        if entries:
            out[lang] = _unique(entries)
        if hand.get("drop"):
            out.setdefault("drop", []).extend([d, lang] for d in hand["drop"])
    return out


def _unique(entries: list[list[str]]) -> list[list[str]]:
    return [list(e) for e in dict.fromkeys(tuple(e) for e in entries)]


_COMMON_ZIPF = 3.3  # an English word printed more than ~2 times per million words


def english_words(english: dict[str, dict], curated: dict) -> dict[str, set[str]]:
    """Per country, its English names, demonyms, capitals and curated terms (folded), except
    those that count only capitalised ("Pole" is not "pole")."""
    cased = set((curated.get("cased") or {}).get("en", ()))
    out: dict[str, set[str]] = {}
    for code, facts in english.items():
        hand = ((curated["countries"].get(code) or {}).get("en") or {})
        terms = (facts.get("names", []) + facts.get("demonyms", []) + facts.get("capitals", [])
                 + list(EXTRA.get(code, ())) + hand.get("names", []) + hand.get("adj", []))
        out[code] = {fold(t.lstrip("=")) for t in terms if t not in cased}
    return out


def collisions(code: str, entries: dict[str, list[list[str]]], english: dict[str, set[str]],
               paradigms: Paradigms) -> list[list[str]]:
    """[form, lang] of a country's one-word forms in another language that read as a common
    English word (German "Island" is English "island", Turkish "Hint" is "hint", found with
    wordfreq) or as another country's English name (Turkish "Cuba" is Juba), without being an
    English name of the country itself."""
    own = {w for term in english.get(code, ()) for w in term.split()}
    # another country's one-word English names (not a word of a longer one: Amerika Samoa)
    others = {t for other, terms in english.items() if other != code for t in terms
              if " " not in t}
    out = []
    for lang, items in entries.items():
        if lang in ("drop", "en"):
            continue
        for text, scheme in items:
            for form in forms(text, scheme.rstrip("!"), paradigms.lists):
                folded = fold(form)
                if any(c in form for c in " -'") or folded in own or not form.isascii():
                    continue
                if folded in others or zipf_frequency(form, "en") >= _COMMON_ZIPF:
                    out.append([form, lang])
    return out


def source_versions() -> dict[str, str]:
    """The versions of the data sources (the output depends on them)."""
    return {name: version(name) for name in
            ("babel", "pycountry", "pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk",
             "wordfreq")}


def build() -> dict:
    """The whole gazetteer file."""
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    english = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    paradigms = Paradigms()
    words = english_words(english, curated)
    countries = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        facts = english.get(code, {})
        entries = country_entries(code, facts.get("capitals", []),
                                  (curated["countries"].get(code) or {}),
                                  curated.get("cased") or {}, paradigms,
                                  curated.get("drop") or {})
        if found := collisions(code, entries, words, paradigms):
            entries.setdefault("drop", []).extend(found)
        countries[code] = entries
    return {
        "about": "generated by monitor/rules/gen_gazetteer.py; entries are [text, scheme] "
                 "(schemes: monitor/rules/inflect.py; p<N>: stem + paradigms[N])",
        "sources": source_versions(),
        "paradigms": paradigms.lists,
        "countries": countries,
        "blockers": {lang: [[b, _BLOCKER_SCHEME.get(lang, "exact")] for b in phrases]
                     for lang, phrases in (curated.get("blockers") or {}).items()},
        "drop": curated.get("drop") or {},
        "cased": {"en": (curated.get("cased") or {}).get("en", [])},
    }


def build_events(paradigms: Paradigms | None = None) -> dict:
    """The event vocabularies file: per vocabulary and language, [text, scheme] entries."""
    source = yaml.safe_load(EVENTS_IN.read_text(encoding="utf-8"))
    paradigms = paradigms or Paradigms()
    out: dict[str, dict[str, list[list[str]]]] = {}
    for name, by_lang in source["events"].items():
        out[name] = {}
        for lang, kinds in by_lang.items():
            entries: list[list[str]] = []
            for kind, words in kinds.items():
                for word in words:
                    entries += _event_entries(lang, kind, word, paradigms)
            out[name][lang] = _unique(entries)
    return {"about": "generated by monitor/rules/gen_gazetteer.py from "
                     "monitor/data/events_curated.yaml", "paradigms": paradigms.lists,
            "events": out}


def _event_entries(lang: str, kind: str, word: str, paradigms: Paradigms) -> list[list[str]]:
    """One event word: a verb, noun or adjective (a phrase inflects its first word if a verb,
    else its last) in its language's scheme; "exact" as written."""
    if kind == "exact":
        return [[word, "exact"]]
    if lang in ("ru", "uk"):
        return _slavic_event(lang, kind, word, paradigms)
    if lang == "en":
        return [[word, {"verb": "en-verb", "noun": "en-noun", "adj": "en"}[kind]]]
    if kind == "verb" and lang in ("az", "tr"):
        return [[word, f"{lang}-verb"]]
    return [[word, NOUN.get(lang, "exact")]]


def _slavic_event(lang: str, kind: str, word: str, paradigms: Paradigms) -> list[list[str]]:
    morph = _morph(lang)
    first, _, rest = word.partition(" ")
    if kind == "verb":
        parse = _best_parse(morph, first, ("INFN", "VERB"))
        forms = ({f.word for f in parse.lexeme if f.tag.POS in _VERB_FORMS}
                 if parse else {first})
        if not rest:
            return [paradigms.entry(forms)]
        return [[f"{f} {rest}", "exact"] for f in sorted(forms)]
    if " " in word:
        return [[f, "exact"] for f in sorted(_phrase_forms(morph, word))]
    return [paradigms.entry(_lexeme(morph, word, kind == "adj"))]


def main() -> None:
    """Write gazetteer.json and events.json."""
    OUT.write_text(json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    if EVENTS_IN.exists():
        EVENTS_OUT.write_text(json.dumps(build_events(), ensure_ascii=False,
                                         separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

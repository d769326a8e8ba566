"""Language codes: what `lang:` in a rule accepts and what an item's `lang` holds.

An item's language is a lowercase ISO 639-1 code ("ru"), or "" when it is not known. Feeds
declare theirs as language tags of every kind ("ru-RU", "en_us", "RU", "rus", "English"):
`language_code` turns each into that code. Rules are stricter (`rule_language`): only a
two-letter ISO 639-1 code, so that a typo is a `file:line` error rather than a rule that never
matches.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# Withdrawn ISO 639-1 codes that old feeds still declare, and their replacements.
_WITHDRAWN = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "sh": "sr"}
_PRIMARY = re.compile(r"[A-Za-z]{2,8}")  # a BCP 47 primary subtag: "ru" of "ru-RU"
MAX_TAG = 64  # longer declared values are not language tags


@lru_cache(maxsize=1)
def iso_639_1() -> dict[str, str]:
    """Every ISO 639-1 code, with the English name of its language."""
    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


@lru_cache(maxsize=4096)
def language_code(tag: str | None) -> str:
    """The ISO 639-1 code of a declared language ("ru-RU", "RU", "en_US", "rus", "ger",
    "Russian"), or "" for none, an unknown language or one without a two-letter code."""
    if not isinstance(tag, str) or len(tag) > MAX_TAG:
        return ""
    text = tag.strip()
    primary = _PRIMARY.match(text)
    if primary is None:
        return ""
    code = primary.group(0).lower()
    rest = text[primary.end():]
    if rest and rest[0] not in "-_":  # "english (us)" or "Russian language": try the name
        return _by_name(text)
    codes = iso_639_1()
    if len(code) == 2:
        code = _WITHDRAWN.get(code, code)
        return code if code in codes else ""
    if len(code) == 3:
        found = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(
            bibliographic=code)
        return getattr(found, "alpha_2", "") if found is not None else ""
    return _by_name(text)


def _by_name(text: str) -> str:
    try:
        found = pycountry.languages.lookup(text.strip())
    except LookupError:
        return ""
    return getattr(found, "alpha_2", "")


def rule_language(text: str) -> str | None:
    """The code a rule's `lang:` operand names (case-insensitive two-letter ISO 639-1), or
    None when it is not one."""
    code = text.lower()
    return code if len(code) == 2 and code in iso_639_1() else None


def language_hint(text: str) -> str:
    """A suggestion for an operand of `lang:` that is not a code: the code of a language name
    or tag ("russian", "ru-RU", "rus"), said as ' (ru: Russian)', else ''."""
    code = language_code(text)
    return f" ({code}: {iso_639_1()[code]})" if code else ""

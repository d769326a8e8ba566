"""Text normalisation shared by rules and documents: tokens, sentences, paragraphs.

A token is a run of letters and digits; an apostrophe between letters stays inside it
(``d'Ivoire``). Hyphens, dashes, slashes, quotes and every other mark separate tokens. A
possessive ``'s`` / ``’s`` is dropped (``Russia's`` gives ``russia``) and a dotted acronym is
one token without its dots (``U.S.`` gives ``us``, cased ``US``).

Each token keeps its character offsets into the original text and a *folded* form (NFKC,
accents removed, case-folded: ``Azərbaycan`` gives ``azerbaycan``) used by every comparison.
Per script: Turkish and Azerbaijani ``İ``/``ı``/``I``/``i`` all fold to ``i`` and ``ə`` to
``e``; Cyrillic ``ё`` to ``е``; in Arabic script, diacritics (harakat) and hamza/madda marks
are dropped, letter variants are one letter (``ي``/``ی``/``ى``, ``ك``/``ک``, ``ا``/``أ``/``إ``/
``آ``, ``ه``/``ة``), the tatweel and the Persian zero-width non-joiner (U+200C, as every format
character) are removed, so ``روسیه‌ای`` and ``روسيهاي`` are one word.
`Tokens.cased` gives the same without case folding, for case-sensitive ``=TERM`` terms.

The work is done on a copy of the text with exactly one character per original character
(``_one_to_one``), so offsets never need re-mapping; only tokens with rare characters are
fixed up one by one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from monitor.rules.kernel import DEFAULT, Kernel
from monitor.rules.kernel.codes import ACRONYM_DOT as _ACRONYM_DOT
from monitor.rules.kernel.codes import APOSTROPHES as _APOSTROPHES
from monitor.rules.kernel.codes import DELETED as _DELETED
from monitor.rules.kernel.codes import SENTENCE_END as _SENTENCE_END

# Letters that Unicode does not decompose into base + accent, mapped by hand.
_SPECIAL = str.maketrans({
    "ə": "e", "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
    "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t", "ŀ": "l", "ĸ": "k", "ŋ": "n", "ƒ": "f",
    "ɨ": "i", "ʉ": "u", "Ə": "E", "Ø": "O", "Ł": "L", "Đ": "D", "Ð": "D", "Þ": "Th",
    "ẞ": "SS", "Æ": "Ae", "Œ": "Oe", "Ħ": "H", "Ŧ": "T", "Ŀ": "L", "Ŋ": "N",
    "’": "'", "ʼ": "'", "ʻ": "'", "‘": "'",
    # Arabic script, as Lucene's Arabic and Persian normalisers do: the Persian and Arabic
    # spellings of one letter are one letter (ی ى → ي, ک → ك), ta marbuta and the heh forms
    # are heh (ة ۀ ە ھ → ه), alef wasla is alef; tatweel (the stretching stroke) is nothing.
    # Hamza and madda forms (أ إ آ ؤ ئ) lose their mark like any accent.
    "ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه", "ۃ": "ه",
    "ٱ": "ا", "ـ": "",
    # Arabic-Indic and Persian digits are the digits they are
    **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)},
})
_TABLE = str.maketrans({chr(c): " " for c in range(128)
                        if not chr(c).isalnum() and chr(c) not in "'\x02\x03"})
# Each pattern starts with a literal character: Python's regex engine then scans fast.
_POSSESSIVE_RE = re.compile(r"'(?<=[^\W_]')s?(?![^\W_])")
_EDGE_APOSTROPHE_RE = re.compile(r"'(?:(?<![^\W_]')|(?![^\W_]))")
_ACRONYM_TAIL_RE = re.compile(r"\.(?:[^\W\d_]\.)+(?![^\W_])")  # ".S." of "U.S."
_NONASCII_RE = re.compile(r"[^\x00-\x7f]")
_EXPANSIONS: dict[str, str] = {}  # private-use placeholder -> multi-letter fold ("ß" -> "ss")
_FIRST_PLACEHOLDER = chr(0xF0000)

ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cpl",
    "adm", "brig", "cmdr", "cdr", "lieut", "gov", "sen", "rep", "pres", "st", "mt", "ft",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "vs", "approx", "dept", "univ", "jr", "sr", "messrs", "mme", "mlle", "hon", "rev",
    "fig", "vol", "nos", "pp", "al", "ed", "est", "corp", "bros",
    "ee",  # Spanish "EE. UU." (the United States) is one name
))
_NEEDS_DIGIT = frozenset({"no", "art", "p"})  # "No. 5", "Art. 3", "p. 12"


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one text: folded forms, original offsets, sentence and paragraph breaks.

    `sentence_starts` / `paragraph_starts` hold the indexes of the tokens that begin a new
    sentence / paragraph (never 0). Every paragraph break is also a sentence break.
    """

    text: str
    folded: list[str]
    starts: list[int]
    ends: list[int]
    sentence_starts: list[int]
    paragraph_starts: list[int]

    def __len__(self) -> int:
        return len(self.folded)

    def cased(self, i: int) -> str:
        """The cased form of token `i`: original letters, accents and acronym dots removed."""
        return cased(self.text[self.starts[i]:self.ends[i]])

    def sentence_of(self, i: int) -> int:
        """0-based sentence number of token `i`."""
        return bisect_right(self.sentence_starts, i)

    def paragraph_of(self, i: int) -> int:
        """0-based paragraph number of token `i`."""
        return bisect_right(self.paragraph_starts, i)


def tokenize(text: str, kernel: Kernel = DEFAULT) -> Tokens:
    """Split `text` into normalised tokens with offsets, sentences and paragraphs (the
    words and breaks found by `kernel`)."""
    flat = _one_to_one(text)
    raw, starts, ends = kernel.split_tokens(flat)
    plain = flat.isascii() and _ACRONYM_DOT not in flat and _DELETED not in flat
    folded = raw if plain else [_fix(w) for w in raw]
    if "" in folded:  # a "word" made only of ignorable marks
        keep = [i for i, w in enumerate(folded) if w]
        folded, starts, ends = ([seq[i] for i in keep] for seq in (folded, starts, ends))
    sentences, paragraphs = kernel.breaks(text, flat, starts, ABBREVIATIONS, _NEEDS_DIGIT)
    return Tokens(text, folded, starts, ends, sentences, paragraphs)


def fold(word: str) -> str:
    """The folded form of a single word (as `tokenize` would fold it)."""
    return _fix(_one_to_one(word).strip())


def cased(word: str) -> str:
    """A word with accents, marks and acronym dots removed but letter case kept."""
    if word.isascii():
        return word.replace(".", "")
    text = unicodedata.normalize("NFKC", word).translate(_SPECIAL)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not _is_mark(c))
    return unicodedata.normalize("NFC", text).replace(".", "")


def _one_to_one(text: str) -> str:
    """Lower-cased text, one character per original character, separators as spaces."""
    if not text.isascii():
        text = _NONASCII_RE.sub(_map_char, text)
    low = text.lower()
    if "'" in low:
        low = _POSSESSIVE_RE.sub(lambda m: " " * len(m.group()), low)
        low = _EDGE_APOSTROPHE_RE.sub(" ", low)
    if "." in low:
        low = _ACRONYM_TAIL_RE.sub(_acronym_dots, low)
    return low.translate(_TABLE)


def _acronym_dots(m: re.Match[str]) -> str:
    """Hide the dots of "u.s." from the separator table, if the match is a real acronym."""
    start, text = m.start(), m.string
    if start >= 1 and text[start - 1].isalpha() and not (
            start >= 2 and (text[start - 2].isalnum() or text[start - 2] in "._")):
        return m.group().replace(".", _ACRONYM_DOT)
    return m.group()


def _map_char(m: re.Match[str]) -> str:
    return _char_map(m.group())


@lru_cache(maxsize=8192)
def _char_map(c: str) -> str:
    """One non-ASCII character mapped to exactly one character."""
    if c in _APOSTROPHES:
        return "'"
    if c in _SENTENCE_END:
        return "."
    if _is_mark(c):
        return _DELETED
    if not (c.isalnum() or unicodedata.category(c).startswith("L")):
        return " "
    folded = cased(c).casefold()
    folded = "".join(ch for ch in folded if ch.isalnum() or ch == "'")
    if len(folded) == 1:
        return folded
    if not folded:
        return _DELETED
    placeholder = chr(ord(_FIRST_PLACEHOLDER) + len(_EXPANSIONS))  # supplementary private use
    _EXPANSIONS[placeholder] = folded
    return placeholder


def _is_mark(c: str) -> bool:
    return unicodedata.category(c) in ("Mn", "Mc", "Me", "Cf")


def _fix(word: str) -> str:
    """Undo the one-to-one placeholders inside one raw token."""
    if _ACRONYM_DOT in word:
        word = word.replace(_ACRONYM_DOT, "")
    if word.isascii():
        return word.replace(_DELETED, "")
    if _DELETED not in word and max(word) < _FIRST_PLACEHOLDER:  # nothing to undo (most)
        return word
    return "".join(_EXPANSIONS.get(c, c) for c in word if c != _DELETED)

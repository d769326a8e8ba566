"""Text normalisation shared by rules and documents: tokens, sentences, paragraphs.

A token is a run of letters and digits; an apostrophe between letters stays inside it
(``d'Ivoire``). Hyphens, dashes, slashes, quotes and every other mark separate tokens. A
possessive ``'s`` / ``’s`` is dropped (``Russia's`` gives ``russia``) and a dotted acronym is
one token without its dots (``U.S.`` gives ``us``, cased ``US``).

Each token keeps its character offsets into the original text and a *folded* form (NFKC,
accents removed, case-folded: ``Azərbaycan`` gives ``azerbaycan``) used by every comparison.
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
from itertools import accumulate, compress
from operator import add

from monitor.rules.kernels import native

# Letters that Unicode does not decompose into base + accent, mapped by hand.
_SPECIAL = str.maketrans({
    "ə": "e", "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
    "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t", "ŀ": "l", "ĸ": "k", "ŋ": "n", "ƒ": "f",
    "ɨ": "i", "ʉ": "u", "Ə": "E", "Ø": "O", "Ł": "L", "Đ": "D", "Ð": "D", "Þ": "Th",
    "ẞ": "SS", "Æ": "Ae", "Œ": "Oe", "Ħ": "H", "Ŧ": "T", "Ŀ": "L", "Ŋ": "N",
    "’": "'", "ʼ": "'", "ʻ": "'", "‘": "'",
})
_APOSTROPHES = frozenset("'’ʼ‘")
_DELETED = "\x03"  # combining marks, soft hyphens, zero-width characters: inside a word, dropped
_ACRONYM_DOT = "\x02"
_SENTENCE_END = frozenset(".!?…。！？")
_TABLE = str.maketrans({chr(c): " " for c in range(128)
                        if not chr(c).isalnum() and chr(c) not in "'\x02\x03"})
# Each pattern starts with a literal character: Python's regex engine then scans fast.
_POSSESSIVE_RE = re.compile(r"'(?<=[^\W_]')s?(?![^\W_])")
_EDGE_APOSTROPHE_RE = re.compile(r"'(?:(?<![^\W_]')|(?![^\W_]))")
_ACRONYM_TAIL_RE = re.compile(r"\.(?:[^\W\d_]\.)+(?![^\W_])")  # ".S." of "U.S."
_NONASCII_RE = re.compile(r"[^\x00-\x7f]")
_TERMINATOR_RE = re.compile(r"[.!?](?=[\s\"')\]]|$)")
_PARAGRAPH_RE = re.compile(r"\n[ \t\r\f\v\xa0]*\n|\u2029")
_NEXT_RE = re.compile(r"[^\S\n]*(\n[^\S\n]*\n)?\s*(\S?)")
_EXPANSIONS: dict[str, str] = {}  # private-use placeholder -> multi-letter fold ("ß" -> "ss")

ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cpl",
    "adm", "brig", "cmdr", "cdr", "lieut", "gov", "sen", "rep", "pres", "st", "mt", "ft",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "vs", "approx", "dept", "univ", "jr", "sr", "messrs", "mme", "mlle", "hon", "rev",
    "fig", "vol", "nos", "pp", "al", "ed", "est", "corp", "bros",
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


def tokenize(text: str) -> Tokens:
    """Split `text` into normalised tokens with offsets, sentences and paragraphs."""
    flat = _one_to_one(text)
    raw, starts, ends = _split(flat)
    plain = flat.isascii() and _ACRONYM_DOT not in flat and _DELETED not in flat
    folded = raw if plain else [_fix(w) for w in raw]
    if "" in folded:  # a "word" made only of ignorable marks
        keep = [i for i, w in enumerate(folded) if w]
        folded, starts, ends = ([seq[i] for i in keep] for seq in (folded, starts, ends))
    sentences, paragraphs = _breaks(text, flat, starts)
    return Tokens(text, folded, starts, ends, sentences, paragraphs)


def breaks_py(text: str, flat: str, starts: list[int]) -> tuple[list[int], list[int]]:
    """The indexes of the tokens (starting at `starts`) that begin a new sentence and a new
    paragraph; every paragraph break is also a sentence break."""
    paragraphs = _break_tokens(starts, (m.start() for m in _PARAGRAPH_RE.finditer(text)))
    sentences = _break_tokens(starts, _sentence_breaks(flat, text))
    if paragraphs:
        sentences = sorted(set(sentences).union(paragraphs))
    return sentences, paragraphs


def split_words(flat: str) -> tuple[list[str], list[int], list[int]]:
    """`flat.split()` with each word's start and end offset (pure Python)."""
    parts = flat.split(" ")  # `_one_to_one` leaves no other white space
    # start of part k = total length of the parts before it + k separating spaces
    offsets = map(add, accumulate(map(len, parts), initial=0), range(len(parts)))
    starts = list(compress(offsets, parts))
    raw = flat.split()
    return raw, starts, list(map(add, starts, map(len, raw)))


_split = split_words if native is None else native.split_tokens


def _breaks_c(text: str, flat: str, starts: list[int]) -> tuple[list[int], list[int]]:
    return native.breaks(text, flat, starts, ABBREVIATIONS, _NEEDS_DIGIT)  # type: ignore[union-attr]


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
    placeholder = chr(0xF0000 + len(_EXPANSIONS))  # supplementary private use area
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
    return "".join(_EXPANSIONS.get(c, c) for c in word if c != _DELETED)


def _break_tokens(starts: list[int], offsets) -> list[int]:
    """Indexes of the tokens that follow each break offset (breaks at either end dropped)."""
    out: list[int] = []
    for off in offsets:
        i = bisect_right(starts, off)
        if 0 < i < len(starts) and (not out or out[-1] != i):
            out.append(i)
    return out


def _sentence_breaks(flat: str, text: str):
    """Offsets of sentence-ending punctuation that is not an abbreviation's period.

    `flat` (from `_one_to_one`) has spaces where `text` has punctuation, so the word before
    a period is found there; the punctuation itself is read from `text`.
    """
    source = text if text.isascii() else _NONASCII_RE.sub(_terminator_or_space, text)
    for m in _TERMINATOR_RE.finditer(source):
        pos = m.start()
        if source[pos] == "." and source[pos - 1:pos] != "." and _is_abbreviation(flat, text, pos):
            continue
        yield pos


def _terminator_or_space(m: re.Match[str]) -> str:
    c = m.group()
    if c in _SENTENCE_END:
        return "."
    return "'" if c in _APOSTROPHES or c in "”»" else " "


def _is_abbreviation(flat: str, text: str, dot: int) -> bool:
    """Whether the period at `dot` ends an abbreviation, an initial or an acronym."""
    if flat[dot - 1:dot] == _ACRONYM_DOT or flat[dot:dot + 1] == _ACRONYM_DOT:
        nxt = _next_visible(text, dot + 1)
        return nxt != "" and nxt != "\n"  # U.S. / U.S.A.: only a paragraph end breaks
    start = flat.rfind(" ", 0, dot) + 1
    word = text[start:dot]
    if not word or not word[-1].isalpha():
        return False
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Valery V. Gerasimov"
    low = word.lower()
    if low in ABBREVIATIONS:
        return True
    nxt = text[dot + 1:dot + 12].lstrip()[:1]
    return nxt.isdigit() if low in _NEEDS_DIGIT else nxt.islower()


def _next_visible(text: str, pos: int) -> str:
    """The next non-space character at or after `pos`: "" at the end, "\\n" at a blank line."""
    m = _NEXT_RE.match(text, pos)
    return "\n" if m.group(1) else m.group(2)


_breaks = breaks_py if native is None else _breaks_c  # the C twin: same breaks, ~10x faster

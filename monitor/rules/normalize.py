"""Text normalisation shared by rules and documents: tokens, sentences, paragraphs.

A token is a run of letters and digits (apostrophes allowed inside, as in ``d'Ivoire``).
Hyphens, dashes, slashes and every other punctuation mark separate tokens. A possessive
``'s`` / ``’s`` is not part of the token (``Russia's`` gives ``russia``), and a dotted
acronym is one token without its dots (``U.S.`` gives ``us``, cased ``US``).

Each token keeps its character offsets into the original text, a *folded* form
(NFKC, accents removed, case-folded) used by every comparison, and a *cased* form
(the same without case folding) used by case-sensitive ``=TERM`` terms.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Letters that Unicode does not decompose into base + accent, mapped by hand.
_SPECIAL = str.maketrans({
    "ə": "e", "Ə": "E", "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "Ae",
    "œ": "oe", "Œ": "Oe", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L",
    "ĸ": "k", "ŋ": "n", "Ŋ": "N", "ƒ": "f", "ɨ": "i", "ʉ": "u",
    "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
})

_INNER = "\u0300-\u036f\u00ad\u200b-\u200d\u2060"  # combining accents, soft hyphen, zero-widths
_WORD = rf"[^\W_ʼ](?:[^\W_ʼ]|[{_INNER}])*"
_APOS = "'’ʼ"
TOKEN_RE = re.compile(
    rf"((?:[^\W\d_]\.){{2,}}(?![^\W_])"                 # dotted acronym: U.S., U.S.A.
    rf"|{_WORD}(?:[{_APOS}](?![sS](?![^\W_]))(?:{_WORD}))*)"  # word, inner apostrophes
    rf"(?:[{_APOS}][sS]?(?![^\W_]))?"                     # possessive 's / plural '
)

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen col lt maj capt cpt sgt cpl adm brig cmdr cdr lieut gov sen rep pres
st mt ft jan feb mar apr jun jul aug sep sept oct nov dec vs approx dept univ jr sr messrs
mme mlle hon rev fig vol nos pp al ed est corp inc ltd co bros gen'l sgt
""".split())
_NEEDS_DIGIT = frozenset({"no", "art", "p"})  # "No. 5", "Art. 3", "p. 12"

_TERMINATOR_RE = re.compile(r"[.!?…。！？]+[\"'”’»)\]]*(?=\s|$)")
_PARAGRAPH_RE = re.compile(r"\n[^\S\n]*\n\s*|\u2029")
_NEXT_RE = re.compile(r"[^\S\n]*(\n[^\S\n]*\n)?\s*(\S?)")


def fold(text: str) -> str:
    """The folded form of one token: NFKC, special letters, accents removed, case-folded."""
    if text.isascii():
        return text.lower()
    return _fold_slow(text)


@lru_cache(maxsize=65536)
def _fold_slow(text: str) -> str:
    return strip_accents(text).casefold().translate(_SPECIAL)


def cased(text: str) -> str:
    """The cased form of one token: like `fold` but keeping letter case."""
    return text if text.isascii() else strip_accents(text)


@lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """NFKC, hand-mapped letters (ə → e, ß → ss), then every combining mark dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())
    return unicodedata.normalize("NFC", kept)


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one text: folded forms, original offsets and sentence/paragraph breaks.

    `sentence_starts` and `paragraph_starts` hold the indexes of the tokens that begin a new
    sentence / paragraph (the first token is not listed).
    """

    text: str
    folded: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    paragraph_starts: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.folded)

    def cased(self, i: int) -> str:
        """The cased form of token `i` (original letters, accents removed)."""
        return cased(self.text[self.starts[i]:self.ends[i]].replace(".", ""))

    def sentence_of(self, i: int) -> int:
        """0-based sentence number of token `i`."""
        return bisect_right(self.sentence_starts, i)

    def paragraph_of(self, i: int) -> int:
        """0-based paragraph number of token `i`."""
        return bisect_right(self.paragraph_starts, i)


def tokenize(text: str) -> Tokens:
    """Split `text` into normalised tokens with offsets, sentences and paragraphs."""
    spans = [m.span(1) for m in TOKEN_RE.finditer(text)]
    starts = tuple(s for s, _ in spans)
    ends = tuple(e for _, e in spans)
    folded = _fold_spans(text, spans)
    if "" in folded:  # a token of nothing but ignorable characters
        keep = [i for i, f in enumerate(folded) if f]
        folded = tuple(folded[i] for i in keep)
        starts = tuple(starts[i] for i in keep)
        ends = tuple(ends[i] for i in keep)
    paragraphs = _break_tokens(starts, (m.start() for m in _PARAGRAPH_RE.finditer(text)))
    sentences = _break_tokens(starts, _sentence_breaks(text, starts, ends))
    return Tokens(text, folded, starts, ends, tuple(sorted(set(sentences) | set(paragraphs))),
                  paragraphs)


def _fold_spans(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    if text.isascii():
        low = text.lower()
        out = [low[s:e] for s, e in spans]
        if "." in low:
            out = [w.replace(".", "") if "." in w else w for w in out]
        return tuple(out)
    return tuple(fold(text[s:e].replace(".", "")) for s, e in spans)


def _break_tokens(starts: tuple[int, ...], offsets) -> list[int]:
    """Token indexes that begin after each break offset (breaks before the first token dropped)."""
    out = []
    for off in offsets:
        i = bisect_right(starts, off)
        if 0 < i < len(starts) and (not out or out[-1] != i):
            out.append(i)
    return out


def _sentence_breaks(text: str, starts: tuple[int, ...], ends: tuple[int, ...]):
    """Offsets of sentence-ending punctuation that is not an abbreviation's period."""
    for m in _TERMINATOR_RE.finditer(text):
        pos = m.start()
        if text[pos] == "." and m.group().count(".") == 1 and _is_abbreviation(text, pos, m.end()):
            continue
        yield pos


def _is_abbreviation(text: str, dot: int, after: int) -> bool:
    """Whether the period at `dot` ends an abbreviation, an initial or an acronym."""
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot]
    nxt = _next_visible(text, after)
    if not word:
        return False
    if "." in word:  # U.S. / U.S.A.: only a paragraph end or end of text breaks
        return nxt != "" and not nxt.isspace()
    low = word.lower()
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Valery V. Gerasimov"
    if low in _NEEDS_DIGIT:
        return nxt.isdigit()
    return low in ABBREVIATIONS or nxt.islower()


def _next_visible(text: str, pos: int) -> str:
    """The next non-space character after `pos` ("" at the end; "\\n" at a blank line)."""
    m = _NEXT_RE.match(text, pos)
    if m.group(1):
        return "\n"
    return m.group(2)

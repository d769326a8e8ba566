"""The pure-Python kernel: the same API as the C kernel (`_native.c`, described by
`_native.pyi`), with the same signatures and results, for where it is not built.

- `CandidateIndex`: the two-level anchor index as dicts. `scan` finds the same key ends and
  candidates as the C kernel, except two pieces of work the C kernel does for speed alone: it
  keeps the NEAR/s and NEAR/p rules whose anchor and second keys share no unit (the matcher's
  nodes disprove them), and it evaluates no rule program (every candidate is left to the
  matcher's nodes). `RuleSet.match` gives the same matches either way.
- `split_tokens`, `breaks`: words with offsets; sentence and paragraph breaks.
- `lex`: the rule-query lexer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import accumulate, compress
from operator import add

from monitor.rules.kernel.codes import ACRONYM_DOT, APOSTROPHES, QUOTES, SENTENCE_END

# ---- words and sentences -------------------------------------------------------------------

_NONASCII_RE = re.compile(r"[^\x00-\x7f]")
_TERMINATOR_RE = re.compile(r"[.!?](?=[\s\"')\]]|$)")
_PARAGRAPH_RE = re.compile(r"\n[ \t\r\f\v\xa0]*\n|\u2029")
_NEXT_RE = re.compile(r"[^\S\n]*(\n[^\S\n]*\n)?\s*(\S?)")


def split_tokens(flat: str) -> tuple[list[str], list[int], list[int]]:
    """`flat.split()`, with each word's start and end offset."""
    parts = flat.split(" ")  # the flat text has no other white space
    # start of part k = total length of the parts before it + k separating spaces
    offsets = map(add, accumulate(map(len, parts), initial=0), range(len(parts)))
    starts = list(compress(offsets, parts))
    raw = flat.split()
    return raw, starts, list(map(add, starts, map(len, raw)))


def breaks(text: str, flat: str, starts: list[int], abbreviations: Collection[str],
           needs_digit: Collection[str]) -> tuple[list[int], list[int]]:
    """The indexes of the tokens (starting at `starts`) that begin a new sentence and a new
    paragraph; every paragraph break is also a sentence break. A period after one of
    `abbreviations` ends no sentence, nor one after `needs_digit` when a digit follows."""
    paragraphs = _break_tokens(starts, (m.start() for m in _PARAGRAPH_RE.finditer(text)))
    ends = _sentence_breaks(flat, text, abbreviations, needs_digit)
    sentences = _break_tokens(starts, ends)
    if paragraphs:
        sentences = sorted(set(sentences).union(paragraphs))
    return sentences, paragraphs


def _break_tokens(starts: list[int], offsets: Iterator[int]) -> list[int]:
    """Indexes of the tokens that follow each break offset (breaks at either end dropped)."""
    out: list[int] = []
    for off in offsets:
        i = bisect_right(starts, off)
        if 0 < i < len(starts) and (not out or out[-1] != i):
            out.append(i)
    return out


def _sentence_breaks(flat: str, text: str, abbreviations: Collection[str],
                     needs_digit: Collection[str]) -> Iterator[int]:
    """Offsets of sentence-ending punctuation that is not an abbreviation's period.

    `flat` has spaces where `text` has punctuation, so the word before a period is found
    there; the punctuation itself is read from `text`.
    """
    source = text if text.isascii() else _NONASCII_RE.sub(_terminator_or_space, text)
    for m in _TERMINATOR_RE.finditer(source):
        pos = m.start()
        if (source[pos] == "." and source[pos - 1:pos] != "."
                and _is_abbreviation(flat, text, pos, abbreviations, needs_digit)):
            continue
        yield pos


def _terminator_or_space(m: re.Match[str]) -> str:
    c = m.group()
    if c in SENTENCE_END:
        return "."
    return "'" if c in APOSTROPHES or c in "”»" else " "


def _is_abbreviation(flat: str, text: str, dot: int, abbreviations: Collection[str],
                     needs_digit: Collection[str]) -> bool:
    """Whether the period at `dot` ends an abbreviation, an initial or an acronym."""
    if flat[dot - 1:dot] == ACRONYM_DOT or flat[dot:dot + 1] == ACRONYM_DOT:
        nxt = _next_visible(text, dot + 1)
        return nxt != "" and nxt != "\n"  # U.S. / U.S.A.: only a paragraph end breaks
    start = flat.rfind(" ", 0, dot) + 1
    word = text[start:dot]
    if not word or not word[-1].isalpha():
        return False
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Valery V. Gerasimov"
    low = word.lower()
    if low in abbreviations:
        return True
    nxt = text[dot + 1:dot + 12].lstrip()[:1]
    return nxt.isdigit() if low in needs_digit else nxt.islower()


def _next_visible(text: str, pos: int) -> str:
    """The next non-space character at or after `pos`: "" at the end, "\\n" at a blank line."""
    m = _NEXT_RE.match(text, pos)
    return "\n" if m.group(1) else m.group(2)  # type: ignore[union-attr]


# ---- the query lexer -----------------------------------------------------------------------

_PIECES = re.compile(rf"""\s+|[()]|=?[{QUOTES}][^{QUOTES}]*[{QUOTES}]?|[^\s(){QUOTES}]+""")
_OPERATORS = {"AND": "and", "OR": "or", "NOT": "not"}


def lex(query: str) -> list[tuple[str, str, int]]:
    """(kind, text, 1-based column) for each token of a query, then ("end", "", len + 1)."""
    toks = []
    column = 1
    for piece in _PIECES.findall(query):
        first = piece[0]
        if not first.isspace():
            toks.append((piece_kind(piece), piece, column))
        column += len(piece)
    toks.append(("end", "", column))
    return toks


def piece_kind(piece: str) -> str:
    """The kind of one non-blank piece of a query ("term", "phrase", "and", "(", …)."""
    first = piece[0]
    if first in "()":
        return first
    if first in QUOTES or (first == "=" and len(piece) > 1 and piece[1] in QUOTES):
        return "phrase"
    op = _OPERATORS.get(piece)
    if op is not None:
        return op
    if piece.startswith("NEAR") and (len(piece) == 4 or piece[4] == "/"):
        return "near"
    if first == "@":
        return "ref"
    if ":" in piece:
        return "field"
    return "term"


# ---- the candidate index -------------------------------------------------------------------

# A phrase entry: (key, the words after the ones already read, whether the last is a prefix)
PhraseEntry = tuple[str, tuple[str, ...], bool]
Field = tuple[list[str], list[int], list[int]]  # folded words, sentence and paragraph starts
ScanResult = tuple[list[int], list[dict[str, list[int]] | None],
                   list[tuple[int, tuple[tuple[str, int, int], ...]]], int]
_NOTHING = (False, None, ())  # what the rules have for most words: nothing


class _Anchor:
    """The rules anchored on one key: those needing nothing more to be candidates, and those
    that also need a key of their second clause (indexed by that key)."""

    __slots__ = ("direct", "second")

    def __init__(self) -> None:
        self.direct: list[int] = []
        self.second: dict[str, list[int]] = {}


class CandidateIndex:
    """The anchor index of a compiled rule set (the C kernel's signature and results).

    `filings`: (rule, anchor keys, second-clause keys or None); `always`: rules candidates for
    every document; `units` (one per rule) and `programs` are taken for the same signature
    and not used (see the module docstring); `phrases`: first word -> ({second word:
    entries}, entries from the second word); `stems`: stem -> one-word wildcard key; `words`:
    the rules' one-word keys; `fields`: the names of the fields `scan` reads, in order.
    """

    def __init__(self, n_rules: int,
                 filings: Sequence[tuple[int, frozenset[str], frozenset[str] | None]],
                 always: Sequence[int], units: Sequence[int],
                 phrases: Mapping[str, tuple[Mapping[str, Sequence[PhraseEntry]],
                                             Sequence[PhraseEntry]]],
                 stems: Mapping[str, str], words: frozenset[str], fields: tuple[str, ...],
                 programs: tuple[list[tuple], list[int]]) -> None:
        self.index: dict[str, _Anchor] = {}
        for rule, anchor, second in filings:
            self._file(rule, anchor, second)
        self.always = list(always)
        self._second_keys = frozenset(k for a in self.index.values() for k in a.second)
        self._phrases = dict(phrases)
        self._stems = dict(stems)
        self._stem_sizes = range(min(map(len, stems), default=1),
                                 max(map(len, stems), default=0) + 1)
        self._words = words
        self._n_fields = len(fields)
        self._cache: dict[str, tuple] = {}  # word -> what the rules have for it

    def _file(self, rule: int, anchor: frozenset[str], second: frozenset[str] | None) -> None:
        index = self.index
        for key in anchor:
            entry = index.get(key) or index.setdefault(key, _Anchor())
            if second is None:
                entry.direct.append(rule)
            else:
                for key2 in second:
                    entry.second.setdefault(key2, []).append(rule)

    def scan(self, fields: Sequence[Field]) -> ScanResult:
        """One document: (its candidates, each once; per field the rules' keys found in it
        with the tokens they end in, or None; [] as no program is evaluated; 0)."""
        if len(fields) > self._n_fields:
            raise ValueError("scan(): more fields than the index was built for")
        ends = [self._scan_field(*field) or None for field in fields]
        present: set[str] = set()
        for found in ends:
            if found:
                present.update(found)
        return self._walk(present), ends, [], 0

    def _scan_field(self, folded: list[str], sentence_starts: list[int],
                    paragraph_starts: list[int]) -> dict[str, list[int]]:
        """The keys in one field with their end tokens; phrases end within their sentence."""
        ends: dict[str, list[int]] = {}
        cache = self._cache
        bounds = [0, *sentence_starts, len(folded)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            for i in range(a, b):
                word = folded[i]
                info = cache.get(word)
                if info is None:
                    info = cache[word] = self._word_info(word)
                if info is _NOTHING:
                    continue
                is_key, phrases, wildcards = info
                if is_key:
                    _note(ends, word, i)
                for key in wildcards:
                    _note(ends, key, i)
                if phrases is not None and i + 1 < b:
                    self._phrases_at(ends, phrases, folded, i, b)
        return ends

    def _word_info(self, word: str) -> tuple:
        """(whether the word is a key, the phrases starting with it, the wildcard keys it
        matches)."""
        stems = self._stems
        wildcards = tuple(stems[word[:n]] for n in self._stem_sizes
                          if n <= len(word) and word[:n] in stems)
        info = (word in self._words, self._phrases.get(word), wildcards)
        return _NOTHING if info == _NOTHING else info

    @staticmethod
    def _phrases_at(ends: dict[str, list[int]], phrases: tuple, folded: list[str], i: int,
                    b: int) -> None:
        by_second, from_second = phrases
        entries = by_second.get(folded[i + 1])
        if entries:
            _phrases_from(ends, entries, folded, i + 2, b)
        if from_second:
            _phrases_from(ends, from_second, folded, i + 1, b)

    def _walk(self, present: set[str]) -> list[int]:
        """Rules whose anchor key (and second-clause key, where they have one) is present."""
        index = self.index
        present2 = present.intersection(self._second_keys)
        found = list(self.always)
        add = found.extend  # lists, deduplicated once at the end: cheaper than set updates
        for key in index.keys() & present:
            anchor = index[key]
            add(anchor.direct)
            second = anchor.second
            if second:
                # walks `second` (a set's intersection with a dict iterates the dict): small
                # in total over all anchors, unlike |anchors| × |present2|
                for key2 in present2.intersection(second):
                    add(second[key2])
        return list(set(found))


def _note(ends: dict[str, list[int]], key: str, token: int) -> None:
    if key in ends:
        ends[key].append(token)
    else:
        ends[key] = [token]


def _phrases_from(ends: dict[str, list[int]], entries: Sequence[PhraseEntry],
                  folded: list[str], j: int, b: int) -> None:
    """Note the phrases of `entries` whose remaining words run from token `j` (before `b`)."""
    for key, words, prefix in entries:
        n = len(words)
        if j + n > b:
            continue
        if prefix:
            if folded[j:j + n - 1] == list(words[:-1]) and folded[j + n - 1].startswith(
                    words[-1]):
                _note(ends, key, j + n - 1)
        elif folded[j:j + n] == list(words):
            _note(ends, key, j + n - 1)


__all__ = ["CandidateIndex", "breaks", "lex", "piece_kind", "split_tokens"]

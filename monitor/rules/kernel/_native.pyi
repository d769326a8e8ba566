"""The C kernel of the rule matcher (`_native.c`); `pure.py` is its pure-Python twin."""

from collections.abc import Collection, Mapping, Sequence
from typing import Final

ABI: Final[int]
OP_LEAF: Final[int]
OP_AND: Final[int]
OP_OR: Final[int]
OP_NOT: Final[int]
OP_NEAR: Final[int]
UNIT_NONE: Final[int]
UNIT_SENTENCE: Final[int]
UNIT_PARAGRAPH: Final[int]
UNIT_WORDS: Final[int]

_PhraseEntry = tuple[str, tuple[str, ...], bool]
_Span = tuple[str, int, int]

class CandidateIndex:
    """The anchor index of a compiled rule set, as flat int arrays."""

    def __init__(self, n_rules: int,
                 filings: Sequence[tuple[int, frozenset[str], frozenset[str] | None]],
                 always: Sequence[int], units: Sequence[int],
                 phrases: dict[str, tuple[Mapping[str, Sequence[_PhraseEntry]],
                                          Sequence[_PhraseEntry]]],
                 stems: dict[str, str], words: frozenset[str], fields: tuple[str, ...],
                 programs: tuple[list[tuple], list[int]]) -> None: ...
    def scan(self, fields: Sequence[tuple[list[str], list[int], list[int]]]
             ) -> tuple[list[int], list[dict[str, list[int]] | None],
                        list[tuple[int, tuple[_Span, ...]]], int]:
        """One document: (candidates left for Python, key ends per field or None, the rules
        evaluated here that hold with their evidence, how many were evaluated here)."""

def split_tokens(flat: str) -> tuple[list[str], list[int], list[int]]:
    """flat.split(), with each word's start and end offset."""

def breaks(text: str, flat: str, starts: list[int], abbreviations: Collection[str],
           needs_digit: Collection[str]) -> tuple[list[int], list[int]]:
    """The token indexes that start a new sentence or paragraph."""

def lex(query: str) -> list[tuple[str, str, int]]:
    """The rule-query lexer: (kind, text, 1-based column) per token, then the end."""

"""The codes of the kernel's contract, defined once for Python.

The C kernel exports the same names as module constants (`_native.OP_LEAF`, …) and
tests/test_rules_native.py checks that the values agree; the compiler and the Python kernel
read them from here. Also the marks of the *flat* text (`normalize._one_to_one`) that the
sentence-break kernels read.
"""

from __future__ import annotations

from typing import Final

ABI: Final = 20  # NATIVE_ABI in _native.c: a build of another version is not used

# The kinds of rule-program nodes (see `compiler._programs`)
OP_LEAF: Final = 0  # (OP_LEAF, field bits, keys)
OP_AND: Final = 1  # (OP_AND, children)
OP_OR: Final = 2  # (OP_OR, children)
OP_NOT: Final = 3  # (OP_NOT, child)
OP_NEAR: Final = 4  # (OP_NEAR, unit, left, right, distance)

# Units: what a NEAR's sides (or a rule's anchor and second keys) must share
UNIT_NONE: Final = 0
UNIT_SENTENCE: Final = 1
UNIT_PARAGRAPH: Final = 2
UNIT_WORDS: Final = 3  # a NEAR/n in a rule program
UNIT_CODES: Final = {"s": UNIT_SENTENCE, "p": UNIT_PARAGRAPH, "w": UNIT_WORDS}

# The flat text: one character per original character, separators as spaces
ACRONYM_DOT: Final = "\x02"  # the dots of "U.S.", kept inside the word
DELETED: Final = "\x03"  # combining marks, soft hyphens, zero-width characters: dropped
SENTENCE_END: Final = frozenset(".!?…。！？")
APOSTROPHES: Final = frozenset("'’ʼ‘")
QUOTES: Final = "\"“”„«»"  # what opens or closes a phrase in a query

__all__ = ["ABI", "ACRONYM_DOT", "APOSTROPHES", "DELETED", "OP_AND", "OP_LEAF", "OP_NEAR",
           "OP_NOT", "OP_OR", "QUOTES", "SENTENCE_END", "UNIT_CODES", "UNIT_NONE",
           "UNIT_PARAGRAPH", "UNIT_SENTENCE", "UNIT_WORDS"]

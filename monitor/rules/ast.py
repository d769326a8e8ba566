"""The expression tree of the rule language.

Its leaves are `Leaf` values: a set of `Pattern`s (a term, a phrase, a wildcard, or the entries
of a vocabulary or a country) restricted to a set of fields; its inner nodes are AND (`All`),
OR (`Any`), NOT and NEAR. The reference interpreter evaluates it; the fast matcher compiles the
same rules into shared nodes (`matcher.py`) through the same parser.
"""

from __future__ import annotations

from dataclasses import dataclass

# "lang" holds one token, the item's language code (empty when unknown): `lang:ru` is a field
# scope like `title:`, so every engine treats it as it treats any other field.
FIELDS = ("title", "body", "source", "lang")
DEFAULT_FIELDS = ("title", "body")


# ---- expression tree (resolved) --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Pattern:
    """One matchable sequence of folded words.

    `prefix`: the (single) word is a prefix (`defen*`). `cased`: the case-sensitive forms the
    document words must also equal (`=US`), or None. `not_within`: longer names that swallow
    this one, as (words, offset of this pattern inside them): "guinea" does not match inside
    "Papua New Guinea" (used by the country gazetteer).
    """

    words: tuple[str, ...]
    prefix: bool = False
    cased: tuple[str, ...] | None = None
    not_within: tuple[tuple[tuple[str, ...], int], ...] = ()


@dataclass(slots=True, eq=False)
class Leaf:
    """Any of `patterns`, in any of `fields`. `label` is the source text (for messages)."""

    patterns: tuple[Pattern, ...]
    fields: tuple[str, ...]
    label: str


@dataclass(slots=True, eq=False)
class All:
    """Every child is true (AND)."""

    children: tuple[Expr, ...]


@dataclass(slots=True, eq=False)
class Any:
    """At least one child is true (OR)."""

    children: tuple[Expr, ...]


@dataclass(slots=True, eq=False)
class Not:
    """The child is false."""

    child: Expr


@dataclass(slots=True, eq=False)
class Near:
    """Spans of `left` and `right` close together; at most one side may be a `Not`.

    `unit` "w": at most `distance` words between them; "s": same sentence; "p": same paragraph.
    """

    left: Expr
    right: Expr
    unit: str
    distance: int = 0


Expr = Leaf | All | Any | Not | Near

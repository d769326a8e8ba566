"""The two trees of the rule language.

The parser builds a *syntax tree* (`Word`, `Phrase`, `Ref`, `Scope`, and the operators), each
node knowing its 1-based column for error messages. `resolve` turns it into an *expression*
tree whose leaves are `Leaf` values: a set of `Pattern`s (a term, a phrase, a wildcard, or the
entries of a vocabulary or a country) restricted to a set of fields. Both matchers (the fast
one and the reference interpreter) evaluate the expression tree.
"""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = ("title", "body", "source")
DEFAULT_FIELDS = ("title", "body")


# ---- syntax tree (parser output) -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Word:
    """A query term as written: `text` without `=` and `*`."""

    text: str
    column: int
    prefix: bool = False
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """A quoted phrase as written (the text between the quotes)."""

    text: str
    column: int
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class Ref:
    """`@name` (a vocabulary) or `@country:CODE` (`name` is "country", `arg` the code)."""

    name: str
    arg: str | None
    column: int


@dataclass(frozen=True, slots=True)
class Scope:
    """`title:…`, `body:…`, `source:…` applied to one operand."""

    fields: tuple[str, ...]
    child: Syntax
    column: int


@dataclass(frozen=True, slots=True)
class BoolOp:
    """`AND` / `OR` over two or more operands."""

    op: str  # "AND" | "OR"
    children: tuple[Syntax, ...]
    column: int


@dataclass(frozen=True, slots=True)
class NotOp:
    """`NOT operand`."""

    child: Syntax
    column: int


@dataclass(frozen=True, slots=True)
class NearOp:
    """`left NEAR/n right`, `NEAR/s`, `NEAR/p`: `unit` is "w" (words), "s" or "p"."""

    left: Syntax
    right: Syntax
    unit: str
    distance: int
    column: int


Syntax = Word | Phrase | Ref | Scope | BoolOp | NotOp | NearOp


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


@dataclass(frozen=True, slots=True, eq=False)
class Leaf:
    """Any of `patterns`, in any of `fields`. `label` is the source text (for messages)."""

    patterns: tuple[Pattern, ...]
    fields: tuple[str, ...]
    label: str


@dataclass(frozen=True, slots=True, eq=False)
class All:
    """Every child is true (AND)."""

    children: tuple[Expr, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Any:
    """At least one child is true (OR)."""

    children: tuple[Expr, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Not:
    """The child is false."""

    child: Expr


@dataclass(frozen=True, slots=True, eq=False)
class Near:
    """Spans of `left` and `right` close together; at most one side may be a `Not`.

    `unit` "w": at most `distance` words between them; "s": same sentence; "p": same paragraph.
    """

    left: Expr
    right: Expr
    unit: str
    distance: int = 0


Expr = Leaf | All | Any | Not | Near

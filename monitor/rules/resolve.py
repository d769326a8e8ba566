"""From syntax tree to expression tree: words to patterns, references expanded, scopes pushed
down to the leaves, and the structural rules of NEAR checked.

Shared by the fast matcher and the reference interpreter, so both see the same leaves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from monitor.errors import RuleSyntaxError
from monitor.rules.ast import (
    DEFAULT_FIELDS,
    All,
    Any,
    BoolOp,
    Expr,
    Leaf,
    Near,
    NearOp,
    Not,
    NotOp,
    Pattern,
    Phrase,
    Ref,
    Scope,
    Syntax,
    Word,
)
from monitor.rules.normalize import tokenize

MIN_PREFIX = 3  # letters or digits before a '*'

CountryLookup = Callable[[str], "tuple[Pattern, ...] | None"]


class Vocabularies:
    """Named pattern lists, parsed once; `errors` holds every bad entry."""

    def __init__(self, vocabularies: Mapping[str, Sequence[str]]) -> None:
        self.patterns: dict[str, tuple[Pattern, ...]] = {}
        self.errors: list[RuleSyntaxError] = []
        for name, entries in vocabularies.items():
            self.patterns[name] = self._parse_all(name, entries)

    def _parse_all(self, name: str, entries: Sequence[str]) -> tuple[Pattern, ...]:
        out: dict[Pattern, None] = {}
        if isinstance(entries, str) or not isinstance(entries, Sequence):
            self.errors.append(RuleSyntaxError(f"@{name}", 1, "a vocabulary is a list of terms"))
            return ()
        for number, entry in enumerate(entries, 1):
            try:
                out[entry_pattern(str(entry))] = None
            except ValueError as exc:
                self.errors.append(RuleSyntaxError(
                    f"@{name}", 1, f"entry {number} {entry!r}: {exc}"))
        return tuple(out)


def entry_pattern(entry: str) -> Pattern:
    """One vocabulary entry: a word, `word*`, `=Word`, or a phrase (quotes optional)."""
    text = entry.strip()
    cased = text.startswith("=")
    if cased:
        text = text[1:]
    if len(text) >= 2 and text[0] in "\"“" and text[-1] in "\"”":
        text = text[1:-1]
    prefix = text.endswith("*")
    if "*" in text.rstrip("*") or text.endswith("**"):
        raise ValueError("'*' is allowed only at the end of a single word")
    return make_pattern(text.rstrip("*"), prefix=prefix, case_sensitive=cased)


def make_pattern(text: str, *, prefix: bool = False, case_sensitive: bool = False) -> Pattern:
    """Normalise `text` into a pattern; several words make a phrase. Raises ValueError."""
    toks = tokenize(text)
    if not toks.folded:
        raise ValueError("no letters or digits to match")
    words = tuple(toks.folded)
    if prefix:
        if len(words) > 1:
            raise ValueError("a wildcard applies to a single word")
        if len(words[0]) < MIN_PREFIX:
            raise ValueError(f"a wildcard needs at least {MIN_PREFIX} letters or digits "
                             f"before '*'")
    cased = tuple(toks.cased(i) for i in range(len(toks))) if case_sensitive else None
    return Pattern(words, prefix, cased)


class Resolver:
    """Resolves the syntax trees of one rule set (vocabularies and countries shared)."""

    def __init__(self, vocabularies: Vocabularies, countries: CountryLookup) -> None:
        self.vocabularies = vocabularies
        self.countries = countries

    def resolve(self, rule_id: str, node: Syntax) -> Expr:
        """The expression tree of one rule, or raise `RuleSyntaxError`."""
        return self._expr(rule_id, node, DEFAULT_FIELDS)

    def _expr(self, rid: str, node: Syntax, fields: tuple[str, ...]) -> Expr:
        if isinstance(node, Scope):
            return self._expr(rid, node.child, node.fields)
        if isinstance(node, Word | Phrase | Ref):
            return self._leaf(rid, node, fields)
        if isinstance(node, NotOp):
            return Not(self._expr(rid, node.child, fields))
        if isinstance(node, BoolOp):
            kids = tuple(self._expr(rid, c, fields) for c in node.children)
            return All(kids) if node.op == "AND" else Any(kids)
        return self._near(rid, node, fields)

    def _near(self, rid: str, node: NearOp, fields: tuple[str, ...]) -> Expr:
        left = self._operand(rid, node.left, fields)
        right = self._operand(rid, node.right, fields)
        if isinstance(left, Not) and isinstance(right, Not):
            raise RuleSyntaxError(rid, node.column, "NEAR needs a positive side: both of its "
                                                    "operands are NOT")
        return Near(left, right, node.unit, node.distance)

    def _operand(self, rid: str, node: Syntax, fields: tuple[str, ...]) -> Expr:
        """A NEAR operand: a span expression, or NOT of one."""
        if isinstance(node, NotOp):
            return Not(self._span(rid, node.child, fields))
        return self._span(rid, node, fields)

    def _span(self, rid: str, node: Syntax, fields: tuple[str, ...]) -> Expr:
        """Terms, phrases, references, OR and NEAR of those: things with positions."""
        if isinstance(node, Scope):
            return self._span(rid, node.child, node.fields)
        if isinstance(node, BoolOp) and node.op == "OR":
            return Any(tuple(self._span(rid, c, fields) for c in node.children))
        if isinstance(node, BoolOp):
            raise RuleSyntaxError(rid, _and_column(node), "AND cannot be used inside NEAR "
                                  "(a NEAR operand must have a position): use NEAR or OR")
        if isinstance(node, NotOp):
            raise RuleSyntaxError(rid, node.column, "NOT inside NEAR must be a whole operand, "
                                  "as in 'a NEAR/5 NOT b'")
        return self._expr(rid, node, fields)

    def _leaf(self, rid: str, node: Word | Phrase | Ref, fields: tuple[str, ...]) -> Leaf:
        if isinstance(node, Ref):
            return Leaf(self._ref_patterns(rid, node), fields, _ref_label(node))
        try:
            if isinstance(node, Word):
                pattern = make_pattern(node.text, prefix=node.prefix,
                                       case_sensitive=node.case_sensitive)
                label = ("=" if node.case_sensitive else "") + node.text + "*" * node.prefix
            else:
                pattern = make_pattern(node.text, case_sensitive=node.case_sensitive)
                label = f'"{node.text}"'
        except ValueError as exc:
            raise RuleSyntaxError(rid, node.column, f"{exc}") from None
        return Leaf((pattern,), fields, label)

    def _ref_patterns(self, rid: str, node: Ref) -> tuple[Pattern, ...]:
        if node.name == "country":
            found = self.countries(node.arg or "")
            if found is None:
                raise RuleSyntaxError(rid, node.column, f"unknown country code {node.arg!r}: "
                                      "use an ISO 3166 code such as RU or AZE")
            return found
        found = self.vocabularies.patterns.get(node.name)
        if found is None:
            known = ", ".join(f"@{n}" for n in sorted(self.vocabularies.patterns)) or "none"
            raise RuleSyntaxError(rid, node.column, f"unknown vocabulary @{node.name} "
                                  f"(defined: {known})")
        if not found:
            raise RuleSyntaxError(rid, node.column, f"vocabulary @{node.name} is empty")
        return found


def _ref_label(node: Ref) -> str:
    return f"@country:{node.arg}" if node.name == "country" else f"@{node.name}"


def _and_column(node: BoolOp) -> int:
    return node.children[1].column if len(node.children) > 1 else node.column


def leaves(expr: Expr):
    """Every leaf of an expression tree, depth first."""
    if isinstance(expr, Leaf):
        yield expr
    elif isinstance(expr, All | Any):
        for child in expr.children:
            yield from leaves(child)
    elif isinstance(expr, Not):
        yield from leaves(expr.child)
    else:
        yield from leaves(expr.left)
        yield from leaves(expr.right)

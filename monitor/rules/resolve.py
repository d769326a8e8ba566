"""Words, phrases, vocabularies and countries to patterns; the expression-tree builder.

Shared by the fast matcher and the reference interpreter, so both see the same leaves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from monitor.errors import RuleSyntaxError
from monitor.rules.ast import All, Any, Expr, Leaf, Near, Not, Pattern
from monitor.rules.normalize import tokenize

MIN_PREFIX = 3  # letters or digits before a '*'
_PLAIN_WORDS = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*\Z")

CountryLookup = Callable[[str], "tuple[Pattern, ...] | None"]


EventLookup = Callable[[str], "tuple[Pattern, ...] | None"]


class Vocabularies:
    """Named pattern lists, parsed once; `errors` holds every bad entry. `events` looks up
    the built-in `@event:NAME` vocabularies (`events.event_patterns`), `event_names` lists
    them."""

    def __init__(self, vocabularies: Mapping[str, Sequence[str]],
                 events: EventLookup = lambda name: None,
                 event_names: Callable[[], list[str]] = list) -> None:
        self.events = events
        self.event_names = event_names
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
    return make_pattern(text.rstrip("*"), prefix, cased)


@lru_cache(maxsize=262144)
def make_pattern(text: str, prefix: bool = False, case_sensitive: bool = False) -> Pattern:
    """Normalise `text` into a pattern; several words make a phrase. Raises ValueError."""
    if _PLAIN_WORDS.match(text):  # fast path, same result as tokenize() for plain words
        words = tuple(text.lower().split())
        _check_prefix(words, prefix)
        return Pattern(words, prefix, tuple(text.split()) if case_sensitive else None)
    toks = tokenize(text)
    if not toks.folded:
        raise ValueError("no letters or digits to match")
    words = tuple(toks.folded)
    _check_prefix(words, prefix)
    cased = tuple(toks.cased(i) for i in range(len(toks))) if case_sensitive else None
    return Pattern(words, prefix, cased)


def _check_prefix(words: tuple[str, ...], prefix: bool) -> None:
    if prefix and len(words) > 1:
        raise ValueError("a wildcard applies to a single word")
    if prefix and len(words[0]) < MIN_PREFIX:
        raise ValueError(f"a wildcard needs at least {MIN_PREFIX} letters or digits before '*'")


class LeafResolver:
    """Words, phrases and references to patterns (vocabularies and countries looked up)."""

    def __init__(self, rule_id: str, vocabularies: Vocabularies,
                 countries: CountryLookup) -> None:
        self.rule_id = rule_id
        self.vocabularies = vocabularies
        self.countries = countries

    def word_patterns(self, text: str, prefix: bool, cased: bool,
                      column: int) -> tuple[Pattern, ...]:
        """The pattern of a query word."""
        try:
            return (make_pattern(text, prefix, cased),)
        except ValueError as exc:
            raise RuleSyntaxError(self.rule_id, column, str(exc)) from None

    def phrase_patterns(self, text: str, cased: bool, column: int) -> tuple[Pattern, ...]:
        """The pattern of a quoted phrase."""
        return self.word_patterns(text, False, cased, column)

    def ref_patterns(self, name: str, arg: str | None, column: int) -> tuple[Pattern, ...]:
        """The patterns of `@name`, `@country:CODE` or `@event:NAME`."""
        if name == "event":
            found = self.vocabularies.events(arg or "")
            if found is None:
                known = ", ".join(f"@event:{n}" for n in self.vocabularies.event_names())
                raise RuleSyntaxError(self.rule_id, column, f"unknown event vocabulary "
                                      f"{arg!r} (built in: {known or 'none'})")
            return found
        if name == "country":
            found = self.countries(arg or "")
            if found is None:
                raise RuleSyntaxError(self.rule_id, column, f"unknown country code {arg!r}: "
                                      "use an ISO 3166 code such as RU or AZE")
            return found
        found = self.vocabularies.patterns.get(name)
        if found is None:
            known = ", ".join(f"@{n}" for n in sorted(self.vocabularies.patterns)) or "none"
            raise RuleSyntaxError(self.rule_id, column, f"unknown vocabulary @{name} "
                                  f"(defined: {known})")
        if not found:
            raise RuleSyntaxError(self.rule_id, column, f"vocabulary @{name} is empty")
        return found


class ExprBuilder(LeafResolver):
    """Builds the expression tree of one rule (the parser's `Builder`)."""

    def word(self, text: str, prefix: bool, cased: bool, fields: tuple[str, ...],
             column: int) -> Expr:
        label = ("=" if cased else "") + text + ("*" if prefix else "")
        return Leaf(self.word_patterns(text, prefix, cased, column), fields, label)

    def phrase(self, text: str, cased: bool, fields: tuple[str, ...], column: int) -> Expr:
        return Leaf(self.phrase_patterns(text, cased, column), fields, f'"{text}"')

    def ref(self, name: str, arg: str | None, fields: tuple[str, ...], column: int) -> Expr:
        label = f"@{name}:{arg}" if name in ("country", "event") else f"@{name}"
        return Leaf(self.ref_patterns(name, arg, column), fields, label)

    def all_of(self, children: list[Expr]) -> Expr:
        return All(tuple(children))

    def any_of(self, children: list[Expr]) -> Expr:
        return Any(tuple(children))

    def not_(self, child: Expr) -> Expr:
        return Not(child)

    def near(self, left: Expr, right: Expr, unit: str, distance: int) -> Expr:
        return Near(left, right, unit, distance)


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

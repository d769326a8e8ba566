"""Parse and resolve a whole rule set, collecting every error (shared by both matchers)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from typing import Protocol, TypeVar

from monitor.errors import RuleSetError, RuleSyntaxError
from monitor.rules.ast import Expr
from monitor.rules.events import event_names, event_patterns
from monitor.rules.gazetteer import country_known, country_patterns
from monitor.rules.kernel import DEFAULT
from monitor.rules.parser import Builder, Lexer, parse
from monitor.rules.resolve import CountryLookup, ExprBuilder, LeafResolver, Vocabularies

T = TypeVar("T")


class HasQuery(Protocol):
    """What a rule must offer: an id and a query (`RuleSource`)."""

    id: str
    query: str


def parse_rules(rules: Sequence[HasQuery],
                vocabularies: Mapping[str, Sequence[str]]) -> list[tuple[str, Expr]]:
    """(rule id, expression tree) for every rule, or `RuleSetError` listing every problem."""
    return build_rules(rules, vocabularies, ExprBuilder)


@contextmanager
def gc_paused(freeze: bool = False):
    """Pause the cyclic garbage collector while building many long-lived objects.

    Compiling 100,000 rules allocates millions of objects that all stay alive; left on, the
    collector would re-scan the growing heap again and again (it doubles the compile time).
    With `freeze`, everything alive at the end is moved to the permanent generation first:
    otherwise the first collection after re-enabling scans all of it once more (~10 % of a
    compile), and every full collection after that again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def further_errors(rule: HasQuery, first: RuleSyntaxError, vocabularies: Vocabularies,
                   lex: Lexer = DEFAULT.lex) -> list[RuleSyntaxError]:
    """What else is wrong with a rule whose parse stopped at `first`, so that one check shows
    it all: unknown `@` references and unbalanced parentheses elsewhere in the query."""
    resolver = LeafResolver(rule.id, vocabularies, country_patterns)
    found: list[RuleSyntaxError] = []
    depth_columns: list[int] = []
    for kind, text, column in lex(rule.query):
        if kind == "ref" and column != first.column:
            name, _, arg = text[1:].partition(":")
            try:
                resolver.ref_patterns(name, arg or None, column)
            except RuleSyntaxError as exc:
                found.append(exc)
        elif kind == "(":
            depth_columns.append(column)
        elif kind == ")" and depth_columns:
            depth_columns.pop()
        elif kind == ")":
            found.append(RuleSyntaxError(rule.id, column, "unbalanced ')': no '(' to close"))
    found += [RuleSyntaxError(rule.id, column, "unbalanced '(': never closed")
              for column in depth_columns]
    about_parentheses = "'('" in first.message or "')'" in first.message
    return [e for e in found if e.column != first.column
            and not (about_parentheses and "unbalanced" in e.message)]


class _Checker(LeafResolver):
    """The parser's `Builder` that resolves every leaf (so that unknown references and bad
    terms are found) and builds nothing: what validating a rule set needs, at half the cost
    of compiling it. A country code or event name is only looked up, not spelled out into
    its forms in ten languages (that costs a compile, not a check)."""

    def __init__(self, rule_id: str, vocabularies: Vocabularies,
                 countries: CountryLookup) -> None:
        super().__init__(rule_id, vocabularies, lambda code: () if country_known(code) else None)
        self.vocabularies = _KnownEvents(vocabularies)

    def word(self, text: str, prefix: bool, cased: bool, fields: tuple[str, ...],
             column: int) -> None:
        self.word_patterns(text, prefix, cased, column)

    def phrase(self, text: str, cased: bool, fields: tuple[str, ...], column: int) -> None:
        self.phrase_patterns(text, cased, column)

    def ref(self, name: str, arg: str | None, fields: tuple[str, ...], column: int) -> None:
        self.ref_patterns(name, arg, column)

    def all_of(self, children: list[None]) -> None:
        return None

    def any_of(self, children: list[None]) -> None:
        return None

    def not_(self, child: None) -> None:
        return None

    def near(self, left: None, right: None, unit: str, distance: int) -> None:
        return None


class _KnownEvents(Vocabularies):
    """A rule set's vocabularies whose `@event:` look-ups only check the name."""

    def __init__(self, vocabularies: Vocabularies) -> None:  # a view, nothing parsed again
        self.patterns, self.errors = vocabularies.patterns, vocabularies.errors
        self.event_names = vocabularies.event_names
        self.events = lambda name: () if name.lower() in event_names() else None


def check_rules(rules: Sequence[HasQuery], vocabularies: Mapping[str, Sequence[str]]) -> None:
    """Raise `RuleSetError` listing every problem of the rules, as `compile_rules` would, but
    without compiling them (for the processes that only validate: check, pollers, the
    supervisor)."""
    build_rules(rules, vocabularies, _Checker)


def build_rules(rules: Sequence[HasQuery], vocabularies: Mapping[str, Sequence[str]],
                make_builder: Callable[[str, Vocabularies, CountryLookup], Builder[T]],
                lex: Lexer = DEFAULT.lex) -> list[tuple[str, T]]:
    """Parse every rule (lexed by `lex`) with a builder made per rule; collect every
    error."""
    with gc_paused():
        return _build_rules(rules, vocabularies, make_builder, lex)


def _build_rules(rules: Sequence[HasQuery], vocabularies: Mapping[str, Sequence[str]],
                 make_builder: Callable[[str, Vocabularies, CountryLookup], Builder[T]],
                 lex: Lexer) -> list[tuple[str, T]]:
    vocab = Vocabularies(vocabularies or {}, event_patterns, event_names)
    errors: list[RuleSyntaxError] = list(vocab.errors)
    out: list[tuple[str, T]] = []
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            errors.append(RuleSyntaxError(rule.id, 1, "duplicate rule id"))
            continue
        seen.add(rule.id)
        try:
            out.append((rule.id, parse(rule.query, rule.id,
                                       make_builder(rule.id, vocab, country_patterns), lex)))
        except RuleSyntaxError as exc:
            errors.append(exc)
            errors += further_errors(rule, exc, vocab, lex)
    if errors:
        raise RuleSetError(errors)
    return out

"""Parse and resolve a whole rule set, collecting every error (shared by both matchers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from monitor.errors import RuleSetError, RuleSyntaxError
from monitor.rules.ast import Expr
from monitor.rules.gazetteer import country_patterns
from monitor.rules.parser import parse
from monitor.rules.resolve import Resolver, Vocabularies


class HasQuery(Protocol):
    """What a rule must offer: an id and a query (`RuleSource`)."""

    id: str
    query: str


def parse_rules(rules: Sequence[HasQuery],
                vocabularies: Mapping[str, Sequence[str]]) -> list[tuple[str, Expr]]:
    """(rule id, expression) for every rule, or `RuleSetError` listing every problem."""
    vocab = Vocabularies(vocabularies or {})
    resolver = Resolver(vocab, country_patterns)
    errors: list[RuleSyntaxError] = list(vocab.errors)
    out: list[tuple[str, Expr]] = []
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            errors.append(RuleSyntaxError(rule.id, 1, "duplicate rule id"))
            continue
        seen.add(rule.id)
        try:
            out.append((rule.id, resolver.resolve(rule.id, parse(rule.query, rule.id))))
        except RuleSyntaxError as exc:
            errors.append(exc)
    if errors:
        raise RuleSetError(errors)
    return out

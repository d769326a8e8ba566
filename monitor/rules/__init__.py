"""Watch rules: the query language, the country gazetteer, and the matchers.

    ruleset = compile_rules([RuleSource("ru-az", "@country:RU NEAR/s @country:AZ")], {})
    ruleset.match(Document(title="…", body="…"))   # -> [Match(rule_id, evidence, snippet)]

`compile_rules` is the fast path (compile once, then match many documents); `reference_match`
is the slow interpreter that defines the semantics (see `reference.py` and docs/rules.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from monitor.models import Item, Match
from monitor.rules.compiler import RuleSet
from monitor.rules.compiler import compile_rules as _compile_rules
from monitor.rules.frontend import HasQuery, check_rules
from monitor.rules.kernel import Kernel
from monitor.rules.reference import reference_match as _reference_match


@dataclass(frozen=True)
class RuleSource:
    """A rule as the configuration gives it: an id and a query string."""

    id: str
    query: str


@dataclass(frozen=True)
class Document:
    """The text a rule set matches: `title` and `body` (the default scope), `source`, and
    `lang`, the ISO 639-1 code of its language ("" when unknown) that `lang:` looks at."""

    title: str = ""
    body: str = ""
    source: str = ""
    lang: str = ""

    @classmethod
    def of_item(cls, item: Item) -> Document:
        """The document that rules see of a feed item."""
        return cls(title=item.title, body=item.body, source=item.source, lang=item.lang)


def compile_rules(rules: Sequence[HasQuery],
                  vocabularies: Mapping[str, Sequence[str]], *,
                  native: bool | None = None, kernel: Kernel | None = None,
                  programs: bool = True) -> RuleSet:
    """Compile all rules once. Collects every problem and raises `RuleSetError` listing a
    `RuleSyntaxError` (rule id, column, message) for each; an unknown `@vocabulary` or
    `@country` code is such an error. A bad vocabulary entry is reported with the rule id
    `@name` of its vocabulary. The rule set runs on `kernel` (see `monitor.rules.kernel`),
    or the one `native` picks: the C kernel (True), the pure-Python one (False) or the
    default (None: the C kernel where built, unless WIREWATCH_NO_NATIVE=1). `programs=False`
    leaves every rule's evaluation to the Python nodes (the kernel only selects)."""
    return _compile_rules(rules, vocabularies, native=native, kernel=kernel,
                          programs=programs)


def reference_match(rules: Sequence[RuleSource], vocabularies: Mapping[str, Sequence[str]],
                    doc: Document) -> list[Match]:
    """Match `doc` with the slow, obviously-correct interpreter (same results as RuleSet)."""
    return _reference_match(rules, vocabularies, doc)


__all__ = ["Document", "HasQuery", "RuleSet", "RuleSource", "check_rules", "compile_rules",
           "reference_match"]

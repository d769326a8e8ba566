"""Parser errors name the rule, the 1-based column and what was expected."""

from __future__ import annotations

import pytest

from monitor.errors import RuleSetError, RuleSyntaxError
from monitor.rules import RuleSource, compile_rules
from monitor.rules.ast import All, Any, Leaf, Near, Not
from monitor.rules.frontend import parse_rules

VOCAB = {"defense": ["defen*", "military", "\"armed forces\"", "=US"]}


def expr(query: str):
    return parse_rules([RuleSource("r", query)], VOCAB)[0][1]


def error(query: str, vocabularies=VOCAB) -> RuleSyntaxError:
    with pytest.raises(RuleSetError) as info:
        compile_rules([RuleSource("r1", query)], vocabularies)
    (err,) = info.value.errors
    assert err.rule_id == "r1"
    return err


@pytest.mark.parametrize(("query", "column", "fragment"), [
    ("", 1, "empty"),
    ("russia AND", 11, "expected a term, phrase, @reference or '(', found the end"),
    ("russia AND OR baku", 12, "found operator OR"),
    ("(russia OR baku", 16, "expected ')' to close the '(' at column 1"),
    ("russia)", 7, "unbalanced ')'"),
    ("()", 2, "found ')'"),
    ('russia "general staff', 8, "unterminated phrase"),
    ("russia NEAR baku", 12, "expected /n"),
    ("russia NEAR/x baku", 13, "expected a number (0-1000), s or p"),
    ("de* AND russia", 1, "at least 3 letters"),
    ("def*ense", 4, "'*' is allowed only at the end"),
    ('"general staf*"', 14, "not allowed inside a phrase"),
    ("russia-az*", 1, "a wildcard applies to a single word"),
    ("russia -baku", 8, "use NOT"),
    ("@nosuch AND baku", 1, "unknown vocabulary @nosuch"),
    ("baku AND @country:XX", 10, "unknown country code 'XX'"),
    ("baku AND @country", 10, "expected a country code"),
    ("headline:russia", 1, "unknown field 'headline'"),
    ("title: AND", 8, "after title:"),
    ("(russia AND baku) NEAR/5 army", 1, "AND cannot be used inside NEAR"),
    ("NOT russia NEAR/5 NOT baku", 12, "both operands are NOT"),
    ("(NOT NOT russia) NEAR/3 baku", 1, "a NEAR operand must be"),
    ("russia NEAR/3 (baku OR NOT army)", 15, "a NEAR operand must be"),
    ("--- AND russia", 1, "use NOT"),
    ("... AND russia", 1, "no letters or digits"),
])
def test_errors_have_column_and_expectation(query: str, column: int, fragment: str) -> None:
    err = error(query)
    assert err.column == column, err
    assert fragment in err.message, err
    assert f"column {column}" in str(err) and "r1" in str(err)


def test_every_bad_rule_is_reported_at_once() -> None:
    rules = [RuleSource("good", "baku"), RuleSource("bad1", "baku AND"),
             RuleSource("bad2", "@nope"), RuleSource("good", "russia")]
    with pytest.raises(RuleSetError) as info:
        compile_rules(rules, {"v": ["ab*"]})
    got = [(e.rule_id, e.column) for e in info.value.errors]
    assert got == [("@v", 1), ("bad1", 9), ("bad2", 1), ("good", 1)]
    assert "entry 1 'ab*'" in info.value.errors[0].message
    assert "duplicate rule id" in info.value.errors[3].message


def test_precedence_not_near_and_or() -> None:
    tree = expr("a OR b c NEAR/2 NOT d")
    assert isinstance(tree, Any)
    left, right = tree.children
    assert isinstance(left, Leaf)
    assert isinstance(right, All)
    near = right.children[1]
    assert isinstance(near, Near) and isinstance(near.right, Not)
    assert (near.unit, near.distance) == ("w", 2)


def test_near_chains_group_to_the_left() -> None:
    tree = expr("a NEAR/1 b NEAR/s c")
    assert isinstance(tree, Near) and tree.unit == "s"
    assert isinstance(tree.left, Near) and tree.left.distance == 1


def test_scopes_reach_the_leaves_innermost_wins() -> None:
    tree = expr('title:(a OR body:b) source:"c d" e')
    assert isinstance(tree, All)
    scoped, source, plain = tree.children
    assert [leaf.fields for leaf in scoped.children] == [("title",), ("body",)]
    assert source.fields == ("source",) and source.patterns[0].words == ("c", "d")
    assert plain.fields == ("title", "body")


def test_terms_become_patterns() -> None:
    tree = expr("=US Russia's defen* Russia-Azerbaijan @defense @country:aze")
    us, russia, defen, pair, vocab, country = tree.children
    assert us.patterns[0].cased == ("US",) and us.patterns[0].words == ("us",)
    assert russia.patterns[0].words == ("russia",)
    assert defen.patterns[0].prefix and defen.patterns[0].words == ("defen",)
    assert pair.patterns[0].words == ("russia", "azerbaijan")  # a hyphenated term is a phrase
    assert len(vocab.patterns) == 4
    assert any(p.words == ("baku",) for p in country.patterns)


def test_lowercase_operators_are_terms_and_curly_quotes_make_phrases() -> None:
    tree = expr("russia and “general staff”")
    assert [leaf.patterns[0].words for leaf in tree.children] == [
        ("russia",), ("and",), ("general", "staff")]

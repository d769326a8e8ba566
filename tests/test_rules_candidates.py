"""Candidate selection: which rules the fast matcher evaluates at all for a document.

A rule left out of the candidates can never match, so each case also checks the matches
against the reference interpreter; `last_candidates` shows how much work was skipped.
"""

from __future__ import annotations

from monitor.rules import Document, RuleSource, compile_rules, reference_match
from monitor.rules.kernel import native_kernel


def _fillers(n: int, name: str) -> list[RuleSource]:
    """`n` rules sharing `name` that are anchored elsewhere (on a word no document holds)."""
    return [RuleSource(f"f{i}", f"{name} AND zq{i}x") for i in range(n)]


def _check(rules: list[RuleSource], doc: Document,
           native: bool | None = None) -> tuple[list[str], int]:
    ruleset = compile_rules(rules, {}, native=native)
    found = ruleset.match(doc)
    assert found == reference_match(rules, {}, doc)
    return [m.rule_id for m in found], ruleset.last_candidates


def test_an_or_child_is_anchored_on_its_rare_phrase_not_a_popular_name() -> None:
    rules = [RuleSource("x", '"alpha beta" OR (Ivanov "gamma beta")'), *_fillers(50, "Ivanov")]
    assert _check(rules, Document(title="", body="Ivanov spoke at length.")) == ([], 0)
    ids, evaluated = _check(rules, Document(title="", body="Ivanov saw the gamma beta test."))
    assert ids == ["x"] and evaluated == 1


def test_and_of_two_names_is_a_candidate_only_when_both_occur() -> None:
    rules = [RuleSource("x", "Ivanov AND Petrov")]
    assert _check(rules, Document(title="", body="Ivanov spoke.")) == ([], 0)
    assert _check(rules, Document(title="", body="Ivanov met Petrov.")) == (["x"], 1)


def test_a_rule_of_only_not_is_evaluated_for_every_document() -> None:
    rules = [RuleSource("x", "NOT Ivanov"), *_fillers(3, "Petrov")]
    assert _check(rules, Document(title="", body="Nothing here.")) == (["x"], 1)
    assert _check(rules, Document(title="", body="Ivanov.")) == ([], 1)


def test_near_sentence_candidates_need_both_sides_in_the_document() -> None:
    rules = [RuleSource("x", "Ivanov NEAR/s (tanks OR drills)")]
    assert _check(rules, Document(title="", body="Ivanov spoke. Nothing else.")) == ([], 0)
    body = "Ivanov spoke. Then tanks rolled."
    # apart: evaluated by the Python walk; the C kernel sees the two keys share no sentence
    assert _check(rules, Document(title="", body=body), native=False) == ([], 1)
    assert _check(rules, Document(title="", body=body), native=True) == ([], 0)
    assert _check(rules, Document(title="", body="Ivanov saw the drills.")) == (["x"], 1)


def test_a_country_in_ten_languages_still_needs_one_of_its_forms_present() -> None:
    """A country's hundreds of forms select by their prefixes (a two-level filing): the rule
    is no candidate for the name alone, nor for a look-alike that shares no prefix."""
    rules = [RuleSource("x", "@country:RU NEAR/s Gerasimov"),
             *_fillers(20, "Gerasimov")]
    for native in (False, None) + ((True,) if native_kernel() else ()):
        assert _check(rules, Document(title="", body="Gerasimov spoke."), native) == ([], 0)
        assert _check(rules, Document(title="", body="Gerasimov sank in the mud."),
                      native) == ([], 0)
        assert _check(rules, Document(title="", body="Герасимов и Gerasimov в России."),
                      native) == (["x"], 1)
        ids, _ = _check(rules, Document(title="", body="Gerasimov Rusiyanın qərargahında."),
                        native)
        assert ids == ["x"]

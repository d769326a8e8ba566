"""Each operator on small documents, through both matchers, and evidence offsets."""

from __future__ import annotations

import pytest

from monitor.models import Evidence
from monitor.rules import Document, RuleSource, compile_rules, reference_match

VOCAB = {"defense": ["defen*", "military", "\"armed forces\"", "=US"],
         "place": ["Baku", "Moscow"]}

BAKU = Document(
    title="Azerbaijani and Russian chiefs of general staff meet in Baku",
    body=("BAKU, Nov. 26. Colonel General Najmeddin Sadikov met Valery Gerasimov, chief of the "
          "General Staff of Russia's Armed Forces.\n\nThe two discussed military cooperation. "
          "US officials were not present. Football was not discussed."),
    source="trend",
)


def matches(query: str, doc: Document = BAKU, vocabularies=VOCAB) -> bool:
    """Whether `query` matches, checking that both matchers agree."""
    rules = [RuleSource("r", query)]
    fast = compile_rules(rules, vocabularies).match(doc)
    assert fast == reference_match(rules, vocabularies, doc)
    return bool(fast)


@pytest.mark.parametrize(("query", "expected"), [
    ("gerasimov", True),
    ("GERASIMOV", True),
    ("russia", True),  # Russia's
    ("azerbaycan", False),
    ('"general staff"', True),
    ('"staff general"', False),
    ('"armed forces the"', False),  # a phrase does not cross a sentence end
    ("defen*", False),
    ("gen*", True),
    ("=US", True),
    ("=Us", False),
    ("=GERASIMOV", False),
    ("gerasimov AND football", True),
    ("gerasimov football", True),
    ("gerasimov AND cricket", False),
    ("cricket OR football", True),
    ("NOT cricket", True),
    ("gerasimov AND NOT football", False),
    ("(cricket OR sadikov) AND NOT (tennis OR golf)", True),
    ("sadikov NEAR/1 gerasimov", False),  # "Sadikov met Valery Gerasimov": 2 words between
    ("sadikov NEAR/2 gerasimov", True),
    ("gerasimov NEAR/1 sadikov", False),
    ("sadikov NEAR/0 met", True),        # adjacent, either order
    ("met NEAR/0 sadikov", True),
    ("sadikov NEAR/s cooperation", False),
    ("sadikov NEAR/p russia", True),
    ("sadikov NEAR/p cooperation", False),
    ("military NEAR/s cooperation", True),
    ("(sadikov NEAR/2 gerasimov) NEAR/3 \"general staff\"", True),
    ("(sadikov NEAR/2 gerasimov) NEAR/1 russia", False),
    ("gerasimov NEAR/s NOT sadikov", False),
    ("gerasimov NEAR/3 NOT football", True),
    ("NOT sadikov NEAR/s gerasimov", False),
    ("russia NEAR/5 russia", False),      # one occurrence is not near itself
    ("title:baku", True),
    ("title:gerasimov", False),
    ("body:(gerasimov AND sadikov)", True),
    ("source:trend", True),
    ("trend", False),                      # source is not in the default scope
    ("title:(russian NEAR/s baku)", True),
    ("title:russian NEAR/30 body:sadikov", False),  # different fields are never near
    ("@place", True),
    ("@defense NEAR/3 cooperation", True),
    ("@country:AZ AND @country:RU", True),
    ("@country:am", False),
])
def test_operators(query: str, expected: bool) -> None:
    assert matches(query) is expected


def test_evidence_offsets_index_the_original_fields() -> None:
    doc = Document(title="Russia’s army", body="Talks in  Azərbaycan’s capital, Baku.\n\nArmy.")
    (match,) = compile_rules([RuleSource("r", "@country:AZ NEAR/p (capital OR army)")],
                             {}).match(doc)
    assert match.evidence == (
        Evidence("body", "azerbaycan", 10, 20), Evidence("body", "capital", 23, 30),
        Evidence("body", "baku", 32, 36))
    for ev in match.evidence:
        assert doc.body[ev.start:ev.end].lower().replace("ə", "e") == ev.term
    assert match.snippet.startswith("Talks in Azərbaycan’s capital")  # whitespace collapsed


def test_evidence_covers_phrases_and_both_sides_of_near() -> None:
    (match,) = compile_rules([RuleSource("r", '"general staff" NEAR/5 russia')], {}).match(BAKU)
    terms = [(e.field, e.term, BAKU.body[e.start:e.end]) for e in match.evidence]
    assert terms == [("body", "general staff", "General Staff"), ("body", "russia", "Russia")]


def test_matches_come_in_rule_order_with_snippets() -> None:
    rules = [RuleSource(f"r{i}", q) for i, q in enumerate(
        ["sadikov", "cricket", "baku", "NOT cricket"])]
    got = compile_rules(rules, {}).match(BAKU)
    assert [m.rule_id for m in got] == ["r0", "r2", "r3"]
    assert got[1].evidence[0].field == "title"
    assert got[2].evidence == () and got[2].snippet == BAKU.title
    assert "Sadikov" in got[0].snippet and len(got[0].snippet) <= 210


def test_long_snippet_is_cut_near_the_first_evidence() -> None:
    body = "filler " * 100 + "Gerasimov arrived. " + "tail " * 100
    (match,) = compile_rules([RuleSource("r", "gerasimov")], {}).match(Document(body=body))
    assert match.snippet.startswith("…") and match.snippet.endswith("…")
    assert "Gerasimov arrived." in match.snippet and len(match.snippet) <= 205


def test_rule_ids_and_empty_documents() -> None:
    ruleset = compile_rules([RuleSource("a", "x"), RuleSource("b", "NOT x")], {})
    assert ruleset.rule_ids == ("a", "b")
    assert [m.rule_id for m in ruleset.match(Document())] == ["b"]


def test_vocabulary_entries_may_be_wildcards_phrases_and_case_sensitive() -> None:
    vocab = {"v": ["defen*", "\"armed forces\"", "=US", "Kremlin"]}
    assert matches("@v", Document(body="the Defence ministry"), vocab)
    assert matches("@v", Document(body="armed-forces day"), vocab)
    assert matches("@v", Document(body="U.S. envoy"), vocab)
    assert not matches("@v", Document(body="tell us more"), vocab)
    assert not matches("@v", Document(body="armed. Forces"), vocab)


def test_defense_and_defence_are_different_words() -> None:
    assert not matches("defense", Document(body="Defence Ministry"))
    assert matches("defense OR defence", Document(body="Defence Ministry"))

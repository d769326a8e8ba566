"""`lang:` in rules: the item's language as a field whose one token is its ISO 639-1 code.

Every case runs on each kernel (the C one where built, and the pure-Python one) and is checked
against the reference interpreter; tests/test_rules_agreement.py adds `lang:` to its property
test.
"""

from __future__ import annotations

import pytest

from monitor.errors import RuleSetError
from monitor.rules import Document, RuleSource, compile_rules, reference_match
from monitor.rules.kernel import available_kernels

KERNELS = available_kernels()
BAKU_RU = Document(title="Начальник Генштаба России прибыл в Баку", body="Переговоры.",
                   lang="ru")
BAKU_UK = Document(title="Начальник Генштабу Росії прибув до Баку", lang="uk")
BAKU_EN = Document(title="Russia's chief of general staff arrives in Baku", lang="en")
BAKU_UNKNOWN = Document(title="Baku")
DOCS = {"ru": BAKU_RU, "uk": BAKU_UK, "en": BAKU_EN, "": BAKU_UNKNOWN}


def matching(query: str, kernel) -> list[str]:
    """The languages of the documents that `query` matches on `kernel` (and the reference)."""
    rules = [RuleSource("r", query)]
    ruleset = compile_rules(rules, {}, kernel=kernel)
    found = []
    for lang, doc in DOCS.items():
        got = ruleset.match(doc)
        assert got == reference_match(rules, {}, doc), (query, lang)
        if got:
            found.append(lang)
    return found


@pytest.mark.parametrize("kernel", KERNELS, ids=[k.name for k in KERNELS])
@pytest.mark.parametrize(("query", "langs"), [
    ("lang:ru", ["ru"]),
    ("lang:RU", ["ru"]),
    ("lang:(ru OR uk)", ["ru", "uk"]),
    ("lang:ru OR lang:uk", ["ru", "uk"]),
    ("NOT lang:en", ["ru", "uk", ""]),  # an item of unknown language is not English
    ("lang:(NOT en)", ["ru", "uk", ""]),
    ("baku AND NOT lang:(ru OR uk)", ["en", ""]),
    ("lang:en AND @country:AZ", ["en"]),  # "Baku", but in an item of unknown language too
    ("(lang:en AND russia*) OR (lang:ru AND россии)", ["ru", "en"]),
    ("title:(lang:uk)", ["uk"]),
    ("lang:az", []),
    ("ru OR uk OR en", []),  # the code is not a word of the text
])
def test_lang_scopes_to_the_items_language(query: str, langs: list[str], kernel) -> None:
    assert matching(query, kernel) == langs


@pytest.mark.parametrize("kernel", KERNELS, ids=[k.name for k in KERNELS])
def test_a_code_in_the_text_is_not_the_language(kernel) -> None:
    doc = Document(title="ru en uk", body="Lang ru, the .ru domain", source="ru", lang="en")
    rules = [RuleSource("ru", "lang:ru"), RuleSource("en", "lang:en")]
    found = compile_rules(rules, {}, kernel=kernel).match(doc)
    assert [m.rule_id for m in found] == ["en"]


@pytest.mark.parametrize("kernel", KERNELS, ids=[k.name for k in KERNELS])
def test_evidence_names_the_language_and_the_snippet_shows_the_text(kernel) -> None:
    (alone,) = compile_rules([RuleSource("r", "lang:ru")], {}, kernel=kernel).match(BAKU_RU)
    assert [(e.field, e.term, e.start, e.end) for e in alone.evidence] == [("lang", "ru", 0, 2)]
    assert alone.snippet.startswith("Начальник Генштаба")
    (both,) = compile_rules([RuleSource("r", "lang:ru AND переговоры")], {},
                            kernel=kernel).match(BAKU_RU)
    assert [e.field for e in both.evidence] == ["body", "lang"]
    assert both.snippet == "Переговоры."


@pytest.mark.parametrize(("query", "column", "fragment"), [
    ("lang:russian", 6, "unknown language code 'russian': lang: takes two-letter ISO 639-1 "
                        "codes such as ru or uk (ru: Russian)"),
    ("lang:ru-RU", 6, "unknown language code 'ru-RU'"),
    ("lang:xx", 6, "unknown language code 'xx'"),
    ("lang:(ru OR rus)", 13, "unknown language code 'rus'"),
    ("lang:ru*", 6, "unknown language code 'ru*'"),
    ("lang:=ru", 6, "unknown language code '=ru'"),
    ('lang:"ru"', 6, "not a phrase"),
    ("lang:@country:RU", 6, "not @country:RU"),
    ("lang:", 6, "expected a term, phrase, @reference or '(' after lang:"),
    ("lang:ru NEAR/5 baku", 1, "lang: cannot be a NEAR operand"),
    ("baku NEAR/s NOT lang:ru", 13, "lang: cannot be a NEAR operand"),
    ("language:ru", 1, "unknown field 'language': use title:, body:, source: or lang:"),
])
def test_a_bad_lang_operand_names_the_column(query: str, column: int, fragment: str) -> None:
    with pytest.raises(RuleSetError) as info:
        compile_rules([RuleSource("r1", query)], {})
    (err,) = info.value.errors
    assert (err.rule_id, err.column) == ("r1", column)
    assert fragment in err.message


def test_a_language_code_is_not_chosen_as_the_anchor() -> None:
    """`lang:ru` holds for a large share of a wire's items: the rule is filed under its rarer
    word, so a Russian item without that word does not make it a candidate."""
    rules = [RuleSource("x", "lang:ru AND gerasimov")]
    ruleset = compile_rules(rules, {})
    assert ruleset.match(Document(body="Переговоры", lang="ru")) == []
    assert ruleset.last_candidates == 0
    assert [m.rule_id for m in ruleset.match(Document(body="Gerasimov", lang="ru"))] == ["x"]

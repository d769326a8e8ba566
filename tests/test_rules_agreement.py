"""Property test: the fast matcher and the reference interpreter agree, evidence included."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.rules import Document, RuleSource, compile_rules, reference_match
from monitor.rules.kernel import available_kernels

WORDS = ["russia", "moscow", "baku", "azerbaijan", "defense", "defence", "military", "army",
         "general", "staff", "talks", "the", "us", "guinea", "papua", "new", "kremlin",
         "россия", "встреча",
         "ru", "en"]  # language codes in the text too: only `lang:` looks at the language
SURFACES = {  # how a word may be written in a document
    "russia": ["Russia", "russia", "RUSSIA", "Russia's", "Russia’s"],
    "azerbaijan": ["Azerbaijan", "Azərbaycan", "azerbaijan"],
    "us": ["US", "us", "U.S.", "Us"],
    "defense": ["defense", "Defense", "defenses", "defensive"],
    # other languages and scripts: inflected, with clitics, tatweel, ZWNJ, dotted İ
    "россия": ["России", "РОССИЕЙ", "Russlands", "Rusiyanın", "Rusya’nın", "بروسيا",
               "روســيا", "روسیه‌ای", "русло", "RUSİYADA"],
    "встреча": ["встретились", "met", "görüşüb", "görüştü", "meetings", "встречи"],
}
SEPARATORS = [" ", " ", " ", ", ", ". ", "-", "\n", "\n\n", "! ", " (", ") ", " “", "” "]
VOCABULARIES = {"mil": ["military", "army", "defen*", "general staff", "=US"],
                "place": ["baku", "moscow", "\"papua new guinea\""]}


def _text(draw_words: list[str], seps: list[str]) -> str:
    return "".join(w + s for w, s in zip(draw_words, seps, strict=False))


@st.composite
def texts(draw, max_words: int = 30) -> str:
    n = draw(st.integers(0, max_words))
    words = [draw(st.sampled_from(SURFACES.get(w, [w, w.capitalize()])))
             for w in draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))]
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=n, max_size=n))
    return _text(words, seps)


LANGS = st.sampled_from(["", "ru", "uk", "en", "az"])  # "" an item of unknown language
documents = st.builds(Document, title=texts(8), body=texts(40), source=texts(3), lang=LANGS)
# Conditions on the item's language: a field scope (`lang:`) that NEAR may not take
_lang_exprs = st.sampled_from(["lang:ru", "lang:(ru OR uk)", "NOT lang:en", "lang:(NOT en)",
                               "lang:AZ", "title:(lang:uk)"])

_leaves = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(["defen*", "russ*", "mil*", "azer*", "gen*"]),
    st.sampled_from(["=US", "=Russia", "=Baku", "=Defense"]),
    st.sampled_from(['"general staff"', '"the us"', '"russia azerbaijan"', '"papua new"',
                     '"russia\'s defense"']),
    st.sampled_from(["@mil", "@place", "@country:RU", "@country:AZ", "@country:GN",
                     "@country:US", "@event:meet"]),
)
_scoped_leaves = st.one_of(
    _leaves, st.builds(lambda f, x: f"{f}:{x}", st.sampled_from(["title", "body", "source"]),
                       _leaves))
_near_ops = st.sampled_from(["NEAR/0", "NEAR/1", "NEAR/3", "NEAR/s", "NEAR/p"])


def _span_exprs():
    return st.recursive(_scoped_leaves, lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a} OR {b})", inner, inner),
        st.builds(lambda a, op, b: f"({a} {op} {b})", inner, _near_ops, inner),
        st.builds(lambda a, op, b: f"({a} {op} NOT {b})", inner, _near_ops, inner),
        st.builds(lambda a: f"title:({a})", inner),
    ), max_leaves=4)


def _bool_exprs():
    return st.recursive(st.one_of(_span_exprs(), _lang_exprs), lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a} AND {b})", inner, inner),
        st.builds(lambda a, b: f"({a} {b})", inner, inner),
        st.builds(lambda a, b: f"({a} OR {b})", inner, inner),
        st.builds(lambda a: f"NOT {a}", inner),
    ), max_leaves=4)


queries = st.lists(_bool_exprs(), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries=queries, docs=st.lists(documents, min_size=1, max_size=3))
def test_fast_matcher_agrees_with_reference(queries: list[str], docs: list[Document]) -> None:
    _assert_engines_agree(queries, docs)


def _assert_engines_agree(queries: list[str], docs: list[Document]) -> None:
    """The fast matcher on each kernel (the C one where built, and the pure-Python one)
    gives the reference interpreter's matches, evidence included."""
    rules = [RuleSource(f"r{i}", q) for i, q in enumerate(queries)]
    rulesets = [compile_rules(rules, VOCABULARIES, kernel=k) for k in available_kernels()]
    for doc in docs:
        expected = reference_match(rules, VOCABULARIES, doc)
        for ruleset in rulesets:
            assert ruleset.match(doc) == expected, (doc, ruleset.native)


# Rules whose root is NEAR/s or NEAR/p, on titles and bodies of several sentences and
# paragraphs: the C kernel drops such a rule where its anchor and second keys share no unit,
# the one place where candidate selection uses positions.
_UNIT_SEPARATORS = [" ", " ", ". ", "\n\n", "? ", "\n"]


@st.composite
def _unit_texts(draw) -> str:
    parts = draw(st.lists(texts(8), min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from(_UNIT_SEPARATORS), min_size=len(parts),
                         max_size=len(parts)))
    return _text(parts, seps)


_unit_documents = st.builds(Document, title=_unit_texts(), body=_unit_texts(), source=texts(5),
                           lang=LANGS)
_unit_op = st.sampled_from(["NEAR/s", "NEAR/p"])
_root_near = st.one_of(
    st.builds(lambda a, op, b: f"{a} {op} {b}", _span_exprs(), _unit_op, _span_exprs()),
    st.builds(lambda a, op, b, op2, c: f"{a} {op} {b} {op2} {c}", _span_exprs(), _unit_op,
              _span_exprs(), st.sampled_from(["NEAR/s", "NEAR/p", "NEAR/2"]), _span_exprs()))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries=st.lists(st.one_of(_root_near, _bool_exprs()), min_size=1, max_size=6),
       docs=st.lists(_unit_documents, min_size=1, max_size=3))
def test_rules_at_a_near_sentence_root_agree_with_reference(queries: list[str],
                                                             docs: list[Document]) -> None:
    _assert_engines_agree(queries, docs)

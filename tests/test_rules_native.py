"""The C kernel (`monitor.rules.kernel._native`) against its pure-Python twin, in one process.

The C candidate selection must find the same phrase and wildcard keys as the Python kernel
and every candidate it finds, except NEAR/s and NEAR/p rules whose keys share no unit; the
rule sets here are generated so that many rules share popular keys and most are filed
two-level (anchor key and second-clause key). Tests taking the `kernel` fixture run on each
kernel this install has.
"""

from __future__ import annotations

import importlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.rules import Document, RuleSource, compile_rules, reference_match
from monitor.rules.kernel import (
    Kernel,
    available_kernels,
    choose_kernel,
    codes,
    default_kernel,
    native_kernel,
    python_kernel,
)
from monitor.rules.normalize import _NEEDS_DIGIT, ABBREVIATIONS, _one_to_one

WORDS = [f"wx{i}" for i in range(60)] + ["ivanov", "baku", "moscow", "defense", "talks"]
VOCABULARIES = {"military": ["defense", "wx1*", '"air defense"', "talks"]}
NAMES = ["Ivanov", '"Ilham Aliyev"', "Baku", "Moscow", "Gerasimov", '"air defense"', "talks",
         '"Baku air defense"']


@pytest.fixture(params=available_kernels(), ids=lambda kernel: kernel.name)
def kernel(request: pytest.FixtureRequest) -> Kernel:
    """Each kernel this install has: the C one (where built) and the Python one."""
    return request.param


def _c() -> Kernel:
    """The C kernel (test_the_c_kernel_is_built_in_this_install says when it is missing)."""
    built = native_kernel()
    assert built is not None, "monitor/rules/kernel/_native.c was not compiled"
    return built


def _query(rnd: random.Random) -> str:
    a, b, c = rnd.choice(NAMES), rnd.choice(WORDS), rnd.choice(WORDS)
    return rnd.choice([
        f"{a} AND {b}", f"{a} {b} {c}", f"({a} OR {b}) AND {c}", f"{a} NEAR/s ({b} OR {c})",
        f"{a} NEAR/p ({b} NEAR/3 {c})", f"({a} OR @military) NEAR/s {b}",
        f"{a} NEAR/3 {b}", f"{b} AND NOT {c}", f"NOT {a}", f'"{b} {c}" OR ({a} {c})',
        f"title:{a} AND {b}", f"{b[:3]}* AND {a}", f'"{b} {c}" NEAR/s {a}',
    ])


def _document(rnd: random.Random) -> Document:
    pool = WORDS + ["Ivanov", "Ilham Aliyev", "Baku", "Moscow", "Gerasimov", "air defense",
                    "Baku air defense"]
    body = ""
    for _ in range(6):  # sentences, some starting a new paragraph
        body += " ".join(rnd.choices(pool, k=rnd.randint(3, 12))) + rnd.choice([". ", ".\n\n"])
    return Document(title=" ".join(rnd.choices(pool, k=5)), body=body)


def test_the_c_kernel_is_built_in_this_install() -> None:
    # A C compiler is part of the supported install (README); without one the matcher falls
    # back to Python, and this test says so rather than letting the kernel go untested.
    assert native_kernel() is not None, "monitor/rules/kernel/_native.c was not compiled"
    assert [k.name for k in available_kernels()] == ["native", "python"]


def test_the_c_kernel_exports_the_codes_python_defines() -> None:
    module = _c().CandidateIndex.__module__
    assert module == "monitor.rules.kernel._native"
    native = importlib.import_module(module)
    names = [n for n in dir(codes) if n.startswith(("OP_", "UNIT_")) and n != "UNIT_CODES"]
    assert len(names) == 9
    assert {n: getattr(native, n) for n in [*names, "ABI"]} == {
        n: getattr(codes, n) for n in [*names, "ABI"]}


@pytest.mark.parametrize("seed", range(6))
def test_c_and_python_candidate_selection_agree(seed: int) -> None:
    rnd = random.Random(seed)
    rules = [RuleSource(f"r{i}", _query(rnd)) for i in range(400)]
    evaluating = compile_rules(rules, VOCABULARIES, native=True)
    python = compile_rules(rules, VOCABULARIES, native=False)
    # the kernel's candidates, before it evaluates those it can
    native = compile_rules(rules, VOCABULARIES, native=True, programs=False)
    assert native.native and not python.native
    two_level = sum(len(a.second) for a in python._selector._index.index.values())
    assert two_level > 100  # the second-level filter is exercised
    dropped = 0
    left_for_python = 0
    for _ in range(30):
        doc = _document(rnd)
        found = native.match(doc)
        assert found == python.match(doc) == evaluating.match(doc)
        native_view, native_found, in_kernel, _ = native._selector.select(doc)
        assert not in_kernel
        python_view, python_found, python_evaluated, _ = python._selector.select(doc)
        python_found = set(python_found)
        assert not python_evaluated  # the Python kernel evaluates no program
        # with programs, the key ends are given (the same) when a candidate is left for Python
        evaluating_view, left, _, _ = evaluating._selector.select(doc)
        if left:
            left_for_python += 1
            assert evaluating_view._key_ends == native_view._key_ends
        else:
            assert not evaluating_view._key_ends
        _assert_same_keys(native_view, python_view, native._selector.words)
        assert len(set(native_found)) == len(native_found)  # each rule once
        assert set(native_found) <= python_found
        extra = python_found - set(native_found)
        # the C kernel drops only NEAR/s and NEAR/p rules whose keys share no unit
        assert all(_is_near_unit(rules[r].query) for r in extra)
        assert not extra & {int(m.rule_id[1:]) for m in found}
        dropped += len(extra)
    assert dropped > 0  # the unit filter is exercised
    assert left_for_python > 0


def _assert_same_keys(native_view, python_view, words: frozenset[str]) -> None:
    """The two kernels' scans found the same phrase and wildcard keys, and the positions of
    the rules' words (both leave out the others)."""
    assert words
    for field, tokens in python_view.fields.items():
        native_ends = native_view._key_ends.get(field, {})
        assert native_ends == python_view._key_ends.get(field, {})
        assert {k for k in native_ends if k[0] != " "} == words.intersection(tokens.folded)
        for word in words.union(tokens.folded):
            expected = ([i for i, w in enumerate(tokens.folded) if w == word]
                        if word in words else [])
            assert native_view.word_positions(field, word) == expected
            assert python_view.word_positions(field, word) == expected
    assert native_view.present == {k for k in python_view.present if k[0] == " " or k in words}


def _is_near_unit(query: str) -> bool:
    return "NEAR/s" in query or "NEAR/p" in query


def test_near_sentence_rules_are_candidates_only_where_a_sentence_holds_both_keys() -> None:
    rules = [RuleSource("s", "Ivanov NEAR/s Baku"), RuleSource("p", "Ivanov NEAR/p Baku"),
             RuleSource("a", "Ivanov AND Baku")]
    ruleset = compile_rules(rules, {}, native=True, programs=False)

    def candidates(body: str) -> list[str]:
        return sorted(rules[r].id for r in ruleset._selector.select(Document(body=body))[1])

    assert candidates("Ivanov arrived. He flew to Baku.") == ["a", "p"]
    assert candidates("Ivanov arrived.\n\nHe flew to Baku.") == ["a"]
    assert candidates("He flew to Baku. Ivanov arrived in Baku.") == ["a", "p", "s"]
    # past 64 sentences unit bits are shared (sentences 0 and 64): more candidates, same matches
    filler = " ".join(f"Line {i}." for i in range(63))
    body = f"Ivanov arrived. {filler} Baku is far."
    assert candidates(body) == ["a", "p", "s"]
    assert [m.rule_id for m in ruleset.match(Document(body=body))] == ["p", "a"]


def _index_arguments() -> dict:
    # rule 0 under key a alone; rule 2 under (a, b); rule 1 always; b is the phrase "x b".
    # The kernel evaluates rule 0 (the leaf a in field 0) and rule 1 (NOT a, in any field).
    return dict(n_rules=3, filings=[(0, frozenset({"a"}), None),
                                    (2, frozenset({"a"}), frozenset({" x b "}))],
                always=[1], units=[0, 0, 0],
                phrases={"x": ({"b": ((" x b ", (), False),)}, ((" x c", ("c",), True),))},
                stems={"ab": " ab"}, words=frozenset({"a", "cd"}), fields=("body", "source"),
                programs=([(0, 1, ("a",)), (0, 3, ("a",)), (3, 1)], [0, 2, -1]))


def test_both_kernels_give_the_same_key_ends_and_candidates(kernel: Kernel) -> None:
    # without programs (the Python kernel evaluates none): every candidate, and the key ends
    index = kernel.CandidateIndex(**{**_index_arguments(), "programs": ([], [-1, -1, -1])})
    assert index.scan([(["y", "a"], [], [])]) == ([0, 1], [{"a": [1]}], [], 0)
    assert index.scan([(["x", "b", "a"], [1], [])]) == ([0, 1], [{"a": [2]}], [], 0)
    found, ends, matched, evaluated = index.scan(
        [(["x", "b", "a", "abc", "x", "cd", "a"], [], []), (["y"], [], [])])
    assert sorted(found) == [0, 1, 2] and matched == [] and evaluated == 0
    assert ends == [{" x b ": [1], "a": [2, 6], " ab": [3], " x c": [5], "cd": [5]}, None]
    with pytest.raises(ValueError):  # more fields than named
        index.scan([([], [], [])] * 3)


def test_bad_arrays_are_refused_not_read_out_of_bounds() -> None:
    index_type = _c().CandidateIndex
    ok = _index_arguments()
    # No rule left for Python: no key ends either (nothing would read them)
    assert index_type(**ok).scan([(["y", "a"], [], [])]) == (
        [], [None], [(0, (("body", 1, 1),))], 2)
    assert index_type(**ok).scan([(["y", "b"], [], [])]) == ([], [None], [(1, ())], 1)
    # in field 1 only: rule 0 does not hold, nor rule 1
    assert index_type(**ok).scan([([], [], []), (["a"], [], [])]) == ([], [None, None], [], 2)
    found, ends, matched, evaluated = index_type(**ok).scan(
        [(["x", "b", "a", "abc", "x", "cd", "a"], [], [])])
    assert found == [2] and matched == [(0, (("body", 2, 2), ("body", 6, 6)))] and evaluated == 2
    assert ends == [{" x b ": [1], "a": [2, 6], " ab": [3], " x c": [5], "cd": [5]}]
    # the phrase does not cross a sentence end: rule 2 is no candidate
    assert index_type(**ok).scan([(["x", "b", "a"], [1], [])])[0] == []
    # without programs, the key ends are always given
    no_programs = index_type(**{**ok, "programs": ([], [-1, -1, -1])})
    assert no_programs.scan([(["y", "a"], [], [])]) == ([0, 1], [{"a": [1]}], [], 0)
    assert no_programs.scan([(["x", "b", "a"], [1], [])])[1] == [{"a": [2]}]
    with pytest.raises(ValueError):  # more fields than named
        index_type(**ok).scan([([], [], [])] * 3)
    for bad in ({"filings": [(5, frozenset({"a"}), None)]}, {"filings": [(0, {"a": 1}, None)]},
                {"filings": [(0, frozenset({"a"}), 3)]}, {"filings": [(0, frozenset())]},
                {"always": [-1]}, {"units": [0]}, {"units": [0, 0, 3]},
                {"phrases": {"x": ({"b": ((" x b ", (), False, 1),)}, ())}},
                {"phrases": {"x": ({}, ((" x c", (), True),))}}, {"phrases": {"x": (1,)}},
                {"phrases": {"x": ({"b": ((" x b ", (2,), False),)}, ())}},
                {"stems": {"ab": 2}}, {"stems": {"": " "}}, {"words": {"a"}},
                {"words": frozenset({"a b"})}, {"words": frozenset({""})},
                {"words": frozenset({1})}, {"fields": ()}, {"fields": ("a",) * 9},
                {"programs": ([], [-1, -1])}, {"programs": [[], [-1, -1, -1]]},
                {"programs": ([(0, 1, ("a",))], [1, -1, -1])},
                {"programs": ([(1, (0,))], [0, -1, -1])},
                {"programs": ([(0, 4, ("a",))], [0, -1, -1])},
                {"programs": ([(0, 1, (" ",))], [0, -1, -1])},
                {"programs": ([(0, 1, (b"a",))], [0, -1, -1])},
                {"programs": ([(0, 1)], [0, -1, -1])}, {"programs": ([(0,)], [0, -1, -1])},
                {"programs": ([(0, 1, ("a",)), (3, 0), (4, 1, 0, 1, 0)], [2, -1, -1])},
                {"programs": ([(0, 1, ("a",)), (4, 4, 0, 0, 0)], [1, -1, -1])},
                {"programs": ([(0, 1, ("a",)), (4, 3, 0, 0, -1)], [1, -1, -1])},
                {"programs": ([(0, 1, ("a",)), (4, 3, 0, 0)], [1, -1, -1])},
                {"programs": ([(0, 1, ("a",))] + [(3, i) for i in range(1000)], [0, -1, -1])},
                {"programs": ([(9, 1)], [0, -1, -1])}, {"programs": ([(2, [0])], [0, -1, -1])}):
        with pytest.raises((ValueError, TypeError)):
            index_type(**{**ok, **bad})
    for bad_fields in (["a"], [(["a"], [])], [(["a"], [], [], [])], {"a"}, [([1], [], [])]):
        with pytest.raises(TypeError):
            index_type(**ok).scan(bad_fields)
    for starts in ([5], [1, 9]):  # past the tokens: refused
        with pytest.raises(ValueError):
            index_type(**ok).scan([(["x", "b", "a"], starts, [])])
    for starts in ([1, 1], [2, 1], [-1]):  # not rising: read safely, an empty sentence
        assert no_programs.scan([(["x", "b", "a"], starts, [])])[0]


def test_asking_for_the_c_kernel_where_it_is_not_built_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="not built"):
        choose_kernel(True, built=None)
    fallback = default_kernel({}, None)  # the default where the C kernel is not built
    assert choose_kernel(None, built=None, default=fallback) is python_kernel()  # quietly
    assert not compile_rules([RuleSource("a", "baku")], {}, kernel=fallback).native
    assert choose_kernel(True) is _c() and choose_kernel(False) is python_kernel()


def test_c_and_python_find_the_same_phrases_and_wildcards_in_any_script() -> None:
    rnd = random.Random(7)
    rules = [RuleSource(f"r{i}", _query(rnd)) for i in range(300)]
    rules.append(RuleSource("accents", '"azərbaycan ordusu" OR baş* OR "Ilham Aliyev" OR '
                                       'qərar* OR 𝔸𝔸𝔸*'))
    # without programs the kernel gives every document's key ends
    native = compile_rules(rules, VOCABULARIES, native=True, programs=False)
    python = compile_rules(rules, VOCABULARIES, native=False)
    docs = [_document(rnd) for _ in range(40)]
    docs.append(Document(title="Azərbaycan ordusu",
                         body="Baş qərargah rəisi. İlham Aliyev 𝔸 baş. Qərargah. Rəisi"))
    for doc in docs:
        native_view = native._selector.select(doc)[0]
        python_view = python._selector.select(doc)[0]
        _assert_same_keys(native_view, python_view, native._selector.words)
    assert {k: v for k, v in native_view._key_ends["body"].items() if k[0] == " "} == {
        " bas": [0, 6], " ilham aliyev ": [4], " qerar": [1, 7]}
    # no rule has these as words ("ilham" is in a phrase): their positions are not needed
    assert native_view.word_positions("body", "ilham") == native_view.word_positions(
        "body", "reisi") == []


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab Zé.'’-\n\t\u00a0\u2028\u3000ßİ̇x\x1c")), max_size=60)
       | st.text(max_size=40))
def test_c_and_python_word_splits_agree(text: str) -> None:
    flat = _one_to_one(text)
    assert _c().split_tokens(flat) == python_kernel().split_tokens(flat)
    words, starts, ends = python_kernel().split_tokens(flat)
    assert [flat[a:b] for a, b in zip(starts, ends, strict=True)] == words


QUERY_PIECES = ["AND", "OR", "NOT", "NEAR", "NEAR/3", "NEAR/s", "NEARx", "ANDY", "(", ")", '"',
                "“", "”", "„", "«", "»", "=", "=\"", "@", "@country:RU", "title:", ":", "Baku",
                "Azərbaycan", "ru*", " ", "  ", "\t", "\u3000", "\n", "𝔸"]


@settings(max_examples=400, deadline=None)
@given(query=st.lists(st.sampled_from(QUERY_PIECES), max_size=12).map("".join) | st.text())
def test_c_and_python_query_lexers_agree(query: str) -> None:
    assert _c().lex(query) == python_kernel().lex(query)


def test_without_the_c_kernel_the_python_kernel_gives_the_same_matches() -> None:
    # WIREWATCH_NO_NATIVE=1 makes the Python kernel the default: tokeniser, lexer, word
    # index and candidate selection all in Python
    runs = {}
    for off in ("1", "0"):
        chosen = default_kernel({"WIREWATCH_NO_NATIVE": off}, native_kernel())
        rnd = random.Random(3)
        rules = [RuleSource(f"r{i}", _query(rnd)) for i in range(200)]
        ruleset = compile_rules(rules, VOCABULARIES, kernel=chosen)
        runs[off] = {"native": chosen.native, "ruleset": ruleset.native,
                     "matches": [ruleset.match(_document(rnd)) for _ in range(20)]}
    assert runs["1"]["native"] is False and runs["1"]["ruleset"] is False
    assert runs["0"]["native"] is True and runs["0"]["ruleset"] is True
    assert runs["1"]["matches"] == runs["0"]["matches"]
    assert sum(map(len, runs["0"]["matches"])) > 20  # the documents do match


BREAK_PIECES = ["word", "Word", " ", "  ", ".", "!", "?", "…", "。", "！", "？", "’", "”", "»", "'",
                '"', ")", "]", "\n", "\n\n", "\n \t\n", "\u2029", "\xa0", "U.S.", "U.S.A.", "Nov.",
                "Col. Gen.", "No. 5", "no. x", "p. 12", "art. 3", "V.", "v.", "İ.", "Dr.", "...",
                "1.", "a.b.", "e.g.", "\t", "\x1c", "Ş.", "ǅ."]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(BREAK_PIECES), max_size=25).map("".join) | st.text())
def test_c_and_python_sentence_breaks_agree(text: str) -> None:
    flat = _one_to_one(text)
    starts = python_kernel().split_tokens(flat)[1]
    assert (_c().breaks(text, flat, starts, ABBREVIATIONS, _NEEDS_DIGIT)
            == python_kernel().breaks(text, flat, starts, ABBREVIATIONS, _NEEDS_DIGIT))


def test_hostile_objects_are_refused_or_read_safely() -> None:
    native = _c()
    words = ["a", "b"]

    class Sly(str):
        def __hash__(self) -> int:  # empties the list being read
            words.clear()
            return 1

    class Index(int):
        def __index__(self) -> int:
            return 50_000_000

    ok = dict(n_rules=1, filings=[(0, frozenset({"a"}), None)], always=[], units=[0],
              phrases={}, stems={}, words=frozenset(), fields=("body",), programs=([], [-1]))
    index = native.CandidateIndex(**ok)
    with pytest.raises(TypeError):  # a str subclass could run code in the middle of a scan
        index.scan([([Sly("a"), "b"], [], [])])
    for bad in ({"filings": [(0, frozenset({Sly("a")}), None)]},
                {"words": frozenset({Sly("b")})},
                {"filings": [(Index(0), frozenset({"a"}), None)]}, {"always": ["0"]}):
        with pytest.raises(TypeError):
            native.CandidateIndex(**{**ok, **bad})
    # an int subclass is read as the int it is: its __index__ is never called
    assert native.CandidateIndex(**{**ok, "always": [Index(0)]}).scan([(["x"], [], [])])[0] == [0]
    with pytest.raises(TypeError):
        native.breaks("a. b", "a  b", [0, "3"], frozenset(), frozenset())


def test_the_kernel_evaluates_near_words_with_phrases_on_either_side(kernel: Kernel) -> None:
    # A phrase on the right that starts before the left term's window but ends in it; the
    # sides overlap; a term on both sides; many occurrences (the window look-up).
    rules = [RuleSource("before", '"general staff" NEAR/0 baku'),
             RuleSource("after", 'baku NEAR/0 "general staff"'),
             RuleSource("overlap", '"baku general" NEAR/0 "general staff"'),
             RuleSource("self", "baku NEAR/1 (baku OR moscow)"),
             RuleSource("far", '"general staff" NEAR/2 moscow')]
    docs = [Document(body="The general staff Baku"), Document(body="Baku general staff met"),
            Document(body="Baku alone. Baku and Moscow"),
            Document(body=" ".join(["Baku", "x", "x", "general", "staff", "x"] * 300)),
            Document(title="general staff", body="moscow")]
    ruleset = compile_rules(rules, {}, kernel=kernel)
    for doc in docs:
        assert ruleset.match(doc) == reference_match(rules, {}, doc), doc.body[:40]
    view, python_rules, in_kernel, evaluated = ruleset._selector.select(docs[0])
    if kernel.native:
        assert not python_rules and evaluated == 3  # all evaluated by the kernel
        assert sorted(rules[r].id for r, _ in in_kernel) == ["after", "before"]  # unordered
    else:  # the Python kernel leaves every candidate to the matcher's nodes
        assert sorted(python_rules) == [0, 1, 3] and not in_kernel and evaluated == 0


def test_a_phrase_of_many_words_is_matched(kernel: Kernel) -> None:
    words = [f"w{i}" for i in range(70)]
    rules = [RuleSource("long", "@v AND baku"), RuleSource("near", f'"{" ".join(words)}" NEAR/s baku')]
    vocabularies = {"v": [" ".join(words)]}
    doc = Document(body="Baku: " + " ".join(words) + ".")
    ruleset = compile_rules(rules, vocabularies, kernel=kernel)
    found = ruleset.match(doc)
    assert [m.rule_id for m in found] == ["long", "near"]
    assert found == reference_match(rules, vocabularies, doc)
    assert found[0].evidence[-1].term == " ".join(words)

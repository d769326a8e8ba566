"""Compile a rule set once: shared nodes and the anchor index that selects candidates.

Candidate selection works like Lucene Monitor and the Elasticsearch percolator. Each rule is
reduced to *clauses*, sets of keys of which at least one must occur in a matching document (an
AND keeps every child's clauses; an OR becomes one clause, the union of the cheapest clause of
each child; NOT gives none; NEAR keeps the clauses of its positive sides). Clauses are planned
once every rule is built, when it is known how many rules share each key. A key is a folded
word, or a phrase/wildcard key (" a b ", " stem") found by a pass over the document's words. The
rarest clause (fewest rules sharing its keys, weighed by how common its words are in news text)
is the rule's *anchor* and goes in the index; the other clauses are checked, cheapest first,
against the set of keys present before the rule itself is evaluated. The index has two levels: a
rule with a second clause is filed under its anchor key *and* a key of that clause, so it
becomes a candidate only when both are present (unless that would file it under more than 64 key
pairs). A rule without any clause (only NOT) is evaluated for every document.

The index is a kernel's `CandidateIndex` (`monitor.rules.kernel`: the C kernel, or its
pure-Python twin), which also finds the phrase and wildcard keys; both give every rule that
can match. The C kernel also evaluates the rules whose nodes it has (`_programs`: leaves
without case conditions, AND, OR, NOT, NEAR between leaves); the others, and every rule on
the Python kernel, are evaluated by the nodes of `matcher`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from monitor.models import Match
from monitor.rules.ast import FIELDS, Pattern
from monitor.rules.evidence import match_from_ordered, order_spans
from monitor.rules.frontend import HasQuery, build_rules, gc_paused
from monitor.rules.gazetteer import country_patterns
from monitor.rules.kernel import Kernel, choose_kernel
from monitor.rules.kernel.codes import (
    OP_AND,
    OP_LEAF,
    OP_NEAR,
    OP_NOT,
    OP_OR,
    UNIT_CODES,
    UNIT_NONE,
    UNIT_PARAGRAPH,
    UNIT_SENTENCE,
)
from monitor.rules.matcher import (
    AllNode,
    AnyNode,
    DocView,
    LeafNode,
    NearNode,
    Node,
    NotNode,
    Span,
    SpanNode,
)
from monitor.rules.resolve import LeafResolver, Vocabularies

Clause = frozenset[str]

COMMON_WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "common_words.txt"
# A language code's weight (see `doc_weight`): a wire's items are mostly in a few languages,
# so `lang:ru` holds for a large share of them, like the most common words ("the" ~300).
LANG_WEIGHT = 300.0
_MAX_PAIRS = 64  # a rule goes in the two-level index under at most this many key pairs
# A leaf of more keys than this (a country's or an event's forms in ten languages) is selected
# by the prefixes of its words instead: any form present means its prefix is present, and a
# few dozen prefixes keep such a rule in the two-level index, where hundreds of exact forms
# would not fit (the leaf itself is still evaluated on its exact forms).
_MAX_LEAF_KEYS = 64
_COARSE_PREFIX = 4  # letters of a word's prefix key
_MAX_COARSE_PAIRS = 160  # the two-level bound for a rule whose second clause is such prefixes
_FIELD_BITS = {name: 1 << i for i, name in enumerate(FIELDS)}  # a field's bit in a program
_ROOT_UNITS = {"s": UNIT_SENTENCE, "p": UNIT_PARAGRAPH}  # a NEAR/n root shares no unit


class _Selector:
    """The anchor index, held by a kernel's `CandidateIndex`.

    The index reads the document's words once: each word's entry (cached per word) says
    which indexed key it is, which phrases start with it and which wildcards it matches, so
    phrase and wildcard keys are found without an automaton pass over every character. The C
    kernel also drops a rule whose anchor and second keys must share a sentence or paragraph
    (a NEAR/s or NEAR/p at its root) where no unit holds both, and evaluates the candidates
    whose rule has a program (`_programs`) on the key occurrences it noted, leaving the others
    to the matcher's nodes.
    """

    def __init__(self, kernel: Kernel, with_programs: bool) -> None:
        self.kernel = kernel
        self.always: list[int] = []
        self._with_programs = with_programs and kernel.evaluates_programs
        self._filings: list[tuple[int, Clause, Clause | None]] = []
        self._index = None
        self.words: frozenset[str] = frozenset()  # the rules' one-word keys

    def file(self, rule: int, anchor: Clause, second: Clause | None) -> None:
        """Index `rule` under each key of `anchor` (and of `second`, when given)."""
        self._filings.append((rule, anchor, second))

    def finish(self, units: list[int], leaves: list[LeafNode],
               programs: Callable[[], tuple[list[tuple], list[int]]],
               selection: frozenset[str] = frozenset()) -> _Selector:
        """Hand the filings, the phrase and wildcard keys (and the prefix keys that only
        `selection` clauses have) and the rules' programs (made by `programs`) to the kernel
        (the C kernel gives the keys ids and groups the filings)."""
        phrases, stems = _phrase_keys(leaves, selection)
        # every one-word key: the scan gives where each occurs (a leaf's positions)
        self.words = frozenset(k for leaf in leaves for k in leaf.keys if k[0] != " ") | {
            k for k in selection if k[0] != " "}
        # the kernel also takes, per first word, phrases whose second word is a wildcard: none
        self._index = self.kernel.CandidateIndex(
            len(units), self._filings, self.always, units,
            {first: (by_second, ()) for first, by_second in phrases.items()}, stems,
            self.words, FIELDS, programs() if self._with_programs else ([], [-1] * len(units)))
        self._filings = []
        return self

    def select(self, doc) -> Selection:
        """The document's view (phrase and wildcard keys included), the rules to evaluate,
        and the rules the kernel evaluated that hold, with their evidence."""
        view = DocView(doc, self.kernel)
        candidates, ends, matched, evaluated = self._index.scan(  # type: ignore[union-attr]
            view.scan_fields())
        view.add_key_ends(ends)
        return view, candidates, matched, evaluated


def _phrase_keys(leaves: list[LeafNode],
                 selection: frozenset[str] = frozenset()) -> tuple[dict, dict[str, str]]:
    """The leaves' phrase keys, as first word -> {second word: entries (key, the words after
    the second, whether the last is a wildcard: never, the language has no wildcard of
    several words)}, and their one-word wildcard keys by stem."""
    phrases: dict[str, dict[str, list[tuple[str, tuple[str, ...], bool]]]] = {}
    stems: dict[str, str] = {}  # a one-word key found by the pass is always a wildcard
    keys = {k for leaf in leaves for k in leaf.keys if k[0] == " "}
    for key in keys | {k for k in selection if k[0] == " "}:
        first, *rest = key.split()
        if not rest:
            stems[first] = key
        elif key[-1] != " ":  # see resolve._check_prefix
            raise ValueError(f"a wildcard key of several words: {key!r}")
        else:
            phrases.setdefault(first, {}).setdefault(rest[0], []).append(
                (key, tuple(rest[1:]), False))
    return phrases, stems


# A selector's answer: the document's view, the candidate rules to evaluate in Python, the
# rules the C kernel evaluated that hold (with their evidence), and how many it evaluated.
Selection = tuple[DocView, Collection[int], list[tuple[int, Sequence[Span]]], int]


class RuleSet:
    """A compiled rule set. `match` is safe to call from one thread at a time per RuleSet.

    `kernel` is the kernel its candidate selection runs on (the C kernel also evaluates most
    rules); `native` tells whether it is the C kernel.
    """

    def __init__(self, rule_ids: tuple[str, ...], roots: list[Node], selector: _Selector,
                 checks: list[tuple[Clause, ...]]) -> None:
        self.rule_ids = rule_ids
        self._roots = roots
        self._selector = selector
        self._checks = checks
        self.kernel = selector.kernel
        self.native = selector.kernel.native
        self.last_candidates = 0  # rules evaluated (prefilter included) for the last document

    def __len__(self) -> int:
        return len(self.rule_ids)

    def match(self, doc) -> list[Match]:
        """The rules that match `doc`, in rule order, with evidence and snippet."""
        view, candidates, native_matches, evaluated = self._selector.select(doc)
        present = view.present
        self.last_candidates = len(candidates) + evaluated
        # (rule, its evidence in document order): the kernel gives its spans in that order
        matched: list[tuple[int, Sequence[Span]]] = native_matches
        checks, roots = self._checks, self._roots
        for r in candidates:
            rest = checks[r]
            if rest and not _all_present(rest, present):
                continue
            root = roots[r]
            if root.truth(view):
                evidence: set[Span] = set()
                root.evidence(view, evidence)
                matched.append((r, order_spans(evidence)))
        matched.sort(key=itemgetter(0))
        shared: dict = {}
        fields, rule_ids = view.fields, self.rule_ids
        return [match_from_ordered(rule_ids[r], ev, fields, shared) for r, ev in matched]


def _all_present(clauses: tuple[Clause, ...], present: set[str]) -> bool:
    return all(not present.isdisjoint(clause) for clause in clauses)


def compile_rules(rules: Sequence[HasQuery],
                  vocabularies: Mapping[str, Sequence[str]] | None = None, *,
                  native: bool | None = None, kernel: Kernel | None = None,
                  programs: bool = True) -> RuleSet:
    """Compile every rule once; raises `RuleSetError` listing every problem.

    The rule set runs on `kernel`, or if not given on the one `native` chooses (True: the C
    kernel, an error where it is not built; False: the Python kernel; None: the default, see
    `monitor.rules.kernel`). `programs=False` keeps the C kernel from evaluating rules, so
    that it only selects candidates (for comparing the two kernels' candidates).
    The compiled rules are long-lived: they end in the collector's permanent generation.
    """
    chosen = kernel if kernel is not None else choose_kernel(native)
    with gc_paused(freeze=True):
        return _compile(rules, vocabularies or {}, _Selector(chosen, programs))


def _compile(rules: Sequence[HasQuery], vocabularies: Mapping[str, Sequence[str]],
             selector: _Selector) -> RuleSet:
    builder = _NodeBuilder()
    compiled = build_rules(rules, vocabularies or {}, builder.for_rule, selector.kernel.lex)
    planner = _AnchorPlanner(builder.leaf_uses, builder.leaves, builder.selection_keys)
    node_clauses = builder.clauses(planner.cost)
    coarse = set(builder.coarse.values())
    checks: list[tuple[Clause, ...]] = []
    for r, (_, root) in enumerate(compiled):
        clauses = planner.plan(node_clauses[root.uid])
        if not clauses:
            selector.always.append(r)
            checks.append(())
            continue
        anchor, rest = clauses[0], clauses[1:]
        bound = _MAX_COARSE_PAIRS if rest and rest[0] in coarse else _MAX_PAIRS
        two_level = bool(rest) and len(anchor) * len(rest[0]) <= bound
        checks.append(rest[1:] if two_level else rest)
        selector.file(r, anchor, rest[0] if two_level else None)
    roots = [root for _, root in compiled]
    units = [_unit_code(root) for root in roots]
    return RuleSet(tuple(rid for rid, _ in compiled), roots,
                   selector.finish(units, builder.leaves, lambda: _programs(builder.nodes, roots),
                                   frozenset().union(*coarse)),
                   checks)


def _unit_code(root: Node) -> int:
    """1 (2) when some key of each of the rule's clauses must occur, all in one sentence
    (paragraph): the rule is a positive NEAR/s (NEAR/p), whose spans all lie in one such unit,
    and each of its spans holds a key of each clause; else 0."""
    if type(root) is NearNode and not root.negative:  # type: ignore[attr-defined]
        return _ROOT_UNITS.get(root.unit, UNIT_NONE)  # type: ignore[attr-defined]
    return UNIT_NONE


def _programs(nodes: list[Node], roots: list[Node]) -> tuple[list[tuple], list[int]]:
    """The rules as programs for the C kernel, which evaluates them on its scan (see
    `read_programs` in _native.c): leaves without case or "not within" conditions, AND, OR,
    NOT, and a positive NEAR between leaves or ORs of leaves. A rule with any other node (a
    nested NEAR, NOT inside NEAR, a cased term) gets -1: it is evaluated in Python.

    `nodes` are every node by uid, children before their parents (`_NodeBuilder.nodes`)."""
    items: list[tuple] = []
    index = [-1] * len(nodes)  # node uid -> its program node, or -1
    flat = [False] * len(nodes)  # node uid -> a program leaf, or an OR of flat nodes
    for node in nodes:
        item = _program_node(node, index, flat)
        if item is not None:
            index[node.uid] = len(items)
            items.append(item)
    return items, [index[root.uid] for root in roots]


def _program_node(node: Node, index: list[int], flat: list[bool]) -> tuple | None:
    """The program node of `node` given those of its children (None: not in the kernel)."""
    kind = type(node)
    if kind is LeafNode:
        if not node.plain:  # type: ignore[attr-defined]
            return None
        flat[node.uid] = True
        fields = sum([_FIELD_BITS[f] for f in node.fields])  # type: ignore[attr-defined]
        return (OP_LEAF, fields, tuple(node.by_key))  # type: ignore[attr-defined]
    if kind is AllNode or kind is AnyNode:
        children = tuple([index[c.uid] for c in node.children])  # type: ignore[attr-defined]
        if -1 in children:
            return None
        if kind is AnyNode:
            flat[node.uid] = all([flat[c.uid] for c in node.children])  # type: ignore
        return (OP_AND if kind is AllNode else OP_OR, children)
    if kind is NotNode:
        child = index[node.child.uid]  # type: ignore[attr-defined]
        return None if child == -1 else (OP_NOT, child)
    if kind is NearNode and not node.negative:  # type: ignore[attr-defined]
        left, right = node.left.uid, node.right.uid  # type: ignore[attr-defined]
        if not (flat[left] and flat[right]):
            return None
        unit = UNIT_CODES[node.unit]  # type: ignore[attr-defined]
        return (OP_NEAR, unit, index[left], index[right], node.distance)  # type: ignore
    return None


class _NodeBuilder(LeafResolver):
    """The parser's `Builder` for the fast matcher: shared (hash-consed) nodes, built once."""

    def __init__(self) -> None:
        super().__init__("", Vocabularies({}), country_patterns)
        self._interned: dict[tuple, Node] = {}
        self.leaves: list[LeafNode] = []
        self.leaf_uses: Counter[int] = Counter()
        self._words: dict[tuple, Node] = {}  # (text, prefix, cased, fields) -> leaf
        self.nodes: list[Node] = []  # by uid: children before their parents
        self.coarse: dict[int, Clause] = {}  # leaf uid -> its prefix keys (selection_keys)

    def for_rule(self, rule_id: str, vocabularies: Vocabularies, countries) -> _NodeBuilder:
        """Use this builder for the next rule."""
        self.rule_id, self.vocabularies, self.countries = rule_id, vocabularies, countries
        return self

    def word(self, text: str, prefix: bool, cased: bool, fields: tuple[str, ...],
             column: int) -> Node:
        node = self._words.get((text, prefix, cased, fields))
        if node is None:
            node = self._words[(text, prefix, cased, fields)] = self._leaf(
                self.word_patterns(text, prefix, cased, column), fields)
        else:
            self.leaf_uses[node.uid] += 1
        return node

    def phrase(self, text: str, cased: bool, fields: tuple[str, ...], column: int) -> Node:
        return self.word(text, False, cased, fields, column)

    def ref(self, name: str, arg: str | None, fields: tuple[str, ...], column: int) -> Node:
        return self._leaf(self.ref_patterns(name, arg, column), fields)

    def _leaf(self, patterns: tuple[Pattern, ...], fields: tuple[str, ...]) -> Node:
        # Patterns are canonical objects (cached), and nodes keep them alive: ids are stable.
        key = ("L", id(patterns[0]) if len(patterns) == 1 else id(patterns), fields)
        node = self._interned.get(key)
        if node is None:
            leaf = LeafNode(patterns, fields)
            node = self._add(key, leaf)
            self.leaves.append(leaf)
        self.leaf_uses[node.uid] += 1
        return node

    def all_of(self, children: list[Node]) -> Node:
        key = ("A", *(c.uid for c in children))
        return self._interned.get(key) or self._add(key, AllNode(tuple(children)))

    def any_of(self, children: list[Node]) -> Node:
        key = ("O", *(c.uid for c in children))
        return self._interned.get(key) or self._add(key, AnyNode(tuple(children)))

    def not_(self, child: Node) -> Node:
        key = ("N", child.uid)
        return self._interned.get(key) or self._add(key, NotNode(child))

    def near(self, left: Node, right: Node, unit: str, distance: int) -> Node:
        negative = False
        if isinstance(left, NotNode):
            left, right = right, left
        if isinstance(right, NotNode):
            right, negative = right.child, True
        key = ("R", left.uid, right.uid, unit, distance, negative)
        return self._interned.get(key) or self._add(key, NearNode(
            left, right, unit, distance, negative))  # type: ignore[arg-type]

    def selection_keys(self, leaf: Node) -> Clause:
        """The keys that select `leaf`'s rules: its own, or for a leaf of very many keys the
        prefix keys of its words (`_coarse_keys`)."""
        keys: Clause = leaf.keys  # type: ignore[attr-defined]
        if len(keys) <= _MAX_LEAF_KEYS:
            return keys
        coarse = self.coarse.get(leaf.uid)
        if coarse is None:
            coarse = self.coarse[leaf.uid] = _coarse_keys(keys)
        return coarse

    def _add(self, key: tuple, node: Node) -> Node:
        node.uid = len(self.nodes)
        self._interned[key] = node
        self.nodes.append(node)
        return node

    def clauses(self, cost: Callable[[Clause], float]) -> list[tuple[Clause, ...]]:
        """Per node uid: key sets of which one must be present for the node to hold.

        Run once every rule is built, so that an OR picks for each child its clause of least
        `cost` knowing how many rules share each key (a phrase shared by no other rule beats a
        popular name).
        """
        out: list[tuple[Clause, ...]] = []
        append = out.append
        for node in self.nodes:  # children come first: their clauses are known
            kind = type(node)
            if kind is LeafNode:
                append((self.selection_keys(node),))
            elif kind is AllNode:
                found: tuple[Clause, ...] = ()
                for child in node.children:  # type: ignore[attr-defined]
                    found += out[child.uid]
                append(found)
            elif kind is AnyNode:
                append(_any_clauses([out[c.uid] for c in node.children], cost))  # type: ignore[attr-defined]
            elif kind is NearNode:
                append(out[node.left.uid] if node.negative  # type: ignore[attr-defined]
                       else out[node.left.uid] + out[node.right.uid])  # type: ignore[attr-defined]
            else:  # NOT needs nothing present
                append(())
        return out


def _coarse_keys(keys: Clause) -> Clause:
    """Keys of which one is present whenever some key of `keys` is: per group of keys whose
    first word starts alike, the prefix (wildcard) key of its first `_COARSE_PREFIX` letters;
    or the first word itself when it is that short; but a group of one or two keys stays as it
    is ("downing street", not every "down…" word of a document)."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        first = key.split()[0] if key[0] == " " else key
        prefix = " " + first[:_COARSE_PREFIX] if len(first) > _COARSE_PREFIX else first
        groups.setdefault(prefix, []).append(key)
    out: set[str] = set()
    for prefix, members in groups.items():
        out.update(members if len(members) <= 2 else (prefix,))
    return frozenset(out)


def _any_clauses(options: list[tuple[Clause, ...]],
                 cost: Callable[[Clause], float]) -> tuple[Clause, ...]:
    """An OR's clause: one clause of each child (whichever child holds, its clause is met)."""
    best = []
    for choices in options:
        if not choices:  # a child that needs nothing: neither does the OR
            return ()
        best.append(choices[0] if len(choices) == 1 else min(choices, key=cost))
    return (frozenset().union(*best),)


class _AnchorPlanner:
    """Chooses each rule's anchor clause and orders its remaining clauses by cost."""

    def __init__(self, leaf_uses: Counter[int], leaves: list[LeafNode],
                 keys_of: Callable[[LeafNode], Clause] = lambda leaf: leaf.keys) -> None:
        self.freq: Counter[str] = Counter()
        self.lang_keys: set[str] = set()  # language codes: one is in every document
        for leaf in leaves:
            count = leaf_uses[leaf.uid]
            for key in keys_of(leaf):
                self.freq[key] += count
            if "lang" in leaf.fields:
                self.lang_keys.update(leaf.keys)
        self._costs: dict[Clause, float] = {}

    def plan(self, clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        """A rule's distinct clauses, cheapest (the anchor) first."""
        if len(clauses) < 2:
            return clauses
        if len(clauses) == 2:
            a, b = clauses
            if a == b:
                return (a,)
            return clauses if self.cost(a) <= self.cost(b) else (b, a)
        return tuple(dict.fromkeys(sorted(clauses, key=self.cost)))

    def cost(self, clause: Clause) -> float:
        """Roughly how many documents × rules a clause lets through (lower is better)."""
        found = self._costs.get(clause)  # a frozenset keeps its hash: a cheap look-up
        if found is None:
            found = self._costs[clause] = sum(map(self._key_cost, clause))
        return found

    def _key_cost(self, key: str) -> float:
        weight = LANG_WEIGHT if key in self.lang_keys else doc_weight(key)
        return self.freq[key] * weight + 1.0 / (1 + len(key))


@lru_cache(maxsize=1)
def _word_ranks() -> dict[str, int]:
    words = COMMON_WORDS_FILE.read_text(encoding="utf-8").split()
    return {w: rank for rank, w in enumerate(words)}


@lru_cache(maxsize=262144)
def doc_weight(key: str) -> float:
    """How often a key may occur in a news document, relative to a rare word (1.0).

    Words are weighed by their rank in `common_words.txt` (news feeds: "the" ~300, rank
    3000 ~2); a phrase is rarer than its rarest word; a wildcard matches several words.
    """
    ranks = _word_ranks()
    if key[0] != " ":
        rank = ranks.get(key)
        return 1.0 if rank is None else 1.0 + 3000.0 / (rank + 10)
    words = key.split()
    weights = [doc_weight(w) for w in words]
    if key[-1] != " ":  # a prefix
        return 4.0 * weights[0]
    return max(1.0, min(weights) / 10.0)


__all__ = ["RuleSet", "compile_rules", "SpanNode"]

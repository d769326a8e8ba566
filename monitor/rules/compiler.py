"""Compile a rule set once: shared nodes, anchor index, Aho-Corasick automaton.

Candidate selection works like Lucene Monitor and the Elasticsearch percolator. Each rule is
reduced to *clauses*, sets of keys of which at least one must occur in a matching document (an
AND keeps every child's clauses; an OR becomes one clause, the union of one clause per child;
NOT gives none; NEAR keeps the clauses of its positive sides). A key is a folded word, or a
phrase/wildcard string that the automaton finds. The rarest clause (fewest rules sharing its
keys, common English words avoided) is the rule's *anchor* and goes in the index; the other
clauses are checked, cheapest first, against the set of keys present before the rule itself is
evaluated. A rule without any clause (only NOT) is evaluated for every document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import ahocorasick

from monitor.models import Match
from monitor.rules.ast import All, Any, Expr, Leaf, Near, Not
from monitor.rules.evidence import build_match
from monitor.rules.frontend import HasQuery, parse_rules
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

Clause = frozenset[str]

COMMON_WORDS = frozenset(["a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "more", "new", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "said", "says", "she", "so", "some", "than", "that", "the", "their", "them", "there", "they", "this", "to", "two", "up", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "year", "you"])
_COMMON_WEIGHT = 10_000


class RuleSet:
    """A compiled rule set. `match` is safe to call from one thread at a time per RuleSet."""

    def __init__(self, rule_ids: tuple[str, ...], roots: list[Node], index: dict[str, list[int]],
                 checks: list[tuple[Clause, ...]], always: list[int], automaton) -> None:
        self.rule_ids = rule_ids
        self._roots = roots
        self._index = index
        self._checks = checks
        self._always = always
        self._automaton = automaton
        self.last_candidates = 0  # rules evaluated (prefilter included) for the last document

    def __len__(self) -> int:
        return len(self.rule_ids)

    def match(self, doc) -> list[Match]:
        """The rules that match `doc`, in rule order, with evidence and snippet."""
        view = DocView(doc, self._automaton)
        present = view.present
        index = self._index
        candidates = set(self._always)
        for key in present:
            found = index.get(key)
            if found is not None:
                candidates.update(found)
        self.last_candidates = len(candidates)
        matched: list[tuple[int, set[Span]]] = []
        checks, roots = self._checks, self._roots
        for r in candidates:
            rest = checks[r]
            if rest and not _all_present(rest, present):
                continue
            root = roots[r]
            if root.truth(view):
                evidence: set[Span] = set()
                root.evidence(view, evidence)
                matched.append((r, evidence))
        matched.sort(key=lambda m: m[0])
        return [build_match(self.rule_ids[r], ev, view.fields) for r, ev in matched]


def _all_present(clauses: tuple[Clause, ...], present: set[str]) -> bool:
    for clause in clauses:
        if present.isdisjoint(clause):
            return False
    return True


def compile_rules(rules: Sequence[HasQuery],
                  vocabularies: Mapping[str, Sequence[str]] | None = None) -> RuleSet:
    """Compile every rule once; raises `RuleSetError` listing every problem."""
    exprs = parse_rules(rules, vocabularies or {})
    builder = _Builder()
    roots = [builder.node(expr) for _, expr in exprs]
    planner = _AnchorPlanner(builder.rule_leaves)
    index: dict[str, list[int]] = {}
    checks: list[tuple[Clause, ...]] = []
    always: list[int] = []
    for r, root in enumerate(roots):
        anchor, rest = planner.plan(root)
        checks.append(rest)
        if anchor is None:
            always.append(r)
        else:
            for key in anchor:
                index.setdefault(key, []).append(r)
    return RuleSet(tuple(rid for rid, _ in exprs), roots, index, checks, always,
                   _automaton(builder.leaves))


def _automaton(leaves: list[LeafNode]):
    keys = {k for leaf in leaves for k in leaf.keys if k[0] == " "}
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


class _Builder:
    """Expression trees to shared (hash-consed) nodes."""

    def __init__(self) -> None:
        self._interned: dict[tuple, Node] = {}
        self.leaves: list[LeafNode] = []
        self.rule_leaves: list[list[LeafNode]] = []

    def node(self, expr: Expr) -> Node:
        """The root node of one rule (records the rule's leaves for anchor planning)."""
        self._current: list[LeafNode] = []
        root = self._node(expr)
        self.rule_leaves.append(self._current)
        return root

    def _node(self, expr: Expr) -> Node:
        if isinstance(expr, Leaf):
            patterns = expr.patterns
            ident = patterns if len(patterns) == 1 else id(patterns)
            node = self._intern(("L", ident, expr.fields), lambda: LeafNode(patterns, expr.fields))
            self._current.append(node)  # type: ignore[arg-type]
            return node
        if isinstance(expr, All | Any):
            kids = tuple(self._node(c) for c in expr.children)
            tag, cls = ("A", AllNode) if isinstance(expr, All) else ("O", AnyNode)
            return self._intern((tag, *(k.uid for k in kids)), lambda: cls(kids))
        if isinstance(expr, Not):
            child = self._node(expr.child)
            return self._intern(("N", child.uid), lambda: NotNode(child))
        return self._near(expr)

    def _near(self, expr: Near) -> Node:
        left, right, negative = expr.left, expr.right, False
        if isinstance(left, Not):
            left, right = right, left
        if isinstance(right, Not):
            right, negative = right.child, True
        a, b = self._node(left), self._node(right)
        key = ("R", a.uid, b.uid, expr.unit, expr.distance, negative)
        return self._intern(key, lambda: NearNode(a, b, expr.unit, expr.distance, negative))

    def _intern(self, key: tuple, make) -> Node:
        node = self._interned.get(key)
        if node is None:
            node = make()
            node.uid = len(self._interned)
            self._interned[key] = node
            if isinstance(node, LeafNode):
                self.leaves.append(node)
        return node


class _AnchorPlanner:
    """Chooses each rule's anchor clause and orders its remaining clauses by cost."""

    def __init__(self, rule_leaves: list[list[LeafNode]]) -> None:
        uses: Counter[int] = Counter()
        by_uid: dict[int, LeafNode] = {}
        for leaves in rule_leaves:
            for leaf in {leaf.uid: leaf for leaf in leaves}.values():
                uses[leaf.uid] += 1
                by_uid[leaf.uid] = leaf
        self.freq: Counter[str] = Counter()
        for uid, count in uses.items():
            for key in by_uid[uid].keys:
                self.freq[key] += count
        self._clauses: dict[int, tuple[Clause, ...]] = {}
        self._costs: dict[Clause, float] = {}

    def plan(self, root: Node) -> tuple[Clause | None, tuple[Clause, ...]]:
        """(anchor clause or None, the other clauses cheapest first)."""
        clauses = sorted(set(self.clauses(root)), key=self.cost)
        if not clauses:
            return None, ()
        return clauses[0], tuple(clauses[1:])

    def clauses(self, node: Node) -> tuple[Clause, ...]:
        """Key sets of which one must be present for `node` to hold (memoised per node)."""
        found = self._clauses.get(node.uid)
        if found is None:
            found = self._clauses[node.uid] = self._clauses_of(node)
        return found

    def _clauses_of(self, node: Node) -> tuple[Clause, ...]:
        if isinstance(node, LeafNode):
            return (node.keys,)
        if isinstance(node, AllNode):
            return tuple(c for child in node.children for c in self.clauses(child))
        if isinstance(node, AnyNode):
            best = [min(self.clauses(c), key=self.cost, default=None) for c in node.children]
            if any(b is None for b in best):
                return ()
            return (frozenset().union(*best),)
        if isinstance(node, NearNode):
            right = () if node.negative else self.clauses(node.right)
            return self.clauses(node.left) + right
        return ()  # NOT

    def cost(self, clause: Clause) -> float:
        """Roughly how many documents × rules a clause lets through (lower is better)."""
        found = self._costs.get(clause)
        if found is None:
            found = sum(self._key_cost(k) for k in clause)
            self._costs[clause] = found
        return found

    def _key_cost(self, key: str) -> float:
        weight = _COMMON_WEIGHT if key in COMMON_WORDS else 1.0
        if key[0] == " " and key[-1] != " ":
            weight *= 4.0  # a wildcard matches several words
        return self.freq[key] * weight + 1.0 / (1 + len(key))


__all__ = ["RuleSet", "compile_rules", "SpanNode"]

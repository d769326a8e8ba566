"""The reference interpreter: slow, small, and written to be obviously correct.

It defines the meaning of the rule language. Every leaf is found by trying every pattern at
every token; every NEAR by trying every pair. It shares only the front end (normaliser, parser,
resolver) and the evidence formatting with the fast matcher in `matcher.py`; the property test
in `tests/test_rules_agreement.py` checks that the two agree.

Semantics, in short:
- A *span* is (field, first token, last token). A leaf's spans are its pattern occurrences; a
  phrase lies within one sentence. OR's spans are its children's. ``a NEAR b`` has one span per
  close pair (from the first token of either to the last of either), carrying the evidence of
  both. Close means: two different spans of one field, and (``/n``) overlapping or at most n
  words in between, (``/s``) all in one sentence, (``/p``) all in one paragraph.
  ``a NEAR NOT b``: the spans of a with no other span of b close to them.
- As a condition, an expression is true when it has a span (AND, OR and NOT as in logic).
- The evidence of a true expression is the union of its spans' evidence; AND and OR unite their
  true children's evidence; NOT contributes none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from monitor.models import Match
from monitor.rules.ast import FIELDS, All, Any, Expr, Leaf, Near, Not, Pattern
from monitor.rules.evidence import build_match
from monitor.rules.frontend import HasQuery, parse_rules
from monitor.rules.normalize import Tokens, tokenize

Span = tuple[str, int, int]
Spans = dict[Span, frozenset[Span]]  # span -> the leaf spans that are its evidence


def reference_match(rules: Sequence[HasQuery], vocabularies: Mapping[str, Sequence[str]],
                    doc) -> list[Match]:
    """Match one document against `rules` by brute force, in rule order."""
    compiled = parse_rules(rules, vocabularies)
    fields = {name: tokenize(getattr(doc, name)) for name in FIELDS}
    matches = []
    for rule_id, expr in compiled:
        ok, evidence = value(expr, fields)
        if ok:
            matches.append(build_match(rule_id, evidence, fields))
    return matches


def value(expr: Expr, fields: Mapping[str, Tokens]) -> tuple[bool, frozenset[Span]]:
    """Whether `expr` holds, and its evidence."""
    if isinstance(expr, All):
        results = [value(c, fields) for c in expr.children]
        if all(ok for ok, _ in results):
            return True, frozenset().union(*(ev for _, ev in results))
        return False, frozenset()
    if isinstance(expr, Any):
        results = [value(c, fields) for c in expr.children]
        true = [ev for ok, ev in results if ok]
        return bool(true), frozenset().union(*true)
    if isinstance(expr, Not):
        return not value(expr.child, fields)[0], frozenset()
    found = spans(expr, fields)
    return bool(found), frozenset().union(*found.values())


def spans(expr: Expr, fields: Mapping[str, Tokens]) -> Spans:
    """Every span of a span expression (leaf, OR of spans, NEAR)."""
    if isinstance(expr, Leaf):
        return {s: frozenset([s]) for s in leaf_spans(expr, fields)}
    if isinstance(expr, Any):
        out: Spans = {}
        for child in expr.children:
            for s, ev in spans(child, fields).items():
                out[s] = out.get(s, frozenset()) | ev
        return out
    if isinstance(expr, Near):
        return near_spans(expr, fields)
    raise TypeError(f"not a span expression: {expr!r}")


def leaf_spans(leaf: Leaf, fields: Mapping[str, Tokens]) -> list[Span]:
    """Occurrences of any of the leaf's patterns, trying each at every token (a pattern is
    tried only where the token can be its first word: a country's leaf has a thousand)."""
    exact: dict[str, list[Pattern]] = {}
    prefixes: list[Pattern] = []
    for p in leaf.patterns:
        if p.prefix:
            prefixes.append(p)
        else:
            exact.setdefault(p.words[0], []).append(p)
    found = []
    for name in leaf.fields:
        toks = fields[name]
        for i, token in enumerate(toks.folded):
            for p in exact.get(token, []) + prefixes:
                if pattern_at(p, toks, i):
                    found.append((name, i, i + len(p.words) - 1))
    return found


def pattern_at(p: Pattern, toks: Tokens, i: int) -> bool:
    """Whether pattern `p` occurs starting at token `i`."""
    if not words_at(p.words, toks, i, prefix=p.prefix):
        return False
    if p.cased is not None:
        for k, form in enumerate(p.cased):
            actual = toks.cased(i + k)
            if not (actual.startswith(form) if p.prefix else actual == form):
                return False
    return not any(words_at(words, toks, i - off) for words, off in p.not_within)


def words_at(words: tuple[str, ...], toks: Tokens, i: int, prefix: bool = False) -> bool:
    """Whether the folded tokens from `i` are `words`, all in one sentence."""
    if i < 0 or i + len(words) > len(toks):
        return False
    sentence = toks.sentence_of(i)
    for k, word in enumerate(words):
        token = toks.folded[i + k]
        if toks.sentence_of(i + k) != sentence:
            return False
        if not (token.startswith(word) if prefix else token == word):
            return False
    return True


def near_spans(near: Near, fields: Mapping[str, Tokens]) -> Spans:
    """The spans of a NEAR: every close pair, or (with NOT) every lonely positive span."""
    if isinstance(near.left, Not) or isinstance(near.right, Not):
        positive, negative = ((near.right, near.left.child) if isinstance(near.left, Not)
                              else (near.left, near.right.child))
        pos, neg = spans(positive, fields), spans(negative, fields)
        return {x: ev for x, ev in pos.items() if not any(close(near, x, y, fields) for y in neg)}
    left, right = spans(near.left, fields), spans(near.right, fields)
    out: Spans = {}
    for x, xev in left.items():
        for y, yev in right.items():
            if close(near, x, y, fields):
                s = (x[0], min(x[1], y[1]), max(x[2], y[2]))
                out[s] = out.get(s, frozenset()) | xev | yev
    return out


def close(near: Near, x: Span, y: Span, fields: Mapping[str, Tokens]) -> bool:
    """Whether two spans satisfy the NEAR's distance."""
    if x == y or x[0] != y[0]:
        return False
    toks = fields[x[0]]
    if near.unit == "w":
        if x[1] <= y[2] and y[1] <= x[2]:
            return True  # overlapping
        gap = y[1] - x[2] - 1 if x[2] < y[1] else x[1] - y[2] - 1
        return gap <= near.distance
    unit = toks.sentence_of if near.unit == "s" else toks.paragraph_of
    return len({unit(x[1]), unit(x[2]), unit(y[1]), unit(y[2])}) == 1

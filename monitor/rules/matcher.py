"""The fast matcher: compiled rule nodes evaluated against one indexed document.

A document is tokenised once (`DocView`): per field its tokens and the keys found in it with
their positions (the rules' words, phrases and wildcards, by the kernel's pass over the
words). These nodes evaluate the candidates the kernel leaves (the C kernel evaluates the
others: see `compiler._programs`). Rule nodes are shared between rules (same leaf, same
subtree: same node) and each node's result is memoised per document, so a vocabulary used by
5,000 rules is looked up once.

Spans are (field, first token, last token); each maps to its evidence, a frozenset of leaf
spans, or None when the span is its own evidence (a leaf occurrence).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from monitor.rules.ast import FIELDS, Pattern
from monitor.rules.kernel import Kernel
from monitor.rules.normalize import Tokens, tokenize

Span = tuple[str, int, int]
SpanMap = dict[Span, "frozenset[Span] | None"]
_NONE: list[int] = []


def pattern_key(p: Pattern) -> str:
    """The anchor key of a pattern: the word itself, or a string the kernel's scan finds
    (" a b " a phrase, " ab" a wildcard)."""
    if len(p.words) == 1 and not p.prefix:
        return p.words[0]
    return " " + " ".join(p.words) + ("" if p.prefix else " ")


class DocView:
    """One document, tokenised and indexed for the rule nodes; holds the per-document memo."""

    def __init__(self, doc, kernel: Kernel) -> None:
        # `kernel` tokenises the fields; its CandidateIndex's scan then gives, per field,
        # where each key the rules have occurs (`add_key_ends`), the other words left out.
        # A kernel that drops NEAR/s and NEAR/p candidates whose keys share no unit makes
        # the cheap disproof (`NearNode._apart`) almost never succeed: it is skipped then.
        self.units_prefiltered = kernel.prefilters_units
        self.fields: dict[str, Tokens] = {f: tokenize(getattr(doc, f) or "", kernel)
                                          for f in FIELDS}
        self.field_keys: dict[str, set[str]] = {f: set() for f in FIELDS}  # keys found in it
        self.present: set[str] = set()
        self.memo: dict[object, object] = {}  # node uid (or uid and a kind) -> result
        self._keys_in: dict[tuple[str, ...], set[str]] = {}
        self._unit_bits: dict[tuple[str, str], list[int]] = {}
        # per unit ("s", "p"): node uid -> the node's unit mask (see `unit_bits`)
        self.unit_masks: dict[str, dict[int, int]] = {"s": {}, "p": {}}
        self._key_ends: dict[str, dict[str, list[int]]] = {}  # per field: key -> token ends

    def scan_fields(self) -> list[tuple[list[str], list[int], list[int]]]:
        """The fields as a CandidateIndex scans them, in order."""
        return [(toks.folded, toks.sentence_starts, toks.paragraph_starts)
                for toks in self.fields.values()]

    def add_key_ends(self, per_field: list[dict[str, list[int]] | None]) -> None:
        """Record the keys found by the kernel's scan, per field in document order: each
        key with the tokens it ends in (a word's key is the word)."""
        for field, ends in zip(self.fields, per_field, strict=True):
            if ends:
                self._key_ends[field] = ends
                self.field_keys[field].update(ends)
                self.present.update(ends)

    def keys_in(self, fields: tuple[str, ...]) -> set[str]:
        """The rules' keys found in any of `fields` (memoised per field tuple)."""
        found = self._keys_in.get(fields)
        if found is None:
            if len(fields) == 1:
                found = self.field_keys[fields[0]]
            else:
                found = set().union(*(self.field_keys[f] for f in fields))
            self._keys_in[fields] = found
        return found

    def key_ends(self, field: str, key: str) -> list[int]:
        """Token indexes (in `field`) where `key` ends: for a word, where it is (none for a
        word no rule has)."""
        ends = self._key_ends.get(field)
        return _NONE if ends is None else ends.get(key, _NONE)

    word_positions = key_ends  # a word's key is the word, ending where it starts

    def unit_bits(self, field: str, unit: str) -> list[int]:
        """Per token of `field`, one bit naming its sentence ("s") or paragraph ("p") in the
        whole document (the units of the fields before it come first); a node's *unit mask* is
        the OR of the bits of its spans, so two sides share a unit iff their masks intersect."""
        bits = self._unit_bits.get((field, unit))
        if bits is None:
            base = 0
            for f in FIELDS[:FIELDS.index(field)]:
                toks = self.fields[f]
                base += 1 + len(toks.sentence_starts if unit == "s" else toks.paragraph_starts)
            toks = self.fields[field]
            bounds = [0, *(toks.sentence_starts if unit == "s" else toks.paragraph_starts),
                      len(toks)]
            bits = self._unit_bits[(field, unit)] = []
            for number, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
                bits += [1 << (base + number)] * (b - a)
        return bits

    def unit_bit(self, span: Span, unit: str) -> int:
        """The unit bit of a span, or 0 for a span across a unit boundary."""
        bits = self.unit_bits(span[0], unit)
        bit = bits[span[1]]
        return bit if bits[span[2]] == bit else 0

    def words_at(self, field: str, words: tuple[str, ...], i: int) -> bool:
        """Whether `words` occur from token `i` of `field`, within one sentence."""
        toks = self.fields[field]
        if i < 0 or i + len(words) > len(toks):
            return False
        if list(words) != toks.folded[i:i + len(words)]:
            return False
        return toks.sentence_of(i) == toks.sentence_of(i + len(words) - 1)


# ---- nodes -----------------------------------------------------------------------------------

class Node:
    """A compiled, shared expression node. `uid` keys the per-document memo."""

    __slots__ = ("uid",)

    def truth(self, view: DocView) -> bool:
        """Whether the node holds for the document."""
        raise NotImplementedError

    def evidence(self, view: DocView, out: set[Span]) -> None:
        """Add the evidence of a node that holds to `out`."""
        raise NotImplementedError


class SpanNode(Node):
    """A node with positions: leaf, OR of span nodes, NEAR."""

    __slots__ = ()

    def spans(self, view: DocView) -> SpanMap:
        """The node's spans (memoised per document)."""
        found = view.memo.get(self.uid)
        if found is None:
            found = view.memo[self.uid] = self._spans(view)
        return found

    def _spans(self, view: DocView) -> SpanMap:
        raise NotImplementedError

    def unit_groups(self, view: DocView, unit: str) -> dict[int, list[Span]]:
        """The node's spans grouped by the unit bit of the sentence or paragraph holding them
        (memoised); spans across a boundary are left out."""
        key = (self.uid, unit)
        found = view.memo.get(key)
        if found is None:
            found = view.memo[key] = {}
            for span in self.spans(view):
                u = view.unit_bit(span, unit)
                if u:
                    if u in found:
                        found[u].append(span)
                    else:
                        found[u] = [span]
        return found  # type: ignore[return-value]

    def unit_mask(self, view: DocView, unit: str) -> int:
        """The units (sentences or paragraphs) holding one of the node's spans, as a mask
        (memoised)."""
        memo = view.unit_masks[unit]
        found = memo.get(self.uid)
        if found is None:
            found = memo[self.uid] = self._unit_mask(view, unit)
        return found

    def _unit_mask(self, view: DocView, unit: str) -> int:
        mask = 0
        for span in self.spans(view):
            mask |= view.unit_bit(span, unit)
        return mask

    def span_index(self, view: DocView) -> _SpanIndex:
        """The node's spans indexed for NEAR/n range look-ups (memoised)."""
        key = (self.uid, "i")
        found = view.memo.get(key)
        if found is None:
            found = view.memo[key] = _SpanIndex(self.spans(view))
        return found  # type: ignore[return-value]

    def truth(self, view: DocView) -> bool:
        return bool(self.spans(view))

    def evidence(self, view: DocView, out: set[Span]) -> None:
        for span, ev in self.spans(view).items():
            if ev is None:
                out.add(span)
            else:
                out.update(ev)


class LeafNode(SpanNode):
    """Any of a set of patterns in a set of fields."""

    __slots__ = ("fields", "by_key", "keys", "plain")

    def __init__(self, patterns: Sequence[Pattern], fields: tuple[str, ...]) -> None:
        self.fields = fields
        self.by_key: dict[str, list[Pattern]] = {}
        for p in patterns:
            self.by_key.setdefault(pattern_key(p), []).append(p)
        self.keys = frozenset(self.by_key)
        # Without case or "not within" conditions a leaf holds iff one of its keys was
        # found in one of its fields: no positions needed.
        self.plain = all(p.cased is None and not p.not_within for p in patterns)

    def truth(self, view: DocView) -> bool:
        if self.keys.isdisjoint(view.present):
            return False
        if self.plain:
            return not self.keys.isdisjoint(view.keys_in(self.fields))
        return bool(self.spans(view))

    def _unit_mask(self, view: DocView, unit: str) -> int:
        if not self.plain:
            return super()._unit_mask(view, unit)
        # straight from positions: no spans built (phrases never cross units)
        mask = 0
        for field in self.fields:
            found = self.keys.intersection(view.field_keys[field])  # walks the leaf's keys
            if found:
                bits = view.unit_bits(field, unit)
                for key in found:
                    for i in view.key_ends(field, key):
                        mask |= bits[i]
        return mask

    def _spans(self, view: DocView) -> SpanMap:
        out: SpanMap = {}
        for field in self.fields:
            for key in self.keys.intersection(view.field_keys[field]):
                for p in self.by_key[key]:
                    last = len(p.words) - 1
                    for i in self._starts(view, field, key, p):
                        out[(field, i, i + last)] = None
        return out

    @staticmethod
    def _starts(view: DocView, field: str, key: str, p: Pattern) -> list[int]:
        if key[0] == " ":
            starts = [end - len(p.words) + 1 for end in view.key_ends(field, key)]
        else:
            starts = view.key_ends(field, key)
        if p.cased is not None:
            toks = view.fields[field]
            starts = [i for i in starts if _cased_at(p, toks, i)]
        if p.not_within:
            starts = [i for i in starts
                      if not any(view.words_at(field, w, i - off) for w, off in p.not_within)]
        return starts


def _cased_at(p: Pattern, toks: Tokens, i: int) -> bool:
    for k, form in enumerate(p.cased or ()):
        actual = toks.cased(i + k)
        if not (actual.startswith(form) if p.prefix else actual == form):
            return False
    return True


class AnyNode(SpanNode):
    """OR. As a condition: any child holds. As spans (inside NEAR): the children's spans."""

    __slots__ = ("children",)

    def __init__(self, children: tuple[Node, ...]) -> None:
        self.children = children

    def truth(self, view: DocView) -> bool:
        for c in self.children:  # noqa: SIM110 (a loop: no generator on the hot path)
            if c.truth(view):
                return True
        return False

    def evidence(self, view: DocView, out: set[Span]) -> None:
        for c in self.children:
            if c.truth(view):
                c.evidence(view, out)

    def _unit_mask(self, view: DocView, unit: str) -> int:
        mask = 0
        for c in self.children:
            mask |= c.unit_mask(view, unit)  # type: ignore[attr-defined]
        return mask

    def _spans(self, view: DocView) -> SpanMap:
        out: SpanMap = {}
        for child in self.children:
            for span, ev in child.spans(view).items():  # type: ignore[attr-defined]
                out[span] = _merge(span, out[span], ev) if span in out else ev
        return out


class AllNode(Node):
    """AND."""

    __slots__ = ("children",)

    def __init__(self, children: tuple[Node, ...]) -> None:
        self.children = children

    def truth(self, view: DocView) -> bool:
        for c in self.children:  # noqa: SIM110 (a loop: no generator on the hot path)
            if not c.truth(view):
                return False
        return True

    def evidence(self, view: DocView, out: set[Span]) -> None:
        for c in self.children:
            c.evidence(view, out)


class NotNode(Node):
    """NOT."""

    __slots__ = ("child",)

    def __init__(self, child: Node) -> None:
        self.child = child

    def truth(self, view: DocView) -> bool:
        return not self.child.truth(view)

    def evidence(self, view: DocView, out: set[Span]) -> None:
        return None


class NearNode(SpanNode):
    """NEAR/n, NEAR/s, NEAR/p; with `negative`, the positive spans with nothing close."""

    __slots__ = ("left", "right", "unit", "distance", "negative")

    def __init__(self, left: SpanNode, right: SpanNode, unit: str, distance: int,
                 negative: bool) -> None:
        self.left, self.right = left, right
        self.unit, self.distance, self.negative = unit, distance, negative

    def truth(self, view: DocView) -> bool:
        if self.unit != "w" and not self.negative:
            return bool(self._unit_evidence(view))
        return bool(self.spans(view))

    def evidence(self, view: DocView, out: set[Span]) -> None:
        if self.unit != "w" and not self.negative:
            out.update(self._unit_evidence(view))
        else:
            super().evidence(view, out)

    def _unit_evidence(self, view: DocView) -> set[Span]:
        """The evidence of a positive NEAR/s or NEAR/p, from its sides' spans grouped by unit
        (memoised): the same set as its spans' evidence, without building a span for every
        pair, which a rule at the root (the usual place) never needs."""
        key = (self.uid, "e")
        found = view.memo.get(key)
        if found is None:
            apart = not view.units_prefiltered and self._apart(view)
            found = view.memo[key] = set() if apart else self._paired(view)
        return found  # type: ignore[return-value]

    def _paired(self, view: DocView) -> set[Span]:
        out: set[Span] = set()
        right_groups = self.right.unit_groups(view, self.unit)
        left_spans, right_spans = self.left.spans(view), self.right.spans(view)
        for unit, xs in self.left.unit_groups(view, self.unit).items():
            ys = right_groups.get(unit)
            if ys is None:
                continue
            # each span pairs with any span of the other side but itself
            for x in xs:
                if len(ys) > 1 or ys[0] != x:
                    _add_evidence(out, x, left_spans[x])
            for y in ys:
                if len(xs) > 1 or xs[0] != y:
                    _add_evidence(out, y, right_spans[y])
        return out

    def _apart(self, view: DocView) -> bool:
        """A cheap proof that NEAR/s or NEAR/p cannot hold: no unit holds a span of each side
        (the usual case for a candidate whose two sides both occur somewhere)."""
        left = self.left.unit_mask(view, self.unit)
        return not left or not left & self.right.unit_mask(view, self.unit)

    def _spans(self, view: DocView) -> SpanMap:
        left = self.left.spans(view)
        if not left:
            return {}
        right = self.right.spans(view)
        if self.negative:
            return self._lonely(view, left, right)
        if not right:
            return {}
        if self.unit == "w":
            return self._pairs_by_words(view, left, right)
        return self._pairs_by_unit(view, left, right)

    def _pairs_by_words(self, view: DocView, left: SpanMap, right: SpanMap) -> SpanMap:
        out: SpanMap = {}
        index = self.right.span_index(view)
        for x, xev in left.items():
            for y in index.close_to(x, self.distance):
                _add_pair(out, x, xev, y, right[y])
        return out

    def _pairs_by_unit(self, view: DocView, left: SpanMap, right: SpanMap) -> SpanMap:
        out: SpanMap = {}
        groups = self.right.unit_groups(view, self.unit)
        if not groups:
            return out
        for x, xev in left.items():
            u = view.unit_bit(x, self.unit)
            if u not in groups:  # 0 (across a boundary) is never a group
                continue
            for y in groups[u]:
                if y != x:
                    _add_pair(out, x, xev, y, right[y])
        return out

    def _lonely(self, view: DocView, positive: SpanMap, negative: SpanMap) -> SpanMap:
        if not negative:
            return positive
        if self.unit == "w":
            index = self.right.span_index(view)
            return {x: ev for x, ev in positive.items()
                    if not any(True for _ in index.close_to(x, self.distance))}
        units = self.right.unit_groups(view, self.unit)
        return {x: ev for x, ev in positive.items()
                if not any(y != x for y in units.get(view.unit_bit(x, self.unit), ()))}


def _add_evidence(out: set[Span], span: Span, ev: frozenset[Span] | None) -> None:
    if ev is None:
        out.add(span)
    else:
        out.update(ev)


def _merge(span: Span, a: frozenset[Span] | None, b: frozenset[Span] | None) -> frozenset[Span]:
    return (a if a is not None else frozenset((span,))) | (b if b is not None else
                                                          frozenset((span,)))


def _add_pair(out: SpanMap, x: Span, xev, y: Span, yev) -> None:
    span = (x[0], min(x[1], y[1]), max(x[2], y[2]))
    ev = (xev if xev is not None else frozenset((x,))) | (yev if yev is not None else
                                                         frozenset((y,)))
    old = out.get(span)
    out[span] = ev if old is None else old | ev


class _SpanIndex:
    """Spans of one side of a NEAR/n, per field sorted by first token, for range look-ups."""

    def __init__(self, spans: SpanMap) -> None:
        self.by_field: dict[str, tuple[list[int], list[Span], int]] = {}
        for field in {s[0] for s in spans}:
            items = sorted((s for s in spans if s[0] == field), key=lambda s: s[1])
            longest = max(s[2] - s[1] for s in items)
            self.by_field[field] = ([s[1] for s in items], items, longest)

    def close_to(self, x: Span, d: int):
        """Spans other than x overlapping x or at most d words away from it."""
        found = self.by_field.get(x[0])
        if found is None:
            return
        starts, items, longest = found
        lo, hi = x[1] - 1 - d, x[2] + 1 + d  # y must start <= hi and end >= lo
        for y in items[bisect_left(starts, lo - longest):bisect_right(starts, hi)]:
            if y[2] >= lo and y != x:
                yield y

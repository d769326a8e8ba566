"""From matched token spans to `Evidence` values and a snippet (shared presentation)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from monitor.models import Evidence, Match
from monitor.rules.ast import FIELDS
from monitor.rules.normalize import Tokens

SNIPPET_CHARS = 200
_LEAD = 60  # characters of context kept before the first evidence

FIELD_ORDER = {name: i for i, name in enumerate(FIELDS)}


def build_match(rule_id: str, spans: Iterable[tuple[str, int, int]],
                fields: Mapping[str, Tokens], memo: dict | None = None) -> Match:
    """A `Match` from (field, first token, last token) spans, sorted, with a snippet.

    `memo`, one dict per document, shares the evidence values and snippets of the spans that
    several matching rules have in common (one name in many rules).
    """
    return match_from_ordered(rule_id, order_spans(spans), fields, memo)


def order_spans(spans: Iterable[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Spans without repeats, in document order: by field (`FIELDS`), first and last token."""
    return sorted(set(spans), key=lambda s: (FIELD_ORDER[s[0]], s[1], s[2]))


def match_from_ordered(rule_id: str, ordered: Sequence[tuple[str, int, int]],
                       fields: Mapping[str, Tokens], memo: dict | None = None) -> Match:
    """`build_match` for spans already in `order_spans` order."""
    if memo is None:
        memo = {}
    evidence = []
    for span in ordered:  # a loop, not helpers: about 35 values per document at 100,000 rules
        found = memo.get(span)
        if found is None:
            field, first, last = span
            toks = fields[field]
            term = toks.folded[first] if first == last else " ".join(toks.folded[first:last + 1])
            found = memo[span] = Evidence(field, term, toks.starts[first], toks.ends[last])
        evidence.append(found)
    # the snippet shows the text around the first evidence, but never the language code:
    # "lang" sorts last, so evidence in it alone is shown as a match without evidence is
    if evidence and evidence[0].field != "lang":
        where = (evidence[0].field, evidence[0].start)
        snippet = memo.get(where)
        if snippet is None:
            snippet = memo[where] = make_snippet(fields[where[0]].text, where[1])
    else:
        snippet = make_snippet(fields["title"].text or fields["body"].text, 0)
    return Match(rule_id, tuple(evidence), snippet)


def make_snippet(text: str, start: int, width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of `text` around offset `start`, whitespace collapsed."""
    lo = max(0, start - _LEAD)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    hi = min(len(text), lo + width)
    if hi < len(text):
        space = text.rfind(" ", max(start + 1, hi - 30), hi)
        hi = space if space != -1 else hi
    body = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")

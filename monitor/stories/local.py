"""Stories grouped in memory, for backtests: the same stages and decision as the Redis index
(`assign`), over a batch of items, without writing anything."""

from __future__ import annotations

from collections.abc import Iterable

from monitor.models import Item
from monitor.stories.assign import event_time
from monitor.stories.decide import decide
from monitor.stories.signature import Signature, band_keys, signature
from monitor.stories.text import report_text

WINDOW = 72 * 3600.0


def group_stories(items: Iterable[Item], window: float = WINDOW) -> dict[str, str]:
    """Item key -> story label (``s1``, ``s2``…), assigning the items in published order as
    the live index would: a report joins the best story found through a shared bucket whose
    first report it reports again, else starts one."""
    ordered = sorted(items, key=lambda i: event_time(i, 0.0))
    firsts: list[tuple[Signature, float]] = []
    buckets: dict[bytes, int] = {}
    labels: dict[str, str] = {}
    for item in ordered:
        when = event_time(item, 0.0)
        sig = signature(report_text(item.title, item.body))
        bands = band_keys(sig)
        best, score = None, -1.0
        for index in {buckets[b] for b in bands if b in buckets}:
            first, first_time = firsts[index]
            if abs(first_time - when) > window:
                continue
            verdict = decide(sig, when, first, first_time)
            if verdict.same and verdict.score > score:
                best, score = index, verdict.score
        if best is None:
            best = len(firsts)
            firsts.append((sig, when))
        for band in bands:
            buckets[band] = best
        labels[item.key] = f"s{best + 1}"
    return labels

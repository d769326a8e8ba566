"""Backtests: replay archived (or local) items through a rule set, report what would fire.

The poller archives every new item for `alerts.archive_window` (a ZSET of item keys scored by
discovery time, plus one expiring string of item JSON per key). A backtest reads that archive,
or local JSONL/feed/text files, and matches each item against the rules without creating alerts.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from monitor.ingest.documents import read_documents
from monitor.models import Item, Match
from monitor.rules import Document
from monitor.settings import RuleConfig

PROGRESS_MIN_ITEMS = 200  # fewer items than this: no progress bar
DEFAULT_LIST_LIMIT = 20  # items listed per rule in the text report (counts are always complete)



def file_items(paths: Sequence[Path]) -> Iterator[Item]:
    """Items of local JSONL, feed (RSS/Atom/JSON Feed) or plain-text files."""
    for path in paths:
        for doc in read_documents(path):
            yield doc.item


# -- matching ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class BacktestHit:
    """One item that a rule would have fired on."""

    key: str
    id: str  # the item's guid, else its link, else its key
    feed_id: str
    title: str
    link: str
    published: str | None
    snippet: str
    evidence: tuple[dict[str, Any], ...] = ()
    lang: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"id": self.id, "key": self.key, "feed": self.feed_id, "title": self.title, "link": self.link,
                "published": self.published, "lang": self.lang, "snippet": self.snippet,
                "evidence": list(self.evidence)}


@dataclass
class RuleOutcome:
    """What one rule would have done over the replayed items."""

    rule_id: str
    name: str = ""
    enabled: bool = True
    hits: list[BacktestHit] = field(default_factory=list)
    out_of_scope: int = 0  # matches dropped because the item's feed is outside the rule's scope

    @property
    def count(self) -> int:
        """Number of items the rule would have fired on."""
        return len(self.hits)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"rule": self.rule_id, "name": self.name, "enabled": self.enabled,
                "count": self.count, "out_of_scope": self.out_of_scope,
                "matches": [h.to_json() for h in self.hits]}


@dataclass
class BacktestReport:
    """Per rule, the items it would have fired on; `items` is how many were replayed."""

    items: int = 0
    rules: list[RuleOutcome] = field(default_factory=list)

    def rule(self, rule_id: str) -> RuleOutcome | None:
        """The outcome of one rule."""
        return next((r for r in self.rules if r.rule_id == rule_id), None)


def _hit(item: Item, match: Match) -> BacktestHit:
    evidence = tuple(e.to_json() for e in match.evidence)
    return BacktestHit(key=item.key, id=item.guid or item.link or item.key, feed_id=item.feed_id,
                       title=item.title, link=item.link, published=item.published,
                       snippet=match.snippet, evidence=evidence, lang=item.lang)


def backtest(items: Iterable[Item], ruleset: Any, rules: Sequence[RuleConfig] | None = None,
             progress: Callable[[int], None] | None = None, *,
             tags_by_feed: Mapping[str, Sequence[str]] | None = None) -> BacktestReport:
    """Match every item against `ruleset` (a compiled `monitor.rules.RuleSet`).

    `rules` gives names and scopes (without it, every rule of the rule set is reported by id).
    A rule's feeds/tags scope is applied only when `tags_by_feed` (the config's feed -> tags map)
    is given: archived items carry configured feed ids, local files do not. `progress` is called
    with the number of items done so far."""

    configs = {r.id: r for r in rules} if rules is not None else {}
    order = [r.id for r in rules] if rules is not None else list(ruleset.rule_ids)
    outcomes = {rid: RuleOutcome(rid, configs[rid].name if rid in configs else "",
                                 configs[rid].enabled if rid in configs else True)
                for rid in order}
    report = BacktestReport(rules=list(outcomes.values()))
    for done, item in enumerate(items, start=1):
        report.items = done
        doc = Document.of_item(item)
        for match in ruleset.match(doc):
            outcome = outcomes.get(match.rule_id)
            if outcome is None:
                continue
            config = configs.get(match.rule_id)
            if config is not None and tags_by_feed is not None and not config.applies_to(
                    item.feed_id, tuple(tags_by_feed.get(item.feed_id, ()))):
                outcome.out_of_scope += 1
                continue
            outcome.hits.append(_hit(item, match))
        if progress is not None:
            progress(done)
    return report


# -- rendering ---------------------------------------------------------------------------------

def render_report(report: BacktestReport, *, source: str, limit: int = DEFAULT_LIST_LIMIT) -> str:
    """The report as readable text: per rule, the count and up to `limit` items."""
    fired = sum(1 for r in report.rules if r.count)
    lines = [f"backtest: {report.items} items from {source}, {len(report.rules)} rules, "
             f"{fired} would have fired"]
    for outcome in report.rules:
        flags = [] if outcome.enabled else ["disabled"]
        if outcome.out_of_scope:
            flags.append(f"{outcome.out_of_scope} more out of scope")
        name = f" ({outcome.name})" if outcome.name else ""
        extra = f"  [{', '.join(flags)}]" if flags else ""
        noun = "item" if outcome.count == 1 else "items"
        lines += ["", f"{outcome.rule_id}{name}: {outcome.count} {noun}{extra}"]
        for hit in outcome.hits[:limit]:
            lines.append(f"  {hit.published or '-':20}  {hit.feed_id}  {hit.title or '(untitled) ' + hit.id}")
            if hit.link:
                lines.append(f"      {hit.link}")
            if hit.snippet:
                lines.append(f"      {hit.snippet}")
        if outcome.count > limit:
            lines.append(f"  … and {outcome.count - limit} more (--limit, or --jsonl for all)")
    return "\n".join(lines)


class ProgressBar:
    """A one-line `\\r` progress bar on a terminal stream, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: IO[str], *, width: int = 30) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.width = width
        self._drawn_at = 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if done < self.total and now - self._drawn_at < 0.1:
            return
        self._drawn_at = now
        filled = min(self.width, self.width * done // self.total)
        self.stream.write(f"\rbacktest [{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{done}/{self.total}")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        self.stream.write("\r" + " " * (self.width + 40) + "\r")
        self.stream.flush()


def progress_for(total: int, stream: IO[str] | None = None) -> ProgressBar | None:
    """A progress bar when `stream` (default stderr) is a terminal and the run is long."""
    stream = stream or sys.stderr
    if total <= PROGRESS_MIN_ITEMS or not stream.isatty():
        return None
    return ProgressBar(total, stream)

"""`wirewatch backtest`: replay archived (or local) items through a rule set, report what would fire.

The poller archives every new item for `alerts.archive_window` (a ZSET of item keys scored by
discovery time, plus one expiring string of item JSON per key). A backtest reads that archive,
or local JSONL/feed/text files, and matches each item against the rules without creating alerts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from redis import Redis

from monitor.keys import Keys
from monitor.models import Item, Match
from monitor.settings import RuleConfig

PAGE = 500  # archive entries read per round trip
PROGRESS_MIN_ITEMS = 200  # fewer items than this: no progress bar
DEFAULT_LIST_LIMIT = 20  # items listed per rule in the text report (counts are always complete)
ARCHIVE_MAX_ITEMS = 200_000  # entries kept at most, whatever the window (see trim_archive)


# -- reading items -----------------------------------------------------------------------------

def archive_count(redis: Redis, keys: Keys, since_seconds: float | None, now: float) -> int:
    """How many archive entries fall in the window (some may have expired since)."""
    low = "-inf" if since_seconds is None else now - since_seconds
    return int(redis.zcount(keys.archive, low, now))


def archived_items(redis: Redis, keys: Keys, since_seconds: float | None,
                   now: float) -> Iterator[Item]:
    """Archived items discovered in the last `since_seconds` (all when None), oldest first.

    Entries whose item JSON has already expired, or does not decode, are skipped."""
    low: float | str = "-inf" if since_seconds is None else now - since_seconds
    offset = 0
    while True:
        item_keys = redis.zrangebyscore(keys.archive, low, now, start=offset, num=PAGE)
        if not item_keys:
            return
        offset += len(item_keys)
        names = [k.decode() if isinstance(k, bytes) else str(k) for k in item_keys]
        for raw in redis.mget([keys.archived_item(name) for name in names]):
            item = _decode_item(raw)
            if item is not None:
                yield item


def _decode_item(raw: bytes | str | None) -> Item | None:
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        return Item.from_json(data) if isinstance(data, dict) else None
    except (ValueError, TypeError):
        return None


def trim_archive(redis: Redis, keys: Keys, window: float, now: float,
                 max_items: int = ARCHIVE_MAX_ITEMS) -> int:
    """Bound the archive: drop entries older than `window`, then the oldest beyond `max_items`
    (with their item JSON). Returns how many entries were removed. Safe to run from any process."""
    removed = int(redis.zremrangebyscore(keys.archive, "-inf", f"({now - window}"))
    excess = int(redis.zcard(keys.archive)) - max_items
    while excess > 0:
        oldest = redis.zrange(keys.archive, 0, min(excess, PAGE) - 1)
        if not oldest:
            break
        names = [k.decode() if isinstance(k, bytes) else str(k) for k in oldest]
        pipe = redis.pipeline(transaction=False)
        pipe.zrem(keys.archive, *names)
        pipe.delete(*[keys.archived_item(name) for name in names])
        pipe.execute()
        removed += len(names)
        excess -= len(names)
    return removed


def file_items(paths: Sequence[Path]) -> Iterator[Item]:
    """Items of local JSONL, feed (RSS/Atom/JSON Feed) or plain-text files."""
    from monitor.documents import read_documents

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

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"id": self.id, "key": self.key, "feed": self.feed_id, "title": self.title, "link": self.link,
                "published": self.published, "snippet": self.snippet,
                "evidence": list(self.evidence)}


@dataclass
class RuleOutcome:
    """What one rule would have done over the replayed items."""

    rule_id: str
    name: str = ""
    enabled: bool = True
    scoped: bool = False  # the rule has a feeds/tags scope and it was applied
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
    evidence = tuple({"field": e.field, "term": e.term, "start": e.start, "end": e.end}
                     for e in match.evidence)
    return BacktestHit(key=item.key, id=item.guid or item.link or item.key, feed_id=item.feed_id,
                       title=item.title, link=item.link, published=item.published,
                       snippet=match.snippet, evidence=evidence)


def backtest(items: Iterable[Item], ruleset: Any, rules: Sequence[RuleConfig] | None = None,
             progress: Callable[[int], None] | None = None, *,
             tags_by_feed: Mapping[str, Sequence[str]] | None = None) -> BacktestReport:
    """Match every item against `ruleset` (a compiled `monitor.rules.RuleSet`).

    `rules` gives names and scopes (without it, every rule of the rule set is reported by id).
    A rule's feeds/tags scope is applied only when `tags_by_feed` (the config's feed -> tags map)
    is given: archived items carry configured feed ids, local files do not. `progress` is called
    with the number of items done so far."""
    from monitor.rules import Document

    configs = {r.id: r for r in rules} if rules is not None else {}
    order = [r.id for r in rules] if rules is not None else list(ruleset.rule_ids)
    outcomes = {rid: RuleOutcome(rid, configs[rid].name if rid in configs else "",
                                 configs[rid].enabled if rid in configs else True,
                                 scoped=tags_by_feed is not None and rid in configs
                                 and bool(configs[rid].feeds or configs[rid].tags))
                for rid in order}
    report = BacktestReport(rules=list(outcomes.values()))
    for done, item in enumerate(items, start=1):
        report.items = done
        doc = Document(title=item.title, body=item.body, source=item.source)
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


# -- rule sources ------------------------------------------------------------------------------

def load_rules_file(path: Path, base_vocabularies: Mapping[str, tuple[str, ...]],
                    ) -> tuple[tuple[RuleConfig, ...], dict[str, tuple[str, ...]]]:
    """Rules and vocabularies of a rules.yaml-shaped file (its vocabularies merged over
    `base_vocabularies`); raises ConfigError with `file:line: message` problems."""
    from monitor.config import _check_rules, _entries, _read_yaml, _vocabularies
    from monitor.errors import ConfigError

    path = Path(path)
    if not path.is_file():
        raise ConfigError([f"{path}:1: rules file not found"])
    problems: list[str] = []
    source = _read_yaml(path, problems)
    directory = path.parent
    rules = _entries(RuleConfig, source, "rules", directory, problems)
    vocabularies = {**base_vocabularies, **_vocabularies(source, directory, problems)}
    if not problems:
        _check_rules(rules, vocabularies, source, directory, problems)
    if problems:
        raise ConfigError(problems)
    return tuple(rules), vocabularies


def compile_all(rules: Sequence[RuleConfig], vocabularies: Mapping[str, tuple[str, ...]]) -> Any:
    """Compile every rule, enabled or not: a backtest is how a disabled rule gets tried out."""
    from monitor.rules import RuleSource, compile_rules

    return compile_rules([RuleSource(r.id, r.query) for r in rules], vocabularies)


# -- command line ------------------------------------------------------------------------------

def add_backtest_parser(sub: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add `wirewatch backtest` to the CLI's subparsers."""
    parser = sub.add_parser(
        "backtest", parents=[common],
        help="replay archived (or local) items through the rules; report what would have fired")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="JSONL, feed or text files to replay instead of the Redis archive")
    parser.add_argument("--rules", type=Path, metavar="FILE",
                        help="a rules.yaml-shaped file to try instead of the config's rules")
    parser.add_argument("--since", metavar="DURATION",
                        help="only items discovered within this long (e.g. 3d, 12h; default: all "
                             "archived)")
    parser.add_argument("--jsonl", action="store_true",
                        help="one JSON line per rule with every matching item")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIST_LIMIT, metavar="N",
                        help=f"items listed per rule in the text report (default "
                             f"{DEFAULT_LIST_LIMIT})")
    return parser


def cmd_backtest(args: argparse.Namespace) -> int:
    """Replay items through the rules and print, per rule, what would have fired."""
    from monitor.cli import EXIT_OK, EXIT_USAGE, _config
    from monitor.units import parse_duration

    try:
        since = parse_duration(args.since) if args.since else None
    except ValueError as exc:
        print(f"backtest: --since: {exc}", file=sys.stderr)
        return EXIT_USAGE
    config = _config(args)
    if args.rules is not None:
        rules, vocabularies = load_rules_file(args.rules, config.vocabularies)
    else:
        rules, vocabularies = config.rules, dict(config.vocabularies)
    ruleset = compile_all(rules, vocabularies)
    if args.files:
        if since is not None:
            print("backtest: --since applies to the archive only; ignored for files",
                  file=sys.stderr)
        docs = list(file_items(args.files))
        report = _run(docs, len(docs), ruleset, rules, None)
        source = ", ".join(str(p) for p in args.files)
    else:
        report = _run_archive(config, ruleset, rules, since)
        source = "the archive" + (f" (last {args.since})" if args.since else "")
    if args.jsonl:
        for outcome in report.rules:
            print(json.dumps(outcome.to_json(), ensure_ascii=False))
    else:
        print(render_report(report, source=source, limit=max(args.limit, 0)))
    return EXIT_OK


def _run_archive(config: Any, ruleset: Any, rules: Sequence[RuleConfig],
                 since: float | None) -> BacktestReport:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    from monitor.errors import StoreUnavailableError
    from monitor.runtime import redis_connection

    keys = Keys()
    now = time.time()
    with redis_connection(config.settings, existing_data=True) as (redis, _):
        try:
            total = archive_count(redis, keys, since, now)
            return _run(archived_items(redis, keys, since, now), total, ruleset, rules,
                        config.tags_by_feed)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise StoreUnavailableError(str(exc)) from exc


def _run(items: Iterable[Item], total: int, ruleset: Any, rules: Sequence[RuleConfig],
         tags_by_feed: Mapping[str, Sequence[str]] | None) -> BacktestReport:
    bar = progress_for(total)
    try:
        return backtest(items, ruleset, rules, bar, tags_by_feed=tags_by_feed)
    finally:
        if bar is not None:
            bar.close()

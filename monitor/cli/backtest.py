"""`wirewatch backtest`: replay archived (or local) items through a rule set."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from monitor.cli.common import EXIT_OK, EXIT_USAGE, language_argument, load
from monitor.config import Config, compile_rule_configs, load_rules_file
from monitor.errors import StoreUnavailableError
from monitor.ingest.language import with_language
from monitor.models import Item
from monitor.ops.backtest import (
    DEFAULT_LIST_LIMIT,
    BacktestReport,
    backtest,
    file_items,
    progress_for,
    render_report,
)
from monitor.rules import RuleSet
from monitor.settings import RuleConfig
from monitor.storage.archive import archive_count, archived_items
from monitor.storage.connection import redis_connection
from monitor.storage.keys import Keys
from monitor.units import parse_duration


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add `backtest` to the CLI's subparsers."""
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
    parser.add_argument("--lang", type=language_argument, metavar="CODE",
                        help="the language of every item (ISO 639-1, e.g. ru), instead of the "
                             "declared or detected one")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIST_LIMIT, metavar="N",
                        help=f"items listed per rule in the text report (default "
                             f"{DEFAULT_LIST_LIMIT})")


def cmd_backtest(args: argparse.Namespace) -> int:
    """Replay items through the rules and print, per rule, what would have fired."""
    try:
        since = parse_duration(args.since) if args.since else None
    except ValueError as exc:
        print(f"backtest: --since: {exc}", file=sys.stderr)
        return EXIT_USAGE
    config = load(args)
    if args.rules is not None:
        rules, vocabularies = load_rules_file(args.rules, config.vocabularies)
    else:
        rules, vocabularies = config.rules, dict(config.vocabularies)
    # every rule, enabled or not: a backtest is how a disabled rule gets tried out
    ruleset = compile_rule_configs(rules, vocabularies)
    if args.files:
        if since is not None:
            print("backtest: --since applies to the archive only; ignored for files",
                  file=sys.stderr)
        docs = [_language(item, args.lang) for item in file_items(args.files)]
        report = _run(docs, len(docs), ruleset, rules, None)
        source = ", ".join(str(p) for p in args.files)
    else:
        report = _run_archive(config, ruleset, rules, since, args.lang)
        source = "the archive" + (f" (last {args.since})" if args.since else "")
    if args.jsonl:
        for outcome in report.rules:
            print(json.dumps(outcome.to_json(), ensure_ascii=False))
    else:
        print(render_report(report, source=source, limit=max(args.limit, 0)))
    return EXIT_OK


def _language(item: Item, lang: str | None) -> Item:
    """The item with the `--lang` language, else as it is: an archived item stored before
    items had a language gets the one detected in its text."""
    return replace(item, lang=lang) if lang else with_language(item)


def _run_archive(config: Config, ruleset: RuleSet, rules: Sequence[RuleConfig],
                 since: float | None, lang: str | None) -> BacktestReport:
    keys = Keys()
    now = time.time()
    with redis_connection(config.settings, existing_data=True) as (redis, _):
        try:
            total = archive_count(redis, keys, since, now)
            items = (_language(item, lang) for item in archived_items(redis, keys, since, now))
            return _run(items, total, ruleset, rules, config.tags_by_feed)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise StoreUnavailableError(str(exc)) from exc


def _run(items: Iterable[Item], total: int, ruleset: RuleSet, rules: Sequence[RuleConfig],
         tags_by_feed: Mapping[str, Sequence[str]] | None) -> BacktestReport:
    bar = progress_for(total)
    try:
        return backtest(items, ruleset, rules, bar, tags_by_feed=tags_by_feed)
    finally:
        if bar is not None:
            bar.close()


COMMANDS = {"backtest": cmd_backtest}

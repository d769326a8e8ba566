"""`wirewatch feeds import|export|list`: OPML in and out, and each feed with its health."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from monitor.cli.common import EXIT_OK, config_directory, load
from monitor.errors import ConfigError, StoreUnavailableError, WirewatchError
from monitor.ops.opml import OPMLError, added_entries, merge_feeds, parse_opml, to_opml, write_atomically
from monitor.ops.status import feed_rows, table
from monitor.settings import FeedConfig
from monitor.storage.connection import redis_connection
from monitor.storage.keys import Keys


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add `feeds import|export|list` to the CLI's subparsers."""
    feeds = sub.add_parser("feeds", parents=[common], help="import, export and list feeds")
    actions = feeds.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    imp = actions.add_parser("import", parents=[common],
                             help="add the feeds of an OPML file to feeds.yaml")
    imp.add_argument("file", type=Path, metavar="FILE.opml")
    imp.add_argument("--dry-run", action="store_true",
                     help="print the resulting feeds.yaml instead of writing it")
    actions.add_parser("export", parents=[common], help="the configured feeds as OPML 2.0")
    listing = actions.add_parser("list", parents=[common], help="each feed with its health")
    listing.add_argument("--json", action="store_true")


def cmd_feeds(args: argparse.Namespace) -> int:
    """`feeds import FILE.opml`, `feeds export`, `feeds list [--json]`."""
    if args.feeds_command == "import":
        return _import(args)
    if args.feeds_command == "export":
        config = load(args, compile_check=False)
        sys.stdout.flush()
        sys.stdout.buffer.write(to_opml(config.feeds, created=format_datetime(datetime.now(UTC))))
        sys.stdout.buffer.flush()
        return EXIT_OK
    return _list(args)


def _import(args: argparse.Namespace) -> int:
    directory = config_directory(args)
    if not directory.is_dir():
        raise ConfigError([f"{directory}:1: configuration directory not found"])
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise WirewatchError(f"{args.file}: cannot read: {exc.strerror or exc}") from exc
    skipped: list[str] = []
    try:
        found = parse_opml(data, skipped)
    except OPMLError as exc:
        raise OPMLError(f"{args.file}: {exc}") from exc
    for reason in skipped:
        print(f"{args.file}: skipped {reason}", file=sys.stderr)
    path = directory / "feeds.yaml"
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    after = merge_feeds(before, found)
    added = added_entries(before, after)
    for entry in added:
        FeedConfig.model_validate(entry)  # the parser only lets http(s) URLs through
    if args.dry_run:
        print(after, end="")
    elif after != before:
        write_atomically(path, after)
    print(f"{path}: {len(added)} feeds added, {len(found) - len(added)} already present"
          + (" (dry run, nothing written)" if args.dry_run else ""), file=sys.stderr)
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    config = load(args, compile_check=False)
    with redis_connection(config.settings, existing_data=True) as (redis, _):
        try:
            rows = feed_rows(config, redis, Keys())
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise StoreUnavailableError(str(exc)) from exc
    for row in rows:
        feed = config.feed(row["id"])
        row["title"] = feed.title if feed else None
        row["tags"] = list(feed.tags) if feed else []
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    for row in rows:
        row["tags"] = ",".join(row["tags"]) or None
    print("\n".join(table(rows, ["id", "health", "last_poll", "items_total", "error_streak",
                                 "next_due", "tags", "url", "last_error"])) if rows
          else "no feeds configured")
    return EXIT_OK


COMMANDS = {"feeds": cmd_feeds}

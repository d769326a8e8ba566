"""`wirewatch stories`: recent stories and the reports grouped into each."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from monitor.cli.common import EXIT_OK, EXIT_USAGE, load, open_existing
from monitor.ops.stories import render_stories, story_rows
from monitor.storage.keys import Keys
from monitor.units import parse_duration


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add `stories` to the CLI's subparsers."""
    parser = sub.add_parser("stories", parents=[common],
                            help="recent stories: the reports of one event across feeds")
    parser.add_argument("--since", metavar="DURATION", default="1d",
                        help="stories first seen within this long (default 1d)")
    parser.add_argument("--limit", type=int, default=200, help="at most this many stories")
    parser.add_argument("--json", action="store_true")


def cmd_stories(args: argparse.Namespace) -> int:
    """List recent stories with their reports."""
    try:
        since = parse_duration(args.since)
    except ValueError as exc:
        print(f"stories: --since: {exc}", file=sys.stderr)
        return EXIT_USAGE
    config = load(args, compile_check=False)
    with open_existing(config) as (redis, _):
        rows = story_rows(redis, Keys(), config.settings.stories.window, since,
                          limit=max(1, args.limit))
    print(json.dumps(rows, indent=2, ensure_ascii=False) if args.json else render_stories(rows))

    return EXIT_OK


COMMANDS = {"stories": cmd_stories}

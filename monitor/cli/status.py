"""`wirewatch status` and `wirewatch alerts failed|replay`: what the daemon did, and redelivery."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from monitor.alerting.replay import replay_dead_letters
from monitor.cli.common import EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, load, open_existing
from monitor.ops.status import collect_status, dead_letter_rows, render_status
from monitor.storage.keys import Keys
from monitor.storage.queues import make_queues


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add `status` and `alerts failed|replay` to the CLI's subparsers."""
    status = sub.add_parser("status", parents=[common], help="feeds, queues, workers, alerts")
    status.add_argument("--json", action="store_true")
    alerts = sub.add_parser("alerts", parents=[common], help="dead letters and redelivery")
    alerts_sub = alerts.add_subparsers(dest="alerts_command", required=True, metavar="ACTION")
    failed = alerts_sub.add_parser("failed", parents=[common], help="list dead-lettered deliveries")
    failed.add_argument("--json", action="store_true")
    replay = alerts_sub.add_parser("replay", parents=[common], help="redeliver dead letters")
    replay.add_argument("ids", nargs="*", metavar="ID", help="alert ids (or alert_id|destination)")
    replay.add_argument("--all", action="store_true", help="every dead letter")


def cmd_status(args: argparse.Namespace) -> int:
    """Print the status snapshot."""
    config = load(args)
    with open_existing(config) as (redis, _):
        status = collect_status(config, redis, Keys(),
                                make_queues(redis, config.settings.queue_prefix))
    print(json.dumps(status, indent=2) if args.json else render_status(status))
    return EXIT_OK if status["redis"]["ok"] else EXIT_RUNTIME


def cmd_alerts(args: argparse.Namespace) -> int:
    """`alerts failed` and `alerts replay`."""
    config = load(args)
    keys = Keys()
    with open_existing(config) as (redis, _):
        if args.alerts_command == "failed":
            return _print_failed(dead_letter_rows(redis, keys), as_json=args.json)
        if not args.ids and not args.all:
            print("alerts replay: give alert ids or --all", file=sys.stderr)
            return EXIT_USAGE
        replayed = replay_dead_letters(redis, keys, make_queues(redis, config.settings.queue_prefix),
                                       None if args.all else args.ids)
        for alert_id, dest in replayed:
            print(f"requeued {alert_id} → {dest}")
        if not replayed:
            print("nothing to replay" + ("" if args.all else " (no matching dead letter)"),
                  file=sys.stderr)
            return EXIT_OK if args.all else EXIT_RUNTIME
    return EXIT_OK


def _print_failed(rows: list[dict[str, Any]], *, as_json: bool) -> int:
    if as_json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for row in rows:
        print(f"{row['alert_id']}  {row['destination']}  rule={row['rule']}  "
              f"attempts={row['attempts']}  {row['since']}  {row['last_error']}")
        if row["title"]:
            print(f"    {row['title']}")
    if not rows:
        print("no dead letters")
    return EXIT_OK


COMMANDS = {"status": cmd_status, "alerts": cmd_alerts}

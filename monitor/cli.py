"""The `wirewatch` command line. Thin: parse arguments, build clients, call into the stages."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from monitor.backtest import add_backtest_parser, cmd_backtest
from monitor.config import Config, ConfigWatcher, load_config
from monitor.errors import ConfigError, StoreUnavailableError, WirewatchError
from monitor.logs import configure_logging
from monitor.opml import add_feeds_parser, cmd_feeds

EXIT_OK, EXIT_RUNTIME, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="configuration directory (env WIREWATCH_CONFIG, default ./config)")
    parser = argparse.ArgumentParser(prog="wirewatch", parents=[common],
                                     description="News-wire monitoring daemon.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("check", parents=[common], help="validate the configuration directory")
    match = sub.add_parser("match", parents=[common], help="match local documents, no Redis")
    match.add_argument("files", nargs="+", type=Path, metavar="FILE")
    match.add_argument("--jsonl", action="store_true", help="one JSON line per document")
    poll = sub.add_parser("poll", parents=[common], help="poll feeds and enqueue new items")
    poll.add_argument("--once", action="store_true", help="poll every due feed once, then exit")
    poll.add_argument("--force", action="store_true", help="with --once: poll all feeds, due or not")
    worker = sub.add_parser("worker", parents=[common], help="process queued work")
    worker.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    sub.add_parser("run", parents=[common], help="the daemon: poller + workers, supervised")
    status = sub.add_parser("status", parents=[common], help="feeds, queues, workers, alerts")
    status.add_argument("--json", action="store_true")
    alerts = sub.add_parser("alerts", parents=[common], help="dead letters and redelivery")
    alerts_sub = alerts.add_subparsers(dest="alerts_command", required=True, metavar="ACTION")
    failed = alerts_sub.add_parser("failed", parents=[common], help="list dead-lettered deliveries")
    failed.add_argument("--json", action="store_true")
    replay = alerts_sub.add_parser("replay", parents=[common], help="redeliver dead letters")
    replay.add_argument("ids", nargs="*", metavar="ID", help="alert ids (or alert_id|destination)")
    replay.add_argument("--all", action="store_true", help="every dead letter")
    add_backtest_parser(sub, common)
    add_feeds_parser(sub, common)
    return parser


def _config(args: argparse.Namespace) -> Config:
    directory = getattr(args, "config", None) or os.environ.get("WIREWATCH_CONFIG") or "config"
    config = load_config(Path(directory))
    configure_logging(config.settings.logging.level, config.settings.logging.format)
    return config


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the config; problems are printed by main()."""
    config = _config(args)
    print(f"{config.directory}: ok ({len(config.feeds)} feeds, {len(config.rules)} rules, "
          f"{len(config.destinations)} destinations)")
    return EXIT_OK


def _evidence_json(match: Any) -> list[dict[str, Any]]:
    return [{"field": e.field, "term": e.term, "start": e.start, "end": e.end}
            for e in match.evidence]


def cmd_match(args: argparse.Namespace) -> int:
    """Match local files against the rules and print what matched and why."""
    from monitor.documents import read_documents
    from monitor.rules import Document
    from workers.context import compile_config_rules

    config = _config(args)
    ruleset = compile_config_rules(config)
    names = {r.id: r.name for r in config.rules}
    for path in args.files:
        for doc in read_documents(path):
            item = doc.item
            matches = ruleset.match(Document(title=item.title, body=item.body,
                                             source=item.source))
            if args.jsonl:
                print(json.dumps({"id": doc.id, "matches": [
                    {"rule": m.rule_id, "evidence": _evidence_json(m), "snippet": m.snippet}
                    for m in matches]}, ensure_ascii=False))
                continue
            label = f"{path}: {doc.id}" + (f" — {item.title}" if item.title else "")
            print(f"{label}: {'no match' if not matches else ''}".rstrip())
            for m in matches:
                print(f"  MATCH {m.rule_id} ({names.get(m.rule_id, '')})")
                for e in m.evidence:
                    text = (item.title if e.field == "title" else
                            item.source if e.field == "source" else item.body)[e.start:e.end]
                    print(f"    {e.field}[{e.start}:{e.end}] {e.term!r} ← {text!r}")
                print(f"    snippet: {m.snippet}")
    return EXIT_OK


def cmd_poll(args: argparse.Namespace) -> int:
    """Poll due feeds once, or forever."""
    import threading

    from monitor.daemon import make_poller
    from monitor.keys import Keys
    from monitor.runtime import redis_connection

    config = _config(args)
    with redis_connection(config.settings) as (redis, _):
        poller = make_poller(config, redis, Keys())
        try:
            if args.once:
                outcomes = poller.poll_due(force=args.force)
                for o in outcomes:
                    detail = f" ({o.error})" if o.error else ""
                    print(f"{o.feed_id}: {o.result}, {o.new_items} new{detail}")
                return EXIT_OK
            watcher = ConfigWatcher(config)

            def tick() -> None:  # heartbeat, and feeds.yaml edits without a restart
                poller.heartbeat()
                if (changed := watcher.changed()) is not None:
                    poller.config = changed

            poller.run_forever(threading.Event(), tick)
        finally:
            poller.http.close()
    return EXIT_OK


def cmd_worker(args: argparse.Namespace) -> int:
    """Process queued jobs (until empty with --burst)."""
    from monitor.runtime import redis_connection
    from workers.context import WorkerContext
    from workers.worker import run_burst, run_forever

    config = _config(args)
    with redis_connection(config.settings) as (redis, _):
        ctx = WorkerContext(config, redis)
        try:
            if args.burst:
                failed = run_burst(ctx)
                return EXIT_RUNTIME if failed else EXIT_OK
            run_forever(ctx)
        finally:
            ctx.close()
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    """The supervised daemon."""
    from monitor.daemon import Daemon

    return Daemon(_config(args)).run()


def _open(config: Config):  # type: ignore[no-untyped-def]
    from monitor.runtime import redis_connection

    return redis_connection(config.settings, embedded=True, existing_data=True)


def cmd_status(args: argparse.Namespace) -> int:
    """Print the status snapshot."""
    from monitor.keys import Keys
    from monitor.queues import make_queues
    from monitor.status import collect_status, render_status

    config = _config(args)
    with _open(config) as (redis, _):
        status = collect_status(config, redis, Keys(),
                                make_queues(redis, config.settings.queue_prefix))
    print(json.dumps(status, indent=2) if args.json else render_status(status))
    return EXIT_OK if status["redis"]["ok"] else EXIT_RUNTIME


def cmd_alerts(args: argparse.Namespace) -> int:
    """`alerts failed` and `alerts replay`."""
    from monitor.keys import Keys
    from monitor.queues import make_queues
    from monitor.replay import replay_dead_letters
    from monitor.status import dead_letter_rows

    config = _config(args)
    keys = Keys()
    with _open(config) as (redis, _):
        if args.alerts_command == "failed":
            rows = dead_letter_rows(redis, keys)
            if args.json:
                print(json.dumps(rows, indent=2))
            for row in [] if args.json else rows:
                print(f"{row['alert_id']}  {row['destination']}  attempts={row['attempts']}  "
                      f"{row['since']}  {row['last_error']}")
            if not rows and not args.json:
                print("no dead letters")
            return EXIT_OK
        if not args.ids and not args.all:
            print("alerts replay: give alert ids or --all", file=sys.stderr)
            return EXIT_USAGE
        replayed = replay_dead_letters(redis, keys, make_queues(redis, config.settings.queue_prefix),
                                       None if args.all else args.ids)
        for alert_id, dest in replayed:
            print(f"requeued {alert_id} → {dest}")
        if not replayed:
            print("nothing to replay (no matching dead letter)", file=sys.stderr)
            return EXIT_RUNTIME
    return EXIT_OK


COMMANDS = {"check": cmd_check, "match": cmd_match, "poll": cmd_poll, "worker": cmd_worker,
            "run": cmd_run, "status": cmd_status, "alerts": cmd_alerts,
            "backtest": cmd_backtest, "feeds": cmd_feeds}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `wirewatch` console script."""
    args = _parser().parse_args(argv)
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not in the flush at exit
        return code
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    except (StoreUnavailableError, RedisConnectionError, RedisTimeoutError) as exc:
        print(f"wirewatch: redis unavailable: {exc}", file=sys.stderr)
        return EXIT_RUNTIME
    except WirewatchError as exc:
        print(f"wirewatch: {exc}", file=sys.stderr)
        return EXIT_RUNTIME
    except KeyboardInterrupt:
        return EXIT_RUNTIME
    except BrokenPipeError:  # the reader went away (`wirewatch match … | head`): stop quietly
        # further writes to the closed stdout (at exit too) must not raise again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK

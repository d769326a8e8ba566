"""`wirewatch poll`, `worker` and `run`: the long-running processes."""

from __future__ import annotations

import argparse
import threading
from pathlib import Path
from typing import Any

from monitor.cli.common import EXIT_OK, EXIT_RUNTIME, load, load_with_rules
from monitor.config import ConfigWatcher
from monitor.errors import ConfigError
from monitor.net.http import SafeHTTP
from monitor.ops.daemon import Daemon, make_poller, renew_poller_http
from monitor.ops.lifeline import die_with_parent
from monitor.ops.workergroup import WorkerGroup
from monitor.storage.connection import redis_connection
from monitor.storage.embedded import socket_url
from monitor.storage.keys import Keys
from workers.context import WorkerContext
from workers.lane import LANES, run_worker
from workers.worker import run_burst


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add `poll`, `worker` and `run` to the CLI's subparsers."""
    poll = sub.add_parser("poll", parents=[common], help="poll feeds and enqueue new items")
    poll.add_argument("--once", action="store_true", help="poll every due feed once, then exit")
    poll.add_argument("--force", action="store_true", help="with --once: poll all feeds, due or not")
    worker = sub.add_parser("worker", parents=[common], help="process queued work")
    worker.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    worker.add_argument("--processes", type=int, default=1, metavar="N",
                        help="fork N worker processes that share one compiled rule set "
                             "(default 1: this process works)")
    worker.add_argument("--lane", choices=LANES, default="all",
                        help="match: match jobs only; deliver: a delivery lane (deliveries "
                             "run concurrently, per-destination caps); all (default): a match "
                             "worker with a delivery lane beside it")
    for child in (poll, worker):  # set by `wirewatch run` for the processes it supervises
        child.add_argument("--supervisor-pid", type=int, default=None, help=argparse.SUPPRESS)
    sub.add_parser("run", parents=[common], help="the daemon: poller + workers, supervised")


def cmd_poll(args: argparse.Namespace) -> int:
    """Poll due feeds once, or forever."""
    _supervised(args)
    config = load(args)
    with redis_connection(config.settings) as (redis, _):
        poller = make_poller(config, redis, Keys())
        retired: list[SafeHTTP] = []
        try:
            if args.once:
                for o in poller.poll_due(force=args.force):
                    detail = f" ({o.error})" if o.error else ""
                    print(f"{o.feed_id}: {o.result}, {o.new_items} new{detail}")
                return EXIT_OK
            watcher = ConfigWatcher(config)

            def tick() -> None:  # heartbeat, and feeds.yaml edits without a restart
                poller.heartbeat()
                if (changed := watcher.changed()) is not None:
                    retired.extend(renew_poller_http(poller, poller.config, changed))
                    poller.config = changed

            poller.run_forever(threading.Event(), tick)
        finally:
            for client in [poller.http, *retired]:
                client.close()
    return EXIT_OK


def cmd_worker(args: argparse.Namespace) -> int:
    """Process queued jobs (until empty with --burst)."""
    _supervised(args)
    if args.processes < 1 or (args.burst and args.processes != 1):
        raise ConfigError(["--processes: a number of worker processes (1 or more; 1 with "
                           "--burst)"])
    if args.lane == "deliver" and (args.burst or args.processes != 1):
        raise ConfigError(["--lane deliver: one process, not with --burst (a lane runs many "
                           "deliveries at once; start more lanes for more)"])
    if args.lane == "deliver":
        return _delivery_lane(args)
    config, ruleset = load_with_rules(args, require_secrets=True)
    with redis_connection(config.settings) as (redis, embedded):
        if args.processes > 1:
            url = config.settings.redis_url or (embedded.url if embedded else "")
            return WorkerGroup(config, ruleset, args.processes,
                               url or socket_url(Path(config.settings.data_dir)),
                               lane=args.lane).run()
        ctx = WorkerContext(config, redis, ruleset=ruleset)
        try:
            if args.burst:  # every queue (`--lane match`: its one), a job at a time, here
                failed = run_burst(ctx, match_only=args.lane == "match")
                return EXIT_RUNTIME if failed else EXIT_OK
            run_worker(ctx, args.lane)
        finally:
            ctx.close()
    return EXIT_OK


def _delivery_lane(args: argparse.Namespace) -> int:
    """`worker --lane deliver`: no rules are compiled, it matches nothing."""
    config = load(args, compile_check=False, require_secrets=True)
    with redis_connection(config.settings) as (redis, _):
        ctx = WorkerContext(config, redis, rules=False)
        try:
            run_worker(ctx, "deliver")
        finally:
            ctx.close()
    return EXIT_OK


def _supervised(args: argparse.Namespace) -> None:
    """A child of `wirewatch run` stops when its supervisor dies, `kill -9` included."""
    if args.supervisor_pid is not None:
        die_with_parent(args.supervisor_pid)


def cmd_run(args: argparse.Namespace) -> int:
    """The supervised daemon."""
    return Daemon(load(args, require_secrets=True)).run()


COMMANDS = {"poll": cmd_poll, "worker": cmd_worker, "run": cmd_run}

"""The `wirewatch` command line. Thin: parse arguments, build clients, call into the stages.

One module per command group; each adds its subcommands to the parser and maps their names to
the functions that run them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from monitor.cli import backtest, feeds, processes, rules, status, stories
from monitor.cli.common import EXIT_OK, EXIT_RUNTIME, EXIT_USAGE
from monitor.errors import ConfigError, StoreUnavailableError, WirewatchError

GROUPS = (rules, processes, status, backtest, feeds, stories)
COMMANDS = {name: command for group in GROUPS for name, command in group.COMMANDS.items()}


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="configuration directory (env WIREWATCH_CONFIG, default ./config)")
    parser = argparse.ArgumentParser(prog="wirewatch", parents=[common],
                                     description="News-wire monitoring daemon.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.add_parsers(sub, common)
    return parser


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


__all__ = ["COMMANDS", "EXIT_OK", "EXIT_RUNTIME", "EXIT_USAGE", "main"]

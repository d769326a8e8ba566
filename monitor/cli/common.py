"""What every command shares: exit codes, the config directory, and opening Redis."""

from __future__ import annotations

import argparse
import os
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from redis import Redis

from monitor.config import Config, load_config, load_config_and_rules
from monitor.logs import configure_logging
from monitor.rules import RuleSet
from monitor.rules.languages import language_hint, rule_language
from monitor.storage.connection import redis_connection

EXIT_OK, EXIT_RUNTIME, EXIT_USAGE = 0, 1, 2


def config_directory(args: argparse.Namespace) -> Path:
    """`--config`, else `WIREWATCH_CONFIG`, else `./config`."""
    return Path(getattr(args, "config", None) or os.environ.get("WIREWATCH_CONFIG") or "config")


def language_argument(text: str) -> str:
    """The value of `--lang`: a two-letter ISO 639-1 code, as in a rule's `lang:`."""
    code = rule_language(text)
    if code is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a two-letter ISO 639-1 code such "
                                         f"as ru or uk{language_hint(text)}")
    return code


def load(args: argparse.Namespace, *, compile_check: bool = True,
         require_secrets: bool = False) -> Config:
    """The validated config of the command's directory, with logging configured from it.
    Only the commands that deliver (or check for them) require the webhook secrets."""
    config = load_config(config_directory(args), compile_check=compile_check,
                         require_secrets=require_secrets)
    configure_logging(config.settings.logging.level, config.settings.logging.format)
    return config


def load_with_rules(args: argparse.Namespace, *,
                    require_secrets: bool = False) -> tuple[Config, RuleSet]:
    """As `load`, with the enabled rules compiled once (for the processes that match)."""
    config, ruleset = load_config_and_rules(config_directory(args),
                                            require_secrets=require_secrets)
    configure_logging(config.settings.logging.level, config.settings.logging.format)
    return config, ruleset


def open_existing(config: Config) -> AbstractContextManager[tuple[Redis, Any]]:
    """Redis for a command that reads what the daemon wrote (the embedded one's data too)."""
    return redis_connection(config.settings, embedded=True, existing_data=True)

"""What every command shares: exit codes, the config directory, and opening Redis."""

from __future__ import annotations

import argparse
import os
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from redis import Redis

from monitor.config import Config, load_config
from monitor.logs import configure_logging
from monitor.storage.connection import redis_connection

EXIT_OK, EXIT_RUNTIME, EXIT_USAGE = 0, 1, 2


def config_directory(args: argparse.Namespace) -> Path:
    """`--config`, else `WIREWATCH_CONFIG`, else `./config`."""
    return Path(getattr(args, "config", None) or os.environ.get("WIREWATCH_CONFIG") or "config")


def load(args: argparse.Namespace, *, compile_check: bool = True) -> Config:
    """The validated config of the command's directory, with logging configured from it."""
    config = load_config(config_directory(args), compile_check=compile_check)
    configure_logging(config.settings.logging.level, config.settings.logging.format)
    return config


def open_existing(config: Config) -> AbstractContextManager[tuple[Redis, Any]]:
    """Redis for a command that reads what the daemon wrote (the embedded one's data too)."""
    return redis_connection(config.settings, embedded=True, existing_data=True)

"""Logging configured in one place: JSON lines off a terminal, readable lines on one."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime",
                                                                         "taskName"}
_SECRET_WORDS = ("secret", "password", "token", "authorization")


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    out = {}
    for key, value in vars(record).items():
        if key in _STANDARD or key.startswith("_"):
            continue
        if any(word in key.lower() for word in _SECRET_WORDS):
            value = "[redacted]"
        out[key] = value
    return out


class JSONFormatter(logging.Formatter):
    """One JSON object per line with stable snake_case keys."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
            **_extras(record),
        }
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`12:00:01 INFO  alert created alert_id=… rule_id=…` for people at a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        fields = " ".join(f"{k}={v}" for k, v in _extras(record).items())
        line = f"{when} {record.levelname:<7} {record.getMessage()}" + (f" {fields}" if fields
                                                                           else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(level: str = "INFO", fmt: str = "auto") -> None:
    """Send wirewatch's logs to stderr in the chosen format (`auto`: text on a terminal)."""
    use_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter() if use_json else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("rq.worker", "rq.queue"):  # RQ logs every job at INFO
        logging.getLogger(noisy).setLevel(logging.WARNING)

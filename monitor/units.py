"""Parsing of human-written durations (`90s`, `5m`, `2h`) and sizes (`15MiB`). Pure functions."""

from __future__ import annotations

import re

_DURATION_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SIZE_UNITS = {
    "": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
    "kib": 1024, "mib": 1024**2, "gib": 1024**3, "k": 1024, "m": 1024**2, "g": 1024**3,
}
_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)", re.IGNORECASE)
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)


def parse_duration(value: object) -> float:
    """Seconds from `90s`, `5m`, `1h30m`, `250ms`, or a bare number of seconds."""
    if isinstance(value, bool):
        raise ValueError(f"not a duration: {value!r}")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"duration must not be negative: {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"not a duration: {value!r}")
    text = value.strip().replace(" ", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    parts = _DURATION_RE.findall(text)
    if not parts or "".join(n + u for n, u in parts).lower() != text.lower():
        raise ValueError(f"not a duration: {value!r} (write it like 90s, 5m, 2h)")
    return sum(float(n) * _DURATION_UNITS[u.lower()] for n, u in parts)


def parse_size(value: object) -> int:
    """Bytes from `15MiB`, `512KiB`, `2MB`, or a bare number of bytes."""
    if isinstance(value, bool):
        raise ValueError(f"not a size: {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"size must not be negative: {value!r}")
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a size: {value!r}")
    found = _SIZE_RE.match(value)
    if not found or found.group(2).lower() not in _SIZE_UNITS:
        raise ValueError(f"not a size: {value!r} (write it like 15MiB)")
    return int(float(found.group(1)) * _SIZE_UNITS[found.group(2).lower()])

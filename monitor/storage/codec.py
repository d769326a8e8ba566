"""Values as redis-py returns them (bytes, or str with `decode_responses`) to Python values."""

from __future__ import annotations

from typing import Any


def as_str(value: Any) -> str:
    """A Redis reply value as text: bytes are decoded as UTF-8, anything else goes through str."""
    return value.decode() if isinstance(value, bytes) else str(value)


def decode_hash(raw: dict[Any, Any]) -> dict[str, str]:
    """An HGETALL reply with its field names and values as text."""
    return {as_str(k): as_str(v) for k, v in raw.items()}

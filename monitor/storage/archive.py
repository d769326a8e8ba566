"""The item archive that backtests replay: a ZSET of item keys scored by discovery time, plus
one expiring string of item JSON per key, written by the poller for `alerts.archive_window`."""

from __future__ import annotations

import json
from collections.abc import Iterator

from redis import Redis

from monitor.models import Item
from monitor.storage.codec import as_str
from monitor.storage.keys import Keys

PAGE = 500  # archive entries read per round trip
ARCHIVE_MAX_ITEMS = 200_000  # entries kept at most, whatever the window (see trim_archive)


def archive_count(redis: Redis, keys: Keys, since_seconds: float | None, now: float) -> int:
    """How many archive entries fall in the window (some may have expired since)."""
    low = "-inf" if since_seconds is None else now - since_seconds
    return int(redis.zcount(keys.archive, low, now))


def archived_items(redis: Redis, keys: Keys, since_seconds: float | None,
                   now: float) -> Iterator[Item]:
    """Archived items discovered in the last `since_seconds` (all when None), oldest first.

    Entries whose item JSON has already expired, or does not decode, are skipped."""
    low: float | str = "-inf" if since_seconds is None else now - since_seconds
    offset = 0
    while True:
        item_keys = redis.zrangebyscore(keys.archive, low, now, start=offset, num=PAGE)
        if not item_keys:
            return
        offset += len(item_keys)
        names = [as_str(k) for k in item_keys]
        for raw in redis.mget([keys.archived_item(name) for name in names]):
            item = _decode_item(raw)
            if item is not None:
                yield item


def _decode_item(raw: bytes | str | None) -> Item | None:
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        return Item.from_json(data) if isinstance(data, dict) else None
    except (ValueError, TypeError):
        return None


def trim_archive(redis: Redis, keys: Keys, window: float, now: float,
                 max_items: int = ARCHIVE_MAX_ITEMS) -> int:
    """Bound the archive: drop entries older than `window`, then the oldest beyond `max_items`
    (with their item JSON). Returns how many entries were removed. Safe to run from any process."""
    removed = int(redis.zremrangebyscore(keys.archive, "-inf", f"({now - window}"))
    excess = int(redis.zcard(keys.archive)) - max_items
    while excess > 0:
        oldest = redis.zrange(keys.archive, 0, min(excess, PAGE) - 1)
        if not oldest:
            break
        names = [as_str(k) for k in oldest]
        pipe = redis.pipeline(transaction=False)
        pipe.zrem(keys.archive, *names)
        pipe.delete(*[keys.archived_item(name) for name in names])
        pipe.execute()
        removed += len(names)
        excess -= len(names)
    return removed



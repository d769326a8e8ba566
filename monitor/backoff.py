"""Retry and backoff arithmetic. Pure: the random source is passed in."""

from __future__ import annotations

import random
from collections.abc import Sequence


def retry_delay(schedule: Sequence[float], attempts_made: int, *, retry_after: float | None = None,
                jitter: float = 0.0, rng: random.Random | None = None) -> float | None:
    """Seconds to wait before the next attempt, or None when the schedule is spent.

    `attempts_made` counts attempts so far (the first, immediate one included), so
    `schedule[attempts_made - 1]` is the delay before the next. Jitter spreads retries by up to
    ±`jitter` of the delay; a receiver's Retry-After is a floor that jitter never undercuts.
    """
    if attempts_made < 1 or attempts_made > len(schedule):
        return None
    delay = float(schedule[attempts_made - 1])
    if jitter and delay:
        delay *= 1 + (rng or random).uniform(-jitter, jitter)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return max(delay, 0.0)


def feed_backoff(base_interval: float, error_streak: int, *, cap: float, jitter: float = 0.2,
                 rng: random.Random | None = None) -> float:
    """Delay before re-polling a failing feed: doubles per consecutive error, capped, jittered."""
    if error_streak <= 0:
        return base_interval
    delay = min(cap, base_interval * (2 ** min(error_streak, 32)))
    return max(1.0, delay * (1 + (rng or random).uniform(-jitter, jitter)))

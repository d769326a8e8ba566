"""Per-destination rate limit shared by every worker: a token bucket in Redis (one Lua call)."""

from __future__ import annotations

import time

from redis import Redis

from monitor.storage.keys import Keys

# KEYS[1] bucket hash; ARGV: rate/s, burst, now. Returns seconds to wait (0: token taken).
_TAKE = """
local rate = tonumber(ARGV[1]); local burst = tonumber(ARGV[2]); local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 60)
return tostring(wait)
"""


class RateLimiter:
    """`take(dest, rate)` -> 0.0 when a delivery may go now, else the seconds to wait."""

    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.keys = keys
        self._take = redis.register_script(_TAKE)

    def take(self, destination_id: str, rate: float, now: float | None = None) -> float:
        """Take one token of the destination's bucket (burst = one second's worth, at least 1)."""
        burst = max(1.0, rate)
        key = self.keys.rate_limit(destination_id)
        wait = self._take(keys=[key], args=[rate, burst, time.time() if now is None else now])
        return float(wait)

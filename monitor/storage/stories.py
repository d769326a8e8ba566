"""The story index in Redis: LSH buckets, story records, item → story, per-feed line counts.

Layout (key names in `Keys`), all expiring about a window after their last write:

- ``stories:bands:{day}`` HASH, one per day of event time: 4-byte LSH bucket -> story id. A
  bucket keeps the latest story written to it: reports of one event arrive within hours, so the
  story a bucket names is the one a new report of that event is looking for.
- ``stories:items:{day}`` HASH: 8-byte digest of an item key -> story id. A re-run of a match
  job finds its item's story here and counts nothing twice.
- ``story:{id}`` HASH: the first report's signature (``sig``), event time (``t``), first seen,
  report count, feeds; ``story:{id}:reports`` LIST of the reports (feed, title, link, reason).
- ``stories:recent`` ZSET story id -> first seen (listing, counts); ``stories:lines:{feed}``
  HASH line hash -> how many of the feed's items carried that short paragraph.

Assignment is optimistic and atomic: `lookup` reads the candidates in one script, the caller
decides, and `commit` writes in one script that first checks that no bucket of the report now
names a story the caller did not see (a report of the same event written meanwhile by another
worker). If one does, nothing is written and the caller decides again with the new candidates:
two reports of one event handled at once end in one story.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redis import Redis

from monitor.storage.codec import as_str
from monitor.storage.keys import Keys

DAY = 86400
REPORTS_KEPT = 50  # reports listed per story at most (the count goes on)
LINES_TTL = 30 * DAY

# KEYS: items hash of the event day, feed lines hash, band hashes of every day in the window
# ARGV: item digest, number of band fields, band fields..., line hashes...
_LOOKUP = """
local assigned = redis.call('HGET', KEYS[1], ARGV[1])
local nb = tonumber(ARGV[2])
local bands = {}
for i = 1, nb do bands[i] = ARGV[2 + i] end
local lines = {}
for i = 3 + nb, #ARGV - 1 do lines[#lines + 1] = ARGV[i] end
local prefix = ARGV[#ARGV]
local counts = {}
if #lines > 0 then counts = redis.call('HMGET', KEYS[2], unpack(lines)) end
local seen, out = {}, {}
for k = 3, (nb > 0 and #KEYS or 0) do
  local ids = redis.call('HMGET', KEYS[k], unpack(bands))
  for _, id in ipairs(ids) do
    if id and not seen[id] then
      seen[id] = true
      local rec = redis.call('HMGET', prefix .. id, 'sig', 't')
      if rec[1] then out[#out + 1] = id; out[#out + 1] = rec[1]; out[#out + 1] = rec[2] end
    end
  end
end
return {assigned or false, counts, out}
"""

# KEYS: items hash (event day), bands hash (event day), story, story reports, recent ZSET,
#       feed lines hash, band hashes of every day in the window
# ARGV: digest, story id, is_new, seen ids (space separated), ttl, now, feed, report JSON,
#       sig, t, first_seen, story key prefix, number of bands, bands..., line hashes...
_COMMIT = """
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then return {'done', existing} end
local sid, is_new, seen = ARGV[2], ARGV[3] == '1', ' ' .. ARGV[4] .. ' '
local nb = tonumber(ARGV[13])
local bands = {}
for i = 1, nb do bands[i] = ARGV[13 + i] end
if nb > 0 and ARGV[4] ~= '*' then
  for k = 7, #KEYS do
    for _, id in ipairs(redis.call('HMGET', KEYS[k], unpack(bands))) do
      if id and id ~= sid and not string.find(seen, ' ' .. id .. ' ', 1, true)
         and redis.call('EXISTS', ARGV[12] .. id) == 1 then
        return {'retry', id}
      end
    end
  end
end
if not is_new and redis.call('EXISTS', KEYS[3]) == 0 then return {'retry', sid} end
local ttl = tonumber(ARGV[5])
if is_new then
  redis.call('HSET', KEYS[3], 'sig', ARGV[9], 't', ARGV[10], 'first', ARGV[11], 'n', 0,
             'feeds', '')
  redis.call('ZADD', KEYS[5], ARGV[6], sid)
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. (tonumber(ARGV[6]) - ttl))
end
local n = redis.call('HINCRBY', KEYS[3], 'n', 1)
local feeds = redis.call('HGET', KEYS[3], 'feeds')
if not string.find(' ' .. feeds .. ' ', ' ' .. ARGV[7] .. ' ', 1, true) then
  feeds = (feeds == '' and ARGV[7]) or (feeds .. ' ' .. ARGV[7])
  redis.call('HSET', KEYS[3], 'feeds', feeds)
end
if n <= tonumber(ARGV[14 + nb]) then redis.call('RPUSH', KEYS[4], ARGV[8]) end
redis.call('EXPIRE', KEYS[3], ttl)
redis.call('EXPIRE', KEYS[4], ttl)
for i = 1, nb do redis.call('HSET', KEYS[2], bands[i], sid) end
redis.call('EXPIRE', KEYS[2], ttl)
redis.call('HSET', KEYS[1], ARGV[1], sid)
redis.call('EXPIRE', KEYS[1], ttl)
for i = 15 + nb, #ARGV do redis.call('HINCRBY', KEYS[6], ARGV[i], 1) end
if #ARGV >= 15 + nb then redis.call('EXPIRE', KEYS[6], LINES_TTL) end
return {is_new and 'new' or 'joined', sid, tostring(n), redis.call('HGET', KEYS[3], 'first'), feeds}
""".replace("LINES_TTL", str(LINES_TTL))


@dataclass(frozen=True)
class Candidate:
    """A story found through a shared LSH bucket: its id, first report's signature and time."""

    story_id: str
    signature: bytes
    time: float


@dataclass(frozen=True)
class Lookup:
    """What `StoryStore.lookup` found for one report."""

    assigned: str | None  # the item's story, if it was assigned before (a re-run)
    line_counts: dict[int, int]  # line hash -> items of the feed that carried it
    candidates: list[Candidate] = field(default_factory=list)


@dataclass(frozen=True)
class Committed:
    """The outcome of `StoryStore.commit`: the story as it stands after this report."""

    status: str  # "new", "joined", "done" (assigned before), or "retry" (decide again)
    story_id: str
    reports: int = 0
    first_seen: str = ""
    feeds: tuple[str, ...] = ()


def item_digest(item_key: str) -> bytes:
    """8 bytes standing for an item key in the items hash."""
    return hashlib.blake2b(item_key.encode(), digest_size=8).digest()


class StoryStore:
    """Stories of the last window, in Redis (see the module docstring for the layout)."""

    def __init__(self, redis: Redis, keys: Keys, window: float) -> None:
        self.redis = redis
        self.keys = keys
        self.window = window
        self._lookup = redis.register_script(_LOOKUP)
        self._commit = redis.register_script(_COMMIT)

    def _days(self, event_time: float) -> list[int]:
        first = int((event_time - self.window) // DAY)
        return list(range(first, int((event_time + self.window) // DAY) + 1))

    @property
    def ttl(self) -> int:
        """Seconds a bucket, record or mapping lives after its last write."""
        return int(self.window + DAY)

    def lookup(self, item_key: str, feed_id: str, event_time: float, bands: Sequence[bytes],
               lines: Sequence[int]) -> Lookup:
        """The item's earlier assignment, its lines' counts and the candidate stories."""
        day = int(event_time // DAY)
        keys = [self.keys.story_items(day), self.keys.story_lines(feed_id),
                *(self.keys.story_bands(d) for d in self._days(event_time))]
        args = [item_digest(item_key), len(bands), *bands, *(str(h) for h in lines),
                self.keys.story("")]
        assigned, counts, found = self._lookup(keys=keys, args=args)
        line_counts = {h: int(c) for h, c in zip(lines, counts, strict=False) if c is not None}
        cands = [Candidate(as_str(found[i]), bytes(found[i + 1]), float(found[i + 2]))
                 for i in range(0, len(found), 3)]
        return Lookup(as_str(assigned) if assigned else None, line_counts, cands)

    def commit(self, item_key: str, feed_id: str, story_id: str, *, is_new: bool,
               seen: Sequence[str] | None, event_time: float, bands: Sequence[bytes],
               signature: bytes, report: dict[str, Any], lines: Sequence[int],
               now: float | None = None) -> Committed:
        """Record the item in `story_id` (a new story with `signature` if `is_new`), unless a
        bucket of the report names a story not in `seen` (status "retry": decide again).
        `seen=None` skips that check (the last of a caller's attempts)."""
        now = time.time() if now is None else now
        day = int(event_time // DAY)
        keys = [self.keys.story_items(day), self.keys.story_bands(day), self.keys.story(story_id),
                self.keys.story_reports(story_id), self.keys.stories_recent,
                self.keys.story_lines(feed_id),
                *(self.keys.story_bands(d) for d in self._days(event_time))]
        checked = "*" if seen is None else " ".join(seen)
        args = [item_digest(item_key), story_id, "1" if is_new else "0", checked, self.ttl,
                f"{now:.3f}", feed_id,
                json.dumps(report, separators=(",", ":"), ensure_ascii=False), signature,
                f"{event_time:.0f}", _iso(now), self.keys.story(""), len(bands), *bands,
                REPORTS_KEPT, *(str(h) for h in lines)]
        reply = [as_str(v) for v in self._commit(keys=keys, args=args)]
        if reply[0] in ("retry", "done"):
            return Committed(reply[0], reply[1])
        return Committed(reply[0], reply[1], int(reply[2]), reply[3],
                         tuple(reply[4].split()) if reply[4] else ())

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story as `wirewatch stories` shows it, or None once it has expired."""
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.hmget(self.keys.story(story_id), "first", "n", "feeds")
            pipe.lrange(self.keys.story_reports(story_id), 0, -1)
            (first, n, feeds), reports = pipe.execute()
        if first is None:
            return None
        return {"id": story_id, "first_seen": as_str(first), "reports": int(n or 0),
                "feeds": as_str(feeds or b"").split(),
                "items": [json.loads(r) for r in reports]}

    def recent(self, since_seconds: float, now: float | None = None,
               limit: int = 1000) -> list[dict[str, Any]]:
        """Stories first seen in the last `since_seconds`, newest first."""
        now = time.time() if now is None else now
        ids = self.redis.zrevrangebyscore(self.keys.stories_recent, now, now - since_seconds,
                                          start=0, num=limit)
        found = (self.story(as_str(i)) for i in ids)
        return [s for s in found if s is not None]

    def counts(self, now: float | None = None) -> dict[str, int]:
        """Stories first seen within the window, and in the whole index."""
        now = time.time() if now is None else now
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.zcount(self.keys.stories_recent, now - self.window, "+inf")
            pipe.zcard(self.keys.stories_recent)
            window, indexed = pipe.execute()
        return {"stories_in_window": int(window), "stories_indexed": int(indexed)}


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))



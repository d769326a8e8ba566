"""The story index in Redis: LSH buckets, story records, item → story, per-feed line counts.

Layout (key names in `Keys`), each expiring a window and a day after its last write:

- bucket shards ``sb:{day}:{shard}`` HASH: 2 bytes of an LSH bucket -> story id, for reports
  whose event time falls on that day; the bucket's other 2 bytes name the shard (65,536 per
  day). Small hashes stay in Redis's listpack encoding, about 20 bytes a field instead of about
  60 in one big hash. A bucket keeps the latest story written to it: reports of one event
  arrive within hours, so that is the story a new report of the event is looking for. Story ids
  are stored bare (hex, without ``story_``).
- item shards ``si:{day}:{shard}`` HASH: 6 bytes of an item key's digest -> story id (4,096
  shards a day). A re-run
  of a match job finds its item's story here and counts nothing twice.
- day marks ``sb:d{day}`` STRING, set with every bucket of that day and expiring with the
  last: a lookup reads the buckets of the days that have one and skips the others (the days
  of a window after now, mostly). ``sb:since`` says from when every bucket has its day's mark
  ("fresh": from the start; set by `StoryStore` when it opens an index without one); until
  then, or without it, every day is read.
- ``story:{id}`` LIST: a header ``"<event time> <first seen> <reports> <feed> <feed>…"``, the
  first report's signature, then one JSON entry per report: item key, feed, reason.
- ``stories:new:{hour}`` LIST of the ids of the stories first seen in that hour (listing and
  counts); ``stories:lines:{feed}`` HASH line hash -> how many of the feed's items carried that
  short paragraph.

Assignment is optimistic and atomic: `lookup` reads the candidates in one script, the caller
decides, and `commit` writes in one script that first checks that no bucket of the report now
names a story the caller did not see (a report of the same event written meanwhile by another
worker). If one does, nothing is written and the caller decides again with the candidates as
they are now: two reports of one event handled at once end in one story. (The scripts build
the names of bucket and story keys themselves, few arguments being far cheaper to send than a
hundred key names, so the index needs one Redis, not a Cluster.)
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
HOUR = 3600
MAX_CANDIDATES = 8  # stories compared per report: those sharing the most buckets with it
ID_PREFIX = "story_"  # the public form of a story id; the index stores the bare hex
LINES_TTL = 30 * DAY
_SIG, _REPORTS = 1, 2  # positions in a story's LIST

_SHARED = """
-- Each band once: its shard's name after the day, and its field in that shard. The bucket of
-- (day, band) is the key prefix .. day .. ':' .. shard[i], field field[i].
local function shards(bands)
  local shard, field = {}, {}
  for i, band in ipairs(bands) do
    shard[i] = string.format('%02x%02x', band:byte(1), band:byte(2))
    field[i] = band:sub(3, 4)
  end
  return shard, field
end

-- Write one report into story `sid` (a new story with head `t first 0` and signature `sig`):
-- its entry, the story's count and feeds, its buckets, the item -> story mapping, the feed's
-- line counts. Returns nil when the story to join has expired meanwhile.
local function record(k, a)
  local head
  if a.is_new then
    head = a.t .. ' ' .. a.first .. ' 0'
    redis.call('RPUSH', k.story, head, a.sig)
    redis.call('RPUSH', k.new, a.sid)
    redis.call('EXPIRE', k.new, a.ttl)
  else
    head = redis.call('LINDEX', k.story, 0)
    if not head then return nil end
  end
  local t, first, n, feeds = string.match(head, '^(%S+) (%S+) (%d+) ?(.*)$')
  n = tonumber(n) + 1
  if not string.find(' ' .. feeds .. ' ', ' ' .. a.feed .. ' ', 1, true) then
    feeds = (feeds == '' and a.feed) or (feeds .. ' ' .. a.feed)
  end
  redis.call('LSET', k.story, 0, t .. ' ' .. first .. ' ' .. n .. ' ' .. feeds)
  redis.call('RPUSH', k.story, a.report)
  redis.call('EXPIRE', k.story, a.ttl)
  local shard, field = shards(a.bands)
  local p = a.bprefix .. a.day .. ':'
  for i = 1, #shard do
    local key = p .. shard[i]
    redis.call('HSET', key, field[i], a.sid)
    redis.call('EXPIRE', key, a.ttl)
  end
  -- the day has buckets: its mark lives at least as long as they do
  if #shard > 0 then
    redis.call('SET', a.bprefix .. 'd' .. a.day, '1', 'EX', a.ttl)
    redis.call('EXPIRE', a.bprefix .. 'since', a.ttl)  -- the index mark lives as long, if set
  end
  redis.call('HSET', k.items, a.field, a.sid)
  redis.call('EXPIRE', k.items, a.ttl)
  -- who wrote last (this item, on this day: no other write can leave the same token)
  redis.call('SET', a.bprefix .. 'last', k.items .. ' ' .. a.field, 'EX', a.ttl)
  for _, line in ipairs(a.lines) do redis.call('HINCRBY', k.lines, line, 1) end
  if #a.lines > 0 then redis.call('EXPIRE', k.lines, LINES_TTL) end
  return {a.is_new and 'new' or 'joined', a.sid, tostring(n), first, feeds}
end

-- The common arguments of both scripts, ARGV[1] to ARGV[16]: item field, story id, ttl, now,
-- feed, report JSON, signature, event time, first seen, story key prefix, bucket key prefix,
-- event day, first day, last day of the window, the bands (4 bytes each, concatenated), the
-- line hashes (separated by spaces). One argument for all bands and one for all lines: each
-- argument costs the client more to send than the bytes in it.
local function args()
  local a = {field = ARGV[1], sid = ARGV[2], ttl = tonumber(ARGV[3]), now = ARGV[4],
             feed = ARGV[5], report = ARGV[6], sig = ARGV[7], t = ARGV[8], first = ARGV[9],
             prefix = ARGV[10], bprefix = ARGV[11], day = ARGV[12],
             first_day = tonumber(ARGV[13]), last_day = tonumber(ARGV[14]),
             bands = {}, lines = {}}
  local blob = ARGV[15]
  for i = 1, #blob / 4 do a.bands[i] = blob:sub(4 * i - 3, 4 * i) end
  for line in string.gmatch(ARGV[16], '%S+') do a.lines[#a.lines + 1] = line end
  return a
end

-- The days of the window that may hold buckets. A day's mark (sb:d{day}) is set with its
-- buckets and outlives them, so a day without a mark has none and is skipped: most of a
-- window's days (those after now, at least) are empty. Only trusted once every bucket was
-- written with its mark: the index mark sb:since says "fresh" (no bucket when marks began) or
-- when marks began (then trusted a TTL later, when older buckets have expired); without it,
-- every day is read.
local function live_days(a)
  local keys = {a.bprefix .. 'since'}
  for day = a.first_day, a.last_day do keys[#keys + 1] = a.bprefix .. 'd' .. day end
  local got = redis.call('MGET', unpack(keys))
  local since = got[1]
  local trusted = since == 'fresh'
                  or (since and tonumber(a.now) - tonumber(since) > a.ttl) or false
  local live = {}
  for day = a.first_day, a.last_day do
    live[day] = (not trusted) or got[day - a.first_day + 2] ~= false
  end
  return live
end

-- Story ids in the buckets of the bands on each day of the window, in the order read (day by
-- day, band by band): `visit(id)` for each, until it returns something.
local function each_bucket(a, visit)
  local shard, field = shards(a.bands)
  local live = live_days(a)
  for day = a.first_day, a.last_day do
    if live[day] then
      local p = a.bprefix .. day .. ':'
      for i = 1, #shard do
        local id = redis.call('HGET', p .. shard[i], field[i])
        if id then
          local stop = visit(id)
          if stop then return stop end
        end
      end
    end
  end
end
""".replace("LINES_TTL", str(LINES_TTL))
_KEYS = "local k = {items = KEYS[1], story = KEYS[2], new = KEYS[3], lines = KEYS[4]}\n"

# KEYS: item shard, story (the new one's), this hour's list of new stories, feed lines hash
# ARGV: the common arguments, then: create ("1": start the story at once if no candidate and no
#       line recurs `threshold` times), threshold
_LOOKUP = _SHARED + _KEYS + """
local a = args()
local create, threshold = ARGV[#ARGV - 1] == '1', tonumber(ARGV[#ARGV])
local assigned = redis.call('HGET', k.items, a.field)
local counts = {}
if #a.lines > 0 then counts = redis.call('HMGET', k.lines, unpack(a.lines)) end
local votes, ids, out = {}, {}, {}
each_bucket(a, function(id)
  if not votes[id] then votes[id] = 0; ids[#ids + 1] = id end
  votes[id] = votes[id] + 1
end)
if create and not assigned and #ids == 0 then
  local recurs = false
  for _, c in ipairs(counts) do
    if c and tonumber(c) >= threshold then recurs = true end
  end
  if not recurs then
    a.is_new = true
    return {false, counts, {}, record(k, a), false}
  end
end
table.sort(ids, function(x, y) return votes[x] > votes[y] end)
for i = 1, math.min(#ids, MAX_CANDIDATES) do
  local head = redis.call('LRANGE', a.prefix .. ids[i], 0, 1)
  if #head == 2 then
    out[#out + 1] = ids[i]; out[#out + 1] = head[2]
    out[#out + 1] = string.match(head[1], '^%S+')
  end
end
-- every story in the buckets is a candidate: the last writer's token lets the commit skip its
-- check if nothing was written since (then the buckets hold only these stories)
local token = false
if #ids <= MAX_CANDIDATES then token = redis.call('GET', a.bprefix .. 'last') or '' end
return {assigned or false, counts, out, false, token}
""".replace("MAX_CANDIDATES", str(MAX_CANDIDATES))

# KEYS: item shard, story, this hour's list of new stories, feed lines hash
# ARGV: the common arguments, then: is_new, seen ids (" a b ", or "*": do not check), the
#       last writer's token when the lookup that saw them returned every story of the buckets
#       ("-" for none; "" if nothing had been written)
_COMMIT = _SHARED + _KEYS + """
local a = args()
a.is_new = ARGV[#ARGV - 2] == '1'
local seen, token = ARGV[#ARGV - 1], ARGV[#ARGV]
local existing = redis.call('HGET', k.items, a.field)
if existing then return {'done', existing} end
local unchanged = token ~= '-' and (redis.call('GET', a.bprefix .. 'last') or '') == token
if a.is_new and seen ~= '*' and not unchanged then
  -- a join needs no check: its story was there before; nor a report whose lookup saw every
  -- story of its buckets, when nothing has been written since
  local other = each_bucket(a, function(id)
    if id ~= a.sid and not string.find(seen, ' ' .. id .. ' ', 1, true)
       and redis.call('EXISTS', a.prefix .. id) == 1 then
      return id
    end
  end)
  if other then return {'retry', other} end
end
return record(k, a) or {'retry', a.sid}
"""


@dataclass(frozen=True)
class Candidate:
    """A story found through a shared LSH bucket: its id, first report's signature and time."""

    story_id: str
    signature: bytes
    time: float


@dataclass(frozen=True)
class NewStory:
    """What `StoryStore.lookup` needs to start a story at once when nothing else is there."""

    story_id: str
    signature: bytes
    report: dict[str, Any]
    recurring_at: int  # a line counted this often is the feed's boilerplate: decide first


@dataclass(frozen=True)
class Lookup:
    """What `StoryStore.lookup` found for one report."""

    assigned: str | None  # the item's story, if it was assigned before (a re-run)
    line_counts: dict[int, int]  # line hash -> items of the feed that carried it
    candidates: list[Candidate] = field(default_factory=list)
    created: Committed | None = None  # the story started by the lookup itself
    # the index's last writer as the lookup saw it, when the candidates were every story in
    # the buckets (pass it to `commit`: if nobody wrote since, it need not check them again)
    token: bytes | None = None


@dataclass(frozen=True)
class Committed:
    """The outcome of `StoryStore.commit`: the story as it stands after this report."""

    status: str  # "new", "joined", "done" (assigned before), or "retry" (decide again)
    story_id: str
    reports: int = 0
    first_seen: str = ""
    feeds: tuple[str, ...] = ()


def _committed(reply: Sequence[Any]) -> Committed:
    values = [as_str(v) for v in reply]
    if values[0] in ("retry", "done"):
        return Committed(values[0], ID_PREFIX + values[1])
    return Committed(values[0], ID_PREFIX + values[1], int(values[2]), values[3],
                     tuple(values[4].split()) if values[4] else ())


def _item_field(item_key: str) -> tuple[str, bytes]:
    """(shard, field) of an item key: 8 bytes of its digest, the first 12 bits name one of
    4,096 shards per day (a million items in a window: about 60 a shard)."""
    digest = hashlib.blake2b(item_key.encode(), digest_size=8).digest()
    return digest[:2].hex()[:3], digest[2:]


def _bare(story_id: str) -> str:
    return story_id.removeprefix(ID_PREFIX)


class StoryStore:
    """Stories of the last window, in Redis (see the module docstring for the layout)."""

    def __init__(self, redis: Redis, keys: Keys, window: float) -> None:
        self.redis = redis
        self.keys = keys
        self.window = window
        self._lookup = redis.register_script(_LOOKUP)
        self._commit = redis.register_script(_COMMIT)
        self._mark_days()

    def _mark_days(self) -> None:
        """Set the index mark that lets lookups skip days without buckets (see `live_days` in
        the scripts), once per Redis: "fresh" if no bucket exists yet, else the time from
        which every bucket is written with its day's mark (buckets of an index written before
        day marks existed expire a TTL later). Until it is set, every day is read. It expires
        with the index (every write renews it); after an idle TTL, the next process to open
        the store sets it again."""
        mark = self.keys.story_days_since
        if self.redis.exists(mark):
            return
        # one pass over the keyspace, the first time only; it stops at the first bucket found
        found = next(self.redis.scan_iter(match=self.keys.story_bands_prefix + "[0-9]*",
                                          count=1000), None)
        self.redis.set(mark, "fresh" if found is None else f"{time.time():.0f}", nx=True,
                       ex=self.ttl)

    @property
    def ttl(self) -> int:
        """Seconds a bucket, record or mapping lives after its last write."""
        return int(self.window + DAY)

    def _days(self, event_time: float) -> tuple[int, int]:
        return (int((event_time - self.window) // DAY), int((event_time + self.window) // DAY))

    def lookup(self, item_key: str, feed_id: str, event_time: float, bands: Sequence[bytes],
               lines: Sequence[int], *, start: NewStory | None = None,
               now: float | None = None) -> Lookup:
        """The item's earlier assignment, its lines' counts and the candidate stories. With
        `start`, when there is no candidate and no line recurs `start.recurring_at` times, the
        new story is started in the same script (`Lookup.created`): one round trip for the
        report of a new event, and nothing can come between the look and the write."""
        story_id = start.story_id if start else ID_PREFIX
        keys, args = self._request(item_key, feed_id, story_id, event_time, bands, lines,
                                   start.signature if start else b"",
                                   start.report if start else {}, now)
        args += ["1" if start else "0", start.recurring_at if start else 0]
        assigned, counts, found, created, token = self._lookup(keys=keys, args=args)
        line_counts = {h: int(c) for h, c in zip(lines, counts, strict=False) if c is not None}
        cands = [Candidate(ID_PREFIX + as_str(found[i]), bytes(found[i + 1]),
                           float(found[i + 2])) for i in range(0, len(found), 3)]
        return Lookup(ID_PREFIX + as_str(assigned) if assigned else None, line_counts, cands,
                      _committed(created) if created else None,
                      bytes(token) if token is not None and token is not False else None)

    def commit(self, item_key: str, feed_id: str, story_id: str, *, is_new: bool,
               seen: Sequence[str] | None, event_time: float, bands: Sequence[bytes],
               signature: bytes, report: dict[str, Any], lines: Sequence[int],
               now: float | None = None, token: bytes | None = None) -> Committed:
        """Record the item in `story_id` (a new story with `signature` if `is_new`), unless it
        would start a story while a bucket of the report names a story not in `seen` (status
        "retry": decide again). `seen=None` skips that check (the last of a caller's attempts).
        Joining needs no check: the story joined existed when the other worker looked too.
        Nor does a report whose last lookup gave `token` (`Lookup.token`, its stories all in
        `seen`) if nothing has been written to the index since: the buckets are as it saw."""
        keys, args = self.commit_request(item_key, feed_id, story_id, is_new=is_new, seen=seen,
                                         event_time=event_time, bands=bands,
                                         signature=signature, report=report, lines=lines,
                                         now=now, token=token)
        return _committed(self._commit(keys=keys, args=args))

    def commit_request(self, item_key: str, feed_id: str, story_id: str, *, is_new: bool,
                       seen: Sequence[str] | None, event_time: float, bands: Sequence[bytes],
                       signature: bytes, report: dict[str, Any], lines: Sequence[int],
                       now: float | None = None,
                       token: bytes | None = None) -> tuple[list[str], list[Any]]:
        """The commit script's keys and arguments (see `commit`; `bench/stories.py` pipelines
        them to fill an index)."""
        keys, args = self._request(item_key, feed_id, story_id, event_time, bands, lines,
                                   signature, report, now)
        checked = "*" if seen is None else " " + " ".join(_bare(s) for s in seen) + " "
        return keys, [*args, "1" if is_new else "0", checked, b"-" if token is None else token]

    def _request(self, item_key: str, feed_id: str, story_id: str, event_time: float,
                 bands: Sequence[bytes], lines: Sequence[int], signature: bytes,
                 report: dict[str, Any], now: float | None) -> tuple[list[str], list[Any]]:
        """Keys and the common arguments of both scripts (see `_SHARED`)."""
        now = time.time() if now is None else now
        shard, item_field = _item_field(item_key)
        keys = [self.keys.story_items(int(event_time // DAY), shard),
                self.keys.story(ID_PREFIX + _bare(story_id)),
                self.keys.stories_new(int(now // HOUR)), self.keys.story_lines(feed_id)]
        args = [item_field, _bare(story_id), self.ttl, f"{now:.3f}", feed_id,
                json.dumps(report, separators=(",", ":"), ensure_ascii=False), signature,
                f"{event_time:.0f}", _iso(now), self.keys.story(ID_PREFIX),
                self.keys.story_bands_prefix, int(event_time // DAY), *self._days(event_time),
                b"".join(bands), " ".join(str(h) for h in lines)]
        return keys, args

    @property
    def commit_script(self) -> Any:
        """The registered commit script (callable with `keys`, `args` and a `client`)."""
        return self._commit

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story with its reports, or None once it has expired."""
        raw = self.redis.lrange(self.keys.story(ID_PREFIX + _bare(story_id)), 0, -1)
        if len(raw) < _REPORTS:
            return None
        _, first, n, *feeds = as_str(raw[0]).split(" ")
        return {"id": story_id, "first_seen": first, "reports": int(n),
                "feeds": [f for f in feeds if f],
                "items": [json.loads(r) for r in raw[_REPORTS:]]}

    def _new_ids(self, since_seconds: float, now: float) -> list[list[bytes]]:
        """Per hour, newest hour first, the ids of the stories first seen in it."""
        hours = range(int(now // HOUR), int((now - since_seconds) // HOUR) - 1, -1)
        with self.redis.pipeline(transaction=False) as pipe:
            for hour in hours:
                pipe.lrange(self.keys.stories_new(hour), 0, -1)
            return pipe.execute()

    def recent(self, since_seconds: float, now: float | None = None,
               limit: int = 1000) -> list[dict[str, Any]]:
        """Stories first seen in the last `since_seconds` (to the hour), newest first."""
        now = time.time() if now is None else now
        since_seconds = min(since_seconds, self.ttl)  # older lists have expired
        ids = [i for hour in self._new_ids(since_seconds, now) for i in reversed(hour)]
        found = (self.story(ID_PREFIX + as_str(i)) for i in ids[:limit])
        return [s for s in found if s is not None]

    def counts(self, now: float | None = None) -> dict[str, int]:
        """Stories first seen within the window (to the hour)."""
        now = time.time() if now is None else now
        with self.redis.pipeline(transaction=False) as pipe:
            for hour in range(int((now - self.window) // HOUR), int(now // HOUR) + 1):
                pipe.llen(self.keys.stories_new(hour))
            return {"stories_in_window": sum(pipe.execute())}


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))

"""Redis stores: seen items (atomic with enqueue), feed state, alerts, deliveries, dead letters."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from redis import Redis
from redis.client import Pipeline
from redis.exceptions import WatchError

from monitor.models import DeliveryState, Item
from monitor.storage.codec import as_str, decode_hash
from monitor.storage.keys import Keys

# Item keys (and alias keys) remembered per feed, the most recently listed first. Listed items
# are refreshed on every parse, so none is forgotten while its feed lists it as long as the feed
# lists at most this many keys: twice `monitor.ingest.parse.MAX_ITEMS`, room for an alias each.
SEEN_KEEP_PER_FEED = 20_000
EnqueueInPipeline = Callable[[Pipeline, list[Item]], None]
# (feed id, items, link digests of the feed's other current items) -> item key -> alias key
AliasPolicy = Callable[[str, Sequence[Item], Iterable[bytes]], dict[str, str]]


class SeenItems:
    """Which items of a feed were already handed to the workers."""

    def __init__(self, redis: Redis, keys: Keys, aliases: AliasPolicy | None = None) -> None:
        self.redis = redis
        self.keys = keys
        self.aliases = aliases

    def enqueue_new(self, feed_id: str, items: Sequence[Item], enqueue: EnqueueInPipeline,
                    now: float | None = None, other_links: Iterable[bytes] = (),
                    listed: Iterable[str] = ()) -> list[Item]:
        """Mark the unseen items seen and enqueue them in ONE transaction; return them.

        A crash before EXEC leaves nothing marked and nothing queued (the next poll retries);
        after EXEC both happened. WATCH makes two pollers racing on a feed enqueue each item once.
        With an alias policy (`monitor.ingest.itemkey.link_aliases`), an item is also seen when
        its alias was: some publishers mint a new guid when they edit a title. `other_links` is
        passed on to the policy.

        The feed's current items (`items` with their aliases, and the keys in `listed`, items
        known from the last parse) get `now` as their score: the set is trimmed to the SEEN_KEEP_PER_FEED most
        recently listed, so an item still in the feed is never forgotten and alerted again.
        """
        key = self.keys.seen(feed_id)
        now = time.time() if now is None else now
        unique = list({item.key: item for item in items}.values())
        aliases = self.aliases(feed_id, unique, other_links) if self.aliases else {}
        # aliases too: a parsed item's alias must outlive churn as long as the item is listed
        current = dict.fromkeys([*listed, *(item.key for item in unique), *aliases.values()],
                                now)
        while True:
            with self.redis.pipeline() as pipe:
                try:
                    pipe.watch(key)
                    fresh = self._unseen(pipe, key, unique, aliases)
                    if not fresh:
                        pipe.unwatch()
                        self.touch(feed_id, current, now)
                        return []
                    pipe.multi()
                    members = {item.key: now for item in fresh}
                    members.update({aliases[i.key]: now for i in fresh if i.key in aliases})
                    pipe.zadd(key, members, nx=True)
                    pipe.zadd(key, current, xx=True)
                    pipe.zremrangebyrank(key, 0, -SEEN_KEEP_PER_FEED - 1)
                    enqueue(pipe, fresh)
                    pipe.execute()
                    return fresh
                except WatchError:
                    continue

    def touch(self, feed_id: str, keys: Iterable[str], now: float) -> None:
        """Record that the feed still lists these seen keys (unknown keys are not added)."""
        members = dict.fromkeys(keys, now)
        if members:
            self.redis.zadd(self.keys.seen(feed_id), members, xx=True)

    @staticmethod
    def _unseen(pipe: Pipeline, key: str, items: Sequence[Item],
                aliases: dict[str, str]) -> list[Item]:
        if not items:
            return []
        members = [item.key for item in items] + list(aliases.values())
        scores = dict(zip(members, pipe.zmscore(key, members), strict=True))
        return [item for item in items if scores[item.key] is None
                and (item.key not in aliases or scores[aliases[item.key]] is None)]

    def count(self, feed_id: str) -> int:
        """How many item keys are remembered for a feed."""
        return int(self.redis.zcard(self.keys.seen(feed_id)))


class FeedStates:
    """Per-feed poll state (validators, last result, error streak) as a Redis hash."""

    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.redis = redis
        self.keys = keys

    def get(self, feed_id: str) -> dict[str, str]:
        """The stored state, empty for a feed never polled."""
        return decode_hash(self.redis.hgetall(self.keys.feed_state(feed_id)))

    def update(self, feed_id: str, fields: dict[str, Any], *, drop: Iterable[str] = (),
               pipe: Pipeline | None = None) -> None:
        """Set some fields (None deletes) and delete `drop` (inside `pipe` if given)."""
        key = self.keys.feed_state(feed_id)
        values = {k: str(v) for k, v in fields.items() if v is not None}
        removed = [k for k, v in fields.items() if v is None] + list(drop)
        target = pipe if pipe is not None else self.redis.pipeline()
        if values:
            target.hset(key, mapping=values)
        if removed:
            target.hdel(key, *removed)
        if pipe is None:
            target.execute()



def _score_arg(when: float) -> str:
    """A time as a Lua script argument: exact (repr), or "inf"."""
    return repr(when) if when != float("inf") else "inf"


@dataclass(frozen=True)
class Claim:
    """A feed claimed by this poller until `expires`; `token` proves ownership."""

    feed_id: str
    token: str


class FeedSchedule:
    """Due times of feeds in a ZSET, and leases so that no feed is polled twice at once."""

    _RELEASE = """
    if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
    return 0
    """

    # Claim only a feed that is still due: a poller that read `due()` just before another one
    # finished and rescheduled the feed must not fetch it a second time in the same round.
    _CLAIM = """
    local due = redis.call('zscore', KEYS[1], ARGV[1])
    if not due or tonumber(due) > tonumber(ARGV[2]) then return 0 end
    if redis.call('set', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then return 1 end
    return 0
    """

    # The claim above, returning the feed's state hash as well: a poll's first round trip.
    _CLAIM_READ = _CLAIM.replace("return 1", "return redis.call('hgetall', KEYS[3])")

    # Due feeds that no poller holds, earliest first, and the earliest due time of all. Pollers
    # pick from this instead of the bare due list, so they do not all try to claim the feeds
    # another poller is fetching right now (a failed claim costs a thread and a round trip).
    # The scan is bounded: at most ARGV[4] schedule entries are looked at.
    _CANDIDATES = """
    local found, offset, page = {}, 0, tonumber(ARGV[3])
    local want, cap = tonumber(ARGV[2]), tonumber(ARGV[4])
    while #found < want and offset < cap do
        local ids = redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], 'LIMIT', offset, page)
        for _, id in ipairs(ids) do
            if redis.call('exists', ARGV[5] .. id) == 0 then
                found[#found + 1] = id
                if #found >= want then break end
            end
        end
        if #ids < page then break end
        offset = offset + page
    end
    local first = redis.call('zrange', KEYS[1], 0, 0, 'WITHSCORES')
    return {found, first[2] or false}
    """

    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.redis = redis
        self.keys = keys
        self._release = redis.register_script(self._RELEASE)
        self._claim = redis.register_script(self._CLAIM)
        self._claim_read = redis.register_script(self._CLAIM_READ)
        self._candidates = redis.register_script(self._CANDIDATES)

    def sync(self, feed_ids: Iterable[str], now: float) -> None:
        """Add new feeds (due now), drop feeds no longer configured; keep others' due times."""
        wanted = set(feed_ids)
        current = {as_str(m) for m in self.redis.zrange(self.keys.schedule, 0, -1)}
        with self.redis.pipeline() as pipe:
            for feed_id in wanted - current:
                pipe.zadd(self.keys.schedule, {feed_id: now}, nx=True)
            gone = current - wanted
            if gone:
                pipe.zrem(self.keys.schedule, *gone)
            pipe.execute()

    def due(self, now: float, limit: int = 1000) -> list[str]:
        """Feed ids whose due time has come, earliest first."""
        ids = self.redis.zrangebyscore(self.keys.schedule, "-inf", now, start=0, num=limit)
        return [as_str(i) for i in ids]

    def claim(self, feed_id: str, token: str, lease_seconds: float,
              now: float = float("inf")) -> Claim | None:
        """Take the lease on a feed that is due at `now` (any time by default), or None if it is
        not due any more or another poller holds it."""
        ok = self._claim(keys=[self.keys.schedule, self.keys.lease(feed_id)],
                         args=[feed_id, _score_arg(now), token,
                               max(1, int(lease_seconds * 1000))])
        return Claim(feed_id, token) if ok else None

    def claim_and_read(self, feed_id: str, token: str, lease_seconds: float, now: float,
                       ) -> tuple[Claim, dict[str, str]] | None:
        """`claim`, and on success the feed's state (`FeedStates.get`) from the same round trip."""
        raw = self._claim_read(keys=[self.keys.schedule, self.keys.lease(feed_id),
                                     self.keys.feed_state(feed_id)],
                               args=[feed_id, _score_arg(now), token,
                                     max(1, int(lease_seconds * 1000))])
        if not isinstance(raw, list):  # 0: not due, or held by another poller
            return None
        pairs = iter(raw)
        return Claim(feed_id, token), {as_str(k): as_str(v) for k, v in zip(pairs, pairs, strict=True)}

    def candidates(self, now: float, limit: int, scan: int = 5000,
                   ) -> tuple[list[str], float | None]:
        """Up to `limit` due feeds that no poller holds, earliest first (looking at no more than
        `scan` due entries), and the earliest due time of any feed (None if none)."""
        page = max(1, min(max(16, limit * 2), scan))
        ids, first = self._candidates(keys=[self.keys.schedule],
                                      args=[_score_arg(now), limit, page, scan,
                                            self.keys.lease("")])
        return [as_str(i) for i in ids], (float(first) if first else None)

    def reschedule(self, claim: Claim, due: float, pipe: Pipeline | None = None) -> None:
        """Set the next due time, then give the lease back (inside `pipe` if given)."""
        target = pipe if pipe is not None else self.redis
        target.zadd(self.keys.schedule, {claim.feed_id: due}, xx=True)
        self._release(keys=[self.keys.lease(claim.feed_id)], args=[claim.token], client=pipe)

    def next_due(self, feed_id: str) -> float | None:
        """When a feed is due next, if scheduled."""
        score = self.redis.zscore(self.keys.schedule, feed_id)
        return None if score is None else float(score)

    def earliest(self) -> float | None:
        """The earliest due time of any feed."""
        first = self.redis.zrange(self.keys.schedule, 0, 0, withscores=True)
        return float(first[0][1]) if first else None


class AlertStore:
    """Alerts written once, delivery state per (alert, destination), dead letters."""

    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.redis = redis
        self.keys = keys

    def create(self, alert: dict[str, Any], destinations: Sequence[str],
               enqueue: Callable[[Pipeline, str], None], meta: dict[str, Any] | None = None) -> bool:
        """Store the alert and enqueue one delivery per destination, atomically, only if new.

        Returns False when the alert already exists (a re-run of the match job after a crash,
        or the same item enqueued twice): nothing is created or delivered twice.
        """
        key = self.keys.alert(alert["id"])
        while True:
            with self.redis.pipeline() as pipe:
                try:
                    pipe.watch(key)
                    if pipe.exists(key):
                        pipe.unwatch()
                        return False
                    pipe.multi()
                    pipe.set(key, json.dumps(alert, separators=(",", ":"), ensure_ascii=False))
                    pipe.zadd(self.keys.alerts_index, {alert["id"]: time.time()})
                    for dest in destinations:
                        fields = {k: v for k, v in (meta or {}).items() if v is not None}
                        pipe.hset(self.keys.delivery(alert["id"], dest),
                                  mapping={"status": DeliveryState.PENDING.value, "attempts": 0,
                                           **fields})
                        enqueue(pipe, dest)
                    pipe.execute()
                    return True
                except WatchError:
                    # another worker wrote the key, or the connection dropped mid-transaction
                    # (redis-py reports both so): look again rather than assume it exists
                    continue

    def get(self, alert_id: str) -> dict[str, Any] | None:
        """The alert payload, if it exists."""
        raw = self.redis.get(self.keys.alert(alert_id))
        return None if raw is None else json.loads(raw)

    def delivery(self, alert_id: str, destination_id: str) -> dict[str, str]:
        """Delivery state of one (alert, destination)."""
        return decode_hash(self.redis.hgetall(self.keys.delivery(alert_id, destination_id)))

    def record_attempt(self, alert_id: str, destination_id: str, fields: dict[str, Any]) -> int:
        """Count one attempt and store its outcome; returns the attempt number."""
        key = self.keys.delivery(alert_id, destination_id)
        with self.redis.pipeline() as pipe:
            pipe.hincrby(key, "attempts", 1)
            pipe.hset(key, mapping={k: str(v) for k, v in fields.items() if v is not None})
            attempts, _ = pipe.execute()
        return int(attempts)

    def note(self, alert_id: str, destination_id: str, fields: dict[str, Any]) -> None:
        """Store fields on a delivery without counting an attempt."""
        self.redis.hset(self.keys.delivery(alert_id, destination_id),
                        mapping={k: str(v) for k, v in fields.items() if v is not None})

    def mark(self, alert_id: str, destination_id: str, status: DeliveryState, *,
             pipe: Pipeline | None = None) -> None:
        """Set a delivery's status; DEAD also files it among the dead letters."""
        target = pipe if pipe is not None else self.redis.pipeline()
        member = f"{alert_id}|{destination_id}"
        target.hset(self.keys.delivery(alert_id, destination_id),
                    mapping={"status": status.value, "updated_at": f"{time.time():.3f}"})
        if status is DeliveryState.DEAD:
            target.zadd(self.keys.dead_letters, {member: time.time()})
        else:
            target.zrem(self.keys.dead_letters, member)
        if pipe is None:
            target.execute()

    def schedule(self, alert_id: str, destination_id: str, enqueue: Callable[[Pipeline], None],
                 *, retry_at: float | None = None) -> None:
        """Queue a later attempt (`enqueue` adds the job to the transaction). With `retry_at`
        the delivery is marked RETRYING with its next attempt time, in the same transaction."""
        with self.redis.pipeline() as pipe:
            pipe.multi()  # RQ's enqueue wants MULTI before any queued command
            if retry_at is not None:
                self.mark(alert_id, destination_id, DeliveryState.RETRYING, pipe=pipe)
                pipe.hset(self.keys.delivery(alert_id, destination_id), "next_attempt_at",
                          f"{retry_at:.3f}")
            enqueue(pipe)
            pipe.execute()

    def replay(self, alert_id: str, destination_id: str,
               enqueue: Callable[[Pipeline], None]) -> None:
        """A dead letter back to PENDING with its attempts reset, and its first attempt queued."""
        key = self.keys.delivery(alert_id, destination_id)
        with self.redis.pipeline() as pipe:
            pipe.multi()
            pipe.hset(key, mapping={"attempts": 0})
            pipe.hincrby(key, "replays", 1)
            self.mark(alert_id, destination_id, DeliveryState.PENDING, pipe=pipe)
            enqueue(pipe)
            pipe.execute()

    def dead_letters(self) -> list[tuple[str, str, float]]:
        """(alert id, destination id, when) of every dead letter, oldest first."""
        rows = self.redis.zrange(self.keys.dead_letters, 0, -1, withscores=True)
        out = []
        for member, score in rows:
            alert_id, _, dest = as_str(member).partition("|")
            out.append((alert_id, dest, float(score)))
        return out

    def count(self) -> int:
        """How many alerts were ever created (within retention)."""
        return int(self.redis.zcard(self.keys.alerts_index))


class DestinationStates:
    """Per-destination counters and the disabled flag (set when a receiver answers 410)."""

    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.redis = redis
        self.keys = keys

    def get(self, destination_id: str) -> dict[str, str]:
        """Counters and flags of a destination."""
        return decode_hash(self.redis.hgetall(self.keys.destination(destination_id)))

    def count(self, destination_id: str, outcome: str, *, pipe: Pipeline | None = None) -> None:
        """Add one to `delivered`, `failed` or `dead` (in the caller's `pipe`, if given)."""
        (pipe if pipe is not None else self.redis).hincrby(
            self.keys.destination(destination_id), outcome, 1)

    def disable(self, destination_id: str, reason: str) -> None:
        """Stop delivering to a destination until it is re-enabled (410 Gone)."""
        self.redis.hset(self.keys.destination(destination_id),
                        mapping={"disabled": "1", "disabled_reason": reason,
                                 "disabled_at": f"{time.time():.3f}"})

    def enable(self, destination_id: str) -> None:
        """Clear the disabled flag."""
        self.redis.hdel(self.keys.destination(destination_id), "disabled", "disabled_reason",
                        "disabled_at")

    def disabled_reason(self, destination_id: str) -> str | None:
        """Why a destination is disabled, or None when it is enabled."""
        raw = self.redis.hmget(self.keys.destination(destination_id), "disabled", "disabled_reason")
        return as_str(raw[1] or b"disabled") if raw[0] else None

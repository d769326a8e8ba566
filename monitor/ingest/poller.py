"""The poller: claim due feeds, fetch, parse, enqueue new items, reschedule.

Any number of pollers share one Redis: a feed is fetched only by the poller holding its lease.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from redis import Redis
from redis.client import Pipeline
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from monitor.backoff import feed_backoff
from monitor.config import Config
from monitor.errors import FetchError, UnsafeURLError
from monitor.ingest.fetch import FetchResult, Validators, fetch_feed
from monitor.ingest.itemkey import link_aliases
from monitor.ingest.parse import ParsedFeed, parse_feed
from monitor.models import Item
from monitor.net.addresses import feed_url_for_logs, redact_url
from monitor.net.http import SafeHTTP
from monitor.settings import ADAPTIVE_START, FeedConfig
from monitor.storage.keys import Keys
from monitor.storage.metrics import Stats
from monitor.storage.queues import FAILURE_TTL, MATCH_JOB, RESULT_TTL, Queues, crash_retry
from monitor.storage.stores import Claim, FeedSchedule, FeedStates, SeenItems

log = logging.getLogger("wirewatch.poller")
SCHEDULE_RESYNC_SECONDS = 30.0
POLLER_HEARTBEAT_TTL = 30
BATCH_SIZE = 200  # items per match job: one job per poll, split only for very large feeds
MEMO_TTL = 30 * 86400  # a parse memo outlives any poll interval, not a feed's removal
NO_PARSE = b""  # as a memo: no body was parsed, the stored parse memo stays as it is


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of one feed did; `result` is new|unchanged|not_modified|error."""

    feed_id: str
    result: str
    new_items: int = 0
    error: str | None = None
    next_due: float = 0.0


def fetch_class(status: int | None, *, refused: bool = False) -> str:
    """Metric label of a fetch: refused | network | 304 | 2xx | 3xx | 4xx | 5xx."""
    if refused:
        return "refused"
    if status is None:
        return "network"
    return "304" if status == 304 else f"{status // 100}xx"


def match_job_id(feed_id: str, items: Sequence[Item]) -> str:
    """Deterministic job id for a batch: the same batch enqueued twice is the same job."""
    # RQ accepts only [A-Za-z0-9_-] in job ids; feed ids may hold '.' and ':', so hash them in
    digest = hashlib.sha256("\n".join([feed_id, *(i.key for i in items)]).encode()).hexdigest()
    return f"match-{digest[:32]}"


def next_interval(feed: FeedConfig, config: Config, state: dict[str, str], *, new_items: int,
                  ttl_hint: float | None) -> float:
    """Seconds until the next regular poll. An `interval` (the feed's, else the settings') is
    kept as given. Otherwise, or when the feed asks for `min_interval`/`max_interval`, the
    interval adapts within those bounds to the feed's TTL hint and to whether it published
    anything new."""
    if feed.interval is not None:
        return feed.interval
    poll = config.settings.poll
    adaptive = feed.min_interval is not None or feed.max_interval is not None
    if poll.interval is not None and not adaptive:
        return poll.interval
    low = feed.min_interval or poll.min_interval
    high = max(low, feed.max_interval or poll.max_interval)
    current = float(state.get("interval") or min(max(poll.interval or ADAPTIVE_START, low), high))
    current = current * 0.75 if new_items else current * 1.25
    if ttl_hint:
        current = max(current, ttl_hint)
    return min(max(current, low), high)


class Poller:
    """Polls the configured feeds. Redis, HTTP client and queues are injected."""

    def __init__(self, config: Config, redis: Redis, keys: Keys, queues: Queues, http: SafeHTTP,
                 *, clock: Callable[[], float] = time.time, rng: random.Random | None = None):
        self.config = config  # the setter indexes feeds and marks the schedule for a sync
        self.redis = redis
        self.keys = keys
        self.queues = queues
        self.http = http
        self.clock = clock
        self.rng = rng or random.Random()
        self.schedule = FeedSchedule(redis, keys)
        self.states = FeedStates(redis, keys)
        self.seen = SeenItems(redis, keys, link_aliases)
        self.stats = Stats(redis, keys)
        self.token = uuid.uuid4().hex
        self._host_slots: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(config.settings.poll.per_host))
        self._slots_lock = threading.Lock()
        # leases of polls that a Redis outage cut short, given back once Redis answers again
        self._interrupted: dict[str, Claim] = {}
        self._interrupted_lock = threading.Lock()

    @property
    def config(self) -> Config:
        """The config in force; assigning a new one (hot reload) re-syncs the schedule."""
        return self._config

    @config.setter
    def config(self, config: Config) -> None:
        self._config = config
        self._feeds = {f.id: f for f in config.feeds if f.enabled}
        self._synced_at = float("-inf")

    # -- one feed ------------------------------------------------------------------------------

    def poll_feed(self, feed: FeedConfig, claim: Claim | None = None,
                  state: dict[str, str] | None = None) -> PollOutcome:
        """Fetch, parse and enqueue one feed, record the result (and, with `claim`, the next
        due time and the lease's release) in one round trip; never raises for a bad feed.
        `state` is the feed's stored state when the caller read it already (with the claim).
        The caller holds the feed's host slot (see `_claim_and_poll`)."""
        if state is None:
            state = self.states.get(feed.id)
        url = state.get("url") if state.get("config_url") == feed.url and state.get("url") else feed.url
        started = self.clock()
        memo: bytes | None = NO_PARSE
        try:
            fetched = fetch_feed(self.http, url, self._validators(state),
                                 max_bytes=self.config.settings.poll.max_bytes,
                                 timeout=self.config.settings.poll.timeout)
            outcome, fields, fetched_as, memo = self._fetched(feed, state, fetched, started)
        except FetchError as exc:
            outcome, fields, fetched_as = self._failed(feed, state, exc, started)
        except (RedisConnectionError, RedisTimeoutError):
            raise
        except Exception as exc:  # a bug must not stop the loop; it is recorded and retried
            log.exception("unexpected error polling feed", extra={"feed_id": feed.id})
            outcome, fields, fetched_as = self._failed(
                feed, state, FetchError(f"internal error: {exc!r}"), started)
        self._record(feed.id, outcome, fields, fetched_as, claim, memo)
        return outcome

    def _record(self, feed_id: str, outcome: PollOutcome, fields: dict[str, object],
                fetched_as: str, claim: Claim | None, memo: bytes | None = NO_PARSE) -> None:
        with self.redis.pipeline(transaction=False) as pipe:
            self.states.update(feed_id, fields, pipe=pipe,
                               drop=("last_error",) if outcome.error is None else ())
            # After the enqueue (committed already): a memo names only items that were handed
            # on or found seen, so the next poll may skip them.
            if memo is None:
                pipe.delete(self.keys.parse_memo(feed_id))
            elif memo:
                pipe.set(self.keys.parse_memo(feed_id), memo, ex=MEMO_TTL)
            if outcome.new_items:
                pipe.hincrby(self.keys.feed_state(feed_id), "items_total", outcome.new_items)
                self.stats.incr("new_items", "", outcome.new_items, pipe=pipe)
            self.stats.incr("polls", outcome.result, pipe=pipe)
            self.stats.incr("fetch", fetched_as, pipe=pipe)
            if claim is not None:
                self.schedule.reschedule(claim, outcome.next_due, pipe=pipe)
            pipe.execute()

    def _validators(self, state: dict[str, str]) -> Validators:
        return Validators(etag=state.get("etag") or None,
                          last_modified=state.get("last_modified") or None,
                          body_sha256=state.get("body_sha256") or None)

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._slots_lock:
            return self._host_slots[host]

    def _fetched(self, feed: FeedConfig, state: dict[str, str], fetched: FetchResult,
                 started: float) -> tuple[PollOutcome, dict[str, object], str, bytes | None]:
        parsed: ParsedFeed | None = None
        fresh: list[Item] = []
        if fetched.body is not None:
            # only new item elements are parsed: the last parse's memo says which are known
            parsed = parse_feed(fetched.body, fetched.headers, feed_id=feed.id,
                                feed_url=feed.url, incremental=True,
                                memo=self.redis.get(self.keys.parse_memo(feed.id)))
            fresh = self._enqueue(feed, parsed.items, parsed.known_links, parsed.known_keys)
        result = "new" if fresh else ("not_modified" if fetched.not_modified else "unchanged")
        ttl = max(filter(None, [fetched.ttl_seconds, parsed.ttl_seconds if parsed else None]),
                  default=None)
        interval = next_interval(feed, self.config, state, new_items=len(fresh), ttl_hint=ttl)
        next_due = started + interval
        fields: dict[str, object] = {
            "last_poll_at": f"{started:.3f}", "last_result": result, "last_status": fetched.status,
            "error_streak": 0, "interval": f"{interval:.3f}", "next_due": f"{next_due:.3f}",
            "etag": fetched.validators.etag, "last_modified": fetched.validators.last_modified,
            "body_sha256": fetched.validators.body_sha256, "config_url": feed.url,
            "last_success_at": f"{started:.3f}",
        }
        if parsed is not None:
            fields["problem"] = parsed.problem or ""
            fields["skipped"] = parsed.skipped_note or ""
            fields["items_in_feed"] = parsed.items_in_feed
            if parsed.title:
                fields["title"] = parsed.title[:200]
        if fetched.permanent_redirect:
            fields["url"] = fetched.permanent_redirect
            log.info("feed moved permanently", extra={
                "feed_id": feed.id, "url": redact_url(fetched.permanent_redirect)})
        if parsed is not None and parsed.problem:
            log.warning("feed problem", extra={"feed_id": feed.id, "error": parsed.problem})
        if parsed is not None and parsed.skipped:
            log.warning("feed entries skipped", extra={"feed_id": feed.id,
                                                       "skipped": parsed.skipped,
                                                       "error": parsed.skipped_note})
        outcome = PollOutcome(feed.id, result, len(fresh), None, next_due)
        return (outcome, fields, fetch_class(fetched.status),
                parsed.memo if parsed is not None else NO_PARSE)

    def _failed(self, feed: FeedConfig, state: dict[str, str], exc: FetchError,
                started: float) -> tuple[PollOutcome, dict[str, object], str]:
        streak = int(state.get("error_streak") or 0) + 1
        base = feed.interval or float(state.get("interval") or self.config.settings.poll.interval
                                      or ADAPTIVE_START)
        delay = feed_backoff(base, streak, cap=self.config.settings.poll.max_backoff, rng=self.rng)
        if exc.retry_after is not None:  # honoured, within the backoff cap: never parked
            delay = min(max(delay, exc.retry_after), self.config.settings.poll.max_backoff)
        next_due = started + delay
        fields: dict[str, object] = {
            "last_poll_at": f"{started:.3f}", "last_result": "error", "last_error": str(exc),
            "last_status": exc.status, "error_streak": streak, "next_due": f"{next_due:.3f}",
            "config_url": feed.url,
        }
        log.warning("feed poll failed", extra={
            "feed_id": feed.id, "url": feed_url_for_logs(feed.url), "error": str(exc),
            "error_streak": streak,
            "retry_in_s": round(delay, 1),
            "next_try_at": datetime.fromtimestamp(next_due, UTC).isoformat(timespec="seconds")})
        outcome = PollOutcome(feed.id, "error", 0, str(exc), next_due)
        return outcome, fields, fetch_class(exc.status, refused=isinstance(exc, UnsafeURLError))

    def _enqueue(self, feed: FeedConfig, items: Sequence[Item],
                 other_links: Sequence[bytes] = (), listed: Sequence[str] = ()) -> list[Item]:
        if not items:
            self.seen.touch(feed.id, listed, self.clock())  # known items still listed stay seen
            return []
        self.queues.match.get_redis_server_version()  # cached now, not inside the transaction
        archive_ttl = int(self.config.settings.alerts.archive_window)

        def enqueue(pipe: Pipeline, fresh: list[Item]) -> None:
            now = self.clock()
            fresh = [replace(item, discovered_at=now) for item in fresh]
            for start in range(0, len(fresh), BATCH_SIZE):
                batch = fresh[start:start + BATCH_SIZE]
                self.queues.match.enqueue_call(
                    MATCH_JOB, args=(feed.id, [i.to_json() for i in batch]),
                    job_id=match_job_id(feed.id, batch), result_ttl=RESULT_TTL,
                    failure_ttl=FAILURE_TTL, retry=crash_retry(), pipeline=pipe)
            if archive_ttl > 0:
                for item in fresh:
                    pipe.set(self.keys.archived_item(item.key), json.dumps(item.to_json()),
                             ex=archive_ttl)
                pipe.zadd(self.keys.archive, {i.key: now for i in fresh})

        fresh = self.seen.enqueue_new(feed.id, items, enqueue, now=self.clock(),
                                      other_links=other_links, listed=listed)
        if fresh:
            log.info("new items enqueued", extra={"feed_id": feed.id, "items": len(fresh)})
        return fresh

    def heartbeat(self) -> None:
        """Tell /healthz that a poller is alive (any poller of the deployment)."""
        self.redis.set(self.keys.poller_heartbeat, f"{time.time():.3f}",
                       ex=POLLER_HEARTBEAT_TTL)

    # -- many feeds ----------------------------------------------------------------------------

    def sync_schedule(self) -> None:
        """Make the shared schedule hold exactly the enabled feeds of the config."""
        self.schedule.sync(list(self._feeds), self.clock())
        self._synced_at = time.monotonic()

    def _claim_and_poll(self, feed: FeedConfig, now: float,
                        slot: threading.Semaphore | None = None) -> PollOutcome | None:
        """Wait for a slot on the feed's host (unless the caller took it: `slot`, released
        here), then claim the feed (if still due at `now` and not held by another poller) and
        poll it: a lease is held only while the fetch runs."""
        if slot is None:
            slot = self._host_slot(feed.url)
            slot.acquire()
        try:
            claimed = self.schedule.claim_and_read(feed.id, self.token,
                                                   self.config.settings.poll.lease, now=now)
            if claimed is None:
                return None
            try:
                return self.poll_feed(feed, *claimed)
            except (RedisConnectionError, RedisTimeoutError):
                with self._interrupted_lock:
                    self._interrupted[feed.id] = claimed[0]
                raise
        finally:
            slot.release()

    def _resume_interrupted(self) -> None:
        """Make the feeds whose poll a Redis outage cut short due now, and give back their
        leases. A restarted Redis reloads the lease from its append-only file, and it would keep
        the feed from being polled for up to `poll.lease` (2 minutes) after Redis is back."""
        with self._interrupted_lock:
            claims = list(self._interrupted.values())
        for claim in claims:
            self.schedule.reschedule(claim, self.clock())
            with self._interrupted_lock:
                if self._interrupted.get(claim.feed_id) is claim:
                    del self._interrupted[claim.feed_id]

    def poll_due(self, *, force: bool = False) -> list[PollOutcome]:
        """Poll every due feed (every enabled feed with `force`) once, concurrently."""
        self.sync_schedule()
        ids = list(self._feeds) if force else self.schedule.due(self.clock(), limit=len(self._feeds))
        feeds = [self._feeds[i] for i in ids if i in self._feeds]
        if not feeds:
            return []
        now = float("inf") if force else self.clock()
        workers = min(self.config.settings.poll.concurrency, len(feeds))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
            outcomes = list(pool.map(lambda feed: self._claim_and_poll(feed, now), feeds))
        return [o for o in outcomes if o is not None]

    def run_forever(self, stop: threading.Event, heartbeat: Callable[[], None] | None = None,
                    ) -> None:
        """Poll feeds as they fall due until `stop` is set.

        Feeds are claimed only as threads free up, so a lease is held for about one fetch and
        a slow feed never holds back the others. Redis outages are waited out, logged once.
        """
        concurrency = self.config.settings.poll.concurrency
        in_flight: dict[Future[PollOutcome | None], str] = {}  # future -> feed id
        outage = False
        with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="poll") as pool:
            while not stop.is_set():
                try:
                    in_flight = self._reap(in_flight)
                    if self._interrupted:
                        self._resume_interrupted()
                    if heartbeat:
                        heartbeat()
                    if time.monotonic() - self._synced_at > SCHEDULE_RESYNC_SECONDS:
                        self.sync_schedule()  # also heals a schedule lost with a Redis restart
                    earliest = self._submit_due(pool, in_flight, concurrency - len(in_flight))
                    if outage:
                        log.info("redis reachable again; polling resumed")
                        outage = False
                except (RedisConnectionError, RedisTimeoutError) as exc:
                    if not outage:
                        log.error("redis unavailable; poller waiting", extra={"error": str(exc)})
                        outage = True
                    stop.wait(2.0)
                    continue
                idle = 1.0 if earliest is None else min(1.0, max(0.02, earliest - self.clock()))
                if in_flight:
                    wait(in_flight, timeout=idle, return_when=FIRST_COMPLETED)
                else:
                    stop.wait(idle)
            for future in in_flight:
                future.cancel()

    def _submit_due(self, pool: ThreadPoolExecutor,
                    in_flight: dict[Future[PollOutcome | None], str], free: int) -> float | None:
        """Hand up to `free` due feeds to the pool; return the earliest due time of any feed.

        Only feeds no poller holds are picked, and only when their host has a slot free now:
        the slot is taken here and given back by the thread, so no thread sits waiting for a
        host while feeds of other hosts are due (and no lease is held while waiting)."""
        now = self.clock()
        if free <= 0:
            return self.schedule.earliest()
        # our own submitted feeds may not be claimed yet (so not held): look past them
        busy = set(in_flight.values())
        due, earliest = self.schedule.candidates(now, limit=2 * free + len(busy))
        for feed_id in due:
            if free <= 0:
                break
            feed = self._feeds.get(feed_id)
            if feed is None or feed_id in busy:
                continue
            slot = self._host_slot(feed.url)
            if not slot.acquire(blocking=False):
                continue  # its host is busy: the feed stays due for the next pass
            future = pool.submit(self._claim_and_poll, feed, now, slot)
            # a poll cancelled before it ran (at stop) never reaches its `finally`
            future.add_done_callback(lambda f, s=slot: s.release() if f.cancelled() else None)
            in_flight[future] = feed_id
            free -= 1
        return earliest

    @staticmethod
    def _reap(in_flight: dict[Future[PollOutcome | None], str],
              ) -> dict[Future[PollOutcome | None], str]:
        """Drop finished polls; a Redis error inside one is re-raised for the outage logic.

        The finished polls leave `in_flight` before that error is raised: a failed future left
        in it would raise the same error on every later pass, and the poller would wait out an
        outage that had ended long ago."""
        redis_error: Exception | None = None
        for future in [f for f in in_flight if f.done()]:
            del in_flight[future]
            if (exc := future.exception()) is not None:
                if isinstance(exc, RedisConnectionError | RedisTimeoutError):
                    redis_error = exc
                else:
                    log.error("poll failed", extra={"error": repr(exc)})
        if redis_error is not None:
            raise redis_error
        return in_flight

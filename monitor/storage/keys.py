"""Every Redis key wirewatch writes, in one place. All live under one prefix (default `ww`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    """Key builder for one deployment; `prefix` separates deployments sharing a Redis database."""

    prefix: str = "ww"

    def seen(self, feed_id: str) -> str:
        """ZSET of item keys already enqueued for a feed (score: when the feed last listed the
        item, epoch seconds)."""
        return f"{self.prefix}:seen:{feed_id}"

    def feed_state(self, feed_id: str) -> str:
        """HASH of a feed's poll state: validators, last result, error streak, next due."""
        return f"{self.prefix}:feed:{feed_id}"

    def parse_memo(self, feed_id: str) -> str:
        """STRING: what the feed's last parse saw, for parsing only new items next time
        (`monitor.ingest.incremental.Memo`)."""
        return f"{self.prefix}:memo:{feed_id}"

    @property
    def schedule(self) -> str:
        """ZSET feed id -> next due time (epoch seconds)."""
        return f"{self.prefix}:schedule"

    def lease(self, feed_id: str) -> str:
        """String held by the poller currently fetching a feed (expires on its own)."""
        return f"{self.prefix}:lease:{feed_id}"

    def alert(self, alert_id: str) -> str:
        """String: the alert's JSON payload, written once."""
        return f"{self.prefix}:alert:{alert_id}"

    @property
    def alerts_index(self) -> str:
        """ZSET alert id -> created time."""
        return f"{self.prefix}:alerts"

    def delivery(self, alert_id: str, destination_id: str) -> str:
        """HASH of one (alert, destination) delivery: status, attempts, last error."""
        return f"{self.prefix}:delivery:{alert_id}|{destination_id}"

    @property
    def dead_letters(self) -> str:
        """ZSET of `alert_id|destination_id` whose last attempt failed (score: when)."""
        return f"{self.prefix}:dead"

    def destination(self, destination_id: str) -> str:
        """HASH of a destination's counters and disabled flag."""
        return f"{self.prefix}:dest:{destination_id}"

    def heartbeat(self, role: str) -> str:
        """String with a TTL, refreshed by a live poller/worker supervisor."""
        return f"{self.prefix}:heartbeat:{role}"

    @property
    def poller_heartbeat(self) -> str:
        """String with a TTL, refreshed by any live poller of the deployment."""
        return self.heartbeat("poller")

    def worker_heartbeat(self, worker_name: str) -> str:
        """String with a TTL that exists while the named worker process is alive."""
        return self.heartbeat(f"worker:{worker_name}")

    def lock(self, name: str) -> str:
        """A redis-py Lock held by the one process doing a shared chore (`maintenance`)."""
        return f"{self.prefix}:lock:{name}"

    @property
    def orphan_suspects(self) -> str:
        """HASH `job_id:execution_id` -> when its worker's heartbeat was first found missing."""
        return f"{self.prefix}:orphan-suspects"

    def rate_limit(self, destination_id: str) -> str:
        """String counter of a destination's deliveries in the current rate-limit window."""
        return f"{self.prefix}:ratelimit:{destination_id}"

    @property
    def stats(self) -> str:
        """HASH of the pipeline's counters and latency histograms (`/metrics`)."""
        return f"{self.prefix}:stats"

    @property
    def archive(self) -> str:
        """ZSET item key -> discovered time, for backtesting."""
        return f"{self.prefix}:archive"

    def archived_item(self, item_key: str) -> str:
        """String: an archived item's JSON (expires with the archive window)."""
        return f"{self.prefix}:item:{item_key}"

    def story(self, story_id: str) -> str:
        """LIST of a story: its header (event time, first seen, reports, feeds), the first
        report's signature, then one JSON entry per report (item key, feed, reason)."""
        return f"{self.prefix}:story:{story_id}"

    def story_bands(self, day: int, shard: str) -> str:
        """HASH LSH bucket -> story id of reports whose event time falls on `day` (epoch days),
        one of 65,536 shards (small hashes stay in Redis's compact listpack encoding)."""
        return f"{self.story_bands_prefix}{day}:{shard}"

    @property
    def story_bands_prefix(self) -> str:
        """What `story_bands` puts before `{day}:{shard}` (the story scripts build the names)."""
        return f"{self.prefix}:sb:"

    def story_day(self, day: int) -> str:
        """STRING set with every bucket of reports of `day` and expiring with the last of them:
        a day without it has no buckets (the story scripts build the name)."""
        return f"{self.story_bands_prefix}d{day}"

    @property
    def story_days_since(self) -> str:
        """STRING, no expiry: "fresh", or the epoch second from which every bucket was written
        with its `story_day` mark (lookups trust the marks a TTL after that)."""
        return f"{self.story_bands_prefix}since"

    def story_items(self, day: int, shard: str) -> str:
        """HASH item key digest -> story id, for items whose event time falls on `day`, sharded
        like the buckets."""
        return f"{self.prefix}:si:{day}:{shard}"

    def story_lines(self, feed_id: str) -> str:
        """HASH paragraph hash -> how many of a feed's items carried it (boilerplate detection)."""
        return f"{self.prefix}:stories:lines:{feed_id}"

    def stories_new(self, hour: int) -> str:
        """LIST of the ids of the stories first seen in that hour (epoch hours), oldest first."""
        return f"{self.prefix}:stories:new:{hour}"

"""Metrics shared by every process through Redis, exposed in the Prometheus text format.

Pollers and workers run in many processes (and machines), so counters live in one Redis hash
(`HINCRBY` is atomic) and the `/metrics` endpoint turns them into Prometheus families on scrape.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator

from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from redis import Redis
from redis.client import Pipeline

from monitor.storage.codec import decode_hash
from monitor.storage.keys import Keys
from monitor.storage.queues import Queues
from monitor.storage.stories import StoryStore

LATENCY_BUCKETS = (0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400)
COUNTERS = {
    "polls": ("wirewatch_polls_total", "Feed polls by result", "result"),
    "fetch": ("wirewatch_fetch_results_total", "Fetch results by class", "class"),
    "new_items": ("wirewatch_new_items_total", "New items enqueued", None),
    "matches": ("wirewatch_matches_total", "Rule matches", "rule"),
    "alerts": ("wirewatch_alerts_created_total", "Alerts created", None),
    "alert_updates": ("wirewatch_alert_updates_created_total",
                      "wirewatch.alert.update events created (story_updates)", None),
    "stories": ("wirewatch_stories_total", "Stories started (first reports of an event)", None),
    "story_reports": ("wirewatch_story_reports_total", "Items assigned to a story", None),
    "deliveries": ("wirewatch_deliveries_total", "Delivery attempts by outcome", "outcome"),
}
HISTOGRAMS = {
    "discovery_to_delivery": ("wirewatch_discovery_to_delivery_seconds",
                              "From item discovery to webhook accepted"),
    "published_to_delivery": ("wirewatch_published_to_delivery_seconds",
                              "From item published time to webhook accepted"),
}


class Stats:
    """Increment shared counters and histograms (Redis hash `<prefix>:stats`)."""

    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.redis = redis
        self.key = keys.stats

    def incr(self, name: str, label: str = "", amount: int = 1, *,
             pipe: Pipeline | None = None) -> None:
        """Add to counter `name` (with its one label value, if it has a label)."""
        (pipe if pipe is not None else self.redis).hincrby(self.key, f"c|{name}|{label}", amount)

    def observe(self, name: str, seconds: float, *, pipe: Pipeline | None = None) -> None:
        """Record one observation in histogram `name` (in the caller's `pipe`, if given)."""
        index = bisect.bisect_left(LATENCY_BUCKETS, seconds)
        bucket = str(LATENCY_BUCKETS[index]) if index < len(LATENCY_BUCKETS) else "+Inf"
        target = pipe if pipe is not None else self.redis.pipeline()
        target.hincrby(self.key, f"h|{name}|{bucket}", 1)
        target.hincrbyfloat(self.key, f"s|{name}", seconds)
        if pipe is None:
            target.execute()

    def snapshot(self) -> dict[str, str]:
        """All raw fields."""
        return decode_hash(self.redis.hgetall(self.key))


class RedisCollector(Collector):
    """Builds the metric families from Redis on every scrape."""

    def __init__(self, redis: Redis, keys: Keys, queues: Queues,
                 story_window: float = 72 * 3600.0) -> None:
        self.story_window = story_window
        self.stats = Stats(redis, keys)
        self.redis = redis
        self.keys = keys
        self.queues = queues

    def collect(self) -> Iterator[Metric]:
        raw = self.stats.snapshot()
        yield from self._counters(raw)
        yield from self._histograms(raw)
        depth = GaugeMetricFamily("wirewatch_queue_depth", "Jobs waiting per queue",
                                  labels=["queue"])
        for queue in self.queues.all:
            depth.add_metric([queue.name], queue.count)
        yield depth
        yield GaugeMetricFamily(
            "wirewatch_stories_in_window", "Stories first seen within the story window",
            value=StoryStore(self.redis, self.keys, self.story_window).counts()[
                "stories_in_window"])
        stories = float(raw.get("c|stories|", 0) or 0)
        reports = float(raw.get("c|story_reports|", 0) or 0)
        yield GaugeMetricFamily("wirewatch_reports_per_story",
                                "Items per story since the counters started",
                                value=reports / stories if stories else 0.0)
        yield GaugeMetricFamily("wirewatch_dead_letters",
                                "Deliveries whose attempts are spent (see `alerts failed`)",
                                value=self.redis.zcard(self.keys.dead_letters))

    def _counters(self, raw: dict[str, str]) -> Iterator[Metric]:
        for name, (metric, doc, label) in COUNTERS.items():
            family = CounterMetricFamily(metric.removesuffix("_total"), doc,
                                         labels=[label] if label else [])
            for field, value in raw.items():
                kind, fname, lvalue = (field.split("|", 2) + ["", ""])[:3]
                if kind == "c" and fname == name:
                    family.add_metric([lvalue] if label else [], float(value))
            if not label and not family.samples:
                family.add_metric([], 0.0)
            yield family

    def _histograms(self, raw: dict[str, str]) -> Iterator[Metric]:
        for name, (metric, doc) in HISTOGRAMS.items():
            counts: dict[str, int] = defaultdict(int)
            for field, value in raw.items():
                kind, fname, bucket = (field.split("|", 2) + ["", ""])[:3]
                if kind == "h" and fname == name:
                    counts[bucket] += int(value)
            cumulative, buckets = 0, []
            for bound in [str(b) for b in LATENCY_BUCKETS] + ["+Inf"]:
                cumulative += counts.get(bound, 0)
                buckets.append((bound, cumulative))
            total = float(raw.get(f"s|{name}", 0.0))
            yield HistogramMetricFamily(metric, doc, buckets=buckets, sum_value=total)

"""The match stage: a batch of items against the compiled rules; each new alert is created once,
with one delivery job per destination in the same transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from redis.exceptions import RedisError

from monitor.alerting.deliver import enqueue_delivery
from monitor.alerting.payload import build_alert, build_update, utc_now_iso
from monitor.config import Config
from monitor.models import Item, Match
from monitor.rules import Document, RuleSet
from monitor.settings import RuleConfig
from monitor.storage.metrics import Stats
from monitor.storage.queues import Queues
from monitor.storage.stores import AlertStore
from monitor.stories import StoryAssigner, StoryRef

log = logging.getLogger("wirewatch.pipeline")


@dataclass(frozen=True)
class MatchReport:
    """What one match job did."""

    items: int
    matches: int
    alerts_created: int
    updates_created: int = 0
    new_stories: int = 0


def _epoch(iso: str | None) -> float | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _delivery_meta(item: Item) -> dict[str, Any]:
    return {"discovered_at": item.discovered_at, "published_at": _epoch(item.published)}


def match_items(items: Sequence[Item], config: Config, ruleset: RuleSet, alerts: AlertStore,
                queues: Queues, stats: Stats | None = None,
                stories: StoryAssigner | None = None) -> MatchReport:
    """Assign each item its story, then match it against the rules in scope; create each new
    alert (one per rule and story, or per rule and item with `dedup: item`) once, with its
    deliveries, and an update for a later report where the rule asks for `story_updates`."""
    rules = config.enabled_rules
    matches = created = updates = new_stories = 0
    queues.deliver.get_redis_server_version()  # cached now, not inside a transaction
    for item in items:
        story = _story(stories, item) if stories else None
        if story and story.is_new:
            new_stories += 1
            if stats:
                stats.incr("stories")
        if story and story.counted and stats:  # not again when a job re-runs
            stats.incr("story_reports")
        doc = Document.of_item(item)
        feed_tags = tuple(config.tags_by_feed.get(item.feed_id, ()))
        for match in ruleset.match(doc):
            rule = rules.get(match.rule_id)
            if rule is None or not rule.applies_to(item.feed_id, feed_tags):
                continue
            matches += 1
            outcome = _alert_once(rule, item, match, story, alerts, queues)
            created += outcome == "alert"
            updates += outcome == "update"
            if stats and outcome:  # counted once per alert, not again when a job re-runs
                stats.incr("matches", rule.id)
                stats.incr("alerts" if outcome == "alert" else "alert_updates")
    return MatchReport(items=len(items), matches=matches, alerts_created=created,
                       updates_created=updates, new_stories=new_stories)


def _story(stories: StoryAssigner, item: Item) -> StoryRef | None:
    """The item's story; None (alerted on its own, as with `dedup: item`) if the item cannot
    be assigned for a reason other than Redis, so that an odd item never blocks its alerts.
    A Redis error is raised: the job fails and is retried like any other."""
    try:
        return stories.assign(item)
    except RedisError:
        raise
    except Exception:  # noqa: BLE001 - whatever went wrong, the item's rules still run
        log.exception("story assignment failed; the item is alerted on its own",
                      extra={"item_key": item.key, "feed_id": item.feed_id})
        return None


def _alert_once(rule: RuleConfig, item: Item, match: Match, story: StoryRef | None,
                alerts: AlertStore, queues: Queues) -> str | None:
    """Create the alert of (rule, story) or (rule, item); for a later report of an alerted
    story, the update if the rule wants one. Returns "alert", "update" or None (nothing new)."""
    alert = build_alert(rule, item, match, utc_now_iso(), story.to_json() if story else None)
    if _create(alert, rule, item, alerts, queues):
        log.info("alert created", extra={"alert_id": alert["id"], "rule_id": rule.id,
                                         "item_key": item.key, "feed_id": item.feed_id,
                                         "story_id": story.id if story else None})
        return "alert"
    if story is None or rule.dedup == "item" or not rule.story_updates:
        return None
    first = alerts.get(alert["id"])
    if first is None or first.get("item", {}).get("key") == item.key:
        return None  # the alert of this very report (a re-run of the job)
    update = build_update(rule, item, match, utc_now_iso(), story.to_json(), alert["id"])
    if not _create(update, rule, item, alerts, queues):
        return None
    log.info("alert update created", extra={"alert_id": alert["id"], "update_id": update["id"],
                                            "rule_id": rule.id, "item_key": item.key,
                                            "story_id": story.id, "reason": story.reason})
    return "update"


def _create(alert: dict[str, Any], rule: RuleConfig, item: Item, alerts: AlertStore,
            queues: Queues) -> bool:
    return alerts.create(alert, rule.notify, lambda pipe, dest, a=alert: enqueue_delivery(
        queues, pipe, a["id"], dest, 1), meta=_delivery_meta(item))

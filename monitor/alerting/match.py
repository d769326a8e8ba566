"""The match stage: a batch of items against the compiled rules; each new alert is created once,
with one delivery job per destination in the same transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from monitor.alerting.deliver import enqueue_delivery
from monitor.alerting.payload import build_alert, utc_now_iso
from monitor.config import Config
from monitor.models import Item
from monitor.rules import Document, RuleSet
from monitor.storage.metrics import Stats
from monitor.storage.queues import Queues
from monitor.storage.stores import AlertStore

log = logging.getLogger("wirewatch.pipeline")


@dataclass(frozen=True)
class MatchReport:
    """What one match job did."""

    items: int
    matches: int
    alerts_created: int


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
                queues: Queues, stats: Stats | None = None) -> MatchReport:
    """Match each item against the rules in scope; create each new alert once, with deliveries."""
    rules = config.enabled_rules
    matches = created = 0
    queues.deliver.get_redis_server_version()  # cached now, not inside a transaction
    for item in items:
        doc = Document.of_item(item)
        feed_tags = tuple(config.tags_by_feed.get(item.feed_id, ()))
        for match in ruleset.match(doc):
            rule = rules.get(match.rule_id)
            if rule is None or not rule.applies_to(item.feed_id, feed_tags):
                continue
            matches += 1
            alert = build_alert(rule, item, match, utc_now_iso())
            if alerts.create(alert, rule.notify, lambda pipe, dest, a=alert: enqueue_delivery(
                    queues, pipe, a["id"], dest, 1), meta=_delivery_meta(item)):
                created += 1
                if stats:  # counted once per (rule, item), not again when a job re-runs
                    stats.incr("matches", rule.id)
                    stats.incr("alerts")
                log.info("alert created", extra={"alert_id": alert["id"], "rule_id": rule.id,
                                                 "item_key": item.key, "feed_id": item.feed_id})
    return MatchReport(items=len(items), matches=matches, alerts_created=created)

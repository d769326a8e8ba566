"""RQ job functions. Thin: they look up the process context and call into `monitor`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from monitor.models import Item
from monitor.pipeline import deliver
from monitor.pipeline import match_items as match_stage
from workers import context


def match_items(feed_id: str, items: list[dict[str, Any]]) -> dict[str, int]:
    """Match one poll's new items of a feed against the rules; create alerts."""
    ctx = context.current()
    batch = [Item.from_json(raw) for raw in items]
    report = match_stage(batch, ctx.config, ctx.ruleset, ctx.alerts, ctx.queues, ctx.stats)
    return asdict(report)


def deliver_alert(alert_id: str, destination_id: str, attempt: int) -> str:
    """Attempt `attempt` of delivering an alert to one destination."""
    return deliver(context.current().delivery_context(), alert_id, destination_id, attempt)

"""RQ job functions. Thin: they look up the process context and call into `monitor`."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from rq.exceptions import DeserializationError

from monitor.alerting.deliver import deliver
from monitor.alerting.match import match_items as match_stage
from monitor.models import DeliveryState, Item
from monitor.storage.keys import Keys
from monitor.storage.stores import AlertStore
from monitor.storage.stories import StoryStore
from monitor.stories import StoryAssigner
from workers import context

log = logging.getLogger("wirewatch.worker")


def match_items(feed_id: str, items: list[dict[str, Any]]) -> dict[str, int]:
    """Match one poll's new items of a feed against the rules; create alerts."""
    ctx = context.current()
    batch = [Item.from_json(raw) for raw in items]
    now = ctx.installed  # one read: a reload swapping rules mid-job cannot mix two configs
    stories = StoryAssigner(StoryStore(ctx.redis, ctx.keys, now.config.settings.stories.window))
    report = match_stage(batch, now.config, now.ruleset, ctx.alerts, ctx.queues, ctx.stats,
                         stories)
    return asdict(report)


def deliver_alert(alert_id: str, destination_id: str, attempt: int) -> str:
    """Attempt `attempt` of delivering an alert to one destination."""
    return deliver(context.current().delivery_context(), alert_id, destination_id, attempt)


def delivery_job_failed(job: Any, connection: Any, exc_type: type, exc: BaseException,
                        tb: Any) -> None:
    """RQ failure callback of delivery jobs: once RQ's own retries of a job that crashed (a bug,
    Redis failing mid-job) are spent, the delivery becomes a visible, replayable dead letter."""
    if job.retries_left:
        return
    try:  # a job hash from Redis: its args may be anything, and RQ's cleanup stops on an error
        alert_id, destination_id = job.args[0], job.args[1]
    except (IndexError, TypeError, ValueError, DeserializationError):
        log.error("failure callback on a job without a delivery's arguments; ignored",
                  extra={"job_id": job.id})
        return
    if not (isinstance(alert_id, str) and isinstance(destination_id, str)):
        log.error("failure callback on a job without a delivery's arguments; ignored",
                  extra={"job_id": job.id})
        return
    alerts = AlertStore(connection, Keys())
    alerts.note(alert_id, destination_id, {"last_error": f"internal error: {exc!r}"[:500]})
    alerts.mark(alert_id, destination_id, DeliveryState.DEAD)

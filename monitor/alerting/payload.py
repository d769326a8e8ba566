"""Alert identity and payload: pure functions of (rule, item, match)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from monitor.models import Item, Match
from monitor.settings import RuleConfig

SUMMARY_CHARS = 500


def alert_id(rule_id: str, item_key: str) -> str:
    """Deterministic id of the alert for (rule, item): the webhook-id on every attempt."""
    digest = hashlib.sha256(f"{rule_id}\x00{item_key}".encode()).hexdigest()
    return f"alert_{digest[:32]}"


def story_alert_id(rule_id: str, story_id: str) -> str:
    """Deterministic id of the alert for (rule, story): one alert per story and rule."""
    return alert_id(rule_id, f"story\x00{story_id}")


def update_id(rule_id: str, item_key: str) -> str:
    """Id of the `wirewatch.alert.update` event for a later report (rule, item) of a story."""
    return alert_id(rule_id, f"update\x00{item_key}").replace("alert_", "update_", 1)


def utc_now_iso() -> str:
    """Current time as ISO 8601 UTC with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _summary(item: Item) -> str:
    text = " ".join((item.summary or item.content).split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def build_alert(rule: RuleConfig, item: Item, match: Match, created_at: str,
                story: dict[str, Any] | None = None) -> dict[str, Any]:
    """The webhook body of DESIGN.md, as a dict. With a `story` (see `StoryRef.to_json`) the
    alert is the one of (rule, story), unless the rule sets `dedup: item`."""
    per_story = story is not None and rule.dedup != "item"
    body = {
        "type": "wirewatch.alert",
        "id": story_alert_id(rule.id, story["id"]) if per_story else alert_id(rule.id, item.key),
        "created_at": created_at,
        "rule": {"id": rule.id, "name": rule.name or rule.id},
        "item": {
            "key": item.key,
            "title": item.title,
            "link": item.link,
            "published": item.published,
            "summary": _summary(item),
            "lang": item.lang,  # ISO 639-1, "" when neither declared nor detected
            "feed": {"id": item.feed_id, "url": item.feed_url},
        },
        "evidence": [e.to_json() for e in match.evidence],
        "snippet": match.snippet,
    }
    if story is not None:
        body["story"] = story
    return body


def build_update(rule: RuleConfig, item: Item, match: Match, created_at: str,
                 story: dict[str, Any], of_alert: str) -> dict[str, Any]:
    """The `wirewatch.alert.update` body: a later report of the story alert `of_alert`."""
    body = build_alert(rule, item, match, created_at, story)
    return {"type": "wirewatch.alert.update", "id": update_id(rule.id, item.key),
            "alert_id": of_alert, **{k: v for k, v in body.items() if k not in ("type", "id")}}

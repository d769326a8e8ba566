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


def utc_now_iso() -> str:
    """Current time as ISO 8601 UTC with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _summary(item: Item) -> str:
    text = " ".join((item.summary or item.content).split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def build_alert(rule: RuleConfig, item: Item, match: Match, created_at: str) -> dict[str, Any]:
    """The webhook body of DESIGN.md, as a dict."""
    return {
        "type": "wirewatch.alert",
        "id": alert_id(rule.id, item.key),
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

"""`wirewatch stories`: recent stories with their reports (feed, title, link, why each joined)."""

from __future__ import annotations

import json
from typing import Any

from redis import Redis

from monitor.storage.keys import Keys
from monitor.storage.stories import StoryStore


def story_rows(redis: Redis, keys: Keys, window: float, since: float,
               limit: int = 1000) -> list[dict[str, Any]]:
    """Stories first seen in the last `since` seconds, newest first, each with its reports.
    A report's title and link come from the item archive (absent once it has expired)."""
    stories = StoryStore(redis, keys, window).recent(since, limit=limit)
    item_keys = [entry["item"] for story in stories for entry in story["items"]]
    archived = dict(zip(item_keys, redis.mget([keys.archived_item(k) for k in item_keys]),
                        strict=True)) if item_keys else {}
    for story in stories:
        for entry in story["items"]:
            raw = archived.get(entry["item"])
            item = json.loads(raw) if raw else {}
            entry["title"] = item.get("title")
            entry["link"] = item.get("link")
            entry["published"] = item.get("published")
    return stories


def render_stories(stories: list[dict[str, Any]]) -> str:
    """Stories as readable text: one block per story, one line per report."""
    if not stories:
        return "no stories in that period"
    out = []
    for story in stories:
        out.append(f"{story['id']}  first seen {story['first_seen']}  "
                   f"{story['reports']} report(s) from {', '.join(story['feeds'])}")
        for entry in story["items"]:
            out.append(f"  [{entry['feed']}] {entry.get('title') or entry['item']}")
            if entry.get("link"):
                out.append(f"      {entry['link']}")
            out.append(f"      why: {entry['reason']}")
    return "\n".join(out)

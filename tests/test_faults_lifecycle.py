"""Fault cases of the feed and process lifecycle, on the real Redis, real local servers and real
`wirewatch` processes: a long feed listed oldest first, `kill -9` of `wirewatch run`, and the
status of a SIGKILLed worker. Every wait is on a condition, bounded in time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from redis import Redis

from monitor.cli import main
from monitor.ingest.parse import MAX_ITEMS
from monitor.storage.keys import Keys
from monitor.storage.stores import SEEN_KEEP_PER_FEED, FeedStates, SeenItems
from tests.helpers import SECRET, rss, spawn_wirewatch, wait_until, write_config
from tests.servers import FeedDoc, FeedServer, WebhookReceiver
from tests.stories import DEFENSE_STORY, EXTRA_DEFENSE_STORY

pytestmark = pytest.mark.timeout(120)


def cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def dated(story: dict[str, str], minute: int) -> dict[str, str]:
    """The story published `minute` minutes after a fixed start."""
    when = datetime(2024, 5, 1, tzinfo=UTC) + timedelta(minutes=minute)
    return {**story, "pubDate": format_datetime(when)}


def filler(n: int) -> dict[str, str]:
    return dated({"guid": f"archive-{n}", "link": f"http://example.org/archive/{n}",
                  "title": f"Weather bulletin number {n}",
                  "description": f"Light rain expected in the northern districts, report {n}."},
                 n)


def counts(receiver: WebhookReceiver, expected: list[str]) -> tuple[int, int, int]:
    """(delivered, lost, repeated) of the expected alert titles."""
    titles = Counter(r.body["item"]["title"] for r in receiver.received if r.status == 200)
    delivered = sum(1 for t in expected if titles[t])
    repeated = sum(n - 1 for n in titles.values() if n > 1)
    return delivered, len(expected) - delivered, repeated


# --- a long feed listed oldest first --------------------------------------------------------

def test_the_seen_set_holds_every_item_a_feed_may_list_with_its_alias() -> None:
    assert SEEN_KEEP_PER_FEED >= 2 * MAX_ITEMS


def test_1200_item_feed_oldest_first_then_one_appended(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    # oldest first; the matching story sits past the first 1,000 entries
    stories = [filler(n) for n in range(1200)]
    stories[1150] = dated(EXTRA_DEFENSE_STORY, 1150)
    feed_server.docs["/archive.xml"] = FeedDoc(rss(stories))
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "archive", "url": feed_server.url("/archive.xml"), "interval": "1h"}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}])
    redis, keys = Redis.from_url(redis_url), Keys()

    assert cli(config, "poll", "--once", "--force") == 0
    assert cli(config, "worker", "--burst") == 0
    assert FeedStates(redis, keys).get("archive")["items_total"] == "1200"
    assert counts(receiver, [EXTRA_DEFENSE_STORY["title"]]) == (1, 0, 0)

    stories.append(dated(DEFENSE_STORY, 1200))  # new, at the end
    feed_server.docs["/archive.xml"] = FeedDoc(rss(stories))
    assert cli(config, "poll", "--once", "--force") == 0
    assert cli(config, "worker", "--burst") == 0
    assert FeedStates(redis, keys).get("archive")["items_total"] == "1201"

    # the same items listed newest first: nothing is new
    feed_server.docs["/archive.xml"] = FeedDoc(rss(stories[::-1]))
    assert cli(config, "poll", "--once", "--force") == 0
    assert cli(config, "worker", "--burst") == 0
    state = FeedStates(redis, keys).get("archive")
    assert state["items_total"] == "1201" and state["last_result"] == "unchanged"
    assert state["skipped"] == "" and state["problem"] == ""
    assert SeenItems(redis, keys).count("archive") >= 1201
    assert counts(receiver, [EXTRA_DEFENSE_STORY["title"], DEFENSE_STORY["title"]]) == (2, 0, 0)
    assert len(receiver.received) == 2

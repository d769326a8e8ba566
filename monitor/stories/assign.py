"""Story assignment of one item: strip, sign, look up candidates, decide, commit atomically."""

from __future__ import annotations

import hashlib
import logging
import struct
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from monitor.models import Item
from monitor.storage.stories import Candidate, Committed, NewStory, StoryStore
from monitor.stories.decide import Verdict, decide
from monitor.stories.signature import Signature, band_keys, signature
from monitor.stories.text import countable_lines, report_text

log = logging.getLogger("wirewatch.stories")

RECURRING_LINE = 3  # a short paragraph that this many earlier items of a feed carried
ATTEMPTS = 8  # decisions retried when another worker changed the candidates meanwhile


@dataclass(frozen=True)
class StoryRef:
    """The story an item belongs to, as it stood once the item was counted."""

    id: str
    first_seen: str
    reports: int
    feeds: tuple[str, ...]
    is_new: bool
    reason: str
    counted: bool = True  # False for an item assigned before (a re-run of its match job)

    def to_json(self) -> dict[str, Any]:
        """The `story` object of the webhook payload."""
        return {"id": self.id, "first_seen": self.first_seen, "reports": self.reports,
                "feeds": list(self.feeds)}


def event_time(item: Item, now: float) -> float:
    """The time a story window is measured in: published, else discovered, else now."""
    if item.published:
        try:
            return datetime.fromisoformat(item.published.replace("Z", "+00:00")).timestamp()
        except ValueError:
            pass
    return item.discovered_at or now


def new_story_id(item_key: str) -> str:
    """Id of the story an item starts: derived from the item, so a re-run names it again."""
    return "story_" + hashlib.blake2b(item_key.encode(), digest_size=8).hexdigest()


def best_candidate(sig: Signature, when: float, candidates: list[Candidate],
                   window: float) -> tuple[Candidate | None, Verdict | None]:
    """The candidate story this report belongs to (highest score), with the verdict."""
    best: tuple[Candidate | None, Verdict | None] = (None, None)
    for cand in candidates:
        if abs(cand.time - when) > window:
            continue
        try:
            old = Signature.from_bytes(cand.signature)
        except (ValueError, struct.error):  # a garbled record must not stop the worker
            log.warning("unreadable story signature; skipped", extra={"story_id": cand.story_id})
            continue
        verdict = decide(sig, when, old, cand.time)
        if verdict.same and (best[1] is None or verdict.score > best[1].score):
            best = (cand, verdict)
    return best


class StoryAssigner:
    """Assigns items to stories in one `StoryStore` (one per worker process)."""

    def __init__(self, store: StoryStore) -> None:
        self.store = store

    def assign(self, item: Item, now: float | None = None) -> StoryRef:
        """The item's story: an existing one it reports too, or a new one."""
        now = time.time() if now is None else now
        when = event_time(item, now)
        lines = countable_lines(item.body)
        text = report_text(item.title, item.body)
        sig = signature(text)
        bands = band_keys(sig)
        found = self.store.lookup(item.key, item.feed_id, when, bands, lines,
                                  start=self._start(item, sig, text.stripped), now=now)
        recurring = {h for h, n in found.line_counts.items() if n >= RECURRING_LINE}
        if recurring and not found.created:  # the feed's boilerplate: sign without it
            text = report_text(item.title, item.body, recurring)
            sig = signature(text)
            bands = band_keys(sig)
            found = self.store.lookup(item.key, item.feed_id, when, bands, lines,
                                      start=self._start(item, sig, text.stripped, 1 << 30),
                                      now=now)
        if found.created:
            return self._outcome(item, found.created, _new_reason(text.stripped, []))
        if found.assigned:
            return self._existing(found.assigned)
        seen: set[str] = set()
        for attempt in range(1, ATTEMPTS + 1):
            seen.update(c.story_id for c in found.candidates)
            last = attempt == ATTEMPTS  # still contended: decide with what was seen
            cand, verdict = best_candidate(sig, when, found.candidates, self.store.window)
            reason = verdict.reason if verdict else _new_reason(text.stripped, found.candidates)
            story_id = cand.story_id if cand else new_story_id(item.key)
            done = self.store.commit(
                item.key, item.feed_id, story_id, is_new=cand is None, seen=None if last else sorted(seen),
                event_time=when, bands=bands, signature=sig.to_bytes(), lines=lines,
                report=self._report(item, reason), now=now, token=found.token)
            if done.status == "retry":
                found = self.store.lookup(item.key, item.feed_id, when, bands, ())
                continue
            return self._outcome(item, done, reason)
        raise AssertionError("unreachable")  # the last attempt cannot be asked to retry

    def _start(self, item: Item, sig: Signature, stripped: tuple[str, ...],
               recurring_at: int = RECURRING_LINE) -> NewStory:
        """Starting a story in the lookup when there is no candidate (the common case)."""
        return NewStory(new_story_id(item.key), sig.to_bytes(),
                        self._report(item, _new_reason(stripped, [])), recurring_at)

    def _existing(self, story_id: str) -> StoryRef:
        story = self.store.story(story_id) or {"first_seen": "", "reports": 1, "feeds": []}
        return StoryRef(story_id, story["first_seen"], story["reports"], tuple(story["feeds"]),
                        False, "assigned before", counted=False)

    def _outcome(self, item: Item, done: Committed, reason: str) -> StoryRef:
        if done.status == "done":  # a re-run: the item's story as it is now
            return self._existing(done.story_id)
        joined = done.status == "joined"
        log.info("report joined story" if joined else "new story",
                 extra={"story_id": done.story_id, "item_key": item.key, "feed_id": item.feed_id,
                        "reports": done.reports, "reason": reason})
        return StoryRef(done.story_id, done.first_seen, done.reports, done.feeds,
                        not joined, reason)

    @staticmethod
    def _report(item: Item, reason: str) -> dict[str, Any]:
        # title and link are in the item archive: kept once, not again per story
        return {"item": item.key, "feed": item.feed_id, "reason": reason}


def _new_reason(stripped: tuple[str, ...], candidates: list[Candidate]) -> str:
    base = (f"new story: {len(candidates)} candidate(s), none the same event"
            if candidates else "new story: no candidate shares a bucket")
    return base + (f"; {len(stripped)} boilerplate part(s) stripped" if stripped else "")

"""Plain values that travel between the stages: items, matches, alerts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Item:
    """One normalised feed entry. `key` is stable across polls (see `monitor.ingest.itemkey`)."""

    key: str
    feed_id: str
    feed_url: str
    title: str = ""
    link: str = ""
    summary: str = ""
    content: str = ""
    published: str | None = None  # ISO 8601 UTC, e.g. "2019-11-26T09:00:00Z"
    guid: str | None = None
    authors: tuple[str, ...] = ()
    source: str = ""  # publisher / feed title
    discovered_at: float | None = None  # epoch seconds when a poller first enqueued it
    # ISO 639-1 code ("ru"): declared by the entry or its feed, else detected; "" when unknown
    lang: str = ""

    @property
    def body(self) -> str:
        """The text that rules see as `body`: the full content, else the summary."""
        return self.content or self.summary

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict (job argument, archive)."""
        data = asdict(self)
        data["authors"] = list(self.authors)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        """Inverse of `to_json`; unknown keys are ignored."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["authors"] = tuple(known.get("authors") or ())
        if not isinstance(known.get("lang", ""), str):  # (items stored before it have none)
            known["lang"] = ""
        return cls(**known)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One matched term: which field, the normalised term, and character offsets in that field."""

    field: str
    term: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        """The evidence object of the webhook payload, `match --jsonl` and backtests."""
        return {"field": self.field, "term": self.term, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Match:
    """A rule that matched a document, with its evidence and a short snippet of text."""

    rule_id: str
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    snippet: str = ""


class DeliveryState(StrEnum):
    """Where one (alert, destination) delivery stands; the value is what Redis stores."""

    PENDING = "pending"  # created or replayed, the first attempt is queued
    RETRYING = "retrying"  # an attempt failed, the next one is scheduled
    DELIVERED = "delivered"  # a 2xx was received: never sent again
    DEAD = "dead"  # attempts spent, refused or disabled: a dead letter, replayable

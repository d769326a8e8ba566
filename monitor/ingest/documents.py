"""Local documents for `wirewatch match` and backtests: JSONL, feed files, plain-text wire items."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.errors import WirewatchError
from monitor.ingest.itemkey import item_key
from monitor.ingest.language import item_language
from monitor.ingest.parse import parse_feed
from monitor.models import Item

_HEADER = re.compile(r"^(date|title|source|link|id|lang) (.+)$")  # lower-case keys only
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?Z?\s*(.*)$")


@dataclass(frozen=True)
class LocalDocument:
    """A document read from a file: its id and the item the rules see."""

    id: str
    item: Item


def _body_of(record: dict[str, Any]) -> str:
    for field in ("body", "content", "summary", "text"):
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def item_from_record(record: dict[str, Any], *, feed_id: str, fallback_id: str) -> LocalDocument:
    """An item from one JSONL record (`id`, `title`, `body`/`summary`/`content`, …); its
    language is the record's `lang` (or `language`), else the one detected in its text."""
    title = str(record.get("title") or "")
    body = _body_of(record)
    link = str(record.get("link") or record.get("url") or "")
    doc_id = str(record.get("id") or fallback_id)
    source = record.get("source")
    source_text = source.get("title", "") if isinstance(source, dict) else str(source or "")
    item = Item(key=item_key(feed_id, doc_id, link, title, body), feed_id=feed_id,
                feed_url="", title=title, link=link, content=body,
                published=str(record["published"]) if record.get("published") else None,
                guid=doc_id, source=source_text,
                lang=item_language([_text(record.get("lang")), _text(record.get("language"))],
                                   title, body))
    return LocalDocument(doc_id, item)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _jsonl(path: Path, text: str) -> Iterator[LocalDocument]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise WirewatchError(f"{path}:{number}: not a JSON object: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise WirewatchError(f"{path}:{number}: expected a JSON object")
        yield item_from_record(record, feed_id=path.stem, fallback_id=f"{path.name}:{number}")


def _wire_text(path: Path, text: str) -> LocalDocument:
    """`date 2019-11-26 BAKU, Azerbaijan, Nov. 26` (optional `title …`, `lang ru` … lines), then
    the body. Without a `lang` line, the language is detected in the text."""
    lines = text.lstrip("\ufeff").splitlines()
    headers: dict[str, str] = {}
    dateline = ""
    while lines and (found := _HEADER.match(lines[0].strip())):
        key, value = found.group(1).lower(), found.group(2).strip()
        if key == "date" and (iso := _ISO_DATE.match(value)):
            clock = iso.group(2) or "00:00:00"
            headers["date"] = f"{iso.group(1)}T{clock if len(clock) == 8 else clock + ':00'}Z"
            dateline = iso.group(3)
        else:
            headers[key] = value
        lines.pop(0)
    body = " ".join(part for part in (dateline, "\n".join(lines).strip()) if part)
    doc_id = headers.get("id", path.name)
    title = headers.get("title", "")
    item = Item(key=item_key(path.stem, doc_id, headers.get("link"), title, body),
                feed_id=path.stem, feed_url="", title=title, link=headers.get("link", ""),
                content=body, published=headers.get("date"), guid=doc_id,
                source=headers.get("source", ""),
                lang=item_language([headers.get("lang")], title, body))
    return LocalDocument(doc_id, item)


def _looks_like_feed(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        return True
    return start.startswith(b"{") and b"jsonfeed.org" in head[:4096]


def read_documents(path: Path) -> list[LocalDocument]:
    """Every document in a file, whatever its kind (JSONL, RSS/Atom/JSON Feed, plain text)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WirewatchError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if _looks_like_feed(raw[:65536]):
        parsed = parse_feed(raw, {}, feed_id=path.stem, feed_url=path.resolve().as_uri())
        if not parsed.items and parsed.problem:
            raise WirewatchError(f"{path}: {parsed.problem}")
        return [LocalDocument(i.guid or i.link or i.key, i) for i in parsed.items]
    text = raw.decode("utf-8", errors="replace")
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{"):
        return list(_jsonl(path, text))
    return [_wire_text(path, text)]

"""Feeds management: OPML 2.0 import/export and `wirewatch feeds import|export|list`.

OPML files come from other people's feed readers, so they are untrusted: documents with a
DOCTYPE or entity declarations are refused outright (no entity expansion, no external
entities), and size and outline counts are bounded. The parser is expat itself, driven directly,
so no tree is built from a hostile document.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree
from xml.parsers import expat

import yaml

from monitor.errors import WirewatchError
from monitor.settings import FeedConfig

MAX_OPML_BYTES = 10 * 1024 * 1024
MAX_OUTLINES = 100_000
MAX_DEPTH = 64
FEED_ID_MAX = 48


class OPMLError(WirewatchError):
    """An OPML document is malformed, too large, or uses DTD/entity features we refuse."""


# -- parsing -----------------------------------------------------------------------------------

def _tag(text: str) -> str:
    """`Middle East` -> `middle-east`: tags are matched exactly by rule scopes, so keep them plain."""
    return re.sub(r"\s+", "-", text.strip().lower())


def _categories(value: str) -> list[str]:
    """OPML `category`: comma-separated, slash-delimited paths; every path component is a tag."""
    tags = []
    for category in value.split(","):
        tags += [_tag(part) for part in category.split("/") if part.strip()]
    return tags


class _OutlineCollector:
    """expat handlers: collect feed outlines with the folder names above them."""

    def __init__(self) -> None:
        self.feeds: list[dict[str, Any]] = []
        self.skipped: list[str] = []
        self.stack: list[str | None] = []  # folder tag per open <outline>, None for a feed
        self.outlines = 0
        self.root: str | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.root is None:
            self.root = name
        if len(self.stack) >= MAX_DEPTH:
            raise OPMLError(f"outlines nested deeper than {MAX_DEPTH}")
        if name != "outline":
            return
        self.outlines += 1
        if self.outlines > MAX_OUTLINES:
            raise OPMLError(f"more than {MAX_OUTLINES} outlines")
        url = (attrs.get("xmlUrl") or attrs.get("xmlurl") or "").strip()
        label = (attrs.get("title") or attrs.get("text") or "").strip()
        if not url:
            self.stack.append(_tag(label) if label else None)
            return
        self.stack.append(None)
        if not re.match(r"^https?://[^/\s]+", url, re.IGNORECASE):
            shown = _USERINFO.sub("//…@", url)  # the entry stays recognisable, a password not
            self.skipped.append(f"{label or shown}: not an http(s) feed URL: {shown!r}")
            return
        tags = [t for t in self.stack[:-1] if t] + _categories(attrs.get("category", ""))
        feed: dict[str, Any] = {"url": url}
        if label:
            feed["title"] = label
        if tags:
            feed["tags"] = list(dict.fromkeys(tags))
        self.feeds.append(feed)

    def end(self, name: str) -> None:
        if name == "outline" and self.stack:
            self.stack.pop()


_USERINFO = re.compile(r"//[^/@\s]*@")


def _refuse(what: str):  # type: ignore[no-untyped-def]
    def handler(*_args: object) -> None:
        raise OPMLError(f"refused: the document contains {what} (DTDs and entities are not "
                        "allowed in OPML imports)")
    return handler


def parse_opml(data: bytes, skipped: list[str] | None = None) -> list[dict[str, Any]]:
    """Feed outlines of an OPML document as feeds.yaml-like dicts `{url, title?, tags?}`.

    Folder outlines and `category` attributes become tags. Outlines whose xmlUrl is not
    http(s) are left out (and described in `skipped`, when given). Raises OPMLError for
    malformed, oversized or DTD/entity-bearing documents."""
    if len(data) > MAX_OPML_BYTES:
        raise OPMLError(f"OPML document larger than {MAX_OPML_BYTES} bytes")
    collector = _OutlineCollector()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse("a DOCTYPE")
    parser.EntityDeclHandler = _refuse("an entity declaration")
    parser.ExternalEntityRefHandler = _refuse("an external entity reference")
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise OPMLError(f"not well-formed XML: {exc}") from exc
    if collector.root != "opml":
        raise OPMLError(f"not an OPML document (root element {collector.root!r})")
    if skipped is not None:
        skipped.extend(collector.skipped)
    return collector.feeds


# -- writing -----------------------------------------------------------------------------------

def to_opml(feeds: Iterable[FeedConfig | Mapping[str, Any]], *, title: str = "wirewatch feeds",
            created: str | None = None) -> bytes:
    """An OPML 2.0 document: one `type="rss"` outline per feed, tags as `category`."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    if created:
        ElementTree.SubElement(head, "dateCreated").text = created
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        data = feed.model_dump() if isinstance(feed, FeedConfig) else dict(feed)
        label = data.get("title") or data.get("id") or data["url"]
        attrs = {"type": "rss", "text": label, "title": label, "xmlUrl": data["url"]}
        if data.get("tags"):
            attrs["category"] = ",".join(data["tags"])
        ElementTree.SubElement(body, "outline", attrs)
    ElementTree.indent(root)
    out = io.BytesIO()
    ElementTree.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


# -- merging into feeds.yaml -------------------------------------------------------------------

def _url_key(url: str) -> str:
    """URLs compared case-insensitively in scheme and host, ignoring a trailing slash."""
    parts = urlsplit(url.strip())
    rest = url.strip()[len(parts.scheme) + 3 + len(parts.netloc):]
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{rest}".rstrip("/")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:FEED_ID_MAX].rstrip("-")


def feed_id_for(feed: Mapping[str, Any], taken: set[str]) -> str:
    """A unique feed id from the title, else the host (`www.` dropped); `-2`, `-3`… if taken."""
    host = (urlsplit(str(feed["url"])).hostname or "").removeprefix("www.")
    base = _slug(str(feed.get("title") or "")) or _slug(host) or "feed"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _new_entries(existing: list[Any], new_feeds: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    known = {_url_key(str(f["url"])) for f in existing if isinstance(f, dict) and f.get("url")}
    taken = {str(f["id"]) for f in existing if isinstance(f, dict) and f.get("id")}
    entries = []
    for feed in new_feeds:
        key = _url_key(str(feed["url"]))
        if key in known:
            continue
        known.add(key)
        wanted = str(feed.get("id") or "")
        ident = wanted if wanted and wanted not in taken else feed_id_for(feed, taken)
        taken.add(ident)
        entry: dict[str, Any] = {"id": ident, "url": str(feed["url"])}
        for name in ("title", "tags", "interval", "min_interval", "max_interval", "enabled"):
            if feed.get(name) not in (None, "", [], ()):
                entry[name] = list(feed[name]) if name == "tags" else feed[name]
        entries.append(entry)
    return entries


def _appended(text: str, entries: list[dict[str, Any]]) -> str | None:
    """`text` with the entries appended to its block-style `feeds:` list, comments kept; None
    when the list is not the last thing in the file in block style."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode) or not node.value:
        return None
    key, value = node.value[-1]
    if key.value != "feeds" or not isinstance(value, yaml.SequenceNode) or value.flow_style \
            or not value.value:
        return None
    indent = " " * value.start_mark.column
    block = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, default_flow_style=False)
    lines = "".join(indent + line if line.strip() else line
                    for line in block.splitlines(keepends=True))
    return text.rstrip("\n") + "\n" + lines


def merge_feeds(existing_yaml_text: str, new_feeds: Sequence[Mapping[str, Any]]) -> str:
    """feeds.yaml text with every new feed (by URL) appended under a unique id.

    Existing entries are kept as they are; when the file's `feeds:` list can be extended in
    place, its comments are kept too, otherwise the file is rewritten from its data."""
    data = yaml.safe_load(existing_yaml_text) if existing_yaml_text.strip() else None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise WirewatchError("feeds.yaml: expected a mapping at the top level")
    existing = data.get("feeds") or []
    if not isinstance(existing, list):
        raise WirewatchError("feeds.yaml: `feeds` must be a list")
    entries = _new_entries(existing, new_feeds)
    if not entries:
        return existing_yaml_text
    merged = {**data, "feeds": existing + entries}
    in_place = _appended(existing_yaml_text, entries)
    if in_place is not None and yaml.safe_load(in_place) == merged:
        return in_place
    header = "# Wire feeds to poll (see `wirewatch feeds import|export|list`).\n"
    return header + yaml.safe_dump(merged, sort_keys=False, allow_unicode=True)


def write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def added_entries(before: str, after: str) -> list[dict[str, Any]]:
    """The feed entries that `after` (a feeds.yaml text) has beyond those of `before`."""
    old = (yaml.safe_load(before) or {}).get("feeds") or [] if before.strip() else []
    new = (yaml.safe_load(after) or {}).get("feeds") or []
    return list(new[len(old):])

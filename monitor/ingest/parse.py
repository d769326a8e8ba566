"""Parsing one fetched feed into normalised `Item`s: RSS, Atom, RDF (feedparser) and JSON Feed.

Pure: bytes and response headers in, a `ParsedFeed` out, and it never raises. Hostile or broken
input is neutralised before feedparser sees it, and what was wrong is reported in `problem`:

- the text is decoded here (BOM, then valid UTF-8, then the header charset, the XML declaration,
  windows-1252) and handed to feedparser as UTF-8, so a wrong or missing charset never turns into
  mojibake or a parse failure;
- a DOCTYPE internal subset is removed with its ENTITY declarations (feedparser 6 would keep
  "safe" entities and expand a 100 KB quadratic-blowup feed into hundreds of megabytes); the
  references to removed entities become empty, or the character a character-reference entity
  stood for (`<!ENTITY nbsp "&#160;">`), so expansion can never grow the text;
- feedparser gets a BytesIO, never a str or bytes (it would treat those as a URL or file name);
- field lengths are capped, and HTML is turned into text by a few linear-time regex passes
  instead of a full HTML parser;
- no entry is dropped for its place in the document: a feed of more than `MAX_ITEMS` entries
  keeps its `MAX_ITEMS` newest by published time (undated entries count as newest), whether it
  lists newest or oldest first, and `ParsedFeed.skipped` counts and names the others; a feed
  that can be cut into its item elements is given to feedparser `PARSE_BATCH` elements at a
  time, so the parser's memory stays bounded whatever the number of entries.
"""

from __future__ import annotations

import codecs
import heapq
import html
import io
import json
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from monitor.ingest.incremental import (
    NO_KEY,
    NO_VALUE,
    Memo,
    Record,
    Split,
    chunk_digest,
    context_digest,
    key_bytes,
    key_text,
    repeated,
    small_digest,
    split_items,
)
from monitor.ingest.itemkey import assign_keys, item_key
from monitor.ingest.language import item_language
from monitor.models import Item

# Entries read per poll of one feed. `SEEN_KEEP_PER_FEED` (monitor.storage.stores) is twice
# this, so every item a feed lists, and its alias, stay remembered while it is listed.
MAX_ITEMS = 10_000
PARSE_BATCH = 500  # item elements per feedparser call: bounds the parser's memory
SKIPPED_NAMED = 5  # skipped entries named in `ParsedFeed.skipped_names`
_UNDATED = "~"  # sorts after every ISO time: an undated entry counts as the newest
MAX_TITLE = 1024
MAX_LINK = 4096
MAX_GUID = 2048
MAX_SUMMARY = 64 * 1024
MAX_CONTENT = 256 * 1024
MAX_HTML_IN = 4 * MAX_CONTENT  # raw markup converted at most (the rest is cut first)
MAX_AUTHORS = 20
MAX_AUTHOR = 256
MIN_TTL, MAX_TTL = 60.0, 7 * 86400.0

_JSON_START = re.compile(r"\s*[\[{]")
JSON_FEED_VERSIONS = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
_BENIGN_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed said: its title, its items (keyed, duplicates dropped), what was wrong with it
    (`problem`, None when nothing) and the feed's own refresh hint in seconds (`<ttl>`,
    `sy:updatePeriod`)."""

    title: str
    items: tuple[Item, ...]
    problem: str | None
    ttl_seconds: float | None
    # Incremental parsing (see `monitor.ingest.incremental`): the items of elements known from the
    # last parse are left out of `items`; `known_items` counts them, `known_links` holds the
    # digests of their links (for feed-wide link counts); `memo` is what to remember for the
    # next parse (None: remember nothing).
    known_items: int = 0
    known_links: tuple[bytes, ...] = ()
    memo: bytes | None = None
    # The keys of the known items (so a seen set can tell they are still listed).
    known_keys: tuple[str, ...] = ()
    # Entries beyond MAX_ITEMS (the oldest by published time) left out of `items`: how many,
    # and the titles (else links, else guids) of the newest of them.
    skipped: int = 0
    skipped_names: tuple[str, ...] = ()

    @property
    def items_in_feed(self) -> int:
        """How many distinct items the feed holds, parsed or known."""
        return len(self.items) + self.known_items + self.skipped

    @property
    def skipped_note(self) -> str | None:
        """A warning naming the skipped entries, None when none was skipped."""
        if not self.skipped:
            return None
        names = ", ".join(repr(name) for name in self.skipped_names)
        more = self.skipped - len(self.skipped_names)
        tail = f" and {more} more" if more > 0 else ""
        return (f"{self.skipped} of {self.items_in_feed} entries skipped (only the newest "
                f"{MAX_ITEMS:,} by published time are read): {names}{tail}")


def parse_feed(body: bytes, headers: Mapping[str, str], *, feed_id: str, feed_url: str,
               incremental: bool = False, memo: bytes | None = None) -> ParsedFeed:
    """Parse a fetched body; never raises. `headers` are the response headers (any case).

    With `incremental`, the result carries a `memo` of this parse, and given the `memo` of the
    feed's last parse only the item elements that were not in it are parsed: `items` holds
    exactly the items of a full parse minus those of known elements (whose keys the last parse
    produced); whenever that cannot be guaranteed the whole document is parsed."""
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        return _parse(body, lowered, feed_id, feed_url, memo if incremental else None,
                      incremental)
    except Exception as exc:  # a parser bug must cost one feed one poll, never the poller
        return ParsedFeed("", (), f"could not parse the feed: {type(exc).__name__}: {exc}", None)


# --- orchestration -------------------------------------------------------------------------

@dataclass
class _Notes:
    """Problems found along the way, and which fields had to be cut."""

    problems: list[str] = field(default_factory=list)
    clipped: dict[str, int] = field(default_factory=dict)

    def clip(self, name: str, text: str, limit: int) -> str:
        if len(text) <= limit:
            return text
        self.clipped[name] = self.clipped.get(name, 0) + 1
        return text[:limit]

    def summary(self) -> str | None:
        parts = list(dict.fromkeys(self.problems))  # one per kind, however many batches
        if self.clipped:
            cut = ", ".join(f"{name} ({n}x)" for name, n in sorted(self.clipped.items()))
            parts.append(f"fields truncated: {cut}")
        return "; ".join(parts) or None


def _parse(body: bytes, headers: dict[str, str], feed_id: str, feed_url: str,
           memo: bytes | None = None, incremental: bool = False) -> ParsedFeed:
    notes = _Notes()
    if not body or not body.strip():
        return ParsedFeed("", (), "empty response body", None)
    text = decode_text(body, headers.get("content-type", ""), notes)
    if _JSON_START.match(text):
        newest = _Newest()
        title, ttl = _json_feed(text, feed_id, feed_url, notes, newest)
        return newest.parsed(title, notes.summary(), ttl)
    text = neutralise_doctype(text, notes)
    text, root = _find_root(text, notes)
    if root is None or root.lower() in ("html", "head", "body"):
        kind = "an HTML page" if root or "html" in headers.get("content-type", "") \
            else "neither XML nor JSON"
        return ParsedFeed("", (), f"not a feed: the server sent {kind}", None)
    split = split_items(text) if incremental and not notes.summary() else None
    if split is None or len(split.chunks) > MAX_ITEMS:  # no memo for what may be skipped
        return _parse_all(text, split, b"", headers, feed_id, feed_url, notes)
    context = context_digest(split, feed_url, headers.get("content-language", ""))
    known = _known_records(memo, context)
    if known and (parsed := _parse_new(split, known, context, headers, feed_id,
                                       feed_url)) is not None:
        return parsed
    return _parse_all(text, split, context, headers, feed_id, feed_url, notes)


# --- bounded selection: the newest MAX_ITEMS entries -------------------------------------------

class _Newest:
    """Collects items and keeps the MAX_ITEMS newest by published time (undated ones count as
    newest), in document order. Among equals (undated entries, mostly) the first MAX_ITEMS // 2
    of the document and then the latest win: new items are at the top of a newest-first feed
    and at the bottom of an oldest-first one, so both ends are kept.

    Streaming: it never holds more than MAX_ITEMS items, so a feed of any length costs bounded
    memory. What it drops is counted, and the newest SKIPPED_NAMED of those are named."""

    def __init__(self) -> None:
        self.limit = MAX_ITEMS
        self._kept: list[tuple[str, int, int, Item]] = []  # min-heap: the oldest kept on top
        self._named: list[tuple[str, int, str]] = []  # min-heap of the newest skipped
        self._seq = 0
        self.skipped = 0

    def clear(self) -> None:
        """Forget everything added."""
        self._kept, self._named, self._seq, self.skipped = [], [], 0, 0

    def extend(self, items: Iterable[Item | None]) -> None:
        """Add items in document order (None, an empty entry, is passed over)."""
        for item in items:
            if item is None:
                continue
            head = int(self._seq < self.limit // 2)  # the top of the document wins ties
            entry = (item.published or _UNDATED, head, self._seq, item)
            self._seq += 1
            if len(self._kept) < self.limit:
                heapq.heappush(self._kept, entry)
                continue
            rank, _, seq, dropped = heapq.heappushpop(self._kept, entry)
            self._skip(rank, seq, dropped)

    def _skip(self, rank: str, seq: int, item: Item) -> None:
        self.skipped += 1
        named = (rank, seq, (item.title or item.link or item.guid or "")[:120])
        if len(self._named) < SKIPPED_NAMED:
            heapq.heappush(self._named, named)
        else:
            heapq.heappushpop(self._named, named)

    def items(self) -> list[Item]:
        """The kept items in document order."""
        return [item for _, _, _, item in sorted(self._kept, key=lambda entry: entry[2])]

    def parsed(self, title: str, problem: str | None, ttl: float | None) -> ParsedFeed:
        """The result: the kept items keyed, and what was skipped. Keys are assigned among the
        kept items: a guid repeated only by a skipped entry counts as unique (if that entry is
        read later, the kept one is re-keyed and seen once more: a repeat, never a loss)."""
        names = tuple(name for _, _, name in sorted(self._named, reverse=True))
        return ParsedFeed(title, assign_keys(self.items()), problem, ttl,
                          skipped=self.skipped, skipped_names=names)


# --- incremental XML parsing (see monitor.ingest.incremental) ---------------------------------------

def _known_records(memo: bytes | None, context: bytes) -> dict[bytes, Record]:
    stored = Memo.decode(memo)
    return stored.records if stored is not None and stored.context == context else {}


def _record(item: Item | None, feed_id: str) -> Record:
    """What a memo keeps of one element's item; its key as `assign_keys` gives it when the
    item's guid is not repeated in the feed (a memo is never made otherwise)."""
    if item is None:
        return Record(NO_KEY, NO_VALUE, NO_VALUE)
    key = item_key(feed_id, item.guid, item.link, item.title, item.content or item.summary)
    return Record(key_bytes(key), small_digest(item.guid), small_digest(item.link))


def _parse_all(text: str, split: Split | None, context: bytes, headers: dict[str, str],
               feed_id: str, feed_url: str, notes: _Notes) -> ParsedFeed:
    """A full parse of an XML feed; given a `split` of no more than MAX_ITEMS elements and a
    `context`, it also makes the memo, when the parse was clean and its entries are exactly the
    split's elements with unique guids and keys."""
    if split is not None and len(split.chunks) > MAX_ITEMS:
        newest = _Newest()
        title, ttl = _read_entries(text, split, headers, feed_id, feed_url, notes, newest)
        return newest.parsed(title, notes.summary(), ttl)
    entries: list[Item | None] = []
    title, ttl = _read_entries(text, split, headers, feed_id, feed_url, notes, entries)
    if len(entries) > MAX_ITEMS:  # the split failed: feedparser read the whole document
        newest = _Newest()
        newest.extend(entries)
        return newest.parsed(title, notes.summary(), ttl)
    items = [item for item in entries if item is not None]
    keyed = assign_keys(items)
    problem = notes.summary()
    memo: bytes | None = None
    if split is not None and context and problem is None and len(entries) == len(split.chunks):
        records = {chunk_digest(c): _record(item, feed_id) for c, item in zip(split.chunks,
                                                                              entries, strict=True)}
        if _consistent(list(records.values()), len(split.chunks), len(keyed)):
            memo = Memo(context, records).encode()
    return ParsedFeed(title, keyed, problem, ttl, memo=memo)


def _consistent(records: Sequence[Record], chunks: int, items: int) -> bool:
    """Records that can stand for a full parse: one per element (no two alike), guids not
    repeated (their keys would depend on each other), no two items with one key."""
    keys = [r.key for r in records if r.key != NO_KEY]
    return (len(records) == chunks and len(set(keys)) == len(keys) == items
            and not repeated([r.guid for r in records]))


def _parse_new(split: Split, known: dict[bytes, Record], context: bytes,
               headers: dict[str, str], feed_id: str, feed_url: str) -> ParsedFeed | None:
    """Parse the header, the unknown elements and the tail only; None when the result might
    differ from a full parse (then the caller parses everything)."""
    digests = [chunk_digest(c) for c in split.chunks]
    fresh = [i for i, d in enumerate(digests) if d not in known]
    notes = _Notes()
    entries: list[Item | None] = []
    read = _xml_batched(split, fresh, headers, feed_id, feed_url, notes, entries)
    if read is None or notes.summary() is not None or len(entries) != len(fresh):
        return None
    title, ttl = read
    records = {d: known[d] for d in digests if d in known}
    records.update({digests[i]: _record(item, feed_id) for i, item in zip(fresh, entries,
                                                                          strict=True)})
    items = [item for item in entries if item is not None]
    if not _consistent(list(records.values()), len(digests), len(records)
                       - sum(r.key == NO_KEY for r in records.values())):
        return None
    keyed = assign_keys(items)  # guids are unique: the same keys as in a full parse
    old = [known[d] for d in dict.fromkeys(digests) if d in known and known[d].key != NO_KEY]
    return ParsedFeed(title, keyed, None, ttl, known_items=len(old),
                      known_links=tuple(r.link for r in old if r.link != NO_VALUE),
                      memo=Memo(context, records).encode(),
                      known_keys=tuple(key_text(r.key) for r in old))


def _read_entries(text: str, split: Split | None, headers: dict[str, str], feed_id: str,
                  feed_url: str, notes: _Notes, into: list[Item | None] | _Newest,
                  ) -> tuple[str, float | None]:
    """Every entry of the document into `into` (one per element, None for an empty one);
    returns the title and TTL hint. Batch by batch when there is a split, unless a batch was
    malformed: then the whole document is parsed, as feedparser recovers from it."""
    if split is not None and len(split.chunks) > PARSE_BATCH:
        batch_notes = _Notes()
        read = _xml_batched(split, range(len(split.chunks)), headers, feed_id, feed_url,
                            batch_notes, into)
        if read is not None:
            notes.problems += batch_notes.problems
            for name, count in batch_notes.clipped.items():
                notes.clipped[name] = notes.clipped.get(name, 0) + count
            return read
        into.clear()
    title, entries, ttl = _xml_feed(text, headers, feed_id, feed_url, notes)
    into.extend(entries)
    return title, ttl


def _xml_batched(split: Split, indexes: Sequence[int], headers: dict[str, str], feed_id: str,
                 feed_url: str, notes: _Notes, into: list[Item | None] | _Newest,
                 ) -> tuple[str, float | None] | None:
    """Parse the header and tail with the elements at `indexes`, PARSE_BATCH elements per
    feedparser call, adding one entry per element to `into`; returns the title and TTL hint.
    None when there was more than one batch and one of them was malformed: where feedparser
    recovers from broken markup depends on the text around it, so only a parse of the whole
    document is the document's parse."""
    title, ttl = "", None
    for start in range(0, max(1, len(indexes)), PARSE_BATCH):
        text = split.reduced(indexes[start:start + PARSE_BATCH])
        part_title, entries, part_ttl = _xml_feed(text, headers, feed_id, feed_url, notes)
        if notes.problems and len(indexes) > PARSE_BATCH:
            return None
        title, ttl = title or part_title, part_ttl if ttl is None else ttl
        into.extend(entries)
    return title, ttl


# --- decoding ------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_XML_DECL_ENCODING = re.compile(
    rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
# Codecs a document must not pick: they are not charsets and can rewrite markup.
_UNSAFE_CODECS = {"utf_7", "unicode_escape", "raw_unicode_escape", "punycode", "idna",
                  "palmos", "mbcs", "oem"}
_WIDE = ("utf_16", "utf_32")
# C0 controls are illegal in XML 1.0 and make expat give up on the whole document.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode_text(body: bytes, content_type: str, notes: _Notes | None = None) -> str:
    """The body as text: BOM, else valid UTF-8 (whatever was declared: a single-byte document
    is almost never valid UTF-8 by chance), else the declared charsets, else windows-1252."""
    notes = notes if notes is not None else _Notes()
    for bom, name in _BOMS:
        if body.startswith(bom):
            return _clean(body[len(bom):].decode(name, "replace"))
    if body[:2] in (b"<\0", b"\0<"):  # UTF-16 without BOM (NUL bytes are valid UTF-8 too)
        return _clean(body.decode("utf-16-le" if body[0] else "utf-16-be", "replace"))
    declared = _declared_charsets(body, content_type)
    try:
        return _clean(body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for label, name in declared:
        if name in ("utf_8", "utf_8_sig"):
            continue
        try:
            return _clean(body.decode(name))
        except (UnicodeDecodeError, LookupError):
            notes.problems.append(f"{label} charset {name} does not fit the bytes")
    if any(name == "utf_8" for _, name in declared) or not declared:
        notes.problems.append("text is not valid UTF-8; decoded as windows-1252")
    return _clean(_windows_1252(body))


def _declared_charsets(body: bytes, content_type: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    header = _CHARSET.search(content_type or "")
    if header:
        found.append(("HTTP header", header.group(1)))
    decl = _XML_DECL_ENCODING.match(body[:256])
    if decl:
        found.append(("XML declaration", decl.group(1).decode("ascii")))
    usable = []
    for label, charset in found:
        name = _codec_name(charset)
        # A UTF-16/32 label on bytes without BOM or NUL pattern is a lie (decl in ASCII).
        if name and not name.startswith(_WIDE) and (label, name) not in usable:
            usable.append((label, name))
    return usable


def _codec_name(charset: str) -> str | None:
    try:
        name = codecs.lookup(charset).name.replace("-", "_")
    except LookupError:
        return None
    return None if name in _UNSAFE_CODECS else name


def _windows_1252(body: bytes) -> str:
    # The last resort: windows-1252 leaves five bytes undefined, which become U+FFFD.
    return body.decode("cp1252", "replace")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text.lstrip("\ufeff"))


# --- DOCTYPE / entity neutralisation ---------------------------------------------------------

_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_ENTITY_DECL = re.compile(
    r"<!ENTITY\s+(%\s+)?([A-Za-z_:][\w.:-]*)\s+(?:\"([^\"]*)\"|'([^']*)')?")
_CHAR_REF = re.compile(r"&#(?:[0-9]{1,7}|x[0-9A-Fa-f]{1,6});")
_ENTITY_REF = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_PREDEFINED = {"amp", "lt", "gt", "quot", "apos"}


def neutralise_doctype(text: str, notes: _Notes | None = None) -> str:
    """Remove every DOCTYPE internal subset (with its entity declarations) from `text`.

    Every `<!DOCTYPE`, not only the one in a well-formed prolog: junk or a comment before it
    would otherwise hide it from this scan but not from feedparser's fallback parser.
    References to the removed entities become "" (or the one character a character-reference
    entity stood for), so nothing can expand. Linear time in the size of the text.
    """
    notes = notes if notes is not None else _Notes()
    pieces: list[str] = []
    replacements: dict[str, str] = {}
    pos = removed = 0
    while (start := _DOCTYPE.search(text, pos)) is not None:
        subset_at, end = _doctype_extent(text, start.end())
        if subset_at is None:
            pieces.append(text[pos:end])
            pos = end
            continue
        replacements.update(_entity_replacements(text[subset_at:end]))
        pieces.append(text[pos:subset_at].rstrip() + ">")
        pos, removed = end + 1, removed + 1
    if not removed:
        return text
    notes.problems.append(f"DOCTYPE internal subset removed ({len(replacements)} entity "
                          "declarations ignored)")
    rest = "".join(pieces) + text[pos:]
    if not replacements:
        return rest
    return _ENTITY_REF.sub(lambda m: replacements.get(m.group(1), m.group(0)), rest)


def _doctype_extent(text: str, pos: int) -> tuple[int | None, int]:
    """(index of '[' opening an internal subset or None, index of the closing '>')."""
    subset_at: int | None = None
    i, n = pos, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            close = text.find(ch, i + 1)
            i = n if close < 0 else close + 1
            continue
        if subset_at is not None and text.startswith("<!--", i):
            close = text.find("-->", i + 4)
            i = n if close < 0 else close + 3
            continue
        if ch == "[" and subset_at is None:
            subset_at = i
        elif ch == "]" and subset_at is not None:
            close = text.find(">", i)
            return subset_at, (n if close < 0 else close)
        elif ch == ">" and subset_at is None:
            return None, i + 1
        i += 1
    return subset_at if subset_at is not None else pos, n


def _entity_replacements(subset: str) -> dict[str, str]:
    replacements: dict[str, str] = {}
    for match in _ENTITY_DECL.finditer(subset):
        parameter, name = match.group(1), match.group(2)
        if parameter or name in _PREDEFINED:
            continue
        value = match.group(3) if match.group(3) is not None else (match.group(4) or "")
        replacements[name] = value if _CHAR_REF.fullmatch(value) else ""
    return replacements


_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF|RDF|channel)\b")


def _find_root(text: str, notes: _Notes) -> tuple[str, str | None]:
    """The root element's name, after dropping junk printed before the XML (PHP warnings...)."""
    root = root_element(text)
    if root is not None:
        return text, root
    found = _FEED_ROOT.search(text, 0, 65536)
    if found is None:
        return text, None
    notes.problems.append(f"{found.start()} characters of junk before the feed removed")
    return text[found.start():], root_element(text[found.start():])


def root_element(text: str) -> str | None:
    """The name of the first element after the prolog, or None if the text is not markup."""
    i, n = 0, len(text)
    for _ in range(10000):  # a prolog of more than 10,000 comments is not a feed
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != "<":
            return None
        for opener, closer in (("<?", "?>"), ("<!--", "-->"), ("<!", ">")):
            if text.startswith(opener, i):
                close = text.find(closer, i + len(opener))
                if close < 0:
                    return None
                i = close + len(closer)
                break
        else:
            match = re.match(r"<([A-Za-z_:][\w.:-]*)", text[i:i + 200])
            return match.group(1) if match else None
    return None


# --- XML feeds via feedparser --------------------------------------------------------------

_DECL = re.compile(r"^(\s*<\?xml[^>]{0,200}?encoding\s*=\s*)([\"'])[^\"']*\2")


def _xml_feed(text: str, headers: dict[str, str], feed_id: str, feed_url: str,
              notes: _Notes) -> tuple[str, list[Item | None], float | None]:
    """Title, one item per entry kept (None for an empty entry) and TTL hint of an XML feed."""
    data = _DECL.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8", "replace")
    # No Content-Location: feedparser would resolve permalink guids against it, and a guid that
    # changes when the feed URL moves would re-key every item. Links are made absolute in
    # `_safe_link` instead (an xml:base inside the feed is still honoured by feedparser).
    # No Content-Language either: feedparser would make it every entry's language, above the
    # feed's own <language>, and servers send a site-wide default whatever the feed's language.
    response_headers = {"content-type": "application/xml; charset=utf-8"}
    # A BytesIO, never bytes or str: feedparser opens those as file names or URLs.
    result = feedparser.parse(io.BytesIO(data), response_headers=response_headers,
                              sanitize_html=False, resolve_relative_uris=False)
    feed = result.get("feed", {})
    entries = list(result.get("entries", []))
    if not result.get("version") and not entries:
        notes.problems.append("not a recognised RSS, Atom or RDF feed")
        return "", [], None
    if result.get("bozo"):
        notes.problems.append(_bozo_message(result.get("bozo_exception"), len(entries)))
    source = notes.clip("feed title", _title_text(feed.get("title_detail"), feed.get("title")),
                        MAX_TITLE)
    feed_lang = _str(feed.get("language"))  # RSS <language>, the feed element's xml:lang
    items = [_entry_item(entry, feed_id, feed_url, source, feed_lang, notes)
             for entry in entries]
    return source, items, _feed_ttl(feed)


def _bozo_message(exc: Any, count: int) -> str:
    name = type(exc).__name__ if exc is not None else "error"
    if name in _BENIGN_BOZO:
        return f"feed warning: {exc}"
    detail = " ".join(str(exc).split())[:300]
    return f"malformed feed ({name}: {detail}); {count} entries read anyway"


def _entry_item(entry: Any, feed_id: str, feed_url: str, source: str, feed_lang: str,
                notes: _Notes) -> Item | None:
    title = notes.clip("title", _title_text(entry.get("title_detail"), entry.get("title")),
                       MAX_TITLE)
    summary = notes.clip("summary", _rich_text(entry.get("summary_detail"),
                                               entry.get("summary"), notes), MAX_SUMMARY)
    content = notes.clip("content", _entry_content(entry, notes), MAX_CONTENT)
    if content == summary:
        summary = ""  # RSS description copied into content:encoded, or the other way round
    link = _safe_link(_str(entry.get("link")), feed_url, notes)
    guid = notes.clip("guid", _str(entry.get("id")).strip(), MAX_GUID) or None
    if not (title or summary or content or link or guid):
        return None
    lang = item_language([*_entry_languages(entry), feed_lang], title, content or summary)
    return Item(key="", feed_id=feed_id, feed_url=feed_url, title=title, link=link,
                summary=summary, content=content, published=_entry_published(entry),
                guid=guid, authors=_entry_authors(entry), source=source, lang=lang)


def _entry_languages(entry: Any) -> list[str]:
    """The xml:lang in force on the entry's content, summary and title, most specific first
    (feedparser gives each text the xml:lang of its element or of the nearest ancestor)."""
    details = [part for part in (entry.get("content") or [])[:4] if isinstance(part, Mapping)]
    details += [entry.get("summary_detail"), entry.get("title_detail")]
    return [_str(d.get("language")) for d in details if isinstance(d, Mapping)]


def _entry_content(entry: Any, notes: _Notes) -> str:
    parts = entry.get("content") or []
    texts = [_rich_text(part, part.get("value"), notes) for part in parts[:4]
             if isinstance(part, Mapping)]
    return max(texts, key=len, default="")


def _entry_published(entry: Any) -> str | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = dict.get(entry, name)  # plain dict lookup: no feedparser key-mapping warnings
        if isinstance(stamp, time.struct_time) and 1 <= stamp.tm_year <= 9999:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)
    return None


def _entry_authors(entry: Any) -> tuple[str, ...]:
    names: list[str] = []
    for author in entry.get("authors") or []:
        if isinstance(author, Mapping):
            names.append(_str(author.get("name")) or _str(author.get("email")))
    if not names and entry.get("author"):
        names.append(_str(entry.get("author")))
    return _clean_authors(names)


def _clean_authors(names: Iterable[str]) -> tuple[str, ...]:
    cleaned: list[str] = []
    for name in names:
        text = " ".join(_title_text(None, name).split())[:MAX_AUTHOR]
        if text and text not in cleaned:
            cleaned.append(text)
    return tuple(cleaned[:MAX_AUTHORS])


_PERIODS = {"hourly": 3600.0, "daily": 86400.0, "weekly": 7 * 86400.0,
            "monthly": 30 * 86400.0, "yearly": 365 * 86400.0}


def _feed_ttl(feed: Mapping[str, Any]) -> float | None:
    """RSS `<ttl>` (minutes), else `sy:updatePeriod` / `sy:updateFrequency`, kept in bounds."""
    seconds: float | None = None
    try:
        if feed.get("ttl"):
            seconds = float(str(feed["ttl"]).strip()) * 60
        elif feed.get("sy_updateperiod"):
            period = _PERIODS.get(str(feed["sy_updateperiod"]).strip().lower())
            frequency = float(str(feed.get("sy_updatefrequency") or 1).strip())
            seconds = period / frequency if period and frequency > 0 else None
    except (TypeError, ValueError):
        return None
    if seconds is None or seconds != seconds:  # NaN
        return None
    return min(max(seconds, MIN_TTL), MAX_TTL)


# --- JSON Feed -----------------------------------------------------------------------------

def _json_feed(text: str, feed_id: str, feed_url: str, notes: _Notes,
               into: _Newest) -> tuple[str, float | None]:
    """Title and TTL hint (none in JSON Feed) of a JSON Feed; its items go to `into`."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        notes.problems.append(f"not a feed: invalid JSON ({exc})"[:300])
        return "", None
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or not version.startswith(JSON_FEED_VERSIONS):
        notes.problems.append("not a feed: JSON document that is not a JSON Feed")
        return "", None
    source = notes.clip("feed title", _title_text(None, _str(data.get("title"))), MAX_TITLE)
    base = _str(data.get("home_page_url")) or feed_url
    raw_items = data.get("items") if isinstance(data.get("items"), list) else []
    feed_authors = _json_authors(data)
    feed_lang = _str(data.get("language"))  # JSON Feed 1.1
    into.extend(_json_item(entry, feed_id, feed_url, base, source, feed_authors, feed_lang,
                           notes)
                for entry in raw_items if isinstance(entry, dict))
    return source, None


def _json_item(entry: dict[str, Any], feed_id: str, feed_url: str, base: str, source: str,
               feed_authors: tuple[str, ...], feed_lang: str, notes: _Notes) -> Item | None:
    raw_id = entry.get("id")
    numeric = isinstance(raw_id, int | float) and not isinstance(raw_id, bool)
    guid = str(raw_id) if numeric else _str(raw_id)
    html_body, text_body = _str(entry.get("content_html")), _str(entry.get("content_text"))
    content = html_to_text(html_body[:MAX_HTML_IN]) if html_body else plain_text(text_body)
    summary = plain_text(_str(entry.get("summary")))
    link = _str(entry.get("url")) or _str(entry.get("external_url"))
    title = notes.clip("title", _title_text(None, _str(entry.get("title"))), MAX_TITLE)
    item = Item(
        key="", feed_id=feed_id, feed_url=feed_url,
        title=title, link=_safe_link(link, base, notes), summary=notes.clip("summary", summary, MAX_SUMMARY),
        content=notes.clip("content", content, MAX_CONTENT),
        published=_iso_utc(_str(entry.get("date_published")) or _str(entry.get("date_modified"))),
        guid=notes.clip("guid", guid.strip(), MAX_GUID) or None,
        authors=_json_authors(entry) or feed_authors, source=source,
        lang=item_language([_str(entry.get("language")), feed_lang], title,
                           content or summary))
    if not (item.title or item.summary or item.content or item.link or item.guid):
        return None
    return item


def _json_authors(obj: dict[str, Any]) -> tuple[str, ...]:
    authors = obj.get("authors")
    if not isinstance(authors, list):
        authors = [obj.get("author")]  # JSON Feed 1.0
    return _clean_authors(_str(a.get("name")) for a in authors[:MAX_AUTHORS]
                          if isinstance(a, dict))


def _iso_utc(value: str) -> str | None:
    """An RFC 3339 (or RFC 822) date as 'YYYY-MM-DDTHH:MM:SSZ' in UTC; None if unreadable."""
    value = value.strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return None


# --- text normalisation --------------------------------------------------------------------

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_LOOKS_LIKE_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,500}>|&(?:#\d+|#x[0-9A-Fa-f]+|\w+);")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)  # an unclosed comment runs to the end
_SKIPPED = re.compile(r"<(script|style|template|noscript|svg|math|head|title)\b[^<>]*>",
                      re.IGNORECASE)


# A tag cannot span a '<', so a failed match never scans past the next tag: linear time.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>?|<[!?][^<>]*>?")
_SPACES = re.compile(r"  +")
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre",
    "table", "section", "article", "header", "footer", "figure", "figcaption", "hr", "address",
    "aside", "nav", "main", "details", "summary", "form", "fieldset", "caption", "thead",
    "tbody", "tfoot", "center"})
_LINE_TAGS = frozenset({"br", "li", "dt", "dd", "tr", "option"})  # a break where they open
_CELL_TAGS = frozenset(("td", "th"))


def html_to_text(markup: str) -> str:
    """HTML as plain text: tags dropped, entities unescaped, whitespace collapsed, block
    elements as paragraphs separated by a blank line ("\\n\\n"), <br> and list items as lines.

    Regex passes rather than html.parser: no pattern can scan past the next '<' (comments and
    skipped elements are passed over once), so hostile markup costs linear time."""
    text = _drop_skipped(_COMMENT.sub("", markup))
    text = " ".join(text.split())  # source whitespace is one space; line breaks come from tags
    return _tidy(html.unescape(_TAG.sub(_tag_break, text)))


def _tag_break(match: re.Match[str]) -> str:
    name = (match.group(2) or "").lower()
    if name in _BLOCK_TAGS:
        return "\n\n"
    if name in _LINE_TAGS and not match.group(1):
        return "\n"
    return " " if name in _CELL_TAGS else ""


def _drop_skipped(markup: str) -> str:
    """Remove <script>, <style>... with their content (an unclosed one: to the end)."""
    pieces: list[str] = []
    pos = 0
    while (opening := _SKIPPED.search(markup, pos)) is not None:
        pieces.append(markup[pos:opening.start()])
        if opening.group(0).endswith("/>"):
            pos = opening.end()
            continue
        close = re.compile(rf"</{opening.group(1)}\b", re.IGNORECASE).search(markup,
                                                                          opening.end())
        pos = close.start() if close else len(markup)
    if not pieces:
        return markup
    return "".join(pieces) + markup[pos:]


def plain_text(text: str) -> str:
    """Plain text with paragraphs (blank-line separated) kept and other whitespace collapsed."""
    paragraphs = re.split(r"\n[ \t\r\f\v\xa0]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(p for p in (" ".join(para.split()) for para in paragraphs) if p)


def _tidy(text: str) -> str:
    """Spaces collapsed, no space around line breaks, at most one blank line in a row.

    Plain str methods and a literal-led pattern: this runs over every byte of every item."""
    for odd in ("\xa0", "\t", "\r", "\f", "\v"):  # what entities can bring back
        if odd in text:
            text = text.replace(odd, " ")
    text = _SPACES.sub(" ", text).replace(" \n", "\n").replace("\n ", "\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _rich_text(detail: Any, value: Any, notes: _Notes) -> str:
    text = _str(value)
    if not text:
        return ""
    kind = _str(detail.get("type")) if isinstance(detail, Mapping) else ""
    if kind.lower() in _HTML_TYPES or _LOOKS_LIKE_MARKUP.search(text[:MAX_HTML_IN]):
        if len(text) > MAX_HTML_IN:
            notes.clipped["markup"] = notes.clipped.get("markup", 0) + 1
        return html_to_text(text[:MAX_HTML_IN])
    return plain_text(text)


def _title_text(detail: Any, value: Any) -> str:
    """A one-line plain-text title (markup stripped even when the feed calls it text)."""
    text = _str(value)[:MAX_HTML_IN]
    kind = _str(detail.get("type")) if isinstance(detail, Mapping) else ""
    if kind.lower() in _HTML_TYPES or _LOOKS_LIKE_MARKUP.search(text):
        text = html_to_text(text)
    return " ".join(text.split())


def _safe_link(link: str, base: str, notes: _Notes) -> str:
    """An absolute http(s) link, or "" (javascript:, data:, file: links never reach alerts)."""
    link = link.strip()
    if not link:
        return ""
    try:
        absolute = urljoin(base, link) if base else link
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return ""
    if scheme not in ("http", "https"):
        return ""
    return notes.clip("link", absolute, MAX_LINK)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""

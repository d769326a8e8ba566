"""Parse only what is new: split an XML feed into its items without parsing it, and remember
which item texts a feed's last parse turned into which item keys.

Most polls of a busy feed that did change bring one or two new items among dozens already seen,
and feedparser costs about half a millisecond per item. `split_items` cuts the (decoded,
neutralised) text into the header before the first `<item>`/`<entry>`, the item elements, and
the tail after the last one, by a linear scan; whenever it is not sure that those elements are
exactly the feed's entries (CDATA or comments it cannot pass over, nested or prefixed item
elements, markup between items, a self-closing item...), it says so (None) and the caller parses
the whole document as before.

A `Memo` holds, for each item element of the last clean parse, a digest of its exact text and
what the parse made of it: the item key, and digests of its guid and link (the feed-wide counts
of those decide repeated-guid keys and permalink aliases). A `context` digest of everything in
the header and tail that can change how an item is read (tags and attributes: namespaces,
`xml:base`; the feed URL) makes a memo apply only to documents read the same way; text in the
header, such as a changed `lastBuildDate`, does not matter.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

MEMO_VERSION = 1  # bump whenever parsing or item keys change what an item element yields
_DIGEST = 16  # bytes of the chunk and context digests
_KEY = 16  # an item key is 32 hex characters
_SMALL = 8  # bytes of the guid and link digests (only compared within one feed)
_RECORD = struct.Struct(f"{_DIGEST}s{_KEY}s{_SMALL}s{_SMALL}s")
_HEADER = struct.Struct(f"B{_DIGEST}s")
NO_KEY = b"\0" * _KEY  # an element that yields no item (nothing in it)
NO_VALUE = b"\0" * _SMALL  # no guid / no link

# Anything that opens a construct the scan must pass over or refuse, or an item boundary.
_TOKEN = re.compile(r"<!\[CDATA\[|<!--|<\?|<(/?)([A-Za-z_][\w.-]*:)?(item|entry)(?=[\s/>])",
                    re.IGNORECASE)
_TAG_END = re.compile(r"[^<>]*>")
# A tag, with '>' allowed inside quoted attribute values. `_markup` only ever tries it at the
# next '<' after the last match and gives up at the first failure, so an unterminated quote
# costs one scan to the end of the text, never one per '<'.
_TAG = re.compile(r"""<(?:[^<>"']|"[^"]*"|'[^']*')*>""")
_CLOSES = {"<![CDATA[": "]]>", "<!--": "-->"}


@dataclass(frozen=True)
class Split:
    """A feed text cut at its item elements: `header + "".join(chunks) + tail` is the text."""

    header: str
    chunks: tuple[str, ...]
    tail: str

    def reduced(self, keep: Iterable[int]) -> str:
        """The document with only the chunks at the indexes in `keep` (in document order)."""
        return self.header + "".join(self.chunks[i] for i in sorted(keep)) + self.tail


@dataclass(frozen=True)
class Record:
    """What the parse of one item element gave: its key (NO_KEY: no item) and the digests of
    its guid and link (NO_VALUE when empty)."""

    key: bytes
    guid: bytes
    link: bytes


def split_items(text: str) -> Split | None:
    """The text cut at its `<item>`/`<entry>` elements, or None when that cut might not be
    the feed's entries as an XML parser sees them. Linear in the length of the text."""
    bounds: list[tuple[int, int]] = []
    opened: int | None = None
    pos = 0
    while (token := _TOKEN.search(text, pos)) is not None:
        lexeme = token.group(0)
        if lexeme in ("<![CDATA[", "<!--", "<?"):
            close = text.find({"<![CDATA[": "]]>", "<!--": "-->", "<?": "?>"}[lexeme],
                              token.end())
            if close < 0:
                return None
            pos = close + 1
            continue
        closing, prefix, name = token.group(1), token.group(2), token.group(3)
        if prefix or name not in ("item", "entry"):
            return None  # a namespaced or differently cased item element: not for a regex
        end = _TAG_END.match(text, token.end())
        if end is None or end.group(0).endswith("/>"):
            return None
        if not closing:
            if opened is not None:
                return None  # nested
            opened = token.start()
        else:
            if opened is None or text[opened + 1:opened + 1 + len(name)] != name:
                return None
            bounds.append((opened, end.end()))
            opened = None
        pos = end.end()
    if opened is not None or not bounds:
        return None
    if any(text[a:b].strip() for (_, a), (b, _) in zip(bounds, bounds[1:], strict=False)):
        return None  # something between two items: cutting there could change its meaning
    chunks = tuple(text[a:b] for a, b in bounds)
    return Split(text[:bounds[0][0]], chunks, text[bounds[-1][1]:])


def chunk_digest(chunk: str) -> bytes:
    """The digest that identifies one item element's exact text."""
    return hashlib.sha256(chunk.encode("utf-8", "surrogatepass")).digest()[:_DIGEST]


def context_digest(split: Split, feed_url: str, language: str = "") -> bytes:
    """Digest of what, outside the items, can change how an item is read: the markup (tags and
    their attributes, CDATA and comments whole) of the header and tail, the feed URL and the
    Content-Language header."""
    seed = f"{MEMO_VERSION}\0{feed_url}\0{language}\0"
    digest = hashlib.sha256(seed.encode("utf-8", "surrogatepass"))
    for part in (split.header, split.tail):
        for markup in _markup(part):
            digest.update(markup.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()[:_DIGEST]


def _markup(text: str) -> Iterator[str]:
    """The markup of `text` in order: CDATA sections and comments whole, and tags (quoted
    attribute values may hold '>'). From a '<' that opens nothing complete, the rest of the
    text is given whole: digesting too much only costs a memo hit, too little could reuse a
    parse made under different markup. Linear in the length of `text`."""
    pos = 0
    while (start := text.find("<", pos)) >= 0:
        opener = next((o for o in _CLOSES if text.startswith(o, start)), None)
        if opener is not None:
            close = text.find(_CLOSES[opener], start + len(opener))
            end = close + len(_CLOSES[opener]) if close >= 0 else -1
        else:
            match = _TAG.match(text, start)
            end = match.end() if match else -1
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        pos = end


def small_digest(value: str | None) -> bytes:
    """A short digest of a guid or link (NO_VALUE for none)."""
    value = (value or "").strip()
    if not value:
        return NO_VALUE
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).digest()[:_SMALL]


@dataclass(frozen=True)
class Memo:
    """The chunk digests of a feed's last clean parse with their records, under a context."""

    context: bytes
    records: dict[bytes, Record]

    def encode(self) -> bytes:
        """Compact bytes for Redis: a header, then fixed-size records."""
        body = b"".join(_RECORD.pack(digest, r.key, r.guid, r.link)
                        for digest, r in self.records.items())
        return _HEADER.pack(MEMO_VERSION, self.context) + body

    @classmethod
    def decode(cls, data: bytes | None) -> Memo | None:
        """The memo stored as `encode` wrote it; None for nothing, another version or junk."""
        if not data or len(data) < _HEADER.size \
                or (len(data) - _HEADER.size) % _RECORD.size:
            return None
        version, context = _HEADER.unpack_from(data)
        if version != MEMO_VERSION:
            return None
        records = {}
        for offset in range(_HEADER.size, len(data), _RECORD.size):
            digest, key, guid, link = _RECORD.unpack_from(data, offset)
            records[digest] = Record(key, guid, link)
        return cls(context, records)


def key_bytes(key: str) -> bytes:
    """An item key (32 hex characters) as the 16 bytes a record holds."""
    return bytes.fromhex(key)


def key_text(key: bytes) -> str:
    """Inverse of `key_bytes`."""
    return key.hex()


def repeated(values: Sequence[bytes]) -> bool:
    """Whether any non-empty digest occurs more than once."""
    present = [v for v in values if v != NO_VALUE]
    return len(set(present)) != len(present)

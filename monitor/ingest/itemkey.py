"""Stable item keys: which entries of a feed are the same story from one poll to the next.

The key is sha256 over the feed id and the entry's guid, else its link, else its title and
content; it is cut to 32 hex characters (128 bits). The feed id, not the URL, is hashed, so a
feed that moves (permanent redirect) keeps its keys.

Trade-offs, decided once here:

- **An edited title with the same guid is not new.** Publishers fix headlines all the time; the
  guid says it is the same story, so it is not alerted again.
- **A guid that changes with every edit looks new.** Some CMSs derive the guid from the title or
  a revision id while the link stays put. We still key by guid: links are the less reliable
  identity in the wild (tracking parameters, every item pointing at the homepage), and the rule
  "guid, else link" is what other readers do too (miniflux, FreshRSS). `link_key` gives the
  link-based key so that a dedup store can treat "same link already seen" as a second, optional
  test for feeds that are known to do this.
- **A guid repeated inside one feed** (a CMS that gives every item the homepage as guid) is not
  an identity: every entry carrying it is keyed by guid + link + title instead, for all
  occurrences, so the keys do not depend on which entry comes first. Entries identical in guid,
  link and title collapse into one (the first). When a guid that was unique becomes repeated, the
  older entry is seen once more as new: one extra alert, never a lost one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from monitor.ingest.incremental import small_digest
from monitor.models import Item

KEY_HEX_CHARS = 32


def item_key(feed_id: str, guid: str | None, link: str | None, title: str, content: str) -> str:
    """The stable key of one entry: by guid, else link, else title and content."""
    guid, link = (guid or "").strip(), (link or "").strip()
    if guid:
        return _digest(feed_id, "guid", guid)
    if link:
        return _digest(feed_id, "link", link)
    return _digest(feed_id, "text", title.strip(), content.strip())


def link_key(feed_id: str, link: str) -> str | None:
    """The key an entry would have if keyed by its link alone (None without a link)."""
    link = (link or "").strip()
    return _digest(feed_id, "link", link) if link else None


def assign_keys(items: Sequence[Item]) -> tuple[Item, ...]:
    """`items` with their keys set (any key they had is ignored), in order, duplicates dropped.

    A guid repeated among `items` is disambiguated for every entry that carries it (see the
    module docstring); entries whose key comes out the same are one entry, the first wins.
    """
    guids = Counter((item.guid or "").strip() for item in items if (item.guid or "").strip())
    keyed: dict[str, Item] = {}
    for item in items:
        key = _key_of(item, guids)
        if key not in keyed:
            keyed[key] = replace(item, key=key)
    return tuple(keyed.values())


def _key_of(item: Item, guids: Counter[str]) -> str:
    guid = (item.guid or "").strip()
    if guid and guids[guid] > 1:
        return _digest(item.feed_id, "guid+", guid, item.link.strip(), item.title.strip())
    return item_key(item.feed_id, guid, item.link, item.title, item.content or item.summary)


def _digest(feed_id: str, kind: str, *parts: str) -> str:
    # NUL cannot occur in XML text, so joining with it keeps the parts apart unambiguously.
    text = "\x00".join((feed_id, kind, *parts))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:KEY_HEX_CHARS]


def link_aliases(feed_id: str, items: Sequence[Item],
                 other_links: Iterable[bytes] = ()) -> dict[str, str]:
    """item key -> alias key (permalink + body text) for items whose guid may be re-minted
    when a title is edited: the same story at the same link with the same text is not new.

    Only links unique among the feed's current items and not a bare site root qualify, and the
    body must be non-empty: a live blog or a feed pointing every item at one page must not have
    its new stories taken for old ones. Losing an alert is worse than a repeat. `other_links`
    are the link digests (`small_digest`) of the feed's current items not in `items`."""
    counts = Counter(small_digest(item.link) for item in items if item.link)
    counts.update(other_links)
    aliases = {}
    for item in items:
        body = " ".join(item.body.split())
        if not (item.link and body and counts[small_digest(item.link)] == 1
                and urlsplit(item.link).path.strip("/")):
            continue
        digest = hashlib.sha256(f"{feed_id}\x00{item.link}\x00{body}".encode()).hexdigest()
        aliases[item.key] = f"alias:{digest[:32]}"
    return aliases

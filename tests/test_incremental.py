"""Incremental parsing: only item elements unknown to the last parse are parsed, and what comes out
is what a full parse would have said (items, keys, counts), over the real captured corpus too."""

from __future__ import annotations

import time
from pathlib import Path

import fakeredis
import pytest

from monitor.ingest.incremental import Memo, Split, chunk_digest, context_digest, split_items
from monitor.ingest.itemkey import link_aliases
from monitor.ingest.parse import ParsedFeed, _find_root, _Notes, decode_text, neutralise_doctype, parse_feed
from monitor.models import Item
from monitor.storage.keys import Keys
from monitor.storage.stores import SeenItems

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "feeds"
URL = "https://wire.example.com/feed.xml"


def item_xml(n: int, *, guid: str | None = None, text: str = "") -> str:
    guid = guid if guid is not None else f"g{n}"
    return (f"<item><title>Story {n}</title><link>https://wire.example.com/{n}</link>"
            f"<guid>{guid}</guid><description>Body of story {n}. {text}</description></item>")


def doc(items: list[str], *, channel: str = "<title>Wire</title><ttl>30</ttl>",
        rss_attrs: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"{rss_attrs}><channel>'
            f"{channel}{''.join(items)}</channel></rss>").encode()


def parse(body: bytes, memo: bytes | None = None, feed_url: str = URL) -> ParsedFeed:
    return parse_feed(body, {}, feed_id="wire", feed_url=feed_url, incremental=True, memo=memo)


def full(body: bytes, feed_url: str = URL) -> ParsedFeed:
    return parse_feed(body, {}, feed_id="wire", feed_url=feed_url)


def assert_same_as_full(body: bytes, memo: bytes | None, feed_url: str = URL,
                        whole: ParsedFeed | None = None) -> ParsedFeed:
    """The incremental parse of `body` given `memo` equals the full parse (`whole`) minus the
    items of the elements the parse took as known (their keys are in the memo)."""
    whole = whole or full(body, feed_url)
    part = parse(body, memo, feed_url)
    known: set[str] = set()
    if part.known_items:
        records = Memo.decode(memo).records
        split = split_items(_text(body))
        known = {records[d].key.hex() for d in map(chunk_digest, split.chunks) if d in records}
    assert part.items == tuple(i for i in whole.items if i.key not in known)
    assert part.items_in_feed == len(whole.items)
    assert (part.title, part.ttl_seconds, part.problem) == (whole.title, whole.ttl_seconds,
                                                            whole.problem)
    return part


def _text(body: bytes) -> str:
    """The text that parse_feed splits: decoded, DOCTYPE neutralised, junk before the root cut."""
    notes = _Notes()
    text, _root = _find_root(neutralise_doctype(decode_text(body, "", notes), notes), notes)
    return text


# --- the split ------------------------------------------------------------------------------

def test_split_cuts_at_items_and_puts_the_text_back_together():
    text = doc([item_xml(1), "\n  ", item_xml(2)]).decode()
    split = split_items(text)
    assert split is not None and len(split.chunks) == 2
    assert split.header + "\n  ".join(split.chunks) + split.tail == text
    assert split.chunks[0].startswith("<item>") and split.chunks[1].endswith("</item>")


@pytest.mark.parametrize("items", [
    [item_xml(1), "<image><url>x</url></image>", item_xml(2)],  # markup between items
    ["<item><title>a<item>nested</item></title></item>"],
    ["<rss:item><title>prefixed</title></rss:item>"],
    ["<Item><title>cased</title></Item>"],
    ["<item/>", item_xml(1)],  # self-closing
    [item_xml(1), "<!-- unclosed comment"],
    [item_xml(1), "<item><description><![CDATA[ never closed </description></item>"],
    ["<item><title>open only</title>"],
    ["<title>no items at all</title>"],
])
def test_split_refuses_what_it_cannot_be_sure_of(items: list[str]):
    assert split_items(doc(items).decode()) is None


def test_split_passes_over_cdata_and_comments_holding_item_tags():
    tricky = ("<item><title>a</title><description><![CDATA[ </item><item> ]]></description>"
              "<!-- <item> --></item>")
    split = split_items(doc([tricky, item_xml(2)]).decode())
    assert split is not None and split.chunks[0] == tricky


# --- the parse ------------------------------------------------------------------------------

def test_one_new_item_is_the_only_item_parsed_and_the_rest_is_counted():
    first = parse(doc([item_xml(n) for n in range(25, 0, -1)]))
    assert first.memo is not None and len(first.items) == 25
    body = doc([item_xml(n) for n in range(26, 1, -1)])
    second = assert_same_as_full(body, first.memo)
    assert [i.title for i in second.items] == ["Story 26"]
    assert second.known_items == 24 and second.items_in_feed == 25
    assert len(second.known_links) == 24
    assert second.memo is not None  # remembered for the next poll: all 25 now known
    assert len(Memo.decode(second.memo).records) == 25


def test_changed_header_text_still_uses_the_memo_but_changed_markup_does_not():
    items = [item_xml(n) for n in range(3, 0, -1)]
    memo = parse(doc(items)).memo
    retitled = doc(items, channel="<title>Wire (renamed)</title><ttl>60</ttl>")
    part = assert_same_as_full(retitled, memo)
    assert part.items == () and part.title == "Wire (renamed)" and part.ttl_seconds == 3600
    rebased = doc(items, rss_attrs=' xml:base="https://elsewhere.example.org/"')
    assert parse(rebased, memo).known_items == 0  # read differently: parsed in full
    assert_same_as_full(rebased, memo)
    moved = parse(doc(items), memo, feed_url="https://moved.example.org/feed")
    assert moved.known_items == 0 and len(moved.items) == 3


def test_a_guid_that_becomes_repeated_rekeys_as_a_full_parse_does():
    items = [item_xml(1, guid="home"), item_xml(2)]
    memo = parse(doc(items)).memo
    assert memo is not None
    repeated = doc([item_xml(3, guid="home"), *items])
    part = assert_same_as_full(repeated, memo)
    assert part.known_items == 0 and len(part.items) == 3  # full parse: keys depend on each other
    assert part.memo is None  # and nothing is remembered while the guid is repeated
    assert_same_as_full(doc(items), part.memo)


def test_an_edited_item_is_parsed_again_and_keeps_its_key():
    memo = parse(doc([item_xml(1), item_xml(2)])).memo
    edited = doc([item_xml(1, text="Updated."), item_xml(2)])
    part = assert_same_as_full(edited, memo)
    assert [i.title for i in part.items] == ["Story 1"]
    assert part.items[0].key == full(doc([item_xml(1)])).items[0].key


def test_a_malformed_new_item_makes_a_full_parse_with_its_problem():
    memo = parse(doc([item_xml(1), item_xml(2)])).memo
    broken = doc([item_xml(3, text="AT&T"), item_xml(1), item_xml(2)])
    part = assert_same_as_full(broken, memo)
    assert part.problem and part.memo is None


def test_junk_memo_is_ignored():
    body = doc([item_xml(1)])
    for junk in (b"", b"\x01", b"\x07" * 40, b"x" * 17):
        assert parse(body, junk).items == full(body).items


def test_known_links_keep_a_shared_permalink_from_counting_as_unique():
    """A new item whose permalink an already known item also uses gets no alias, as in a full
    parse: the link is not unique among the feed's items."""
    shared = ("<item><title>Live {n}</title><link>https://wire.example.com/live</link>"
              "<guid>live-{n}</guid><description>same text</description></item>")
    memo = parse(doc([shared.format(n=1)])).memo
    part = parse(doc([shared.format(n=2), shared.format(n=1)]), memo)
    redis, keys = fakeredis.FakeRedis(), Keys()
    seen = SeenItems(redis, keys, link_aliases)
    # the known item was seen under its alias only (its guid was re-minted meanwhile)
    alias_only = Item(key="older", feed_id="wire", feed_url=URL, title="Live 0",
                      link="https://wire.example.com/live", summary="same text")
    assert seen.enqueue_new("wire", [alias_only], lambda pipe, fresh: None)
    fresh = seen.enqueue_new("wire", part.items, lambda pipe, fresh: None,
                             other_links=part.known_links)
    assert [i.title for i in fresh] == ["Live 2"]


# --- the real corpus ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus folder ../shared/corpus/feeds absent")
def test_corpus_incremental_parse_equals_full_parse():
    """For every captured feed: the incremental parse without a memo is the full parse; and
    with a third of its items new since the last poll (the memo of the feed without them), it
    gives exactly the full parse's other items, with the same keys and counts."""
    used = 0
    for path in sorted(p for p in CORPUS.iterdir() if p.is_file()):
        body = path.read_bytes()
        first, whole = parse(body), full(body)
        assert (first.items, first.problem) == (whole.items, whole.problem), path.name
        split = split_items(_text(body)) if first.memo else None
        if split is None:
            continue
        older = split.reduced(i for i in range(len(split.chunks)) if i % 3).encode()
        part = assert_same_as_full(body, parse(older).memo, whole=whole)
        used += part.known_items > 0
    assert used >= 90  # of 112: the fast path is the rule, not the exception


def test_context_sees_a_quoted_gt_inside_an_attribute():
    def context(href: str) -> bytes:
        split = split_items(doc([item_xml(1)], channel=f'<title>W</title><link href="{href}"/>')
                            .decode())
        assert split is not None
        return context_digest(split, URL)

    assert context("https://a.example/?q=a>b") != context("https://a.example/?q=a>c")
    assert context("https://a.example/?q=a>b") == context("https://a.example/?q=a>b")


@pytest.mark.parametrize("hostile", [
    '<a x="' * 200_000,  # unterminated quotes, each after a '<'
    '<a "<" ' * 200_000,  # quotes hiding every '<' but the first
    "<x y='" + "<" * 1_000_000,
    "<ok>" * 200_000 + '<a b="',
])
def test_context_digest_is_linear_on_hostile_headers(hostile):
    split = Split(hostile, (item_xml(1),), "</channel></rss>")
    started = time.monotonic()
    context_digest(split, URL)
    assert time.monotonic() - started < 5  # generous: quadratic would take minutes
    # and the text after an unterminated tag is covered: a change there changes the digest
    assert context_digest(Split(hostile + "z", split.chunks, split.tail), URL) \
        != context_digest(split, URL)

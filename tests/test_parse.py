"""parse_feed and item keys: the formats, normalisation, broken and hostile input."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.ingest import parse as parse_module
from monitor.ingest.itemkey import assign_keys, item_key, link_key
from monitor.ingest.parse import MAX_TITLE, html_to_text, parse_feed, plain_text
from monitor.models import Item

FEEDS = Path(__file__).parent / "feeds"
URL = "https://wire.example.com/feed.xml"


def parse(name_or_bytes: str | bytes, headers: dict[str, str] | None = None,
          feed_url: str = URL):
    body = (FEEDS / name_or_bytes).read_bytes() if isinstance(name_or_bytes, str) \
        else name_or_bytes
    return parse_feed(body, headers or {}, feed_id="wire", feed_url=feed_url)


def rss(items: str, *, decl: str = '<?xml version="1.0" encoding="utf-8"?>', head: str = "",
        channel: str = "<title>T</title>") -> str:
    return f'{decl}{head}<rss version="2.0"><channel>{channel}{items}</channel></rss>'


# --- formats ---------------------------------------------------------------------------------

def test_rss2_items_are_normalised():
    feed = parse("rss2.xml")
    assert feed.problem is None and feed.title == "Caspian & Caucasus Wire"
    assert feed.ttl_seconds == 15 * 60
    first, second, third, fourth = feed.items
    assert first.title == "Chiefs of General Staff meet in Baku"  # escaped markup stripped
    assert first.published == "2019-11-26T09:30:00Z"  # +0300 -> UTC
    assert first.guid == "wire-2019-11-26-001" and first.authors == ("Staff reporter",)
    assert first.source == "Caspian & Caucasus Wire" and first.feed_url == URL
    assert first.summary == ("BAKU, Azerbaijan \u2014 The chiefs of general staff met on "
                             "Tuesday.\n\nTalks covered defence cooperation.\nMore to follow.")
    assert "alert" not in first.summary  # script content dropped
    assert first.content == ("Full story\n\nValery Gerasimov and Najmeddin Sadikov met."
                             "\n\none\ntwo")
    assert second.link == "https://wire.example.com/2019/11/25/pipeline"  # made absolute
    assert second.published == "2019-11-26T04:15:00Z" and second.guid is None
    assert (third.link, third.guid) == ("", None)
    assert fourth.link == ""  # javascript: never reaches an alert
    assert len({item.key for item in feed.items}) == 4


def test_atom_entries():
    feed = parse("atom.xml")
    assert feed.problem is None and feed.title == "Defence Digest"
    entry, updated_only = feed.items
    assert entry.published == "2019-11-26T07:00:00Z"
    assert entry.authors == ("Ayla Mammadova", "Ivan Petrov")
    assert entry.summary == "First paragraph.\n\nSecond & last."
    assert entry.content == "Body one.\n\nBody two."
    assert entry.link == "https://digest.example.org/a/1"
    assert updated_only.published == "2019-11-27T05:00:00Z"


def test_rdf_items():
    feed = parse("rdf.xml")
    (item,) = feed.items
    assert (feed.title, item.title, item.summary) == ("RDF Wire", "Story seven", "Seven & more.")
    assert item.published == "2019-11-26T04:00:00Z" and item.authors == ("Desk",)


def test_json_feed_1_1():
    feed = parse("jsonfeed.json", {"Content-Type": "application/feed+json"})
    assert feed.problem is None and feed.title == "JSON Wire"
    first, second, third = feed.items
    assert first.content == "Para one.\n\nPara two & end." and first.summary == "Short"
    assert first.published == "2019-11-26T09:00:00Z" and first.authors == ("Reporter A",)
    assert second.guid == "2" and second.link == "https://json.example.com/2"
    assert second.content == "Line one.\n\nLine two." and second.authors == ("Feed Desk",)
    assert third.link == "" and third.content == "no title"  # ftp: link dropped


def test_json_feed_1_0():
    (item,) = parse("jsonfeed_v1.json").items
    assert item.authors == ("Solo",) and item.published == "2019-11-26T08:00:00Z"


@pytest.mark.parametrize(("body", "words"), [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "invalid JSON"),
    (b'{"title": "no version", "items": []}', "not a JSON Feed"),
    (b"[" * 100_000 + b"]" * 100_000, "not a"),
])
def test_bad_json_is_reported(body, words):
    feed = parse(body, {"Content-Type": "application/json"})
    assert feed.items == () and words in feed.problem


# --- broken input ----------------------------------------------------------------------------

def test_malformed_feed_still_yields_items():
    feed = parse("malformed.xml")
    assert "malformed feed" in feed.problem
    assert [i.title for i in feed.items] == ["First & unescaped", "Second"]


@pytest.mark.parametrize("headers", [{}, {"Content-Type": "text/html; charset=utf-8"}])
def test_html_page_is_reported_without_items(headers):
    feed = parse("html_page.html", headers)
    assert feed.items == () and "HTML page" in feed.problem


@pytest.mark.parametrize("body", [b"", b"   \n", b"just some text", b"/etc/passwd",
                                  b"\x00\x01\x02garbage"])
def test_non_feed_bodies_are_reported(body):
    feed = parse(body)
    assert feed.items == () and feed.problem


def test_php_warning_before_the_xml_is_skipped():
    body = b"<br />\n<b>Warning</b>: something in /var/www/x.php\n" + \
        rss("<item><title>Kept</title><guid>k</guid></item>").encode()
    feed = parse(body)
    assert [i.title for i in feed.items] == ["Kept"] and feed.problem


def test_declared_utf8_but_latin1_bytes():
    body = rss("<item><title>Café Zürich – naïve</title><guid>1</guid></item>",
               channel="<title>Caf\u00e9</title>").replace("–", "-").encode("latin-1")
    feed = parse(body, {"Content-Type": "application/rss+xml; charset=utf-8"})
    assert feed.items[0].title == "Café Zürich - naïve" and feed.title == "Café"
    assert "UTF-8" in feed.problem


def test_cp1251_declared_only_in_the_header():
    body = rss("<item><title>Москва и Баку</title><guid>1</guid></item>",
               decl='<?xml version="1.0"?>').encode("cp1251")
    feed = parse(body, {"Content-Type": "application/rss+xml; charset=windows-1251"})
    assert feed.items[0].title == "Москва и Баку" and feed.problem is None


def test_header_says_latin1_but_body_is_utf8():
    body = rss("<item><title>Gerasimov’s visit — Bakı</title><guid>1</guid></item>").encode()
    feed = parse(body, {"Content-Type": "text/xml; charset=ISO-8859-1"})
    assert feed.items[0].title == "Gerasimov’s visit — Bakı"


def test_xml_declaration_charset_and_utf16_bom():
    koi8 = rss("<item><title>Привет</title><guid>1</guid></item>",
               decl='<?xml version="1.0" encoding="koi8-r"?>').encode("koi8-r")
    assert parse(koi8).items[0].title == "Привет"
    utf16 = rss("<item><title>Ωmega</title><guid>1</guid></item>",
                decl='<?xml version="1.0" encoding="utf-16"?>').encode("utf-16")
    assert parse(utf16).items[0].title == "Ωmega"


def test_no_charset_anywhere_falls_back_to_windows_1252():
    body = rss("<item><title>“Quoted” text</title><guid>1</guid></item>",
               decl="").encode("cp1252")
    assert parse(body).items[0].title == "“Quoted” text"


def test_control_characters_do_not_break_the_strict_parser():
    body = rss("<item><title>Bell\x07 and\x0c feed</title><guid>1</guid></item>").encode()
    feed = parse(body)
    assert feed.problem is None and feed.items[0].title == "Bell and feed"


# --- entity expansion ------------------------------------------------------------------------

def measured(body: bytes):
    tracemalloc.start()
    started = time.monotonic()
    try:
        feed = parse(body)
        return feed, time.monotonic() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def quadratic_blowup(entity_size: int = 40_000, references: int = 20_000,
                     before: str = "") -> bytes:
    subset = f'<!DOCTYPE rss [<!ENTITY a "{"A" * entity_size}">]>'
    return (f'<?xml version="1.0"?>{before}{subset}<rss version="2.0"><channel><title>B</title>'
            f'<item><title>{"&a;" * references}</title><guid>1</guid>'
            "<description>still here</description></item></channel></rss>").encode()


@pytest.mark.parametrize("before", ["", "<!-- <a href='x'> hides the doctype? -->",
                                    "\njunk before the doctype\n"])
def test_quadratic_blowup_is_neutralised(before):
    body = quadratic_blowup(before=before)
    assert 90_000 < len(body) < 110_000  # ~100 KB that feedparser would make ~800 MB of
    feed, elapsed, peak = measured(body)
    assert elapsed < 2 and peak < 50 << 20, (elapsed, peak)
    assert "DOCTYPE internal subset removed" in feed.problem
    assert [i.summary for i in feed.items] == ["still here"]
    assert len(feed.items[0].title) < 100


def test_billion_laughs_is_neutralised():
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)]
    body = rss("<item><title>&l9;</title><guid>1</guid></item>",
               head=f"<!DOCTYPE rss [{''.join(levels)}]>").encode()
    feed, elapsed, peak = measured(body)
    assert elapsed < 2 and peak < 50 << 20
    assert feed.items[0].title == "" and "entity" in feed.problem


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = rss("<item><title>&xxe;</title><description>&ext;</description><guid>1</guid></item>",
               head=f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
                    f'<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;'
                    f'<!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]>').encode()
    feed = parse(body)
    assert "TOP-SECRET" not in repr(feed)


def test_external_dtd_is_never_fetched(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY xxe "TOP-SECRET">')
    body = rss("<item><title>a &xxe; b</title><guid>1</guid></item>",
               head=f'<!DOCTYPE rss SYSTEM "{dtd.as_uri()}">').encode()
    feed = parse(body)
    assert "TOP-SECRET" not in repr(feed) and feed.items[0].title.startswith("a")


def test_utf16_without_bom():
    body = rss("<item><title>Ωmega</title><guid>1</guid></item>",
               decl='<?xml version="1.0" encoding="utf-16"?>').encode("utf-16-le")
    assert parse(body).items[0].title == "Ωmega"


def test_character_entities_in_the_subset_are_kept():
    body = rss("<item><title>A&nbsp;B&amp;C</title><guid>1</guid></item>",
               head='<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>').encode()
    assert parse(body).items[0].title == "A B&C"


def test_doctype_without_subset_is_left_alone():
    body = rss("<item><title>Old</title><guid>1</guid></item>",
               head='<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                    '"http://my.netscape.com/publish/formats/rss-0.91.dtd">').encode()
    feed = parse(body)
    assert feed.problem is None and feed.items[0].title == "Old"


# --- keys ------------------------------------------------------------------------------------

def test_keys_are_stable_and_do_not_depend_on_the_feed_url():
    one = parse("malformed.xml", feed_url="https://a.example/feed")
    two = parse("malformed.xml", feed_url="https://b.example/moved")
    assert [i.key for i in one.items] == [i.key for i in two.items]
    assert one.items[0].guid == "b1"  # not resolved against the feed URL


def test_repeated_guid_keeps_distinct_items_and_collapses_true_duplicates():
    feed = parse("repeated_guid.xml")
    assert [i.title for i in feed.items] == ["Story A", "Story B", "Unique"]
    assert len({i.key for i in feed.items}) == 3
    # order-independent: the same stories in another order get the same keys
    shuffled = assign_keys(list(reversed(feed.items)))
    assert {i.key for i in shuffled} == {i.key for i in feed.items}


def test_item_key_rules():
    key = item_key("f", "g-1", "https://x/1", "Title", "body")
    assert len(key) == 32 and int(key, 16) >= 0
    assert item_key("f", "g-1", "https://x/other", "Edited title", "new body") == key
    assert item_key("other-feed", "g-1", "https://x/1", "Title", "body") != key
    assert item_key("f", None, "https://x/1", "T", "b") == item_key("f", " ", "https://x/1",
                                                                     "X", "y")
    assert item_key("f", None, None, "T", "b") != item_key("f", None, None, "T", "c")
    assert link_key("f", "https://x/1") == item_key("f", None, "https://x/1", "", "")
    assert link_key("f", "") is None


def test_guid_that_changes_with_an_edit_is_a_new_key_but_the_same_link_key():
    """The documented trade-off: keyed by guid; `link_key` is there for a dedup store that
    wants to treat "same link" as already seen for feeds known to rewrite guids."""
    before = item_key("f", "post-17-rev-1", "https://x/17", "Old headline", "")
    after = item_key("f", "post-17-rev-2", "https://x/17", "New headline", "")
    assert before != after
    assert link_key("f", "https://x/17") == link_key("f", " https://x/17 ")


def test_assign_keys_drops_identical_duplicates_only():
    item = Item(key="", feed_id="f", feed_url=URL, title="Same", link="https://x/1", guid="g")
    other = Item(key="", feed_id="f", feed_url=URL, title="Other", link="https://x/2", guid="g")
    keyed = assign_keys([item, item, other])
    assert [i.title for i in keyed] == ["Same", "Other"] and all(i.key for i in keyed)


# --- bounds ----------------------------------------------------------------------------------

def test_field_lengths_are_capped():
    items = "".join(f"<item><title>{'t' * (MAX_TITLE + 50) if n == 0 else n}</title>"
                    f"<guid>{n}</guid></item>" for n in range(3))
    feed = parse(rss(items).encode())
    assert len(feed.items) == 3 and feed.skipped == 0
    assert len(feed.items[0].title) == MAX_TITLE
    assert "title (1x)" in feed.problem


def _dated(n: int) -> str:
    stamp = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(1_600_000_000 + 60 * n))
    return f"<item><title>story {n}</title><guid>g{n}</guid><pubDate>{stamp}</pubDate></item>"


@pytest.mark.parametrize("incremental", [False, True])
@pytest.mark.parametrize("oldest_first", [False, True])
def test_a_long_feed_keeps_its_newest_entries_whatever_the_order(monkeypatch, incremental,
                                                                 oldest_first):
    monkeypatch.setattr(parse_module, "MAX_ITEMS", 40)
    monkeypatch.setattr(parse_module, "PARSE_BATCH", 7)
    order = range(100) if oldest_first else range(99, -1, -1)
    feed = parse_feed(rss("".join(_dated(n) for n in order)).encode(), {}, feed_id="wire",
                      feed_url=URL, incremental=incremental)
    assert sorted(i.title for i in feed.items) == sorted(f"story {n}" for n in range(60, 100))
    assert [i.title for i in feed.items] == [f"story {n}" for n in order if n >= 60]
    assert feed.skipped == 60 and feed.items_in_feed == 100 and feed.problem is None
    assert feed.skipped_names == tuple(f"story {n}" for n in range(59, 54, -1))
    assert "60 of 100 entries skipped" in feed.skipped_note and "'story 59'" in feed.skipped_note


def test_a_long_json_feed_keeps_its_newest_entries(monkeypatch):
    monkeypatch.setattr(parse_module, "MAX_ITEMS", 10)
    items = [{"id": str(n), "title": f"story {n}",
              "date_published": f"2024-01-01T00:{n:02d}:00Z"} for n in range(30)]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J",
                       "items": items}).encode()
    feed = parse(body)
    assert [i.title for i in feed.items] == [f"story {n}" for n in range(20, 30)]
    assert feed.skipped == 20


def test_more_entries_than_a_batch_parse_as_one_document(monkeypatch):
    monkeypatch.setattr(parse_module, "PARSE_BATCH", 3)
    body = rss("".join(_dated(n) for n in range(10))).encode()
    batched = parse_feed(body, {}, feed_id="wire", feed_url=URL, incremental=True)
    whole = parse_feed(body, {}, feed_id="wire", feed_url=URL)
    assert batched.items == whole.items and batched.title == whole.title == "T"
    assert batched.memo is not None


def test_sy_update_period_gives_a_ttl():
    head = '<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'
    body = ('<?xml version="1.0"?>' + head + "<channel><title>T</title>"
            "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2"
            "</sy:updateFrequency></channel></rss>").encode()
    assert parse(body).ttl_seconds == 1800


@pytest.mark.parametrize("markup", ["<a" * 200_000, "<!--" * 100_000, "<script>" * 60_000,
                                    "</" * 200_000, "<p>&amp;" * 100_000,
                                    "<div " + "x=1 " * 200_000])
def test_html_to_text_is_linear_on_hostile_markup(markup):
    started = time.monotonic()
    html_to_text(markup)
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("a<br>b<br/><br>c", "a\nb\n\nc"),
    ("x &lt;b&gt; &#8212; y", "x <b> \u2014 y"),
    ("<b>bold</b>text <i>it</i>", "boldtext it"),
    ("<style>p{}</style><p>shown</p><script>hidden()</script>", "shown"),
    ("word\n   wrapped\tline", "word wrapped line"),
    ("a < b and c > d", "a < b and c > d"),
    ("<table><tr><td>1</td><td>2</td></tr></table>", "1 2"),
])
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def test_plain_text_keeps_paragraphs():
    assert plain_text("a\n b\r\n\r\n\n c  d\n") == "a b\n\nc d"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_never_raises_on_arbitrary_bytes(body):
    feed = parse(body)
    assert isinstance(feed.items, tuple)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.binary(min_size=1, max_size=20))
def test_never_raises_on_damaged_feeds(cut, junk):
    good = (FEEDS / "rss2.xml").read_bytes()
    feed = parse(good[:cut] + junk + good[cut:])
    assert isinstance(feed.items, tuple)


@pytest.mark.parametrize("incremental", [False, True])
@pytest.mark.parametrize("newest_first", [False, True])
def test_a_long_undated_feed_keeps_both_ends(monkeypatch, incremental, newest_first):
    """Undated entries tie on rank: the top of the document (new items of a newest-first feed)
    and its bottom (new items of an oldest-first feed) are both kept."""
    monkeypatch.setattr(parse_module, "MAX_ITEMS", 10)
    monkeypatch.setattr(parse_module, "PARSE_BATCH", 7)
    order = list(range(29, -1, -1)) if newest_first else list(range(30))
    items = "".join(f"<item><title>story {n}</title><guid>g{n}</guid></item>" for n in order)
    feed = parse_feed(rss(items).encode(), {}, feed_id="wire", feed_url=URL,
                      incremental=incremental)
    titles = [i.title for i in feed.items]
    assert titles == [f"story {n}" for n in order[:5] + order[-5:]]
    assert feed.skipped == 20

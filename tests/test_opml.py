"""OPML import/export: round trip, hostile documents refused, import into a config dir, feeds list."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml

from monitor.cli import main
from monitor.ops.opml import (
    OPMLError,
    feed_id_for,
    merge_feeds,
    parse_opml,
    to_opml,
)
from monitor.settings import FeedConfig
from tests.helpers import rss, write_config
from tests.servers import FeedDoc, FeedServer
from tests.stories import DEFENSE_STORY

READER_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Caucasus" title="Caucasus">
      <outline type="rss" text="OC Media" title="OC Media" xmlUrl="https://oc-media.org/feed/"
               htmlUrl="https://oc-media.org/"/>
      <outline type="rss" text="Trend News Agency" xmlUrl="https://en.trend.az/feeds/index.rss"
               category="/wire,/Azerbaijan"/>
    </outline>
    <outline type="rss" text="&#x422;&#x410;&#x421;&#x421;" xmlUrl="https://tass.ru/rss/v2.xml"/>
    <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
    <outline type="link" text="Just a link" url="https://example.org/"/>
  </body>
</opml>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<opml version="2.0"><body><outline type="rss" text="&c;" xmlUrl="https://example.org/f"/></body></opml>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE opml SYSTEM "http://127.0.0.1:1/evil.dtd">
<opml version="2.0"><body><outline type="rss" text="x" xmlUrl="https://example.org/f"/></body></opml>
"""


def test_parse_reader_export_folders_and_categories_become_tags() -> None:
    skipped: list[str] = []
    feeds = parse_opml(READER_EXPORT, skipped)
    assert feeds == [
        {"url": "https://oc-media.org/feed/", "title": "OC Media", "tags": ["caucasus"]},
        {"url": "https://en.trend.az/feeds/index.rss", "title": "Trend News Agency",
         "tags": ["caucasus", "wire", "azerbaijan"]},
        {"url": "https://tass.ru/rss/v2.xml", "title": "ТАСС"},
    ]
    assert len(skipped) == 1 and "file:///etc/passwd" in skipped[0]


def test_round_trip_through_opml() -> None:
    feeds = [FeedConfig(id="tass-en", url="https://tass.com/rss/v2.xml", tags=("wire", "russia")),
             FeedConfig(id="oc", url="https://oc-media.org/feed/?a=1&b=2", title="OC <Media>")]
    document = to_opml(feeds, created="Tue, 26 Nov 2019 09:00:00 +0000")
    assert document.startswith(b"<?xml") and b'version="2.0"' in document
    back = parse_opml(document)
    assert back == [
        {"url": "https://tass.com/rss/v2.xml", "title": "tass-en", "tags": ["wire", "russia"]},
        {"url": "https://oc-media.org/feed/?a=1&b=2", "title": "OC <Media>"},
    ]


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY],
                         ids=["entity-expansion", "external-dtd"])
def test_hostile_opml_is_refused_quickly(document: bytes) -> None:
    began = time.perf_counter()
    with pytest.raises(OPMLError, match="refused"):
        parse_opml(document)
    assert time.perf_counter() - began < 0.5


@pytest.mark.parametrize("document,message", [
    (b"<opml><body><outline", "not well-formed"),
    (b"<rss version='2.0'><channel/></rss>", "not an OPML"),
    (b"<opml><body><outline xmlUrl='https://e.org/x' text='&undefined;'/></body></opml>",
     "not well-formed"),
])
def test_malformed_opml_is_an_error(document: bytes, message: str) -> None:
    with pytest.raises(OPMLError, match=message):
        parse_opml(document)


def test_merge_keeps_comments_existing_entries_and_makes_unique_ids() -> None:
    existing = ("# my feeds\nfeeds:\n  - id: oc-media   # keep me\n"
                "    url: https://OC-media.org/feed\n")
    merged = merge_feeds(existing, [
        {"url": "https://oc-media.org/feed/", "title": "OC Media"},  # same URL: not added again
        {"url": "https://example.org/a.xml", "title": "OC Media"},
        {"url": "https://www.example.org/b.xml"},
        {"url": "https://example.org/c.xml", "title": "Сводки"},  # no ASCII: id from the host
    ])
    assert merged.startswith(existing)  # comments and the entry are untouched
    feeds = yaml.safe_load(merged)["feeds"]
    assert [f["id"] for f in feeds] == ["oc-media", "oc-media-2", "example-org", "example-org-2"]
    for feed in feeds:
        FeedConfig.model_validate(feed)
    assert merge_feeds(merged, [{"url": "https://example.org/a.xml"}]) == merged
    again = yaml.safe_load(merge_feeds(merged, [{"id": "oc-media", "url": "https://e.org/x"}]))
    assert again["feeds"][-1]["id"] == "e-org"  # a taken id is never reused


def test_merge_rewrites_when_the_list_cannot_be_extended_in_place() -> None:
    existing = "feeds: [{id: a, url: 'https://example.org/a'}]\nother: 1\n"
    merged = yaml.safe_load(merge_feeds(existing, [{"url": "https://example.org/b",
                                                    "tags": ["x"]}]))
    assert merged["other"] == 1
    assert merged["feeds"] == [{"id": "a", "url": "https://example.org/a"},
                               {"id": "example-org", "url": "https://example.org/b",
                                "tags": ["x"]}]
    assert yaml.safe_load(merge_feeds("", [{"url": "https://e.org/x"}])) == {
        "feeds": [{"id": "e-org", "url": "https://e.org/x"}]}


def test_feed_id_for_is_a_valid_identifier() -> None:
    taken: set[str] = set()
    long_title = "A very long title " * 10
    ident = feed_id_for({"url": "https://e.org/", "title": long_title}, taken)
    FeedConfig(id=ident, url="https://e.org/")
    assert ident in taken and len(ident) <= 48


def test_import_into_config_dir_then_check_passes_and_export_lists_all(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "config", redis_url=None,
                          feeds=[{"id": "oc-media", "url": "https://oc-media.org/feed/"}],
                          destinations=[{"id": "log", "type": "log"}])
    opml = tmp_path / "subs.opml"
    opml.write_bytes(READER_EXPORT)

    assert main(["--config", str(config), "feeds", "import", str(opml)]) == 0
    assert "2 feeds added, 1 already present" in capsys.readouterr().err
    feeds = yaml.safe_load((config / "feeds.yaml").read_text())["feeds"]
    assert [f["id"] for f in feeds] == ["oc-media", "trend-news-agency", "tass-ru"]

    assert main(["--config", str(config), "check"]) == 0
    assert "3 feeds" in capsys.readouterr().out

    assert main(["--config", str(config), "feeds", "import", str(opml)]) == 0
    assert "0 feeds added, 3 already present" in capsys.readouterr().err

    assert main(["--config", str(config), "feeds", "export"]) == 0
    exported = parse_opml(capsys.readouterr().out.encode())
    assert [f["url"] for f in exported] == [f["url"] for f in feeds]


def test_hostile_import_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "config", redis_url=None, feeds=[],
                          destinations=[{"id": "log", "type": "log"}])
    before = (config / "feeds.yaml").read_text()
    opml = tmp_path / "evil.opml"
    opml.write_bytes(BILLION_LAUGHS)
    assert main(["--config", str(config), "feeds", "import", str(opml)]) == 1
    assert "refused" in capsys.readouterr().err
    assert (config / "feeds.yaml").read_text() == before


def test_list_shows_health_from_redis(tmp_path: Path, redis_url: str, feed_server: FeedServer,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    feed_server.docs["/ok.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    config = write_config(tmp_path / "config", redis_url=redis_url, feeds=[
        {"id": "ok", "url": feed_server.url("/ok.xml"), "interval": "1h", "tags": ["wire"]},
        {"id": "gone", "url": feed_server.url("/gone.xml"), "interval": "1h"},
        {"id": "later", "url": feed_server.url("/later.xml"), "enabled": False},
    ], destinations=[{"id": "log", "type": "log"}])
    assert main(["--config", str(config), "poll", "--once"]) == 0
    capsys.readouterr()

    assert main(["--config", str(config), "feeds", "list", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["ok"]["health"] == "ok" and rows["ok"]["tags"] == ["wire"]
    assert rows["ok"]["items_total"] == 1
    assert rows["gone"]["health"] == "failing" and "404" in rows["gone"]["last_error"]
    assert rows["later"]["health"] == "disabled"

    assert main(["--config", str(config), "feeds", "list"]) == 0
    text = capsys.readouterr().out
    assert "HEALTH" in text and "failing" in text


def test_a_skipped_entry_is_shown_without_its_password() -> None:
    opml = b"""<?xml version="1.0"?><opml version="2.0"><body>
      <outline text="Old mirror" xmlUrl="ftp://reader:hunter2@mirror.example/feed.xml"/>
    </body></opml>"""
    skipped: list[str] = []
    assert parse_opml(opml, skipped) == []
    assert len(skipped) == 1 and "mirror.example/feed.xml" in skipped[0]
    assert "hunter2" not in skipped[0] and "reader" not in skipped[0]

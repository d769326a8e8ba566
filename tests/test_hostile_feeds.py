"""Hostile and broken feeds end to end (local server -> fetch_feed -> parse_feed), and the sweep
over the real captured corpus in ../shared/corpus/feeds when it is present."""

from __future__ import annotations

import gzip
import importlib.util
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "feeds"


def load_sweep():
    """bench/ is not a package: load bench/sweep_feeds.py as the module `sweep_feeds`."""
    if "sweep_feeds" in sys.modules:
        return sys.modules["sweep_feeds"]
    spec = importlib.util.spec_from_file_location("sweep_feeds", ROOT / "bench" / "sweep_feeds.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["sweep_feeds"] = module  # worker processes unpickle check_one by this name
    spec.loader.exec_module(module)
    return module


def quadratic_blowup() -> bytes:
    entity = "A" * 40_000
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{entity}">]>'
            f'<rss version="2.0"><channel><title>Q</title><item><title>{"&a;" * 20_000}'
            "</title><guid>q</guid></item></channel></rss>").encode()


HOSTILE = {
    "blowup.xml": (quadratic_blowup(), "problem", 1),
    "page.html": (b"<!doctype html><html><body><p>Not a feed</p></body></html>", "problem", 0),
    "garbage.bin": (bytes(range(256)) * 40, "problem", 0),
    "empty.xml": (b"", "problem", 0),
    "huge.xml": (b"<rss>" + b" " * (3 << 20) + b"</rss>", "rejected", 0),
    "latin1.xml": (('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    "<title>Caf\u00e9</title><item><title>Z\u00fcrich</title></item>"
                    "</channel></rss>").encode("latin-1"), "problem", 1),
    "no_ids.xml": (b'<rss version="2.0"><channel><title>N</title>'
                   b"<item><title>one</title></item><item><title>two</title></item>"
                   b"</channel></rss>", "parsed", 2),
    "repeated.xml": (b'<rss version="2.0"><channel><title>R</title>'
                     b"<item><title>a</title><link>http://x.example/a</link><guid>g</guid></item>"
                     b"<item><title>b</title><link>http://x.example/b</link><guid>g</guid></item>"
                     b"</channel></rss>", "parsed", 2),
    "bomb.xml": (gzip.compress(b"\0" * (20 << 20)), "problem", 0),  # a gzip file, not encoding
}


def test_hostile_folder_sweep(tmp_path):
    for name, (body, _kind, _items) in HOSTILE.items():
        (tmp_path / name).write_bytes(body)
    sweep = load_sweep()
    started = time.monotonic()
    result = sweep.sweep(tmp_path, workers=2, max_bytes=2 << 20)
    assert time.monotonic() - started < 20
    outcomes = {o["feed"]: o for o in result["outcomes"]}
    for name, (_body, kind, items) in HOSTILE.items():
        assert (outcomes[name]["kind"], outcomes[name]["items"]) == (kind, items), outcomes[name]
    assert result["crashed"] == 0


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus folder ../shared/corpus/feeds absent")
def test_corpus_sweep():
    result = load_sweep().sweep(CORPUS)
    crashed = [o for o in result["outcomes"] if o["kind"] == "crashed"]
    assert crashed == []
    assert result["feeds"] == len([p for p in CORPUS.iterdir() if p.is_file()])
    assert result["parsed"] + result["problem"] + result["rejected"] == result["feeds"]
    for outcome in result["outcomes"]:  # every feed is parsed, or its problem is said
        assert outcome["kind"] == "parsed" or outcome["problem"]
    assert result["items"] > 0

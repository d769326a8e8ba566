"""The own story test set (`bench/data/stories.test.jsonl`) is what its generator writes, and
is labelled the way `bench/stories.py` reads it."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"


def _generator():
    """bench/ is not a package: load the generator script as a module."""
    spec = importlib.util.spec_from_file_location("make_stories_test",
                                                  DATA / "make_stories_test.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_file_is_reproduced_by_its_generator() -> None:
    assert (DATA / "stories.test.jsonl").read_text(encoding="utf-8") == _generator().render()


def test_labels_are_complete_and_consistent() -> None:
    rows = [json.loads(line) for line in
            (DATA / "stories.test.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({r["id"] for r in rows}) == len(rows) >= 150
    assert all({"id", "feed", "title", "body", "published", "story", "kind"} <= r.keys()
               for r in rows)
    by_story: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_story[row["story"]].append(row)
    assert len(by_story) >= 40
    for story, members in by_story.items():
        kinds = Counter(r["kind"] for r in members)
        # a story is one original with its copies, or one near-miss/templated item alone
        assert kinds["original"] + kinds["distinct"] == 1, story
        if kinds["distinct"]:
            assert len(members) == 1, story
        assert min(members, key=lambda r: r["published"])["kind"] in ("original", "distinct")
    kinds = Counter(r["kind"] for r in rows)
    assert min(kinds[k] for k in ("verbatim", "edited", "rewrite", "distinct")) >= 20


def test_verbatim_copies_keep_every_paragraph_of_the_original() -> None:
    rows = [json.loads(line) for line in
            (DATA / "stories.test.jsonl").read_text(encoding="utf-8").splitlines()]
    outlets = _generator().OUTLETS
    originals = {r["story"]: r for r in rows if r["kind"] == "original"}
    copies = [r for r in rows if r["kind"] == "verbatim"]
    assert copies
    for row in copies:
        source = originals[row["story"]]
        own = {outlets[source["feed"]].byline, *outlets[source["feed"]].trailers}
        paragraphs = [p for p in source["body"].split("\n\n") if p not in own]
        # the lead keeps the source's dateline or takes the copier's; the rest is word for word
        assert paragraphs[0].split(" ", 3)[-1][-60:] in row["body"], row["id"]
        assert all(p in row["body"] for p in paragraphs[1:]), row["id"]
        # another outlet's trailers and credit, or the same outlet's repost under a new title
        assert (row["body"], row["title"]) != (source["body"], source["title"]), row["id"]

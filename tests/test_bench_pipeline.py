"""bench/pipeline.py's premises, cheaply: its items reach the pipeline as distinct stories (so
each matching item makes its own alert), they match as labelled, and its exactly-once check
counts what it says. The benchmark itself is run by hand (see its docstring), not here."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

from monitor.ingest.parse import parse_feed
from monitor.stories.local import group_stories

ROOT = Path(__file__).resolve().parents[1]


def load_pipeline() -> ModuleType:
    """bench/ is not a package: load bench/pipeline.py as the module `bench_pipeline`."""
    if "bench_pipeline" in sys.modules:
        return sys.modules["bench_pipeline"]
    spec = importlib.util.spec_from_file_location("bench_pipeline", ROOT / "bench" / "pipeline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pipeline"] = module
    spec.loader.exec_module(module)
    return module


def test_bench_items_parse_into_one_story_each_and_match_as_labelled(tmp_path: Path) -> None:
    bench = load_pipeline()
    config = bench.write_config(tmp_path / "config", "redis://127.0.0.1:1/0", None,
                                "http://127.0.0.1:9/hook", "whsec_" + "A" * 32)
    workload = bench.build_workload(config, 300, 0.1, seed=5)  # asks `wirewatch match`
    assert len(workload.items) == 300 and len(workload.expected) == 30
    rules = set(workload.expected.values())
    assert {"ru-az-defense", "caspian-naval"} <= rules
    # as the poller sees them: the bench's RSS (HTML paragraphs) through the real parser
    now = time.time()
    body = bench.rss("wire00", [(item, now - n) for n, item in enumerate(workload.items)])
    parsed = parse_feed(body, {"content-type": "application/rss+xml"}, feed_id="wire00",
                        feed_url="http://127.0.0.1/wire00.xml")
    assert parsed.problem is None and len(parsed.items) == 300
    assert all("\n\n" in item.body for item in parsed.items)  # paragraphs kept
    labels = group_stories(parsed.items)
    assert len(set(labels.values())) == 300, "bench items folded into shared stories"


def test_exactly_once_check_counts_missing_repeats_and_strays() -> None:
    bench = load_pipeline()
    expected = {"http://w/1": "r1", "http://w/2": "r1", "http://w/3": "r2"}

    def accepted(webhook_id: str, rule: str, link: str, verified: bool = True) -> object:
        return bench.Accepted(webhook_id, rule, link, "key", 1.0, verified)

    clean = [accepted("a", "r1", "http://w/1"), accepted("b", "r1", "http://w/2"),
             accepted("c", "r2", "http://w/3")]
    assert bench.delivery_check(expected, clean)["exactly_once"] is True
    messy = [*clean[:2], accepted("a", "r1", "http://w/1"), accepted("d", "r9", "http://w/9"),
             accepted("e", "", "", verified=False)]
    check = bench.delivery_check(expected, messy)
    assert (check["missing"], check["repeats"], check["unexpected"], check["unverified"]) == \
        (1, 1, 1, 1)
    assert check["exactly_once"] is False

"""Benchmark of story assignment: quality against labels, time and Redis memory per item.

    nice python bench/stories.py                       # dev set, own test set, 300,000 in the index
    nice python bench/stories.py --fill 1000000        # the index at a million items (~3 min)
    python bench/stories.py --fill 20000 --runs 1      # quicker

For each labelled set (JSONL with `story` and `kind` labels: the development set at
`../shared/corpus/stories.dev.jsonl`, skipped where absent, the own test set
`bench/data/stories.test.jsonl`, and the blind set `bench/blind/stories.blind.jsonl`, written by
someone who had not read the story code)
the reports are assigned in published order through the real `StoryAssigner` against a private
redis-server, and the bench prints B-cubed precision and recall, false merges (a predicted story
holding reports of two labelled stories; `near_miss_false_merges` counts those that hold a
`distinct` report) and splits.

Cost: `ms_per_item_median` is the wall time of `StoryAssigner.assign` per labelled report
(strip, sign, lookup, decide, commit: two Redis round trips on localhost), median over
`--runs`, with `ms_per_item_cpu_median` the CPU time of this process alone. Memory: the index
is filled with `--fill` reports through the real commit script (the same keys, shards, expiry;
random bucket keys, signatures of synthetic reports, a third joining an earlier story) spread
over one 72-hour window, and `bytes_per_item` is Redis `used_memory` growth divided by their
number: measured, not extrapolated, at the size asked for. Then `--timed` synthetic reports
(about 220 words each, longer than most wire items) are assigned into that full index:
`ms_per_item_wall_at_fill`, and the CPU of this process and of the Redis server per item.

`minhash_us` compares the MinHash of one report (128 permutations, word 3-shingles) computed
by this package (numpy) with `datasketch` (if installed), on the labelled reports.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from redis import Redis  # noqa: E402

from monitor.models import Item  # noqa: E402
from monitor.storage.keys import Keys  # noqa: E402
from monitor.storage.stories import StoryStore  # noqa: E402
from monitor.stories import StoryAssigner  # noqa: E402
from monitor.stories.signature import (  # noqa: E402
    PERMUTATIONS,
    minhash,
    shingle_hashes,
    signature,
)
from monitor.stories.text import report_text  # noqa: E402
from tests.servers import RedisServer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "stories.dev.jsonl"
TEST = ROOT / "bench" / "data" / "stories.test.jsonl"
BLIND = ROOT / "bench" / "blind" / "stories.blind.jsonl"  # written without sight of the code
WINDOW = 72 * 3600.0


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return sorted(rows, key=lambda r: r["published"])


def as_item(row: dict, feed: str | None = None) -> Item:
    return Item(key=row["id"], feed_id=feed or row["feed"], feed_url=f"http://{row['feed']}/",
                title=row["title"], content=row["body"], published=row["published"])


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in pred:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = statistics.fmean(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]])
                         for i in pred)
    r = statistics.fmean(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]])
                         for i in pred)
    return p, r


def quality(rows: list[dict], redis: Redis, runs: int) -> dict:
    times, cpus, pred = [], [], {}
    for _ in range(runs):
        redis.flushdb()
        assigner = StoryAssigner(StoryStore(redis, Keys(), WINDOW))
        start, cpu = time.perf_counter(), time.process_time()
        pred = {r["id"]: assigner.assign(as_item(r)).id for r in rows}
        times.append((time.perf_counter() - start) / len(rows) * 1000)
        cpus.append((time.process_time() - cpu) / len(rows) * 1000)
    gold = {r["id"]: r["story"] for r in rows}
    kinds = {r["id"]: r["kind"] for r in rows}
    p, r = bcubed(pred, gold)
    members = defaultdict(set)
    for i, s in pred.items():
        members[s].add(i)
    merges = [sorted(m) for m in members.values() if len({gold[i] for i in m}) > 1]
    near = [m for m in merges if any(kinds[i] == "distinct" for i in m)]
    splits = sum(1 for g in set(gold.values())
                 if len({pred[i] for i in pred if gold[i] == g}) > 1)
    return {"reports": len(rows), "stories_labelled": len(set(gold.values())),
            "stories_found": len(members), "b3_precision": round(p, 4), "b3_recall": round(r, 4),
            "false_merges": len(merges), "near_miss_false_merges": len(near),
            "merged": merges, "split_stories": splits,
            "ms_per_item_median": round(statistics.median(times), 3),
            "ms_per_item_cpu_median": round(statistics.median(cpus), 3)}


def minhash_cost(rows: list[dict]) -> dict:
    texts = [report_text(r["title"], r["body"]).words for r in rows]
    reps = 20
    start = time.perf_counter()
    for _ in range(reps):
        for words in texts:
            minhash(words)
    ours = (time.perf_counter() - start) / (reps * len(texts)) * 1e6
    out = {"minhash_us_numpy": round(ours, 1)}
    try:
        from datasketch import MinHash  # noqa: PLC0415 - optional, for the comparison only
    except ImportError:
        return {**out, "minhash_us_datasketch": None}
    shingles = [[" ".join(w[i:i + 3]).encode() for i in range(len(w) - 2)] for w in texts]
    start = time.perf_counter()
    for _ in range(reps):
        for grams in shingles:
            mh = MinHash(num_perm=PERMUTATIONS)
            mh.update_batch(grams)
    theirs = (time.perf_counter() - start) / (reps * len(texts)) * 1e6
    assert all(shingle_hashes(w).size for w in texts)
    return {**out, "minhash_us_datasketch": round(theirs, 1)}


class Filler:
    """Synthetic news-like reports: Zipf words, names, numbers; some copies of earlier ones."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.vocab = [f"w{i}" for i in range(20000)]
        self.weights = [1 / (i + 1) for i in range(len(self.vocab))]
        self.names = [f"Name{i}" for i in range(5000)]
        self.recent: list[tuple[str, str]] = []

    def report(self, n: int) -> tuple[str, str]:
        rng = self.rng
        if self.recent and rng.random() < 0.33:
            title, body = rng.choice(self.recent[-500:])
            paras = body.split("\n\n")
            if rng.random() < 0.5:
                paras = paras[:-1] + ["Follow us on Telegram for more news."]
            return "Re: " + title, "\n\n".join(paras)
        def sentence() -> str:
            words = rng.choices(self.vocab, self.weights, k=rng.randint(12, 24))
            words[rng.randrange(len(words))] = rng.choice(self.names)
            words[rng.randrange(len(words))] = str(rng.randint(2, 99999))
            return " ".join(words).capitalize() + "."
        body = "\n\n".join(" ".join(sentence() for _ in range(3)) for _ in range(4))
        title = f"{rng.choice(self.names)} {' '.join(rng.choices(self.vocab[:2000], k=6))} {n}"
        self.recent.append((title, body))
        return title, body


def bulk_fill(redis: Redis, count: int, seed: int = 11) -> dict:
    """Fill the index with `count` reports through the real commit script (the same keys,
    shards and expiry as live assignment), with random bucket keys and the signatures of
    synthetic reports; a third join an earlier story. Returns memory per item."""
    rng = random.Random(seed)
    redis.flushdb()
    store = StoryStore(redis, Keys(), WINDOW)  # a fresh index, written by this code from the start
    base = int(redis.info("memory")["used_memory"])
    start_at = time.time() - WINDOW
    stories: list[str] = []
    filler = Filler(seed)
    signatures = [signature(report_text(*filler.report(n))).to_bytes() for n in range(300)]
    started = time.perf_counter()
    for batch in range(0, count, 1000):
        with redis.pipeline(transaction=False) as pipe:
            for n in range(batch, min(batch + 1000, count)):
                key = f"{rng.getrandbits(64):016x}{rng.getrandbits(64):016x}"
                join = stories and rng.random() < 0.33
                story = rng.choice(stories[-2000:]) if join else f"story_{key[:16]}"
                if not join:
                    stories.append(story)
                bands = [rng.getrandbits(32).to_bytes(4, "little") for _ in range(14)]
                keys, argv = store.commit_request(
                             key, f"feed{n % 200}", story, is_new=not join, seen=None,
                             event_time=start_at + WINDOW * n / count, bands=bands,
                             signature=rng.choice(signatures), lines=(),
                             report={"item": key, "feed": f"feed{n % 200}", "reason":
                                     "copy: containment 0.93, 11 shared names (0.92), 1.4 h "
                                     "apart"})
                store.commit_script(keys=keys, args=argv, client=pipe)
            pipe.execute()
    used = int(redis.info("memory")["used_memory"]) - base
    return {"index_items": count, "index_stories": len(stories),
            "bytes_per_item": round(used / count),
            "index_mb": round(used / 2**20, 1), "fill_s": round(time.perf_counter() - started)}


def timed_assign(redis: Redis, count: int) -> dict:
    """Assign `count` synthetic reports through `StoryAssigner` into the index as it is: wall
    time, this process's CPU time and the Redis server's CPU time, per item."""
    assigner = StoryAssigner(StoryStore(redis, Keys(), WINDOW))
    filler = Filler()
    reports = [filler.report(n) for n in range(count)]
    now = time.time()
    items = [Item(key=f"timed-{n}", feed_id=f"feed{n % 200}", feed_url="http://f/", title=t,
                  content=b, link=f"https://example.org/{n}",
                  published=time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                          time.gmtime(now - WINDOW / 2 + n)))
             for n, (t, b) in enumerate(reports)]
    cpu0 = redis.info("cpu")
    wall, cpu = time.perf_counter(), time.process_time()
    for item in items:
        assigner.assign(item)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    cpu1 = redis.info("cpu")
    server = sum(cpu1[k] - cpu0[k] for k in ("used_cpu_user", "used_cpu_sys"))
    return {"ms_per_item_wall": round(wall / count * 1000, 3),
            "ms_per_item_cpu": round(cpu / count * 1000, 3),
            "ms_per_item_redis_cpu": round(server / count * 1000, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--test", type=Path, default=TEST)
    parser.add_argument("--blind", type=Path, default=BLIND)
    parser.add_argument("--fill", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timed", type=int, default=2000,
                        help="reports assigned and timed once the index is filled")
    args = parser.parse_args()
    server = RedisServer(Path(tempfile.mkdtemp(prefix="bench-stories-")))
    server.start()
    try:
        redis = Redis.from_url(server.url())
        result: dict = {}
        for name, path in (("dev", args.dev), ("test", args.test), ("blind", args.blind)):
            if path.exists():
                rows = load(path)
                result[name] = quality(rows, redis, args.runs)
                print(json.dumps({name: result[name]}), flush=True)
        if args.dev.exists():
            result["minhash"] = minhash_cost(load(args.dev))
            print(json.dumps({"minhash": result["minhash"]}), flush=True)
        if args.fill:
            result["fill"] = bulk_fill(redis, args.fill)
            print(json.dumps({"fill": result["fill"]}), flush=True)
            result["fill"].update({f"{k}_at_fill": v for k, v in
                                   timed_assign(redis, args.timed).items()})
            print(json.dumps({"fill": result["fill"]}), flush=True)
        summary = {f"{k}_{m}": v[m] for k, v in result.items() if k in ("dev", "test", "blind")
                   for m in ("b3_precision", "b3_recall", "false_merges",
                             "near_miss_false_merges", "ms_per_item_median")}
        summary.update(result.get("minhash", {}))
        summary.update(result.get("fill", {}))
        summary["kinds"] = dict(Counter(r["kind"] for r in load(args.test)))
        print(json.dumps(summary))
    finally:
        server.stop() if hasattr(server, "stop") else None


if __name__ == "__main__":
    main()

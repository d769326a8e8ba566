"""Record or check every grouping decision of story assignment, to prove that a change made it
cheaper without changing what it decides.

    python bench/stories_decisions.py --write /tmp/before.json    # before the change
    python bench/stories_decisions.py --check /tmp/before.json    # after: exit 1 on any change

For the development set (if present), the own test set and a stream of 3,000 synthetic reports
(`bench/stories.py`'s `Filler`: Zipf words, names from a pool of 5,000, a third copies of
earlier ones, so most have candidates to decide) assigned in order into an empty private Redis
with fixed times, it records per report: the story it joined (named by the story's first
report), the reason string (containment, shared names, hours), and a digest of its signature
and bucket keys. Any difference in MinHash, names, facts, candidates or verdicts shows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from redis import Redis  # noqa: E402
from stories import DEV, TEST, WINDOW, Filler, as_item, load  # noqa: E402

from monitor.models import Item  # noqa: E402
from monitor.storage.keys import Keys  # noqa: E402
from monitor.storage.stories import StoryStore  # noqa: E402
from monitor.stories import StoryAssigner  # noqa: E402
from monitor.stories.signature import band_keys, signature  # noqa: E402
from monitor.stories.text import report_text  # noqa: E402
from tests.servers import RedisServer  # noqa: E402

SYNTHETIC = 3000
NOW = 1_750_000_000.0  # fixed "now": the same buckets and days on every run


def synthetic_items(count: int) -> list[Item]:
    """`count` synthetic reports a minute apart, 200 feeds."""
    filler = Filler()
    return [Item(key=f"syn-{n}", feed_id=f"feed{n % 200}", feed_url="http://f/", title=t,
                 content=b, link=f"https://example.org/{n}",
                 published=time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                         time.gmtime(NOW - WINDOW / 2 + 60 * n)))
            for n, (t, b) in enumerate(filler.report(n) for n in range(count))]


def decisions(items: list[Item], redis: Redis) -> dict[str, list[str]]:
    """Per item: [story's first item, reason, digest of signature and bucket keys]."""
    redis.flushdb()
    assigner = StoryAssigner(StoryStore(redis, Keys(), WINDOW))
    first: dict[str, str] = {}
    out: dict[str, list[str]] = {}
    for item in items:
        ref = assigner.assign(item, now=NOW)
        first.setdefault(ref.id, item.key)
        sig = signature(report_text(item.title, item.body))
        digest = hashlib.sha256(sig.to_bytes() + b"".join(band_keys(sig))).hexdigest()[:16]
        out[item.key] = [first[ref.id], ref.reason, digest]
    return out


def collect(redis: Redis) -> dict[str, dict[str, list[str]]]:
    sets = {}
    for name, path in (("dev", DEV), ("test", TEST)):
        if path.exists():
            sets[name] = decisions([as_item(r) for r in load(path)], redis)
    sets["synthetic"] = decisions(synthetic_items(SYNTHETIC), redis)
    return sets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--check", type=Path)
    args = parser.parse_args()
    server = RedisServer(Path(tempfile.mkdtemp(prefix="bench-decisions-")))
    server.start()
    try:
        found = collect(Redis.from_url(server.url()))
    finally:
        server.stop()
    counts = {k: len(v) for k, v in found.items()}
    if args.write:
        args.write.write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
        print(f"wrote the decisions on {counts} to {args.write}")
        return 0
    expected = json.loads(args.check.read_text(encoding="utf-8"))
    changed = [(name, key, expected.get(name, {}).get(key), value)
               for name, items in found.items() for key, value in items.items()
               if expected.get(name, {}).get(key) != value]
    missing = sorted(set(expected) - set(found))
    for name, key, old, new in changed[:20]:
        print(f"{name} {key}: {old} -> {new}")
    print(f"{len(changed)} decisions changed of {sum(counts.values())} {counts}"
          + (f"; sets missing: {missing}" if missing else ""))
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of a config reload under load: how long matching pauses while a worker reloads.

    python bench/reload.py                       # 100,000 rules, 3 reloads
    python bench/reload.py --rules 10000 --reloads 5

A config directory with `--rules` generated rules (bench/match.py's mix) is written to a
temporary directory. A `WorkerContext` (its Redis is never contacted) matches documents in a
loop on the main thread, as a worker's job loop does, while rules.yaml is replaced (written to a
temporary file and renamed) `--reloads` times. Printed as one JSON line:

- `check_s`: load and validate, as `wirewatch check`; `load_s`: load and compile for matching,
  as a worker's start;
- `reload_s`: median time from the rename to the new rules in force (settle time included);
- `gap_p50_s` / `gap_max_s`: time between two finished matches, normally and at worst over all
  reloads; `gap_max_idle_s`: the worst gap over as long a time without reloads.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from redis import Redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from match import World, make_documents, make_rules  # noqa: E402
from match import write_config as write_config_dir  # noqa: E402

from monitor.config import load_config, load_config_and_rules  # noqa: E402
from monitor.rules import RuleSource  # noqa: E402
from workers.context import WorkerContext  # noqa: E402

SETTLE = "0.5s"


def write_config(directory: Path, rules: list[RuleSource], vocabularies: dict) -> None:
    """The four files, reloading every 0.1 s; rules.yaml replaced atomically."""
    write_config_dir(directory, rules, vocabularies,
                     {"workers": 1, "reload": {"interval": "0.1s", "settle": SETTLE}})


def timed(fn, *args):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - began


def match_until(ctx: WorkerContext, docs: list, done, gaps: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Match documents round and round until `done()`; append the time between two matches."""
    last = time.perf_counter()
    i = 0
    while not done():
        ctx.ruleset.match(docs[i % len(docs)])
        i += 1
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rules", type=int, default=100_000)
    parser.add_argument("--reloads", type=int, default=3)
    args = parser.parse_args(argv)
    world = World(1)
    rules, vocabularies = make_rules(world, args.rules, 2)
    docs = make_documents(world, 200, 3)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        write_config(directory, rules, vocabularies)
        _, check_s = timed(load_config, directory, {})
        (config, ruleset), load_s = timed(load_config_and_rules, directory, {})
        ctx = WorkerContext(config, Redis.from_url("redis://127.0.0.1:1"), environ={},
                            ruleset=ruleset)
        reload_times, reload_gaps, idle_gaps = [], [], []
        try:
            for n in range(args.reloads):
                rules[n] = RuleSource(rules[n].id, f"reloadmark{n}")
                before = ctx.installed
                write_config(directory, rules, vocabularies)
                began = time.perf_counter()
                match_until(ctx, docs, lambda b=before: ctx.installed is not b, reload_gaps)
                reload_times.append(time.perf_counter() - began)
                quiet = time.perf_counter() + reload_times[-1]
                match_until(ctx, docs, lambda q=quiet: time.perf_counter() > q, idle_gaps)
        finally:
            ctx.close()
    print(json.dumps({
        "rules": args.rules, "check_s": round(check_s, 2), "load_s": round(load_s, 2),
        "reload_s": round(statistics.median(reload_times), 2),
        "gap_p50_s": round(statistics.median(idle_gaps + reload_gaps), 4),
        "gap_max_s": round(max(reload_gaps), 3),
        "gap_max_idle_s": round(max(idle_gaps), 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

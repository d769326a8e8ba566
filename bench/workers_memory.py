"""Benchmark of the memory of workers sharing one compiled rule set: a worker group of N against
one lone worker, after matching the same documents.

    python bench/workers_memory.py                      # 100,000 rules, 4 workers, 400 documents
    python bench/workers_memory.py --rules 10000 --docs 100

A redis-server of its own (from PATH) on a free port; a config directory with `--rules` rules of
bench/match.py's mix; `wirewatch worker --processes N` and a lone `wirewatch worker`, each on
its own queues, each given the same `--docs` documents (~4 KB, bench/match.py's) in match jobs
of 10. Once both have emptied their queues, memory is read from /proc/PID/smaps_rollup of the
group's parent and workers and of the lone worker. The final line is one JSON object:

- `group_pss_mb`: the sum of PSS over the group (each shared page split between the processes
  sharing it, so the sum is what the machine spends): the figure the target is judged on,
  `group_pss_mb <= 2 * alone_pss_mb` (`ratio`);
- `group_rss_mb`: the sum of RSS, which counts a shared page once in every process;
- `group_uss_mb`: the sum of the private pages (what stopping all of them frees at least);
- `alone_pss_mb`, `alone_rss_mb`: the lone worker, the baseline, measured in the same run;
- `group_ready_s`, `alone_ready_s`: start until the first job was taken.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from match import World, make_documents, make_rules, write_config  # noqa: E402
from redis import Redis  # noqa: E402

from monitor.models import Item  # noqa: E402
from monitor.storage.jobs import MATCH_JOB  # noqa: E402
from monitor.storage.queues import make_queues  # noqa: E402
from tests.procs import children, memory  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--docs", type=int, default=400)
    args = parser.parse_args(argv)
    world = World(1)
    rules, vocabularies = make_rules(world, args.rules, 2)
    docs = make_documents(world, args.docs, 3)
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port",
                                   str(port), "--save", "", "--appendonly", "no"],
                                  stdout=subprocess.DEVNULL, cwd=tmp)
        url = f"redis://127.0.0.1:{port}/0"
        procs: dict[str, subprocess.Popen[bytes]] = {}
        try:
            redis = Redis.from_url(url)
            env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
            began = time.monotonic()
            for name, extra in (("group", ["--processes", str(args.workers)]), ("alone", [])):
                config = Path(tmp) / name
                config.mkdir()
                write_config(config, rules, vocabularies,
                             {"redis_url": url, "queue_prefix": name,
                              "logging": {"level": "WARNING"}})
                (config / "destinations.yaml").write_text(
                    "destinations:\n- {id: log, type: log, path: /dev/null}\n")
                procs[name] = subprocess.Popen(
                    [sys.executable, "-m", "monitor", "--config", str(config), "worker", *extra],
                    cwd=REPO, env=env, stdout=subprocess.DEVNULL)
                queue = make_queues(redis, name).match
                for start in range(0, len(docs), 10):
                    items = [Item(key=f"{name}-{start + i}", feed_id="wire", feed_url="http://x/",
                                  title=d.title, content=d.body, source=d.source).to_json()
                             for i, d in enumerate(docs[start:start + 10])]
                    queue.enqueue_call(MATCH_JOB, args=("wire", items))
            ready: dict[str, float] = {}  # when each took its first job
            batches, deadline = -(-len(docs) // 10), time.monotonic() + 900
            while time.monotonic() < deadline:
                counts = {name: make_queues(redis, name).match.count for name in procs}
                for name, count in counts.items():
                    if name not in ready and count < batches:
                        ready[name] = round(time.monotonic() - began, 1)
                if not any(counts.values()):
                    break
                time.sleep(0.5)
            else:
                raise SystemExit(f"the queues were not emptied in time: {counts}")
            time.sleep(2)  # the last jobs finish (a job leaves the queue when it starts)
            group = memory([procs["group"].pid, *children(procs["group"].pid)])
            alone = memory([procs["alone"].pid])
        finally:
            for proc in procs.values():
                proc.terminate()
            for proc in procs.values():
                proc.wait(timeout=60)
            server.terminate()
            server.wait()
    mb = {f"group_{k}_mb": v // 1024 for k, v in group.items()}
    mb |= {f"alone_{k}_mb": v // 1024 for k, v in alone.items() if k != "uss"}
    print(json.dumps({"rules": args.rules, "workers": args.workers, "docs": args.docs, **mb,
                      "ratio": round(group["pss"] / alone["pss"], 2),
                      "group_ready_s": ready.get("group"), "alone_ready_s": ready.get("alone")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Delivery lane benchmark (issue 17 points 1 and 3), with a private redis-server, a local feed
server and a local verifying receiver of configurable latency (tests/servers.py).

    python bench/lane.py deliver  [--delay 0.05] [--alerts 1000] [--lanes 1]
    python bench/lane.py matching [--delay 0.05] [--feeds 40] [--per-feed 100]
    python bench/lane.py latency  [--delay 0.05] [--rate 100] [--seconds 20]

deliver: `--alerts` alerts to one webhook destination (default `concurrency: 8`) are queued
first (poll, then `worker --lane match --burst`); `--lanes` `worker --lane deliver` processes
then deliver them (each with its own cap of 8 in flight); `alerts_per_s` runs from the first
accepted webhook to the last.

matching: `--feeds` x `--per-feed` new items, 10% of them matching, are queued by one poll;
then `worker --lane match --processes 2` and one delivery lane start together, as `wirewatch
run` starts them; `items_per_s` runs until the match queue is empty and the last alert is
created. Compare `--delay 0` with `--delay 0.05`: matching does not wait for webhooks.

latency: `wirewatch run` (2 match workers, 1 lane) polls 10 feeds every second while new items
arrive at `--rate` items/s (10% matching); `latency_p50_s`/`latency_p99_s` are discovery ->
webhook accepted, the first 3 s left out as warm-up.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from redis import Redis  # noqa: E402

from monitor.cli import main  # noqa: E402
from monitor.storage.keys import Keys  # noqa: E402
from monitor.storage.queues import make_queues  # noqa: E402
from monitor.storage.stores import AlertStore  # noqa: E402
from tests.helpers import SECRET, rss, spawn_wirewatch, terminate, write_config  # noqa: E402
from tests.servers import FeedDoc, FeedServer, RedisServer, WebhookReceiver  # noqa: E402


def item(feed: int, n: int, matching: bool) -> dict[str, str]:
    word = "markalert" if matching else "ordinary"
    return {"title": f"Bulletin {feed}-{n} {word}", "guid": f"f{feed}-i{n}",
            "description": f"Report {n} from desk {feed}: {word} news of the day, item {n}."}


def configure(root: Path, redis_url: str, feeds: FeedServer, receiver: WebhookReceiver,
              feed_count: int, **settings: Any) -> Path:
    rule = {"id": "mark", "name": "mark", "query": "markalert", "dedup": "item",
            "notify": ["hook"]}
    return write_config(
        root / "cfg", redis_url=redis_url,
        feeds=[{"id": f"feed{i}", "url": feeds.url(f"/f{i}.xml"), "interval": "1s"}
               for i in range(feed_count)],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        rules={"rules": [rule]},
        settings={"alerts": {"retry_schedule": ["1s"], "retry_jitter": 0},
                  "logging": {"level": "WARNING", "format": "json"}, **settings})


def wait(predicate: Any, timeout: float, every: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_deliver(args: argparse.Namespace, root: Path, redis_url: str, feeds: FeedServer,
                  receiver: WebhookReceiver) -> dict[str, Any]:
    feeds.docs["/f0.xml"] = FeedDoc(rss([item(0, n, True) for n in range(args.alerts)]))
    config = configure(root, redis_url, feeds, receiver, 1)
    main(["--config", str(config), "poll", "--once"])
    main(["--config", str(config), "worker", "--lane", "match", "--burst"])
    started = time.monotonic()
    lanes = [spawn_wirewatch(config, "worker", "--lane", "deliver") for _ in range(args.lanes)]
    try:
        ok = wait(lambda: len(receiver.received) >= args.alerts, 600)
        cpu = sum(cpu_seconds(lane.pid) for lane in lanes)
    finally:
        for lane in lanes:
            terminate(lane)
    arrivals = sorted(r.at for r in receiver.received)
    span = arrivals[-1] - arrivals[0]
    return {"mode": "deliver", "receiver_delay_s": args.delay, "alerts": args.alerts,
            "lanes": args.lanes,
            "complete": ok, "alerts_per_s": round((len(arrivals) - 1) / span, 1),
            "with_lane_start_s": round(time.monotonic() - started, 2),
            "peak_in_flight": receiver.gauge.peak,
            "lane_cpu_ms_per_alert": round(cpu / args.alerts * 1000, 2),
            "repeats": len(receiver.received) - len({r.body["id"] for r in receiver.received})}


def bench_matching(args: argparse.Namespace, root: Path, redis_url: str, feeds: FeedServer,
                   receiver: WebhookReceiver) -> dict[str, Any]:
    for f in range(args.feeds):
        feeds.docs[f"/f{f}.xml"] = FeedDoc(rss([item(f, n, n % 10 == 0)
                                                for n in range(args.per_feed)]))
    config = configure(root, redis_url, feeds, receiver, args.feeds)
    main(["--config", str(config), "poll", "--once"])
    redis = Redis.from_url(redis_url)
    queues, alerts = make_queues(redis), AlertStore(redis, Keys())
    items = args.feeds * args.per_feed
    expected = sum(1 for n in range(args.per_feed) if n % 10 == 0) * args.feeds
    procs = [spawn_wirewatch(config, "worker", "--lane", "match", "--processes", "2"),
             spawn_wirewatch(config, "worker", "--lane", "deliver")]
    try:
        # the clock starts when the first match job is taken (process start-up left out)
        wait(lambda: queues.match.count < args.feeds, 60, every=0.005)
        started = time.monotonic()
        done = wait(lambda: queues.match.count == 0 and alerts.count() >= expected
                    and queues.match.started_job_registry.get_job_count(cleanup=False) == 0,
                    600, every=0.01)
        matched_in = time.monotonic() - started
        delivered = wait(lambda: len(receiver.received) >= expected, 600)
        delivered_in = time.monotonic() - started
    finally:
        for proc in procs:
            terminate(proc)
    return {"mode": "matching", "receiver_delay_s": args.delay, "items": items,
            "alerts": expected, "complete": done and delivered,
            "items_per_s": round(items / matched_in, 1),
            "alerts_per_s_incl_matching": round(expected / delivered_in, 1)}


def bench_latency(args: argparse.Namespace, root: Path, redis_url: str, feeds: FeedServer,
                  receiver: WebhookReceiver) -> dict[str, Any]:
    feed_count, window = 10, 300
    recent: list[list[dict[str, str]]] = [[] for _ in range(feed_count)]
    for f in range(feed_count):
        feeds.docs[f"/f{f}.xml"] = FeedDoc(rss([]))
    config = configure(root, redis_url, feeds, receiver, feed_count, workers=2,
                       poll={"interval": "1s", "min_interval": "1s"})
    stop = threading.Event()

    def publish() -> None:  # `rate` new items a second, spread over the feeds, 10% matching
        n, tick = 0, 0.1
        while not stop.wait(tick):
            for _ in range(int(args.rate * tick)):
                f = n % feed_count
                recent[f] = (recent[f] + [item(f, n, n % 10 == 0)])[-window:]
                n += 1
            for f in range(feed_count):
                feeds.docs[f"/f{f}.xml"] = FeedDoc(rss(list(reversed(recent[f]))))

    run = spawn_wirewatch(config, "run")
    publisher = threading.Thread(target=publish, daemon=True)
    time.sleep(3)  # start-up
    publisher.start()
    time.sleep(args.seconds)
    stop.set()
    time.sleep(3)  # the last ones delivered
    terminate(run)
    alerts = AlertStore(Redis.from_url(redis_url), Keys())
    first = min((r.at for r in receiver.received), default=0.0)
    latencies = []
    for r in receiver.received:
        if r.at - first < 3:
            continue
        state = alerts.delivery(r.body["id"], "hook")
        accepted = r.at + args.delay
        latencies.append(accepted - float(state["discovered_at"]))
    latencies.sort()
    return {"mode": "latency", "receiver_delay_s": args.delay, "items_per_s": args.rate,
            "alerts_measured": len(latencies),
            "latency_p50_s": round(statistics.median(latencies), 3),
            "latency_p99_s": round(latencies[int(len(latencies) * 0.99) - 1], 3),
            "latency_max_s": round(latencies[-1], 3)}


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["deliver", "matching", "latency"])
    parser.add_argument("--delay", type=float, default=0.05, help="receiver latency, seconds")
    parser.add_argument("--alerts", type=int, default=1000)
    parser.add_argument("--lanes", type=int, default=1, help="deliver: delivery lane processes")
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--per-feed", type=int, default=100)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        redis = RedisServer(root / "redis")
        redis.start()
        feeds, receiver = FeedServer(), WebhookReceiver(SECRET, delay=args.delay)
        try:
            bench = {"deliver": bench_deliver, "matching": bench_matching,
                     "latency": bench_latency}[args.mode]
            print(json.dumps(bench(args, root, redis.url(), feeds, receiver)))
        finally:
            receiver.close()
            feeds.close()
            redis.stop()


if __name__ == "__main__":
    main_bench()

"""Pipeline benchmark (issue 17): `wirewatch run` with default settings, from feed to webhook.

    nice .venv/bin/python bench/pipeline.py --latency-ms 50                  # one burst run
    nice .venv/bin/python bench/pipeline.py --latency-ms 300 --runs 3        # medians of 3
    nice .venv/bin/python bench/pipeline.py --items 0 --rate 100 --seconds 30 --latency-ms 50

Everything is local and real: a feed server (tests/servers.py's FeedServer) with `--feeds`
feeds, a webhook receiver that checks every Standard Webhooks signature with `standardwebhooks`
and takes `--latency-ms` to answer each request (threaded: requests are answered concurrently,
as a real endpoint does), a private redis-server, and `wirewatch run` as a user starts it: its
own process tree, the default settings (2 workers, retry schedule, logging...), a config
directory holding only what a user must write (Redis URL, data dir, the 127.0.0.0/8 allowance
for local URLs, a free /metrics port), the example rules of config/rules.yaml notifying one
signed webhook, and feeds polled every second (`interval: 1s` in feeds.yaml: the bench feeds
change within seconds; polling them at the adaptive default of minutes would measure the
schedule, not the pipeline).

Items are distinct stories (bench/wire_items.py): each event has its own people, places, date
and lead figures, so story grouping, on by default, gives each item its own story and each
matching item its own alert, as on a real news day, with no `dedup: item` needed. Which rule an
item matches is checked before the run with `wirewatch match` (the CLI contract): the expected
alerts are exactly the matching items, once each.

Burst (`--items`, default 10,000): each run starts the daemon on warm-up items (one matching item
in each of 8 feeds; their webhooks prove that polling, matching and delivery are up), then every
feed gets its share of the burst at once (40 × 250, 10% matching). Figures, from the item
archive (discovery time per item key), the alert index (creation time per alert) and the
receiver (acceptance time per webhook-id):
- `items_per_s`: burst items / (first discovery → last alert created), the issue's figure;
  `items_all_per_s` / (first discovery → every item assigned its story, from the stats counter),
  which also counts the non-matching items after the last alert;
- `alerts_per_s`: alerts / (first discovery → last webhook accepted);
- `latency_p50_s`, `latency_p99_s`: per alert, its item's discovery → its webhook accepted;
- `exactly_once`: every expected alert was accepted, once; no repeat, no unexpected or
  unverified request (`missing`, `repeats`, `unexpected`, `unverified` count them);
- `rq_noop_jobs_per_s`: RQ's own fork `Worker` (JSON serializer) running `--noop-jobs` no-op
  jobs against the same redis-server, in the same run, just before the pipeline.

Steady (`--rate R --seconds S`, off by default): after the warm-up, new items appear at R per
second in turn across the feeds for S seconds; the feeds are polled at their 1 s interval.
`steady_latency_p50_s` / `steady_latency_p99_s` are discovery → accepted per alert (the issue's
latency), `steady_appear_p99_s` from the item appearing in its feed (the poll interval
included).

One JSON line per run, then a final JSON line with the medians over `--runs` (`exactly_once` is
true only if it held in every run).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.append(str(BENCH))  # last: bench/'s module names must not shadow anything installed

import yaml  # noqa: E402
from redis import Redis  # noqa: E402
from wire_items import MATCHING, OTHER, WireItem, make_items  # noqa: E402

from monitor.storage.keys import Keys  # noqa: E402
from tests.servers import FeedDoc, FeedServer, RedisServer, signature_holds  # noqa: E402

WARMUP_FEEDS = 8
DESTINATION = "bench-hook"


# -- items and the alerts they must make ---------------------------------------------------------

@dataclass
class Workload:
    """The warm-up items, the measured items (in the order they appear) and the rule each
    matching item must alert on (by link)."""

    warmup: list[WireItem]
    items: list[WireItem]
    expected: dict[str, str] = field(default_factory=dict)  # link -> rule id


def link(item: WireItem) -> str:
    """The item's permalink (also its guid): how a webhook body is traced back to its item."""
    return f"http://wire.bench.local/{item.uid}"


def oracle(config_dir: Path, items: Sequence[WireItem]) -> dict[str, list[str]]:
    """Rule ids each item matches, by uid, as `wirewatch match --jsonl` says."""
    path = config_dir / "oracle.jsonl"
    path.write_text("".join(json.dumps({"id": i.uid, "title": i.title, "body": i.body,
                                        "link": link(i)}) + "\n" for i in items))
    out = subprocess.run([sys.executable, "-m", "monitor", "--config", str(config_dir), "match",
                          "--jsonl", str(path)], cwd=REPO, env=clean_env(), check=True,
                         capture_output=True, text=True).stdout
    path.unlink()
    return {row["id"]: [m["rule"] for m in row["matches"]]
            for row in map(json.loads, out.splitlines())}


def build_workload(config_dir: Path, count: int, matching_share: float, seed: int) -> Workload:
    """`count` items, `matching_share` of them matching exactly one rule and the rest none, spread
    evenly (every 10th item matches at 10%), plus the warm-up items; checked by the oracle."""
    want_match = round(count * matching_share)
    candidates_m = make_items(int(want_match * 1.1) + WARMUP_FEEDS + 20, MATCHING, seed)
    candidates_o = make_items(int((count - want_match) * 1.05) + 20, OTHER, seed + 1,
                              first_serial=10_000_000)
    rules = oracle(config_dir, candidates_m + candidates_o)
    good_m = [i for i in candidates_m if len(rules[i.uid]) == 1]
    good_o = [i for i in candidates_o if not rules[i.uid]]
    if len(good_m) < want_match + WARMUP_FEEDS or len(good_o) < count - want_match:
        raise SystemExit(f"generator: {len(good_m)} matching / {len(good_o)} other items usable")
    warmup, matching = good_m[:WARMUP_FEEDS], iter(good_m[WARMUP_FEEDS:want_match + WARMUP_FEEDS])
    other = iter(good_o[:count - want_match])
    items, acc = [], 0.0
    for _ in range(count):
        acc += matching_share  # Bresenham: matching items evenly through the stream
        if acc >= 1.0 - 1e-9:
            acc -= 1.0
            items.append(next(matching))
        else:
            items.append(next(other))
    workload = Workload(warmup, items)
    workload.expected = {link(i): rules[i.uid][0] for i in items if rules[i.uid]}
    return workload


# -- the feed server -----------------------------------------------------------------------------

def as_html(body: str) -> str:
    """The body as wires send it: HTML paragraphs (a plain "\n\n" would be mere whitespace in
    an RSS description, which is HTML, and the paragraphs that NEAR/p and story grouping read
    would be lost)."""
    return "".join(f"<p>{escape(para)}</p>" for para in body.split("\n\n"))


def rss(feed: str, items: Sequence[tuple[WireItem, float]]) -> bytes:
    """An RSS 2.0 document of (item, published epoch) pairs, newest first."""
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{link(i)}</link>"
        f"<guid isPermaLink=\"true\">{link(i)}</guid>"
        f"<pubDate>{format_datetime(datetime.fromtimestamp(at, UTC))}</pubDate>"
        f"<description>{escape(as_html(i.body))}</description></item>"
        for i, at in sorted(items, key=lambda pair: -pair[1]))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Bench wire {feed}</title><link>http://wire.bench.local/{feed}</link>"
            f"<description>bench</description><language>en</language>{entries}"
            f"</channel></rss>").encode()


class Feeds:
    """The bench feeds on a FeedServer: `publish` sets what each feed lists."""

    def __init__(self, count: int) -> None:
        self.server = FeedServer()
        self.names = [f"wire{n:02d}" for n in range(count)]
        self.listed: list[list[tuple[WireItem, float]]] = [[] for _ in self.names]
        for n in range(count):
            self.publish(n, [])

    def url(self, n: int) -> str:
        return self.server.url(f"/{self.names[n]}.xml")

    def publish(self, n: int, items: Sequence[tuple[WireItem, float]], keep: int = 0) -> None:
        """Add `items` to feed `n` (newest last); with `keep`, the feed lists only its newest."""
        self.listed[n].extend(items)
        if keep:
            del self.listed[n][:-keep]
        self.server.docs[f"/{self.names[n]}.xml"] = FeedDoc(rss(self.names[n], self.listed[n]))

    def close(self) -> None:
        self.server.close()


# -- the receiver --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Accepted:
    """One request to the receiver."""

    webhook_id: str
    rule: str
    link: str
    item_key: str
    at: float  # when the 2xx answer was sent: the webhook accepted
    verified: bool


class Receiver:
    """A verifying Standard Webhooks endpoint that takes `latency` seconds per request."""

    def __init__(self, secret: str, latency: float) -> None:
        self.secret, self.latency = secret, latency
        self.records: list[Accepted] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _ReceiverHandler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self  # type: ignore[attr-defined]
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/hook"

    def snapshot(self) -> list[Accepted]:
        with self.lock:
            return list(self.records)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _ReceiverHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints

    def do_POST(self) -> None:  # noqa: N802
        owner: Receiver = self.server.owner  # type: ignore[attr-defined]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        verified = signature_holds(owner.secret, raw, headers)
        if owner.latency:
            time.sleep(owner.latency)
        body = json.loads(raw) if verified else {}
        record = Accepted(headers.get("webhook-id", ""), body.get("rule", {}).get("id", ""),
                          body.get("item", {}).get("link", ""), body.get("item", {}).get("key", ""),
                          time.time(), verified)
        with owner.lock:
            owner.records.append(record)
        self.send_response(204 if verified else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


# -- the daemon ----------------------------------------------------------------------------------

def clean_env() -> dict[str, str]:
    """This environment without WIREWATCH_* overrides: the bench's settings are the defaults."""
    return {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}


def write_config(directory: Path, redis_url: str, feeds: Feeds | None, hook_url: str,
                 secret: str) -> Path:
    """A config directory: only what a user must write; every other setting is the default."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "settings.yaml").write_text(yaml.safe_dump({
        "redis_url": redis_url, "data_dir": str(directory / "data"),
        "network": {"allow_private": ["127.0.0.0/8"]}, "http": {"listen": "127.0.0.1:0"}}))
    names = feeds.names if feeds else []
    (directory / "feeds.yaml").write_text(yaml.safe_dump({"feeds": [
        {"id": name, "url": feeds.url(n), "interval": "1s"}
        for n, name in enumerate(names)] if feeds else []}))
    (directory / "destinations.yaml").write_text(yaml.safe_dump({"destinations": [
        {"id": DESTINATION, "type": "webhook", "url": hook_url, "secret": secret}]}))
    rules = yaml.safe_load((REPO / "config" / "rules.yaml").read_text())
    for rule in rules["rules"]:
        rule["notify"] = [DESTINATION]
    (directory / "rules.yaml").write_text(yaml.safe_dump(rules, allow_unicode=True))
    return directory


class Daemon:
    """`wirewatch run` in its own process group, its output in a log file."""

    def __init__(self, config_dir: Path) -> None:
        self.log = open(config_dir / "run.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config_dir), "run"], cwd=REPO,
            env=clean_env(), stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> int:
        """SIGTERM, as an operator stops it; killed (the whole group) if it outlives 60 s.
        Returns its exit code (0: a clean shutdown)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


# -- the RQ baseline -----------------------------------------------------------------------------

def rq_noop_worker(redis_url: str, jobs: int) -> None:
    """Child process: queue `jobs` no-op jobs, run them with RQ's own fork `Worker` in burst
    mode, print the jobs per second of the run."""
    from rq import Queue, Worker
    from rq.serializers import JSONSerializer

    redis = Redis.from_url(redis_url)
    redis.flushdb()
    queue = Queue("bench-noop", connection=redis, serializer=JSONSerializer)
    with redis.pipeline() as pipe:
        for _ in range(jobs):
            queue.enqueue("rq_noop.noop", pipeline=pipe, result_ttl=60)
        pipe.execute()
    class NoCommandChannel(Worker):
        """RQ's fork Worker, less the pubsub listener for `rq` CLI commands: stopping that
        thread can wait up to 60 s for its subscription (see workers/worker.py), a teardown
        cost that is not RQ's cost per job. Everything a job goes through is RQ's own."""

        def subscribe(self) -> None:
            pass

    worker = NoCommandChannel([queue], connection=redis, serializer=JSONSerializer)
    began = time.perf_counter()
    worker.work(burst=True, logging_level="WARNING")
    elapsed = time.perf_counter() - began
    done = queue.finished_job_registry.count
    redis.flushdb()
    print(json.dumps({"jobs": done, "seconds": elapsed}))


def rq_noop_jobs_per_s(redis_url: str, jobs: int) -> float:
    """RQ's baseline on this machine now: no-op jobs per second through its fork Worker."""
    out = subprocess.run([sys.executable, __file__, "--rq-noop", redis_url, str(jobs)],
                         cwd=BENCH, env=clean_env(), capture_output=True, text=True)
    lines = out.stdout.strip().splitlines()
    result = json.loads(lines[-1]) if out.returncode == 0 and lines else {"jobs": 0}
    if result["jobs"] != jobs:
        raise RuntimeError(f"RQ baseline finished {result['jobs']} of {jobs} jobs: "
                           f"{out.stderr[-2000:]}")
    return jobs / result["seconds"]


# -- one run -------------------------------------------------------------------------------------

def wait_for(predicate: Callable[[], bool], timeout: float, daemon: Daemon,
             step: float = 0.1) -> bool:
    """Poll `predicate` until it holds, `timeout` passes or the daemon dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and daemon.alive():
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-quantile (nearest rank) of `values`, or None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def delivery_check(expected: dict[str, str], records: Sequence[Accepted]) -> dict[str, Any]:
    """Exactly once: each expected (rule, link) accepted once; nothing else, nothing twice."""
    ids = Counter(r.webhook_id for r in records)
    pairs = Counter((r.rule, r.link) for r in records if r.verified)
    want = set(expected.items())
    want_pairs = {(rule, lnk) for lnk, rule in want}
    missing = len(want_pairs - set(pairs))
    unexpected = sum(n for pair, n in pairs.items() if pair not in want_pairs)
    repeats = sum(n - 1 for n in ids.values() if n > 1)
    unverified = sum(1 for r in records if not r.verified)
    return {"alerts_expected": len(want_pairs), "alerts_accepted": len(ids), "missing": missing,
            "repeats": repeats, "unexpected": unexpected, "unverified": unverified,
            "exactly_once": not (missing or repeats or unexpected or unverified)}


class Rig:
    """Redis, feed server, receiver and config directory of one run; `start` the daemon."""

    def __init__(self, redis_url: str, workload: Workload, args: argparse.Namespace,
                 tmp: Path) -> None:
        self.redis_url, self.workload, self.args = redis_url, workload, args
        self.redis = Redis.from_url(redis_url)
        self.redis.flushdb()
        self.keys = Keys()
        self.secret = "whsec_" + base64.b64encode(os.urandom(24)).decode()
        self.feeds = Feeds(args.feeds)
        self.receiver = Receiver(self.secret, args.latency_ms / 1000)
        self.config = write_config(tmp / f"config-{time.time_ns()}", redis_url, self.feeds,
                                   self.receiver.url, self.secret)
        self.daemon: Daemon | None = None
        self.daemon_exit: int | None = None

    def start(self) -> Daemon:
        """Start `wirewatch run` and wait for the warm-up alerts: the pipeline is up."""
        now = time.time()
        for n, item in enumerate(self.workload.warmup):
            self.feeds.publish(n % self.args.feeds, [(item, now - 3600)])
        self.daemon = Daemon(self.config)
        warm = {link(i) for i in self.workload.warmup}
        if not wait_for(lambda: warm <= {r.link for r in self.receiver.snapshot()}, 120,
                        self.daemon):
            raise RuntimeError(f"warm-up alerts did not arrive; see {self.config}/run.log")
        return self.daemon

    def items_done(self) -> int:
        """Items assigned their story so far (the `wirewatch_story_reports` counter)."""
        return int(self.redis.hget(self.keys.stats, "c|story_reports|") or 0)

    def discovered(self, since: float) -> dict[str, float]:
        """Item key -> discovery time of the items discovered since `since` (the archive)."""
        return {k.decode(): score for k, score in
                self.redis.zrangebyscore(self.keys.archive, since, "+inf", withscores=True)}

    def created(self, since: float) -> list[float]:
        """Creation times of the alerts created since `since` (the alert index)."""
        return [s for _, s in self.redis.zrangebyscore(self.keys.alerts_index, since, "+inf",
                                                       withscores=True)]

    def close(self) -> None:
        if self.daemon:
            self.daemon_exit = self.daemon.stop()
        self.feeds.close()
        self.receiver.close()
        self.redis.close()


def measured(rig: Rig, since: float) -> tuple[list[Accepted], dict[str, float]]:
    """The receiver's records of the measured items (warm-up excluded) and their items'
    discovery times."""
    warm = {link(i) for i in rig.workload.warmup}
    return ([r for r in rig.receiver.snapshot() if r.link not in warm], rig.discovered(since))


def latencies(records: Sequence[Accepted], discovered: dict[str, float]) -> list[float]:
    """Discovery -> accepted of each alert (its first acceptance)."""
    first: dict[str, Accepted] = {}
    for record in sorted(records, key=lambda r: r.at):
        first.setdefault(record.webhook_id, record)
    return [r.at - discovered[r.item_key] for r in first.values() if r.item_key in discovered]


def burst_run(redis_url: str, workload: Workload, args: argparse.Namespace,
              tmp: Path) -> dict[str, Any]:
    """One burst: every feed gets its share of the items at once; figures of that run."""
    noop = rq_noop_jobs_per_s(redis_url.rsplit("/", 1)[0] + "/1", args.noop_jobs)
    rig = Rig(redis_url, workload, args, tmp)
    try:
        daemon = rig.start()
        baseline_done, per_feed = rig.items_done(), len(workload.items) // args.feeds
        time.sleep(1.5)  # a second of idle 1 s polls: the warm-up is wholly behind us
        flip = time.time()
        for n in range(args.feeds):
            share = workload.items[n * per_feed:(n + 1) * per_feed]
            rig.feeds.publish(n, [(item, flip - 60 - k) for k, item in enumerate(share)])
        all_done: list[float] = []
        want = len(workload.items)
        # the warm-up items were counted: a zero means a build without the counter, where the
        # run ends on the alerts alone (and items_all_per_s is not reported)
        counted = baseline_done > 0

        def finished() -> bool:
            if counted and not all_done and rig.items_done() - baseline_done >= want:
                all_done.append(time.time())
            got = {r.link for r in rig.receiver.snapshot()}
            return (bool(all_done) or not counted) and set(workload.expected) <= got

        complete = wait_for(finished, args.timeout, daemon, step=0.05)
        time.sleep(1.0)  # a repeat would come now
        records, discovered = measured(rig, flip)
        created = rig.created(flip)
        missing = sorted(set(workload.expected) - {r.link for r in records})
        explained = explain(rig, missing[:5])
    finally:
        rig.close()
    first = min(discovered.values(), default=flip)
    last_created = max(created, default=first)
    last_accepted = max((r.at for r in records), default=first)
    lat = latencies(records, discovered)
    return {"latency_ms": args.latency_ms, "items": want, "complete": complete,
            "items_discovered": len(discovered), "alerts_created": len(created),
            **delivery_check(workload.expected, records),
            "items_per_s": rate(want, last_created - first),
            "items_all_per_s": rate(want, all_done[0] - first) if all_done else None,
            "alerts_per_s": rate(len({r.webhook_id for r in records}), last_accepted - first),
            "latency_p50_s": rnd(percentile(lat, 0.5)), "latency_p99_s": rnd(percentile(lat, 0.99)),
            "discovery_span_s": rnd(max(discovered.values(), default=first) - first),
            "rq_noop_jobs_per_s": round(noop, 1), "daemon_exit": rig.daemon_exit,
            **({"missing_sample": explained} if explained else {})}


def explain(rig: Rig, links: Sequence[str]) -> list[dict[str, Any]]:
    """For alerts that never came: the item's key and the story report entries naming it (a
    fold into another story shows there with its reason)."""
    if not links:
        return []
    wanted, found = set(links), []
    for key in rig.redis.zrange(rig.keys.archive, 0, -1):
        raw = rig.redis.get(rig.keys.archived_item(key.decode()))
        item = json.loads(raw) if raw else {}
        if item.get("link") in wanted:
            found.append({"link": item["link"], "key": key.decode(), "title": item.get("title")})
    for entry in found:
        for story in rig.redis.scan_iter(rig.keys.story("*"), count=1000):
            reports = [r.decode(errors="replace") for r in rig.redis.lrange(story, 0, -1)]
            if any(entry["key"] in r for r in reports[2:]):
                entry["story"] = story.decode()
                entry["reports"] = [r for r in reports[2:]][:3]
    return found


def steady_run(redis_url: str, workload: Workload, args: argparse.Namespace,
               tmp: Path) -> dict[str, Any]:
    """New items at `--rate` per second for `--seconds`; latency figures of that run."""
    rig = Rig(redis_url, workload, args, tmp)
    appeared: dict[str, float] = {}
    try:
        daemon = rig.start()
        began = time.time()
        for index, item in enumerate(workload.items):
            due = began + index / args.rate
            time.sleep(max(0.0, due - time.time()))
            now = time.time()
            # a wire lists its newest items; 50 is more than a 1 s poll can miss at any rate here
            rig.feeds.publish(index % args.feeds, [(item, now)], keep=50)
            appeared[link(item)] = now
        offered = len(workload.items) / max(1e-9, time.time() - began)
        complete = wait_for(lambda: set(workload.expected) <= {r.link for r in
                                                               rig.receiver.snapshot()},
                            args.timeout, daemon, step=0.05)
        time.sleep(1.0)
        records, discovered = measured(rig, began)
    finally:
        rig.close()
    lat = latencies(records, discovered)
    appear = [r.at - appeared[r.link] for r in records if r.link in appeared]
    check = delivery_check(workload.expected, records)
    return {"steady_rate": args.rate, "steady_offered_rate": round(offered, 1),
            "steady_seconds": args.seconds, "steady_complete": complete,
            "steady_alerts": check["alerts_accepted"],
            "steady_exactly_once": check["exactly_once"],
            "steady_latency_p50_s": rnd(percentile(lat, 0.5)),
            "steady_latency_p99_s": rnd(percentile(lat, 0.99)),
            "steady_appear_p50_s": rnd(percentile(appear, 0.5)),
            "steady_appear_p99_s": rnd(percentile(appear, 0.99)),
            "steady_daemon_exit": rig.daemon_exit}


def rate(count: int, seconds: float) -> float | None:
    return round(count / seconds, 1) if seconds > 0 else None


def rnd(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per key: the median of numbers, all() of booleans, the value otherwise."""
    out: dict[str, Any] = {}
    for key in runs[0]:
        values = [run[key] for run in runs]
        if all(isinstance(v, bool) for v in values):
            out[key] = all(values)
        elif all(isinstance(v, int) for v in values):
            out[key] = statistics.median_low(values)  # a count stays a count
        elif all(isinstance(v, int | float) for v in values):
            out[key] = round(statistics.median(values), 3)
        else:
            out[key] = values[0] if len(set(map(str, values))) == 1 else values
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a JSON line per run and the medians last."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--rq-noop"]:
        rq_noop_worker(argv[1], int(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=50, help="receiver time per request")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--items", type=int, default=10_000, help="burst size; 0 skips the burst")
    parser.add_argument("--matching", type=float, default=0.1, help="share of items that match")
    parser.add_argument("--rate", type=float, default=0, help="steady items/s; 0 skips it")
    parser.add_argument("--seconds", type=float, default=30, help="length of the steady phase")
    parser.add_argument("--noop-jobs", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=240,
                        help="seconds a phase may take to deliver every alert")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as name:
        tmp = Path(name)
        redis = RedisServer(tmp / "redis")
        redis.start()
        try:
            return run_all(args, redis.url(), tmp)
        finally:
            redis.stop()


def run_all(args: argparse.Namespace, redis_url: str, tmp: Path) -> int:
    """Every run of the asked phases; the summary last."""
    oracle_dir = write_config(tmp / "oracle", redis_url, None, "http://127.0.0.1:9/hook",
                              "whsec_" + base64.b64encode(b"0" * 24).decode())
    burst = build_workload(oracle_dir, args.items, args.matching, args.seed) if args.items else None
    steady = (build_workload(oracle_dir, round(args.rate * args.seconds), args.matching,
                             args.seed + 100) if args.rate else None)
    runs = []
    for _ in range(args.runs):
        # the machine's load when the run starts: on a shared machine, the context of a figure
        result: dict[str, Any] = {"loadavg_1m": round(os.getloadavg()[0], 2)}
        if burst:
            result.update(burst_run(redis_url, burst, args, tmp))
        if steady:
            result.update(steady_run(redis_url, steady, args, tmp))
        print(json.dumps(result), flush=True)
        runs.append(result)
    print(json.dumps({"runs": args.runs, **medians(runs)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

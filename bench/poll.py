"""Poller benchmark: throughput and lateness against a local feed server in its own process.

    python bench/poll.py [--feeds 2000] [--rounds 4] [--pollers 2]
                         [--steady-feeds 10000 --steady-seconds 60]

Phase 1 (throughput): the server holds `--feeds` feeds of realistic size (~25 items, ~20 KB);
each round 10% get a new item (their other 24 items stay as they were), the other 90% are
unchanged (even-numbered feeds answer 304 to conditional requests, odd ones return the same body
without validators). `--pollers` poller processes (as `wirewatch poll` runs them, sharing the
schedule in Redis) poll every feed once per round; `polls_per_s` is the median over the warm
rounds. `server_only_rps` is the same server driven by the simplest client (http.client,
keep-alive, same concurrency, no parsing, no Redis) in the same run: the ceiling.

Phase 2 (lateness, only with `--steady-feeds N`): N feeds due every 5 minutes, their due times
spread over the interval as in steady state; the poller runs for `--steady-seconds` and
`lateness_p99_s` is how late fetches start against their due time.

Needs the Redis at --redis-url (database 14 is flushed). Prints one JSON line per phase and a
final JSON summary line.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = [
    "minister", "defence", "talks", "agreement", "security", "cooperation", "region", "said",
    "officials", "government", "statement", "visit", "delegation", "military", "economic",
    "energy", "border", "meeting", "president", "foreign", "ministry", "capital", "sources",
    "reported", "week",
]


# -- the feed server (runs in its own process) ---------------------------------------------------

def feed_body(index: int, version: int) -> bytes:
    """Feed `index` at `version`: stories version+1 .. version+25, newest first. A story's text
    depends only on the feed and the story, so a new version adds one item and drops the oldest,
    and leaves the other 24 byte for byte as they were, as a publisher's feed does."""
    items = []
    for n in range(version + 25, version, -1):
        rng = random.Random(index * 1_000_003 + n)
        text = " ".join(rng.choice(WORDS) for _ in range(90))
        when = format_datetime(datetime.fromtimestamp(1_700_000_000 + n * 600, UTC))
        items.append(f"<item><title>Feed {index} story {n}</title>"
                     f"<link>http://bench.local/{index}/{n}</link><guid>{index}-{n}</guid>"
                     f"<pubDate>{when}</pubDate><description>{text}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Bench feed {index}</title><link>http://bench.local/{index}</link>"
            f"<description>bench</description>{''.join(items)}</channel></rss>").encode()


class _Feeds:
    def __init__(self, count: int) -> None:
        self.versions = [0] * count
        self.cache: dict[tuple[int, int], tuple[bytes, str]] = {}
        self.hits: list[tuple[int, float]] = []
        self.lock = threading.Lock()

    def get(self, index: int) -> tuple[bytes, str]:
        key = (index, self.versions[index])
        if key not in self.cache:
            body = feed_body(*key)
            self.cache[key] = (body, '"' + hashlib.sha1(body).hexdigest()[:16] + '"')
        return self.cache[key]


def serve(count: int, port_file: str) -> None:
    feeds = _Feeds(count)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes

        def do_GET(self) -> None:  # noqa: N802
            if self.path.startswith("/bump"):
                frac, seed = self.path.split("?")[1].split(",")
                rng = random.Random(int(seed))
                for i in rng.sample(range(count), int(count * float(frac))):
                    feeds.versions[i] += 1
                return self._send(200, b"ok", {})
            if self.path == "/hits":
                with feeds.lock:
                    data, feeds.hits = json.dumps(feeds.hits).encode(), []
                return self._send(200, data, {})
            index = int(self.path.strip("/").split(".")[0])
            with feeds.lock:
                feeds.hits.append((index, time.time()))
            body, etag = feeds.get(index)
            headers = {"Content-Type": "application/rss+xml"}
            if index % 2 == 0:
                headers["ETag"] = etag
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", headers)
            self._send(200, body, headers)

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    Path(port_file).write_text(str(server.server_port))
    server.serve_forever()


def start_server(count: int) -> tuple[subprocess.Popen[bytes], int]:
    port_file = tempfile.mktemp()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(count), port_file])
    while not os.path.exists(port_file) or not Path(port_file).read_text():
        time.sleep(0.05)
    return proc, int(Path(port_file).read_text())


def control(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    data = conn.getresponse().read()
    conn.close()
    return data


# -- measurements ----------------------------------------------------------------------------------

def server_only_rps(port: int, count: int, concurrency: int) -> float:
    """Every feed fetched once by plain keep-alive http.client threads: the ceiling."""
    local = threading.local()

    def get(index: int) -> None:
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local.conn.request("GET", f"/{index}.xml")
        local.conn.getresponse().read()

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(get, range(count)))
    control(port, "/hits")
    return count / (time.perf_counter() - began)


def write_config(count: int, port: int, redis_url: str, interval: str, concurrency: int,
                 per_host: int) -> Path:
    import yaml

    directory = Path(tempfile.mkdtemp())
    (directory / "settings.yaml").write_text(yaml.safe_dump({
        "redis_url": redis_url, "network": {"allow_private": ["127.0.0.0/8"]},
        "poll": {"concurrency": concurrency, "per_host": per_host},
        "logging": {"level": "ERROR"}, "alerts": {"archive_window": "1h"}}))
    (directory / "feeds.yaml").write_text(yaml.safe_dump({"feeds": [
        {"id": f"f{i}", "url": f"http://127.0.0.1:{port}/{i}.xml", "interval": interval}
        for i in range(count)]}))
    (directory / "destinations.yaml").write_text("destinations: [{id: log, type: log}]\n")
    (directory / "rules.yaml").write_text("rules: []\n")
    return directory


def run_poller(config_dir: str) -> None:
    """A poller process: `Poller.run_forever`, exactly as `wirewatch poll` runs it."""
    from redis import Redis

    from monitor.config import load_config
    from monitor.logs import configure_logging
    from monitor.ops.daemon import make_poller
    from monitor.storage.keys import Keys

    config = load_config(Path(config_dir), {})
    configure_logging("WARNING", "text")
    poller = make_poller(config, Redis.from_url(str(config.settings.redis_url)), Keys())
    poller.run_forever(threading.Event())


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Pollers:
    """P poller processes sharing the schedule in Redis."""

    def __init__(self, config_dir: Path, count: int) -> None:
        self.procs = [subprocess.Popen([sys.executable, __file__, "--poller", str(config_dir)])
                      for _ in range(count)]

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the poller processes."""
        return sum(cpu_seconds(proc.pid) for proc in self.procs)

    def close(self) -> None:
        for proc in self.procs:
            proc.terminate()
            proc.wait()


def wait_round(redis, keys, since: float, timeout: float = 600) -> None:  # type: ignore[no-untyped-def]
    """Until no feed is due any more (all were polled and rescheduled) and no lease is held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        due = redis.zcount(keys.schedule, "-inf", since)
        if due == 0 and not any(True for _ in redis.scan_iter(keys.lease("*"), count=1000)):
            return
        time.sleep(0.01)
    raise TimeoutError("round did not finish")


def throughput(args: argparse.Namespace) -> dict[str, float]:
    from redis import Redis

    from monitor.storage.keys import Keys

    proc, port = start_server(args.feeds)
    redis, keys = Redis.from_url(args.redis_url), Keys()
    redis.flushdb()
    config_dir = write_config(args.feeds, port, args.redis_url, "5m", args.concurrency,
                              args.per_host)
    redis.zadd(keys.schedule, {f"f{i}": time.time() + 3600 for i in range(args.feeds)})
    pollers = Pollers(config_dir, args.pollers)
    try:
        ceiling = statistics.median(server_only_rps(port, args.feeds, args.concurrency)
                                    for _ in range(3))
        time.sleep(3)  # interpreters start
        rates, cpu = [], []
        for round_no in range(args.rounds):
            if round_no:
                control(port, f"/bump?0.1,{round_no}")
            began, cpu_before = time.time(), pollers.cpu_seconds()
            redis.zadd(keys.schedule, {f"f{i}": began for i in range(args.feeds)})
            wait_round(redis, keys, began)
            rates.append(args.feeds / (time.time() - began))
            cpu.append((pollers.cpu_seconds() - cpu_before) / args.feeds * 1000)
            control(port, "/hits")
    finally:
        pollers.close()
        proc.terminate()
    return {"feeds": args.feeds, "pollers": args.pollers,
            "polls_per_s": round(statistics.median(rates[1:]), 1),
            "cold_round_polls_per_s": round(rates[0], 1), "server_only_rps": round(ceiling, 1),
            "poller_cpu_ms_per_poll": round(statistics.median(cpu[1:]), 2)}


def lateness(args: argparse.Namespace) -> dict[str, float]:
    from redis import Redis

    from monitor.storage.keys import Keys

    proc, port = start_server(args.steady_feeds)
    redis, keys = Redis.from_url(args.redis_url), Keys()
    redis.flushdb()
    config_dir = write_config(args.steady_feeds, port, args.redis_url, "300s",
                              args.concurrency, args.per_host)
    pollers = Pollers(config_dir, args.pollers)
    try:
        # steady state: every feed polled once before (validators stored), due times spread
        # over the 5-minute interval, 10% of the feeds changed since
        redis.zadd(keys.schedule, {f"f{i}": time.time() for i in range(args.steady_feeds)})
        wait_round(redis, keys, time.time())
        control(port, "/bump?0.1,99")
        control(port, "/hits")
        now = time.time() + 1
        due = {f"f{i}": now + 300.0 * i / args.steady_feeds for i in range(args.steady_feeds)}
        redis.zadd(keys.schedule, due)
        time.sleep(args.steady_seconds)
        hits = json.loads(control(port, "/hits"))
    finally:
        pollers.close()
        proc.terminate()
    late = sorted(max(0.0, at - due[f"f{i}"]) for i, at in hits)
    p99 = late[max(0, int(len(late) * 0.99) - 1)] if late else float("nan")
    return {"steady_feeds": args.steady_feeds, "steady_polls": len(late),
            "lateness_p50_s": round(statistics.median(late), 3) if late else None,
            "lateness_p99_s": round(p99, 3)}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]), sys.argv[3])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--poller":
        run_poller(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--steady-feeds", type=int, default=0,
                        help="feeds of the lateness phase (the issue's figure: 10000); 0 skips it")
    parser.add_argument("--steady-seconds", type=float, default=60)
    parser.add_argument("--pollers", type=int, default=2, help="poller processes")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=16,
                        help="all bench feeds share one host; real deployments spread hosts")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    phase1 = throughput(args)
    print(json.dumps(phase1), flush=True)
    if not args.steady_feeds:
        return
    phase2 = lateness(args)
    print(json.dumps(phase2), flush=True)
    print(json.dumps({**phase1, **phase2}))


if __name__ == "__main__":
    main()

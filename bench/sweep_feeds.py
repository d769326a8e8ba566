"""Robustness sweep: every file of a folder served locally, fetched with fetch_feed, parsed.

    python bench/sweep_feeds.py [FOLDER] [--workers N] [--max-bytes BYTES]

FOLDER defaults to ../shared/corpus/feeds next to the repository. Each file is served by a local
HTTP server on 127.0.0.1 (gzip when the client accepts it, a Content-Type sniffed from the first
bytes, no charset), fetched through SafeHTTP + fetch_feed and parsed with parse_feed in a pool of
worker processes. Each feed ends in one class:

- parsed:   parse_feed reported no problem (items may be zero for an empty feed)
- problem:  parse_feed reported a problem (readable items, if any, are still counted)
- rejected: fetch_feed raised FetchError (too big, refused...)
- crashed:  anything else raised; must be 0

Per-class counts, the feeds with problems, and a final JSON line are printed.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # runnable from a checkout without installing
    sys.path.insert(0, str(ROOT))

from monitor.errors import FetchError  # noqa: E402
from monitor.ingest.fetch import Validators, fetch_feed  # noqa: E402
from monitor.ingest.parse import parse_feed  # noqa: E402
from monitor.net.http import SafeHTTP  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus" / "feeds"
DEFAULT_MAX_BYTES = 15 * 1024 * 1024
CLASSES = ("parsed", "problem", "rejected", "crashed")

_HTTP: SafeHTTP | None = None  # one client per worker process


def sniff_content_type(head: bytes) -> str:
    """A plausible Content-Type for a captured feed, from its first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if text.startswith(b"{"):
        return "application/feed+json"
    if b"<rss" in text:
        return "application/rss+xml"
    if b"<feed" in text:
        return "application/atom+xml"
    if b"<html" in text or b"<!doctype html" in text:
        return "text/html"
    return "application/xml"


def serve_folder(folder: Path) -> ThreadingHTTPServer:
    """Start a server on 127.0.0.1 (random port) answering /NAME with FOLDER/NAME."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = folder / self.path.lstrip("/").split("?")[0]
            if "/" in self.path.lstrip("/") or not path.is_file():
                self._send(404, b"not found", {})
                return
            body = path.read_bytes()
            headers = {"Content-Type": sniff_content_type(body[:4096])}
            if "gzip" in (self.headers.get("Accept-Encoding") or "") and len(body) > 1024:
                body, headers["Content-Encoding"] = gzip.compress(body, 5), "gzip"
            self._send(200, body, headers)

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def check_one(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """Fetch and parse one feed; never raises. Runs in a worker process."""
    global _HTTP
    if _HTTP is None:
        _HTTP = SafeHTTP(allow_private=["127.0.0.0/8"], read_timeout=30)
    name = url.rsplit("/", 1)[-1]
    started = time.monotonic()
    outcome: dict[str, Any] = {"feed": name, "items": 0, "problem": None}
    try:
        fetched = fetch_feed(_HTTP, url, Validators(), max_bytes=max_bytes, timeout=60)
        parsed = parse_feed(fetched.body or b"", fetched.headers, feed_id=name, feed_url=url)
        outcome.update(items=len(parsed.items), problem=parsed.problem,
                       kind="problem" if parsed.problem else "parsed")
    except FetchError as exc:
        outcome.update(kind="rejected", problem=str(exc))
    except Exception as exc:  # the one outcome the sweep exists to catch
        outcome.update(kind="crashed", problem=f"{type(exc).__name__}: {exc}")
    outcome["seconds"] = round(time.monotonic() - started, 3)
    return outcome


def sweep(folder: Path, *, workers: int | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """Sweep every file of `folder`; returns counts, totals and each feed's outcome."""
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    started = time.monotonic()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers or os.cpu_count() or 1, mp_context=context) as pool:
        pool.submit(int).result()  # fork the workers before the server thread exists
        server = serve_folder(folder)
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            outcomes = list(pool.map(check_one, [base + n for n in names],
                                     [max_bytes] * len(names)))
        finally:
            server.shutdown()
            server.server_close()
    counts = {kind: sum(o["kind"] == kind for o in outcomes) for kind in CLASSES}
    return {"feeds": len(outcomes), **counts,
            "items": sum(o["items"] for o in outcomes),
            "seconds": round(time.monotonic() - started, 2),
            "slowest_s": max((o["seconds"] for o in outcomes), default=0.0),
            "outcomes": outcomes}


def main(argv: list[str] | None = None) -> int:
    """CLI entry: print per-class counts, the reported feeds, and a final JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    result = sweep(args.folder, workers=args.workers, max_bytes=args.max_bytes)
    for kind in CLASSES:
        print(f"{kind:>9}: {result[kind]}")
    for outcome in result["outcomes"]:
        if outcome["kind"] != "parsed":
            print(f"  {outcome['kind']:>8} {outcome['feed']} ({outcome['items']} items): "
                  f"{(outcome['problem'] or '')[:150]}")
    summary = {k: v for k, v in result.items() if k != "outcomes"}
    print(json.dumps(summary))
    return 1 if result["crashed"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""`wirewatch run`: poller, worker processes and (if needed) Redis, supervised in one tree."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from monitor.config import Config, ConfigWatcher
from monitor.ingest.poller import Poller
from monitor.net.addresses import parse_allow_private
from monitor.net.http import SafeHTTP
from monitor.ops.health import HealthServer, failing_feeds
from monitor.storage.connection import redis_connection
from monitor.storage.embedded import EmbeddedRedis, socket_url
from monitor.storage.keys import Keys
from monitor.storage.queues import make_queues

log = logging.getLogger("wirewatch.daemon")
WORKER_STOP_GRACE = 35.0
RESTART_BACKOFF_CAP = 60.0  # the worker's own bound (30 s) plus a margin
ALL_FAILING_WARN_EVERY = 300.0  # seconds between "every feed is failing" warnings


def make_poller(config: Config, redis: Redis, keys: Keys) -> Poller:
    """A poller with its own HTTP client built from the settings."""
    return Poller(config, redis, keys, make_queues(redis, config.settings.queue_prefix),
                  _poller_http(config))


def _poller_http(config: Config) -> SafeHTTP:
    poll = config.settings.poll
    return SafeHTTP(allow_private=parse_allow_private(config.settings.network.allow_private),
                    connect_timeout=poll.connect_timeout, read_timeout=poll.timeout,
                    user_agent=poll.user_agent, max_connections=max(10, poll.concurrency * 2))


def _poll_http_settings(config: Config) -> tuple[object, ...]:
    poll = config.settings.poll
    return (config.settings.network.allow_private, poll.connect_timeout, poll.timeout,
            poll.user_agent, poll.concurrency)


def renew_poller_http(poller: Poller, old: Config, new: Config) -> list[SafeHTTP]:
    """After a reload that changed the poller's network policy or timeouts, give the poller a
    client built from them (a narrowed `network.allow_private` holds at once). Returns the
    replaced client, to be closed at exit (a fetch may still be using it)."""
    if _poll_http_settings(old) == _poll_http_settings(new):
        return []
    replaced, poller.http = poller.http, _poller_http(new)
    return [replaced]


class Daemon:
    """Supervises the poller thread, the worker group (N worker processes sharing one compiled
    rule set), extra pollers, the health server and embedded Redis."""

    def __init__(self, config: Config, environ: Mapping[str, str] | None = None) -> None:
        self.config = config
        self.environ = dict(os.environ if environ is None else environ)
        self.keys = Keys()
        self.stop = threading.Event()
        self.children: list[tuple[str, subprocess.Popen[bytes]]] = []  # (command, process)
        self._restarts: dict[int, tuple[float, float]] = {}
        self.embedded: EmbeddedRedis | None = None  # child index -> (delay, not before)
        self._signals = 0

    # -- signals -------------------------------------------------------------------------------

    def _on_signal(self, signum: int, _frame: object) -> None:
        self._signals += 1
        if self._signals == 1:
            log.info("shutting down; in-flight jobs may finish (signal again to stop at once)",
                     extra={"signal": signal.Signals(signum).name})
            self.stop.set()
        else:
            log.warning("second signal: stopping at once")
            for _, proc in self.children:
                if proc.poll() is None:
                    proc.kill()
            if self.embedded is not None and self.embedded.alive():
                self.embedded.process.terminate()  # redis-server saves and exits on SIGTERM
            os._exit(1)

    # -- children ------------------------------------------------------------------------------

    def _spawn(self, command: str, redis_url: str) -> subprocess.Popen[bytes]:
        """A `wirewatch worker` (match workers), `worker --lane deliver` (a delivery lane,
        command "deliver") or extra `wirewatch poll` process on the same Redis, which dies
        with this process (`monitor.ops.lifeline`). Call it from the main thread only:
        PR_SET_PDEATHSIG fires when the thread that forked the child ends."""
        env = {**self.environ, "WIREWATCH_REDIS_URL": redis_url}
        # the match workers are one group that compiles the rules once and forks them all,
        # so that they share the compiled set (monitor.ops.workergroup); deliveries run in
        # lanes of their own, so that matching never waits for a webhook (workers/lane.py)
        argv = {"worker": ["worker", "--lane", "match",
                           "--processes", str(self.config.settings.workers)],
                "deliver": ["worker", "--lane", "deliver"]}.get(command, [command])
        cmd = [sys.executable, "-m", "monitor", "--config", str(self.config.directory), *argv,
               "--supervisor-pid", str(os.getpid())]
        return subprocess.Popen(cmd, env=env)

    def _supervise(self, redis_url: str) -> None:
        """Restart children that exited, each with its own backoff (no crash loop)."""
        now = time.monotonic()
        for index, (command, proc) in enumerate(self.children):
            if proc.poll() is None or self.stop.is_set():
                continue
            delay, not_before = self._restarts.get(index, (0.0, 0.0))
            if now < not_before:
                continue
            if now - not_before > 2 * RESTART_BACKOFF_CAP:
                delay = 0.0  # it had been running fine for a while: start the backoff over
            delay = min(max(1.0, delay * 2), RESTART_BACKOFF_CAP)
            log.warning("child exited; restarting", extra={
                "command": command, "pid": proc.pid, "exit_code": proc.returncode,
                "next_restart_after_s": delay})
            self.children[index] = (command, self._spawn(command, redis_url))
            self._restarts[index] = (delay, now + delay)

    def _stop_children(self) -> None:
        for _, proc in self.children:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + WORKER_STOP_GRACE
        for _, proc in self.children:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _warn_if_every_feed_fails(self, redis: Redis) -> None:
        """Between a feed's backed-off retries the log is quiet for minutes: say it now and then
        when nothing is being fetched at all."""
        feed_ids = [f.id for f in self.config.feeds if f.enabled]
        try:
            failing = failing_feeds(redis, self.keys, feed_ids)
        except (RedisConnectionError, RedisTimeoutError):
            return  # the poller and workers already log the outage
        if feed_ids and failing == len(feed_ids):
            log.warning("every feed is failing; see `wirewatch status` for each feed's last "
                        "error and next try", extra={"feeds": len(feed_ids)})

    # -- poller --------------------------------------------------------------------------------

    def _poller_loop(self, poller: Poller, redis: Redis) -> None:
        while not self.stop.is_set():
            try:
                poller.run_forever(self.stop, poller.heartbeat)
            except Exception:
                log.exception("poller crashed; restarting in 5 s")
                self.stop.wait(5)

    # -- main ----------------------------------------------------------------------------------

    def run(self) -> int:
        """Run until SIGTERM/SIGINT; returns the exit code."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        with redis_connection(self.config.settings) as (redis, embedded):
            url = self.config.settings.redis_url or (embedded.url if embedded else "")
            if not url:
                url = socket_url(Path(self.config.settings.data_dir))
            return self._run_with(redis, url, embedded)

    def _run_with(self, redis: Redis, url: str, embedded: EmbeddedRedis | None) -> int:
        self.embedded = embedded
        poller = make_poller(self.config, redis, self.keys)
        health = HealthServer(self.config.settings.http.listen, redis, self.keys,
                              make_queues(redis, self.config.settings.queue_prefix),
                              expect_workers=self.config.settings.workers > 0,
                              feed_ids=lambda: [f.id for f in self.config.feeds if f.enabled],
                              story_window=self.config.settings.stories.window)
        health.start()
        settings = self.config.settings
        self.children = [("worker", self._spawn("worker", url))] if settings.workers else []
        lanes = settings.delivery_workers if settings.workers else 0  # none in a poller role
        self.children += [("deliver", self._spawn("deliver", url)) for _ in range(lanes)]
        # the poller thread here, plus `pollers - 1` poller processes for more cores
        self.children += [("poll", self._spawn("poll", url)) for _ in range(settings.pollers - 1)]
        thread = threading.Thread(target=self._poller_loop, args=(poller, redis), name="poller")
        thread.start()
        log.info("wirewatch running", extra={"feeds": len(self.config.feeds),
                                             "rules": len(self.config.rules),
                                             "workers": self.config.settings.workers,
                                             "delivery_workers": lanes,
                                             "pollers": self.config.settings.pollers,
                                             "http": self.config.settings.http.listen})
        watcher = ConfigWatcher(self.config, self.environ)
        retired: list[SafeHTTP] = []
        next_failing_check = time.monotonic() + 60.0  # the first polls have had time to fail
        try:
            while not self.stop.wait(1.0):
                self._supervise(url)
                if time.monotonic() >= next_failing_check:
                    self._warn_if_every_feed_fails(redis)
                    next_failing_check = time.monotonic() + ALL_FAILING_WARN_EVERY
                if embedded is not None and not embedded.alive():
                    log.error("embedded redis exited; restarting it")
                    embedded.start()
                if (config := watcher.changed()) is not None:
                    retired += renew_poller_http(poller, self.config, config)
                    self.config = poller.config = config
        finally:
            self.stop.set()
            thread.join(timeout=30)
            self._stop_children()
            health.stop()
            for client in [poller.http, *retired]:
                client.close()
        log.info("wirewatch stopped")
        return 0

"""The per-process worker context: config, compiled rules and HTTP client, built once.

RQ calls job functions by dotted name with JSON arguments only, so a job cannot be handed
objects. The worker entry point builds one `WorkerContext` and installs it; jobs look it up.
"""

from __future__ import annotations

import gc
import logging
import os
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from redis import Redis

from monitor.alerting.deliver import DeliveryContext
from monitor.alerting.ratelimit import RateLimiter
from monitor.config import Config, ConfigWatcher, compile_config_rules, compile_rule_configs
from monitor.net.addresses import parse_allow_private
from monitor.net.http import SafeHTTP
from monitor.rules import RuleSet
from monitor.storage.keys import Keys
from monitor.storage.metrics import Stats
from monitor.storage.queues import Queues, make_queues
from monitor.storage.stores import AlertStore, DestinationStates

log = logging.getLogger("wirewatch.worker")


@dataclass(frozen=True)
class Installed:
    """A config and the rules compiled from it, in force together: a job never sees the rules
    of one config with the destinations and scopes of another."""

    config: Config
    ruleset: RuleSet


class WorkerContext:
    """Config, compiled rules, stores and the HTTP client of one worker process.

    `ruleset`, when given, is the enabled rules of `config` already compiled; with `rules`
    False (a delivery lane, which matches nothing) no rule is compiled, at start or on a
    reload. Edits of the
    config directory are picked up without a restart by a background thread
    (`ConfigReloader`): once the files have settled and validate, the new rules are compiled
    beside the ones in use and swapped in with one assignment. Jobs keep matching with the old
    set meanwhile and never pay for parsing or compiling. A config that no longer validates is
    logged and the previous one stays in force.
    """

    def __init__(self, config: Config, redis: Redis, *, keys: Keys | None = None,
                 environ: Mapping[str, str] | None = None, ruleset: RuleSet | None = None,
                 reload: bool = True, rules: bool = True) -> None:
        self.redis = redis
        self.keys = keys or Keys()
        self.watcher = ConfigWatcher(config, environ, with_rules=rules)
        self.queues: Queues = make_queues(redis, config.settings.queue_prefix)
        self.alerts = AlertStore(redis, self.keys)
        self.destinations = DestinationStates(redis, self.keys)
        self.rng = random.Random()
        self.stats = Stats(redis, self.keys)
        self.limiter = RateLimiter(redis, self.keys)
        self._lock = threading.Lock()
        self._http: SafeHTTP | None = None
        self._retired: list[SafeHTTP] = []  # clients of an older network policy, closed at exit
        if ruleset is None:
            ruleset = compile_config_rules(config) if rules else compile_rule_configs([], {})
        self._installed = Installed(config, ruleset)
        # what lives as long as the process leaves the cyclic GC's reach, so that collections
        # stop re-scanning it
        gc.freeze()
        self.reloader = ConfigReloader(self)
        if reload:
            self.reloader.start()

    @property
    def installed(self) -> Installed:
        """The config and rules in force; a job reads this once for a consistent pair."""
        return self._installed

    def swap(self, config: Config, ruleset: RuleSet) -> None:
        """Put a config and its compiled rules in force: one reference swap, so a job running
        meanwhile goes on with the pair it already holds."""
        before = self._installed.config
        self._installed = Installed(config, ruleset)
        if _delivery_http_settings(before) != _delivery_http_settings(config):
            with self._lock:  # the next delivery builds a client under the new policy
                if self._http is not None:
                    self._retired.append(self._http)
                self._http = None
        gc.freeze()

    def reload_now(self) -> bool:
        """Look at the config directory once and install a settled, valid change; True if one
        was installed. Called by the reloader thread (or a test), never by a job."""
        config = self.watcher.changed()
        ruleset = self.watcher.ruleset if self.watcher.with_rules else self.ruleset
        if config is None or ruleset is None:
            return False
        self.swap(config, ruleset)
        return True

    @property
    def config(self) -> Config:
        """The config in force."""
        return self._installed.config

    @property
    def ruleset(self) -> RuleSet:
        """The compiled rules of the config in force."""
        return self._installed.ruleset

    @property
    def http(self) -> SafeHTTP:
        """The process's HTTP client for deliveries, created on first use."""
        with self._lock:
            if self._http is None:
                settings = self.config.settings
                self._http = SafeHTTP(
                    allow_private=parse_allow_private(settings.network.allow_private),
                    connect_timeout=settings.alerts.connect_timeout,
                    read_timeout=settings.alerts.timeout,
                    user_agent=settings.poll.user_agent)
            return self._http

    def delivery_context(self) -> DeliveryContext:
        """What the delivery stage needs."""
        return DeliveryContext(config=self.config, http=self.http, alerts=self.alerts,
                               destinations=self.destinations, queues=self.queues, rng=self.rng,
                               stats=self.stats, limiter=self.limiter)

    def close(self) -> None:
        """Stop the reloader and release the HTTP client."""
        self.reloader.stop()
        for client in [*self._retired, *([self._http] if self._http else [])]:
            client.close()


def _delivery_http_settings(config: Config) -> tuple[object, ...]:
    """What the delivery client is built from: a reload that changes it gets a new client, so
    a narrowed `network.allow_private` is enforced at once."""
    settings = config.settings
    return (settings.network.allow_private, settings.alerts.connect_timeout,
            settings.alerts.timeout, settings.poll.user_agent)


class ConfigReloader:
    """The thread that watches the config directory for a worker context. Loading and
    compiling a large rule set takes seconds: here it runs beside the job loop, not in it."""

    def __init__(self, ctx: WorkerContext) -> None:
        self.ctx = ctx
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="config-reloader", daemon=True)

    def start(self) -> None:
        """Start watching."""
        self._thread.start()

    def stop(self) -> None:
        """Stop watching; a load in progress is abandoned with the daemon thread at exit."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.ctx.watcher.every):
            try:
                self.ctx.reload_now()
            except Exception:  # keep watching whatever one look did
                log.exception("config reload failed")


_current: WorkerContext | None = None


def install(context: WorkerContext) -> None:
    """Make `context` the one that jobs in this process use."""
    global _current
    _current = context


def current() -> WorkerContext:
    """The installed context; a job run outside a wirewatch worker is an error."""
    if _current is None:
        raise RuntimeError("no wirewatch worker context installed in this process "
                           f"(pid {os.getpid()}); run jobs with `wirewatch worker`")
    return _current

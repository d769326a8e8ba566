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

from redis import Redis

from monitor.alerting.deliver import DeliveryContext
from monitor.alerting.ratelimit import RateLimiter
from monitor.config import Config, ConfigWatcher, compile_config_rules
from monitor.net.addresses import parse_allow_private
from monitor.net.http import SafeHTTP
from monitor.rules import RuleSet
from monitor.storage.keys import Keys
from monitor.storage.metrics import Stats
from monitor.storage.queues import Queues, make_queues
from monitor.storage.stores import AlertStore, DestinationStates

log = logging.getLogger("wirewatch.worker")
RELOAD_CHECK_SECONDS = 1.0


class WorkerContext:
    """Config, compiled rules, stores and the HTTP client of one worker process.

    The config directory is re-read when one of its files changes (checked at most once a
    second), so an edited rules.yaml takes effect without a restart. A config that no longer
    validates is logged and the previous one stays in force.
    """

    def __init__(self, config: Config, redis: Redis, *, keys: Keys | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.redis = redis
        self.keys = keys or Keys()
        self.watcher = ConfigWatcher(config, environ, every=RELOAD_CHECK_SECONDS)
        self.queues: Queues = make_queues(redis, config.settings.queue_prefix)
        self.alerts = AlertStore(redis, self.keys)
        self.destinations = DestinationStates(redis, self.keys)
        self.rng = random.Random()
        self.stats = Stats(redis, self.keys)
        self.limiter = RateLimiter(redis, self.keys)
        self._lock = threading.Lock()
        self._http: SafeHTTP | None = None
        self._install(config)

    def _install(self, config: Config) -> None:
        self._config = config
        self._ruleset = compile_config_rules(config)
        # the compiled rules live as long as the process: move them (and everything else
        # alive now) out of the cyclic GC's reach, so collections stop re-scanning them
        gc.freeze()

    def _maybe_reload(self) -> None:
        config = self.watcher.changed()
        if config is not None:
            self._install(config)

    @property
    def config(self) -> Config:
        """The current config (reloaded when its files change)."""
        with self._lock:
            self._maybe_reload()
            return self._config

    @property
    def ruleset(self) -> RuleSet:
        """The compiled rules of the current config."""
        with self._lock:
            self._maybe_reload()
            return self._ruleset

    @property
    def http(self) -> SafeHTTP:
        """The process's HTTP client for deliveries, created on first use."""
        with self._lock:
            if self._http is None:
                settings = self._config.settings
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
        """Release the HTTP client."""
        if self._http is not None:
            self._http.close()


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

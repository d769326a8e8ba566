"""`wirewatch worker --processes N`: N workers forked from one parent that compiled the rules.

A compiled set of 100,000 rules is about 290 MB of Python objects and C tables. Each worker
compiling its own costs N times that, and N times the seconds. Here the parent loads the config
and compiles the rules once, moves everything alive into the collector's permanent generation
(`gc.freeze()`: the children's collections never write to those objects' headers, so their
pages stay shared copy-on-write), and forks the workers. A child writes to a page of the shared
set only when matching touches an object's reference count, which leaves most of it shared.

Reload: the parent watches the config directory (`ConfigWatcher`, rules compiled beside the set
in use). A settled, valid edit is installed by forking a new generation of workers from the new
set and then stopping the old generation warmly (each finishes the job in hand): matching never
stops, no job sees a half-loaded set, and the new workers share the new set as the first ones
shared theirs. An invalid edit is logged and the workers keep the set they have. The workers
themselves do not watch the directory.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass, field

from monitor.config import Config, ConfigWatcher
from monitor.ops.lifeline import die_with_parent
from monitor.rules import RuleSet
from monitor.storage.connection import redis_from_url
from workers.context import WorkerContext
from workers.lane import run_worker
from workers.worker import RETIRE_SIGNAL

log = logging.getLogger("wirewatch.workergroup")
STOP_GRACE = 32.0  # a worker's own warm-stop bound (30 s) plus a margin
RESTART_BACKOFF_CAP = 60.0
TICK = 0.2  # seconds between two looks at the children and the config directory
_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
_FORK_BLOCKED = {*_STOP_SIGNALS, RETIRE_SIGNAL}  # a worker unblocks them once it handles them


@dataclass
class _Generation:
    """The workers forked from one config and its compiled rules."""

    config: Config
    ruleset: RuleSet
    pids: set[int] = field(default_factory=set)


class WorkerGroup:
    """The parent of N worker processes that share its compiled rule set (see the module)."""

    def __init__(self, config: Config, ruleset: RuleSet, processes: int, redis_url: str, *,
                 environ: dict[str, str] | None = None, lane: str = "all") -> None:
        self.processes = processes
        self.lane = lane  # `match`, or `all` (each worker with a delivery lane beside it)
        self.redis_url = redis_url
        self.watcher = ConfigWatcher(config, environ, with_rules=True)
        self.current = _Generation(config, ruleset)
        self.retiring: set[int] = set()  # workers of older generations, stopping warmly
        self.stop = threading.Event()
        self._restarts: list[float] = []  # when each exited worker may be restarted
        self._backoff = 1.0
        self._last_exit = 0.0

    def run(self) -> int:
        """Fork the workers and supervise them until SIGTERM/SIGINT; returns the exit code."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        self._fork_generation()
        log.info("worker group running", extra={"workers": self.processes,
                                                 "rules": len(self.current.ruleset)})
        try:
            while not self.stop.wait(TICK):
                self._reap()
                self._refill()
                if (config := self.watcher.changed()) is not None and self.watcher.ruleset:
                    self._install(config, self.watcher.ruleset)
        finally:
            self._stop_all()
        return 0

    def _on_signal(self, signum: int, _frame: object) -> None:
        self.stop.set()

    # -- generations -----------------------------------------------------------------------

    def _fork_generation(self) -> None:
        """Fork this generation's workers, with the compiled rules frozen out of the GC's
        reach first (a collection in a child would otherwise write to every shared page)."""
        _ = self.current.config.enabled_rules  # made here, shared, not once per worker
        gc.collect()
        gc.freeze()
        for _ in range(self.processes):
            self._fork_worker()

    def _fork_worker(self) -> None:
        # a SIGTERM between the fork and the child's own handlers must not be lost
        signal.pthread_sigmask(signal.SIG_BLOCK, _FORK_BLOCKED)
        try:
            pid = os.fork()
            if pid == 0:  # the child: never returns
                _worker_main(self.current.config, self.current.ruleset, self.redis_url,
                             self.lane)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _FORK_BLOCKED)
        self.current.pids.add(pid)

    def _install(self, config: Config, ruleset: RuleSet) -> None:
        """Put a reloaded config in force: new workers first, then the old ones stop after
        the job in hand, so that some worker is always taking jobs."""
        old_pids = self.current.pids
        self.current = _Generation(config, ruleset)  # the old set is the old workers' alone
        gc.unfreeze()  # it was frozen: collect what it leaves, then freeze again
        self._fork_generation()
        for pid in old_pids:  # not SIGTERM: it may strand a job being dequeued (see retire)
            _signal(pid, RETIRE_SIGNAL)
        self.retiring |= old_pids
        log.info("workers restarted on the reloaded config",
                 extra={"workers": self.processes, "rules": len(ruleset)})

    # -- children --------------------------------------------------------------------------

    def _reap(self) -> None:
        """Collect exited workers; one of the current generation that exited is restarted
        by `_refill` after a backoff (no crash loop)."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.retiring.discard(pid)
            if pid in self.current.pids:
                self.current.pids.discard(pid)
                now = time.monotonic()
                if now - self._last_exit > 2 * RESTART_BACKOFF_CAP:
                    self._backoff = 1.0  # it had been running fine for a while
                self._last_exit = now
                log.warning("worker exited; restarting", extra={
                    "pid": pid, "exit_code": os.waitstatus_to_exitcode(status),
                    "next_restart_after_s": self._backoff})
                self._restarts.append(now + self._backoff)
                self._backoff = min(self._backoff * 2, RESTART_BACKOFF_CAP)

    def _refill(self) -> None:
        """Restart the exited workers whose backoff has passed."""
        now = time.monotonic()
        due = [at for at in self._restarts if at <= now]
        self._restarts = [at for at in self._restarts if at > now]
        for _ in due:
            if len(self.current.pids) < self.processes:
                self._fork_worker()

    def _stop_all(self) -> None:
        """SIGTERM every worker (a warm stop), SIGKILL those still running after the grace."""
        pids = self.current.pids | self.retiring
        for pid in pids:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        while pids and time.monotonic() < deadline:
            pids = {pid for pid in pids if not _reaped(pid)}
            time.sleep(0.05)
        for pid in pids:
            _signal(pid, signal.SIGKILL)
            _reaped(pid, block=True)


def _worker_main(config: Config, ruleset: RuleSet, redis_url: str, lane: str) -> None:
    """A forked worker: its own Redis client and context around the inherited rules; exits
    without returning into the parent's code."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # RQ installs its own in work()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        die_with_parent(os.getppid())
        redis = redis_from_url(redis_url)
        ctx = WorkerContext(config, redis, ruleset=ruleset, reload=False)
        try:
            run_worker(ctx, lane, retirable=True)
        finally:
            ctx.close()
            redis.close()
    except BaseException:  # logged; the parent restarts this worker
        log.exception("worker failed")
        code = 1
    finally:
        logging.shutdown()
        os._exit(code)  # never the parent's cleanup (its finally blocks, atexit)


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it exited meanwhile
        os.kill(pid, signum)


def _reaped(pid: int, *, block: bool = False) -> bool:
    """Whether `pid` has exited (and is now reaped)."""
    try:
        done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
    except ChildProcessError:
        return True
    return done == pid

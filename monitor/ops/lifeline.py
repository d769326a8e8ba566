"""Child processes that die with their parent: worker and poller children of `wirewatch run`.

A child of `wirewatch run` is told its supervisor's pid (`--supervisor-pid`) and calls
`die_with_parent` first thing. When the supervisor dies in any way, `kill -9` included, the
child gets SIGTERM and stops as on a normal shutdown (a worker finishes its job within its
grace, then exits). Two mechanisms, because neither covers everything alone:

- on Linux, `prctl(PR_SET_PDEATHSIG)`: the kernel signals the child the moment its parent dies.
  The "parent" is the thread that forked the child, so the supervisor spawns children from its
  main thread only;
- everywhere, a watchdog thread that signals the process when `os.getppid()` changes (the child
  was reparented to init or a subreaper), checked every WATCH_EVERY seconds; if the process is
  still alive EXIT_GRACE seconds after that, the watchdog ends it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger("wirewatch.lifeline")
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_EVERY = 0.5  # seconds between two looks at the parent pid
EXIT_GRACE = 45.0  # a worker's own shutdown grace (30 s) plus a margin


def die_with_parent(parent_pid: int, signum: int = signal.SIGTERM) -> None:
    """Make this process receive `signum` once when the process `parent_pid` (its parent)
    dies, and end it EXIT_GRACE seconds later if it is still running then.

    If the parent is already gone when this is called, the signal is sent at once."""
    armed = sys.platform.startswith("linux") and _set_pdeathsig(signum)
    if os.getppid() != parent_pid:  # it died before the prctl: the kernel will not tell us
        _parent_gone(parent_pid, signum)
        armed = True  # signalled now: the watchdog only has to see that we end
    watchdog = threading.Thread(target=_watch, args=(parent_pid, signum, armed),
                                name="lifeline", daemon=True)
    watchdog.start()


def _set_pdeathsig(signum: int) -> bool:
    """prctl(PR_SET_PDEATHSIG, signum) through libc; False (logged) when unavailable."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    except (OSError, AttributeError) as exc:
        log.warning("PR_SET_PDEATHSIG unavailable; relying on the parent-pid watchdog",
                    extra={"error": str(exc)})
        return False
    return True


def _watch(parent_pid: int, signum: int, signalled: bool) -> None:
    """Wait for the parent to go; signal this process unless the kernel does (`signalled`:
    a second SIGTERM would turn a worker's warm shutdown into a cold one), then give it
    EXIT_GRACE seconds to stop."""
    while os.getppid() == parent_pid:
        time.sleep(WATCH_EVERY)
    if not signalled:
        _parent_gone(parent_pid, signum)
    time.sleep(EXIT_GRACE)
    log.error("still running long after the supervisor died; exiting")
    os._exit(1)


def _parent_gone(parent_pid: int, signum: int) -> None:
    log.warning("supervisor is gone; stopping", extra={"pid": parent_pid})
    os.kill(os.getpid(), signum)

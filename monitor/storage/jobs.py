"""Which RQ jobs a wirewatch process will run: an explicit allow-list, checked before any code
named by a job is imported or called.

RQ stores a job's function as a dotted name (`data` = JSON `[func_name, instance, args,
kwargs]`) and its callbacks as dotted names in the job's hash, and imports and calls whatever
those name. With the JSON serializer, writing to Redis does not unpickle anything, but without
this check it would still choose which function runs. `WirewatchJob` is the job class of every
wirewatch Queue, registry and worker: a job naming anything outside the allow-list, or carrying
anything wirewatch never sets (an instance to call a method on, success/stopped callbacks, RQ
webhooks), is refused with a reason and never resolved.
"""

from __future__ import annotations

import logging
from typing import Any

from rq.exceptions import DeserializationError
from rq.job import Job

from monitor.errors import ForbiddenJobError

log = logging.getLogger("wirewatch.jobs")
# The names are the dotted paths stored in Redis by every wirewatch version: jobs already queued
# keep working. They are resolved only after this check, so only wirewatch's own code runs.
MATCH_JOB = "workers.jobs.match_items"
DELIVER_JOB = "workers.jobs.deliver_alert"
DELIVER_FAILED = "workers.jobs.delivery_job_failed"
ALLOWED_FUNCTIONS = frozenset({MATCH_JOB, DELIVER_JOB})
ALLOWED_FAILURE_CALLBACKS = frozenset({DELIVER_FAILED})
_SHOWN = 120  # characters of a refused name kept in reasons and logs (it is attacker data)


def _shown(name: object) -> str:
    text = repr(name)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def function_refusal(func_name: object, instance: object = None) -> str | None:
    """Why a job naming `func_name` (on `instance`) may not run, or None when it may."""
    if func_name not in ALLOWED_FUNCTIONS:
        return (f"job function {_shown(func_name)} is not a wirewatch job "
                f"(allowed: {', '.join(sorted(ALLOWED_FUNCTIONS))})")
    if instance is not None:
        return "a wirewatch job is a plain function, not a method of a stored instance"
    return None


def callback_refusal(kind: str, name: str | None) -> str | None:
    """Why a job's `kind` callback (success, failure, stopped) may not run, or None."""
    if not name:
        return None
    if kind == "failure" and name in ALLOWED_FAILURE_CALLBACKS:
        return None
    return f"{kind} callback {_shown(name)} is not a wirewatch callback"


def job_refusal(job: Job) -> str | None:
    """Why `job` may not run, or None. Reads names only: nothing is imported or called."""
    try:
        func_name, instance = job.func_name, job.instance
    except DeserializationError:
        return "job data is not JSON of the form [function, null, args, kwargs]"
    checks = (
        function_refusal(func_name, instance),
        callback_refusal("success", job._success_callback_name),
        callback_refusal("failure", job._failure_callback_name),
        callback_refusal("stopped", job._stopped_callback_name),
        "RQ webhooks are not used by wirewatch" if job.webhooks else None,
    )
    return next((reason for reason in checks if reason), None)


class WirewatchJob(Job):
    """An RQ Job whose function and callbacks resolve only to allowed wirewatch names.

    RQ resolves names lazily, from several places (the worker, registry cleanup, synchronous
    runs); checking here covers them all, whatever path reaches them. A refused function raises
    ForbiddenJobError (the job fails); a refused callback is skipped."""

    @property
    def func(self) -> Any:
        """The job's function, once its name passed the allow-list."""
        reason = function_refusal(self.func_name, self.instance)
        if reason:
            raise ForbiddenJobError(reason)
        return super().func

    @property
    def success_callback(self) -> Any:
        """Never set by wirewatch: any name stored in Redis is refused."""
        return self._checked_callback("success", self._success_callback_name, "success_callback")

    @property
    def failure_callback(self) -> Any:
        """Only the delivery dead-letter callback is allowed."""
        return self._checked_callback("failure", self._failure_callback_name, "failure_callback")

    @property
    def stopped_callback(self) -> Any:
        """Never set by wirewatch: any name stored in Redis is refused."""
        return self._checked_callback("stopped", self._stopped_callback_name, "stopped_callback")

    def _checked_callback(self, kind: str, name: str | None, attribute: str) -> Any:
        """The callback if allowed; a refused one is logged and treated as absent, so that
        RQ's registry cleanup (in a worker or in `status`) goes on without running it."""
        reason = callback_refusal(kind, name)
        if reason:
            log.error("refused a job callback that is not wirewatch's",
                      extra={"job_id": self.id, "error": f"refused: {reason}"})
            return None
        return getattr(super(), attribute)

    def send_webhooks(self, status: Any, *, exc_string: str | None = None) -> None:
        """Sends nothing: an RQ webhook's URL comes from Redis and would bypass the network
        policy (`monitor.net.addresses`)."""

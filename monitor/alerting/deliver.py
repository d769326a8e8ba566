"""The deliver stage: one attempt of one alert to one destination; the next attempt is scheduled
on failure (retry schedule, Retry-After, rate limit) and the delivery is dead-lettered after the
last. The decisions are in pure functions (`monitor.alerting.sinks`, `monitor.backoff`)."""

from __future__ import annotations

import hashlib
import logging
import random
import time
from dataclasses import dataclass
from typing import Any

from redis.client import Pipeline
from rq.job import Job, JobStatus
from rq.queue import Queue

from monitor.alerting import sinks
from monitor.alerting.ratelimit import RateLimiter
from monitor.alerting.sinks import DeliveryOutcome, Poster
from monitor.backoff import retry_delay
from monitor.config import Config
from monitor.models import DeliveryState
from monitor.storage.metrics import Stats
from monitor.storage.queues import (
    DELIVER_JOB,
    FAILURE_TTL,
    RESULT_TTL,
    Queues,
    crash_retry,
    delivery_failure_callback,
)
from monitor.storage.stores import AlertStore, DestinationStates

log = logging.getLogger("wirewatch.pipeline")


def delivery_job_id(alert_id: str, destination_id: str, attempt: int) -> str:
    """Job id of the n-th attempt: deterministic, so a duplicate enqueue is visible. (RQ accepts
    only [A-Za-z0-9_-]; destination ids may hold '.' and ':', hence the hash.)"""
    dest = hashlib.sha256(destination_id.encode()).hexdigest()[:12]
    return f"deliver-{alert_id}-{dest}-{attempt}"


def enqueue_delivery(queues: Queues, pipe: Pipeline, alert_id: str, destination_id: str,
                     attempt: int, delay: float = 0.0, suffix: str = "") -> None:
    """Queue attempt `attempt` (1-based) of a delivery inside the caller's transaction."""
    options: dict[str, Any] = {
        "job_id": delivery_job_id(alert_id, destination_id, attempt) + suffix,
        "result_ttl": RESULT_TTL, "failure_ttl": FAILURE_TTL,
        "retry": crash_retry(), "on_failure": delivery_failure_callback(),
    }
    args = (alert_id, destination_id, attempt)
    queue = queues.deliver_to(destination_id)  # its own queue: see workers/lane.py
    if delay > 0:
        _schedule(queue, pipe, time.time() + delay,
                  queue.create_job(DELIVER_JOB, args=args, status=JobStatus.SCHEDULED, **options))
    else:
        queue.enqueue_call(DELIVER_JOB, args=args, pipeline=pipe, **options)


def _schedule(queue: Queue, pipe: Pipeline, due: float, job: Job) -> None:
    """Put `job` in the queue's scheduled registry at the exact time `due`, inside the caller's
    transaction. RQ's own `enqueue_at` scores in whole seconds (floored) and writes that score
    at once, outside the transaction; `promote_due` compares exact times, so the attempt is
    neither up to a second late nor ever early (which matters when a receiver said
    Retry-After)."""
    pipe.sadd(queue.redis_queues_keys, queue.key)
    job.save(pipeline=pipe)
    pipe.zadd(queue.scheduled_job_registry.key, {job.id: due})


@dataclass(frozen=True)
class DeliveryContext:
    """What the delivery stage needs, injected by the worker."""

    config: Config
    http: Poster
    alerts: AlertStore
    destinations: DestinationStates
    queues: Queues
    rng: random.Random
    stats: Stats
    limiter: RateLimiter


def _give_up(ctx: DeliveryContext, alert_id: str, dest_id: str, reason: str) -> str:
    ctx.alerts.note(alert_id, dest_id, {"last_error": reason})
    ctx.alerts.mark(alert_id, dest_id, DeliveryState.DEAD)
    ctx.destinations.count(dest_id, "dead")
    log.warning("delivery dead-lettered", extra={"alert_id": alert_id, "destination_id": dest_id,
                                                  "error": reason})
    return DeliveryState.DEAD


def deliver(ctx: DeliveryContext, alert_id: str, dest_id: str, attempt: int) -> str:
    """One delivery attempt; schedules the next on failure, dead-letters after the last."""
    alert = ctx.alerts.get(alert_id)
    if alert is None:
        log.error("alert not found", extra={"alert_id": alert_id, "destination_id": dest_id})
        return "missing"
    state = ctx.alerts.delivery(alert_id, dest_id)
    if state.get("status") == DeliveryState.DELIVERED:
        return DeliveryState.DELIVERED  # a re-run after a crash: already done
    dest = ctx.config.destination(dest_id)
    if dest is None or not dest.enabled:
        return _give_up(ctx, alert_id, dest_id, f"destination {dest_id!r} is not configured")
    disabled = ctx.destinations.disabled_reason(dest_id)
    if disabled:
        return _give_up(ctx, alert_id, dest_id, f"destination disabled: {disabled}")
    if dest.rate_limit and (wait := ctx.limiter.take(dest_id, dest.rate_limit)) > 0:
        return _defer(ctx, alert_id, dest_id, attempt, wait)
    outcome = sinks.send(ctx.http, dest, alert, ctx.config.settings.alerts)
    return _after_attempt(ctx, alert_id, dest_id, attempt, outcome, state)


def _defer(ctx: DeliveryContext, alert_id: str, dest_id: str, attempt: int, wait: float) -> str:
    """Over the destination's rate limit: run this same attempt later, without counting it."""
    suffix = f"-w{time.time_ns()}"
    ctx.alerts.schedule(alert_id, dest_id, lambda pipe: enqueue_delivery(
        ctx.queues, pipe, alert_id, dest_id, attempt, wait, suffix=suffix))
    return "deferred"


def _delivered(ctx: DeliveryContext, alert_id: str, dest_id: str, state: dict[str, str]) -> None:
    """Mark the delivery done, count it and observe its latencies, in one transaction (one
    round trip: a delivery lane runs hundreds a second). `state` is the delivery state read
    before the attempt; its discovery and published times never change."""
    now = time.time()
    with ctx.alerts.redis.pipeline() as pipe:  # every store of the context is on one Redis
        ctx.stats.incr("deliveries", "delivered", pipe=pipe)
        ctx.alerts.mark(alert_id, dest_id, DeliveryState.DELIVERED, pipe=pipe)
        ctx.destinations.count(dest_id, "delivered", pipe=pipe)
        for field, metric in (("discovered_at", "discovery_to_delivery"),
                              ("published_at", "published_to_delivery")):
            if state.get(field):
                ctx.stats.observe(metric, max(0.0, now - float(state[field])), pipe=pipe)
        pipe.execute()


def _dead(ctx: DeliveryContext, alert_id: str, dest_id: str, event: str,
          fields: dict[str, Any]) -> str:
    """A failed attempt ends the delivery: a dead letter (the attempt's error is its reason)."""
    ctx.alerts.mark(alert_id, dest_id, DeliveryState.DEAD)
    ctx.destinations.count(dest_id, "dead")
    log.warning(event, extra=fields)
    return DeliveryState.DEAD


def _after_attempt(ctx: DeliveryContext, alert_id: str, dest_id: str, attempt: int,
                   outcome: DeliveryOutcome, state: dict[str, str]) -> str:
    attempts = ctx.alerts.record_attempt(alert_id, dest_id, {
        "last_status": outcome.status, "last_error": outcome.error,
        "last_attempt_at": f"{time.time():.3f}"})
    fields = {"alert_id": alert_id, "destination_id": dest_id, "attempt": attempts,
              "status": outcome.status, "error": outcome.error}
    if outcome.delivered:
        _delivered(ctx, alert_id, dest_id, state)
        log.info("alert delivered", extra=fields)
        return DeliveryState.DELIVERED
    ctx.stats.incr("deliveries", "failed")
    ctx.destinations.count(dest_id, "failed")
    if outcome.gone:
        ctx.destinations.disable(dest_id, outcome.error or "410 Gone")
        return _dead(ctx, alert_id, dest_id, "destination disabled", fields)
    if outcome.permanent:
        return _dead(ctx, alert_id, dest_id, "delivery refused by the network policy, "
                     "dead-lettered", fields)
    policy = ctx.config.settings.alerts
    delay = retry_delay(policy.retry_schedule, attempts, retry_after=outcome.retry_after,
                        jitter=policy.retry_jitter, rng=ctx.rng)
    if delay is None:
        return _dead(ctx, alert_id, dest_id, "delivery dead-lettered", fields)
    ctx.alerts.schedule(alert_id, dest_id, lambda pipe: enqueue_delivery(
        ctx.queues, pipe, alert_id, dest_id, attempt + 1, delay), retry_at=time.time() + delay)
    log.info("delivery failed, retry scheduled", extra={**fields, "retry_in_s": round(delay, 3)})
    return DeliveryState.RETRYING

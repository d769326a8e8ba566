"""`wirewatch status`: one snapshot of feeds, queues, workers, destinations and dead letters."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq import Worker
from rq.exceptions import DeserializationError, NoSuchJobError
from rq.registry import StartedJobRegistry
from rq.serializers import JSONSerializer

from monitor.config import Config
from monitor.storage.jobs import WirewatchJob
from monitor.storage.keys import Keys
from monitor.storage.metrics import Stats
from monitor.storage.queues import Queues
from monitor.storage.stores import AlertStore, DestinationStates, FeedSchedule, FeedStates
from monitor.storage.stories import StoryStore

log = logging.getLogger("wirewatch.status")


def _iso(epoch: str | float | None) -> str | None:
    if epoch in (None, ""):
        return None
    return datetime.fromtimestamp(float(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_health(state: dict[str, str]) -> str:
    """ok | failing | problem | warning (entries skipped) | never polled."""
    if not state.get("last_poll_at"):
        return "never polled"
    if state.get("last_result") == "error":
        return "failing"
    if state.get("problem"):
        return "problem"
    return "warning" if state.get("skipped") else "ok"


def feed_rows(config: Config, redis: Redis, keys: Keys) -> list[dict[str, Any]]:
    """One row per configured feed: health, last poll and result, error streak, next due."""
    states, schedule = FeedStates(redis, keys), FeedSchedule(redis, keys)
    rows = []
    for feed in config.feeds:
        state = states.get(feed.id)
        rows.append({
            "id": feed.id, "url": state.get("url") or feed.url, "enabled": feed.enabled,
            "health": feed_health(state) if feed.enabled else "disabled",
            "last_poll": _iso(state.get("last_poll_at")), "last_result": state.get("last_result"),
            "last_status": int(state["last_status"]) if state.get("last_status") else None,
            "last_error": state.get("last_error") or None, "problem": state.get("problem") or None,
            "warning": state.get("skipped") or None,
            "error_streak": int(state.get("error_streak") or 0),
            "items_total": int(state.get("items_total") or 0),
            "next_due": _iso(schedule.next_due(feed.id)),
        })
    return rows


def _orphaned(registry: StartedJobRegistry, redis: Redis, keys: Keys) -> int:
    """Jobs of the registry whose worker has no heartbeat: its process is gone, and the job
    waits to be put back on its queue by a live worker's maintenance."""
    ids = [job_id for job_id, _ in registry.get_job_and_execution_ids(cleanup=False)]
    jobs = [_job(job_id, redis) for job_id in ids]
    return sum(1 for job in jobs if job is not None and job.worker_name
               and not redis.exists(keys.worker_heartbeat(job.worker_name)))


def _job(job_id: str, redis: Redis) -> WirewatchJob | None:
    """The job, or None when it is gone or its hash does not read (status only shows)."""
    try:
        return WirewatchJob.fetch(job_id, connection=redis, serializer=JSONSerializer)
    except NoSuchJobError:
        return None
    except (ValueError, TypeError, DeserializationError):
        return None


def _queues(queues: Queues, redis: Redis, keys: Keys) -> list[dict[str, Any]]:
    """Depth, oldest job age, and jobs scheduled, running, orphaned and failed per queue."""
    rows = []
    for queue in queues.all:
        oldest_age = None
        first = queue.get_job_ids(0, 0)
        if first:
            job = _job(first[0], redis)
            if job is not None and job.enqueued_at:
                oldest_age = round(time.time() - job.enqueued_at.timestamp(), 1)
        # counted without RQ's cleanup: that runs failure callbacks on data from Redis, and
        # is the workers' chore, not a status report's
        started = queue.started_job_registry
        orphaned = _orphaned(started, redis, keys)
        rows.append({
            "name": queue.name, "depth": queue.count, "oldest_job_age_s": oldest_age,
            "scheduled": queue.scheduled_job_registry.get_job_count(cleanup=False),
            "started": started.get_job_count(cleanup=False) - orphaned, "orphaned": orphaned,
            "failed": queue.failed_job_registry.get_job_count(cleanup=False),
        })
    return rows


def _workers(queues: Queues, redis: Redis, keys: Keys) -> list[dict[str, Any]]:
    """Every worker RQ knows of. RQ keeps a SIGKILLed worker registered, "busy" with its last
    job, for a minute or more; a worker whose own heartbeat (HEARTBEAT_TTL, 10 s) has expired
    is shown "dead", with no current job."""
    seen = {}
    for queue in queues.all:
        try:
            workers = Worker.all(connection=redis, queue=queue, serializer=JSONSerializer,
                                 job_class=WirewatchJob)
        except ValueError:  # RQ's worker registry holds an entry it cannot read
            log.warning("unreadable worker registry", extra={"queue": queue.name})
            continue
        for worker in workers:
            alive = bool(redis.exists(keys.worker_heartbeat(worker.name)))
            seen[worker.name] = {"name": worker.name, "alive": alive,
                                 "state": worker.get_state() if alive else "dead",
                                 "current_job": worker.get_current_job_id() if alive else None,
                                 "pid": worker.pid, "host": worker.hostname,
                                 "successful": worker.successful_job_count,
                                 "failed": worker.failed_job_count}
    return list(seen.values())


def _destinations(config: Config, redis: Redis, keys: Keys) -> list[dict[str, Any]]:
    states = DestinationStates(redis, keys)
    rows = []
    for dest in config.destinations:
        state = states.get(dest.id)
        rows.append({
            "id": dest.id, "type": dest.type,
            "delivered": int(state.get("delivered") or 0),
            "failed_attempts": int(state.get("failed") or 0),
            "dead": int(state.get("dead") or 0),
            "disabled": bool(state.get("disabled")) or not dest.enabled,
            "disabled_reason": state.get("disabled_reason") or (None if dest.enabled
                                                                 else "disabled in config"),
        })
    return rows


def dead_letter_rows(redis: Redis, keys: Keys) -> list[dict[str, Any]]:
    """Every dead-lettered delivery with its attempts and last error."""
    alerts = AlertStore(redis, keys)
    rows = []
    for alert_id, dest_id, when in alerts.dead_letters():
        state = alerts.delivery(alert_id, dest_id)
        alert = alerts.get(alert_id) or {}
        rows.append({
            "alert_id": alert_id, "destination": dest_id, "since": _iso(when),
            "attempts": int(state.get("attempts") or 0), "last_error": state.get("last_error"),
            "last_status": state.get("last_status"), "rule": (alert.get("rule") or {}).get("id"),
            "title": (alert.get("item") or {}).get("title"),
        })
    return rows


def story_counts(config: Config, redis: Redis, keys: Keys) -> dict[str, Any]:
    """Stories first seen in the window; items and stories counted since the counters
    started, and reports per story."""
    counts = StoryStore(redis, keys, config.settings.stories.window).counts()
    raw = Stats(redis, keys).snapshot()
    started = int(raw.get("c|stories|", 0) or 0)
    reports = int(raw.get("c|story_reports|", 0) or 0)
    return {**counts, "stories_total": started, "reports_total": reports,
            "reports_per_story": round(reports / started, 2) if started else None}


def collect_status(config: Config, redis: Redis, keys: Keys, queues: Queues) -> dict[str, Any]:
    """The whole status as a JSON-ready dict; `redis.ok` is False when Redis does not answer."""
    try:
        redis.ping()
    except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
        return {"redis": {"ok": False, "error": str(exc)}}
    beat = redis.get(keys.poller_heartbeat)
    return {
        "redis": {"ok": True},
        "poller": {"heartbeat_age_s": round(time.time() - float(beat), 1) if beat else None},
        "feeds": feed_rows(config, redis, keys),
        "queues": _queues(queues, redis, keys),
        "workers": _workers(queues, redis, keys),
        "destinations": _destinations(config, redis, keys),
        "alerts": {"created": AlertStore(redis, keys).count()},
        "stories": story_counts(config, redis, keys),
        "dead_letters": dead_letter_rows(redis, keys),
    }


def table(rows: list[dict[str, Any]], columns: list[str]) -> list[str]:
    """Rows as text lines: a header of upper-cased column names, then padded cells."""
    cells = [[("-" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  " + "  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  " + "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True))
              for row in cells]
    return lines


def render_status(status: dict[str, Any]) -> str:
    """The status as a readable terminal view."""
    if not status["redis"]["ok"]:
        return f"redis: UNAVAILABLE ({status['redis'].get('error')})"
    age = status["poller"]["heartbeat_age_s"]
    out = ["redis: ok", f"poller heartbeat: {age} s ago" if age is not None
           else "poller heartbeat: none (no poller is running)"]
    out += ["", "feeds:"] + table(status["feeds"], ["id", "health", "last_poll", "last_result",
                                                     "items_total", "error_streak", "next_due",
                                                     "last_error"])
    out += [f"  warning: {row['id']}: {row['warning']}" for row in status["feeds"]
            if row.get("warning")]
    out += ["", "queues:"] + table(status["queues"], ["name", "depth", "oldest_job_age_s",
                                                       "scheduled", "started", "orphaned",
                                                       "failed"])
    alive = sum(1 for w in status["workers"] if w["alive"])
    dead = len(status["workers"]) - alive
    out += ["", f"workers: {alive} alive" + (f", {dead} dead" if dead else "")] + (
        table(status["workers"], ["name", "state", "current_job", "host", "pid"])
        if status["workers"] else [])
    # `dead` counts every delivery ever dead-lettered (replayed ones too); the dead letters
    # waiting now are counted below
    destinations = [{**row, "dead_ever": row["dead"]} for row in status["destinations"]]
    out += ["", "destinations:"] + table(destinations, [
        "id", "type", "delivered", "failed_attempts", "dead_ever", "disabled", "disabled_reason"])
    stories = status.get("stories")
    if stories:
        out += ["", f"stories: {stories['stories_in_window']} in the window, "
                    f"{stories['reports_total']} reports in {stories['stories_total']} stories "
                    f"(reports per story: {stories['reports_per_story'] or '-'})"]
    out += ["", f"alerts created: {status['alerts']['created']}",
            f"dead letters: {len(status['dead_letters'])}"]
    if status["dead_letters"]:
        out += table(status["dead_letters"], ["alert_id", "destination", "attempts",
                                               "last_error", "since"])
    return "\n".join(out)

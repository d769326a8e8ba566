"""Garbled RQ bookkeeping in Redis (anyone with write access can leave it) stops nothing: due
retries are still promoted, workers keep working and beating, `status` still answers."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from redis import Redis

from monitor.cli import main
from monitor.config import load_config
from monitor.storage.keys import Keys
from monitor.storage.queues import make_queues
from tests.helpers import write_config
from workers import context as worker_context
from workers.context import WorkerContext
from workers.maintenance import promote_due, requeue_orphans
from workers.worker import make_worker


def garble(redis: Redis, job_id: str) -> None:
    redis.hset(f"rq:job:{job_id}", mapping={"data": "[]", "created_at": "garbage",
                                             "started_at": "garbage", "worker_name": "w",
                                             "origin": "wirewatch-deliver"})


def test_a_garbled_scheduled_job_does_not_stop_promotion(redis: Redis) -> None:
    queues, keys = make_queues(redis, "wirewatch"), Keys()
    queues.deliver.enqueue_call("workers.jobs.deliver_alert", args=("a", "d", 2), job_id="good")
    redis.lrem(queues.deliver.key, 0, "good")
    redis.zadd(queues.deliver.scheduled_job_registry.key, {"good": time.time() - 1})
    garble(redis, "bad")
    redis.zadd(queues.deliver.scheduled_job_registry.key, {"bad": time.time() - 2})
    assert promote_due(redis, queues, keys) == 1
    assert queues.deliver.get_job_ids() == ["good"]
    assert redis.zcard(queues.deliver.scheduled_job_registry.key) == 0
    assert "bad" in queues.deliver.failed_job_registry.get_job_ids(cleanup=False)


def test_a_garbled_started_job_does_not_stop_orphan_requeueing(redis: Redis) -> None:
    queues, keys = make_queues(redis, "wirewatch"), Keys()
    garble(redis, "bad")
    redis.zadd(queues.match.started_job_registry.key, {"bad:e1": time.time() + 100})
    assert requeue_orphans(redis, queues, keys) == 0
    assert redis.zcard(queues.match.started_job_registry.key) == 0


def test_an_expired_started_job_without_arguments_stops_no_worker(
        tmp_path: Path, redis_url: str, redis: Redis,
        capsys: pytest.CaptureFixture[str]) -> None:
    """RQ's registry cleanup (at every worker start) calls the allowed failure callback on the
    expired entry: its missing arguments must not make every worker quit."""
    config = load_config(write_config(tmp_path / "cfg", redis_url=redis_url, feeds=[],
                                      destinations=[{"id": "log", "type": "log"}]))
    queues = make_queues(redis, config.settings.queue_prefix)
    redis.hset("rq:job:forged", mapping={
        "data": json.dumps(["workers.jobs.deliver_alert", None, [], {}]),
        "failure_callback_name": "workers.jobs.delivery_job_failed",
        "origin": queues.deliver.name, "status": "started",
        "created_at": "2026-01-01T00:00:00.000000Z"})
    redis.zadd(queues.deliver.started_job_registry.key, {"forged:e1": time.time() - 10})
    queues.match.enqueue_call("workers.jobs.match_items", args=("wire", []), job_id="legit")
    ctx = WorkerContext(config, redis)
    worker_context.install(ctx)
    try:
        worker = make_worker(ctx)
        worker.work(burst=True, logging_level="WARNING")
    finally:
        ctx.close()
    # the legitimate job ran after the cleanup
    assert queues.match.finished_job_registry.get_job_ids(cleanup=False) == ["legit"]
    assert main(["--config", str(config.directory), "status", "--json"]) == 0
    assert '"orphaned"' in capsys.readouterr().out

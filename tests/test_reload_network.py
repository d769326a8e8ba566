"""A reload that narrows `network.allow_private` holds at once, for deliveries and for polls:
the processes get HTTP clients built under the new policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from redis import Redis

from monitor.config import load_config
from monitor.errors import UnsafeURLError
from monitor.ops.daemon import make_poller, renew_poller_http
from monitor.storage.keys import Keys
from tests.helpers import SECRET, write_config
from tests.servers import WebhookReceiver
from workers.context import WorkerContext


def configs(tmp_path: Path, redis_url: str, receiver: WebhookReceiver):  # type: ignore[no-untyped-def]
    def one(name: str, allow: list[str]):  # type: ignore[no-untyped-def]
        return load_config(write_config(
            tmp_path / name, redis_url=redis_url, feeds=[],
            destinations=[{"id": "hook", "type": "webhook", "url": receiver.url,
                           "secret": SECRET}],
            settings={"network": {"allow_private": allow}}))
    return one("open", ["127.0.0.0/8"]), one("narrowed", [])


def test_deliveries_follow_a_narrowed_policy(tmp_path: Path, redis_url: str, redis: Redis,
                                             receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    open_config, narrowed = configs(tmp_path, redis_url, receiver)
    ctx = WorkerContext(open_config, redis, reload=False)
    try:
        assert ctx.http.post(receiver.url, content=b"{}", headers={},
                             total_timeout=5).status in (200, 400, 401)
        ctx.swap(narrowed, ctx.ruleset)
        with pytest.raises(UnsafeURLError):
            ctx.http.post(receiver.url, content=b"{}", headers={}, total_timeout=5)
    finally:
        ctx.close()


def test_polls_follow_a_narrowed_policy(tmp_path: Path, redis_url: str, redis: Redis,
                                        receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    open_config, narrowed = configs(tmp_path, redis_url, receiver)
    poller = make_poller(open_config, redis, Keys())
    assert renew_poller_http(poller, open_config, open_config) == []
    retired = renew_poller_http(poller, open_config, narrowed)
    try:
        assert len(retired) == 1 and retired[0] is not poller.http
        with pytest.raises(UnsafeURLError):
            poller.http.get(receiver.url, max_bytes=1024, total_timeout=5)
    finally:
        for client in [poller.http, *retired]:
            client.close()

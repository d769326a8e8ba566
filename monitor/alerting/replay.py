"""Redelivery of dead letters (`wirewatch alerts replay`)."""

from __future__ import annotations

from collections.abc import Sequence

from redis import Redis

from monitor.alerting.deliver import enqueue_delivery
from monitor.storage.keys import Keys
from monitor.storage.queues import Queues
from monitor.storage.stores import AlertStore, DestinationStates


def _selected(dead: list[tuple[str, str, float]], ids: Sequence[str] | None,
              ) -> list[tuple[str, str]]:
    if ids is None:
        return [(a, d) for a, d, _ in dead]
    wanted = set(ids)
    return [(a, d) for a, d, _ in dead if a in wanted or f"{a}|{d}" in wanted]


def replay_dead_letters(redis: Redis, keys: Keys, queues: Queues,
                        ids: Sequence[str] | None) -> list[tuple[str, str]]:
    """Requeue the chosen dead letters (all with `ids=None`) for a fresh round of attempts.

    A destination disabled by a 410 is re-enabled: replaying is the operator saying the
    receiver is back. The alert keeps its id, so receivers can still de-duplicate."""
    alerts, destinations = AlertStore(redis, keys), DestinationStates(redis, keys)
    chosen = _selected(alerts.dead_letters(), ids)
    queues.deliver.get_redis_server_version()
    for alert_id, dest in chosen:
        destinations.enable(dest)
        alerts.replay(alert_id, dest, lambda pipe, a=alert_id, d=dest: enqueue_delivery(
            queues, pipe, a, d, 1))
    return chosen

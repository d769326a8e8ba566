"""Pure delivery parts: signatures verify with standardwebhooks; retry arithmetic; classes."""

from __future__ import annotations

import random

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from monitor.alerting.payload import alert_id
from monitor.alerting.sinks import alert_body, classify, signature_headers
from monitor.backoff import feed_backoff, retry_delay
from tests.helpers import SECRET

OTHER = "whsec_" + "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA=="


def test_signature_verifies_and_rotation_signs_with_every_secret() -> None:
    body = alert_body({"id": "alert_x", "type": "wirewatch.alert", "snippet": "Bakı ✓"})
    headers = signature_headers("alert_x", body, (OTHER, SECRET))
    assert headers["webhook-id"] == "alert_x"
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert Webhook(SECRET).verify(body, headers)["id"] == "alert_x"
    assert Webhook(OTHER).verify(body, headers)["id"] == "alert_x"
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(body + b" ", headers)


def test_alert_id_is_deterministic_per_rule_and_item() -> None:
    assert alert_id("r", "k") == alert_id("r", "k")
    assert alert_id("r", "k") != alert_id("r", "k2") != alert_id("r2", "k")


def test_retry_delays_follow_schedule_then_stop() -> None:
    schedule = (5.0, 300.0, 1800.0)
    assert [retry_delay(schedule, n) for n in (1, 2, 3, 4)] == [5.0, 300.0, 1800.0, None]
    assert retry_delay(schedule, 1, retry_after=30) == 30
    rng = random.Random(1)
    jittered = [retry_delay(schedule, 2, jitter=0.1, rng=rng) for _ in range(50)]
    assert all(270 <= d <= 330 for d in jittered) and len(set(jittered)) > 1


@pytest.mark.parametrize(("status", "delivered", "gone", "retry_after"), [
    (200, True, False, None), (204, True, False, None), (301, False, False, None),
    (410, False, True, None), (429, False, False, 7.0), (503, False, False, 7.0),
    (500, False, False, None), (404, False, False, None),
])
def test_classify(status: int, delivered: bool, gone: bool, retry_after: float | None) -> None:
    outcome = classify(status, {"retry-after": "7"})
    assert (outcome.delivered, outcome.gone, outcome.retry_after) == (delivered, gone, retry_after)


def test_feed_backoff_grows_and_is_capped() -> None:
    rng = random.Random(0)
    delays = [feed_backoff(60, n, cap=3600, jitter=0, rng=rng) for n in range(0, 10)]
    assert delays[0] == 60 and delays[1] == 120 and delays[-1] == 3600
    assert delays == sorted(delays)

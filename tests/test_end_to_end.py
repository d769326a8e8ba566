"""End to end on the real components: feed server → poll → Redis/RQ → match → signed webhook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.cli import main
from tests.helpers import SECRET, bursts_until, rss, write_config
from tests.servers import FeedDoc, FeedServer, WebhookReceiver
from tests.stories import DEFENSE_STORY, EXTRA_DEFENSE_STORY, NEAR_MISSES


def cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def hook_config(tmp_path: Path, redis_url: str, feed_url: str, receiver: WebhookReceiver,
                **settings: object) -> Path:
    return write_config(
        tmp_path / "config", redis_url=redis_url,
        feeds=[{"id": "wire", "url": feed_url, "interval": "1s"}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        settings=settings or None)


@pytest.fixture
def receiver(receivers: list[WebhookReceiver]) -> WebhookReceiver:
    made = WebhookReceiver(SECRET)
    receivers.append(made)
    return made


def test_defense_story_gives_exactly_one_verified_webhook(
        tmp_path: Path, redis_url: str, feed_server: FeedServer, receiver: WebhookReceiver) -> None:
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY, *NEAR_MISSES]))
    config = hook_config(tmp_path, redis_url, feed_server.url("/wire.xml"), receiver)

    assert cli(config, "poll", "--once") == 0
    assert cli(config, "worker", "--burst") == 0

    got = receiver.wait_for(1)
    assert len(got) == 1
    hook = got[0]
    assert hook.verified
    assert hook.body["type"] == "wirewatch.alert"
    assert hook.body["rule"] == {"id": "ru-az-defense",
                                 "name": "Russia–Azerbaijan defense contacts"}
    assert hook.body["item"]["title"] == DEFENSE_STORY["title"]
    assert hook.body["item"]["feed"]["id"] == "wire"
    assert hook.body["item"]["lang"] == "en"  # the feed declares none: detected
    assert hook.headers["webhook-id"] == hook.body["id"]
    assert hook.body["evidence"], "a match carries its evidence"
    for ev in hook.body["evidence"]:
        text = hook.body["item"]["title"] if ev["field"] == "title" else None
        if text is not None:
            assert ev["end"] <= len(text)


@pytest.mark.parametrize("validators", [True, False], ids=["304", "same-body-no-validators"])
def test_unchanged_feed_gives_nothing_and_one_new_item_one_alert(
        tmp_path: Path, redis_url: str, feed_server: FeedServer, receiver: WebhookReceiver,
        validators: bool) -> None:
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY, *NEAR_MISSES]),
                                            validators=validators)
    config = hook_config(tmp_path, redis_url, feed_server.url("/wire.xml"), receiver)
    assert cli(config, "poll", "--once") == 0
    assert cli(config, "worker", "--burst") == 0
    assert len(receiver.wait_for(1)) == 1

    assert cli(config, "poll", "--once", "--force") == 0
    assert cli(config, "worker", "--burst") == 0
    if validators:
        assert feed_server.hits("/wire.xml")[-1]["headers"].get("if-none-match")
    assert len(receiver.received) == 1

    feed_server.docs["/wire.xml"] = FeedDoc(
        rss([EXTRA_DEFENSE_STORY, DEFENSE_STORY, *NEAR_MISSES]), validators=validators)
    assert cli(config, "poll", "--once", "--force") == 0
    assert cli(config, "worker", "--burst") == 0
    got = receiver.wait_for(2)
    assert len(got) == 2
    assert got[1].body["item"]["title"] == EXTRA_DEFENSE_STORY["title"]
    assert got[0].body["id"] != got[1].body["id"]


def test_receiver_500_then_200_gets_the_alert_again_with_the_same_id(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver]) -> None:
    receiver = WebhookReceiver(SECRET, plan=[500])
    receivers.append(receiver)
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    config = hook_config(tmp_path, redis_url, feed_server.url("/wire.xml"), receiver)
    assert cli(config, "poll", "--once") == 0
    bursts_until(config, lambda: len(receiver.received) >= 2)  # the retry is due after ~1 s

    got = receiver.wait_for(2)
    assert [r.status for r in got] == [500, 200]
    assert all(r.verified for r in got)
    assert got[0].headers["webhook-id"] == got[1].headers["webhook-id"]
    assert got[0].body == got[1].body


@pytest.mark.slow
def test_receiver_that_always_fails_leaves_a_dead_letter_in_status(
        tmp_path: Path, redis_url: str, feed_server: FeedServer, receivers: list[WebhookReceiver],
        capsys: pytest.CaptureFixture[str]) -> None:
    receiver = WebhookReceiver(SECRET, default=500)
    receivers.append(receiver)
    feed_server.docs["/wire.xml"] = FeedDoc(rss([DEFENSE_STORY]))
    config = hook_config(tmp_path, redis_url, feed_server.url("/wire.xml"), receiver)
    assert cli(config, "poll", "--once") == 0
    # three attempts: the immediate one and two retries (0.2 s, rounded up to RQ's whole seconds)
    bursts_until(config, lambda: len(receiver.received) >= 3)
    assert cli(config, "worker", "--burst") == 0
    assert len(receiver.wait_for(3)) == 3
    capsys.readouterr()

    assert cli(config, "status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert len(status["dead_letters"]) == 1
    dead = status["dead_letters"][0]
    assert dead["destination"] == "hook" and dead["attempts"] == 3
    assert "500" in dead["last_error"]
    assert status["destinations"][0]["dead"] == 1

    receiver.default = 200
    assert cli(config, "alerts", "replay", "--all") == 0
    assert cli(config, "worker", "--burst") == 0
    got = receiver.wait_for(4)
    assert got[-1].status == 200 and got[-1].headers["webhook-id"] == dead["alert_id"]
    capsys.readouterr()
    assert cli(config, "alerts", "failed", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


RUSSIAN_STORY = {
    "guid": "wire-ru-1",
    "title": "Замминистра обороны России провёл переговоры в Баку",
    "description": "Заместитель министра обороны России Александр Фомин прибыл в Баку для "
                   "переговоров о военно-техническом сотрудничестве.",
}


def test_the_feeds_language_reaches_the_rules_and_the_webhook(
        tmp_path: Path, redis_url: str, feed_server: FeedServer, receiver: WebhookReceiver) -> None:
    feed_server.docs["/ru.xml"] = FeedDoc(rss([RUSSIAN_STORY], language="ru-RU"))
    rules = {"rules": [
        {"id": "ru-wires", "query": "lang:(ru OR uk) AND баку", "notify": ["hook"]},
        {"id": "not-ru", "query": "баку AND NOT lang:ru", "notify": ["hook"]}]}
    config = write_config(
        tmp_path / "config", redis_url=redis_url,
        feeds=[{"id": "ru-wire", "url": feed_server.url("/ru.xml"), "interval": "1s"}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        rules=rules)
    assert cli(config, "poll", "--once") == 0
    assert cli(config, "worker", "--burst") == 0
    (hook,) = receiver.wait_for(1)
    assert len(receiver.received) == 1  # the burst delivered all: no alert of `not-ru`
    assert hook.verified
    assert hook.body["rule"]["id"] == "ru-wires"
    assert hook.body["item"]["lang"] == "ru"
    assert {"field": "lang", "term": "ru", "start": 0, "end": 2} in hook.body["evidence"]

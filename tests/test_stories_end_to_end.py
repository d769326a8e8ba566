"""End to end: four outlets' feeds report one event → one alert per rule and story (plus updates
where the rule asks), a near-miss event two days later → its own alert; `stories` lists them."""

from __future__ import annotations

import json
import re
from collections import Counter
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families
from redis import Redis

from monitor.cli import main
from monitor.storage.keys import Keys
from monitor.storage.metrics import RedisCollector
from monitor.storage.queues import make_queues
from tests.helpers import SECRET, rss, write_config
from tests.servers import FeedDoc, FeedServer, WebhookReceiver
from tests.story_reports import EVENT, NEAR_MISS, STORY_RULES

OUTLETS = ("trend", "azernews", "apa", "tass")


def cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def feed_items(reports: list[tuple[str, str, str, str]], outlet: str) -> list[dict[str, str]]:
    return [{"title": title, "description": body, "pubDate": published,
             "link": f"https://{feed}.example/{n}", "guid": f"{feed}-{n}-{published}"}
            for n, (feed, title, body, published) in enumerate(reports) if feed == outlet]


def rules() -> dict[str, object]:
    base = STORY_RULES["rules"][0]
    made = [{**base, "notify": ["hook"]},  # story_updates: true
            {**base, "id": "az-ru-plain", "story_updates": False, "notify": ["hook"]},
            {**base, "id": "az-ru-items", "story_updates": False, "dedup": "item",
             "notify": ["hook"]}]
    return {"rules": made}


@pytest.fixture
def receiver(receivers: list[WebhookReceiver]) -> WebhookReceiver:
    made = WebhookReceiver(SECRET)
    receivers.append(made)
    return made


def by_rule(hooks: list, kind: str) -> Counter:
    return Counter(h.body["rule"]["id"] for h in hooks if h.body["type"] == kind)


def test_four_outlets_one_alert_three_updates_and_the_near_miss_its_own_alert(
        tmp_path: Path, redis_url: str, feed_server: FeedServer, receiver: WebhookReceiver,
        capsys: pytest.CaptureFixture[str]) -> None:
    for outlet in OUTLETS:
        feed_server.docs[f"/{outlet}.xml"] = FeedDoc(rss(feed_items(EVENT, outlet), outlet))
    config = write_config(
        tmp_path / "config", redis_url=redis_url, rules=rules(),
        feeds=[{"id": o, "url": feed_server.url(f"/{o}.xml"), "interval": "1s"}
               for o in OUTLETS],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}])
    assert cli(config, "check") == 0

    assert cli(config, "poll", "--once") == 0
    assert cli(config, "worker", "--burst") == 0
    first = receiver.wait_for(1 + 3 + 1 + 4)
    assert len(first) == 9 and all(h.verified for h in first)
    assert by_rule(first, "wirewatch.alert") == {"az-ru-staff": 1, "az-ru-plain": 1,
                                                 "az-ru-items": 4}
    assert by_rule(first, "wirewatch.alert.update") == {"az-ru-staff": 3}
    alert = next(h.body for h in first if h.body["type"] == "wirewatch.alert"
                 and h.body["rule"]["id"] == "az-ru-staff")
    updates = [h.body for h in first if h.body["type"] == "wirewatch.alert.update"]
    assert {u["alert_id"] for u in updates} == {alert["id"]}
    assert len({u["id"] for u in updates} | {alert["id"]}) == 4
    assert all(h.headers["webhook-id"] == h.body["id"] for h in first)
    story_id = alert["story"]["id"]
    assert {h.body["story"]["id"] for h in first} == {story_id}
    assert sorted(u["story"]["reports"] for u in updates) == [2, 3, 4]
    assert sorted(max(updates, key=lambda u: u["story"]["reports"])["story"]["feeds"]) == sorted(
        OUTLETS)
    assert {u["item"]["feed"]["id"] for u in updates} | {alert["item"]["feed"]["id"]} == set(
        OUTLETS)

    for outlet in OUTLETS:  # two days later, the same outlets: a phone call, not a meeting
        feed_server.docs[f"/{outlet}.xml"] = FeedDoc(
            rss(feed_items(NEAR_MISS, outlet) + feed_items(EVENT, outlet), outlet))
    assert cli(config, "poll", "--once", "--force") == 0
    assert cli(config, "worker", "--burst") == 0
    both = receiver.wait_for(9 + 2 + 1 + 2)
    later = both[9:]
    assert len(both) == 14
    assert by_rule(later, "wirewatch.alert") == {"az-ru-staff": 1, "az-ru-plain": 1,
                                                 "az-ru-items": 2}
    assert by_rule(later, "wirewatch.alert.update") == {"az-ru-staff": 1}
    assert {h.body["story"]["id"] for h in later} != {story_id}
    assert len({h.body["story"]["id"] for h in later}) == 1

    capsys.readouterr()
    assert cli(config, "stories", "--since", "36500d", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(s["reports"] for s in listed) == [2, 4]
    event = next(s for s in listed if s["id"] == story_id)
    assert [e["feed"] for e in event["items"]] == [h.body["item"]["feed"]["id"] for h in first
                                                   if h.body["rule"]["id"] == "az-ru-staff"]
    assert all(e["title"] and e["link"] and e["reason"] for e in event["items"])
    assert cli(config, "stories", "--since", "36500d") == 0
    text = capsys.readouterr().out
    assert f"{story_id}  first seen" in text and "4 report(s) from" in text
    assert "why: new story" in text and ("why: copy:" in text or "why: rewrite:" in text)
    assert cli(config, "stories", "--since", "soon") == 2
    capsys.readouterr()
    assert cli(config, "status", "--json") == 0
    stories = json.loads(capsys.readouterr().out)["stories"]
    assert stories["stories_total"] == 2 and stories["reports_total"] == 6
    assert stories["reports_per_story"] == 3.0
    assert cli(config, "status") == 0
    assert "6 reports in 2 stories (reports per story: 3.0)" in capsys.readouterr().out

    registry = CollectorRegistry()  # what /metrics serves
    with Redis.from_url(redis_url) as redis:
        registry.register(RedisCollector(redis, Keys(), make_queues(redis, "wirewatch")))
        samples = {s.name: s.value for f in text_string_to_metric_families(
            generate_latest(registry).decode()) for s in f.samples}
    assert samples["wirewatch_stories_total"] == 2
    assert samples["wirewatch_story_reports_total"] == 6
    assert samples["wirewatch_reports_per_story"] == 3.0
    assert samples["wirewatch_stories_in_window"] == 2
    assert samples["wirewatch_alert_updates_created_total"] == 4


def test_check_validates_the_story_settings_of_rules(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def rule(**fields: object) -> dict[str, object]:
        return {"id": "r1", "query": "gerasimov", "notify": ["hook"], **fields}

    config = write_config(
        tmp_path / "config", redis_url=None, feeds=[],
        destinations=[{"id": "hook", "type": "webhook", "url": "http://127.0.0.1:9/",
                       "secret": SECRET}],
        rules={"rules": [rule(dedup="event"), rule(id="r2", story_updates="sometimes")]},
        settings={"stories": {"window": "2x"}})
    capsys.readouterr()
    assert cli(config, "check") == 2
    err = capsys.readouterr().err
    assert re.search(r"rules\.yaml:\d+: dedup: .*'story'.*'item'", err)  # file:line: what
    assert re.search(r"rules\.yaml:\d+: story_updates: .*boolean", err)
    assert "settings.yaml" in err and "window" in err

    config = write_config(tmp_path / "config", redis_url=None, feeds=[],
                          destinations=[{"id": "hook", "type": "webhook",
                                         "url": "http://127.0.0.1:9/", "secret": SECRET}],
                          rules={"rules": [rule(story_updates=True, dedup="item")]})
    assert cli(config, "check") == 0
    assert "no update is ever sent" in capsys.readouterr().err


def test_backtest_shows_how_its_hits_group_into_stories(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "config", redis_url="redis://127.0.0.1:1/0", feeds=[],
                          destinations=[{"id": "hook", "type": "log"}], rules=rules())
    jsonl = tmp_path / "wires.jsonl"
    jsonl.write_text("\n".join(json.dumps({
        "id": f"{feed}-{n}", "title": title, "body": body, "source": feed,
        "published": parsedate_to_datetime(published).strftime("%Y-%m-%dT%H:%M:%SZ")})
        for n, (feed, title, body, published) in enumerate([*EVENT, *NEAR_MISS])) + "\n")
    capsys.readouterr()
    assert cli(config, "backtest", str(jsonl)) == 0
    out = capsys.readouterr().out
    assert "az-ru-staff (Azerbaijan–Russia general staff contacts): 6 items in 2 stories" in out
    assert cli(config, "backtest", "--jsonl", str(jsonl)) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    staff = next(line for line in lines if line.get("rule") == "az-ru-staff")
    assert staff["count"] == 6 and staff["stories"] == 2
    by_story = Counter(m["story"] for m in staff["matches"])
    assert sorted(by_story.values()) == [2, 4]

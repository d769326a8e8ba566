"""Story assignment against the real Redis: grouping, idempotence, boilerplate learning, expiry,
and the race of two workers assigning two reports of one event at once."""

from __future__ import annotations

import threading
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from monitor.alerting.match import match_items
from monitor.alerting.payload import alert_id
from monitor.config import load_config_and_rules
from monitor.models import Item
from monitor.storage.keys import Keys
from monitor.storage.metrics import Stats
from monitor.storage.queues import make_queues
from monitor.storage.stores import AlertStore
from monitor.storage.stories import StoryStore
from monitor.stories import StoryAssigner, StoryRef
from monitor.stories.signature import band_keys, signature
from monitor.stories.text import report_text
from tests.helpers import write_config
from tests.story_reports import EVENT, NEAR_MISS

WINDOW = 72 * 3600.0


def item(report: tuple[str, str, str, str], key: str | None = None,
         shift_days: int = 0) -> Item:
    feed, title, body, published = report
    when = parsedate_to_datetime(published).timestamp() + shift_days * 86400
    iso = parsedate_to_datetime(published).fromtimestamp(when).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Item(key=key or f"{feed}:{title}", feed_id=feed, feed_url=f"http://{feed}/",
                title=title, content=body, link=f"https://{feed}.example/{abs(hash(title))}",
                published=iso)


def assigner(redis: Redis) -> StoryAssigner:
    return StoryAssigner(StoryStore(redis, Keys(), WINDOW))


def test_four_outlets_make_one_story_and_the_near_miss_its_own(redis: Redis) -> None:
    stories = assigner(redis)
    refs = [stories.assign(item(r)) for r in EVENT]
    assert len({r.id for r in refs}) == 1
    assert [r.reports for r in refs] == [1, 2, 3, 4]
    assert refs[0].is_new and not any(r.is_new for r in refs[1:])
    assert refs[-1].feeds == ("trend", "azernews", "apa", "tass")
    assert refs[-1].id.startswith("story_")

    near = [stories.assign(item(r)) for r in NEAR_MISS]
    assert near[0].is_new and near[0].id != refs[0].id and near[1].id == near[0].id

    story = stories.store.story(refs[0].id)
    assert story is not None and story["reports"] == 4
    assert [entry["feed"] for entry in story["items"]] == ["trend", "azernews", "apa", "tass"]
    assert story["items"][0]["reason"].startswith("new story")
    assert story["items"][3]["reason"].startswith(("copy:", "rewrite:"))
    listed = stories.store.recent(10 * 365 * 86400.0)
    assert {s["id"] for s in listed} == {refs[0].id, near[0].id}


def test_a_rerun_of_the_same_item_counts_nothing_twice(redis: Redis) -> None:
    stories = assigner(redis)
    first = stories.assign(item(EVENT[0]))
    second = stories.assign(item(EVENT[1]))
    again = stories.assign(item(EVENT[1]))
    assert again.id == first.id == second.id
    assert not again.is_new and again.reports == 2
    assert stories.store.story(first.id)["reports"] == 2


def test_the_same_text_outside_the_window_is_a_new_story(redis: Redis) -> None:
    stories = assigner(redis)
    first = stories.assign(item(EVENT[0]))
    later = stories.assign(item(EVENT[1], key="late-copy", shift_days=5))
    assert later.is_new and later.id != first.id


def test_every_key_of_the_index_expires(redis: Redis) -> None:
    stories = assigner(redis)
    for report in EVENT:
        stories.assign(item(report))
    keys = [k for k in redis.keys("ww:*") if not k.startswith(b"ww:stories:recent")]
    assert keys
    ttls = [redis.ttl(k) for k in keys]
    assert all(0 < ttl <= WINDOW + 86400 or ttl > 86400 * 25 for ttl in ttls), ttls


def test_a_feeds_recurring_slogan_is_learned_and_stripped(redis: Redis) -> None:
    stories = assigner(redis)
    slogan = "Stay with Trend for the news that matters in the Caspian region every day."
    for n in range(4):
        body = (f"Report number {n} about harvest {n * 7} in region {n} of the country "
                f"with many words of its own {n}.\n\n{slogan}")
        stories.assign(Item(key=f"s{n}", feed_id="trend", feed_url="http://t/",
                            title=f"Harvest {n}", content=body,
                            published=f"2019-11-2{n}T09:00:00Z"))
    ref = stories.assign(Item(key="s9", feed_id="trend", feed_url="http://t/",
                              title="Harvest 9", content=f"Harvest is done in the north of the "
                              f"country, where farmers brought in a record crop of wheat and "
                              f"barley this year despite the drought.\n\n{slogan}",
                              published="2019-11-29T09:00:00Z"))
    assert "boilerplate" in ref.reason  # the slogan was stripped before signing


def test_a_stale_decision_is_refused_and_decided_again(redis: Redis) -> None:
    """The mechanism of the race, step by step: B looked before A wrote; B's "new story" is
    refused because a bucket of B now names A's story, which B did not see."""
    store = StoryStore(redis, Keys(), WINDOW)
    reports = [item(EVENT[0]), item(EVENT[1])]
    sigs = [signature(report_text(r.title, r.body)) for r in reports]
    when = parsedate_to_datetime(EVENT[0][3]).timestamp()
    looked = [store.lookup(r.key, r.feed_id, when, band_keys(s), ()) for r, s in
              zip(reports, sigs, strict=True)]
    assert not looked[0].candidates and not looked[1].candidates
    # both saw every story of their buckets (none) before anything was written: the token
    # spares A's commit the check, and B's, now stale, does not spare B's
    assert looked[0].token == looked[1].token == b""
    made = [store.commit(r.key, r.feed_id, f"story_{n}", is_new=True, seen=[],
                         event_time=when, bands=band_keys(s), signature=s.to_bytes(),
                         report={"item": r.key}, lines=(), token=seen.token) for n, (r, s, seen)
            in enumerate(zip(reports, sigs, looked, strict=True))]
    assert made[0].status == "new"
    assert made[1].status == "retry" and made[1].story_id == "story_0"
    assert store.story("story_1") is None
    again = store.lookup(reports[1].key, reports[1].feed_id, when, band_keys(sigs[1]), ())
    assert [c.story_id for c in again.candidates] == ["story_0"] and again.token


def test_two_workers_racing_with_two_reports_of_one_event_make_one_story(
        redis_url: str) -> None:
    """Every other round a near-miss story is there first, so both workers find a candidate,
    decide "new story" and commit: the commit's check is what keeps them one story. In the
    other rounds the lookup itself starts the story, atomically."""
    rounds, failures = 40, []
    clients = [Redis.from_url(redis_url), Redis.from_url(redis_url)]
    workers = [assigner(c) for c in clients]
    for n in range(rounds):
        if n % 2:
            near = workers[0].assign(item(NEAR_MISS[0], key=f"near{n}", shift_days=10 * n - 1))
            assert near.is_new
        barrier = threading.Barrier(2)
        got: list[str] = ["", ""]

        def run(i: int, n: int = n, barrier: threading.Barrier = barrier,
                got: list[str] = got) -> None:
            report = item(EVENT[i], key=f"round{n}-{i}", shift_days=10 * n)
            barrier.wait()
            got[i] = workers[i].assign(report).id

        threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        if got[0] != got[1]:
            failures.append((n, got))
    assert not failures
    for c in clients:
        c.close()


def test_a_huge_report_with_thousands_of_short_paragraphs_is_assigned(redis: Redis) -> None:
    body = "\n\n".join(f"Line {n}: the river rose by {n} cm at Village{n}." for n in range(20_000))
    ref = assigner(redis).assign(Item(key="huge", feed_id="wire", feed_url="http://w/",
                                      title="Floods", content=body,
                                      published="2019-11-26T09:00:00Z"))
    assert ref.is_new and ref.reports == 1


class _Broken(StoryAssigner):
    def __init__(self, error: Exception) -> None:
        self.error = error

    def assign(self, item: Item, now: float | None = None) -> StoryRef:
        raise self.error


def test_an_item_that_cannot_be_assigned_is_still_alerted_on_its_own(
        tmp_path: Path, redis: Redis) -> None:
    config, ruleset = load_config_and_rules(write_config(
        tmp_path / "config", redis_url=None, feeds=[], destinations=[{"id": "log",
                                                                      "type": "log"}],
        rules={"rules": [{"id": "r", "query": "gerasimov", "notify": ["log"]}]}))
    alerts, queues = AlertStore(redis, Keys()), make_queues(redis, "wirewatch")
    report = match_items([item(EVENT[0])], config, ruleset, alerts, queues,
                         stories=_Broken(ValueError("odd text")))
    assert report.alerts_created == 1
    stored = alerts.get(alert_id("r", item(EVENT[0]).key))
    assert stored is not None and "story" not in stored
    with pytest.raises(RedisConnectionError):  # Redis failing: the job fails and is retried
        match_items([item(EVENT[1])], config, ruleset, alerts, queues,
                    stories=_Broken(RedisConnectionError("down")))


def test_a_rerun_match_job_counts_no_report_twice(tmp_path: Path, redis: Redis) -> None:
    config, ruleset = load_config_and_rules(write_config(
        tmp_path / "config", redis_url=None, feeds=[], destinations=[{"id": "log",
                                                                      "type": "log"}],
        rules={"rules": [{"id": "r", "query": "gerasimov", "notify": ["log"]}]}))
    alerts, queues, stats = AlertStore(redis, Keys()), make_queues(redis, "wirewatch"), Stats(
        redis, Keys())
    batch = [item(EVENT[0]), item(EVENT[1])]
    for _ in range(2):  # the same job twice (a worker died after the first run)
        match_items(batch, config, ruleset, alerts, queues, stats, assigner(redis))
    raw = stats.snapshot()
    assert raw["c|stories|"] == "1" and raw["c|story_reports|"] == "2"
    assert raw["c|alerts|"] == "1"


def test_days_without_a_mark_are_skipped_only_once_the_marks_can_be_trusted(
        redis: Redis) -> None:
    """A day's buckets are read only if the day has its mark; an index written before marks
    existed (buckets without one) is read in full until its old buckets have expired."""
    keys = Keys()
    stories = assigner(redis)
    assert redis.get(keys.story_days_since) == b"fresh"  # opened empty: marks trusted at once

    def unmarked_original(shift: int) -> str:
        """The first report of the event, its day's mark then removed (as if written before
        marks existed)."""
        ref = stories.assign(item(EVENT[0], key=f"first{shift}", shift_days=shift))
        day = int(parsedate_to_datetime(EVENT[0][3]).timestamp() // 86400) + shift
        assert redis.delete(keys.story_day(day)) == 1
        return ref.id

    # trusted marks: the unmarked day is skipped, so the copy finds nothing
    first = unmarked_original(0)
    copy = stories.assign(item(EVENT[1], key="copy0"))
    assert copy.is_new and copy.id != first

    # marks kept only since just now: every day is read, the copy joins
    redis.set(keys.story_days_since, "9999999999")
    first = unmarked_original(10)
    assert stories.assign(item(EVENT[1], key="copy10", shift_days=10)).id == first

    # no index mark at all: opening the store finds buckets and starts the marks now
    redis.delete(keys.story_days_since)
    stories = assigner(redis)
    assert redis.get(keys.story_days_since) not in (None, b"fresh")
    first = unmarked_original(20)
    assert stories.assign(item(EVENT[1], key="copy20", shift_days=20)).id == first

"""Redis stores: seen items atomic with enqueue, permalink aliases, leases, rate limits."""

from __future__ import annotations

import fakeredis
import pytest
from redis import Redis
from redis.client import Pipeline

from monitor.alerting.ratelimit import RateLimiter
from monitor.ingest.itemkey import link_aliases
from monitor.models import Item
from monitor.storage import stores
from monitor.storage.keys import Keys
from monitor.storage.stores import FeedSchedule, SeenItems


def item(key: str, link: str = "", title: str = "t", body: str = "text") -> Item:
    return Item(key=key, feed_id="f", feed_url="http://x/", title=title, link=link,
                summary=body)


@pytest.fixture
def fake() -> Redis:
    return fakeredis.FakeRedis()


def test_items_are_new_once_and_enqueued_with_the_mark(fake: Redis) -> None:
    seen, queued = SeenItems(fake, Keys(), link_aliases), []

    def enqueue(pipe: Pipeline, fresh: list[Item]) -> None:
        pipe.rpush("q", *[i.key for i in fresh])
        queued.extend(fresh)

    assert [i.key for i in seen.enqueue_new("f", [item("a"), item("b"), item("a")], enqueue)] \
        == ["a", "b"]
    assert seen.enqueue_new("f", [item("a"), item("b")], enqueue) == []
    assert [i.key for i in seen.enqueue_new("f", [item("c"), item("a")], enqueue)] == ["c"]
    assert fake.lrange("q", 0, -1) == [b"a", b"b", b"c"]


def test_a_failed_enqueue_marks_nothing(fake: Redis) -> None:
    seen = SeenItems(fake, Keys(), link_aliases)

    def broken(pipe: Pipeline, fresh: list[Item]) -> None:
        raise RuntimeError("crash between marking and enqueueing")

    with pytest.raises(RuntimeError):
        seen.enqueue_new("f", [item("a")], broken)
    assert seen.count("f") == 0
    assert len(seen.enqueue_new("f", [item("a")], lambda pipe, fresh: None)) == 1


def test_a_new_guid_on_the_same_permalink_and_text_is_not_new(fake: Redis) -> None:
    seen, noop = SeenItems(fake, Keys(), link_aliases), (lambda pipe, fresh: None)
    assert seen.enqueue_new("f", [item("guid-1", "http://x/news/42", "Title")], noop)
    edited = item("guid-1-edited", "http://x/news/42", "Title, edited")
    assert seen.enqueue_new("f", [edited], noop) == []


def test_a_live_page_reusing_its_link_with_new_text_is_new(fake: Redis) -> None:
    seen, noop = SeenItems(fake, Keys(), link_aliases), (lambda pipe, fresh: None)
    assert seen.enqueue_new("f", [item("g1", "http://x/live", body="09:00 talks begin")], noop)
    assert seen.enqueue_new("f", [item("g2", "http://x/live", body="10:00 deal signed")], noop)
    assert seen.enqueue_new("f", [item("g3", "http://x/live2", body="")], noop)
    assert seen.enqueue_new("f", [item("g4", "http://x/live2", body="")], noop)


def test_a_link_shared_by_several_items_never_hides_a_new_story(fake: Redis) -> None:
    seen, noop = SeenItems(fake, Keys(), link_aliases), (lambda pipe, fresh: None)
    home = "http://x/news"
    assert len(seen.enqueue_new("f", [item("a", home), item("b", home)], noop)) == 2
    assert [i.key for i in seen.enqueue_new("f", [item("c", home), item("a", home)], noop)] \
        == ["c"]
    assert [i.key for i in seen.enqueue_new("f", [item("d", "http://x/")], noop)] == ["d"]
    assert [i.key for i in seen.enqueue_new("f", [item("e", "http://x/")], noop)] == ["e"]


def test_lease_claims_only_due_feeds_and_only_once(redis: Redis) -> None:
    schedule = FeedSchedule(redis, Keys())
    schedule.sync(["a", "b"], now=100.0)
    claim = schedule.claim("a", "p1", 30, now=100.0)
    assert claim is not None
    assert schedule.claim("a", "p2", 30, now=100.0) is None  # held
    schedule.reschedule(claim, due=200.0)
    assert schedule.claim("a", "p2", 30, now=150.0) is None  # no longer due
    assert schedule.claim("a", "p2", 30, now=200.0) is not None
    assert schedule.due(150.0) == ["b"]
    schedule.sync(["b"], now=300.0)
    assert schedule.next_due("a") is None


def test_candidates_skip_held_feeds_and_claim_reads_the_state(redis: Redis) -> None:
    keys = Keys()
    schedule = FeedSchedule(redis, keys)
    schedule.sync(["a", "b", "c"], now=100.0)
    redis.zadd(keys.schedule, {"c": 500.0})
    redis.hset(keys.feed_state("b"), mapping={"etag": '"v1"'})
    held = schedule.claim_and_read("a", "p1", 30, now=100.0)
    assert held is not None and held[1] == {}  # never polled: empty state
    assert schedule.candidates(100.0, limit=5) == (["b"], 100.0)  # "a" is held, "c" not due
    claim, state = schedule.claim_and_read("b", "p2", 30, now=100.0)
    assert state == {"etag": '"v1"'} and claim.token == "p2"
    assert schedule.claim_and_read("b", "p3", 30, now=100.0) is None  # held
    assert schedule.candidates(100.0, limit=5) == ([], 100.0)
    assert schedule.candidates(600.0, limit=1, scan=1) == ([], 100.0)  # the scan is bounded
    schedule.reschedule(held[0], due=700.0)
    schedule.reschedule(claim, due=800.0)
    assert schedule.candidates(1000.0, limit=5) == (["c", "a", "b"], 500.0)


def test_rate_limit_allows_a_burst_then_spaces(redis: Redis) -> None:
    limiter = RateLimiter(redis, Keys())
    waits = [limiter.take("hook", 2.0, now=1000.0) for _ in range(4)]
    assert waits[:2] == [0.0, 0.0]
    assert waits[2] == pytest.approx(0.5) and waits[3] > 0
    assert limiter.take("hook", 2.0, now=1010.0) == 0.0


def test_a_crashed_delivery_job_becomes_a_dead_letter_once_retries_are_spent(
        redis: Redis) -> None:
    from types import SimpleNamespace

    from monitor.storage.stores import AlertStore
    from workers.jobs import delivery_job_failed

    alerts = AlertStore(redis, Keys())
    job = SimpleNamespace(args=["alert_1", "hook", 1], retries_left=2)
    delivery_job_failed(job, redis, RuntimeError, RuntimeError("boom"), None)
    assert alerts.dead_letters() == []  # RQ will run it again
    job.retries_left = 0
    delivery_job_failed(job, redis, RuntimeError, RuntimeError("boom"), None)
    assert [(a, d) for a, d, _ in alerts.dead_letters()] == [("alert_1", "hook")]
    assert "boom" in alerts.delivery("alert_1", "hook")["last_error"]


def test_orphaned_job_is_requeued_only_after_its_heartbeat_stays_missing(redis: Redis) -> None:
    from datetime import UTC, datetime

    from rq.registry import StartedJobRegistry

    from monitor.storage.queues import make_queues
    from workers.maintenance import beat, requeue_orphans

    keys, queues = Keys(), make_queues(redis)
    job = queues.match.enqueue("workers.jobs.match_items", "f", [])
    queues.match.remove(job)  # it is running now, not waiting
    job.worker_name, job.started_at = "w1", datetime.fromtimestamp(1000, UTC)
    job.save()
    registry = StartedJobRegistry(queue=queues.match)
    redis.zadd(registry.key, {f"{job.id}:e1": 10**10})

    assert requeue_orphans(redis, queues, keys, now=1010) == 0  # first seen missing
    beat(redis, keys, "w1")  # the worker was only cut off from Redis for a while
    assert requeue_orphans(redis, queues, keys, now=1020) == 0
    redis.delete(keys.worker_heartbeat("w1"))  # now it is really gone
    assert requeue_orphans(redis, queues, keys, now=1030) == 0
    assert requeue_orphans(redis, queues, keys, now=1031) == 0
    assert requeue_orphans(redis, queues, keys, now=1034) == 1
    assert queues.match.get_job_ids() == [job.id] and registry.count == 0


def test_an_item_still_listed_is_never_trimmed_out_of_the_seen_set(
        fake: Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stores, "SEEN_KEEP_PER_FEED", 4)
    seen, noop = SeenItems(fake, Keys()), (lambda pipe, fresh: None)
    assert len(seen.enqueue_new("f", [item("pinned")], noop, now=1.0)) == 1
    for n in range(10):  # a busy feed passes ten items through; "pinned" stays listed
        fresh = seen.enqueue_new("f", [item(f"n{n}")], noop, now=2.0 + n, listed=["pinned"])
        assert [i.key for i in fresh] == [f"n{n}"]
    assert seen.count("f") == 4
    assert seen.enqueue_new("f", [item("pinned")], noop, now=20.0) == []


def test_touch_refreshes_only_what_is_seen(fake: Redis) -> None:
    seen, noop = SeenItems(fake, Keys()), (lambda pipe, fresh: None)
    seen.enqueue_new("f", [item("a")], noop, now=1.0)
    seen.touch("f", ["a", "never-seen"], now=5.0)
    assert fake.zrange(Keys().seen("f"), 0, -1, withscores=True) == [(b"a", 5.0)]


def test_a_listed_items_alias_is_refreshed_with_it(fake: Redis) -> None:
    """The set is trimmed to the most recently listed keys: an alias left at its first score
    would be trimmed while its item is still listed, and a re-minted guid then alert again."""
    seen, noop = SeenItems(fake, Keys(), link_aliases), (lambda pipe, fresh: None)
    story = item("guid-1", "http://x/news/42", "Title")
    assert seen.enqueue_new("f", [story], noop, now=100.0)
    assert seen.enqueue_new("f", [story], noop, now=200.0) == []
    alias = link_aliases("f", [story], ())[story.key]
    assert fake.zscore(Keys().seen("f"), alias) == 200.0

"""Large rule sets under real workers and the real Redis: a reload while items flow installs a
whole rule set or none, and `worker --processes 4` shares one compiled set between its workers."""

from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
from pathlib import Path

import pytest
import yaml
from redis import Redis

from monitor.models import Item
from monitor.storage.jobs import MATCH_JOB
from monitor.storage.queues import make_queues
from tests.helpers import spawn_wirewatch, terminate, wait_until, write_config
from tests.procs import alive, children, memory

FILLER = 10_000  # rules between the first and the last one of a generation


def rules_text(generation: str, filler: int, seed: int = 1) -> str:
    """rules.yaml: `{generation}-first` and `{generation}-last`, which match the words
    `markfirst` and `marklast` (per item: the test items are copies of one story), around
    `filler` rules of a realistic mix that items never match. Written as text: generating
    100,000 rules must take a fraction of a second."""
    rnd = random.Random(seed)
    lines = ["rules:", f"- {{id: {generation}-first, query: markfirst, dedup: item, notify: [log]}}"]
    for i in range(filler):
        a, b, c = (rnd.randrange(20_000) for _ in range(3))
        query = [f"w{a} AND w{b}", f"(w{a} OR w{b} OR w{c}) w{i % 97}", f'"w{a} w{b}"',
                 f"w{a} NEAR/5 w{b}", f"w{a} w{b} AND NOT w{c}"][i % 5]
        lines.append(f"- {{id: f{i}, query: '{query}', notify: [log]}}")
    lines.append(f"- {{id: {generation}-last, query: marklast, dedup: item, notify: [log]}}")
    return "\n".join(lines) + "\n"


def replace_file(path: Path, text: str) -> None:
    """Write a temporary file and rename it over `path`, as a deploy should."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def config_for(tmp_path: Path, redis_url: str, name: str, rules: str,
               settings: dict | None = None) -> Path:
    config = write_config(tmp_path / name, redis_url=redis_url, feeds=[],
                          destinations=[{"id": "log", "type": "log",
                                         "path": str(tmp_path / name / "alerts.jsonl")}],
                          rules={"rules": []},
                          settings={"queue_prefix": name, **(settings or {})})
    (config / "rules.yaml").write_text(rules)
    return config


def alerts_by_item(config: Path) -> tuple[dict[str, set[str]], int]:
    """Item key -> the rules it alerted, and the number of alert lines (repeats counted)."""
    path = config / "alerts.jsonl"
    found: dict[str, set[str]] = {}
    # whole lines only: a worker may be half-way through appending the last one
    lines = path.read_text().split("\n")[:-1] if path.exists() else []
    for line in lines:
        alert = json.loads(line)
        found.setdefault(alert["item"]["key"], set()).add(alert["rule"]["id"])
    return found, len(lines)


def enqueue(redis: Redis, prefix: str, key: str, text: str) -> None:
    """One item in a match job, as a poller queues it."""
    item = Item(key=key, feed_id="wire", feed_url="http://127.0.0.1/wire.xml", title=text,
                content=text, discovered_at=time.time())
    make_queues(redis, prefix).match.enqueue_call(MATCH_JOB, args=("wire", [item.to_json()]))


@pytest.mark.slow
@pytest.mark.parametrize("processes", ["1", "2"])
def test_reload_of_a_large_rule_file_while_items_flow(tmp_path: Path, redis_url: str,
                                                      processes: str) -> None:
    """Every item is matched by the old rule set or by the new one, whole: never by a mix of
    the two (first rule of one, last of the other), never by neither, never twice."""
    config = config_for(tmp_path, redis_url, "cfg", rules_text("old", FILLER),
                        {"reload": {"interval": "0.1s", "settle": "0.3s"}})
    redis = Redis.from_url(redis_url)
    worker = spawn_wirewatch(config, "worker", "--processes", processes)
    keys: list[str] = []
    stop = threading.Event()

    def flow() -> None:  # an item every 20 ms until told to stop
        while not stop.wait(0.02):
            keys.append(f"i{len(keys)}")
            enqueue(redis, "cfg", keys[-1], "markfirst and marklast")

    feeder = threading.Thread(target=flow)
    try:
        enqueue(redis, "cfg", "before", "markfirst and marklast")
        assert wait_until(lambda: "before" in alerts_by_item(config)[0], 60), "no worker"
        feeder.start()
        time.sleep(0.5)
        replace_file(config / "rules.yaml", rules_text("new", FILLER, seed=2))
        assert wait_until(lambda: any(rules == {"new-first", "new-last"}
                                      for rules in alerts_by_item(config)[0].values()), 60)
        time.sleep(0.5)  # items keep flowing after the new set is in
        stop.set()
        feeder.join()
        # every item alerted by two rules (each alert is delivered by a job of its own)
        assert wait_until(lambda: all(len(alerts_by_item(config)[0].get(key, ())) == 2
                                      for key in keys), 30), "skipped or incomplete"
    finally:
        stop.set()
        terminate(worker)
    found, lines = alerts_by_item(config)
    whole = ({"old-first", "old-last"}, {"new-first", "new-last"})
    assert {key: rules for key, rules in found.items() if rules not in whole} == {}
    assert lines == 2 * len(found)  # each (rule, item) alerted once
    assert set(found) == {"before", *keys}
    generations = [found[key] == whole[1] for key in keys]
    assert generations.count(False) >= 5 and generations.count(True) >= 5  # flowed across


def group_memory(pid: int) -> tuple[int, int]:
    """(sum of PSS, sum of RSS) in KiB over `pid` and its children."""
    total = memory([pid, *children(pid)])
    return total["pss"], total["rss"]


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_four_workers_share_one_compiled_set_of_100000_rules(tmp_path: Path,
                                                             redis_url: str) -> None:
    """The group (its parent and 4 workers) holds at most twice the memory of one worker
    alone, both after matching the same items. Judged on PSS (each shared page split between
    the processes sharing it: their sum is what the machine spends); RSS counts a shared page
    once in every process, so its sum says 5 copies where there is about one."""
    rules = rules_text("big", 100_000 - 2)
    group = config_for(tmp_path, redis_url, "group", rules)
    alone = config_for(tmp_path, redis_url, "alone", rules)
    redis = Redis.from_url(redis_url)
    procs = {"group": spawn_wirewatch(group, "worker", "--processes", "4"),
             "alone": spawn_wirewatch(alone, "worker")}
    rnd = random.Random(3)
    try:
        for n in range(30):  # words the filler rules use: many rules are candidates
            text = " ".join(f"w{rnd.randrange(20_000)}" for _ in range(300))
            for prefix in procs:  # keys of their own: alerts are made once per Redis
                enqueue(redis, prefix, f"{prefix}{n}", f"markfirst {text}")
        for name, config in (("group", group), ("alone", alone)):
            assert wait_until(lambda c=config: len(alerts_by_item(c)[0]) == 30, 90), \
                (name, len(alerts_by_item(config)[0]))
        assert len(children(procs["group"].pid)) == 4
        group_pss, group_rss = group_memory(procs["group"].pid)
        alone_pss, alone_rss = group_memory(procs["alone"].pid)
    finally:
        for proc in procs.values():
            terminate(proc)
    print(yaml.safe_dump({"group_pss_mb": group_pss // 1024, "group_rss_mb": group_rss // 1024,
                          "alone_pss_mb": alone_pss // 1024, "alone_rss_mb": alone_rss // 1024}))
    assert alone_rss > 150 * 1024  # the rules are there: 100,000 of them take room
    assert group_pss <= 2 * alone_pss
    assert group_rss > 4 * alone_rss  # what an RSS sum would have said


def test_a_group_worker_that_dies_is_forked_again(tmp_path: Path, redis_url: str) -> None:
    """kill -9 of one worker: the group forks another from the rules it holds, and items are
    matched as before."""
    config = config_for(tmp_path, redis_url, "cfg", rules_text("gen", 100))
    redis = Redis.from_url(redis_url)
    group = spawn_wirewatch(config, "worker", "--processes", "2")
    try:
        assert wait_until(lambda: len(children(group.pid)) == 2, 30)
        enqueue(redis, "cfg", "first", "markfirst")
        assert wait_until(lambda: "first" in alerts_by_item(config)[0], 30)
        killed = children(group.pid)[0]
        os.kill(killed, signal.SIGKILL)
        assert wait_until(lambda: len(children(group.pid)) == 2
                          and killed not in children(group.pid), 10)
        enqueue(redis, "cfg", "second", "marklast")
        assert wait_until(lambda: "second" in alerts_by_item(config)[0], 30)
        workers = children(group.pid)
    finally:
        terminate(group)
    assert alerts_by_item(config)[0] == {"first": {"gen-first"}, "second": {"gen-last"}}
    assert wait_until(lambda: not any(alive(pid) for pid in workers), 10)  # none left over

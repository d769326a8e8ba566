"""Bad input gets a clear message and the rest keeps working."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.cli import main
from tests.helpers import SECRET, rss, write_config
from tests.servers import FeedDoc, FeedServer, WebhookReceiver
from tests.stories import DEFENSE_STORY, EXTRA_DEFENSE_STORY


def test_malformed_config_lists_every_problem_with_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "cfg", redis_url=None,
                          feeds=[{"id": "ok", "url": "https://example.org/feed"}],
                          destinations=[{"id": "log", "type": "log"}])
    (config / "feeds.yaml").write_text(
        "feeds:\n"
        "  - id: ok\n"
        "    url: https://example.org/feed\n"
        "  - id: bad\n"
        "    url: ftp://example.org/feed\n"
        "    interval: soon\n")
    (config / "destinations.yaml").write_text(
        "destinations:\n"
        "  - id: hook\n"
        "    type: webhook\n"
        "    url: https://example.org/hook\n")
    assert main(["--config", str(config), "check"]) == 2
    err = capsys.readouterr().err.splitlines()
    feeds = str(config / "feeds.yaml")
    assert any(line.startswith(f"{feeds}:5:") and "ftp" in line for line in err), err
    assert any(line.startswith(f"{feeds}:6:") and "duration" in line for line in err), err
    dests = str(config / "destinations.yaml")
    assert any(line.startswith(f"{dests}:2:") and "secret" in line for line in err), err
    assert not any(SECRET in line for line in err)


def test_rule_syntax_error_names_rule_and_column(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "cfg", redis_url=None, feeds=[],
                          destinations=[{"id": "log", "type": "log"}],
                          rules={"rules": [{"id": "broken", "name": "Broken",
                                            "query": "russia AND (azerbaijan",
                                            "notify": ["log"]}]})
    assert main(["--config", str(config), "check"]) == 2
    err = capsys.readouterr().err
    assert f"{config / 'rules.yaml'}:" in err and "broken" in err and "column" in err


def test_malformed_and_private_feeds_are_reported_and_others_still_flow(
        tmp_path: Path, redis_url: str, feed_server: FeedServer,
        receivers: list[WebhookReceiver], capsys: pytest.CaptureFixture[str]) -> None:
    receiver = WebhookReceiver(SECRET)
    receivers.append(receiver)
    good = rss([DEFENSE_STORY])
    broken = rss([EXTRA_DEFENSE_STORY]).replace(b"</channel></rss>", b"<item><title>cut")
    feed_server.docs["/good.xml"] = FeedDoc(good)
    feed_server.docs["/broken.xml"] = FeedDoc(broken)
    feed_server.docs["/html"] = FeedDoc(b"<html><body><p>Not a feed</p></body></html>",
                                        content_type="text/html")
    config = write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": "good", "url": feed_server.url("/good.xml")},
               {"id": "broken", "url": feed_server.url("/broken.xml")},
               {"id": "html", "url": feed_server.url("/html")},
               {"id": "private", "url": feed_server.url("/good.xml").replace("127.0.0.1",
                                                                             "127.0.0.2")}],
        destinations=[{"id": "hook", "type": "webhook", "url": receiver.url, "secret": SECRET}],
        settings={"network": {"allow_private": ["127.0.0.1/32"]}})
    assert main(["--config", str(config), "poll", "--once"]) == 0
    assert main(["--config", str(config), "worker", "--burst"]) == 0
    titles = sorted(r.body["item"]["title"] for r in receiver.wait_for(2))
    assert titles == sorted([DEFENSE_STORY["title"], EXTRA_DEFENSE_STORY["title"]])
    capsys.readouterr()

    assert main(["--config", str(config), "status", "--json"]) == 0
    feeds = {f["id"]: f for f in json.loads(capsys.readouterr().out)["feeds"]}
    assert feeds["good"]["health"] == "ok"
    assert feeds["broken"]["health"] == "problem" and feeds["broken"]["problem"]
    assert feeds["html"]["health"] in ("problem", "failing")
    assert feeds["private"]["health"] == "failing"
    assert "127.0.0.2" in feeds["private"]["last_error"]
    assert not feed_server.hits("/nothing")


def test_refusals_never_echo_url_secrets() -> None:
    from monitor.errors import UnsafeURLError
    from monitor.net.addresses import check_url

    def resolve(host, port, *args):  # type: ignore[no-untyped-def]
        return [(2, 1, 6, "", ("10.1.2.3", port))]

    with pytest.raises(UnsafeURLError) as caught:
        check_url("https://user:pw@hooks.example.com/services/T0/B0/s3cr3tT0ken?key=abc", (),
                  resolve)
    message = str(caught.value)
    assert "hooks.example.com" in message and "10.1.2.3" in message
    assert not any(secret in message for secret in ("s3cr3tT0ken", "abc", "pw", "user"))

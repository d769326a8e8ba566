"""Item languages: declared tags, detection, storage, the payload and local documents."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from redis import Redis

from monitor.alerting.payload import build_alert
from monitor.alerting.sinks import slack_message
from monitor.cli import main
from monitor.ingest.documents import read_documents
from monitor.ingest.language import detect_language, item_language, with_language
from monitor.ingest.parse import parse_feed
from monitor.models import Item, Match
from monitor.rules.languages import language_code
from monitor.settings import RuleConfig
from monitor.storage.archive import archived_items
from monitor.storage.keys import Keys
from tests.helpers import rss, write_config

URL = "https://wire.example.com/feed"

# One news sentence per language of the wires (not from the development corpus).
SENTENCES = {
    "en": "The defence ministers of the two countries met in the capital on Tuesday to discuss "
          "joint exercises planned for next spring.",
    "ru": "Министры обороны двух стран встретились во вторник в столице и обсудили совместные "
          "учения, запланированные на следующую весну.",
    "uk": "Міністри оборони двох країн зустрілися у вівторок у столиці та обговорили спільні "
          "навчання, заплановані на наступну весну.",
    "az": "İki ölkənin müdafiə nazirləri çərşənbə axşamı paytaxtda görüşərək gələn yaz üçün "
          "planlaşdırılan birgə təlimləri müzakirə ediblər.",
    "tr": "İki ülkenin savunma bakanları salı günü başkentte bir araya gelerek gelecek bahar "
          "için planlanan ortak tatbikatları görüştü.",
    "fa": "وزیران دفاع دو کشور روز سه‌شنبه در پایتخت دیدار کردند و درباره رزمایش‌های مشترک "
          "برنامه‌ریزی شده برای بهار آینده گفتگو کردند.",
    "ar": "التقى وزيرا الدفاع في البلدين يوم الثلاثاء في العاصمة لبحث المناورات المشتركة "
          "المقررة في الربيع المقبل.",
    "fr": "Les ministres de la Défense des deux pays se sont rencontrés mardi dans la capitale "
          "pour discuter des exercices conjoints prévus au printemps prochain.",
    "de": "Die Verteidigungsminister der beiden Länder trafen sich am Dienstag in der Hauptstadt, "
          "um gemeinsame Übungen für das kommende Frühjahr zu besprechen.",
    "es": "Los ministros de Defensa de ambos países se reunieron el martes en la capital para "
          "discutir los ejercicios conjuntos previstos para la próxima primavera.",
}


def parse(text: str, headers: dict[str, str] | None = None):
    return parse_feed(text.encode(), headers or {}, feed_id="wire", feed_url=URL)


# --- declared tags --------------------------------------------------------------------------

@pytest.mark.parametrize(("tag", "code"), [
    ("ru", "ru"), ("ru-RU", "ru"), ("RU", "ru"), ("en_US", "en"), ("en-us", "en"),
    ("zh-Hans-CN", "zh"), (" az ", "az"), ("rus", "ru"), ("ger", "de"), ("English", "en"),
    ("iw", "he"),  # withdrawn code still in old feeds
    ("", ""), (None, ""), ("x-default", ""), ("xx", ""), ("russian language", ""),
    ("ru,en", ""), ("12", ""), ("a" * 200, ""),
])
def test_a_declared_tag_becomes_its_iso_639_1_code(tag: str | None, code: str) -> None:
    assert language_code(tag) == code


def test_rss_language_is_every_items_language() -> None:
    feed = parse(rss([{"title": "Baku talks", "description": "Gerasimov arrived."},
                      {"title": "Second", "description": ""}], language="ru-RU").decode())
    assert [item.lang for item in feed.items] == ["ru", "ru"]


def test_atom_xml_lang_of_the_entry_wins_over_the_feeds() -> None:
    feed = parse('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="tr">'
                 "<title>T</title>"
                 "<entry><id>1</id><title>a</title><summary>b</summary></entry>"
                 '<entry xml:lang="az"><id>2</id><title>a</title><summary>b</summary></entry>'
                 '<entry><id>3</id><title>a</title><content xml:lang="fa-IR">c</content></entry>'
                 "</feed>")
    assert [item.lang for item in feed.items] == ["tr", "az", "fa"]


def test_json_feed_language_of_the_item_wins_over_the_feeds() -> None:
    feed = parse(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J",
                             "language": "uk-UA",
                             "items": [{"id": "1", "title": "a"},
                                       {"id": "2", "title": "b", "language": "ar"},
                                       {"id": "3", "title": "c", "language": 7}]}))
    assert [item.lang for item in feed.items] == ["uk", "ar", "uk"]


def test_an_unusable_declaration_falls_back_to_detection() -> None:
    feed = parse(rss([{"title": "Переговоры в Баку",
                       "description": SENTENCES["ru"]}], language="x-default").decode())
    assert feed.items[0].lang == "ru"


def test_the_content_language_header_is_not_the_items_language() -> None:
    """Servers send a site-wide Content-Language: the text decides instead."""
    feed = parse(rss([{"title": "Переговоры", "description": SENTENCES["ru"]}]).decode(),
                 {"Content-Language": "en"})
    assert feed.items[0].lang == "ru"


# --- detection ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_text_without_a_declared_language_is_detected(lang: str) -> None:
    assert detect_language(SENTENCES[lang]) == lang
    feed = parse(rss([{"title": "", "description": SENTENCES[lang]}]).decode())
    assert feed.items[0].lang == lang


@pytest.mark.parametrize("text", ["", "   ", "OK", "Arts", "12345 67890 !!!", "🙂" * 50,
                                  "\x00\x01\x02 Baku", "https://x.y/z?q=1&r=2"])
def test_short_or_letterless_text_has_no_language(text: str) -> None:
    assert detect_language(text) == ""


def test_huge_or_odd_text_is_detected_without_a_crash() -> None:
    assert detect_language(SENTENCES["de"] * 20_000) == "de"  # only the start is read
    assert detect_language("\ud800" + SENTENCES["es"]) == "es"  # a lone surrogate


def test_a_failing_detector_gives_no_language(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def classify(self, text: str) -> tuple[str, float]:
            raise ValueError("model error")

    monkeypatch.setattr("monitor.ingest.language._identifier", lambda: Broken())
    assert detect_language(SENTENCES["en"]) == ""


def test_the_first_usable_declaration_wins() -> None:
    assert item_language(["", "bogus", "AZ", "ru"], "t", SENTENCES["en"]) == "az"
    assert item_language([None, ""], "", SENTENCES["tr"]) == "tr"


# --- storage --------------------------------------------------------------------------------

def test_items_stored_before_languages_decode_and_can_be_detected(redis: Redis) -> None:
    keys = Keys()
    now = time.time()
    old = {"key": "k1", "feed_id": "wire", "feed_url": URL, "title": "Переговоры",
           "content": SENTENCES["ru"], "authors": []}  # JSON written before `lang` existed
    new = Item("k2", "wire", URL, title="t", content=SENTENCES["fr"], lang="fr").to_json()
    for data in (old, new):
        redis.zadd(keys.archive, {data["key"]: now})
        redis.set(keys.archived_item(data["key"]), json.dumps(data))
    items = {item.key: item for item in archived_items(redis, keys, None, now)}
    assert items["k1"].lang == "" and items["k2"].lang == "fr"
    assert with_language(items["k1"]).lang == "ru"
    assert with_language(items["k2"]) is items["k2"]
    assert Item.from_json({**old, "lang": None}).lang == ""  # a hand-made value: unknown


# --- payload and sinks ----------------------------------------------------------------------

def test_the_payload_and_slack_carry_the_language() -> None:
    rule = RuleConfig(id="r", name="R", query="x", notify=["hook"])
    item = Item("k", "wire", URL, title="Переговоры", content="…", lang="ru")
    alert = build_alert(rule, item, Match("r"), "2026-01-01T00:00:00Z")
    assert alert["item"]["lang"] == "ru"
    assert "[ru]" in slack_message(alert)["text"]
    unknown = build_alert(rule, Item("k", "wire", URL, title="t"), Match("r"), "t")
    assert unknown["item"]["lang"] == "" and "[" not in slack_message(unknown)["text"]


# --- local documents and the command line ---------------------------------------------------

def test_local_documents_declare_or_detect_their_language(tmp_path: Path) -> None:
    jsonl = tmp_path / "wires.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "title": "x", "body": SENTENCES["ru"], "lang": "uk"},
        {"id": "b", "title": "x", "body": SENTENCES["ru"], "language": "az-Latn"},
        {"id": "c", "title": "x", "body": SENTENCES["ru"]},
        {"id": "d", "title": "x", "body": "ok"}]), encoding="utf-8")
    assert [d.item.lang for d in read_documents(jsonl)] == ["uk", "az", "ru", ""]
    wire = tmp_path / "wire.txt"
    wire.write_text(f"date 2026-01-05 BAKU\nlang tr\n{SENTENCES['ru']}", encoding="utf-8")
    assert read_documents(wire)[0].item.lang == "tr"
    wire.write_text(f"date 2026-01-05 BAKU\n{SENTENCES['ar']}", encoding="utf-8")
    assert read_documents(wire)[0].item.lang == "ar"


def _lang_config(tmp_path: Path) -> Path:
    return write_config(tmp_path / "config", redis_url=None, feeds=[],
                        destinations=[{"id": "log", "type": "log"}],
                        rules={"rules": [
                            {"id": "ru-talks", "query": "lang:ru AND министры",
                             "notify": ["log"]},
                            {"id": "not-en", "query": "NOT lang:en", "notify": ["log"]}]})


def test_match_detects_or_takes_the_language_given(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _lang_config(tmp_path)
    doc = tmp_path / "doc.jsonl"
    doc.write_text(json.dumps({"id": "d", "title": "t", "body": SENTENCES["ru"]}),
                   encoding="utf-8")
    assert main(["--config", str(config), "match", "--jsonl", str(doc)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["lang"] == "ru"
    assert [m["rule"] for m in found["matches"]] == ["ru-talks", "not-en"]
    ev = found["matches"][0]["evidence"]
    assert {"field": "lang", "term": "ru", "start": 0, "end": 2} in ev
    assert main(["--config", str(config), "match", "--jsonl", "--lang", "EN", str(doc)]) == 0
    assert json.loads(capsys.readouterr().out)["matches"] == []
    assert main(["--config", str(config), "match", "--lang", "ru", str(doc)]) == 0
    out = capsys.readouterr().out
    assert "MATCH ru-talks" in out and "lang[0:2] 'ru' ← 'ru'" in out


def test_an_invalid_lang_option_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _lang_config(tmp_path)
    doc = tmp_path / "doc.txt"
    doc.write_text("text", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["--config", str(config), "match", "--lang", "russian", str(doc)])
    assert exited.value.code == 2
    assert "'russian' is not a two-letter ISO 639-1 code" in capsys.readouterr().err


def test_backtest_of_files_takes_the_lang_option(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _lang_config(tmp_path)
    doc = tmp_path / "doc.jsonl"
    doc.write_text(json.dumps({"id": "d", "title": "t", "body": SENTENCES["ru"]}),
                   encoding="utf-8")
    assert main(["--config", str(config), "backtest", "--jsonl", str(doc)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["count"] for row in rows] == [1, 1]
    assert rows[0]["matches"][0]["lang"] == "ru"
    assert main(["--config", str(config), "backtest", "--jsonl", "--lang", "en", str(doc)]) == 0
    counts = [json.loads(line)["count"] for line in capsys.readouterr().out.splitlines()]
    assert counts == [0, 0]


def test_check_reports_an_unknown_language_code_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "config", redis_url=None, feeds=[],
                          destinations=[{"id": "log", "type": "log"}],
                          rules={"rules": [
                              {"id": "ok", "query": "lang:(ru OR uk)", "notify": ["log"]},
                              {"id": "bad", "query": "gerasimov AND lang:russian",
                               "notify": ["log"]}]})
    assert main(["--config", str(config), "check"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"rules\.yaml:\d+: rule 'bad', column 20: unknown language code "
                     r"'russian': .* \(ru: Russian\)", err), err
    assert "'ok'" not in err


def test_an_incremental_parse_keeps_the_feeds_language_for_new_items() -> None:
    """Only new item elements are parsed, with the feed's header: its <language> holds."""
    old = [{"title": f"Item {n}", "guid": f"g{n}", "description": "x"} for n in range(3)]
    first = parse_feed(rss(old, language="az"), {}, feed_id="wire", feed_url=URL,
                       incremental=True)
    assert first.memo is not None
    new = {"title": "Yeni", "guid": "g9", "description": "y"}
    second = parse_feed(rss([new, *old], language="az"), {}, feed_id="wire", feed_url=URL,
                        incremental=True, memo=first.memo)
    assert second.known_items == 3
    assert [(item.title, item.lang) for item in second.items] == [("Yeni", "az")]

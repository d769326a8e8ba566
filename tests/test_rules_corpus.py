"""The example rules in config/rules.yaml: they compile, and ru-az-defense separates the
development corpus (../shared/corpus, skipped where absent) and stories written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from monitor.rules import Document, RuleSource, compile_rules, reference_match

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "ru-az-defense.dev.jsonl"


def _config():
    data = yaml.safe_load((REPO / "config" / "rules.yaml").read_text(encoding="utf-8"))
    rules = [RuleSource(r["id"], r["query"]) for r in data["rules"]]
    return rules, data.get("vocabularies") or {}


RULES, VOCABULARIES = _config()
RULESET = compile_rules(RULES, VOCABULARIES)


def ru_az(title: str, body: str, source: str = "") -> bool:
    doc = Document(title, body, source)
    fast = RULESET.match(doc)
    assert fast == reference_match(RULES, VOCABULARIES, doc)
    return any(m.rule_id == "ru-az-defense" for m in fast)


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_dev_corpus_all_positives_no_negatives() -> None:
    wrong = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if ru_az(item["title"], item["body"], item.get("source", "")) != item["expect_match"]:
            wrong.append(item["id"])
    assert wrong == []


POSITIVES = [
    ("Azerbaijan, Russia discuss expanding military cooperation",
     "Azerbaijani Defense Minister Zakir Hasanov and Russian Deputy Defense Minister Alexander "
     "Fomin discussed prospects for military cooperation in Baku on Tuesday."),
    ("Russian deputy defence minister visits Baku",
     "Russia's Deputy Minister of Defence arrived in Baku on an official visit and met "
     "Azerbaijan's Defence Minister."),
    ("Azeri cadets to study at Russian military academies",
     "Under an agreement signed in Moscow, 40 Azeri cadets will study at Russian military "
     "universities next year, the Azerbaijani Defense Ministry said."),
    ("Chiefs of staff hold talks",
     "MOSCOW, Oct. 3. The chiefs of the general staffs of Russia and Azerbaijan held talks in "
     "Moscow on Tuesday, the Russian Defence Ministry said."),
    ("Russian and Azerbaijani navies hold joint exercise",
     "Warships of the Russian Caspian Flotilla and the Azerbaijani Navy held a joint "
     "search-and-rescue exercise off Baku."),
]
NEGATIVES = [
    ("Azerbaijan buys Israeli air defense systems to replace Russian S-300s",
     "Azerbaijan has bought Barak-8 air defense systems from Israel to replace its ageing "
     "Russian-made S-300 batteries, the Azerbaijani defense ministry said. The deal was signed "
     "in Baku."),
    ("Russian and Armenian defense ministers discuss border tensions with Azerbaijan",
     "Armenian Defense Minister met Russian Defense Minister Sergei Shoigu in Moscow to discuss "
     "tensions on the border with Azerbaijan."),
    ("Russia, Azerbaijan sign oil transit deal",
     "Russia's energy minister and his Azerbaijani counterpart signed an agreement on oil "
     "transit through the Baku-Novorossiysk pipeline."),
    ("Russian defense holds firm as Azerbaijan draw in Baku",
     "The Russian national team's defense held firm in a goalless draw with Azerbaijan."),
    ("Russia criticises Azerbaijani-Turkish military drills",
     "Russia's foreign ministry criticised joint military exercises held by Azerbaijani and "
     "Turkish forces near the Armenian border."),
]


@pytest.mark.parametrize(("title", "body"), POSITIVES)
def test_unseen_positives(title: str, body: str) -> None:
    assert ru_az(title, body)


@pytest.mark.parametrize(("title", "body"), NEGATIVES)
def test_unseen_negatives(title: str, body: str) -> None:
    assert not ru_az(title, body)


def test_other_example_rules() -> None:
    def ids(title: str, body: str = "") -> set[str]:
        return {m.rule_id for m in RULESET.match(Document(title, body))}

    assert "gerasimov" in ids("", "Chief of the General Staff Valery Gerasimov said")
    assert "gerasimov" in ids("Gerasimov's visit")
    assert "gerasimov" not in ids("", "Pianist Anton Gerasimov played Chopin in Vienna.")
    assert "caspian-naval" in ids("", "Caspian Flotilla warships fired missiles")
    assert "caspian-naval" not in ids("", "Caspian caviar prices rose sharply this year, "
                                          "and navy blue is in fashion.")
    assert "ukraine-ceasefire" in ids("", "Kyiv rejected the ceasefire proposal.")
    in_russian = {m.rule_id for m in RULESET.match(Document(body="Герасимов прибыл в Баку",
                                                            lang="ru"))}
    assert "gerasimov-russian-press" in in_russian
    assert "gerasimov-russian-press" not in ids("", "Gerasimov arrived in Baku")

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


# Russian and Azerbaijani stories (written for this test): the rule reads both languages
# through @country:, @event: and its military vocabularies.
RU_AZ_POSITIVES = [
    ("Начальник Генштаба ВС России прибыл в Баку",
     "Начальник Генерального штаба Вооружённых сил России Валерий Герасимов прибыл с рабочим "
     "визитом в Баку, где провёл переговоры с министром обороны Азербайджана Закиром Гасановым. "
     "Стороны обсудили вопросы военного сотрудничества."),
    ("Минобороны РФ и Азербайджана подписали план сотрудничества",
     "Министерства обороны России и Азербайджана подписали в Москве план двустороннего "
     "военного сотрудничества на следующий год, сообщили в российском военном ведомстве."),
    ("Азербайджанские военные пройдут обучение в российских вузах",
     "В соответствии с подписанным соглашением азербайджанские военнослужащие пройдут обучение "
     "в военных академиях России, заявили в Минобороны Азербайджана."),
    ("Корабли Каспийской флотилии и ВМС Азербайджана провели совместные учения",
     "Корабли Каспийской флотилии ВМФ России и военно-морских сил Азербайджана провели "
     "совместные учения у побережья Баку."),
    ("Rusiyanın Baş Qərargah rəisi Bakıya gəlib",
     "Rusiya Silahlı Qüvvələrinin Baş Qərargah rəisi Valeri Gerasimov Bakıya rəsmi səfərə "
     "gəlib və Azərbaycanın müdafiə naziri Zakir Həsənovla görüşüb. Tərəflər hərbi əməkdaşlıq "
     "məsələlərini müzakirə ediblər."),
    ("Azərbaycan və Rusiya hərbi əməkdaşlıq planı imzalayıb",
     "Azərbaycan və Rusiya müdafiə nazirlikləri Moskvada gələn il üçün hərbi əməkdaşlıq "
     "planını imzalayıblar."),
    ("Azərbaycan hərbçiləri Rusiyada təhsil alacaq",
     "Müdafiə Nazirliyinin məlumatına görə, imzalanmış sazişə əsasən Azərbaycan hərbçiləri "
     "Rusiyanın hərbi ali məktəblərində təhsil alacaqlar."),
]
RU_AZ_NEGATIVES = [
    ("Министры обороны России и Армении обсудили обстановку на границе",
     "Министры обороны России и Армении обсудили в Ереване обстановку на границе с "
     "Азербайджаном и вопросы военного сотрудничества."),
    ("Россия и Азербайджан подписали соглашение о транзите нефти",
     "Вице-премьер России и министр энергетики Азербайджана подписали в Баку соглашение о "
     "транзите нефти по трубопроводу Баку – Новороссийск."),
    ("Сборная России сыграла вничью с Азербайджаном",
     "Оборона российской сборной надёжно сыграла в товарищеском матче по футболу с командой "
     "Азербайджана в Баку; после встречи тренеры обсудили игру."),
    ("Азербайджан закупил израильские системы ПВО",
     "Минобороны Азербайджана сообщило о закупке израильских систем ПВО, которые заменят "
     "устаревшие российские комплексы С-300. Контракт подписан в Баку."),
    ("Azərbaycan və Türkiyə birgə təlimlər keçirib",
     "Azərbaycan və Türkiyə ordularının birgə hərbi təlimləri Naxçıvanda keçirilib; Rusiya bu "
     "təlimləri tənqid edib."),
    ("Azərbaycan və Rusiya enerji sahəsində saziş imzalayıb",
     "Azərbaycanın energetika naziri və Rusiyanın baş nazirinin müavini Bakıda neft tranziti "
     "üzrə saziş imzalayıblar."),
    ("Azərbaycan millisi Rusiya ilə heç-heçə edib",
     "Azərbaycan futbol millisi Bakıda Rusiya yığması ilə yoldaşlıq matçında heç-heçə edib; "
     "komandanın müdafiəsi yaxşı oynayıb və məşqçilər görüşü müzakirə ediblər."),
]


@pytest.mark.parametrize(("title", "body"), RU_AZ_POSITIVES)
def test_russian_and_azerbaijani_defense_contacts_match(title: str, body: str) -> None:
    assert ru_az(title, body)


@pytest.mark.parametrize(("title", "body"), RU_AZ_NEGATIVES)
def test_russian_and_azerbaijani_near_misses_do_not_match(title: str, body: str) -> None:
    assert not ru_az(title, body)

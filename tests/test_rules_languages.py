"""`@country:XX` in ten languages: labelled corpora (precision and recall per language), every
inflection scheme on real forms, and look-alikes that must not match."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from monitor.rules import Document, RuleSource, compile_rules
from monitor.rules.gazetteer import LANGUAGES, country_forms, country_patterns

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus" / "multilingual.dev.jsonl"
OWN = REPO / "tests" / "corpus" / "countries_own.jsonl"


def hits(code: str, text: str) -> list[str]:
    ruleset = compile_rules([RuleSource("c", f"@country:{code}")], {})
    return [e.term for m in ruleset.match(Document(body=text)) for e in m.evidence]


def scores(items: list[dict]) -> tuple[float, float, dict[str, float]]:
    """Precision and recall over (sentence, country) pairs, and recall per language."""
    codes = sorted({code for item in items for code in item["expect"]})
    ruleset = compile_rules([RuleSource(c, f"@country:{c}") for c in codes], {})
    counts: Counter[str] = Counter()
    for item in items:
        text = item.get("text") or item["body"]
        found = {m.rule_id for m in ruleset.match(Document(item.get("title", ""), text))}
        for code, expected in item["expect"].items():
            kind = ("tp" if code in found else "fn") if expected else (
                "fp" if code in found else "tn")
            counts[kind] += 1
            counts[f"{item['lang']}:{kind}"] += 1
    langs = {item["lang"] for item in items}
    per_lang = {lang: counts[f"{lang}:tp"] / max(1, counts[f"{lang}:tp"] + counts[f"{lang}:fn"])
                for lang in langs}
    precision = counts["tp"] / max(1, counts["tp"] + counts["fp"])
    recall = counts["tp"] / max(1, counts["tp"] + counts["fn"])
    return precision, recall, per_lang


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.skipif(not SHARED.exists(), reason="shared corpus not present")
def test_shared_multilingual_corpus() -> None:
    precision, recall, per_lang = scores(_load(SHARED))
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert min(per_lang.values()) >= 0.85, per_lang
    assert len(per_lang) == 10


# Written for these tests: countries_own (RU AZ TR IR DE FR GE AM, with the issue's
# look-alikes) passed as first written; countries_blind (JP EG BR NO VN MX, countries with no
# hand-curated entry in most languages) missed one Arabic accusative (يابانياً) of 43 pairs
# when first run; countries_six (the dev corpus's six countries, other sentences and
# look-alikes) showed seven errors in its first 27 sentences and one (Persian ایالات‌متحده
# written with a non-joiner) in the 16 added later, all fixed since.
@pytest.mark.parametrize("name", ["countries_own", "countries_blind", "countries_six"])
def test_own_corpora_in_ten_languages(name: str) -> None:
    items = _load(OWN.with_name(f"{name}.jsonl"))
    assert {item["lang"] for item in items} == set(LANGUAGES)
    precision, recall, per_lang = scores(items)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert min(per_lang.values()) >= 0.85, per_lang


@pytest.mark.parametrize(("code", "text"), [
    # Russian and Ukrainian: cases, adjective endings, capitals, metonyms (pymorphy3)
    ("RU", "Делегация России"), ("RU", "сотрудничество с Россией"), ("RU", "в Москве"),
    ("RU", "российского посла"), ("RU", "в Кремле"), ("RU", "Російської Федерації"),
    ("AZ", "в Азербайджане"), ("AZ", "азербайджанских военных"), ("AZ", "прибыл в Баку"),
    ("UA", "з Україною"), ("UA", "у Києві"), ("UA", "українських лікарень"),
    ("NO", "в Норвегии"), ("KE", "кенийский бегун"), ("AR", "аргентинские фермеры"),
    # Azerbaijani and Turkish: suffixes, with and without the apostrophe
    ("RU", "Rusiyanın mövqeyi"), ("RU", "Rusiyadakı"), ("AZ", "Bakıda"), ("AZ", "Bakıya"),
    ("RU", "Rusya'nın"), ("RU", "Rusya’dan"), ("AZ", "Bakü'de"), ("AZ", "Azerbaycanlı"),
    ("TR", "Türkiyənin"), ("TR", "Ankara'ya"), ("NO", "Norveç'in"), ("NO", "Norveçte"),
    ("KZ", "Kazak yetkililer"),
    # Arabic and Persian: attached prefixes, the article, nisba, plural and ezafe
    ("RU", "بروسيا"), ("RU", "والروسية"), ("RU", "الروسي"), ("RU", "للروس"),
    ("CN", "والصين"), ("CN", "للصين"), ("US", "بالولايات المتحدة"),
    ("RU", "روسیه‌ای"), ("RU", "روس‌ها"), ("US", "آمریکایی‌ها"), ("US", "آمریکای"),
    ("NO", "النرويجية"), ("NO", "نروژی"),
    # French, German, Spanish: gender, number, genitive, elision
    ("RU", "russes"), ("RU", "Russlands"), ("RU", "russischen"), ("RU", "rusas"),
    ("UA", "l'Ukraine"), ("UA", "d’Ukraine"), ("UA", "ukrainiennes"),
    ("KZ", "kazakhes"), ("NO", "norwegischen"), ("NO", "noruegas"), ("TH", "thaïlandais"),
    ("US", "Weißen Haus"), ("US", "la Casa Blanca"), ("FR", "l'Élysée"),
])
def test_inflected_forms_match(code: str, text: str) -> None:
    assert hits(code, text), (code, text)


@pytest.mark.parametrize(("code", "text"), [
    # words that merely start the same way
    ("RU", "русло реки"), ("RU", "Руслан"), ("AM", "армейский"), ("GE", "груз"),
    ("IR", "Ирина"), ("RU", "une ruse"), ("TR", "de turno"), ("RU", "Ruß"), ("RU", "روستا"),
    ("CN", "кита"), ("PL", "польза"), ("KZ", "казачий хор"),
    # ordinary words the data or a scheme would produce (drop lists, found with wordfreq)
    ("PL", "старинная полька"), ("CN", "çini nümunələri"), ("IS", "an island"),
    ("IN", "a hint"), ("CN", "صينية البطاطس"), ("UA", "کیف پول"), ("CN", "چینش جدید"),
    ("PL", "a special polish"), ("TR", "a turkey farm"), ("KZ", "yün kazak"),
    # longer names of something else, in any language and form
    ("US", "штат Вашингтон"), ("US", "Дензела Вашингтона"), ("US", "Washington eyaletinde"),
    ("US", "وأمريكا اللاتينية"), ("US", "d'Amérique latine"), ("US", "آمریکای لاتین"),
    ("KZ", "Qazax rayonunda"), ("KZ", "در آستانه نوروز"), ("CN", "una china en el zapato"),
])
def test_look_alikes_do_not_match(code: str, text: str) -> None:
    assert hits(code, text) == [], (code, text)


def test_every_country_has_forms_in_every_language() -> None:
    thin = {}
    for country in pycountry.countries:
        have = [lang for lang in LANGUAGES if country_forms(country.alpha_2, lang)]
        if len(have) < 9:  # English comes from countries.json for every country
            thin[country.alpha_2] = have
    assert len(thin) <= 10, thin  # a few territories have no CLDR name in some locale
    assert country_patterns("XX") is None


def test_forms_are_spelled_out_once_per_country_and_shared() -> None:
    first = country_patterns("RU")
    assert first is country_patterns("rus")  # cached: one tuple, one leaf for every rule
    assert len(first) > 300 and all(not p.prefix for p in first)  # exact terms only

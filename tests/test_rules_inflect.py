"""Each inflection scheme (monitor/rules/inflect.py) gives the forms a wire prints, and not
the words that merely start the same way."""

from __future__ import annotations

import json

import pytest

from monitor.rules.gazetteer import LANGUAGES_DATA
from monitor.rules.inflect import SCHEMES, forms


@pytest.mark.parametrize(("word", "scheme", "expected", "absent"), [
    # Azerbaijani: harmony (a/ə, ı/i/u/ü), buffer consonants, -lı, -dakı
    ("Rusiya", "az", ["Rusiyanın", "Rusiyaya", "Rusiyada", "Rusiyadan", "Rusiyalı",
                      "Rusiyadakı", "Rusiyalılar"], ["Rusiyain", "Rusiyaa"]),
    ("Azərbaycan", "az", ["Azərbaycanın", "Azərbaycana", "Azərbaycanda", "Azərbaycanlı"],
     ["Azərbaycanlar'"]),
    ("Bakı", "az", ["Bakıda", "Bakıya", "Bakının", "Bakıdan"], ["Bakıdə"]),
    ("Rus", "az", ["Ruslar", "Rusların"], ["Rusu", "Ruslan", "Rusa"]),  # a short stem
    ("Çin", "az", ["Çinin", "Çinlilər"], ["Çini", "Çinar"]),
    # Turkish: with and without the apostrophe, d/t after a voiceless consonant
    ("Rusya", "tr", ["Rusya'nın", "Rusyanın", "Rusya'da", "Rusya'dan", "Rusyalı"],
     ["Rusyaın"]),
    ("Taşkent", "tr", ["Taşkent'te", "Taşkentte", "Taşkent'ten", "Taşkentli"], ["Taşkent'de"]),
    ("Bakü", "tr", ["Bakü'de", "Bakü'ye", "Bakü'nün"], ["Bakü'da"]),
    # Arabic: و ف + ب ل ك + ال, ل + ال = لل; nisba adjectives
    ("روسيا", "ar", ["روسيا", "بروسيا", "وروسيا", "لروسيا", "فبروسيا"], ["روستا"]),
    ("الصين", "ar", ["والصين", "للصين", "بالصين", "وللصين"], ["لالصين"]),
    ("ياباني", "ar-adj", ["الياباني", "اليابانية", "واليابانية", "يابانيون", "اليابانيين",
                          "يابانيا"], ["يابانين"]),
    # Persian: plural, ezafe and indefinite endings
    ("روسیه", "fa", ["روسیه", "روسیهای", "روسیهی"], ["روستا"]),
    ("آمریکایی", "fa", ["آمریکاییها", "آمریکاییان"], []),
    ("ایالات متحده", "fa", ["ایالات متحده", "ایالات\u200cمتحده", "ایالات\u200cمتحدهی"], []),
    # French: elision, gender and number
    ("Ukraine", "fr", ["Ukraine", "l'Ukraine", "d'Ukraine"], []),
    ("Pologne", "fr", ["Pologne"], ["l'Pologne"]),
    ("ukrainien", "fr-adj", ["ukrainienne", "ukrainiens", "ukrainiennes", "l'ukrainien"], []),
    ("chinois", "fr-adj", ["chinoise", "chinoises"], ["chinoiss"]),
    ("russe", "fr-adj", ["russe", "russes"], ["ruse"]),
    ("turc", "fr-adj", ["turque", "turcs", "turques"], []),
    # German: genitive, adjective endings
    ("Russland", "de", ["Russlands"], []),
    ("russisch", "de-adj", ["russische", "russischen", "russischer", "russisches",
                            "russischem"], ["Ruß"]),
    # Spanish: gender and number
    ("ruso", "es-adj", ["rusa", "rusos", "rusas"], ["ruse"]),
    # (francésa: the accent folds away, as in "francesa")
    ("francés", "es-adj", ["francésa", "francéses", "francésas"], []),
    ("turco", "es-adj", ["turca", "turcos"], ["turno"]),
    # English
    ("Russian", "en-adj", ["Russians"], []),
    ("Chinese", "en-adj", ["Chinese"], ["Chineses"]),
    ("visit", "en-verb", ["visits", "visited", "visiting"], []),
    ("negotiate", "en-verb", ["negotiates", "negotiated", "negotiating"], ["negotiateing"]),
    ("hold talks", "en-verb", ["holds talks", "holding talks"], []),
    ("talk", "en-noun", ["talks"], []),
    # Azerbaijani and Turkish verbs (event vocabularies)
    ("görüş", "az-verb", ["görüşüb", "görüşdü", "görüşəcək", "görüşməsi", "görüşərək"],
     ["görüşməsü"]),
    ("müzakirə et", "az-verb", ["müzakirə edib", "müzakirə etdi", "müzakirə edəcək"],
     ["müzakirə etib"]),
    ("imzala", "tr-verb", ["imzaladı", "imzalıyor", "imzalayacak", "imzalaması"], []),
    ("görüş", "tr-verb", ["görüştü", "görüşüyor", "görüşmesi"], ["görüşdü"]),
])
def test_scheme_forms(word: str, scheme: str, expected: list[str], absent: list[str]) -> None:
    produced = forms(word, scheme)
    assert set(expected) <= set(produced), set(expected) - set(produced)
    assert not set(absent) & set(produced)


def test_russian_and_ukrainian_paradigms_are_stored_once() -> None:
    data = json.loads(LANGUAGES_DATA.read_text(encoding="utf-8"))
    paradigms = data["paradigms"]
    assert len(paradigms) == len({tuple(p) for p in paradigms})  # each ending list once
    (stem, scheme), = [e for e in data["countries"]["RU"]["ru"] if e[0] == "росси"]
    assert {"россия", "россии", "россию", "россией"} <= set(forms(stem, scheme, paradigms))
    entries = [e for c in data["countries"].values() for lang, es in c.items()
               if lang != "drop" for e in es]
    assert len(entries) < 30_000  # entries, not spelled-out forms


def test_unknown_scheme_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown inflection scheme"):
        forms("x", "klingon")
    assert "az" in SCHEMES and "tr" in SCHEMES

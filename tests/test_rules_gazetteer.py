"""The built-in country gazetteer behind @country:XX."""

from __future__ import annotations

import pycountry
import pytest

from monitor.rules import Document, RuleSource, compile_rules
from monitor.rules.gazetteer import country_patterns, country_terms


def hits(code: str, text: str) -> list[str]:
    ruleset = compile_rules([RuleSource("c", f"@country:{code}")], {})
    found = ruleset.match(Document(body=text))
    return [e.term for m in found for e in m.evidence]


@pytest.mark.parametrize(("code", "text"), [
    ("RU", "the Kremlin said"),
    ("RU", "the Russian Federation"),
    ("RU", "Russia's army"),
    ("RU", "talks in Moscow"),
    ("RU", "two Russians"),
    ("RU", "Российская Федерация"),
    ("AZ", "an Azeri delegation"),
    ("AZ", "in Baku"),
    ("AZ", "Azərbaycan Respublikası"),
    ("AZ", "Azerbaijanis voted"),
    ("AM", "in Yerevan"),
    ("US", "U.S. officials"),
    ("US", "the White House"),
    ("GB", "the UK and Britain"),
    ("CI", "Côte d'Ivoire"),
    ("TR", "Türkiye"),
    ("UA", "Kyiv or Kiev"),
    ("KP", "North Korea"),
    ("AZE", "Baku"),  # alpha-3 codes work too
])
def test_countries_match_names_demonyms_capitals_and_short_forms(code: str, text: str) -> None:
    assert hits(code, text), (code, text)


@pytest.mark.parametrize(("code", "text"), [
    ("US", "tell us more"),                       # =US is case-sensitive
    ("GN", "Papua New Guinea"),                   # a longer name of another country wins
    ("GN", "Equatorial Guinea and Guinea-Bissau"),
    ("SD", "South Sudan"),
    ("KR", "Democratic People's Republic of Korea"),
    ("TW", "the People's Republic of China"),
    ("CG", "Democratic Republic of the Congo"),
    ("NE", "the Niger Delta"),
    ("IS", "an island"),                          # data entries that are ordinary words
    ("SC", "Queen Victoria"),
    ("MV", "a male nurse"),
])
def test_ambiguous_names_do_not_fire(code: str, text: str) -> None:
    assert hits(code, text) == [], (code, text)


def test_every_iso_country_has_an_entry() -> None:
    for country in pycountry.countries:
        patterns = country_patterns(country.alpha_2)
        assert patterns, country.alpha_2
        assert country_patterns(country.alpha_3) == patterns


def test_terms_include_curated_additions() -> None:
    assert {"Kremlin", "Moscow", "Russian", "Russians"} <= set(country_terms("RU"))
    assert {"Azeri", "Baku", "Azerbaijani"} <= set(country_terms("az"))
    assert country_patterns("XX") is None

"""Built-in event vocabularies `@event:NAME` (CAMEO/PLOVER), in English, Russian,
Azerbaijani and Turkish (and Ukrainian), inflected like the gazetteer."""

from __future__ import annotations

import pytest

from monitor.errors import RuleSetError
from monitor.rules import Document, RuleSource, compile_rules, reference_match
from monitor.rules.events import event_forms, event_names, event_patterns
from monitor.rules.frontend import check_rules
from monitor.rules.gazetteer import _country

NAMES = ["meet", "sign", "military-cooperation", "threaten", "attack"]


def matches(name: str, text: str) -> bool:
    rules = [RuleSource("e", f"@event:{name}")]
    doc = Document(body=text)
    fast = compile_rules(rules, {}).match(doc)
    assert fast == reference_match(rules, {}, doc)
    return bool(fast)


def test_the_five_vocabularies_in_four_languages() -> None:
    assert set(NAMES) <= set(event_names())
    for name in NAMES:
        for lang in ("en", "ru", "az", "tr"):
            assert event_forms(name, lang), (name, lang)


@pytest.mark.parametrize(("name", "text"), [
    ("meet", "The ministers met in Baku."),
    ("meet", "They held talks on Tuesday."),
    ("meet", "Министры встретились в Москве."),
    ("meet", "Стороны провели переговоры и обсудили сотрудничество."),
    ("meet", "Nazir həmkarı ilə görüşüb."),
    ("meet", "Tərəflər əməkdaşlığı müzakirə ediblər."),
    ("meet", "Bakan mevkidaşıyla görüştü."),
    ("meet", "Heyetler bir araya geldi."),
    ("sign", "The two countries signed a memorandum."),
    ("sign", "Соглашение подписано в Баку."),
    ("sign", "Министры подписали план."),
    ("sign", "Saziş Bakıda imzalanıb."),
    ("sign", "Anlaşma Taşkent'te imzalandı."),
    ("military-cooperation", "The navies held joint exercises."),
    ("military-cooperation", "Стороны обсудили военно-техническое сотрудничество."),
    ("military-cooperation", "Флоты провели совместные учения."),
    ("military-cooperation", "Hərbi əməkdaşlıq məsələləri müzakirə olunub."),
    ("military-cooperation", "Ortak tatbikat yapıldı."),
    ("threaten", "Moscow threatened retaliation."),
    ("threaten", "МИД пригрозил ответными мерами."),
    ("threaten", "Nazirlik xəbərdarlıq edib."),
    ("threaten", "Bakanlık uyardı."),
    ("attack", "Drones attacked the port."),
    ("attack", "Город подвергся обстрелу."),
    ("attack", "Армия нанесла удар по складу."),
    ("attack", "Obyektlərə zərbələr endirilib."),
    ("attack", "Köye hava saldırısı düzenlendi."),
])
def test_event_words_in_every_form(name: str, text: str) -> None:
    assert matches(name, text), (name, text)


@pytest.mark.parametrize(("name", "text"), [
    ("meet", "Meat prices rose."),                  # not a form of meet
    ("meet", "Встречный иск отклонён."),             # starts like встреча
    ("sign", "A sign on the road."),                # the noun sign is not a signing
    ("sign", "Подпись на документе неразборчива."),
    ("military-cooperation", "Учебный год начался."),
    ("threaten", "Угрюмый день."),
    ("attack", "Ударник группы ушёл."),             # drummer, not a strike
    ("attack", "The company's shell structure."),   # a shell is not shelling
    ("attack", "A storm hit the coast; dockers went on strike."),  # weather, labour
])
def test_look_alikes_are_not_events(name: str, text: str) -> None:
    assert not matches(name, text), (name, text)


def test_event_combines_with_countries_and_is_compiled_once() -> None:
    rules = [RuleSource("r", "@country:RU NEAR/s @event:meet"),
             RuleSource("a", "@country:AZ NEAR/s @event:meet")]
    ruleset = compile_rules(rules, {})
    found = ruleset.match(Document(body="Глава МИД России встретился с коллегами в Баку."))
    assert [m.rule_id for m in found] == ["r", "a"]
    assert event_patterns("meet") is event_patterns("MEET")


@pytest.mark.parametrize(("query", "fragment"), [
    ("@event:party", "unknown event vocabulary 'party' (built in: @event:attack"),
    ("@event", "expected an event vocabulary"),
])
def test_unknown_events_are_rule_errors(query: str, fragment: str) -> None:
    with pytest.raises(RuleSetError) as info:
        compile_rules([RuleSource("r1", query)], {})
    assert fragment in str(info.value)


def test_checking_rules_looks_codes_up_without_spelling_forms_out() -> None:
    """`check_rules` (check, pollers, the supervisor) finds unknown countries and events as
    a compile does, but leaves the gazetteer's thousands of forms unbuilt."""
    before = _country.cache_info().currsize
    check_rules([RuleSource("ok", "@country:ZW NEAR/s @event:sign")], {})
    assert _country.cache_info().currsize == before
    with pytest.raises(RuleSetError) as info:
        check_rules([RuleSource("r1", "@country:QQ AND @event:party")], {})
    assert "unknown country code 'QQ'" in str(info.value)
    assert "unknown event vocabulary 'party'" in str(info.value)

"""Synthetic wire items for bench/pipeline.py: distinct stories in the style of news wires.

Every item is its own event, as on a real news day: its own people (first and last names drawn
from long lists), places, weekday, date and figures. Each item's lead carries a figure no other
item has, so story grouping (which keeps apart reports whose lead numbers differ, DESIGN.md
"Stories") gives every item a story of its own, as it would two different events that share
wording: the bench then alerts once per matching item without `dedup: item`, on the default
story path that users run.

`matching` items are written to match one of the example rules of config/rules.yaml
(Russia–Azerbaijan defense contacts, Caspian naval activity, Gerasimov, Ukraine ceasefire talks);
`other` items are the rest of a wire's day (markets, energy, weather, sport, health, transport,
culture, elections), some naming Russia or Azerbaijan outside any defense context. Which rules
an item really matches is not assumed: bench/pipeline.py asks `wirewatch match`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("""Alexei Anna Boris Darya Dmitry Elena Igor Irina Kirill Marina Mikhail Natalia Oleg Olga
Pavel Roman Sergei Svetlana Viktor Yulia Aydin Elchin Farid Gunel Ilham Kamran Leyla Nigar Rashad
Samir Tural Vugar Zaur Aysel Emil James Maria Pierre Claire Hans Ingrid Marco Giulia Carlos Lucia
Kenji Yuki Amir Fatima Omar Layla Ravi Priya Chen Mei Tomasz Agnieszka Jan Eva Lars Sofia""")
LAST = _words("""Volkov Sokolov Morozov Novikov Lebedev Kozlov Orlov Belov Tarasov Zaitsev Pavlov Fedorov
Makarov Nikitin Zakharov Borisov Romanov Vinogradov Gusev Titov Aliyev Mammadov Hasanov Huseynov
Guliyev Ismayilov Abbasov Rzayev Babayev Karimov Jafarov Mustafayev Najafov Safarov Valiyev
Bernard Dubois Moreau Laurent Schmidt Becker Wagner Rossi Bianchi Romano Garcia Martinez Lopez
Tanaka Sato Suzuki Khan Rahman Haddad Nasser Sharma Gupta Wang Zhang Nowak Kowalski Novak Larsen
Johansson Nielsen Murphy Walsh Kelly Costa Silva Pereira Horvath Nagy Popescu Ionescu""")
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words("January February March April May June July August September October "
                "November December")
# (country, adjective, capital, another city); none is Russia, Azerbaijan, Armenia, Turkey,
# Israel or Ukraine, which the example rules name
ELSEWHERE = [
    ("France", "French", "Paris", "Lyon"), ("Germany", "German", "Berlin", "Hamburg"),
    ("Italy", "Italian", "Rome", "Milan"), ("Spain", "Spanish", "Madrid", "Valencia"),
    ("Japan", "Japanese", "Tokyo", "Osaka"), ("India", "Indian", "New Delhi", "Mumbai"),
    ("Brazil", "Brazilian", "Brasilia", "Recife"), ("Kenya", "Kenyan", "Nairobi", "Mombasa"),
    ("Poland", "Polish", "Warsaw", "Gdansk"), ("Norway", "Norwegian", "Oslo", "Bergen"),
    ("Egypt", "Egyptian", "Cairo", "Alexandria"), ("Mexico", "Mexican", "Mexico City", "Monterrey"),
    ("Canada", "Canadian", "Ottawa", "Calgary"), ("Vietnam", "Vietnamese", "Hanoi", "Da Nang"),
    ("Chile", "Chilean", "Santiago", "Valparaiso"), ("Finland", "Finnish", "Helsinki", "Tampere"),
    ("Indonesia", "Indonesian", "Jakarta", "Surabaya"), ("Morocco", "Moroccan", "Rabat", "Tangier"),
    ("Portugal", "Portuguese", "Lisbon", "Porto"), ("Austria", "Austrian", "Vienna", "Graz"),
]
RU_CITIES = ["Moscow", "St Petersburg", "Kazan", "Sochi", "Astrakhan", "Makhachkala",
             "Rostov-on-Don", "Novosibirsk", "Yekaterinburg", "Kaliningrad"]
AZ_CITIES = ["Baku", "Ganja", "Sumgait", "Lankaran", "Shamakhi", "Mingachevir", "Nakhchivan",
             "Sheki", "Quba", "Shusha"]
MIL_TOPICS = ["air defence systems", "officer training", "joint staff exercises",
              "military education", "naval patrols", "border security", "logistics support",
              "search and rescue drills", "military medicine", "mine clearance",
              "communications equipment", "helicopter maintenance", "peacekeeping training",
              "cyber defence", "military topography"]
RU_ROLES = ["Russian Deputy Defence Minister", "Russian Defence Minister",
            "the commander of Russia's Southern Military District",
            "Russian military attache", "a senior Russian General Staff officer"]
AZ_ROLES = ["Azerbaijani Defence Minister", "Azerbaijani Deputy Defence Minister",
            "the chief of Azerbaijan's General Staff", "Azerbaijani Defence Industry Minister",
            "the commander of Azerbaijan's Naval Forces"]
SHIPS = ["Dagestan", "Tatarstan", "Grad Sviyazhsk", "Uglich", "Veliky Ustyug", "Vyshny Volochyok",
         "Makhachkala", "Astrakhan", "Volgodonsk", "Derbent"]
UA_CITIES = ["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro"]
VENUES = ["Geneva", "Istanbul", "Riyadh", "Doha", "Vienna", "Helsinki", "Oslo", "Abu Dhabi"]
SOURCES = ["the ministry said in a statement", "officials told reporters",
           "according to a statement published on its website", "the press service reported",
           "a spokesperson said", "state media reported"]


@dataclass(frozen=True)
class WireItem:
    """One synthetic item: its text and the figure that makes its lead unlike any other's."""

    uid: str
    title: str
    body: str
    family: str


class _Writer:
    """Fills the templates of one item from its own random stream and unique lead figure."""

    def __init__(self, rng: random.Random, serial: int) -> None:
        self.rng = rng
        # a figure that no other item's lead has (serial is unique), never a year-like 19xx or
        # 20xx (story grouping reads those as years, not figures): 10,000 + 7·serial + 0..6
        self.lead = f"{10_000 + 7 * serial + rng.randrange(7):,}"

    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def when(self) -> str:
        return f"on {self.pick(WEEKDAYS)}, {self.rng.randint(1, 28)} {self.pick(MONTHS)}"

    def num(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def elsewhere(self) -> tuple[str, str, str, str]:
        return self.rng.choice(ELSEWHERE)


def ru_az_defense(w: _Writer) -> tuple[str, str]:
    ru, az, topic = w.person(), w.person(), w.pick(MIL_TOPICS)
    city = w.pick(RU_CITIES + AZ_CITIES)
    title = w.pick([f"Russian and Azerbaijani defence officials discuss {topic} in {city}",
                    f"{az.split()[1]} and {ru.split()[1]} hold military talks in {city}",
                    f"Azerbaijan, Russia agree plan on {topic}"])
    lead = (f"{w.pick(RU_ROLES)} {ru} met {w.pick(AZ_ROLES)} {az} in {city} {w.when()} "
            f"to discuss military cooperation between Russia and Azerbaijan, including "
            f"{topic}, and a programme worth {w.lead} thousand manat, {w.pick(SOURCES)}.")
    detail = (f"Under the plan, {w.num(12, 480)} Azerbaijani servicemen will train at Russian "
              f"military academies next year, up from {w.num(5, 300)}. The sides also reviewed "
              f"{w.num(3, 40)} earlier agreements and set up a working group on {w.pick(MIL_TOPICS)}.")
    quote = (f"\"Our contacts in the defence sphere are {w.pick(['regular', 'substantive', 'intensive'])}"
             f" and {w.pick(['pragmatic', 'open', 'mutually beneficial'])},\" {az.split()[1]} told "
             f"reporters after the meeting, which lasted {w.num(2, 6)} hours.")
    return title, "\n\n".join([lead, detail, quote])


def caspian_naval(w: _Writer) -> tuple[str, str]:
    ship, port = w.pick(SHIPS), w.pick(["Astrakhan", "Makhachkala", "Kaspiysk"])
    title = w.pick([f"Caspian Flotilla warships hold drills off {port}",
                    f"Missile ship {ship} leads Caspian naval exercise",
                    "Caspian Sea: naval vessels practise convoy escort"])
    lead = (f"Ships of the Caspian Flotilla put to sea from {port} {w.when()} for an "
            f"exercise involving {w.lead} sailors and the missile ship {ship}, "
            f"{w.pick(SOURCES)}.")
    drill = w.pick(["air defence", "mine sweeping", "artillery firing", "boarding"])
    detail = (f"During the {w.num(2, 9)}-day exercise crews practised {drill}"
              f" at a range {w.num(20, 160)} nautical miles offshore, with {w.num(2, 12)} aircraft "
              f"in support.")
    return title, "\n\n".join([lead, detail])


def gerasimov(w: _Writer) -> tuple[str, str]:
    region = w.pick(["the Urals", "Siberia", "the Far East", "the Arctic", "the Volga region",
                     "Kaliningrad", "the North Caucasus", "Crimea"])
    title = w.pick([f"Gerasimov inspects troops in {region}",
                    f"General Staff chief Gerasimov visits units in {region}",
                    f"Valery Gerasimov checks readiness of brigades in {region}"])
    lead = (f"Chief of the General Staff Valery Gerasimov {w.pick(['inspected', 'visited', 'toured'])}"
            f" units in {region} {w.when()}, where {w.lead} troops are taking part in readiness "
            f"checks, {w.pick(SOURCES)}.")
    detail = (f"He heard reports from {w.num(3, 15)} commanders, including {w.person()}, and "
              f"ordered {w.pick(['more night training', 'faster repairs', 'new field exercises'])}.")
    return title, "\n\n".join([lead, detail])


def ukraine_ceasefire(w: _Writer) -> tuple[str, str]:
    venue, mediator = w.pick(VENUES), w.elsewhere()
    title = w.pick([f"Ukrainian negotiators arrive in {venue} for ceasefire talks",
                    f"Ukraine ceasefire talks resume in {venue}",
                    f"{mediator[1]} mediator proposes truce timetable for Ukraine"])
    lead = (f"Ukrainian negotiators led by {w.person()} resumed ceasefire talks in {venue} "
            f"{w.when()}, with {mediator[1]} envoy {w.person()} mediating a proposal on "
            f"{w.lead} prisoners, {w.pick(SOURCES)}.")
    detail = (f"A statement from {w.pick(UA_CITIES)} said the delegations would meet again "
              f"within {w.num(2, 21)} days.")
    return title, "\n\n".join([lead, detail])


def markets(w: _Writer) -> tuple[str, str]:
    _, adj, capital, _ = w.elsewhere()
    index = w.pick(["main share index", "bond market", "currency", "banking stocks"])
    move = w.pick(["rises", "falls", "steadies"])
    title = f"{adj} {index} {move} as investors weigh {w.pick(['rates', 'earnings', 'inflation data'])}"
    lead = (f"The {adj} {index} {move} in {capital} {w.when()} after "
            f"{w.lead} million shares changed hands, {w.pick(SOURCES)}.")
    detail = (f"The move was {w.num(1, 9)}.{w.num(0, 9)}%. Analyst {w.person()} said traders "
              "expected the central bank to "
              f"{w.pick(['hold rates', 'cut rates', 'raise rates'])} at its next meeting.")
    return title, "\n\n".join([lead, detail])


def energy(w: _Writer) -> tuple[str, str]:
    country = w.pick(["Azerbaijan", "Russia", "Norway", "Kazakhstan", "Canada", "Brazil"])
    fuel = w.pick(["oil", "gas", "electricity", "coal"])
    title = f"{country}'s {fuel} exports {w.pick(['climb', 'slip', 'hold steady'])} in {w.pick(MONTHS)}"
    lead = (f"{country} exported {w.lead} thousand tonnes of {fuel} last month, "
            f"{w.pick(SOURCES)}.")
    detail = (f"That is {w.pick(['up', 'down'])} {w.num(1, 18)}% on the year. Energy economist "
              f"{w.person()} said prices of {w.num(60, 95)} dollars a barrel "
              f"kept producers {w.pick(['cautious', 'optimistic', 'busy'])}.")
    return title, "\n\n".join([lead, detail])


def weather(w: _Writer) -> tuple[str, str]:
    _, adj, _, city = w.elsewhere()
    event = w.pick(["Floods", "Storms", "Heatwave", "Snowfall", "Wildfires"])
    title = f"{event} hit {city}, flights cancelled"
    lead = (f"{event} swept through {city} {w.when()}, leaving {w.lead} homes without power, "
            f"{adj} emergency services said.")
    detail = (f"Airlines cancelled {w.num(2, 90)} flights. "
              f"Forecaster {w.person()} expects conditions to ease within {w.num(1, 5)} days.")
    return title, "\n\n".join([lead, detail])


def sport(w: _Writer) -> tuple[str, str]:
    home, away = w.pick(["Neftchi", "Qarabag", "Sabah", "Zenit", "Spartak", "Lyon", "Porto"]), \
        w.pick(["Dinamo", "Sumgait", "Turan", "Rostov", "Krasnodar", "Benfica", "Rapid"])
    goals = (w.num(0, 4), w.num(0, 4))
    title = f"{home} beat {away} in league match"
    lead = (f"{home} won against {away} {w.when()} in front of "
            f"{w.lead} fans, with striker {w.person()} scoring twice.")
    detail = (f"The final score was {max(goals) + 1}-{min(goals)}. Coach {w.person()} said the "
              f"team would rest {w.num(2, 5)} players before the cup tie.")
    return title, "\n\n".join([lead, detail])


def health(w: _Writer) -> tuple[str, str]:
    country, adj, capital, _ = w.elsewhere()
    disease = w.pick(["measles", "influenza", "dengue", "cholera", "tuberculosis"])
    title = f"{country} reports rise in {disease} cases"
    lead = (f"Health authorities in {capital} recorded {w.lead} new {disease} cases "
            f"{w.when()}, {w.pick(SOURCES)}.")
    detail = (f"{adj} health minister {w.person()} urged vaccination and said {w.num(3, 60)} "
              f"clinics would extend their hours.")
    return title, "\n\n".join([lead, detail])


def transport(w: _Writer) -> tuple[str, str]:
    _, adj, capital, city = w.elsewhere()
    mode = w.pick(["rail line", "motorway", "airport terminal", "metro line", "bridge"])
    title = f"New {mode} opens between {capital} and {city}"
    lead = (f"A {mode} costing {w.lead} million euros opened {w.when()}, cutting travel time "
            f"between {capital} and {city}, {w.pick(SOURCES)}.")
    detail = (f"The trip is {w.num(10, 90)} minutes shorter. {adj} transport minister "
              f"{w.person()} said {w.num(2, 30)} more projects would follow.")
    return title, "\n\n".join([lead, detail])


def culture(w: _Writer) -> tuple[str, str]:
    country, adj, capital, _ = w.elsewhere()
    thing = w.pick(["film festival", "book fair", "art exhibition", "music festival", "carpet fair"])
    place = w.pick([capital, "Baku", "Moscow"])
    title = f"{adj} {thing} opens in {place}"
    lead = (f"The {thing} opened in {place} {w.when()} with {w.lead} visitors expected and "
            f"works by artists from {country} and abroad.")
    detail = (f"It shows {w.num(10, 300)} artists. Curator {w.person()} called it the largest "
              f"in {w.num(3, 20)} years.")
    return title, "\n\n".join([lead, detail])


def elections(w: _Writer) -> tuple[str, str]:
    country, adj, capital, _ = w.elsewhere()
    title = f"{adj} voters head to polls in {w.pick(['regional', 'local', 'parliamentary'])} elections"
    lead = (f"Polling stations across {country} opened {w.when()}, with {w.lead} thousand voters "
            f"registered, {w.pick(SOURCES)}.")
    detail = (f"Turnout was {w.num(20, 70)}% by noon. Candidate {w.person()} cast a ballot in "
              f"{capital} and promised "
              f"{w.pick(['lower taxes', 'new housing', 'cleaner air', 'better schools'])}.")
    return title, "\n\n".join([lead, detail])


Template = Callable[[_Writer], tuple[str, str]]
# shares of the matching items, and of the rest
MATCHING: list[tuple[Template, int]] = [(ru_az_defense, 6), (caspian_naval, 2), (gerasimov, 1),
                                        (ukraine_ceasefire, 1)]
OTHER: list[tuple[Template, int]] = [(markets, 2), (energy, 2), (weather, 1), (sport, 2),
                                     (health, 1), (transport, 1), (culture, 1), (elections, 1)]


def make_items(count: int, kinds: list[tuple[Template, int]], seed: int,
               first_serial: int = 0) -> list[WireItem]:
    """`count` distinct items written from the weighted `kinds`; `first_serial` keeps the lead
    figures of two calls apart."""
    rng = random.Random(seed)
    funcs = [kind for kind, weight in kinds for _ in range(weight)]
    items = []
    for n in range(count):
        serial = first_serial + n
        kind = funcs[n % len(funcs)]
        title, body = kind(_Writer(rng, serial))
        items.append(WireItem(f"s{serial}", title, body, kind.__name__))
    return items

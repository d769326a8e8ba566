"""Write `bench/data/stories.test.jsonl`: the own labelled test set for story assignment.

    python bench/data/make_stories_test.py            # writes the file beside this script
    python bench/data/make_stories_test.py --check    # fails if the file is not what it writes

Its region and style differ from the development set (`../shared/corpus/stories.dev.jsonl`,
Central Asia, Black Sea, Baltic, Gulf): Latin American and African politics, economy, disasters
and sport, as English-language wires and sites carry them. Each event is written once by its
first outlet; other outlets' copies are derived from it the way wires are reprinted:

- `verbatim`: the same paragraphs under the copier's dateline, byline, attribution and trailers
  ("Follow us on Telegram", "Read more: …", copyright lines, "Enditem"), often a new headline;
- `edited`: a new headline, paragraphs dropped or cut, a few words changed, a line of context
  added by the copier;
- `rewrite`: written separately for another outlet in its own words and order (the text is in
  this file, not derived);
- `distinct`: a near-miss event with the same actors and vocabulary as one of the events but
  other numbers, dates, places or people, and templated daily items (an exchange-rate close, a
  market close, an outbreak update), each its own story. These must not merge.

The events are modelled on the kinds of news these outlets carry; names of officials, numbers
and details are written for the test and are not a factual record. Nothing here is random: the
output is the same on every run (a test of the file compares it with this script's output).
Fields as in the development set: `id`, `feed`, `title`, `body` (paragraphs split by a blank
line), `published` (UTC, ISO 8601), `story`, `kind`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "stories.test.jsonl"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class Outlet:
    """How one outlet dresses a report: dateline, byline, attribution and trailing lines."""

    dateline: str = "{CITY}, {Mon} {d} ({agency}) –"  # "" for none
    agency: str = ""
    byline: str = ""  # a paragraph of its own before the text
    trailers: tuple[str, ...] = ()  # paragraphs after the text, the same on every item
    credit: str = ""  # for copies: how it names the source, "{source}" filled in


OUTLETS: dict[str, Outlet] = {
    # Latin America
    "andina": Outlet("{CITY}, {Mon} {d} (ANDINA).", "ANDINA", trailers=("(END)",)),
    "telam": Outlet("{City}, {Month} {d} (Télam) -", "Télam",
                    trailers=("Follow Télam on Telegram and WhatsApp for breaking news.",)),
    "mercopress": Outlet("", byline="MercoPress, Montevideo",
                         trailers=("© MercoPress 2025. All rights reserved.",)),
    "agencia-brasil": Outlet("", byline="Agência Brasil reporter",
                             trailers=("Translation: Fabrício Ferreira - Edition: Aline Leal",)),
    "efe": Outlet("{City}, {Mon} {d} (EFE).-", "EFE",
                  trailers=("© EFE 2025. Redistribution and redissemination of this content "
                            "is expressly prohibited without prior written consent.",)),
    "prensa-latina": Outlet("{City}, {Month} {d} (Prensa Latina)", "Prensa Latina",
                            trailers=("Follow us on Telegram: t.me/PrensaLatinaEnglish",)),
    "batimes": Outlet("", credit="– TIMES/{source}", byline="By Buenos Aires Times staff",
                      trailers=("Read more on batimes.com.ar", "Subscribe to our newsletter")),
    "colombia-one": Outlet("", credit="With information from {source}.",
                           trailers=("Read more: Colombia news in English every day.",
                                     "Follow Colombia One on X and Instagram.")),
    "mexico-news-daily": Outlet("", credit="With reports from {source}",
                                trailers=("Read more Mexico news at mexiconewsdaily.com",)),
    "bnamericas": Outlet("", trailers=("Subscribe to BNamericas Intelligence Platform for "
                                       "project and company data.",)),
    "riotimes": Outlet("", credit="Source: {source}", trailers=(
        "Join our Telegram channel for the latest Latin American news.",
        "Copyright © The Rio Times. All rights reserved.")),
    "peru-reports": Outlet("", credit="Source: {source}",
                           trailers=("Read more: Peru's economy in 2025",)),
    "ticotimes": Outlet("", byline="By Tico Times staff",
                        trailers=("Please consider supporting independent journalism in "
                                  "Costa Rica. Donate to The Tico Times.",)),
    # Africa
    "nan": Outlet("{City}, {Month} {d}, {year} (NAN)", "NAN",
                  trailers=("Edited by Sadiya Hamza",)),
    "premium-times": Outlet("", credit="This report was first published by {source}.",
                            trailers=(
        "Support PREMIUM TIMES' journalism of integrity and credibility. Good journalism costs "
        "a lot of money, but only good journalism can ensure the possibility of a good society.",
        "TEXT AD: Call Willie - +2348098788999")),
    "channels": Outlet("", trailers=("Follow Channels Television on WhatsApp and Telegram.",)),
    "gna": Outlet("{City}, {Month} {d}, GNA -", "GNA", byline="By Iddi Yire, GNA",
                  trailers=("GNA",)),
    "myjoyonline": Outlet("", credit="Source: {source}", trailers=(
        "DISCLAIMER: The Views, Comments, Opinions, Contributions and Statements made by "
        "Readers and Contributors on this platform do not necessarily represent the views or "
        "policy of Multimedia Group Limited.",)),
    "kbc": Outlet("", byline="Written By: KBC Reporter",
                  trailers=("Follow KBC Digital on WhatsApp for breaking news.",)),
    "the-star-ke": Outlet("", trailers=("Read more: Kenya's latest news from The Star",
                                        "Get the latest news on Telegram",)),
    "the-citizen-tz": Outlet("{City}.", trailers=("READ MORE: The Citizen business pages",)),
    "sabc": Outlet("", trailers=("#SABCNews",)),
    "news24": Outlet("", credit="Additional reporting by {source}",
                     trailers=("Get breaking news on your phone: download the News24 app.",)),
    "iol": Outlet("", credit="{source}", trailers=("IOL News",)),
    "apa": Outlet("APA-{City} ({Country})", "APA",
                  trailers=("ARD/as/APA",)),
    "aps": Outlet("{City}, {Month} {d} (APS) -", "APS"),
    "ena": Outlet("Addis Ababa, {Month} {d}/{year} (ENA)", "ENA"),
    "xinhua": Outlet("{CITY}, {Mon}. {d} (Xinhua) --", "Xinhua", trailers=("Enditem",)),
    "allafrica": Outlet("", credit="{source}", trailers=(
        "Copyright © 2025 AllAfrica. All rights reserved. Distributed by AllAfrica Global "
        "Media (allAfrica.com).",)),
    "africanews": Outlet("", credit="With {source}",
                         trailers=("Stay informed: follow Africanews on Telegram.",)),
    "theeastafrican": Outlet("", trailers=("Sign up for our newsletter for the latest East "
                                           "African news.",)),
    # world wires
    "reuters": Outlet("{CITY}, {Month} {d} (Reuters) -", "Reuters"),
    "afp": Outlet("{City} (AFP) -", "AFP", trailers=("-- AFP",)),
    "ap": Outlet("{CITY} (AP) —", "AP", trailers=(
        "Copyright 2025 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission.",)),
    "bloomberg-line": Outlet("({agency}) --", "Bloomberg"),
}


@dataclass(frozen=True)
class Copy:
    """A report derived from an event's first report, or (`paras` given) a rewrite."""

    feed: str
    after_h: float  # hours after the first report
    kind: str  # verbatim, edited, rewrite
    title: str | None = None  # None keeps the first report's title
    drop: tuple[int, ...] = ()  # paragraphs of the first report left out
    cut: int | None = None  # keep only the first `cut` paragraphs
    subs: tuple[tuple[str, str], ...] = ()  # words changed by the copier
    add: str = ""  # a paragraph of context added at the end
    paras: str = ""  # a rewrite's own text
    city: str = ""  # a rewrite's dateline city, if not the event's


@dataclass(frozen=True)
class Event:
    """One event: its first report, the copies of it, written once."""

    story: str
    feed: str
    when: str  # UTC, "2025-02-03 14:20"
    city: str
    country: str
    title: str
    text: str  # paragraphs split by blank lines, without dateline or trailers
    copies: tuple[Copy, ...] = ()
    kind: str = "original"  # "distinct" for a near-miss event or a templated item
    extra: dict = field(default_factory=dict)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]


def _dateline(outlet: Outlet, city: str, country: str, at: datetime) -> str:
    if not outlet.dateline:
        return ""
    month = MONTHS[at.month - 1]
    return outlet.dateline.format(CITY=city.upper(), City=city, Country=country,
                                  Month=month, Mon=month[:3], d=at.day, year=at.year,
                                  agency=outlet.agency)


def _dress(feed: str, paras: list[str], city: str, country: str, at: datetime,
           source: str = "", source_line: str = "") -> str:
    """The body as `feed` publishes it: dateline on the lead (its own, or for a reprint by a
    site without datelines the source's `source_line`), byline, credit, trailers."""
    outlet = OUTLETS[feed]
    paras = list(paras)
    line = _dateline(outlet, city, country, at) or source_line
    if line:
        paras[0] = f"{line} {paras[0]}"
    if outlet.byline:
        paras.insert(0, outlet.byline)
    if source and outlet.credit:
        paras.append(outlet.credit.format(source=source))
    paras.extend(outlet.trailers)
    return "\n\n".join(paras)


def _source_name(feed: str) -> str:
    return OUTLETS[feed].agency or feed.replace("-", " ").title()


def _edit(paras: list[str], copy: Copy) -> list[str]:
    out = [p for i, p in enumerate(paras) if i not in copy.drop]
    if copy.cut is not None:
        out = out[:copy.cut]
    for old, new in copy.subs:
        if not any(old in p for p in out):
            raise ValueError(f"substitution {old!r} matches nothing")
        out = [p.replace(old, new) for p in out]
    if copy.add:
        out.append(" ".join(copy.add.split()))
    return out


def rows(events: list[Event]) -> list[dict]:
    """The labelled reports of `events`, numbered in the order written."""
    out: list[dict] = []
    for event in events:
        first = datetime.strptime(event.when, "%Y-%m-%d %H:%M")
        paras = _paragraphs(event.text)
        reports = [(event.feed, first, event.title, _dress(event.feed, paras, event.city,
                                                           event.country, first), event.kind)]
        for copy in event.copies:
            at = first + timedelta(hours=copy.after_h)
            if copy.kind == "rewrite":
                body = _dress(copy.feed, _paragraphs(copy.paras), copy.city or event.city,
                              event.country, at)
            else:
                # a reprint keeps the source's dateline; an editor drops it
                kept = (_dateline(OUTLETS[event.feed], event.city, event.country, first)
                        if copy.kind == "verbatim" else "")
                body = _dress(copy.feed, _edit(paras, copy), event.city, event.country, at,
                              source=_source_name(event.feed), source_line=kept)
            reports.append((copy.feed, at, copy.title or event.title, body, copy.kind))
        for feed, at, title, body, kind in reports:
            out.append({"id": f"t-{len(out) + 1:03d}", "feed": feed, "title": title,
                        "body": body, "published": at.strftime("%Y-%m-%dT%H:%M:00Z"),
                        "story": event.story, "kind": kind})
    return out


E, C = Event, Copy

# ---------------------------------------------------------------------------------------------
# Latin America
# ---------------------------------------------------------------------------------------------
LATAM = [
    E("pe-quake-arequipa-2025-06-16", "andina", "2025-06-16 09:10", "Lima", "Peru",
      "Magnitude 6.1 earthquake shakes Arequipa; no tsunami threat, says Navy",
      """An earthquake of magnitude 6.1 shook the southern region of Arequipa at 02:45 local
      time on Monday, the Geophysical Institute of Peru (IGP) reported. The epicenter was
      located 28 kilometers southwest of Atico, in the province of Caravelí, at a depth of 35
      kilometers.

      The National Institute of Civil Defense (Indeci) said that, according to preliminary
      reports, two people were injured and 14 adobe homes were damaged in Atico and Chala. The
      Pan-American Highway South was partially blocked by falling rocks near kilometer 702.

      The Directorate of Hydrography and Navigation of the Peruvian Navy ruled out a tsunami
      alert for the Peruvian coast.

      The tremor was felt with moderate intensity in the cities of Arequipa, Camaná and Nazca.
      Indeci recommended that residents keep an emergency backpack ready and identify safe
      zones in their homes.""",
      (C("peru-reports", 1.5, "verbatim", "6.1 quake hits Arequipa coast, two injured"),
       C("riotimes", 6, "edited", "Peru: strong earthquake damages homes in Arequipa",
         drop=(3,), subs=(("Pan-American Highway South", "Pan-American Highway"),),
         add="Peru sits on the Pacific Ring of Fire and records about 200 perceptible "
             "earthquakes a year."),
       C("xinhua", 4, "rewrite", "6.1-magnitude quake jolts southern Peru",
         paras="""A 6.1-magnitude earthquake jolted Peru's southern coast early Monday,
         injuring two people and damaging more than a dozen houses, authorities said.

         The quake struck at 2:45 a.m. local time (0745 GMT) off Atico in Arequipa region,
         at a depth of 35 km, according to the country's Geophysical Institute.

         Civil defense officials said 14 homes built of adobe were damaged in Atico and Chala,
         and rocks fell onto a stretch of the Pan-American Highway. The navy said there was no
         risk of a tsunami.""",
         city="Lima"))),
    E("pe-quake-ayacucho-2025-06-18", "andina", "2025-06-18 12:30", "Lima", "Peru",
      "Magnitude 5.4 earthquake shakes Ayacucho; no damage reported, says Indeci",
      """An earthquake of magnitude 5.4 shook the southern region of Ayacucho at 07:12 local
      time on Wednesday, the Geophysical Institute of Peru (IGP) reported. The epicenter was
      located 41 kilometers northeast of Puquio, in the province of Lucanas, at a depth of 98
      kilometers.

      The National Institute of Civil Defense (Indeci) said that no injuries or damage to
      homes had been reported so far in Lucanas and Parinacochas.

      The tremor was felt with slight intensity in Nazca and Abancay. Indeci recommended that
      residents keep an emergency backpack ready and identify safe zones in their homes.""",
      kind="distinct"),
    E("ar-inflation-jan-2025-02-13", "reuters", "2025-02-13 19:05", "Buenos Aires",
      "Argentina", "Argentina's monthly inflation slows to 2.2% in January, lowest since 2020",
      """Argentina's monthly inflation rate slowed to 2.2% in January, the national statistics
      agency INDEC said on Thursday, the lowest reading since July 2020 and a boost for
      President Javier Milei's austerity drive.

      Analysts polled by the central bank had expected prices to rise 2.3% in the month.
      Annual inflation eased to 84.5% from 117.8% in December, INDEC said.

      The biggest monthly increases were in restaurants and hotels, up 5.4%, and housing,
      water and electricity, up 3.9%, while clothing and footwear prices fell 0.7%.

      Milei, a libertarian economist who took office in December 2023, has slashed public
      spending to balance the budget, and the central bank has cut the pace of the peso's
      monthly crawling devaluation to 1% from 2%.

      Economy Minister Luis Caputo said on X that the figure showed "the process of
      disinflation continues"."""
      ,
      (C("batimes", 1, "edited", "Inflation slows to 2.2% in January, INDEC says",
         drop=(4,), subs=(("a boost for President Javier Milei's austerity drive",
                           "good news for the Milei administration"),)),
       C("mercopress", 14, "rewrite", "Argentina: January inflation lowest in four and a half years",
         paras="""Consumer prices in Argentina rose 2.2% in January, according to the INDEC
         statistics institute, which the Milei administration hailed as proof that its
         shock therapy is working. It is the smallest monthly rise since mid-2020.

         Year on year the index stands at 84.5%, down from the triple digits that closed 2024.
         Restaurants and hotels led the month with 5.4% while clothing fell.

         "The process of disinflation continues," wrote Minister Luis Caputo. Private
         consultants had forecast 2.3%. The government expects monthly inflation to fall
         below 2% before the October midterm elections.""", city="Montevideo"),
       C("bloomberg-line", 3, "rewrite", "Argentina Inflation Beats Forecasts as Milei Cuts Crawl",
         paras="""Argentina's consumer prices rose less than expected in January, extending
         a streak of slowing inflation that President Javier Milei has made the centerpiece
         of his government.

         Prices rose 2.2% from December, below the 2.3% median estimate of economists in the
         central bank's survey, the national statistics institute said Thursday. From a year
         earlier, prices climbed 84.5%.

         The figure is the first since the central bank slowed the peso's crawling peg to
         1% a month, a move that investors watched as a test of the disinflation. Bonds
         extended gains after the data.""")),
    ),
    E("ar-inflation-feb-2025-03-14", "reuters", "2025-03-14 19:10", "Buenos Aires",
      "Argentina", "Argentina's monthly inflation ticks up to 2.4% in February",
      """Argentina's monthly inflation rate rose to 2.4% in February, the national statistics
      agency INDEC said on Friday, slightly above analysts' expectations and up from 2.2% in
      January.

      Analysts polled by the central bank had expected prices to rise 2.3% in the month.
      Annual inflation eased to 66.9%, INDEC said.

      The biggest monthly increases were in housing, water and electricity, up 3.7%, and food
      and non-alcoholic beverages, up 3.2%, driven by a jump in beef prices.

      Economy Minister Luis Caputo said the uptick was seasonal and that the process of
      disinflation would resume in March.""", kind="distinct"),
    E("br-selic-hike-2025-01-29", "agencia-brasil", "2025-01-29 21:40", "Brasília", "Brazil",
      "Copom raises Selic rate to 13.25% a year",
      """The Central Bank's Monetary Policy Committee (Copom) on Wednesday raised the Selic
      rate, the basic interest rate of the economy, by 1 percentage point, from 12.25% to
      13.25% a year. The decision was unanimous and had been expected by the financial
      market.

      This was the first meeting chaired by the new president of the Central Bank, Gabriel
      Galípolo, who took office in January.

      In its statement, Copom said that it foresees "an adjustment of the same magnitude" at
      its next meeting, in March, if the scenario develops as expected. The committee cited
      the rise of the dollar, the heated labor market and inflation expectations above the
      3% target.

      The Selic is the Central Bank's main instrument to keep inflation under control. When
      the Copom raises the basic rate, the aim is to contain heated demand, which affects
      prices because higher interest rates make credit more expensive.""",
      (C("riotimes", 2, "verbatim", "Brazil's Central Bank raises Selic to 13.25%"),
       C("bnamericas", 11, "edited", "Brazil lifts Selic to 13.25%, signals another 100bp hike",
         drop=(3,), subs=(("the basic interest rate of the economy", "the benchmark rate"),),
         add="Higher borrowing costs weigh on infrastructure financing, which relies heavily "
             "on BNDES credit lines and infrastructure debentures."),
       C("reuters", 0.2, "rewrite", "Brazil central bank hikes rates by 100 bps, flags same move in March",
         paras="""Brazil's central bank raised its benchmark interest rate by 100 basis points
         to 13.25% on Wednesday, as expected, and signaled another hike of the same size in
         March, in the first decision under Governor Gabriel Galipolo.

         The unanimous decision by the bank's monetary policy committee, known as Copom,
         followed a similar increase in December, when policymakers surprised markets by
         promising two more large hikes.

         Policymakers pointed to a weaker currency, strong activity and unanchored inflation
         expectations. Annual inflation stood at 4.83% in December, above the 4.5% ceiling of
         the official target range.""", city="Brasilia")),
    ),
    E("cl-rate-hold-2025-01-28", "reuters", "2025-01-28 22:15", "Santiago", "Chile",
      "Chile's central bank holds benchmark interest rate at 5%",
      """Chile's central bank held its benchmark interest rate at 5% on Tuesday, as expected,
      pausing its easing cycle amid a rise in inflation driven by higher electricity prices.

      The unanimous decision by the bank's board followed a cut of 25 basis points in
      December. Annual inflation stood at 4.5% in December, above the bank's 3% target.

      The board said in a statement that the rate would converge to its neutral level at a
      slower pace than previously expected, citing the rise of the dollar and the
      uncertainty in global markets.""", kind="distinct"),
    E("br-selic-hike-2025-03-19", "agencia-brasil", "2025-03-19 21:35", "Brasília", "Brazil",
      "Copom raises Selic rate to 14.25% a year",
      """The Central Bank's Monetary Policy Committee (Copom) on Wednesday raised the Selic
      rate, the basic interest rate of the economy, by 1 percentage point, from 13.25% to
      14.25% a year. The decision was unanimous and had been expected by the financial
      market.

      In its statement, Copom said that it foresees "an adjustment of smaller magnitude" at
      its next meeting, in May. It cited inflation expectations above the 3% target.

      The Selic is the Central Bank's main instrument to keep inflation under control. When
      the Copom raises the basic rate, the aim is to contain heated demand, which affects
      prices because higher interest rates make credit more expensive.""", kind="distinct"),
    E("ec-first-round-2025-02-10", "efe", "2025-02-10 05:20", "Quito", "Ecuador",
      "Noboa and González will face each other in a runoff in Ecuador",
      """President Daniel Noboa and leftist candidate Luisa González will face each other in
      a runoff on April 13, after neither obtained the votes needed to win in the first round
      of the presidential elections held on Sunday, according to results from the National
      Electoral Council (CNE).

      With 90% of the votes counted, Noboa, of the National Democratic Action (ADN) party,
      had 44.3% of the valid votes, while González, of the Citizen Revolution movement led by
      former president Rafael Correa, had 43.9%.

      Indigenous leader Leonidas Iza, of Pachakutik, came third with 5.3%. The other 13
      candidates each obtained less than 1%.

      Turnout was 83%, the CNE president, Diana Atamaint, said. Voting is compulsory in
      Ecuador for citizens between 18 and 64 years old.""",
      (C("mercopress", 7, "verbatim", "Ecuador heads for Noboa-González runoff on April 13"),
       C("prensa-latina", 3, "rewrite", "Luisa González and Noboa go to second round in Ecuador",
         paras="""The candidate of the Citizen Revolution, Luisa González, and the
         president-candidate Daniel Noboa will define the Presidency of Ecuador in a second
         round, after a virtual technical tie in Sunday's elections.

         According to the National Electoral Council, González obtained 43.9 percent and
         Noboa 44.3 percent, a difference of fewer than 40,000 votes, far from what polls
         had predicted.

         González thanked voters in Quito and said the result showed that the people want a
         change of course. Leonidas Iza, of Pachakutik, was third.""", city="Quito"),
       C("ap", 1, "rewrite", "Ecuador's president and a leftist rival head to a runoff",
         paras="""Ecuador's President Daniel Noboa and leftist lawyer Luisa González, a
         protégé of former President Rafael Correa, are headed to a runoff, according to
         official results released early Monday, in a race dominated by voters' fears of
         rising violence.

         Noboa had about 44% of the vote and González almost as much, with most ballots
         counted. A candidate needed 50%, or 40% with a 10-point lead, to win outright.

         The two met in a 2023 snap election that Noboa won. The runoff is set for April
         13.""", city="Quito")),
    ),
    E("ec-runoff-2025-04-14", "efe", "2025-04-14 04:50", "Quito", "Ecuador",
      "Noboa wins runoff and is re-elected president of Ecuador",
      """President Daniel Noboa was re-elected on Sunday after defeating leftist candidate
      Luisa González in the runoff of the presidential elections, according to results from
      the National Electoral Council (CNE).

      With 92% of the votes counted, Noboa had 55.6% of the valid votes, while González, of
      the Citizen Revolution movement led by former president Rafael Correa, had 44.4%.

      González said she did not recognize the results and asked for a recount. Turnout was
      83.7%, the CNE president, Diana Atamaint, said.""", kind="distinct"),
    E("ar-superclasico-2025-04-27", "telam", "2025-04-27 21:15", "Buenos Aires", "Argentina",
      "River beat Boca 2-1 in the Superclásico at the Monumental",
      """River Plate beat Boca Juniors 2-1 on Sunday at the Monumental stadium in the 15th
      round of the Apertura tournament, with goals from Sebastián Driussi and Franco Mastantuono
      in the second half.

      Boca had taken the lead in the 23rd minute through Miguel Merentiel, after a mistake by
      the River defence. Driussi equalised with a header in the 58th minute and Mastantuono,
      17, scored the winner from a free kick in the 77th.

      Boca finished with ten men after Ayrton Costa was sent off in the 84th minute for a
      second yellow card.

      With the win, River coached by Marcelo Gallardo reached 28 points in Zone B, while Boca
      stayed on 29 points at the top of Zone A. More than 85,000 fans attended the match.""",
      (C("batimes", 2, "edited", "Mastantuono free kick gives River Superclásico win",
         drop=(2,), subs=(("More than 85,000 fans attended the match.",
                           "Only home fans were allowed into the stadium."),)),
       C("efe", 1, "rewrite", "River wins the Superclásico with a goal from teenager Mastantuono",
         paras="""A free kick by 17-year-old Franco Mastantuono gave River Plate a 2-1
         comeback victory over Boca Juniors in Argentina's Superclásico, played on Sunday
         before a packed Monumental.

         Miguel Merentiel had put Boca ahead in the first half, and Sebastián Driussi headed
         in the equaliser for the hosts early in the second.

         Boca's Ayrton Costa was shown a second yellow late in the game. Gallardo's River
         moved to 28 points; Boca still lead their group.""", city="Buenos Aires"),
       C("mercopress", 20, "rewrite", "Teenager Mastantuono decides the Superclásico for River",
         paras="""The most important football derby in Argentina was decided by a teenager:
         Franco Mastantuono, 17, curled a free kick past goalkeeper Agustín Marchesín to
         give River Plate a 2-1 win against arch-rivals Boca Juniors at the Monumental.

         Merentiel scored first for Boca and Driussi levelled. Boca ended with ten men.

         Mastantuono is expected to join Real Madrid after the Club World Cup in a transfer
         worth 45 million euros.""", city="Montevideo")),
    ),
    E("cl-wildfires-valparaiso-2024-02-04", "afp", "2024-02-04 16:30", "Viña del Mar", "Chile",
      "Chile wildfires kill at least 51, Boric declares state of emergency",
      """At least 51 people have died in wildfires raging around the Chilean coastal city of
      Viña del Mar, President Gabriel Boric said Saturday, warning that the toll was likely to
      rise.

      "We are facing a tragedy of very great magnitude," Boric said in a televised address,
      declaring a state of emergency in the Valparaiso region that allows the deployment of
      troops.

      Around 1,100 homes have been destroyed, according to the interior ministry, and
      forestry agency Conaf said 92 fires were burning across central and southern Chile,
      with 43,000 hectares affected.

      Thick smoke covered Viña del Mar, a popular beach resort, where residents of hillside
      neighbourhoods fled as flames reached their homes. Authorities imposed a curfew in
      the worst-hit areas of Viña del Mar, Quilpué and Villa Alemana.""",
      (C("riotimes", 3, "verbatim", "At least 51 dead in Chile's Valparaíso wildfires"),
       C("mercopress", 8, "edited", "Chile: Boric declares emergency as fires kill 51 in Valparaiso",
         cut=3, subs=(("President Gabriel Boric", "President Gabriel Boric (pictured)"),),
         add="Chile's central-south regions suffer forest fires every summer, aggravated in "
             "recent years by drought and high temperatures."),
       C("efe", 2, "rewrite", "Death toll from fires in central Chile rises to 51",
         paras="""The number of dead from the forest fires that have devastated the
         Valparaíso region of central Chile rose to 51 on Saturday, the Chilean president,
         Gabriel Boric, reported.

         The president decreed a state of catastrophe for the affected communes, which
         allows the armed forces to take charge of security, and announced a curfew in Viña
         del Mar, Quilpué and Villa Alemana.

         The National Forest Corporation (Conaf) counted 92 active fires in the country.
         More than a thousand houses burned in the hills of Viña del Mar.""",
         city="Santiago")),
    ),
    E("cl-wildfires-biobio-2024-02-21", "afp", "2024-02-21 18:05", "Concepción", "Chile",
      "Chile wildfires destroy 60 homes in Biobio, no deaths reported",
      """Wildfires destroyed at least 60 homes in Chile's southern Biobio region on
      Wednesday, authorities said, less than three weeks after blazes killed 137 people
      around Viña del Mar.

      Interior ministry officials declared a red alert for the communes of Santa Juana and
      Nacimiento, where residents were evacuated as flames approached. No deaths have been
      reported.

      Forestry agency Conaf said 31 fires were burning across the region, with 6,800
      hectares affected, as temperatures reached 38 degrees Celsius.""", kind="distinct"),
    E("gt-fuego-eruption-2025-03-10", "efe", "2025-03-10 15:40", "Guatemala City",
      "Guatemala", "Guatemala evacuates 1,200 people due to strong eruption of Fuego volcano",
      """Guatemalan authorities evacuated more than 1,200 people on Monday from communities
      near the Fuego volcano, which began a strong eruption with pyroclastic flows descending
      its slopes, the National Coordinator for Disaster Reduction (Conred) reported.

      The evacuations took place in the communities of El Porvenir, Morelia and Panimaché, in
      the departments of Escuintla, Chimaltenango and Sacatepéquez. Conred opened nine
      shelters.

      The National Institute of Seismology, Volcanology, Meteorology and Hydrology
      (Insivumeh) reported columns of ash up to 7,000 meters high and the fall of ash in
      at least twelve towns. The La Aurora international airport remained open.

      An eruption of the Fuego volcano in June 2018 left 215 dead and dozens missing.""",
      (C("ticotimes", 5, "verbatim", "Fuego volcano eruption forces 1,200 to evacuate in Guatemala"),
       C("ap", 2, "rewrite", "Guatemala's Fuego volcano erupts, forcing evacuations",
         paras="""Guatemala's Fuego volcano erupted Monday, spewing ash and sending hot
         avalanches of rock and gas down its flanks, and officials evacuated more than a
         thousand residents of nearby villages.

         The disaster agency said buses carried people from El Porvenir and Morelia to
         shelters in the town of Escuintla. Ash clouds rose to 7 kilometers.

         Fuego, 50 kilometers southwest of the capital, is one of the most active volcanoes
         in Central America. Its 2018 eruption killed 215 people.""", city="Escuintla"),
       C("prensa-latina", 6, "edited", "Fuego volcano erupts in Guatemala, over 1,200 evacuated",
         drop=(3,), subs=(("Guatemalan authorities", "The Guatemalan authorities"),
                          ("on Monday", "this Monday"))),
       ),
    ),
    E("gt-fuego-eruption-2025-03-18", "efe", "2025-03-18 14:10", "Guatemala City",
      "Guatemala", "Fuego volcano registers new eruption; 300 evacuated in Escuintla",
      """Guatemalan authorities evacuated 300 people on Tuesday from the community of
      Sangre de Cristo near the Fuego volcano, which began a new eruptive phase eight days
      after the one that forced the evacuation of 1,200 residents, Conred reported.

      The Insivumeh reported columns of ash up to 4,800 meters high and moderate pyroclastic
      flows towards the Las Lajas ravine. Conred opened two shelters in Escuintla.

      The La Aurora international airport remained open.""", kind="distinct"),
    E("bo-lithium-uranium-one-2024-09-13", "bnamericas", "2024-09-13 17:20", "La Paz",
      "Bolivia", "YLB signs US$976mn lithium contract with Russia's Uranium One",
      """Bolivian state lithium company YLB signed a US$976mn contract with Russia's Uranium
      One Group, part of Rosatom, to build a lithium carbonate plant in the Uyuni salt flat,
      the hydrocarbons and energy ministry said.

      The plant, which will use direct lithium extraction (DLE) technology, will have
      capacity to produce 14,000t/y of lithium carbonate. YLB will hold a 51% stake in the
      project.

      Hydrocarbons and Energy Minister Alejandro Gallardo said the contract must still be
      approved by the legislative assembly. The signing ceremony took place in La Paz in the
      presence of President Luis Arce.

      Bolivia holds the world's largest lithium resources, estimated by the US Geological
      Survey at 23Mt, but has yet to produce on an industrial scale.""",
      (C("reuters", 2, "rewrite", "Bolivia signs $976 million lithium deal with Russian firm",
         paras="""Bolivia signed a $976 million deal with a Russian company to build a
         lithium plant in the Uyuni salt flat, the government said on Friday, as the
         Andean nation seeks to tap its vast untapped reserves of the battery metal.

         Uranium One, a unit of Russia's state nuclear company Rosatom, will build the plant
         with state firm Yacimientos de Litio Bolivianos (YLB), which will keep a 51% stake.
         The plant is to produce 14,000 metric tons of lithium carbonate a year.

         "Our goal is to industrialize lithium with sovereignty," President Luis Arce said.
         The deal requires congressional approval.""", city="La Paz"),
       C("efe", 4, "edited", "Bolivia signs lithium contract with Russian company for 976 million dollars",
         drop=(3,), subs=(("Bolivian state lithium company YLB",
                           "The Bolivian state company Yacimientos de Litio Bolivianos (YLB)"),)),
       ),
    ),
    E("bo-lithium-cbc-2024-11-29", "bnamericas", "2024-11-29 16:40", "La Paz", "Bolivia",
      "YLB signs US$1.03bn lithium contract with China's CBC",
      """Bolivian state lithium company YLB signed a US$1.03bn contract with Hong Kong CBC, a
      consortium led by Chinese battery maker CATL, to build two lithium carbonate plants in
      the Uyuni salt flat, the hydrocarbons and energy ministry said.

      The plants, which will use direct lithium extraction (DLE) technology, will have
      combined capacity of 35,000t/y. YLB will hold a 51% stake in the project.

      Hydrocarbons and Energy Minister Alejandro Gallardo said the contract must still be
      approved by the legislative assembly.""", kind="distinct"),
    E("uy-orsi-inauguration-2025-03-01", "mercopress", "2025-03-01 20:30", "Montevideo",
      "Uruguay", "Yamandú Orsi sworn in as president of Uruguay",
      """Yamandú Orsi of the left-wing Frente Amplio coalition was sworn in on Saturday as
      president of Uruguay before the General Assembly in Montevideo, succeeding Luis Lacalle
      Pou, who handed him the presidential sash in Independence Square.

      Orsi, a 57-year-old former history teacher and two-time mayor of Canelones, won the
      November runoff with 49.8% of the vote against the ruling coalition's Álvaro Delgado.

      In his first speech as head of state, Orsi promised to fight child poverty and
      insecurity and called for "a country that unites". Carolina Cosse was sworn in as vice
      president.

      The ceremony was attended by the presidents of Brazil, Luiz Inácio Lula da Silva,
      Chile, Gabriel Boric, and Paraguay, Santiago Peña, and by King Felipe VI of Spain.""",
      (C("efe", 1, "rewrite", "Orsi takes office in Uruguay and promises to govern for all",
         paras="""The leftist Yamandú Orsi assumed the Presidency of Uruguay this Saturday
         with a call for unity and the promise to put the fight against child poverty at the
         centre of his government.

         After taking the oath before the General Assembly, Orsi received the sash from
         outgoing president Luis Lacalle Pou in the Plaza Independencia, in a gesture of
         institutional continuity praised by the guests.

         Among them were Lula, Boric, Peña and the King of Spain, Felipe VI. Orsi, of the
         Frente Amplio, returns the left to power after five years.""", city="Montevideo"),
       C("prensa-latina", 3, "rewrite", "Uruguay: Frente Amplio returns to government with Orsi",
         paras="""With Yamandú Orsi's inauguration on Saturday, the Frente Amplio returned to
         the government of Uruguay, which it had led between 2005 and 2020 under Tabaré
         Vázquez and José Mujica.

         Orsi, former mayor of Canelones, was sworn in before parliament together with vice
         president Carolina Cosse. Thousands of people celebrated on 18 de Julio avenue.

         Mujica, his political mentor, attended the ceremony despite his illness.""",
         city="Montevideo"),
       C("batimes", 5, "edited", "Orsi sworn in as Uruguay's president, Milei absent",
         drop=(3,), add="Argentina was represented by Foreign Minister Gerardo Werthein; "
                        "President Javier Milei did not attend."),
       ),
    ),
    E("br-rs-floods-2024-05-05", "agencia-brasil", "2024-05-05 14:20", "Porto Alegre", "Brazil",
      "Rio Grande do Sul floods: death toll rises to 75",
      """The number of deaths caused by the heavy rains in Rio Grande do Sul rose to 75 this
      Sunday, according to the latest bulletin from the state Civil Defense. Another 103
      people are missing and 155 were injured.

      The rains have affected 341 of the state's 497 municipalities. More than 88,000 people
      have had to leave their homes, of whom 16,000 are in public shelters.

      In Porto Alegre, the Guaíba river reached 5.33 meters, surpassing the record of the
      historic flood of 1941. The Salgado Filho international airport suspended operations
      indefinitely.

      President Luiz Inácio Lula da Silva visited the state for the second time and promised
      that "there will be no lack of resources" for reconstruction.""",
      (C("riotimes", 4, "verbatim", "Death toll in southern Brazil floods rises to 75"),
       C("reuters", 1, "rewrite", "Brazil flood deaths climb to 75 as Porto Alegre river hits record",
         paras="""Floods in Brazil's southern state of Rio Grande do Sul have killed at least
         75 people, with 103 others missing, local authorities said on Sunday, as the river
         running through the state capital Porto Alegre reached a record level.

         The Guaiba river rose to 5.33 meters, above the level of a historic 1941 flood,
         forcing the closure of the city's airport. Some 88,000 people have been displaced.

         President Luiz Inacio Lula da Silva flew over the area with ministers and promised
         federal aid for rebuilding.""", city="Porto Alegre"),
       C("ap", 6, "edited", "Floods in southern Brazil kill 75 as rivers break records",
         drop=(3,), subs=(("this Sunday", "on Sunday"),)),
       ),
    ),
    E("mx-judicial-election-2025-06-02", "mexico-news-daily", "2025-06-02 16:00",
      "Mexico City", "Mexico", "Turnout in Mexico's first judicial election around 13%, INE says",
      """Around 13% of eligible voters cast ballots in Mexico's first-ever judicial election
      on Sunday, according to a quick count by the National Electoral Institute (INE),
      the lowest turnout for a national vote in decades.

      Mexicans were asked to elect 881 federal judges, including the nine ministers of the
      Supreme Court, from a list of more than 3,400 candidates. INE president Guadalupe
      Taddei said the final count of the Supreme Court ballots would conclude on June 10.

      President Claudia Sheinbaum called the election "a success" and said that 13 million
      people had voted. Opposition parties, which had called for a boycott, said the low
      turnout showed the reform lacked legitimacy.

      The judicial reform was approved by Congress in September 2024, at the end of the
      term of former president Andrés Manuel López Obrador.""",
      (C("efe", 2, "rewrite", "Sheinbaum celebrates judicial election despite 13% turnout",
         paras="""The president of Mexico, Claudia Sheinbaum, described as a success this
         Monday the unprecedented election of judges and magistrates, in which, according to
         the National Electoral Institute, between 12.5% and 13.3% of voters participated.

         "Thirteen million Mexicans went to vote, more than any opposition party obtained,"
         the president said at her morning press conference.

         The opposition and legal organizations maintain that the process, in which 881
         federal positions were elected, will leave justice in the hands of the ruling
         party.""", city="Mexico City"),
       C("ap", 3, "rewrite", "Few Mexicans vote in unprecedented election of judges",
         paras="""Only about one in eight eligible Mexicans voted in Sunday's election of
         judges, the first time a country has chosen all of its judges by popular vote,
         electoral authorities said.

         Critics of the overhaul, pushed by former President Andrés Manuel López Obrador and
         his successor Claudia Sheinbaum, said the vote would politicize the courts. Voters
         faced long ballots with hundreds of unknown names.

         Results for the Supreme Court are expected within days.""", city="Mexico City"),
       ),
    ),
    E("ar-imf-program-2025-04-11", "reuters", "2025-04-11 20:45", "Washington", "Argentina",
      "IMF board approves $20 billion program for Argentina, $12 billion upfront",
      """The International Monetary Fund's executive board on Friday approved a new $20
      billion, 48-month Extended Fund Facility for Argentina, with an immediate disbursement
      of $12 billion, the Fund said in a statement.

      A further $2 billion will be disbursed in June, subject to a first review of the
      program. The IMF said Argentina would move to a more flexible exchange rate regime
      and lift most currency controls known as the "cepo".

      Economy Minister Luis Caputo said the peso would float within a band of 1,000 to 1,400
      per dollar from Monday, and that the World Bank and Inter-American Development Bank
      would provide a further $22 billion.

      It is Argentina's 23rd program with the Fund. The country is already the IMF's largest
      debtor, owing around $41 billion from a 2018 bailout.""",
      (C("batimes", 1, "edited", "IMF approves US$20-billion deal; Caputo announces end of 'cepo'",
         drop=(3,), subs=(("on Friday", "on Friday afternoon"),),
         add="The government also announced it would lift the restrictions on individuals "
             "buying dollars."),
       C("mercopress", 16, "rewrite", "IMF gives Argentina US$20bn and Milei lifts the 'cepo'",
         paras="""The IMF approved a US$20bn Extended Fund Facility for Argentina on Friday,
         releasing US$12bn at once, and the Milei government responded by dismantling most
         of the 'cepo' currency controls imposed in 2019.

         From Monday the peso floats between 1,000 and 1,400 per dollar. Minister Caputo
         said the World Bank and the IDB will add US$22bn in financing.

         Argentina owes the Fund some US$41bn from the record 2018 loan to Mauricio
         Macri.""", city="Montevideo"),
       C("batimes", 26, "verbatim", "Read it in full: IMF board approves Argentina program"),
       ),
    ),
    E("pe-sol-close-2025-07-08", "andina", "2025-07-08 21:05", "Lima", "Peru",
      "Peru's sol closes at 3.561 per US dollar on Tuesday",
      """The exchange rate closed on Tuesday at 3.561 soles per US dollar, down 0.25% from
      Monday's close of 3.570 soles, according to data from the Central Reserve Bank of Peru
      (BCRP).

      In the interbank market, the dollar opened at 3.568 soles and traded between 3.558
      and 3.569 soles. Trading volume reached US$512 million.

      So far this year, the sol has appreciated 5.3% against the US dollar.""",
      kind="distinct"),
    E("pe-sol-close-2025-07-09", "andina", "2025-07-09 21:10", "Lima", "Peru",
      "Peru's sol closes at 3.548 per US dollar on Wednesday",
      """The exchange rate closed on Wednesday at 3.548 soles per US dollar, down 0.37% from
      Tuesday's close of 3.561 soles, according to data from the Central Reserve Bank of Peru
      (BCRP).

      In the interbank market, the dollar opened at 3.559 soles and traded between 3.546
      and 3.560 soles. Trading volume reached US$478 million.

      So far this year, the sol has appreciated 5.6% against the US dollar.""",
      kind="distinct"),
    E("pe-sol-close-2025-07-10", "andina", "2025-07-10 21:00", "Lima", "Peru",
      "Peru's sol closes at 3.552 per US dollar on Thursday",
      """The exchange rate closed on Thursday at 3.552 soles per US dollar, up 0.11% from
      Wednesday's close of 3.548 soles, according to data from the Central Reserve Bank of
      Peru (BCRP).

      In the interbank market, the dollar opened at 3.545 soles and traded between 3.543
      and 3.556 soles. Trading volume reached US$530 million.

      So far this year, the sol has appreciated 5.5% against the US dollar.""",
      kind="distinct"),
    E("cr-rains-emergency-2024-11-19", "ticotimes", "2024-11-19 23:30", "San José",
      "Costa Rica", "Costa Rica declares national emergency as rains leave 3 dead",
      """Costa Rica's government declared a national emergency on Tuesday after days of
      heavy rain caused flooding and landslides that have left three people dead and forced
      more than 2,400 people into shelters, President Rodrigo Chaves announced.

      The National Emergency Commission (CNE) said 71 shelters were open, most of them in
      the cantons of Pérez Zeledón, Osa, Golfito and Corredores in the Southern Zone, where
      rivers burst their banks. Route 2, the Inter-American Highway, was closed at Cerro de
      la Muerte due to landslides.

      The emergency decree allows the government to release funds and speed up the
      contracting of repairs to roads and bridges. The National Meteorological Institute
      forecast more rain through the weekend due to a cold front and a low-pressure system
      in the Caribbean.""",
      (C("efe", 3, "rewrite", "Costa Rica decrees emergency due to rains that leave three dead",
         paras="""The Costa Rican government decreed a national emergency this Tuesday due to
         the heavy rains that have hit the Central American country for a week, leaving
         three dead and some 2,400 people in shelters.

         President Rodrigo Chaves signed the decree, which will allow resources to be
         quickly allocated to repair roads and bridges, mainly in the south of the country.

         The Inter-American Highway remained closed at the height of Cerro de la Muerte,
         the authorities reported.""", city="San José"),
       C("prensa-latina", 8, "edited", "Costa Rica in national emergency due to rains",
         cut=2, subs=(("Costa Rica's government", "The Costa Rican government"),)),
       ),
    ),
    E("co-petro-cabinet-2025-02-09", "efe", "2025-02-09 22:10", "Bogotá", "Colombia",
      "Petro asks all his ministers and directors to resign",
      """Colombian President Gustavo Petro on Sunday asked all his ministers and the directors
      of administrative departments to submit their resignations, in the midst of a crisis
      in his government after a televised cabinet meeting exposed internal disputes.

      "I have asked for the protocol resignation of ministers and directors of departments,"
      Petro wrote on X, adding that the government would be "restructured" to fulfil the
      programme voted for by the people.

      The decision comes days after the resignation of the Minister of Environment, Susana
      Muhamad, and the director of the Administrative Department of the Presidency, Jorge
      Rojas, who objected to the appointment of Armando Benedetti as chief of staff.

      Petro, the first leftist president of Colombia, has 18 months left in his term, which
      ends on August 7, 2026.""",
      (C("colombia-one", 2, "verbatim", "Petro requests resignation of his entire cabinet"),
       C("mercopress", 12, "edited", "Colombia: Petro asks entire cabinet to resign",
         drop=(2,), subs=(("Colombian President Gustavo Petro", "President Gustavo Petro"),)),
       C("reuters", 0.4, "rewrite", "Colombia's Petro asks cabinet to resign after public spat",
         paras="""Colombian President Gustavo Petro asked his ministers and department heads
         to hand in their resignations on Sunday, following a fractious cabinet meeting
         broadcast live last week in which officials criticized each other.

         Environment Minister Susana Muhamad quit over the appointment of Armando Benedetti,
         a close ally of Petro who has faced corruption accusations, as chief of staff.

         Petro said on X that his government would be restructured.""", city="Bogota"),
       ),
    ),
    E("mx-hurricane-otis-2023-10-25", "ap", "2023-10-25 14:30", "Acapulco", "Mexico",
      "Hurricane Otis slams Acapulco as a Category 5 storm",
      """Hurricane Otis ripped through Mexico's Pacific resort of Acapulco as a Category 5
      storm early Wednesday, tearing roofs off hotels, flooding streets and cutting
      communications to the city of nearly 1 million people.

      Otis made landfall at 12:25 a.m. with winds of 165 mph (270 kph), the U.S. National
      Hurricane Center said, after intensifying faster than forecasters had predicted.

      President Andrés Manuel López Obrador said there were no confirmed deaths so far but
      that communications were down. The only highway to the city was blocked by
      landslides, and the airport's control tower was damaged.

      Otis weakened rapidly over the mountains of Guerrero state.""",
      (C("mexico-news-daily", 3, "edited", "Otis hits Acapulco as Category 5 hurricane",
         drop=(3,), add="Acapulco received about 5 million tourists last year."),
       C("riotimes", 5, "verbatim", "Category 5 Hurricane Otis devastates Acapulco"),
       C("efe", 1, "rewrite", "Hurricane Otis devastates Acapulco with winds of 270 km/h",
         paras="""Hurricane Otis hit the Mexican port of Acapulco this Wednesday as a
         category 5 on the Saffir-Simpson scale, causing serious damage to hotels, homes and
         power lines, the authorities reported.

         López Obrador said the federal government had sent 1,000 electricity workers and
         that the army was trying to clear the Mexico-Acapulco highway.

         The storm went from tropical storm to category 5 in just twelve hours.""",
         city="Mexico City"),
       ),
    ),
    E("mx-hurricane-john-2024-09-24", "ap", "2024-09-24 13:50", "Acapulco", "Mexico",
      "Hurricane John hits Mexico's Guerrero coast as a Category 3 storm",
      """Hurricane John made landfall on Mexico's southern Pacific coast in Guerrero state as a
      Category 3 storm late Monday, near the town of Marquelia, about 120 miles (190
      kilometers) southeast of Acapulco.

      John hit with winds of 120 mph (195 kph), the U.S. National Hurricane Center said.

      President Andrés Manuel López Obrador said the army and navy had set up shelters. The
      storm weakened rapidly over the mountains of Guerrero state.""", kind="distinct"),
]

# ---------------------------------------------------------------------------------------------
# Africa
# ---------------------------------------------------------------------------------------------
AFRICA = [
    E("ng-kaduna-highway-abduction-2024-08-12", "nan", "2024-08-12 13:15", "Kaduna", "Nigeria",
      "Gunmen abduct 43 passengers on Abuja-Kaduna highway",
      """Gunmen on Sunday night abducted 43 passengers travelling on the Abuja-Kaduna highway
      near Katari in Kachia Local Government Area of Kaduna State, the police have
      confirmed.

      The Police Public Relations Officer in the state, ASP Mansir Hassan, told the News
      Agency of Nigeria (NAN) in Kaduna on Monday that the assailants, numbering about 30,
      blocked the road at about 9.30 p.m. and opened fire on two commercial buses.

      Hassan said one passenger was killed and three others were injured and taken to a
      hospital in Kachia. He said tactical teams and military personnel had been deployed to
      the area to rescue the victims and arrest the perpetrators.

      The Commissioner for Internal Security and Home Affairs, Samuel Aruwan, urged
      travellers to avoid the highway at night.""",
      (C("premium-times", 2, "verbatim", "Bandits abduct 43 travellers on Abuja-Kaduna road"),
       C("allafrica", 5, "verbatim"),
       C("channels", 3, "rewrite", "Kaduna: Police confirm abduction of 43 travellers, one killed",
         paras="""The Kaduna State Police Command has confirmed that 43 travellers were
         kidnapped and one killed when armed bandits attacked vehicles along the Kaduna-Abuja
         expressway on Sunday night.

         Command spokesman Mansir Hassan said the attackers shot at two buses in the Katari
         axis of Kachia LGA and herded passengers into the bush.

         A survivor who spoke to Channels Television said the gunmen wore military
         camouflage. Security forces have begun a search-and-rescue operation in the
         surrounding forest, the police said.""", city="Kaduna"),
       C("afp", 9, "rewrite", "Gunmen kidnap 43 bus passengers in northwest Nigeria",
         paras="""Armed gangs kidnapped 43 passengers from two buses on a major highway in
         northwest Nigeria's Kaduna state, police said Monday, the latest mass abduction in a
         region plagued by so-called bandits.

         The attackers blocked the Abuja-Kaduna road late on Sunday and opened fire, killing
         one passenger, a police spokesman said.

         Criminal gangs in northwest and central Nigeria raid villages and kidnap travellers
         for ransom. In 2022 an attack on a train on the same route led to the abduction of
         more than 60 people.""", city="Kano"),
       ),
    ),
    E("ng-zamfara-farmers-abduction-2024-08-14", "nan", "2024-08-14 12:40", "Gusau", "Nigeria",
      "Gunmen abduct 18 farmers in Zamfara",
      """Gunmen on Tuesday abducted 18 farmers working on their farms in Dan Sadau, Maru Local
      Government Area of Zamfara State, the police have confirmed.

      The Police Public Relations Officer in the state, DSP Yazid Abubakar, told the News
      Agency of Nigeria (NAN) in Gusau on Wednesday that the assailants, numbering about 50,
      stormed the farms on motorcycles at about 10 a.m.

      Abubakar said tactical teams and military personnel had been deployed to the area to
      rescue the victims and arrest the perpetrators.""", kind="distinct"),
    E("gh-imf-staff-level-2nd-review-2024-10-04", "gna", "2024-10-04 09:30", "Accra", "Ghana",
      "IMF reaches staff-level agreement with Ghana on second review of ECF",
      """The International Monetary Fund (IMF) has reached a staff-level agreement with Ghana
      on the second review of the country's three-year Extended Credit Facility (ECF)
      programme, which will unlock about 360 million dollars once approved by the Fund's
      Executive Board.

      Mr Stéphane Roudet, IMF Mission Chief for Ghana, said in a statement after a two-week
      mission in Accra that Ghana's economy was recovering faster than expected, with growth
      reaching 6.9 per cent in the second quarter of 2024.

      He said inflation had declined to 20.4 per cent in August, and gross international
      reserves had increased, but warned that fiscal slippages ahead of the December
      elections must be avoided.

      The ECF arrangement, approved in May 2023, provides for about three billion dollars in
      financing.""",
      (C("myjoyonline", 1, "verbatim"),
       C("reuters", 0.5, "rewrite", "IMF and Ghana reach deal on second review, unlocking $360 million",
         paras="""The International Monetary Fund said on Friday it had reached a staff-level
         agreement with Ghana on the second review of its $3 billion loan programme, paving
         the way for a disbursement of about $360 million.

         Ghana's recovery from its worst economic crisis in a generation has been stronger
         than expected, mission chief Stephane Roudet said, with economic growth of 6.9% in
         the second quarter.

         The deal must be approved by the IMF's board. Ghana holds presidential and
         parliamentary elections on Dec. 7.""", city="Accra"),
       C("allafrica", 7, "edited", "Ghana: IMF Reaches Staff-Level Agreement On Second Review",
         drop=(2,), subs=(("Mr Stéphane Roudet", "Stéphane Roudet"),)),
       ),
    ),
    E("gh-imf-board-2nd-review-2024-12-03", "gna", "2024-12-03 08:50", "Accra", "Ghana",
      "IMF Board approves second review of Ghana's ECF, disburses 360 million dollars",
      """The Executive Board of the International Monetary Fund (IMF) has completed the second
      review of Ghana's three-year Extended Credit Facility (ECF) programme, allowing for an
      immediate disbursement of about 360 million dollars.

      Mr Kenji Okamura, IMF Deputy Managing Director, said in a statement after the Board
      meeting in Washington that Ghana's programme performance had been strong, with growth
      and reserves above expectations.

      The disbursement brings total IMF financing to Ghana under the arrangement to about
      1.92 billion dollars.""", kind="distinct"),
    E("za-sarb-cut-2025-01-30", "reuters", "2025-01-30 13:20", "Johannesburg", "South Africa",
      "South Africa's central bank cuts repo rate by 25 bps to 7.50%",
      """The South African Reserve Bank (SARB) cut its main lending rate by 25 basis points
      to 7.50% on Thursday, as expected, its third consecutive reduction since it started
      easing in September.

      Governor Lesetja Kganyago said four members of the monetary policy committee preferred
      the cut and two voted to keep the rate unchanged at 7.75%.

      Headline inflation stood at 3.0% in December, near the bottom of the bank's 3%-6%
      target range. The SARB kept its forecast for 2025 inflation at 3.6% and said the
      rand's weakness and tariffs posed upside risks.

      The bank also raised its 2025 growth forecast to 1.7% from 1.6%.""",
      (C("news24", 1, "edited", "Reserve Bank cuts rates again: what it means for your bond",
         cut=3, add="On a R1.5 million home loan over 20 years, the cut lowers repayments by "
                    "about R240 a month."),
       C("iol", 3, "verbatim", "Kganyago announces 25 basis point cut, prime now 11%"),
       C("sabc", 0.5, "rewrite", "SARB cuts repo rate by 25 basis points",
         paras="""The South African Reserve Bank has cut the repurchase rate by 25 basis
         points to 7.5 percent. This means the prime lending rate falls to 11 percent.

         Announcing the decision in Pretoria, Reserve Bank Governor Lesetja Kganyago said
         the Monetary Policy Committee was split, with four members voting for the cut and
         two for a hold.

         Kganyago said global uncertainty and a stronger US dollar made the outlook more
         difficult. Consumers with home and vehicle loans will get some relief.""",
         city="Pretoria"),
       ),
    ),
    E("za-sarb-hold-2025-03-20", "reuters", "2025-03-20 13:25", "Johannesburg", "South Africa",
      "South Africa's central bank holds repo rate at 7.50%",
      """The South African Reserve Bank (SARB) kept its main lending rate unchanged at 7.50%
      on Thursday, pausing its easing cycle after three consecutive cuts.

      Governor Lesetja Kganyago said four members of the monetary policy committee preferred
      to hold and two voted for a cut of 25 basis points.

      Headline inflation stood at 3.2% in February. The SARB lowered its 2025 growth
      forecast to 1.7% from 1.8%, citing uncertainty over the national budget.""",
      kind="distinct"),
    E("ke-floods-garissa-2024-04-28", "kbc", "2024-04-28 10:15", "Garissa", "Kenya",
      "Over 4,200 families displaced as River Tana bursts its banks in Garissa",
      """More than 4,200 families have been displaced in Garissa County after River Tana burst
      its banks following heavy rains in the upper catchment areas, the Kenya Red Cross
      Society has said.

      Garissa County Commissioner Mohamed Mwabudzo said on Saturday that the worst-hit
      areas were Saka, Balambala and Township, where homes, farms and a section of the
      Garissa-Nairobi road were submerged. Two people drowned while trying to cross a flooded
      drift.

      The families are being hosted in 14 camps, where the Red Cross is distributing food,
      tents and water treatment tablets. Mwabudzo urged residents living along the river to
      move to higher ground.

      The Kenya Meteorological Department has warned that heavy rains will continue in most
      parts of the country in the coming week.""",
      (C("the-star-ke", 4, "rewrite", "Floods: Thousands flee as Tana River breaks banks in Garissa",
         paras="""Thousands of residents of Garissa have fled their homes after the Tana River
         burst its banks, submerging villages and cutting the road to Nairobi.

         County commissioner Mohamed Mwabudzo said two people had drowned at a drift near
         Balambala, and urged families living along the riverbanks to relocate immediately.

         Red Cross officials said more than 4,000 households were sheltering in camps in
         Saka and Township wards, where they need food and clean water.""",
         city="Garissa"),
       C("xinhua", 9, "rewrite", "Floods displace over 4,000 families in northeastern Kenya",
         paras="""Floods have displaced more than 4,200 families in Kenya's northeastern county
         of Garissa after the country's longest river overflowed, the Kenya Red Cross said
         Sunday.

         The floods, caused by heavy rains that have pounded the country since March, have
         killed two people in Garissa, local officials said.

         The Kenya Meteorological Department forecast more heavy rains in the coming
         days.""", city="Nairobi"),
       C("africanews", 26, "edited", "Kenya: River Tana floods displace thousands in Garissa",
         drop=(3,), subs=(("More than 4,200 families", "Over 4,200 families"),)),
       ),
    ),
    E("ke-floods-tana-river-2024-04-29", "kbc", "2024-04-29 09:40", "Hola", "Kenya",
      "Over 1,800 families displaced as River Tana bursts its banks in Tana River County",
      """More than 1,800 families have been displaced in Tana River County after River Tana
      burst its banks following heavy rains in the upper catchment areas, the Kenya Red Cross
      Society has said.

      Tana River County Commissioner Mohamed Noor said on Sunday that the worst-hit areas
      were Garsen, Bura and Hola, where homes and farms were submerged. No deaths have been
      reported.

      The families are being hosted in nine camps. Noor urged residents living along the
      river to move to higher ground.""", kind="distinct"),
    E("mz-cyclone-chido-2024-12-16", "afp", "2024-12-16 11:00", "Maputo", "Mozambique",
      "Cyclone Chido kills 34 in northern Mozambique",
      """Cyclone Chido killed at least 34 people in northern Mozambique after making landfall
      on Sunday with winds of up to 260 kilometres per hour, the national disaster management
      institute (INGD) said Monday.

      Most of the deaths were in Cabo Delgado province, where the cyclone destroyed some
      23,600 homes, damaged schools and health centres and cut electricity to the town of
      Mecufi. Another 319 people were injured.

      Chido had earlier devastated the French Indian Ocean territory of Mayotte, where
      authorities fear hundreds may have died.

      The UN children's agency UNICEF said around 175,000 people had been affected in
      Mozambique and warned of the risk of cholera outbreaks.""",
      (C("africanews", 2, "verbatim", "Mozambique: Cyclone Chido leaves 34 dead"),
       C("ap", 4, "rewrite", "Cyclone that devastated Mayotte kills dozens in Mozambique",
         paras="""The cyclone that flattened much of the French territory of Mayotte has
         killed at least 34 people in Mozambique, where it hit the mainland on Sunday with
         devastating winds, disaster officials said.

         Cyclone Chido tore roofs off tens of thousands of homes in Cabo Delgado province,
         a region already wracked by an Islamic State-linked insurgency.

         UNICEF said 175,000 people were affected in Mozambique. Chido later weakened over
         Malawi, where officials reported injuries.""", city="Johannesburg"),
       C("allafrica", 8, "edited", "Mozambique: Death Toll From Cyclone Chido Rises to 34",
         drop=(2,), subs=(("Cyclone Chido killed at least 34 people",
                           "The death toll from Cyclone Chido has risen to 34"),)),
       ),
    ),
    E("mz-cyclone-dikeledi-2025-01-14", "afp", "2025-01-14 10:40", "Maputo", "Mozambique",
      "Cyclone Dikeledi kills 3 in northern Mozambique",
      """Cyclone Dikeledi killed at least three people in northern Mozambique after making
      landfall on Monday with winds of up to 160 kilometres per hour, the national disaster
      management institute (INGD) said Tuesday.

      Most of the damage was in Nampula province, where the cyclone destroyed some 2,700
      homes near Angoche. Another 39 people were injured.

      It is the second cyclone to strike Mozambique in a month, after Chido killed more than
      120 people in December.""", kind="distinct"),
    E("ng-super-eagles-rwanda-2024-09-10", "channels", "2024-09-10 19:50", "Uyo", "Nigeria",
      "AFCON Qualifier: Osimhen Scores Twice As Super Eagles Beat Rwanda 2-0 In Uyo",
      """Victor Osimhen scored twice as the Super Eagles of Nigeria defeated the Amavubi of
      Rwanda 2-0 in a 2025 Africa Cup of Nations qualifier at the Godswill Akpabio
      International Stadium in Uyo on Tuesday.

      The Galatasaray striker opened the scoring in the 28th minute from Ademola Lookman's
      cross and doubled the lead from the penalty spot in the 66th minute after Samuel Chukwueze
      was brought down in the box.

      Interim coach Augustine Eguavoen kept faith with goalkeeper Stanley Nwabali, who made
      two fine saves in the second half.

      The win takes Nigeria to six points at the top of Group D, ahead of the double-header
      against Libya next month.""",
      (C("premium-times", 1, "rewrite", "Osimhen brace sinks Rwanda as Eagles go top",
         paras="""Nigeria's Super Eagles made it two wins from two in the AFCON 2025
         qualifiers, beating Rwanda 2-0 in Uyo on Tuesday thanks to two goals from Victor
         Osimhen.

         Osimhen headed in Lookman's cross before half-time, then converted a penalty after
         Chukwueze was fouled.

         The result lifts Eguavoen's side to six points in Group D. Nigeria next face Libya
         in October.""", city="Uyo"),
       C("nan", 2, "edited", "Super Eagles beat Rwanda 2-0 in Uyo",
         drop=(2,), subs=(("The Galatasaray striker", "Osimhen"),)),
       C("afp", 3, "rewrite", "Osimhen double lifts Nigeria past Rwanda",
         paras="""Victor Osimhen scored twice as Nigeria beat Rwanda 2-0 in Uyo on Tuesday
         in an Africa Cup of Nations qualifier, a second win in four days for the
         three-time champions after they beat Benin on Saturday.

         The on-loan Galatasaray forward struck with a first-half header and a second-half
         penalty.

         Elsewhere in Group D, Benin beat Libya 1-0.""", city="Lagos"),
       ),
    ),
    E("ng-super-eagles-benin-2024-09-07", "channels", "2024-09-07 19:55", "Uyo", "Nigeria",
      "AFCON Qualifier: Lookman Scores Twice As Super Eagles Beat Benin 3-0 In Uyo",
      """Ademola Lookman scored twice as the Super Eagles of Nigeria defeated the Cheetahs of
      Benin 3-0 in a 2025 Africa Cup of Nations qualifier at the Godswill Akpabio
      International Stadium in Uyo on Saturday.

      The Atalanta forward opened the scoring in the 5th minute and added a second in the
      62nd minute, before Victor Boniface scored on his debut in the 90th minute.

      Interim coach Augustine Eguavoen said the players had followed his instructions.""",
      kind="distinct"),
    E("ke-berlin-marathon-2024-09-29", "kbc", "2024-09-29 12:30", "Berlin", "Kenya",
      "Kenya's Jepchirchir wins Berlin Marathon as Kenyan women sweep podium",
      """Kenya's Brenda Jepchirchir led a Kenyan sweep of the women's podium at the Berlin
      Marathon on Sunday, winning in 2 hours 16 minutes and 42 seconds, while compatriots
      Vivian Kiplagat and Joyciline Jepkosgei finished second and third.

      Jepchirchir broke away from the leading pack after the 30-kilometre mark and crossed
      the line almost two minutes ahead of Kiplagat, who clocked 2:18:29.

      In the men's race, Ethiopia's Milkesa Mengesha won in 2:03:17 after a sprint finish
      with Kenya's Cybrian Kotut, who finished one second behind.

      Sports Cabinet Secretary Kipchumba Murkomen congratulated the athletes and said the
      government would continue to support athletics programmes in the Rift Valley.""",
      (C("the-star-ke", 2, "rewrite", "Jepchirchir leads Kenyan clean sweep in Berlin",
         paras="""Brenda Jepchirchir powered to victory in the women's race of the Berlin
         Marathon on Sunday, leading home a one-two-three for Kenya on the streets of the
         German capital.

         The 30-year-old ran 2:16:42, with Vivian Kiplagat second and Joyciline
         Jepkosgei third.

         Kenya's Cybrian Kotut lost the men's race by a second to Ethiopian Milkesa
         Mengesha, who clocked 2:03:17.""", city="Nairobi"),
       C("xinhua", 5, "rewrite", "Kenyan women sweep Berlin Marathon podium",
         paras="""Kenyan runners took all three podium places in the women's race at the
         Berlin Marathon on Sunday, with Brenda Jepchirchir winning in 2:16:42.

         Vivian Kiplagat and Joyciline Jepkosgei came second and third. In the men's race,
         Milkesa Mengesha of Ethiopia edged Kenyan Cybrian Kotut in a sprint finish.

         Jepchirchir said she was pleased with her run in cool conditions.""",
         city="Nairobi"),
       C("kbc", 30, "verbatim", "Berlin Marathon: Jepchirchir leads Kenyan sweep"),
       ),
    ),
    E("ke-chicago-marathon-2024-10-13", "kbc", "2024-10-13 19:10", "Chicago", "Kenya",
      "Kenya's Chepng'etich breaks world record at Chicago Marathon",
      """Kenya's Ruth Chepng'etich broke the women's marathon world record at the Chicago
      Marathon on Sunday, winning in 2 hours 9 minutes and 56 seconds, while Ethiopia's
      Sutume Kebede finished second.

      Chepng'etich broke away from the leading pack after the 10-kilometre mark and crossed
      the line almost seven minutes ahead of Kebede.

      In the men's race, Kenya's John Korir won in 2:02:44.

      Sports Cabinet Secretary Kipchumba Murkomen congratulated the athletes.""",
      kind="distinct"),
    E("sn-faye-sworn-in-2024-04-02", "aps", "2024-04-02 12:45", "Diamniadio", "Senegal",
      "Bassirou Diomaye Faye sworn in as fifth President of Senegal",
      """Bassirou Diomaye Faye was sworn in on Tuesday as the fifth President of the Republic
      of Senegal, at a ceremony at the Abdou Diouf International Conference Centre in
      Diamniadio, before the members of the Constitutional Council.

      The 44-year-old former tax inspector, elected in the first round of the March 24
      presidential election with 54.28% of the vote, swore to "faithfully fulfil the office
      of President of the Republic" and to respect the Constitution.

      Several African heads of state attended the ceremony, including Umaro Sissoco Embaló of
      Guinea-Bissau, Adama Barrow of the Gambia and Mohamed Ould Ghazouani of Mauritania.

      President Faye is due to receive the presidential powers from outgoing President Macky
      Sall at the Palace of the Republic in the afternoon.""",
      (C("apa", 1, "rewrite", "Diomaye Faye takes the oath of office",
         paras="""The new Senegalese president, Bassirou Diomaye Faye, took the oath of office
         this Tuesday in Diamniadio, a new city 30 kilometres from Dakar, becoming the
         youngest head of state in the country's history.

         Elected on March 24 with 54.28 percent of the vote, Faye promised to devote himself
         to "systemic change" and to fight corruption.

         Presidents Embaló, Barrow and Ghazouani were among the guests. The handover with
         Macky Sall is scheduled at the presidential palace.""", city="Dakar"),
       C("afp", 3, "rewrite", "Senegal's Faye sworn in as Africa's youngest elected president",
         paras="""Bassirou Diomaye Faye was sworn in as Senegal's president on Tuesday, ten days
         after leaving prison, becoming Africa's youngest elected leader at 44.

         The anti-establishment candidate won last month's election in the first round,
         riding a wave of youth discontent. He has pledged to renegotiate oil and gas
         contracts and to restore national sovereignty.

         He succeeds Macky Sall, who governed for 12 years.""", city="Dakar"),
       C("africanews", 5, "edited", "Senegal: Faye sworn in as president",
         drop=(2,), add="Faye and his mentor Ousmane Sonko were released from prison ten "
                        "days before the election under an amnesty law."),
       ),
    ),
    E("sn-sonko-prime-minister-2024-04-02", "aps", "2024-04-02 21:10", "Dakar", "Senegal",
      "President Bassirou Diomaye Faye appoints Ousmane Sonko as Prime Minister",
      """The President of the Republic, Bassirou Diomaye Faye, on Tuesday appointed Ousmane
      Sonko as Prime Minister, according to a decree read at the Palace of the Republic by the
      Secretary General of the Presidency, Oumar Samba Ba.

      Sonko, 49, leader of the dissolved PASTEF party, was barred from the March 24
      presidential election and had backed Faye's candidacy.

      "We will form a government of rupture," Sonko told journalists at the Palace, a few
      hours after President Faye was sworn in at Diamniadio.""", kind="distinct"),
    E("et-birr-float-2024-07-29", "ena", "2024-07-29 18:30", "Addis Ababa", "Ethiopia",
      "National Bank of Ethiopia introduces market-based foreign exchange regime",
      """The National Bank of Ethiopia (NBE) announced on Monday that it has introduced a
      market-based foreign exchange regime, allowing banks to buy and sell foreign currencies
      with their clients and among themselves at freely negotiated rates.

      NBE Governor Mamo Mihretu said the reform, part of the country's Homegrown Economic
      Reform Agenda, aims to correct the long-standing imbalances in the foreign exchange
      market and to attract foreign investment.

      The Governor said the central bank will also move to an interest-rate-based monetary
      policy framework, and that the International Monetary Fund and World Bank have
      committed to support the reform with substantial financing.

      Exporters will now be allowed to retain 50 percent of their foreign currency earnings,
      he added.""",
      (C("allafrica", 6, "verbatim", "Ethiopia: NBE Introduces Market-Based Foreign Exchange Regime"),
       C("reuters", 1, "rewrite", "Ethiopia floats birr as it seeks IMF deal",
         paras="""Ethiopia will allow its birr currency to float freely, the central bank said
         on Monday, a reform demanded by the International Monetary Fund as the country seeks
         a new loan programme to ease a foreign exchange crisis.

         Commercial banks will be able to trade foreign currency at market rates, National
         Bank of Ethiopia Governor Mamo Mihretu said, ending decades of tight control that
         fuelled a thriving black market.

         The birr traded at about 57 per dollar officially, compared with more than 100 on
         the parallel market.""", city="Nairobi"),
       C("theeastafrican", 22, "edited", "Ethiopia lets birr float in major policy shift",
         cut=3, subs=(("announced on Monday", "announced"),)),
       ),
    ),
    E("tz-bot-cbr-q2-2024-04-04", "the-citizen-tz", "2024-04-04 11:20", "Dar es Salaam",
      "Tanzania", "BoT retains central bank rate at 5.5 percent for second quarter",
      """The Bank of Tanzania (BoT) has retained the Central Bank Rate (CBR) at 5.5 percent for
      the quarter ending June 2024, citing the need to keep inflation within the target
      range of 3 to 5 percent.

      BoT Governor Emmanuel Tutuba said the Monetary Policy Committee (MPC), which met on
      Wednesday, was satisfied that inflation had remained low at 3.0 percent in March,
      supported by adequate food supply and a stable shilling.

      He said the economy was projected to grow by 5.4 percent in 2024, up from 5.1 percent
      in 2023, driven by agriculture, construction and mining.

      The CBR was introduced in January this year as part of the transition to an
      interest-rate-based monetary policy framework.""",
      (C("xinhua", 5, "rewrite", "Tanzania's central bank keeps policy rate unchanged",
         paras="""The Bank of Tanzania said on Thursday it kept its benchmark Central Bank
         Rate unchanged at 5.5 percent for the April-June quarter.

         Governor Emmanuel Tutuba told a press conference in Dar es Salaam that inflation,
         at 3 percent in March, was within the target range, and the economy was expected
         to grow by 5.4 percent this year.

         The bank adopted the rate in January.""", city="Dar es Salaam"),
       C("theeastafrican", 8, "edited", "Tanzania holds CBR at 5.5pc",
         drop=(3,), subs=(("5.5 percent", "5.5pc"),)),
       ),
    ),
    E("tz-bot-cbr-q3-2024-07-04", "the-citizen-tz", "2024-07-04 11:05", "Dar es Salaam",
      "Tanzania", "BoT retains central bank rate at 5.5 percent for third quarter",
      """The Bank of Tanzania (BoT) has retained the Central Bank Rate (CBR) at 5.5 percent for
      the quarter ending September 2024, citing the need to keep inflation within the
      target range of 3 to 5 percent.

      BoT Governor Emmanuel Tutuba said the Monetary Policy Committee (MPC), which met on
      Wednesday, noted that inflation had remained at 3.1 percent in June.

      He said the economy was projected to grow by 5.4 percent in 2024.""", kind="distinct"),
    E("ng-inflation-jan-2025-02-18", "nan", "2025-02-18 12:10", "Abuja", "Nigeria",
      "Inflation drops to 24.48% in January after CPI rebasing - NBS",
      """Nigeria's headline inflation rate eased to 24.48 per cent in January 2025 from 34.80
      per cent in December 2024, following the rebasing of the Consumer Price Index (CPI),
      the National Bureau of Statistics (NBS) said on Tuesday.

      The Statistician-General of the Federation, Mr Adeyemi Adeniran, said in Abuja that
      the base year of the CPI had been changed from 2009 to 2024, and the basket updated to
      934 items to reflect current consumption patterns.

      He said food inflation stood at 26.08 per cent in January on a year-on-year basis,
      while core inflation, which excludes farm produce and energy, stood at 22.59 per
      cent.

      On a month-on-month basis, the headline inflation rate was 0.54 per cent in January,
      the NBS said.""",
      (C("premium-times", 1, "verbatim", "BREAKING: Nigeria's inflation falls to 24.48% after rebasing"),
       C("channels", 2, "rewrite", "Nigeria's Inflation Rate Drops To 24.48% As NBS Rebases CPI",
         paras="""Nigeria's headline inflation dropped sharply to 24.48 per cent in January,
         the first figure released since the National Bureau of Statistics rebased the
         Consumer Price Index to 2024.

         The Statistician-General, Adeyemi Adeniran, told journalists the new basket had 934
         items, up from 740, and better reflected what Nigerians buy today.

         Economists cautioned that the new figures cannot be compared directly with December's
         34.80 per cent.""", city="Abuja"),
       C("reuters", 0.3, "rewrite", "Nigeria's inflation slows to 24.48% after rebasing of price index",
         paras="""Nigeria's annual inflation rate slowed to 24.48% in January, the statistics
         office said on Tuesday, after it rebased the consumer price index to 2024 from 2009
         in a long-awaited overhaul.

         Inflation in Africa's most populous country had hit a near three-decade high of
         34.80% in December under the old index. Food inflation was 26.08% in January.

         The central bank's monetary policy committee meets later this month to decide on
         rates.""", city="Abuja"),
       ),
    ),
    E("ng-inflation-feb-2025-03-17", "nan", "2025-03-17 12:05", "Abuja", "Nigeria",
      "Inflation drops to 23.18% in February - NBS",
      """Nigeria's headline inflation rate eased to 23.18 per cent in February 2025 from 24.48
      per cent in January, the National Bureau of Statistics (NBS) said on Monday.

      The NBS said food inflation stood at 23.51 per cent in February on a year-on-year
      basis, while core inflation, which excludes farm produce and energy, stood at 25.13
      per cent.

      On a month-on-month basis, the headline inflation rate was 2.04 per cent in
      February, the NBS said.""", kind="distinct"),
    E("za-springboks-all-blacks-2024-08-31", "sabc", "2024-08-31 19:40", "Johannesburg",
      "South Africa", "Springboks come from behind to beat All Blacks 31-27 at Ellis Park",
      """The Springboks came from 27-17 down to beat the All Blacks 31-27 in their Rugby
      Championship Test at Ellis Park in Johannesburg on Saturday.

      New Zealand led through tries from Wallace Sititi and Will Jordan, but South Africa
      scored two tries in the last ten minutes, by Kurt-Lee Arendse and Cheslin Kolbe, with
      Handré Pollard kicking the conversions and three penalties.

      Springbok coach Rassie Erasmus praised the character of his team and the bench, which
      he said had changed the game.

      The two teams meet again in Cape Town next Saturday. South Africa lead the
      standings with 14 points.""",
      (C("news24", 1, "edited", "Boks stun All Blacks with late surge at Ellis Park",
         drop=(2,), subs=(("on Saturday", "on Saturday evening"),)),
       C("iol", 2, "verbatim"),
       C("afp", 1.5, "rewrite", "Late tries give world champions South Africa win over All Blacks",
         paras="""World champions South Africa scored two tries in the final 10 minutes to
         edge New Zealand 31-27 in a thrilling Rugby Championship clash at Ellis Park on
         Saturday.

         The All Blacks looked set to win after leading 27-17, but wingers Kurt-Lee Arendse
         and Cheslin Kolbe crossed and replacement Handre Pollard kicked superbly.

         "The bench won us the game," said coach Rassie Erasmus.""", city="Johannesburg"),
       ),
    ),
    E("za-springboks-all-blacks-2024-09-07", "sabc", "2024-09-07 19:35", "Cape Town",
      "South Africa", "Springboks beat All Blacks 18-12 at Cape Town Stadium",
      """The Springboks beat the All Blacks 18-12 in their Rugby Championship Test at Cape
      Town Stadium on Saturday, a week after their 31-27 win at Ellis Park.

      South Africa scored the only try of the match through Cheslin Kolbe, with Handré
      Pollard kicking four penalties.

      Springbok coach Rassie Erasmus praised the defence. South Africa lead the standings
      with 19 points.""", kind="distinct"),
    E("cd-m23-goma-2025-01-27", "reuters", "2025-01-27 09:30", "Goma", "Congo",
      "M23 rebels say they have captured Congo's Goma",
      """M23 rebels said on Monday they had taken control of Goma, the largest city in eastern
      Democratic Republic of Congo, after a lightning advance, as residents reported gunfire
      in the city centre and near the airport.

      "We ask all residents of Goma to remain calm," the Rwanda-backed rebel alliance said
      in a statement, giving Congolese soldiers 48 hours to surrender their weapons.

      The United Nations said hundreds of thousands of people had been displaced by the
      fighting in recent weeks. Rwanda denies supporting the M23.

      Congo severed diplomatic ties with Rwanda on Sunday. The U.N. Security Council held
      an emergency meeting on the crisis.""",
      (C("africanews", 3, "edited", "DR Congo: M23 rebels claim capture of Goma",
         drop=(3,), subs=(("M23 rebels said on Monday", "The M23 rebels claimed on Monday"),)),
       C("afp", 1, "rewrite", "M23 fighters enter Goma as Kinshasa cuts ties with Kigali",
         paras="""Fighters of the M23 armed group and Rwandan troops entered the centre of
         Goma in the east of the Democratic Republic of Congo overnight, security sources
         said Monday, a day after Kinshasa broke off diplomatic relations with Kigali.

         Heavy gunfire was heard near the airport, AFP journalists reported. The M23 told
         residents to stay at home.

         The UN says some 400,000 people have been displaced this year.""",
         city="Kinshasa"),
       C("theeastafrican", 10, "verbatim", "M23 claims takeover of Goma"),
       ),
    ),
    E("cd-m23-bukavu-2025-02-16", "reuters", "2025-02-16 10:05", "Bukavu", "Congo",
      "M23 rebels say they have captured Congo's Bukavu",
      """M23 rebels said on Sunday they had taken control of Bukavu, the second-largest city
      in eastern Democratic Republic of Congo, three weeks after seizing Goma, as residents
      reported looting in the city centre.

      "We ask all residents of Bukavu to remain calm," the Rwanda-backed rebel alliance said
      in a statement.

      Rwanda denies supporting the M23.""", kind="distinct"),
    E("ke-finance-bill-passed-2024-06-25", "kbc", "2024-06-25 13:50", "Nairobi", "Kenya",
      "National Assembly passes Finance Bill 2024 amid protests",
      """The National Assembly on Tuesday passed the Finance Bill 2024 at the third reading,
      with 195 Members of Parliament voting in favour and 106 against, as protesters
      gathered outside Parliament Buildings in Nairobi.

      The Bill, which seeks to raise an additional Sh346 billion in revenue, now goes to
      President William Ruto for assent. MPs amended it last week to drop proposed taxes on
      bread, vegetable oil and mobile money transfers.

      Police used teargas and water cannon to disperse protesters in the Nairobi Central
      Business District. Parts of Parliament were set on fire.

      Leader of Majority Kimani Ichung'wah said the Bill was necessary to reduce the
      country's reliance on borrowing.""",
      (C("the-star-ke", 1, "edited", "MPs pass Finance Bill 2024, 195 vote Yes",
         drop=(3,), subs=(("Parliament Buildings", "Parliament"),)),
       C("reuters", 0.5, "rewrite", "Kenyan protesters storm parliament after lawmakers pass tax bill",
         paras="""Protesters stormed Kenya's parliament on Tuesday and set part of it on fire
         as lawmakers inside passed a finance bill with tax increases that has sparked
         nationwide demonstrations.

         The bill, which aims to raise an extra 346 billion shillings, was approved by 195
         votes to 106 and goes to President William Ruto for his signature.

         Police fired tear gas and water cannon at crowds in central Nairobi.""",
         city="Nairobi"),
       C("afp", 2, "rewrite", "Kenya parliament partly ablaze after MPs approve tax hikes",
         paras="""Part of Kenya's parliament building was set ablaze on Tuesday after
         lawmakers voted to approve controversial tax hikes, as demonstrations led by young
         Kenyans spread across the country.

         MPs backed the finance bill by 195 to 106, sending it to President William Ruto.
         Smoke rose above the complex in downtown Nairobi.""", city="Nairobi"),
       ),
    ),
    E("ke-finance-bill-withdrawn-2024-06-26", "kbc", "2024-06-26 14:30", "Nairobi", "Kenya",
      "President Ruto declines to sign Finance Bill 2024",
      """President William Ruto on Wednesday declined to sign the Finance Bill 2024 and
      returned it to the National Assembly, recommending the deletion of all its clauses, a
      day after protesters set parts of Parliament Buildings on fire.

      "Having reflected on the continuing conversation, I concede," Ruto said at State House
      in Nairobi, adding that he would engage young people on the way forward.

      The Bill had sought to raise an additional Sh346 billion in revenue.""",
      kind="distinct"),
    E("zm-cholera-update-2024-01-15", "xinhua", "2024-01-15 16:20", "Lusaka", "Zambia",
      "Zambia's cholera death toll rises to 412",
      """Zambia's cholera death toll has risen to 412, with 10,413 cases recorded since the
      outbreak began in October, the Ministry of Health said Monday.

      In the past 24 hours, the country recorded 398 new cases and 13 deaths, the ministry
      said in its daily update. Lusaka province accounts for most of the cases.

      The government has extended the opening of schools and set up a treatment centre at
      the Heroes Stadium in Lusaka.""", kind="distinct"),
    E("zm-cholera-update-2024-01-16", "xinhua", "2024-01-16 16:05", "Lusaka", "Zambia",
      "Zambia's cholera death toll rises to 421",
      """Zambia's cholera death toll has risen to 421, with 10,820 cases recorded since the
      outbreak began in October, the Ministry of Health said Tuesday.

      In the past 24 hours, the country recorded 407 new cases and 9 deaths, the ministry
      said in its daily update. Lusaka province accounts for most of the cases.

      The government has extended the opening of schools and set up a treatment centre at
      the Heroes Stadium in Lusaka.""", kind="distinct"),
    E("zm-cholera-update-2024-01-17", "xinhua", "2024-01-17 15:55", "Lusaka", "Zambia",
      "Zambia's cholera death toll rises to 433",
      """Zambia's cholera death toll has risen to 433, with 11,188 cases recorded since the
      outbreak began in October, the Ministry of Health said Wednesday.

      In the past 24 hours, the country recorded 368 new cases and 12 deaths, the ministry
      said in its daily update. Lusaka province accounts for most of the cases.

      The government has extended the opening of schools and set up a treatment centre at
      the Heroes Stadium in Lusaka.""", kind="distinct"),
    E("ng-ngx-close-2025-05-06", "nan", "2025-05-06 15:40", "Lagos", "Nigeria",
      "NGX All-Share Index gains 0.42% as investors gain N284bn",
      """The Nigerian Exchange Ltd. (NGX) All-Share Index rose by 0.42 per cent on Tuesday to
      close at 106,424.48 points, as investors gained N284 billion.

      The market capitalisation closed at N66.91 trillion, compared with N66.63 trillion on
      Monday. A total of 412.6 million shares worth N11.2 billion were traded in 13,904
      deals.

      Aradel Holdings led the gainers, while Oando led the losers.""", kind="distinct"),
    E("ng-ngx-close-2025-05-07", "nan", "2025-05-07 15:35", "Lagos", "Nigeria",
      "NGX All-Share Index dips 0.18% as investors lose N120bn",
      """The Nigerian Exchange Ltd. (NGX) All-Share Index fell by 0.18 per cent on Wednesday
      to close at 106,233.17 points, as investors lost N120 billion.

      The market capitalisation closed at N66.79 trillion, compared with N66.91 trillion on
      Tuesday. A total of 388.1 million shares worth N9.7 billion were traded in 12,655
      deals.

      Champion Breweries led the gainers, while Aradel Holdings led the losers.""",
      kind="distinct"),
    E("gh-mahama-sworn-in-2025-01-07", "gna", "2025-01-07 16:40", "Accra", "Ghana",
      "Mahama sworn in as President of Ghana",
      """Mr John Dramani Mahama has been sworn in as the President of the Republic of Ghana at
      a ceremony at the Black Star Square in Accra, eight years after he left office.

      The Chief Justice, Justice Gertrude Torkornoo, administered the oath of office, while
      Professor Jane Naana Opoku-Agyemang was sworn in as the first female Vice President of
      Ghana.

      President Mahama, who won the December 7 election with 56.55 per cent of the votes,
      said his government would "reset Ghana" and fight corruption.

      Twenty-one heads of state attended the ceremony, including President Bola Tinubu of
      Nigeria and President Ibrahim Traoré of Burkina Faso.""",
      (C("myjoyonline", 1, "verbatim", "Mahama takes oath as Ghana's President"),
       C("africanews", 4, "edited", "Ghana: John Mahama sworn in for second term",
         drop=(3,), subs=(("Mr John Dramani Mahama", "John Dramani Mahama"),)),
       C("afp", 2, "rewrite", "Mahama sworn in for comeback term as Ghana's president",
         paras="""John Mahama was sworn in as Ghana's president on Tuesday, completing a
         political comeback eight years after he was voted out, with a promise to rescue an
         economy still recovering from its worst crisis in a generation.

         The 66-year-old won last month's election by a wide margin over Vice President
         Mahamudu Bawumia. Jane Naana Opoku-Agyemang became the country's first female vice
         president.

         Burkina Faso's junta leader Ibrahim Traore drew loud cheers from the crowd.""",
         city="Accra"),
       C("ap", 3, "rewrite", "Ghana's former leader returns to power",
         paras="""Former Ghanaian President John Dramani Mahama took the oath of office on
         Tuesday after winning the December vote, as the West African nation faces high
         inflation and debt.

         Thousands of people gathered in Accra's Black Star Square for the inauguration,
         which was attended by regional leaders including Nigeria's Bola Tinubu.

         Mahama governed Ghana from 2012 to 2017.""", city="Accra"),
       ),
    ),
    E("za-loadshedding-stage6-2023-09-18", "sabc", "2023-09-18 11:30", "Johannesburg",
      "South Africa", "Eskom escalates load shedding to Stage 6 from 16:00",
      """Eskom will escalate load shedding to Stage 6 from 16:00 on Monday until further
      notice, after the loss of seven generating units at Kusile, Kendal and Majuba power
      stations overnight.

      Eskom spokesperson Daphne Mokwena said breakdowns stood at 17,900 megawatts, and the
      utility had used up its emergency reserves of diesel and pumped storage over the
      weekend.

      Electricity Minister Kgosientsho Ramokgopa said the team was working to return units
      to service and that a further update would be published on Tuesday afternoon.""",
      (C("iol", 1, "verbatim", "Stage 6 load shedding from 4pm as Eskom loses seven units"),
       C("news24", 2, "rewrite", "Load shedding: Eskom hikes to Stage 6 after seven units trip",
         paras="""South Africans face Stage 6 power cuts from 4pm on Monday after Eskom lost
         seven generation units overnight, including at Kusile and Kendal.

         Unplanned breakdowns reached 17,900MW, the power utility said, adding that
         diesel for its open-cycle gas turbines was running low.

         Minister Kgosientsho Ramokgopa is expected to brief the media on Tuesday.""",
         city="Johannesburg"),
       C("the-citizen-tz", 28, "verbatim", "South Africa: Eskom moves to stage 6 power cuts"),
       ),
    ),
    E("za-loadshedding-stage4-2023-09-19", "sabc", "2023-09-19 14:20", "Johannesburg",
      "South Africa", "Eskom reduces load shedding to Stage 4 from 05:00 on Wednesday",
      """Eskom will reduce load shedding to Stage 4 from 05:00 on Wednesday until further
      notice, after the return to service of four generating units at Kendal and Tutuka power
      stations.

      Eskom spokesperson Daphne Mokwena said breakdowns stood at 15,600 megawatts, and the
      utility had replenished its emergency reserves of diesel and pumped storage.

      A further update would be published on Thursday afternoon.""", kind="distinct"),
    E("ng-dangote-petrol-price-2025-02-26", "channels", "2025-02-26 10:20", "Lagos",
      "Nigeria", "Dangote Refinery Cuts Petrol Price To N825 Per Litre",
      """The Dangote Petroleum Refinery has reduced the ex-depot price of Premium Motor Spirit
      (PMS), also known as petrol, to N825 per litre from N890, the second reduction this
      month.

      In a statement on Wednesday, the refinery's spokesman, Anthony Chiejina, said the cut
      was in line with the fall in global crude oil prices, and that MRS filling stations
      would sell petrol at N860 per litre in Lagos and N870 in Abuja.

      Marketers said the price reduction would take effect at other filling stations within
      24 hours.""",
      (C("premium-times", 2, "rewrite", "Dangote refinery slashes petrol price again",
         paras="""For the second time in February, the Dangote refinery has cut the price of
         petrol it sells to marketers, this time by N65 to N825 per litre.

         Company spokesman Anthony Chiejina attributed the decision to lower crude prices.
         Motorists in Lagos will pay N860 a litre at MRS outlets.

         Independent marketers said they expected pump prices to drop across the country.""",
         city="Lagos"),
       C("allafrica", 3, "verbatim", "Nigeria: Dangote Refinery Cuts Petrol Price to N825"),
       C("nan", 4, "edited", "Dangote Refinery reduces petrol price to N825/litre",
         drop=(2,), subs=(("In a statement on Wednesday", "In a statement in Lagos on Wednesday"),)),
       ),
    ),
    E("ng-dangote-petrol-price-2025-03-05", "channels", "2025-03-05 09:50", "Lagos",
      "Nigeria", "Dangote Refinery Cuts Petrol Price To N815 Per Litre",
      """The Dangote Petroleum Refinery has reduced the ex-depot price of Premium Motor Spirit
      (PMS), also known as petrol, to N815 per litre from N825.

      In a statement on Wednesday, the refinery's spokesman, Anthony Chiejina, said MRS
      filling stations would sell petrol at N845 per litre in Lagos and N855 in Abuja.""",
      kind="distinct"),
]


def render() -> str:
    """The JSONL text of the test set, one report a line."""
    lines = rows(LATAM + AFRICA)
    ids = [e.story for e in LATAM + AFRICA]
    if len(ids) != len(set(ids)):
        raise ValueError("two events share a story label")
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the file differs from what this script writes")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    text = render()
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs: run without --check")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} reports to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# ruff: noqa: E501  (the data below is wire prose, one paragraph per string)
"""Generate bench/blind/stories.blind.jsonl, a blind labelled story test set (issue 15, point 4).

Written without looking at the story-grouping code, its docs or its tuning data: the set is
material nobody tuned on. The format mirrors ../shared/corpus/stories.dev.jsonl exactly: one JSON
object per line with `id`, `feed`, `title`, `body` (paragraphs split by a blank line),
`published` (UTC, ISO 8601 with Z), `story` and `kind` (original, verbatim, edited, rewrite,
distinct). Each near-miss `distinct` item is its own story (a singleton); templated daily items
have stories named `tpl-...`.

Region and style: South and Southeast Asia and Central/Eastern Europe domestic news (India,
Pakistan, Bangladesh, Indonesia, Philippines, Vietnam, Thailand, Poland, Romania, Czechia,
Hungary): politics, courts, central banks and inflation prints, floods, landslides, quakes,
typhoons, transport accidents, sport and business deals, as carried by agencies (PTI, APP, BSS,
Antara, PNA, VNA, PAP, Agerpres, CTK, MTI, Reuters, AFP) and the outlets that copy them, each
with its own house style: datelines, bylines, credits, "Also read" / "Follow us" / app / copyright
trailers, agency tags. Names of private persons are invented; figures are illustrative.

Composition (as printed by `--stats`; `--check` fails if this block is stale):
  257 items, 104 stories, 46 feeds
  52 multi-outlet events: 11 with 3 reports, 33 with 4 reports, 8 with 5 reports
  52 near-miss singletons: 39 other events, 13 templated daily items (tpl-)
  kinds: original 52, verbatim 54, edited 43, rewrite 56, distinct 52
Of the 39 non-templated near-misses, 24 fall within half a day to 2 weeks of the event they
resemble (a second quake or eruption, another flood or crash, a strike called off, the appeal,
the same minister with another counterpart); 15 are scheduled releases at their calendar cadence
of 4 to 14 weeks (the next rate decision, the next CPI/GDP print, a later ruling in the same
case). The 13 templated items (stock-market close, forex table, weather bulletins, rupee close,
gold price) come in runs of 2-3 on consecutive days.
Multi-outlet events: every one has one `original`, then copies a few minutes to a few hours
later: `verbatim` (the copier's dateline, byline and trailers around the agency text), `edited`
(new headline, paragraphs trimmed or reordered, words changed) and `rewrite` (another outlet's
own words: light paraphrases of the agency copy and heavy rewrites from an outlet's own
correspondent, with facts reordered and only partly overlapping). Near-miss `distinct` items
share actors and vocabulary with one of the events but are another event (the next rate
decision, a second quake, another ruling in the same case, the same minister with another
counterpart, a follow-up such as a strike called off), published 1 day to 2 weeks apart; the
`tpl-` ones are templated daily items (market close, weather, exchange rates).

Usage:
  python3 bench/blind/make_stories_blind.py            # (re)write stories.blind.jsonl
  python3 bench/blind/make_stories_blind.py --check    # exit 1 if the file differs from output
  python3 bench/blind/make_stories_blind.py --stats    # print the composition
Deterministic: plain stdlib, a fixed seed for the line order, no clock.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import sys
from pathlib import Path

OUT = Path(__file__).with_name("stories.blind.jsonl")
SEED = 20261205

# --------------------------------------------------------------------------------------------
# Outlet house styles (trailers appended by copiers; bylines prepended).
# --------------------------------------------------------------------------------------------
TRAILERS = {
    "ndtv": "(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.)",
    "hindustantimes": "Also read: Get the latest news on HT. Download the Hindustan Times app for breaking news.",
    "economictimes": "(You can now subscribe to our ETMarkets WhatsApp channel)",
    "thehindu": "Published - {date}. Follow us on WhatsApp for the day's top stories.",
    "dawn": "Published in Dawn. Follow Dawn on WhatsApp.",
    "thenews": "Copyright © The News International. All rights reserved.",
    "businessrecorder": "Copyright Business Recorder, {year}",
    "dailystar": "Follow The Daily Star on Google News. Also read: Top stories of the day.",
    "tbsnews": "Download the TBS app. Follow TBS on WhatsApp for the latest news.",
    "jakartapost": "Copyright {year} The Jakarta Post. Download our app for the full story.",
    "tempo": "Click here to get the latest news updates from Tempo on Google News",
    "inquirer": "Subscribe to INQUIRER PLUS to get access to The Philippine Daily Inquirer & other 70+ titles.",
    "philstar": "Follow Philstar.com on WhatsApp. Copyright © {year} Philstar Global Corp. All rights reserved.",
    "gmanews": "—GMA Integrated News. Download the GMA News app.",
    "vnexpress": "Also read: Vietnam's economy in charts. Follow VnExpress International on Facebook.",
    "tuoitre": "Like us on Facebook or follow us on X to get the latest news about Vietnam!",
    "bangkokpost": "© Bangkok Post PCL. All rights reserved. Download the Bangkok Post app.",
    "nationthailand": "Follow The Nation on LINE and WhatsApp for the latest news.",
    "tvpworld": "Also read: Poland in brief. Follow TVP World on X.",
    "notesfrompoland": "Main image credit: PAP. Support Notes from Poland: become a patron.",
    "romaniainsider": "(Photo source: Agerpres) Also read: Romania business news in brief.",
    "radioprague": "Author: Radio Prague International, with CTK. Follow us on Facebook.",
    "expatscz": "Download the Expats.cz app. Follow us on Facebook and Instagram.",
    "hungarytoday": "Featured photo via MTI. Follow Hungary Today on Facebook.",
    "dailynewshungary": "Source: MTI. Read more news about Hungary on Daily News Hungary. Follow us on WhatsApp.",
    "jakartaglobe": "Tags: Indonesia. Follow Jakarta Globe on WhatsApp. Copyright © {year} Jakarta Globe.",
    "digi24": "Follow Digi24 on Google News. Download the Digi24 app.",
    "dhakatribune": "Follow Dhaka Tribune on WhatsApp. Also read: Flood updates.",
    "polskieradio": "Source: PAP, PolskieRadio24.pl. Follow us on X.",
    "tnamcot": "TNA. Follow MCOT English on Facebook.",
    "pna": "(PNA) Follow the Philippine News Agency on Facebook.",
    "gulfnewsasia": "Follow us on WhatsApp. Download our app for breaking news alerts.",
    "bernama": "-- BERNAMA. Download the Bernama app.",
}

# --------------------------------------------------------------------------------------------
# Events. Each: story, time of the original, the original (feed, dateline, title, paragraphs),
# and copies:
#   ("V", feed, +minutes, dateline, title or None, byline or None)        verbatim
#   ("E", feed, +minutes, dateline, title, keep/order, subs, credit)      edited
#   ("R", feed, +minutes, title, body)                                    rewrite
# Near-misses: ("D", story, feed, time, title, body)                       distinct
# --------------------------------------------------------------------------------------------

EVENTS: list[dict] = []
DISTINCT: list[tuple] = []


def ev(story, time, feed, dateline, title, paras, *copies):
    EVENTS.append(dict(story=story, time=time, feed=feed, dateline=dateline, title=title,
                       paras=paras, copies=copies))


def near(story, feed, time, title, body):
    DISTINCT.append((story, feed, time, title, body))


# ---------------------------------------------------------------- India
ev("in-rbi-repo-cut-2025-02-07", "2025-02-07T04:55", "pti",
   "MUMBAI, Feb 7 (PTI) -",
   "RBI cuts repo rate by 25 bps to 6.25%, first reduction in nearly five years",
   ["The Reserve Bank of India on Friday cut the benchmark repo rate by 25 basis points to 6.25 per cent, the first reduction in almost five years, as slowing growth gave the central bank room to ease policy.",
    "The six-member Monetary Policy Committee voted unanimously for the cut and decided to retain the 'neutral' stance, Governor Sanjay Malhotra said while announcing the bi-monthly policy, his first since taking charge in December.",
    "The RBI projected GDP growth at 6.7 per cent for 2025-26 and retail inflation at 4.2 per cent. Inflation for the current fiscal is seen at 4.8 per cent.",
    "The repo rate was last cut in May 2020 and had been held at 6.5 per cent since February 2023. The next meeting of the MPC is scheduled for April 7-9."],
   ("V", "economictimes", 12, "Mumbai:", None, "By PTI"),
   ("E", "ndtv", 35, "Mumbai:", "RBI Cuts Repo Rate To 6.25%, Keeps Neutral Stance", [0, 1, 2],
    [("The Reserve Bank of India", "The RBI"), ("almost five years", "nearly five years")], None),
   ("R", "reuters", 9, "India's central bank cuts rates for first time in nearly five years",
    "MUMBAI, Feb 7 (Reuters) - The Reserve Bank of India lowered its key repo rate by a quarter point to 6.25% on Friday, its first cut since May 2020, as new Governor Sanjay Malhotra moved to support an economy growing at its slowest pace in four years.\n\nAll six members of the monetary policy committee voted for the cut, which was expected by most economists in a Reuters poll. The committee kept its stance at neutral.\n\nThe rupee was little changed after the decision and the benchmark 10-year bond yield rose 2 basis points to 6.69%.\n\n\"The MPC noted that inflation has declined and is expected to further moderate,\" Malhotra said.\n\n(Reporting by Swati Bhat and Siddhi Nayak; Editing by Sam Holmes)"),
   ("R", "hindustantimes", 70, "Home, car loans to get cheaper as RBI cuts rates for first time since 2020",
    "By HT Correspondent\n\nBorrowers can expect some relief on their EMIs after the Reserve Bank of India on Friday reduced the repo rate, the rate at which it lends to banks, to 6.25 per cent from 6.5 per cent.\n\nBankers said lenders would pass on the cut to loans linked to the external benchmark within days, while deposit rates could also come down. The central bank sees growth at 6.7 per cent next year.\n\nThe decision, the first under Governor Sanjay Malhotra, came a week after the Union Budget announced income tax relief for the middle class."),
   )
near("in-rbi-repo-cut-2025-04-09", "pti", "2025-04-09T04:50",
     "RBI cuts repo rate by 25 bps to 6%, changes stance to 'accommodative'",
     "MUMBAI, Apr 9 (PTI) - The Reserve Bank of India on Wednesday cut the benchmark repo rate by 25 basis points to 6 per cent, the second reduction in a row, and changed its policy stance to 'accommodative' amid worries over US tariffs.\n\nThe six-member Monetary Policy Committee voted unanimously for the cut, Governor Sanjay Malhotra said while announcing the bi-monthly policy.\n\nThe RBI lowered its GDP growth projection for 2025-26 to 6.5 per cent from 6.7 per cent and retail inflation to 4 per cent.\n\nThe repo rate was cut by 25 basis points in February as well. The next meeting of the MPC is scheduled for June 4-6.")

ev("in-cpi-jan-2025", "2025-02-12T10:40", "pti",
   "NEW DELHI, Feb 12 (PTI) -",
   "Retail inflation eases to 5-month low of 4.31% in January on cheaper vegetables",
   ["Retail inflation eased to a five-month low of 4.31 per cent in January, mainly due to a decline in prices of vegetables, eggs and pulses, government data showed on Wednesday.",
    "The inflation based on the Consumer Price Index (CPI) was 5.22 per cent in December 2024 and 5.1 per cent in January last year, according to the National Statistics Office (NSO).",
    "Food inflation in January was 6.02 per cent, down from 8.39 per cent in December. Inflation in rural areas stood at 4.64 per cent and in urban areas at 3.87 per cent.",
    "The Reserve Bank, which factors in retail inflation while deciding its monetary policy, has been tasked by the government to ensure it remains at 4 per cent with a margin of 2 per cent on either side."],
   ("V", "thehindu", 25, "NEW DELHI, Feb 12 (PTI) -", None, None),
   ("E", "economictimes", 50, "New Delhi:", "CPI inflation at 4.31% in Jan, lowest in five months", [0, 2, 1],
    [("government data showed on Wednesday", "official data released on Wednesday showed"), ("was 5.22 per cent", "stood at 5.22 per cent")], "(With inputs from agencies)"),
   ("R", "reuters", 5, "India's retail inflation cools to 4.31% in January, below forecasts",
    "NEW DELHI, Feb 12 (Reuters) - India's annual retail inflation slowed to 4.31% in January, the lowest in five months, as food prices eased, government data showed on Wednesday, giving the central bank more room to cut rates.\n\nEconomists polled by Reuters had forecast 4.60%. Food inflation, which accounts for nearly half of the overall consumer price basket, eased to 6.02% from 8.39% in December.\n\nThe Reserve Bank of India cut its key rate last week for the first time in nearly five years.\n\n(Reporting by Manoj Kumar; Editing by Toby Chopra)"),
   )
near("in-cpi-feb-2025", "pti", "2025-03-12T10:45",
     "Retail inflation eases to 7-month low of 3.61% in February on cheaper vegetables",
     "NEW DELHI, Mar 12 (PTI) - Retail inflation eased to a seven-month low of 3.61 per cent in February, mainly due to a decline in prices of vegetables, eggs and pulses, government data showed on Wednesday.\n\nThe inflation based on the Consumer Price Index (CPI) was 4.26 per cent in January and 5.09 per cent in February last year, according to the National Statistics Office (NSO).\n\nFood inflation in February was 3.75 per cent, down from 5.97 per cent in January.\n\nThe Reserve Bank, which factors in retail inflation while deciding its monetary policy, has been tasked by the government to ensure it remains at 4 per cent with a margin of 2 per cent on either side.")

ev("in-himachal-landslide-bus-2024", "2024-10-07T11:30", "pti",
   "SHIMLA, Oct 7 (PTI) -",
   "Boulders hit bus in Himachal's Bilaspur, 16 dead",
   ["At least 16 people were killed when boulders and debris from a landslide hit a private bus near Bhallu bridge in Himachal Pradesh's Bilaspur district on Monday evening, police said.",
    "The bus, carrying around 30 passengers, was on its way from Marotan to Ghumarwin when the hillside gave way after two days of rain. Rescue teams pulled three survivors, including two children, from the wreckage.",
    "Chief Minister Sukhvinder Singh Sukhu expressed grief and directed the district administration to provide all possible help to the families. Deputy Commissioner Rahul Kumar said the rescue operation was continuing with the help of JCB machines.",
    "Prime Minister Narendra Modi announced an ex-gratia of Rs 2 lakh from the PMNRF for the next of kin of each deceased."],
   ("V", "ndtv", 40, "Shimla:", "16 Dead As Boulders Hit Bus In Himachal's Bilaspur", None),
   ("E", "hindustantimes", 65, "Shimla:", "Himachal landslide: Debris buries bus in Bilaspur, 16 killed", [0, 2, 1],
    [("At least 16 people were killed", "Sixteen people were killed"), ("Monday evening", "Monday")], "(With PTI inputs)"),
   ("R", "thehindu", 150, "Bilaspur bus tragedy: rain-soaked hill collapses on bus, toll rises to 16",
    "Kuldeep Chauhan\n\nSHIMLA\n\nA portion of a rain-soaked hill crashed onto a private bus in Bilaspur district on Monday, killing 16 passengers in one of the worst road accidents in Himachal Pradesh this year.\n\nVillagers near Bhallu were the first to reach the spot and began pulling out passengers before the police and the National Disaster Response Force arrived. Three people, among them two siblings, were rescued alive and taken to AIIMS Bilaspur.\n\nLocal residents said the slope had been cracking for weeks after road widening work. The State government has ordered a magisterial inquiry."),
   )
near("in-himachal-landslide-kullu-2024", "pti", "2024-10-15T09:10",
     "Landslide hits tourist vehicle in Himachal's Kullu, 6 dead",
     "SHIMLA, Oct 15 (PTI) - At least six people were killed when a landslide hit a tourist vehicle near Gurudwara Manikaran Sahib in Himachal Pradesh's Kullu district on Tuesday afternoon, police said.\n\nA tree uprooted by the landslide fell on the vehicle parked along the road. Five other people were injured and taken to a hospital in Kullu.\n\nChief Minister Sukhvinder Singh Sukhu expressed grief and directed the district administration to provide all possible help to the families. Rescue operations were continuing with the help of JCB machines.")

ev("in-sc-electoral-bonds-2024", "2024-02-15T06:10", "pti",
   "NEW DELHI, Feb 15 (PTI) -",
   "SC strikes down electoral bonds scheme, says it violates right to information",
   ["The Supreme Court on Thursday struck down the electoral bonds scheme for anonymous political funding, holding it 'unconstitutional' and violative of the right to information of voters.",
    "A five-judge Constitution bench headed by Chief Justice D Y Chandrachud delivered two separate but unanimous verdicts on a batch of pleas challenging the scheme.",
    "The bench directed the State Bank of India, the issuing bank, to stop issuing electoral bonds immediately and to submit details of bonds purchased since April 12, 2019 to the Election Commission by March 6.",
    "The Election Commission has been asked to publish the information on its official website by March 13."],
   ("V", "thehindu", 30, "NEW DELHI, Feb 15 (PTI) -", None, None),
   ("V", "ndtv", 45, "New Delhi:", "Supreme Court Strikes Down Electoral Bonds Scheme, Calls It Unconstitutional", None),
   ("E", "economictimes", 80, "New Delhi:", "Electoral bonds scrapped: SC asks SBI to stop issuing bonds, share details with EC", [2, 0, 3],
    [("The Supreme Court on Thursday struck down", "The Supreme Court on Thursday scrapped"), ("by March 6", "by March 6, 2024")], "(With PTI inputs)"),
   ("R", "reuters", 20, "India's top court scraps opaque political funding system weeks before vote",
    "NEW DELHI, Feb 15 (Reuters) - India's Supreme Court on Thursday annulled a system of anonymous political donations that has benefited Prime Minister Narendra Modi's ruling party the most, weeks before a general election.\n\nUnder the scheme introduced in 2018, individuals and companies could buy bonds from the State Bank of India and give them to parties without revealing their identity. Critics said it gave an unfair advantage to the party in power.\n\nThe court ordered the bank to hand over details of the bonds to the election commission, which must make them public.\n\n(Reporting by Shivam Patel; Editing by YP Rajesh)"),
   )
near("in-sc-electoral-bonds-sbi-2024", "pti", "2024-03-11T07:20",
     "Electoral bonds: SC rejects SBI plea for more time, orders disclosure by March 12",
     "NEW DELHI, Mar 11 (PTI) - The Supreme Court on Monday dismissed the State Bank of India's plea seeking an extension till June 30 to disclose details of electoral bonds and ordered it to submit the information to the Election Commission by the close of business hours on March 12.\n\nA five-judge Constitution bench headed by Chief Justice D Y Chandrachud said the bank had to disclose the details already available with it.\n\nThe Election Commission has been asked to publish the information on its official website by March 15.\n\nThe bench had struck down the electoral bonds scheme on February 15, holding it 'unconstitutional'.")

ev("in-cricket-ct-final-2025", "2025-03-09T16:45", "pti",
   "DUBAI, Mar 9 (PTI) -",
   "India beat New Zealand by four wickets to win Champions Trophy",
   ["Captain Rohit Sharma led from the front with a 76-run knock as India beat New Zealand by four wickets in the final to win the ICC Champions Trophy for a record third time here on Sunday.",
    "Chasing 252 for victory, India reached the target with six balls to spare. Shreyas Iyer made 48 and K L Rahul remained unbeaten on 34.",
    "Earlier, spinners Kuldeep Yadav and Varun Chakravarthy took two wickets each as New Zealand were restricted to 251 for seven after electing to bat. Daryl Mitchell top-scored with 63 and Michael Bracewell hit an unbeaten 53.",
    "India had also won the title in 2002, when they shared it with Sri Lanka, and in 2013."],
   ("V", "ndtv", 20, "Dubai:", "India Beat New Zealand By Four Wickets To Win Champions Trophy", None),
   ("V", "hindustantimes", 35, "Dubai:", None, "PTI"),
   ("R", "dawn", 60, "Rohit's 76 powers India to third Champions Trophy title",
    "DUBAI: India won the Champions Trophy for a third time on Sunday, beating New Zealand by four wickets in a final played in Dubai, where the tournament's co-hosts had played all their matches.\n\nRohit Sharma struck 76 off 83 balls to give the chase a fast start, and although New Zealand fought back through their spinners, K L Rahul saw India home with an over left.\n\nNew Zealand had posted 251-7, with Daryl Mitchell scoring a slow 63.\n\nPakistan, the official hosts, were knocked out in the group stage.\n\nPublished in Dawn, March 10th, 2025"),
   )

ev("in-mumbai-train-fall-2024-06-10", "2024-06-10T05:20", "pti",
   "THANE, Jun 10 (PTI) -",
   "Four passengers die after falling from crowded local train near Mumbra",
   ["Four passengers died and nine others were injured after they fell from an overcrowded suburban local train near Mumbra station in Maharashtra's Thane district on Monday morning, a Central Railway official said.",
    "The passengers, standing on the footboard, fell while two trains crossed each other on a curve between Diva and Mumbra stations around 9.30 am, the official said.",
    "The injured were admitted to the Kalwa civic hospital. The railway has ordered an inquiry into the incident."],
   ("E", "hindustantimes", 45, "Thane:", "Mumbra tragedy: 4 dead as commuters fall off packed local trains", [0, 1, 2],
    [("Four passengers died and nine others were injured", "Four commuters were killed and nine injured"), ("a Central Railway official said", "officials said")], "(With PTI inputs)"),
   ("V", "thehindu", 30, "THANE, Jun 10 (PTI) -", None, None),
   ("R", "ndtv", 110, "Footboard travel turns fatal again in Mumbai as 4 die near Mumbra",
    "Mumbai:\n\nCommuters hanging from the doors of two crowded local trains brushed against each other on a sharp curve near Mumbra on Monday, sending several of them onto the tracks. Four of them died.\n\nThe accident happened during the morning rush hour. Nine people were injured, two of them seriously, and were taken to Kalwa hospital.\n\nRail activists said they had warned for years that the curve was dangerous and called for automatic door closures on suburban trains."),
   )
near("in-mumbai-train-fall-2024-06-18", "pti", "2024-06-18T06:05",
     "Two passengers die after falling from crowded local train near Diva",
     "THANE, Jun 18 (PTI) - Two passengers died after they fell from an overcrowded suburban local train near Diva station in Maharashtra's Thane district on Tuesday morning, a Central Railway official said.\n\nThe passengers, standing on the footboard, fell near the Diva railway bridge around 8.15 am, the official said. One of them has not yet been identified.\n\nThe Government Railway Police has registered an accidental death report.")

# ---------------------------------------------------------------- Pakistan
ev("pk-sbp-rate-cut-2024-12", "2024-12-16T10:15", "app",
   "KARACHI, Dec 16 (APP):",
   "SBP cuts policy rate by 200 bps to 13pc",
   ["The State Bank of Pakistan (SBP) on Monday reduced the policy rate by 200 basis points to 13 percent, effective from December 17, 2024.",
    "The Monetary Policy Committee (MPC) noted that inflation has fallen further to 4.9 percent in November, in line with expectations, SBP Governor Jameel Ahmad told a press conference in Karachi.",
    "The committee said the cumulative reduction of 900 basis points since June was supporting economic activity while keeping inflation in check. Foreign exchange reserves held by the SBP have risen to around $12 billion.",
    "The next MPC meeting is scheduled for January 27, 2025."],
   ("V", "businessrecorder", 15, "KARACHI:", None, "BR Web Desk"),
   ("E", "thenews", 60, "KARACHI:", "State Bank slashes interest rate to 13pc, fifth straight cut", [0, 2, 1],
    [("reduced the policy rate", "slashed its key policy rate"), (" percent", "pc")], None),
   ("R", "dawn", 40, "SBP trims key rate to 13pc as inflation falls below 5pc",
    "KARACHI: The State Bank of Pakistan on Monday lowered the interest rate to 13 per cent, its fifth consecutive cut since June, bringing the total reduction to 9 percentage points.\n\nThe decision was largely in line with market expectations, although some business groups had sought a deeper cut to single digits. Analysts said the gap between the policy rate and inflation remained wide.\n\nGovernor Jameel Ahmad said the central bank would remain cautious because of the risk of higher oil prices.\n\nPublished in Dawn, December 17th, 2024"),
   ("R", "reuters", 8, "Pakistan cuts key rate by 200 bps to 13% as inflation cools",
    "KARACHI, Dec 16 (Reuters) - Pakistan's central bank cut its key policy rate by 200 basis points to 13% on Monday, the fifth straight reduction as inflation eased sharply.\n\nInflation fell to 4.9% in November from a peak of nearly 40% in May 2023. A Reuters poll had shown most analysts expecting a cut of 200 basis points.\n\nThe country is under a $7 billion IMF programme approved in September.\n\n(Reporting by Ariba Shahid; Editing by Ros Russell)"),
   )
near("pk-sbp-rate-cut-2025-01", "app", "2025-01-27T10:20",
     "SBP cuts policy rate by 100 bps to 12pc",
     "KARACHI, Jan 27 (APP): The State Bank of Pakistan (SBP) on Monday reduced the policy rate by 100 basis points to 12 percent, effective from January 28, 2025.\n\nThe Monetary Policy Committee (MPC) noted that inflation has fallen further to 4.1 percent in December, SBP Governor Jameel Ahmad told a press conference in Karachi.\n\nThe committee said the cumulative reduction of 1,000 basis points since June was supporting economic activity while keeping inflation in check.\n\nThe next MPC meeting is scheduled for March 10, 2025.")

ev("pk-lahore-smog-closure-2024", "2024-11-13T08:30", "app",
   "LAHORE, Nov 13 (APP):",
   "Punjab extends closure of schools in Lahore, Multan divisions till Nov 17 due to smog",
   ["The Punjab government on Wednesday extended the closure of all schools in Lahore and Multan divisions till November 17 as the air quality index (AQI) in Lahore crossed 1,000 for the third time this month.",
    "Senior Minister Marriyum Aurangzeb told a press conference that markets would close at 8pm and outdoor dining would remain banned, while a complete lockdown could be imposed on weekends if the situation did not improve.",
    "She said hospitals had been told to set up smog counters as the number of patients with respiratory problems had risen sharply.",
    "Rain is not expected in the province before next week, the Pakistan Meteorological Department said."],
   ("V", "thenews", 25, "LAHORE:", None, "By Our Correspondent"),
   ("E", "dawn", 55, "LAHORE:", "Smog: schools stay shut in Lahore, Multan till Sunday", [0, 1],
    [("The Punjab government on Wednesday", "The Punjab government"), ("crossed 1,000", "went beyond 1,000")], None),
   ("R", "afp", 90, "Pakistan's Lahore chokes on record smog as schools shut for another week",
    "Lahore (AFP) – Pakistan's second-largest city Lahore remained shrouded in toxic smog on Wednesday, with authorities keeping schools shut and warning of weekend lockdowns as pollution readings hit record levels.\n\nLevels of PM2.5 – dangerous pollutants that can enter the bloodstream – were more than 80 times the level deemed acceptable by the World Health Organization.\n\nThe smog is caused by a mix of low-grade diesel fumes, smoke from seasonal agricultural burning and colder winter temperatures. Hospitals have reported a surge in patients.\n\n\"My eyes burn all day,\" said rickshaw driver Muhammad Aslam, 45."),
   )
near("pk-lahore-smog-reopen-2024", "app", "2024-11-19T09:05",
     "Punjab reopens schools in Lahore, Multan divisions as smog eases",
     "LAHORE, Nov 19 (APP): The Punjab government on Tuesday announced that schools in Lahore and Multan divisions would reopen from November 20 as the air quality index (AQI) in Lahore fell below 300 after light rain.\n\nSenior Minister Marriyum Aurangzeb told a press conference that students would have to wear masks and that morning assemblies and outdoor sports would remain suspended.\n\nThe ban on outdoor dining has also been lifted, she said.")

ev("pk-karachi-port-deal-2024", "2024-08-22T11:00", "app",
   "ISLAMABAD, Aug 22 (APP):",
   "Pakistan, UAE's AD Ports sign $50m deal for Karachi bulk terminal",
   ["Karachi Port Trust (KPT) and Abu Dhabi's AD Ports Group on Thursday signed an agreement for the development and operation of a bulk and general cargo terminal at Karachi Port under a 25-year concession, with an initial investment of $50 million.",
    "The agreement was signed in Islamabad in the presence of Federal Minister for Maritime Affairs Qaiser Ahmed Sheikh and UAE Ambassador Hamad Obaid Ibrahim Salem Al-Zaabi.",
    "The minister said the deal would raise the terminal's capacity and bring in foreign investment under government-to-government arrangements."],
   ("V", "businessrecorder", 20, "ISLAMABAD:", None, None),
   ("R", "reuters", 90, "Abu Dhabi's AD Ports to run Karachi bulk terminal in $50 mln deal",
    "KARACHI, Aug 22 (Reuters) - UAE-based AD Ports Group has agreed to develop and operate a bulk and general cargo terminal at Pakistan's Karachi port for 25 years, the company said on Thursday, adding to its growing footprint in the country.\n\nThe group will invest $50 million in the first phase, it said in a stock exchange filing. AD Ports already runs a container terminal at Karachi under a 2023 deal.\n\nCash-strapped Pakistan has been seeking investment from Gulf states.\n\n(Reporting by Ariba Shahid; Editing by Mark Potter)"),
   ("E", "thenews", 45, "ISLAMABAD:", "KPT, AD Ports ink 25-year bulk terminal concession", [0, 2],
    [("on Thursday signed", "signed"), ("an initial investment of $50 million", "an initial outlay of $50 million")], None),
   )

ev("pk-balochistan-bus-fall-2024", "2024-05-29T06:40", "app",
   "QUETTA, May 29 (APP):",
   "28 killed as bus falls into ravine in Balochistan's Washuk",
   ["At least 28 people were killed and 22 others injured when a passenger bus plunged into a ravine near Basima in Balochistan's Washuk district early Wednesday, officials said.",
    "The bus was travelling from Turbat to Quetta when the driver lost control on a sharp bend, Deputy Commissioner Washuk said. The injured were shifted to hospitals in Basima and Khuzdar.",
    "Prime Minister Shehbaz Sharif expressed deep sorrow over the loss of lives and directed authorities to provide the best medical care to the injured."],
   ("V", "thenews", 30, "QUETTA:", None, None),
   ("R", "dawn", 75, "Overspeeding suspected as bus crash in Washuk leaves 28 dead",
    "QUETTA: Twenty-eight passengers died when a speeding coach overturned and fell into a gorge in Washuk district on Wednesday, the worst road accident in the province this year.\n\nPolice said the coach, which had left Turbat on Tuesday night, was carrying more than 50 people, many of them labourers going home for Eidul Azha. Survivors said the driver had been racing another bus.\n\nRescue officials said ambulances took more than three hours to reach the remote site. The provincial government announced compensation for the victims' families."),
   ("E", "gulfnewsasia", 140, "", "Pakistan: 28 dead as passenger bus plunges into gorge", [0, 1],
    [("Balochistan's Washuk district", "Pakistan's southwestern Balochistan province"), ("officials said", "local officials said")], "(With inputs from APP)"),
   )
near("pk-balochistan-bus-fall-2024-06-05", "app", "2024-06-05T07:15",
     "12 killed as van falls into ravine in Balochistan's Killa Saifullah",
     "QUETTA, Jun 5 (APP): At least 12 people were killed and eight others injured when a passenger van plunged into a ravine in Balochistan's Killa Saifullah district on Wednesday, officials said.\n\nThe van was travelling from Zhob to Quetta when the driver lost control on a sharp bend, the Levies said. The injured were shifted to the district headquarters hospital.\n\nChief Minister Sarfraz Bugti expressed deep sorrow over the loss of lives.")

# ---------------------------------------------------------------- Bangladesh
ev("bd-bb-policy-rate-2024-10", "2024-10-22T09:30", "bss",
   "DHAKA, Oct 22, 2024 (BSS) -",
   "Bangladesh Bank raises policy rate to 9.5pc",
   ["Bangladesh Bank (BB) today raised its policy rate, the repo rate, by 50 basis points to 9.5 percent from 9.0 percent in a bid to tame persistent inflation.",
    "The new rate will be effective from October 27, the central bank said in a circular after a meeting of its Monetary Policy Committee chaired by Governor Dr Ahsan H Mansur.",
    "The standing lending facility (SLF) rate was also raised to 11 percent and the standing deposit facility (SDF) rate to 8 percent, it said.",
    "Point-to-point inflation stood at 9.92 percent in September, according to the Bangladesh Bureau of Statistics."],
   ("V", "dailystar", 35, "DHAKA, Oct 22, 2024 (BSS) -", None, "Star Business Report"),
   ("E", "tbsnews", 50, "", "BB hikes policy rate by 50 basis points to 9.5%, third rise since August", [0, 1, 2],
    [("today raised", "on Tuesday raised"), (" percent", "%")], None),
   ("R", "reuters", 80, "Bangladesh raises key rate for third time in two months to fight inflation",
    "DHAKA, Oct 22 (Reuters) - Bangladesh's central bank on Tuesday raised its key policy rate by 50 basis points to 9.5%, its third hike since the interim government took office in August, as it tries to bring down inflation near 10%.\n\nGovernor Ahsan H. Mansur, a former IMF official, has said the bank will keep tightening until inflation falls to 7-8%.\n\nThe economy was hit by weeks of unrest that led to the ouster of former Prime Minister Sheikh Hasina.\n\n(Reporting by Ruma Paul; Editing by Sonia Cheema)"),
   )
near("bd-bb-policy-rate-2024-12", "bss", "2024-12-09T09:10",
     "Bangladesh Bank keeps policy rate unchanged at 10pc",
     "DHAKA, Dec 9, 2024 (BSS) - Bangladesh Bank (BB) today kept its policy rate, the repo rate, unchanged at 10 percent in a bid to tame persistent inflation.\n\nThe decision came after a meeting of its Monetary Policy Committee chaired by Governor Dr Ahsan H Mansur, the central bank said in a circular.\n\nThe standing lending facility (SLF) rate was kept at 11.5 percent and the standing deposit facility (SDF) rate at 8.5 percent, it said.\n\nPoint-to-point inflation stood at 11.38 percent in November, according to the Bangladesh Bureau of Statistics.")

ev("bd-feni-flood-2024", "2024-08-23T07:45", "bss",
   "FENI, Aug 23, 2024 (BSS) -",
   "Flood situation worsens in Feni, 3 lakh people marooned",
   ["The flood situation in Feni district deteriorated further today as the Muhuri and Kahua rivers continued to flow above the danger level following incessant rain and onrush of water from upstream.",
    "Around 3 lakh people remained marooned in Parshuram, Fulgazi, Chhagalnaiya and Sadar upazilas, Deputy Commissioner Musammat Shahina Akhter said. Army, Navy and Fire Service personnel were conducting rescue operations with speedboats.",
    "A total of 150 shelters have been opened and dry food is being distributed among the affected people, she added.",
    "Mobile network and power supply remained suspended in most parts of the district."],
   ("V", "dailystar", 25, "FENI, Aug 23, 2024 (BSS) -", None, "Staff Correspondent"),
   ("R", "tbsnews", 60, "Feni under water: stranded residents plead for boats as rivers keep rising",
    "Feni\n\nResidents of Fulgazi and Parshuram upazilas climbed onto rooftops and trees on Friday as floodwaters rose above the tin roofs of single-storey houses, with rescuers unable to reach many villages.\n\n\"We have not eaten since yesterday. My mother is on the roof,\" said Abdul Karim, who reached Feni town on a raft. Volunteers from Dhaka and Chattogram arrived with private boats.\n\nThe district administration said about three lakh people were stranded. Phone networks are down, and relatives in other districts have been unable to reach families."),
   ("E", "dhakatribune", 95, "", "Feni flood: 300,000 stranded as Muhuri swells", [1, 0, 3],
    [("3 lakh", "300,000"), ("today", "on Friday")], "(BSS)"),
   )
near("bd-feni-flood-recede-2024", "bss", "2024-08-30T08:20",
     "Flood situation improves in Feni as water recedes",
     "FENI, Aug 30, 2024 (BSS) - The flood situation in Feni district improved further today as the Muhuri and Kahua rivers fell below the danger level.\n\nPeople have started returning home from shelters in Parshuram, Fulgazi and Chhagalnaiya upazilas, Deputy Commissioner Musammat Shahina Akhter said. Damage to roads, houses and crops is being assessed.\n\nMobile network and power supply have been restored in most parts of the district, she added.")

ev("bd-garments-wage-deal-2024", "2024-03-04T12:20", "bss",
   "DHAKA, Mar 4, 2024 (BSS) -",
   "BGMEA, buyers sign deal to share cost of higher garment wages",
   ["The Bangladesh Garment Manufacturers and Exporters Association (BGMEA) today signed a memorandum with a group of 12 international brands under which buyers will share the cost of the new minimum wage for garment workers.",
    "BGMEA President Faruque Hassan signed on behalf of the association at its Uttara office. The brands agreed to adjust prices on orders placed after January 1 to reflect the Tk 12,500 minimum wage.",
    "Commerce ministry officials said the agreement would help factories pay workers without losing orders."],
   ("V", "tbsnews", 40, "", None, "TBS Report"),
   ("R", "dailystar", 120, "Brands agree to pay more so factories can meet new wage",
    "Refayet Ullah Mirdha\n\nTwelve global clothing retailers have agreed to raise the prices they pay Bangladeshi suppliers to cover the higher minimum wage that took effect in December, factory owners said yesterday.\n\nThe deal, reached after months of talks, covers only new orders, and the names of the brands were not disclosed. Labour leaders welcomed the move but said Tk 12,500 a month was still far below a living wage.\n\nFactory owners had complained that buyers were refusing to pay more even as wages rose by 56 percent."),
   )

# ---------------------------------------------------------------- Indonesia
ev("id-bi-rate-hold-2025-02", "2025-02-19T07:40", "antara",
   "Jakarta (ANTARA) -",
   "Bank Indonesia holds BI-Rate at 5.75 percent",
   ["Bank Indonesia (BI) decided to keep the BI-Rate at 5.75 percent at its Board of Governors Meeting on February 18-19, 2025, Governor Perry Warjiyo said on Wednesday.",
    "The deposit facility rate was kept at 5 percent and the lending facility rate at 6.5 percent. The decision is consistent with efforts to keep inflation within the target of 2.5 plus or minus 1 percent and to stabilise the rupiah exchange rate amid global uncertainty.",
    "Warjiyo said the bank would continue to look for room to lower the rate in line with low inflation and the need to support growth.",
    "The central bank surprised markets with a 25-basis-point cut in January."],
   ("V", "jakartaglobe", 5, "Jakarta (ANTARA) -", None, None),
   ("E", "jakartapost", 60, "", "BI keeps rate unchanged to shore up rupiah after January surprise cut", [0, 3, 2],
    [("decided to keep", "kept"), ("Governor Perry Warjiyo said on Wednesday", "Governor Perry Warjiyo announced on Wednesday")], "(ANTARA)"),
   ("R", "reuters", 3, "Indonesia central bank holds rates steady, eyes rupiah",
    "JAKARTA, Feb 19 (Reuters) - Bank Indonesia kept its benchmark interest rate unchanged on Wednesday as expected, focusing on supporting the rupiah after delivering a surprise cut last month.\n\nBI held the 7-day reverse repurchase rate at 5.75%, as forecast by 27 of 32 economists in a Reuters poll.\n\nThe rupiah has weakened about 1.3% against the dollar so far this year.\n\n(Reporting by Stefanno Sulaiman and Gayatri Suroyo; Editing by Kanupriya Kapoor)"),
   )
near("id-bi-rate-hold-2025-03", "antara", "2025-03-19T07:35",
     "Bank Indonesia holds BI-Rate at 5.75 percent",
     "Jakarta (ANTARA) - Bank Indonesia (BI) decided to keep the BI-Rate at 5.75 percent at its Board of Governors Meeting on March 18-19, 2025, Governor Perry Warjiyo said on Wednesday.\n\nThe deposit facility rate was kept at 5 percent and the lending facility rate at 6.5 percent. The decision is consistent with efforts to keep inflation within the target and to stabilise the rupiah, which fell to its weakest since 1998 this week after a sell-off in equities.\n\nWarjiyo said the bank had intervened in the spot and domestic non-deliverable forward markets.")

ev("id-mentawai-quake-2023-04-25", "2023-04-24T21:30", "antara",
   "Jakarta (ANTARA) -",
   "Magnitude 7.1 quake rocks Mentawai Islands, no tsunami threat",
   ["A magnitude 7.1 earthquake struck off the Mentawai Islands in West Sumatra province early on Tuesday, the Meteorology, Climatology and Geophysics Agency (BMKG) said.",
    "The quake's epicentre was located 177 kilometres northwest of Kepulauan Mentawai at a depth of 84 kilometres. The agency issued a tsunami warning, which was lifted about two hours later.",
    "The National Disaster Mitigation Agency (BNPB) said residents of several coastal villages in Siberut fled to higher ground. No casualties have been reported so far."],
   ("V", "jakartaglobe", 15, "Jakarta (ANTARA) -", None, None),
   ("R", "jakartapost", 80, "Mentawai residents flee to hills after strong quake, tsunami warning lifted",
    "Thousands of residents of Siberut Island in West Sumatra spent the early hours of Tuesday on hillsides after a powerful earthquake shook the Mentawai archipelago and authorities briefly warned of a tsunami.\n\nThe quake, which the BMKG put at magnitude 7.1, was felt strongly in Padang, where some residents ran out of their homes. A few houses in Siberut suffered cracked walls.\n\nThe US Geological Survey recorded the quake at magnitude 7.1 at a depth of 14 km, shallower than the Indonesian estimate."),
   ("E", "tempo", 50, "", "BMKG lifts tsunami warning after M7.1 quake off Mentawai", [0, 1],
    [("early on Tuesday", "on Tuesday morning"), ("The agency issued a tsunami warning, which was lifted about two hours later.", "A tsunami warning was issued and later lifted.")], None),
   )
near("id-mentawai-quake-2023-04-27", "antara", "2023-04-27T03:10",
     "Magnitude 5.8 quake rocks Mentawai Islands, no tsunami threat",
     "Jakarta (ANTARA) - A magnitude 5.8 earthquake struck off the Mentawai Islands in West Sumatra province on Thursday, the Meteorology, Climatology and Geophysics Agency (BMKG) said.\n\nThe quake's epicentre was located 62 kilometres southwest of Kepulauan Mentawai at a depth of 22 kilometres. The agency said the quake had no potential to trigger a tsunami.\n\nThe National Disaster Mitigation Agency (BNPB) said the quake was an aftershock of Tuesday's magnitude 7.1 earthquake. No damage has been reported.")

ev("id-lewotobi-eruption-2024", "2024-11-04T03:20", "antara",
   "Jakarta (ANTARA) -",
   "Nine killed as Mount Lewotobi Laki-laki erupts in East Flores",
   ["Nine people were killed after Mount Lewotobi Laki-laki in East Flores district, East Nusa Tenggara, erupted shortly before midnight on Sunday, spewing hot rocks onto nearby villages, the National Disaster Mitigation Agency (BNPB) said.",
    "BNPB spokesperson Abdul Muhari said the eruption set fire to houses in Hokeng Jaya and Klatanlo villages, and several thousand residents were evacuated.",
    "The Volcanology and Geological Hazard Mitigation Centre (PVMBG) raised the alert status to the highest level IV and widened the exclusion zone to seven kilometres from the crater."],
   ("V", "jakartaglobe", 10, "Jakarta (ANTARA) -", None, None),
   ("R", "afp", 45, "Indonesia volcano eruption kills nine, burns houses",
    "Jakarta (AFP) – A volcanic eruption on Indonesia's Flores island killed at least nine people and set homes ablaze, officials said Monday, with authorities raising the alert to the highest level.\n\nMount Lewotobi Laki-laki spewed thick brown ash up to two kilometres into the sky and hurled incandescent rocks up to seven kilometres away.\n\nA nun was among the dead, a local official said, and a convent was damaged. Indonesia sits on the Pacific \"Ring of Fire\" and has dozens of active volcanoes.\n\n© Agence France-Presse"),
   ("E", "jakartapost", 120, "", "Lewotobi eruption death toll reaches nine, alert at highest level", [2, 0, 1],
    [("erupted shortly before midnight on Sunday", "erupted late on Sunday"), ("several thousand", "thousands of")], "(ANTARA)"),
   ("R", "tempo", 200, "Lewotobi eruption: 10,000 evacuees need tents, clean water",
    "TEMPO.CO, Jakarta - Thousands of people displaced by the eruption of Mount Lewotobi Laki-laki in East Flores are in urgent need of tents, blankets and clean water, the local disaster agency said on Monday.\n\nThe eruption, which began before midnight on Sunday, killed nine people. Hot rocks fell on houses in Hokeng Jaya village, burning many of them.\n\nThe regional government declared a 58-day emergency response period. Flights to Maumere airport were cancelled because of volcanic ash."),
   )
near("id-lewotobi-eruption-2024-11-11", "antara", "2024-11-11T04:40",
     "Mount Lewotobi Laki-laki erupts again, ash column reaches 2,000 metres",
     "Jakarta (ANTARA) - Mount Lewotobi Laki-laki in East Flores district, East Nusa Tenggara, erupted again on Monday morning, sending an ash column 2,000 metres above the peak, the Volcanology and Geological Hazard Mitigation Centre (PVMBG) said.\n\nThe alert status remains at the highest level IV and the exclusion zone at seven kilometres from the crater. No casualties were reported.\n\nThe National Disaster Mitigation Agency (BNPB) said more than 10,000 residents were still in evacuation shelters.")

ev("id-nickel-smelter-deal-2024", "2024-07-10T05:15", "antara",
   "Jakarta (ANTARA) -",
   "Vale Indonesia, Huayou sign deal on Pomalaa nickel HPAL plant",
   ["PT Vale Indonesia and China's Zhejiang Huayou Cobalt signed an agreement on Wednesday to build a high-pressure acid leach (HPAL) plant in Pomalaa, Southeast Sulawesi, with an investment of about US$4.5 billion.",
    "The plant will have capacity to produce up to 120,000 tonnes of nickel in mixed hydroxide precipitate a year, Vale Indonesia CEO Febriany Eddy said at the signing in Jakarta.",
    "Investment Minister Bahlil Lahadalia said the project would support Indonesia's ambition to become a hub for electric vehicle batteries."],
   ("R", "reuters", 60, "Vale Indonesia, Huayou sign $4.5 bln nickel processing deal",
    "JAKARTA, July 10 (Reuters) - Vale Indonesia and China's Huayou Cobalt on Wednesday signed a definitive agreement for a $4.5 billion nickel processing plant in Sulawesi, as Indonesia courts investment in its battery supply chain.\n\nThe plant, expected to start operating in 2026, will use high-pressure acid leach technology to process low-grade ore into material for electric vehicle batteries. Ford Motor has also agreed to take a stake.\n\nIndonesia holds the world's largest nickel reserves.\n\n(Reporting by Fransiska Nangoy; Editing by Martin Petty)"),
   ("V", "jakartaglobe", 5, "Jakarta (ANTARA) -", None, None),
   ("E", "jakartapost", 90, "", "Vale, Huayou ink US$4.5b Pomalaa HPAL plant pact", [0, 2, 1],
    [("signed an agreement on Wednesday", "signed a deal on Wednesday"), ("up to 120,000 tonnes", "as much as 120,000 tonnes")], "(ANTARA)"),
   )

# ---------------------------------------------------------------- Philippines
ev("ph-typhoon-kristine-2024", "2024-10-24T02:10", "pna",
   "MANILA -",
   "'Kristine' death toll rises to 46, NDRRMC says",
   ["The death toll from Severe Tropical Storm Kristine (international name: Trami) has risen to 46, with 20 others missing, the National Disaster Risk Reduction and Management Council (NDRRMC) said Thursday.",
    "Most of the deaths were in the Bicol Region, where floods submerged entire towns in Camarines Sur and Albay. More than 2 million people have been affected and 150,000 are staying in evacuation centers, the NDRRMC said.",
    "President Ferdinand R. Marcos Jr. ordered the deployment of military aircraft to deliver relief goods to isolated areas.",
    "Classes and government work remain suspended in Metro Manila and several provinces."],
   ("V", "philstar", 30, "MANILA, Philippines —", None, None),
   ("E", "inquirer", 45, "MANILA, Philippines —", "Kristine death toll climbs to 46; 20 missing", [0, 1, 3],
    [("said Thursday", "said on Thursday"), ("More than 2 million people", "Over two million people")], None),
   ("R", "afp", 15, "Philippine storm Trami kills dozens, floods Bicol region",
    "Manila (AFP) – Floods and landslides triggered by Tropical Storm Trami have killed at least 46 people in the Philippines, officials said Thursday, as rescuers struggled to reach people trapped on rooftops.\n\nThe storm dumped up to two months' worth of rain in 24 hours on parts of the Bicol region, where water in Naga city reached the second floors of houses.\n\n\"We were caught off guard,\" said a rescue official in Camarines Sur. Trami was moving west towards Vietnam.\n\n© Agence France-Presse"),
   ("R", "gmanews", 75, "Naga residents wade through chest-deep floods as Kristine lashes Bicol",
    "Residents of Naga City waded through chest-deep floodwaters on Thursday carrying children and belongings as Severe Tropical Storm Kristine left much of Camarines Sur under water.\n\nThe city government said its rescue boats could not cope with the number of calls for help. At least 46 people have died nationwide, the NDRRMC said.\n\nThe Department of Social Welfare and Development said it has prepositioned food packs in Bicol.\n\n—GMA Integrated News"),
   )
near("ph-typhoon-leon-2024", "pna", "2024-10-31T03:25",
     "'Leon' leaves 1 dead in Batanes, NDRRMC says",
     "MANILA - Super Typhoon Leon (international name: Kong-rey) left one dead and 10 injured as it battered Batanes, the National Disaster Risk Reduction and Management Council (NDRRMC) said Thursday.\n\nThe typhoon damaged houses and knocked down power lines in Basco and Itbayat. More than 8,000 people are staying in evacuation centers in northern Luzon, the NDRRMC said.\n\nPresident Ferdinand R. Marcos Jr. ordered relief goods delivered to Batanes once the weather allows.")

ev("ph-bsp-rate-cut-2024-08", "2024-08-15T08:10", "pna",
   "MANILA -",
   "BSP cuts key rate by 25 bps to 6.25%",
   ["The Monetary Board of the Bangko Sentral ng Pilipinas (BSP) on Thursday reduced the target reverse repurchase rate by 25 basis points to 6.25 percent, its first cut in nearly four years.",
    "BSP Governor Eli Remolona Jr. said the decision was based on the assessment that price pressures have eased, with inflation expected to settle within the 2 to 4 percent target range in 2025.",
    "The interest rates on the overnight deposit and lending facilities were also reduced to 5.75 percent and 6.75 percent, respectively."],
   ("V", "philstar", 20, "MANILA, Philippines —", None, None),
   ("R", "inquirer", 55, "BSP starts easing cycle, trims rates for first time since 2020",
    "MANILA, Philippines — The Bangko Sentral ng Pilipinas (BSP) cut interest rates on Thursday for the first time since the pandemic, a move that should make loans cheaper for households and businesses.\n\nThe quarter-point reduction brings the policy rate to 6.25 percent. Governor Eli Remolona Jr. said the BSP was \"less hawkish\" but warned that further cuts would be gradual.\n\nEconomists had been split on the decision after July inflation rose to 4.4 percent."),
   ("E", "gmanews", 80, "", "BSP lowers policy rate to 6.25%", [0, 2],
    [("on Thursday reduced", "on Thursday cut"), ("its first cut in nearly four years", "its first reduction since November 2020")], None),
   )
near("ph-bsp-rate-cut-2024-10", "pna", "2024-10-16T08:15",
     "BSP cuts key rate by 25 bps to 6%",
     "MANILA - The Monetary Board of the Bangko Sentral ng Pilipinas (BSP) on Wednesday reduced the target reverse repurchase rate by 25 basis points to 6 percent, its second straight cut.\n\nBSP Governor Eli Remolona Jr. said the decision was based on the assessment that price pressures have eased further, with September inflation at 1.9 percent.\n\nThe interest rates on the overnight deposit and lending facilities were also reduced to 5.5 percent and 6.5 percent, respectively.")

ev("ph-ombudsman-mayor-ruling-2024", "2024-09-03T06:30", "pna",
   "MANILA -",
   "Ombudsman orders dismissal of Bataan town mayor over quarry permits",
   ["The Office of the Ombudsman has ordered the dismissal from service of the mayor of Mariveles, Bataan, Reynaldo Castillo, after finding him guilty of grave misconduct over the issuance of quarry permits without approval of the provincial board.",
    "In a 24-page decision, the anti-graft body also imposed the accessory penalties of cancellation of eligibility, forfeiture of retirement benefits and perpetual disqualification from holding public office.",
    "The complaint was filed in 2022 by a group of residents who said the quarrying caused flooding in three barangays. Castillo may file a motion for reconsideration."],
   ("V", "inquirer", 60, "MANILA, Philippines —", None, "By: Inquirer.net Staff"),
   ("R", "philstar", 140, "Bataan mayor kicked out over quarry permits; camp to appeal",
    "MANILA, Philippines — A Bataan town mayor has been dismissed by the Ombudsman over quarry permits that residents blame for floods, but his lawyer said Tuesday they would challenge the ruling.\n\nThe lawyer of Mariveles Mayor Reynaldo Castillo said the permits were issued under a valid ordinance and that the decision was \"premature\". The Department of the Interior and Local Government is expected to implement the order.\n\nResidents of three barangays filed the case two years ago."),
   )
near("ph-ombudsman-mayor-ca-2024", "pna", "2024-09-16T06:50",
     "CA stops Ombudsman's dismissal of Bataan town mayor over quarry permits",
     "MANILA - The Court of Appeals has issued a 60-day temporary restraining order stopping the implementation of the Office of the Ombudsman's decision dismissing the mayor of Mariveles, Bataan, Reynaldo Castillo, over the issuance of quarry permits.\n\nIn a resolution, the appellate court's 12th Division said Castillo had shown that the dismissal would cause him grave and irreparable injury while his petition was pending.\n\nThe Ombudsman had found Castillo guilty of grave misconduct earlier this month.")

ev("ph-ferry-fire-2024", "2024-03-30T00:50", "pna",
   "MANILA -",
   "Coast Guard rescues 130 as ferry catches fire off Bohol",
   ["The Philippine Coast Guard (PCG) rescued 130 passengers and crew after a fire broke out on board the MV Lady of Carmel off Tagbilaran, Bohol, late Friday night.",
    "PCG spokesperson Rear Admiral Armand Balilo said the fire started in the engine room about 30 minutes after the vessel left Tagbilaran port for Cebu. Three passengers were treated for smoke inhalation.",
    "The Maritime Industry Authority has suspended the vessel's operations pending an investigation."],
   ("E", "philstar", 50, "MANILA, Philippines —", "130 saved as fire hits Cebu-bound ferry off Bohol", [0, 1],
    [("late Friday night", "on Friday night"), ("Three passengers were treated", "Three passengers were treated in hospital")], None),
   ("R", "gmanews", 90, "Passengers jump into sea as Bohol ferry catches fire",
    "Some passengers of a Cebu-bound ferry jumped into the sea with life vests on as smoke filled the vessel off Tagbilaran City on Friday night, witnesses said.\n\nA fishing boat and two Coast Guard vessels picked up all 130 people on board. The fire was put out after about two hours.\n\n\"We saw smoke coming from below and everyone panicked,\" one passenger told GMA Regional TV.\n\n—GMA Integrated News"),
   ("V", "inquirer", 25, "MANILA, Philippines —", None, None),
   )

# ---------------------------------------------------------------- Vietnam
ev("vn-typhoon-yagi-2024", "2024-09-09T04:30", "vna",
   "Hanoi (VNA) -",
   "Typhoon Yagi: Phong Chau bridge collapses in Phu Tho, 13 missing",
   ["A section of Phong Chau bridge over the Red River in the northern province of Phu Tho collapsed on Monday morning, sending ten cars and trucks and two motorbikes into the river, the provincial People's Committee said.",
    "Three people were rescued and 13 others are missing. The bridge collapsed as water levels rose sharply following heavy rain brought by Typhoon Yagi.",
    "Prime Minister Pham Minh Chinh has ordered the Ministry of Transport to check the safety of all bridges in flood-hit areas and to set up alternative routes.",
    "Typhoon Yagi, the strongest to hit the country in decades, has killed 64 people in the northern region so far."],
   ("V", "vnexpress", 25, "", None, None),
   ("E", "tuoitre", 40, "", "Phong Chau bridge collapse leaves 13 missing as Yagi floods swell Red River", [0, 1, 2],
    [("on Monday morning", "on Monday"), ("sending ten cars and trucks and two motorbikes into the river", "plunging ten vehicles and two motorbikes into the river")], None),
   ("R", "reuters", 10, "Bridge collapses in Vietnam as typhoon toll rises",
    "HANOI, Sept 9 (Reuters) - A steel bridge in northern Vietnam collapsed on Monday, sweeping vehicles into a river, as the death toll from Typhoon Yagi, Asia's most powerful storm this year, rose to 64.\n\nA video shared by state media showed the bridge breaking apart and falling into the Red River. Three people were pulled alive from the water, state broadcaster VTV said.\n\nFloods and landslides have also hit Cao Bang and Lao Cai provinces.\n\n(Reporting by Francesco Guarascio and Phuong Nguyen; Editing by Lincoln Feast)"),
   )
near("vn-lang-nu-flash-flood-2024", "vna", "2024-09-10T05:10",
     "Typhoon Yagi: flash flood sweeps away Lang Nu village in Lao Cai, dozens missing",
     "Hanoi (VNA) - A flash flood swept through Lang Nu village in Phuc Khanh commune, Bao Yen district of the northern province of Lao Cai, on Tuesday morning, burying 37 houses, the provincial People's Committee said.\n\nDozens of people are missing. The flood followed heavy rain brought by Typhoon Yagi.\n\nPrime Minister Pham Minh Chinh has ordered rescue forces to reach the village as roads are cut off by landslides.")

ev("vn-gdp-q2-2024", "2024-06-29T03:30", "vna",
   "Hanoi (VNA) -",
   "Vietnam's GDP grows 6.93% in Q2, higher than expected",
   ["Vietnam's gross domestic product (GDP) grew 6.93 percent year-on-year in the second quarter of 2024, the General Statistics Office (GSO) said on Saturday, speeding up from 5.66 percent in the first quarter.",
    "For the first six months, GDP expanded 6.42 percent. Industry and construction rose 7.51 percent and services 6.64 percent, GSO Director General Nguyen Thi Huong said at a press conference.",
    "Average consumer price index (CPI) in the first half increased 4.08 percent from a year earlier.",
    "Exports in the first half rose 14.5 percent to 190 billion USD."],
   ("V", "vnexpress", 30, "", None, None),
   ("R", "reuters", 5, "Vietnam's Q2 GDP growth accelerates to 6.93% on strong exports",
    "HANOI, June 29 (Reuters) - Vietnam's economic growth accelerated in the second quarter, boosted by robust exports and manufacturing, government data showed on Saturday.\n\nGross domestic product rose 6.93% from a year earlier, compared with 5.66% in the first quarter. Growth in the first half was 6.42%.\n\nThe government is targeting growth of 6.0%-6.5% this year. Foreign direct investment disbursed in the first six months rose 8.2% to $10.84 billion.\n\n(Reporting by Khanh Vu; Editing by Kanupriya Kapoor)"),
   ("E", "tuoitre", 60, "", "Vietnam posts 6.42% H1 GDP growth, Q2 at 6.93%", [1, 0, 2],
    [("the General Statistics Office (GSO) said on Saturday", "the General Statistics Office said on June 29"), ("speeding up", "up")], None),
   )
near("vn-gdp-q3-2024", "vna", "2024-10-06T03:40",
     "Vietnam's GDP grows 7.4% in Q3 despite Typhoon Yagi",
     "Hanoi (VNA) - Vietnam's gross domestic product (GDP) grew 7.4 percent year-on-year in the third quarter of 2024, the General Statistics Office (GSO) said on Sunday, despite damage caused by Typhoon Yagi.\n\nFor the first nine months, GDP expanded 6.82 percent, GSO Director General Nguyen Thi Huong said at a press conference.\n\nAverage consumer price index (CPI) in the first nine months increased 3.88 percent from a year earlier.")

ev("vn-vinfast-india-plant-2024", "2024-02-25T09:10", "vna",
   "Hanoi (VNA) -",
   "VinFast breaks ground on EV plant in India's Tamil Nadu",
   ["Vietnamese electric vehicle maker VinFast on Sunday broke ground on an integrated EV manufacturing plant in Thoothukudi, Tamil Nadu state, India, with an initial investment of 500 million USD.",
    "The facility will cover about 160 hectares and have an annual capacity of 50,000 vehicles in the first phase, VinFast said. It is expected to create 3,000-3,500 jobs.",
    "Tamil Nadu Chief Minister M.K. Stalin attended the ceremony. VinFast is also building factories in the US and Indonesia."],
   ("R", "pti", 60, "VinFast lays foundation for Rs 4,000-crore EV unit in Thoothukudi",
    "CHENNAI, Feb 25 (PTI) - Vietnam's VinFast on Sunday laid the foundation stone for its electric vehicle manufacturing facility at the SIPCOT industrial park in Thoothukudi, Tamil Nadu, with Chief Minister M K Stalin in attendance.\n\nThe company has committed an investment of USD 2 billion in the state over five years, of which USD 500 million will go into the first phase.\n\nStalin said the project would make Thoothukudi a hub for electric mobility in south India."),
   ("V", "vnexpress", 50, "", None, None),
   ("E", "economictimes", 110, "Chennai:", "VinFast begins work on $500 million Tamil Nadu EV plant", [0, 1],
    [("on Sunday broke ground on", "on Sunday started construction of"), ("Vietnamese electric vehicle maker", "Vietnam's EV maker")], "(With agency inputs)"),
   )

# ---------------------------------------------------------------- Thailand
ev("th-bot-rate-cut-2024-10", "2024-10-16T07:10", "nationthailand",
   "",
   "BOT surprises with rate cut to 2.25%",
   ["The Bank of Thailand's Monetary Policy Committee on Wednesday voted 5-2 to cut the policy rate by 0.25 percentage point to 2.25 percent, effective immediately, its first cut in more than four years.",
    "Two members voted to hold the rate at 2.50 percent, Assistant Governor Sakkapop Panyanukul told a press conference.",
    "The committee kept its economic growth forecast for 2024 at 2.7 percent and 2.9 percent for 2025. Headline inflation is expected to average 0.5 percent this year.",
    "The decision came after months of pressure from the government for lower borrowing costs."],
   ("E", "bangkokpost", 30, "", "Bank of Thailand cuts rate to 2.25% in surprise move", [0, 3, 2],
    [("voted 5-2 to cut", "voted five to two to cut"), ("effective immediately", "with immediate effect")], None),
   ("R", "reuters", 4, "Thai central bank unexpectedly cuts rate, first time in over four years",
    "BANGKOK, Oct 16 (Reuters) - Thailand's central bank unexpectedly cut its key interest rate on Wednesday for the first time in more than four years, as it sought to ease the debt burden on households amid pressure from the government.\n\nThe Bank of Thailand's monetary policy committee voted 5-2 to lower the one-day repurchase rate by a quarter point to 2.25%. Only three of 26 economists in a Reuters poll had predicted a cut.\n\nThe baht weakened about 0.2% after the decision.\n\n(Reporting by Orathai Sriring and Kitiphong Thaichareon; Editing by Kim Coghill)"),
   ("V", "tnamcot", 45, "BANGKOK, Oct 16 (TNA) -", None, None),
   )
near("th-bot-rate-hold-2024-12", "nationthailand", "2024-12-18T07:15",
     "BOT holds policy rate at 2.25%",
     "The Bank of Thailand's Monetary Policy Committee on Wednesday voted 6-1 to keep the policy rate at 2.25 percent.\n\nOne member voted to cut the rate by 0.25 percentage point to 2 percent, Assistant Governor Sakkapop Panyanukul told a press conference.\n\nThe committee kept its economic growth forecast for 2024 at 2.7 percent and 2.9 percent for 2025.")

ev("th-chiang-rai-flood-2024", "2024-09-12T05:40", "nationthailand",
   "",
   "Mae Sai under water as Sai River bursts banks, hundreds trapped",
   ["Floodwater from the Sai River swept into Mae Sai district of Chiang Rai on Thursday morning, submerging markets along the Thai-Myanmar border and trapping hundreds of residents in their homes.",
    "Chiang Rai Governor Puttipong Sirimart said the water level was more than two metres in some communities. Soldiers and volunteers used boats and military trucks to evacuate elderly people and children.",
    "The Meteorological Department warned of more heavy rain in the North until Sunday as Typhoon Yagi's remnants lingered over the region."],
   ("V", "bangkokpost", 30, "", None, "Online Reporters"),
   ("R", "afp", 70, "Floods trap hundreds in Thai border town after Yagi",
    "Mae Sai (Thailand) (AFP) – Rescuers in northern Thailand used boats and trucks on Thursday to reach hundreds of people trapped by floodwaters in a town on the Myanmar border, as the deadly aftermath of Typhoon Yagi spread across the region.\n\nBrown water surged through the streets of Mae Sai, sweeping away cars and filling shops, as the river that marks the border burst its banks.\n\nAt least nine people have died in floods and landslides in northern Thailand this week, officials said.\n\n© Agence France-Presse"),
   ("E", "tnamcot", 90, "CHIANG RAI, Sept 12 (TNA) -", "Soldiers evacuate Mae Sai residents as Sai River floods border town", [1, 0],
    [("Thursday morning", "Thursday"), ("Soldiers and volunteers", "Army units and volunteers")], None),
   )
near("th-chiang-rai-flood-mud-2024", "nationthailand", "2024-09-24T06:10",
     "Mae Sai hit by second flood as Sai River rises again",
     "Floodwater from the Sai River swept into Mae Sai district of Chiang Rai again on Tuesday, less than two weeks after the first flood, as residents were still clearing mud from their homes.\n\nChiang Rai Governor Puttipong Sirimart said the water level was about one metre in riverside communities and urged residents to move belongings to higher floors.\n\nThe Meteorological Department warned of more heavy rain in the North until Friday.")

ev("th-pm-removed-court-2024", "2024-08-14T08:20", "tnamcot",
   "BANGKOK, Aug 14 (TNA) -",
   "Constitutional Court removes Prime Minister Srettha from office",
   ["The Constitutional Court on Wednesday ruled 5-4 to remove Prime Minister Srettha Thavisin from office for appointing a cabinet minister who had served a jail term, saying he had violated ethical standards.",
    "The case was filed by 40 caretaker senators over the appointment of Pichit Chuenban as Minister to the Prime Minister's Office in April.",
    "The cabinet will continue as caretaker until the House of Representatives elects a new prime minister. Deputy Prime Minister Phumtham Wechayachai will serve as acting prime minister."],
   ("E", "bangkokpost", 15, "", "Srettha removed as PM by court ruling", [0, 1, 2],
    [("ruled 5-4", "voted 5-4"), ("for appointing", "over his appointment of")], None),
   ("R", "reuters", 5, "Thai court dismisses PM Srettha, deepening political turmoil",
    "BANGKOK, Aug 14 (Reuters) - Thailand's Constitutional Court dismissed Prime Minister Srettha Thavisin on Wednesday for violating the constitution by appointing to his cabinet a lawyer who had served prison time, removing him after less than a year in office.\n\nThe ruling means parliament must convene to choose a new premier, with the potential for more upheaval in a country plagued for two decades by coups and court rulings.\n\nSrettha said he respected the verdict.\n\n(Reporting by Panu Wongcha-um and Panarat Thepgumpanat; Editing by Martin Petty)"),
   ("R", "nationthailand", 50, "Srettha out: what happens next after court ruling",
    "Srettha Thavisin became the fourth Thai prime minister in 16 years to be removed by the Constitutional Court when judges ruled against him on Wednesday over the appointment of Pichit Chuenban.\n\nThe House must now vote for a new premier from the list of candidates named by parties before the 2023 election. Pheu Thai is expected to nominate a candidate after meeting coalition partners.\n\nUntil then, Phumtham Wechayachai will act as caretaker prime minister."),
   ("V", "nationthailand", 20, "BANGKOK, Aug 14 (TNA) -", None, None),
   )
near("th-move-forward-dissolved-2024", "tnamcot", "2024-08-07T08:35",
     "Constitutional Court dissolves Move Forward Party",
     "BANGKOK, Aug 7 (TNA) - The Constitutional Court on Wednesday ruled unanimously to dissolve the opposition Move Forward Party for its campaign to amend the royal insult law, saying the campaign was an attempt to undermine the constitutional monarchy.\n\nThe court also banned 11 of the party's executives, including former leader Pita Limjaroenrat, from politics for 10 years.\n\nThe case was filed by the Election Commission in March.")

# ---------------------------------------------------------------- Poland
ev("pl-nbp-hold-2024-11", "2024-11-06T13:15", "pap",
   "WARSAW, Nov 6 (PAP) -",
   "NBP leaves interest rates unchanged, reference rate at 5.75%",
   ["The Monetary Policy Council (RPP) on Wednesday kept the National Bank of Poland's interest rates unchanged, with the reference rate at 5.75 percent, the central bank said in a statement.",
    "The lombard rate remains at 6.25 percent, the deposit rate at 5.25 percent and the rediscount rate at 5.80 percent.",
    "NBP Governor Adam Glapinski will present the reasons for the decision at a press conference on Thursday. The council also discussed the November inflation projection, which sees inflation above the target until 2026.",
    "Interest rates in Poland have been unchanged since October 2023."],
   ("V", "tvpworld", 20, "", None, None),
   ("E", "notesfrompoland", 150, "", "Polish central bank holds rates, signals no cuts before spring", [0, 3, 2],
    [("on Wednesday kept", "on Wednesday again kept"), ("the central bank said in a statement", "the NBP announced")], None),
   ("R", "reuters", 2, "Poland's central bank holds rates, as expected",
    "WARSAW, Nov 6 (Reuters) - Poland's central bank kept interest rates unchanged on Wednesday, as expected, with the reference rate at 5.75%.\n\nAll 20 economists polled by Reuters had forecast no change. Governor Adam Glapinski has said a discussion about cuts could start in March 2025 at the earliest.\n\nInflation rose to 4.9% in October, above the central bank's target of 2.5% plus or minus one percentage point.\n\n(Reporting by Pawel Florkiewicz; Editing by Alan Charlish)"),
   )
near("pl-nbp-hold-2024-12", "pap", "2024-12-04T13:10",
     "NBP leaves interest rates unchanged, reference rate at 5.75%",
     "WARSAW, Dec 4 (PAP) - The Monetary Policy Council (RPP) on Wednesday kept the National Bank of Poland's interest rates unchanged, with the reference rate at 5.75 percent, the central bank said in a statement.\n\nThe lombard rate remains at 6.25 percent, the deposit rate at 5.25 percent and the rediscount rate at 5.80 percent.\n\nNBP Governor Adam Glapinski will present the reasons for the decision at a press conference on Thursday, the last of the year.")

ev("pl-klodzko-flood-2024", "2024-09-15T09:40", "pap",
   "KLODZKO, Sept 15 (PAP) -",
   "Flood wave hits Klodzko, residents evacuated from city centre",
   ["A flood wave on the Nysa Klodzka river hit the town of Klodzko in south-western Poland on Sunday morning, flooding the city centre and forcing the evacuation of hundreds of residents, local authorities said.",
    "The water level at the Klodzko gauge reached over 6.5 metres, exceeding the record from the 1997 flood. Firefighters and soldiers were evacuating people by boat.",
    "Prime Minister Donald Tusk, who arrived in Klodzko, said the government would declare a state of natural disaster in affected areas.",
    "Dozens of people were also evacuated in Glucholazy in Opole province, where a bridge collapsed."],
   ("V", "tvpworld", 15, "", None, None),
   ("R", "notesfrompoland", 90, "Floods devastate south-west Poland as rivers burst banks",
    "Daniel Tilles\n\nTowns in south-western Poland have been devastated by flooding after days of torrential rain, with the historic centre of Klodzko under water and a bridge swept away in Glucholazy.\n\nResidents said the water rose faster than in 1997, when the so-called \"flood of the millennium\" killed 56 people in Poland. One person has died in the town of Nysa area, police said.\n\nThe government has announced that it will introduce a state of natural disaster. Opposition politicians criticised what they called a slow response."),
   ("R", "reuters", 30, "Floods sweep through Polish towns, bridge collapses",
    "WARSAW, Sept 15 (Reuters) - Floodwaters swept through towns in southwestern Poland on Sunday, forcing evacuations, as the death toll from storm Boris in central Europe rose.\n\nIn Klodzko, near the Czech border, brown water filled the streets and people were evacuated by boat. In Glucholazy a bridge collapsed into the swollen river.\n\n\"The situation is very dramatic,\" Prime Minister Donald Tusk said.\n\n(Reporting by Anna Koper and Pawel Florkiewicz; Editing by Andrew Heavens)"),
   ("E", "polskieradio", 60, "", "Klodzko flooded as Nysa Klodzka exceeds 1997 record", [0, 1, 2],
    [("on Sunday morning", "on Sunday"), ("local authorities said", "officials said")], "(PAP)"),
   )
near("pl-nysa-dam-flood-2024", "pap", "2024-09-16T06:20",
     "Nysa residents evacuated after embankment damaged",
     "NYSA, Sept 16 (PAP) - Residents of several districts of Nysa in south-western Poland were ordered to evacuate on Monday morning after an embankment on the Nysa Klodzka river was damaged, the mayor said.\n\nSoldiers and firefighters were trying to seal the embankment with sandbags. The hospital was evacuated overnight.\n\nThe government on Monday declared a state of natural disaster in parts of Lower Silesia, Opole and Silesia provinces.")

ev("pl-tusk-scholz-meeting-2024", "2024-07-02T11:20", "pap",
   "WARSAW, July 2 (PAP) -",
   "Tusk, Scholz hold first intergovernmental consultations in six years",
   ["Prime Minister Donald Tusk and German Chancellor Olaf Scholz held intergovernmental consultations in Warsaw on Tuesday, the first in six years, discussing security, migration and support for Ukraine.",
    "Scholz announced that Germany would offer support to the few still-living Polish victims of the Nazi occupation, and said Berlin would work on a monument to Polish victims of the war.",
    "Tusk said Poland expected Germany to take part in strengthening the eastern border, including the East Shield project."],
   ("V", "tvpworld", 30, "", None, None),
   ("R", "reuters", 60, "Germany's Scholz offers support to Polish WW2 survivors",
    "WARSAW, July 2 (Reuters) - German Chancellor Olaf Scholz said on Tuesday Berlin would offer support to living survivors of the Nazi occupation of Poland, in a gesture aimed at a long-running dispute over war reparations.\n\nPoland's previous nationalist government had demanded 6.2 trillion zlotys in reparations, which Berlin rejected. Scholz did not give figures.\n\nThe two governments held their first joint consultations since 2018.\n\n(Reporting by Alan Charlish and Anna Wlodarczak-Semczuk; Editing by Ros Russell)"),
   )
near("pl-tusk-macron-meeting-2024", "pap", "2024-07-12T10:55",
     "Tusk, Macron discuss security cooperation in Warsaw",
     "WARSAW, July 12 (PAP) - Prime Minister Donald Tusk and French President Emmanuel Macron held talks in Warsaw on Friday, discussing security, defence industry cooperation and support for Ukraine.\n\nTusk said Poland and France would work on a new bilateral treaty to deepen their partnership.\n\nMacron said Europe had to take more responsibility for its own defence.")

ev("pl-cpi-flash-2025-01", "2025-01-31T09:10", "pap",
   "WARSAW, Jan 31 (PAP) -",
   "Poland's CPI inflation 5.3% y/y in January, flash estimate shows",
   ["Consumer prices in Poland rose 5.3 percent year-on-year in January, according to a flash estimate published by Statistics Poland (GUS) on Friday.",
    "Month-on-month, prices rose 1.0 percent. Food and non-alcoholic beverage prices increased 6.1 percent y/y and energy prices 12.8 percent y/y.",
    "The data reflect a change in the weights of the consumer basket, GUS said."],
   ("V", "businessinsiderpl", 20, "", None, None),
   ("R", "reuters", 3, "Polish inflation higher than expected in January",
    "WARSAW, Jan 31 (Reuters) - Polish consumer price inflation rose to 5.3% year-on-year in January, flash data showed on Friday, above analysts' forecasts of 5.0%.\n\nEconomists said the higher reading reduced the chance of an interest rate cut in the first half of the year.\n\nThe zloty firmed slightly against the euro after the data.\n\n(Reporting by Pawel Florkiewicz; Editing by Toby Chopra)"),
   ("E", "tvpworld", 45, "", "Inflation in Poland rises to 5.3% in January", [0, 1],
    [("according to a flash estimate published by Statistics Poland (GUS) on Friday", "the statistics office GUS said on Friday in a flash estimate")], None),
   )
near("pl-cpi-flash-2025-02", "pap", "2025-02-28T09:05",
     "Poland's CPI inflation 4.8% y/y in February, flash estimate shows",
     "WARSAW, Feb 28 (PAP) - Consumer prices in Poland rose 4.8 percent year-on-year in February, according to a flash estimate published by Statistics Poland (GUS) on Friday.\n\nMonth-on-month, prices rose 0.3 percent. Food and non-alcoholic beverage prices increased 6.7 percent y/y and energy prices 12.5 percent y/y.")

# ---------------------------------------------------------------- Romania
ev("ro-ccr-annuls-election-2024", "2024-12-06T13:30", "agerpres",
   "Bucharest, Dec 6 /Agerpres/ -",
   "Constitutional Court annuls presidential election, entire process to be rerun",
   ["The Constitutional Court of Romania (CCR) on Friday unanimously decided to annul the entire presidential election process, two days before the second round scheduled for Sunday.",
    "The court said the electoral process would be resumed in full, with the government to set a new date. The decision is final and generally binding.",
    "The ruling came after declassified intelligence documents alleged an organised online campaign in favour of one of the candidates.",
    "Voting for the runoff had already started at polling stations abroad."],
   ("E", "romaniainsider", 40, "", "Romania's Constitutional Court cancels presidential election days before runoff", [0, 2, 1],
    [("on Friday unanimously decided", "decided unanimously on Friday"), ("The decision is final and generally binding.", "The decision cannot be appealed.")], None),
   ("R", "reuters", 10, "Romania's top court annuls presidential election after Russian meddling claims",
    "BUCHAREST, Dec 6 (Reuters) - Romania's top court annulled the presidential election on Friday, two days before a runoff, after allegations of Russian interference in favour of a far-right candidate who won the first round.\n\nThe ruling means the whole election must be held again. Diaspora voters had already begun casting ballots.\n\nThe decision followed the release of intelligence files that alleged a coordinated TikTok campaign.\n\n(Reporting by Luiza Ilie; Editing by Andrew Heavens)"),
   ("R", "afp", 25, "Romania court cancels vote in unprecedented move",
    "Bucharest (AFP) – Romania's constitutional court on Friday annulled the first round of the presidential election, in an unprecedented decision that throws the EU and NATO member into political uncertainty.\n\nThe decision came as Romanians abroad had started voting in the runoff, scheduled for Sunday in Romania.\n\nOutgoing President Klaus Iohannis said he would stay in office until a new president is sworn in.\n\n© Agence France-Presse"),
   ("V", "digi24", 20, "", None, None),
   )
near("ro-ccr-rejects-georgescu-2025", "agerpres", "2025-03-11T19:40",
     "Constitutional Court rejects appeal against BEC decision to bar candidacy",
     "Bucharest, Mar 11 /Agerpres/ - The Constitutional Court of Romania (CCR) on Tuesday unanimously rejected an appeal against the decision of the Central Electoral Bureau (BEC) to reject a candidacy in the presidential election rerun.\n\nThe court said its decision was final and generally binding.\n\nThe presidential election is scheduled for May 4, with a runoff on May 18.")

ev("ro-bnr-hold-2025-01", "2025-01-16T12:40", "agerpres",
   "Bucharest, Jan 16 /Agerpres/ -",
   "BNR keeps monetary policy rate at 6.50 pct",
   ["The Board of the National Bank of Romania (BNR) decided on Thursday to keep the monetary policy rate at 6.50 pct per annum, the central bank said in a release.",
    "The lending (Lombard) facility rate was kept at 7.50 pct per annum and the deposit facility rate at 5.50 pct per annum. The minimum reserve requirement ratios on leu- and foreign currency-denominated liabilities of credit institutions were also kept unchanged.",
    "The annual inflation rate fell to 5.14 pct in December 2024 from 5.11 pct in November, the BNR said.",
    "The next monetary policy meeting is scheduled for February 14."],
   ("V", "romaniainsider", 30, "", None, None),
   ("E", "zf", 60, "", "BNR leaves key rate unchanged at 6.5%", [0, 1, 3],
    [(" pct per annum", "%"), (" pct", "%")], None),
   )
near("ro-bnr-hold-2025-02", "agerpres", "2025-02-14T12:35",
     "BNR keeps monetary policy rate at 6.50 pct",
     "Bucharest, Feb 14 /Agerpres/ - The Board of the National Bank of Romania (BNR) decided on Friday to keep the monetary policy rate at 6.50 pct per annum, the central bank said in a release.\n\nThe lending (Lombard) facility rate was kept at 7.50 pct per annum and the deposit facility rate at 5.50 pct per annum.\n\nThe BNR also presented its new quarterly Inflation Report, which sees inflation at 3.8 pct at the end of 2025.\n\nThe next monetary policy meeting is scheduled for April 4.")

ev("ro-train-derail-2024", "2024-03-21T08:50", "agerpres",
   "Bucharest, Mar 21 /Agerpres/ -",
   "Freight train derails near Brasov, rail traffic blocked on Bucharest line",
   ["A freight train carrying fuel derailed on Thursday morning near Predeal, in Brasov County, blocking rail traffic on the main line between Bucharest and Brasov, CFR Infrastructura said.",
    "Seven tanker wagons left the tracks, but no fuel leaked and there were no injuries, the Brasov County Emergency Situations Inspectorate (ISU) said.",
    "Passenger trains were being diverted, with delays of up to three hours. Investigators from the Romanian Railway Investigation Agency were at the scene."],
   ("V", "digi24", 25, "", None, None),
   ("R", "romaniainsider", 120, "Derailment cuts Romania's busiest rail line for hours",
    "Romania's busiest railway, the line linking Bucharest to Brasov through the Prahova Valley, was closed for several hours on Thursday after a freight train derailed near Predeal.\n\nPassengers reported delays of up to three hours. Seven wagons of the fuel train came off the tracks, but emergency services said there was no leak.\n\nThe line, largely built in the 19th century, has been hit by several incidents in recent years."),
   )
near("ro-train-derail-2024-03-28", "agerpres", "2024-03-28T07:30",
     "Freight train derails near Sinaia, rail traffic disrupted on Bucharest line",
     "Bucharest, Mar 28 /Agerpres/ - A freight train carrying cement derailed on Thursday morning near Sinaia, in Prahova County, disrupting rail traffic on the main line between Bucharest and Brasov, CFR Infrastructura said.\n\nTwo wagons left the tracks and there were no injuries, the Prahova County Emergency Situations Inspectorate (ISU) said.\n\nPassenger trains were running on a single track, with delays of up to 90 minutes.")

# ---------------------------------------------------------------- Czechia
ev("cz-cnb-hold-2024-12", "2024-12-19T13:35", "ctk",
   "Prague, Dec 19 (CTK) -",
   "CNB leaves base rate unchanged at 4 percent",
   ["The Czech National Bank (CNB) board on Thursday left the base two-week repo rate unchanged at 4 percent, CNB Governor Ales Michl told a press conference.",
    "The board voted five to two for the decision, with two members proposing a cut of 0.25 percentage point. The Lombard rate remains at 5 percent and the discount rate at 3 percent.",
    "Michl said inflation was still above the 2-percent target and the bank wanted to see how services prices evolved.",
    "The bank had cut rates at each of its previous nine meetings."],
   ("V", "radioprague", 45, "", None, None),
   ("E", "expatscz", 80, "", "Czech central bank pauses rate cuts, base rate stays at 4%", [0, 3, 1],
    [("told a press conference", "told reporters"), (" percent", "%")], None),
   ("R", "reuters", 3, "Czech central bank halts rate-cutting cycle",
    "PRAGUE, Dec 19 (Reuters) - The Czech National Bank paused its monetary easing on Thursday, keeping its main interest rate at 4.00% as inflation picked up, ending a run of cuts that began a year ago.\n\nThe bank had lowered rates from 7.00% since December 2023. Inflation accelerated to 2.8% in November.\n\nThe crown was stable against the euro after the decision.\n\n(Reporting by Jason Hovet; Editing by Ros Russell)"),
   )
near("cz-cnb-cut-2025-02", "ctk", "2025-02-05T13:40",
     "CNB cuts base rate to 3.75 percent",
     "Prague, Feb 5 (CTK) - The Czech National Bank (CNB) board on Wednesday cut the base two-week repo rate by 0.25 percentage point to 3.75 percent, CNB Governor Ales Michl told a press conference.\n\nThe board voted unanimously for the decision. The Lombard rate falls to 4.75 percent and the discount rate to 2.75 percent.\n\nMichl said inflation was expected to stay close to the target this year.")

ev("cz-brno-depot-arson-verdict-2024", "2024-06-11T10:20", "ctk",
   "Prague, June 11 (CTK) -",
   "Court sentences man to 12 years for arson attack on Brno tram depot",
   ["The Regional Court in Brno on Tuesday sentenced Tomas Kratochvil, 34, to 12 years in prison for setting fire to a tram depot in the Medlanky district last year, causing damage of about 90 million crowns.",
    "The court found him guilty of general endangerment. The defendant, who denied the charges, appealed on the spot, so the verdict is not final.",
    "The fire destroyed eight trams and damaged the depot roof. No one was injured."],
   ("V", "expatscz", 60, "", None, None),
   ("E", "radioprague", 100, "", "Brno depot arsonist gets 12 years", [0, 1],
    [("on Tuesday sentenced", "has sentenced"), ("about 90 million crowns", "roughly CZK 90 million")], "(CTK)"),
   ("R", "brnodaily", 180, "Man who burned eight Brno trams jailed for 12 years",
    "Brno Daily\n\nA 34-year-old man was jailed for 12 years on Tuesday for the fire that destroyed eight trams at the Medlanky depot in March last year, one of the costliest cases of arson in the city's history.\n\nThe transport company DPMB said it had had to borrow vehicles from other depots and rearrange timetables for months. It is seeking compensation.\n\nThe defendant's lawyer said they would appeal to the High Court in Olomouc."),
   )
near("cz-brno-depot-appeal-2024", "ctk", "2024-06-25T09:45",
     "High Court upholds 12-year sentence for Brno tram depot arson",
     "Prague, June 25 (CTK) - The High Court in Olomouc on Tuesday upheld the 12-year prison sentence for Tomas Kratochvil, 34, for setting fire to a tram depot in the Medlanky district of Brno last year.\n\nThe court rejected his appeal, so the verdict is final. He must also pay compensation to the Brno transport company DPMB.\n\nThe fire destroyed eight trams and damaged the depot roof.")

ev("cz-dukovany-khnp-2024", "2024-07-17T15:20", "ctk",
   "Prague, July 17 (CTK) -",
   "Government picks KHNP to build new Dukovany units",
   ["The Czech government on Wednesday selected South Korea's KHNP as the preferred bidder to build two new nuclear units at the Dukovany power plant, Prime Minister Petr Fiala told a press conference.",
    "KHNP's bid was better in almost all criteria than that of France's EDF, Fiala said. The price of one unit should be about 200 billion crowns at 2024 prices.",
    "The contract is to be signed by the end of March 2025. The first unit should be put into operation in 2036."],
   ("R", "reuters", 15, "Czechs pick South Korea's KHNP for nuclear expansion",
    "PRAGUE, July 17 (Reuters) - The Czech government chose South Korea's KHNP on Wednesday to build two new nuclear units, in a blow to France's EDF, the other bidder in the country's largest ever tender.\n\nKHNP, owned by Korea Electric Power, offered what Prime Minister Petr Fiala called a better price and terms. The government has the option to add two more units at Temelin.\n\n(Reporting by Jason Hovet; Editing by Jan Harvey)"),
   ("V", "radioprague", 40, "", None, None),
   ("E", "expatscz", 120, "", "South Korea's KHNP wins Czech nuclear tender", [0, 1, 2],
    [("selected", "chose"), ("told a press conference", "said")], None),
   )

# ---------------------------------------------------------------- Hungary
ev("hu-mnb-cut-2024-09", "2024-09-24T12:10", "mti",
   "Budapest, September 24 (MTI) -",
   "MNB cuts base rate by 25 basis points to 6.50 pct",
   ["The Monetary Council of the National Bank of Hungary (MNB) cut the central bank base rate by 25 basis points to 6.50 percent at its rate-setting meeting on Tuesday.",
    "The overnight collateralised lending rate was lowered to 7.50 percent and the overnight deposit rate to 5.50 percent, the MNB said in a statement.",
    "Deputy Governor Barnabas Virag is scheduled to give a press briefing in the afternoon.",
    "Headline inflation slowed to 3.4 percent in August."],
   ("V", "hungarytoday", 35, "", None, None),
   ("E", "dailynewshungary", 60, "", "Hungarian central bank lowers key rate to 6.5%", [0, 1, 3],
    [("cut the central bank base rate", "lowered the base rate"), ("at its rate-setting meeting on Tuesday", "on Tuesday")], "(MTI)"),
   ("R", "reuters", 3, "Hungary cuts base rate to 6.50%, signals pause",
    "BUDAPEST, Sept 24 (Reuters) - Hungary's central bank cut its base rate by 25 basis points to 6.50% on Tuesday as expected, and signalled that it would likely pause its easing cycle in the coming months.\n\nDeputy Governor Barnabas Virag said there was little room for further cuts this year given global uncertainty and risks to the forint.\n\n(Reporting by Krisztina Than; Editing by Christina Fincher)"),
   )
near("hu-mnb-hold-2024-10", "mti", "2024-10-22T12:05",
     "MNB keeps base rate unchanged at 6.50 pct",
     "Budapest, October 22 (MTI) - The Monetary Council of the National Bank of Hungary (MNB) kept the central bank base rate unchanged at 6.50 percent at its rate-setting meeting on Tuesday.\n\nThe overnight collateralised lending rate remained at 7.50 percent and the overnight deposit rate at 5.50 percent, the MNB said in a statement.\n\nHeadline inflation slowed to 3.0 percent in September.")

ev("hu-xi-visit-2024", "2024-05-09T14:30", "mti",
   "Budapest, May 9 (MTI) -",
   "Hungary, China sign 18 agreements during Xi's visit",
   ["Hungary and China signed 18 cooperation agreements during Chinese President Xi Jinping's visit to Budapest on Thursday, covering infrastructure, energy, the nuclear industry and railway development, Foreign Minister Peter Szijjarto said.",
    "Prime Minister Viktor Orban and Xi announced that the two countries were elevating their relations to an all-weather comprehensive strategic partnership.",
    "Szijjarto said the agreements included the construction of the Budapest-Belgrade railway and a new oil pipeline between Hungary and Serbia."],
   ("V", "dailynewshungary", 40, "", None, None),
   ("R", "reuters", 20, "Hungary rolls out red carpet for Xi as China deepens ties in Europe",
    "BUDAPEST, May 9 (Reuters) - Hungarian Prime Minister Viktor Orban welcomed Chinese President Xi Jinping to Budapest on Thursday, the last stop of a European tour, as Beijing seeks to strengthen ties with friendly EU governments.\n\nThe two leaders said their countries would upgrade relations to an \"all-weather comprehensive strategic partnership\". Hungary is home to major Chinese investments including a BYD car plant and CATL battery factory.\n\n(Reporting by Krisztina Than; Editing by Alex Richardson)"),
   ("E", "hungarytoday", 70, "", "Orban and Xi upgrade ties, 18 deals signed", [1, 0],
    [("on Thursday", ""), ("Foreign Minister Peter Szijjarto said", "according to Foreign Minister Peter Szijjarto")], None),
   )
near("hu-szijjarto-wang-2024", "mti", "2024-05-20T10:15",
     "Szijjarto holds talks with Chinese counterpart Wang Yi in Beijing",
     "Budapest, May 20 (MTI) - Foreign Minister Peter Szijjarto held talks with Chinese Foreign Minister Wang Yi in Beijing on Monday on implementing the agreements signed during Chinese President Xi Jinping's visit to Budapest this month.\n\nSzijjarto said the two sides reviewed infrastructure and energy projects, including the Budapest-Belgrade railway.\n\nHe also met executives of Chinese companies planning investments in Hungary.")
near("hu-szijjarto-lavrov-2024", "mti", "2024-05-23T15:20",
     "Szijjarto holds talks with Russian counterpart Lavrov in Minsk",
     "Budapest, May 23 (MTI) - Foreign Minister Peter Szijjarto held talks with Russian Foreign Minister Sergei Lavrov on the sidelines of a security conference in Minsk on Thursday, focusing on energy supplies.\n\nSzijjarto said Hungary's gas and oil supplies and the Paks II nuclear project were on the agenda.\n\nHe said Hungary wanted to keep channels of communication open.")

ev("hu-sport-ferencvaros-2024", "2024-10-24T21:10", "mti",
   "Budapest, October 24 (MTI) -",
   "Ferencvaros beat Dynamo Kyiv 4-0 in Europa League",
   ["Ferencvaros beat Dynamo Kyiv 4-0 in the third round of the UEFA Europa League league phase at the Groupama Arena in Budapest on Thursday evening.",
    "Barnabas Varga scored twice, while Adama Traore and Kristoffer Zachariassen also found the net for the Hungarian champions.",
    "Ferencvaros now have six points from three matches. They next play Eintracht Frankfurt away on November 7."],
   ("V", "hungarytoday", 30, "", None, None),
   ("E", "dailynewshungary", 50, "", "Fradi thrash Dynamo Kyiv in Budapest", [0, 1, 2],
    [("the Hungarian champions", "Fradi"), ("on Thursday evening", "on Thursday")], None),
   )
near("hu-sport-ferencvaros-2024-11", "mti", "2024-11-07T21:05",
     "Ferencvaros lose 2-1 to Eintracht Frankfurt in Europa League",
     "Budapest, November 7 (MTI) - Ferencvaros lost 2-1 to Eintracht Frankfurt in the fourth round of the UEFA Europa League league phase in Frankfurt on Thursday evening.\n\nBarnabas Varga scored for the Hungarian champions.\n\nFerencvaros remain on six points from four matches.")

# ---------------------------------------------------------------- more events (mixed region)
ev("in-nepal-flight-crash-2024", "2024-07-24T06:20", "pti",
   "KATHMANDU, Jul 24 (PTI) -",
   "18 killed as Saurya Airlines plane crashes during take-off in Kathmandu",
   ["Eighteen people were killed when a Saurya Airlines plane crashed during take-off at Kathmandu's Tribhuvan International Airport on Wednesday morning, officials said.",
    "The captain of the CRJ-200 aircraft, which was flying to Pokhara for maintenance with 19 people on board, was rescued and taken to hospital, the Civil Aviation Authority of Nepal said.",
    "The plane skidded off the runway and caught fire. The airport was closed for several hours.",
    "The government has formed a five-member committee to investigate the crash."],
   ("V", "ndtv", 30, "Kathmandu:", "18 Killed As Plane Crashes During Take-Off In Nepal's Kathmandu", None),
   ("R", "reuters", 10, "Plane crashes on take-off in Nepal, 18 dead",
    "KATHMANDU, July 24 (Reuters) - A plane carrying airline staff crashed on take-off in Nepal's capital Kathmandu on Wednesday, killing 18 people and leaving the pilot as the only survivor, officials said.\n\nThe Saurya Airlines Bombardier jet was heading to the tourist city of Pokhara. Television footage showed black smoke rising from the crash site at the edge of the runway.\n\nNepal has a poor air safety record, partly due to its mountainous terrain.\n\n(Reporting by Gopal Sharma; Editing by Krishna N. Das)"),
   ("E", "thehindu", 90, "KATHMANDU:", "Nepal plane crash: pilot lone survivor as 18 die", [1, 0, 3],
    [("Wednesday morning", "Wednesday"), ("officials said", "airport officials said")], "(PTI)"),
   )

ev("pk-cricket-psl-final-2024", "2024-03-18T18:40", "app",
   "KARACHI, Mar 18 (APP):",
   "Islamabad United win third PSL title with last-ball victory over Multan Sultans",
   ["Islamabad United won their third HBL Pakistan Super League title after beating Multan Sultans by two wickets off the last ball in the final at the National Bank Stadium on Monday night.",
    "Chasing 160, Islamabad reached the target as Hunain Shah hit the winning boundary. Imad Wasim, who took five wickets earlier, was named player of the match.",
    "Multan Sultans had been restricted to 159-9 in their 20 overs, with Usman Khan scoring 57."],
   ("V", "thenews", 30, "KARACHI:", None, "Sports Reporter"),
   ("R", "dawn", 70, "Imad's five-for, nerveless finish hand United record third crown",
    "KARACHI: Imad Wasim took five wickets and then stayed calm at the crease as Islamabad United edged Multan Sultans in a thrilling final on Monday, becoming the first side to lift the PSL trophy three times.\n\nNeeding one run off the final ball, tailender Hunain Shah sent the ball to the fence, sparking wild celebrations at a packed National Bank Stadium.\n\nIt was Multan's third successive defeat in the final.\n\nPublished in Dawn, March 19th, 2024"),
   )

ev("id-subang-bus-crash-2024", "2024-05-11T15:10", "antara",
   "Jakarta (ANTARA) -",
   "11 killed as bus carrying students crashes in Subang, West Java",
   ["Eleven people were killed and dozens injured when a bus carrying students from a high school in Depok overturned on a downhill road in Ciater, Subang district, West Java, on Saturday evening, police said.",
    "The bus, which was returning from a school trip, lost its brakes and hit a car and several motorbikes before overturning, West Java Police spokesperson Jules Abraham Abast said.",
    "The injured were taken to hospitals in Subang and Bandung. The Transportation Ministry said the bus did not have a valid roadworthiness permit."],
   ("V", "jakartaglobe", 20, "Jakarta (ANTARA) -", None, None),
   ("E", "jakartapost", 100, "", "Bus with Depok students crashes in Subang, 11 dead", [0, 1, 2],
    [("on Saturday evening", "on Saturday"), ("lost its brakes", "suffered brake failure")], "(ANTARA)"),
   ("R", "tempo", 140, "Subang bus crash: Depok school mourns 11 victims",
    "TEMPO.CO, Depok - Classmates and parents gathered at a high school in Depok on Sunday to mourn the nine students and two adults who died when their bus overturned in Ciater, Subang, on the way back from a graduation trip.\n\nThe school's principal said the trip had been organised by an event company. Police are questioning the company and the bus owner.\n\nThe bus was more than 18 years old and its permit had expired, the Transportation Ministry said."),
   )

ev("vn-trong-funeral-2024", "2024-07-25T03:00", "vna",
   "Hanoi (VNA) -",
   "State funeral held for Party General Secretary Nguyen Phu Trong",
   ["A state funeral for Party General Secretary Nguyen Phu Trong was held at the National Funeral House in Hanoi on Thursday, attended by Party and State leaders and foreign delegations.",
    "President To Lam, head of the funeral committee, delivered the memorial speech, praising Trong's contribution to the Party and the nation. The burial ceremony took place at Mai Dich Cemetery in the afternoon.",
    "Trong, who had led the Communist Party of Vietnam since 2011, passed away on July 19 at the age of 80."],
   ("V", "vnexpress", 35, "", None, None),
   ("R", "reuters", 15, "Vietnam buries party chief Trong as leadership contest looms",
    "HANOI, July 25 (Reuters) - Vietnam held a state funeral on Thursday for Communist Party chief Nguyen Phu Trong, the country's most powerful politician for more than a decade, as attention turned to who will succeed him.\n\nThousands lined the streets of Hanoi as the funeral procession passed. President To Lam, who heads the funeral committee, is seen as a frontrunner.\n\n(Reporting by Francesco Guarascio; Editing by Martin Petty)"),
   )
near("vn-to-lam-elected-2024", "vna", "2024-08-03T04:20",
     "President To Lam elected Party General Secretary",
     "Hanoi (VNA) - President To Lam was elected General Secretary of the Communist Party of Vietnam Central Committee at a meeting of the Central Committee in Hanoi on Saturday.\n\nThe meeting was held following the passing of General Secretary Nguyen Phu Trong on July 19.\n\nIn his speech, To Lam pledged to continue the anti-corruption campaign.")

ev("bd-padma-rail-link-2023", "2023-10-10T07:00", "bss",
   "DHAKA, Oct 10, 2023 (BSS) -",
   "PM opens Dhaka-Bhanga rail route via Padma Bridge",
   ["Prime Minister Sheikh Hasina today inaugurated the 82-km Dhaka-Bhanga railway route through the Padma Bridge, linking the capital with the south-western region by rail.",
    "The premier unveiled the plaque at Mawa station and later travelled on the inaugural train to Bhanga. Commercial train services are expected to start next month.",
    "The Padma Bridge Rail Link Project, being implemented with Chinese financing, will eventually extend to Jashore."],
   ("V", "dailystar", 40, "DHAKA, Oct 10, 2023 (BSS) -", None, None),
   ("E", "tbsnews", 75, "", "Trains cross Padma Bridge as Hasina opens Dhaka-Bhanga line", [0, 2],
    [("today inaugurated", "on Tuesday inaugurated"), ("linking the capital", "connecting Dhaka")], None),
   )

ev("ph-sea-games-gold-2023", "2023-05-08T12:00", "pna",
   "MANILA -",
   "EJ Obiena wins SEA Games pole vault gold, sets record",
   ["Pole vaulter Ernest John Obiena won the gold medal at the 32nd Southeast Asian Games in Phnom Penh, Cambodia on Monday, clearing 5.65 meters to set a new Games record.",
    "Obiena, ranked third in the world, bettered his own record of 5.46 meters set in Vietnam last year. Thailand's Patsapong Amsam-ang took silver.",
    "The Philippines has collected 26 gold medals so far."],
   ("V", "inquirer", 60, "MANILA, Philippines —", None, None),
   ("R", "philstar", 90, "Obiena soars to new SEAG mark for third straight gold",
    "PHNOM PENH — EJ Obiena was in a class of his own on Monday, winning a third straight SEA Games title with a record 5.65 meters at the Morodok Techo stadium.\n\nThe world No. 3 passed several heights before clearing 5.65 on his first attempt and then tried 5.81, missing three times.\n\n\"I'm happy to give the country another gold,\" Obiena said."),
   )

ev("th-thai-airways-boeing-2024", "2024-04-03T08:20", "tnamcot",
   "BANGKOK, Apr 3 (TNA) -",
   "Thai Airways signs deal for 45 Boeing 787 Dreamliners",
   ["Thai Airways International has signed an agreement with Boeing to buy 45 787-9 Dreamliner aircraft, with options for 35 more, the company said on Wednesday.",
    "The airline's chief executive Chai Eamsiri said the new planes would be delivered from 2027 and would replace older aircraft on long-haul routes.",
    "The deal is part of the carrier's rehabilitation plan, which it expects to exit by the end of 2024."],
   ("V", "nationthailand", 30, "BANGKOK, Apr 3 (TNA) -", None, None),
   ("R", "reuters", 20, "Thai Airways orders 45 Boeing 787s as it rebuilds fleet",
    "BANGKOK, April 3 (Reuters) - Thai Airways International has ordered 45 Boeing 787-9 jets, with options for 35 more, the carrier said, as the restructuring airline expands its long-haul fleet.\n\nThe order, worth several billion dollars at list prices, was first reported in February when the two sides signed a memorandum at an air show in Singapore.\n\nThe airline's shares rose 3% after the announcement.\n\n(Reporting by Chayut Setboonsarng; Editing by Kim Coghill)"),
   ("E", "bangkokpost", 80, "", "THAI confirms order for 45 Dreamliners", [0, 1],
    [("has signed an agreement with Boeing to buy", "has signed a purchase agreement with Boeing for"), ("the company said on Wednesday", "the carrier said on Wednesday")], None),
   )
near("th-thai-airways-airbus-2024", "tnamcot", "2024-04-15T08:40",
     "Thai Airways signs deal to lease 12 Airbus A321neo jets",
     "BANGKOK, Apr 15 (TNA) - Thai Airways International has signed an agreement to lease 12 Airbus A321neo aircraft, the company said on Monday.\n\nThe airline's chief executive Chai Eamsiri said the new planes would be delivered from 2025 and would serve regional routes in Asia.\n\nThe deal is part of the carrier's rehabilitation plan.")

ev("ro-iohannis-nato-bid-2024", "2024-06-20T09:30", "agerpres",
   "Bucharest, June 20 /Agerpres/ -",
   "President Iohannis withdraws from race for NATO Secretary General",
   ["President Klaus Iohannis has withdrawn his candidacy for the post of NATO Secretary General, the Supreme Council of National Defence (CSAT) announced on Thursday.",
    "The CSAT said Romania would support the candidacy of outgoing Dutch Prime Minister Mark Rutte, which now enjoys the backing of all allies.",
    "Iohannis announced his candidacy in March, saying Eastern Europe should be represented at the top of the alliance."],
   ("V", "digi24", 20, "", None, None),
   ("R", "reuters", 15, "Romania's Iohannis quits NATO race, clearing way for Rutte",
    "BUCHAREST, June 20 (Reuters) - Romanian President Klaus Iohannis has pulled out of the race to become NATO's next secretary general, Romania's top defence body said on Thursday, leaving Dutch Prime Minister Mark Rutte as the only candidate.\n\nRutte had already secured the backing of all other allies after Hungary and Slovakia dropped objections this week.\n\n(Reporting by Luiza Ilie; Editing by Andrew Heavens)"),
   ("E", "romaniainsider", 90, "", "Romania backs Rutte as Iohannis leaves NATO top job race", [1, 0, 2],
    [("announced on Thursday", "said on Thursday"), ("the post of NATO Secretary General", "NATO's top job")], None),
   )

ev("cz-sparta-title-2024", "2024-05-25T19:10", "ctk",
   "Prague, May 25 (CTK) -",
   "Sparta Prague defend Czech league title",
   ["Sparta Prague defended the Czech football league title after beating Slavia Prague 2-1 in the derby in the final round of the championship group on Saturday.",
    "Veljko Birmancevic and Lukas Haraslin scored for Sparta. Sparta finished the season two points ahead of Slavia.",
    "It is Sparta's 38th league title. The team will play in the Champions League qualifiers."],
   ("V", "radioprague", 60, "", None, None),
   ("R", "expatscz", 120, "Sparta crowned champions again after derby win",
    "Fans poured onto the streets of Letna on Saturday night after Sparta Prague sealed back-to-back titles by beating rivals Slavia 2-1.\n\nThe city police said the celebrations were mostly peaceful, though trams were diverted around the stadium for several hours.\n\nSparta coach Brian Priske thanked the supporters. The club will enter the Champions League qualifying rounds in the summer."),
   )
near("cz-sparta-cup-final-2024", "ctk", "2024-05-15T18:55",
     "Sparta Prague win Czech Cup after beating Viktoria Plzen",
     "Prague, May 15 (CTK) - Sparta Prague won the Czech football cup after beating Viktoria Plzen 2-1 in the final in Olomouc on Wednesday.\n\nLukas Haraslin scored the winner in extra time.\n\nSparta could complete the double on the final day of the league season.")

ev("pl-lot-crash-landing-2024", "2024-02-27T07:20", "pap",
   "WARSAW, Feb 27 (PAP) -",
   "LOT plane makes emergency landing at Warsaw airport after landing gear failure",
   ["A LOT Polish Airlines Embraer plane flying from Vilnius made an emergency landing at Warsaw Chopin Airport on Tuesday morning after its front landing gear failed to deploy, airport spokesperson Piotr Rudzki said.",
    "None of the 67 passengers and four crew members were injured. The airport was closed for about two hours and several flights were diverted to Modlin and Lodz.",
    "The State Commission on Aircraft Accidents Investigation has launched an inquiry."],
   ("V", "tvpworld", 25, "", None, None),
   ("E", "notesfrompoland", 110, "", "Warsaw airport closed after LOT jet lands without nose gear", [1, 0],
    [("on Tuesday morning", "on Tuesday"), ("airport spokesperson Piotr Rudzki said", "the airport said")], None),
   ("R", "polskieradio", 60, "Passengers describe tense minutes before LOT emergency landing",
    "Passengers on the LOT flight from Vilnius said the pilot told them about 20 minutes before landing that there was a problem with the landing gear and that they should prepare for an emergency landing.\n\nThe plane touched down on its main wheels and then its nose, with sparks visible, and stopped on the runway. Fire engines sprayed the aircraft.\n\n\"People were calm, some were praying,\" one passenger told Polish Radio. Chopin Airport reopened around midday."),
   )
near("pl-lot-emergency-return-2024", "pap", "2024-03-05T08:10",
     "LOT plane returns to Warsaw airport after engine problem",
     "WARSAW, Mar 5 (PAP) - A LOT Polish Airlines Boeing plane flying to Seoul returned to Warsaw Chopin Airport on Tuesday morning after one of its engines was shut down, airport spokesperson Piotr Rudzki said.\n\nNone of the 250 passengers and crew members were injured. The landing went smoothly and airport operations were not disrupted.\n\nPassengers were to be flown to Seoul on a replacement aircraft.")

ev("in-adani-port-deal-2023", "2023-01-10T09:45", "pti",
   "NEW DELHI, Jan 10 (PTI) -",
   "Adani Ports completes acquisition of Israel's Haifa Port for USD 1.18 bn",
   ["Adani Ports and Special Economic Zone Ltd (APSEZ) on Tuesday said it has completed the acquisition of Haifa Port Company in Israel for USD 1.18 billion, in partnership with local firm Gadot Group.",
    "The consortium, in which APSEZ holds 70 per cent, won the tender for the privatisation of the port in July last year, the company said in a regulatory filing.",
    "Haifa is Israel's second-largest port, handling about 30 per cent of the country's container cargo."],
   ("V", "economictimes", 15, "New Delhi:", None, None),
   ("R", "reuters", 120, "Adani, Gadot take over Israel's Haifa port",
    "JERUSALEM, Jan 10 (Reuters) - India's Adani Ports and Israel's Gadot Group completed a $1.2 billion purchase of Haifa Port on Tuesday, with Indian billionaire Gautam Adani attending the handover ceremony alongside Prime Minister Benjamin Netanyahu.\n\nAdani said the group would transform the port and develop real estate on adjacent land.\n\n(Reporting by Steven Scheer; Editing by Kirsten Donovan)"),
   ("E", "ndtv", 40, "New Delhi:", "Adani Ports Completes Rs 9,700-Crore Haifa Port Deal", [0, 1],
    [("on Tuesday said", "said on Tuesday"), ("USD 1.18 billion", "USD 1.18 billion (about Rs 9,700 crore)")], None),
   )

ev("ph-jeepney-strike-2024", "2024-04-14T22:30", "pna",
   "MANILA -",
   "Transport groups begin 2-day jeepney strike in Metro Manila",
   ["Transport groups PISTON and Manibela began a two-day transport strike on Monday to protest the April 30 deadline for the consolidation of jeepney franchises under the Public Utility Vehicle Modernization Program (PUVMP).",
    "The Land Transportation Franchising and Regulatory Board (LTFRB) said the strike had minimal impact on commuters, as government agencies deployed free rides in Quezon City, Manila and Caloocan. The Metropolitan Manila Development Authority (MMDA) said 60 vehicles were on standby.",
    "PISTON national president Mody Floranda said about 100,000 drivers and operators could lose their livelihood if their franchises were revoked.",
    "Several local governments suspended in-person classes."],
   ("V", "philstar", 35, "MANILA, Philippines —", None, None),
   ("E", "inquirer", 70, "MANILA, Philippines —", "Jeepney strike kicks off; LTFRB says minimal impact", [1, 0, 2],
    [("began a two-day transport strike on Monday", "started a two-day strike on Monday"), ("minimal impact", "little impact")], None),
   ("R", "gmanews", 120, "Commuters walk, wait as jeepney drivers stage strike over modernization",
    "Commuters in parts of Metro Manila walked or waited longer for rides on Monday as jeepney drivers opposed to the government's modernization program went on strike.\n\nAlong Commonwealth Avenue, some passengers boarded military trucks and city buses offering free rides. Drivers gathered near the LTFRB office in Quezon City, saying the cost of new modern jeepneys, over P2 million each, was beyond their means.\n\nThe LTFRB said most routes were still served.\n\n—GMA Integrated News"),
   )
near("ph-jeepney-strike-called-off-2024", "pna", "2024-04-15T09:10",
     "Transport groups call off 2nd day of jeepney strike in Metro Manila",
     "MANILA - Transport groups PISTON and Manibela called off the second day of their transport strike, set for Tuesday, after a dialogue with the Land Transportation Franchising and Regulatory Board (LTFRB) on the April 30 deadline for the consolidation of jeepney franchises.\n\nThe LTFRB said it would hear the groups' appeal to extend the deadline, but stressed that the Public Utility Vehicle Modernization Program (PUVMP) would continue.\n\nPISTON national president Mody Floranda said the groups would hold further protests if the deadline was not moved. Classes will resume in most cities on Tuesday.")

# ---------------------------------------------------------------- templated daily items (tpl-)
near("tpl-psx-close-2024-12-16", "app", "2024-12-16T11:30",
     "PSX gains 1,108 points, closes at 115,272",
     "KARACHI, Dec 16 (APP): The Pakistan Stock Exchange (PSX) on Monday witnessed a bullish trend, gaining 1,108.24 points, a positive change of 0.97 percent, closing at 115,272.38 points against 114,164.14 points on the last working day.\n\nA total of 1,068,349,912 shares were traded during the day as compared to 1,131,842,470 shares the previous trading day, whereas the price of shares stood at Rs 45.79 billion against Rs 51.65 billion on the last trading day.\n\nAs many as 455 companies transacted shares in the stock market; 236 of them recorded gain and 180 sustained losses, whereas the share price of 39 companies remained unchanged.")
near("tpl-psx-close-2024-12-17", "app", "2024-12-17T11:35",
     "PSX loses 1,497 points, closes at 113,775",
     "KARACHI, Dec 17 (APP): The Pakistan Stock Exchange (PSX) on Tuesday witnessed a bearish trend, losing 1,497.14 points, a negative change of 1.30 percent, closing at 113,775.24 points against 115,272.38 points on the last working day.\n\nA total of 1,012,460,391 shares were traded during the day as compared to 1,068,349,912 shares the previous trading day, whereas the price of shares stood at Rs 48.12 billion against Rs 45.79 billion on the last trading day.\n\nAs many as 451 companies transacted shares in the stock market; 125 of them recorded gain and 294 sustained losses, whereas the share price of 32 companies remained unchanged.")
near("tpl-psx-close-2024-12-18", "app", "2024-12-18T11:30",
     "PSX gains 395 points, closes at 114,170",
     "KARACHI, Dec 18 (APP): The Pakistan Stock Exchange (PSX) on Wednesday witnessed a bullish trend, gaining 395.22 points, a positive change of 0.35 percent, closing at 114,170.46 points against 113,775.24 points on the last working day.\n\nA total of 918,224,106 shares were traded during the day as compared to 1,012,460,391 shares the previous trading day, whereas the price of shares stood at Rs 39.88 billion against Rs 48.12 billion on the last trading day.\n\nAs many as 447 companies transacted shares in the stock market; 211 of them recorded gain and 190 sustained losses, whereas the share price of 46 companies remained unchanged.")
near("tpl-bss-forex-2024-10-21", "bss", "2024-10-21T05:10",
     "Today's foreign exchange rates",
     "DHAKA, Oct 21, 2024 (BSS) - The following are today's (Monday) foreign exchange rates against the Bangladesh taka, as quoted by Sonali Bank PLC.\n\nUS dollar: buying Tk 119.00, selling Tk 120.00. Euro: buying Tk 128.76, selling Tk 131.68. Pound sterling: buying Tk 154.83, selling Tk 158.07. Indian rupee: buying Tk 1.41, selling Tk 1.45. Saudi riyal: buying Tk 31.58, selling Tk 32.05.")
near("tpl-bss-forex-2024-10-22", "bss", "2024-10-22T05:10",
     "Today's foreign exchange rates",
     "DHAKA, Oct 22, 2024 (BSS) - The following are today's (Tuesday) foreign exchange rates against the Bangladesh taka, as quoted by Sonali Bank PLC.\n\nUS dollar: buying Tk 119.00, selling Tk 120.00. Euro: buying Tk 128.52, selling Tk 131.41. Pound sterling: buying Tk 154.42, selling Tk 157.69. Indian rupee: buying Tk 1.41, selling Tk 1.45. Saudi riyal: buying Tk 31.58, selling Tk 32.05.")
near("tpl-pagasa-weather-2024-10-22", "pna", "2024-10-22T21:00",
     "PAGASA: Signal No. 2 up over Catanduanes as 'Kristine' intensifies",
     "MANILA - Tropical Cyclone Wind Signal No. 2 was raised over Catanduanes and the eastern portion of Camarines Sur as Severe Tropical Storm Kristine intensified over the Philippine Sea, the Philippine Atmospheric, Geophysical and Astronomical Services Administration (PAGASA) said in its 11 p.m. bulletin on Tuesday.\n\nKristine was last spotted 370 km east of Catarman, Northern Samar, packing maximum sustained winds of 85 km/h and gusts of up to 105 km/h. It is moving west-northwest at 20 km/h.\n\nSignal No. 1 is up over the rest of Bicol, Samar provinces and parts of Quezon.")
near("tpl-pagasa-weather-2024-10-23", "pna", "2024-10-23T21:00",
     "PAGASA: Signal No. 3 up over Camarines Sur as 'Kristine' nears landfall",
     "MANILA - Tropical Cyclone Wind Signal No. 3 was raised over Camarines Sur, Catanduanes and the northern portion of Albay as Severe Tropical Storm Kristine moved closer to Isabela, the Philippine Atmospheric, Geophysical and Astronomical Services Administration (PAGASA) said in its 11 p.m. bulletin on Wednesday.\n\nKristine was last spotted 110 km east of Echague, Isabela, packing maximum sustained winds of 95 km/h and gusts of up to 160 km/h. It is moving west-northwest at 25 km/h.\n\nSignal No. 2 is up over the rest of Bicol, Quezon and parts of Aurora.")
near("tpl-ctk-prague-weather-2024-09-13", "ctk", "2024-09-13T04:30",
     "Weather forecast: heavy rain in Jeseniky, extreme flood warning remains",
     "Prague, Sept 13 (CTK) - Heavy rain will continue across the Czech Republic on Friday, with up to 100 millimetres expected in the Jeseniky mountains, the Czech Hydrometeorological Institute (CHMU) said.\n\nDaytime temperatures will range between 8 and 12 degrees Celsius. Strong north-westerly wind with gusts up to 70 km/h is expected in the mountains.\n\nThe extreme flood warning remains in force for the Olomouc, Moravia-Silesia and Zlin regions.")
near("tpl-ctk-prague-weather-2024-09-14", "ctk", "2024-09-14T04:30",
     "Weather forecast: extreme rain in Jeseniky, flood warning extended",
     "Prague, Sept 14 (CTK) - Heavy rain will continue across the Czech Republic on Saturday, with up to 150 millimetres expected in the Jeseniky mountains, the Czech Hydrometeorological Institute (CHMU) said.\n\nDaytime temperatures will range between 7 and 11 degrees Celsius. Strong north-westerly wind with gusts up to 80 km/h is expected in the mountains.\n\nThe extreme flood warning has been extended to the South Moravia and Pardubice regions.")
near("tpl-rbi-reference-rate-2025-02-07", "pti", "2025-02-07T12:05",
     "Rupee falls 9 paise to close at 87.52 against US dollar",
     "MUMBAI, Feb 7 (PTI) - The rupee depreciated 9 paise to settle at 87.52 (provisional) against the US dollar on Friday, weighed down by foreign fund outflows, forex traders said.\n\nAt the interbank foreign exchange, the rupee opened at 87.45 and touched an intra-day low of 87.58 before settling at 87.52, down 9 paise from its previous close.\n\nOn Thursday, the rupee had settled at 87.43 against the US dollar.")
near("tpl-rbi-reference-rate-2025-02-10", "pti", "2025-02-10T12:10",
     "Rupee falls 45 paise to close at all-time low of 87.95 against US dollar",
     "MUMBAI, Feb 10 (PTI) - The rupee depreciated 45 paise to settle at an all-time low of 87.95 (provisional) against the US dollar on Monday, weighed down by foreign fund outflows, forex traders said.\n\nAt the interbank foreign exchange, the rupee opened at 87.94 and touched an intra-day low of 88.10 before settling at 87.95, down 45 paise from its previous close.\n\nOn Friday, the rupee had settled at 87.50 against the US dollar.")
near("tpl-vna-gold-price-2024-09-09", "vna", "2024-09-09T02:30",
     "Gold prices on September 9: SJC gold bars unchanged",
     "Hanoi (VNA) - Saigon Jewelry Company (SJC) listed gold bar prices at 78.5 million VND per tael for buying and 80.5 million VND per tael for selling as of 9am on September 9, unchanged from the previous session.\n\nGold rings were traded at 76.8-78.2 million VND per tael.\n\nOn the world market, spot gold stood at 2,497 USD per ounce.")
near("tpl-vna-gold-price-2024-09-10", "vna", "2024-09-10T02:30",
     "Gold prices on September 10: SJC gold bars unchanged",
     "Hanoi (VNA) - Saigon Jewelry Company (SJC) listed gold bar prices at 78.5 million VND per tael for buying and 80.5 million VND per tael for selling as of 9am on September 10, unchanged from the previous session.\n\nGold rings were traded at 77.1-78.5 million VND per tael.\n\nOn the world market, spot gold stood at 2,506 USD per ounce.")


# --------------------------------------------------------------------------------------------
# Building the items
# --------------------------------------------------------------------------------------------
def at(time: str, minutes: int = 0) -> str:
    t = dt.datetime.strptime(time, "%Y-%m-%dT%H:%M") + dt.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:00Z")


def with_dateline(dateline: str, paras: list[str]) -> list[str]:
    out = list(paras)
    if dateline:
        out[0] = f"{dateline} {out[0]}"
    return out


def trailer(feed: str, time: str) -> list[str]:
    text = TRAILERS.get(feed)
    if not text:
        return []
    day = dt.datetime.strptime(time, "%Y-%m-%dT%H:%M")
    return [text.format(date=f"{day:%B} {day.day}, {day.year}", year=day.year)]


def build() -> list[dict]:
    items: list[dict] = []
    for e in EVENTS:
        items.append(dict(feed=e["feed"], title=e["title"],
                          body="\n\n".join(with_dateline(e["dateline"], e["paras"])),
                          published=at(e["time"]), story=e["story"], kind="original"))
        for c in e["copies"]:
            kind, feed, minutes = c[0], c[1], c[2]
            if kind == "V":
                _, _, _, dateline, title, byline = c
                paras = with_dateline(dateline, e["paras"])
                if byline:
                    paras = [byline] + paras
                paras += trailer(feed, e["time"])
                items.append(dict(feed=feed, title=title or e["title"], body="\n\n".join(paras),
                                  published=at(e["time"], minutes), story=e["story"],
                                  kind="verbatim"))
            elif kind == "E":
                _, _, _, dateline, title, order, subs, credit = c
                paras = [e["paras"][i] for i in order]
                text = "\n\n".join(with_dateline(dateline, paras))
                for old, new in subs:
                    text = text.replace(old, new)
                text = text.replace("  ", " ").replace(" ,", ",")
                if credit:
                    text += "\n\n" + credit
                items.append(dict(feed=feed, title=title, body=text,
                                  published=at(e["time"], minutes), story=e["story"],
                                  kind="edited"))
            elif kind == "R":
                _, _, _, title, body = c
                items.append(dict(feed=feed, title=title, body=body,
                                  published=at(e["time"], minutes), story=e["story"],
                                  kind="rewrite"))
            else:
                raise ValueError(kind)
    for story, feed, time, title, body in DISTINCT:
        items.append(dict(feed=feed, title=title, body=body, published=at(time), story=story,
                          kind="distinct"))
    random.Random(SEED).shuffle(items)
    return [dict(id=f"b-{i:03d}", feed=it["feed"], title=it["title"], body=it["body"],
                 published=it["published"], story=it["story"], kind=it["kind"])
            for i, it in enumerate(items, 1)]


def render(items: list[dict]) -> str:
    return "".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items)


def composition(items: list[dict]) -> str:
    kinds = collections.Counter(it["kind"] for it in items)
    sizes = collections.Counter(it["story"] for it in items)
    multi = [s for s, n in sizes.items() if n > 1]
    tpl = [it for it in items if it["story"].startswith("tpl-")]
    per = collections.Counter(sizes[s] for s in multi)
    lines = [
        f"{len(items)} items, {len(sizes)} stories, "
        f"{len(collections.Counter(it['feed'] for it in items))} feeds",
        f"{len(multi)} multi-outlet events: "
        + ", ".join(f"{per[k]} with {k} reports" for k in sorted(per)),
        f"{len(sizes) - len(multi)} near-miss singletons: {len(sizes) - len(multi) - len(tpl)} "
        f"other events, {len(tpl)} templated daily items (tpl-)",
        "kinds: " + ", ".join(f"{k} {kinds[k]}" for k in
                              ("original", "verbatim", "edited", "rewrite", "distinct")),
    ]
    return "\n".join(lines)


def check_consistency(items: list[dict]) -> None:
    sizes = collections.Counter(it["story"] for it in items)
    for it in items:
        if it["kind"] == "distinct":
            assert sizes[it["story"]] == 1, it["story"]
    origins = collections.Counter(it["story"] for it in items if it["kind"] == "original")
    for s, n in sizes.items():
        if n > 1:
            assert origins[s] == 1, s
            first = min((it for it in items if it["story"] == s), key=lambda it: it["published"])
            assert first["kind"] == "original", s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare the file with the output")
    ap.add_argument("--stats", action="store_true", help="print the composition")
    args = ap.parse_args()
    items = build()
    check_consistency(items)
    text = render(items)
    if args.stats:
        print(composition(items))
        return 0
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} differs from the generator output; rerun without --check", file=sys.stderr)
            return 1
        missing = [ln for ln in composition(items).splitlines() if ln not in __doc__]
        if missing:
            print("the composition in the docstring is stale; paste --stats output:", *missing,
                  sep="\n  ", file=sys.stderr)
            return 1
        print(f"{OUT.name} is up to date ({len(items)} items)")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(items)} items)")
    print(composition(items))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reports of one event by four outlets, and a near-miss event two days later (story tests)."""

from __future__ import annotations

_LEAD = ("Chief of the General Staff of the Azerbaijani Armed Forces Colonel General Karim "
         "Valiyev met with Chief of the General Staff of the Russian Armed Forces General of "
         "the Army Valery Gerasimov in Baku on Tuesday, November 26.")
_TALKS = ("The sides discussed the state and prospects of military cooperation between "
          "Azerbaijan and Russia, the situation in the South Caucasus and plans for joint "
          "exercises of the two armies in 2020.")
_QUOTE = ("\"Our cooperation in the military and military-technical spheres is developing "
          "successfully,\" Valiyev said, adding that 14 bilateral documents had been signed "
          "since 2017.")
_CLOSE = ("Gerasimov arrived in Baku on Monday at the invitation of the Azerbaijani side and "
          "also met with Defense Minister Zakir Hasanov.")

EVENT = [  # (feed, title, body, published): original, verbatim, edited, rewrite
    ("trend", "Chiefs of general staff of Azerbaijan and Russia meet in Baku",
     "\n\n".join([f"BAKU, Nov. 26 (Trend) – {_LEAD}", _TALKS, _QUOTE, _CLOSE]),
     "Tue, 26 Nov 2019 09:00:00 GMT"),
    ("azernews", "Chiefs of general staff of Azerbaijan and Russia meet in Baku",
     "\n\n".join([_LEAD, _TALKS, _QUOTE, _CLOSE,
                  "Follow us on Telegram and Twitter for the latest news from Azerbaijan."]),
     "Tue, 26 Nov 2019 10:10:00 GMT"),
    ("apa", "Valiyev and Gerasimov discuss joint exercises for 2020",
     "\n\n".join([f"Baku (APA) – {_LEAD}", _QUOTE, _TALKS]),
     "Tue, 26 Nov 2019 11:30:00 GMT"),
    ("tass", "Gerasimov holds talks with Azerbaijani counterpart Valiyev in Baku",
     "\n\n".join([
         "BAKU, November 26. /TASS/. Russian General Staff chief Valery Gerasimov held talks "
         "in Baku on Tuesday with his Azerbaijani counterpart Karim Valiyev on military "
         "cooperation and joint exercises planned for 2020.",
         "Valiyev noted that 14 bilateral documents had been signed since 2017 and that "
         "\"our cooperation in the military and military-technical spheres is developing "
         "successfully\".",
         "Gerasimov, who arrived in Baku on Monday, also met with Azerbaijan's Defense Minister "
         "Zakir Hasanov, the Russian Defense Ministry said."]),
     "Tue, 26 Nov 2019 13:45:00 GMT"),
]

NEAR_MISS = [  # two days later: the same two generals, a phone call, not a meeting
    ("trend", "Chiefs of general staff of Azerbaijan and Russia hold phone call",
     "\n\n".join([
         "BAKU, Nov. 28 (Trend) – Chief of the General Staff of the Azerbaijani Armed Forces "
         "Colonel General Karim Valiyev held a phone call with Chief of the General Staff of "
         "the Russian Armed Forces General of the Army Valery Gerasimov on Thursday, "
         "November 28.",
         "The sides discussed the implementation of the agreements reached in Baku and the "
         "situation in the South Caucasus.",
         "\"Our cooperation in the military and military-technical spheres is developing "
         "successfully,\" Valiyev said."]),
     "Thu, 28 Nov 2019 12:00:00 GMT"),
    ("azernews", "Chiefs of general staff of Azerbaijan and Russia hold phone call",
     "\n\n".join([
         "Chief of the General Staff of the Azerbaijani Armed Forces Colonel General Karim "
         "Valiyev held a phone call with Chief of the General Staff of the Russian Armed "
         "Forces General of the Army Valery Gerasimov on Thursday, November 28.",
         "The sides discussed the implementation of the agreements reached in Baku and the "
         "situation in the South Caucasus.",
         "\"Our cooperation in the military and military-technical spheres is developing "
         "successfully,\" Valiyev said.",
         "Follow us on Telegram and Twitter for the latest news from Azerbaijan."]),
     "Thu, 28 Nov 2019 12:40:00 GMT"),
]

STORY_RULES = {
    "rules": [{
        "id": "az-ru-staff", "name": "Azerbaijan–Russia general staff contacts",
        "query": "gerasimov AND (valiyev OR azerbaijan*)", "notify": ["hook"],
        "story_updates": True,
    }],
}

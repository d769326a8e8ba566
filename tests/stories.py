"""Wire stories written for the tests: one Russia–Azerbaijan defense contact, and near misses."""

DEFENSE_STORY = {
    "guid": "wire-1001",
    "link": "http://example.org/news/1001",
    "title": "Russian deputy defence minister holds talks in Baku",
    "description": (
        "BAKU, March 3. Russia's Deputy Defence Minister Alexander Fomin arrived in Baku on "
        "Monday for talks with Azerbaijan's Defence Minister Zakir Hasanov on military-technical "
        "cooperation, the Azerbaijani Defence Ministry said. The two sides discussed the supply "
        "of equipment and the training of Azerbaijani officers at Russian military academies."),
}

NEAR_MISSES = [
    {
        "guid": "wire-1002",
        "link": "http://example.org/news/1002",
        "title": "Russia and Armenia discuss military cooperation in Yerevan",
        "description": (
            "YEREVAN, March 3. Armenia's defence minister met the Russian ambassador to discuss "
            "the Russian military base in Gyumri and joint air defence."),
    },
    {
        "guid": "wire-1003",
        "link": "http://example.org/news/1003",
        "title": "Azerbaijan and Turkey hold joint military drills near Baku",
        "description": (
            "BAKU, March 4. Azerbaijani and Turkish troops began joint live-fire exercises, the "
            "Defence Ministry in Baku said. Ankara sent special forces units."),
    },
    {
        "guid": "wire-1004",
        "link": "http://example.org/news/1004",
        "title": "Gazprom and SOCAR sign gas supply deal",
        "description": (
            "MOSCOW, March 5. Russia's Gazprom and Azerbaijan's state energy company SOCAR signed "
            "a gas supply agreement in Moscow, the companies said."),
    },
]

EXTRA_DEFENSE_STORY = {
    "guid": "wire-1005",
    "link": "http://example.org/news/1005",
    "title": "Azerbaijani and Russian chiefs of general staff meet",
    "description": (
        "MOSCOW, April 9. Azerbaijan's Chief of the General Staff met his Russian counterpart "
        "Valery Gerasimov in Moscow to discuss military cooperation and regional security, the "
        "Russian Defence Ministry said."),
}

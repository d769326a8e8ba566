"""wirewatch: a news-wire monitoring daemon (poll feeds, match watch rules, deliver alerts)."""

__version__ = "0.1.0"

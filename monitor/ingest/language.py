"""The language of an item: the one its entry or feed declares, else the one its text is in.

Declared languages come first (`<language>`, `xml:lang`, JSON Feed `language`): a publisher
knows its language better than a guess from a headline does. Detection uses py3langid (a
naive Bayes model of byte n-grams over 97 languages, shipped inside the package: no network,
no download), chosen over lingua by `bench/langid.py`: the same accuracy on the ten languages
of the wires and on real feed items, at a seventh of the time and a tenth of the memory. It
is not restricted to the ten languages: an Italian or Chinese feed must not come out as
Spanish or Persian.

Text too short to tell, or a guess the model is not confident of, gives "" (no language), never
a wrong code: `lang:ru` then does not match the item, and `NOT lang:en` does.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from monitor.models import Item
from monitor.rules.languages import language_code

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

MIN_LETTERS = 12  # fewer letters than this ("OtterCast", "Arts"): too short to tell
MIN_CONFIDENCE = 0.5  # the model's probability of its best language; below it: no language
MAX_CHARS = 300  # the start of the text is enough (bench/langid.py), and time grows with length
# Labels of the model without a two-letter code of their own that wires use: regional
# varieties counted as their language (Egyptian and Moroccan Arabic, Southern Uzbek, ...).
_VARIETIES = {"arz": "ar", "ary": "ar", "uzs": "uz", "sdh": "ku", "wuu": "zh", "yue": "zh",
              "gug": "gn"}

_log = logging.getLogger(__name__)
_LOADING = threading.Lock()


def item_language(declared: Iterable[str | None], title: str, text: str) -> str:
    """The item's ISO 639-1 code: the first of the `declared` language tags (most specific
    first: the entry's, then the feed's) that names a language, else the language detected in
    `title` and `text`, else ""."""
    for tag in declared:
        code = language_code(tag)
        if code:
            return code
    return detect_language(_joined(title, text))


def with_language(item: Item) -> Item:
    """`item`, with the language detected in its text when it has none (an item archived
    before items had a language; detection gives the same "" again for one whose text was
    too short to tell)."""
    if item.lang:
        return item
    return replace(item, lang=detect_language(_joined(item.title, item.body)))


def _joined(title: str, text: str) -> str:
    return f"{title}\n\n{text}" if title and text else title or text


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in, or "" when the text is too
    short or the model is not confident. Never raises."""
    sample = text[:MAX_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return ""
    try:
        label, confidence = _identifier().classify(sample)
    except Exception:  # a detector failure must cost one item its language, never the poll
        _log.exception("language detection failed")
        return ""
    if confidence < MIN_CONFIDENCE:
        return ""
    return _VARIETIES.get(label) or language_code(label)


def _identifier() -> LanguageIdentifier:
    """The py3langid model, loaded once per process on first use (the poller parses feeds in
    threads: the lock keeps them from loading it twice at once)."""
    with _LOADING:
        return _load_identifier()


@lru_cache(maxsize=1)
def _load_identifier() -> LanguageIdentifier:
    """The py3langid model (~0.6 s, ~120 MB).

    As `LanguageIdentifier.from_model_file` builds it, but with the feature weights as float32:
    they ship as float16, which numpy multiplies in software, so scoring takes twice as long
    (the same answers on every text of bench/langid.py, for 28 MB more). Imported here, not at
    the top: only the processes that detect (pollers, `match`, `backtest`) pay for numpy and
    py3langid (~0.1 s and ~12 MB at start), not every command and RQ worker."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    return LanguageIdentifier(np.asarray(ptc, dtype=np.float32),
                              np.asarray(pc, dtype=np.float32), classes, nextmove, output,
                              norm_probs=True, tk_row=row)

"""Inflection schemes: one word (as the data gives it) to the forms a wire prints.

Each scheme is declared once here, as data: "noun + these endings", "clitic prefixes + word",
"Turkish suffixes with and without the apostrophe". The gazetteer and the event vocabularies
(`gazetteer.json`, `events.json`, made by `gen_gazetteer.py`) store each entry once, as
``[text, scheme]``; `forms(text, scheme, paradigms)` spells its forms out at compile time, so
that the matcher only ever sees exact words (its fast exact-term tables), never suffix logic.

Russian and Ukrainian need a dictionary: their entries are ``[stem, "p<N>"]``, where paradigm
N (a list of endings made from pymorphy3's lexemes at build time, shared by every word that
declines alike) is stored once in the data file.

Forms are normalised (`normalize.fold`) when they become patterns, as rule words and documents
are; the schemes are written in the letters of their language.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

# ---- Azerbaijani and Turkish: vowel harmony, buffer consonants, the Turkish apostrophe -------

# Templates: "A" is the two-way harmony vowel (a/e, a/ə), "I" the four-way one (ı/i/u/ü), "D"
# d or (Turkish, after a voiceless consonant) t. Endings after a vowel and after a consonant.
_AGGL_AFTER_VOWEL = (
    "nIn", "yA", "nI", "dA", "dAn", "ylA", "sI", "sInIn", "sInA", "sInI", "sIndA", "sIndAn",
    "dAkI", "nInkI", "lAr", "lArI", "lArIn", "lArA", "lArdA", "lArdAn", "lArlA",
)
_AGGL_AFTER_CONSONANT = (
    "In", "A", "I", "DA", "DAn", "lA", "InIn", "InA", "IndA", "IndAn",
    "DAkI", "InkI", "lAr", "lArI", "lArIn", "lArA", "lArdA", "lArdAn", "lArlA",
)
# "from X" (Rusiyalı, Polonyalı, Çinli): written without an apostrophe in both languages
_AGGL_PERSON = ("lI", "lIlAr", "lIlArIn", "lIlArA", "lIlArI", "lIlArdAn", "lInIn", "lIyA",
                "lIdAn", "lIlArdA")
# short stems ending in a consonant (Rus, Çin, Türk) take only the unambiguous endings without
# an apostrophe (not Çin + i = çini, "porcelain")
_AGGL_SHORT = ("lAr", "lArI", "lArIn", "lArA", "lArdA", "lArdAn", "In")

_BACK = "aıou"
_FRONT = {"tr": "eiöü", "az": "əeiöü"}
_VOICELESS = "çfhkpsştq"
_VOWELS = "aıoueəiöüAIOUEƏİÖÜ"


def _harmony(last: str, lang: str) -> tuple[str, str]:
    """The two-way and four-way vowels that a word's last vowel `last` calls for."""
    if last in _BACK or last in _FRONT[lang]:
        a = "a" if last in _BACK else ("ə" if lang == "az" else "e")
        return a, {"a": "ı", "ı": "ı", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}.get(last, "i")
    return "a", "ı"


def _last_vowel(word: str, lang: str) -> str:
    for c in reversed(word.lower()):
        if c in _BACK or c in _FRONT[lang]:
            return c
    return ""


def _fill(template: str, stem: str, lang: str) -> str:
    """The ending `template` after `stem`, each vowel in harmony with the one before it
    (görüş + mAsI → görüşməsi), "Q" the q/k that follows it (Azerbaijani -acaq, -mək)."""
    last = _last_vowel(stem, lang)
    out = ""
    for c in template:
        a, i = _harmony(last, lang)
        if c == "A":
            out += a
            last = a
        elif c == "I":
            out += i
            last = i
        elif c == "D":
            before = (stem + out)[-1:].lower()
            out += "t" if lang == "tr" and before in _VOICELESS else "d"
        elif c == "Q":
            out += "q" if a == "a" else "k"
        else:
            out += c
            if c in _BACK or c in _FRONT[lang]:
                last = c
    return out


def agglutinative(word: str, lang: str) -> list[str]:
    """Azerbaijani or Turkish forms: case, plural, possessive and "-lı" endings; Turkish
    proper nouns also with the apostrophe (Rusya'nın, Bakü'de)."""
    last = word.split()[-1]
    head = word[: len(word) - len(last)]
    if len(last) <= 4 and head == "" and last[-1] not in _VOWELS:
        endings: Sequence[str] = _AGGL_SHORT
    elif last[-1] in _VOWELS:
        endings = _AGGL_AFTER_VOWEL
    else:
        endings = _AGGL_AFTER_CONSONANT
    out = [word]
    for template in (*endings, *_AGGL_PERSON):
        suffix = _fill(template, last, lang)
        out.append(word + suffix)
    if lang == "tr":  # the apostrophe goes before every ending of a proper noun (ABD'li)
        full = _AGGL_AFTER_VOWEL if last[-1] in _VOWELS else _AGGL_AFTER_CONSONANT
        out += [f"{word}'{_fill(t, last, lang)}" for t in (*full, *_AGGL_PERSON)]
    return list(dict.fromkeys(out))


# Verbs (event vocabularies): perfect (-ıb/-miş), past (-dı), future, present, converb,
# verbal noun and infinitive, singular and plural; "Q" is the Azerbaijani q/k of -acaq/-mək.
_VERB_AFTER_CONSONANT = {
    "az": ("Ib", "IblAr", "dI", "dIlAr", "AcAQ", "AcAQlAr", "Ir", "IrlAr", "ArAQ", "mIş",
           "mA", "mAsI", "mAQ", "mAyA", "dIQ"),
    "tr": ("DI", "DIlAr", "mIş", "mIşlAr", "AcAk", "Iyor", "IyorlAr", "ArAk", "mA", "mAsI",
           "mAk", "mAyA", "DIğI"),
}
_VERB_AFTER_VOWEL = {
    "az": ("yIb", "yIblAr", "dI", "dIlAr", "yAcAQ", "yAcAQlAr", "yIr", "yIrlAr", "yArAQ",
           "mIş", "mA", "mAsI", "mAQ", "mAğA", "dIQ"),
    "tr": ("DI", "DIlAr", "mIş", "mIşlAr", "yAcAk", "yArAk", "mA", "mAsI", "mAk", "mAyA",
           "DIğI"),
}


def agglutinative_verb(stem: str, lang: str) -> list[str]:
    """An Azerbaijani or Turkish verb stem's common forms (görüş → görüşüb, görüşdü,
    görüşəcək; imzala → imzalayıb, imzalandı is the stem imzalan)."""
    vowel = stem[-1] in _VOWELS
    templates = (_VERB_AFTER_VOWEL if vowel else _VERB_AFTER_CONSONANT)[lang]
    out = []
    for template in templates:
        ending = _fill(template, stem, lang)
        base = stem
        if (stem == "et" or stem.endswith(" et")) and ending[0] in _VOWELS + "y":
            base = stem[:-1] + "d"  # et + ib → edib, et + iyor → ediyor
        out.append(base + ending)
    if lang == "tr" and vowel:  # imzala → imzalıyor: the last vowel narrows
        narrowed = stem[:-1]
        out.append(narrowed + _fill("Iyor", narrowed, lang))
    return out


# ---- Arabic and Persian: attached prefixes, the article, nisba adjectives, Persian suffixes --

_AR_CONJ = ("", "و", "ف")
_AR_PREP = ("", "ب", "ل", "ك")
_AR_NISBA = ("ي", "ية", "يا", "يون", "يين", "يان", "يات")  # يا: يابانياً (accusative)


def arabic_clitics(word: str) -> list[str]:
    """و ف (and) + ب ل ك (in, for, like) before a word; ل + ال gives لل."""
    out = []
    for conj, prep in product(_AR_CONJ, _AR_PREP):
        if prep == "ل" and word.startswith("ال"):
            out.append(conj + "لل" + word[2:])
        else:
            out.append(conj + prep + word)
    return out


def arabic_noun(word: str) -> list[str]:
    """A name, with its attached prefixes (بروسيا، وروسيا، لروسيا; والصين، للصين)."""
    return arabic_clitics(word)


def arabic_adjective(word: str) -> list[str]:
    """A nisba adjective (روسي → روسي، روسية، روسيون، الروسي، والروسية…)."""
    stem = word[:-1] if word.endswith("ي") else word
    out: list[str] = []
    for ending in _AR_NISBA:
        form = stem + ending
        out += arabic_clitics(form) + arabic_clitics("ال" + form)
    return out


_FA_SUFFIXES = ("", "ی", "ای", "یی", "ها", "های", "هایی", "ان", "یان")


def persian(word: str) -> list[str]:
    """Persian plural (ها، ان), ezafe and indefinite (ی، ای، یی) after a name or adjective;
    the zero-width non-joiner before them is dropped by normalisation."""
    out = [word + s for s in _FA_SUFFIXES]
    out += ["و" + word, "ب" + word]  # attached "and", "to" (informal)
    if " " in word:  # a compound is written with a space or a non-joiner: ایالات‌متحده
        out += persian(word.replace(" ", "\u200c"))
    return out


# ---- French, German, Spanish, English ------------------------------------------------------

_FR_VOWEL = "aeiouyhâàéèêîïôûAEIOUYHÂÀÉÈÊÎÏÔÛ"


def french(word: str) -> list[str]:
    """A French name with the elided article or preposition (l'Ukraine, d'Ouzbékistan)."""
    if word[:1] in _FR_VOWEL:
        return [word, "l'" + word, "d'" + word]
    return [word]


def french_adjective(word: str) -> list[str]:
    """Masculine, feminine, singular and plural (russe, ukrainienne, chinois, kazakhes)."""
    if word.endswith("e"):
        base = [word, word + "s"]
    elif word.endswith(("ien", "éen")):
        base = [word, word + "s", word + "ne", word + "nes"]
    elif word.endswith(("s", "x")):
        base = [word, word + "e", word + "es"]
    elif word.endswith("c"):  # turc → turque
        base = [word, word + "s", word[:-1] + "que", word[:-1] + "ques"]
    else:
        base = [word, word + "s", word + "e", word + "es"]
    return [f for w in base for f in french(w)]


def german(word: str) -> list[str]:
    """A German name and its genitive (Russlands, Chinas, Kasachstans)."""
    if word.endswith(("s", "z", "x", "ß")):
        return [word]
    return [word, word + "s"]


def german_adjective(word: str) -> list[str]:
    """A German adjective with its endings (russisch, russische, russischen, …)."""
    return [word + e for e in ("", "e", "en", "er", "es", "em")]


def spanish_adjective(word: str) -> list[str]:
    """Gender and number (ruso, rusa, rusos, rusas; francés, francesa, franceses)."""
    if word.endswith("o"):
        stem = word[:-1]
        return [word, stem + "a", stem + "os", stem + "as"]
    if word.endswith(("e", "a")):
        return [word, word + "s"]
    if word.endswith(("í", "ú")):
        return [word, word + "es", word + "s"]
    if word.endswith(("és", "án", "ín", "ón")):  # francés → francesa (accents fold away)
        return [word, word + "a", word + "es", word + "as"]
    return [word, word + "a", word + "es", word + "as"]


def english_adjective(word: str) -> list[str]:
    """An English demonym or adjective and its plural (Russian, Russians)."""
    if word.endswith(("ese", "ish", "sh", "ss", "s", "x", "z", "ch")):
        return [word]
    return [word, word + "s"]


# ---- English verbs (event vocabularies) -----------------------------------------------------

def english_verb(word: str) -> list[str]:
    """A regular English verb (or the first word of a verb phrase): -s, -ed, -ing."""
    first, _, rest = word.partition(" ")
    tail = (" " + rest) if rest else ""
    if first.endswith("e"):
        forms = [first, first + "s", first + "d", first[:-1] + "ing"]
    elif first.endswith("y") and first[-2:-1] not in "aeiou":
        forms = [first, first[:-1] + "ies", first[:-1] + "ied", first + "ing"]
    elif first.endswith(("s", "sh", "ch", "x")):
        forms = [first, first + "es", first + "ed", first + "ing"]
    else:
        forms = [first, first + "s", first + "ed", first + "ing"]
    return [f + tail for f in forms]


def english_noun(word: str) -> list[str]:
    """An English noun (or a phrase ending in one) and its plural."""
    if word.endswith(("s", "sh", "ch", "x")):
        return [word, word + "es"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word, word[:-1] + "ies"]
    return [word, word + "s"]


# ---- the table ------------------------------------------------------------------------------

SCHEMES = {
    "exact": lambda w: [w],
    "az": lambda w: agglutinative(w, "az"),
    "az-verb": lambda w: agglutinative_verb(w, "az"),
    "tr-verb": lambda w: agglutinative_verb(w, "tr"),
    "tr": lambda w: agglutinative(w, "tr"),
    "ar": arabic_noun,
    "ar-adj": arabic_adjective,
    "fa": persian,
    "fr": french,
    "fr-adj": french_adjective,
    "de": german,
    "de-adj": german_adjective,
    "es": lambda w: [w],
    "es-adj": spanish_adjective,
    "en": lambda w: [w],
    "en-adj": english_adjective,
    "en-verb": english_verb,
    "en-noun": english_noun,
}


def forms(text: str, scheme: str, paradigms: Sequence[Sequence[str]] = ()) -> list[str]:
    """Every form of one entry: `scheme` is a name in `SCHEMES`, or "p<N>" (the stem `text`
    plus each ending of paradigm N; a phrase declines its last word)."""
    if scheme.startswith("p"):
        return [text + ending for ending in paradigms[int(scheme[1:])]]
    try:
        return SCHEMES[scheme](text)
    except KeyError:
        raise ValueError(f"unknown inflection scheme {scheme!r}") from None


__all__ = ["SCHEMES", "forms"]

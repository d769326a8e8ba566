"""Normalisation shared by rules and documents: tokens, offsets, sentences, paragraphs.

Each test taking `kernel` runs on every kernel this install has (words and breaks are found
by the kernel)."""

from __future__ import annotations

import pytest

from monitor.rules.kernel import Kernel, available_kernels
from monitor.rules.normalize import fold, tokenize


@pytest.fixture(params=available_kernels(), ids=lambda kernel: kernel.name)
def kernel(request: pytest.FixtureRequest) -> Kernel:
    """Each kernel this install has: the C one (where built) and the Python one."""
    return request.param


def words(text: str, kernel: Kernel) -> list[str]:
    return tokenize(text, kernel).folded


@pytest.mark.parametrize(("text", "expected"), [
    ("Azərbaycan", ["azerbaycan"]),
    ("İstanbul Straße Łódź Øresund Đorđe Þór Ægir", ["istanbul", "strasse", "lodz", "oresund",
                                                    "dorde", "thor", "aegir"]),
    ("Russia's Russia’s Russiaʼs RUSSIA'S", ["russia"] * 4),
    ("ministers' meeting", ["ministers", "meeting"]),
    ("Russia-Azerbaijan Russia–Azerbaijan Russia—Azerbaijan", ["russia", "azerbaijan"] * 3),
    ("“defense” «army» \"navy\"", ["defense", "army", "navy"]),
    ("Côte d’Ivoire and O'Brien", ["cote", "d'ivoire", "and", "o'brien"]),
    ("U.S. U.S.A. e.g.", ["us", "usa", "eg"]),
    ("ﬁne Ｔｏｋｙｏ", ["fine", "tokyo"]),
    ("e\u0301te\u0301 de\u00adfense", ["ete", "defense"]),  # decomposed accents, soft hyphen
    ("Москва’s", ["москва"]),
    ("3.5 T-72 2-1", ["3", "5", "t", "72", "2", "1"]),
    # per script: Turkish/Azerbaijani dotted and dotless i, ə; Cyrillic ё
    ("İSTANBUL Istanbul ılık İzmir", ["istanbul", "istanbul", "ilik", "izmir"]),
    ("Azərbaycan AZƏRBAYCAN", ["azerbaycan", "azerbaycan"]),
    ("Ёлка ёлка елка", ["елка"] * 3),
    # Arabic script: diacritics, hamza/madda, ي/ی/ى, ك/ک, ة/ه, tatweel, Persian ZWNJ, digits
    ("رُوسِيَا روســيا روسيا", ["روسيا"] * 3),
    ("أذربيجان إيران آستانه", ["اذربيجان", "ايران", "استانه"]),
    ("ایران كازاخستان کازاخستان", ["ايران", "كازاخستان", "كازاخستان"]),
    ("مدرسة مدرسه", ["مدرسه", "مدرسه"]),
    ("روسیه‌ای روسيهاي", ["روسيهاي", "روسيهاي"]),
    ("۲۰ ٢٠ 20", ["20", "20", "20"]),
])
def test_folding_and_splitting(text: str, expected: list[str], kernel: Kernel) -> None:
    assert words(text, kernel) == expected


def test_offsets_point_into_the_original_text(kernel: Kernel) -> None:
    text = "BAKU — Azərbaycan’s “U.S.” talks"
    toks = tokenize(text, kernel)
    spans = [text[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)]
    assert spans == ["BAKU", "Azərbaycan", "U.S.", "talks"]
    assert toks.cased(2) == "US"
    assert toks.cased(1) == "Azerbaycan"


def test_fold_single_word() -> None:
    assert fold("Azərbaycan") == "azerbaycan"
    assert fold("DEFENCE") == "defence"


def sentence_words(text: str, kernel: Kernel) -> list[list[str]]:
    toks = tokenize(text, kernel)
    out: list[list[str]] = []
    for i, w in enumerate(toks.folded):
        s = toks.sentence_of(i)
        while len(out) <= s:
            out.append([])
        out[s].append(w)
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("BAKU, Azerbaijan, Nov. 26 Col. Gen. Sadikov met Valery V. Gerasimov. Then they left.",
     [["baku", "azerbaijan", "nov", "26", "col", "gen", "sadikov", "met", "valery", "v",
       "gerasimov"], ["then", "they", "left"]]),
    ("Sanctions by the U.S. and the E.U. continue. Talks went on!",
     [["sanctions", "by", "the", "us", "and", "the", "eu", "continue"],
      ["talks", "went", "on"]]),
    ("He said \"no.\" Then left? Yes... Maybe", [["he", "said", "no"], ["then", "left"],
                                                 ["yes"], ["maybe"]]),
    ("See No. 5 here. It is approx. five", [["see", "no", "5", "here"],
                                            ["it", "is", "approx", "five"]]),
    ("They met on Mr. Smith's boat in 2020. Later", [["they", "met", "on", "mr", "smith",
                                                       "boat", "in", "2020"], ["later"]]),
])
def test_sentences_survive_abbreviations(text: str, expected: list[list[str]],
                                         kernel: Kernel) -> None:
    assert sentence_words(text, kernel) == expected


def test_paragraphs_split_on_blank_lines_not_single_newlines(kernel: Kernel) -> None:
    toks = tokenize("one two\nthree\n\nfour five\n \n six", kernel)
    assert [toks.paragraph_of(i) for i in range(len(toks))] == [0, 0, 0, 1, 1, 2]
    # a paragraph break is also a sentence break; a single newline is neither
    assert [toks.sentence_of(i) for i in range(len(toks))] == [0, 0, 0, 1, 1, 2]


def test_empty_and_punctuation_only_text(kernel: Kernel) -> None:
    assert words("", kernel) == []
    assert words(" ... -- !? ", kernel) == []


def test_arabic_script_offsets_point_into_the_original_text(kernel: Kernel) -> None:
    text = "وزير روســيا و روسیه‌ای"
    toks = tokenize(text, kernel)
    assert [text[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)] == [
        "وزير", "روســيا", "و", "روسیه‌ای"]
    assert fold("روســيا") == fold("رُوسِيَا") == "روسيا"

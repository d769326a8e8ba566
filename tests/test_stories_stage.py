"""The pure story stage: boilerplate stripping, signatures, and the same-event decision."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from monitor.stories.decide import containment, decide
from monitor.stories.signature import (
    MERSENNE,
    Signature,
    _minhash,
    _params,
    band_keys,
    minhash,
    signature,
)
from monitor.stories.text import (
    _SENTENCE_RE,
    _STOP_CAPS,
    _WORD_RE,
    _names,
    _number,
    _scan,
    fold,
    line_hash,
    name_key,
    report_text,
    strip_boilerplate,
    strip_dateline,
    words,
)
from tests.story_reports import EVENT, NEAR_MISS


def sig_of(report: tuple[str, str, str, str]) -> tuple[Signature, float]:
    _, title, body, published = report
    return signature(report_text(title, body)), parsedate_to_datetime(published).timestamp()


@pytest.mark.parametrize(("paragraph", "dateline"), [
    ("BISHKEK, March 13 (Kabar) – President Japarov signed", "BISHKEK, March 13 (Kabar) –"),
    ("ASTANA. Oct 7 (Interfax) - 71.12% of voters", "ASTANA. Oct 7 (Interfax) -"),
    ("ABU DHABI, 24th January, 2022 (WAM) -- The Ministry", "ABU DHABI, 24th January, 2022 (WAM) --"),
    ("Vilnius (AFP) – Estonia, Latvia and Lithuania", "Vilnius (AFP) –"),
    ("ABU DHABI: The Ministry of Defence announced", "ABU DHABI:"),
    ("As of 06:00 on February 17, there are two ships", ""),
    ("The ministry said in a statement - and then", ""),
])
def test_datelines_are_stripped_and_ordinary_sentences_are_not(paragraph: str,
                                                              dateline: str) -> None:
    rest, found = strip_dateline(paragraph)
    assert found == dateline
    assert rest == paragraph[len(paragraph) - len(rest):]
    assert (rest == paragraph) is (dateline == "")


def test_trailers_and_a_feeds_recurring_lines_are_stripped() -> None:
    body = ("The ship left Odesa on Monday.\n\nThe minister said 16 more ships were waiting.\n\n"
            "Source: UzA. Read more: Kyrgyzstan to reopen checkpoints. Follow Kun.uz on Telegram.")
    kept, removed = strip_boilerplate(body)
    assert kept == ["The ship left Odesa on Monday.",
                    "The minister said 16 more ships were waiting."]
    assert "Follow Kun.uz on Telegram." in removed and "Source: UzA." in removed

    slogan = "Stay with Trend for the news that matters in the Caspian."
    lead = ("Talks on the new gas pipeline were held in Baku on Tuesday between the energy "
            "ministers of the two countries, who agreed on a timetable for the feasibility study.")
    body2 = f"{lead}\n\n{slogan}"
    assert strip_boilerplate(body2)[0] == [lead, slogan]
    assert strip_boilerplate(body2, {line_hash(slogan)})[0] == [lead]
    # the lead is never the feed's boilerplate, nor is most of a report that a feed re-posts
    assert strip_boilerplate(body2, {line_hash(lead)})[0] == [lead, slogan]
    short = f"Talks were held in Baku.\n\n{slogan}"
    assert strip_boilerplate(short, {line_hash(slogan)})[0] == ["Talks were held in Baku.", slogan]


def test_report_text_finds_names_dates_numbers_and_the_title_verb() -> None:
    text = report_text(
        "Erdoğan, Tokayev discuss ties in phone call",
        "ANKARA, April 27 – Turkish President Recep Tayyip Erdoğan and Kassym-Jomart Tokayev "
        "discussed 3 projects worth $1,500,000 on Wednesday.\n\nTokayev thanked Erdoğan.")
    assert {"erdog", "tokay", "recep"} <= text.names  # compared by 5-letter prefix, accents off
    assert text.dateline_dates == {(4, 27)} and not text.dates
    assert text.weekdays == {2}
    assert {"3", "1500000"} <= text.lead_numbers
    assert text.title_verbs == {"call"}
    assert text.stripped == ("ANKARA, April 27 –",)


def test_signature_survives_its_packed_form() -> None:
    sig, _ = sig_of(EVENT[0])
    back = Signature.from_bytes(sig.to_bytes())
    assert np.array_equal(back.minhash, sig.minhash)
    assert sig.facts
    assert (back.shingles, back.names, back.key_names, back.lead_numbers, back.dates,
            back.dateline_dates, back.weekdays, back.title_verbs, back.facts) == (
        sig.shingles, sig.names, sig.key_names, sig.lead_numbers, sig.dates,
        sig.dateline_dates, sig.weekdays, sig.title_verbs, sig.facts)
    assert len(sig.to_bytes()) < 512


def test_a_signature_of_another_format_is_refused_not_misread() -> None:
    blob = sig_of(EVENT[0])[0].to_bytes()
    with pytest.raises(ValueError):
        Signature.from_bytes(b"\x01" + blob[1:])  # the format byte of another version
    with pytest.raises(ValueError):
        Signature.from_bytes(blob[:-1])


def test_facts_are_the_figures_not_dates_times_years_or_ids() -> None:
    text = report_text(
        "Quake of magnitude 6.1 hits Arequipa; 14 homes damaged",
        "LIMA, June 16 – The 6.1 quake struck at 02:45 on June 16, 2025, 28 km from Atico at "
        "a depth of 35 kilometres, and caused losses of $1.2bn. 2 people were hurt. It was "
        "the 3rd this year; at 4pm the 23rd brigade arrived. Call 0800987654321 for help.")
    assert text.facts == {"6.1", "14", "28", "35", "1.2"}


PASSED = ("Kenya's parliament passes Finance Bill 2024 amid protests",
          "NAIROBI, June 25 – Kenya's National Assembly passed the Finance Bill 2024 on Tuesday "
          "by 195 votes to 106, approving tax measures meant to raise 346 billion shillings. "
          "President William Ruto is expected to sign it. Protesters stormed parliament in "
          "Nairobi as lawmakers voted.")
DECLINED = ("President Ruto declines to sign Finance Bill 2024",
            "NAIROBI, June 26 – Kenya's President William Ruto declined to sign the Finance Bill "
            "2024, passed by the National Assembly by 195 votes to 106, and sent it back to "
            "parliament. The bill would have raised 346 billion shillings. Protesters had "
            "stormed parliament in Nairobi as lawmakers voted.")
REWRITTEN = ("Kenyan MPs approve contested tax bill",
             "Lawmakers in Kenya voted 195-106 to approve the contested Finance Bill, which the "
             "Treasury says will bring in 346 billion shillings, as crowds broke into the "
             "parliament compound in Nairobi. Ruto's signature is expected within days, the "
             "National Assembly speaker said.")


def test_a_rewrite_in_other_words_joins_on_agreeing_figures_and_names() -> None:
    old, new = (signature(report_text(*r)) for r in (PASSED, REWRITTEN))
    verdict = decide(new, 3600.0, old, 0.0)
    assert containment(new, old) < 0.2 and verdict.same
    assert "shared figures" in verdict.reason


def test_the_event_refused_or_undone_is_another_event_though_its_figures_agree() -> None:
    old, new = (signature(report_text(*r)) for r in (PASSED, DECLINED))
    verdict = decide(new, 24 * 3600.0, old, 0.0)
    assert not verdict.same
    assert "undone or refused" in verdict.reason


def test_containment_is_high_for_a_trimmed_copy_and_low_for_other_text() -> None:
    words = tuple(f"w{i}" for i in range(400))
    whole, half = signature(report_text("", " ".join(words))), signature(
        report_text("", " ".join(words[:200])))
    other = signature(report_text("", " ".join(f"x{i}" for i in range(400))))
    assert containment(whole, half) > 0.8  # the half is wholly inside the whole
    assert containment(whole, other) < 0.05
    assert minhash(()).shape == (128,)
    assert set(band_keys(whole)) & set(band_keys(half)), "a copy shares a bucket"


def test_copies_edits_and_a_rewrite_are_one_event_with_a_reason() -> None:
    first, when = sig_of(EVENT[0])
    for report in EVENT[1:]:
        verdict = decide(*sig_of(report), first, when)
        assert verdict.same, verdict.reason
        assert verdict.reason.startswith(("copy:", "rewrite:"))


def test_the_near_miss_two_days_later_is_another_event_and_says_why() -> None:
    first, when = sig_of(EVENT[0])
    for report in NEAR_MISS:
        verdict = decide(*sig_of(report), first, when)
        assert not verdict.same
        assert "different dates" in verdict.reason
    # a phone call is not a meeting even without dates; a template with other numbers differs
    call = report_text("Valiyev and Gerasimov hold phone call", EVENT[0][2])
    meet = report_text("Valiyev and Gerasimov meet in Baku", EVENT[0][2])
    verdict = decide(signature(call), 0.0, signature(meet), 0.0)
    assert verdict.same  # the same text: a verbatim copy whatever its title says
    paras = EVENT[0][2].split("\n\n")
    call = report_text("Valiyev and Gerasimov hold phone call", "\n\n".join([
        *paras[1:3], "The conversation lasted an hour, and the sides agreed to speak again in "
        "December about the plans of the joint staff working group."]))
    meet = report_text("Valiyev and Gerasimov meet", "\n\n".join([*paras[1:3], NEAR_MISS[0][2]]))
    verdict = decide(signature(call), 0.0, signature(meet), 0.0)
    assert not verdict.same and "call vs meet" in verdict.reason
    one = report_text("Russia keeps one warship in Black Sea", "As of 06:00 there is one ship.")
    two = report_text("Russia keeps two warships in Black Sea", "As of 06:00 there are two.")
    assert "numbers" in decide(signature(one), 0.0, signature(two), 0.0).reason


def test_reports_far_apart_in_time_need_a_verbatim_copy() -> None:
    a, when = sig_of(EVENT[0])
    rewrite, _ = sig_of(EVENT[3])
    assert decide(rewrite, when + 3600, a, when).same
    late = decide(rewrite, when + 48 * 3600, a, when)
    assert not late.same and "h apart" in late.reason
    assert decide(a, when + 48 * 3600, a, when).same  # republished verbatim two days later


def test_short_reports_join_only_as_verbatim_copies() -> None:
    def short(title: str, guid: str) -> Signature:
        return signature(report_text(title, f"{title}. Report number {guid} of the test wire."))

    before, after = short("tailmark before the edit", "t0"), short("tailmark after the edit", "tz")
    verdict = decide(after, 0.0, before, 0.0)
    assert not verdict.same and "too short" in verdict.reason
    headline = signature(report_text("Gerasimov and Valiyev meet in Baku", ""))
    assert decide(headline, 0.0, headline, 0.0).same  # a headline-only feed's verbatim copy


def test_a_huge_report_is_signed_by_its_beginning_in_bounded_memory() -> None:
    body = "\n\n".join(f"Paragraph {n} says that the river rose by {n} centimetres near the "
                       f"town of Village{n} overnight." for n in range(30_000))  # ~2 MB
    sig = signature(report_text("Floods", body))
    assert sig.shingles <= 5000
    assert len(band_keys(sig)) == 14 and len(sig.to_bytes()) < 512


# The cheaper forms of three steps must give exactly what the plain forms gave: the grouping
# decisions may not change (bench/stories_decisions.py checks that on whole sets).

_VALUES = st.lists(st.one_of(st.integers(0, 2**32 - 1), st.sampled_from([0, 1, 2**31 - 2,
                                                                          2**31 - 1, 2**31,
                                                                          2**32 - 1])),
                   min_size=1, max_size=300)


@settings(max_examples=200, deadline=None)
@given(_VALUES)
def test_minhash_by_mersenne_folding_is_the_modulo(values: list[int]) -> None:
    v = np.array(values, dtype=np.uint64)
    for a, b in ((_params().a, _params().b), (_params().name_a, _params().name_b)):
        plain = ((a[:, None] * v[None, :] + b[:, None]) % np.uint64(MERSENNE)).min(axis=1)
        assert (_minhash(v, a, b) == plain).all()
    # a hash function whose products reach the top of the range
    a = np.array([MERSENNE - 1, 1, 2**30], dtype=np.uint64)
    b = np.array([MERSENNE - 1, 0, MERSENNE - 2], dtype=np.uint64)
    assert (_minhash(v, a, b) == ((a[:, None] * v + b[:, None]) % np.uint64(MERSENNE)).min(axis=1)).all()


_PIECES = [*"ab AZ Éé1,5.%:!?\n—“«(0İ", "\n\n", ". ", "12:30", "1,743,000", "5a,3", "Baku",
           "the", "The", "ÉTAT", "Rain", "rain", "État", "état"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_words_without_number_marks_are_the_plain_tokens(text: str) -> None:
    plain = [_number(w) if w[0].isdigit() else w for w in _WORD_RE.findall(fold(text))]
    assert words(text) == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT.filter(str.strip), max_size=6))
@example(["rain. Rain fell in Baku."])  # lower case only where a sentence starts
@example(["Rain fell", "rain fell. Rain"])  # a sentence going on into the next paragraph
@example(["It rained.", "Rain fell on (rain) days"])
def test_one_pass_over_the_paragraphs_gives_their_words_and_names(texts: list[str]) -> None:
    kept = [" ".join(t.split()) for t in texts if t.split()]  # stripped, as kept paragraphs are
    assert _scan(kept) == ([words(p) for p in kept], _plain_names(" ".join(kept)))
    assert _names(" ".join(kept)) == _plain_names(" ".join(kept))


def _plain_names(text: str) -> set[str]:
    """Names as first written: token by token, sentence by sentence."""
    lower = {fold(t) for t in _WORD_RE.findall(text) if t[0].islower()}
    found = set()
    for sentence in _SENTENCE_RE.split(text):
        for i, tok in enumerate(_WORD_RE.findall(sentence)):
            folded = fold(tok)
            if not tok[0].isupper() or folded in _STOP_CAPS or len(folded) < 2:
                continue
            if i == 0 and not (tok.isupper() and len(tok) > 1) and folded in lower:
                continue
            found.add(name_key(folded))
    return found


AGENCY = ("Floods cut off Klodzko as Nysa river bursts its banks",
          "KLODZKO, Sept 15 (PAP) - The Nysa Klodzka river burst its banks in Klodzko on Sunday "
          "morning after days of torrential rain, flooding the old town and cutting road links "
          "to Wroclaw and Opole, the regional fire service said. Prime Minister Donald Tusk "
          "travelled to the area and said the army would help with evacuations.")
CORRESPONDENT = ("Old town under water in south-west Poland",
                 "Residents of Klodzko watched water pour through the historic centre on "
                 "Sunday as the swollen Nysa Klodzka broke through. Donald Tusk, visiting the "
                 "region, promised soldiers to help move people out; roads towards Wroclaw "
                 "and Opole were closed, firefighters said.")


def test_a_report_retold_in_other_words_within_hours_joins_and_a_day_later_does_not() -> None:
    old, new = (signature(report_text(*r)) for r in (AGENCY, CORRESPONDENT))
    assert containment(new, old) < 0.08 and not new.facts & old.facts
    close = decide(new, 2 * 3600.0, old, 0.0)
    assert close.same and "retold within hours" in close.reason
    assert not decide(new, 20 * 3600.0, old, 0.0).same

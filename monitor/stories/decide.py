"""The "same event" decision between a new report and a candidate story, with its reason.

Text overlap is measured as estimated containment (shared shingles over the smaller report's
shingles): a trimmed copy is wholly contained in its original even when the Jaccard index is
low. Near-miss events share most of their words, so before text overlap counts, the facts that
tell two events apart must not disagree: dates, weekdays, the title's event verb, the numbers of
the lead, the names in the titles, and the published times.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.stories.signature import SLOT_BITS, Signature, equal_slots
from monitor.stories.text import REVERSAL

SAME_TEXT = 0.45  # containment at which two reports are copies of one text
VERBATIM = 0.9  # containment above which only the published time can keep two reports apart
REWRITE_TEXT = 0.08  # a rewrite still shares some phrases (quotes, names of things) ...
REWRITE_NAMES = 0.5  # ... and most of its names
REWRITE_MIN_NAMES = 4
REWRITE_MANY_NAMES = 8  # a rewrite in wholly other words must name the same many things
REWRITE_MOST_NAMES = 0.6
SHORT_REPORT = 30  # fewer shingles than this (a headline, a sentence): only a verbatim copy joins
# a rewrite in its own words and order still states the event's figures: this many of them,
# and this share of the smaller report's, agreeing (with CORROBORATING_NAMES shared names) is
# two independent facts in common, which a near-miss event (the next quake, the next rate
# decision) does not have
CORROBORATING_FACTS = 2
CORROBORATING_SHARE = 0.6
CORROBORATING_NAMES = 3
# within hours of each other, reports naming the same several people, places and bodies, and
# disagreeing on nothing above, are one event told twice (a correspondent's own story of what
# the agencies report): a near-miss event the same morning differs in a figure, a date or the
# title's subject
CLOSE_IN_TIME = 6 * 3600.0
CLOSE_NAMES = 4
NEAR_IN_TIME = 36 * 3600.0  # reports of one event further apart than this need copies' overlap


@dataclass(frozen=True)
class Verdict:
    """Whether a report belongs to a candidate story, with a score and a short reason."""

    same: bool
    score: float
    reason: str


def containment(a: Signature, b: Signature) -> float:
    """Estimated |A ∩ B| / min(|A|, |B|) of the two reports' shingle sets, from MinHash."""
    if not a.shingles or not b.shingles:
        return 0.0
    chance = 1.0 / (1 << SLOT_BITS)  # b-bit slots agree by chance this often
    # the share of equal slots (count / 128: the same float as numpy's mean gave, cheaper)
    agree = equal_slots(a.minhash, b.minhash) / a.minhash.size
    jaccard = max(0.0, (agree - chance) / (1.0 - chance))
    shared = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    return min(1.0, shared / min(a.shingles, b.shingles))


def name_overlap(a: Signature, b: Signature) -> tuple[int, float]:
    """(shared names, shared over the smaller report's names)."""
    shared = len(a.names & b.names)
    smaller = min(len(a.names), len(b.names))
    return shared, (shared / smaller if smaller else 0.0)


def _days_apart(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> int:
    """Smallest distance in days between a date of `a` and one of `b` (a dateline's date and
    the event's "on Sunday" date may be a day apart in two reports of one event)."""
    def day(d: tuple[int, int]) -> int:
        return (d[0] - 1) * 31 + d[1]
    gaps = [abs(day(x) - day(y)) for x in a for y in b]
    return min(min(gaps), 372 - max(gaps))


def fact_overlap(a: Signature, b: Signature) -> tuple[int, float]:
    """(shared figures, shared over the smaller report's figures)."""
    shared = len(a.facts & b.facts)
    smaller = min(len(a.facts), len(b.facts))
    return shared, (shared / smaller if smaller else 0.0)


def _conflict(new: Signature, old: Signature) -> str | None:
    """Why two reports are different events whatever else they agree on, or None: when the
    event happened, or what kind of event the titles report."""
    if new.dates and old.dates:
        if not new.dates & old.dates:
            return "different dates"
    elif ((new.dates or new.dateline_dates) and (old.dates or old.dateline_dates)
          and _days_apart(new.dates | new.dateline_dates, old.dates | old.dateline_dates) > 1):
        return "different dates"
    if new.weekdays and old.weekdays and not new.weekdays & old.weekdays:
        return "different weekdays"
    if new.title_verbs and old.title_verbs and not new.title_verbs & old.title_verbs:
        verbs = "/".join(sorted(new.title_verbs)) + " vs " + "/".join(sorted(old.title_verbs))
        return f"different event in the titles ({verbs})"
    if (REVERSAL in new.title_verbs) != (REVERSAL in old.title_verbs):
        return "one title reports the event undone or refused"
    return None


def _disagreement(new: Signature, old: Signature, text: float) -> str | None:
    """Why two reports with little text in common are different events, or None: what their
    leads count, and whom the titles are about. Agreeing figures overrule these (a rewrite
    leads with another figure, or names the actor otherwise)."""
    if new.lead_numbers and old.lead_numbers and not new.lead_numbers & old.lead_numbers:
        return "different numbers in the lead"
    if text < SAME_TEXT and (new.key_names - old.names or old.key_names - new.names):
        return "a name the title is about is absent from the other report"
    return None


def decide(new: Signature, new_time: float, old: Signature, old_time: float) -> Verdict:
    """Whether `new` reports the event of the story whose first report is `old`."""
    text = containment(new, old)
    shared, names = name_overlap(new, old)
    summary = f"containment {text:.2f}, {shared} shared names ({names:.2f})"
    hours = abs(new_time - old_time) / 3600.0
    figures, figure_share = fact_overlap(new, old)
    corroborated = (figures >= CORROBORATING_FACTS and figure_share >= CORROBORATING_SHARE
                    and shared >= CORROBORATING_NAMES)
    if corroborated:
        summary += f", {figures} shared figures ({figure_share:.2f})"
    if text < VERBATIM:
        veto = _conflict(new, old) or (None if corroborated else _disagreement(new, old, text))
        if veto:
            return Verdict(False, text, f"{veto}; {summary}")
    if min(new.shingles, old.shingles) < SHORT_REPORT and text < VERBATIM:
        return Verdict(False, text, f"too short to tell apart but by a verbatim copy; {summary}")
    if hours * 3600.0 > NEAR_IN_TIME and text < VERBATIM:
        return Verdict(False, text, f"{hours:.0f} h apart and not a verbatim copy; {summary}")
    if text >= SAME_TEXT:
        return Verdict(True, text, f"copy: {summary}, {hours:.1f} h apart")
    if (text >= REWRITE_TEXT and shared >= REWRITE_MIN_NAMES and names >= REWRITE_NAMES) or (
            shared >= REWRITE_MANY_NAMES and names >= REWRITE_MOST_NAMES) or corroborated:
        return Verdict(True, text + names, f"rewrite: {summary}, {hours:.1f} h apart")
    if hours * 3600.0 <= CLOSE_IN_TIME and shared >= CLOSE_NAMES and names >= REWRITE_NAMES:
        return Verdict(True, text + names, f"retold within hours: {summary}, {hours:.1f} h apart")
    return Verdict(False, text, f"too little in common: {summary}")

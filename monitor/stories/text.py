"""Text of a report as story assignment sees it: boilerplate stripped, then words, names,
numbers, dates and the title's event verb. Pure functions of strings.

Boilerplate is what one outlet adds to every copy and that says nothing about the event: the
dateline (``BISHKEK, March 13 (Kabar) –``), trailers (``Read more: …``, ``Follow us on
Telegram``, ``Source: UzA.``, ``DAILY SABAH WITH AA``) and any short paragraph that recurs
across the same feed's items (counted in Redis, passed in here as hashes).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

KEY_NAME_MENTIONS = 3  # title + twice in the body
COUNTED_LINES = 6  # trailing paragraphs counted per item for the feed's recurring lines
RECURRING_MAX_WORDS = 40  # only paragraphs this short are counted as possible feed boilerplate

_WORD_RE = re.compile(r"\d{1,2}:\d\d(?!\d)|[^\W_]+(?:['’][^\W_]+)*(?:[.,][0-9]+)*%?", re.UNICODE)
_PARAGRAPH_RE = re.compile(r"\n\s*\n|\r\n\s*\r\n")
_SENTENCE_START = r"[\"“«(\[A-ZА-ЯЁ0-9]"
_SENTENCE_RE = re.compile(rf"(?<=[.!?…])\s+(?={_SENTENCE_START})")
_SENTENCE_START_RE = re.compile(_SENTENCE_START)
# separators that end a dateline: dashes, a colon, or a full stop after a name or "(Agency)"
_DATELINE_SEP_RE = re.compile(r"\s[–—-]{1,2}\s|:\s|\.\s")
_TRAILER_RE = re.compile(
    r"^\W*(?:read (?:more|also)|also read|see also|related|follow |subscribe|join us|source:|"
    r"sources?:|copyright|©|\(?reporting by|writing by|editing by|with inputs from|"
    r"photo:|video:|download |share this)", re.IGNORECASE)
_AGENCY_LINE_RE = re.compile(r"^[\W\d]*[A-Z][A-Z0-9 ./&'-]{1,40}(?:\bWITH\b[A-Z ./&-]*)?\W*$")
# "WAM." "BNS/TBT Staff." "(BNS)": a few capitalised words alone at the end
_SHORT_AGENCY_RE = re.compile(r"^\(?[A-Z][\w./-]*(?: [A-Z][\w./-]*){0,3}\)?\.?$")

MONTHS = {m: i for i, names in enumerate((
    ("jan", "january", "январь", "января"), ("feb", "february", "февраля"),
    ("mar", "march", "марта"), ("apr", "april", "апреля"), ("may", "мая"),
    ("jun", "june", "июня"), ("jul", "july", "июля"), ("aug", "august", "августа"),
    ("sep", "sept", "september", "сентября"), ("oct", "october", "октября"),
    ("nov", "november", "ноября"), ("dec", "december", "декабря")), start=1) for m in names}
WEEKDAYS = {d: i for i, names in enumerate((
    ("monday", "понедельник"), ("tuesday", "вторник"), ("wednesday", "среду", "среда"),
    ("thursday", "четверг"), ("friday", "пятницу", "пятница"), ("saturday", "субботу"),
    ("sunday", "воскресенье"))) for d in names}
REVERSAL = "reversal"
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11",
                "twelve": "12", "no": "0", "zero": "0", "dozen": "12"}
# one name, two spellings that share no 5-letter prefix
NAME_ALIASES = {"turkiye": "turkey", "turkish": "turkey", "kyiv": "kiev", "ukraine's": "ukraine"}
NAME_PREFIX = 5  # names are compared by their first letters: Kazakh/Kazakhstan, Ukraine/Ukrainian
# what kind of event a title reports: two reports of one event do not disagree on it
EVENT_VERBS = {
    "call": ("phone", "call", "calls", "telephone", "phoned", "phones", "videoconference",
             "video", "телефонный", "телефонному", "созвонились", "телефону"),
    "meet": ("meet", "meets", "met", "meeting", "receives", "received", "receive", "hosts",
             "hosted", "visit", "visits", "visited", "talks", "встреча", "встретился",
             "встретились", "принял", "переговоры", "визит"),
    "sign": ("sign", "signs", "signed", "signing", "treaty", "memorandum", "agreement",
             "подписали", "подписал", "соглашение", "договор"),
    "attack": ("attack", "attacks", "attacked", "strike", "strikes", "struck", "shelling",
               "shelled", "explosion", "blast", "удар", "атака", "атаковали"),
    "intercept": ("intercept", "intercepts", "intercepted", "downs", "downed", "shot",
                  "перехватили", "сбили"),
    "sink": ("sink", "sinks", "sank", "sunk", "destroys", "destroyed", "destroy"),
    # an event undone or refused: "declines to sign" is not "passes", "strike called off" is
    # not "strike begins", though each shares the other's actors and most of its words
    REVERSAL: ("declines", "declined", "refuses", "refused", "rejects", "rejected", "vetoes",
               "vetoed", "cancels", "cancelled", "canceled", "suspends", "suspended",
               "postpones", "postponed", "halts", "halted", "withdraws", "withdrew", "scraps",
               "scrapped", "revokes", "revoked", "overturns", "overturned", "denies", "denied",
               "отказался", "отказалась", "отказались", "отменил", "отменила", "отменили",
               "отклонил", "отклонила", "отклонили", "приостановил", "приостановила",
               "опроверг", "опровергли"),
}
_VERB_CLASS = {w: cls for cls, words in EVENT_VERBS.items() for w in words}
_STOP_CAPS = frozenset((
    "the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "to", "by", "with",
    "from", "as", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "our", "there", "here", "after", "before", "during",
    "according", "earlier", "later", "also", "however", "meanwhile", "over", "some", "all",
    "one", "two", "three", "today", "yesterday", "mr", "mrs", "ms", "president", "minister",
    "ministry", "prime", "chairman", "head", "deputy", "foreign", "defense", "defence",
    "chief", "chiefs", "colonel", "commander", "director", "governor", "secretary", "ambassador",
    "spokesman", "spokeswoman", "spokesperson", "presidents", "ministers", "leaders", "leader",
    "said", "says", "when", "while", "if", "what", "who", "speaking", "following", "under",
    "more", "most", "no", "not", "about", "more", "both", "each", "other", "such",
    *MONTHS, *WEEKDAYS))

# parts of many names ("Black Sea", "Kyrgyz Republic"): not what a report is about on their own
_NAME_PARTS = frozenset(name[:5] for name in (
    "sea", "state", "states", "republic", "black", "north", "south", "east", "west", "central",
    "united", "national", "new", "great", "island", "river", "gulf", "lake", "city", "region",
    "province", "group", "union", "council", "party", "army", "navy", "forces", "force",
    "ministry", "agency", "news", "project", "international", "general", "staff", "office"))


@dataclass(frozen=True, slots=True)
class ReportText:
    """A report reduced to what story assignment compares."""

    words: tuple[str, ...]  # folded words of title + stripped body, in order
    names: frozenset[str]  # folded proper names and acronyms (people, places, organisations)
    key_names: frozenset[str]  # names of the title that the report repeats: what it is about
    lead_numbers: frozenset[str]  # numbers of the title and first paragraph (not dates)
    dates: frozenset[tuple[int, int]]  # (month, day) named in the title and lead, not dateline
    dateline_dates: frozenset[tuple[int, int]]  # (month, day) of the dateline: when written
    weekdays: frozenset[int]  # weekdays named in the first paragraph (0 = Monday)
    title_verbs: frozenset[str]  # event classes of the title's verbs (EVENT_VERBS)
    facts: frozenset[str]  # the distinctive figures of the whole report (`_facts`)
    stripped: tuple[str, ...]  # what was dropped as boilerplate, for the reason log


def fold(text: str) -> str:
    """NFKD without accents, case-folded: ``Erdoğan`` gives ``erdogan``, ``Türkiye`` ``turkiye``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ə", "e"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """`fold` of one word, remembered: names and common words recur across reports."""
    return fold(word)


def line_hash(paragraph: str) -> int:
    """A stable 32-bit hash of a paragraph's folded words (the per-feed recurrence counter)."""
    return zlib.crc32(" ".join(_WORD_RE.findall(fold(paragraph))).encode())


def paragraphs(body: str) -> list[str]:
    """Paragraphs of a body (split on blank lines), stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_RE.split(body or "") if p.strip()]


def countable_lines(body: str) -> list[int]:
    """Hashes of the short paragraphs of a body where boilerplate sits (the last few, after
    the lead): the ones a feed may repeat on every item."""
    paras = paragraphs(body)[1:]
    return [line_hash(p) for p in paras[-COUNTED_LINES:] if len(p.split()) <= RECURRING_MAX_WORDS]


def strip_dateline(paragraph: str) -> tuple[str, str]:
    """(paragraph without its dateline, the dateline); at most two dateline parts are removed
    (``ASTANA. Oct 7 (Interfax) -``)."""
    removed = []
    for _ in range(2):
        m = _DATELINE_SEP_RE.search(paragraph, 0, 72)
        if not m:
            break
        head = paragraph[:m.start()].strip()
        if not _is_dateline(head):
            break
        removed.append(paragraph[:m.end()].strip())
        paragraph = paragraph[m.end():].lstrip()
    return paragraph, " ".join(removed)


def _is_dateline(head: str) -> bool:
    words = head.split()
    if not words or len(words) > 8:
        return False
    has_place = bool(re.search(r"\b[A-Z]{3,}\b|\([^)]{2,30}\)", head)) or head.endswith(")")
    lowercase = [w for w in re.findall(r"\b[a-z][a-z]+\b", head)
                 if w not in ("news", "agency", "with") and fold(w) not in MONTHS]
    return has_place and not lowercase


def _is_trailer(sentence: str) -> bool:
    s = sentence.strip()
    if not s:
        return True
    if _TRAILER_RE.match(s):
        return True
    words = s.split()
    if len(words) <= 6 and (_AGENCY_LINE_RE.match(s) or _SHORT_AGENCY_RE.match(s)):
        return True
    return s[0] in "—–-" and len(words) <= 8  # "— With inputs from WAM"


def strip_boilerplate(body: str, recurring: Collection[int] = ()) -> tuple[list[str], list[str]]:
    """(paragraphs of the body without boilerplate, what was removed). `recurring` holds the
    `line_hash` of paragraphs that this feed repeats across its items."""
    kept, removed, _ = _strip(body, recurring)
    return kept, removed


def _strip(body: str, recurring: Collection[int]) -> tuple[list[str], list[str], str]:
    """`strip_boilerplate`, and the dateline of the first paragraph ("" if none)."""
    kept: list[str] = []
    removed: list[str] = []
    paras = paragraphs(body)
    dateline = ""
    for index, para in enumerate(paras):
        if index == 0:
            para, dateline = strip_dateline(para)
            if dateline:
                removed.append(dateline)
        if index and len(para.split()) <= RECURRING_MAX_WORDS and line_hash(para) in recurring:
            removed.append(para)  # the lead is the report's own even if the feed repeats it
            continue
        if index >= len(paras) - 2:  # trailers sit in the last paragraphs, sentence by sentence
            sentences = _SENTENCE_RE.split(para)
            while sentences and _is_trailer(sentences[-1]):
                removed.append(sentences.pop())
            para = " ".join(sentences)
        if para:
            kept.append(para)
    if recurring and sum(len(p.split()) for p in kept) * 2 < sum(len(p.split()) for p in paras):
        return _strip(body, ())  # a feed re-posting its own item: not boilerplate
    # "(BNS)" or "(Reuters)" closing the last paragraph
    if kept:
        tail = re.search(r"\s*\([A-Z][\w./ -]{1,20}\)\s*$", kept[-1])
        if tail:
            removed.append(tail.group().strip())
            kept[-1] = kept[-1][:tail.start()]
    return kept, removed, dateline


def words(text: str) -> list[str]:
    """Folded words of a text (numbers keep their inner separators removed: 1,743,000 → 1743000)."""
    folded = fold(text)
    found = _WORD_RE.findall(folded)
    if not _NUMBER_MARKS_RE.search(folded):  # no "1,743" or "5%": `_number` changes nothing
        return found
    return [_number(w) if w[0].isdigit() else w for w in found]


# what `_number` changes in a token: a comma (a token has one only before a digit), a per cent
_NUMBER_MARKS_RE = re.compile(r",[0-9]|%")


def _number(token: str) -> str:
    token = token.rstrip("%")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        return token.replace(",", "")
    return token.replace(",", ".")


def _names(text: str) -> set[str]:
    """Capitalised words and acronyms. A sentence's first word counts only if the text never
    uses it in lower case ("Ethiopia on Tuesday …" is a name, "Government …" is not if the text
    says "the government" elsewhere)."""
    return _names_of([_WORD_RE.findall(s) for s in _SENTENCE_RE.split(text)])


def _names_of(sentences: list[list[str]]) -> set[str]:
    """`_names` of a text given as the word tokens of its sentences. Each distinct word is
    looked at once (a name is a set member however often it occurs): those inside sentences,
    then those that start one."""
    inside = set(chain.from_iterable(tokens[1:] for tokens in sentences))
    first = {tokens[0] for tokens in sentences if tokens}
    found: set[str] = set()
    for tok in inside:
        if tok[0].isupper():
            folded = fold_word(tok)
            if folded not in _STOP_CAPS and len(folded) >= 2:
                found.add(name_key(folded))
    capital = [tok for tok in first if tok[0].isupper()]
    if capital:
        lower = set(map(fold_word, [t for t in inside | first if t[0].islower()]))
        for tok in capital:
            folded = fold_word(tok)
            if folded in _STOP_CAPS or len(folded) < 2:
                continue
            if not (tok.isupper() and len(tok) > 1) and folded in lower:
                continue
            found.add(name_key(folded))
    return found


def name_key(folded: str) -> str:
    """The comparable form of a folded name: possessive dropped, alias resolved, 5-letter prefix."""
    base = folded.split("'")[0].split("’")[0]
    return NAME_ALIASES.get(base, base)[:NAME_PREFIX]


_DAY_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _dates(toks: list[str]) -> set[tuple[int, int]]:
    found = set()
    for i, tok in enumerate(toks):
        month = MONTHS.get(tok)
        if month is None:
            continue
        for near in (toks[i + 1] if i + 1 < len(toks) else "", toks[i - 1] if i else ""):
            day = _DAY_RE.fullmatch(near)
            if day and 1 <= int(day.group(1)) <= 31:
                found.add((month, int(day.group(1))))
                break
    return found


def _lead_numbers(title_words: list[str], toks: list[str]) -> set[str]:
    nums = set()
    for i, tok in enumerate(toks):
        if not tok[0].isdigit() or ":" in tok or _YEAR_RE.fullmatch(tok):
            continue  # a time or a year names when, not how many
        prev = toks[i - 1] if i else ""
        after = toks[i + 1] if i + 1 < len(toks) else ""
        if prev not in MONTHS and after not in MONTHS:
            nums.add(tok)
    nums.update(NUMBER_WORDS[w] for w in title_words if w in NUMBER_WORDS)
    return nums


_UNIT_RE = re.compile(r"(?<=\d)(?:bn|mn|m|k|pc|%)$")
_CLOCK_RE = re.compile(r"\d{1,2}(?:[.:]\d\d)?(?:am|pm)$")
_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)$")
MAX_FIGURE_DIGITS = 8  # longer digit strings are phone numbers and ids, not facts


def _facts(toks: list[str]) -> set[str]:
    """The figures a report states (magnitudes, tolls, rates, sums, scores), unit suffixes
    dropped ("12bn" and "12" agree): what two reports of one event agree on even when they
    share no phrase. Left out as weak or as naming when, not what: single digits, years,
    clock times, ordinals, and the day of a date."""
    found = set()
    for i, tok in enumerate(toks):
        if (not tok[0].isdigit() or ":" in tok or _CLOCK_RE.fullmatch(tok)
                or _ORDINAL_RE.fullmatch(tok) or _YEAR_RE.fullmatch(tok)):
            continue
        if (i and toks[i - 1] in MONTHS) or (i + 1 < len(toks) and toks[i + 1] in MONTHS):
            continue
        figure = _UNIT_RE.sub("", tok)
        if not re.fullmatch(r"\d+(?:\.\d+)?", figure):
            continue
        if len(figure) < 2 or len(figure.replace(".", "")) > MAX_FIGURE_DIGITS:
            continue
        found.add(figure)
    return found


def _key_names(in_title: set[str], all_words: list[str]) -> set[str]:
    """Names of the title (`in_title`: its capitalised words that are names of the report)
    that the report mentions KEY_NAME_MENTIONS times or more."""
    if not in_title:
        return set()
    counts: Counter[str] = Counter()
    for word, n in Counter(all_words).items():
        if word[:NAME_PREFIX] in in_title or word in NAME_ALIASES:
            counts[name_key(word)] += n
    return {n for n in in_title if counts[n] >= KEY_NAME_MENTIONS and n not in _NAME_PARTS}


def _scan(kept: list[str]) -> tuple[list[list[str]], set[str]]:
    """(`words` of each paragraph, `_names(" ".join(kept))`), tokenising each paragraph once
    where it can: the words of an ASCII paragraph without "1,5" or "%" are its tokens
    lower-cased (the word pattern has no case in it, so that is what tokenising the folded
    text gives); the others go through `words`.
    Sentences are split within paragraphs; where the joined text would continue a sentence
    across two paragraphs (no full stop at the end, or no capital after it), the next
    paragraph's first sentence continues it."""
    para_words: list[list[str]] = []
    sentences: list[list[str]] = []
    for index, para in enumerate(kept):
        tokens = [_WORD_RE.findall(s) for s in _SENTENCE_RE.split(para)]
        previous = kept[index - 1][-1:] if index else ""
        if sentences and not (previous and previous in ".!?…"
                              and _SENTENCE_START_RE.match(para)):
            sentences[-1] = sentences[-1] + tokens[0]
            sentences.extend(tokens[1:])
        else:
            sentences.extend(tokens)
        if para.isascii() and not _NUMBER_MARKS_RE.search(para):
            # what `words` gives: the pattern has no case, lower-casing ASCII keeps the tokens
            para_words.append(list(map(str.lower, chain.from_iterable(tokens))))
        else:
            para_words.append(words(para))
    return para_words, _names_of(sentences)


def report_text(title: str, body: str, recurring: Collection[int] = ()) -> ReportText:
    """Reduce one report to what story assignment compares (see `ReportText`)."""
    kept, removed, dateline = _strip(body, recurring)
    title_words = words(title)
    para_words, names = _scan(kept)
    lead_words = para_words[0] if para_words else []
    all_words = title_words + [w for ws in para_words for w in ws]
    title_tokens = _WORD_RE.findall(title)
    in_title = {name_key(fold_word(w)) for w in title_tokens if w[0].isupper()} & names
    acronyms = {name_key(fold_word(w)) for w in title_tokens if w.isupper() and len(w) > 1}
    return ReportText(
        words=tuple(all_words),
        names=frozenset(names | in_title | acronyms),
        key_names=frozenset(_key_names(in_title, all_words)),
        lead_numbers=frozenset(_lead_numbers(title_words, title_words + lead_words)),
        dates=frozenset(_dates(title_words + ["."] + lead_words)),
        dateline_dates=frozenset(_dates(words(dateline))),
        weekdays=frozenset(WEEKDAYS[w] for w in lead_words if w in WEEKDAYS),
        title_verbs=frozenset(_VERB_CLASS[w] for w in title_words if w in _VERB_CLASS),
        facts=frozenset(_facts(all_words)),
        stripped=tuple(removed),
    )

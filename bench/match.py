"""Benchmark of the watch-rule matcher: documents/s, build time and memory versus rule count.

    python bench/match.py                    # sizes 10, 1000, 10000, 100000; 3 runs each
    python bench/match.py --runs 5 --sizes 1000 100000

Documents are synthetic ~4 KB news-like English: words drawn with a Zipf law from a vocabulary
of common English words plus a long tail of rarer made-up words, thousands of entity names
(people, organisations, places, real countries), sentences, paragraphs, a title and a source.
Rules mix the kinds real deployments hold: AND of two entities, OR lists, NOT, phrases, NEAR/n,
NEAR/s, field scopes, vocabularies, wildcards and countries. Entities are drawn with a Zipf law
too, so popular names are in many rules and many documents.

Each size runs in a fresh subprocess (so `rss_mb`, the peak resident size, is per size). Per
size one JSON line is printed with the medians over `--runs`; the last line is a summary.
Times are CPU seconds of the measuring process (one core; other load on the machine does not
count), `docs_per_s_wall` is the same by the wall clock; `build_s` is the compile time.
`baseline_docs_per_s` is the reference interpreter over every rule; above 1,000 rules it is
timed on a random sample of 1,000 rules and scaled (its cost is linear in the rule count).

Start-up, as a worker starts (CPU seconds, the rules written as a config directory's rules.yaml
first, in a process that has compiled nothing yet): `startup_s` is `load_config_and_rules`
(read the YAML, validate, compile the enabled rules once); `startup_load_s` is the read and
validation alone (`load_config` without the rules check) and `startup_compile_s` the rest;
`startup_wall_s` is `startup_s` by the wall clock.
The summary line gives them at 100,000 rules.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from monitor.config import load_config, load_config_and_rules  # noqa: E402
from monitor.rules import Document, RuleSource, compile_rules  # noqa: E402
from monitor.rules.ast import FIELDS  # noqa: E402
from monitor.rules.frontend import parse_rules  # noqa: E402
from monitor.rules.normalize import tokenize  # noqa: E402
from monitor.rules.reference import value  # noqa: E402

SIZES = (10, 1_000, 10_000, 100_000)
COMMON = [
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "i", "this", "had", "not", "are", "but", "from", "or",
    "have", "an", "they", "which", "one", "you", "were", "her", "all", "she", "there", "would",
    "their", "we", "him", "been", "has", "when", "who", "will", "more", "no", "if", "out", "so",
    "said", "what", "up", "its", "about", "into", "than", "them", "can", "only", "other", "new",
    "some", "could", "time", "these", "two", "may", "then", "do", "first", "any", "my", "now",
    "such", "like", "our", "over", "man", "me", "even", "most", "made", "after", "also", "did",
    "many", "before", "must", "through", "back", "years", "where", "much", "your", "way",
    "well", "down", "should", "because", "each", "just", "those", "people", "how", "too",
    "little", "state", "good", "very", "make", "world", "still", "own", "see", "men", "work",
    "long", "get", "here", "between", "both", "life", "being", "under", "never", "day", "same",
    "another", "know", "while", "last", "might", "us", "great", "old", "year", "off", "come",
    "since", "against", "go", "came", "right", "used", "take", "three", "states", "himself",
    "few", "house", "use", "during", "without", "again", "place", "american", "around",
    "however", "home", "small", "found", "thought", "went", "say", "part", "once", "general",
    "high", "upon", "school", "every", "don't", "does", "got", "united", "left", "number",
    "course", "war", "until", "always", "away", "something", "fact", "though", "water", "less",
    "public", "put", "think", "almost", "hand", "enough", "far", "took", "head", "yet",
    "government", "system", "better", "set", "told", "nothing", "night", "end", "why", "called",
    "didn't", "eyes", "find", "going", "look", "asked", "later", "knew", "point", "next",
    "city", "business", "give", "group", "toward", "young", "days", "let", "room", "president",
    "side", "social", "given", "present", "several", "order", "national", "possible", "rather",
    "second", "face", "per", "among", "form", "important", "often", "things", "looking",
    "early", "white", "case", "john", "become", "large", "big", "need", "four", "within",
    "felt", "along", "children", "saw", "best", "church", "ever", "least", "power",
    "development", "light", "thought", "family", "interest", "want", "members", "mind",
    "country", "area", "others", "done", "turned", "although", "open", "god", "service",
    "certain", "kind", "problem", "began", "different", "door", "thus", "help", "sense",
    "means", "whole", "matter", "perhaps", "itself", "york", "times", "human", "law", "line",
    "above", "name", "example", "action", "company", "hands", "local", "show", "whether",
    "five", "history", "gave", "today", "either", "act", "feet", "across", "taken", "past",
    "quite", "anything", "seen", "having", "death", "experience", "body", "word", "half",
    "really", "week", "field", "car", "words", "already", "themselves", "information", "tell",
    "together", "college", "shall", "money", "period", "held", "keep", "sure", "probably",
    "free", "seems", "real", "behind", "cannot", "miss", "political", "air", "question",
    "making", "office", "brought", "whose", "special", "heard", "major", "problems", "ago",
    "became", "federal", "moment", "study", "available", "known", "result", "street",
    "economic", "boy", "reason", "change", "position", "south", "board", "individual", "job",
    "areas", "society", "west", "close", "turn", "love", "community", "true", "court", "force",
    "full", "seem", "am", "military", "minister", "defense", "talks", "security", "officials",
    "forces", "agreement", "meeting", "visit", "cooperation", "election", "vote", "parliament",
    "market", "prices", "oil", "gas", "energy", "bank", "trade", "deal", "sanctions", "report",
    "reports", "border", "attack", "police", "court", "ruling", "investment", "growth",
    "inflation", "spokesman", "statement", "ministry",
]

SYLLABLES = [
    "ka", "ro", "vin", "del", "mar", "tek", "sol", "bar", "nov", "ash", "ere", "lin", "tor",
    "vas", "mel", "dor", "pak", "zen", "rul", "fin", "gra", "hol", "kes", "lum", "mor", "nad",
    "ost", "pel", "qui", "ran", "sev", "tam", "ur", "vel", "wen", "yar", "zor", "bel", "cor",
    "dan", "fal",
]
ORG_SUFFIX = ("Group", "Holdings", "Bank", "Ministry", "Party", "Institute", "Corporation",
              "Agency", "University", "Council")
COUNTRIES = ("RU", "AZ", "US", "GB", "FR", "DE", "CN", "IN", "BR", "TR", "IR", "UA", "IL", "JP",
             "KR", "EG", "NG", "ZA", "MX", "AR", "PL", "IT", "ES", "SA", "PK")
COUNTRY_WORDS = ("Russia", "Moscow", "Azerbaijan", "Baku", "United States", "Washington",
                 "Britain", "London", "France", "Paris", "Germany", "Berlin", "China", "Beijing",
                 "India", "Brazil", "Turkey", "Ankara", "Iran", "Tehran", "Ukraine", "Kyiv",
                 "Israel", "Japan", "Tokyo", "Egypt", "Nigeria", "Mexico", "Poland", "Italy")
SOURCES = [f"wire{i}" for i in range(40)] + ["reuters", "tass", "trend", "apa", "interfax"]


class World:
    """Deterministic vocabulary and entities shared by the document and rule generators."""

    def __init__(self, seed: int, n_entities: int = 20000, n_tail: int = 20000) -> None:
        rnd = random.Random(seed)
        tail = {self._word(rnd, 2, 4).lower() for _ in range(n_tail)}
        self.words = COMMON + sorted(tail - set(COMMON))
        # cumulative weights: `choices` would otherwise re-add them up on every call
        self.word_weights = list(accumulate(1.0 / (r + 1) for r in range(len(self.words))))
        self.entities = self._entities(rnd, n_entities)
        # news mentions are concentrated on a few names; watch lists spread over the long tail
        n = len(self.entities)
        self.entity_weights = list(accumulate(1.0 / (r + 1) ** 0.8 for r in range(n)))
        self.watch_weights = list(accumulate(1.0 / (r + 1) ** 0.5 for r in range(n)))
        self.topic_words = self.words[150:3000]

    @staticmethod
    def _word(rnd: random.Random, lo: int, hi: int) -> str:
        return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(lo, hi))).capitalize()

    def _entities(self, rnd: random.Random, n: int) -> list[str]:
        out: dict[str, None] = {w: None for w in COUNTRY_WORDS}
        while len(out) < n:
            kind = rnd.random()
            if kind < 0.6:
                name = f"{self._word(rnd, 2, 3)} {self._word(rnd, 2, 4)}"
            elif kind < 0.85:
                name = f"{self._word(rnd, 2, 3)} {rnd.choice(ORG_SUFFIX)}"
            else:
                name = self._word(rnd, 2, 4)
            out[name] = None
        names = list(out)
        head, rest = names[:len(COUNTRY_WORDS)], names[len(COUNTRY_WORDS):]
        rnd.shuffle(rest)
        return rest[:50] + head + rest[50:]  # countries popular but not the very top

    def entity(self, rnd: random.Random) -> str:
        """An entity as the news mentions them."""
        return rnd.choices(self.entities, cum_weights=self.entity_weights)[0]

    def watched(self, rnd: random.Random) -> str:
        """An entity as watch lists pick them."""
        return rnd.choices(self.entities, cum_weights=self.watch_weights)[0]


def make_documents(world: World, n: int, seed: int, size: int = 4000) -> list[Document]:
    """`n` documents of about `size` characters."""
    rnd = random.Random(seed)
    return [_document(world, rnd, size) for _ in range(n)]


def _document(world: World, rnd: random.Random, size: int) -> Document:
    cast = [world.entity(rnd) for _ in range(rnd.randint(3, 8))]  # who the story is about
    paragraphs, length = [], 0
    while length < size:
        sentences = [_sentence(world, rnd, cast) for _ in range(rnd.randint(2, 5))]
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 2
    title = _sentence(world, rnd, cast, lo=6, hi=10).rstrip(".")
    return Document(title=title, body="\n\n".join(paragraphs), source=rnd.choice(SOURCES))


def _sentence(world: World, rnd: random.Random, cast: list[str], lo: int = 10,
              hi: int = 28) -> str:
    n = rnd.randint(lo, hi)
    words = rnd.choices(world.words, cum_weights=world.word_weights, k=n)
    for _ in range(rnd.randint(1, 3)):
        who = rnd.choice(cast) if rnd.random() < 0.8 else world.entity(rnd)
        if rnd.random() < 0.15:
            who += "'s"
        words.insert(rnd.randrange(len(words) + 1), who)
    if rnd.random() < 0.3:
        words.insert(rnd.randrange(len(words)), rnd.choice(["said", "told reporters", "Nov. 3"]))
    text = " ".join(words)
    text = text.replace(" and ", ", and ", 1) if rnd.random() < 0.3 else text
    return text[0].upper() + text[1:] + rnd.choice([".", ".", ".", "?", "!"])


def make_rules(world: World, n: int, seed: int) -> tuple[list[RuleSource], dict[str, list[str]]]:
    """`n` rules of a realistic mix, and the vocabularies they use."""
    rnd = random.Random(seed)
    vocabularies = {f"topic{i}": _vocabulary(world, rnd) for i in range(50)}
    makers = [(0.28, _and_two), (0.12, _or_list), (0.10, _not), (0.10, _phrase),
              (0.10, _near_words), (0.10, _near_sentence), (0.07, _scoped),
              (0.07, _vocab), (0.06, _country_or_wildcard)]
    weights = [w for w, _ in makers]
    rules = []
    for i in range(n):
        make = rnd.choices([m for _, m in makers], weights)[0]
        rules.append(RuleSource(f"r{i}", make(world, rnd)))
    return rules, vocabularies


def _vocabulary(world: World, rnd: random.Random) -> list[str]:
    terms = rnd.sample(world.topic_words, 15)
    terms += [w[:5] + "*" for w in rnd.sample(world.topic_words, 3) if len(w) >= 6]
    terms.append(f'"{rnd.choice(world.topic_words)} {rnd.choice(world.topic_words)}"')
    return terms


def _q(name: str) -> str:
    return f'"{name}"' if " " in name else name


def _and_two(w: World, r: random.Random) -> str:
    return f"{_q(w.watched(r))} AND {_q(w.watched(r))}"


def _or_list(w: World, r: random.Random) -> str:
    names = " OR ".join(_q(w.watched(r)) for _ in range(r.randint(2, 4)))
    return f"({names}) {r.choice(w.topic_words)} {r.choice(w.topic_words)}"


def _not(w: World, r: random.Random) -> str:
    topic = r.choice(w.topic_words)
    return f"{_q(w.watched(r))} {topic} AND NOT ({_q(w.watched(r))} OR {r.choice(w.topic_words)})"


def _phrase(w: World, r: random.Random) -> str:
    a, b = r.sample(w.topic_words, 2)
    return f'"{a} {b}" OR ({_q(w.watched(r))} "{r.choice(w.topic_words)} {b}")'


def _near_words(w: World, r: random.Random) -> str:
    return f"{_q(w.watched(r))} NEAR/{r.choice([3, 5, 10])} {_q(w.watched(r))}"


def _near_sentence(w: World, r: random.Random) -> str:
    topics = " OR ".join(r.sample(w.topic_words, 3))
    return f"{_q(w.watched(r))} NEAR/s ({topics})"


def _scoped(w: World, r: random.Random) -> str:
    if r.random() < 0.5:
        return f"title:({_q(w.watched(r))}) AND body:{r.choice(w.topic_words)}"
    return f"source:{r.choice(SOURCES)} AND {_q(w.watched(r))}"


def _vocab(w: World, r: random.Random) -> str:
    return f"{_q(w.watched(r))} NEAR/s @topic{r.randrange(50)}"


def _country_or_wildcard(w: World, r: random.Random) -> str:
    if r.random() < 0.5:
        return f"@country:{r.choice(COUNTRIES)} NEAR/s {_q(w.watched(r))}"
    stem = r.choice([t for t in w.topic_words if len(t) >= 6])[:5]
    return f"{stem}* NEAR/5 {_q(w.watched(r))}"


def write_config(directory: Path, rules: list[RuleSource], vocabularies: dict,
                 settings: dict | None = None) -> None:
    """A config directory holding `rules`; rules.yaml replaced atomically (a temporary file
    renamed over it)."""
    (directory / "settings.yaml").write_text(yaml.safe_dump(settings or {"workers": 1}))
    (directory / "feeds.yaml").write_text("feeds: []\n")
    (directory / "destinations.yaml").write_text("destinations:\n- {id: log, type: log}\n")
    data = {"vocabularies": vocabularies,
            "rules": [{"id": r.id, "name": r.id, "query": r.query, "notify": ["log"]}
                      for r in rules]}
    tmp = directory / ".rules.yaml.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                  allow_unicode=True, width=1000)
    tmp.replace(directory / "rules.yaml")


def startup(rules: list[RuleSource], vocabularies: dict) -> dict:
    """CPU seconds (and wall seconds) to load the config and compile the rules, as a worker
    starts."""
    with tempfile.TemporaryDirectory() as tmp:
        write_config(Path(tmp), rules, vocabularies)
        began = time.process_time()
        load_config(tmp, {}, compile_check=False)
        load_s = time.process_time() - began
        began, wall = time.process_time(), time.perf_counter()
        load_config_and_rules(tmp, {})
        total_s, wall = time.process_time() - began, time.perf_counter() - wall
    return {"startup_s": round(total_s, 3), "startup_load_s": round(load_s, 3),
            "startup_compile_s": round(max(0.0, total_s - load_s), 3),
            "startup_wall_s": round(wall, 3)}


# ---- one measurement (in its own process) ----------------------------------------------------

def measure(n_rules: int, seed: int, n_docs: int, min_seconds: float) -> dict:
    """Build `n_rules` rules, match documents, time the reference; one result dict."""
    world = World(seed)
    rules, vocabularies = make_rules(world, n_rules, seed + 1)
    docs = make_documents(world, n_docs, seed + 2)
    started = startup(rules, vocabularies)  # first: nothing compiled or cached yet
    gc.collect()
    start = time.process_time()
    ruleset = compile_rules(rules, vocabularies)
    build_s = time.process_time() - start
    # What a worker does after (re)compiling: move the long-lived compiled rules out of the
    # cyclic collector's reach, or every full collection re-scans millions of objects.
    gc.freeze()
    for doc in docs[:10]:  # warm-up (lazy gazetteer and caches)
        ruleset.match(doc)
    candidates = matches = done = 0
    start, wall = time.process_time(), time.perf_counter()
    while True:
        for doc in docs:
            matches += len(ruleset.match(doc))
            candidates += ruleset.last_candidates
            done += 1
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            break
    wall = time.perf_counter() - wall
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    baseline, measured = _baseline(rules, vocabularies, docs[:3], seed)
    return {"rules": n_rules, "docs_per_s": round(done / elapsed, 1),
            "docs_per_s_wall": round(done / wall, 1), "build_s": round(build_s, 3),
            "rss_mb": round(rss_mb, 1), "candidates_per_doc": round(candidates / done, 1),
            "matches_per_doc": round(matches / done, 2),
            "baseline_docs_per_s": round(baseline, 4), "baseline_rules_measured": measured,
            "doc_chars": round(sum(len(d.body) + len(d.title) for d in docs) / len(docs)),
            **started}


def _baseline(rules: list[RuleSource], vocabularies: dict, docs: list[Document],
              seed: int) -> tuple[float, int]:
    """Reference interpreter docs/s over every rule (sampled and scaled above 1,000 rules)."""
    sample = rules if len(rules) <= 1000 else random.Random(seed).sample(rules, 1000)
    exprs = parse_rules(sample, vocabularies)
    start = time.process_time()
    for doc in docs:
        fields = {name: tokenize(getattr(doc, name)) for name in FIELDS}
        for _, expr in exprs:
            value(expr, fields)
    per_doc = (time.process_time() - start) / len(docs) * len(rules) / len(sample)
    return 1.0 / per_doc, len(sample)


# ---- driver ----------------------------------------------------------------------------------

def _run_child(n_rules: int, args: argparse.Namespace, run: int) -> dict:
    cmd = [sys.executable, __file__, "--child", str(n_rules), "--seed", str(args.seed + run),
           "--docs", str(args.docs), "--min-seconds", str(args.min_seconds)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median(results: list[dict]) -> dict:
    out = {}
    for key, val in results[0].items():
        vals = [r[key] for r in results]
        out[key] = statistics.median(vals) if isinstance(val, int | float) else val
    out["runs"] = len(results)
    return out


def _summary(rows: list[dict]) -> dict:
    by = {r["rules"]: r for r in rows}
    out: dict = {"summary": True, "sizes": sorted(by)}
    if 1_000 in by and 100_000 in by:
        out["cost_growth_1k_to_100k"] = round(by[1_000]["docs_per_s"]
                                              / by[100_000]["docs_per_s"], 2)
    if 100_000 in by:
        top = by[100_000]
        out["targets_at_100k"] = {
            "docs_per_s>=1000": top["docs_per_s"] >= 1000, "build_s<5": top["build_s"] < 5,
            "rss_mb<500": top["rss_mb"] < 500,
            "growth<=3": out.get("cost_growth_1k_to_100k", 0) <= 3}
        out["speedup_vs_reference_at_100k"] = round(top["docs_per_s"]
                                                    / top["baseline_docs_per_s"])
        out["startup_at_100k"] = {key: top[key] for key in
                                  ("startup_s", "startup_load_s", "startup_compile_s",
                                   "startup_wall_s")}
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one JSON line per size and a summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20191126)
    parser.add_argument("--docs", type=int, default=300, help="distinct documents per run")
    parser.add_argument("--min-seconds", type=float, default=2.0)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(measure(args.child, args.seed, args.docs, args.min_seconds)))
        return 0
    # Sizes take turns within each run, so that a slow spell of a noisy machine falls on all
    # of them alike and the growth from 1,000 to 100,000 rules (a ratio) holds.
    results: dict[int, list[dict]] = {n: [] for n in args.sizes}
    for run in range(args.runs):
        for n in args.sizes:
            results[n].append(_run_child(n, args, run))
    rows = [_median(results[n]) for n in args.sizes]
    for row in rows:
        print(json.dumps(row), flush=True)
    print(json.dumps(_summary(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

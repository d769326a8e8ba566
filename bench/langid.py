"""Benchmark of language detectors for items without a declared language: py3langid vs lingua.

    python bench/langid.py                        # corpus at ../shared/corpus, 3 runs
    python bench/langid.py --corpus DIR --runs 5

Each detector configuration runs in a fresh subprocess (so `rss_mb`, the growth of the resident
size from loading and using the detector, is its own). Texts:

- `dev`: ../shared/corpus/multilingual.dev.jsonl, title and body of 80 news sentences in en, ru,
  uk, az, tr, fa, ar, fr, de, es, labelled by `lang`; `dev_titles`: the titles alone (short
  text, 30-100 characters);
- `feeds`: the items (title and summary, as wirewatch parses them) of the real feeds in
  ../shared/corpus/feeds/ whose feed declares its language (mostly English, some German):
  how often a detector says something else on real feed text.

`accuracy` is the share of texts given their label; an empty answer (no language: text too
short, or no confident guess) is not, but it is not a `wrong` one either (another language).
`us_per_item` is the median over `--runs` of the CPU time per detection over all the texts
(one core; other load on the machine does not count), after a warm-up pass that loads models.
Each configuration prints one JSON line; the last line is the summary, with wirewatch's own
`monitor.ingest.language.detect_language` (the chosen detector and its thresholds) as `chosen`.
The lingua configurations need `pip install lingua-language-detector` (not a dependency of
wirewatch); without it they are reported as skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.ingest.parse import parse_feed  # noqa: E402

TEN = ("en", "ru", "uk", "az", "tr", "fa", "ar", "fr", "de", "es")
CONFIGS = ("py3langid", "py3langid-10", "lingua", "lingua-10", "lingua-low", "chosen")
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def load_texts(corpus: Path) -> dict[str, list[tuple[str, str]]]:
    """(label, text) per data set."""
    dev, titles = [], []
    for line in (corpus / "multilingual.dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            dev.append((record["lang"], f"{record['title']}\n\n{record['body']}"))
            titles.append((record["lang"], record["title"]))
    feeds = []
    for path in sorted((corpus / "feeds").iterdir()):
        declared = _declared(path.read_bytes())
        if declared is None:
            continue
        parsed = parse_feed(path.read_bytes(), {}, feed_id=path.name, feed_url="http://x/")
        for item in parsed.items:
            text = f"{item.title}\n\n{item.summary or item.content[:1000]}".strip()
            if text:
                feeds.append((declared, text))
    return {"dev": dev, "dev_titles": titles, "feeds": feeds}


def _declared(raw: bytes) -> str | None:
    """The language a feed declares (`<language>`, feed-level xml:lang), as a 2-letter code."""
    found = feedparser.parse(io.BytesIO(raw)).feed.get("language")
    return found[:2].lower() if isinstance(found, str) and len(found) >= 2 else None


def make_detector(config: str):
    """A function text -> ISO 639-1 code or "" for one configuration."""
    if config.startswith("py3langid"):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        if config.endswith("-10"):
            ident.set_languages(list(TEN))
        return lambda text: ident.classify(text)[0]
    if config.startswith("lingua"):
        from lingua import IsoCode639_1, LanguageDetectorBuilder
        builder = (LanguageDetectorBuilder.from_iso_codes_639_1(
            *[getattr(IsoCode639_1, c.upper()) for c in TEN]) if config.endswith("-10")
            else LanguageDetectorBuilder.from_all_languages())
        if config.endswith("-low"):
            builder = builder.with_low_accuracy_mode()
        detector = builder.build()

        def detect(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found is not None else ""
        return detect
    from monitor.ingest.language import detect_language
    return detect_language


def run_one(config: str, corpus: Path, runs: int) -> dict:
    """Accuracy and speed of one configuration (in this process)."""
    texts = load_texts(corpus)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    detect = make_detector(config)
    every = [t for data in texts.values() for _, t in data]
    for text in every:  # warm-up: lazily loaded models are loaded here
        detect(text)
    load_s = time.perf_counter() - t0
    out: dict = {"config": config, "load_s": round(load_s, 3)}
    for name, data in texts.items():
        answers = [detect(text) for _, text in data]
        out[f"{name}_accuracy"] = round(sum(a == lab for (lab, _), a in zip(data, answers,
                                                                        strict=True))
                                        / len(data), 4)
        out[f"{name}_empty"] = sum(not a for a in answers)
        out[f"{name}_wrong"] = sum(bool(a) and a != lab for (lab, _), a in zip(data, answers,
                                                                               strict=True))
        if name == "dev":
            out["dev_by_lang"] = {
                lang: round(sum(a == lab for (lab, _), a in zip(data, answers, strict=True)
                                if lab == lang) / sum(lab == lang for lab, _ in data), 2)
                for lang in TEN}
            out["dev_errors"] = [f"{lab}->{a or '-'}" for (lab, _), a
                                 in zip(data, answers, strict=True) if a != lab]
    timings = []
    for _ in range(runs):
        start = time.process_time()
        for text in every:
            detect(text)
        timings.append((time.process_time() - start) / len(every) * 1e6)
    out["us_per_item"] = round(statistics.median(timings), 1)
    out["items"] = len(every)
    out["rss_mb"] = round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--configs", nargs="*", default=list(CONFIGS))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.runs)))
        return
    if not (args.corpus / "multilingual.dev.jsonl").exists():
        sys.exit(f"no corpus at {args.corpus} (give --corpus DIR)")
    results = {}
    for config in args.configs:
        if config.startswith("lingua") and importlib.util.find_spec("lingua") is None:
            print(json.dumps({"config": config, "skipped": "lingua-language-detector is not "
                                                            "installed"}), flush=True)
            continue
        done = subprocess.run([sys.executable, __file__, "--one", config, "--corpus",
                               str(args.corpus), "--runs", str(args.runs)],
                              capture_output=True, text=True, check=True)
        line = done.stdout.strip().splitlines()[-1]
        print(line, flush=True)
        results[config] = json.loads(line)
    keys = ("dev_accuracy", "dev_titles_accuracy", "feeds_accuracy", "feeds_wrong",
            "feeds_empty", "us_per_item", "rss_mb", "load_s")
    print(json.dumps({"summary": {c: {k: r[k] for k in keys} for c, r in results.items()}}))


if __name__ == "__main__":
    main()

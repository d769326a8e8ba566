"""Generate `monitor/data/common_words.txt`: the most frequent words of real news feeds.

The anchor planner (`compiler.py`) uses it as a document-frequency prior, the way Lucene
Monitor weights terms: a rule is better filed under *Gerasimov* than under *said*. One word per
line, most frequent first, as folded by the rule normaliser. Input: a directory of RSS/Atom
files (such as the shared development corpus), parsed with feedparser:

    python -m monitor.rules.gen_common_words ../shared/corpus/feeds
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import feedparser

from monitor.rules.normalize import tokenize

OUT = Path(__file__).resolve().parents[1] / "data" / "common_words.txt"
_TAG = re.compile(r"<[^>]+>")


def entry_texts(path: Path):
    """Title and summary/content text of every entry of one feed file."""
    parsed = feedparser.parse(path.read_bytes())
    for entry in parsed.entries:
        parts = [entry.get("title", ""), entry.get("summary", "")]
        parts += [c.get("value", "") for c in entry.get("content", [])]
        yield _TAG.sub(" ", " ".join(parts))


def document_frequencies(feed_dir: Path) -> tuple[Counter[str], int]:
    """In how many entries each folded word occurs, and the number of entries."""
    df: Counter[str] = Counter()
    n = 0
    for path in sorted(p for p in feed_dir.iterdir() if p.is_file()):
        for text in entry_texts(path):
            df.update(set(tokenize(text).folded))
            n += 1
    return df, n


def main(argv: list[str] | None = None) -> int:
    """Write the most frequent words (by entries containing them) of a feed directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feeds", type=Path)
    parser.add_argument("--top", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    df, n = document_frequencies(args.feeds)
    words = [w for w, c in df.most_common() if c >= 3 and w.isascii() and not w.isdigit()]
    args.out.write_text("\n".join(words[:args.top]) + "\n", encoding="utf-8")
    print(f"{n} entries, wrote {min(len(words), args.top)} words to {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

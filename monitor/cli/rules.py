"""`wirewatch check` and `wirewatch match`: the config and the rules, without Redis."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from monitor.cli.common import EXIT_OK, load, load_with_rules
from monitor.ingest.documents import read_documents
from monitor.models import Item, Match
from monitor.rules import Document


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add `check` and `match` to the CLI's subparsers."""
    sub.add_parser("check", parents=[common], help="validate the configuration directory")
    match = sub.add_parser("match", parents=[common], help="match local documents, no Redis")
    match.add_argument("files", nargs="+", type=Path, metavar="FILE")
    match.add_argument("--jsonl", action="store_true", help="one JSON line per document")


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the config; problems are printed by main()."""
    config = load(args)
    print(f"{config.directory}: ok ({len(config.feeds)} feeds, {len(config.rules)} rules, "
          f"{len(config.destinations)} destinations)")
    return EXIT_OK


def evidence_json(match: Match) -> list[dict[str, Any]]:
    """A match's evidence as the JSON objects of the webhook payload and `--jsonl`."""
    return [{"field": e.field, "term": e.term, "start": e.start, "end": e.end}
            for e in match.evidence]


def cmd_match(args: argparse.Namespace) -> int:
    """Match local files against the rules and print what matched and why."""
    config, ruleset = load_with_rules(args)
    names = {r.id: r.name for r in config.rules}
    for path in args.files:
        for doc in read_documents(path):
            item = doc.item
            matches = ruleset.match(Document(title=item.title, body=item.body,
                                             source=item.source))
            if args.jsonl:
                print(json.dumps({"id": doc.id, "matches": [
                    {"rule": m.rule_id, "evidence": evidence_json(m), "snippet": m.snippet}
                    for m in matches]}, ensure_ascii=False))
                continue
            label = f"{path}: {doc.id}" + (f" — {item.title}" if item.title else "")
            print(f"{label}: {'no match' if not matches else ''}".rstrip())
            for m in matches:
                _print_match(m, item, names)
    return EXIT_OK


def _print_match(match: Match, item: Item, names: dict[str, str]) -> None:
    print(f"  MATCH {match.rule_id} ({names.get(match.rule_id, '')})")
    for e in match.evidence:
        text = (item.title if e.field == "title" else
                item.source if e.field == "source" else item.body)[e.start:e.end]
        print(f"    {e.field}[{e.start}:{e.end}] {e.term!r} ← {text!r}")
    print(f"    snippet: {match.snippet}")


COMMANDS = {"check": cmd_check, "match": cmd_match}

"""`wirewatch check` and `wirewatch match`: the config and the rules, without Redis."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from monitor.cli.common import EXIT_OK, config_directory, language_argument, load_with_rules
from monitor.config import check_config, secret_warnings
from monitor.errors import ConfigError
from monitor.ingest.documents import read_documents
from monitor.logs import configure_logging
from monitor.models import Item, Match
from monitor.rules import Document


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add `check` and `match` to the CLI's subparsers."""
    sub.add_parser("check", parents=[common], help="validate the configuration directory")
    match = sub.add_parser("match", parents=[common], help="match local documents, no Redis")
    match.add_argument("files", nargs="+", type=Path, metavar="FILE")
    match.add_argument("--jsonl", action="store_true", help="one JSON line per document")
    match.add_argument("--lang", type=language_argument, metavar="CODE",
                       help="the language of every document (ISO 639-1, e.g. ru), instead of "
                            "the declared or detected one")


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the config; every problem is printed by main(), in one pass. Warnings (webhook
    secrets that cannot be read here, which `run` and `worker` refuse; destinations the
    network policy will refuse, judged offline; rules whose alerts go nowhere) go to stderr
    and leave the exit status 0: check itself needs no secrets."""
    directory = config_directory(args)
    try:
        config, warnings = check_config(directory)
    except ConfigError as exc:  # main() prints the problems: the warnings go with them
        raise ConfigError([*exc.problems, *secret_warnings(directory)]) from None
    configure_logging(config.settings.logging.level, config.settings.logging.format)
    for warning in warnings:
        print(warning, file=sys.stderr)
    print(f"{config.directory}: ok ({len(config.feeds)} feeds, {len(config.rules)} rules, "
          f"{len(config.destinations)} destinations)")
    return EXIT_OK


def cmd_match(args: argparse.Namespace) -> int:
    """Match local files against the rules and print what matched and why."""
    config, ruleset = load_with_rules(args)
    names = {r.id: r.name for r in config.rules}
    for path in args.files:
        for doc in read_documents(path):
            item = replace(doc.item, lang=args.lang) if args.lang else doc.item
            matches = ruleset.match(Document.of_item(item))
            if args.jsonl:
                print(json.dumps({"id": doc.id, "lang": item.lang, "matches": [
                    {"rule": m.rule_id, "evidence": [e.to_json() for e in m.evidence], "snippet": m.snippet}
                    for m in matches]}, ensure_ascii=False))
                continue
            label = _label(path, doc.id) + (f" — {item.title}" if item.title else "")
            print(f"{label}: {'no match' if not matches else ''}".rstrip())
            for m in matches:
                _print_match(m, item, names)
    return EXIT_OK


def _label(path: Path, doc_id: str) -> str:
    """`FILE`, `FILE:LINE` (a JSONL record without id) or `FILE: ID`: the file named once."""
    if doc_id == path.name:
        return str(path)
    if doc_id.startswith(f"{path.name}:"):
        return f"{path}{doc_id[len(path.name):]}"
    return f"{path}: {doc_id}"


def _print_match(match: Match, item: Item, names: dict[str, str]) -> None:
    print(f"  MATCH {match.rule_id} ({names.get(match.rule_id, '')})")
    for e in match.evidence:
        text = (item.title if e.field == "title" else item.source if e.field == "source" else
                item.lang if e.field == "lang" else item.body)[e.start:e.end]
        print(f"    {e.field}[{e.start}:{e.end}] {e.term!r} ← {text!r}")
    print(f"    snippet: {match.snippet}")


COMMANDS = {"check": cmd_check, "match": cmd_match}

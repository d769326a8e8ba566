"""Benchmark of `wirewatch check` and a one-document `wirewatch match` at a large rule count:
end-to-end wall time of the commands as a user runs them (interpreter start and imports
included).

    python bench/commands.py                          # 100,000 rules, 3 runs
    python bench/commands.py --baseline /work/main    # and another checkout, in the same run

A config directory with `--rules` rules of bench/match.py's mix is written to a temporary
directory, and one ~4 KB document as JSONL. The commands run `--runs` times each, taking turns
(with the baseline checkout's, if given, run by its own `.venv/bin/python`), so that a slow
spell of a shared machine falls on all of them alike. The final line is one JSON object with
the medians: `check_s`, `match_s` (and `baseline_check_s`, `baseline_match_s`), and the same
as CPU seconds (`check_cpu_s`, …: user + system, less sensitive to other load).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from match import World, make_documents, make_rules, write_config  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def timed_command(python: str, checkout: Path, config: Path, *args: str,
                  ) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of `python -m monitor --config CONFIG ARGS` run
    in `checkout`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([python, "-m", "monitor", "--config", str(config), *args], cwd=checkout,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout with its own .venv")
    args = parser.parse_args(argv)
    world = World(1)
    rules, vocabularies = make_rules(world, args.rules, 2)
    doc = make_documents(world, 1, 3)[0]
    checkouts = {"": (sys.executable, REPO)}
    if args.baseline:
        checkouts["baseline_"] = (str(args.baseline / ".venv" / "bin" / "python"),
                                  args.baseline)
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        config, document = Path(tmp) / "config", Path(tmp) / "doc.jsonl"
        config.mkdir()
        write_config(config, rules, vocabularies)
        document.write_text(json.dumps({"id": "d1", "title": doc.title, "body": doc.body}) + "\n")
        for _ in range(args.runs):
            for prefix, (python, checkout) in checkouts.items():
                for name, command in (("check", ["check"]),
                                      ("match", ["match", str(document)])):
                    wall, cpu = timed_command(python, checkout, config, *command)
                    times.setdefault(f"{prefix}{name}_s", []).append(wall)
                    times.setdefault(f"{prefix}{name}_cpu_s", []).append(cpu)
    print(json.dumps({"rules": args.rules, "runs": args.runs,
                      **{key: round(statistics.median(values), 2)
                         for key, values in times.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

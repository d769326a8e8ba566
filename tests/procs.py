"""Processes as /proc shows them, for tests and benchmarks that watch wirewatch's children:
liveness, children, descendants and memory (PSS, RSS and private pages)."""

from __future__ import annotations

import os
from pathlib import Path


def stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name, None when there is no such process."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie, exited but not reaped, does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    fields = stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    """Live processes whose parent is `pid`, by a scan of /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = stat_fields(int(entry.name))
            if fields is not None and fields[1] == str(pid) and alive(int(entry.name)):
                found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    """Live processes below `pid`: its children, theirs, and so on."""
    kids = children(pid)
    return kids + [d for kid in kids for d in descendants(kid)]


def memory(pids: list[int]) -> dict[str, int]:
    """Sums of PSS, RSS and private pages (USS) in KiB over `pids`, from smaps_rollup. PSS
    splits a page shared by n processes n ways, so its sum is what the machine spends."""
    total = {"pss": 0, "rss": 0, "uss": 0}
    for pid in pids:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
        fields = {line.split(":")[0]: int(line.split()[1]) for line in rollup}
        total["pss"] += fields["Pss"]
        total["rss"] += fields["Rss"]
        total["uss"] += fields["Private_Clean"] + fields["Private_Dirty"]
    return total

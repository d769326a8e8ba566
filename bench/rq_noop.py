"""The no-op job of bench/pipeline.py's baseline, in a module of its own so that RQ's work horse
imports it by name (`rq_noop.noop`) without pulling in the benchmark and its servers."""

from __future__ import annotations


def noop() -> None:
    """Do nothing: what is left is RQ's own cost per job (dequeue, fork, bookkeeping)."""

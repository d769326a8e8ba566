"""Stands in for code an attacker would like a worker to import and call: importing this module
creates `$HOSTILE_MARK.imported`, calling `mark` creates `$HOSTILE_MARK.called`. The security
fault tests name it in forged jobs and assert that neither file ever appears."""

from __future__ import annotations

import os
from pathlib import Path


def _touch(suffix: str) -> None:
    target = os.environ.get("HOSTILE_MARK")
    if target:
        Path(target + suffix).touch()


_touch(".imported")


def mark(*args: object, **kwargs: object) -> None:
    """What a forged job or callback would run."""
    _touch(".called")

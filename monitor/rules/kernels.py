"""The optional C kernels of the matcher (`_native.c`, built by setup.py where a C compiler is
available), or None: every kernel has a pure-Python twin giving the same results.

`WIREWATCH_NO_NATIVE=1` in the environment turns the kernels off (the Python code is used),
for comparing the two or working around a kernel problem without rebuilding.
"""

from __future__ import annotations

import logging
import os

ABI = 19  # NATIVE_ABI in _native.c: a build of another version is not used

native = None
if os.environ.get("WIREWATCH_NO_NATIVE", "").strip() not in ("", "0"):
    logging.getLogger(__name__).info("WIREWATCH_NO_NATIVE is set: the matcher's C kernels "
                                     "are off")
else:
    try:
        import monitor.rules._native as native
    except ImportError:  # pragma: no cover - depends on the build
        native = None
    else:
        if getattr(native, "ABI", None) != ABI:  # pragma: no cover - a stale build
            logging.getLogger(__name__).warning(
                "monitor/rules/_native is built from another version of _native.c (ABI %s, "
                "not %s); using the Python code: reinstall wirewatch to rebuild it",
                getattr(native, "ABI", None), ABI)
            native = None

__all__ = ["ABI", "native"]

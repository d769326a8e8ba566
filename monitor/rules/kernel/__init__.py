"""The matcher's kernel, chosen here and nowhere else: one API implemented twice.

The API (a `Kernel`): `CandidateIndex` (the anchor index and its per-document scan),
`split_tokens`, `breaks` (words, sentences, paragraphs) and `lex` (the query lexer). The C
implementation (`_native.c`, built by setup.py where a C compiler is available, described by
`_native.pyi`) and the pure-Python one (`pure.py`) have the same signatures and results, and
the codes both read are defined once (`codes.py`, exported by the C module too).

`native_kernel()` is the C kernel where it is built (else None), `python_kernel()` the
pure-Python one, `DEFAULT` the one used unless a caller asks (`compile_rules(kernel=…)`): the
C kernel where built, unless `WIREWATCH_NO_NATIVE=1` is set in the environment, which turns it
off for comparing the two or working around a kernel problem without rebuilding.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from types import ModuleType

from monitor.rules.kernel import codes, pure

try:
    from monitor.rules.kernel import _native
except ImportError:  # pragma: no cover - depends on the build
    _native_module: ModuleType | None = None
else:
    _native_module = _native

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Kernel:
    """One implementation of the kernel API, and what its `CandidateIndex` does besides
    selecting candidates: `prefilters_units`, it drops the NEAR/s and NEAR/p candidates
    whose keys share no unit (the matcher then skips that disproof); `evaluates_programs`, it
    evaluates the rules given as programs (so the compiler makes them only for such a
    kernel)."""

    name: str
    CandidateIndex: type
    split_tokens: Callable[[str], tuple[list[str], list[int], list[int]]]
    breaks: Callable[[str, str, list[int], Collection[str], Collection[str]],
                     tuple[list[int], list[int]]]
    lex: Callable[[str], list[tuple[str, str, int]]]
    prefilters_units: bool
    evaluates_programs: bool

    @property
    def native(self) -> bool:
        """Whether this is the C kernel."""
        return self.name == "native"


_PYTHON = Kernel("python", pure.CandidateIndex, pure.split_tokens, pure.breaks, pure.lex,
                 prefilters_units=False, evaluates_programs=False)


def _load_native(module: ModuleType | None) -> Kernel | None:
    """The C kernel from its built module, or None (not built, or built from another
    version of _native.c)."""
    if module is None:
        return None
    if getattr(module, "ABI", None) != codes.ABI:  # pragma: no cover - a stale build
        _log.warning("monitor/rules/kernel/_native is built from another version of _native.c"
                     " (ABI %s, not %s); using the Python kernel: reinstall wirewatch to "
                     "rebuild it", getattr(module, "ABI", None), codes.ABI)
        return None
    return Kernel("native", module.CandidateIndex, module.split_tokens, module.breaks,
                  module.lex, prefilters_units=True, evaluates_programs=True)


_NATIVE = _load_native(_native_module)


def python_kernel() -> Kernel:
    """The pure-Python kernel (always available)."""
    return _PYTHON


def native_kernel() -> Kernel | None:
    """The C kernel, or None where it is not built."""
    return _NATIVE


def available_kernels() -> list[Kernel]:
    """Every kernel this install has: the C one where built, and the Python one."""
    return [k for k in (_NATIVE, _PYTHON) if k is not None]


def default_kernel(environ: Mapping[str, str], native: Kernel | None) -> Kernel:
    """The kernel used unless a caller asks for one: `native` (if given) unless
    `WIREWATCH_NO_NATIVE` is set (and not 0) in `environ`."""
    if environ.get("WIREWATCH_NO_NATIVE", "").strip() not in ("", "0"):
        _log.info("WIREWATCH_NO_NATIVE is set: the matcher's C kernel is off")
        return _PYTHON
    return native or _PYTHON


DEFAULT = default_kernel(os.environ, _NATIVE)


def choose_kernel(native: bool | None, built: Kernel | None = _NATIVE,
                  default: Kernel = DEFAULT) -> Kernel:
    """The kernel for `native`: the C one (True: an error where it is not `built`), the
    Python one (False) or `default` (None)."""
    if native is None:
        return default
    if not native:
        return _PYTHON
    if built is None:
        raise RuntimeError("the C kernel monitor.rules.kernel._native is not built "
                           "(reinstall wirewatch where a C compiler is available)")
    return built


__all__ = ["DEFAULT", "Kernel", "available_kernels", "choose_kernel", "default_kernel",
           "native_kernel", "python_kernel"]

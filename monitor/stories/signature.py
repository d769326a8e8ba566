"""Compact signatures of a report: MinHash over word 3-shingles, band keys for candidate lookup,
and the few facts the near-miss checks compare, packed into a few hundred bytes.

MinHash is computed with numpy in one vectorised step (universal hashing ``(a*x + b) mod p``
with p = 2^31 - 1, so no product overflows 64 bits); `bench/stories.py` measures it against
`datasketch`. A slot is stored in 8 bits (b-bit MinHash): two different shingle sets then agree
on a slot by chance with probability 1/256, which `decide.containment` corrects for; the LSH
band keys are taken from the full 31-bit slots, so buckets stay selective.

numpy is imported on first use (`_np`), as `monitor.ingest.language` does: the command line
and processes that never assign a story do not pay for it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING

from monitor.stories.text import EVENT_VERBS, ReportText

if TYPE_CHECKING:
    import numpy as np

PERMUTATIONS = 128
SHINGLE = 3
MERSENNE = (1 << 31) - 1
TEXT_BANDS = 8  # bands of the shingle MinHash, ROWS rows each (the first 16 slots)
TEXT_ROWS = 2
NAME_BANDS = 6  # min-hashes of the names, one a bucket: finds rewrites in other words
NAME_ROWS = 1  # (measured on the development set over 8 seeds: recall 0.97 with 1 row, 0.94 with 2)
MAX_NAMES = 24
MAX_FACTS = 16
FORMAT = b"\x02"  # first byte of a stored signature; a reader refuses any other
MAX_WORDS = 5000  # a report longer than this is signed by its beginning (a wire item: < 1,500)
CHUNK = 2048
_HEAD = "<IBBBBBBBB"
_VERB_BITS = {verb: 1 << i for i, verb in enumerate(sorted(EVENT_VERBS))}



@cache
def _np() -> ModuleType:
    import numpy  # noqa: PLC0415 - deferred: see the module docstring

    return numpy


@cache
def _params() -> SimpleNamespace:
    """The hash functions' parameters: fixed, signatures must agree across processes and days."""
    np = _np()
    rng = np.random.RandomState(0x5709)
    return SimpleNamespace(
        a=rng.randint(1, MERSENNE, size=PERMUTATIONS, dtype=np.uint64),
        b=rng.randint(0, MERSENNE, size=PERMUTATIONS, dtype=np.uint64),
        name_a=rng.randint(1, MERSENNE, size=NAME_BANDS * NAME_ROWS, dtype=np.uint64),
        name_b=rng.randint(0, MERSENNE, size=NAME_BANDS * NAME_ROWS, dtype=np.uint64),
        mix=rng.randint(1 << 20, 1 << 31, size=SHINGLE, dtype=np.uint64) | np.uint64(1))


def hash32(text: str) -> int:
    """A stable 32-bit hash (crc32): the same in every process, unlike `hash()`."""
    return zlib.crc32(text.encode())


_WORD_HASHES: dict[str, int] = {}
_WORD_HASHES_MAX = 1 << 17  # words remembered (about 15 MB at most); then it starts again


def _word_hashes(words: tuple[str, ...]) -> map:
    """`hash32` of each word, remembered across reports (most words of a report were in
    earlier ones): the lookups run in C, only new words are hashed here."""
    new = set(words).difference(_WORD_HASHES)
    if len(_WORD_HASHES) + len(new) > _WORD_HASHES_MAX:
        _WORD_HASHES.clear()
        new = set(words)
    for word in new:
        _WORD_HASHES[word] = zlib.crc32(word.encode())
    return map(_WORD_HASHES.__getitem__, words)


def shingle_hashes(words: tuple[str, ...]) -> np.ndarray:
    """Distinct 32-bit hashes of the word 3-shingles of the first MAX_WORDS words (of the words
    themselves if fewer than 3): each distinct word is hashed once, and a shingle's hash mixes
    its words' hashes in numpy."""
    np, mix = _np(), _params().mix
    words = words[:MAX_WORDS]
    if not words:
        return np.empty(0, dtype=np.uint64)
    h = np.fromiter(_word_hashes(words), dtype=np.uint64, count=len(words))
    if h.size >= SHINGLE:
        h = (h[:-2] * mix[0] + h[1:-1] * mix[1] + h[2:] * mix[2]) >> np.uint64(16)
    return np.unique(h & np.uint64(0xFFFFFFFF))


def _minhash(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per row of `a`, `b`: min over `values` (each < 2^32) of (a*v + b) mod MERSENNE."""
    np = _np()
    if values.size <= CHUNK:  # a wire report: one step
        return _hash_min(values, a, b) if values.size else np.full(a.shape, MERSENNE,
                                                                    dtype=np.uint64)
    out = np.full(a.shape, MERSENNE, dtype=np.uint64)
    for start in range(0, values.size, CHUNK):  # bounded memory: permutations x CHUNK at once
        out = np.minimum(out, _hash_min(values[start:start + CHUNK], a, b))
    return out


def _hash_min(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """min over `values` of (a*v + b) mod MERSENNE, the modulo taken the Mersenne way (2^31 is
    1 modulo 2^31 - 1, so x ≡ (x & M) + (x >> 31)) with shifts and masks instead of a
    division, in place: about a third cheaper, and the same numbers. With a, b < 2^31 and
    v < 2^32, x < 2^63 + 2^31; one fold leaves under 3 * 2^31, a second at most M + 2, and
    one subtraction of M where it is at least M gives the remainder."""
    np, m, s = _np(), _np().uint64(MERSENNE), _np().uint64(31)
    x = a[:, None] * values[None, :]
    x += b[:, None]
    high = x >> s
    x &= m
    x += high
    np.right_shift(x, s, out=high)
    x &= m
    x += high
    np.subtract(x, m, out=x, where=x >= m)
    return x.min(axis=1)


SLOT_BITS = 8


def equal_slots(a: np.ndarray, b: np.ndarray) -> int:
    """How many slots of two MinHash arrays are equal."""
    return int(_np().count_nonzero(a == b))


def minhash(words: tuple[str, ...], shingles: np.ndarray | None = None) -> np.ndarray:
    """MinHash of the word 3-shingles (`shingles` if already hashed): PERMUTATIONS slots of
    31 bits."""
    hashed = shingle_hashes(words) if shingles is None else shingles
    return _minhash(hashed, _params().a, _params().b)


@dataclass(frozen=True)
class Signature:
    """What the store keeps of a story's first report, and what a new report is compared with."""

    minhash: np.ndarray  # uint8[PERMUTATIONS]: the low SLOT_BITS of each slot
    shingles: int  # number of distinct shingles (to turn Jaccard into containment)
    names: frozenset[int]
    key_names: frozenset[int]
    lead_numbers: frozenset[int]
    dates: frozenset[tuple[int, int]]
    dateline_dates: frozenset[tuple[int, int]]
    weekdays: frozenset[int]
    title_verbs: frozenset[str]
    facts: frozenset[int] = frozenset()
    bands: tuple[bytes, ...] = ()  # LSH bucket keys (of a new report; not stored)

    def to_bytes(self) -> bytes:
        """Packed form stored in Redis (about 300-400 bytes)."""
        names = sorted(self.names)[:MAX_NAMES]
        title = sorted(self.key_names)[:16]
        nums = sorted(self.lead_numbers)[:16]
        facts = sorted(self.facts)[:MAX_FACTS]
        dates = sorted(self.dates)[:8]
        dateline = sorted(self.dateline_dates)[:4]
        weekdays = sum(1 << d for d in self.weekdays)
        verbs = sum(_VERB_BITS[v] for v in self.title_verbs)
        head = struct.pack(_HEAD, self.shingles, len(names), len(title), len(nums),
                           len(facts), len(dates), len(dateline), weekdays, verbs)
        ints = struct.pack(f"<{len(names) + len(title) + len(nums) + len(facts)}I",
                           *names, *title, *nums, *facts)
        return (FORMAT + self.minhash.astype(_np().uint8).tobytes() + head + ints
                + bytes(x for d in (*dates, *dateline) for x in d))

    @classmethod
    def from_bytes(cls, blob: bytes) -> Signature:
        """Inverse of `to_bytes`. ValueError for a blob of another format or length (one
        written by an older version, within the window when it is upgraded)."""
        if blob[:1] != FORMAT:
            raise ValueError("story signature of another format")
        blob = blob[1:]
        size = PERMUTATIONS
        np = _np()
        mh = np.frombuffer(blob[:size], dtype=np.uint8)
        (shingles, n_names, n_title, n_nums, n_facts, n_dates, n_dateline, weekdays,
         verbs) = struct.unpack_from(_HEAD, blob, size)
        offset = size + struct.calcsize(_HEAD)
        ints = struct.unpack_from(f"<{n_names + n_title + n_nums + n_facts}I", blob, offset)
        offset += 4 * len(ints)
        if len(blob) != offset + 2 * (n_dates + n_dateline):
            raise ValueError("story signature of another length")
        raw = blob[offset:offset + 2 * (n_dates + n_dateline)]
        pairs = [(raw[i], raw[i + 1]) for i in range(0, len(raw), 2)]
        return cls(
            minhash=mh, shingles=shingles,
            names=frozenset(ints[:n_names]),
            key_names=frozenset(ints[n_names:n_names + n_title]),
            lead_numbers=frozenset(ints[n_names + n_title:n_names + n_title + n_nums]),
            facts=frozenset(ints[n_names + n_title + n_nums:]),
            dates=frozenset(pairs[:n_dates]), dateline_dates=frozenset(pairs[n_dates:]),
            weekdays=frozenset(d for d in range(7) if weekdays >> d & 1),
            title_verbs=frozenset(v for v, bit in _VERB_BITS.items() if verbs & bit))


def signature(text: ReportText) -> Signature:
    """The signature of a report, with its LSH bucket keys."""
    shingles = shingle_hashes(text.words)
    full = minhash(text.words, shingles)
    names = frozenset(hash32(n) for n in text.names)
    return Signature(
        minhash=(full & ((1 << SLOT_BITS) - 1)).astype(_np().uint8),
        shingles=int(shingles.size), names=names,
        key_names=frozenset(hash32(n) for n in text.key_names),
        lead_numbers=frozenset(hash32(n) for n in text.lead_numbers),
        dates=text.dates, dateline_dates=text.dateline_dates, weekdays=text.weekdays,
        title_verbs=text.title_verbs,
        facts=frozenset(hash32(f) for f in text.facts),
        bands=tuple(_band_keys(full, names)) if shingles.size else ())


def band_keys(sig: Signature) -> list[bytes]:
    """LSH bucket keys (4 bytes each): TEXT_BANDS over the shingle MinHash, NAME_BANDS over the
    names. Two reports sharing any bucket are compared; the rest never are."""
    return list(sig.bands)


def _band_keys(full: np.ndarray, names: frozenset[int]) -> list[bytes]:
    # each band's rows as 4-byte little-endian words: one conversion, then slices of it
    text = full[:TEXT_BANDS * TEXT_ROWS].astype("<u4").tobytes()
    width = 4 * TEXT_ROWS
    keys = [struct.pack("<I", zlib.crc32(bytes([band]) + text[band * width:(band + 1) * width]))
            for band in range(TEXT_BANDS)]
    if len(names) >= NAME_ROWS:
        np = _np()
        values = np.fromiter(names, dtype=np.uint64, count=len(names))
        mins = _minhash(values, _params().name_a, _params().name_b)
        rows, width = mins[:NAME_BANDS * NAME_ROWS].astype("<u4").tobytes(), 4 * NAME_ROWS
        keys += [struct.pack("<I", zlib.crc32(bytes([0x80 | band])
                                              + rows[band * width:(band + 1) * width]))
                 for band in range(NAME_BANDS)]
    return keys

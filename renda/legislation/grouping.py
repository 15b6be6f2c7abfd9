"""Group opinions into exact duplicates, near-duplicates and mass campaigns (no ORM).

Exact duplicates are found by hashing normalised text (a dict, ~1 µs each). What remains is
compared by MinHash over character 3-grams, computed for all texts at once with NumPy (a Python
loop per document is too slow at a million), and bucketed by LSH bands; candidates that share a
band are kept only if their signatures agree on at least `threshold` of the hashes, and the
connected components are the groups. A group of at least `campaign_min` opinions is a campaign:
one position with a count. Nothing is dropped; every input gets a group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

PERMUTATIONS = 30
BANDS = 10
ROWS = PERMUTATIONS // BANDS
CHUNK = 100_000
_PUNCT = "，。、；：？！“”‘’（）《》【】—…·,.;:?!\"'()[]<>-_~`@#$%^&*+=|\\/{} \t\r\n\u3000"
_STRIP = re.compile("[" + re.escape(_PUNCT) + "]+")
_WIDE = re.compile("[\uff01-\uff5e]")
_WIDE_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII


@dataclass(frozen=True)
class Grouping:
    """For each input text: its group (the index of the group's first text) and the groups."""

    group: np.ndarray  # int64 per text: index of the group's representative text
    size: np.ndarray  # int64 per text: how many texts its group holds
    representative: dict[int, int]  # group id -> index of the most common wording in it
    campaign_min: int

    def groups(self) -> dict[int, int]:
        """Return group id -> size for groups of two or more."""
        ids, counts = np.unique(self.group, return_counts=True)
        return {int(g): int(c) for g, c in zip(ids, counts, strict=True) if c > 1}

    def campaigns(self) -> dict[int, int]:
        """Return group id -> size for groups large enough to be campaigns."""
        return {g: c for g, c in self.groups().items() if c >= self.campaign_min}

    def is_campaign(self) -> np.ndarray:
        """Return a boolean per text: is it part of a campaign."""
        return self.size >= self.campaign_min


def normalise(text: str) -> str:
    """Return the text without spaces and punctuation, full-width folded, lower case."""
    text = _STRIP.sub("", text)
    if _WIDE.search(text):
        text = _STRIP.sub("", text.translate(_WIDE_TABLE))
    return text.lower()


def _seeds(k: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20260101)
    a = rng.integers(1, 2**32, size=k, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**32, size=k, dtype=np.uint64)
    return a.astype(np.uint32), b.astype(np.uint32)


_A, _B = _seeds(PERMUTATIONS)


def signatures(texts: Sequence[str]) -> np.ndarray:
    """Return MinHash signatures (len(texts) × PERMUTATIONS, uint32) of normalised texts."""
    out = np.empty((len(texts), PERMUTATIONS), dtype=np.uint32)
    for begin in range(0, len(texts), CHUNK):
        chunk = [
            t if len(t) >= 3 else t + "\x01" * (3 - len(t)) for t in texts[begin : begin + CHUNK]
        ]
        if not chunk:
            continue
        lengths = np.fromiter((len(t) for t in chunk), dtype=np.int64, count=len(chunk))
        codes = np.frombuffer("".join(chunk).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        ends = np.cumsum(lengths)
        starts = ends - lengths
        valid = np.ones(len(codes), dtype=bool)
        valid[ends - 1] = False
        valid[ends - 2] = False
        pos = np.flatnonzero(valid)
        shingles = (
            (codes[pos] << np.uint64(42)) ^ (codes[pos + 1] << np.uint64(21)) ^ codes[pos + 2]
        )
        del codes, valid, pos
        mixed = ((shingles * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)).astype(np.uint32)
        del shingles
        seg = starts - 2 * np.arange(len(chunk), dtype=np.int64)
        scratch = np.empty_like(mixed)
        for k in range(PERMUTATIONS):
            np.bitwise_xor(mixed, _B[k], out=scratch)
            np.multiply(scratch, _A[k], out=scratch)
            out[begin : begin + len(chunk), k] = np.minimum.reduceat(scratch, seg)
    return out


def _components(n: int, sig: np.ndarray, threshold: float) -> np.ndarray:
    """Return a label per signature row: rows linked through verified LSH candidates share one."""
    labels = np.arange(n, dtype=np.int64)
    if n < 2:
        return labels
    need = int(np.ceil(threshold * sig.shape[1]))
    for band in range(BANDS):
        cols = sig[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        key = cols[:, 0]
        for r in range(1, ROWS):
            key = key * np.uint64(0x100000001B3) ^ cols[:, r]
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        same = sorted_key[1:] == sorted_key[:-1]
        if not same.any():
            continue
        run_start = np.flatnonzero(np.concatenate(([True], ~same)))
        run_id = np.cumsum(np.concatenate(([True], ~same))) - 1
        first = order[run_start[run_id]]
        members = order
        keep = members != first
        a, b = first[keep], members[keep]
        agree = (sig[a] == sig[b]).sum(axis=1) >= need
        a, b = a[agree], b[agree]
        if len(a):
            _union(labels, a, b)
    return labels


def _union(labels: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    """Merge the components of each pair (a[i], b[i]) in place, labels pointing to the minimum."""
    while True:
        la, lb = labels[a], labels[b]
        low = np.minimum(la, lb)
        if np.array_equal(la, lb):
            break
        np.minimum.at(labels, la, low)
        np.minimum.at(labels, lb, low)
        while True:  # pointer jumping until every label is a root
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels[:] = jumped


def group_texts(
    texts: Sequence[str], *, threshold: float = 0.7, campaign_min: int = 10
) -> Grouping:
    """Group texts: exact duplicates, then near-duplicates; label groups of campaign_min+."""
    n = len(texts)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Grouping(group=empty, size=empty, representative={}, campaign_min=campaign_min)
    index: dict[str, int] = {}
    unique_of = np.fromiter(
        (index.setdefault(normalise(t), len(index)) for t in texts), dtype=np.int64, count=n
    )
    uniques = list(index)
    del index
    labels = _components(len(uniques), signatures(uniques), threshold)
    # The representative wording of a group is its most frequent exact text.
    unique_counts = np.bincount(unique_of, minlength=len(uniques))
    order = np.lexsort((-unique_counts, labels))
    first_of_label = np.concatenate(([True], labels[order][1:] != labels[order][:-1]))
    best_unique = dict(
        zip(labels[order][first_of_label].tolist(), order[first_of_label].tolist(), strict=True)
    )
    # Group ids are the lowest input index of the group.
    text_label = labels[unique_of]
    first_index = np.full(len(uniques), n, dtype=np.int64)
    np.minimum.at(first_index, text_label, np.arange(n, dtype=np.int64))
    group = first_index[text_label]
    sizes = np.bincount(text_label, minlength=len(uniques))
    size = sizes[text_label]
    first_with_unique = np.full(len(uniques), n, dtype=np.int64)
    np.minimum.at(first_with_unique, unique_of, np.arange(n, dtype=np.int64))
    representative = {
        int(first_index[label]): int(first_with_unique[u]) for label, u in best_unique.items()
    }
    return Grouping(
        group=group, size=size, representative=representative, campaign_min=campaign_min
    )

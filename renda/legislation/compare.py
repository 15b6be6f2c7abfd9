"""Align a draft's articles with the final text's and show what changed (no ORM).

Articles are matched by content, not number, so renumbering and moves are followed: every pair
is scored by the Jaccard similarity of character bigrams, pairs are taken best first (ties to
the closer position), and a pair below `minimum` is no match (the article was removed, or the
final one is new).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

SAME, CHANGED, REMOVED, ADDED = "same", "changed", "removed", "added"


@dataclass(frozen=True)
class Match:
    draft: int | None  # index into the draft's articles
    final: int | None  # index into the final text's articles
    similarity: float
    change: str


def _bigrams(text: str) -> set[str]:
    text = "".join(text.split())
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """Return the Jaccard similarity of two texts' character bigrams."""
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) if x | y else 1.0


def align(draft: Sequence[str], final: Sequence[str], *, minimum: float = 0.3) -> list[Match]:
    """Match draft articles to final ones; return matches in draft order, new articles last."""
    grams_d = [_bigrams(t) for t in draft]
    grams_f = [_bigrams(t) for t in final]
    scored = []
    for i, x in enumerate(grams_d):
        for j, y in enumerate(grams_f):
            shared = len(x & y)
            if shared:
                score = shared / len(x | y)
                if score >= minimum:
                    scored.append((-score, abs(i - j), i, j))
    scored.sort()
    taken_d: dict[int, tuple[int, float]] = {}
    taken_f: set[int] = set()
    for neg, _distance, i, j in scored:
        if i in taken_d or j in taken_f:
            continue
        taken_d[i] = (j, -neg)
        taken_f.add(j)
    matches = []
    for i, text in enumerate(draft):
        if i in taken_d:
            j, score = taken_d[i]
            same = "".join(text.split()) == "".join(final[j].split())
            matches.append(Match(i, j, 1.0 if same else score, SAME if same else CHANGED))
        else:
            matches.append(Match(i, None, 0.0, REMOVED))
    matches += [Match(None, j, 0.0, ADDED) for j in range(len(final)) if j not in taken_f]
    return matches


def side_by_side(a: str, b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return (draft segments, final segments), each segment ("same"|"del"|"ins", text)."""
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(("same", a[i1:i2]))
            right.append(("same", b[j1:j2]))
        else:
            if i2 > i1:
                left.append(("del", a[i1:i2]))
            if j2 > j1:
                right.append(("ins", b[j1:j2]))
    return left, right

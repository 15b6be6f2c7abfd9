"""A learned second opinion: one logistic regression per category over character n-grams.

The rules find the wordings they were written for; the model flags clauses whose wording is
close to labelled findings the rules miss. Its weights and thresholds are data
(`data/model.json`, built by `python -m renda.lawtext.train` from the labelled YAML); this module
only featurises, fits (numpy, deterministic full-batch Adam) and scores.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from renda.lawtext.rules import CATEGORIES

#: the categories a model is trained for (the others need a registry, a date or a higher text)
MODEL_CATEGORIES = tuple(
    c for c in CATEGORIES if c not in {"repealed_citation", "validity", "conflict"}
)
NGRAM_SIZES = (1, 2, 3)
DIGITS_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
SPACE_RE = re.compile(r"\s+")
MODEL_PATH = "data/model.json"
#: the model reads normative documents only (what it was trained on; a law, regulation or rule
#: may lawfully set much of what it flags) and clauses long enough to carry their context
MODEL_DOC_TYPES = frozenset({"normative"})
MIN_CLAUSE_CHARS = 12


def ngrams(text: str) -> set[str]:
    """Return the character 1–3-grams of a clause, digits folded to one 0 and spaces removed."""
    text = DIGITS_RE.sub("0", SPACE_RE.sub("", text))
    return {text[i : i + n] for n in NGRAM_SIZES for i in range(len(text) - n + 1)}


@dataclass
class Fitted:
    """Weights of one model per category over a shared vocabulary."""

    vocabulary: list[str]
    weights: np.ndarray  # (len(vocabulary), len(categories))
    bias: np.ndarray  # (len(categories),)
    categories: tuple[str, ...]

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Return each text's probability for each category, shape (len(texts), categories)."""
        index = {g: i for i, g in enumerate(self.vocabulary)}
        out = np.empty((len(texts), len(self.categories)))
        for row, text in enumerate(texts):
            grams = ngrams(text)
            hits = [index[g] for g in grams if g in index]
            z = self.bias.copy()
            if hits:
                z += self.weights[hits].sum(axis=0) / math.sqrt(len(grams))
            out[row] = z
        return 1.0 / (1.0 + np.exp(-out))


def fit(
    texts: Sequence[str],
    labels: Sequence[Iterable[str]],
    categories: Sequence[str] = MODEL_CATEGORIES,
    *,
    l2: float = 3e-5,
    iterations: int = 300,
    rate: float = 0.2,
    min_count: int = 2,
    sample_weight: Sequence[float] | None = None,
) -> Fitted:
    """Fit an L2-regularised logistic regression per category on binary, length-normed n-grams.

    Deterministic: full-batch gradients over a vocabulary in sorted order, no random start.
    """
    counts: dict[str, int] = {}
    grams_of = [ngrams(t) for t in texts]
    for grams in grams_of:
        for g in grams:
            counts[g] = counts.get(g, 0) + 1
    vocabulary = sorted(g for g, c in counts.items() if c >= min_count)
    index = {g: i for i, g in enumerate(vocabulary)}
    rows, cols, vals = [], [], []
    for row, grams in enumerate(grams_of):
        hits = sorted(index[g] for g in grams if g in index)
        norm = 1.0 / math.sqrt(len(grams)) if grams else 0.0
        rows.extend([row] * len(hits))
        cols.extend(hits)
        vals.extend([norm] * len(hits))
    r, c, v = np.array(rows), np.array(cols), np.array(vals)
    n, k = len(texts), len(categories)
    y = np.array([[cat in set(lab) for cat in categories] for lab in labels], dtype=float)
    weight = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    weight = (weight / weight.sum())[:, None]
    row_starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    rows_present = r[row_starts]
    order = np.argsort(c, kind="stable")
    c_sorted, r_by_c, v_by_c = c[order], r[order], v[order]
    col_starts = np.flatnonzero(np.r_[True, c_sorted[1:] != c_sorted[:-1]])
    present = c_sorted[col_starts]
    w = np.zeros((len(vocabulary), k))
    b = np.zeros(k)
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, iterations + 1):
        z = np.tile(b, (n, 1))
        z[rows_present] += np.add.reduceat(v[:, None] * w[c], row_starts, axis=0)
        g_rows = (1.0 / (1.0 + np.exp(-z)) - y) * weight
        g_w = np.zeros_like(w)
        g_w[present] = np.add.reduceat(v_by_c[:, None] * g_rows[r_by_c], col_starts, axis=0)
        g_w += l2 * w
        g_b = g_rows.sum(axis=0)
        for param, grad, m, s in ((w, g_w, moments[0], moments[1]), (b, g_b, *moments[2:])):
            m *= beta1
            m += (1 - beta1) * grad
            s *= beta2
            s += (1 - beta2) * grad * grad
            param -= rate * (m / (1 - beta1**step)) / (np.sqrt(s / (1 - beta2**step)) + eps)
    return Fitted(vocabulary, w, b, tuple(categories))


@dataclass
class Model:
    """The per-category models in use: a shared vocabulary, a weight column per category."""

    version: str
    categories: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (vocabulary, categories)
    bias: np.ndarray
    thresholds: np.ndarray

    def probabilities(self, grams: set[str]) -> np.ndarray:
        """Return the probability of each category for a clause with these n-grams."""
        hits = [self.index[g] for g in grams if g in self.index]
        z = self.bias.copy()
        if hits:
            z += self.weights[hits].sum(axis=0) / math.sqrt(len(grams))
        return 1.0 / (1.0 + np.exp(-z))

    def flags(self, text: str, skip: Iterable[str] = ()) -> list[tuple[str, float, str]]:
        """Return (category, probability, trigger) for each category the clause passes."""
        grams = ngrams(text)
        p = self.probabilities(grams)
        out = []
        for j in np.flatnonzero(p >= self.thresholds):
            if self.categories[j] not in skip:
                out.append((self.categories[j], float(p[j]), self.trigger(grams, int(j))))
        return out

    def trigger(self, grams: set[str], column: int, count: int = 3) -> str:
        """Return the clause's most indicative n-grams for a category, longer ones first."""
        weighted = [
            (len(g) > 1, float(self.weights[self.index[g], column]), g)
            for g in grams
            if g in self.index
        ]
        picked: list[str] = []
        for _, weight, g in sorted(weighted, key=lambda x: (not x[0], -x[1], x[2])):
            if weight <= 0 or len(picked) == count:
                break
            if not any(g in p or p in g for p in picked):
                picked.append(g)
        return "、".join(picked)


#: weights are stored as integers in units of SCALE
SCALE = 100


def to_data(fitted: Fitted, thresholds: dict[str, float | None], meta: dict[str, Any]) -> dict:
    """Return the JSON shape of a fitted model, keeping the categories that have a threshold."""
    used = [j for j, c in enumerate(fitted.categories) if thresholds.get(c) is not None]
    return {
        **meta,
        "scale": SCALE,
        "vocabulary": fitted.vocabulary,
        "categories": {
            fitted.categories[j]: {
                "threshold": thresholds[fitted.categories[j]],
                "bias": round(float(fitted.bias[j]), 4),
                "weights": [round(float(x) * SCALE) for x in fitted.weights[:, j]],
            }
            for j in used
        },
    }


def from_data(data: dict) -> Model:
    """Build the model from its JSON shape."""
    names = tuple(data["categories"])
    columns = [data["categories"][c] for c in names]
    weights = np.array([c["weights"] for c in columns], dtype=float).T / data["scale"]
    return Model(
        str(data.get("version", "")),
        names,
        {g: i for i, g in enumerate(data["vocabulary"])},
        weights.reshape(len(data["vocabulary"]), len(names)),
        np.array([c["bias"] for c in columns], dtype=float),
        np.array([c["threshold"] for c in columns], dtype=float),
    )


def dumps(data: dict) -> str:
    """Serialise model data the same way every time (sorted keys, no spaces)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


@lru_cache(maxsize=1)
def default_model() -> Model | None:
    """Return the packaged model, or None if no model file is shipped."""
    path = resources.files(__package__).joinpath(MODEL_PATH)
    if not path.is_file():
        return None
    return from_data(json.loads(path.read_text(encoding="utf-8")))

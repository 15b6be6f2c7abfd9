"""Build `data/model.json`, the learned second opinion of the pre-review, from the labelled YAML.

`python -m renda.lawtext.train` fits one model per category on every labelled item of the
development splits, the rules' own examples and the clean clauses of the tests, choosing each
category's threshold by leave-one-split-out cross-validation. `--loso` instead prints, for each
development split, the figures of rules plus a model trained without that split (thresholds
chosen inside the training splits only). Held-out splits that are not listed in TRAIN_SPLITS are
never read.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from . import learned
from .normalize import normalize
from .prereview import excused, first_rules, prereview, prohibits, split_clauses
from .rules import CATEGORIES, RuleSet, default_ruleset, load_ruleset
from .structure import parse_text

#: the splits whose items the model learns from; a split written later stays out until listed
TRAIN_SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
TRAIN_FILES = (
    "eval/cases.yaml",
    "eval/heldout2.yaml",
    "eval/heldout3.yaml",
    "eval/heldout4.yaml",
    "eval/heldout5.yaml",
    "eval/heldout6.yaml",
)
CLEAN_FILE = "tests/data/clean_clauses.txt"
#: the lowest precision, on the out-of-split items, of what a category's model adds to the rules
TARGET_ADDED_PRECISION = 0.75
#: the lowest threshold: below it the model is too unsure to show a reviewer anything
MIN_THRESHOLD = 0.25
MODEL_VERSION = "1"
#: the weight of a rule example or clean clause against an evaluation item's 1 in training: the
#: model should agree with what the rules' tests already hold
EXTRA_WEIGHT = 2.0


@dataclass
class Item:
    """A labelled text: an evaluation item, a rule example or a clean clause."""

    id: str
    split: str | None  # None: not an evaluation item (always trained on, never scored)
    text: str
    doc_type: str
    labels: frozenset[str]
    higher: Any = None  # the higher-level text of a conflict item
    clauses: list[str] = field(default_factory=list)
    rules: frozenset[str] = frozenset()


def load_training(ruleset: RuleSet | None = None) -> list[Item]:
    """Return the evaluation items of TRAIN_SPLITS, the rules' examples and the clean clauses."""
    ruleset = ruleset or default_ruleset()
    root = resources.files(__package__)
    items: list[Item] = []
    seen: set[str] = set()
    for name in TRAIN_FILES:
        for raw in yaml.safe_load(root.joinpath(name).read_text(encoding="utf-8"))["items"]:
            if raw["split"] not in TRAIN_SPLITS:
                continue
            labels = frozenset(raw["labels"])
            items.append(
                Item(
                    raw["id"], raw["split"], raw["text"], raw["doc_type"], labels, raw.get("higher")
                )
            )
            seen.add(raw["text"])
    extra: list[tuple[str, str]] = []
    for rule in ruleset.rules:
        for kind in ("positive", "negative"):
            extra += [(f"{rule.id}:{kind}:{i}", t) for i, t in enumerate(rule.examples.get(kind))]
    clean = root.joinpath(CLEAN_FILE).read_text(encoding="utf-8").splitlines()
    extra += [(f"clean:{i}", t) for i, t in enumerate(clean) if t and not t.startswith("#")]
    for key, text in extra:
        if text in seen:
            continue
        seen.add(text)
        # the rules pass every example and clean clause (the tests say so): their findings label it
        found = {f.category for f in prereview(text, ruleset=ruleset, model=None)}
        found &= set(learned.MODEL_CATEGORIES)
        items.append(Item(key, None, text, "normative", frozenset(found)))
    for item in items:
        if item.split is not None:
            clauses = split_clauses(parse_text(normalize(item.text)))
            item.clauses = [
                c.text
                for c in clauses
                if len(c.text) >= learned.MIN_CLAUSE_CHARS and not prohibits(c.text, ruleset)
            ]
            found = prereview(
                item.text, doc_type=item.doc_type, higher=item.higher, ruleset=ruleset, model=None
            )
            item.rules = frozenset(f.category for f in found)
    return items


def _fit(items: list[Item]) -> learned.Fitted:
    """Fit on items (whole texts), rule examples and clean clauses weighted EXTRA_WEIGHT."""
    return learned.fit(
        [i.text for i in items],
        [i.labels for i in items],
        sample_weight=[EXTRA_WEIGHT if i.split is None else 1.0 for i in items],
    )


def _item_scores(fitted: learned.Fitted, items: list[Item], first: dict) -> np.ndarray:
    """Return each item's highest clause probability per category, as the pre-review gates it."""
    out = np.zeros((len(items), len(fitted.categories)))
    for row, item in enumerate(items):
        if not item.clauses or item.doc_type not in learned.MODEL_DOC_TYPES:
            continue
        scores = fitted.scores(item.clauses)
        for j, category in enumerate(fitted.categories):
            rule = first[category]
            if not rule.applies_to(item.doc_type):
                continue
            kept = [
                s
                for s, text in zip(scores[:, j], item.clauses, strict=True)
                if not excused(text, rule)
            ]
            out[row, j] = max(kept, default=0.0)
    return out


def _out_of_split(items: list[Item], first: dict) -> tuple[list[Item], np.ndarray]:
    """Return the evaluation items and their scores from models trained without their split."""
    splits = sorted({i.split for i in items if i.split is not None})
    scored: list[Item] = []
    blocks = []
    for split in splits:
        test = [i for i in items if i.split == split]
        fitted = _fit([i for i in items if i.split != split])
        scored += test
        blocks.append(_item_scores(fitted, test, first))
    return scored, np.vstack(blocks)


def choose_threshold(scores: np.ndarray, rules: np.ndarray, labels: np.ndarray) -> float | None:
    """Return the threshold that adds the most true findings at the target added precision.

    None when no threshold adds a true finding at the target precisions.
    """
    best: tuple[int, float] | None = None
    for t in sorted(set(scores[~rules].tolist()), reverse=True):
        if t < MIN_THRESHOLD:
            break
        added = (scores >= t) & ~rules
        tp_added = int((added & labels).sum())
        fp_added = int((added & ~labels).sum())
        if tp_added == 0 or tp_added / (tp_added + fp_added) < TARGET_ADDED_PRECISION:
            continue
        if best is None or tp_added > best[0]:
            best = (tp_added, t)
    if best is None:
        return None
    # halfway down to the next lower score, so a near miss on a new split still passes
    t = best[1]
    lower = scores[(scores < t) & ~rules]
    return round(max(MIN_THRESHOLD, float((t + lower.max()) / 2 if lower.size else t)), 4)


def thresholds_for(items: list[Item], first: dict) -> dict[str, float | None]:
    """Choose each category's threshold on leave-one-split-out scores of these items."""
    scored, scores = _out_of_split(items, first)
    out: dict[str, float | None] = {}
    for j, category in enumerate(learned.MODEL_CATEGORIES):
        rules = np.array([category in i.rules for i in scored])
        labels = np.array([category in i.labels for i in scored])
        out[category] = choose_threshold(scores[:, j], rules, labels)
    return out


def build(items: list[Item] | None = None) -> dict[str, Any]:
    """Return the model data: weights fitted on every item, thresholds by cross-validation."""
    ruleset = default_ruleset()
    items = items if items is not None else load_training(ruleset)
    first = first_rules(ruleset)
    thresholds = thresholds_for(items, first)
    meta = {
        "version": MODEL_VERSION,
        "rules_version": ruleset.version,
        "trained_on": list(TRAIN_SPLITS),
        "items": len(items),
    }
    return learned.to_data(_fit(items), thresholds, meta)


def leave_one_split_out(
    items: list[Item], ruleset: RuleSet | None = None
) -> dict[str, dict[str, list[int]]]:
    """Return per split and category [tp, fp, fn] of rules plus a model trained without it.

    Every category is counted, as `evaluate` does; the model only adds to its own categories.
    """
    first = first_rules(ruleset or default_ruleset())
    splits = [s for s in TRAIN_SPLITS if any(i.split == s for i in items)]
    report: dict[str, dict[str, list[int]]] = {}
    for split in splits:
        train = [i for i in items if i.split != split]
        test = [i for i in items if i.split == split]
        thresholds = thresholds_for(train, first)
        fitted = _fit(train)
        scores = _item_scores(fitted, test, first)
        counts = {c: [0, 0, 0] for c in CATEGORIES}
        for row, item in enumerate(test):
            for category in CATEGORIES:
                found = category in item.rules
                if category in learned.MODEL_CATEGORIES:
                    j = learned.MODEL_CATEGORIES.index(category)
                    t = thresholds[category]
                    found = found or (t is not None and scores[row, j] >= t)
                label = category in item.labels
                if found or label:
                    counts[category][0 if found and label else 1 if found else 2] += 1
        report[split] = counts
    return report


def _print_loso(items: list[Item], ruleset: RuleSet | None = None) -> None:
    """Print the leave-one-split-out figures, rules alone and rules plus model."""
    report = leave_one_split_out(items, ruleset)
    for split, counts in report.items():
        test = [i for i in items if i.split == split]
        before = [0, 0, 0]
        for item in test:
            for category in CATEGORIES:
                found, label = category in item.rules, category in item.labels
                if found or label:
                    before[0 if found and label else 1 if found else 2] += 1
        after = [sum(c[k] for c in counts.values()) for k in range(3)]
        worst = min(
            min(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
            for tp, fp, fn in counts.values()
            if tp + fp + fn
        )
        print(
            f"{split}: items={len(test)} rules P={_p(before)} R={_r(before)}"
            f" | rules+model P={_p(after)} R={_r(after)} min_category={worst:.2f}"
        )
        print("   " + " ".join(f"{c}={_p(v)}/{_r(v)}" for c, v in counts.items() if sum(v)))


def _p(c: list[int]) -> str:
    return f"{c[0] / (c[0] + c[1]):.2f}" if c[0] + c[1] else "1.00"


def _r(c: list[int]) -> str:
    return f"{c[0] / (c[0] + c[2]):.2f}" if c[0] + c[2] else "1.00"


def main(argv: list[str] | None = None) -> int:
    """Write data/model.json, or print leave-one-split-out figures with --loso."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loso", action="store_true", help="print leave-one-split-out figures")
    parser.add_argument("--output", type=Path, help="write here instead of the package's file")
    parser.add_argument(
        "--rules", type=Path, help="with --loso: another rule file (e.g. an earlier version)"
    )
    args = parser.parse_args(argv)
    if args.loso:
        ruleset = load_ruleset(args.rules) if args.rules else None
        _print_loso(load_training(ruleset), ruleset)
        return 0
    items = load_training()
    data = build(items)
    path = args.output or Path(__file__).resolve().parent / learned.MODEL_PATH
    path.write_text(learned.dumps(data), encoding="utf-8")
    used = {c: v["threshold"] for c, v in data["categories"].items()}
    print(f"wrote {path} ({path.stat().st_size} bytes) thresholds={used}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

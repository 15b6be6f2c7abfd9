"""Report precision and recall of the pre-review on the labelled evaluation set.

Run `python -m renda.lawtext.evaluate` for every split, or `--split dev` while working on rules.
The items live in `eval/cases.yaml` (dev, heldout) and one file per later blind split
(`eval/heldout2.yaml` … `eval/heldout7.yaml`).
Scoring is per item and category: a category found on an item labelled with it is a true
positive, one found on an item not labelled with it a false positive, a label not found a miss.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from .prereview import prereview
from .rules import CATEGORIES


@dataclass
class Score:
    """Counts of true positives, false positives and misses for one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Return TP / (TP + FP), 1.0 when nothing was found."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Return TP / (TP + FN), 1.0 when nothing was labelled."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    """Scores per category and the items that went wrong."""

    split: str
    items: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def total(self) -> Score:
        """Return the scores summed over all categories."""
        total = Score()
        for score in self.scores.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total


SPLITS = (
    "dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
)  # fmt: skip
EVAL_FILES = (
    "eval/cases.yaml",
    "eval/heldout2.yaml",
    "eval/heldout3.yaml",
    "eval/heldout4.yaml",
    "eval/heldout5.yaml",
    "eval/heldout6.yaml",
    "eval/heldout7.yaml",
)


def load_items() -> list[dict[str, Any]]:
    """Return the evaluation items shipped with the package, from every split's file."""
    items: list[dict[str, Any]] = []
    root = resources.files(__package__)
    for name in EVAL_FILES:
        path = root.joinpath(name)
        if path.is_file():
            items.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["items"])
    return items


def evaluate(split: str, items: list[dict[str, Any]] | None = None) -> Report:
    """Run the pre-review on every item of a split and score it."""
    report = Report(split, scores={c: Score() for c in CATEGORIES})
    for item in items if items is not None else load_items():
        if item["split"] != split:
            continue
        report.items += 1
        findings = prereview(item["text"], doc_type=item["doc_type"], higher=item.get("higher"))
        found = {f.category for f in findings}
        labels = set(item["labels"])
        for category in found | labels:
            score = report.scores[category]
            if category in found and category in labels:
                score.tp += 1
            elif category in found:
                score.fp += 1
                report.errors.append(f"FP {item['id']} {category}: {item['text'][:40]}")
            else:
                score.fn += 1
                report.errors.append(f"FN {item['id']} {category}: {item['text'][:40]}")
    return report


def _print(report: Report, verbose: bool) -> None:
    """Print a report as a table."""
    print(f"== {report.split} ({report.items} items)")
    print(f"{'category':<18} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>7}")
    for category, s in report.scores.items():
        if s.tp + s.fp + s.fn:
            print(
                f"{category:<18} {s.tp:>3} {s.fp:>3} {s.fn:>3} {s.precision:>9.2f} {s.recall:>7.2f}"
            )
    t = report.total()
    print(f"{'overall':<18} {t.tp:>3} {t.fp:>3} {t.fn:>3} {t.precision:>9.2f} {t.recall:>7.2f}")
    if verbose:
        print("\n".join(report.errors))


def main(argv: list[str] | None = None) -> int:
    """Print precision and recall per category and overall; last line as key=value pairs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the errors")
    args = parser.parse_args(argv)
    items = load_items()
    present = {i["split"] for i in items}
    splits = [s for s in SPLITS if s in present] if args.split == "all" else [args.split]
    summary: list[str] = []
    for split in splits:
        report = evaluate(split, items)
        _print(report, args.verbose)
        t = report.total()
        weakest = min(
            min(s.precision, s.recall) for s in report.scores.values() if s.tp + s.fp + s.fn
        )
        summary += [
            f"{split}_items={report.items}",
            f"{split}_precision={t.precision:.2f}",
            f"{split}_recall={t.recall:.2f}",
            f"{split}_min_category={weakest:.2f}",
        ]
    counts = Counter(i["split"] for i in items)
    print(" ".join([*summary, f"total_items={sum(counts.values())}"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time the legal text engine: parse a 100,000-character law, pre-review a 10,000-character text.

Inputs are built from the real law texts shipped with the tests. Prints the median of several
runs; the last line is `parse_ms=… prereview_ms=…`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renda.lawtext import parse_text, prereview  # noqa: E402
from renda.lawtext.numerals import int_to_cn  # noqa: E402
from renda.lawtext.structure import ARTICLE_RE  # noqa: E402

DATA = ROOT / "renda" / "lawtext" / "tests" / "data"
LAWS = sorted(DATA.glob("*_20*.txt"))
RISKY = [
    "违反本办法规定的，由城市管理部门处五千元罚款。",
    "从事该项经营的，应当取得区主管部门核发的经营许可证。",
    "对违规停放的车辆，执法人员可以予以扣押。",
    "申请人应当缴纳二万元保证金。",
    "政府投资项目应当优先采购本地企业生产的产品。",
    "违反本办法规定的，依照《中华人民共和国道路交通安全法》第九十条的规定处罚。",
]


def build_law(size: int) -> str:
    """Concatenate the real laws' articles, renumbered, until the text reaches size characters."""
    bodies = []
    for path in LAWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = ARTICLE_RE.match(line.strip())
            bodies.append(match["body"] if match and match["sep"] else line.strip())
    lines, number, chapter, length = ["某某法（基准测试）"], 0, 0, 0
    while length < size:
        for body in bodies:
            if not body or body.startswith("第"):
                continue
            if number % 25 == 0:
                chapter += 1
                lines.append(f"第{int_to_cn(chapter)}章 基准")
            number += 1
            lines.append(f"第{int_to_cn(number)}条 {body}")
            length += len(lines[-1]) + 1
            if length >= size:
                break
    return "\n".join(lines)[:size]


def build_document(size: int) -> str:
    """Build a normative document of about size characters mixing real and risky clauses."""
    law = build_law(size * 2).splitlines()[1:]
    lines, number = ["某市管理办法"], 0
    for index, line in enumerate(law):
        if not line.startswith("第") or "章" in line[:6]:
            continue
        number += 1
        body = line.split(" ", 1)[1]
        if index % 4 == 0:
            body = RISKY[number % len(RISKY)] + body
        lines.append(f"第{int_to_cn(number)}条 {body}")
        if sum(len(x) + 1 for x in lines) >= size:
            break
    return "\n".join(lines)[:size]


def median_ms(func, arg: str, runs: int) -> float:
    """Return the median wall time of func(arg) in milliseconds after one warm-up run."""
    func(arg)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(arg)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="characters of the law")
    parser.add_argument("--review-size", type=int, default=10_000, help="characters to pre-review")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    law = build_law(args.size)
    document = build_document(args.review_size)
    doc = parse_text(law)
    findings = prereview(document)
    print(f"law: {len(law)} chars, {len(doc.articles)} articles, {len(doc.chapters)} chapters")
    print(f"document: {len(document)} chars, {len(findings)} findings")
    parse_ms = median_ms(parse_text, law, args.runs)
    prereview_ms = median_ms(prereview, document, args.runs)
    print(f"parse_ms={parse_ms:.1f} prereview_ms={prereview_ms:.1f}")


if __name__ == "__main__":
    main()

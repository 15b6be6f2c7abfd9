"""Command-line entry points: `renda parse-law` and `renda prereview` (no Django needed)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .docx import docx_text, is_docx
from .model import LawDocument
from .prereview import prereview
from .rules import DOC_TYPES
from .structure import parse_text


def _read(path: str) -> str:
    """Read a text or .docx file (detected by content), or standard input for `-`."""
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    if is_docx(data):
        return docx_text(data)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _print_json(value: Any) -> None:
    """Print a value as JSON with Chinese left readable."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


def _summary(doc: LawDocument) -> str:
    """Return a short human-readable outline of a parsed document."""
    lines = [doc.title or "(no title)", json.dumps(doc.counts(), ensure_ascii=False)]
    for article in doc.articles:
        where = " / ".join(x for x in (article.chapter, article.section) if x)
        first = article.text.split("\n", 1)[0]
        lines.append(f"{article.label}  [{where}]  {first[:40]}")
    for span in doc.unplaced:
        lines.append(f"UNPLACED {span.start}-{span.end}: {span.text[:60]}")
    lines.extend(f"WARNING {w}" for w in doc.warnings)
    return "\n".join(lines)


def parse_law_main(argv: list[str]) -> int:
    """Run `renda parse-law FILE [--json]`; return the exit status."""
    parser = argparse.ArgumentParser(prog="renda parse-law", description="Parse a law's structure.")
    parser.add_argument("file", help="a text or .docx file, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print the parsed document as JSON")
    args = parser.parse_args(argv)
    try:
        doc = parse_text(_read(args.file))
    except OSError as exc:
        print(f"renda parse-law: {exc}", file=sys.stderr)
        return 2
    if args.json:
        _print_json(doc.to_dict())
    else:
        print(_summary(doc))
    return 0


def prereview_main(argv: list[str]) -> int:
    """Run `renda prereview FILE [--json]` or `renda prereview --jsonl`; return the exit status."""
    parser = argparse.ArgumentParser(prog="renda prereview", description="Pre-review a document.")
    parser.add_argument("file", nargs="?", help="a text or .docx file, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument(
        "--jsonl", action="store_true", help='read {"id", "text"} lines on stdin, write findings'
    )
    parser.add_argument("--doc-type", default="normative", choices=DOC_TYPES)
    parser.add_argument("--higher", action="append", default=[], help="a higher-level law file")
    args = parser.parse_args(argv)
    try:
        higher = [_read(path) for path in args.higher] or None
        if args.jsonl:
            return _prereview_lines(args.doc_type, higher)
        if not args.file:
            parser.error("give a FILE (or -) or --jsonl")
        text = _read(args.file)
    except OSError as exc:
        print(f"renda prereview: {exc}", file=sys.stderr)
        return 2
    findings = prereview(text, doc_type=args.doc_type, higher=higher)
    if args.json:
        _print_json({"findings": [f.to_dict() for f in findings]})
    else:
        for f in findings:
            print(f"{f.article or '-'}\t{f.category}\t{f.trigger}\t{f.clause}")
        print(f"{len(findings)} findings")
    return 0


def _prereview_lines(doc_type: str, higher: list[str] | None) -> int:
    """Pre-review each JSON line of standard input; a bad line gets an error object."""
    status = 0
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
        except (ValueError, KeyError, TypeError) as exc:
            _print_json({"line": number, "error": f"bad input line: {exc}"})
            status = 1
            continue
        findings = prereview(text, doc_type=record.get("doc_type", doc_type), higher=higher)
        _print_json({"id": record.get("id"), "findings": [f.to_dict() for f in findings]})
    return status


def main(argv: list[str] | None = None) -> int:
    """Dispatch `parse-law` or `prereview` for `python -m renda.lawtext.cli`."""
    args = list(sys.argv[1:] if argv is None else argv)
    commands = {"parse-law": parse_law_main, "prereview": prereview_main}
    if not args or args[0] not in commands:
        print("usage: python -m renda.lawtext.cli {parse-law,prereview} ...", file=sys.stderr)
        return 2
    return commands[args[0]](args[1:])


if __name__ == "__main__":
    sys.exit(main())

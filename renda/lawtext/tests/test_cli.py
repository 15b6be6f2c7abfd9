"""The parse-law and prereview commands, as the project's `renda` script calls them."""

import io
import json
import sys

from renda.lawtext import cli

from .conftest import DATA


def run(main, argv, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
        )
    status = main(argv)
    return status, capsys.readouterr().out


def test_parse_law_json_from_a_file(capsys):
    status, out = run(cli.parse_law_main, [str(DATA / "lifafa_2023.txt"), "--json"], capsys)
    data = json.loads(out)
    assert status == 0
    assert data["title"] == "中华人民共和国立法法"
    assert data["counts"]["articles"] == 120 and data["counts"]["sections"] == 7
    assert data["articles"][0]["chapter"] == "第一章 总则"
    assert "中华人民共和国" in out  # not escaped


def test_parse_law_reads_standard_input(capsys, monkeypatch):
    status, out = run(
        cli.parse_law_main, ["-", "--json"], capsys, "某办法\n第一条 甲。\n第二条 乙。", monkeypatch
    )
    assert status == 0 and json.loads(out)["counts"]["articles"] == 2


def test_parse_law_missing_file_fails_cleanly(capsys, tmp_path):
    assert cli.parse_law_main([str(tmp_path / "none.txt"), "--json"]) == 2


def test_prereview_json(capsys, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("某办法\n第三条 违反本办法的，处一千元罚款。", encoding="utf-8")
    status, out = run(cli.prereview_main, [str(path), "--json"], capsys)
    [finding] = json.loads(out)["findings"]
    assert status == 0
    assert finding["category"] == "penalty" and finding["article"] == "第三条"
    assert set(finding) >= {
        "category",
        "article",
        "start",
        "end",
        "trigger",
        "explanation",
        "basis",
    }


def test_prereview_jsonl_batch(capsys, monkeypatch):
    lines = (
        json.dumps({"id": "a", "text": "第一条 处一千元罚款。"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": 7, "text": "第一条 鼓励公平竞争。"}, ensure_ascii=False)
        + "\nnot json\n"
    )
    status, out = run(cli.prereview_main, ["--jsonl"], capsys, lines, monkeypatch)
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert records[0]["id"] == "a" and records[0]["findings"][0]["category"] == "penalty"
    assert records[1] == {"id": 7, "findings": []}
    assert "error" in records[2]


def test_module_entry_point_dispatches(capsys):
    assert cli.main(["parse-law", str(DATA / "jiaxing_yangquan_tiaoli_2021.txt")]) == 0
    assert "第二十八条" in capsys.readouterr().out
    assert cli.main(["unknown"]) == 2

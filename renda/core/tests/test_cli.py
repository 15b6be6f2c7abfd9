"""The `renda` command dispatches to Django or to the legal text engine."""

import subprocess
import sys

import pytest

from renda import cli


def test_management_commands_run_through_renda(capsys):
    assert cli.main(["check"]) == 0
    assert "no issues" in capsys.readouterr().out


def test_lawtext_commands_do_not_start_django(monkeypatch):
    called = {}

    def fake(argv):
        called["argv"] = argv
        return 0

    from renda.lawtext import cli as lawtext_cli

    monkeypatch.setattr(lawtext_cli, "parse_law_main", fake)
    assert cli.main(["parse-law", "-", "--json"]) == 0
    assert called["argv"] == ["-", "--json"]


@pytest.mark.django_db
def test_python_dash_m_renda_works():
    result = subprocess.run(
        [sys.executable, "-m", "renda", "help", "demo"], capture_output=True, text=True, check=True
    )
    assert "demo congress" in result.stdout

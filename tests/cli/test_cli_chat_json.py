"""`chat --json PATH` as everywhere else: `-` prints each answer as JSON, a .json/.jsonl file gets one
line per answer while the text is shown, and a question typed right after `--json` is refused rather
than taken for a file name."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app

runner = CliRunner()


@pytest.fixture
def closed_venue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return [
        "chat",
        "--offline",
        "--rest-url",
        f"http://127.0.0.1:{port}",
        "--api-key",
        "k",
        "--api-secret",
        "s",
    ]


def test_a_question_after_json_is_not_taken_for_a_file(closed_venue: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*closed_venue, "--json", "open orders"])
    assert result.exit_code == 2
    assert "--json takes - (stdout) or a .json/.jsonl file, not 'open orders'" in result.output
    assert 'aitrader chat --json - "open orders"' in result.output
    assert not (tmp_path / "open orders").exists()


def test_json_dash_prints_the_answer_as_json(closed_venue: list[str]) -> None:
    result = runner.invoke(app, [*closed_venue, "--json", "-", "my balance"])
    assert result.exit_code == 1  # the venue cannot be reached: an error answer, as JSON
    assert json.loads(result.stdout)["intent"] == "error"


def test_json_file_gets_one_line_per_answer_and_the_text_is_shown(
    closed_venue: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "answers.jsonl"
    for _ in range(2):
        result = runner.invoke(app, [*closed_venue, "--json", str(out), "my balance"])
        assert result.exit_code == 1
        assert "chat: I couldn't reach the venue" in result.output
        assert "connection refused" in result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["intent"] == "error" for line in lines)

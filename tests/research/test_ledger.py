"""The ledger of held-back looks: a second look is refused unless a reason is given and recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aitrader.research.ledger import AlreadyEvaluatedError, Ledger


def test_a_second_look_needs_a_reason_and_the_reason_is_recorded(tmp_path: Path) -> None:
    book = Ledger(tmp_path / "ledger.jsonl")
    book.check("ensemble-1h-stop", None)  # never looked: fine
    first = book.record("ensemble-1h-stop", {"sharpe": 1.2})
    assert first["look"] == 1
    with pytest.raises(AlreadyEvaluatedError, match="--again"):
        book.check("ensemble-1h-stop", None)
    with pytest.raises(AlreadyEvaluatedError):
        book.check("ensemble-1h-stop", "   ")
    book.check("momentum-1h-stop", None)  # another design has not been looked at
    book.check("ensemble-1h-stop", "data file replaced")
    second = book.record("ensemble-1h-stop", {"sharpe": 0.9}, again="data file replaced")
    assert second["look"] == 2
    lines = [json.loads(x) for x in (tmp_path / "ledger.jsonl").read_text().splitlines()]
    assert [x["look"] for x in lines] == [1, 2]
    assert lines[1]["again"] == "data file replaced"
    assert lines[1]["sharpe"] == 0.9
    assert "again" not in lines[0]


def test_a_damaged_ledger_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    path.write_text('{"design": "x"}\nnot json\n')
    with pytest.raises(ValueError, match=r"ledger.jsonl:2: not a JSON line"):
        Ledger(path).entries()


def test_the_final_look_takes_the_chosen_design_and_each_other_strategys_best() -> None:
    from aitrader.research.phase_record import PhaseRecord

    scores = {"a-4h-stop": 1.0, "a-4h-vol-target": 1.0, "b-1h-stop": 0.2, "b-4h-stop": 0.7, "c-1h-stop": -1.0}
    record = PhaseRecord("a-4h-vol-target", tuple(scores), (0.1,) * 5, {}, scores)
    assert record.best_per_strategy() == ["a-4h-vol-target", "b-4h-stop", "c-1h-stop"]

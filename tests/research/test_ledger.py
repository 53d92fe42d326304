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
    with pytest.raises(AlreadyEvaluatedError, match="another look, with momentum-1h-stop"):
        book.check("momentum-1h-stop", None)  # designs looked at one by one: tuning on the held-back part
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


def test_cli_ledger_shows_every_look_per_series_beside_both_benchmarks(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from aitrader.cli.app import app

    m = {
        "total_return": 0.05,
        "sharpe": 1.6,
        "sortino": 2.0,
        "max_drawdown": 0.02,
        "exposure": 0.2,
        "n_trades": 3,
    }
    hold = {**m, "total_return": 0.5, "sharpe": 2.5, "max_drawdown": 0.2, "n_trades": 1}
    book = Ledger(tmp_path / "ledger.jsonl")
    book.record(
        "ensemble-4h-stop",
        {
            "series": {
                "BTCUSDT/2017": {"strategy": m, "buy_and_hold": hold, "vol_target_buy_and_hold": None}
            },
            "deflated_sharpe": {"probability": 0.25, "sharpe_annual": 1.1, "n_trials": 20, "n_obs": 400},
        },
    )
    out = tmp_path / "looks.md"
    run = CliRunner().invoke(
        app,
        ["research", "ledger", "--ledger", str(book.path), "--markdown", str(out)],
        env={"COLUMNS": "250"},
    )
    assert run.exit_code == 0, run.output
    row = next(line for line in out.read_text().splitlines() if line.startswith("| BTCUSDT/2017"))
    assert row.split(" | ")[1:9] == [
        "ensemble-4h-stop",
        "+5.0%",
        "1.60",
        "2.00",
        "+2.0%",
        "+20.0%",
        "3",
        "+50.0%",
    ]
    assert "deflated Sharpe probability 25.0% (20 designs tried, 400 days)" in run.output
    empty = CliRunner().invoke(app, ["research", "ledger", "--ledger", str(tmp_path / "none.jsonl")])
    assert empty.exit_code == 1
    assert "no held-back look recorded yet" in empty.output

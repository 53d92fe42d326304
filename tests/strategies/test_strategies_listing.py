"""`aitrader strategies`: honest about shorts on spot, warm-up in bars and time, nothing truncated."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.domain import Timeframe
from aitrader.domain.timeframe import format_duration
from aitrader.strategies import REGISTRY, get_strategy
from aitrader.strategies.registry import param_info

runner = CliRunner()


def _flat(output: str) -> str:
    """The output with table borders and line breaks removed, so folded cells read whole again."""
    return re.sub(r"[\s│┃┏┓┗┛┡┩┠┨━─┬┴┼╇╈┳┻├┤┌┐└┘]+", "", output)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _rows(output: str) -> list[list[str]]:
    """Each table row's cells, with folded continuation lines joined back (whitespace removed)."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [_squash(c) for c in line.strip().strip("│").split("│")]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [a + b for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def test_format_duration_uses_the_two_largest_units() -> None:
    assert format_duration(781 * 60_000) == "13h 1m"
    assert format_duration(2_265 * 60_000) == "1d 13h"
    assert format_duration(781 * 3_600_000) == "32d 13h"
    assert format_duration(45 * 60_000) == "45m"
    assert format_duration(30_999) == "30s"


def test_shorts_are_marked_as_not_trading_on_spot() -> None:
    result = runner.invoke(app, ["strategies"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "short regimes: trend_down" not in result.output
    assert result.output.count("(not on spot)") == len(REGISTRY)
    flat = _flat(result.output)
    assert _flat("Binance spot does not: there the RiskGate refuses every short (SHORT_NOT_ALLOWED)") in flat


def test_warmup_is_shown_in_bars_and_time_for_the_chosen_timeframe() -> None:
    for tf in (Timeframe.M1, Timeframe.H1):
        result = runner.invoke(app, ["strategies", "--timeframe", tf.value], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert f"base timeframe {tf.value}" in result.output
        for name in REGISTRY:
            bars = get_strategy(name, timeframe=tf).warmup
            assert f"{bars:,} x {tf.value}" in result.output
            assert f"= {format_duration(bars * tf.duration_ms)}" in result.output
    # confluence at 1m: 2,265 bars of 1m are a day and 13 hours
    one = runner.invoke(app, ["strategies", "confluence"], env={"COLUMNS": "200"})
    assert "2,265 x 1m" in one.output
    assert "= 1d 13h" in one.output


def test_bad_timeframe_is_one_line() -> None:
    result = runner.invoke(app, ["strategies", "--timeframe", "7q"])
    assert result.exit_code == 1
    assert "--timeframe '7q'" in result.output
    assert "Traceback" not in result.output


def test_nothing_is_truncated_at_80_columns_when_redirected() -> None:
    # CliRunner output is not a terminal: the same path as `aitrader strategies > file`
    result = runner.invoke(app, ["strategies"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    rows = _rows(result.output)
    summary = {r[0]: r for r in rows if r[0] in REGISTRY}
    for name, cls in REGISTRY.items():
        assert summary[name][1] == _squash(cls.description), name
        for p in param_info(cls.params_model):
            expected = [p.name, p.type, str(p.default), _squash(p.range_text), _squash(p.description)]
            assert expected in rows, f"{name}.{p.name} not shown whole"
            assert p.name in result.output  # names and numbers are never broken across lines
            assert f" {p.default} " in result.output

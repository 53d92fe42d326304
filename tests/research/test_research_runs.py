"""The design phase and the held-back look on a real (shortened) series: nothing after the cut is
read while designing, the choice follows the declared rule, the look decides only after the cut."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.research.designs import design_by_id
from aitrader.research.final import run_final
from aitrader.research.selection import daily_sharpe, run_design_phase
from aitrader.research.series import Source

DESIGNS = ("momentum-4h-stop", "ensemble-4h-stop", "ensemble-4h-vol-target")


def _short_btc() -> Candles:
    return load_sample("BTCUSDT", "1h").slice(10_000, 26_000)  # 2018-10 .. 2020-08


def _spoilt_after(c: Candles, cut_ms: int) -> Candles:
    """`c` with every bar at or after `cut_ms` scaled by 10 (prices) — a series no honest design
    phase can tell apart from `c`."""
    late = np.asarray(c.open_time) >= cut_ms
    scale = np.where(late, 10.0, 1.0)
    return Candles(
        np.asarray(c.open_time),
        np.asarray(c.open) * scale,
        np.asarray(c.high) * scale,
        np.asarray(c.low) * scale,
        np.asarray(c.close) * scale,
        np.asarray(c.volume),
        c.symbol,
        c.timeframe,
    )


@pytest.fixture(scope="module")
def phase_pair():  # type: ignore[no-untyped-def]
    src = Source("BTCUSDT", _short_btc(), "sample")
    designs = [design_by_id(d) for d in DESIGNS]
    honest = run_design_phase([src], designs)
    spoilt = run_design_phase([Source("BTCUSDT", _spoilt_after(src.candles, src.cut_ms), "sample")], designs)
    return src, designs, honest, spoilt


def test_the_design_phase_never_reads_a_held_back_bar(phase_pair) -> None:  # type: ignore[no-untyped-def]
    src, _, honest, spoilt = phase_pair
    assert honest.scores == spoilt.scores
    for d_id, m in honest.series[0].runs.items():
        other = spoilt.series[0].runs[d_id]
        assert m.metrics.total_return == other.metrics.total_return
        assert int(m.result.times[-1]) + m.result.timeframe.duration_ms <= src.cut_ms


def test_the_choice_is_the_highest_median_daily_sharpe(phase_pair) -> None:  # type: ignore[no-untyped-def]
    _, designs, phase, _ = phase_pair
    s = phase.series[0]
    for d in designs:
        r = s.returns(d.id)
        by_hand = float(np.mean(r)) / float(np.std(r, ddof=1)) * math.sqrt(365) if np.std(r) > 0 else 0.0
        assert phase.scores[d.id] == pytest.approx(by_hand)
        assert len(r) == len(s.days) > 300  # every design measured on the same days
    assert phase.chosen.id == max(phase.scores, key=lambda i: (phase.scores[i], i))  # ties: the later id
    assert phase.trial_sharpes().shape == (len(designs),)
    folds = phase.walk_forward()
    assert [f.fold for f in folds] == [1, 2, 3]
    assert all(1 <= f.rank <= len(designs) for f in folds)
    pbo = phase.pbo()
    assert 0.0 <= pbo.pbo <= 1.0
    assert pbo.n_combinations == 12_870


def test_the_held_back_look_decides_only_after_the_cut(phase_pair) -> None:  # type: ignore[no-untyped-def]
    src, _, phase, _ = phase_pair
    final = run_final([src], design_by_id("ensemble-4h-stop"), phase.trial_sharpes())
    run = final.runs[src.label]
    assert run.result.trades, "the held-back run should trade at least once"
    assert min(t.entry_time for t in run.result.trades) >= src.cut_ms
    first = run.result.first_bar
    assert int(run.result.times[first]) >= src.cut_ms
    assert run.hold is not None
    assert run.vol_hold is not None
    assert run.hold.start_ms == run.metrics.start_ms == run.vol_hold.start_ms
    assert final.deflated is not None
    assert final.deflated.n_trials == len(DESIGNS)
    assert daily_sharpe(final.pooled_returns()) == pytest.approx(daily_sharpe(run.daily.returns[1:-1]))


def test_cli_final_refuses_a_second_look_without_a_reason(tmp_path: Path) -> None:
    from aitrader.cli.app import app

    runner = CliRunner()
    record = tmp_path / "phase.json"
    ledger = tmp_path / "ledger.jsonl"
    no_data = tmp_path / "empty"
    no_data.mkdir()
    # the design phase needs designs: one is refused with a reason
    bad = runner.invoke(app, ["research", "design", "--designs", "nope-1h-stop,momentum-4h-stop"])
    assert bad.exit_code == 1
    assert "unknown design 'nope-1h-stop'" in bad.output
    missing = runner.invoke(app, ["research", "final", "--record", str(record), "--ledger", str(ledger)])
    assert missing.exit_code == 1
    assert "run `aitrader research design` first" in missing.output
    ledger.write_text('{"design": "ensemble-4h-stop", "when": "2026-12-05T00:00:00Z", "look": 1}\n')
    record.write_text(
        '{"chosen": "ensemble-4h-stop", "designs": ["ensemble-4h-stop"], "trial_sharpes": [0.01],'
        ' "cuts": {}, "scores": {"ensemble-4h-stop": 0.5}}'
    )
    again = runner.invoke(
        app,
        ["research", "final", "--record", str(record), "--ledger", str(ledger), "--data-dir", str(no_data)],
    )
    assert again.exit_code == 1
    assert "the held-back parts were already looked at (ensemble-4h-stop" in again.output
    assert ledger.read_text().count("\n") == 1  # nothing stored is lost or added

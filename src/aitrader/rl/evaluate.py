"""Honest evaluation of a policy: a backtest through the real kernel on a window it was not trained
on, next to buy-and-hold, volatility-targeted buy-and-hold and the rule strategies on the same bars,
fees and gate.

Every contender trades under the same rules: the checkpoint's EnvConfig (cash, fees, slippage,
shorts) and the gate the policy was trained under (`kernel_env.env_risk_config`). The bars before
the window only warm indicators up (`BacktestConfig.first_bar`); metrics cover the window alone.
The two benchmarks are the optimiser's (`optimize.hold_benchmarks.window_benchmarks`): the window's
bars, the cash and fee rate, bought at its first open; the volatility-targeted one aims at the
policy's own realised volatility over the window (the mean over its sampling seeds).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.table import Table

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.metrics import Metrics, compute_metrics
from aitrader.backtest.result import BacktestResult, trim_warmup
from aitrader.backtest.vol_target_benchmark import NAME as VOL_TARGET_NAME
from aitrader.domain import Candles
from aitrader.execution.fees import PercentPlusFixedFee
from aitrader.optimize.hold_benchmarks import window_benchmarks
from aitrader.optimize.jsonable import number
from aitrader.risk import RiskGate
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.kernel_env import env_risk_config
from aitrader.rl.series import env_instrument
from aitrader.rl.splits import BarRange
from aitrader.strategies.base import Strategy

RULE_STRATEGIES = ("confluence", "momentum", "range", "levels")
HOLD, VOL_TARGET = "buy and hold", "vol-target buy and hold"  # the benchmarks' rows


@dataclass(frozen=True)
class EvalRow:
    name: str
    metrics: Metrics
    result: BacktestResult
    note: str = ""


def backtest_window(strategy: Strategy, candles: Candles, window: BarRange, env: EnvConfig) -> BacktestResult:
    """`strategy` over bars [window.start, window.stop) of `candles`, with up to `strategy.warmup`
    bars before it for its indicators; the result covers the window only."""
    lead = min(window.start, max(strategy.warmup - 1, 0))
    part = candles.slice(window.start - lead, window.stop)
    fees = PercentPlusFixedFee(env.fee_rate, env.fee_entry, env.fee_exit)
    config = BacktestConfig(
        cash=env.cash, fee=env.fee_rate, fee_model=fees, slippage_bps=env.slippage_bps, first_bar=lead
    )
    # the instrument rules exactly as the environments derive them (from the series' first close)
    inst = env_instrument(candles.symbol, float(candles.close[0]), env.allows_short)
    result = run_backtest(strategy, part, config, gate=RiskGate(env_risk_config(env)), instrument=inst)
    return trim_warmup(result, lead)


def compare(
    policy: Strategy | Sequence[tuple[str, Strategy]],
    candles: Candles,
    window: BarRange,
    env: EnvConfig,
    rules: Sequence[str] = RULE_STRATEGIES,
    label: str = "policy",
) -> list[EvalRow]:
    """The policy (or several labelled runs of it, e.g. one per sampling seed), buy-and-hold,
    volatility-targeted buy-and-hold and each rule strategy on `window` (see the module docstring)."""
    from aitrader.backtest.inputs import build_strategy

    runs = [(label, policy)] if isinstance(policy, Strategy) else list(policy)
    rows = [_row(name, backtest_window(s, candles, window, env)) for name, s in runs]
    mine = [r.result for r in rows]
    bench = window_benchmarks(candles, window.start, window.stop, env.cash, env.fee_rate, mine)
    rows.append(_row(HOLD, bench.hold))
    whose = f"the {runs[0][0]}'s" if len(runs) == 1 else f"the mean of the {len(runs)} runs'"
    aim = f"holds min(1, {bench.target:.1%} / trailing 30-day volatility) of the account"
    rows.append(_row(VOL_TARGET, bench.vol, f"{aim}; {bench.target:.1%} is {whose} realised volatility"))
    for name in rules:
        strat = build_strategy(name, {}, candles.timeframe, fee=env.fee_rate, slippage_bps=env.slippage_bps)
        short = window.start < strat.warmup - 1
        result = backtest_window(strat, candles, window, env)
        rows.append(_row(name, result, "fewer warm-up bars than it needs" if short else ""))
    return rows


def _row(name: str, result: BacktestResult, note: str = "") -> EvalRow:
    return EvalRow(name, compute_metrics(result), result, note)


def _num(value: float | None, fmt: str) -> str:
    return "–" if value is None or not math.isfinite(value) else format(value, fmt)


def eval_table(rows: Sequence[EvalRow], title: str) -> Table:
    """Sharpe, P&L, profit factor, max drawdown, win rate, average P&L and trades per contender."""
    notes = [f"{r.name}: {r.note}" for r in rows if r.note]
    table = Table(title=title, title_justify="left", caption="; ".join(notes) or None, caption_justify="left")
    table.add_column("", no_wrap=True)
    for col in ("Sharpe", "return", "P&L", "profit factor", "max DD", "win rate", "avg P&L", "trades"):
        table.add_column(col, justify="right")
    for r in rows:
        m = r.metrics
        table.add_row(
            r.name + ("*" if r.note else ""),
            _num(m.sharpe, ".2f"),
            _num(m.total_return, "+.1%"),
            _num(m.final_equity - m.initial_equity, ",.0f"),
            _num(m.profit_factor, ".2f"),
            _num(m.max_drawdown, ".1%"),
            _num(m.win_rate, ".0%"),
            _num(m.avg_trade_pnl, ",.1f"),
            str(m.n_trades),
        )
    return table


def row_dict(row: EvalRow) -> dict[str, Any]:
    """The figures of one contender, JSON-ready (None for undefined ratios); the volatility-targeted
    benchmark's also carry its "target_volatility" and "mean_weight"."""
    m = row.metrics

    def clean(v: float | None) -> float | None:
        x = number(v)
        return None if x is None else round(float(x), 6)

    out: dict[str, Any] = {
        "name": row.name, "sharpe": clean(m.sharpe), "total_return": clean(m.total_return),
        "pnl": clean(m.final_equity - m.initial_equity), "profit_factor": clean(m.profit_factor),
        "max_drawdown": clean(m.max_drawdown), "win_rate": clean(m.win_rate),
        "avg_trade_pnl": clean(m.avg_trade_pnl), "trades": m.n_trades, "note": row.note,
    }  # fmt: skip
    if row.result.strategy == VOL_TARGET_NAME:  # what it aimed at and the weight it held
        out.update({k: clean(row.result.params[k]) for k in ("target_volatility", "mean_weight")})
    return out


def seen_until(meta: dict[str, Any]) -> dict[str, int]:
    """Per symbol (upper case), the open time of the last bar the policy trained or was selected on
    (the checkpoint's `seen_until`); older checkpoints name their data only: everything counts."""
    stored = meta.get("seen_until")
    if isinstance(stored, dict):
        return {str(k).upper(): int(v) for k, v in stored.items()}
    out: dict[str, int] = {}
    for entry in meta.get("data") or []:
        words = str(entry).split()
        if words:
            out[words[0].upper()] = 2**62
    return out

"""Backtest speed of the offline debate ensemble (`debate`) against `confluence`, through the kernel.

    uv run python benchmarks/bench_agents.py                       # BTCUSDT 1h and 1m, 3 rounds
    uv run python benchmarks/bench_agents.py --repeat 5 --snapshots 1000

Both strategies are built as `aitrader backtest` builds them (`backtest.inputs.build_strategy` with
default parameters) and run through `backtest.engine.run_backtest` (features, the strategy's
candidate masks, the one RiskGate, the order manager, SimBroker, portfolio) on the same real
candles in the same process: the shipped BTCUSDT 1h sample (2017-2024, 58,419 bars) and the
BTCUSDT 1m sample (2023, 71,041 bars). Risk settings are `aitrader backtest`'s defaults (equity
10,000, risk 1%, fee 0.1%, slippage 5 bps). A warm-up run on 5,000 bars comes first; then
`--repeat` interleaved rounds (every series and strategy once per round) and each run's median.

`confluence` is the peer in our kernel: the anchor of issue 18, TradingAgents, has no backtest
harness (its issues #119 and #969) and spends 11+ LLM calls on one decision, so no bars/s of it
exists to print beside ours.

Besides bars/s: the share of bars the cheap screen passes (entry or exit mask), the share actually
debated (entries only when flat, exits only when long), debates per second of the run, the time
inside the debates (snapshot, seven analysts, bull/bear rounds and the arbiter), and, over real
snapshots of screened bars, the µs of each analyst's report, of cutting a snapshot and of one
offline debate given the reports. A fresh strategy loads its context series (ETH, ETH/BTC, SPY
from the samples) on its first debate; that load is inside the timed run, as in `aitrader
backtest`, and is printed on its own. Timings are wall and CPU seconds (process time); the
machine is shared, so compare columns of one run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from aitrader.agents.analysts.panel import DEFAULT_PANEL, build_analyst
from aitrader.agents.context import load_agent_context
from aitrader.agents.debate.deliberate import deliberate
from aitrader.agents.debate.screen import ENTRY, EXIT
from aitrader.agents.debate.strategy import ATR_COLUMN, DebateStrategy
from aitrader.agents.reports import AnalystReport
from aitrader.agents.snapshot import Snapshot
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.inputs import build_strategy
from aitrader.config.run_settings import BUILT_IN
from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.domain.position import EMPTY_BOOK
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.base import MarketView, Strategy

SERIES: tuple[tuple[str, str], ...] = (("BTCUSDT", "1h"), ("BTCUSDT", "1m"))
STRATEGIES = ("debate", "confluence")
WARM_BARS = 5_000


@dataclass
class Timed:
    """One backtest: its times and what happened in it."""

    wall: float
    cpu: float
    trades: int
    proposals: int
    debates: int = 0
    debate_s: float = 0.0  # wall seconds inside `DebateStrategy.deliberate`


def cli_config() -> BacktestConfig:
    """`aitrader backtest`'s defaults: equity, fee and slippage of `config.run_settings.BUILT_IN`."""
    return BacktestConfig(
        cash=float(BUILT_IN["equity"]), fee=float(BUILT_IN["fee"]), slippage_bps=float(BUILT_IN["slippage"])
    )


def cli_gate() -> RiskGate:
    """The gate `aitrader backtest` builds with no aitrader.toml: default risk, default slippage."""
    return RiskGate(
        RiskConfig(risk_fraction=float(BUILT_IN["risk"]), slippage=float(BUILT_IN["slippage"]) / 10_000.0)
    )


def count_debates(strategy: Strategy) -> list[float]:
    """Wrap `strategy.deliberate` (the debate strategy's one expensive step) to count its calls
    and the wall time inside them: returns [calls, seconds], updated as the run goes."""
    tally = [0.0, 0.0]
    inner: Callable[..., Any] | None = getattr(strategy, "deliberate", None)
    if inner is None:
        return tally
    call = inner

    def counted(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            tally[0] += 1
            tally[1] += time.perf_counter() - t

    setattr(strategy, "deliberate", counted)  # noqa: B010 (an instance attribute, on purpose)
    return tally


def run_once(name: str, candles: Candles) -> Timed:
    strategy = build_strategy(name, {}, candles.timeframe)
    tally = count_debates(strategy)
    t, cpu = time.perf_counter(), time.process_time()
    r = run_backtest(strategy, candles, cli_config(), gate=cli_gate())
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    return Timed(wall, cpu, len(r.trades), int(r.params["proposals"]), int(tally[0]), tally[1])


def screen_share(candles: Candles) -> tuple[float, float, int]:
    """(entry or exit screen, entry screen alone, decidable bars): the share of decidable bars (from
    the warm-up on) the debate strategy's screen passes."""
    strategy = build_strategy("debate", {}, candles.timeframe)
    f = strategy.features(candles)
    first = max(strategy.warmup - 1, 0)
    entry = np.asarray(f[ENTRY][first:], dtype=bool)
    either = entry | np.asarray(f[EXIT][first:], dtype=bool)
    return float(either.mean()), float(entry.mean()), len(entry)


def panel_costs(candles: Candles, n_snaps: int, repeat: int) -> dict[str, float]:
    """Median µs over `repeat` passes, per snapshot, of: cutting a snapshot (with its id), each
    analyst's report, the whole panel, and one offline debate (2 rounds + arbiter) on the reports;
    over `n_snaps` screened entry bars spread evenly through `candles`."""
    strategy = build_strategy("debate", {}, candles.timeframe)
    if not isinstance(strategy, DebateStrategy):
        raise TypeError("build_strategy('debate') did not build a DebateStrategy")
    features = strategy.features(candles)
    bars = np.flatnonzero(np.asarray(features[ENTRY], dtype=bool))
    picks = bars[np.linspace(0, len(bars) - 1, min(n_snaps, len(bars))).astype(np.int64)]
    context = strategy.context.for_symbol(candles.symbol)  # loaded once, outside the timings
    analysts = [build_analyst(a) for a in DEFAULT_PANEL]
    samples: dict[str, list[float]] = {}

    def add(key: str, seconds: float, count: int) -> None:
        samples.setdefault(key, []).append(seconds / max(count, 1) * 1e6)

    for _ in range(max(repeat, 1)):
        t = time.perf_counter()
        snaps = [Snapshot.take(MarketView(features, int(i)), EMPTY_BOOK, context) for i in picks]
        ids = [s.snapshot_id for s in snaps]
        add("snapshot (cut + id)", time.perf_counter() - t, len(ids))
        reports: list[list[AnalystReport]] = [[] for _ in snaps]
        total = 0.0
        for analyst in analysts:
            t = time.perf_counter()
            for k, s in enumerate(snaps):
                reports[k].append(analyst.analyze(s))
            dt = time.perf_counter() - t
            total += dt
            add(analyst.name, dt, len(snaps))
        add("panel: all seven", total, len(snaps))
        add("panel: per report", total, len(snaps) * len(analysts))
        t = time.perf_counter()
        for s, rep in zip(snaps, reports, strict=True):
            atr = s.view.value(ATR_COLUMN)
            deliberate(s, rep, rounds=strategy.config.rounds, rules=strategy.rules, holding=False, atr=atr)
        add("debate + arbiter (offline)", time.perf_counter() - t, len(snaps))
    out = {k: statistics.median(v) for k, v in samples.items()}
    out["snapshots"] = float(len(picks))
    return out


def speed_table(candles_by: dict[str, Candles], runs: dict[tuple[str, str], list[Timed]]) -> Table:
    table = Table(title="Backtest through the kernel (median of the rounds; default risk settings)")
    cols = ("series", "strategy", "bars", "wall s", "bars/s (wall)", "cpu s", "bars/s (cpu)", "trades")
    for col in (
        *cols,
        "proposals",
        "debates",
        "debates/s",
        "ms / debate",
        "in debates",
        "vs confluence (cpu)",
    ):
        table.add_column(col, justify="left" if col in ("series", "strategy") else "right")
    for key, candles in candles_by.items():
        n = len(candles)
        peer_cpu = statistics.median(r.cpu for r in runs[(key, "confluence")])
        for name in STRATEGIES:
            rs = runs[(key, name)]
            wall = statistics.median(r.wall for r in rs)
            cpu = statistics.median(r.cpu for r in rs)
            last = rs[-1]
            debates = last.debates
            in_debates = statistics.median(r.debate_s / r.wall for r in rs) if debates else 0.0
            table.add_row(
                key,
                name,
                f"{n:,}",
                f"{wall:.2f}",
                f"{n / wall:,.0f}",
                f"{cpu:.2f}",
                f"{n / cpu:,.0f}",
                f"{last.trades:,}",
                f"{last.proposals:,}",
                f"{debates:,}" if name == "debate" else "-",
                f"{debates / wall:,.0f}" if debates else "-",
                f"{statistics.median(r.debate_s / r.debates for r in rs) * 1e3:.2f}" if debates else "-",
                f"{in_debates:.0%}" if debates else "-",
                f"{peer_cpu / cpu:.2f}x",
            )
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds; each run's median is shown")
    ap.add_argument("--snapshots", type=int, default=500, help="real snapshots timed per series (panel)")
    args = ap.parse_args()
    console = Console(width=max(Console().width, 180))
    candles_by = {f"{sym} {tf}": load_sample(sym, tf) for sym, tf in SERIES}
    for key, c in candles_by.items():
        console.print(f"[bold]{key}[/]: {len(c):,} real bars from {c.source}")

    for c in candles_by.values():  # warm-up: imports, caches, the first context load
        for name in STRATEGIES:
            run_once(name, c.slice(0, WARM_BARS))
    rounds = max(args.repeat, 1)
    runs: dict[tuple[str, str], list[Timed]] = {}
    for k in range(rounds):
        for key, c in candles_by.items():
            for name in STRATEGIES:
                console.print(f"round {k + 1}/{rounds}: {name} on {key} ...")
                runs.setdefault((key, name), []).append(run_once(name, c))
    console.print(speed_table(candles_by, runs))

    shares = Table(title="The screen and the context (debate)")
    for col in ("series", "screen passes (entry or exit)", "entry screen", "debated", "context load s"):
        shares.add_column(col, justify="left" if col == "series" else "right")
    for key, c in candles_by.items():
        either, entry, decidable = screen_share(c)
        t = time.perf_counter()
        load_agent_context(c.symbol, c.timeframe)
        load_s = time.perf_counter() - t
        debated = runs[(key, "debate")][-1].debates / max(decidable, 1)
        shares.add_row(key, f"{either:.1%}", f"{entry:.1%}", f"{debated:.1%}", f"{load_s:.2f}")
    console.print(shares)

    costs = {key: panel_costs(c, args.snapshots, rounds) for key, c in candles_by.items()}
    panel = Table(title="Per decision, over real snapshots of screened bars (µs, median of the rounds)")
    panel.add_column("step")
    for key in costs:
        panel.add_column(f"{key} ({costs[key]['snapshots']:,.0f} snapshots)", justify="right")
    steps = ["snapshot (cut + id)", *DEFAULT_PANEL, "panel: all seven", "panel: per report"]
    for step in (*steps, "debate + arbiter (offline)"):
        panel.add_row(step, *(f"{costs[key][step]:,.1f}" for key in costs))
    console.print(panel)
    console.print(
        "peer: TradingAgents (the anchor) has no backtest harness (its #119, #969): no bars/s to set beside these"
    )
    console.print(
        f"command: uv run python benchmarks/bench_agents.py --repeat {args.repeat} --snapshots {args.snapshots}"
    )


if __name__ == "__main__":
    main()

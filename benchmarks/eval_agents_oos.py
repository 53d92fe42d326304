"""Out-of-sample evaluation of the offline debate ensemble (`debate`) against `confluence` and
buy-and-hold, with the parameters fixed a priori (the defaults: nothing here is tuned or chosen).

    uv run python benchmarks/eval_agents_oos.py        # 14 Binance 15m series, then BTCUSDT 1h
    uv run python benchmarks/eval_agents_oos.py --data-dir PATH --no-dev-set

Evaluation set: every `*-15m-*` candle file in `--data-dir` (default: the shared collection's
Binance spot 15m folder, 14 symbols, 2023-04-01 .. 2024-04-09), which no part of the agents was
developed or tested on. The files are read where they are (never copied). Second set, labelled
*development-adjacent*: the shipped BTCUSDT 1h sample (2017-2024), which the agents' tests look at.

Each series is run through the real kernel (`backtest.engine.run_backtest`) by both strategies,
built as `aitrader backtest` builds them (`backtest.inputs.build_strategy(name, {}, timeframe)`)
with its default settings: equity 10,000, risk 1% per trade through the RiskGate, fee 0.1%,
slippage 5 bps, `next-open` fills. Warm-up: the first W bars, W = the larger of the two strategies'
`history_needed`, only warm indicators up (`BacktestConfig.first_bar = W`): no decision there and
not measured. Buy-and-hold (`backtest.benchmark.benchmark_for`) buys with the same capital, fees
and slippage at the first bar a strategy could fill (the open after bar W) and sells at the last
close, so all three are measured over the identical bars W .. end.

Context of the debate's cross-asset analyst (an input, not a parameter): for the 15m set, the
BTCUSDT and ETHUSDT 15m files of the same folder are put in a temporary candle store, so the
strategy's own loader (`agents.context.LazyContext` -> `data.providers.context.load_context`) finds
BTC and ETH (and derives ETH/BTC) for the evaluated year, as it would after `aitrader data download`;
otherwise it would read the 7-week 1m samples of spring 2023 and call them stale. Every snapshot
cuts them at its own bar's close. For the 1h set the strategy reads what `aitrader backtest` reads
here: the shipped samples (ETHUSDT 1h to 2022-10, SPY daily to 2023-08).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from aitrader.agents.context import LazyContext
from aitrader.agents.debate.strategy import DebateStrategy
from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.inputs import build_strategy
from aitrader.backtest.metrics import Metrics, compute_metrics
from aitrader.backtest.result import BacktestResult
from aitrader.config.run_settings import BUILT_IN
from aitrader.data import CandleStore, DataError, load_sample, read_candles
from aitrader.data.instrument_guess import instrument_for
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms
from aitrader.research.designs import run_config
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.base import Strategy, history_needed

DEFAULT_DATA_DIR = Path("/work/shared/data/market/binance/spot/15m")
STRATEGIES = ("debate", "confluence")
NAMES = (*STRATEGIES, "buy_and_hold")
CONTEXT_SYMBOLS = ("BTCUSDT", "ETHUSDT")
Tick = Callable[[int], None]


@dataclass(frozen=True)
class Row:
    """One strategy's metrics on one series' measured window."""

    symbol: str
    strategy: str
    m: Metrics


def cli_config(first_bar: int) -> BacktestConfig:
    """`aitrader backtest`'s defaults (`config.run_settings.BUILT_IN`), deciding from `first_bar`."""
    return run_config(first_bar)


def cli_gate() -> RiskGate:
    """The gate `aitrader backtest` builds with no aitrader.toml: default risk, default slippage."""
    return RiskGate(
        RiskConfig(risk_fraction=float(BUILT_IN["risk"]), slippage=float(BUILT_IN["slippage"]) / 10_000.0)
    )


def strategies_for(tf: Timeframe, context_dir: Path | None) -> dict[str, Strategy]:
    built = {name: build_strategy(name, {}, tf) for name in STRATEGIES}
    debate = built["debate"]
    if (
        context_dir is not None
        and isinstance(debate, DebateStrategy)
        and isinstance(debate.context, LazyContext)
    ):
        debate.context = replace(debate.context, data_dir=context_dir, loaded={})
    return built


def evaluate(candles: Candles, context_dir: Path | None, tick: Tick) -> tuple[list[Row], int]:
    """Both strategies and buy-and-hold on `candles`, measured over the same bars; (rows, W)."""
    built = strategies_for(candles.timeframe, context_dir)
    warm = max(history_needed(s) for s in built.values())
    inst, assumptions = instrument_for(candles.symbol, float(candles.close[0]))
    rows: list[Row] = []
    results: dict[str, BacktestResult] = {}
    for name, strategy in built.items():
        done = [0]

        def progress(bars: int, _total: int, done: list[int] = done) -> None:
            tick(bars - done[0])
            done[0] = bars

        results[name] = run_backtest(
            strategy,
            candles,
            cli_config(warm),
            gate=cli_gate(),
            instrument=None if assumptions is None else inst,
            progress=progress,
        )
        rows.append(Row(candles.symbol, name, compute_metrics(results[name])))
    held = benchmark_for(results["debate"])
    if held is None:
        raise RuntimeError(f"{candles.symbol}: no buy-and-hold benchmark (a gap in the candles?)")
    rows.append(Row(candles.symbol, "buy_and_hold", compute_metrics(held)))
    windows = {(r.m.start_ms, r.m.end_ms, r.m.n_bars) for r in rows}
    if len(windows) != 1:  # the comparison is void unless all three measure the same bars
        raise RuntimeError(f"{candles.symbol}: measured windows differ: {sorted(windows)}")
    return rows, warm


def context_store(files: dict[str, Path], root: Path) -> Path | None:
    """A candle store under `root` holding the folder's BTCUSDT and ETHUSDT series (the debate's
    cross-asset context); None when the folder has neither."""
    store = CandleStore(root)
    found = False
    for sym in CONTEXT_SYMBOLS:
        if sym in files:
            store.merge(read_candles(files[sym]), venue="binance")
            found = True
    return root if found else None


def evaluation_files(data_dir: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for p in sorted(data_dir.glob("*-15m-*")):
        files[p.name.split("-", 1)[0].upper()] = p
    return files


def pct(x: float | None) -> str:
    return "-" if x is None else f"{x:+.1%}"


def pp(x: float) -> str:
    """A difference of two returns, in percentage points."""
    return f"{x * 100:+.1f} pp"


def num(x: float | None) -> str:
    return "-" if x is None else f"{x:+.2f}"


def per_symbol_table(title: str, rows: Sequence[Row]) -> Table:
    table = Table(title=title)
    cols = (
        "symbol",
        "strategy",
        "return",
        "vs B&H",
        "Sharpe",
        "max DD",
        "trades",
        "win rate",
        "exposure",
        "fees",
    )
    for col in cols:
        table.add_column(col, justify="left" if col in ("symbol", "strategy") else "right")
    hold = {r.symbol: r.m.total_return for r in rows if r.strategy == "buy_and_hold"}
    for r in rows:
        m = r.m
        excess = "" if r.strategy == "buy_and_hold" else pp(m.total_return - hold[r.symbol])
        table.add_row(
            r.symbol if r.strategy == NAMES[0] else "",
            r.strategy,
            pct(m.total_return),
            excess,
            num(m.sharpe),
            f"{m.max_drawdown:.1%}",
            f"{m.n_trades:,}",
            "-" if m.win_rate is None else f"{m.win_rate:.0%}",
            f"{m.exposure:.0%}",
            f"{m.fees_paid / m.initial_equity:.1%}",
        )
    return table


def aggregate_table(title: str, rows: Sequence[Row]) -> Table:
    table = Table(title=title)
    cols = ("strategy", "symbols", "median return", "median Sharpe", "median max DD", "beats B&H on")
    for col in (*cols, "mean excess vs B&H", "median excess", "trades (all)"):
        table.add_column(col, justify="left" if col == "strategy" else "right")
    hold = {r.symbol: r.m.total_return for r in rows if r.strategy == "buy_and_hold"}
    for name in NAMES:
        mine = [r for r in rows if r.strategy == name]
        excess = [r.m.total_return - hold[r.symbol] for r in mine]
        sharpes = [r.m.sharpe for r in mine if r.m.sharpe is not None]
        table.add_row(
            name,
            f"{len(mine)}",
            pct(statistics.median(r.m.total_return for r in mine)),
            num(statistics.median(sharpes)) if sharpes else "-",
            f"{statistics.median(r.m.max_drawdown for r in mine):.1%}",
            "-" if name == "buy_and_hold" else f"{sum(e > 0 for e in excess)} of {len(mine)}",
            "-" if name == "buy_and_hold" else pp(statistics.fmean(excess)),
            "-" if name == "buy_and_hold" else pp(statistics.median(excess)),
            f"{sum(r.m.n_trades for r in mine):,}",
        )
    return table


def run_set(
    console: Console, label: str, series: list[tuple[str, Callable[[], Candles]]], context_dir: Path | None
) -> list[Row]:
    """Evaluate every series of one set under one progress bar; print its two tables."""
    loaded = [(name, load()) for name, load in series]
    total = sum(len(c) for _, c in loaded) * len(STRATEGIES)
    rows: list[Row] = []
    spans: list[str] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        for name, candles in loaded:
            progress.update(task, description=f"{label}: {name}")
            got, warm = evaluate(candles, context_dir, lambda k: progress.advance(task, k))
            rows.extend(got)
            m = got[0].m
            spans.append(
                f"{name}: {len(candles):,} bars, {warm:,} warm-up, measured {m.n_bars:,} "
                f"({format_ms(m.start_ms)} .. {format_ms(m.end_ms)})"
            )
    for line in spans:
        console.print(line, markup=False, soft_wrap=True)
    console.print(per_symbol_table(f"{label}: per symbol", rows))
    console.print(aggregate_table(f"{label}: aggregate", rows))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="folder of the 15m candle files")
    ap.add_argument("--no-dev-set", action="store_true", help="skip the BTCUSDT 1h development-adjacent set")
    args = ap.parse_args(argv)
    console = Console(width=max(Console().width, 150))
    files = evaluation_files(args.data_dir) if args.data_dir.is_dir() else {}
    if not files:
        print(
            f"error: no 15m candle files (*-15m-*) in {args.data_dir}: pass --data-dir FOLDER "
            "(the shared Binance spot 15m collection)",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    console.print(
        f"defaults: equity {BUILT_IN['equity']:,.0f}, risk {BUILT_IN['risk']:g}, fee {BUILT_IN['fee']:g}, "
        f"slippage {BUILT_IN['slippage']:g} bps, next-open fills; parameters: the strategies' defaults",
        markup=False,
    )

    def reader(path: Path) -> Callable[[], Candles]:
        return lambda: read_candles(path)

    try:
        with tempfile.TemporaryDirectory(prefix="aitrader-oos-context-") as tmp:
            ctx = context_store(files, Path(tmp))
            console.print(
                f"evaluation set: {len(files)} series from {args.data_dir}; debate context: "
                + (f"{', '.join(s for s in CONTEXT_SYMBOLS if s in files)} 15m of the same folder" if ctx else "samples only"),
                markup=False,
                soft_wrap=True,
            )  # fmt: skip
            series = [(sym, reader(p)) for sym, p in files.items()]
            run_set(console, "OUT-OF-SAMPLE (Binance 15m)", series, ctx)
    except DataError as exc:
        print(
            f"error: {exc}: the files must be candle CSVs (open_time_ms,open,high,low,close,volume)",
            file=sys.stderr,
        )
        return 2
    if not args.no_dev_set:
        dev = [("BTCUSDT 1h", lambda: load_sample("BTCUSDT", "1h"))]
        run_set(console, "DEVELOPMENT-ADJACENT (BTCUSDT 1h sample; the tests looked at BTC 1h)", dev, None)
    flags = (f" --data-dir {args.data_dir}" if args.data_dir != DEFAULT_DATA_DIR else "") + (
        " --no-dev-set" if args.no_dev_set else ""
    )
    console.print(
        f"{time.perf_counter() - started:,.0f} s; command: uv run python benchmarks/eval_agents_oos.py{flags}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Indicator benchmark: aitrader's standard set over 1,000,000 real-shaped bars, side by side with
pandas-ta-classic (same bars, vectorised) and talipp (incremental; µs per update, extrapolated to 1M).

    uv sync --group bench        # installs the peers (CI does not)
    uv run python benchmarks/bench_indicators.py [--bars 1000000] [--talipp-updates 100000] [--repeat 3]

Bars: real BTCUSDT 1m returns, wicks and volumes tiled to the requested length (real_shaped.py).
Figures are the best of --repeat runs (wall clock, one process, the machine's other load included).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.console import Console
from rich.table import Table

from aitrader.domain import Candles
from aitrader.features import compute_features, regimes
from aitrader.features import indicators as ind
from aitrader.features.patterns import PatternConfig, detect_patterns
from aitrader.features.price_action import swings
from indicators_peers import pandas_ta_runners, talipp_feeders
from real_shaped import real_shaped_btc_1m

console = Console(width=150)
PEER_SLOW_S = 2.0  # a pandas-ta call slower than this on 1/10 of the bars is extrapolated, not rerun


def ours(c: Candles) -> dict[str, Callable[[], Any]]:
    t, h, lo, cl, v = c.open_time, c.high, c.low, c.close, c.volume
    return {
        "sma_20": lambda: ind.sma(cl, 20),
        "ema_200": lambda: ind.ema(cl, 200),
        "wma_20": lambda: ind.wma(cl, 20),
        "rsi_14": lambda: ind.rsi(cl, 14),
        "macd": lambda: ind.macd(cl),
        "bollinger": lambda: ind.bollinger(cl, 20, 2.0),
        "atr_14": lambda: ind.atr(h, lo, cl, 14),
        "stochastic": lambda: ind.stochastic(h, lo, cl),
        "williams_r": lambda: ind.williams_r(h, lo, cl, 14),
        "cci_20": lambda: ind.cci(h, lo, cl, 20),
        "adx_14": lambda: ind.adx(h, lo, cl, 14),
        "mfi_14": lambda: ind.mfi(h, lo, cl, v, 14),
        "obv": lambda: ind.obv(cl, v),
        "relative_volume_20": lambda: ind.relative_volume(v, 20),
        "vwap_day": lambda: ind.vwap_session(t, h, lo, cl, v),
        "vwap_20": lambda: ind.vwap_rolling(h, lo, cl, v, 20),
        "realized_vol_60": lambda: ind.realized_volatility(cl, 60),
        "donchian_20": lambda: ind.donchian(h, lo, 20),
        "keltner_20": lambda: ind.keltner(h, lo, cl),
        "swings (5/5)": lambda: swings(h, lo, 5, 5),
        "regimes": lambda: regimes(c),
        "compute_features (all 40 keys)": lambda: compute_features(c),
    }


def best_ms(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def peer_ms(small: Callable[[], Any], full: Callable[[], Any], repeat: int) -> tuple[float, str]:
    """Time on 1/10 of the bars first; run the full size only when that was quick."""
    t = best_ms(small, 1) / 1000
    if t > PEER_SLOW_S:
        return t * 10_000, " (x10 from 1/10)"
    return best_ms(full, repeat), ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bars", type=int, default=1_000_000)
    ap.add_argument("--talipp-updates", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-patterns", action="store_true", help="skip timing the chart-pattern scan")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")  # pandas-ta-classic's vwap warns about dropping the time zone

    c = real_shaped_btc_1m(args.bars)
    tenth = c.slice(0, args.bars // 10)
    console.print(f"{len(c):,} real-shaped BTCUSDT 1m bars (tiled real returns); best of {args.repeat} runs")
    mine = ours(c)
    pta_full, pta_small = pandas_ta_runners(c), pandas_ta_runners(tenth)
    tp = talipp_feeders(c, args.talipp_updates)
    for peer in (pta_full, tp):
        if isinstance(peer, str):
            console.print(f"[yellow]peer missing: {peer}[/yellow]")

    table = Table(title=f"Indicators over {len(c):,} bars (ms; lower is better)", title_justify="left")
    for col in (
        "indicator",
        "aitrader ms",
        "pandas-ta-classic ms",
        "× slower",
        "talipp µs/update",
        "talipp ms per 1M",
    ):
        table.add_column(col, justify="left" if col == "indicator" else "right")
    for name, fn in mine.items():
        ms = best_ms(fn, args.repeat)
        p_cell = ratio = t_us = t_1m = "–"
        if isinstance(pta_full, dict) and isinstance(pta_small, dict) and name in pta_full:
            pms, note = peer_ms(pta_small[name], pta_full[name], args.repeat)
            p_cell, ratio = f"{pms:,.1f}{note}", f"{pms / ms:,.0f}×"
        if isinstance(tp, dict) and name in tp:
            secs = best_ms(tp[name], 1) / 1000
            us = secs / args.talipp_updates * 1e6
            t_us, t_1m = f"{us:,.2f}", f"{us * 1000:,.0f}"
        table.add_row(name, f"{ms:,.2f}", p_cell, ratio, t_us, t_1m)
    console.print(table)
    if not args.no_patterns:
        t0 = time.perf_counter()
        found = detect_patterns(c, PatternConfig(10, 10))
        console.print(
            f"chart patterns (all detectors, 10/10 pivots): {len(found):,} found in {time.perf_counter() - t0:.2f} s"
        )
    console.print(
        "talipp: each update is one add() of a closed bar (its natural live use); 'ms per 1M' = µs/update × 1M.\n"
        "pandas-ta-classic runs with talib=False so its own pandas code is timed, not TA-Lib's."
    )


if __name__ == "__main__":
    main()

"""Optimiser throughput: aitrader's `optimise()` vs backtesting.py's `Backtest.optimize()`, same grid, same run.

    uv run python benchmarks/bench_optimize.py                    # full run, ~12-16 min on 2 cores
    uv run python benchmarks/bench_optimize.py --bars 100000 --grid small --repeat 1   # a quick look

Two datasets: one year of real BTCUSDT 1h (the shipped sample, --year, default 2021) and --bars
real-shaped 1m bars (real BTCUSDT 1m returns tiled, default 1,000,000; --skip-1m drops it). On each:

1. Exact parity: `sma_cross` (aitrader's research SMA crossover, far stop and target) against the
   same rule in backtesting.py (`optimize_peers.SmaCrossGrid`; bench_backtest.py shows the two
   trading identically) over fast 5..50 step 5 x slow 20..200 step 20, fast < slow (90 points;
   `--grid small`: 4), 0.1% fee, next-bar-open fills. Sizing: on 1h all-in from 10,000 (aitrader's
   research `AllInSizer` via `TrialSetup(all_in=True)`, backtesting.py `size=0.9999999999`); on 1m
   one BTC per entry from 1,000,000 (all-in, the fees of 3,700-33,000 round trips per million bars
   drain every point's account to dust and every objective reads -100%; `--all-in-1m` does it
   anyway). The 1 BTC sizing is `TrialSetup(all_in=True, fixed_qty=1)` (the research sizer buying
   1 BTC per entry); search, pool and evaluator are the product's. Objective: total return
   (aitrader `total_return`, backtesting.py `Return [%]` / 100), compared on every shared point.
   Both sides mark a position still open on the last bar to market (`TrialSetup(close_at_end=False)`;
   the optimiser's default sells it there, fee paid, which backtesting.py has no exact twin of: its
   `finalize_trades=True` sells at the last bar's open).
2. `confluence` with the default risk gate (1% risk) over ema_fast 10,20,30 x ema_slow 50,100 x
   rr2 3,5 (12 points; small: 2). The peer runs `optimize_peers.ConfluencePort`: aitrader's own
   features, masks and proposals for each trial replayed in backtesting.py with an approximation of
   the gate (see that module). It is NOT identical (lot rounding, fill model, breaker clock), so its
   objective is shown beside ours per point with their correlation; its throughput is the figure
   compared.

aitrader: `optimise(OptimizeRequest(..., sampler="grid", jobs=J, monte_carlo=0))` with J = --jobs
(default 2; forked worker processes over shared-memory candles) and J = 1 (in this
process). backtesting.py 0.6.6: `optimize(**grid, maximize="Return [%]", constraint=...,
return_heatmap=True)`; on Linux it runs `backtesting.Pool()` = `multiprocessing.Pool(os.cpu_count())`
with fork, its grid cut into os.cpu_count() batches and the candles in its own shared memory; we
override that hook to fork exactly --jobs workers (`optimize_peers.fork_pool`), and it re-runs the
best point once in this process at the end.

Reported per run: wall seconds of the whole call (what a user waits for: pool start, every trial,
each side's bookkeeping around the search — aitrader's chosen-point backtest, buy-and-hold and
overfitting statistics; backtesting.py's DataFrame and its re-run of the best point), trials per
minute from that wall time (feasible points only: both skip fast >= slow without a backtest),
aitrader's own search time (`doc["search"]["elapsed_s"]`), and CPU seconds of this process plus
its reaped worker processes. "trials/min after 1st result" is aitrader's rate from its first trial's result to its
last (the pool already up). `--repeat N` runs the contenders of a case in N interleaved rounds and
keeps each one's fastest wall time (this shared machine's speed drifts). No figure is asserted.

What this benchmark found and what changed because of it: workers were spawned, and each
re-imported the backtest stack (pandas via TA-Lib, SQLAlchemy: ~3.5 CPU s) before its first trial,
more than a whole one-year 1h study; they are forked now. `compute_metrics` used `np.dot`, which
woke an OpenBLAS thread per core in every worker and roughly doubled a trial's CPU on 1m bars; it
no longer calls BLAS. `--blas-threads N` still sets OPENBLAS/OMP/MKL threads for both sides.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
# --blas-threads N: set before numpy loads OpenBLAS, here and in every worker (spawned workers inherit
# the environment; forked ones the loaded library)
os.environ.update(
    dict.fromkeys(
        ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"),
        sys.argv[sys.argv.index("--blas-threads") + 1],
    )
    if "--blas-threads" in sys.argv[1:-1]
    else {}
)

import numpy as np

# only what the optimiser's own workers import anyway: a spawned worker re-imports this script
from aitrader.domain import Candles
from aitrader.optimize.evaluate import TrialSetup
from aitrader.optimize.pool import TrialRunner
from optimize_runs import FEE, Grid, Run, feasible, run_ours, run_peer

FAR: Grid = {"stop_pct": [0.5], "target_pct": [4.0]}
SMA_GRID: dict[str, Grid] = {
    # the stop and target far away (sma_cross's defaults are 3%/6%): the peer port has neither
    "full": {"fast": list(range(5, 51, 5)), "slow": list(range(20, 201, 20)), **FAR},
    "small": {"fast": [10, 20], "slow": [40, 80], **FAR},
}
CONFLUENCE_GRID: dict[str, Grid] = {
    "full": {"ema_fast": [10, 20, 30], "ema_slow": [50, 100], "rr2": [3.0, 5.0]},
    "small": {"ema_fast": [10, 20], "ema_slow": [50], "rr2": [3.0]},
}


# ---- one case --------------------------------------------------------------------------------------
@dataclass
class Case:
    title: str
    strategy: str
    candles: Candles
    grid: Grid
    setup: TrialSetup
    factory: Callable[[TrialSetup, Candles, int], TrialRunner] | None
    peer_cash: float
    peer_size: float  # SmaCrossGrid's size: < 1 a share of equity, else whole satoshis
    exact: bool  # the peer runs the same rule (parity expected)
    sizing: str


def measure(case: Case, args: argparse.Namespace, console: Any, peer_ok: bool) -> list[Run]:
    jobs = [args.jobs] + ([1] if args.jobs != 1 and not args.no_jobs1 else [])
    contenders: list[tuple[str, Callable[[], Run]]] = [
        (
            f"ours{j}",
            lambda j=j: run_ours(case.strategy, case.candles, case.grid, case.setup, j, case.factory),
        )
        for j in jobs
    ]
    if peer_ok:
        contenders.append(
            (
                "peer",
                lambda: run_peer(
                    case.strategy, case.candles, case.grid, case.peer_cash, args.peer_jobs, case.peer_size
                ),
            )
        )
    best: dict[str, Run] = {}
    rounds = max(args.repeat, 1)
    for k in range(rounds):
        for label, job in contenders:
            console.print(f"  round {k + 1}/{rounds}: {label} ...")
            r = job()
            if label not in best or r.wall < best[label].wall:
                best[label] = r
    return [best[label] for label, _ in contenders]


def report(case: Case, runs: list[Run], console: Any, tolerance: float) -> None:
    from rich.table import Table

    ours = [r for r in runs if r.name.startswith("aitrader")]
    peer = next((r for r in runs if r.name.startswith("backtesting")), None)
    table = Table(title=case.title)
    for col in (
        "engine",
        "points",
        "wall s",
        "trials/min (wall)",
        "search s",
        "trials/min after 1st result",
        "CPU s",
        "CPU s / trial",
        "vs backtesting.py: trials/min, CPU/trial",
    ):
        table.add_column(col, justify="left" if col == "engine" else "right")
    for r in runs:
        ratio = "-"
        if peer is not None and r is not peer:
            ratio = (
                f"{r.per_minute / peer.per_minute:.1f}x, {(peer.cpu / peer.points) / (r.cpu / r.points):.1f}x"
            )
        table.add_row(
            r.name,
            f"{r.points}",
            f"{r.wall:.2f}",
            f"{r.per_minute:,.1f}",
            f"{r.search_s:.2f}" if r.search_s is not None else "-",
            f"{r.steady:,.1f}" if r.steady is not None else "-",
            f"{r.cpu:.2f}",
            f"{r.cpu / r.points:.3f}",
            ratio,
        )
    console.print(table)
    console.print(f"  sizing: {case.sizing}")
    if peer is None or not ours:
        return
    ref = ours[0]
    same_ours = all(
        abs(o.values.get(k, np.nan) - v) <= 1e-12 for o in ours[1:] for k, v in ref.values.items()
    )
    if len(ours) > 1:
        console.print(f"  aitrader jobs {ours[0].jobs} and jobs 1 give the same values: [bold]{same_ours}[/]")
    if case.exact:
        parity(ref, peer, console, tolerance)
    else:
        side_by_side(case, ref, peer, console)


def parity(ours: Run, peer: Run, console: Any, tolerance: float) -> None:
    shared = [k for k in ours.values if k in peer.values and np.isfinite(peer.values[k])]
    no_peer = [k for k in ours.values if k not in shared]  # backtesting.py gives NaN without a closed trade
    diffs = np.array([abs(ours.values[k] - peer.values[k]) for k in shared])
    worst = float(diffs.max()) if len(diffs) else float("nan")
    within = int((diffs <= tolerance).sum())
    console.print(
        f"  objective parity on {len(shared)} shared points: max |total return difference| "
        f"[bold]{worst:.2e}[/]; {within}/{len(shared)} within {tolerance:g} (all-in entries are sized "
        "to whole satoshis by rules that may differ by one satoshi, <= 7e-8 of 10,000 at 2021 prices "
        "per entry; 1 BTC entries only by float rounding)"
        + (
            f"; {len(no_peer)} points without a closed trade in backtesting.py "
            f"(aitrader trades there: {sorted(ours.trades[k] for k in no_peer)})"
            if no_peer
            else ""
        )
    )
    if len(diffs) and worst > tolerance:
        k = shared[int(diffs.argmax())]
        console.print(
            f"  largest at {k}: aitrader {ours.values[k]:.10f}, backtesting.py {peer.values[k]:.10f}"
        )


def side_by_side(case: Case, ours: Run, peer: Run, console: Any) -> None:
    from rich.table import Table

    table = Table(title=f"{case.title}: total return per point (the port is NOT identical)")
    for col in (*case.grid, "aitrader", "aitrader trades", "backtesting.py port", "difference"):
        table.add_column(col, justify="right")
    a, b = [], []
    for k in sorted(ours.values):
        theirs = peer.values.get(k, float("nan"))
        mine = ours.values[k]
        table.add_row(
            *(f"{v:g}" for v in k),
            f"{mine:+.4f}",
            f"{ours.trades[k]}",
            f"{theirs:+.4f}" if np.isfinite(theirs) else "no closed trade",
            f"{theirs - mine:+.1e}" if np.isfinite(theirs) else "-",
        )
        if np.isfinite(theirs):
            a.append(mine)
            b.append(theirs)
    console.print(table)
    if len(a) >= 3 and np.std(a) > 0 and np.std(b) > 0:
        pearson = float(np.corrcoef(a, b)[0, 1])
        spearman = float(np.corrcoef(np.argsort(np.argsort(a)), np.argsort(np.argsort(b)))[0, 1])
        console.print(
            f"  correlation of the objective over {len(a)} points: Pearson {pearson:.3f}, Spearman {spearman:.3f}"
        )


# ---- data and main --------------------------------------------------------------------------------
def year_1h(year: int) -> Candles:
    from datetime import UTC, datetime

    from aitrader.data import load_sample

    c = load_sample("BTCUSDT", "1h")
    lo, hi = (int(datetime(y, 1, 1, tzinfo=UTC).timestamp() * 1000) for y in (year, year + 1))
    t = np.asarray(c.open_time)
    return c.slice(int(np.searchsorted(t, lo)), int(np.searchsorted(t, hi)))


def cases(args: argparse.Namespace) -> list[Case]:
    from aitrader.domain import Timeframe
    from real_shaped import real_shaped_btc_1m

    datasets: list[tuple[str, Candles]] = []
    if not args.skip_1h:
        datasets.append((f"BTCUSDT 1h {args.year}", year_1h(args.year)))
    if not args.skip_1m:
        datasets.append(("real-shaped 1m", real_shaped_btc_1m(args.bars)))
    sma, conf = SMA_GRID[args.grid], CONFLUENCE_GRID[args.grid]
    out: list[Case] = []
    for label, c in datasets:
        tf, what = c.timeframe, f"{len(c):,} bars of {label}"
        fixed = tf is Timeframe.M1 and not args.all_in_1m
        cash = 1_000_000.0 if fixed else 10_000.0
        if not args.skip_parity:
            out.append(
                Case(
                    f"sma_cross grid ({len(feasible('sma_cross', sma))} points) on {what}",
                    "sma_cross",
                    c,
                    sma,
                    TrialSetup(
                        "sma_cross",
                        tf,
                        cash,
                        FEE,
                        all_in=True,
                        fixed_qty=1.0 if fixed else None,
                        close_at_end=False,
                    ),
                    None,
                    cash,
                    1e8 if fixed else 0.9999999999,
                    True,
                    "1 BTC per entry from 1,000,000 (AllInSizer(fixed_qty=1) / size=100,000,000 satoshis)"
                    if fixed
                    else "all-in from 10,000 (AllInSizer / size=0.9999999999)",
                )
            )
        if not args.skip_confluence:
            out.append(
                Case(
                    f"confluence grid ({len(feasible('confluence', conf))} points) on {what}",
                    "confluence",
                    c,
                    conf,
                    TrialSetup("confluence", tf, 10_000.0, FEE, risk=0.01, close_at_end=False),
                    None,
                    10_000.0,
                    0.0,
                    False,
                    "aitrader: RiskGate, 1% risk from 10,000; backtesting.py: its approximation "
                    "(optimize_peers.ConfluencePort)",
                )
            )
    return out


def warm_up(console: Any, peer_ok: bool) -> None:
    """Imports and first-call costs paid before timing (each timed call still starts its own pool)."""
    from real_shaped import real_shaped_btc_1m

    c = real_shaped_btc_1m(3_000)
    grid = {"fast": [10], "slow": [30], **FAR}
    run_ours("sma_cross", c, grid, TrialSetup("sma_cross", c.timeframe, 10_000.0, FEE, all_in=True), 1, None)
    if peer_ok:
        run_peer("sma_cross", c, grid, 10_000.0, 1, 0.9999999999)
    console.print("warm-up done")


def main() -> None:
    from rich.console import Console

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bars", type=int, default=1_000_000, help="real-shaped 1m bars (default 1,000,000)")
    ap.add_argument("--year", type=int, default=2021, help="year of the BTCUSDT 1h sample")
    ap.add_argument("--grid", choices=("full", "small"), default="full")
    ap.add_argument("--jobs", type=int, default=2, help="aitrader's and backtesting.py's worker processes")
    ap.add_argument("--peer-jobs", type=int, default=None, help="backtesting.py's processes (default --jobs)")
    ap.add_argument("--no-jobs1", action="store_true", help="skip aitrader's single-process run")
    ap.add_argument("--repeat", type=int, default=1, help="interleaved rounds per case; fastest wall kept")
    ap.add_argument("--skip-1h", action="store_true")
    ap.add_argument("--skip-1m", action="store_true")
    ap.add_argument("--skip-parity", action="store_true", help="skip the sma_cross case")
    ap.add_argument("--skip-confluence", action="store_true")
    ap.add_argument("--skip-peer", action="store_true", help="aitrader only")
    ap.add_argument("--all-in-1m", action="store_true", help="all-in sizing on the 1m bars too")
    ap.add_argument(
        "--blas-threads",
        type=int,
        default=None,
        help="OpenBLAS threads in every process, written --blas-threads N (default: one per core; see above)",
    )
    ap.add_argument(
        "--tolerance",
        type=float,
        default=1e-6,
        help="|total return difference| counted as the same value (see the printed note)",
    )
    args = ap.parse_args()
    os.environ.setdefault("TQDM_DISABLE", "1")  # backtesting.py's progress bars (read when tqdm is imported)
    args.peer_jobs = args.peer_jobs or args.jobs
    console = Console(width=max(Console().width, 160))

    peer_ok = not args.skip_peer
    version = "-"
    if peer_ok:
        try:
            import backtesting

            import optimize_peers  # noqa: F401

            version = backtesting.__version__
        except ImportError as exc:
            console.print(f"[yellow]peer missing:[/] backtesting.py ({exc.name}); run `uv sync`")
            peer_ok = False
    load = os.getloadavg()
    console.print(
        f"[bold]machine:[/] os.cpu_count() = {os.cpu_count()}, load average {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f}, {platform.python_implementation()} {platform.python_version()}, "
        f"backtesting.py {version}; aitrader --jobs {args.jobs}, backtesting.py {args.peer_jobs} processes; "
        f"OpenBLAS threads per process: {os.environ.get('OPENBLAS_NUM_THREADS', 'its default (one per core)')}"
    )
    warm_up(console, peer_ok)
    started = time.perf_counter()
    for case in cases(args):
        console.print(f"[bold]{case.title}[/]")
        report(case, measure(case, args, console, peer_ok), console, args.tolerance)
    console.print(f"total {time.perf_counter() - started:.0f} s")
    if peer_ok and not args.skip_confluence:
        console.print(
            "The confluence port decides with aitrader's own masks and proposals but sizes, gates and "
            "fills its own way (optimize_peers.ConfluencePort): its throughput is comparable, its "
            "objective values are close, not identical."
        )
    flags = " ".join(a for a in sys.argv[1:])
    console.print(f"command: uv run python benchmarks/bench_optimize.py {flags}".rstrip())


if __name__ == "__main__":
    main()

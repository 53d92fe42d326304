"""Fault matrix: SIGKILL the real live bot at every step of an order's life, restart it, and measure
on the exchange side what the crash cost.

The bot is the `aitrader trade` CLI as a separate OS process, against a local exchange this script
serves on 127.0.0.1 (stepped replay of the real BTCUSDT 1m sample). The exchange's admin side
(aitrader.venues.local: protection monitor, hooks, external actions) kills the bot before or after
it acts on a request, when an OCO leg fills, or the bot kills itself after its Nth journal commit
(AITRADER_DIE_AT=commit:N). Each row's guarantees:

- naked: no sellable quantity of the bot's position without a stop on the exchange for more than
  3 s, counted from the restarted process's start (exec, imports included);
- doubles: no client order id or list client id accepted twice;
- foreign: no coin sold that the bot did not buy (0.5 BTC of the user's own in some rows);
- journal = exchange after every restart: the same open OCO lists and held quantity;
- external cancels re-protected within 1 s (no candle closes while waiting).

The two-symbol rows (`fault_two_symbols.py`) kill at the same steps while BTCUSDT and ETHUSDT both
have a position open (`trade --symbols BTCUSDT,ETHUSDT`) and measure naked seconds per symbol;
`--only two_symbols` runs just them (a second table gives each run's seconds per symbol).

Run:   uv run python benchmarks/fault_matrix.py [--quick] [--only NAME] [--runs N] [--seed 7] [--json PATH]
Exit status 1 when a guarantee is broken. See benchmarks/README.md ("Fault matrix").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.console import Console
from rich.table import Table

from fault_harness import RunResult
from fault_scenarios import Scenario, run_once, select
from fault_two_symbols import TwoSymbolScenario, per_symbol_rows, run_two
from fault_two_symbols import select as select_two

NAKED_LIMIT_S = 3.0
REPROTECT_LIMIT_S = 1.0


async def run_matrix(
    scenarios: list[Scenario | TwoSymbolScenario],
    runs: int | None,
    seed: int,
    workdir: Path,
    console: Console | None = None,
) -> list[RunResult]:
    rng = random.Random(seed)
    out: list[RunResult] = []
    total = sum(runs or s.repeat for s in scenarios)
    for scn in scenarios:
        for n in range(runs or scn.repeat):
            folder = workdir / f"{scn.name.replace(':', '-')}-{n + 1}"
            folder.mkdir(parents=True, exist_ok=True)
            if isinstance(scn, TwoSymbolScenario):
                result: RunResult = await run_two(scn, n + 1, folder)
            else:
                result = await run_once(scn, n + 1, folder, rng)
            out.append(result)
            if console is not None:
                bad = result.failures(NAKED_LIMIT_S, REPROTECT_LIMIT_S)
                verdict = "[green]ok[/]" if not bad else f"[red]{'; '.join(bad)}[/]"
                console.print(
                    f"[{len(out)}/{total}] {scn.name} run {n + 1}: {verdict} ({result.wall_s:.0f} s)",
                    highlight=False,
                )
    return out


def rows(results: list[RunResult]) -> list[dict[str, Any]]:
    """One summary per table row, in scenario order."""
    grouped: dict[str, list[RunResult]] = {}
    for r in results:
        grouped.setdefault(r.row, []).append(r)
    out = []
    for row, rs in grouped.items():
        reprotect = [r.reprotect_s for r in rs if r.reprotect_s is not None]
        failures = [
            f"{r.scenario}#{r.run}: {f}" for r in rs for f in r.failures(NAKED_LIMIT_S, REPROTECT_LIMIT_S)
        ]
        out.append(
            {
                "row": row, "runs": len(rs), "kills": sum(r.kills for r in rs),
                "naked_at_kill": sum(r.naked_at_kill for r in rs),
                "external": all(r.kill_wanted == 0 for r in rs),
                "max_naked_s": max(r.naked_after_restart_s for r in rs),
                "doubles": sum(len(r.doubles) for r in rs),
                "foreign_sold": str(sum((r.foreign_sold for r in rs), Decimal(0))),
                "journal_ok": sum(r.journal_ok and not r.error for r in rs),
                "reprotect_s": max(reprotect) if reprotect else None,
                "failures": failures,
            }
        )  # fmt: skip
    return out


def table(summary: list[dict[str, Any]]) -> Table:
    t = Table(title="Fault matrix: real bot process, SIGKILL, restart; measured on the exchange")
    for name, justify in (("scenario", "left"), ("runs", "right"), ("kills", "right"), ("naked at kill", "right"),
                          ("max naked s after restart", "right"), ("doubles", "right"), ("foreign sold", "right"),
                          ("journal = exchange", "right"), ("re-protect s", "right"), ("verdict", "left")):  # fmt: skip
        t.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for s in summary:
        naked = "-" if s["external"] else f"{s['max_naked_s']:.2f}"
        reprotect = "-" if s["reprotect_s"] is None else f"{s['reprotect_s']:.2f}"
        verdict = "[green]ok[/]" if not s["failures"] else "[red]" + "; ".join(s["failures"][:3]) + (
            f" (+{len(s['failures']) - 3} more)" if len(s["failures"]) > 3 else ""
        ) + "[/]"  # fmt: skip
        t.add_row(s["row"], str(s["runs"]), str(s["kills"]), "-" if s["external"] else str(s["naked_at_kill"]), naked, str(s["doubles"]), s["foreign_sold"],
                  f"{s['journal_ok']}/{s['runs']}", reprotect, verdict)  # fmt: skip
    return t


def symbol_table(runs: list[dict[str, Any]]) -> Table:
    t = Table(title="Two symbols: naked seconds per symbol after the restart (exchange side)")
    for name in ("scenario", "held at kill", "naked at kill", "BTCUSDT s", "ETHUSDT s"):
        t.add_column(name, overflow="fold")
    for r in runs:
        naked = ", ".join(s for s, v in r["naked_at_kill"].items() if v) or "-"
        secs = r["naked_after_restart_s"]
        t.add_row(f"{r['scenario']} #{r['run']}", ", ".join(r["held_at_kill"]) or "-", naked,
                  f"{secs.get('BTCUSDT', 0.0):.2f}", f"{secs.get('ETHUSDT', 0.0):.2f}")  # fmt: skip
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--only", help="one scenario (name or row, e.g. between_ocos, commit:3, commit, two_symbols)"
    )
    ap.add_argument("--runs", type=int, help="runs per scenario (default: each scenario's own)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the random kill times")
    ap.add_argument("--quick", action="store_true", help="one run per scenario, every third commit point")
    ap.add_argument("--json", type=Path, help="write every run and the summary here")
    ap.add_argument("--keep", action="store_true", help="keep the work folders (bot logs, journals)")
    args = ap.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 200)  # a file or pipe gets whole rows
    scenarios: list[Scenario | TwoSymbolScenario] = [
        *select(args.only, args.quick),
        *select_two(args.only, args.quick),
    ]
    if not scenarios:
        console.print(f"no scenario matches {args.only!r}")
        return 2
    runs = 1 if args.quick and args.runs is None else args.runs
    workdir = Path(tempfile.mkdtemp(prefix="fault-matrix-"))
    t0 = time.monotonic()
    results = asyncio.run(run_matrix(scenarios, runs, args.seed, workdir, console))
    summary = rows(results)
    console.print(table(summary))
    by_symbol = per_symbol_rows(results)
    if by_symbol:
        console.print(symbol_table(by_symbol))
    broken = sum(len(s["failures"]) for s in summary)
    kills = sum(s["kills"] for s in summary)
    console.print(
        f"{len(results)} runs, {kills} kills in {time.monotonic() - t0:.0f} s; limits: naked <= {NAKED_LIMIT_S} s "
        f"after restart, re-protect <= {REPROTECT_LIMIT_S} s; {broken} broken guarantee(s)"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {"summary": summary, "runs": [r.to_json() for r in results], "per_symbol": by_symbol},
                indent=1,
            )
        )
    if args.keep:
        console.print(f"work folders: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())

"""What `--strategy llm` costs per decision with a real model, read from the run's own traces.

Runs the LLM adviser over a window of real candles against any OpenAI-compatible server you start
(a local llama.cpp / Ollama / vLLM server, or a hosted one), in a fresh telemetry folder, then
reads `agents-trace.jsonl` back (`agents.llm.trace_views`: what `aitrader traces` shows) and prints
per decision: model calls, prompt and completion tokens, latency (p50/p95), and what the decisions
were (a proposal, a refusal by the overlays, a reply that never validated). Then it backtests the
same window again with `answers=replay` (no model: the server is not asked) and checks that the
trades and equity are identical.

    python -m llama_cpp.server --model SmolLM2-135M-Instruct.Q4_1.gguf --port 8081 --n_ctx 8192 &
    uv run python benchmarks/llm_adviser_run.py --base-url http://127.0.0.1:8081/v1 --model smollm2-135m \\
        --from "2024-03-01" --to "2024-03-03"
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from aitrader.agents.llm.trace import read_trace
from aitrader.agents.llm.trace_views import group_by_decision, percentile, totals
from aitrader.backtest.engine import BacktestConfig, BacktestResult, run_backtest
from aitrader.backtest.inputs import build_strategy, load_candles
from aitrader.domain import Timeframe
from aitrader.domain.timeframe import parse_time


def _run(symbol: str, tf: Timeframe, start: str, end: str, params: dict[str, Any]) -> BacktestResult:
    strategy = build_strategy("llm", params, tf)
    loaded = load_candles(
        symbol, tf, start_ms=parse_time(start), end_ms=parse_time(end), warmup=strategy.warmup
    )
    return run_backtest(strategy, loaded.candles, BacktestConfig(cash=10_000.0, fee=0.001))


def _kind(verdict: str) -> str:
    if verdict.startswith("enter") or verdict.startswith("exit"):
        return "proposal to the gate"
    if "failed validation" in verdict or "not valid JSON" in verdict:
        return "no trade: the reply never validated"
    if verdict.startswith("no trade:"):
        return "no trade: the model held, or an overlay refused"
    return "no decision: " + verdict[:60]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--symbol", default="BTCUSDT")
    ap.add_argument("--timeframe", default="1h")
    ap.add_argument("--from", dest="start", default="2024-03-01")
    ap.add_argument("--to", dest="end", default="2024-03-03")
    ap.add_argument("--deadline", type=float, default=600.0, help="seconds a decision may take")
    args = ap.parse_args()
    console = Console()
    folder = Path(tempfile.mkdtemp(prefix="llm-run-"))
    os.environ.update(
        AITRADER_LLM_BASE_URL=args.base_url, AITRADER_LLM_MODEL=args.model,
        AITRADER_TELEMETRY=str(folder / "telemetry.jsonl"), AITRADER_LLM_DEADLINE_S=str(args.deadline),
        AITRADER_LLM_TIMEOUT_S=str(args.deadline), AITRADER_LLM_TOKEN_BUDGET=str(10**9),
    )  # fmt: skip
    tf = Timeframe.parse(args.timeframe)
    began = time.perf_counter()
    first = _run(args.symbol, tf, args.start, args.end, {"answers": "live"})
    wall = time.perf_counter() - began
    records, bad = read_trace(folder / "agents-trace.jsonl")
    groups = [g for g in group_by_decision(records) if g.calls]
    t = totals(groups)
    per = max(1, t.decisions)
    verdicts = Counter(
        _kind(str((d.get("decision") or {}).get("verdict", "")))
        for g in groups
        for d in g.decisions
        if isinstance(d.get("decision"), dict)
    )
    calls_per = [len(g.calls) for g in groups]
    tokens_in = [g.prompt_tokens for g in groups]
    tokens_out = [g.completion_tokens for g in groups]

    del os.environ["AITRADER_LLM_BASE_URL"]  # the replay: no model configured at all
    again = _run(args.symbol, tf, args.start, args.end, {"answers": "replay"})
    identical = again.trades == first.trades and again.equity.tolist() == first.equity.tolist()

    table = Table(title=f"--strategy llm, {args.model} at {args.base_url}: {args.symbol} {tf.value} "
                        f"{args.start} .. {args.end}")  # fmt: skip
    table.add_column("per decision", no_wrap=True)
    table.add_column("median", justify="right")
    table.add_column("p95", justify="right")
    table.add_column("total", justify="right")
    table.add_row(
        "model calls", f"{percentile(calls_per, 50):g}", f"{percentile(calls_per, 95):g}", f"{t.calls:,}"
    )
    table.add_row("prompt tokens", f"{percentile(tokens_in, 50):,.0f}", f"{percentile(tokens_in, 95):,.0f}",
                  f"{t.prompt_tokens:,}")  # fmt: skip
    table.add_row("completion tokens", f"{percentile(tokens_out, 50):,.0f}", f"{percentile(tokens_out, 95):,.0f}",
                  f"{t.completion_tokens:,}")  # fmt: skip
    table.add_row("latency (s)", f"{(t.latency_p50_ms or 0) / 1000:.1f}", f"{(t.latency_p95_ms or 0) / 1000:.1f}",
                  f"{wall:,.0f} wall")  # fmt: skip
    console.print(table)
    console.print(f"decisions that called the model: {t.decisions} ({t.calls / per:.1f} calls each); "
                  f"unavailable calls: {t.unavailable}; unreadable trace lines: {bad}")  # fmt: skip
    for kind, n in verdicts.most_common():
        console.print(f"  {n:>3}  {kind}")
    console.print(f"trades: {len(first.trades)}; replay with answers=replay and no model configured: "
                  f"{'identical trades and equity' if identical else 'DIFFERENT'}")  # fmt: skip
    console.print(f"[dim]trace and recordings kept in {folder}[/dim]")


if __name__ == "__main__":
    main()

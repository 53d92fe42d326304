"""Live-path latency: closed-candle WebSocket message arriving → order request leaving.

Replays the real BTCUSDT 1m sample on the local exchange (stepped: one candle at a time, so no
queueing is measured) and runs the live bot against it over real sockets (kline WebSocket, signed
REST through ccxt, WS API user data). For every closed candle the bot's telemetry records

- candle → decision done: frame read off the socket → strategy features on the trailing window,
  proposal, risk gate verdict, orders sent, journal + telemetry written;
- candle → order request: frame read → the entry/exit request handed to ccxt (only candles that
  traded).

Run:  uv run python benchmarks/bench_latency.py [--candles 1500] [--paper]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from aitrader.live.runner import LiveRunner  # noqa: E402
from aitrader.live.telemetry import LoopRecord  # noqa: E402, F401
from live.helpers import TARGET_START_MS, exchange, run_config, started, step_candles  # noqa: E402


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


async def bench(candles: int, paper: bool) -> None:
    import json

    from live import helpers

    helpers._CANDLES.clear()
    tmp = Path(tempfile.mkdtemp(prefix="bench-latency-"))
    original = helpers.sample_around
    helpers.sample_around = lambda start_ms, before=2500, after=candles + 50: original(
        start_ms, before, after
    )  # type: ignore[assignment]
    async with exchange(TARGET_START_MS) as ex:
        runner = LiveRunner(run_config(ex, tmp, paper=paper))
        task = asyncio.create_task(runner.run())
        await started(runner)
        t0 = time.perf_counter()
        await step_candles(ex, runner, candles, timeout=120)
        wall = time.perf_counter() - t0
        runner.request_stop("benchmark over")
        await task
    records = [json.loads(line) for line in (tmp / "telemetry.jsonl").read_text().splitlines()]
    done = [
        r["latency_us"]["candle_to_done_us"] / 1000 for r in records if "candle_to_done_us" in r["latency_us"]
    ]
    traded = [r for r in records if "candle_to_order_us" in r["latency_us"]]
    order = [r["latency_us"]["candle_to_order_us"] / 1000 for r in traded]
    entries = [
        r["latency_us"]["candle_to_order_us"] / 1000
        for r in traded
        if r["orders"] and r["orders"][0]["kind"] == "MARKET" and r["orders"][0].get("side") == "BUY"
    ]
    exits = [
        r["latency_us"]["candle_to_order_us"] / 1000
        for r in traded
        if r["orders"] and r["orders"][0]["kind"] == "cancel OCO"
    ]
    decide = [r["latency_us"]["decide_us"] / 1000 for r in records if "decide_us" in r["latency_us"]]
    mode = "paper" if paper else "live (local exchange, real sockets)"
    print(
        f"bench_latency: {len(records)} closed candles of real BTCUSDT 1m, mode {mode}, window {runner.kernel.window}"
    )
    print(f"{'measure':42s} {'n':>6s} {'p50 ms':>9s} {'p99 ms':>9s} {'max ms':>9s}")
    for name, vals in (
        ("candle msg -> first order request leaves", order),
        ("  of which entries (the BUY leaves)", entries),
        ("  of which exits (the OCO cancel leaves)", exits),
        ("candle msg -> decision loop done", done),
        ("decision only (features+strategy+gate)", decide),
    ):
        top = max(vals) if vals else float("nan")
        print(f"{name:42s} {len(vals):6d} {pct(vals, 50):9.2f} {pct(vals, 99):9.2f} {top:9.2f}")
    print(
        f"wall {wall:.1f}s for {candles} stepped candles; entries {runner.state.entries}, exits {runner.state.exits}"
    )
    print(
        f"reproduce: uv run python benchmarks/bench_latency.py --candles {candles}{' --paper' if paper else ''}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candles", type=int, default=1500)
    ap.add_argument("--paper", action="store_true")
    args = ap.parse_args()
    asyncio.run(bench(args.candles, args.paper))


if __name__ == "__main__":
    main()

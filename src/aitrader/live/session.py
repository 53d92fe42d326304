"""Run a `LiveRunner` from a command line: Ctrl-C handling, the terminal view, the final summary."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

from rich.console import Console

from aitrader.live.config import RunConfig
from aitrader.live.runner import LiveRunner
from aitrader.live.session_file import published_run, run_mode
from aitrader.live.state import LiveState
from aitrader.live.summary import RunSummary
from aitrader.live.view import show_while, summary_table


async def run_session(
    cfg: RunConfig,
    console: Console,
    view: bool = True,
    demo: bool = False,
    publish: bool = True,
    stop: asyncio.Event | None = None,
    on_runner: Callable[[LiveRunner], None] | None = None,
) -> RunSummary:
    """Run `cfg` until it stops. While it runs, its session file lets `aitrader chat` attach
    (`publish`; `demo --chat`, which outlives the run, publishes it itself). Setting `stop` ends the
    run as Ctrl-C does. `on_runner` is handed the runner before it starts (`--serve`: the API
    follows it)."""
    with published_run(cfg, run_mode(cfg, demo)) if publish else contextlib.nullcontext():
        return await _run(cfg, console, view, stop, on_runner)


async def _run(
    cfg: RunConfig,
    console: Console,
    view: bool,
    stop: asyncio.Event | None,
    on_runner: Callable[[LiveRunner], None] | None = None,
) -> RunSummary:
    state = LiveState(
        cfg.symbol, cfg.interval.value, "paper" if cfg.paper else "live", cfg.venue_name, symbols=cfg.symbols
    )
    runner = LiveRunner(cfg, state)
    if on_runner is not None:
        on_runner(runner)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # non-Unix loops, other threads
            loop.add_signal_handler(sig, runner.request_stop, "Ctrl-C" if sig is signal.SIGINT else "SIGTERM")
    task = asyncio.create_task(runner.run())
    if stop is not None:
        waiter = asyncio.create_task(stop.wait())
        waiter.add_done_callback(lambda w: None if w.cancelled() else runner.request_stop("asked to stop"))
        task.add_done_callback(lambda _: waiter.cancel())
    if view and console.is_terminal:
        summary = await show_while(state, task, console)
    else:
        summary = await task
        for line in list(state.events):
            console.print(line, highlight=False, markup=False)
    return summary


def print_summary(summary: RunSummary, console: Console, leaves_orders: bool = True) -> None:
    console.print(summary_table(summary))
    st = summary.state
    if st.position != "flat" and leaves_orders:
        what = "Each open position keeps its" if st.portfolio else "The open position keeps its"
        console.print(
            f"[yellow]{what} protective OCO (stop-loss + take-profit) on the exchange; "
            "restart `aitrader trade` to resume managing it.[/]"
        )
    elif st.position == "flat":
        console.print("No open position; no orders of ours are left working.")

"""`aitrader demo --chat`: the demo trades in a background thread while the chat prompt runs here.

The live view and a prompt cannot share a terminal, so the run is quiet: its log lines and final
summary go to `demo.log` in the demo's folder (telemetry.jsonl there gets one line per candle as it
happens). When the trading ends (--max-runtime, --max-candles) the prompt says so and the local
exchange stays up, so the account can still be asked about; leaving the chat ('exit', Ctrl-D,
Ctrl-C) stops the trading if it still runs, then the exchange. The session file is published the
whole time, so `aitrader chat` in another terminal attaches to the demo as well.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from aitrader.agents.chat.factory import ChatEngine
    from aitrader.live.config import RunConfig
    from aitrader.live.summary import RunSummary
    from aitrader.venues.local import LocalExchangeConfig

JOURNAL_WAIT_S = 30.0  # the run creates its journal within a second or two of starting


@dataclass
class _Demo:
    """What the trading thread hands to the prompt."""

    ready: threading.Event = field(default_factory=threading.Event)
    trading_done: threading.Event = field(default_factory=threading.Event)
    loop: asyncio.AbstractEventLoop | None = None
    stop: asyncio.Event | None = None  # set: stop trading
    close: asyncio.Event | None = None  # set: shut the exchange down
    cfg: RunConfig | None = None
    summary: RunSummary | None = None
    error: BaseException | None = None

    def signal(self, event: asyncio.Event | None) -> None:
        if self.loop is not None and event is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(event.set)


async def _serve(
    demo: _Demo, config: LocalExchangeConfig, workdir: Path, run: dict[str, Any], out: Console
) -> None:
    from aitrader.live.config import local_exchange_config
    from aitrader.live.session import print_summary, run_session
    from aitrader.venues.local import LocalExchange

    demo.loop = asyncio.get_running_loop()
    demo.stop, demo.close = asyncio.Event(), asyncio.Event()
    async with LocalExchange(config) as ex:
        demo.cfg = cfg = local_exchange_config(ex, workdir, **run)
        demo.ready.set()
        with (workdir / "demo.log").open("w") as fh:
            log = Console(file=fh, width=120, emoji=False)
            try:
                demo.summary = await run_session(
                    cfg, log, view=False, demo=True, publish=False, stop=demo.stop
                )
                print_summary(demo.summary, log, leaves_orders=False)
            except Exception as exc:
                demo.error = exc
                log.print(f"demo failed: {type(exc).__name__}: {exc}", markup=False)
        demo.trading_done.set()
        if not demo.close.is_set():
            why = demo.summary.reason if demo.summary is not None else "it failed, see demo.log"
            out.print(
                f"\n[dim]demo: trading ended ({why}); the local exchange stays up until you leave the "
                "chat ('exit')[/dim]"
            )
        await demo.close.wait()


def _engine(cfg: RunConfig) -> ChatEngine:
    """The chat on the demo's account and journal (an LLM only when one is configured)."""
    from aitrader.agents.chat.factory import ChatOptions, ChatSetupError, build_engine
    from aitrader.config import load_settings
    from aitrader.config.settings import SettingsError

    try:
        settings = load_settings()
        opts = ChatOptions(
            rest_url=cfg.rest_url, api_key=cfg.api_key, api_secret=cfg.secret, journal=cfg.journal_path
        )
        return build_engine(settings, opts)
    except (ChatSetupError, SettingsError) as exc:
        fail(f"demo --chat: {exc}")


def demo_with_chat(config: LocalExchangeConfig, workdir: Path, run: dict[str, Any], console: Console) -> None:
    from aitrader.cli.commands.chat import repl
    from aitrader.live.session import print_summary
    from aitrader.live.session_file import published_run

    demo = _Demo()

    def trading() -> None:
        try:
            asyncio.run(_serve(demo, config, workdir, run, console))
        except BaseException as exc:
            demo.error = demo.error or exc
        finally:
            demo.ready.set()
            demo.trading_done.set()

    thread = threading.Thread(target=trading, name="demo-trading", daemon=True)
    thread.start()
    demo.ready.wait()
    cfg = demo.cfg
    if cfg is None:
        fail(f"demo failed: {type(demo.error).__name__}: {demo.error}")
    log_path, journal = workdir / "demo.log", Path(cfg.journal_path)
    try:
        with published_run(cfg, "demo", log_path):
            console.print(
                f"local exchange on {cfg.rest_url} replaying {', '.join(config.symbols)} 1m at "
                f"{config.speed:g}x; the demo trades {cfg.label} while you chat"
            )
            console.print(
                f"[dim]quiet mode (no live view while you chat): the run logs to {log_path}; journal "
                f"and telemetry.jsonl in {workdir}[/dim]"
            )
            deadline = time.monotonic() + JOURNAL_WAIT_S
            while not journal.exists() and not demo.trading_done.is_set() and time.monotonic() < deadline:
                time.sleep(0.1)
            repl(_engine(cfg))
    finally:
        demo.signal(demo.stop)
        demo.signal(demo.close)
        thread.join(timeout=60)
    if demo.summary is not None:
        print_summary(demo.summary, console, leaves_orders=False)
    elif demo.error is not None:
        fail(f"demo failed: {type(demo.error).__name__}: {demo.error} (log: {log_path})")
    console.print(f"log: {log_path} · telemetry: {workdir / 'telemetry.jsonl'} · journal: {journal}")

"""The API inside a running `demo` or `trade`: the hub hears the kernel's bus and the runner's state.

- The kernel's bus (verdicts, orders, order updates, fills) from the moment the kernel is built
  (`LiveRunner.on_kernel`: before any decision). What the bus says during a candle's loop is held
  and published when the loop's record is written (`LoopTap`), after that candle and with the
  loop's decision latency, so a client sees candle → decision → order in that order; what it says
  between loops (a stop filled, an operator's close) is published at once.
- The runner's `LiveState` and kernel, read on the loop every `poll_s`: the market stream, the
  position and its protection (as the view says it: "protected" only while it is true), equity,
  the reasons entries are refused (alarms), and the run's start and end.

Every callback here runs on the run's event loop and only reads memory the loop owns, builds dicts
and publishes; REST answers are copies taken there (`snapshot`), handed to the thread pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from aitrader.api.hub import EventHub, wall_ms
from aitrader.api.sources.base import IN_PROCESS, ChatTarget
from aitrader.api.sources.loop_tap import LoopTap
from aitrader.api.sources.run_watch import RunWatch, run_symbols

if TYPE_CHECKING:
    from aitrader.api.control import Controls
    from aitrader.api.reload import ReloadSettings
    from aitrader.api.sources.journal_view import JournalView
    from aitrader.engine.kernel import Kernel
    from aitrader.live.runner import LiveRunner
    from aitrader.live.telemetry import LoopRecord

EQUITY_POINTS = 10_000
log = logging.getLogger(__name__)


class InProcessSource:
    kind = IN_PROCESS

    def __init__(
        self,
        hub: EventHub | None = None,
        mode: str | None = None,
        poll_s: float = 0.2,
        allow_control: bool = False,
        reload: ReloadSettings | None = None,
    ) -> None:
        self.hub = hub if hub is not None else EventHub()
        self.mode = mode
        self.poll_s = poll_s
        self.allow_control = allow_control
        self.reload = reload
        self.runner: LiveRunner | None = None
        self.kernel: Kernel | None = None
        self.watch: RunWatch | None = None
        self._controls: Controls | None = None
        self._held: list[object] = []  # bus events of the loop in progress
        self._equity: deque[tuple[int, float]] = deque(maxlen=EQUITY_POINTS)
        self._snapshot: dict[str, Any] = {"positions": [], "balances": [], "status": {}}
        self._journal: JournalView | None = None
        self._journal_lock = threading.Lock()
        self._task: asyncio.Task[None] | None = None
        self._started = time.monotonic()

    # ---- wiring ----------------------------------------------------------------------------------
    def attach(self, runner: LiveRunner) -> None:
        """Follow `runner` (built, not started: `live.session.run_session(on_runner=...)`)."""
        self.runner = runner
        self.mode = self.mode or runner.state.mode
        runner.on_kernel = self._kernel_ready
        runner.telemetry = LoopTap(runner.telemetry, self._loop_done)
        if self.allow_control:
            from aitrader.api.control import Controls

            self._controls = Controls(runner, self.reload)
        self._refresh()

    def _kernel_ready(self, kernel: Kernel) -> None:
        assert self.runner is not None
        self.kernel = kernel
        self.watch = RunWatch(self.runner, kernel, self.hub, self.mode)
        kernel.bus.subscribe(None, self._on_bus)
        if self._controls is not None:
            self._controls.install(kernel)  # a constructor and an attribute: nothing here can fail a run

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._poll())

    async def stop(self) -> None:
        """The run is over (or the server stops): publish what is held and the run's end."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._flush(None)
        self._refresh()
        if self.watch is not None:
            self.watch.finished()
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    # ---- what happens ----------------------------------------------------------------------------
    def _mid_loop(self) -> bool:
        r = self.runner
        return r is not None and r.state.candles_seen != r.loops_done

    def _on_bus(self, event: object) -> None:
        """Called inside the kernel's publish: it must never raise into the trading loop."""
        try:
            if self._mid_loop():
                self._held.append(event)
            elif self.watch is not None:
                self.watch.publish_bus(event, None)
        except Exception:
            log.exception("the API could not take a %s from the bus", type(event).__name__)

    def _loop_done(self, record: LoopRecord) -> None:
        """A candle's loop wrote its record: the candle, then what the bus said during the loop."""
        watch = self.watch
        if watch is None:
            return
        watch.publish_candle(record.candle, record.symbol, record.interval)
        decide_us = record.latency_us.get("decide_us")
        self._flush(decide_us / 1000 if decide_us is not None else None)
        self._refresh()
        equity = watch.last_equity
        if equity is not None:
            self._equity.append((record.time_ms + watch.interval_ms, equity))

    def _flush(self, latency_ms: float | None) -> None:
        held, self._held = self._held, []
        if self.watch is not None:
            for event in held:
                try:
                    self.watch.publish_bus(event, latency_ms)
                except Exception:
                    log.exception("the API could not publish a %s", type(event).__name__)

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.poll_s)
            try:
                if not self._mid_loop():
                    self._flush(None)
                self._refresh()
            except Exception:  # the next look may do better; the run goes on regardless
                log.exception("the API could not read the run's state")

    def _refresh(self) -> None:
        """State-derived events and the REST snapshot (on the loop)."""
        runner = self.runner
        if runner is None:
            return
        status = self._status(runner)
        if self.watch is not None:
            self.watch.refresh()
            self._snapshot = {
                "positions": self.watch.positions(),
                "balances": self.watch.balances(),
                "status": status,
            }
            if not self._equity and self.watch.last_equity is not None:
                self._equity.append((wall_ms(), self.watch.last_equity))
        else:
            self._snapshot = {**self._snapshot, "status": status}

    def _status(self, runner: LiveRunner) -> dict[str, Any]:
        st, cfg = runner.state, runner.cfg
        watch = self.watch
        return {
            "mode": self.mode, "venue": cfg.venue_name, "strategy": cfg.strategy, "symbols": run_symbols(runner),
            "interval": cfg.interval.value, "run_id": watch.run_id if watch else None,
            "started_ms": watch.started_ms if watch else None, "connected": st.connection == "connected",
            "paused": self._controls.paused if self._controls is not None else False,
            "source": IN_PROCESS, "control": self._controls is not None,
            "equity": watch.last_equity if watch else None,
        }  # fmt: skip

    # ---- Source ----------------------------------------------------------------------------------
    @property
    def controls(self) -> Controls | None:
        return self._controls

    def status(self) -> dict[str, Any]:
        paused = self._controls is not None and self._controls.paused  # as of now, not the last look
        return {**self._snapshot["status"], "paused": paused}

    def positions(self) -> list[dict[str, Any]]:
        return list(self._snapshot["positions"])

    def balances(self) -> list[dict[str, Any]]:
        return list(self._snapshot["balances"])

    def equity(self, limit: int) -> list[dict[str, Any]]:
        points = list(self._equity)[-max(1, limit) :]
        return [{"time_ms": t, "equity": e} for t, e in points]

    def run_id(self) -> str | None:
        return self.watch.run_id if self.watch is not None else None

    def journal(self) -> JournalView | None:
        with self._journal_lock:  # asked from the thread pool: opened once
            if self._journal is None and self.runner is not None and self.run_id() is not None:
                from aitrader.api.sources.journal_view import JournalView

                self._journal = JournalView(self.runner.cfg.journal_path)
            return self._journal

    def chat_target(self) -> ChatTarget:
        cfg = self.runner.cfg if self.runner is not None else None
        if cfg is None or self.runner is None:
            return ChatTarget()
        keys = (cfg.api_key or None, cfg.secret or None) if not cfg.paper else (None, None)
        return ChatTarget(
            cfg.rest_url, keys[0], keys[1], cfg.journal_path, cfg.strategy, cfg.interval.value,
            tuple(run_symbols(self.runner)),
        )  # fmt: skip

    def health(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "session": self.run_id(),
            "uptime_s": round(time.monotonic() - self._started, 3),
        }

"""One in-process run as the contract's events: its bus events converted, and what its state says
(stream, positions and their protection, equity, alarms, the breaker, the run's start and end)
published when it changes. Used by `InProcessSource`, on the run's event loop only.

A portfolio run (several symbols, one kernel lane each) is followed symbol by symbol: every lane's
position, fills in each symbol's own base asset, the run's symbols in `run` and the status.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aitrader.api.bus_events import (
    decision_data,
    fill_data,
    num,
    order_submitted_data,
    order_update_data,
    position_data,
)
from aitrader.api.hub import EventHub, wall_ms
from aitrader.api.sources.position_events import PositionEvents
from aitrader.domain.plan import Rejection, RejectionCode
from aitrader.domain.proposal import Enter
from aitrader.engine.events import FillEvent, OrderEvent, OrderSubmitted, VerdictGiven

if TYPE_CHECKING:
    from aitrader.engine.kernel import Kernel
    from aitrader.live.runner import LiveRunner

_BREAKERS = (RejectionCode.DAILY_LOSS_LIMIT, RejectionCode.LOSS_STREAK_LOCKOUT)
_ZERO = (Decimal(0), Decimal(0))


def run_symbols(runner: LiveRunner) -> list[str]:
    """The symbols a run trades, in decision order (`RunConfig.symbols`; one: `symbol`)."""
    cfg = runner.cfg
    return list(getattr(cfg, "symbols", ()) or (cfg.symbol,))


class RunWatch:
    def __init__(self, runner: LiveRunner, kernel: Kernel, hub: EventHub, mode: str | None = None) -> None:
        self.runner = runner
        self.kernel = kernel
        self.hub = hub
        self.mode = mode or runner.state.mode
        self.symbol = kernel.symbol
        self.base, self.quote = kernel.instrument.base_asset, kernel.instrument.quote_asset
        self.interval_ms = runner.cfg.interval.duration_ms
        self.run_id: str | None = None
        self.started_ms: int | None = None
        self.last_equity: float | None = None
        self._finished = False
        self._stream: tuple[bool, int] | None = None
        self._alarms: set[str] = set()
        self._positions = PositionEvents(hub)
        self._breaker: RejectionCode | None = None
        self._equity: tuple[float, float] | None = None

    @property
    def symbols(self) -> list[str]:
        """The run's symbols (the kernel's lanes may be added after it is announced)."""
        return run_symbols(self.runner)

    # ---- the bus -------------------------------------------------------------------------------
    def publish_bus(self, event: object, latency_ms: float | None) -> None:
        if isinstance(event, VerdictGiven):
            self.hub.publish("decision", decision_data(event, self.interval_ms, latency_ms))
            self._breaker_from(event)
        elif isinstance(event, OrderSubmitted):
            self.hub.publish("order", order_submitted_data(event))
        elif isinstance(event, OrderEvent):
            self.hub.publish("order", order_update_data(event))
        elif isinstance(event, FillEvent):
            lane = self.kernel.lanes.get(event.report.symbol)
            base = lane.instrument.base_asset if lane is not None else self.base
            self.hub.publish("fill", fill_data(event, base, self.quote))

    def _breaker_from(self, e: VerdictGiven) -> None:
        if not isinstance(e.proposal, Enter):
            return
        v = e.verdict
        code = v.code if isinstance(v, Rejection) else None
        if code not in _BREAKERS:
            if code is None or code is not RejectionCode.ENTRIES_PAUSED:
                self._breaker = None
            return
        assert isinstance(v, Rejection)
        if code is self._breaker:
            return
        self._breaker = code
        self.hub.publish("breaker", {"reason": f"{v.code.value}: {v.message}", "until_ms": self._until(code)})

    def _until(self, code: RejectionCode | None) -> int | None:
        """When the gate lets entries in again, on the gate's clock (market time), when it says."""
        gate: Any = self.kernel.gate
        gate = getattr(gate, "inner", gate)
        breaker, config = getattr(gate, "breaker", None), getattr(gate, "config", None)
        tripped = getattr(breaker, "tripped_ms", None)
        if code is not RejectionCode.DAILY_LOSS_LIMIT or tripped is None or config is None:
            return None
        return int(tripped + config.breaker_cooldown_ms)

    # ---- the loop's candle -----------------------------------------------------------------------
    def publish_candle(self, candle: dict[str, Any], symbol: str, interval: str) -> None:
        self._note_run()
        data = {"symbol": symbol, "interval": interval, "open_time": int(candle["open_time"])}
        data.update({k: num(candle.get(k)) for k in ("open", "high", "low", "close", "volume")})
        self.hub.publish("candle", data)

    # ---- the state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._note_run()
        if self.run_id is None:  # the run's start is its first event
            return
        st = self.runner.state
        stream = (st.connection == "connected", st.reconnects)
        if stream != self._stream and st.connection != "starting":
            self._stream = stream
            self.hub.publish("stream", {"connected": stream[0], "reconnects": stream[1]})
        self._note_alarms()
        self._note_position()
        self._note_equity()

    def _note_run(self) -> None:
        record = self.runner.record
        if record is None or self.run_id == record.run_id:
            return
        self.run_id, self.started_ms = record.run_id, wall_ms()
        self.hub.publish("run", self._run_data("started"))

    def finished(self) -> None:
        if self.run_id is not None and not self._finished:
            self._finished = True
            self.hub.publish("run", self._run_data("finished"))

    def _run_data(self, status: str) -> dict[str, Any]:
        cfg = self.runner.cfg
        return {"status": status, "run_id": self.run_id, "mode": self.mode, "strategy": cfg.strategy,
                "symbols": list(self.symbols)}  # fmt: skip

    def _note_alarms(self) -> None:
        om = self.runner.om
        critical = set(om.alarms) if om is not None else set()
        now = set(self.runner.state.alarms) | critical
        for reason in sorted(now - self._alarms):
            severity = "critical" if reason in critical else "warning"
            self.hub.publish("alarm", {"message": reason, "severity": severity})
        self._alarms = now

    def _protected(self, symbol: str) -> tuple[bool, str]:
        """Whether `symbol`'s position is protected as the run's state says, and the words for it
        (a portfolio: that symbol's row; one symbol: the run's protection line)."""
        st = self.runner.state
        row = getattr(st, "rows", {}).get(symbol) if len(self.symbols) > 1 else None
        if row is not None:
            return row.status == "protected", row.protection
        return st.protection.startswith("protected"), st.protection

    def _note_position(self) -> None:
        opened, detail = [], ""
        for symbol in self.symbols:
            pos = self.kernel.book.get(symbol)
            if pos is None:
                continue
            protected, words = self._protected(symbol)
            opened.append(position_data(symbol, pos, protected))
            detail = detail or words
        self._positions.update(opened, self.symbols, detail)

    def _note_equity(self) -> None:
        st = self.runner.state
        equity = float(st.equity)
        if equity <= 0:
            return
        self.last_equity = equity
        cash = self._cash()
        if (equity, cash) == self._equity:
            return
        self._equity = (equity, cash)
        portfolio = self.kernel.portfolio
        if len(self.symbols) > 1:
            marks = self.kernel.marks()
            unrealized = sum(portfolio.unrealised(s, p) for s, p in marks.items() if p)
        else:
            price = float(st.candles[-1].close) if st.candles else 0.0
            unrealized = portfolio.unrealised(self.symbol, price) if price else 0.0
        self.hub.publish("equity", {"equity": equity, "cash": cash, "unrealized": unrealized})

    def _cash(self) -> float:
        if self.runner.om is not None:  # live: the venue's quote balance
            return float(sum(self.runner.account.balances.get(self.quote, _ZERO), Decimal(0)))
        return float(self.kernel.portfolio.cash)

    # ---- REST ------------------------------------------------------------------------------------
    def positions(self) -> list[dict[str, Any]]:
        return self._positions.open_positions()

    def balances(self) -> list[dict[str, Any]]:
        if self.runner.om is not None:
            rows = [(a, f, lk) for a, (f, lk) in self.runner.account.balances.items() if f + lk > 0]
            return [{"asset": a, "free": num(f), "locked": num(lk)} for a, f, lk in sorted(rows)]
        p = self.kernel.portfolio
        out: list[dict[str, Any]] = [{"asset": self.quote, "free": num(p.cash), "locked": 0.0}]
        for symbol in self.symbols:
            lane = self.kernel.lanes.get(symbol)
            base = lane.instrument.base_asset if lane is not None else self.base
            held = p.qty(symbol) + p.dust(symbol)
            if held or symbol == self.symbol:  # one symbol: its base asset, even at zero (as before)
                out.append({"asset": base, "free": num(held), "locked": 0.0})
        return out

"""The terminal view and the telemetry as subscribers of the kernel's bus (paper and live alike).

`CandleLog` hears every verdict, order and fill the kernel publishes, keeps the view's lines up to
date as they happen, and gathers what belongs to one candle's loop for its telemetry record
(`take()` hands it over and starts the next one; over several symbols `take(symbol)` hands over
that symbol's part of the round). A rejection also goes to the view's list of the latest ones.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from aitrader.domain.plan import Rejection
from aitrader.engine.bus import EventBus
from aitrader.engine.events import DecisionMissed, FillEvent, OrderSubmitted, VerdictGiven
from aitrader.live.state import LiveState
from aitrader.live.telemetry import plain
from aitrader.live.verdicts import verdict_json, verdict_key


@dataclass
class CandleEvents:
    proposals: list[dict[str, Any]] = field(default_factory=list)
    verdicts: list[dict[str, object]] = field(default_factory=list)
    orders: list[dict[str, str]] = field(default_factory=list)
    fills: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class CandleLog:
    def __init__(self, bus: EventBus, state: LiveState, interval_ms: int) -> None:
        self.state = state
        self.interval_ms = interval_ms
        self.decisions: list[dict[str, object]] = []  # compact decision log (parity tests)
        self._now: dict[str, CandleEvents] = {}  # symbol ("" when the event names none) -> its events
        bus.subscribe(VerdictGiven, self._verdict)
        bus.subscribe(OrderSubmitted, self._order)
        bus.subscribe(FillEvent, self._fill)
        bus.subscribe(DecisionMissed, self._missed)

    def take(self, symbol: str | None = None) -> CandleEvents:
        """What happened since the last take: everything, or `symbol`'s part (with what named no symbol)."""
        if symbol is None:
            out = CandleEvents()
            for part in self._now.values():
                _extend(out, part)
            self._now = {}
            return out
        out = self._now.pop(symbol, CandleEvents())
        loose = self._now.pop("", None)
        if loose is not None:
            _extend(out, loose)
        return out

    def _for(self, symbol: str) -> CandleEvents:
        part = self._now.get(symbol)
        if part is None:
            part = self._now[symbol] = CandleEvents()
        return part

    def _verdict(self, e: VerdictGiven) -> None:
        st, p, v = self.state, e.proposal, e.verdict
        side = getattr(p, "side", None)
        who = f"{p.symbol} " if st.portfolio else ""
        st.proposal = (
            f"{who}{type(p).__name__}{f' {side.value}' if side is not None else ''}: {p.rationale[:110]}"
        )
        if e.approved:
            st.verdict = f"{who}approved {verdict_key(v)}"
        else:
            st.rejections += 1
            st.verdict = f"{who}rejected: {v}"
            line = f"{p.symbol} {v.code.value}: {v.message}" if isinstance(v, Rejection) else ""
            if line:  # the same refusal bar after bar is listed once, as the newest
                if line in st.rejected:
                    st.rejected.remove(line)
                st.rejected.append(line)
        row = st.rows.get(p.symbol)
        if row is not None:
            row.verdict = f"approved {verdict_key(v)}" if e.approved else f"rejected: {v}"
        part = self._for(p.symbol)
        part.proposals.append(plain(p))
        part.verdicts.append(verdict_json(v))
        open_ms = e.time_ms - self.interval_ms  # verdicts are stamped at their bar's close
        self.decisions.append({"time": open_ms, "proposal": type(p).__name__, "verdict": verdict_key(v)})

    def _order(self, e: OrderSubmitted) -> None:
        r = e.request
        desc = {"cid": r.client_order_id or e.order_id, "kind": r.type.value, "side": r.side.value}
        self._for(r.symbol).orders.append(desc | {"qty": str(r.quantity or "")})

    def _missed(self, e: DecisionMissed) -> None:
        self.state.event(f"no decision: {e.reason} ({e.decider})")
        self._for("").notes.append(f"no decision: {e.reason}")

    def _fill(self, e: FillEvent) -> None:
        self.state.fills += 1
        self._for(e.report.symbol).fills.append(
            plain(e.report) | {"cid": e.report.client_order_id, "role": e.role}
        )


def _extend(out: CandleEvents, part: CandleEvents) -> None:
    out.proposals += part.proposals
    out.verdicts += part.verdicts
    out.orders += part.orders
    out.fills += part.fills
    out.notes += part.notes


def loop_latency(recv_ns: int, t_decide: int, t_decided: int, sends_ns: list[int]) -> dict[str, float]:
    """One loop's latencies in µs: the decision; from the candle's frame read off the socket
    (`recv_ns`, 0 when unknown) to the first order request sent and to the loop's end."""
    out = {"decide_us": (t_decided - t_decide) / 1000}
    if recv_ns:
        if sends_ns:
            out["candle_to_order_us"] = (sends_ns[0] - recv_ns) / 1000
        out["candle_to_done_us"] = (time.perf_counter_ns() - recv_ns) / 1000
    return out

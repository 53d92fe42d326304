"""Replay a recorded live or paper session through the backtest kernel.

A live or paper run records, in the journal, everything a replay needs: the run's settings
(strategy and parameters, risk fraction, fee rates, the venue's trading rules, the account at
start), the warm-up history and every closed candle as the loop received it (with whether it was
decided on: a candle that came too late was not), and what happened (verdicts, orders, fills).
`replay_session` rebuilds the kernel the paper mode builds (`SimBroker` under the live fill model)
on the same account, warms it on the same history and pushes the same candles, deciding where the
session decided; `backtest.replay_diff` then compares the two, difference by difference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import select

from aitrader.domain import Candles, Instrument, Timeframe
from aitrader.domain.plan import OrderPlan
from aitrader.domain.position import Position
from aitrader.engine.bus import EventBus
from aitrader.engine.deadline import RecordedAnswers
from aitrader.engine.events import FillEvent, VerdictGiven
from aitrader.engine.kernel import Kernel
from aitrader.execution import journal_schema as s
from aitrader.execution.fees import PercentFee
from aitrader.execution.fill_model import FillModel
from aitrader.execution.journal_reader import JournalReader
from aitrader.execution.sim_broker import SimBroker
from aitrader.strategies.base import Strategy

Row = dict[str, Any]


class ReplayError(ValueError):
    """The run cannot be replayed (not found, not a live/paper run, recorded without candles)."""


@dataclass(frozen=True)
class Decision:
    """One verdict as compared: when, what was proposed, what the gate said."""

    time_ms: int  # the decision bar's close
    kind: str  # enter | exit | adjust
    side: str
    approved: bool
    code: str  # rejection code, "" when approved
    quantity: float  # the plan's quantity (0 for a rejection)


@dataclass(frozen=True)
class FillRow:
    time_ms: int
    side: str
    role: str  # entry | stop | target | exit | emergency_exit
    price: float
    quantity: float


@dataclass
class Session:
    run: Row
    params: dict[str, Any]
    instrument: Instrument
    warm: Candles
    live: Candles
    decided: list[bool]
    decisions: list[Decision] = field(default_factory=list)
    fills: list[FillRow] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)

    @property
    def timeframe(self) -> Timeframe:
        return Timeframe(self.run["timeframe"])


def load_session(reader: JournalReader, run_id: str | None = None) -> Session:
    """The recorded session `run_id` (the latest live or paper run when None)."""
    run = _run(reader, run_id)
    rid = run["run_id"]
    params = run["params"] if isinstance(run["params"], dict) else json.loads(run["params"] or "{}")
    if "instrument" not in params:
        raise ReplayError(
            f"run {rid} was recorded before sessions kept their settings: it cannot be replayed"
        )
    with reader.engine.connect() as conn:
        rows = conn.execute(
            select(s.candles).where(s.candles.c.run_id == rid).order_by(s.candles.c.open_time)
        ).mappings()
        candles = [dict(r) for r in rows]
    if not any(r["phase"] == "live" for r in candles):
        raise ReplayError(f"run {rid} recorded no closed candle: nothing to replay")
    tf = Timeframe(run["timeframe"])
    symbol = run["symbol"]
    warm = _candles([r for r in candles if r["phase"] == "warm"], symbol, tf)
    live_rows = [r for r in candles if r["phase"] == "live"]
    session = Session(
        run, params, Instrument.from_exchange_info(params["instrument"]), warm,
        _candles(live_rows, symbol, tf), [bool(r["decided"]) for r in live_rows],
    )  # fmt: skip
    session.decisions = _recorded_decisions(reader, rid)
    session.fills = [
        FillRow(int(f["time_ms"]), f["side"], f["role"], float(f["price"]), float(f["quantity"]))
        for f in sorted(reader.fills(rid, limit=1_000_000), key=lambda f: (f["time_ms"], f["id"]))
    ]
    session.events = reader.events(rid, limit=100_000)
    return session


def _run(reader: JournalReader, run_id: str | None) -> Row:
    if run_id is None:
        runs = [r for r in reader.runs(limit=200) if r["mode"] in ("live", "paper")]
        if not runs:
            raise ReplayError("the journal holds no live or paper run: run `aitrader demo` or `trade` first")
        return runs[0]
    found = [r for r in reader.runs(limit=100_000) if r["run_id"] == run_id]
    if not found:
        raise ReplayError(f"no run {run_id!r} in the journal: `aitrader replay --list` shows the runs")
    if found[0]["mode"] not in ("live", "paper"):
        raise ReplayError(f"run {run_id} is a {found[0]['mode']} run: replay compares live or paper runs")
    return found[0]


def _candles(rows: list[Row], symbol: str, tf: Timeframe) -> Candles:
    o, h, lo, c, v = (
        np.array([r[k] for r in rows], dtype=np.float64) for k in ("open", "high", "low", "close", "volume")
    )
    times = np.array([r["open_time"] for r in rows], dtype=np.int64)
    return Candles.from_arrays(times, o, h, lo, c, v, symbol, tf)


def _recorded_decisions(reader: JournalReader, run_id: str) -> list[Decision]:
    with reader.engine.connect() as conn:
        q = (
            select(s.proposals, s.verdicts.c.approved, s.verdicts.c.code, s.plans.c.quantity)
            .join(s.verdicts, (s.verdicts.c.run_id == s.proposals.c.run_id) & (s.verdicts.c.proposal_id == s.proposals.c.id))
            .outerjoin(
                s.plans,
                (s.plans.c.run_id == s.verdicts.c.run_id)
                & (s.plans.c.plan_id == s.verdicts.c.plan_id)
                & (s.plans.c.version == s.verdicts.c.plan_version),
            )
            .where(s.proposals.c.run_id == run_id)
            .order_by(s.proposals.c.time_ms, s.proposals.c.id)
        )  # fmt: skip
        return [
            Decision(
                int(r["time_ms"]),
                r["kind"],
                r["side"] or "",
                bool(r["approved"]),
                r["code"] or "",
                float(r["quantity"] or 0.0),
            )
            for r in conn.execute(q).mappings()
        ]


@dataclass
class Replayed:
    decisions: list[Decision]
    fills: list[FillRow]
    kernel: Kernel


def replay_session(session: Session) -> Replayed:
    """The session through the paper mode's kernel, candle by candle (see the module docstring)."""
    from aitrader.risk import RiskConfig, RiskGate
    from aitrader.strategies import get_strategy

    p = session.params
    tf = session.timeframe
    strategy: Strategy = get_strategy(session.run["strategy"], p.get("strategy_params", {}), tf)
    missed = [e["payload"]["bar_open_ms"] for e in session.events if e["kind"] == "no_decision"]
    if missed:  # a slow decider missed its deadline there live: no decision there in the replay either
        strategy = RecordedAnswers(strategy, dict.fromkeys(missed))
    maker, taker = float(p.get("maker_fee", 0.001)), float(p.get("taker_fee", 0.001))
    broker = SimBroker(fees=PercentFee(taker, maker), fill_model=FillModel.LIVE, interval_ms=tf.duration_ms)
    inst = session.instrument
    slippage = float(p.get("slippage_bps", 5.0)) / 10_000.0  # what the session's gate sized for
    limits = dict(p.get("risk_limits") or {})  # the [risk] limits the session ran with, where recorded
    gate = RiskGate(
        RiskConfig(risk_fraction=float(p.get("risk_fraction", 0.01)), slippage=slippage, **limits)
    )
    cash = float(p.get("start_quote") or session.run["initial_equity"])
    kernel = Kernel(
        strategy, gate, broker, inst, cash,
        bus=EventBus(history=0), taker_fee=taker, maker_fee=maker, window=int(p.get("window") or 0),
    )  # fmt: skip
    if p.get("start_base_outside"):
        kernel.portfolio.hold_outside(inst.symbol, float(p["start_base_outside"]))
    if p.get("start_position"):
        kernel.adopt(_position(p["start_position"]))
    out = Replayed([], [], kernel)
    kernel.bus.subscribe(VerdictGiven, lambda e: out.decisions.append(_decision(e)))
    kernel.bus.subscribe(FillEvent, lambda e: out.fills.append(_fill(e)))
    kernel.warm(session.warm)
    for candle, decided in zip(session.live, session.decided, strict=True):
        kernel.push(candle, decide=decided)
    return out


def _decision(e: VerdictGiven) -> Decision:
    p, v = e.proposal, e.verdict
    kind = type(p).__name__.lower()
    side = getattr(p, "side", None)
    side_text = side.value if side is not None else ""
    if isinstance(v, OrderPlan):
        return Decision(e.time_ms, kind, side_text, True, "", float(v.quantity))
    return Decision(e.time_ms, kind, side_text, False, v.code.value, 0.0)


def _fill(e: FillEvent) -> FillRow:
    r = e.report
    return FillRow(r.time_ms, r.side.value, e.role, r.price, r.qty)


def _position(d: dict[str, Any]) -> Position:
    from aitrader.domain import Side
    from aitrader.domain.position import PositionTarget

    targets = tuple(PositionTarget(Decimal(str(pr)), Decimal(str(q))) for pr, q in d.get("targets", []))
    return Position(
        d["symbol"], Side(d["side"]), Decimal(str(d["qty"])), Decimal(str(d["entry_price"])),
        Decimal(str(d["stop"])), targets, d.get("plan_id", ""), int(d.get("plan_version", 1)),
        int(d.get("opened_ms", 0)),
    )  # fmt: skip

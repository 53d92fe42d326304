"""Replay a recorded live or paper session through the backtest kernel.

A live or paper run records, in the journal, everything a replay needs: the run's settings
(strategy and parameters, risk fraction and limits, fee rates, the venue's trading rules, the
account at start), the warm-up history and every closed candle as the loop received it (with
whether it was decided on: a candle that came too late was not), and what happened (verdicts,
orders, fills). `replay_session` rebuilds the kernel the paper mode builds (`SimBroker` under the
live fill model) on the same account, warms it on the same history and pushes the same candles,
deciding where the session decided; `backtest.replay_diff` then compares the two, difference by
difference.

A portfolio session (run symbol `A,B,C`): one lane per symbol, each on its own `SimBroker`, warmed
on its own history; the candles go in the session's rounds (`live.run_record`: which candles one
`Kernel.push_round` took, and whether it decided), in order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import select

from aitrader.domain import Candle, Candles, Instrument, Timeframe
from aitrader.domain.plan import OrderPlan
from aitrader.domain.position import Position
from aitrader.domain.timeframe import format_ms
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
    symbol: str = ""


@dataclass(frozen=True)
class FillRow:
    time_ms: int
    side: str
    role: str  # entry | stop | target | exit | emergency_exit
    price: float
    quantity: float
    symbol: str = ""


@dataclass(frozen=True)
class PushRound:
    """One `Kernel.push_round` of a portfolio session: candles of one open time by symbol."""

    open_time: int
    candles: dict[str, Candle]
    decide: bool  # False: the loop took them too late to decide on
    decided: tuple[str, ...]  # the symbols whose strategy was asked


@dataclass
class Session:
    run: Row
    params: dict[str, Any]
    instrument: Instrument  # the first symbol's (one symbol: the run's)
    warm: Candles
    live: Candles
    decided: list[bool]
    decisions: list[Decision] = field(default_factory=list)
    fills: list[FillRow] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    symbols: tuple[str, ...] = ()  # a portfolio's, in decision order (one symbol: empty)
    instruments: dict[str, Instrument] = field(default_factory=dict)
    warms: dict[str, Candles] = field(default_factory=dict)
    rounds: list[PushRound] = field(default_factory=list)

    @property
    def timeframe(self) -> Timeframe:
        return Timeframe(self.run["timeframe"])

    @property
    def portfolio(self) -> bool:
        return len(self.symbols) > 1

    def candle_counts(self) -> dict[str, tuple[int, int, int]]:
        """Per symbol: (live candles as received, decided on, warm-up candles)."""
        if not self.portfolio:
            return {self.instrument.symbol: (len(self.live), sum(self.decided), len(self.warm))}
        out = {sym: [0, 0, len(self.warms[sym])] for sym in self.symbols}
        for r in self.rounds:
            for sym in r.candles:
                out[sym][0] += 1
                out[sym][1] += sym in r.decided
        return {sym: (n[0], n[1], n[2]) for sym, n in out.items()}


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
    symbols = tuple(params.get("symbols") or ())
    if len(symbols) > 1:
        session = _load_portfolio(reader, run, params, symbols, candles)
    else:
        if not any(r["phase"] == "live" for r in candles):
            raise ReplayError(f"run {rid} recorded no closed candle: nothing to replay")
        tf, symbol = Timeframe(run["timeframe"]), run["symbol"]
        live_rows = [r for r in candles if r["phase"] == "live"]
        session = Session(
            run, params, Instrument.from_exchange_info(params["instrument"]),
            _candles([r for r in candles if r["phase"] == "warm"], symbol, tf),
            _candles(live_rows, symbol, tf), [bool(r["decided"]) for r in live_rows],
        )  # fmt: skip
    session.decisions = _recorded_decisions(reader, rid)
    session.fills = [
        FillRow(int(f["time_ms"]), f["side"], f["role"], float(f["price"]), float(f["quantity"]), f["symbol"])
        for f in sorted(reader.fills(rid, limit=1_000_000), key=lambda f: (f["time_ms"], f["id"]))
    ]
    with reader.engine.connect() as conn:  # what happened (a portfolio's candles are events too)
        q = select(s.events).where((s.events.c.run_id == rid) & s.events.c.kind.not_in(("candle", "round")))
        session.events = [
            {**r, "payload": json.loads(r["payload"]) if isinstance(r["payload"], str) else r["payload"]}
            for r in conn.execute(q.order_by(s.events.c.id.desc()).limit(100_000)).mappings()
        ]
    return session


def _load_portfolio(
    reader: JournalReader, run: Row, params: dict[str, Any], symbols: tuple[str, ...], first: list[Row]
) -> Session:
    """The first symbol's candles from `candles`, the others' from their `candle` events, pushed
    in the recorded rounds (see `live.run_record`)."""
    rid, tf = run["run_id"], Timeframe(run["timeframe"])
    if set(params.get("instruments") or ()) != set(symbols):
        raise ReplayError(f"run {rid} did not record every symbol's trading rules: it cannot be replayed")
    rows: dict[str, list[Row]] = {sym: [] for sym in symbols}
    rows[symbols[0]] = first
    recorded_rounds: list[Row] = []
    with reader.engine.connect() as conn:
        q = (
            select(s.events.c.kind, s.events.c.time_ms, s.events.c.payload)
            .where((s.events.c.run_id == rid) & s.events.c.kind.in_(("candle", "round")))
            .order_by(s.events.c.id)
        )
        for kind, time_ms, payload in conn.execute(q):
            row = json.loads(payload) if isinstance(payload, str) else dict(payload)
            named = row.get("symbols", []) if kind == "round" else [row.get("symbol")]
            joined = [sym for sym in named if sym not in rows]
            if joined:  # a universe refresh added it: its lane began mid-session
                raise ReplayError(
                    f"run {rid}: {joined[0]} joined while the run went; replay takes the symbols a run "
                    f"started with ({','.join(symbols)})"
                )
            if kind == "round":
                recorded_rounds.append({**row, "open_time": int(time_ms)})
            elif row["symbol"] != symbols[0]:
                rows[row["symbol"]].append(row)
    live = {sym: {int(r["open_time"]): r for r in rs if r["phase"] == "live"} for sym, rs in rows.items()}
    if not any(live.values()):
        raise ReplayError(f"run {rid} recorded no closed candle: nothing to replay")
    warms = {
        sym: _candles(sorted((r for r in rs if r["phase"] == "warm"), key=lambda r: r["open_time"]), sym, tf)
        for sym, rs in rows.items()
    }
    rounds = _rounds(recorded_rounds, live, symbols)
    insts = {sym: Instrument.from_exchange_info(params["instruments"][sym]) for sym in symbols}
    lead = sorted(live[symbols[0]].values(), key=lambda r: r["open_time"])
    return Session(
        run, params, insts[symbols[0]], warms[symbols[0]], _candles(lead, symbols[0], tf),
        [bool(r["decided"]) for r in lead], symbols=symbols, instruments=insts, warms=warms, rounds=rounds,
    )  # fmt: skip


def _rounds(
    recorded: list[Row], live: Mapping[str, Mapping[int, Row]], symbols: tuple[str, ...]
) -> list[PushRound]:
    """The session's `push_round` calls: each recorded round's late candles (before the first one
    decided on) then its others; candles no round names (a run recorded before rounds were, or
    cut short) go by open time, late ones first."""
    out: list[PushRound] = []
    taken: set[tuple[str, int]] = set()
    for r in sorted(recorded, key=lambda r: int(r["index"])):
        t = int(r["open_time"])
        entries = list(zip(r["symbols"], r["decided"], strict=True))
        cut = next((k for k, (_, d) in enumerate(entries) if d), len(entries))
        for part, decide in ((entries[:cut], False), (entries[cut:], True)):
            if part:
                out.append(_push(t, part, live, decide))
                taken.update((sym, t) for sym, _ in part)
    rest: dict[int, list[tuple[str, bool]]] = {}
    for sym in symbols:
        for t, row in live[sym].items():
            if (sym, t) not in taken:
                rest.setdefault(t, []).append((sym, bool(row["decided"])))
    for t in sorted(rest):
        for decide in (False, True):
            part = [(sym, d) for sym, d in rest[t] if d is decide]
            if part:
                out.append(_push(t, part, live, decide))
    return out


def _push(
    t: int, part: list[tuple[str, bool]], live: Mapping[str, Mapping[int, Row]], decide: bool
) -> PushRound:
    missing = [sym for sym, _ in part if t not in live.get(sym, {})]
    if missing:
        raise ReplayError(f"a recorded round names {', '.join(missing)} at {format_ms(t)} without its candle")
    rows = {sym: live[sym][t] for sym, _ in part}
    candles = {
        sym: Candle.from_floats(t, r["open"], r["high"], r["low"], r["close"], r["volume"])
        for sym, r in rows.items()
    }
    return PushRound(t, candles, decide, tuple(sym for sym, d in part if d))


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
                r["symbol"],
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

    p = session.params
    tf = session.timeframe
    maker, taker = float(p.get("maker_fee", 0.001)), float(p.get("taker_fee", 0.001))
    slippage = float(p.get("slippage_bps", 5.0)) / 10_000.0  # what the session's gate sized for
    limits = dict(p.get("risk_limits") or {})  # the [risk] limits the session ran with, where recorded
    gate = RiskGate(
        RiskConfig(risk_fraction=float(p.get("risk_fraction", 0.01)), slippage=slippage, **limits)
    )
    cash = float(p.get("start_quote") or session.run["initial_equity"])
    symbols = session.symbols if session.portfolio else (session.instrument.symbol,)
    insts = session.instruments if session.portfolio else {symbols[0]: session.instrument}

    def broker() -> SimBroker:
        return SimBroker(fees=PercentFee(taker, maker), fill_model=FillModel.LIVE, interval_ms=tf.duration_ms)

    kernel = Kernel(
        _strategy(session, symbols[0]), gate, broker(), insts[symbols[0]], cash,
        bus=EventBus(history=0), taker_fee=taker, maker_fee=maker, window=int(p.get("window") or 0),
    )  # fmt: skip
    for sym in symbols[1:]:
        kernel.add_lane(_strategy(session, sym), broker(), insts[sym])
    outside = p.get("start_base_outside_by_symbol") or {symbols[0]: p.get("start_base_outside")}
    positions = p.get("start_positions") or {symbols[0]: p.get("start_position")}
    for sym in symbols:
        if outside.get(sym):
            kernel.portfolio.hold_outside(sym, float(outside[sym]))
        if positions.get(sym):
            kernel.adopt(_position(positions[sym]))
    out = Replayed([], [], kernel)
    kernel.bus.subscribe(VerdictGiven, lambda e: out.decisions.append(_decision(e)))
    kernel.bus.subscribe(FillEvent, lambda e: out.fills.append(_fill(e)))
    if not session.portfolio:
        kernel.warm(session.warm)
        for candle, decided in zip(session.live, session.decided, strict=True):
            kernel.push(candle, decide=decided)
        return out
    for sym in symbols:
        kernel.warm(session.warms[sym])
    for r in session.rounds:
        kernel.push_round(r.candles, decide=r.decide)
    return out


def _strategy(session: Session, symbol: str) -> Strategy:
    """The session's strategy for `symbol`, answering nothing where the session's decider missed its
    deadline. A miss does not name its symbol: a portfolio's is fed to every symbol that recorded
    no verdict on that bar (where one answered nothing, nothing is what it said)."""
    from aitrader.strategies import get_strategy

    tf = session.timeframe
    p = session.params
    from aitrader.risk.config import DECISION_RULES

    # a session recorded before the strategies weighed their costs had no cost check: none here either
    # (its gate checked reward:risk before costs, this one after: a difference there says so)
    no_cost_check = int(p.get("decision_rules", 1)) < DECISION_RULES
    strategy: Strategy = get_strategy(  # with the costs the live run's strategy weighed (`session_params`)
        session.run["strategy"],
        p.get("strategy_params", {}),
        tf,
        fee_rate=float(p["taker_fee"]) if "taker_fee" in p else None,
        slippage=float(p["slippage_bps"]) / 10_000.0 if "slippage_bps" in p else None,
        cost_multiple=0.0 if no_cost_check else None,
    )
    missed = [int(e["payload"]["bar_open_ms"]) for e in session.events if e["kind"] == "no_decision"]
    if session.portfolio:
        answered = {d.time_ms - tf.duration_ms for d in session.decisions if d.symbol == symbol}
        missed = [t for t in missed if t not in answered]
    if missed:  # a slow decider missed its deadline there live: no decision there in the replay either
        strategy = RecordedAnswers(strategy, dict.fromkeys(missed))
    return strategy


def _decision(e: VerdictGiven) -> Decision:
    p, v = e.proposal, e.verdict
    kind = type(p).__name__.lower()
    side = getattr(p, "side", None)
    side_text = side.value if side is not None else ""
    if isinstance(v, OrderPlan):
        return Decision(e.time_ms, kind, side_text, True, "", float(v.quantity), p.symbol)
    return Decision(e.time_ms, kind, side_text, False, v.code.value, 0.0, p.symbol)


def _fill(e: FillEvent) -> FillRow:
    r = e.report
    return FillRow(r.time_ms, r.side.value, e.role, r.price, r.qty, r.symbol)


def _position(d: dict[str, Any]) -> Position:
    from aitrader.domain import Side
    from aitrader.domain.position import PositionTarget

    targets = tuple(PositionTarget(Decimal(str(pr)), Decimal(str(q))) for pr, q in d.get("targets", []))
    return Position(
        d["symbol"], Side(d["side"]), Decimal(str(d["qty"])), Decimal(str(d["entry_price"])),
        Decimal(str(d["stop"])), targets, d.get("plan_id", ""), int(d.get("plan_version", 1)),
        int(d.get("opened_ms", 0)),
    )  # fmt: skip

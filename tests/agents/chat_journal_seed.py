"""Write a bot journal for the chat tests through the live journal's own API (LiveJournal, LoopRecord,
the runner's verdict encoding from aitrader.live.verdicts): one approved entry with its orders, one
rejected proposal, and a later decision loop with no proposal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from aitrader.domain import OrderRequest, OrderType, Side
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.proposal import Enter, Target
from aitrader.live.journal import LiveJournal
from aitrader.live.telemetry import LoopRecord, TelemetryWriter, plain
from aitrader.live.verdicts import verdict_json


@dataclass(frozen=True)
class Entry:
    symbol: str
    order_id: str  # exchange id of the filled entry
    price: Decimal
    quantity: Decimal
    time_ms: int
    stop: Decimal
    stop_order_id: str
    target: Decimal
    target_order_id: str


RATIONALE = "EMA20 crossed above EMA50 on 15m with RSI rising and volume 1.8x its average"
EVIDENCE = {"ema_20": 1702.5, "ema_50": 1695.1, "rsi_14": 58.3, "rvol": 1.8}
REJECT_REASON = "stop too close: fees and slippage exceed the reward"


def write_journal(
    path: Path, entry: Entry, reject_symbol: str, reject_time_ms: int, last_candle_ms: int
) -> None:
    journal = LiveJournal(path)
    tel = TelemetryWriter(None, journal)
    plan_id = "confluence-1"
    proposal = Enter(
        symbol=entry.symbol,
        side=Side.BUY,
        price=float(entry.price),
        stop=float(entry.stop),
        targets=(Target(float(entry.target)),),
        confidence=0.72,
        rationale=RATIONALE,
        time_ms=entry.time_ms,
        strategy="confluence",
        evidence=EVIDENCE,
    )
    legs = [
        OrderRequest(entry.symbol, Side.BUY, OrderType.MARKET, quantity=entry.quantity),
        OrderRequest(
            entry.symbol,
            Side.SELL,
            OrderType.STOP_LOSS_LIMIT,
            quantity=entry.quantity,
            price=entry.stop,
            stop_price=entry.stop,
        ),
        OrderRequest(
            entry.symbol, Side.SELL, OrderType.LIMIT_MAKER, quantity=entry.quantity, price=entry.target
        ),
    ]
    plan = OrderPlan(
        plan_id=plan_id,
        version=1,
        kind=PlanKind.OPEN,
        symbol=entry.symbol,
        side=Side.BUY,
        quantity=entry.quantity,
        entry_price=entry.price,
        stop_price=entry.stop,
        entry=legs[0],
        stop=legs[1],
        targets=(legs[2],),
        risk_quote=(entry.price - entry.stop) * entry.quantity,
    )
    cids = [f"at-{plan_id.replace('-', '')}-1{leg}" for leg in "EST"]  # venues.binance.client_ids format
    journal.add_plan(
        plan_id,
        1,
        entry.symbol,
        "BUY",
        cids[0],
        entry.price,
        entry.stop,
        [(entry.target, Decimal(1))],
        "confluence",
        RATIONALE,
    )
    for cid, leg, req, oid in zip(
        cids,
        ("entry", "stop", "tp"),
        legs,
        (entry.order_id, entry.stop_order_id, entry.target_order_id),
        strict=True,
    ):
        journal.order_intent(
            cid,
            plan_id,
            1,
            leg,
            entry.symbol,
            req.side.value,
            req.type.value,
            req.quantity or Decimal(0),
            req.price,
            req.stop_price,
        )
        journal.order_status(cid, "FILLED" if leg == "entry" else "NEW", oid)
    journal.update_plan(plan_id, status="open", qty=entry.quantity, entry_price=entry.price)
    tel.write(
        LoopRecord(
            time_ms=entry.time_ms,
            symbol=entry.symbol,
            interval="1m",
            mode="paper",
            candle={},
            proposals=[plain(proposal)],
            verdicts=[verdict_json(plan)],
            orders=[{"cid": cids[0], "kind": "MARKET"}],
        )
    )
    rejected = Enter(
        symbol=reject_symbol,
        side=Side.BUY,
        price=21.5,
        stop=21.45,
        targets=(Target(21.6),),
        confidence=0.4,
        rationale="breakout above the 4h range",
        time_ms=reject_time_ms,
        strategy="confluence",
        evidence={"rvol": 2.4},
    )
    verdict = Rejection(
        RejectionCode.REWARD_RISK_TOO_LOW, REJECT_REASON, reject_symbol, reject_time_ms, "confluence"
    )
    tel.write(
        LoopRecord(
            time_ms=reject_time_ms,
            symbol=reject_symbol,
            interval="1m",
            mode="paper",
            candle={},
            proposals=[plain(rejected)],
            verdicts=[verdict_json(verdict)],
        )
    )
    tel.write(LoopRecord(time_ms=last_candle_ms, symbol=entry.symbol, interval="1m", mode="paper", candle={}))
    journal.close()

"""Risk analyst: reads the portfolio and argues against adding risk — never for trading.

Its score is never above 0: a neutral report means "no objection", a bearish one "be careful
adding exposure here". It reads:

- the open positions in `snap.book`: how many, each one's distance to its stop in % and (for this
  symbol) in ATRs, marked at this bar's close, a peer's close or a context series' close (else at
  entry, said as such); a position in this symbol within 1 ATR of its stop weighs -0.5, within 2
  ATR -0.25, past its stop -0.6; another position within 1% of its stop -0.15 each;
- concentration: the share of the book's marked exposure on the same side in symbols that move
  with this one (return correlation >= 0.6 over the last 60 bars where a peer's closes exist,
  otherwise assumed for two crypto pairs with the same quote currency), -0.3 x that share;
- the symbol itself: drawdown from its 100-bar high (-0.3 at 30% or more), volatility against its norm
  (`rv_ratio` above 1.5: -0.2);
- `snap.rejections`, the gate's recent reasons: -0.1 each up to -0.4, and -0.2 more for a hard
  stop (drawdown halt, daily loss limit, loss streak, exposure caps).

The snapshot carries no account equity, so size is judged by exposure shares and distance to
stops, not by share of the account (the gate owns that limit).
"""

from __future__ import annotations

import math
from typing import ClassVar

from aitrader.agents.analysts.base import clamp, fact, report
from aitrader.agents.analysts.series import Tail, correlation, find
from aitrader.agents.reports import AnalystReport, EvidenceItem
from aitrader.agents.snapshot import Snapshot
from aitrader.domain.position import Position

HARD_CODES = (
    "drawdown_halt",
    "daily_loss_limit",
    "loss_streak_lockout",
    "total_exposure",
    "correlated_exposure",
    "symbol_exposure",
    "max_open_positions",
)
CORRELATED = 0.6
CORR_BARS = 60  # returns the correlation is measured over
QUOTES = ("USDT", "USDC", "FDUSD", "BUSD", "USD")


def _quote(symbol: str) -> str:
    return next((q for q in QUOTES if symbol.endswith(q)), "")


def _mark(snap: Snapshot, p: Position) -> tuple[float, str]:
    if p.symbol == snap.symbol:
        return snap.close, "this bar's close"
    tail = find(snap, (p.symbol,), 1)
    if tail is not None:
        return float(tail.close[-1]), tail.source
    return float(p.entry_price), "entry (no mark available)"


def _correlation(a: Tail | None, b: Tail | None) -> float | None:
    return None if a is None or b is None else correlation(a, b)


class RiskAnalyst:
    name: ClassVar[str] = "risk"

    def analyze(self, snap: Snapshot) -> AnalystReport:
        v = snap.view
        ev: list[EvidenceItem] = []
        positions = sorted(snap.book.open_positions(), key=lambda p: p.symbol)
        ev.append(
            fact(
                "open_positions",
                float(len(positions)),
                "open positions in the book",
                -0.05 * max(0, len(positions) - 2),
            )
        )

        atr = v.value("atr_14")
        marked: list[tuple[Position, float]] = []
        for p in positions:
            mark, source = _mark(snap, p)
            marked.append((p, mark))
            sign = 1.0 if p.is_long else -1.0
            room = (mark - float(p.stop)) * sign
            room_pct = 100.0 * room / mark
            side = "long" if p.is_long else "short"
            if p.symbol == snap.symbol:
                room_atr = room / atr if math.isfinite(atr) and atr > 0 else float("nan")
                if room <= 0:
                    w, note = (
                        -0.6,
                        f"{side} {p.symbol} is past its stop {float(p.stop):.6g} (marked at {source})",
                    )
                elif room_atr < 1:
                    w, note = (
                        -0.5,
                        f"{side} {p.symbol} within {room_atr:.2f} ATR of its stop {float(p.stop):.6g}",
                    )
                elif room_atr < 2:
                    w, note = (
                        -0.25,
                        f"{side} {p.symbol} within {room_atr:.2f} ATR of its stop {float(p.stop):.6g}",
                    )
                else:
                    w, note = (
                        0.0,
                        f"{side} {p.symbol} {room_atr:.1f} ATR above its stop"
                        if p.is_long
                        else f"short {p.symbol} {room_atr:.1f} ATR below its stop",
                    )
                ev.append(fact("stop_distance_this", room_pct, note, w, "%"))
                pnl = 100.0 * sign * (mark / float(p.entry_price) - 1.0)
                ev.append(
                    fact(
                        "unrealized_this",
                        pnl,
                        f"{side} {p.symbol} open since entry {float(p.entry_price):.6g}",
                        0.0,
                        "%",
                    )
                )
            elif room_pct < 1.0:
                ev.append(
                    fact(
                        f"stop_distance_{p.symbol}",
                        room_pct,
                        f"{side} {p.symbol} within 1% of its stop (mark: {source})",
                        -0.15,
                        "%",
                    )
                )

        exposure = sum(float(p.qty) * mark for p, mark in marked)
        if exposure > 0:
            own_tail = find(snap, (snap.symbol,), CORR_BARS + 1)
            with_us = 0.0
            names: list[str] = []
            for p, mark in marked:
                if not p.is_long:
                    continue
                how = "this symbol"
                if p.symbol == snap.symbol:
                    corr: float | None = 1.0
                else:
                    corr = _correlation(own_tail, find(snap, (p.symbol,), CORR_BARS + 1))
                    how = f"r={corr:.2f}" if corr is not None else how
                    if corr is None and _quote(p.symbol) and _quote(p.symbol) == _quote(snap.symbol):
                        corr, how = CORRELATED, "assumed: same quote currency"
                if corr is not None and corr >= CORRELATED:
                    with_us += float(p.qty) * mark
                    names.append(f"{p.symbol} ({how})")
            share = with_us / exposure
            if names:
                note = f"long exposure moving with {snap.symbol}: {', '.join(names)} ({exposure:.6g} marked in all)"
                ev.append(fact("correlated_share", 100.0 * share, note, -0.3 * share, "%"))

        dd, rv_ratio = v.value("drawdown_100"), v.value("rv_ratio")
        if math.isfinite(dd):
            ev.append(
                fact(
                    "drawdown_100",
                    dd,
                    f"{snap.symbol} {-dd:.1f}% below its 100-bar high",
                    0.3 * clamp(dd / 30.0, -1.0, 0.0),
                    "%",
                )
            )
        if math.isfinite(rv_ratio):
            w = -0.2 if rv_ratio > 1.5 else 0.0
            ev.append(fact("rv_ratio", rv_ratio, "24-bar volatility against its 240-bar norm", w, "x"))

        n_rej = len(snap.rejections)
        if n_rej:
            hard = [r for r in snap.rejections if r.split(":", 1)[0].strip().lower() in HARD_CODES]
            w = -min(0.4, 0.1 * n_rej) - (0.2 if hard else 0.0)
            last = snap.rejections[-1][:80]
            ev.append(
                fact(
                    "recent_rejections",
                    float(n_rej),
                    f"the gate refused {n_rej} recent proposals (last: {last})",
                    w,
                )
            )

        score = min(0.0, clamp(sum(e.weight for e in ev)))
        objections = [e for e in ev if e.weight <= -0.05]
        confidence = 0.4 + 0.15 * min(4, len(objections))
        if not objections:
            summary = f"No risk objection: {len(positions)} open positions, none near its stop, no recent rejections."
        else:
            worst = min(objections, key=lambda e: e.weight)
            count = f"{len(objections)} objection" + ("s" if len(objections) > 1 else "")
            summary = f"Caution on adding risk ({count}), chiefly: {worst.note}."
        return report(self.name, snap, score, confidence, summary, ev)

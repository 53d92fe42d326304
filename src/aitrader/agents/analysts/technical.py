"""Technical analyst: trend (EMA 20/50, SMA 200), momentum (RSI, MACD), trend strength (ADX with
+DI/-DI), Bollinger position and the last day's return, all read from precomputed columns.

Weights (their sum is the score, clamped to [-1, 1]): EMA stack 0.25, price vs SMA 200 0.15,
RSI 0.2 (damped when stretched past 75/25: a stretched move is strong but late), MACD 0.15,
directional movement 0.15 scaled by ADX, Bollinger %B 0.1, 24-bar return 0.1 in ATR terms.
"""

from __future__ import annotations

from typing import ClassVar

from aitrader.agents.analysts.base import agreement, clamp, fact, leaning, missing, report, warming_up
from aitrader.agents.reports import AnalystReport, EvidenceItem
from aitrader.agents.snapshot import Snapshot

NEEDS = (
    "ema_20", "ema_50", "sma_200", "rsi_14", "macd_line", "macd_signal", "macd_hist",
    "adx_14", "plus_di_14", "minus_di_14", "bb_pct_b", "atr_14", "atr_pct", "ret_24",
)  # fmt: skip


def _sign(x: float) -> float:
    return 1.0 if x > 0 else -1.0 if x < 0 else 0.0


class TechnicalAnalyst:
    name: ClassVar[str] = "technical"

    def analyze(self, snap: Snapshot) -> AnalystReport:
        absent = missing(snap, NEEDS)
        if absent:
            return warming_up(self.name, snap, absent)
        v = snap.view
        close = v.close
        e20, e50, s200 = v.value("ema_20"), v.value("ema_50"), v.value("sma_200")
        rsi, hist, line, signal = (
            v.value("rsi_14"),
            v.value("macd_hist"),
            v.value("macd_line"),
            v.value("macd_signal"),
        )
        adx, pdi, mdi = v.value("adx_14"), v.value("plus_di_14"), v.value("minus_di_14")
        pct_b, atr, atr_pct, ret = (
            v.value("bb_pct_b"),
            v.value("atr_14"),
            v.value("atr_pct"),
            v.value("ret_24"),
        )
        # a market that did not move for 14 bars (a halt, a pegged coin) has ATR 0: keep the ratios finite
        atr, atr_pct = max(atr, 1e-12 * close), max(atr_pct, 1e-10)

        ev: list[EvidenceItem] = []
        if close > e20 > e50:
            ev.append(
                fact(
                    "ema_20", e20, f"close above EMA20 above EMA50 ({e50:.6g}): up-trend stack", 0.25, "price"
                )
            )
        elif close < e20 < e50:
            ev.append(
                fact(
                    "ema_20",
                    e20,
                    f"close below EMA20 below EMA50 ({e50:.6g}): down-trend stack",
                    -0.25,
                    "price",
                )
            )
        else:
            w = 0.1 * _sign(e20 - e50)
            side = "above" if e20 > e50 else "below"
            ev.append(
                fact("ema_20", e20, f"EMA20 {side} EMA50 ({e50:.6g}) but the close is mixed", w, "price")
            )
        gap = 100.0 * (close / s200 - 1.0)
        ev.append(
            fact(
                "close_vs_sma_200",
                gap,
                f"close {abs(gap):.2f}% {'above' if gap >= 0 else 'below'} the 200-bar SMA",
                0.15 * _sign(gap),
                "%",
            )
        )
        if rsi > 75:
            ev.append(fact("rsi_14", rsi, "RSI overbought: strong but stretched", 0.05))
        elif rsi < 25:
            ev.append(fact("rsi_14", rsi, "RSI oversold: weak but stretched", -0.05))
        else:
            ev.append(
                fact(
                    "rsi_14", rsi, f"RSI {'above' if rsi >= 50 else 'below'} 50", 0.2 * clamp((rsi - 50) / 25)
                )
            )
        cross = "above" if line > signal else "below"
        ev.append(
            fact(
                "macd_hist",
                hist,
                f"MACD line {cross} its signal ({hist / atr:+.2f} ATR)",
                0.15 * clamp(hist / (0.2 * atr)),
                "price",
            )
        )
        lead = "+DI leads" if pdi > mdi else "-DI leads"
        strength = "trending" if adx >= 25 else "weak trend"
        ev.append(
            fact(
                "adx_14",
                adx,
                f"{strength}, {lead} ({pdi:.1f} vs {mdi:.1f})",
                0.15 * _sign(pdi - mdi) * min(1.0, adx / 25),
            )
        )
        if pct_b > 1:
            note = "close above the upper Bollinger band (breakout)"
        elif pct_b < 0:
            note = "close below the lower Bollinger band (breakdown)"
        else:
            note = f"close in the {'upper' if pct_b >= 0.5 else 'lower'} half of the Bollinger band"
        ev.append(fact("bb_pct_b", pct_b, note, 0.1 * clamp(2.0 * (pct_b - 0.5))))
        ev.append(
            fact("ret_24", ret, "return over the last 24 bars", 0.1 * clamp(ret / (5.0 * atr_pct)), "%")
        )

        score = clamp(sum(e.weight for e in ev))
        confidence = 0.25 + 0.5 * agreement(ev) + 0.25 * min(1.0, adx / 40)
        summary = (
            f"Technicals lean {leaning(score)}: close {close:.6g} vs EMA20 {e20:.6g} / EMA50 {e50:.6g}, "
            f"RSI {rsi:.0f}, MACD histogram {hist:+.3g}, ADX {adx:.0f} ({lead})."
        )
        return report(self.name, snap, score, confidence, summary, ev)

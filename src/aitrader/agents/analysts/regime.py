"""Regime analyst: what kind of market is this — trend, range, turbulence or thin trading?

The label is `aitrader.features.regime` with the strategies' settings (`STRATEGY_REGIME`: ADX 22
marks a trend; volatility in the top 5% of its recent history is HIGH_VOLATILITY), read from the
`regime` column with its inputs (`adx_14`, `vol_pct`, `liquidity_pct`) and Kaufman's efficiency
ratio `er_20` (net move / path length over 20 bars: near 1 a straight line, near 0 a chop).

Only a trend regime carries a direction (0.4 plus up to 0.4 for ADX strength, plus 0.2 x the
efficiency ratio); high volatility leans with +DI/-DI at half strength; a range or illiquid
market is neutral. Confidence falls in turbulence and thin trading.
"""

from __future__ import annotations

from typing import ClassVar

from aitrader.agents.analysts.base import clamp, fact, leaning, missing, report, warming_up
from aitrader.agents.reports import AnalystReport, EvidenceItem
from aitrader.agents.snapshot import Snapshot
from aitrader.strategies.regime import STRATEGY_REGIME, Regime, regime_name

NEEDS = ("adx_14", "plus_di_14", "minus_di_14", "vol_pct", "liquidity_pct", "er_20")

_NOTES = {
    Regime.TREND_UP: "trending up: pullbacks get bought, breakouts tend to follow through",
    Regime.TREND_DOWN: "trending down: rallies get sold, breakdowns tend to follow through",
    Regime.RANGE: "ranging: no trend strength, breakouts are unreliable and fades work better",
    Regime.HIGH_VOLATILITY: "high volatility: moves are large and erratic, stops must be wider",
    Regime.ILLIQUID: "illiquid: thin volume, fills and signals are unreliable",
}


class RegimeAnalyst:
    name: ClassVar[str] = "regime"

    def analyze(self, snap: Snapshot) -> AnalystReport:
        v = snap.view
        code = Regime(int(v.value("regime")))
        absent = missing(snap, NEEDS)
        if code is Regime.UNKNOWN or absent:
            return warming_up(self.name, snap, absent or ("regime",))
        adx, pdi, mdi = v.value("adx_14"), v.value("plus_di_14"), v.value("minus_di_14")
        vol_pct, liq_pct, er = v.value("vol_pct"), v.value("liquidity_pct"), v.value("er_20")
        direction = 1.0 if pdi > mdi else -1.0 if pdi < mdi else 0.0
        threshold = STRATEGY_REGIME.adx_trend

        if code.is_trend:
            sign = 1.0 if code is Regime.TREND_UP else -1.0
            label_w = sign * (0.4 + 0.4 * clamp((adx - threshold) / 20.0, 0.0, 1.0))
            er_w = sign * 0.2 * er
            confidence = 0.5 + 0.3 * clamp((adx - threshold) / 20.0, 0.0, 1.0) + 0.2 * er
        elif code is Regime.HIGH_VOLATILITY:
            label_w = 0.3 * direction
            er_w = 0.1 * direction * er
            confidence = 0.35
        else:
            label_w, er_w = 0.0, 0.0
            confidence = 0.5 if code is Regime.RANGE else 0.2
        ev: list[EvidenceItem] = [
            fact("regime", float(code), f"{regime_name(code)}: {_NOTES[code]}", label_w),
            fact(
                "adx_14",
                adx,
                f"ADX {'at or above' if adx >= threshold else 'below'} the trend mark {threshold:g}",
                0.0,
            ),
            fact("er_20", er, "efficiency ratio: net move over path length, 20 bars", er_w),
            fact(
                "vol_pct",
                100.0 * vol_pct,
                "realized volatility percentile among its recent history",
                0.0,
                "%",
            ),
            fact(
                "liquidity_pct", 100.0 * liq_pct, "mean volume percentile among its recent history", 0.0, "%"
            ),
        ]
        score = clamp(label_w + er_w)
        summary = (
            f"Regime {regime_name(code)} ({leaning(score)}): ADX {adx:.0f}, efficiency {er:.2f}, "
            f"volatility percentile {100 * vol_pct:.0f}."
        )
        return report(self.name, snap, score, confidence, summary, ev)

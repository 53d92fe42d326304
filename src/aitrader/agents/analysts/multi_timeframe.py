"""Multi-timeframe analyst: do the base, mid and top timeframes' trends agree?

Each level's trend comes from `features.trend_recipe` (close vs SMA 10, SMA 10 vs SMA 30, SMA 10
rising) on that timeframe's CLOSED candles, built from the base feed (`mtf_{base,mid,top}_trend`).
The higher timeframe weighs more (base 0.2, mid 0.35, top 0.45): a pullback on the base against
the daily trend is a pullback, not a reversal. A missing level (too little history, or no such
timeframe for this base) is left out and lowers the confidence.
"""

from __future__ import annotations

import math
from typing import ClassVar

from aitrader.agents.analysts.base import agreement, fact, leaning, report, warming_up
from aitrader.agents.analysts.features import higher_timeframes
from aitrader.agents.reports import AnalystReport, EvidenceItem
from aitrader.agents.snapshot import Snapshot

LEVEL_WEIGHTS = (("base", 0.2), ("mid", 0.35), ("top", 0.45))


def _words(trend: float) -> str:
    if trend >= 0.99:
        return "up (close above SMA10 above a rising SMA30 stack)"
    if trend <= -0.99:
        return "down (close below SMA10 below SMA30, falling)"
    if trend > 0:
        return "leaning up (2 of 3 trend signs positive)"
    if trend < 0:
        return "leaning down (2 of 3 trend signs negative)"
    return "flat"


class MultiTimeframeAnalyst:
    name: ClassVar[str] = "multi_timeframe"

    def analyze(self, snap: Snapshot) -> AnalystReport:
        v = snap.view
        mid_tf, top_tf = higher_timeframes(v.timeframe)
        tf_names = {
            "base": v.timeframe.value,
            "mid": mid_tf.value if mid_tf else "",
            "top": top_tf.value if top_tf else "",
        }
        if math.isnan(v.value("mtf_base_trend")):
            return warming_up(self.name, snap, ("mtf_base_trend",))
        ev: list[EvidenceItem] = []
        used = 0.0
        total = 0.0
        absent: list[str] = []
        for level, weight in LEVEL_WEIGHTS:
            trend = v.value(f"mtf_{level}_trend")
            label = tf_names[level] or level
            if math.isnan(trend):
                absent.append(label)
                why = (
                    "no such timeframe for this base"
                    if not tf_names[level]
                    else "not enough closed candles yet"
                )
                ev.append(fact(f"trend_{label}", 0.0, f"{label} trend: no data ({why})", 0.0))
                continue
            gap = v.value(f"mtf_{level}_gap_pct")
            used += weight
            total += weight * trend
            ev.append(fact(f"trend_{label}", trend, f"{label} trend {_words(trend)}", weight * trend))
            ev.append(fact(f"sma_gap_{label}", gap, f"{label} SMA10 vs SMA30", 0.0, "%"))
        score = total / used if used > 0 else 0.0
        confidence = used * (0.3 + 0.7 * agreement(ev))
        shown = ", ".join(
            f"{tf_names[lv] or lv} {v.value(f'mtf_{lv}_trend'):+.2f}"
            for lv, _ in LEVEL_WEIGHTS
            if tf_names[lv] and not math.isnan(v.value(f"mtf_{lv}_trend"))
        )
        agree = "agree" if agreement(ev) > 0.99 else "disagree"
        summary = f"Timeframes {agree}, leaning {leaning(score)}: trend {shown}" + (
            f" ({', '.join(absent)} not available)." if absent else "."
        )
        return report(self.name, snap, score, confidence, summary, ev)

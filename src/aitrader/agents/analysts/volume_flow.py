"""Volume and flow analyst: is money flowing in or out, and does volume confirm the move?

Reads `updown_vol_24` (share of volume on up closes), `obv_slope_20` (OBV's slope in mean-volume
units per bar), `mfi_14` and its 5-bar change, `vol_z_50` (this bar's log-volume z-score) and
`rvol_20`. A volume spike has no direction of its own: it confirms the direction of its bar.
Weights: up/down balance 0.35, OBV slope 0.25, MFI 0.2, MFI change 0.1, spike 0.2.
"""

from __future__ import annotations

from typing import ClassVar

from aitrader.agents.analysts.base import agreement, clamp, fact, leaning, missing, report, warming_up
from aitrader.agents.reports import AnalystReport, EvidenceItem
from aitrader.agents.snapshot import Snapshot

NEEDS = ("vol_z_50", "rvol_20", "updown_vol_24", "obv_slope_20", "mfi_14", "mfi_delta_5")


class VolumeFlowAnalyst:
    name: ClassVar[str] = "volume_flow"

    def analyze(self, snap: Snapshot) -> AnalystReport:
        absent = missing(snap, NEEDS)
        if absent:
            return warming_up(self.name, snap, absent)
        v = snap.view
        z, rvol, share = v.value("vol_z_50"), v.value("rvol_20"), v.value("updown_vol_24")
        obv_slope, mfi, mfi_delta = v.value("obv_slope_20"), v.value("mfi_14"), v.value("mfi_delta_5")
        c = v.features.candles
        bar_move = float(c.close[v.index]) - float(c.open[v.index])

        ev: list[EvidenceItem] = [
            fact("updown_vol_24", 100.0 * share, "share of the last 24 bars' volume traded on up closes",
                 0.35 * clamp(4.0 * (share - 0.5)), "%"),
            fact("obv_slope_20", obv_slope,
                 f"OBV {'rising' if obv_slope > 0 else 'falling'} over 20 bars (mean-volume units per bar)",
                 0.25 * clamp(obv_slope / 0.5)),
        ]  # fmt: skip
        if mfi >= 80:
            ev.append(fact("mfi_14", mfi, "money flow index overbought: heavy buying, stretched", 0.05))
        elif mfi <= 20:
            ev.append(fact("mfi_14", mfi, "money flow index oversold: heavy selling, stretched", -0.05))
        else:
            ev.append(
                fact(
                    "mfi_14",
                    mfi,
                    f"money flow index {'above' if mfi >= 50 else 'below'} 50",
                    0.2 * clamp((mfi - 50) / 30),
                )
            )
        ev.append(
            fact("mfi_delta_5", mfi_delta, "money flow index change over 5 bars", 0.1 * clamp(mfi_delta / 20))
        )
        if z >= 1.0 and bar_move != 0:
            up = bar_move > 0
            ev.append(
                fact("vol_z_50", z, f"volume spike on a {'rising' if up else 'falling'} bar confirms it",
                     0.2 * (1.0 if up else -1.0) * clamp((z - 1.0) / 2.0 + 0.25, 0.0, 1.0), "sd")
            )  # fmt: skip
        else:
            ev.append(fact("vol_z_50", z, "no volume spike on this bar", 0.0, "sd"))
        ev.append(fact("rvol_20", rvol, "volume relative to its 20-bar mean", 0.0, "x"))

        score = clamp(sum(e.weight for e in ev))
        # thin volume makes flow readings less telling
        confidence = 0.2 + 0.55 * agreement(ev) + 0.25 * clamp(rvol - 0.5, 0.0, 1.0)
        summary = (
            f"Flow leans {leaning(score)}: {100 * share:.0f}% of recent volume on up closes, "
            f"OBV {'rising' if obv_slope > 0 else 'falling'}, MFI {mfi:.0f}, volume {rvol:.2f}x its mean."
        )
        return report(self.name, snap, score, confidence, summary, ev)

"""Cross-asset and macro analyst: what the rest of the market says about this symbol.

Sources, each read only where data exists (a peer the kernel trades through `view.peer`, else a
series in `snap.context` under one of the names below); a source without data is listed as
"no data" with weight 0 — nothing is ever filled in:

- BTC trend (for any symbol but BTC itself): altcoins rarely rise against a falling BTC (0.45).
- ETH/BTC (context "ETHBTC", or ETHUSDT / BTCUSDT aligned): a rising ratio is risk appetite
  spreading to altcoins, bullish for altcoins (0.2), information only for BTC.
- The symbol against BTC (altcoins other than ETH): relative strength (0.15).
- BTC dominance ("BTC_DOMINANCE"): rising dominance drains altcoins (-0.15 for altcoins).
- Equity index (SPY, ^GSPC, SPX, QQQ, NIFTY50): risk-on when it rises (0.2).
- VIX (VIX, ^VIX): rising fear is risk-off (-0.2), above 30 an extra -0.1.
- DXY (DXY, DX-Y.NYB, ^DXY): a rising dollar tightens liquidity (-0.15).

Trends are `series.trend` over the last 20 bars of each series, in units of its own volatility.
A series whose newest candle closed more than 4 days (or 3 of its bars) before the decision is
stale: its weight is halved and the note says so.
"""

from __future__ import annotations

from typing import ClassVar

from aitrader.agents.analysts.base import agreement, clamp, fact, leaning, report
from aitrader.agents.analysts.series import TAIL, Tail, age_days, find, ratio, trend
from aitrader.agents.reports import AnalystReport, EvidenceItem
from aitrader.agents.snapshot import STALE_DAYS, Snapshot

# one staleness rule (`snapshot.stale`): the snapshot drops context series older than STALE_DAYS or
# three of their bars; a peer (another lane of the kernel) that old is damped here by the same rule

BTC = ("BTCUSDT", "BTCUSDC", "BTCUSD", "BTC")
ETH = ("ETHUSDT", "ETHUSDC", "ETHUSD", "ETH")
ETHBTC = ("ETHBTC",)
DOMINANCE = ("BTC_DOMINANCE", "BTC.D")
EQUITY = ("SPY", "^GSPC", "SPX", "QQQ", "NIFTY50")
VIX = ("VIX", "^VIX")
DXY = ("DXY", "DX-Y.NYB", "^DXY")
PAIR_TAIL = 2 * TAIL  # extra closes so two series still share TAIL open times after gaps


def _is(symbol: str, names: tuple[str, ...]) -> bool:
    return symbol in names


def _stale(snap: Snapshot, tail: Tail) -> tuple[float, str]:
    age = age_days(snap, tail)
    step_days = float((tail.last_close_ms - int(tail.open_time[-1])) / 86_400_000)
    if age > max(STALE_DAYS, 3 * step_days):
        return 0.5, f" (stale: last close {age:.1f} days before the decision)"
    return 1.0, ""


class CrossAssetAnalyst:
    name: ClassVar[str] = "cross_asset"

    def analyze(self, snap: Snapshot) -> AnalystReport:
        sym = snap.symbol
        is_btc = _is(sym, BTC)
        is_eth = _is(sym, ETH)
        ev: list[EvidenceItem] = []
        possible = 0.0  # weight the analyst could have used with every source present
        used = 0.0

        def add(name: str, tail: Tail | None, weight: float, note: str, unit: str = "z") -> None:
            nonlocal possible, used
            possible += abs(weight)
            if tail is None:
                ev.append(fact(name, 0.0, f"no data: {note.split(':')[0]}", 0.0))
                return
            t = trend(tail.close)
            damp, stale = _stale(snap, tail)
            used += abs(weight) * damp
            ev.append(fact(name, t.z, f"{note}: {t.ret_pct:+.2f}% over 20 bars from {tail.source}{stale}",
                           weight * t.score * damp, unit))  # fmt: skip

        if not is_btc:
            add("btc_trend", find(snap, BTC), 0.45, "BTC trend: altcoins follow BTC")
        ethbtc = find(snap, ETHBTC)
        if ethbtc is None:
            eth, btc = find(snap, ETH, PAIR_TAIL), find(snap, BTC, PAIR_TAIL)
            if eth is not None and btc is not None:
                ethbtc = ratio(eth, btc, "ETH/BTC on aligned closes")
        add("eth_btc_trend", ethbtc, 0.0 if is_btc else 0.2, "ETH/BTC trend: risk appetite for altcoins")
        if not is_btc and not is_eth:
            own = find(snap, (sym,), PAIR_TAIL)
            btc = find(snap, BTC, PAIR_TAIL)
            rel = (
                ratio(own, btc, f"{sym}/BTC on aligned closes")
                if own is not None and btc is not None
                else None
            )
            add("relative_strength_btc", rel, 0.15, f"{sym} against BTC: relative strength")
            add(
                "btc_dominance_trend",
                find(snap, DOMINANCE),
                -0.15,
                "BTC dominance trend: rising drains altcoins",
            )
        add("equity_trend", find(snap, EQUITY), 0.2, "equity index trend: risk appetite")
        vix = find(snap, VIX)
        add("vix_trend", vix, -0.2, "VIX trend: rising fear is risk-off")
        if vix is not None and vix.close[-1] > 30:
            ev.append(fact("vix_level", float(vix.close[-1]), "VIX above 30: markets in fear", -0.1))
        add("dxy_trend", find(snap, DXY), -0.15, "dollar index trend: a rising dollar tightens liquidity")

        present = [e for e in ev if not e.note.startswith("no data")]
        if not present:
            absent = ", ".join(e.name for e in ev)
            return report(
                self.name,
                snap,
                0.0,
                0.0,
                f"No cross-asset data for {sym}: no peer or context series ({absent}).",
                ev,
            )
        weights = sum(e.weight for e in ev)
        score = clamp(weights / max(used, 0.45))
        confidence = (used / possible if possible > 0 else 0.0) * (0.4 + 0.6 * agreement(ev))
        shown = ", ".join(f"{e.name} {e.value:+.2f}" for e in present[:4])
        summary = (
            f"Cross-asset picture leans {leaning(score)} from {len(present)} of {len(ev)} sources ({shown})."
        )
        return report(self.name, snap, score, confidence, summary, ev)

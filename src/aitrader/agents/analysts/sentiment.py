"""Sentiment analyst: what the news and social text say, and how fearful or greedy the market is.

Text: every item in `snap.texts` (already cut at the decision: nothing published later is there)
that is about this symbol's base asset or the market as a whole (no `symbols`), scored with VADER
plus the market lexicon (`analysts.lexicon`), averaged with recency weights (half-life 6 hours).

Fear and greed, 0..100: the price-only index of `analysts.features` (`fear_greed`: momentum,
volatility against its norm, up-volume share) and, when `snap.context` holds "FEAR_GREED"
(a provider's index as candles, close = value) closed within the last 2 days, that value too.

The parts are averaged with weights text 0.6 x coverage (coverage: up to 3 relevant items),
provider index 0.3, price index 0.2 — only over the parts present — so price alone still gives a
stance, with a low confidence. Readings above 80 or below 20 are flagged as crowded.
"""

from __future__ import annotations

import math
from typing import ClassVar

from aitrader.agents.analysts.base import clamp, fact, leaning, report
from aitrader.agents.analysts.lexicon import polarity
from aitrader.agents.reports import AnalystReport, EvidenceItem
from aitrader.agents.snapshot import Snapshot, TextItem

HALF_LIFE_MS = 6 * 3_600_000
PROVIDER_MAX_AGE_MS = 2 * 86_400_000
QUOTES = ("USDT", "USDC", "BUSD", "FDUSD", "TUSD", "USD", "EUR", "BTC", "ETH")
BODY_CHARS = 500


def base_asset(symbol: str) -> str:
    """BTC for BTCUSDT, ETH for ETHBTC (the longest known quote suffix is dropped)."""
    s = symbol.upper()
    for q in QUOTES:
        if s.endswith(q) and len(s) > len(q):
            return s[: -len(q)]
    return s


def relevant(item: TextItem, symbol: str) -> bool:
    """Market-wide (no symbols) or naming the symbol or its base asset."""
    if not item.symbols:
        return True
    wanted = {symbol.upper(), base_asset(symbol)}
    return any(s.upper() in wanted for s in item.symbols)


def text_score(item: TextItem) -> float:
    """The item's compound polarity: its title, plus the start of its body when it has one."""
    text = item.title if not item.body else f"{item.title}. {item.body[:BODY_CHARS]}"
    return polarity(text)


def _mood(index: float) -> str:
    if index >= 80:
        return "extreme greed (crowded: late buyers)"
    if index >= 60:
        return "greed"
    if index > 40:
        return "neutral"
    if index > 20:
        return "fear"
    return "extreme fear (capitulation risk)"


class SentimentAnalyst:
    name: ClassVar[str] = "sentiment"

    def analyze(self, snap: Snapshot) -> AnalystReport:
        ev: list[EvidenceItem] = []
        parts: list[tuple[float, float]] = []  # (weight, score in [-1, 1])
        items = [t for t in snap.texts if t.published_ms <= snap.close_ms and relevant(t, snap.symbol)]
        if items:
            num = den = 0.0
            positive = negative = 0
            for t in items:
                s = text_score(t)
                w = 0.5 ** ((snap.close_ms - t.published_ms) / HALF_LIFE_MS)
                num += w * s
                den += w
                positive += s >= 0.05
                negative += s <= -0.05
            avg = num / den
            coverage = min(1.0, len(items) / 3.0)
            parts.append((0.6 * coverage, avg))
            note = (
                f"{len(items)} items ({positive} positive, {negative} negative), recency-weighted VADER score"
            )
            ev.append(fact("text_sentiment", avg, note, 0.6 * coverage * avg))
        else:
            ev.append(
                fact(
                    "text_sentiment",
                    0.0,
                    f"no data: no news or social items about {base_asset(snap.symbol)}",
                    0.0,
                )
            )

        provider = snap.context.get("FEAR_GREED")
        if provider is not None and len(provider):
            last_close = int(provider.open_time[-1]) + provider.timeframe.duration_ms
            value = float(provider.close[-1])
            if snap.close_ms - last_close <= PROVIDER_MAX_AGE_MS and math.isfinite(value):
                s = clamp((value - 50.0) / 50.0)
                parts.append((0.3, s))
                ev.append(
                    fact("fear_greed_provider", value, f"provider index: {_mood(value)}", 0.3 * s, "/100")
                )
            else:
                ev.append(
                    fact(
                        "fear_greed_provider", value, "no data: provider index older than 2 days", 0.0, "/100"
                    )
                )

        fg = snap.view.value("fear_greed")
        if math.isfinite(fg):
            s = clamp((fg - 50.0) / 50.0)
            parts.append((0.2, s))
            mom, vol, volu = (snap.view.value(n) for n in ("fg_momentum", "fg_volatility", "fg_volume"))
            note = f"price-only index: {_mood(fg)} (momentum {mom:.2f}, calm {vol:.2f}, up-volume {volu:.2f})"
            ev.append(fact("fear_greed_price", fg, note, 0.2 * s, "/100"))
        else:
            ev.append(
                fact("fear_greed_price", 0.0, "no data: price-only index still warming up", 0.0, "/100")
            )

        if not parts:
            return report(
                self.name, snap, 0.0, 0.0, "No sentiment data: no text items and the index is warming up.", ev
            )
        total_w = sum(w for w, _ in parts)
        score = sum(w * s for w, s in parts) / total_w
        confidence = min(1.0, total_w) * (0.5 + 0.5 * min(1.0, abs(score) * 2))
        mood = _mood(fg) if math.isfinite(fg) else "price index warming up"
        summary = f"Sentiment leans {leaning(score)}: {len(items)} relevant text items, market mood {mood}."
        return report(self.name, snap, score, confidence, summary, ev)

"""`market_view_text(view)`: the market view in the 4-8 lines a trader reads.

Every figure it prints is a field of the view, printed with the decimals the view stores it with
(`market_view_figures`), so the grounding check finds each one in the view's JSON.
"""

from __future__ import annotations

from aitrader.agents.chat.market_view_figures import shown
from aitrader.agents.chat.market_view_models import LevelView, MarketView, SideView, StrategyView

_MAX_CHANGES = 4  # failed needs listed in the text; the view holds them all


def market_view_text(view: MarketView) -> str:
    """A short plain-language answer: price, regime, indicators, levels, the strategy's view."""
    head = f"{view.symbol} {view.timeframe}"
    if not view.ready:
        return f"{head}: {view.message}."
    lines = [f"{head} at {shown(view.close, 'price')} (bar {view.bar_time})."]
    r = view.regime
    if r is not None:
        if r.adx_14 is None:
            lines.append(f"Regime: {r.name}.")
        else:
            stack = f"; {r.ma_stack}" if r.ma_stack else ""
            lines.append(
                f"Regime: {r.name} (ADX {shown(r.adx_14, 'level')}, +DI {shown(r.plus_di_14, 'level')} "
                f"vs -DI {shown(r.minus_di_14, 'level')}{stack})."
            )
    ind = view.indicators
    if ind is not None:
        parts = [f"RSI {shown(ind.rsi_14, 'level')}", f"ATR {shown(ind.atr_pct, 'pct')}% of price"]
        if ind.volume_ratio is not None:
            parts.append(f"volume {shown(ind.volume_ratio, 'ratio')}x its {ind.volume_window}-bar average")
        lines.append(", ".join(parts) + ".")
    lines.append(_levels(view.support, view.resistance))
    higher = [f"{h.timeframe} {h.regime}" for h in view.higher if h.regime != "warming up"]
    if higher:
        lines.append(f"Higher timeframes: {', '.join(higher)}.")
    if view.strategy is not None:
        lines.extend(_strategy(view.strategy))
    return "\n".join(lines)


def _levels(support: LevelView | None, resistance: LevelView | None) -> str:
    def one(name: str, lv: LevelView | None) -> str:
        if lv is None:
            return f"no {name} found"
        return f"{name} {shown(lv.price, 'price')} ({lv.distance_pct:+.2f}%)"

    text = f"{one('support', support)}, {one('resistance', resistance)}."
    return text[0].upper() + text[1:]


def _strategy(s: StrategyView) -> list[str]:
    sig = s.signal
    if sig is not None:
        targets = " / ".join(shown(t, "price") for t in sig.targets)
        line = (
            f"{s.name}: enter {sig.side} now at {shown(sig.price, 'price')}, stop {shown(sig.stop, 'price')}, "
            f"targets {targets} (confidence {sig.confidence:.2f})."
        )
        if sig.side == "short" and not s.shorts_allowed:
            line += " Spot cannot sell short: read it as advice to stay out or exit longs."
        lines = [line]
    else:
        side = _closer(s)
        lines = [f"{s.name}: no entry now — {side.side}: {side.held} of {side.total} conditions hold."]
        if side.to_enter:
            shown_changes = side.to_enter[:_MAX_CHANGES]
            more = len(side.to_enter) - len(shown_changes)
            tail = f"; and {more} more" if more else ""
            lines.append(f"It would go {side.side} on: {'; '.join(shown_changes)}{tail}.")
    last = s.last_signal
    if last is not None and (sig is None or last.bars_ago > 0):
        lines.append(
            f"Last {s.name} signal: {last.side} on the {last.bar_time} bar ({last.bars_ago} bars ago)."
        )
    return lines


def _closer(s: StrategyView) -> SideView:
    """The side to talk about: long on spot; otherwise the one with more conditions holding."""
    if not s.shorts_allowed:
        return s.long
    return s.short if s.short.held > s.long.held else s.long


__all__ = ["market_view_text"]

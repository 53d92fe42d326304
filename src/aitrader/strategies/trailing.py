"""The stop move a trailing strategy proposes: one place that decides whether a new stop is worth an
`Adjust` and words it (momentum and ensemble choose the target, this moves the stop)."""

from __future__ import annotations

from aitrader.domain.position import Position
from aitrader.domain.proposal import Adjust, AdjustKind
from aitrader.strategies.base import MarketView


def stop_move(
    name: str, view: MarketView, pos: Position, target: float, kind: AdjustKind, min_step: float
) -> Adjust | None:
    """`pos`'s stop moved to `target`, when that gains at least `min_step` (in price) in the
    position's favour and leaves the stop on the safe side of the close; None otherwise."""
    sign = pos.side.sign
    stop, close, a = float(pos.stop), view.close, view.value("atr")
    if (target - stop) * sign < min_step or (close - target) * sign <= 0:
        return None
    return Adjust(
        view.symbol,
        kind,
        f"{name}: {'stop to breakeven' if kind is AdjustKind.BREAKEVEN else 'trail stop'} "
        f"{stop:.2f} -> {target:.2f} (close {close:.2f}, ATR {a:.2f})",
        close,
        view.time_ms,
        new_stop=target,
        strategy=name,
        evidence={"close": close, "atr": round(a, 6), "old_stop": stop, "new_stop": round(target, 6)},
    )

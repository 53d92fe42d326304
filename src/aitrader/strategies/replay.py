"""A naive walk of a strategy over history, for inspection and tests (not the backtester).

Positions open at the decision bar's close with quantity 1, close at the stop or the last target
when a later bar's range reaches them (stop first when both are hit), or at the close of a bar
where the strategy proposes an Exit. Adjusts move the stop. No sizing, fees or RiskGate: the
real kernel lives in `aitrader.engine`/`aitrader.backtest`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from aitrader.domain import Candles, Side
from aitrader.domain.decimals import to_decimal
from aitrader.domain.position import Position, StaticBook
from aitrader.domain.proposal import Adjust, Enter, Exit, Proposal
from aitrader.strategies.base import Features, MarketView, Strategy


@dataclass(slots=True)
class ReplayLog:
    entries: list[tuple[int, Enter]] = field(default_factory=list)
    exits: list[tuple[int, Exit]] = field(default_factory=list)
    adjusts: list[tuple[int, Adjust]] = field(default_factory=list)
    stops: int = 0
    targets: int = 0
    proposals_by_bar: dict[int, Sequence[Proposal]] = field(default_factory=dict)


def replay(strategy: Strategy, candles: Candles, every_bar: bool = True) -> ReplayLog:
    """Call `on_bar` on every bar (or only on the signal candidates when `every_bar` is False)."""
    feats: Features = strategy.features(candles)
    sig = strategy.signals(feats)
    log = ReplayLog()
    pos: Position | None = None
    last_target = 0.0
    i = 0
    n = len(candles)
    while i < n:
        if pos is not None:
            stop = float(pos.stop)
            hit_stop = candles.low[i] <= stop if pos.is_long else candles.high[i] >= stop
            hit_tp = candles.high[i] >= last_target if pos.is_long else candles.low[i] <= last_target
            if hit_stop or hit_tp:
                log.stops += int(hit_stop)
                log.targets += int(not hit_stop)
                pos = None
        if not every_bar and not _candidate(sig, i, pos):
            i += 1
            continue
        props = strategy.on_bar(MarketView(feats, i), StaticBook([pos] if pos else []))
        if props:
            log.proposals_by_bar[i] = props
        for p in props:
            if isinstance(p, Enter) and pos is None:
                log.entries.append((i, p))
                last_target = p.targets[-1].price
                pos = Position(
                    p.symbol,
                    p.side,
                    Decimal(1),
                    to_decimal(p.price),
                    to_decimal(p.stop),
                    plan_id=f"r{i}",
                    opened_ms=p.time_ms,
                )
            elif isinstance(p, Exit) and pos is not None:
                log.exits.append((i, p))
                pos = None
            elif isinstance(p, Adjust) and pos is not None:
                log.adjusts.append((i, p))
                if p.new_stop is not None:
                    pos = Position(
                        pos.symbol,
                        pos.side,
                        pos.qty,
                        pos.entry_price,
                        to_decimal(p.new_stop),
                        plan_id=pos.plan_id,
                        plan_version=pos.plan_version + 1,
                        opened_ms=pos.opened_ms,
                    )
        i += 1
    return log


def _candidate(sig: object, i: int, pos: Position | None) -> bool:
    from aitrader.strategies.base import Signals

    assert isinstance(sig, Signals)
    if pos is None:
        return bool(sig.entry_long[i] or sig.entry_short[i])
    if sig.adjusts_every_bar:
        return True
    return bool(sig.exit_long[i] if pos.side is Side.BUY else sig.exit_short[i])

"""What a rule strategy says on one bar: its proposals, or each entry condition held or failed.

`aitrader decide` prints it as a table and the chat's market view reports it, so both show the
very conditions `RuleStrategy.explain` gives and the proposals `on_bar` makes (flat book).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from aitrader.domain import Side
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Proposal
from aitrader.strategies.base import Features, MarketView
from aitrader.strategies.regime import regime_name
from aitrader.strategies.rule import Condition, RuleStrategy


@dataclass(frozen=True, slots=True)
class ConditionRow:
    """One row of the conditions table: a condition and whether it held for a long and a short."""

    key: str
    text: str
    long: bool
    short: bool


@dataclass(frozen=True)
class BarReading:
    """The strategy's reading of bar `view.index` with no position open."""

    view: MarketView
    proposals: Sequence[Proposal]
    long: tuple[Condition, ...]  # `explain(view, BUY)`: regime first, then the strategy's conditions
    short: tuple[Condition, ...]
    regime: str  # the strategy's own regime gate on this bar, e.g. "trend_up"
    evidence: Mapping[str, float | int | str | bool]
    rows: tuple[ConditionRow, ...]  # the table `decide` prints

    def side(self, side: Side) -> tuple[Condition, ...]:
        return self.long if side is Side.BUY else self.short


def read_bar(strategy: RuleStrategy[Any], features: Features, index: int) -> BarReading:
    """Proposals and conditions of `strategy` at bar `index` of `features` (a flat book)."""
    view = MarketView(features, index)
    proposals = strategy.on_bar(view, EMPTY_BOOK)
    long = tuple(strategy.explain(view, Side.BUY))
    short = tuple(strategy.explain(view, Side.SELL))
    evidence = strategy.evidence(view)
    regime = str(evidence.get("regime", "?"))
    longs = {c.key: c for c in long}
    shorts = {c.key: c for c in short}
    long_r = ", ".join(sorted(regime_name(r) for r in strategy.long_regimes)) or "none"
    short_r = ", ".join(sorted(regime_name(r) for r in strategy.short_regimes)) or "none"
    rows = [
        ConditionRow(
            "regime",
            f"regime is {regime} (longs trade {long_r}; shorts trade {short_r})",
            longs["regime"].held,
            shorts["regime"].held,
        )
    ]
    for key, text in strategy.conditions:
        rows.append(ConditionRow(key, text.format(side="long/short"), longs[key].held, shorts[key].held))
    if "warmup" in longs:
        rows.append(ConditionRow("warmup", longs["warmup"].text, False, False))
    return BarReading(view, proposals, long, short, regime, evidence, tuple(rows))


def last_signal(strategy: RuleStrategy[Any], features: Features, upto: int | None = None) -> int | None:
    """The last bar (at or before `upto`, default the last bar) with an entry signal on either side."""
    sig = strategy.signals(features)
    hits = np.flatnonzero(sig.entry_long | sig.entry_short)
    if upto is not None:
        hits = hits[hits <= upto]
    return int(hits[-1]) if hits.size else None


__all__ = ["BarReading", "ConditionRow", "last_signal", "read_bar"]

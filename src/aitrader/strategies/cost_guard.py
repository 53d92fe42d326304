"""The cost condition: a strategy proposes an entry only when its targets can pay for the trade.

Measured on held-out Binance data, the 1m/5m trades of the built-in strategies were about flat
before fees and lost money after them: their targets were a few tenths of a percent away, no more
than the round trip cost. This condition compares, per unit of the asset, the plan's expected move
with what the round trip costs:

- expected move = sum over the targets of fraction x |target - entry| (the move the plan aims for,
  each target weighted by the share of the position it closes);
- round-trip cost = entry x (2 x fee rate + 2 x slippage): a fee and a slippage on the entry fill
  and again on the exit fill;
- it holds when expected move >= `multiple` x round-trip cost.

Why 3 by default: a target is reached only part of the time, yet every trade pays the full costs,
winners and losers alike. A target worth three round trips keeps the costs at most a third of the
gross win, so a plan that wins a third of the time or more at 1:1 risk still has room to net a
profit; at 1x a target hit would only just pay for the trade itself, and each stop-out would lose
the costs on top of the risk.

`plan_guards` (`placement_guard`) evaluates it on the plan the strategy would propose (its own
`_stop`/`_targets`) on bars where the market conditions hold and the plan is valid; elsewhere there
is nothing to weigh and the column is True. It becomes the `long_costs`/`short_costs` entry
condition of the built-in strategies, so `explain`/`decide` name it when costs blocked a trade.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from aitrader.domain.proposal import Target

COSTS = (
    "costs",
    "costs: the expected move to the {side}'s targets is at least the cost multiple x the round-trip "
    "fees and slippage",
)
DEFAULT_FEE_RATE = 0.001  # Binance's default spot commission, per fill
DEFAULT_SLIPPAGE = 0.0005  # 5 bps per fill: the runs' default `--slippage 5`
DEFAULT_COST_MULTIPLE = 3.0  # see the module docstring


@dataclass(frozen=True, slots=True)
class Costs:
    """What a round trip costs a strategy's trades, and how many times over a plan must earn it.

    `fee_rate` and `slippage` are fractions of the price per fill (0.001 = 0.1%, 0.0005 = 5 bps)."""

    fee_rate: float = DEFAULT_FEE_RATE
    slippage: float = DEFAULT_SLIPPAGE
    multiple: float = DEFAULT_COST_MULTIPLE

    def __post_init__(self) -> None:
        for name in ("fee_rate", "slippage", "multiple"):
            v = getattr(self, name)
            if not (isinstance(v, int | float) and math.isfinite(v) and v >= 0):
                raise ValueError(f"{name} must be a finite number >= 0, got {v!r}")

    @classmethod
    def of_run(
        cls,
        fee: float | None,
        slippage_bps: float | None,
        fixed_fee: bool = False,
        multiple: float = DEFAULT_COST_MULTIPLE,
    ) -> Costs:
        """A run's costs: its --fee rate per fill and its --slippage in basis points (None: the
        default of each).

        A fixed-fee run (`--fixed-fee ENTRY,EXIT` in quote currency) charges the same amount whatever
        the trade's size, which the strategy does not know (the gate sizes it later), so no rate per
        unit follows from it: its fee counts as 0 here and only the slippage is weighed."""
        rate = 0.0 if fixed_fee else (DEFAULT_FEE_RATE if fee is None else float(fee))
        slip = DEFAULT_SLIPPAGE if slippage_bps is None else float(slippage_bps) / 10_000.0
        return cls(rate, slip, multiple)

    def round_trip(self, entry: float) -> float:
        """Fees and slippage of entering and leaving one unit at `entry`."""
        return entry * (2.0 * self.fee_rate + 2.0 * self.slippage)

    def hold(self, entry: float, targets: Sequence[Target]) -> bool:
        """Whether the plan's expected move is at least `multiple` round trips."""
        return expected_move(entry, targets) >= self.multiple * self.round_trip(entry)

    def text(self, entry: float, targets: Sequence[Target]) -> str:
        """The comparison in words, with the figures (for `explain`)."""
        move, cost = expected_move(entry, targets), self.round_trip(entry)
        need = self.multiple * cost
        return (
            f"costs: expected move to the targets {move:.6g} {'>=' if move >= need else '<'} {need:.6g} "
            f"needed: {self.multiple:g}x the round-trip fees and slippage of {cost:.6g} (fee "
            f"{self.fee_rate * 100:g}% and slippage {self.slippage * 100:g}% a fill)"
        )


def expected_move(entry: float, targets: Sequence[Target]) -> float:
    """Sum of fraction x |target - entry|: the move per unit the plan aims for."""
    return sum(t.fraction * abs(t.price - entry) for t in targets)


__all__ = ["COSTS", "DEFAULT_COST_MULTIPLE", "DEFAULT_FEE_RATE", "DEFAULT_SLIPPAGE", "Costs", "expected_move"]

"""Deterministic overlays applied after the model and before the RiskGate; each refusal says why.

They only ever take a decision away, never add one, and they read the decision, the snapshot and
the adviser's own count of entries today — nothing the model wrote can switch them off. They add
what the gate does not check for this decider:

- **net reward:risk**: the gate's own figure (fees on both fills and slippage on the taker ones
  come off first), held to the adviser's own minimum (`min_net_reward_risk`) before the gate's;
- **slippage guard**: the price the model says it decided at against the snapshot's close (a model
  reasoning from a stale or invented price is refused; the gate then guards close vs market);
- **max trades per day**: entries this adviser proposed in the UTC day of the decision;
- **cooldown**: while the gate's recent rejections of this adviser (`snap.rejections`) number
  `cooldown_after_rejections` or more, no new entries.

Exits pass every overlay: closing a position never adds risk.
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.agents.adviser.params import LlmParams
from aitrader.agents.adviser.schema import AdviserDecision
from aitrader.agents.snapshot import Snapshot
from aitrader.domain import Side
from aitrader.risk.sizing import net_reward_risk as gate_net_reward_risk
from aitrader.risk.sizing import unit_risk


def net_reward_risk(
    close: float, stop: float, targets: tuple[tuple[float, float], ...], fee: float, slippage: float
) -> float:
    """The gate's net reward:risk (`risk.sizing.net_reward_risk`) of a long entered at market at
    `close`, with a `fee` rate on every fill and `slippage` (a fraction) on the entry and the stop;
    targets (price, fraction) fill as limit orders (a fee, no slippage). 0 when nothing is won."""
    d = _decimal
    risk = unit_risk(Side.BUY, d(close), d(stop), d(fee), d(fee), d(slippage), d(slippage))
    rr = gate_net_reward_risk(
        Side.BUY, d(close), [(d(t), d(f)) for t, f in targets], d(fee), d(fee), d(slippage), risk
    )
    return max(rr, 0.0)


def _decimal(x: float) -> Decimal:
    return Decimal(repr(float(x)))


def refusal(d: AdviserDecision, snap: Snapshot, params: LlmParams, entries_today: int) -> str | None:
    """Why the overlays refuse `d` on `snap` (None: it goes on to the gate)."""
    if d.action != "enter_long":
        return None
    close = snap.close
    if d.price is not None:
        moved = abs(d.price - close) / close
        if moved > params.max_price_deviation:
            return (
                f"slippage guard: the decision price {d.price:g} is {moved:.2%} from the close "
                f"{close:g} (max {params.max_price_deviation:.2%})"
            )
    if entries_today >= params.max_trades_per_day:
        return f"max trades per day: {entries_today} entries already proposed today (max {params.max_trades_per_day})"
    recent = snap.rejections
    if len(recent) >= params.cooldown_after_rejections:
        return (
            f"cooldown: the gate rejected {len(recent)} recent entries "
            f"(at most {params.cooldown_after_rejections - 1} allowed; latest: {recent[-1]})"
        )
    assert d.stop is not None  # schema.decision_problems holds it for enter_long
    rr = net_reward_risk(
        close,
        d.stop,
        tuple((t.price, t.fraction) for t in d.targets),
        params.fee,
        params.slippage_bps / 10_000,
    )
    if rr < params.min_net_reward_risk:
        return (
            f"reward:risk {rr:.2f} after fees and slippage is below the minimum "
            f"{params.min_net_reward_risk:g}"
        )
    return None

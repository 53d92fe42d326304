"""The registry of built-in strategies: look one up by name, build it with validated parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError

from aitrader.domain import Timeframe
from aitrader.strategies.base import Strategy
from aitrader.strategies.confluence import ConfluenceStrategy
from aitrader.strategies.cost_guard import DEFAULT_COST_MULTIPLE, DEFAULT_FEE_RATE, DEFAULT_SLIPPAGE, Costs
from aitrader.strategies.ensemble import EnsembleStrategy
from aitrader.strategies.levels import LevelsStrategy
from aitrader.strategies.momentum import MomentumStrategy
from aitrader.strategies.range_reversion import RangeStrategy
from aitrader.strategies.rule import RuleStrategy
from aitrader.strategies.user_params import validation_problems

REGISTRY: dict[str, type[RuleStrategy[Any]]] = {
    cls.name: cls
    for cls in (ConfluenceStrategy, MomentumStrategy, RangeStrategy, LevelsStrategy, EnsembleStrategy)
}
DEFAULT_STRATEGY = "confluence"


COST_MULTIPLE_PARAM = "cost_multiple"  # a parameter of every built-in strategy: see `get_strategy`


class StrategyError(ValueError):
    """Unknown strategy name or invalid parameters (the message says which and why)."""


def strategy_names() -> list[str]:
    return list(REGISTRY)


def get_strategy(
    name: str,
    params: Mapping[str, Any] | None = None,
    timeframe: Timeframe = Timeframe.M1,
    *,
    fee_rate: float | None = None,
    slippage: float | None = None,
    cost_multiple: float | None = None,
) -> RuleStrategy[Any]:
    """Build strategy `name` with `params` (validated by its pydantic model).

    `fee_rate` and `slippage` (per fill, fractions of the price: 0.001, 0.0005) are the run's costs,
    which the `costs` entry condition weighs; `cost_multiple` how many round trips of them a plan
    must aim for. None keeps `RuleStrategy`'s defaults (0.1%, 5 bps, 3x). `cost_multiple` may also
    come among `params` (`--param cost_multiple=0`, `[strategies.NAME] cost_multiple = 2`), so it
    reaches every place parameters reach (live, paper, replay); the keyword wins."""
    cls = REGISTRY.get(name.strip().lower())
    if cls is None:
        raise StrategyError(f"unknown strategy {name!r}: choose one of {', '.join(REGISTRY)}")
    values = dict(params or {})
    if COST_MULTIPLE_PARAM in values:
        given = values.pop(COST_MULTIPLE_PARAM)
        if isinstance(given, bool) or not isinstance(given, int | float):
            raise StrategyError(
                f"invalid parameters for {name}: {COST_MULTIPLE_PARAM} must be a number >= 0, got {given!r}"
            )
        if cost_multiple is None:
            cost_multiple = float(given)
    try:
        model = cls.params_model(**values)
    except ValidationError as exc:
        problems = validation_problems(exc)
        raise StrategyError(f"invalid parameters for {name}: {problems}") from None
    try:
        costs = Costs(
            DEFAULT_FEE_RATE if fee_rate is None else fee_rate,
            DEFAULT_SLIPPAGE if slippage is None else slippage,
            DEFAULT_COST_MULTIPLE if cost_multiple is None else cost_multiple,
        )
    except ValueError as exc:  # a negative or non-finite cost
        raise StrategyError(f"invalid costs for {name}: {exc}") from None
    return cls(
        model, timeframe, fee_rate=costs.fee_rate, slippage=costs.slippage, cost_multiple=costs.multiple
    )


@dataclass(frozen=True, slots=True)
class ParamInfo:
    name: str
    type: str
    default: Any
    low: float | None
    high: float | None
    description: str
    low_open: bool = False  # True when the bound itself is excluded (gt / lt)
    high_open: bool = False

    @property
    def range_text(self) -> str:
        """'2 .. 200', '> 0 .. 20' or '' when unbounded."""
        if self.low is None and self.high is None:
            return ""
        lo = "" if self.low is None else f"{'> ' if self.low_open else ''}{self.low:g}"
        hi = "" if self.high is None else f"{'< ' if self.high_open else ''}{self.high:g}"
        return f"{lo} .. {hi}".strip()


def param_info(model: type[BaseModel]) -> list[ParamInfo]:
    """Each parameter's name, type, default, allowed range and description."""
    out = []
    for name, f in model.model_fields.items():
        low = high = None
        low_open = high_open = False
        for m in f.metadata:
            if isinstance(m, annotated_types.Ge | annotated_types.Gt):
                low_open = isinstance(m, annotated_types.Gt)
                low = float(m.gt if isinstance(m, annotated_types.Gt) else m.ge)  # type: ignore[arg-type]
            if isinstance(m, annotated_types.Le | annotated_types.Lt):
                high_open = isinstance(m, annotated_types.Lt)
                high = float(m.lt if isinstance(m, annotated_types.Lt) else m.le)  # type: ignore[arg-type]
        ann = f.annotation
        tname = getattr(ann, "__name__", str(ann))
        default = f.default.value if hasattr(f.default, "value") else f.default
        out.append(ParamInfo(name, tname, default, low, high, f.description or "", low_open, high_open))
    return out


def as_strategy(strategy: RuleStrategy[Any]) -> Strategy:
    """The built-in strategies satisfy the `Strategy` protocol (mypy checks this function)."""
    return strategy

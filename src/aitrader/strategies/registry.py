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
from aitrader.strategies.levels import LevelsStrategy
from aitrader.strategies.momentum import MomentumStrategy
from aitrader.strategies.range_reversion import RangeStrategy
from aitrader.strategies.rule import RuleStrategy
from aitrader.strategies.user_params import validation_problems

REGISTRY: dict[str, type[RuleStrategy[Any]]] = {
    cls.name: cls for cls in (ConfluenceStrategy, MomentumStrategy, RangeStrategy, LevelsStrategy)
}
DEFAULT_STRATEGY = "confluence"


class StrategyError(ValueError):
    """Unknown strategy name or invalid parameters (the message says which and why)."""


def strategy_names() -> list[str]:
    return list(REGISTRY)


def get_strategy(
    name: str, params: Mapping[str, Any] | None = None, timeframe: Timeframe = Timeframe.M1
) -> RuleStrategy[Any]:
    """Build strategy `name` with `params` (validated by its pydantic model)."""
    cls = REGISTRY.get(name.strip().lower())
    if cls is None:
        raise StrategyError(f"unknown strategy {name!r}: choose one of {', '.join(REGISTRY)}")
    try:
        model = cls.params_model(**dict(params or {}))
    except ValidationError as exc:
        problems = validation_problems(exc)
        raise StrategyError(f"invalid parameters for {name}: {problems}") from None
    return cls(model, timeframe)


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

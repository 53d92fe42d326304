"""The registry of built-in strategies: look one up by name, build it with validated parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError

from aitrader.domain import Timeframe
from aitrader.strategies.confluence import ConfluenceStrategy
from aitrader.strategies.levels import LevelsStrategy
from aitrader.strategies.momentum import MomentumStrategy
from aitrader.strategies.range_reversion import RangeStrategy
from aitrader.strategies.rule import RuleStrategy

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
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or 'params'}: {e['msg']}"
            for e in exc.errors(include_url=False)
        )
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


def param_info(model: type[BaseModel]) -> list[ParamInfo]:
    """Each parameter's name, type, default, allowed range and description."""
    out = []
    for name, f in model.model_fields.items():
        low = high = None
        for m in f.metadata:
            if isinstance(m, annotated_types.Ge | annotated_types.Gt):
                low = float(m.ge if isinstance(m, annotated_types.Ge) else m.gt)  # type: ignore[arg-type]
            if isinstance(m, annotated_types.Le | annotated_types.Lt):
                high = float(m.le if isinstance(m, annotated_types.Le) else m.lt)  # type: ignore[arg-type]
        ann = f.annotation
        tname = getattr(ann, "__name__", str(ann))
        default = f.default.value if hasattr(f.default, "value") else f.default
        out.append(ParamInfo(name, tname, default, low, high, f.description or ""))
    return out

"""A user strategy's parameters: annotated class attributes turned into a validated pydantic model.

    class MyCross(UserStrategy):
        fast: int = 10                                  # any value, type from the annotation
        slow: int = param(30, 20, 200, step=10)         # allowed range, which `optimize` searches
        stop_pct: float = param(0.02, 0.002, 0.2, help="stop this far below the entry")

The model is what `--param fast=12`, `aitrader.toml`'s `[strategies.<name>]` table, `aitrader
strategies` and `aitrader optimize` read, exactly as for the built-in strategies.
"""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from aitrader.strategies.search import search

PARAM_TYPES = (int, float, bool, str)


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """What `param()` returns: a default, an allowed range (inclusive) and an optional search step."""

    default: Any
    low: float | None = None
    high: float | None = None
    step: float | None = None
    log: bool = False
    help: str = ""


def validation_problems(exc: ValidationError) -> str:
    """'fast: Input should be ...; slow: ...': a parameter error in one line, without the input."""
    return "; ".join(
        f"{'.'.join(str(x) for x in e['loc']) or 'params'}: {e['msg']}" for e in exc.errors(include_url=False)
    )


def param(
    default: Any,
    low: float | None = None,
    high: float | None = None,
    *,
    step: float | None = None,
    log: bool = False,
    help: str = "",
) -> Any:
    """A parameter with an allowed range [low, high] (also the range `optimize` searches), an
    optional grid step, log-uniform search (`log=True`) and a one-line description."""
    if low is not None and high is not None and not low < high:
        raise ValueError(f"param({default!r}, {low}, {high}): low must be below high")
    numeric = isinstance(default, int | float) and not isinstance(default, bool)
    if numeric and ((low is not None and default < low) or (high is not None and default > high)):
        raise ValueError(f"param({default!r}, {low}, {high}): the default lies outside its range")
    return ParamSpec(default, low, high, step, log, help)


# names the base class uses itself: never parameters even when a subclass annotates them
RESERVED = frozenset(
    {"name", "description", "warmup", "history_bars", "timeframe", "timeframes", "regimes", "params",
     "params_model", "confidence"}
)  # fmt: skip
# what UserStrategy does: a parameter of that name would replace it
METHODS = frozenset(
    {"dropped", "indicators", "next", "buy", "sell", "exit", "move_stop", "features", "signals", "on_bar",
     "feature_stream"}
)  # fmt: skip


def _annotations(cls: type) -> dict[str, Any]:
    """The class's own annotations resolved to types where possible (string forms otherwise)."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # a forward reference the module cannot resolve: fall back to the raw text
        hints = {}
    raw = inspect.get_annotations(cls)  # its own only: `cls.__annotations__` may be a base's
    return {name: hints.get(name, raw[name]) for name in raw}


def _type_of(name: str, annotation: Any, default: Any, owner: str) -> type:
    if annotation in PARAM_TYPES:
        return typing.cast(type, annotation)
    if isinstance(annotation, str) and annotation in {t.__name__ for t in PARAM_TYPES}:
        return next(t for t in PARAM_TYPES if t.__name__ == annotation)
    if type(default) in PARAM_TYPES:
        return type(default)
    raise TypeError(f"{owner}.{name}: a parameter is an int, float, bool or str (got {annotation!r})")


def build_params_model(cls: type, bases_model: type[BaseModel] | None) -> type[BaseModel]:
    """The pydantic model of `cls`'s parameters: its base's fields, then its own annotated attributes."""
    fields: dict[str, Any] = {}
    if bases_model is not None:
        for fname, finfo in bases_model.model_fields.items():
            fields[fname] = (finfo.annotation, finfo)
    for pname, annotation in _annotations(cls).items():
        if pname.startswith("_") or pname in RESERVED:
            continue
        if pname in METHODS:
            raise TypeError(
                f"{cls.__name__}.{pname}: {pname} is part of UserStrategy; name the parameter otherwise"
            )
        if typing.get_origin(annotation) is ClassVar or (
            isinstance(annotation, str) and annotation.startswith(("ClassVar", "typing.ClassVar"))
        ):
            continue
        if pname not in cls.__dict__:
            raise TypeError(f"{cls.__name__}.{pname}: give the parameter a default, e.g. {pname}: int = 10")
        value = cls.__dict__[pname]
        spec = value if isinstance(value, ParamSpec) else ParamSpec(value)
        ptype = _type_of(pname, annotation, spec.default, cls.__name__)
        extra = None
        if spec.low is not None and spec.high is not None and ptype in (int, float):
            extra = search(spec.low, spec.high, step=spec.step, log=spec.log)
        fields[pname] = (
            ptype,
            Field(
                default=spec.default,
                ge=spec.low,
                le=spec.high,
                description=spec.help,
                json_schema_extra=extra,
                strict=ptype in (int, bool) or None,  # 10.5 is no int, and 1 is no bool
                allow_inf_nan=False if ptype is float else None,
            ),
        )
    config = ConfigDict(frozen=True, extra="forbid", validate_default=True)
    model: type[BaseModel] = create_model(f"{cls.__name__}Params", __config__=config, **fields)
    return model


__all__ = ["RESERVED", "ParamSpec", "build_params_model", "param", "validation_problems"]

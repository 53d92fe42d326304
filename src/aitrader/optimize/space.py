"""The search space: each strategy's typed parameters, narrowed by the user.

The space comes from the strategy's pydantic model: a field's validation bounds say what is
allowed, its search hint (`aitrader.strategies.search.search`) what is searched by default.
`--space NAME=LOW:HIGH[:STEP]` searches a range (inside the allowed bounds), `--space NAME=A,B,C`
a set of choices, `--space NAME=VALUE` fixes a value. Cross-field rules (`ema_fast < ema_slow`)
stay in the model: a combination it refuses is an infeasible trial, never a backtest.
The built-in strategies' `cost_multiple` is not in their model: `take_cost_multiple` takes it out
of the entries and base values, and every trial runs with it (`TrialSetup.cost_multiple`).
"""

from __future__ import annotations

import enum
import itertools
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from aitrader.strategies.registry import COST_MULTIPLE_PARAM, param_info
from aitrader.strategies.search import HINT_KEY

if TYPE_CHECKING:
    import optuna

Kind = Literal["int", "float", "choice"]
GRID_LIMIT = 100_000  # points above which a grid is refused (it would never finish)


class SpaceError(ValueError):
    """A bad --space entry or an empty space; the message says which and what to write."""


@dataclass(frozen=True)
class Dimension:
    """One searched parameter: an int or float range (optionally on a step grid) or a set of choices."""

    name: str
    kind: Kind
    low: float = 0.0
    high: float = 0.0
    step: float | None = None
    log: bool = False
    choices: tuple[Any, ...] = ()

    def points(self) -> list[Any]:
        """Every value of a finite dimension (for a grid); ValueError for a continuous float range."""
        if self.kind == "choice":
            return list(self.choices)
        if self.kind == "int":
            step = int(self.step or 1)
            return list(range(int(self.low), int(self.high) + 1, step))
        if self.step is None:
            raise ValueError(f"{self.name}: a float range without a step has no grid; add :STEP")
        n = math.floor((self.high - self.low) / self.step + 1e-9)
        return [round(self.low + i * self.step, 10) for i in range(n + 1)]

    def suggest(self, trial: optuna.Trial) -> Any:
        if self.kind == "choice":
            return trial.suggest_categorical(self.name, list(self.choices))
        if self.kind == "int":
            return trial.suggest_int(
                self.name, int(self.low), int(self.high), step=int(self.step or 1), log=self.log
            )
        value = trial.suggest_float(self.name, self.low, self.high, step=self.step, log=self.log)
        return round(value, 10) if self.step else value  # 2.4, not 2.4000000000000004 from the step grid

    def describe(self) -> str:
        if self.kind == "choice":
            return ", ".join(str(c) for c in self.choices)
        step = f" step {self.step:g}" if self.step else ""
        return f"{self.low:g} .. {self.high:g}{step}{' (log)' if self.log else ''}"


@dataclass(frozen=True)
class ParamSpace:
    """The dimensions searched and the values held fixed, for one strategy's parameter model."""

    model: type[BaseModel]
    dimensions: tuple[Dimension, ...]
    fixed: Mapping[str, Any]

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.dimensions]

    def grid_size(self) -> int | None:
        """Points in the full grid, or None when a dimension is continuous."""
        total = 1
        for d in self.dimensions:
            try:
                total *= len(d.points())
            except ValueError:
                return None
        return total

    def grid(self) -> Iterator[dict[str, Any]]:
        """Every point of the grid, in a fixed order."""
        names = self.names
        for values in itertools.product(*(d.points() for d in self.dimensions)):
            yield dict(zip(names, values, strict=True))

    def suggest(self, trial: optuna.Trial) -> dict[str, Any]:
        return {d.name: d.suggest(trial) for d in self.dimensions}

    def params(self, point: Mapping[str, Any]) -> dict[str, Any]:
        """The full parameter set of a point: the fixed values, then the searched ones."""
        return {**self.fixed, **point}

    def validate(self, point: Mapping[str, Any]) -> str | None:
        """None when the model accepts the point, else the model's reason (an infeasible trial)."""
        try:
            self.model(**self.params(point))
        except ValidationError as exc:
            return "; ".join(str(e["msg"]) for e in exc.errors(include_url=False))
        return None


def build_space(
    model: type[BaseModel], entries: Sequence[str] = (), fixed: Mapping[str, Any] | None = None
) -> ParamSpace:
    """The default space of `model` (its hinted fields), changed by `--space` `entries` (later ones
    win). `fixed` are base values (the config file's) for the parameters that are not searched."""
    fields = model.model_fields
    dims: dict[str, Dimension] = {}
    for name, f in fields.items():
        extra = f.json_schema_extra
        hint = extra.get(HINT_KEY) if isinstance(extra, dict) else None
        if isinstance(hint, dict):
            step = hint.get("step")
            low, high = float(hint["low"]), float(hint["high"])  # type: ignore[arg-type]
            fstep = None if step is None else float(step)  # type: ignore[arg-type]
            dims[name] = _range_dimension(model, name, low, high, fstep, bool(hint.get("log")))
    held: dict[str, Any] = dict(fixed or {})
    for name in held:
        if name not in fields:
            raise SpaceError(f"{name!r} is not a parameter of this strategy: choose from {', '.join(fields)}")
    for entry in entries:
        name, value = _split(entry, fields)
        dims.pop(name, None)
        held.pop(name, None)
        dim = _parse_entry(model, name, value)
        if isinstance(dim, Dimension):
            dims[name] = dim
        else:
            held[name] = dim
    if not dims:
        raise SpaceError("nothing to search: add --space NAME=LOW:HIGH[:STEP] (see `aitrader strategies`)")
    held = {k: v for k, v in held.items() if k not in dims}  # base values of what is not searched
    for name, value in held.items():
        _check_value(model, name, value)
    return ParamSpace(model, tuple(dims[n] for n in fields if n in dims), held)


def take_cost_multiple(
    model: type[BaseModel], entries: Sequence[str], fixed: Mapping[str, Any]
) -> tuple[list[str], dict[str, Any], float | None]:
    """`entries` and `fixed` without the built-in strategies' `cost_multiple`, and its value (None
    when neither names it; a later entry wins over an earlier one and over `fixed`).

    `cost_multiple` is a run's cost setting rather than a field of the strategy's model
    (`strategies.registry.get_strategy` takes it out of the parameters), so it is held at one value
    for every trial (`TrialSetup.cost_multiple`) and never searched. A model with a field of that
    name (a user's strategy) keeps it as an ordinary parameter."""
    if COST_MULTIPLE_PARAM in model.model_fields:
        return list(entries), dict(fixed), None
    rest, base = [], dict(fixed)
    value = None
    if COST_MULTIPLE_PARAM in base:
        value = _cost_multiple(base.pop(COST_MULTIPLE_PARAM), "the strategy's table in aitrader.toml")
    for entry in entries:
        name, _, raw = entry.partition("=")
        if name.strip() != COST_MULTIPLE_PARAM:
            rest.append(entry)
            continue
        raw = raw.strip()
        if "," in raw or ":" in raw:
            raise SpaceError(
                f"{entry!r}: {COST_MULTIPLE_PARAM} is never searched (it is the run's cost rule, not a "
                f"parameter of the strategy); give one value, e.g. --param {COST_MULTIPLE_PARAM}=0"
            )
        try:
            parsed: Any = json.loads(raw)
        except json.JSONDecodeError:
            parsed = raw
        value = _cost_multiple(parsed, repr(entry.strip()))
    return rest, base, value


def _cost_multiple(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise SpaceError(
            f"{where}: {COST_MULTIPLE_PARAM} must be a number >= 0, got {value!r} (the round trips of "
            f"fees and slippage a plan's targets must clear; 0 turns the check off)"
        )
    return float(value)


def _split(entry: str, fields: Mapping[str, Any]) -> tuple[str, str]:
    name, sep, value = entry.partition("=")
    name = name.strip()
    if not sep or not value.strip():
        raise SpaceError(f"--space {entry!r}: write NAME=LOW:HIGH[:STEP], NAME=A,B,C or NAME=VALUE")
    if name not in fields:
        raise SpaceError(f"--space {entry!r}: no parameter {name!r}; choose from {', '.join(fields)}")
    return name, value.strip()


def _parse_entry(model: type[BaseModel], name: str, value: str) -> Dimension | Any:
    kind = _kind(model, name)
    if "," in value:
        choices = tuple(_coerce(model, name, kind, v.strip()) for v in value.split(",") if v.strip())
        return Dimension(name, "choice", choices=choices)
    if ":" in value and kind in ("int", "float"):
        parts = value.split(":")
        if len(parts) not in (2, 3):
            raise SpaceError(f"--space {name}={value}: write LOW:HIGH or LOW:HIGH:STEP")
        try:
            low, high = float(parts[0]), float(parts[1])
            step = float(parts[2]) if len(parts) == 3 else None
        except ValueError:
            raise SpaceError(f"--space {name}={value}: LOW, HIGH and STEP must be numbers") from None
        return _range_dimension(model, name, low, high, step, False)
    return _coerce(model, name, kind, value)


def _range_dimension(
    model: type[BaseModel], name: str, low: float, high: float, step: float | None, log: bool
) -> Dimension:
    kind = _kind(model, name)
    if kind not in ("int", "float"):
        raise SpaceError(f"{name}: a range needs a number parameter; list choices as A,B,C")
    if not low < high:
        raise SpaceError(f"--space {name}: LOW {low:g} must be below HIGH {high:g}")
    if step is not None and step <= 0:
        raise SpaceError(f"--space {name}: STEP {step:g} must be positive")
    info = next(p for p in param_info(model) if p.name == name)
    if (info.low is not None and (low < info.low or (info.low_open and low == info.low))) or (
        info.high is not None and (high > info.high or (info.high_open and high == info.high))
    ):
        raise SpaceError(f"--space {name}={low:g}:{high:g} leaves the allowed range {info.range_text}")
    if kind == "int":
        if low != int(low) or high != int(high) or (step is not None and step != int(step)):
            raise SpaceError(f"--space {name}: an integer parameter needs whole LOW, HIGH and STEP")
        return Dimension(name, "int", low, high, step or 1, log and step in (None, 1))
    return Dimension(name, "float", low, high, step, log and step is None)


def _kind(model: type[BaseModel], name: str) -> Kind:
    ann = model.model_fields[name].annotation
    if ann is bool:
        return "choice"
    if ann is int:
        return "int"
    if ann is float:
        return "float"
    return "choice"


def _coerce(model: type[BaseModel], name: str, kind: Kind, raw: str) -> Any:
    """`raw` as the parameter's type (checked alone; cross-field rules are checked per trial)."""
    ann = model.model_fields[name].annotation
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        try:  # kept as its plain value: Optuna's choices are str/int/float, pydantic turns it back
            member = ann.parse(value) if hasattr(ann, "parse") else ann(value)
            return member.value
        except ValueError:
            raise SpaceError(
                f"--space {name}: {raw!r} is not one of {', '.join(str(m.value) for m in ann)}"
            ) from None
    if kind == "int" and (not isinstance(value, int) or isinstance(value, bool)):
        raise SpaceError(f"--space {name}: {raw!r} is not a whole number")
    if kind == "float" and not isinstance(value, int | float):
        raise SpaceError(f"--space {name}: {raw!r} is not a number")
    return float(value) if kind == "float" else value


def _check_value(model: type[BaseModel], name: str, value: Any) -> None:
    """A fixed value must pass its field's own type and bounds (else every trial would be refused)."""
    from typing import Annotated

    from pydantic import TypeAdapter

    f = model.model_fields[name]
    form: Any = Annotated[f.annotation, *f.metadata] if f.metadata else f.annotation
    try:
        TypeAdapter(form).validate_python(value)
    except ValidationError as exc:
        msg = exc.errors(include_url=False)[0]["msg"]
        raise SpaceError(f"fixed value {name} = {value!r} (aitrader.toml or --space): {msg}") from None

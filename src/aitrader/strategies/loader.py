"""Strategies from outside the package: a file, an importable module, or an installed entry point.

`--strategy` accepts, besides the built-in names:

- `path/to/file.py:MyStrategy` (or `path/to/file.py` when the file defines exactly one strategy);
- `package.module:MyStrategy` for an importable module;
- the name of an entry point in the group `aitrader.strategies`, which a package declares with

      [project.entry-points."aitrader.strategies"]
      my_cross = "my_package.strategies:MyCross"

A strategy class is a `UserStrategy` subclass, or any class satisfying the `Strategy` protocol
built as `cls(params_model(**params), timeframe)` (as the built-ins are). A file is executed once
per (path, modification time), so an optimiser's thousands of trials do not re-read it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import sys
import threading
import traceback
from collections.abc import Mapping
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ValidationError

from aitrader.domain import Timeframe
from aitrader.strategies.base import Strategy
from aitrader.strategies.user import UserStrategy, UserStrategyError
from aitrader.strategies.user_params import validation_problems

ENTRY_POINT_GROUP = "aitrader.strategies"
_loaded: dict[tuple[str, int], ModuleType] = {}
_lock = threading.Lock()  # one execution of a file even when threads load it at once


class StrategyLoadError(ValueError):
    """A strategy spec that cannot be loaded; the message says what, where and what to do."""


def looks_like_spec(text: str) -> bool:
    """True for `file.py[:Class]` and `module:Class` forms (not a plain registry name)."""
    t = text.strip()
    return t.endswith(".py") or ".py:" in t or (":" in t and not t.lower().startswith("rl:"))


def plugin_names() -> dict[str, str]:
    """Installed entry-point strategies: name -> "module:Class"."""
    return {ep.name.lower(): ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load_class(spec: str) -> type:
    """The strategy class named by `spec` (a file, `module:Class` or an entry-point name)."""
    text = spec.strip()
    plugins = plugin_names()
    if text.lower() in plugins:
        text = plugins[text.lower()]
    file_part, _, cls_name = text.partition(".py:") if ".py:" in text else (text, "", "")
    if ".py:" in text or text.endswith(".py"):
        path = Path(file_part + ".py" if ".py:" in text else file_part).expanduser()
        module = _load_file(path, spec)
        where = str(path)
    else:
        mod_name, _, cls_name = text.partition(":")
        if not cls_name:
            raise StrategyLoadError(
                f"--strategy {spec}: not a strategy name, a file or module:Class "
                "(e.g. my_strategy.py:MyStrategy)"
            )
        module = _import_module(mod_name, spec)
        where = mod_name
    return _pick_class(module, cls_name, where, spec)


def build_loaded(spec: str, params: Mapping[str, Any], timeframe: Timeframe) -> Strategy:
    """Load the class named by `spec` and build it with validated `params`."""
    return build_class(load_class(spec), params, timeframe, spec)


def build_class(cls: type, params: Mapping[str, Any], timeframe: Timeframe, spec: str = "") -> Strategy:
    """Build strategy class `cls` with validated `params` (`spec`: how the user named it)."""
    spec = spec or cls.__name__
    try:
        if issubclass(cls, UserStrategy):
            strategy: Any = cls(dict(params), timeframe)
        else:
            factory: Any = cls  # a protocol class built as the built-ins are
            model: type[BaseModel] = factory.params_model
            strategy = factory(model(**dict(params)), timeframe)
    except UserStrategyError as exc:
        raise StrategyLoadError(str(exc)) from None
    except ValidationError as exc:
        problems = validation_problems(exc)
        raise StrategyLoadError(f"invalid parameters for {spec}: {problems}") from None
    except ValueError as exc:  # e.g. an indicator that never gets a value (warm-up)
        raise StrategyLoadError(f"--strategy {spec}: {exc}") from None
    if not isinstance(strategy, Strategy):
        raise StrategyLoadError(
            f"--strategy {spec}: {cls.__name__} is not a strategy: subclass aitrader.UserStrategy "
            "(see `aitrader new-strategy`)"
        )
    return strategy


def _load_file(path: Path, spec: str) -> ModuleType:
    if not path.is_file():
        raise StrategyLoadError(
            f"--strategy {spec}: no file {path} (write one with `aitrader new-strategy NAME`)"
        )
    resolved = path.resolve()
    with _lock:
        return _exec_file(path, resolved, spec)


def _exec_file(path: Path, resolved: Path, spec: str) -> ModuleType:
    key = (str(resolved), resolved.stat().st_mtime_ns)
    if key in _loaded:
        return _loaded[key]
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    name = f"aitrader_user_strategies.{resolved.stem}_{digest}"
    module_spec = importlib.util.spec_from_file_location(name, resolved)
    if module_spec is None or module_spec.loader is None:
        raise StrategyLoadError(f"--strategy {spec}: cannot load {path} as Python")
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module  # dataclasses, pickling and type hints look the module up by name
    try:
        module_spec.loader.exec_module(module)
    except SyntaxError as exc:
        sys.modules.pop(name, None)
        raise StrategyLoadError(f"{path}:{exc.lineno}: SyntaxError: {exc.msg}") from None
    except Exception as exc:
        sys.modules.pop(name, None)
        raise StrategyLoadError(f"{_user_frame(exc, resolved)}{type(exc).__name__}: {exc}") from None
    _loaded[key] = module
    return module


def _import_module(name: str, spec: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        raise StrategyLoadError(f"--strategy {spec}: no module {exc.name!r} (is it installed?)") from None
    except Exception as exc:
        raise StrategyLoadError(
            f"--strategy {spec}: importing {name} failed: {type(exc).__name__}: {exc}"
        ) from None


def _user_frame(exc: BaseException, path: Path) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
    return f"{path}:{frames[-1].lineno}: " if frames else f"{path}: "


def _strategy_classes(module: ModuleType) -> list[type]:
    """Classes defined in `module` (not imported into it) that are strategies."""
    out = []
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if obj.__module__ != module.__name__ or inspect.isabstract(obj):
            continue
        if (issubclass(obj, UserStrategy) and obj is not UserStrategy) or hasattr(obj, "params_model"):
            out.append(obj)
    return out


def _pick_class(module: ModuleType, cls_name: str, where: str, spec: str) -> type:
    found = _strategy_classes(module)
    if cls_name:
        obj = getattr(module, cls_name, None)
        if not inspect.isclass(obj):
            names = ", ".join(c.__name__ for c in found) or "none"
            raise StrategyLoadError(
                f"--strategy {spec}: {where} has no class {cls_name} (strategies in it: {names})"
            )
        return obj
    if len(found) == 1:
        return found[0]
    if not found:
        raise StrategyLoadError(f"--strategy {spec}: {where} defines no UserStrategy subclass")
    names = ", ".join(c.__name__ for c in found)
    raise StrategyLoadError(
        f"--strategy {spec}: {where} defines {names}: pick one, e.g. {where}:{found[0].__name__}"
    )


__all__ = [
    "ENTRY_POINT_GROUP",
    "StrategyLoadError",
    "build_class",
    "build_loaded",
    "load_class",
    "looks_like_spec",
    "plugin_names",
]

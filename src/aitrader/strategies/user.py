"""`UserStrategy`: your own strategy in a few lines, run by the same kernel as the built-in ones.

    import talib
    from aitrader import UserStrategy, param

    class MyCross(UserStrategy):
        fast: int = param(10, 2, 50)
        slow: int = param(30, 10, 200)

        def indicators(self, c):                       # once, vectorised, over the whole history
            return {"fast": talib.SMA(c.close, self.fast), "slow": talib.SMA(c.close, self.slow)}

        def next(self, bar):                           # every bar, after it closed
            if bar.crossed_above("fast", "slow"):
                return self.buy(stop=bar.close * 0.97, target=bar.close * 1.06)
            if bar.crossed_below("fast", "slow"):
                return self.exit("fast SMA fell below the slow one")

Why the kernel visits every bar for it: the built-in strategies publish vectorised candidate masks
so the kernel can jump over bars where nothing can happen (the skip contract in `base`). A
per-bar rule written by hand has no such mask, and guessing one would silently drop trades, so a
`UserStrategy`'s masks are True on every bar from its warm-up on: `next` sees every bar, and a
backtest trades exactly what the rule says (a test checks it against the every-bar mode).

Warm-up and history: `warmup = N` / `history_bars = N` on the class, or measured once per
parameter set on a synthetic series (`user_warmup`): the first bar where every indicator has a
value, and how many trailing bars reproduce the full history's values (live trading and `--from`
load that many). An indicator that looks ahead is refused there.
Entries are proposed only when flat and exits only when a position is open; the risk gate sizes
every entry (no quantity here), and the stop and target(s) go to the exchange with it.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ValidationError

from aitrader.config.strategy_file import snake_name
from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Adjust, AdjustKind, Enter, Exit, Proposal, Target
from aitrader.strategies.base import Features, MarketView, Signals
from aitrader.strategies.regime import Regime
from aitrader.strategies.stream import FeatureStream, WindowStream
from aitrader.strategies.user_bar import Bar
from aitrader.strategies.user_params import build_params_model, validation_problems
from aitrader.strategies.user_warmup import IndicatorError, Needs, measure

Returned = Proposal | Sequence[Proposal] | None
_PACKAGE_DIR = str(Path(__file__).resolve().parents[1])  # frames inside aitrader are not the user's


class UserStrategyError(ValueError):
    """A user strategy failed: the message names the strategy, the place in its file and the bar."""


_NEEDS: dict[tuple[Any, ...], Needs] = {}  # (class, params, timeframe) -> measured: optimiser trials reuse it


def _where(exc: BaseException, owner: type) -> str:
    """'path/to/file.py:LINE ' of the innermost frame in the file that defines `owner` (the user's
    strategy), else of the innermost frame outside aitrader, or ''."""
    frames = traceback.extract_tb(exc.__traceback__)
    try:
        source = inspect.getsourcefile(owner) or ""
    except TypeError:
        source = ""
    mine = [f for f in frames if source and f.filename == source]
    mine = mine or [f for f in frames if not f.filename.startswith(_PACKAGE_DIR)]
    return f"{mine[-1].filename}:{mine[-1].lineno} " if mine else ""


def _utc(ms: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M")


class UserStrategy:
    """Subclass it: parameters as annotated class attributes, `indicators(candles)` and `next(bar)`.

    Optional class attributes: `name` (default: the class name in snake_case), `warmup` (bars a
    decision needs; derived when 0), `confidence` (0..1, what entries report to the gate).
    """

    name: ClassVar[str] = "user_strategy"
    description: ClassVar[str] = ""
    params_model: ClassVar[type[BaseModel]] = build_params_model(object, None)
    regimes: ClassVar[frozenset[Regime]] = frozenset(Regime)  # trades in every regime unless it says
    warmup: int = 0
    history_bars: int = 0  # trailing bars live trading recomputes the indicators over (measured when 0)
    confidence: ClassVar[float] = 0.6

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" not in cls.__dict__:
            cls.name = snake_name(cls.__name__)
        if "description" not in cls.__dict__:
            doc = (cls.__doc__ or "").strip().splitlines()
            cls.description = doc[0] if doc else f"{cls.__name__} (a user strategy)"
        parent = next(
            (b.params_model for b in cls.__mro__[1:] if issubclass(b, UserStrategy)),
            None,
        )
        cls.params_model = build_params_model(cls, parent)

    def __init__(
        self,
        params: BaseModel | Mapping[str, Any] | None = None,
        timeframe: Timeframe | str = Timeframe.M1,
        **overrides: Any,
    ) -> None:
        values = dict(params.model_dump() if isinstance(params, BaseModel) else (params or {}))
        values.update(overrides)
        try:
            self.params: BaseModel = self.params_model(**values)
        except ValidationError as exc:
            problems = validation_problems(exc)
            raise UserStrategyError(f"invalid parameters for {self.name}: {problems}") from None
        for key, value in self.params.model_dump().items():
            setattr(self, key, value)  # `self.fast` reads the validated value
        self.timeframe = Timeframe.parse(timeframe) if isinstance(timeframe, str) else timeframe
        self.timeframes: tuple[Timeframe, ...] = (self.timeframe,)
        needs = self._needs()
        self.warmup = needs.warmup
        self.history_bars = needs.history
        self._bar: Bar | None = None
        self.dropped = 0  # entries refused here because a position was open (one per symbol)

    # ---- what the user writes ----------------------------------------------------------------
    def indicators(self, candles: Candles) -> Mapping[str, Any]:
        """Indicator columns over the whole series, one value per bar, computed from that bar and
        earlier ones only (TA-Lib, numpy, pandas...). `candles.close` etc. are float64 arrays."""
        return {}

    def next(self, bar: Bar) -> Returned:
        """The decision on a closed bar: `self.buy(...)`, `self.sell(...)`, `self.exit(...)`,
        `self.move_stop(...)`, a list of them, or None."""
        raise NotImplementedError(f"{type(self).__name__} must define next(self, bar)")

    # ---- proposals the user returns ----------------------------------------------------------
    def buy(
        self,
        stop: float,
        target: float | None = None,
        targets: Sequence[tuple[float, float]] = (),
        reason: str = "",
        confidence: float | None = None,
    ) -> Enter:
        """Enter long at the close with a protective `stop` and a take-profit `target` price (or
        `targets=[(price, fraction), ...]` whose fractions sum to 1). The gate sizes it."""
        return self._enter(Side.BUY, stop, target, targets, reason, confidence)

    def sell(
        self,
        stop: float,
        target: float | None = None,
        targets: Sequence[tuple[float, float]] = (),
        reason: str = "",
        confidence: float | None = None,
    ) -> Enter:
        """Enter short (only where the instrument allows shorting; spot refuses it at the gate)."""
        return self._enter(Side.SELL, stop, target, targets, reason, confidence)

    def exit(self, reason: str = "", fraction: float = 1.0) -> Exit:
        """Close the open position (or `fraction` of it) at market."""
        bar = self._current()
        return Exit(
            bar.symbol,
            reason or f"{self.name}: exit rule",
            bar.close,
            bar.time_ms,
            float(fraction),
            self.name,
            self._evidence(bar),
        )

    def move_stop(self, price: float, reason: str = "") -> Adjust:
        """Move the open position's stop to `price` (only in the protective direction)."""
        bar = self._current()
        return Adjust(
            bar.symbol,
            AdjustKind.MOVE_STOP,
            reason or f"{self.name}: stop to {price:.8g}",
            bar.close,
            bar.time_ms,
            new_stop=float(price),
            strategy=self.name,
        )

    def _enter(
        self,
        side: Side,
        stop: float,
        target: float | None,
        targets: Sequence[tuple[float, float]],
        reason: str,
        confidence: float | None,
    ) -> Enter:
        bar = self._current()
        tps = tuple(Target(float(p), float(f)) for p, f in targets)
        if target is not None:
            tps = (Target(float(target)), *tps)
        if not tps:
            raise ValueError("give a take-profit: target=PRICE or targets=[(PRICE, FRACTION), ...]")
        word = "buy" if side is Side.BUY else "sell"
        evidence = self._evidence(bar)
        shown = ", ".join(f"{k}={v:.6g}" for k, v in evidence.items() if isinstance(v, float))
        atr = evidence.get("atr")
        return Enter(
            symbol=bar.symbol,
            side=side,
            price=bar.close,
            stop=float(stop),
            targets=tps,
            confidence=self.confidence if confidence is None else float(confidence),
            rationale=reason or f"{self.name} {word} at {bar.close:.8g}" + (f" ({shown})" if shown else ""),
            time_ms=bar.time_ms,
            strategy=self.name,
            evidence=evidence,
            atr=float(atr) if isinstance(atr, float) and atr >= 0 and np.isfinite(atr) else None,
        )

    # ---- the Strategy protocol ---------------------------------------------------------------
    def features(self, candles: Candles) -> Features:
        return Features(candles, self._columns(candles))

    def signals(self, features: Features) -> Signals:
        ready = np.arange(len(features)) >= self.warmup - 1
        return Signals(ready, ready, ready, ready, adjusts_every_bar=True)

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        if view.index < self.warmup - 1:
            return ()
        bar = Bar(view, book.get(view.symbol))
        self._bar = bar
        try:
            returned = self.next(bar)
        except Exception as exc:
            raise UserStrategyError(self._failure(exc, bar)) from exc
        finally:
            self._bar = None
        if returned is None:
            return ()
        items = [returned] if isinstance(returned, Enter | Exit | Adjust) else list(returned)
        out: list[Proposal] = []
        for p in items:
            if not isinstance(p, Enter | Exit | Adjust):
                raise UserStrategyError(
                    f"{self.name}.next returned {p!r} at {bar!r}: return self.buy(...), "
                    "self.sell(...), self.exit(...), self.move_stop(...), a list of them, or None"
                )
            if isinstance(p, Enter) == (bar.position is None):  # entries when flat, the rest when open
                out.append(p)
            elif isinstance(p, Enter):
                self.dropped += 1  # one position per symbol: counted, and reported by `backtest`
        return out

    def feature_stream(self, window: int) -> FeatureStream:
        """Live: recompute the indicators over the trailing window on every closed candle."""
        return WindowStream(self, window)

    # ---- internals ---------------------------------------------------------------------------
    def _columns(self, candles: Candles) -> dict[str, npt.NDArray[Any]]:
        try:
            raw = self.indicators(candles)
        except Exception as exc:
            ends = f"ending {_utc(int(candles.open_time[-1]))} UTC" if len(candles) else "(none)"
            if candles.symbol == "SYNTHETIC":
                ends = "of the synthetic series its warm-up is measured on"
            raise UserStrategyError(
                f"{_where(exc, type(self))}{self.name}.indicators failed on {len(candles):,} bars {ends}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        if not isinstance(raw, Mapping):
            raise UserStrategyError(
                f"{self.name}.indicators returned {type(raw).__name__}: return a dict of name -> array"
            )
        cols: dict[str, npt.NDArray[Any]] = {}
        n = len(candles)
        for key, values in raw.items():
            arr = np.asarray(values)
            if arr.shape != (n,):
                raise UserStrategyError(
                    f"{self.name}.indicators: {key!r} has shape {arr.shape}, the candles have {n} bars "
                    "(one value per bar)"
                )
            cols[str(key)] = arr if arr.dtype == np.bool_ else arr.astype(np.float64)
        return cols

    def _needs(self) -> Needs:
        cls = type(self)
        key = (cls, tuple(sorted(self.params.model_dump().items())), self.timeframe)
        cached = _NEEDS.get(key)
        if cached is None:
            try:
                cached = measure(
                    self.name, self._columns, self.timeframe, int(cls.warmup), int(cls.history_bars)
                )
            except IndicatorError as exc:
                raise UserStrategyError(str(exc)) from None
            _NEEDS[key] = cached
        return cached

    def _current(self) -> Bar:
        if self._bar is None:
            raise RuntimeError("buy/sell/exit/move_stop build a proposal inside next(bar) only")
        return self._bar

    def _evidence(self, bar: Bar) -> dict[str, float | int | str | bool]:
        out: dict[str, float | int | str | bool] = {}
        for key, col in list(bar.view.features.columns.items())[:16]:
            v = col[bar.index]
            out[key] = bool(v) if col.dtype == np.bool_ else round(float(v), 8)
        return out

    def _failure(self, exc: Exception, bar: Bar) -> str:
        return (
            f"{_where(exc, type(self))}{self.name}.next failed on {bar.symbol} bar {bar.index:,} "
            f"({bar.time:%Y-%m-%d %H:%M} UTC): {type(exc).__name__}: {exc}"
        )


__all__ = ["Bar", "UserStrategy", "UserStrategyError"]

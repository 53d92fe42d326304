"""Ask candle providers in order until one answers.

`FailoverChain([yahoo, twelvedata, alphavantage]).fetch(symbol, tf, start, end)` skips a provider
that says it cannot be asked (`unavailable()`: e.g. no key, no request made), goes on past one that
raises a `ProviderError` (dead, rate-limited, unknown symbol, a reply of another shape) or that has
no candle in the window, and returns the first answer with the provider that gave it and why the
ones before it did not. When none answers, one `ProviderError` says, in one line, each provider and
why. The chain is a `CandleProvider` itself (`fetch_candles`); `answered_by` and `failures` record
its last call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aitrader.data.providers.base import CandleProvider, ProviderError
from aitrader.domain import Candles, Timeframe


@dataclass(frozen=True)
class Answered:
    """Candles, the provider that gave them, and why each provider asked before did not."""

    candles: Candles
    provider: str
    failures: tuple[str, ...] = ()


class FailoverChain:
    """Providers tried in order (see the module docstring)."""

    def __init__(self, providers: Sequence[CandleProvider], name: str = "failover") -> None:
        self.providers = tuple(providers)
        self.name = name
        self.answered_by: str | None = None
        self.failures: tuple[str, ...] = ()

    def unavailable(self) -> str | None:
        reasons = [f"{p.name}: {why}" for p in self.providers if (why := p.unavailable()) is not None]
        if not self.providers:
            return "no provider configured"
        return "; ".join(reasons) if len(reasons) == len(self.providers) else None

    def fetch(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Answered:
        failures: list[str] = []
        self.answered_by = None
        for p in self.providers:
            why = p.unavailable()
            if why is not None:
                failures.append(f"{p.name} skipped ({why})")
                continue
            try:
                candles = p.fetch_candles(symbol, timeframe, start_ms, end_ms)
            except ProviderError as exc:
                failures.append(f"{p.name} failed ({exc.what}{': ' + exc.hint if exc.hint else ''})")
                continue
            if len(candles) == 0:
                failures.append(f"{p.name} had no {symbol} {timeframe.value} candle in the window")
                continue
            self.answered_by, self.failures = p.name, tuple(failures)
            return Answered(candles, p.name, tuple(failures))
        self.failures = tuple(failures)
        raise ProviderError(
            self.name,
            f"no provider gave {symbol} {timeframe.value}: " + ("; ".join(failures) or "none configured"),
            "set the missing keys, or try again later",
        )

    def fetch_candles(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Candles:
        return self.fetch(symbol, timeframe, start_ms, end_ms).candles

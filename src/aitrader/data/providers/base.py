"""What every market-data and text provider looks like, and the one error they raise.

A provider is small: a `name`, `unavailable()` (None when it can be asked; else why not, e.g. a
missing key, so a failover chain skips it without a request), and one fetch method:

- `CandleProvider.fetch_candles(symbol, timeframe, start_ms, end_ms) -> Candles`: candles whose open
  time lies in [start_ms, end_ms), oldest first, validated;
- `TextProvider.fetch_texts(start_ms, end_ms) -> tuple[TextItem, ...]`: items published in the window.

Every failure is a `ProviderError(provider, what, hint)`: one line saying which provider, what went
wrong and what to do. It never carries a key: messages are built here, and text that came from
outside (an exception, a reply) passes through `redact` first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from aitrader.data.providers.texts import TextItem
from aitrader.domain import Candles, Timeframe

Clock = Callable[[], float]  # seconds; time.time for wall time, time.monotonic for intervals


class ProviderError(RuntimeError):
    """A provider could not answer: `provider` (e.g. "alphavantage"), `what` went wrong, and the
    `hint` of what to do. `str()` is the one-line message; no key ever appears in it."""

    def __init__(self, provider: str, what: str, hint: str = "") -> None:
        self.provider = provider
        self.what = what
        self.hint = hint
        super().__init__(f"{provider}: {what}" + (f": {hint}" if hint else ""))


@runtime_checkable
class CandleProvider(Protocol):
    name: str

    def unavailable(self) -> str | None:
        """None when the provider can be asked; else why not (no request is made)."""
        ...

    def fetch_candles(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Candles: ...


@runtime_checkable
class TextProvider(Protocol):
    name: str

    def unavailable(self) -> str | None: ...

    def fetch_texts(self, start_ms: int, end_ms: int) -> tuple[TextItem, ...]: ...


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """`text` with every secret (of 4+ characters) replaced by '***'."""
    for s in secrets:
        if s and len(s) >= 4:
            text = text.replace(s, "***")
    return text


def first_line(text: str, limit: int = 200) -> str:
    """The first line of `text`, cut to `limit` characters (for messages quoting a reply)."""
    line = text.strip().splitlines()[0].strip() if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"

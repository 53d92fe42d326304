"""What the app asks of a source, in-process (`InProcessSource`) or attached (`AttachedSource`).

A source owns the hub it publishes to and answers the live part of the REST API (status,
positions, balances, equity); the journal part (decisions, orders, trades, ...) is read through
its `JournalView`. Every method may be called from the app's thread pool: a source keeps what
those answers need up to date on its own loop and hands out copies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from aitrader.api.hub import EventHub

if TYPE_CHECKING:
    from aitrader.api.control import Controls
    from aitrader.api.sources.journal_view import JournalView

IN_PROCESS = "in-process"
ATTACHED = "attached"


def run_symbols(run: Mapping[str, Any] | None) -> list[str]:
    """A journaled run's symbols: its params' `symbols`, else its `symbol` (a portfolio's is the
    label `BTCUSDT,ETHUSDT,SOLUSDT`)."""
    if run is None:
        return []
    params = run.get("params")
    listed = params.get("symbols") if isinstance(params, Mapping) else None
    if isinstance(listed, list) and listed:
        return [str(x) for x in listed]
    return [x for x in str(run.get("symbol") or "").split(",") if x]


@dataclass(frozen=True)
class ChatTarget:
    """What the read-only chat of this source reads: the venue (keys only when the run has them)
    and the journal."""

    rest_url: str | None = None
    api_key: str | None = None
    api_secret: str | None = None
    journal: str | Path | None = None
    strategy: str | None = None
    interval: str | None = None
    symbols: tuple[str, ...] = ()

    def __repr__(self) -> str:  # never show the key or secret
        return f"ChatTarget(rest_url={self.rest_url!r}, journal={self.journal!r})"


class Source(Protocol):
    kind: str  # IN_PROCESS | ATTACHED
    hub: EventHub

    @property
    def controls(self) -> Controls | None:
        """Pause, resume, close and reload (in-process only)."""
        ...

    def status(self) -> dict[str, Any]: ...

    def positions(self) -> list[dict[str, Any]]: ...

    def balances(self) -> list[dict[str, Any]]: ...

    def equity(self, limit: int) -> list[dict[str, Any]]: ...

    def run_id(self) -> str | None: ...

    def journal(self) -> JournalView | None:
        """The journal's reader (None until the run has one)."""
        ...

    def chat_target(self) -> ChatTarget: ...

    def health(self) -> dict[str, Any]:
        """`mode` and `session` for /health."""
        ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

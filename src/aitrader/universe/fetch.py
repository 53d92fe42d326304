"""The live universe: rank the venue's symbols now (`select_universe`) and keep doing it on a
schedule (`UniverseWatcher`), telling a callback which symbols came in and which went out.

Both read exchangeInfo and the 24 h tickers through `PublicRest` (its retries and rate-limit
backoff apply). A refresh that fails keeps the previous universe: a venue hiccup never empties it.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable, Collection
from typing import Any

from aitrader.universe.rank import Selection, markets_from_exchange_info, rank_universe, stats_from_tickers
from aitrader.universe.rule import UniverseRule
from aitrader.venues.binance.rest_public import PublicRest

log = logging.getLogger(__name__)

# (added, removed): added in rank order, removed by name. May be sync or async.
OnChange = Callable[[tuple[str, ...], tuple[str, ...]], Awaitable[None] | None]


async def select_universe(
    public: PublicRest, rule: UniverseRule, candidates: Collection[str] | None = None
) -> Selection:
    """The universe `rule` picks from the venue behind `public`, now (exchangeInfo + 24 h tickers).

    `candidates` (e.g. `trade --symbols A,B,C --universe top:2`) restricts the ranking to those
    symbols: the others are not ranked, nor listed as excluded."""
    info = await public.exchange_info()
    markets = markets_from_exchange_info(info)
    if candidates is not None:
        wanted = {s.upper() for s in candidates}
        markets = [m for m in markets if m.symbol in wanted]
    if rule.ranked and candidates is not None:  # only the listed ones (see below), weight 40
        tickers = await public.tickers_24h(sorted(m.symbol for m in markets)) if markets else []
    elif rule.ranked:
        tickers = await public.tickers_24h()
    else:  # only the listed ones: Binance refuses the whole request for one unknown symbol
        listed = {m.symbol for m in markets}
        known = [s for s in rule.symbols if s in listed]
        tickers = await public.tickers_24h(known) if known else []
    at = info.get("serverTime")
    when = int(at) if isinstance(at, int | float) else None
    return rank_universe(markets, stats_from_tickers(tickers), rule, when)


class UniverseWatcher:
    """Re-selects the universe every `rule.refresh` (or `interval_s`) and calls `on_change(added,
    removed)` when it changed.

        watcher = UniverseWatcher(public, rule, on_change)
        first = await watcher.start()      # the first selection (raises if the venue cannot answer)
        ...
        await watcher.stop()               # or: async with UniverseWatcher(...) as w: ...

    `refresh()` does one re-selection now (the loop calls it; tests and callers may too).
    `candidates` restricts the ranking to those symbols (see `select_universe`). While `on_change`
    runs, `incoming` is the selection it is told about (ranks and 24 h numbers of the newcomers).
    """

    def __init__(
        self,
        public: PublicRest,
        rule: UniverseRule,
        on_change: OnChange,
        interval_s: float | None = None,
        candidates: Collection[str] | None = None,
    ) -> None:
        self.public = public
        self.rule = rule
        self.on_change = on_change
        self.interval_s = rule.refresh_s if interval_s is None else interval_s
        self.candidates = tuple(candidates) if candidates is not None else None
        self.current: Selection | None = None
        self.incoming: Selection | None = None  # the selection `on_change` is being told about
        self.failures = 0  # refreshes in a row that could not reach the venue
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    @property
    def symbols(self) -> tuple[str, ...]:
        return self.current.symbols if self.current is not None else ()

    @property
    def running(self) -> bool:
        """True while the refresh task runs (between `start` and `stop`)."""
        return self._task is not None and not self._task.done()

    async def start(self) -> Selection:
        """Select once (errors propagate), then keep refreshing in a background task."""
        if self._task is not None:
            raise RuntimeError("UniverseWatcher already started")
        async with self._lock:
            self.current = await select_universe(self.public, self.rule, self.candidates)
        self._task = asyncio.create_task(self._loop(), name="universe-watcher")
        return self.current

    async def refresh(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Re-select now; call `on_change` when the universe changed. Returns (added, removed).

        The new selection becomes `current` only once `on_change` returned: a callback that fails
        sees the same change again at the next refresh."""
        async with self._lock:
            selection = await select_universe(self.public, self.rule, self.candidates)
            added, removed = selection.changes(self.current)
            if added or removed:
                log.info("universe changed: +%s -%s", ",".join(added) or "-", ",".join(removed) or "-")
                self.incoming = selection
                try:
                    outcome = self.on_change(added, removed)
                    if inspect.isawaitable(outcome):
                        await outcome
                finally:
                    self.incoming = None
            self.current = selection
        return added, removed

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self.refresh()
                self.failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:  # a venue error or a failing callback: keep the universe, try again
                self.failures += 1
                log.warning("universe refresh failed (%d in a row); keeping %s", self.failures,
                            ",".join(self.symbols) or "nothing", exc_info=True)  # fmt: skip

    async def stop(self) -> None:
        """Cancel the refresh task and wait for it to end (idempotent)."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def __aenter__(self) -> UniverseWatcher:
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()

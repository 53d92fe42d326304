"""Run a `LocalExchange` in a background thread for sync code and sync tests.

with run_local_exchange(LocalExchangeConfig()) as ex:
    client = ccxt.binance(...); ex.configure_ccxt(client)
    ex.step(candles=1)
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from aitrader.domain import Candles
from aitrader.venues.local.clients import configure_ccxt
from aitrader.venues.local.config import LocalExchangeConfig
from aitrader.venues.local.hooks import Hook
from aitrader.venues.local.server import LocalExchange

T = TypeVar("T")


class ExchangeThread:
    """Handle on a server running in its own thread and event loop. Methods are thread-safe."""

    def __init__(self, exchange: LocalExchange, loop: asyncio.AbstractEventLoop) -> None:
        self.exchange = exchange
        self.loop = loop

    @property
    def rest_url(self) -> str:
        return self.exchange.rest_url

    @property
    def ws_url(self) -> str:
        return self.exchange.ws_url

    @property
    def ws_api_url(self) -> str:
        return self.exchange.ws_api_url

    @property
    def port(self) -> int:
        return self.exchange.port

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def call(self, fn: Callable[[], T], timeout: float = 60) -> T:
        """Run a plain function on the server's loop (to read or change engine state safely)."""

        async def wrapper() -> T:
            return fn()

        return self.run(wrapper(), timeout)

    def step(self, ticks: int = 0, candles: int = 0) -> int:
        return self.run(self.exchange.step(ticks=ticks, candles=candles))

    def drop_connections(self) -> int:
        return self.run(self.exchange.drop_connections())

    def restart(self, downtime_s: float = 0.5) -> None:
        self.run(self.exchange.restart(downtime_s))

    def set_faults(self, **changes: Any) -> None:
        self.call(lambda: self.exchange.faults.update(changes))

    def balances(self, api_key: str | None = None) -> dict[str, tuple[str, str]]:
        """asset -> (free, locked) as decimal strings."""

        def read() -> dict[str, tuple[str, str]]:
            book = self.exchange.eng.book
            acc = book.accounts[api_key] if api_key else next(iter(book.accounts.values()))
            return {a: (str(acc.free.get(a, 0)), str(acc.locked.get(a, 0))) for a in acc.assets()}

        return self.call(read)

    def add_hook(self, **spec: Any) -> int:
        """Register a hook (fields as `hooks.Hook`, e.g. on="order", match="-1E$", pid=...); its id."""
        return self.call(lambda: self.exchange.hooks.add(Hook.from_json(spec)).hook_id)

    def firings(self) -> list[dict[str, Any]]:
        return self.call(lambda: [f.to_json() for f in self.exchange.hooks.firings])

    def protection(self, after: float = 0.0) -> dict[str, Any]:
        """The protection monitor's report (`ProtectionMonitor.report`)."""
        return self.call(lambda: self.exchange.protection.report(after))

    def act(self, **spec: Any) -> dict[str, Any]:
        """An external action as another client of the account (`external.act`)."""
        return self.call(lambda: self.exchange.act(spec))

    def configure_ccxt(self, client: Any) -> Any:
        """Sandbox mode plus this server's URLs on a ccxt / ccxt.pro binance instance."""
        return configure_ccxt(client, self.exchange)


@contextmanager
def run_local_exchange(
    config: LocalExchangeConfig | None = None, candles: dict[str, Candles] | None = None
) -> Iterator[ExchangeThread]:
    """Start a server in a daemon thread; stop it cleanly when the block ends."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    box: dict[str, Any] = {}

    def main() -> None:
        asyncio.set_event_loop(loop)

        async def boot() -> None:
            try:
                ex = LocalExchange(config, candles)
                await ex.start()
                box["ex"] = ex
            except BaseException as exc:  # handed to the caller's thread
                box["error"] = exc
            finally:
                ready.set()

        loop.run_until_complete(boot())
        if "ex" in box:
            loop.run_forever()
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()

    thread = threading.Thread(target=main, name="local-exchange", daemon=True)
    thread.start()
    ready.wait(120)
    if "error" in box:
        thread.join(5)
        raise box["error"]
    handle = ExchangeThread(box["ex"], loop)
    try:
        yield handle
    finally:
        handle.run(handle.exchange.stop())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)

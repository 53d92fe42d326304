"""History download: page through ccxt `fetch_ohlcv` (Binance REST `/api/v3/klines`) into the store.

It resumes where the stored series ends and skips the candle still forming: one whose close time
is not yet past, or the venue's newest candle when the range runs up to the venue's present (the
venue's clock may be a replay clock). It flushes to the store every few pages, so an interrupted
download keeps what it fetched. By default candles come from Binance's public market-data
endpoint (`Settings.market_data_endpoints`: real mainnet prices, read-only, no key); the REST base
URL can point at the local exchange or any Binance-compatible server instead
(`AITRADER_MARKET_DATA_URL`, `AITRADER_REST_URL` or `--rest-url`).

`download_many` downloads several symbols at once: a few worker threads, each with its own ccxt
client, every request spaced by one shared `RequestGate` so that together they stay inside Binance's
request-weight budget; one symbol's failure is reported with it and never stops the others.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from aitrader.data.store import CandleStore
from aitrader.domain import Candles, Timeframe

PAGE_LIMIT = 1000  # Binance's maximum klines per request
FLUSH_EVERY_PAGES = 20

Progress = Callable[[int, int], None]  # (ms covered so far, ms to cover)
SymbolProgress = Callable[[str, int, int], None]  # (symbol, ms covered so far, ms to cover)
# Binance allows 6000 request weight a minute per IP and a klines page costs 2: at most 50 pages a
# second. All workers together keep to 80% of that.
KLINES_WEIGHT = 2
WEIGHT_PER_MINUTE = 6000
MIN_REQUEST_INTERVAL_S = 60.0 / (0.8 * WEIGHT_PER_MINUTE / KLINES_WEIGHT)
DEFAULT_JOBS = 4


@dataclass(frozen=True, slots=True)
class DownloadResult:
    start_ms: int
    until_ms: int
    fetched: int
    added: int
    total: int
    pages: int
    resumed: bool


def is_testnet(rest_url: str) -> bool:
    """True for Binance's spot testnet (testnet.binance.vision), whose candles are not market prices."""
    from urllib.parse import urlsplit

    host = urlsplit(rest_url if "://" in rest_url else f"//{rest_url}").hostname or ""
    return host == "testnet.binance.vision" or host.endswith(".testnet.binance.vision")


def market_data_source(settings: Any, rest_url: str | None = None) -> tuple[str, str]:
    """(REST base, why that one) for downloads: `rest_url` (--rest-url), else
    `Settings.market_data_endpoints()` (AITRADER_MARKET_DATA_URL, AITRADER_REST_URL, else Binance's
    public mainnet market data). Orders never go there: downloads only read klines."""
    if rest_url:
        base, why = rest_url, "--rest-url"
    else:
        base = str(settings.market_data_endpoints()[0])
        if settings.market_data_url:
            why = "AITRADER_MARKET_DATA_URL"
        elif settings.rest_url:
            why = "AITRADER_REST_URL"
        else:
            why = "Binance public market data: real mainnet prices, read-only, no key needed"
    if is_testnet(base):
        why += "; testnet candles are thin and drift from the real market"
    return base, why


def make_exchange(rest_url: str, sandbox: bool | None = None) -> Any:
    """A ccxt binance client whose REST calls go to `rest_url` (e.g. http://127.0.0.1:PORT).

    Configured for offline use as in binance-spot-contract.md §10: spot markets only, no
    currency/margin endpoints. ccxt's sandbox mode is on only for Binance's testnet (`sandbox=None`
    decides from the URL): never for the public mainnet data endpoint or a local server.
    """
    import ccxt

    ex = ccxt.binance(
        {
            "options": {
                "fetchMarkets": {"types": ["spot"]},
                "fetchCurrencies": False,
                "fetchMargins": False,
            },
        }
    )
    if (is_testnet(rest_url) if sandbox is None else sandbox) is True:
        ex.set_sandbox_mode(True)
    base = rest_url.rstrip("/")
    if base.endswith("/api/v3"):
        base = base[: -len("/api/v3")]
    ex.urls["api"]["public"] = ex.urls["api"]["private"] = f"{base}/api/v3"
    ex.urls["api"]["v1"] = f"{base}/api/v1"
    return ex


def _page_to_candles(rows: list[list[Any]], symbol: str, tf: Timeframe, source: str) -> Candles:
    if not rows:
        return Candles.empty(symbol, tf)
    a = np.asarray([r[:6] for r in rows], dtype=np.float64)
    return Candles.from_arrays(
        a[:, 0].astype(np.int64), a[:, 1], a[:, 2], a[:, 3], a[:, 4], a[:, 5],
        symbol=symbol, timeframe=tf, source=source,
    )  # fmt: skip


def plan_start(
    store: CandleStore, venue: str, symbol: str, tf: Timeframe, since_ms: int | None, until_ms: int
) -> tuple[int, bool]:
    """(first open time to fetch, resumed?): after the stored series if it already covers `since`."""
    last = store.last_open_ms(venue, symbol, tf)
    if last is not None and (since_ms is None or since_ms <= last):
        return tf.next_open(last), True
    if since_ms is not None:
        return tf.floor(since_ms), False
    return tf.floor(until_ms - PAGE_LIMIT * tf.duration_ms), False  # nothing stored: the latest page


def download_history(
    exchange: Any,
    store: CandleStore,
    symbol: str,
    timeframe: Timeframe,
    since_ms: int | None = None,
    until_ms: int | None = None,
    venue: str = "binance",
    progress: Progress | None = None,
    now_ms: int | None = None,
) -> DownloadResult:
    """Fetch closed candles in [start, until) page by page and merge them into the store."""
    sym = symbol.upper()
    now = int(time.time() * 1000) if now_ms is None else now_ms
    until = min(until_ms if until_ms is not None else now, now)
    start, resumed = plan_start(store, venue, sym, timeframe, since_ms, until)
    source = f"{exchange.urls['api']['public']}/klines"
    cursor, fetched, added, pages = start, 0, 0, 0
    saw_forming = False
    pending: list[Candles] = []
    total = len(store.read(venue, sym, timeframe))

    def flush(hold_last_page: bool = False) -> None:
        nonlocal added, total
        ready = pending[:-1] if hold_last_page else pending[:]
        if ready:
            result = store.merge(Candles.concat(ready), venue=venue, symbol=sym)
            added += result.added
            total = result.total
            del pending[: len(ready)]

    while cursor < until:
        rows = exchange.fetch_ohlcv(
            sym, timeframe.value, since=cursor, limit=PAGE_LIMIT, params={"endTime": until - 1}
        )
        pages += 1
        page = _page_to_candles(rows, sym, timeframe, source)
        if len(page):
            closes = np.asarray([timeframe.close_time(int(t)) for t in page.open_time], dtype=np.int64)
            forming = closes >= now
            saw_forming = saw_forming or bool(forming.any())
            keep = np.flatnonzero(~forming & (page.open_time < until) & (page.open_time >= cursor))
            page = page.slice(int(keep[0]), int(keep[-1]) + 1) if keep.size else page.slice(0, 0)
        if len(page):
            pending.append(page)
            fetched += len(page)
            cursor = timeframe.next_open(page.end_ms)
        if progress is not None:
            progress(min(cursor, until) - start, max(until - start, 1))
        if len(rows) < PAGE_LIMIT or not len(page):
            break
        if pages % FLUSH_EVERY_PAGES == 0:
            flush(hold_last_page=True)
    if pending and not saw_forming and timeframe.next_open(pending[-1].end_ms) < until:
        # The venue has nothing newer than this candle yet, so it may still be forming (Binance and
        # the local exchange both serve the forming candle): leave it for the next run.
        last = pending.pop()
        fetched -= 1
        if len(last) > 1:
            pending.append(last.slice(0, len(last) - 1))
    flush()
    if progress is not None:
        progress(max(until - start, 1), max(until - start, 1))
    return DownloadResult(start, until, fetched, added, total, pages, resumed)


class DownloadCancelledError(RuntimeError):
    """The gate was closed (Ctrl-C): a worker stops before its next request."""


class RequestGate:
    """Spaces requests from any number of threads at least `interval_s` apart (thread-safe)."""

    def __init__(self, interval_s: float = MIN_REQUEST_INTERVAL_S) -> None:
        self.interval_s = interval_s
        self._next = 0.0
        self._lock = threading.Lock()
        self._closed = threading.Event()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval_s
        if self._closed.wait(max(slot - now, 0.0)) or self._closed.is_set():
            raise DownloadCancelledError("download cancelled")

    def close(self) -> None:
        """Every later `wait` raises `DownloadCancelledError`."""
        self._closed.set()


class _Gated:
    """A ccxt client whose `fetch_ohlcv` first waits its turn at a shared `RequestGate`."""

    def __init__(self, client: Any, gate: RequestGate) -> None:
        self._client = client
        self._gate = gate

    def fetch_ohlcv(self, *args: Any, **kwargs: Any) -> Any:
        self._gate.wait()
        return self._client.fetch_ohlcv(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


@dataclass(frozen=True, slots=True)
class SymbolDownload:
    """One symbol's outcome in `download_many`: its result, or the exception that stopped it (what
    it had stored before that stays stored). `client` is the ccxt client it used."""

    symbol: str
    result: DownloadResult | None
    error: Exception | None
    client: Any = None

    @property
    def ok(self) -> bool:
        return self.error is None


def download_many(
    make_client: Callable[[], Any],
    store: CandleStore,
    symbols: Sequence[str],
    timeframe: Timeframe,
    since_ms: int | None = None,
    until_ms: int | None = None,
    venue: str = "binance",
    progress: SymbolProgress | None = None,
    jobs: int = DEFAULT_JOBS,
    now_ms: int | None = None,
    gate: RequestGate | None = None,
) -> list[SymbolDownload]:
    """`download_history` for every symbol, `jobs` at a time (each with its own client from
    `make_client`, all paced by one `gate`), in the order given. Same `now` for all symbols."""
    now = int(time.time() * 1000) if now_ms is None else now_ms
    shared = gate if gate is not None else RequestGate()

    def one(symbol: str) -> SymbolDownload:
        client: Any = None
        try:
            client = make_client()
            report = None if progress is None else (lambda done, total: progress(symbol, done, total))
            result = download_history(
                _Gated(client, shared), store, symbol, timeframe, since_ms, until_ms,
                venue=venue, progress=report, now_ms=now,
            )  # fmt: skip
        except Exception as exc:  # reported with its symbol; the other downloads go on
            return SymbolDownload(symbol.upper(), None, exc, client)
        return SymbolDownload(symbol.upper(), result, None, client)

    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(symbols))), thread_name_prefix="download")
    try:
        futures = [pool.submit(one, s) for s in symbols]
        return [f.result() for f in futures]
    except BaseException:  # Ctrl-C: the workers stop at their next page (what they stored stays)
        shared.close()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

"""In-memory test doubles for the chat's AccountSource and JournalSource, for unit tests only.

Prices, 24h stats and candles come from the real sample candles; the account, orders, trades
(`chat_fake_book`) and journal entries are a small hand-written book whose P&L is worked out by hand
in the tests. The end-to-end evaluation runs against the local exchange instead."""

from __future__ import annotations

import collections
import functools
import gzip
import json
from pathlib import Path

from chat_fake_book import NOW, D, book_orders, book_trades, ms

from aitrader.agents.chat.models import (
    AssetBalance,
    BotStatusView,
    DecisionView,
    OrderListView,
    OrderView,
    PositionView,
    SymbolView,
    TickerView,
    TradeView,
)
from aitrader.agents.chat.rest_source import symbol_view
from aitrader.agents.chat.sources import SourceError
from aitrader.data.resample import resample
from aitrader.data.sample import load_sample
from aitrader.domain import Candles, Timeframe

__all__ = ["NOW", "MemoryAccount", "MemoryJournal", "ms"]
REPO = Path(__file__).resolve().parents[2]


def _btc_symbol() -> SymbolView:
    raw = json.loads((REPO / "data" / "binance" / "exchangeinfo_btcusdt.json").read_text())
    return symbol_view(raw)


@functools.cache
def _one_minute(symbol: str) -> Candles:
    return load_sample(symbol, Timeframe.M1)


@functools.cache
def _ticker(symbol: str) -> TickerView:
    """24h stats from the last 1440 one-minute candles of the real sample."""
    path = next((REPO / "data" / "sample" / "binance").glob(f"{symbol}-1m-*.csv.gz"))
    with gzip.open(path, "rt") as fh:
        rows = [line.split(",") for line in collections.deque(fh, maxlen=1440)]
    opens, highs, lows, closes = ([D(r[k]) for r in rows] for k in (1, 2, 3, 4))
    return TickerView(
        symbol=symbol,
        last=closes[-1],
        open=opens[0],
        high=max(highs),
        low=min(lows),
        change_pct=(closes[-1] / opens[0] - 1) * 100,
        base_volume=sum((D(r[5]) for r in rows), D(0)),
        time_ms=int(rows[-1][0]) + 60_000,
    )


class MemoryAccount:
    def __init__(self) -> None:
        btc = _btc_symbol()
        self._symbols = [
            btc,
            btc.model_copy(
                update={"symbol": "ETHUSDT", "base": "ETH", "step_size": D("0.0001"), "min_qty": D("0.0001")}
            ),
            btc.model_copy(
                update={"symbol": "SOLUSDT", "base": "SOL", "step_size": D("0.01"), "min_qty": D("0.01")}
            ),
        ]
        self._tickers = {s: _ticker(s) for s in ("BTCUSDT", "ETHUSDT", "SOLUSDT")}
        self._balances = [
            AssetBalance(asset="BTC", free=D("0.02993"), locked=D("0.01")),
            AssetBalance(asset="ETH", free=D("1.2"), locked=D("0")),
            AssetBalance(asset="USDT", free=D("9450.25"), locked=D("500")),
            AssetBalance(asset="SOL", free=D("0"), locked=D("0")),
            AssetBalance(asset="BNB", free=D("0.5"), locked=D("0")),
        ]
        self._orders = book_orders()
        self._trades = book_trades()
        self.calls: list[str] = []

    def balances(self) -> list[AssetBalance]:
        self.calls.append("balances")
        return list(self._balances)

    def open_orders(self, symbol: str | None) -> list[OrderView]:
        self.calls.append(f"open_orders {symbol}")
        return [o for o in self._orders if o.status == "NEW" and symbol in (None, o.symbol)]

    def open_order_lists(self) -> list[OrderListView]:
        return [
            OrderListView(
                order_list_id=3,
                symbol="BTCUSDT",
                contingency_type="OCO",
                status="EXECUTING",
                order_ids=["14", "15"],
                time_ms=ms("2023-05-04T09:31:00"),
            )
        ]

    def orders(self, symbol: str, since_ms: int | None) -> list[OrderView]:
        return [o for o in self._orders if o.symbol == symbol and (since_ms is None or o.time_ms >= since_ms)]

    def trades(self, symbol: str, since_ms: int | None) -> list[TradeView]:
        return [t for t in self._trades if t.symbol == symbol and (since_ms is None or t.time_ms >= since_ms)]

    def ticker(self, symbol: str) -> TickerView:
        if symbol not in self._tickers:
            raise SourceError(f"no ticker for {symbol}")
        return self._tickers[symbol]

    def symbols(self) -> list[SymbolView]:
        return list(self._symbols)

    def server_time_ms(self) -> int:
        return NOW

    def candles(self, symbol: str, interval: str, limit: int) -> Candles:
        """The newest `limit` candles of the real 1m sample, rolled up to `interval` as the venue does
        (the last one may be incomplete); fewer when the sample is shorter."""
        if symbol not in self._tickers:
            raise SourceError(f"symbol {symbol} is not listed on this venue")
        try:
            tf = Timeframe.parse(interval)
        except ValueError as exc:
            raise SourceError(str(exc)) from None
        self.calls.append(f"candles {symbol} {tf.value} {limit}")
        return resample(_one_minute(symbol), tf).tail(limit)


def _decision(**kw: object) -> DecisionView:
    return DecisionView.model_validate(kw)


class MemoryJournal:
    def __init__(self) -> None:
        self._decisions = [
            _decision(
                proposal_id="p3",
                time_ms=ms("2023-05-05T10:00:00"),
                symbol="SOLUSDT",
                side="BUY",
                kind="enter",
                strategy="confluence",
                rationale="breakout above the 4h range",
                evidence={"rsi_14": 71.2},
                verdict="rejected",
                verdict_reason="stop too tight for the fees and slippage",
                order_ids=[],
            ),
            _decision(
                proposal_id="p2",
                time_ms=ms("2023-05-05T08:14:30"),
                symbol="BTCUSDT",
                side="SELL",
                kind="exit",
                strategy="confluence",
                rationale="first target reached: took 1R partial profit",
                evidence={"r_multiple": 1.0},
                verdict="approved",
                order_ids=["11"],
            ),
            _decision(
                proposal_id="p1",
                time_ms=ms("2023-05-04T09:29:00"),
                symbol="BTCUSDT",
                side="BUY",
                kind="enter",
                strategy="confluence",
                rationale="EMA20 crossed above EMA50 on 15m with RSI rising",
                evidence={"ema_20": 29050.1, "ema_50": 28990.4, "rsi_14": 58.3},
                stop_price=D("27800"),
                targets=[D("31000")],
                verdict="approved",
                order_ids=["9", "14", "15"],
            ),
        ]

    def positions(self) -> list[PositionView]:
        return [
            PositionView(
                symbol="BTCUSDT",
                side="BUY",
                quantity=D("0.01"),
                entry_price=D("29100"),
                stop_price=D("27800"),
                targets=[D("31000")],
                opened_ms=ms("2023-05-04T09:30:05"),
            )
        ]

    def decisions(self, limit: int) -> list[DecisionView]:
        return self._decisions[:limit]

    def decision_for_order(self, order_id: str) -> DecisionView | None:
        return next((d for d in self._decisions if order_id in d.order_ids), None)

    def status(self) -> BotStatusView:
        return BotStatusView(
            running=True,
            last_heartbeat_ms=ms("2023-05-05T11:59:30"),
            last_candle_ms=ms("2023-05-05T11:59:00"),
            symbol="BTCUSDT",
            mode="paper",
            last_decision=self._decisions[0],
        )

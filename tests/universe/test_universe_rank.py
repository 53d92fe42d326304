"""Ranking over exchangeInfo entries and 24 h tickers: the real testnet answers first, then the
mainnet cases (leveraged tokens, stablecoins, halted symbols, blacklists) built from the real entry."""

from __future__ import annotations

from typing import Any

import pytest
from universe_helpers import derived_entry, ticker

from aitrader.universe import Market, UniverseRule, rank_universe
from aitrader.universe.rank import markets_from_exchange_info, stats_from_tickers


def test_the_real_testnet_answers(testnet_capture: dict[str, Any]) -> None:
    markets = markets_from_exchange_info(testnet_capture["exchangeInfo"])
    stats = stats_from_tickers(testnet_capture["ticker_24hr"])
    assert [m.symbol for m in markets][:4] == ["这是测试币456", "BNBBTC", "BNBUSDT", "BTCUSDT"]
    sel = rank_universe(markets, stats, UniverseRule.parse("top:5:volume"))
    assert sel.symbols == ("BTCUSDT",)
    (btc,) = sel.ranked
    assert btc.rank == 1
    assert btc.quote_volume == pytest.approx(63525213.2825034)
    assert btc.volatility == pytest.approx((68000 - 54000) / 65861.66)  # (high - low) / last
    assert sel.excluded == {
        "这是测试币456": "quote asset 456, not USDT",
        "BNBBTC": "quote asset BTC, not USDT",
        "BNBUSDT": "no 24h ticker",
        "ETHBTC": "quote asset BTC, not USDT",
        "ETHUSDT": "no 24h ticker",
        "LTCBNB": "quote asset BNB, not USDT",
        "LTCBTC": "quote asset BTC, not USDT",
        "LTCUSDT": "no 24h ticker",
    }
    # the unicode symbol is the venue's own quote asset "456"
    assert (
        rank_universe(markets, stats, UniverseRule(quote="456")).excluded["这是测试币456"] == "no 24h ticker"
    )


def test_the_real_btcusdt_entry(btcusdt_entry: dict[str, Any]) -> None:
    m = Market.from_entry(btcusdt_entry)
    assert (m.symbol, m.base, m.quote, m.status, m.spot, m.leveraged) == (
        "BTCUSDT", "BTC", "USDT", "TRADING", True, False,
    )  # fmt: skip


@pytest.fixture
def mainnet_like(btcusdt_entry: dict[str, Any], testnet_capture: dict[str, Any]) -> tuple[list[Market], Any]:
    """Entries and tickers derived from the real ones, covering what mainnet lists."""
    real_ticker = testnet_capture["ticker_24hr"][0]
    rows = [  # symbol, base, quote, entry changes, (quote volume, high, low, last)
        ("BTCUSDT", "BTC", "USDT", {}, (9.0e9, 68000, 54000, 65861.66)),
        ("ETHUSDT", "ETH", "USDT", {}, (4.0e9, 1800, 1700, 1720)),
        ("SOLUSDT", "SOL", "USDT", {}, (1.0e9, 80, 60, 71.4)),
        ("DOGEUSDT", "DOGE", "USDT", {}, (1.0e9, 0.095, 0.085, 0.0888)),  # ties SOLUSDT on volume
        ("JUPUSDT", "JUP", "USDT", {}, (2.0e8, 1.1, 0.9, 1.0)),  # not a leveraged token
        ("USDCUSDT", "USDC", "USDT", {}, (8.0e9, 1.001, 0.999, 1.0004)),
        ("FDUSDUSDT", "FDUSD", "USDT", {}, (5.0e9, 1.001, 0.998, 1.0)),
        ("BTCUPUSDT", "BTCUP", "USDT", {}, (3.0e7, 12, 9, 10)),
        ("ETHDOWNUSDT", "ETHDOWN", "USDT", {}, (2.0e7, 3, 2, 2.5)),
        ("LUNAUSDT", "LUNA", "USDT", {"status": "BREAK"}, (0.0, 1, 1, 1)),
        ("XYZUSDT", "XYZ", "USDT", {"permissionSets": [["LEVERAGED"]]}, (5.0e7, 2, 1, 1.5)),
        ("MARGINUSDT", "MARGIN", "USDT", {"isSpotTradingAllowed": False}, (5.0e7, 2, 1, 1.5)),
        ("PEPEUSDT", "PEPE", "USDT", {}, (4.0e5, 2, 1, 1.5)),
        ("ETHBTC", "ETH", "BTC", {}, (9.0e2, 0.027, 0.026, 0.0261)),
    ]
    markets = [Market.from_entry(derived_entry(btcusdt_entry, s, b, q, **ch)) for s, b, q, ch, _ in rows]
    tickers = stats_from_tickers(ticker(real_ticker, s, *nums) for s, _, _, _, nums in rows)
    return markets, tickers


def test_volume_ranking_leaves_out_what_cannot_be_traded(mainnet_like: tuple[list[Market], Any]) -> None:
    markets, stats = mainnet_like
    sel = rank_universe(markets, stats, UniverseRule.parse("top:4:volume"))
    assert sel.symbols == ("BTCUSDT", "ETHUSDT", "DOGEUSDT", "SOLUSDT")  # equal volumes: by name
    assert [r.symbol for r in sel.ranked] == [*sel.symbols, "JUPUSDT", "PEPEUSDT"]
    assert [r.selected for r in sel.ranked] == [True] * 4 + [False] * 2
    assert sel.excluded == {
        "USDCUSDT": "stablecoin (USDC)",
        "FDUSDUSDT": "stablecoin (FDUSD)",
        "BTCUPUSDT": "leveraged token",
        "ETHDOWNUSDT": "leveraged token",
        "LUNAUSDT": "status BREAK, not TRADING",
        "XYZUSDT": "leveraged token",
        "MARGINUSDT": "spot trading not allowed",
        "ETHBTC": "quote asset BTC, not USDT",
    }


def test_blacklist_globs_match_the_symbol_or_its_base(mainnet_like: tuple[list[Market], Any]) -> None:
    markets, stats = mainnet_like
    rule = UniverseRule.from_mapping({"spec": "top:10", "blacklist": ["DOGE", "*UP", "SOL*"]})
    sel = rank_universe(markets, stats, rule)
    assert sel.excluded["DOGEUSDT"] == "blacklisted (DOGE)"
    assert sel.excluded["JUPUSDT"] == "blacklisted (*UP)"  # the user's glob catches JUP too
    assert sel.excluded["SOLUSDT"] == "blacklisted (SOL*)"
    assert sel.symbols == ("BTCUSDT", "ETHUSDT", "PEPEUSDT")
    # stablecoins ranked when asked for, by their real volume
    loose = rank_universe(markets, stats, UniverseRule(top=3, exclude_stablecoins=False))
    assert loose.symbols == ("BTCUSDT", "USDCUSDT", "FDUSDUSDT")


def test_minimum_quote_volume(mainnet_like: tuple[list[Market], Any]) -> None:
    markets, stats = mainnet_like
    sel = rank_universe(markets, stats, UniverseRule(top=10, min_quote_volume=1e6))
    assert sel.excluded["PEPEUSDT"] == "24h quote volume 400,000 < minimum 1,000,000"
    assert "PEPEUSDT" not in sel.symbols
    assert "JUPUSDT" in sel.symbols


def test_volatility_ranking(mainnet_like: tuple[list[Market], Any]) -> None:
    markets, stats = mainnet_like
    sel = rank_universe(markets, stats, UniverseRule.parse("top:3:volatility"))
    # (high - low) / last: SOL 20/71.4 = 28.0%, JUP 20%, BTC 21.3%, DOGE 11.3%, ETH 5.8%; PEPE 66.7%
    assert sel.symbols == ("PEPEUSDT", "SOLUSDT", "BTCUSDT")
    assert [round(r.volatility or 0, 4) for r in sel.ranked[:3]] == [0.6667, 0.2801, 0.2126]
    # a liquidity floor keeps the thin, jumpy coin out
    floor = rank_universe(markets, stats, UniverseRule(mode="volatility", top=3, min_quote_volume=1e8))
    assert floor.symbols == ("SOLUSDT", "BTCUSDT", "JUPUSDT")


def test_a_static_list_keeps_its_order_less_what_does_not_trade(
    mainnet_like: tuple[list[Market], Any],
) -> None:
    markets, stats = mainnet_like
    sel = rank_universe(markets, stats, UniverseRule.parse("SOLUSDT,LUNAUSDT,XRPUSDT,USDCUSDT,BTCUSDT"))
    assert sel.symbols == ("SOLUSDT", "USDCUSDT", "BTCUSDT")  # a listed stablecoin is the user's choice
    assert sel.excluded == {"LUNAUSDT": "status BREAK, not TRADING", "XRPUSDT": "not listed by the venue"}
    assert sel.ranked[0].quote_volume == 1.0e9


def test_changes_between_selections(mainnet_like: tuple[list[Market], Any]) -> None:
    markets, stats = mainnet_like
    before = rank_universe(markets, stats, UniverseRule.parse("top:3"))
    after = rank_universe(markets, stats, UniverseRule.parse("top:3:volatility"))
    assert before.symbols == ("BTCUSDT", "ETHUSDT", "DOGEUSDT")
    # added in rank order, removed by name
    assert after.changes(before) == (("PEPEUSDT", "SOLUSDT"), ("DOGEUSDT", "ETHUSDT"))
    assert before.changes(None) == (before.symbols, ())


def test_tickers_without_numbers_are_skipped() -> None:
    rows = [{"symbol": "AUSDT", "quoteVolume": "x"}, {"symbol": "BUSDT"}, {"quoteVolume": "1"}]
    assert stats_from_tickers(rows) == {}

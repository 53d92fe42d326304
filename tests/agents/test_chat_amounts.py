"""Amounts in one answer: quote currencies with 2 decimals, a base asset's figures with one shared
number of decimals (as many as the most precise one needs, at most 8)."""

from __future__ import annotations

from decimal import Decimal

from aitrader.agents.chat import fmt
from aitrader.agents.chat.models import TradeView
from aitrader.agents.chat.render import balances, trades
from aitrader.agents.chat.tool_io import BalanceLine, BalancesOut, TradesOut

D = Decimal


def _line(asset: str, free: str, locked: str) -> BalanceLine:
    return BalanceLine(asset=asset, free=D(free), locked=D(locked), total=D(free) + D(locked), value=None)


def test_one_asset_shares_its_decimals_and_quotes_have_two() -> None:
    out = BalancesOut(
        quote="USDT",
        lines=[
            _line("BTC", "0.50000000", "0.00000000"),
            _line("USDT", "10000", "0"),
            _line("ETH", "2", "0.125"),
        ],
        total_value=D(0),
    )
    _, table = balances(out)
    assert table is not None
    rows = {r[0]: r[1:4] for r in table.rows}
    assert rows["BTC"] == ["0.5", "0.0", "0.5"]
    assert rows["USDT"] == ["10,000.00", "0.00", "10,000.00"]
    assert rows["ETH"] == ["2.000", "0.125", "2.125"]
    text, _ = balances(BalancesOut(quote="USDT", lines=[_line("BTC", "0.5", "0")], total_value=D(0)))
    assert text == "Your BTC balance is 0.5 (free: 0.5, locked: 0.0)."


def test_at_most_eight_decimals_and_whole_amounts_have_none() -> None:
    assert fmt.places([D("0.123456789"), D(3)]) == 8
    assert fmt.qty(D("0.123456789")) == "0.12345679"
    assert fmt.qty(D(2)) == "2"
    assert fmt.qty(D("1500"), decimals=2) == "1,500.00"
    assert fmt.qty(D("7.5"), "USDC") == "7.50"


def test_trade_quantities_and_fees_align_per_symbol_and_fee_asset() -> None:
    def t(i: int, symbol: str, qty: str, fee: str, fee_asset: str) -> TradeView:
        return TradeView(
            trade_id=str(i), order_id=str(i), symbol=symbol, side="BUY", price=D(100), quantity=D(qty),
            commission=D(fee), commission_asset=fee_asset, time_ms=1_700_000_000_000 + i,
        )  # fmt: skip

    out = TradesOut(
        period="today",
        trades=[t(1, "BTCUSDT", "0.05", "0.00005", "BTC"), t(2, "BTCUSDT", "0.021", "1.2", "USDT")],
        pnl=[],
        total_realised={},
    )
    _, table = trades(out)
    assert table is not None
    assert [r[5] for r in table.rows] == ["0.050", "0.021"]
    assert [r[6] for r in table.rows] == ["0.00005 BTC", "1.20 USDT"]

"""The read-only chat tools over an in-memory account and journal (figures worked out by hand)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chat_fakes import NOW, ms

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.periods import parse_period
from aitrader.agents.chat.registry import TOOLS, ToolRejectedError, run_tool, validate_call
from aitrader.agents.chat.tool_io import (
    BalancesOut,
    HistoryOut,
    OrderListsOut,
    OrdersOut,
    PositionsOut,
    RiskOut,
    StatusOut,
    SymbolOut,
    TickerOut,
    TradesOut,
    WhyOut,
)

D = Decimal


def test_no_tool_can_change_orders() -> None:
    for name in TOOLS:
        assert not any(
            verb in name for verb in ("place", "cancel", "create", "amend", "modify", "close", "order_new")
        )
    with pytest.raises(ToolRejectedError, match="no tool named 'place_order'"):
        validate_call("place_order", {"symbol": "BTCUSDT", "side": "BUY", "quantity": "1"})


def test_arguments_are_validated_by_the_schema() -> None:
    with pytest.raises(ToolRejectedError, match="quantity: Extra inputs"):
        validate_call("get_balances", {"asset": "BTC", "quantity": "5"})
    with pytest.raises(ToolRejectedError, match="side"):
        validate_call("get_open_orders", {"side": "HOLD"})


def test_balances_value_everything_in_usdt(ctx: ToolContext) -> None:
    out = run_tool(ctx, "get_balances", {})
    assert isinstance(out, BalancesOut)
    lines = {b.asset: b for b in out.lines}
    assert set(lines) == {"BTC", "ETH", "USDT", "BNB"}  # SOL is zero, so hidden
    btc_last = ctx.account.ticker("BTCUSDT").last
    eth_last = ctx.account.ticker("ETHUSDT").last
    assert lines["BTC"].total == D("0.03993")
    assert lines["BTC"].value == D("0.03993") * btc_last
    assert out.total_value == D("9950.25") + D("0.03993") * btc_last + D("1.2") * eth_last
    assert out.unpriced == ["BNB"]  # no BNBUSDT market on this venue


def test_single_asset_balance_by_name(ctx: ToolContext) -> None:
    out = run_tool(ctx, "get_balances", {"asset": "bitcoin"})
    assert isinstance(out, BalancesOut)
    assert [(b.asset, b.free, b.locked) for b in out.lines] == [("BTC", D("0.02993"), D("0.01"))]


def test_open_orders_and_order_lists(ctx: ToolContext) -> None:
    out = run_tool(ctx, "get_open_orders", {"symbol": "btc/usdt", "side": "SELL"})
    assert isinstance(out, OrdersOut)
    assert out.symbol == "BTCUSDT"
    assert [o.order_id for o in out.orders] == ["14", "15"]
    lists = run_tool(ctx, "get_order_lists", {})
    assert isinstance(lists, OrderListsOut)
    assert lists.lists[0].order_ids == ["14", "15"]


def test_order_history_by_period_and_id(ctx: ToolContext) -> None:
    out = run_tool(ctx, "get_order_history", {"symbol": "BTCUSDT", "period": "yesterday"})
    assert isinstance(out, HistoryOut)
    assert [o.order_id for o in out.orders] == ["14", "15", "10", "9"] or {
        o.order_id for o in out.orders
    } == {"9", "10", "14", "15"}
    one = run_tool(ctx, "get_order_history", {"order_id": "10"})
    assert isinstance(one, HistoryOut)
    assert [(o.order_id, o.status) for o in one.orders] == [("10", "CANCELED")]


def test_realised_pnl_today_average_cost_and_fees(ctx: ToolContext) -> None:
    out = run_tool(ctx, "get_trades", {"period": "today"})
    assert isinstance(out, TradesOut)
    assert [t.trade_id for t in out.trades] == ["103"]
    avg = (D("0.05") * 28500 + D("0.02") * 29100) / D("0.07")
    expected = (D("29300") - avg) * D("0.03") - D("0.879")
    assert out.total_realised["USDT"] == expected
    assert out.pnl[0].symbol == "BTCUSDT"


def test_realised_pnl_this_week_includes_base_asset_fees(ctx: ToolContext) -> None:
    out = run_tool(ctx, "get_trades", {"period": "since monday"})
    assert isinstance(out, TradesOut)
    by = {x.symbol: x for x in out.pnl}
    avg = (D("0.05") * 28500 + D("0.02") * 29100) / D("0.07")
    btc_fees = D("0.00005") * 28500 + D("0.00002") * 29100 + D("0.879")
    assert by["BTCUSDT"].realised == (D("29300") - avg) * D("0.03") - btc_fees
    assert by["ETHUSDT"].realised == (D("1870") - D("1900")) * D("0.3") - D("0.561")  # buy was last week
    assert by["ETHUSDT"].trades == 1


def test_ticker_and_amount_value(ctx: ToolContext) -> None:
    out = run_tool(ctx, "get_ticker", {"symbol": "ETH", "amount": "2"})
    assert isinstance(out, TickerOut)
    assert out.ticker.symbol == "ETHUSDT"
    assert out.amount_value == 2 * out.ticker.last
    assert out.ticker.low is not None
    assert out.ticker.high is not None
    assert out.ticker.low <= out.ticker.last <= out.ticker.high


def test_symbol_info_comes_from_the_real_exchange_info(ctx: ToolContext) -> None:
    out = run_tool(ctx, "get_symbol_info", {"symbol": "BTCUSDT"})
    assert isinstance(out, SymbolOut)
    assert (out.info.tick_size, out.info.step_size, out.info.min_notional) == (
        D("0.01"),
        D("0.00001"),
        D("5"),
    )


def test_positions_risk_status(ctx: ToolContext) -> None:
    pos = run_tool(ctx, "get_positions", {})
    assert isinstance(pos, PositionsOut)
    last = ctx.account.ticker("BTCUSDT").last
    assert pos.positions[0].unrealised == (last - D("29100")) * D("0.01")
    risk = run_tool(ctx, "get_risk_usage", {})
    assert isinstance(risk, RiskOut)
    assert risk.total_risk == (D("29100") - D("27800")) * D("0.01")
    assert risk.total_risk_pct == risk.total_risk / risk.equity * 100
    assert risk.per_trade_cap_pct == D("1.00")
    assert risk.ceiling_pct == D("10.0")
    status = run_tool(ctx, "get_bot_status", {})
    assert isinstance(status, StatusOut)
    assert status.status.running
    assert status.status.last_candle_ms == ms("2023-05-05T11:59:00")


def test_why_by_order_side_and_latest(ctx: ToolContext) -> None:
    by_order = run_tool(ctx, "explain_trade", {"order_id": "9"})
    assert isinstance(by_order, WhyOut)
    assert by_order.decision is not None
    assert by_order.decision.proposal_id == "p1"
    buy = run_tool(ctx, "explain_trade", {"side": "BUY"})
    assert isinstance(buy, WhyOut)
    assert buy.decision is not None
    assert buy.decision.proposal_id == "p1"  # the rejected SOL buy made no trade
    latest = run_tool(ctx, "explain_trade", {})
    assert isinstance(latest, WhyOut)
    assert latest.decision is not None
    assert latest.decision.proposal_id == "p2"


@pytest.mark.parametrize(
    ("text", "label", "since"),
    [
        ("did we make money today", "today", "2023-05-05T00:00:00"),
        ("this week", "this week", "2023-05-01T00:00:00"),
        ("since Monday", "since monday", "2023-05-01T00:00:00"),
        ("since wed", "since wednesday", "2023-05-03T00:00:00"),
        ("yesterday", "yesterday", "2023-05-04T00:00:00"),
        ("last 24h", "last 24h", "2023-05-04T12:00:00"),
        ("in the past 7 days", "last 7 days", "2023-04-28T12:00:00"),
        ("this month", "this month", "2023-05-01T00:00:00"),
    ],
)
def test_periods(text: str, label: str, since: str) -> None:
    p = parse_period(text, NOW)
    assert p is not None
    assert (p.label, p.since_ms) == (label, ms(since))
    assert parse_period("what is my balance", NOW) is None

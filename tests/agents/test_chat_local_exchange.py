"""The chat end to end against a seeded account on the local exchange (127.0.0.1): the tools over
signed REST, the evaluation question set, and the `aitrader chat` command."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from chat_local_venue import seeded_exchange, write_seeded_journal
from typer.testing import CliRunner

from aitrader.agents.chat.bot_journal import BotJournal
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.registry import run_tool
from aitrader.agents.chat.rest_source import RestAccountSource
from aitrader.agents.chat.tool_io import BalancesOut, OrderListsOut, OrdersOut, TradesOut
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET, ExchangeThread

HERE = Path(__file__).parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exchange() -> Iterator[ExchangeThread]:
    with seeded_exchange() as ex:
        yield ex


@pytest.fixture(scope="module")
def journal(exchange: ExchangeThread, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("journal") / "journal.sqlite"
    write_seeded_journal(exchange, path)
    return path


@pytest.fixture(scope="module")
def ctx(exchange: ExchangeThread, journal: Path) -> ToolContext:
    account = RestAccountSource(DEFAULT_API_KEY, DEFAULT_SECRET, rest_url=exchange.rest_url)
    return ToolContext(account=account, journal=BotJournal(journal))


def test_tools_read_the_seeded_account(ctx: ToolContext, exchange: ExchangeThread) -> None:
    ctx.new_question()
    bal = run_tool(ctx, "get_balances", {"asset": "BTC"})
    assert isinstance(bal, BalancesOut)
    free, locked = exchange.balances()["BTC"]
    assert (bal.lines[0].free, bal.lines[0].locked) == (Decimal(free), Decimal(locked))
    orders = run_tool(ctx, "get_open_orders", {})
    assert isinstance(orders, OrdersOut)
    assert sorted((o.symbol, o.side) for o in orders.orders) == [
        ("BTCUSDT", "BUY"),
        ("ETHUSDT", "SELL"),
        ("ETHUSDT", "SELL"),
        ("SOLUSDT", "SELL"),
    ]
    lists = run_tool(ctx, "get_order_lists", {})
    assert isinstance(lists, OrderListsOut)
    assert [(x.symbol, len(x.order_ids)) for x in lists.lists] == [("ETHUSDT", 2)]
    today = run_tool(ctx, "get_trades", {"period": "today"})
    assert isinstance(today, TradesOut)
    assert [(t.symbol, t.side, t.quantity) for t in today.trades] == [("BTCUSDT", "SELL", Decimal("0.02"))]
    week = run_tool(ctx, "get_trades", {"period": "last 7 days"})
    assert isinstance(week, TradesOut)
    assert len(week.trades) == 5
    # Realised today: 0.02 BTC sold against the day-1 average cost, fees (in USDT) deducted.
    buy = next(t for t in week.trades if t.symbol == "BTCUSDT" and t.side == "BUY")
    sell = today.trades[0]
    expected = (sell.price - buy.price) * sell.quantity - sell.commission
    assert today.total_realised["USDT"] == expected


def test_journal_answers_on_the_local_exchange(ctx: ToolContext) -> None:
    engine = OfflineEngine(ctx)
    pos = engine.ask("open positions?")
    assert pos.text.startswith("ETHUSDT: BUY 0.5 from ")
    assert pos.table is not None
    why = engine.ask("why did you buy eth")
    assert "EMA20 crossed above EMA50" in why.text
    assert "Risk gate: approved" in why.text
    risk = engine.ask("how much risk do we have on")
    assert risk.text.startswith("Open risk is ")
    status = engine.ask("is the bot running?")
    assert "last candle" in status.text


def test_cli_one_shot_json_and_table(exchange: ExchangeThread) -> None:
    from aitrader.cli.app import app

    runner = CliRunner()
    args = [
        "chat",
        "--rest-url",
        exchange.rest_url,
        "--api-key",
        DEFAULT_API_KEY,
        "--api-secret",
        DEFAULT_SECRET,
        "--offline",
        "--journal",
        "/nonexistent/journal.sqlite",
    ]
    r = runner.invoke(app, [*args, "--json", "-", "what is my USDT balance?"])
    assert r.exit_code == 0, r.output
    answer = json.loads(r.output)
    free, locked = exchange.balances()["USDT"]
    assert answer["intent"] == "balance"
    assert answer["text"] == (
        f"Your USDT balance is {Decimal(free) + Decimal(locked):,.2f} "
        f"(free: {Decimal(free):,.2f}, locked: {Decimal(locked):,.2f})."
    )
    r = runner.invoke(app, [*args, "open", "orders?"])
    assert r.exit_code == 0, r.output
    assert "You have 4 open orders." in r.output
    assert "Open orders" in r.output


def test_cli_without_keys_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from aitrader.cli.app import app

    monkeypatch.setenv("BINANCE_API_KEY", "")
    monkeypatch.setenv("BINANCE_API_SECRET", "")
    r = CliRunner().invoke(app, ["chat", "--offline", "--rest-url", "http://127.0.0.1:9", "balance"])
    assert r.exit_code == 1  # the account question cannot be answered (a journal question still can)
    assert "chat needs read access to the account" in r.output
    assert "Traceback" not in r.output


@pytest.mark.parametrize(
    ("key", "secret", "venue_code"),
    [(DEFAULT_API_KEY, "WRONG", "-1022"), ("WRONG", DEFAULT_SECRET, "-2015")],
)
def test_cli_a_refused_key_or_secret_is_one_line_and_exit_1(
    exchange: ExchangeThread, key: str, secret: str, venue_code: str
) -> None:
    from aitrader.cli.app import app

    args = ["chat", "--offline", "--rest-url", exchange.rest_url, "--api-key", key, "--api-secret", secret]
    r = CliRunner().invoke(app, [*args, "my balance"])
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert len(lines) == 1, r.output
    assert lines[0].startswith("chat: the venue refused the API key/secret: check BINANCE_API_KEY/")
    assert "--api-key/--api-secret" in lines[0]
    assert f"venue said: {venue_code} " in lines[0]
    assert "Traceback" not in r.output
    assert secret not in r.output.replace("BINANCE_API_SECRET", "")
    r = CliRunner().invoke(app, [*args, "--json", "-", "open orders"])
    assert r.exit_code == 1
    assert json.loads(r.output)["intent"] == "error"

"""A ranked universe in paper and live trading against the local exchange on 127.0.0.1, replaying the
real BTCUSDT, ETHUSDT and SOLUSDT 1m samples (24 h quote volume: BTC, then ETH, then SOL). A symbol
the venue halts leaves the ranking, one it trades again comes back, so the real watcher sees the
universe change: the symbol that joins is added while the run goes (its lane, warm-up, the same
stream) and can enter; the one that left takes no entry (`not_in_universe`) while its open position
stays protected; live, a joining symbol's journal position is re-protected before its history is
read; a symbol that cannot join stays out without stopping the run and joins at the next refresh."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.domain import Candle
from aitrader.live.journal import LiveJournal
from aitrader.live.runner import LiveRunner
from aitrader.universe import UniverseRule
from aitrader.venues.local import DEFAULT_API_KEY, LocalExchange, LocalExchangeConfig, run_local_exchange

from .helpers import TARGET_START_MS, telemetry_lines, wait_for
from .portfolio_helpers import (
    ENTRY_ROUNDS,
    SYMBOLS,
    portfolio_config,
    portfolio_exchange,
    samples_around,
    step_rounds,
    until_started,
)

NOT_IN_UNIVERSE = "BTCUSDT not_in_universe: BTCUSDT is outside the selected universe now"


def _status(ex: LocalExchange, **status: str) -> None:
    """What the venue's exchangeInfo says of each symbol (a halted symbol is out of any ranking)."""
    for symbol, value in status.items():
        ex.eng.entries[symbol].update(status=value)


def _universe(ex: LocalExchange, tmp: Path, paper: bool, refresh: str = "1h") -> LiveRunner:
    rule = UniverseRule.parse("top:2:volume", refresh=refresh)
    return LiveRunner(portfolio_config(ex, tmp, paper=paper, universe=rule, universe_candidates=SYMBOLS))


async def _resubscribed(runner: LiveRunner, before: int) -> None:
    """The market stream reconnected with every symbol after a symbol joined."""
    await wait_for(lambda: runner.stream is not None and runner.stream.reconnects > before, what="reconnect")
    await wait_for(lambda: runner.stream is not None and runner.stream.connected, what="the stream again")


def _events(path: Path, *kinds: str) -> list[tuple[str, dict[str, Any]]]:
    journal = LiveJournal(path)
    try:
        return [(k, d) for _, k, d in journal.events() if k in kinds]
    finally:
        journal.close()


def test_paper_follows_the_symbol_that_joins_and_refuses_entries_on_the_one_that_left(tmp_path: Path) -> None:
    """The watcher refreshes every second on its own: ETHUSDT (halted at start) joins, BTCUSDT
    (halted next) leaves before the candle where confluence enters both; later ETHUSDT leaves with
    its position open and BTCUSDT comes back."""

    async def scenario() -> dict[str, Any]:
        async with portfolio_exchange() as ex:
            _status(ex, ETHUSDT="BREAK")
            runner = _universe(ex, tmp_path, paper=True, refresh="1s")
            task = asyncio.create_task(runner.run())
            await until_started(runner, task)
            assert runner.universe is not None
            assert runner.stream is not None
            out: dict[str, Any] = {"start": runner.cfg.symbols, "lanes": tuple(runner.kernel.lanes)}
            reconnects = runner.stream.reconnects
            _status(ex, ETHUSDT="TRADING", BTCUSDT="BREAK")
            await wait_for(lambda: "ETHUSDT" in runner.universe.members, 15, "ETHUSDT to join")  # type: ignore[union-attr]
            await _resubscribed(runner, reconnects)
            eth = runner.kernel.lane("ETHUSDT")
            out["warmed"], out["warm_last"] = len(eth.candles), int(eth.candles.open_time[-1])
            out["members"] = runner.universe.members
            out["joined"] = [e for e in runner.state.events if "universe: ETHUSDT joined" in e]
            await step_rounds(ex, runner, ENTRY_ROUNDS)
            times = [int(t) for t in runner.kernel.lane("ETHUSDT").candles.open_time]
            out["times"] = [t for t in times if t > out["warm_last"]]
            out["held"] = {s for s in SYMBOLS if runner.kernel.portfolio.get(s) is not None}
            out["rejected"] = list(runner.state.rejected)
            out["eth_row"] = runner.state.rows["ETHUSDT"].status
            out["subscriptions"] = [s for s, _ in runner.stream.subscriptions]
            _status(ex, ETHUSDT="BREAK", BTCUSDT="TRADING")  # ETHUSDT leaves holding its position
            await wait_for(lambda: "ETHUSDT" not in runner.universe.members, 15, "ETHUSDT to leave")  # type: ignore[union-attr]
            await step_rounds(ex, runner, 2)
            out["after"] = (runner.universe.members, runner.state.rows["ETHUSDT"].status)
            out["eth_still_held"] = runner.kernel.portfolio.get("ETHUSDT") is not None
            out["lanes_after"] = tuple(runner.kernel.lanes)
            from rich.console import Console

            from aitrader.live.view import render

            console = Console(record=True, width=200)
            console.print(render(runner.state))
            out["view"] = console.export_text()
            runner.request_stop("test over")
            await task
            return out

    out = asyncio.run(scenario())
    assert out["start"] == ("BTCUSDT", "SOLUSDT")  # ETHUSDT halted: the top 2 by volume among the rest
    assert out["lanes"] == ("BTCUSDT", "SOLUSDT")
    assert out["members"] == ("SOLUSDT", "ETHUSDT")
    assert out["warmed"] >= 2265  # confluence's warm-up, from REST history
    assert out["joined"], "the view says the symbol joined"
    assert "rank 1 by 24h quote volume" in out["joined"][0]  # BTCUSDT is halted
    assert f"warmed on {out['warmed']} candles, following" in out["joined"][0]
    # the candles after its warm-up came over the one combined stream, none missing
    assert out["subscriptions"] == ["BTCUSDT", "SOLUSDT", "ETHUSDT"]
    assert len(out["times"]) >= ENTRY_ROUNDS
    assert out["times"] == [out["warm_last"] + 60_000 * k for k in range(1, len(out["times"]) + 1)]
    assert out["held"] == {"ETHUSDT"}  # the joined symbol entered; BTCUSDT's entry was refused
    assert NOT_IN_UNIVERSE in out["rejected"]
    assert out["eth_row"] == "protected"
    members, status = out["after"]
    assert members == ("SOLUSDT", "BTCUSDT")  # BTCUSDT came back, ETHUSDT left ...
    assert out["eth_still_held"]  # ... its position still open
    assert status == "protected"  # ... and under its stop
    assert out["lanes_after"] == ("BTCUSDT", "SOLUSDT", "ETHUSDT")  # its lane stays
    for needle in ("universe top 2 USDT symbols by 24h quote volume, refreshed every 1s",
                   "members SOLUSDT, BTCUSDT", "ETHUSDT (out: exits only)", NOT_IN_UNIVERSE):  # fmt: skip
        assert needle in out["view"], needle
    lines = telemetry_lines(tmp_path / "telemetry.jsonl")
    assert any(line["symbol"] == "ETHUSDT" and line["fills"] for line in lines)
    kinds = [(k, d["symbol"]) for k, d in _events(tmp_path / "journal.sqlite", "universe_joined", "universe_left", "universe_back")]  # fmt: skip
    assert kinds == [
        ("universe_left", "BTCUSDT"), ("universe_joined", "ETHUSDT"),
        ("universe_left", "ETHUSDT"), ("universe_back", "BTCUSDT"),
    ]  # fmt: skip


def test_a_symbol_that_cannot_join_stays_out_and_joins_at_the_next_refresh(tmp_path: Path) -> None:
    async def scenario() -> dict[str, Any]:
        async with portfolio_exchange() as ex:
            _status(ex, ETHUSDT="BREAK")
            runner = _universe(ex, tmp_path, paper=True)
            task = asyncio.create_task(runner.run())
            await until_started(runner, task)
            assert runner.universe is not None
            watcher = runner.universe.watcher
            recent = runner.public.recent
            calls: list[str] = []

            async def flaky(symbol: str, *args: Any) -> list[Candle]:
                calls.append(symbol)
                if len(calls) == 1:
                    raise ConnectionResetError("the venue hung up")
                return await recent(symbol, *args)

            runner.public.recent = flaky  # type: ignore[method-assign]
            _status(ex, ETHUSDT="TRADING")
            with pytest.raises(RuntimeError, match="loading its history failed"):
                await watcher.refresh()
            out: dict[str, Any] = {"first": (runner.universe.members, tuple(runner.kernel.lanes))}
            out["said"] = [e for e in runner.state.events if "could not join" in e]
            await step_rounds(ex, runner, 1)  # the run goes on
            out["again"] = await watcher.refresh()
            out["second"] = (runner.universe.members, tuple(runner.kernel.lanes))
            runner.request_stop("test over")
            await task
            return out

    out = asyncio.run(scenario())
    assert out["first"] == (("BTCUSDT",), ("BTCUSDT", "SOLUSDT"))  # SOLUSDT left (rank 3), ETHUSDT not in
    assert len(out["said"]) == 1
    assert (
        "ETHUSDT could not join (rank 2 by 24h quote volume): loading its history failed: " in out["said"][0]
    )
    assert "ConnectionResetError: the venue hung up" in out["said"][0]
    assert out["again"] == (("ETHUSDT",), ("SOLUSDT",))
    assert out["second"] == (("BTCUSDT", "ETHUSDT"), ("BTCUSDT", "SOLUSDT", "ETHUSDT"))


def test_live_a_held_symbol_outside_the_universe_is_protected_at_start(tmp_path: Path) -> None:
    """A previous run left an ETHUSDT position whose OCO is gone; the universe run starts without
    ETHUSDT in its universe (halted): the position is still reconciled and re-protected first, before
    any history is read, and managed to its exit; once ETHUSDT joins, it takes entries again."""

    async def scenario() -> dict[str, Any]:
        async with portfolio_exchange() as ex:
            first = LiveRunner(portfolio_config(ex, tmp_path))
            task = asyncio.create_task(first.run())
            await until_started(first, task)
            await step_rounds(ex, first, ENTRY_ROUNDS)
            held = {s for s in SYMBOLS if first.kernel.book.get(s) is not None}
            first.request_stop("test over")
            await task
            ex.act({"action": "cancel_list", "bot": "all", "symbol": "ETHUSDT"})  # naked while no bot runs
            out: dict[str, Any] = {
                "held": held,
                "naked": ex.protection.state(DEFAULT_API_KEY, "ETHUSDT").naked,
            }
            _status(ex, ETHUSDT="BREAK")
            again = _universe(ex, tmp_path, paper=False)
            at_history: dict[str, bool] = {}
            recent = again.public.recent

            async def watched(symbol: str, *args: Any) -> list[Candle]:
                if symbol == "ETHUSDT" and not at_history:
                    at_history["naked"] = ex.protection.state(DEFAULT_API_KEY, "ETHUSDT").naked
                return await recent(symbol, *args)

            again.public.recent = watched  # type: ignore[method-assign]
            task = asyncio.create_task(again.run())
            await until_started(again, task)
            assert again.universe is not None
            out["start"] = again.cfg.symbols
            out["members"] = again.universe.members
            out["naked_at_start"] = ex.protection.state(DEFAULT_API_KEY, "ETHUSDT").naked
            _status(ex, ETHUSDT="TRADING")
            out["change"] = await again.universe.watcher.refresh()
            await step_rounds(ex, again, 1)
            out["members_after"] = again.universe.members
            out["row"] = again.state.rows["ETHUSDT"].status
            out["adopted"] = again.kernel.portfolio.get("ETHUSDT") is not None
            out["naked_after"] = ex.protection.state(DEFAULT_API_KEY, "ETHUSDT").naked
            out["at_history"] = at_history
            out["lists"] = {
                x["listClientOrderId"] for x in ex.protection.open_lists(DEFAULT_API_KEY, "ETHUSDT")
            }
            again.request_stop("test over")
            await task
            return out

    out = asyncio.run(scenario())
    assert out["held"] == {"BTCUSDT", "ETHUSDT"}
    assert out["naked"] is True
    assert out["start"] == ("BTCUSDT", "SOLUSDT", "ETHUSDT")  # the held symbol is traded, exits only
    assert out["members"] == ("BTCUSDT", "SOLUSDT")
    assert out["at_history"] == {"naked": False}  # re-protected before its history was read
    assert out["naked_at_start"] is False
    assert out["change"] == (("ETHUSDT",), ("SOLUSDT",))
    assert "ETHUSDT" in out["members_after"]
    assert "SOLUSDT" not in out["members_after"]
    assert out["naked_after"] is False
    assert out["row"] == "protected"
    assert out["adopted"]
    events = _events(tmp_path / "journal.sqlite", "reconciled", "universe_back", "universe_outside_positions")
    assert ("universe_outside_positions", {"symbols": ["ETHUSDT"]}) in events  # said at start
    assert any(k == "universe_back" for k, _ in events)
    reprotected = [
        line for k, d in events if k == "reconciled" for line in d["lines"] if line.startswith("re-protected")
    ]
    assert len(reprotected) == 1  # at the second run's start
    assert "ETHUSDT" in reprotected[0]
    journal = LiveJournal(tmp_path / "journal.sqlite")
    (plan,) = [p for p in journal.plans("open") if p.symbol == "ETHUSDT"]
    journal.close()
    assert out["lists"] == set(plan.list_cids)  # the OCO on the venue is the journal's


@pytest.fixture
def market(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """A replaying local exchange as the market data source of `aitrader trade --paper`."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    config = LocalExchangeConfig(symbols=SYMBOLS, start_ms=TARGET_START_MS)
    with run_local_exchange(config, samples_around(TARGET_START_MS)) as ex:
        monkeypatch.setenv("AITRADER_MARKET_DATA_URL", ex.rest_url)
        monkeypatch.setenv("AITRADER_MARKET_DATA_WS_URL", ex.ws_url)
        yield ex.rest_url


def test_trade_paper_with_a_universe_on_the_command_line(market: str) -> None:
    args = ["trade", "--paper", "--no-view", "--universe", "top:2:volume", "--symbols", ",".join(SYMBOLS),
            "--max-runtime", "3", "--journal", "journal.sqlite"]  # fmt: skip
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert (
        "on a universe (top 2 USDT symbols by 24h quote volume, refreshed every 1h, among " in result.output
    )
    assert (
        "universe: top 2 USDT symbols by 24h quote volume, refreshed every 1h: BTCUSDT (rank 1 by 24h quote volume), ETHUSDT (rank 2"
        in result.output
    )
    assert "members BTCUSDT, ETHUSDT" in result.output
    bad = CliRunner().invoke(app, ["trade", "--paper", "--no-view", "--universe", "top:0"])
    assert bad.exit_code == 1
    assert "--universe 'top:0'" in bad.output

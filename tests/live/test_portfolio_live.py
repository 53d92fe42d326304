"""Several symbols as one portfolio, live and on paper, against the local exchange replaying the
real BTCUSDT, ETHUSDT and SOLUSDT 1m samples: one combined market stream, one account, one gate;
each symbol's position protected on its own; a restart re-protects every symbol before any history
is loaded; the candles of one open time are decided as one round, a late symbol's candle is taken
but not decided on."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.domain import Candle, Side
from aitrader.domain.plan import Rejection, RejectionCode
from aitrader.domain.proposal import Enter, Target
from aitrader.engine.bus import EventBus
from aitrader.engine.events import VerdictGiven
from aitrader.live.candle_log import CandleLog
from aitrader.live.journal import LiveJournal
from aitrader.live.multi_stream import CandleRounds
from aitrader.live.runner import LiveRunner
from aitrader.live.state import LiveState
from aitrader.live.view import render
from aitrader.venues.local import DEFAULT_API_KEY
from aitrader.venues.local.instruments import build_instruments

from .helpers import TARGET_START_MS, telemetry_lines
from .portfolio_helpers import (
    ENTRY_ROUNDS,
    SYMBOLS,
    portfolio_config,
    portfolio_exchange,
    samples_around,
    step_rounds,
    until_started,
)

HELD = ("BTCUSDT", "ETHUSDT")  # what confluence enters from TARGET_START_MS


def test_paper_portfolio_trades_several_symbols_over_one_stream(tmp_path: Path) -> None:
    async def scenario() -> dict[str, Any]:
        async with portfolio_exchange() as ex:
            runner = LiveRunner(portfolio_config(ex, tmp_path, paper=True))
            task = asyncio.create_task(runner.run())
            await until_started(runner, task)
            connections = len(ex.streams.conns)
            await step_rounds(ex, runner, ENTRY_ROUNDS)
            rows = {s: (r.status, r.position) for s, r in runner.state.rows.items()}
            held = {s for s in SYMBOLS if runner.kernel.portfolio.get(s) is not None}
            limits = runner.state.limits
            runner.request_stop("test over")
            await task
            return {"connections": connections, "rows": rows, "held": held, "open": limits.open_positions}

    out = asyncio.run(scenario())
    assert out["connections"] == 1  # one combined stream for the three symbols
    assert out["held"] == set(HELD)
    for symbol in HELD:
        assert out["rows"][symbol][0] == "protected", out["rows"]
    assert out["rows"]["SOLUSDT"] == ("-", "flat")
    assert out["open"] == 2
    lines = telemetry_lines(tmp_path / "telemetry.jsonl")
    assert {line["symbol"] for line in lines} == set(SYMBOLS)
    entries = [line["symbol"] for line in lines if line["fills"]]
    assert set(entries) >= set(HELD)
    with sqlite3.connect(tmp_path / "journal.sqlite") as con:
        (symbol,) = con.execute("SELECT symbol FROM runs").fetchone()
        kinds = {
            json.loads(p)["symbol"] for (p,) in con.execute("SELECT payload FROM events WHERE kind='candle'")
        }
    assert symbol == "BTCUSDT,ETHUSDT,SOLUSDT"
    assert kinds == {"ETHUSDT", "SOLUSDT"}  # the first symbol's candles are the `candles` table's


def test_live_sizes_each_symbol_as_paper_does(tmp_path: Path) -> None:
    """Both symbols decide in one round: the second is judged with the first one's entry counted
    (paper fills it at once; live counts the entry the venue has not answered yet)."""

    async def held(paper: bool) -> dict[str, Decimal]:
        async with portfolio_exchange() as ex:
            runner = LiveRunner(portfolio_config(ex, tmp_path / ("paper" if paper else "live"), paper=paper))
            task = asyncio.create_task(runner.run())
            await until_started(runner, task)
            await step_rounds(ex, runner, ENTRY_ROUNDS)
            book = runner.kernel.book
            out = {s: p.qty for s in HELD if (p := book.get(s)) is not None}
            runner.request_stop("test over")
            await task
            return out

    paper, live = asyncio.run(held(True)), asyncio.run(held(False))
    assert set(paper) == set(HELD)
    assert live == paper


def test_a_live_restart_reprotects_every_symbol_before_loading_history(tmp_path: Path) -> None:
    async def scenario() -> dict[str, Any]:
        async with portfolio_exchange() as ex:
            first = LiveRunner(portfolio_config(ex, tmp_path))
            task = asyncio.create_task(first.run())
            await until_started(first, task)
            await step_rounds(ex, first, ENTRY_ROUNDS)
            protected_before = {s: first.state.rows[s].status for s in SYMBOLS}
            first.request_stop("test over")
            await task  # the OCOs stay on the exchange
            for symbol in HELD:  # the crash: every protective OCO gone while no bot runs
                ex.act({"action": "cancel_list", "bot": "all", "symbol": symbol})
            naked_after_cancel = {s: ex.protection.state(DEFAULT_API_KEY, s).naked for s in HELD}
            again = LiveRunner(portfolio_config(ex, tmp_path))
            at_history: dict[str, bool] = {}
            recent = again.public.recent

            async def watched(symbol: str, *args: Any) -> list[Candle]:
                if not at_history:  # the first history request: protection must be back already
                    at_history.update({s: ex.protection.state(DEFAULT_API_KEY, s).naked for s in HELD})
                return await recent(symbol, *args)

            again.public.recent = watched  # type: ignore[method-assign]
            task = asyncio.create_task(again.run())
            await until_started(again, task)
            await step_rounds(ex, again, 1)
            after = {s: again.state.rows[s].status for s in SYMBOLS}
            again.request_stop("test over")
            summary = await task
            lists = {s: ex.protection.open_lists(DEFAULT_API_KEY, s) for s in HELD}
            return {
                "before": protected_before, "naked": naked_after_cancel, "at_history": at_history,
                "after": after, "report": summary.reconcile, "lists": lists,
            }  # fmt: skip

    out = asyncio.run(scenario())
    assert all(out["before"][s] == "protected" for s in HELD), out["before"]
    assert out["naked"] == dict.fromkeys(HELD, True)
    assert out["at_history"] == dict.fromkeys(HELD, False)  # re-protected before any history was loaded
    assert all(out["after"][s] == "protected" for s in HELD), out["after"]
    report = out["report"]
    assert report is not None
    assert report.ok, report.lines()
    assert len(report.reprotected) == 2, report.lines()  # both were re-placed
    journal = LiveJournal(tmp_path / "journal.sqlite")
    open_plans = {p.symbol: p for p in journal.plans("open")}
    assert set(open_plans) == set(HELD)
    for symbol in HELD:
        on_venue = {x["listClientOrderId"] for x in out["lists"][symbol]}
        assert on_venue == set(open_plans[symbol].list_cids)
    journal.close()


def _candle(c: Any, i: int) -> Candle:
    d = Decimal
    return Candle(
        int(c.open_time[i]), d(repr(float(c.open[i]))), d(repr(float(c.high[i]))), d(repr(float(c.low[i]))),
        d(repr(float(c.close[i]))), d(repr(float(c.volume[i]))),
    )  # fmt: skip


def _index(c: Any, open_ms: int) -> int:
    return int(c.open_time.searchsorted(open_ms))


def test_a_round_waits_for_every_symbol_or_its_deadline() -> None:
    now = [0.0]
    rounds = CandleRounds(SYMBOLS, 60_000, clock=lambda: now[0])
    assert rounds.deadline_s == 10.0  # min(10 s, a sixth of the interval)
    data = samples_around(TARGET_START_MS)
    btc, eth, sol = (_candle(data[s], _index(data[s], TARGET_START_MS)) for s in SYMBOLS)
    assert rounds.add("ETHUSDT", eth) == []  # waits for the others
    now[0] = 3.0
    assert rounds.add("BTCUSDT", btc) == []
    assert 0 < (rounds.wait_s() or 0) <= 7.0
    now[0] = 10.5
    (late,) = rounds.due()  # SOLUSDT's candle did not come in time: the round goes without it
    assert list(late.candles) == ["BTCUSDT", "ETHUSDT"]  # in the run's symbol order
    assert late.missing == ("SOLUSDT",)
    (straggler,) = rounds.add("SOLUSDT", sol)
    assert straggler.straggler
    assert straggler.late_note("SOLUSDT")
    nxt = [_candle(data[s], _index(data[s], TARGET_START_MS) + 1) for s in SYMBOLS]
    assert rounds.add("SOLUSDT", nxt[2]) == []
    assert rounds.add("BTCUSDT", nxt[0]) == []
    (full,) = rounds.add("ETHUSDT", nxt[1])
    assert list(full.candles) == list(SYMBOLS)
    assert full.missing == ()
    assert rounds.wait_s() is None


def test_a_late_symbol_is_taken_into_its_lane_but_not_decided_on(tmp_path: Path) -> None:
    data = samples_around(TARGET_START_MS)
    at = {s: _index(data[s], TARGET_START_MS) for s in SYMBOLS}
    prices = {s: float(data[s].close[at[s]]) for s in SYMBOLS}
    instruments = {s: inst for s, (_, inst) in build_instruments(prices).items()}

    async def scenario() -> tuple[LiveRunner, list[str], list[str]]:
        from aitrader.domain import Timeframe
        from aitrader.live.config import RunConfig

        cfg = RunConfig(
            symbols=SYMBOLS, interval=Timeframe.M1, paper=True, venue_name="offline replay",
            journal_path=tmp_path / "journal.sqlite", telemetry_path=tmp_path / "telemetry.jsonl", window=2400,
        )  # fmt: skip
        runner = LiveRunner(cfg)

        async def fetch(symbol: str, n: int) -> list[Candle]:
            c, i = data[symbol], at[symbol]
            return [_candle(c, k) for k in range(i - n + 1, i + 1)]  # the newest counts as forming

        await runner.prepare_symbols(None, fetch, instruments)
        now = [0.0]
        rounds = CandleRounds(SYMBOLS, 60_000, clock=lambda: now[0])
        asked_before = runner.state.decisions
        rounds.add("BTCUSDT", _candle(data["BTCUSDT"], at["BTCUSDT"]))
        rounds.add("ETHUSDT", _candle(data["ETHUSDT"], at["ETHUSDT"]))
        now[0] = 11.0
        for rnd in rounds.due():
            await runner.on_round(rnd)
        decided = runner.state.decisions - asked_before
        for rnd in rounds.add("SOLUSDT", _candle(data["SOLUSDT"], at["SOLUSDT"])):
            await runner.on_round(rnd)
        after = runner.state.decisions - asked_before
        last = {s: int(runner.kernel.lane(s).candles.open_time[-1]) for s in SYMBOLS}
        await runner.close()
        return runner, [str(decided), str(after)], [str(last[s]) for s in SYMBOLS]

    runner, counts, lasts = asyncio.run(scenario())
    assert counts == ["2", "2"]  # BTCUSDT and ETHUSDT decided; SOLUSDT's late candle was not
    assert len(set(lasts)) == 1  # ...but every lane took its candle of that open time
    lines = telemetry_lines(tmp_path / "telemetry.jsonl")
    sol = [line for line in lines if line["symbol"] == "SOLUSDT"]
    assert len(sol) == 1
    assert "came after the other symbols" in sol[0]["notes"][0]
    journal = LiveJournal(tmp_path / "journal.sqlite")
    kinds = {k: d for _, k, d in journal.events()}
    assert kinds["decision_skipped"]["symbol"] == "SOLUSDT"
    assert kinds["round_incomplete"]["missing"] == ["SOLUSDT"]
    journal.close()
    assert any("decided without SOLUSDT" in e for e in runner.state.events)


def test_the_view_shows_each_symbol_the_portfolio_limits_and_the_latest_rejections() -> None:
    from rich.console import Console

    st = LiveState("BTCUSDT", "1m", "live", "local exchange", connection="connected", symbols=SYMBOLS)
    bus = EventBus(history=0)
    CandleLog(bus, st, 60_000)
    enter = Enter(
        "ETHUSDT", Side.BUY, 1818.73, 1810.25, (Target(1835.67),), 0.7, "breakout", 1_679_250_900_000
    )
    why = (
        "correlated exposure with BTCUSDT at 0.91 > limit 0.80: correlated longs hold 45% of equity (max 60%)"
    )
    rejection = Rejection(RejectionCode.CORRELATED_EXPOSURE, why, "ETHUSDT", 1_679_250_960_000)
    bus.publish(VerdictGiven(7, 1_679_250_960_000, enter, rejection))
    d = Decimal
    st.equity, st.start_equity = d("10016.30"), d(10000)
    btc, eth = st.rows["BTCUSDT"], st.rows["ETHUSDT"]
    btc.price, btc.position, btc.status = d("28163.22"), "BUY 0.178 @ 28044.05", "protected"
    btc.unrealised = d("21.21")
    eth.price, eth.position, eth.status = d("1820.71"), "BUY 0.55 @ 1818.73", "NAKED"
    st.limits.open_positions, st.limits.max_open_positions = 2, 5
    st.limits.exposure, st.limits.max_total_exposure = d("6015.55"), 1.0
    console = Console(record=True, width=180)
    console.print(render(st))
    text = console.export_text()
    for needle in ("BTCUSDT,ETHUSDT,SOLUSDT 1m", "open positions 2/5", "60.1% of equity (max 100%)", "protected",
                   "NAKED", "28163.22", "ETHUSDT correlated_exposure: correlated exposure with BTCUSDT at 0.91 > limit 0.80"):  # fmt: skip
        assert needle in text, needle

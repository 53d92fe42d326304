"""`aitrader replay` of a portfolio session: a paper (and a live) run over BTCUSDT, ETHUSDT and
SOLUSDT against the local exchange replaying the real 1m samples, then replayed through the
backtest kernel (one lane and `SimBroker` per symbol, the recorded rounds pushed in order): every
symbol's decisions and fills are the same. Late candles — a symbol's candle after its round went,
one too old to decide on beside fresh ones — are pushed apart and not decided on, in the replay as
in the session."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.backtest.replay import PushRound, Session, load_session, replay_session
from aitrader.backtest.replay_diff import ReplayDiff, compare
from aitrader.cli.app import app
from aitrader.domain import Candle, Timeframe
from aitrader.execution.journal_reader import JournalReader
from aitrader.live.config import RunConfig
from aitrader.live.multi_stream import Round
from aitrader.live.runner import LiveRunner
from aitrader.venues.local.instruments import build_instruments
from mechanics_costs import RISK_COSTS_OFF, STRATEGY_COSTS_OFF

from .helpers import TARGET_START_MS, WINDOW
from .portfolio_helpers import (
    SYMBOLS,
    portfolio_config,
    portfolio_exchange,
    samples_around,
    step_rounds,
    until_started,
)

ROUNDS = 50  # BTCUSDT and ETHUSDT enter 6 candles in, a first target of each fills by then
LATE_ETH, STALE_SOL, LATE_BTC_SOL = 6, 20, 40  # candles (from TARGET_START_MS) that come late
MINUTE = 60_000


def _replayed(journal: Path) -> tuple[Session, ReplayDiff]:
    session = load_session(JournalReader(journal))
    return session, compare(session, replay_session(session))


async def _local_session(tmp: Path, paper: bool) -> None:
    async with portfolio_exchange() as ex:
        runner = LiveRunner(portfolio_config(ex, tmp, paper=paper))
        task = asyncio.create_task(runner.run())
        await until_started(runner, task)
        await step_rounds(ex, runner, ROUNDS)
        runner.request_stop("test over")
        await task


@pytest.fixture(scope="module")
def paper_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("replay_portfolio_paper")
    asyncio.run(_local_session(tmp, paper=True))
    return tmp / "journal.sqlite"


def test_a_paper_portfolio_session_replays_with_the_same_decisions_and_fills(paper_journal: Path) -> None:
    session, diff = _replayed(paper_journal)
    assert session.symbols == SYMBOLS
    assert session.run["symbol"] == ",".join(SYMBOLS)
    counts = session.candle_counts()
    assert {s: c[2] for s, c in counts.items()} == dict.fromkeys(SYMBOLS, WINDOW)  # every symbol's warm-up
    # the candle that closed as the stream started (backfilled: a newer one had closed), then the rounds
    assert {s: c[0] for s, c in counts.items()} == dict.fromkeys(SYMBOLS, ROUNDS + 1)
    assert [r.decide for r in session.rounds] == [False] + [True] * ROUNDS  # one push_round per open time
    assert all(list(r.candles) == list(SYMBOLS) for r in session.rounds)
    assert diff.differences == []
    for symbol in ("BTCUSDT", "ETHUSDT"):
        tally = diff.by_symbol[symbol]
        assert tally.decisions >= 1
        assert tally.fills >= 2  # the entry and a first target
        assert (tally.decisions_same, tally.fills_same) == (tally.decisions, tally.fills)
    assert list(diff.by_symbol) == list(SYMBOLS)


def test_the_cli_prints_the_per_symbol_table_and_exits_0(paper_journal: Path) -> None:
    out = CliRunner().invoke(app, ["replay", "--journal", str(paper_journal)], terminal_width=200)
    assert out.exit_code == 0, out.output
    assert "per symbol" in out.output
    assert "no difference" in out.output
    rows = {line.split()[1]: line for line in out.output.splitlines() if line.strip()[:1] == "│"}
    assert set(SYMBOLS) | {"all"} <= set(rows)
    listing = CliRunner().invoke(app, ["replay", "--journal", str(paper_journal), "--list"])
    assert listing.exit_code == 0
    assert f"{','.join(SYMBOLS)} (3 symbols)" in listing.output


def test_a_difference_explains_what_follows_on_any_symbol_but_not_what_was_decided_before(
    paper_journal: Path, tmp_path: Path
) -> None:
    """One account: ETHUSDT's entry filled at another price explains BTCUSDT's later fills, but not
    BTCUSDT's entry verdict on the same candle (BTCUSDT decides first in the round)."""
    path = tmp_path / "j.sqlite"
    path.write_bytes(paper_journal.read_bytes())
    fills = {(f.symbol, f.role): f for f in reversed(load_session(JournalReader(path)).fills)}
    eth_entry, btc_entry = fills[("ETHUSDT", "entry")], fills[("BTCUSDT", "entry")]
    assert eth_entry.time_ms == btc_entry.time_ms  # one round entered both
    with sqlite3.connect(path) as con:
        con.execute("UPDATE fills SET price = price + 5 WHERE symbol = 'ETHUSDT' AND role = 'entry'")
        con.execute("UPDATE fills SET quantity = quantity / 2 WHERE symbol = 'BTCUSDT' AND role = 'target'")
        con.execute(
            "UPDATE verdicts SET approved = 0, code = 'insufficient_balance' WHERE proposal_id IN "
            "(SELECT id FROM proposals WHERE symbol = 'BTCUSDT' AND kind = 'enter')"
        )
    _, diff = _replayed(path)
    why = {(d.symbol, d.what): d for d in diff.differences}
    assert "the price moved" in why[("ETHUSDT", "fill")].reason
    assert why[("BTCUSDT", "fill")].reason.startswith("follows from the ETHUSDT difference")
    assert why[("BTCUSDT", "fill")].explained
    assert diff.unexplained == [why[("BTCUSDT", "decision")]]
    assert diff.by_symbol["BTCUSDT"].decisions_same == diff.by_symbol["BTCUSDT"].decisions - 1
    out = CliRunner().invoke(app, ["replay", "--journal", str(path)], terminal_width=200)
    assert out.exit_code == 1
    assert "1 unexplained" in out.output


def test_a_live_portfolio_session_replays_with_no_unexplained_difference(tmp_path: Path) -> None:
    """What `aitrader demo` then `aitrader replay` does: a live run on the local exchange."""
    asyncio.run(_local_session(tmp_path, paper=False))
    session, diff = _replayed(tmp_path / "journal.sqlite")
    assert session.run["mode"] == "live"
    assert diff.unexplained == []
    assert diff.fills >= 4
    assert {s: t.fills for s, t in diff.by_symbol.items() if t.fills} == {
        s: len([f for f in session.fills if f.symbol == s]) for s in ("BTCUSDT", "ETHUSDT")
    }


# ---- late candles: the production loop fed rounds by hand ------------------------------------------


def _candle(symbol: str, k: int) -> Candle:
    c = samples_around(TARGET_START_MS)[symbol]
    i = int(c.open_time.searchsorted(TARGET_START_MS)) + k
    return Candle.from_floats(
        int(c.open_time[i]),
        float(c.open[i]),
        float(c.high[i]),
        float(c.low[i]),
        float(c.close[i]),
        float(c.volume[i]),
    )


async def _session_with_late_candles(journal: Path, n: int) -> None:
    """`n` rounds; ETHUSDT's candle LATE_ETH comes after its round went (the round that entered
    BTCUSDT and ETHUSDT otherwise), SOLUSDT's STALE_SOL was received over an interval ago, and
    BTCUSDT's and SOLUSDT's LATE_BTC_SOL come one by one after theirs went."""
    prices = {s: float(_candle(s, 0).close) for s in SYMBOLS}
    insts = {s: inst for s, (_, inst) in build_instruments(prices).items()}
    # a mechanics test on 1m, as on a local exchange's replay: the cost rules off (`mechanics_costs`),
    # else they would leave ETHUSDT without a decision; decision quality is not under test
    cfg = RunConfig(
        symbols=SYMBOLS, interval=Timeframe.M1, paper=True, venue_name="offline replay", journal_path=journal,
        telemetry_path=None, window=WINDOW, strategy_params=dict(STRATEGY_COSTS_OFF),
        risk_limits=dict(RISK_COSTS_OFF),
    )  # fmt: skip
    runner = LiveRunner(cfg)

    async def fetch(symbol: str, count: int) -> list[Candle]:
        return [_candle(symbol, k) for k in range(-count + 1, 1)]  # the newest counts as forming

    await runner.prepare_symbols(None, fetch, insts)
    for k in range(n):
        late = {LATE_ETH: ("ETHUSDT",), LATE_BTC_SOL: ("BTCUSDT", "SOLUSDT")}.get(k, ())
        old = time.perf_counter_ns() - 2 * MINUTE * 1_000_000  # received two intervals ago
        candles = {
            s: (_candle(s, k), old if (k, s) == (STALE_SOL, "SOLUSDT") else 0)
            for s in SYMBOLS
            if s not in late
        }
        await runner.on_round(Round(_candle(SYMBOLS[0], k).open_time, candles, missing=late))
        for s in late:
            await runner.on_round(Round(_candle(s, k).open_time, {s: (_candle(s, k), 0)}, straggler=True))
    await runner.close()


def test_late_candles_are_pushed_apart_and_replay_the_same(tmp_path: Path) -> None:
    asyncio.run(_session_with_late_candles(tmp_path / "journal.sqlite", 60))
    session, diff = _replayed(tmp_path / "journal.sqlite")
    pushed = {
        (r.open_time - TARGET_START_MS) // MINUTE: [
            (list(x.candles), x.decide) for x in session.rounds if x.open_time == r.open_time
        ]
        for r in session.rounds
    }
    assert pushed[LATE_ETH] == [(["BTCUSDT", "SOLUSDT"], True), (["ETHUSDT"], False)]
    assert pushed[STALE_SOL] == [(["SOLUSDT"], False), (["BTCUSDT", "ETHUSDT"], True)]
    # two stragglers of one open time: pushed one by one live, together here; nothing decides between
    assert pushed[LATE_BTC_SOL] == [(["ETHUSDT"], True), (["BTCUSDT", "SOLUSDT"], False)]
    assert diff.differences == []
    assert diff.by_symbol["BTCUSDT"].decisions >= 1
    assert diff.by_symbol["ETHUSDT"].decisions >= 1
    assert (
        min(d.time_ms for d in session.decisions if d.symbol == "ETHUSDT")
        > _candle("ETHUSDT", LATE_ETH + 1).open_time
    )
    # pushed by open time and decided, ETHUSDT would enter on its late candle: the rounds matter
    by_time: dict[int, PushRound] = {}
    for r in session.rounds:
        by_time.setdefault(r.open_time, PushRound(r.open_time, {}, True, ())).candles.update(r.candles)
    naive = compare(session, replay_session(dataclasses.replace(session, rounds=list(by_time.values()))))
    assert naive.by_symbol["ETHUSDT"].decisions_same < naive.by_symbol["ETHUSDT"].decisions
    assert any(d.symbol == "ETHUSDT" and not d.explained for d in naive.differences)

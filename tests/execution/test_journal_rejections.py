"""Every refusal of a portfolio backtest is journaled with its symbol, code and sentence, and the
reader finds them by symbol and code (real data: tests/portfolio_rejections.py)."""

from __future__ import annotations

import pytest

from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.execution.journal_reader import JournalReader
from portfolio_rejections import RUN_ID, SYMBOLS, journaled_run


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[PortfolioResult, JournalReader]:
    path = tmp_path_factory.mktemp("journal") / "runs.sqlite"
    result = journaled_run(path)
    return result, JournalReader(path)


def test_every_rejection_is_journaled_with_symbol_code_and_sentence(
    run: tuple[PortfolioResult, JournalReader],
) -> None:
    result, reader = run
    rows = reader.rejections(RUN_ID, limit=100_000)
    counted: dict[str, dict[str, int]] = {}
    for r in rows:
        assert r["symbol"] in SYMBOLS
        assert r["approved"] is False
        assert r["code"]
        assert r["message"]
        by_code = counted.setdefault(r["symbol"], {})
        by_code[r["code"]] = by_code.get(r["code"], 0) + 1
    assert counted == result.rejections  # the run's own tally, symbol by symbol and code by code
    assert sum(sum(c.values()) for c in counted.values()) == result.account.params["rejected"]
    assert all(result.rejections[s].get("correlated_exposure", 0) > 0 for s in SYMBOLS)


def test_orders_of_every_symbol_are_journaled_once_each(run: tuple[PortfolioResult, JournalReader]) -> None:
    """Each symbol's simulator numbers its orders from S1: the journal keeps them all apart."""
    result, reader = run
    orders = reader.orders(RUN_ID, limit=100_000)
    assert {o["symbol"] for o in orders} == set(SYMBOLS)
    assert len({o["order_id"] for o in orders}) == len(orders)
    fills = reader.fills(RUN_ID, limit=100_000)
    by_id = {o["order_id"]: o for o in orders}
    assert all(by_id[f["order_id"]]["symbol"] == f["symbol"] for f in fills)  # fills join their order
    assert len(reader.trades(RUN_ID, limit=100_000)) == len(result.account.trades)


def test_latest_rejection_of_a_symbol_and_by_code(run: tuple[PortfolioResult, JournalReader]) -> None:
    _, reader = run
    eth = reader.latest_rejection("ETHUSDT")
    assert eth is not None
    assert eth["symbol"] == "ETHUSDT"
    newest = reader.rejections(RUN_ID, limit=1, symbol="ETHUSDT")[0]
    assert (eth["time_ms"], eth["code"], eth["message"]) == (
        newest["time_ms"],
        newest["code"],
        newest["message"],
    )
    everything = reader.rejections(RUN_ID, limit=100_000, symbol="ETHUSDT")
    assert eth["time_ms"] == max(r["time_ms"] for r in everything)
    correlated = reader.rejections(RUN_ID, limit=100_000, code="correlated_exposure")
    assert correlated
    for r in correlated:
        assert r["code"] == "correlated_exposure"
        other = next(s for s in SYMBOLS if f"correlated exposure with {s} at " in r["message"])
        assert other != r["symbol"]  # correlated with another symbol held
        assert "> limit 0.50" in r["message"]
    since = correlated[len(correlated) // 2]["time_ms"]
    later = reader.rejections(RUN_ID, limit=100_000, code="correlated_exposure", since_ms=since)
    assert later == [r for r in correlated if r["time_ms"] >= since]
    assert reader.latest_rejection("BNBUSDT") is None


def test_rejection_summary_counts_by_symbol_and_code(run: tuple[PortfolioResult, JournalReader]) -> None:
    result, reader = run
    summary = reader.rejection_summary(RUN_ID)
    assert {(r["symbol"], r["code"]): r["count"] for r in summary} == {
        (s, c): n for s, codes in result.rejections.items() for c, n in codes.items()
    }
    counts = [r["count"] for r in summary]
    assert counts == sorted(counts, reverse=True)
    for r in summary:
        newest = reader.rejections(RUN_ID, limit=1, symbol=r["symbol"], code=r["code"])[0]
        assert r["message"] == newest["message"]
        assert r["last_ms"] == newest["time_ms"] >= r["first_ms"]
    cut = max(r["last_ms"] for r in summary)
    assert sum(r["count"] for r in reader.rejection_summary(RUN_ID, since_ms=cut)) >= 1
    assert reader.rejection_summary("no-such-run") == []

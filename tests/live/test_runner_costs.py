"""The live runner builds its strategies with the run's own costs, which their `costs` entry
condition weighs: the account's taker fee (live: read from the venue; paper: the simulator's 0.1%),
the run's slippage and the default cost multiple of 3 — for the symbols it starts with and for a
symbol that joins its universe while it runs. Against the local exchange on 127.0.0.1."""

from __future__ import annotations

import asyncio
import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.live.config import RunConfig
from aitrader.live.kernel_build import PAPER_FEE
from aitrader.live.runner import LiveRunner
from aitrader.strategies.rule import RuleStrategy
from aitrader.universe import UniverseRule
from aitrader.venues.local import AccountConfig

from .helpers import TARGET_START_MS, exchange, run_config
from .portfolio_helpers import SYMBOLS, portfolio_config, portfolio_exchange, until_started

# neither the paper fee nor the local account's default: the live strategies must read the account's
ACCOUNT_TAKER_FEE = Decimal("0.00075")
SLIPPAGE_BPS = 12.0  # not the default 5: the strategies must take the run's


def _costs_kept(cfg: RunConfig) -> RunConfig:
    """`cfg` with the built-in strategies' cost check at its default, as `aitrader trade` runs them
    (`local_exchange_config` relaxes it for tests of mechanics: cost_multiple 0)."""
    return dataclasses.replace(cfg, strategy_params={}, baseline_params={})


def _costs(runner: LiveRunner, symbol: str) -> tuple[float, float, float]:
    strategy = runner.kernel.lane(symbol).strategy
    assert isinstance(strategy, RuleStrategy)  # no decision deadline: not wrapped
    c = strategy.costs
    return c.fee_rate, c.slippage, c.multiple


def test_a_paper_run_builds_its_strategy_with_the_paper_fee_and_the_runs_slippage(tmp_path: Path) -> None:
    async def scenario() -> tuple[float, float, float]:
        async with exchange(TARGET_START_MS) as ex:
            cfg = run_config(ex, tmp_path, paper=True, strategy="confluence", slippage_bps=SLIPPAGE_BPS)
            runner = LiveRunner(_costs_kept(cfg))
            task = asyncio.create_task(runner.run())
            await until_started(runner, task)
            costs = _costs(runner, "BTCUSDT")
            runner.request_stop("test over")
            await task
            return costs

    assert asyncio.run(scenario()) == (PAPER_FEE, SLIPPAGE_BPS / 10_000, 3.0)


def test_a_live_run_builds_every_strategy_with_the_accounts_taker_fee_a_joining_symbols_too(
    tmp_path: Path,
) -> None:
    """A universe run (top 2 by volume, ETHUSDT halted at start): BTCUSDT and SOLUSDT start; ETHUSDT
    joins at the watcher's refresh once it trades again, its strategy built by `universe_lanes`."""

    async def scenario() -> dict[str, Any]:
        account = AccountConfig(taker_commission=ACCOUNT_TAKER_FEE)
        async with portfolio_exchange(accounts=[account]) as ex:
            ex.eng.entries["ETHUSDT"].update(status="BREAK")
            rule = UniverseRule.parse("top:2:volume", refresh="1h")
            cfg = portfolio_config(
                ex,
                tmp_path,
                paper=False,
                universe=rule,
                universe_candidates=SYMBOLS,
                slippage_bps=SLIPPAGE_BPS,
            )
            runner = LiveRunner(_costs_kept(cfg))
            task = asyncio.create_task(runner.run())
            await until_started(runner, task)
            assert runner.universe is not None
            out: dict[str, Any] = {"start": {s: _costs(runner, s) for s in runner.kernel.lanes}}
            ex.eng.entries["ETHUSDT"].update(status="TRADING")
            await runner.universe.watcher.refresh()
            out["joined"] = _costs(runner, "ETHUSDT") if "ETHUSDT" in runner.kernel.lanes else None
            runner.request_stop("test over")
            await task
            return out

    out = asyncio.run(scenario())
    expected = (float(ACCOUNT_TAKER_FEE), SLIPPAGE_BPS / 10_000, 3.0)
    assert out["start"] == {"BTCUSDT": expected, "SOLUSDT": expected}
    assert out["joined"] == expected

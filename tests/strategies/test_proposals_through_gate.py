"""Real strategy proposals go through the real RiskGate with the real BTCUSDT filters."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from aitrader.domain import Candles, Instrument, Side, Timeframe
from aitrader.domain.plan import OrderPlan, RejectionCode
from aitrader.risk import AccountState, RiskGate
from aitrader.strategies import REGISTRY, get_strategy
from aitrader.strategies.replay import replay

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "binance" / "exchangeinfo_btcusdt.json"


@pytest.mark.parametrize("name", list(REGISTRY))
def test_long_entries_are_sized_within_one_percent(name: str, btc_1h: Candles) -> None:
    """On 1h bars: on the 1m sample the strategies' cost condition (0.1% fee, 5 bps slippage) leaves
    range a single plan, too few to size."""
    inst = Instrument.from_exchange_info(json.loads(FIXTURE.read_text()))
    log = replay(get_strategy(name, timeframe=Timeframe.H1), btc_1h, every_bar=False)
    verdicts: Counter[str] = Counter()
    for _, p in log.entries:
        gate = RiskGate()
        acct = AccountState.flat(10_000, now_ms=p.time_ms)
        result = gate.review(p, acct, inst, p.price)
        if isinstance(result, OrderPlan):
            verdicts["plan"] += 1
            assert result.risk_quote <= Decimal(100)
            assert result.stop_price is not None
            assert result.stop_price < result.entry_price
        else:
            verdicts[result.code.value] += 1
            if p.side is Side.SELL:
                assert result.code is RejectionCode.SHORT_NOT_ALLOWED
    assert verdicts["plan"] > 0, verdicts

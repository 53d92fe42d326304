"""Risk-test helpers: the real BTCUSDT instrument, proposal and account builders."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from msgspec.structs import replace

from aitrader.domain import Instrument, Side
from aitrader.domain.proposal import Enter, Target
from aitrader.risk import AccountState

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "binance" / "exchangeinfo_btcusdt.json"


def btc() -> Instrument:
    return Instrument.from_exchange_info(json.loads(FIXTURE.read_text()))


def long_at(
    price: float = 25_000.0, stop: float = 24_800.0, rr: tuple[float, ...] = (2.0, 3.0), t: int = 60_000
) -> Enter:
    risk = price - stop
    fr = [1.0 / len(rr)] * len(rr)
    fr[-1] = 1.0 - sum(fr[:-1])
    return Enter(
        "BTCUSDT",
        Side.BUY,
        price,
        stop,
        tuple(Target(price + m * risk, f) for m, f in zip(rr, fr, strict=True)),
        0.7,
        "test long",
        t,
        "test",
    )


def account(equity: float | str = 10_000, **kw: object) -> AccountState:
    base = AccountState.flat(Decimal(str(equity)), now_ms=120_000)
    if not kw:
        return base
    return replace(base, **kw)

"""`instrument_for(symbol, price)`: trading rules for a symbol we only have candles of.

A Binance-style pair (BTCUSDT, ETHBTC, ... ending in a known quote asset) gets the rules of the
local venue's exchangeInfo entry (real for BTCUSDT, derived for others). Anything else (an index
such as NIFTY50, a stock, a CSV of your own) gets a generic instrument, and the assumptions are
returned as text so a command can print them:

    base = the symbol, quote = "QUOTE" (unknown), tick 0.01, quantity step 0.0001, no min or max
    notional, shorting allowed (it is not spot crypto; futures/CFD-style).
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Instrument

GENERIC_TICK = Decimal("0.01")
GENERIC_STEP = Decimal("0.0001")
GENERIC_QUOTE = "QUOTE"


def generic_instrument(symbol: str) -> Instrument:
    """Rules for a symbol that is not a Binance pair (see the module docstring)."""
    return Instrument(
        symbol=symbol.upper(),
        base_asset=symbol.upper(),
        quote_asset=GENERIC_QUOTE,
        exchange="generic",
        market_type="generic",
        allows_short=True,
        min_price=GENERIC_TICK,
        tick_size=GENERIC_TICK,
        min_qty=GENERIC_STEP,
        step_size=GENERIC_STEP,
        market_min_qty=GENERIC_STEP,
        market_step_size=GENERIC_STEP,
    )


def assumed_rules_text(inst: Instrument) -> str:
    return (
        f"instrument rules assumed for {inst.symbol} (not a Binance pair): base {inst.base_asset}, "
        f"quote currency unknown (shown as {inst.quote_asset}), tick {inst.tick_size}, quantity step "
        f"{inst.step_size}, no min notional, shorting allowed"
    )


def instrument_for(symbol: str, reference_price: float) -> tuple[Instrument, str | None]:
    """(instrument, None) for a Binance-style pair; (generic instrument, assumptions) otherwise."""
    from aitrader.venues.local.instruments import split_symbol, symbol_entry

    sym = symbol.upper()
    try:
        split_symbol(sym)
    except ValueError:
        inst = generic_instrument(sym)
        return inst, assumed_rules_text(inst)
    return Instrument.from_exchange_info(symbol_entry(sym, reference_price)), None

"""Which exchange calendar an instrument trades on, and its sessions as epoch-ms arrays.

Crypto trades around the clock: no calendar, every missing candle is a gap. An index or stock
trades in sessions; a weekend, a holiday or the night is not a gap. `calendar_for` decides, first
match wins, and says why (commands print it, so a wrong guess is seen and overridden):

1. an explicit choice (`--calendar XNSE`, or `none` for round the clock);
2. `AITRADER_CALENDARS`, e.g. `RELIANCE=XNSE,VOD=XLON` (symbol=calendar pairs);
3. NSE India: NIFTY…, BANKNIFTY, FINNIFTY, ^NSEI, ^NSEBANK, INDIAVIX and `*.NS` → XNSE;
   BSE: SENSEX, ^BSESN and `*.BO` → XBOM; other Yahoo-style suffixes (`.L` XLON, `.T` XTKS, `.HK`
   XHKG, `.TO` XTSE, `.AX` XASX, `.DE` XETR, `.PA` XPAR); US indices (^GSPC, SPX, NDX, …) → XNYS;
4. a crypto pair (ends in USDT, USDC, BTC, ETH, …) or coin, or a crypto venue's symbol → none;
5. a US-style ticker (1-5 letters, optionally `.B`/`-B`: SPY, AAPL, BRK.B) → XNYS;
6. anything else → none ("no calendar known": every missing candle counts; pass --calendar).

Calendars are those of pandas-market-calendars (imported only when one is used): XNSE, XNYS,
XLON, … (`calendar_names()`).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
ROUND_THE_CLOCK = ("none", "24/7", "24x7", "crypto")
_CRYPTO_QUOTES = ("USDT", "USDC", "FDUSD", "BUSD", "TUSD", "DAI", "BTC", "ETH", "BNB", "PERP")
_COINS = {"BTC", "ETH", "SOL", "XRP", "BNB", "ADA", "DOGE", "LTC", "DOT", "AVAX", "LINK", "TRX", "XBT"}
CRYPTO_VENUES = {
    "binance", "binance-futures", "binanceus", "local", "coinbase", "kraken", "bybit", "okx", "kucoin",
    "bitfinex", "bitstamp", "gate", "gateio", "huobi", "htx", "mexc", "bitget", "ftx", "bitmex", "deribit",
}  # fmt: skip
_SUFFIXES = {
    ".NS": "XNSE", ".BO": "XBOM", ".L": "XLON", ".T": "XTKS", ".HK": "XHKG", ".TO": "XTSE",
    ".AX": "XASX", ".DE": "XETR", ".PA": "XPAR",
}  # fmt: skip
_NSE_NAMES = {"NSEI", "NSEBANK", "INDIAVIX", "CNXIT", "CNX100"}
_BSE_NAMES = {"SENSEX", "BSESN", "BSE500"}
_US_INDICES = {"GSPC", "SPX", "DJI", "IXIC", "NDX", "RUT", "VIX", "DJIA", "NYA"}
_US_TICKER = re.compile(r"^[A-Z]{1,5}(?:[.-][A-Z])?$")


@dataclass(frozen=True)
class CalendarChoice:
    """The calendar of an instrument (None: round the clock) and why it was chosen."""

    name: str | None
    why: str

    def describe(self) -> str:
        if self.name is None:
            return f"no exchange calendar ({self.why}): every missing candle counts as a gap"
        return f"{self.name} calendar ({self.why}): closed days and hours are not gaps"


class CalendarError(ValueError):
    """An unknown calendar name; the message lists a few valid ones."""


def calendar_names() -> list[str]:
    import pandas_market_calendars as pmc

    return sorted(pmc.get_calendar_names())


def check_calendar(name: str) -> str:
    """`name` if pandas-market-calendars knows it, else a one-line `CalendarError`."""
    names = calendar_names()
    if name in names:
        return name
    upper = {n.upper(): n for n in names}
    if name.upper() in upper:
        return upper[name.upper()]
    raise CalendarError(
        f"unknown calendar {name!r}: use an exchange code such as XNSE, XBOM, XNYS, XLON, XTKS, XHKG "
        "(pandas-market-calendars names), or none for round-the-clock markets"
    )


def _from_env(symbol: str) -> str | None:
    for pair in (os.environ.get("AITRADER_CALENDARS") or "").split(","):
        sym, sep, cal = pair.partition("=")
        if sep and sym.strip().upper() == symbol:
            return cal.strip()
    return None


def calendar_for(symbol: str, venue: str | None = None, explicit: str | None = None) -> CalendarChoice:
    """The calendar `symbol` trades on (see the module docstring for the rules, in order)."""
    sym = symbol.strip().upper()
    if explicit is not None:
        if explicit.strip().lower() in ROUND_THE_CLOCK:
            return CalendarChoice(None, f"--calendar {explicit}")
        return CalendarChoice(check_calendar(explicit.strip()), "--calendar")
    if not sym:
        return CalendarChoice(None, "no symbol to look up")
    env = _from_env(sym)
    if env is not None:
        if env.lower() in ROUND_THE_CLOCK:
            return CalendarChoice(None, "AITRADER_CALENDARS")
        return CalendarChoice(check_calendar(env), "AITRADER_CALENDARS")
    for suffix, cal in _SUFFIXES.items():
        if sym.endswith(suffix) and len(sym) > len(suffix):
            return CalendarChoice(cal, f"{suffix} is a {cal} listing")
    bare = sym.lstrip("^").replace(" ", "").replace("_", "")
    if bare.startswith("NIFTY") or bare.endswith("NIFTY") or bare in _NSE_NAMES:
        return CalendarChoice("XNSE", f"{sym} is an NSE India index")
    if bare in _BSE_NAMES:
        return CalendarChoice("XBOM", f"{sym} is a BSE India index")
    if bare in _US_INDICES:
        return CalendarChoice("XNYS", f"{sym} is a US index")
    is_pair = any(bare.endswith(q) and len(bare) > len(q) for q in _CRYPTO_QUOTES)
    if is_pair or bare in _COINS or "-PERP" in sym:
        return CalendarChoice(None, f"{sym} is a crypto pair, traded 24/7")
    if _US_TICKER.match(sym):
        return CalendarChoice("XNYS", f"{sym} looks like a US ticker")
    if venue is not None and venue.lower() in CRYPTO_VENUES:
        return CalendarChoice(None, f"{venue.lower()} is a crypto venue, open 24/7")
    return CalendarChoice(None, f"no calendar known for {sym}; pass --calendar NAME if it has one")


@functools.lru_cache(maxsize=32)
def sessions(name: str, first_day: str, last_day: str) -> tuple[IntArray, IntArray, IntArray]:
    """(session dates at 00:00 UTC, opens, closes) in epoch ms of calendar `name`, `first_day` to
    `last_day` (YYYY-MM-DD, inclusive). A session's date is the day it is labelled with, which is
    how daily candles are stamped (00:00 UTC of the session date)."""
    import pandas_market_calendars as pmc

    schedule = pmc.get_calendar(name).schedule(start_date=first_day, end_date=last_day)

    def ms(values: object) -> IntArray:
        arr = np.asarray(values, dtype="datetime64[ms]")
        return np.asarray(arr.astype(np.int64), dtype=np.int64)

    labels = ms(schedule.index.to_numpy())
    opens = ms(schedule["market_open"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy())
    closes = ms(schedule["market_close"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy())
    return labels, opens, closes

"""Rank a venue's symbols by a `UniverseRule`: pure functions over exchangeInfo and 24 h tickers.

A symbol is eligible when it is TRADING, spot trading is allowed, its quote asset is the rule's,
it is not a leveraged token (permission LEVERAGED, or a base such as BTCUP, ETHDOWN, BNBBULL),
not a stablecoin (when the rule excludes them), matches no blacklist glob (symbol or base asset),
has a 24 h ticker, and trades at least `min_quote_volume`. Eligible symbols are ordered by

    volume       quoteVolume of the 24 h ticker (quote units traded over the rolling 24 h)
    volatility   (highPrice - lowPrice) / lastPrice of the 24 h ticker (the 24 h range as a
                 fraction of the last price)

largest first, ties broken by symbol name, and the first `top` make the universe. Every symbol
left out says why (`Selection.excluded`), for the table `aitrader universe` prints.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from aitrader.universe.rule import STABLECOINS, UniverseRule

_LEVERAGED_BASE = re.compile(r"[A-Z0-9]{3,}(UP|DOWN|BULL|BEAR)")


@dataclass(frozen=True, slots=True)
class Market:
    """What ranking reads of one exchangeInfo symbol entry."""

    symbol: str
    base: str
    quote: str
    status: str = "TRADING"
    spot: bool = True
    leveraged_permission: bool = False

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> Market:
        sets = entry.get("permissionSets") or []
        perms = {str(p) for p in entry.get("permissions") or []}
        perms |= {str(p) for group in sets if isinstance(group, list) for p in group}
        return cls(
            symbol=str(entry.get("symbol", "")),
            base=str(entry.get("baseAsset", "")),
            quote=str(entry.get("quoteAsset", "")),
            status=str(entry.get("status", "")),
            spot=bool(entry.get("isSpotTradingAllowed", True)),
            leveraged_permission="LEVERAGED" in perms,
        )

    @classmethod
    def from_symbol(cls, symbol: str, quote: str) -> Market:
        """A market known only by name (backtests): base = symbol less the quote asset suffix."""
        sym = symbol.upper()
        if sym.endswith(quote) and len(sym) > len(quote):
            return cls(sym, sym[: -len(quote)], quote)
        return cls(sym, sym, "?")

    @property
    def leveraged(self) -> bool:
        return self.leveraged_permission or bool(_LEVERAGED_BASE.fullmatch(self.base))


@dataclass(frozen=True, slots=True)
class Stats:
    """A symbol's rolling 24 h statistics (from /api/v3/ticker/24hr, or from candles in backtests)."""

    symbol: str
    quote_volume: float
    high: float
    low: float
    last: float

    @property
    def volatility(self) -> float | None:
        """(high - low) / last: the 24 h range as a fraction of the last price; None without a price."""
        if not self.last > 0 or not math.isfinite(self.high - self.low):
            return None
        return (self.high - self.low) / self.last

    @classmethod
    def from_ticker(cls, row: Mapping[str, Any]) -> Stats | None:
        try:
            values = [float(row[k]) for k in ("quoteVolume", "highPrice", "lowPrice", "lastPrice")]
        except (KeyError, TypeError, ValueError):
            return None
        if not all(math.isfinite(v) for v in values):
            return None
        return cls(str(row.get("symbol", "")), *values)


@dataclass(frozen=True, slots=True)
class Ranked:
    """One eligible symbol: its place in the ranking and the numbers it was ranked by."""

    rank: int
    symbol: str
    quote_volume: float | None
    volatility: float | None
    selected: bool


@dataclass(frozen=True)
class Selection:
    """The universe chosen by a rule: `symbols` (best first), every eligible symbol ranked, every
    symbol left out with the reason, and the 24 h stats it was ranked from."""

    rule: UniverseRule
    symbols: tuple[str, ...]
    ranked: tuple[Ranked, ...] = ()
    excluded: Mapping[str, str] = field(default_factory=dict)
    at_ms: int | None = None
    stats: Mapping[str, Stats] = field(default_factory=dict, repr=False)

    def changes(self, previous: Selection | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(added, removed) since `previous`: added in rank order, removed by name."""
        before = set(previous.symbols) if previous is not None else set()
        now = set(self.symbols)
        return tuple(s for s in self.symbols if s not in before), tuple(sorted(before - now))


def markets_from_exchange_info(info: Mapping[str, Any]) -> list[Market]:
    """Every symbol entry of an exchangeInfo answer, in the venue's order."""
    return [Market.from_entry(e) for e in info.get("symbols") or [] if isinstance(e, Mapping)]


def stats_from_tickers(rows: Iterable[Mapping[str, Any]]) -> dict[str, Stats]:
    """symbol -> 24 h stats from a /api/v3/ticker/24hr answer (rows without numbers are skipped)."""
    out: dict[str, Stats] = {}
    for row in rows:
        stats = Stats.from_ticker(row)
        if stats is not None and stats.symbol:
            out[stats.symbol] = stats
    return out


def name_exclusion(market: Market, rule: UniverseRule) -> str | None:
    """Why a market's name keeps it out of a ranked universe (quote, leveraged, stablecoin,
    blacklist), or None."""
    if market.quote != rule.quote:
        return f"quote asset {market.quote}, not {rule.quote}"
    if market.leveraged:
        return "leveraged token"
    if rule.exclude_stablecoins and market.base in STABLECOINS:
        return f"stablecoin ({market.base})"
    for pattern in rule.blacklist:
        if fnmatchcase(market.symbol, pattern) or fnmatchcase(market.base, pattern):
            return f"blacklisted ({pattern})"
    return None


def market_exclusion(market: Market, rule: UniverseRule) -> str | None:
    """Why the venue's listing keeps a market out (status, spot), then `name_exclusion`."""
    if market.status != "TRADING":
        return f"status {market.status or 'unknown'}, not TRADING"
    if not market.spot:
        return "spot trading not allowed"
    return name_exclusion(market, rule)


def stats_exclusion(stats: Stats | None, rule: UniverseRule) -> str | None:
    """Why a symbol's 24 h numbers keep it out (none, too little volume, no price), or None."""
    if stats is None:
        return "no 24h ticker"
    if stats.quote_volume < rule.min_quote_volume:
        return f"24h quote volume {stats.quote_volume:,.0f} < minimum {rule.min_quote_volume:,.0f}"
    if rule.mode == "volatility" and stats.volatility is None:
        return "no last price"
    return None


def rank_universe(
    markets: Sequence[Market], stats: Mapping[str, Stats], rule: UniverseRule, at_ms: int | None = None
) -> Selection:
    """The universe `rule` picks from `markets` with their 24 h `stats` (see the module docstring)."""
    if not rule.ranked:
        return _static(markets, stats, rule, at_ms)
    excluded: dict[str, str] = {}
    scored: list[tuple[float, str, Stats]] = []
    for market in markets:
        s = stats.get(market.symbol)
        why = market_exclusion(market, rule) or stats_exclusion(s, rule)
        if why is not None or s is None:
            excluded[market.symbol] = why or "no 24h ticker"
            continue
        score = s.quote_volume if rule.mode == "volume" else (s.volatility or 0.0)
        scored.append((score, market.symbol, s))
    scored.sort(key=lambda t: (-t[0], t[1]))
    ranked = tuple(
        Ranked(i + 1, sym, s.quote_volume, s.volatility, i < rule.top) for i, (_, sym, s) in enumerate(scored)
    )
    chosen = tuple(r.symbol for r in ranked if r.selected)
    return Selection(rule, chosen, ranked, excluded, at_ms, stats)


def _static(
    markets: Sequence[Market], stats: Mapping[str, Stats], rule: UniverseRule, at_ms: int | None
) -> Selection:
    """A static list as given, less the symbols the venue does not list or does not trade now."""
    listed = {m.symbol: m for m in markets}
    excluded: dict[str, str] = {}
    rows: list[Ranked] = []
    for symbol in rule.symbols:
        market = listed.get(symbol)
        why = "not listed by the venue" if market is None else None
        if market is not None and market.status != "TRADING":
            why = f"status {market.status or 'unknown'}, not TRADING"
        elif market is not None and not market.spot:
            why = "spot trading not allowed"
        if why is not None:
            excluded[symbol] = why
            continue
        s = stats.get(symbol)
        rows.append(
            Ranked(len(rows) + 1, symbol, s.quote_volume if s else None, s.volatility if s else None, True)
        )
    return Selection(rule, tuple(r.symbol for r in rows), tuple(rows), excluded, at_ms, stats)

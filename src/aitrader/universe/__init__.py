"""Symbol selection ("universe"): a static list or a top N ranked by 24 h quote volume or volatility.

    rule.py      UniverseRule: the spec (`top:5:volume`, `BTCUSDT,ETHUSDT`, aitrader.toml [universe])
    rank.py      pure ranking over exchangeInfo entries and 24 h tickers, with why each symbol is out
    fetch.py     select_universe / UniverseWatcher: the live ranking through PublicRest, refreshed
    history.py   the same ranking from candles for backtests (no look-ahead): a schedule and tradable()

fetch.py needs aiohttp; import it from `aitrader.universe.fetch` where it is used.
"""

from aitrader.universe.rank import Market, Ranked, Selection, Stats, rank_universe
from aitrader.universe.rule import UniverseRule, UniverseRuleError

__all__ = ["Market", "Ranked", "Selection", "Stats", "UniverseRule", "UniverseRuleError", "rank_universe"]

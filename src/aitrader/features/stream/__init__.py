"""Features one closed candle at a time, each value equal to the batch function over the whole history.

The batch functions (`aitrader.features.*`) compute a column over a whole series; live code used to
recompute them over a trailing window on every candle. The classes here carry the state instead
(TA-Lib's own streaming handles for its recursive indicators, running block sums, rank histories,
the forming higher-timeframe candle), start from history with `warm(...)` and advance one bar per
`push(...)`/`update(...)`. Each is checked against its batch function, bit for bit, on the real
samples (tests/features/test_streams.py).
"""

from aitrader.features.stream.bar import Bar
from aitrader.features.stream.higher import HigherTimeframe
from aitrader.features.stream.regime import RegimeStream
from aitrader.features.stream.rolling import BlockRollingSum, Lag, RelativeVolume, RollingRank
from aitrader.features.stream.talib_handle import TalibHandle

__all__ = [
    "Bar",
    "BlockRollingSum",
    "HigherTimeframe",
    "Lag",
    "RegimeStream",
    "RelativeVolume",
    "RollingRank",
    "TalibHandle",
]

"""Time splits of one series for training, validation and testing: contiguous bar ranges in time
order (test is the latest part), never overlapping, separated by a gap.

The gap keeps a split's observations from reaching back into the split before it: the market
columns at bar i read bars i-warmup+1 .. i (`ObsSpec.warmup`), so with `gap = warmup` the first
observation of validation reads only gap bars and its own first bar, none of training's. Each
environment also ends an episode on its range's last bar (an action there would fill after it),
so no fill of one split happens on another's bars.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from aitrader.domain import Candles
from aitrader.domain.timeframe import format_ms
from aitrader.rl.series import EnvSeries

SPLIT_NAMES = ("train", "validation", "test")
MIN_SPLIT_BARS = 2  # an episode needs a bar to act on and the next one to fill on


@dataclass(frozen=True)
class BarRange:
    """Bars [start, stop) of a series, by global index."""

    name: str
    start: int
    stop: int

    def __len__(self) -> int:
        return max(self.stop - self.start, 0)

    def __contains__(self, bar: object) -> bool:
        return isinstance(bar, int) and self.start <= bar < self.stop

    def describe(self, candles: Candles) -> str:
        """'train: bars 255..41033 (40779), 2017-08-28 06:00 .. 2022-06-28 17:00'."""
        first = format_ms(int(candles.open_time[self.start]))
        last = format_ms(int(candles.open_time[self.stop - 1]))
        return f"{self.name}: bars {self.start}..{self.stop - 1} ({len(self)}), {first} .. {last}"


@dataclass(frozen=True)
class Splits:
    train: BarRange
    validation: BarRange
    test: BarRange

    def __iter__(self) -> Iterator[BarRange]:  # unpacking: train, val, test = splits
        return iter((self.train, self.validation, self.test))

    def by_name(self, name: str) -> BarRange:
        for r in (self.train, self.validation, self.test):
            if r.name == name:
                return r
        raise KeyError(f"no split {name!r}; have {', '.join(SPLIT_NAMES)}")

    def describe(self, candles: Candles) -> list[str]:
        """One line per split with its bar indices and dates."""
        return [r.describe(candles) for r in (self.train, self.validation, self.test)]


def split_bars(
    n: int,
    first_valid: int = 0,
    fractions: Sequence[float] = (0.7, 0.15, 0.15),
    gap: int = 0,
) -> Splits:
    """Split bars [first_valid, n) into train, validation and test by `fractions` of the bars left
    once the two gaps of `gap` bars are taken out; test ends at the last bar."""
    if len(fractions) != 3 or any(f <= 0 for f in fractions):
        raise ValueError(f"give three positive fractions (train, validation, test), got {tuple(fractions)}")
    total = float(sum(fractions))
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"the split fractions must sum to 1, got {total:g}")
    if gap < 0 or first_valid < 0:
        raise ValueError("gap and first_valid must not be negative")
    usable = n - first_valid - 2 * gap
    n_train = round(usable * fractions[0])
    n_val = round(usable * fractions[1])
    n_test = usable - n_train - n_val
    if min(n_train, n_val, n_test) < MIN_SPLIT_BARS:
        raise ValueError(
            f"{n} bars (observations from bar {first_valid}, gaps of {gap}) are too few to split "
            f"{tuple(fractions)}: each split needs at least {MIN_SPLIT_BARS} bars"
        )
    train = BarRange("train", first_valid, first_valid + n_train)
    val = BarRange("validation", train.stop + gap, train.stop + gap + n_val)
    test = BarRange("test", val.stop + gap, n)
    return Splits(train, val, test)


def split_series(series: EnvSeries, fractions: Sequence[float] = (0.7, 0.15, 0.15)) -> Splits:
    """`split_bars` over a series, from its first complete observation, with gaps of its warmup."""
    return split_bars(len(series), series.first_valid, fractions, gap=series.spec.warmup)

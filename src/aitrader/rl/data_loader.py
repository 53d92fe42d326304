"""The PRD's `DataLoader`: training data from `data/final/` (FR1), backtesting data from `data/raw/`
(FR4). Validation logs and never crashes: a corrupt file is skipped with a warning, a bad row is
dropped with a warning (see `rl.ohlc_csv` for the file format and the row rules).

Layout (`rl.sample_data` writes a small real example of it under `data/rl/`):

    data/final/<INSTRUMENT>_<TF>.csv[.gz]   training: one file per instrument and timeframe, e.g.
                                            NIFTY50_1d.csv.gz, BTCUSDT_4h.csv.gz; the header holds
                                            datetime,open,high,low,close,volume and any further
                                            (processed) columns, all kept
    data/raw/<Symbol>[_suffix].csv[.gz]     backtesting, e.g. Nifty_2.csv: datetime,open,high,low,close
                                            (volume optional)

TF is a Binance interval name (1m, 15m, 1h, 4h, 1d, ...); `BTCUSDT-1h-2023....csv.gz` (the
`data/sample` naming) is read too. A name without a timeframe gets the one its median bar spacing
says. Several files of one (instrument, timeframe) are merged (earlier file wins on equal times).

What `load_all_data()` returns: a `FinalData` holding, per (instrument, timeframe) task, the candles
(numpy, what the environments take) and the file's other columns, plus `table()`: everything
concatenated into one pyarrow Table (instrument, timeframe, datetime, OHLCV, every extra column;
`.to_pandas()` where pandas is installed). pandas is not a dependency of aitrader.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from aitrader.data.errors import DataError
from aitrader.domain import Candles, Timeframe
from aitrader.rl.ohlc_csv import BASE_COLUMNS, OhlcFile, read_ohlc_csv, table_to_candles

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(?P<inst>.+?)[_-](?P<tf>\d+[smhdwM])(?:[-_.].*)?$")


class Task(NamedTuple):
    """An (instrument, timeframe) combination: one MAML task, one training series."""

    instrument: str
    timeframe: Timeframe

    def __str__(self) -> str:
        return f"{self.instrument} {self.timeframe.value}"


@dataclass(frozen=True)
class FinalSeries:
    """One task's data: candles plus the other columns of its file(s), row-aligned."""

    task: Task
    candles: Candles
    extra: Any  # pyarrow.Table, one row per candle (no columns when the files have none)
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FinalData:
    """Everything `load_all_data()` read: per-task series and the files it skipped (and why)."""

    series: dict[Task, FinalSeries] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(s.candles) for s in self.series.values())

    @property
    def tasks(self) -> list[Task]:
        return sorted(self.series, key=lambda t: (t.instrument, t.timeframe.duration_ms))

    @property
    def instruments(self) -> list[str]:
        return sorted({t.instrument for t in self.series})

    def candles(self, instrument: str, timeframe: Timeframe | str) -> Candles:
        task = Task(instrument.upper(), Timeframe.parse(timeframe))
        if task not in self.series:
            known = ", ".join(str(t) for t in self.tasks) or "none"
            raise KeyError(f"no training data for {task} (loaded: {known})")
        return self.series[task].candles

    def table(self) -> Any:
        """All series in one pyarrow Table: instrument, timeframe, datetime (UTC), open, high, low,
        close, volume and every extra column (null where a file lacks it)."""
        import pyarrow as pa

        parts = []
        for task in self.tasks:
            s = self.series[task]
            c, n = s.candles, len(s.candles)
            cols: dict[str, Any] = {
                "instrument": pa.array([task.instrument] * n, pa.string()),
                "timeframe": pa.array([task.timeframe.value] * n, pa.string()),
                "datetime": pa.array(c.open_time, pa.timestamp("ms", tz="UTC")),
                **{k: pa.array(getattr(c, k), pa.float64()) for k in BASE_COLUMNS[1:]},
            }
            for name in s.extra.column_names:
                cols[name] = s.extra.column(name)
            parts.append(pa.table(cols))
        if not parts:
            base = [
                ("instrument", pa.string()),
                ("timeframe", pa.string()),
                ("datetime", pa.timestamp("ms", tz="UTC")),
            ]
            return pa.schema(base + [(k, pa.float64()) for k in BASE_COLUMNS[1:]]).empty_table()
        return pa.concat_tables(parts, promote_options="permissive")


def csv_files(folder: Path) -> list[Path]:
    """`*.csv` and `*.csv.gz` files under `folder` (recursively), sorted."""
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith((".csv", ".csv.gz"))
    )


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".csv.gz", ".csv"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _clean_symbol(text: str) -> str:
    return re.sub(r"[_/\-\s]", "", text).upper()


def parse_task_name(path: Path) -> tuple[str, Timeframe | None]:
    """(instrument, timeframe or None) from `NIFTY50_1d.csv`, `BTCUSDT-1h-2023....csv.gz`, `Nifty_2.csv`."""
    stem = _stem(path)
    m = _NAME.match(stem)
    if m:
        with suppress(ValueError):  # a suffix that is no timeframe ('Nifty_2'): the whole stem names it
            return _clean_symbol(m.group("inst")), Timeframe.parse(m.group("tf"))
    return _clean_symbol(stem), None


def infer_timeframe(open_time: npt.NDArray[np.int64]) -> Timeframe | None:
    """The timeframe whose length is the most common spacing of `open_time` (None when none is):
    daily index data with weekends and holidays is 1d."""
    if len(open_time) < 2:
        return None
    steps, counts = np.unique(np.diff(open_time), return_counts=True)
    step = int(steps[np.argmax(counts)])
    return next((tf for tf in Timeframe if tf.duration_ms == step and not tf.is_calendar), None)


def _timeframe_of(f: OhlcFile, named: Timeframe | None) -> Timeframe:
    if named is not None:
        return named
    tf = infer_timeframe(f.table.column("open_time").to_numpy())
    if tf is None:
        raise DataError(
            f.path, "cannot tell the timeframe: name the file <INSTRUMENT>_<TF>.csv (e.g. NIFTY50_1d.csv)"
        )
    return tf


def _merge(task: Task, files: list[OhlcFile]) -> FinalSeries:
    """One series from the files of one task: concatenated, sorted, the first file's row kept on
    equal times."""
    import pyarrow as pa

    table = files[0].table
    if len(files) > 1:
        table = pa.concat_tables([f.table for f in files], promote_options="permissive")
        t = table.column("open_time").to_numpy()
        order = np.argsort(t, kind="stable")
        ts = t[order]
        keep = order[np.concatenate([[True], ts[1:] != ts[:-1]])]
        if len(keep) < len(t):
            log.warning(
                "%s: %d rows repeated across %d files, the first file's kept",
                task,
                len(t) - len(keep),
                len(files),
            )
        table = table.take(pa.array(keep, pa.int64()))
    sources = tuple(str(f.path) for f in files)
    candles = table_to_candles(table, task.instrument, task.timeframe, ",".join(sources))
    return FinalSeries(task, candles, table.drop_columns(list(BASE_COLUMNS)), sources)


def sample_diverse(tasks: Sequence[Task], k: int, rng: np.random.Generator | int | None = None) -> list[Task]:
    """k tasks covering distinct instruments first: each round is a random order of the instruments
    taking one unused timeframe of each, until every task was drawn once; then a new round starts
    (k larger than the number of tasks repeats tasks, never before all were drawn)."""
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    if k <= 0 or not tasks:
        return []
    by_instrument: dict[str, list[Task]] = defaultdict(list)
    for t in sorted(set(tasks), key=lambda t: (t.instrument, t.timeframe.duration_ms)):
        by_instrument[t.instrument].append(t)
    out: list[Task] = []
    while len(out) < k:
        queues = {i: [ts[j] for j in gen.permutation(len(ts))] for i, ts in by_instrument.items()}
        names = sorted(queues)
        while any(queues.values()) and len(out) < k:
            for j in gen.permutation(len(names)):
                if queues[names[j]] and len(out) < k:
                    out.append(queues[names[j]].pop(0))
    return out


class DataLoader:
    """Loads `final_dir` (training) and `raw_dir` (backtesting); see the module docstring."""

    def __init__(self, final_dir: Path | str = "data/final", raw_dir: Path | str = "data/raw") -> None:
        self.final_dir = Path(final_dir)
        self.raw_dir = Path(raw_dir)
        self._final: FinalData | None = None

    def load_all_data(self, reload: bool = False) -> FinalData:
        """Every CSV under `final_dir`, one series per (instrument, timeframe); an empty or missing
        folder and unreadable files are logged as warnings and give what could be read."""
        if self._final is not None and not reload:
            return self._final
        files = csv_files(self.final_dir) if self.final_dir.is_dir() else []
        if not files:
            log.warning("no training data: %s holds no .csv or .csv.gz file", self.final_dir)
        groups: dict[Task, list[OhlcFile]] = defaultdict(list)
        skipped: dict[str, str] = {}
        for path in files:
            instrument, named_tf = parse_task_name(path)
            try:
                f = read_ohlc_csv(path)
                if f.table.num_rows == 0:
                    raise DataError(path, "no valid rows")
                groups[Task(instrument, _timeframe_of(f, named_tf))].append(f)
            except DataError as exc:
                log.warning("skipping training file %s", exc)
                skipped[str(path)] = exc.rule
        series: dict[Task, FinalSeries] = {}
        for task, group in groups.items():
            try:
                series[task] = _merge(task, group)
            except (DataError, ValueError) as exc:  # e.g. extra columns whose types cannot be merged
                log.warning("skipping training data for %s: %s", task, exc)
                skipped.update({str(f.path): str(exc) for f in group})
        self._final = FinalData(series, skipped)
        return self._final

    def tasks(self) -> list[Task]:
        """The distinct (instrument, timeframe) combinations in `final_dir`."""
        return self.load_all_data().tasks

    def sample_tasks(self, k: int, rng: np.random.Generator | int | None = None) -> list[Task]:
        """A batch of k tasks, distinct instruments first (see `sample_diverse`)."""
        return sample_diverse(self.tasks(), k, rng)

    def raw_file(self, symbol: str) -> Path | None:
        """`raw_dir/<symbol>.csv[.gz]`, else the one `<symbol>*` file (case-insensitive); of several
        candidates the first by name, with a warning naming the others."""
        if not self.raw_dir.is_dir():
            return None
        want = symbol.strip().lower()
        files = [p for p in csv_files(self.raw_dir) if _stem(p).lower().startswith(want)]
        exact = [p for p in files if _stem(p).lower() == want]
        candidates = exact or files
        if len(candidates) > 1:
            others = ", ".join(p.name for p in candidates[1:])
            log.warning("several raw files match %r: using %s (also: %s)", symbol, candidates[0].name, others)
        return candidates[0] if candidates else None

    def load_data_for_symbol(self, symbol: str, timeframe: Timeframe | str | None = None) -> Candles | None:
        """The backtesting candles of `symbol` from `raw_dir` (bad rows logged and dropped), or None
        with an error logged when there is no such file or it cannot be read."""
        path = self.raw_file(symbol)
        if path is None:
            log.error("no backtesting data for %r: no %s*.csv[.gz] in %s", symbol, symbol, self.raw_dir)
            return None
        try:
            f = read_ohlc_csv(path)
            if f.table.num_rows == 0:
                raise DataError(path, "no valid rows")
            instrument, named = parse_task_name(path)  # BTCUSDT_1h.csv: BTCUSDT; Nifty_2.csv: as asked
            asked = Timeframe.parse(timeframe) if timeframe is not None else None
            if asked is not None and named is not None and asked is not named:
                log.error(
                    "no %s %s backtesting file: %s holds %s bars", symbol, asked.value, path.name, named.value
                )
                return None
            tf = _timeframe_of(f, asked if asked is not None else named)
            return f.candles(instrument if named is not None else _clean_symbol(symbol), tf)
        except DataError as exc:
            log.error("cannot load backtesting data for %r: %s", symbol, exc)
            return None

"""`import_folder`: every candle file of a folder (a freqtrade `user_data/data/<exchange>/`, or
`SYMBOL-TF-…` files) into the store in one go.

Files are read series by series (`folder_scan.scan_folder` names each one). A file is either
imported whole or not at all: it is read and checked (sanity, plausible epoch-ms times on the
timeframe's grid) before anything is written, and each series is written once, atomically, by
`CandleStore.merge`. A bad file is refused with one line naming file, row and rule; the other files
of its series and of the folder are still imported, and nothing stored is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from aitrader.data.errors import DataError
from aitrader.data.folder_scan import CandleFile, SkippedFile, scan_folder
from aitrader.data.readers import read_candles
from aitrader.data.store import CandleStore, merge_candles
from aitrader.data.time_rules import validate_times
from aitrader.domain import Candles, Timeframe

Progress = Callable[[int, int, str], None]  # (files done, files in all, what is being read)


@dataclass(frozen=True)
class ImportedSeries:
    venue: str
    symbol: str
    timeframe: Timeframe
    files: tuple[Path, ...]
    received: int  # candles read from the files (after de-duplication between them)
    added: int  # new in the store
    total: int  # stored now
    first_ms: int
    last_ms: int
    path: Path  # the store's file


@dataclass(frozen=True)
class RefusedFile:
    path: Path
    reason: str  # one line: "file: row N (line M): rule" or "file: why"


@dataclass(frozen=True)
class FolderImport:
    root: Path
    imported: list[ImportedSeries] = field(default_factory=list)
    refused: list[RefusedFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)

    @property
    def files_imported(self) -> int:
        return sum(len(s.files) for s in self.imported)


def _read_checked(f: CandleFile) -> Candles:
    """The file's candles, checked as the store will check them (raises `DataError`)."""
    try:
        c = read_candles(f.path, f.symbol, f.timeframe)
    except UnicodeDecodeError:
        raise DataError(f.path, "not a text file (binary or not UTF-8)") from None
    except OSError as exc:
        raise DataError(f.path, f"cannot read the file: {exc.strerror or exc}") from None
    if len(c) == 0:
        raise DataError(f.path, "holds no candles (empty or header only)")
    return validate_times(c, str(f.path))


def import_folder(
    root: Path | str, store: CandleStore, venue: str | None = None, progress: Progress | None = None
) -> FolderImport:
    """Import every candle file under `root` into `store` (see the module docstring)."""
    base = Path(root)
    if not base.is_dir():
        raise DataError(base, "not a folder")
    files, skipped = scan_folder(base, venue)
    result = FolderImport(base, skipped=skipped)
    done = 0
    for (v, sym, tf), group in groupby(files, key=lambda f: f.series):
        merged: Candles | None = None
        used: list[Path] = []
        for f in group:
            if progress is not None:
                progress(done, len(files), f"{sym} {tf.value} ← {f.path.name}")
            try:
                c = _read_checked(f)
            except DataError as exc:
                result.refused.append(RefusedFile(f.path, str(exc)))
            else:
                merged = c if merged is None else merge_candles(merged, c)
                used.append(f.path)
            done += 1
        if merged is None:
            continue
        try:
            written = store.merge(merged.with_meta(source=str(used[-1])), venue=v, symbol=sym)
        except DataError as exc:  # e.g. the files disagree with what is stored: nothing written
            result.refused.extend(
                RefusedFile(p, f"{exc} (with what is stored for {v} {sym} {tf.value})") for p in used
            )
            continue
        span = (merged.start_ms, merged.end_ms)
        counts = (written.received, written.added, written.total)
        result.imported.append(ImportedSeries(v, sym, tf, tuple(used), *counts, *span, written.path))
    if progress is not None:
        progress(len(files), len(files), "done")
    return result

"""Candle data: read, validate, resample, store, download.

Heavy dependencies (pyarrow, ccxt) are imported inside the functions that need them.
"""

from aitrader.data.calendars import CalendarChoice, calendar_for
from aitrader.data.columnar import read_feather, read_freqtrade_json, read_parquet
from aitrader.data.csv_reader import read_binance_klines_csv, read_candles_csv
from aitrader.data.errors import DataError
from aitrader.data.folder import LabelledCandles, load_folder, load_symbol
from aitrader.data.folder_import import FolderImport, import_folder
from aitrader.data.gaps import Gap, GapReport, find_gaps
from aitrader.data.readers import parse_name, read_candles
from aitrader.data.resample import Resampled, resample, resample_detailed
from aitrader.data.sample import load_sample, sample_path
from aitrader.data.source import LoadedSeries, SeriesNotFoundError, load_series
from aitrader.data.store import CandleStore, MergeResult, StoredSeries, merge_candles
from aitrader.data.validate import find_violation, validate_candles

__all__ = [
    "CalendarChoice",
    "CandleStore",
    "DataError",
    "FolderImport",
    "Gap",
    "GapReport",
    "LabelledCandles",
    "LoadedSeries",
    "MergeResult",
    "Resampled",
    "SeriesNotFoundError",
    "StoredSeries",
    "calendar_for",
    "find_gaps",
    "find_violation",
    "import_folder",
    "load_folder",
    "load_sample",
    "load_series",
    "load_symbol",
    "merge_candles",
    "parse_name",
    "read_binance_klines_csv",
    "read_candles",
    "read_candles_csv",
    "read_feather",
    "read_freqtrade_json",
    "read_parquet",
    "resample",
    "resample_detailed",
    "sample_path",
    "validate_candles",
]

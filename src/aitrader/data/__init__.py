"""Candle data: read, validate, resample, store, download."""

from aitrader.data.csv_reader import read_candles_csv
from aitrader.data.sample import load_sample, sample_path

__all__ = ["load_sample", "read_candles_csv", "sample_path"]

"""The committed RL example tree (data/rl) is exactly what `write_examples` builds from data/sample,
loads without a warning, and splits every instrument in time (training before backtesting)."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import numpy as np
import pytest

from aitrader.data import load_sample, resample
from aitrader.rl.sample_data import EXAMPLES, example_candles, example_loader, examples_root, write_examples

COMMITTED = examples_root()


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _text(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.name.endswith(".gz") else data).decode("utf-8")


def test_committed_tree_is_what_write_examples_builds(tmp_path: Path) -> None:
    written = write_examples(tmp_path)
    assert sorted(str(p.relative_to(tmp_path)) for p in written) == _files(tmp_path) == _files(COMMITTED)
    for name in _files(COMMITTED):
        assert _text(tmp_path / name) == _text(COMMITTED / name), (
            f"data/rl/{name} differs: rerun write_examples"
        )
    assert sum(p.stat().st_size for p in COMMITTED.rglob("*") if p.is_file()) < 1_500_000


def test_examples_load_without_warnings_and_split_in_time(caplog: pytest.LogCaptureFixture) -> None:
    loader = example_loader()
    with caplog.at_level(logging.WARNING):
        data = loader.load_all_data()
        raws = {
            ex.raw_name: loader.load_data_for_symbol(ex.raw_name.split(".")[0])
            for ex in EXAMPLES
            if ex.raw_name
        }
    assert caplog.records == []
    for ex in EXAMPLES:
        train = data.candles(ex.instrument, ex.timeframe)
        want_train, want_test = example_candles(ex)
        np.testing.assert_array_equal(train.close, want_train.close)
        # the example is the sample itself (rolled up where the timeframe differs), nothing altered
        full = resample(load_sample(ex.instrument, ex.source_tf), ex.timeframe)
        i = int(np.searchsorted(full.open_time, train.open_time[0]))
        np.testing.assert_array_equal(full.high[i : i + len(train)], train.high)
        if ex.raw_name is None:
            continue
        test = raws[ex.raw_name]
        assert test is not None
        assert test.timeframe is ex.timeframe
        assert train.end_ms < test.start_ms  # backtesting bars come after every training bar
        np.testing.assert_array_equal(test.open_time, want_test.open_time)
        np.testing.assert_array_equal(test.low, want_test.low)
        assert len(test) > 1000  # room for the observation warm-up and a backtest after it

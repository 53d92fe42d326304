"""A candle file that cannot be read at all (a truncated gzip, a gzip that is not gzip, a broken zip,
parquet or feather) is one `error:` line naming the file and what to do, exit code 1, no traceback,
from every command that reads a candle file: `data import`, `backtest --data/--intrabar-data`, `analyze
--data`, `decide --data`. The broken files are cut from the real 1h sample."""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from candle_files import BTC_1H_PATH, write_freqtrade_feather, write_freqtrade_json
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.data import DataError, read_candles, read_candles_csv
from aitrader.data.errors import unreadable
from aitrader.domain import Candles


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flip(data: bytes, start: int, n: int = 64) -> bytes:
    out = bytearray(data)
    for i in range(start, start + n):
        out[i] ^= 0x5A
    return bytes(out)


def truncated_gzip(d: Path, _: Candles) -> Path:
    path = d / "BTCUSDT-1h-2017-08-17_2024-04-21.csv.gz"
    path.write_bytes(_half(BTC_1H_PATH.read_bytes()))
    return path


def corrupt_gzip(d: Path, _: Candles) -> Path:
    path = d / "BTCUSDT-1h-corrupt.csv.gz"
    data = BTC_1H_PATH.read_bytes()
    path.write_bytes(_flip(data, len(data) // 2))
    return path


def gzip_that_is_not_gzip(d: Path, _: Candles) -> Path:
    path = d / "BTCUSDT-1h-plain.csv.gz"
    path.write_bytes(gzip.decompress(BTC_1H_PATH.read_bytes()))
    return path


def _zip_of_sample() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BTCUSDT-1h-2017-08.csv", gzip.decompress(BTC_1H_PATH.read_bytes()))
    return buf.getvalue()


def truncated_zip(d: Path, _: Candles) -> Path:
    path = d / "BTCUSDT-1h-2017-08.zip"
    path.write_bytes(_half(_zip_of_sample()))
    return path


def corrupt_zip(d: Path, _: Candles) -> Path:
    """The directory is intact, the deflated member is not (zlib.error or a CRC mismatch)."""
    path = d / "BTCUSDT-1h-2017-08-corrupt.zip"
    path.write_bytes(_flip(_zip_of_sample(), 60, 140))
    return path


def truncated_json_gz(d: Path, c: Candles) -> Path:
    path = write_freqtrade_json(c, d / "BTC_USDT-1h.json.gz")
    path.write_bytes(_half(path.read_bytes()))
    return path


def truncated_parquet(d: Path, c: Candles) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = d / "BTCUSDT-1h.parquet"
    table = pa.table(
        {"open_time": c.open_time, **{k: getattr(c, k) for k in ("open", "high", "low", "close", "volume")}}
    )
    pq.write_table(table, path)
    path.write_bytes(_half(path.read_bytes()))
    return path


def corrupt_feather(d: Path, c: Candles) -> Path:
    path = write_freqtrade_feather(c, d / "BTC_USDT-1h.feather")
    data = path.read_bytes()
    path.write_bytes(_flip(data, len(data) // 2))
    return path


BROKEN: list[Callable[[Path, Candles], Path]] = [
    truncated_gzip,
    corrupt_gzip,
    gzip_that_is_not_gzip,
    truncated_zip,
    corrupt_zip,
    truncated_json_gz,
    truncated_parquet,
    corrupt_feather,
]
COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "data import": lambda p: ["data", "import", str(p)],
    "backtest --data": lambda p: ["backtest", "--no-journal", "--timeframe", "1h", "--data", str(p)],
    "backtest --intrabar-data": lambda p: ["backtest", "--timeframe", "4h", "--intrabar-data", str(p)],
    "analyze --data": lambda p: ["analyze", "--symbol", "BTCUSDT", "-t", "1h", "--data", str(p)],
    "decide --data": lambda p: ["decide", "--symbol", "BTCUSDT", "-t", "1h", "--data", str(p)],
}


@pytest.fixture(scope="module")
def btc_1h_recent() -> Candles:
    return read_candles(BTC_1H_PATH).slice(-3000, None)


@pytest.mark.parametrize("make", BROKEN, ids=lambda f: f.__name__)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_damaged_file_is_one_line_without_traceback(
    store_dir: Path,
    tmp_path: Path,
    btc_1h_recent: Candles,
    make: Callable[[Path, Candles], Path],
    command: str,
) -> None:
    path = make(tmp_path, btc_1h_recent)
    result = CliRunner().invoke(app, COMMANDS[command](path))
    out = result.output
    assert result.exit_code == 1, out
    assert isinstance(result.exception, SystemExit), result.exception  # a clean exit, not a crash
    assert "Traceback" not in out
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith("error: ")
    assert str(path) in lines[0]  # where
    assert "not a readable" in lines[0]  # what
    assert "download or export it again" in lines[0]  # what to do
    assert not store_dir.exists() or not any(store_dir.rglob("*.parquet"))  # nothing imported


def test_the_csv_reader_itself_names_a_truncated_gzip(tmp_path: Path, btc_1h_recent: Candles) -> None:
    """`read_candles_csv` is a way in of its own (the local exchange's --file uses it)."""
    path = truncated_gzip(tmp_path, btc_1h_recent)
    with pytest.raises(DataError, match=r"not a readable gzip file \(damaged, cut short") as info:
        read_candles_csv(path)
    assert info.value.source == str(path)
    assert "\n" not in str(info.value)


def test_an_unreadable_file_says_so_not_that_it_is_damaged() -> None:
    """An OSError with an errno (permission, I/O) is about access, not about the bytes."""
    err = unreadable(BTC_1H_PATH, PermissionError(13, "Permission denied"))
    assert str(err) == f"{BTC_1H_PATH}: cannot read the file: Permission denied: check that you may read it"

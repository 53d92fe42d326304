"""The one error the data layer raises for bad input: it names the file, the row and the rule.

`reading(path)` is the one place where what the libraries raise for a file that cannot be read at
all (a truncated or corrupt gzip/zip/parquet/feather, an unreadable file) becomes a `DataError`;
`read_candles` and `read_candles_csv`, the public ways in, read inside it.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_REPLACE = "replace it with a complete copy (download or export it again)"
NOT_TEXT = "not a text CSV (binary or not UTF-8): pass a CSV, .zip, JSON, feather or parquet file"


class DataError(ValueError):
    """Bad candle data. `row` is the 1-based data row (header excluded); `line` the file line if known."""

    def __init__(
        self, source: Path | str, rule: str, row: int | None = None, line: int | None = None
    ) -> None:
        self.source = str(source)
        self.rule = rule
        self.row = row
        self.line = line
        where = ""
        if row is not None:
            where = f": row {row}"
            if line is not None and line != row:
                where += f" (line {line})"
        super().__init__(f"{self.source}{where}: {rule}")


def container_of(path: Path) -> str:
    """What wraps the data, for messages: 'gzip', 'zip', or the format ('parquet', 'feather', 'csv')."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return "gzip"
    return suffix.lstrip(".") or "candle"


def unreadable(path: Path, exc: BaseException, kind: str | None = None) -> DataError:
    """A `DataError` for a file whose bytes cannot be read or decoded (one line, with what to do)."""
    if isinstance(exc, OSError) and exc.errno is not None:  # permission, I/O error: not the content
        return DataError(path, f"cannot read the file: {exc.strerror or exc}: check that you may read it")
    if isinstance(exc, UnicodeDecodeError):
        return DataError(path, NOT_TEXT)
    text = str(exc).replace(f" '{path}'", "").replace(str(path), "").strip()
    detail = text.splitlines()[0].strip() if text else type(exc).__name__
    what = kind or container_of(path)
    return DataError(
        path, f"not a readable {what} file (damaged, cut short or another format: {detail}): {_REPLACE}"
    )


# What the standard library and pyarrow raise for bytes that cannot be decompressed or parsed as the
# container: gzip.BadGzipFile and pyarrow's "Truncated compressed stream" are OSErrors; a stream that
# ends early is an EOFError; bad deflate data is zlib.error; a broken zip is zipfile.BadZipFile.
_UNREADABLE = (OSError, EOFError, zlib.error, zipfile.BadZipFile, UnicodeDecodeError)


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn the errors of a file that cannot be read at all into a `DataError` naming `path`."""
    try:
        yield
    except _UNREADABLE as exc:
        raise unreadable(path, exc) from None

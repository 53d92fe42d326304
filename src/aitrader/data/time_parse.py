"""Date-time strings in a candle file's time column → UTC epoch ms.

Accepted without options (the whole column must use one form):

- ISO 8601: `2024-01-02`, `2024-01-02 09:15[:00[.123]]`, `2024-01-02T09:15:00Z`, with an offset
  (`+05:30`, `-0400`) or without; `2024/01/02 …` likewise;
- a month name: `02-Jan-2024`, `2-JAN-24`, `02 Jan 2024`, `Jan 02, 2024`, `January 2, 2024`,
  optionally followed by `HH:MM[:SS]`;
- numbers with the day and month in either order (`02/01/2024`, `13-01-2024 09:15`, `01.13.2024`):
  the order is taken from the column only when some value proves it (a first number above 12 is a
  day; a second one above 12 is a day). A column where every first and second number is 12 or less
  is ambiguous and refused, naming the file and row: write YYYY-MM-DD or pass `--date-format`
  (`AmbiguousDatesError`; only `data import` has that option, so the commands that read a file
  themselves, `--data FILE`, say `outside_import()`: import it first with that option).

A time without an offset is UTC unless `tz` names its zone (e.g. `Asia/Kolkata`). A date without a
time is the session date and opens at 00:00 UTC whatever `tz` says, as the shipped daily samples do.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.data.errors import DataError

IntArray = npt.NDArray[np.int64]

_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
_OFFSET = r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))"
ISO = re.compile(rf"^\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}}{_TIME}?{_OFFSET}?$")
NUMERIC_DM = re.compile(rf"^(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}?$")
_HAS_TIME = re.compile(rf"{_TIME}{_OFFSET}?$")
_HAS_OFFSET = re.compile(rf"{_TIME}{_OFFSET}$")
_MONTH_NAME_FORMATS = (
    "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%d %b %y", "%b %d, %Y", "%b %d %Y", "%d-%B-%Y", "%d %B %Y",
    "%B %d, %Y", "%B %d %Y",
)  # fmt: skip
_CLOCKS = ("", " %H:%M", " %H:%M:%S")
_FIX = "write times as YYYY-MM-DD[ HH:MM[:SS]][Z|±HH:MM] or epoch ms"


class AmbiguousDatesError(DataError):
    """A day/month column whose order no value proves. The message advises `--date-format`, the
    option of `data import` (which reads the file); `outside_import` is the advice for any other
    command: import the file first with that option."""

    def __init__(
        self, source: str, value: str, why: str, formats: tuple[str, str], row: int, line: int
    ) -> None:
        self.value, self.why, self.formats = value, why, formats
        super().__init__(source, self._rule("pass --date-format"), row, line)

    def _rule(self, how: str) -> str:
        a, b = self.formats
        return (
            f"date {self.value!r} is ambiguous ({self.why}): write dates as YYYY-MM-DD or {how} {a} (or {b})"
        )

    def outside_import(self) -> DataError:
        """The same refusal for a command that has no --date-format (`backtest --data FILE`, …)."""
        how = f"import it first: aitrader data import {self.source} --date-format"
        return DataError(self.source, self._rule(how), self.row, self.line)


def looks_like_date(text: str) -> bool:
    """True when `text` is a date-time string of a form `parse_times` reads (for header sniffing)."""
    v = text.strip().strip('"')
    return bool(ISO.match(v) or NUMERIC_DM.match(v)) or _month_name_format(v) is not None


def _month_name_format(value: str) -> str | None:
    import datetime as dt

    if not re.search(r"[A-Za-z]{3}", value):
        return None
    for fmt in _MONTH_NAME_FORMATS:
        for clock in _CLOCKS:
            try:
                dt.datetime.strptime(value, fmt + clock)
            except ValueError:
                continue
            return fmt + clock
    return None


def parse_times(
    values: list[str] | npt.NDArray[Any],
    source: str,
    header_lines: int = 0,
    date_format: str | None = None,
    tz: str | None = None,
) -> IntArray:
    """UTC epoch ms of each value; a `DataError` naming file, row and what to do for a bad one."""
    import pandas as pd

    s = pd.Series(values, dtype="string").str.strip().str.strip('"')
    if len(s) == 0:
        return np.empty(0, dtype=np.int64)
    first = str(s.iloc[0])
    has_time = s.str.contains(_HAS_TIME, regex=True).fillna(False).to_numpy(dtype=bool)
    if date_format is not None:
        parsed, form = _parse_with(s, date_format), f"--date-format {date_format}"
    elif ISO.match(first):
        parsed, form = _parse_iso(s), "ISO 8601"
    elif NUMERIC_DM.match(first):
        fmt = _day_month_order(s, source, header_lines)
        parsed, form = _parse_with(s, fmt), fmt
    elif (month_fmt := _month_name_format(first)) is not None:
        parsed, form = _parse_with(s, month_fmt), month_fmt
    else:
        raise DataError(
            source, f"open_time {first!r} is not a date-time or epoch time: {_FIX}", 1, 1 + header_lines
        )
    bad = np.flatnonzero(parsed.isna().to_numpy())
    if bad.size:
        i = int(bad[0])
        raise DataError(
            source,
            f"open_time {str(s.iloc[i])!r} is not a date-time of the form the first row uses ({form}): {_FIX}",
            i + 1,
            i + 1 + header_lines,
        )
    if tz is not None:
        parsed = _in_zone(s, parsed, has_time, tz, source)
    return _epoch_ms(parsed)


def _parse_iso(s: Any) -> Any:
    import pandas as pd

    text = s.str.replace(r"^(\d{4})/(\d{1,2})/(\d{1,2})", r"\1-\2-\3", regex=True)
    return pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce")


def _parse_with(s: Any, fmt: str) -> Any:
    import pandas as pd

    return pd.to_datetime(s, format=fmt, utc=True, errors="coerce")


def _day_month_order(s: Any, source: str, header_lines: int) -> str:
    """`%d/%m/%Y`-style format whose day/month order the column proves, else a `DataError`."""
    parts = s.str.extract(NUMERIC_DM.pattern)
    a = parts[0].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
    b = parts[2].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
    day_first, month_first = bool(np.nanmax(a) > 12), bool(np.nanmax(b) > 12)
    sep = str(parts[1].iloc[0])
    year = "%Y" if len(str(parts[3].iloc[0])) == 4 else "%y"
    first = str(s.iloc[0])
    if day_first == month_first:
        row = int(np.flatnonzero(b > 12)[0]) if day_first else 0
        why = (
            "some rows have the day first and others the month first"
            if day_first
            else "no day above 12 tells whether it is day/month or month/day"
        )
        formats = (f"%d{sep}%m{sep}{year}", f"%m{sep}%d{sep}{year}")
        raise AmbiguousDatesError(source, str(s.iloc[row]), why, formats, row + 1, row + 1 + header_lines)
    order = f"%d{sep}%m" if day_first else f"%m{sep}%d"
    clock = ""
    m = re.search(r"[T ](\d{1,2}:\d{2}(:\d{2})?)", first)
    if m:
        clock = (" " if " " in first else "T") + ("%H:%M:%S" if m.group(2) else "%H:%M")
    return f"{order}{sep}{year}{clock}"


def _in_zone(s: Any, parsed: Any, has_time: npt.NDArray[np.bool_], tz: str, source: str) -> Any:
    """Read the values that have a time but no offset as wall-clock times in `tz`."""
    import pandas as pd

    naive = has_time & ~s.str.contains(_HAS_OFFSET, regex=True).fillna(False).to_numpy(dtype=bool)
    if not naive.any():
        return parsed
    try:
        local = parsed[naive].dt.tz_localize(None).dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
    except (KeyError, ValueError) as exc:  # an unknown zone name
        raise DataError(
            source, f"unknown time zone {tz!r} ({exc}): pass an IANA name such as Asia/Kolkata"
        ) from None
    bad = np.flatnonzero(local.isna().to_numpy())
    if bad.size:
        i = int(np.flatnonzero(naive)[bad[0]])
        raise DataError(
            source, f"{s.iloc[i]!r} does not exist or is ambiguous in {tz} (a clock change)", i + 1
        )
    out = parsed.copy()
    out[naive] = local.dt.tz_convert("UTC")
    return pd.to_datetime(out, utc=True)


def _epoch_ms(parsed: Any) -> IntArray:
    naive = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return np.asarray(naive.to_numpy().astype("datetime64[ms]").astype(np.int64), dtype=np.int64)

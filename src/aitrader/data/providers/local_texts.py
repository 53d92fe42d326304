"""Text items (news, posts) from local files, for offline runs and backtests.

`read_texts(path)` reads one file or every such file in a folder:

- `.jsonl`: one JSON object per line; `.csv`: a header row. Fields: `published` (ISO 8601, UTC when
  no zone is given, or epoch seconds/ms; a date alone counts from the end of that day, since the
  item may have come out at any hour of it) or `published_ms`, `source`, `title`, and optionally
  `body`, `url` and `symbols` (a list, or "BTC,ETH" in a CSV);
- `.xml`, `.rss`, `.atom`: an RSS or Atom feed saved to disk (read as `feeds.parse_feed` does).

A bad row is a `DataError` naming the file, the row and the rule; nothing is guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aitrader.data.errors import DataError, reading
from aitrader.data.providers.feeds import parse_feed
from aitrader.data.providers.texts import TextItem, in_window
from aitrader.domain.timeframe import to_epoch_ms

FEED_SUFFIXES = (".xml", ".rss", ".atom")
TABLE_SUFFIXES = (".jsonl", ".csv")


def _time_ms(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a time")
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        ms = int(to_epoch_ms([int(float(value))])[0])
        if ms < 10**11:
            raise ValueError(f"{value!r} is no epoch time in seconds or ms between 2000 and 2100")
        return ms
    text = str(value).strip().replace("Z", "+00:00")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # a date alone: published some time that
        day = dt.date.fromisoformat(text)  # day, so known for certain only once it has ended
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp() * 1000) + 86_400_000
    d = dt.datetime.fromisoformat(text)
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.UTC)
    return int(d.timestamp() * 1000)


def _symbols(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    parts = value if isinstance(value, list) else str(value).split(",")
    return tuple(str(p).strip().upper() for p in parts if str(p).strip())


def _item(row: Mapping[str, Any]) -> TextItem:
    when = row.get("published_ms", row.get("published"))
    if when is None or when == "":
        raise ValueError("no 'published' time")
    title = str(row.get("title") or "").strip()
    if not title:
        raise ValueError("no 'title'")
    source = str(row.get("source") or "").strip()
    if not source:
        raise ValueError("no 'source'")
    return TextItem(
        published_ms=_time_ms(when),
        source=source,
        title=title,
        body=str(row.get("body") or ""),
        url=str(row.get("url") or ""),
        symbols=_symbols(row.get("symbols")),
    )


def _rows(path: Path, text: str) -> list[tuple[int, Mapping[str, Any]]]:
    if path.suffix.lower() == ".csv":
        return [(i, r) for i, r in enumerate(csv.DictReader(io.StringIO(text)), start=1)]
    out: list[tuple[int, Mapping[str, Any]]] = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise DataError(path, "not a JSON object", row=i) from None
        if not isinstance(obj, dict):
            raise DataError(path, "not a JSON object", row=i)
        out.append((i, obj))
    return out


def read_text_file(path: Path) -> tuple[TextItem, ...]:
    """The items of one file (see the module docstring), oldest first."""
    suffix = path.suffix.lower()
    with reading(path):
        data = path.read_bytes()
    if suffix in FEED_SUFFIXES:
        try:
            return parse_feed(data, origin=str(path))
        except ValueError as exc:
            raise DataError(path, str(exc).removeprefix(f"{path}: ")) from None
    if suffix not in TABLE_SUFFIXES:
        raise DataError(path, f"not a text-item file: use {', '.join(TABLE_SUFFIXES + FEED_SUFFIXES)}")
    with reading(path):
        text = data.decode("utf-8-sig")
    items: list[TextItem] = []
    for row_no, row in _rows(path, text):
        try:
            items.append(_item(row))
        except (ValueError, TypeError, OverflowError) as exc:
            raise DataError(path, str(exc), row=row_no) from None
    return in_window(tuple(items), None, None)


def read_texts(path: Path | str) -> tuple[TextItem, ...]:
    """The items of a file, or of every .jsonl/.csv/.xml/.rss/.atom file in a folder, oldest first."""
    p = Path(path)
    if not p.exists():
        raise DataError(p, "no such file or folder")
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.suffix.lower() in TABLE_SUFFIXES + FEED_SUFFIXES)
        return in_window(tuple(i for f in files for i in read_text_file(f)), None, None)
    return read_text_file(p)

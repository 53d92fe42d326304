"""The one error the data layer raises for bad input: it names the file, the row and the rule."""

from __future__ import annotations

from pathlib import Path


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

"""Chat tables never cut a cell: boxed when they fit, compact or one line per row when they do not,
and every cell on one line when the output is redirected."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from aitrader.agents.chat.answer import Table
from aitrader.cli.commands import chat as chat_cmd

TABLE = Table(
    title="Order history",
    columns=["id", "symbol", "side", "type", "price", "qty", "filled", "status", "time"],
    rows=[
        ["1", "BTCUSDT", "BUY", "MARKET", "-", "0.01234", "0.01234", "FILLED", "2023-03-17 14:55 UTC"],
        [
            "at-BTCUSDT1679250840000L-1T1",
            "BTCUSDT",
            "SELL",
            "STOP_LOSS_LIMIT",
            "27,940.42",
            "0.17820000",
            "0.00000000",
            "CANCELED",
            "2023-03-19 18:35 UTC",
        ],
    ],
)


def _render(width: int) -> str:
    out = Console(file=io.StringIO(), width=width)
    out.print(chat_cmd.rich_table(TABLE, width))
    text = out.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(text, str)
    return text


def _chars(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", text)


@pytest.mark.parametrize("width", [200, 120, 80, 60, 40])
def test_no_cell_is_cut_at_any_width(width: int) -> None:
    text = _render(width)
    assert "…" not in text
    assert all(len(line) <= width for line in text.splitlines())
    shown = _chars(text)
    for row in TABLE.rows:  # every character of every cell survives (folding only moves them)
        for cell in row:
            assert len(_chars(cell)) == 0 or _chars(cell)[:4] in shown
    assert len(shown) >= len(_chars("".join(c for r in TABLE.rows for c in r)))
    if width >= chat_cmd.boxed_width(TABLE):
        assert "2023-03-19 18:35 UTC" in text
        assert "at-BTCUSDT1679250840000L-1T1" in text


def test_numbers_right_aligned_text_left_in_the_boxed_table() -> None:
    table = chat_cmd.rich_table(TABLE, 200)
    justify = {c.header: c.justify for c in table.columns}  # type: ignore[attr-defined]
    assert justify["price"] == justify["qty"] == "right"
    assert justify["symbol"] == justify["time"] == "left"


def test_redirected_output_keeps_each_row_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from aitrader.agents.chat.answer import ChatAnswer

    buf = io.StringIO()
    monkeypatch.setattr(chat_cmd, "console", Console(file=buf, width=80))
    chat_cmd._show(ChatAnswer(text="2 orders.", intent="order_history", table=TABLE), as_json=False)
    text = buf.getvalue()
    assert "…" not in text
    rows = [line for line in text.splitlines() if "BTCUSDT" in line]
    assert len(rows) == 2
    assert "STOP_LOSS_LIMIT" in rows[1]
    assert "2023-03-19 18:35 UTC" in rows[1]

"""The report's trade table: every exit of every round trip (no cap), sortable by any column.

Each cell carries its raw value in `data-v` (epoch ms, plain numbers, the text otherwise; empty
when there is none) and the inline script (no network) sorts the rows by it when a header is
clicked: numbers as numbers, text as text, missing values last, a second click reverses.
"""

from __future__ import annotations

from html import escape

from aitrader.backtest.report.format import duration, money, pct, price, short_time
from aitrader.backtest.report.legs import ExitRow

SHORT_RATIONALE = 80

# (header, left-aligned, what it is: the header's tooltip)
COLUMNS: tuple[tuple[str, bool, str], ...] = (
    ("#", False, "round trip number"),
    ("exit", False, "this exit of the round trip's exits (k/n)"),
    ("side", True, "BUY: long, SELL: short"),
    ("entry (UTC)", True, "entry fill time"),
    ("entry", False, "average entry price"),
    ("exit (UTC)", True, "this exit's fill time (open: the last bar's close)"),
    ("exit price", False, "this exit's fill price (open: the last close)"),
    ("qty", False, "quantity this exit closed"),
    ("stop", False, "the round trip's stop when it ended (it may have moved)"),
    ("1st target", False, "the round trip's first take-profit target"),
    ("P&L", False, "net of this exit's fee and its share of the entry fee"),
    ("return", False, "P&L over this exit's share of the entry notional"),
    ("fees", False, "this exit's fee plus its share of the entry fee"),
    ("held", False, "entry to this exit"),
    ("exit reason", True, "target k, stop, exit (the strategy's), emergency exit, open"),
    ("rationale", True, "why the strategy entered (hover for all of it)"),
)

SORT_SCRIPT = r"""
(function () {
  "use strict";
  function key(cell) {
    var v = cell.getAttribute("data-v");
    if (v === null) v = cell.textContent;
    if (v === "") return {missing: true};
    var x = Number(v);
    return isFinite(x) ? {num: x} : {text: v};
  }
  function compare(a, b) {
    if ("num" in a && "num" in b) return a.num - b.num;
    if ("num" in a) return -1;
    if ("num" in b) return 1;
    return a.text.localeCompare(b.text);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var head = table.tHead.rows[0];
    Array.prototype.forEach.call(head.cells, function (th, col) {
      th.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        Array.prototype.forEach.call(head.cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.map.call(body.rows, function (r, i) { return {r: r, i: i, k: key(r.cells[col])}; });
        rows.sort(function (a, b) {
          if (a.k.missing || b.k.missing) return (a.k.missing ? 1 : 0) - (b.k.missing ? 1 : 0) || a.i - b.i;
          return dir * compare(a.k, b.k) || a.i - b.i;
        });
        var frag = document.createDocumentFragment();
        rows.forEach(function (x) { frag.appendChild(x.r); });
        body.appendChild(frag);
      });
    });
  });
})();
"""


def short_rationale(text: str, limit: int = SHORT_RATIONALE) -> str:
    """The first sentence of a rationale, at most `limit` characters (cut on a word, with "…")."""
    text = " ".join(text.split())
    for stop in (". ", "; "):
        head, sep, _ = text.partition(stop)
        if sep:
            text = head + ("." if stop == ". " else "")
            break
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def num(x: float | int | None) -> str:
    return "" if x is None else repr(float(x)) if isinstance(x, float) else str(x)


def cell(text: str, value: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<td{attr} data-v="{escape(value)}">{escape(text)}</td>'


def trade_row(r: ExitRow) -> str:
    t = r.trade
    cls = "pos" if r.pnl > 0 else "neg" if r.pnl < 0 else ""
    reason = "open (marked at the last close, exit fee deducted)" if r.is_open else r.reason
    cells = [
        cell(str(r.no), num(r.no)),
        cell(f"{r.leg}/{r.legs}", num(r.leg)),
        cell(t.side.value, t.side.value, "l"),
        cell(short_time(t.entry_time), num(t.entry_time), "l"),
        cell(price(t.entry_price), num(t.entry_price)),
        cell(short_time(r.exit_time), num(r.exit_time), "l"),
        cell(price(r.exit_price), num(r.exit_price)),
        cell(f"{r.qty:.6g}", num(r.qty)),
        cell(price(t.stop), num(t.stop)),
        cell(price(t.target), num(t.target)),
        cell(money(r.pnl), num(r.pnl), cls),
        cell(pct(r.return_pct), num(r.return_pct), cls),
        cell(money(r.fees), num(r.fees)),
        cell(duration(r.duration_ms), num(r.duration_ms)),
        cell(reason, r.reason, "l"),
    ]
    why = (
        f'<td class="l why" title="{escape(t.rationale)}" data-v="{escape(t.rationale)}">'
        f"{escape(short_rationale(t.rationale))}</td>"
    )
    row_cls = ' class="open"' if r.is_open else ""
    return f"<tr{row_cls}>{''.join(cells)}{why}</tr>"


def trades_html(rows: list[ExitRow], n_trades: int) -> str:
    """Every exit row as a sortable table, with a line saying what a row is."""
    if not rows:
        return '<p class="note">No trades.</p>'
    head = "".join(
        f'<th class="{"l" if left else ""}" title="{escape(what)}; click to sort">{escape(c)}</th>'
        for c, left, what in COLUMNS
    )
    body = "".join(trade_row(r) for r in rows)
    n_open = sum(1 for r in rows if r.is_open)
    note = (
        f"{len(rows):,} exits of {n_trades:,} round trips"
        + (f" ({n_open:,} still open at the end)" if n_open else "")
        + ". A round trip closed in several fills has one row per fill (exit k/n), each with its "
        "own price, quantity, reason and P&amp;L (net of its fee and its share of the entry fee). "
        "Click a column header to sort."
    )
    return (
        f'<p class="note">{note}</p><div class="tablewrap"><table class="trades sortable">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )

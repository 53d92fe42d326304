"""Portfolio runs for the report tests: confluence on the shipped BTCUSDT/ETHUSDT/SOLUSDT 1m samples
(71k, 66k and 66k bars over the same weeks; ETHUSDT and SOLUSDT end earlier), and a shorter run
under a one-position limit so that the gate's portfolio rules refuse entries.

The cost rules are off in all of them (`mechanics_costs`): the report tests need trades and
refusals by the portfolio rules, and on 1m the costs exceed most moves."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser

import numpy as np

from aitrader.backtest.engine import BacktestConfig
from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.portfolio_run import run_portfolio
from aitrader.data.sample import load_sample
from aitrader.domain import Candles
from mechanics_costs import mechanics_gate, mechanics_strategy

SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT")


def samples(bars: int | None = None) -> dict[str, Candles]:
    loaded = {s: load_sample(s, "1m") for s in SYMBOLS}
    if bars is None:
        return loaded
    start = max(int(c.open_time[0]) for c in loaded.values())
    out = {}
    for s, c in loaded.items():
        i = int(np.searchsorted(c.open_time, start))
        out[s] = c.slice(i, i + bars)
    return out


def _strategies() -> dict[str, object]:
    return {s: mechanics_strategy("confluence") for s in SYMBOLS}


@cache
def portfolio_run() -> PortfolioResult:
    """The whole samples with the default risk gate (minimum net reward:risk 0: targets must still cover their costs)."""
    return run_portfolio(_strategies(), samples(), BacktestConfig(), gate=mechanics_gate())  # type: ignore[arg-type]


@cache
def one_position_run() -> PortfolioResult:
    """12,000 bars with at most one open position: max_open_positions refuses the others."""
    gate = mechanics_gate(max_open_positions=1)
    return run_portfolio(_strategies(), samples(12_000), BacktestConfig(), gate=gate)  # type: ignore[arg-type]


class Node:
    """An element of a parsed page: its tag, attributes, children and text (scripts' text kept)."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts) + "".join(c.text for c in self.children)

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        """Descendants with `tag` whose attributes hold `attrs` (class: one of its classes)."""
        out = []
        for c in self.children:
            if c.tag == tag and all(
                v in c.attrs.get("class", "").split() if k == "class_" else c.attrs.get(k) == v
                for k, v in attrs.items()
            ):
                out.append(c)
            out += c.find_all(tag, **attrs)
        return out

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


_VOID = {"meta", "br", "img", "input", "link", "hr", "col"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {}, None)
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in _VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.parts.append(data)


def parse(page: str) -> Node:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    return builder.root


def table_rows(table: Node, part: str = "tbody") -> list[list[Node]]:
    """The cells of each row of a table's `part` (tbody, tfoot)."""
    return [tr.find_all("td") for tr in table.find(part).find_all("tr")]


@cache
def open_at_end_run() -> PortfolioResult:
    """4,150 bars: the account ends holding BTCUSDT and ETHUSDT."""
    return run_portfolio(_strategies(), samples(4_150), BacktestConfig(), gate=mechanics_gate())  # type: ignore[arg-type]

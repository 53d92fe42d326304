"""The ledger's looks as tables: per design and series, the figures beside both benchmarks.

`aitrader research ledger` prints them (and writes Markdown with `--markdown`), so every figure the
held-back looks produced can be read, per strategy and symbol, from the ledger itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aitrader.research.tables import Grid, num, pct

HEADER = (
    "series", "design", "return", "Sharpe", "Sortino", "max DD", "exposure", "trades",
    "B&H return", "B&H Sharpe", "B&H max DD", "vol B&H return", "vol B&H Sharpe", "vol B&H max DD",
)  # fmt: skip


def _cells(m: Mapping[str, Any] | None) -> tuple[str, ...]:
    if not m:
        return ("-",) * 6
    return (
        pct(m.get("total_return")),
        num(m.get("sharpe")),
        num(m.get("sortino")),
        pct(m.get("max_drawdown")),
        pct(m.get("exposure")),
        f"{int(m.get('n_trades', 0)):,}",
    )


def _bench(m: Mapping[str, Any] | None) -> tuple[str, ...]:
    if not m:
        return ("-",) * 3
    return (pct(m.get("total_return")), num(m.get("sharpe")), pct(m.get("max_drawdown")))


def ledger_grid(entries: Sequence[Mapping[str, Any]]) -> Grid:
    """One row per series and design, series by series, the portfolio last."""
    rows: list[tuple[str, ...]] = []
    series = list(dict.fromkeys(label for e in entries for label in e.get("series", {})))
    for label in [*series, "portfolio"]:
        for e in entries:
            block = e.get("portfolio") if label == "portfolio" else e.get("series", {}).get(label)
            if not block:
                continue
            name = f"portfolio ({len(block.get('symbols', []))})" if label == "portfolio" else label
            look = f" (look {e['look']})" if e.get("look", 1) != 1 else ""
            rows.append(
                (
                    name,
                    f"{e.get('design', '?')}{look}",
                    *_cells(block.get("strategy")),
                    *_bench(block.get("buy_and_hold")),
                    *_bench(block.get("vol_target_buy_and_hold")),
                )
            )
    return Grid("Held-back looks in the ledger, per series and design", HEADER, rows)


def deflated_lines(entries: Sequence[Mapping[str, Any]]) -> list[str]:
    out = []
    for e in entries:
        d = e.get("deflated_sharpe") or {}
        if "probability" in d:
            out.append(
                f"{e.get('design')} (look {e.get('look', 1)}, {e.get('when', '?')}): pooled Sharpe "
                f"{num(d.get('sharpe_annual'))}, deflated Sharpe probability {d['probability']:.1%} "
                f"({d.get('n_trials')} designs tried, {d.get('n_obs')} days)"
            )
        else:
            out.append(f"{e.get('design')}: deflated Sharpe not defined ({d.get('error', 'no figures')})")
    return out

"""Analysts: each reads one point-in-time `Snapshot` and hands back a structured `AnalystReport`.

`features.analyst_features` computes every column they read once over the whole history (causal);
`panel.run_panel` runs them all, in a fixed order. See `base` for the protocol.
"""

from aitrader.agents.analysts.base import Analyst
from aitrader.agents.analysts.features import ANALYST_WARMUP, COLUMNS, analyst_features, analyst_warmup
from aitrader.agents.analysts.panel import DEFAULT_PANEL, build_analyst, run_panel

__all__ = [
    "ANALYST_WARMUP",
    "COLUMNS",
    "DEFAULT_PANEL",
    "Analyst",
    "analyst_features",
    "analyst_warmup",
    "build_analyst",
    "run_panel",
]

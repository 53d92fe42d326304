"""The analyst panel: every analyst by name, in a fixed order, run over one snapshot.

`run_panel(snap)` is what the debate and the LLM adviser call once per decision. The order of
`DEFAULT_PANEL` is fixed, so the tuple of reports (and anything journaled from it) is the same for
the same snapshot. Analysts are stateless and built once per process (`build_analyst` caches them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Final

from aitrader.agents.analysts.base import Analyst
from aitrader.agents.reports import AnalystReport
from aitrader.agents.snapshot import Snapshot

DEFAULT_PANEL: Final[tuple[str, ...]] = (
    "technical",
    "volume_flow",
    "multi_timeframe",
    "regime",
    "cross_asset",
    "sentiment",
    "risk",
)


def _factories() -> dict[str, Callable[[], Analyst]]:
    # imported here so that importing the panel (e.g. for DEFAULT_PANEL) stays cheap
    from aitrader.agents.analysts.cross_asset import CrossAssetAnalyst
    from aitrader.agents.analysts.multi_timeframe import MultiTimeframeAnalyst
    from aitrader.agents.analysts.regime import RegimeAnalyst
    from aitrader.agents.analysts.risk import RiskAnalyst
    from aitrader.agents.analysts.sentiment import SentimentAnalyst
    from aitrader.agents.analysts.technical import TechnicalAnalyst
    from aitrader.agents.analysts.volume_flow import VolumeFlowAnalyst

    return {
        "technical": TechnicalAnalyst,
        "volume_flow": VolumeFlowAnalyst,
        "multi_timeframe": MultiTimeframeAnalyst,
        "regime": RegimeAnalyst,
        "cross_asset": CrossAssetAnalyst,
        "sentiment": SentimentAnalyst,
        "risk": RiskAnalyst,
    }


@cache
def build_analyst(name: str) -> Analyst:
    """The analyst called `name` (one of `DEFAULT_PANEL`); ValueError naming the valid ones otherwise."""
    factory = _factories().get(name)
    if factory is None:
        raise ValueError(f"unknown analyst {name!r}: choose from {', '.join(DEFAULT_PANEL)}")
    return factory()


def run_panel(snap: Snapshot, names: Sequence[str] | None = None) -> tuple[AnalystReport, ...]:
    """Every named analyst's report on `snap`, in the order given (default: `DEFAULT_PANEL`)."""
    return tuple(build_analyst(n).analyze(snap) for n in (DEFAULT_PANEL if names is None else names))


__all__ = ["DEFAULT_PANEL", "build_analyst", "run_panel"]

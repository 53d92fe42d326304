"""What a live or paper run hands back when it stops (the final summary prints it)."""

from __future__ import annotations

from dataclasses import dataclass

from aitrader.live.reconcile import ReconcileReport
from aitrader.live.state import LiveState


@dataclass
class RunSummary:
    reason: str
    state: LiveState
    reconcile: ReconcileReport | None
    alarms: tuple[str, ...] = ()

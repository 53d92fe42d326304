"""JournalSource over the bot's SQLite journal (written by aitrader.execution's Journal)."""

from __future__ import annotations

from pathlib import Path

from aitrader.agents.chat.models import BotStatusView, DecisionView, PositionView
from aitrader.agents.chat.sources import SourceError


class SqliteJournalSource:
    """Reads positions, decisions and status from the journal at `path` (read-only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        raise SourceError(
            f"reading the journal at {path} is not available yet: the journal module has not landed"
        )

    def positions(self) -> list[PositionView]:
        return []

    def decisions(self, limit: int) -> list[DecisionView]:
        return []

    def decision_for_order(self, order_id: str) -> DecisionView | None:
        return None

    def status(self) -> BotStatusView:
        return BotStatusView(running=False)

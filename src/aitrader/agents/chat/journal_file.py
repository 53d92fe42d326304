"""One bot journal (a SQLite file or a database URL), whichever writers filled it: the kernel's
journal (runs, proposals, verdicts, plans, orders, fills, trades) and/or the live order flow's
`live_*` tables."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from aitrader.agents.chat.journal_engine import open_readonly
from aitrader.agents.chat.journal_source import SqliteJournalSource
from aitrader.agents.chat.kernel_journal import KernelJournalSource
from aitrader.agents.chat.models import BotStatusView, DecisionView, PositionView
from aitrader.agents.chat.sources import SourceError
from aitrader.storage.database import describe


def journal_tables(target: str | Path) -> set[str]:
    engine = open_readonly(target)
    try:
        return set(inspect(engine).get_table_names())
    except Exception as exc:  # not a journal database (a file that is not SQLite)
        raise SourceError(f"{describe(target)} is not a readable journal ({type(exc).__name__})") from None
    finally:
        engine.dispose()


class JournalFile:
    """Positions from the live plans when present (they carry the order flow's status), decisions
    and runs from the kernel journal when present, each falling back to the other."""

    def __init__(self, target: str | Path) -> None:
        tables = journal_tables(target)
        self.kernel = KernelJournalSource(target) if "runs" in tables else None
        self.live = SqliteJournalSource(target) if {"live_plans", "live_telemetry"} & tables else None
        if self.kernel is None and self.live is None:
            raise SourceError(f"{describe(target)} holds no aitrader journal tables")

    def positions(self) -> list[PositionView]:
        if self.live is not None:
            return self.live.positions()
        assert self.kernel is not None
        return self.kernel.positions()

    def decisions(self, limit: int) -> list[DecisionView]:
        found = self.kernel.decisions(limit) if self.kernel is not None else []
        if not found and self.live is not None:
            found = self.live.decisions(limit)
        return found

    def decision_for_order(self, order_id: str) -> DecisionView | None:
        for src in (self.kernel, self.live):
            hit = src.decision_for_order(order_id) if src is not None else None
            if hit is not None:
                return hit
        return None

    def status(self) -> BotStatusView:
        if self.kernel is None:
            assert self.live is not None
            return self.live.status()
        status = self.kernel.status()
        if self.live is not None:
            live = self.live.status()
            if live.last_candle_ms and (status.last_candle_ms or 0) < live.last_candle_ms:
                status = status.model_copy(
                    update={
                        "last_candle_ms": live.last_candle_ms,
                        "last_heartbeat_ms": live.last_heartbeat_ms,
                        # a run the kernel journal marks finished/failed is over, however recent the file
                        "running": status.running
                        or (live.running and status.run_status in (None, "running")),
                    }
                )
        return status

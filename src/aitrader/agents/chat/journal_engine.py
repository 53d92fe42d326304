"""The chat's way into a journal: read-only, whatever holds it (a SQLite file or a database URL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from aitrader.agents.chat.sources import SourceError
from aitrader.storage.database import DatabaseOpenError, describe, open_database, sqlite_file


def open_readonly(target: str | Path) -> Engine:
    """A read-only engine on the journal `target`; SourceError when there is none to read."""
    file = sqlite_file(target)
    if file is not None and not file.exists():
        raise SourceError(f"no journal at {describe(target)}")
    try:
        return open_database(target, read_only=True)
    except DatabaseOpenError as exc:
        raise SourceError(str(exc)) from None

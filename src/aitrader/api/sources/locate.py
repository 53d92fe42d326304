"""Which journal `aitrader serve` attaches to: `--journal` when given, else the newest running
`demo` or `trade` (its session file, `live.session_file`), else the configured journal (the
environment, then aitrader.toml, then var/journal.sqlite) when it exists.

A session's journal held in a database whose URL has a password is stored with the password
masked; the URL then comes from AITRADER_DATABASE_URL, as `aitrader chat` does it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import ArgumentError

from aitrader.live.session_file import SessionInfo, newest_session
from aitrader.storage.database import describe, sqlite_file

if TYPE_CHECKING:
    from aitrader.config.settings import Settings


class LocateError(ValueError):
    """No journal to attach to; the message says what to start or give."""


@dataclass(frozen=True)
class Found:
    journal: str | Path
    session: SessionInfo | None
    line: str  # what was found, for the start-up line (a URL's password masked)


def locate(journal: str | None, settings: Settings, config: Path | None = None) -> Found:
    if journal is not None:
        return Found(_existing(journal), None, f"journal {describe(journal)}")
    session = newest_session()
    if session is not None:
        target: str | Path = session.journal
        if session.journal_masked:
            target = settings.journal
        return Found(_existing(target), session, f"the running {session.describe()}")
    from aitrader.config.run_settings import resolve_run

    configured = resolve_run(settings=settings, config=config).journal
    try:
        return Found(
            _existing(configured), None, f"journal {describe(configured)} (no running session found)"
        )
    except LocateError:
        raise LocateError(
            f"no running demo or trade session, and no journal at {describe(configured)}: start "
            "`aitrader demo` or `aitrader trade`, or give --journal PATH|URL"
        ) from None


def _existing(target: str | Path) -> str | Path:
    try:
        file = sqlite_file(target)
    except (ValueError, ArgumentError):
        raise LocateError(f"{describe(target)} is not a journal path or database URL") from None
    if file is not None and not file.exists():
        raise LocateError(f"no journal at {describe(target)}: give --journal the file a run wrote")
    return target

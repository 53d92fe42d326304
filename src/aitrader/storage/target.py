"""What a user gives as the journal: a SQLite file path or a database URL (`scheme://…`).

Told apart here without importing SQLAlchemy, so a command that may never open the journal (a chat
balance question) does not pay for it.
"""

from __future__ import annotations

import re
from pathlib import Path

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(target: str | Path | None) -> bool:
    """True for a database URL; a plain path, a `Path`, None and `:memory:` mean SQLite."""
    return isinstance(target, str) and _SCHEME.match(target) is not None

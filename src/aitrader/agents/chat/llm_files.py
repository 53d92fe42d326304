"""Files the LLM mode writes (the trace, the token budget): readable by this user only.

New folders are made 0700 and files 0600; an existing file with wider permissions is narrowed; a
symlink in the file's place is never followed (O_NOFOLLOW), so nobody can point the trace at
another file of yours."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def ensure_private_dir(path: Path) -> None:
    """Create `path`'s missing folders, readable only by this user (0700); existing ones are kept."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)


def open_private(path: Path, flags: int) -> int:
    """os.open for a private file: created 0600, narrowed to 0600 if it was wider, never via a symlink."""
    ensure_private_dir(path.parent)
    fd = os.open(path, flags | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
    try:
        if os.fstat(fd).st_mode & 0o077 and hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
    except OSError:
        os.close(fd)
        raise
    return fd

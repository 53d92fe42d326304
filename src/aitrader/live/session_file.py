"""Session files: how `aitrader chat` finds a running `demo` or `trade` to talk about.

A running demo or trade writes one JSON file, `<sessions dir>/<pid>.json`, created 0600 in a 0700
folder. The folder is `$AITRADER_SESSION_DIR` when set, else `$XDG_STATE_HOME/aitrader/sessions`
(by default `~/.local/state/aitrader/sessions`): per user, not per working directory, so a chat
started anywhere finds the bot. The file holds the venue's REST URL, the journal (an absolute path,
or a database URL with its password masked), the mode (demo, paper, testnet, live), the strategy,
the symbols, the pid and when it started. It never holds a real secret: only a demo session, whose
venue is the local exchange with the documented public test keys, names those keys so a chat can
read its account without any configuration. The file is removed when the run ends; one whose
process is gone (or whose pid now belongs to another process) is stale, ignored and removed.

Writing it must never delay or fail a trade: it is stdlib only, a few hundred bytes, and any error
is logged and ignored.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aitrader.live.config import RunConfig

log = logging.getLogger(__name__)
VERSION = 1
_PASSWORD = re.compile(r"(://[^:/@]*):[^@]*@")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def sessions_dir() -> Path:
    explicit = os.environ.get("AITRADER_SESSION_DIR")
    if explicit:
        return Path(explicit)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "aitrader" / "sessions"


def _process_start(pid: int) -> int | None:
    """When `pid` started, in clock ticks since boot (Linux); None where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


@dataclass(frozen=True)
class SessionInfo:
    pid: int
    mode: str  # demo | paper | testnet | live
    venue: str  # the venue's name as the run shows it (testnet, mainnet, local, local exchange)
    rest_url: str
    journal: str  # absolute path, or a database URL with the password masked
    strategy: str
    symbols: list[str]
    interval: str
    started_ms: int
    process_start: int | None = None  # /proc start time, tells a reused pid from ours
    log_path: str | None = None  # where a quiet run writes its log lines
    demo_keys: dict[str, str] | None = field(default=None, repr=False)  # the local exchange's public ones

    @property
    def journal_masked(self) -> bool:
        return ":***@" in self.journal

    def describe(self) -> str:
        """E.g. "demo (pid 4242, BTCUSDT 1m, confluence) on http://127.0.0.1:40123"."""
        return (
            f"{self.mode} (pid {self.pid}, {', '.join(self.symbols)} {self.interval}, {self.strategy}) "
            f"on {self.rest_url}"
        )

    def is_live(self) -> bool:
        if not _alive(self.pid):
            return False
        now = _process_start(self.pid)
        return self.process_start is None or now is None or now == self.process_start


def run_mode(cfg: RunConfig, demo: bool = False) -> str:
    if demo:
        return "demo"
    if cfg.paper:
        return "paper"
    return "testnet" if cfg.venue_name == "testnet" else "live"


def session_info(cfg: RunConfig, mode: str, log_path: Path | None = None) -> SessionInfo:
    """What a chat needs to know about the run `cfg` in this process."""
    journal = str(cfg.journal_path)
    if _URL.match(journal):
        journal = _PASSWORD.sub(r"\1:***@", journal)
    elif journal != ":memory:":
        journal = str(Path(journal).resolve())
    keys = None
    if mode == "demo":  # the demo has already imported the local exchange: no start-up cost here
        from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET

        if cfg.api_key == DEFAULT_API_KEY and cfg.secret == DEFAULT_SECRET:
            keys = {"api_key": DEFAULT_API_KEY, "api_secret": DEFAULT_SECRET}
    symbols = list(getattr(cfg, "symbols", None) or [cfg.symbol])  # several when a run trades several
    return SessionInfo(
        pid=os.getpid(),
        mode=mode,
        venue=cfg.venue_name,
        rest_url=cfg.rest_url,
        journal=journal,
        strategy=cfg.strategy,
        symbols=symbols,
        interval=cfg.interval.value,
        started_ms=int(time.time() * 1000),
        process_start=_process_start(os.getpid()),
        log_path=str(log_path) if log_path is not None else None,
        demo_keys=keys,
    )


def write_session(info: SessionInfo, folder: Path | None = None) -> Path | None:
    """Write `info` as `<folder>/<pid>.json` (0600); None, with a warning logged, if that failed."""
    try:
        folder = folder or sessions_dir()  # Path.home() raises for a uid without a home
    except Exception as exc:  # never fail a run for it
        log.warning("no folder for the session file (chat cannot attach to this run): %s", exc)
        return None
    path = folder / f"{info.pid}.json"
    tmp = folder / f".{info.pid}.json.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump({"version": VERSION, **asdict(info)}, f)
        os.replace(tmp, path)
        return path
    except Exception as exc:  # never fail a run for it
        log.warning("could not write the session file %s (chat cannot attach to this run): %s", path, exc)
        return None


def remove_session(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()


@contextlib.contextmanager
def published(info: SessionInfo, folder: Path | None = None) -> Iterator[Path | None]:
    """The session file exists while the block runs."""
    path = write_session(info, folder)
    try:
        yield path
    finally:
        remove_session(path)


@contextlib.contextmanager
def published_run(cfg: RunConfig, mode: str, log_path: Path | None = None) -> Iterator[Path | None]:
    """The session file of the run `cfg` in this process exists while the block runs (if it could
    be written: a failure is logged, never raised)."""
    try:
        info = session_info(cfg, mode, log_path)
    except Exception as exc:  # never fail a run for it
        log.warning("could not describe this run for its session file: %s", exc)
        yield None
        return
    with published(info) as path:
        yield path


def _read(path: Path) -> SessionInfo | None:
    try:
        raw: dict[str, Any] = json.loads(path.read_text())
        raw.pop("version", None)
        return SessionInfo(**raw)
    except (OSError, ValueError, TypeError):
        return None


def live_sessions(folder: Path | None = None) -> list[SessionInfo]:
    """Running sessions, newest first. Files of processes that are gone are removed."""
    folder = folder or sessions_dir()
    found: list[SessionInfo] = []
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        return []
    for path in paths:
        info = _read(path)
        if info is None:
            continue  # not ours, or unreadable: left alone
        if info.is_live():
            found.append(info)
        else:
            remove_session(path)
    return sorted(found, key=lambda s: s.started_ms, reverse=True)


def newest_session(folder: Path | None = None) -> SessionInfo | None:
    sessions = live_sessions(folder)
    return sessions[0] if sessions else None

"""Session files: a running demo or trade is findable by `aitrader chat`, privately (0600), without
real secrets, and a file whose process is gone is ignored and cleaned."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from aitrader.live.config import RunConfig
from aitrader.live.session_file import (
    SessionInfo,
    live_sessions,
    newest_session,
    published,
    published_run,
    run_mode,
    session_info,
    sessions_dir,
    write_session,
)
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET


def _info(pid: int, started_ms: int = 1, **kw: object) -> SessionInfo:
    fields: dict[str, object] = {
        "pid": pid,
        "mode": "paper",
        "venue": "testnet",
        "rest_url": "https://testnet.binance.vision",
        "journal": "/var/j.sqlite",
        "strategy": "confluence",
        "symbols": ["BTCUSDT"],
        "interval": "1m",
        "started_ms": started_ms,
    }
    fields.update(kw)
    return SessionInfo(**fields)  # type: ignore[arg-type]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_folder_is_per_user_unless_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AITRADER_SESSION_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert sessions_dir() == tmp_path / "state" / "aitrader" / "sessions"
    monkeypatch.setenv("AITRADER_SESSION_DIR", str(tmp_path / "here"))
    assert sessions_dir() == tmp_path / "here"


def test_a_published_session_is_private_and_removed_at_the_end(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    info = _info(os.getpid())
    with published(info, folder) as path:
        assert path == folder / f"{os.getpid()}.json"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert newest_session(folder) == info
    assert not path.exists()
    assert newest_session(folder) is None


def test_stale_sessions_are_ignored_and_cleaned(tmp_path: Path) -> None:
    dead = _dead_pid()
    write_session(_info(dead, started_ms=30), tmp_path)
    write_session(_info(os.getpid(), started_ms=20, process_start=1), tmp_path)  # a reused pid
    older = _info(os.getppid(), started_ms=5)
    write_session(older, tmp_path)
    (tmp_path / "notes.json").write_text("not a session")
    assert live_sessions(tmp_path) == [older]
    assert not (tmp_path / f"{dead}.json").exists()
    assert not (tmp_path / f"{os.getpid()}.json").exists()
    assert (tmp_path / "notes.json").exists()  # not ours: left alone
    newer = _info(os.getpid(), started_ms=10)
    write_session(newer, tmp_path)
    assert live_sessions(tmp_path) == [newer, older]
    assert newest_session(tmp_path) == newer


def test_a_write_that_fails_never_raises(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert write_session(_info(os.getpid()), blocked) is None
    assert "could not write the session file" in caplog.text


def test_what_a_trade_session_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cfg = RunConfig(symbol="ETHUSDT", strategy="momentum", api_key="real-key", secret="real-secret")
    info = session_info(cfg, run_mode(cfg))
    assert (info.mode, info.venue, info.symbols, info.strategy) == (
        "testnet",
        "testnet",
        ["ETHUSDT"],
        "momentum",
    )
    assert info.journal == str(tmp_path / "var" / "journal.sqlite")  # absolute: chat runs anywhere
    assert info.demo_keys is None
    assert run_mode(RunConfig(paper=True)) == "paper"
    assert run_mode(RunConfig(venue_name="mainnet")) == "live"
    url = RunConfig(journal_path="postgresql://bot:s3cret@db:5432/aitrader")
    masked = session_info(url, "live")
    assert masked.journal == "postgresql://bot:***@db:5432/aitrader"
    assert masked.journal_masked
    folder = tmp_path / "sessions"
    monkeypatch.setenv("AITRADER_SESSION_DIR", str(folder))
    with published_run(cfg, "testnet") as path:
        assert path is not None
        text = path.read_text()
        assert "real-key" not in text
        assert "real-secret" not in text
    assert not path.exists()


def test_a_demo_session_names_the_public_test_keys_only(tmp_path: Path) -> None:
    demo = RunConfig(api_key=DEFAULT_API_KEY, secret=DEFAULT_SECRET, venue_name="local exchange")
    info = session_info(demo, run_mode(demo, demo=True))
    assert info.mode == "demo"
    assert info.demo_keys == {"api_key": DEFAULT_API_KEY, "api_secret": DEFAULT_SECRET}
    other = RunConfig(api_key="someone-elses", secret="not-public", venue_name="local exchange")
    assert session_info(other, "demo").demo_keys is None
    assert "demo (pid" in info.describe()


def test_a_home_less_user_still_trades(monkeypatch: pytest.MonkeyPatch) -> None:
    """No folder for the session file (Path.home() raises for a uid without a home): the run goes on."""
    import aitrader.live.session_file as sf

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(sf, "sessions_dir", no_home)
    assert sf.write_session(_info(4242)) is None

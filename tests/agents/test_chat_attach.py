"""`aitrader chat` attaches to a running demo or trade by its session file, and `aitrader demo --chat`
chats in the same terminal while it trades, keeping the exchange up after the trading ends."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.agents.chat.factory import ChatOptions
from aitrader.cli.app import app
from aitrader.cli.commands.chat import attach_to_running
from aitrader.live.session_file import SessionInfo, live_sessions, write_session
from aitrader.venues.local import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    ExchangeThread,
    LocalExchangeConfig,
    run_local_exchange,
)


@pytest.fixture
def sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    for key in ("BINANCE_API_KEY", "BINANCE_API_SECRET", "AITRADER_REST_URL", "AITRADER_DATABASE_URL"):
        monkeypatch.delenv(key, raising=False)
    folder = tmp_path / "sessions"
    monkeypatch.setenv("AITRADER_SESSION_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def exchange() -> Iterator[ExchangeThread]:
    cfg = LocalExchangeConfig(accounts=[AccountConfig(balances={"USDT": Decimal(700), "BTC": Decimal(0)})])
    with run_local_exchange(cfg) as ex:
        yield ex


def _session(pid: int, rest_url: str, mode: str, **kw: object) -> SessionInfo:
    fields: dict[str, object] = {
        "pid": pid,
        "mode": mode,
        "venue": "testnet",
        "rest_url": rest_url,
        "journal": "/nowhere/journal.sqlite",
        "strategy": "confluence",
        "symbols": ["BTCUSDT", "ETHUSDT"],
        "interval": "1m",
        "started_ms": 1,
    }
    fields.update(kw)
    return SessionInfo(**fields)  # type: ignore[arg-type]


def test_a_trade_session_uses_the_keys_from_the_settings(
    sessions: Path, exchange: ExchangeThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_session(_session(os.getpid(), exchange.rest_url, "testnet"), sessions)
    monkeypatch.setenv("BINANCE_API_KEY", DEFAULT_API_KEY)
    monkeypatch.setenv("BINANCE_API_SECRET", DEFAULT_SECRET)
    r = CliRunner().invoke(app, ["chat", "--offline", "what's my USDT balance?"])
    assert r.exit_code == 0, r.output
    assert f"chat: attached to the running testnet (pid {os.getpid()}, BTCUSDT, ETHUSDT 1m" in r.output
    assert "Your USDT balance is 700.00" in r.output
    monkeypatch.delenv("BINANCE_API_KEY")  # a trade session never lends its keys
    r = CliRunner().invoke(app, ["chat", "--offline", "what's my USDT balance?"])
    assert r.exit_code == 1  # the account question cannot be answered (the journal's still can)
    assert "chat needs read access to the account" in r.output


def test_a_stale_session_is_ignored_and_cleaned(sessions: Path, exchange: ExchangeThread) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    keys = {"api_key": DEFAULT_API_KEY, "api_secret": DEFAULT_SECRET}
    path = write_session(_session(proc.pid, exchange.rest_url, "demo", demo_keys=keys), sessions)
    assert path is not None
    r = CliRunner().invoke(app, ["chat", "--offline", "balance"])
    assert r.exit_code == 1  # nothing to attach to: the configured venue, which has no keys here
    assert "attached" not in r.output
    assert not path.exists()


def test_options_given_win_over_the_session(sessions: Path) -> None:
    masked = "postgresql://bot:***@db/aitrader"
    keys = {"api_key": DEFAULT_API_KEY, "api_secret": DEFAULT_SECRET}
    write_session(
        _session(os.getpid(), "http://127.0.0.1:1", "demo", journal=masked, demo_keys=keys), sessions
    )
    opts = ChatOptions(api_key="mine", api_secret="mine-too")
    note = attach_to_running(opts)
    assert note is not None
    assert note.startswith(f"chat: attached to the running demo (pid {os.getpid()}")
    assert (opts.rest_url, opts.api_key, opts.journal) == ("http://127.0.0.1:1", "mine", None)
    r = CliRunner().invoke(app, ["chat", "--offline", "--no-attach", "balance"])
    assert "attached" not in r.output


class _Lines:
    """Lines a child process prints, read in the background so waiting on one never blocks."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._q: queue.Queue[str] = queue.Queue()
        assert proc.stdout is not None
        out = proc.stdout
        self._reader = threading.Thread(target=lambda: [self._q.put(line) for line in out], daemon=True)
        self._reader.start()

    def wait_for(self, text: str, timeout_s: float = 120.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not any(text in line for line in self.seen):
            try:
                self.seen.append(self._q.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"{text!r} never came; output so far:\n{''.join(self.seen)}") from None

    def all(self) -> str:
        """Everything, once the process has closed its output."""
        self._reader.join(timeout=60)
        while not self._q.empty():
            self.seen.append(self._q.get())
        return "".join(self.seen)


@pytest.mark.slow
def test_demo_chat_answers_while_trading_and_after(sessions: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    cmd = [sys.executable, "-m", "aitrader.cli.app", "demo", "--chat", "--max-candles", "3", "--speed", "300"]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    assert proc.stdin is not None
    lines = _Lines(proc)
    try:
        lines.wait_for("quiet mode")
        [demo] = live_sessions(sessions)
        assert (demo.pid, demo.mode, demo.symbols) == (proc.pid, "demo", ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
        assert demo.log_path is not None
        assert demo.log_path.endswith("demo.log")
        lines.wait_for("trading ended (processed 3 rounds of 3 symbols)")
        # from another terminal: attaches to the demo, whose exchange is still up
        other = CliRunner().invoke(app, ["chat", "--offline", "is the bot running?"])
        assert other.exit_code == 0, other.output
        assert (
            f"attached to the running demo (pid {proc.pid}, BTCUSDT, ETHUSDT, SOLUSDT 1m, confluence)"
            in other.output
        )
        assert "last candle" in other.output
        proc.stdin.write("what's my USDT balance?\nexit\n")
        proc.stdin.close()
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    text = lines.all()
    assert proc.returncode == 0, text
    assert "Your USDT balance is" in text
    assert "run summary (processed 3 rounds of 3 symbols)" in text
    assert live_sessions(sessions) == []
    assert Path(demo.log_path).read_text().count("run summary") == 1

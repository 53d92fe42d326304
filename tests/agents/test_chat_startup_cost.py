"""What a chat question costs besides the answer: the journal is opened on the first journal question,
and a real-time venue's clock is asked once per session (again only after a -1021)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import ccxt
import pytest

from aitrader.agents.chat.ccxt_source import CcxtAccountSource


def test_a_balance_question_never_imports_the_journal_readers(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite"
    journal.write_bytes(b"")
    code = (
        "import sys; from pathlib import Path; from aitrader.agents.chat.factory import open_journal; "
        f"j = open_journal(Path({str(journal)!r})); "
        "print(type(j).__name__, 'sqlalchemy' in sys.modules, 'aitrader.agents.chat.bot_journal' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["LazyJournal", "False", "False"]


class _Clock:
    def __init__(self, source: CcxtAccountSource, venue_offset_ms: int) -> None:
        self.calls = 0
        self.source = source
        self.offset = venue_offset_ms

    def fetch_time(self) -> int:
        self.calls += 1
        return int(self.source.ex.milliseconds()) - self.offset


def _source(monkeypatch: pytest.MonkeyPatch, venue_offset_ms: int) -> tuple[CcxtAccountSource, _Clock]:
    src = CcxtAccountSource("key", "secret", rest_url="http://127.0.0.1:9")
    clock = _Clock(src, venue_offset_ms)
    monkeypatch.setattr(src.ex, "load_markets", lambda *a, **k: {})
    monkeypatch.setattr(src.ex, "fetch_time", clock.fetch_time)
    return src, clock


def test_a_real_time_venue_is_asked_for_its_clock_once(monkeypatch: pytest.MonkeyPatch) -> None:
    src, clock = _source(monkeypatch, venue_offset_ms=350)
    first = src.server_time_ms()
    for _ in range(5):
        assert src.server_time_ms() >= first
    assert clock.calls == 1
    assert src.ex.options["timeDifference"] == 350
    assert src.ex.options["adjustForTimeDifference"] is False  # load_markets does not sync again


def test_a_replaying_venue_is_asked_every_question(monkeypatch: pytest.MonkeyPatch) -> None:
    src, clock = _source(monkeypatch, venue_offset_ms=3 * 365 * 86_400_000)
    for _ in range(3):
        src.server_time_ms()
    assert clock.calls == 3


def test_a_1021_resyncs_the_clock_and_retries_once(monkeypatch: pytest.MonkeyPatch) -> None:
    src, clock = _source(monkeypatch, venue_offset_ms=200)
    src.server_time_ms()
    attempts: list[int] = []

    def signed_call() -> Any:
        attempts.append(1)
        if len(attempts) == 1:
            raise ccxt.InvalidNonce('binance {"code":-1021,"msg":"Timestamp for this request is outside"}')
        return {"ok": True}

    assert src._call(signed_call) == {"ok": True}
    assert len(attempts) == 2
    assert clock.calls == 2

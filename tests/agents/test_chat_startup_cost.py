"""What a chat question costs besides the answer: a one-shot question imports none of the heavy
libraries (ccxt, SQLAlchemy, pandas, numpy, the OpenAI client, TA-Lib, aiohttp, …), whether it names the
venue or attaches to a running session, and the journal is opened on the first journal question.
How long it takes is measured in benchmarks/chat_startup.py, not asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aitrader.live.session_file import SessionInfo, write_session
from aitrader.venues.local import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    ExchangeThread,
    LocalExchangeConfig,
    run_local_exchange,
)

# Packages (and our own heavy modules) a balance question must never load. numpy and onnxruntime
# are not among them: the intent model understands every question (agents/chat/intent_model.py).
HEAVY = (
    "ccxt",
    "sqlalchemy",
    "pandas",
    "openai",
    "httpx",
    "talib",
    "scipy",
    "pyarrow",
    "plotly",
    "optuna",
    "aiohttp",
    "requests",
    "torch",
    "aitrader.venues.local",
    "aitrader.venues.binance",
    "aitrader.features",
    "aitrader.engine",
    "aitrader.strategies",
    "aitrader.agents.chat.bot_journal",
    "aitrader.agents.chat.llm",
)
_RUN_CLI = """
import json, sys
from aitrader.cli.app import app
try:
    app(sys.argv[1:], prog_name="aitrader")
except SystemExit as exc:
    code = exc.code
heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in {heavy!r}))
print("LOADED=" + json.dumps(heavy))
"""


@pytest.fixture(scope="module")
def exchange() -> Iterator[ExchangeThread]:
    from decimal import Decimal

    cfg = LocalExchangeConfig(
        accounts=[AccountConfig(balances={"USDT": Decimal(500), "BTC": Decimal("0.5")})]
    )
    with run_local_exchange(cfg) as ex:
        yield ex


def _one_shot(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[str, str, list[str]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BINANCE_", "AITRADER_"))}
    proc = subprocess.run(
        [sys.executable, "-c", _RUN_CLI.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        cwd=cwd,  # no .env of the checkout
        env={**clean, **env},
        timeout=120,
    )
    out, _, loaded = proc.stdout.rpartition("LOADED=")
    assert loaded, proc.stderr
    return out, proc.stderr, json.loads(loaded)


def test_a_one_shot_question_imports_nothing_heavy(exchange: ExchangeThread, tmp_path: Path) -> None:
    args = ["chat", "--offline", "--rest-url", exchange.rest_url, "--journal", str(tmp_path / "none.sqlite")]
    env = {"BINANCE_API_KEY": DEFAULT_API_KEY, "BINANCE_API_SECRET": DEFAULT_SECRET}
    out, err, loaded = _one_shot([*args, "what's my BTC balance?"], tmp_path, env)
    assert out.startswith("Your BTC balance is 0.5 (free: 0.5, locked: 0"), err
    assert loaded == []


def test_attaching_to_a_running_demo_imports_nothing_heavy(exchange: ExchangeThread, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    demo = SessionInfo(
        pid=os.getpid(),  # this test process stands in for the running demo
        mode="demo",
        venue="local exchange",
        rest_url=exchange.rest_url,
        journal=str(tmp_path / "journal.sqlite"),
        strategy="confluence",
        symbols=["BTCUSDT"],
        interval="1m",
        started_ms=1,
        demo_keys={"api_key": DEFAULT_API_KEY, "api_secret": DEFAULT_SECRET},
    )
    assert write_session(demo, sessions) is not None
    out, err, loaded = _one_shot(
        ["chat", "--offline", "what's my BTC balance?"], tmp_path, {"AITRADER_SESSION_DIR": str(sessions)}
    )
    assert out.startswith("Your BTC balance is 0.5 "), err
    assert err.strip() == (
        f"chat: attached to the running demo (pid {os.getpid()}, BTCUSDT 1m, confluence) on "
        f"{exchange.rest_url} (--rest-url or --no-attach to choose another venue)"
    )
    assert loaded == []


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

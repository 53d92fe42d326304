"""`aitrader trade` refuses clearly without keys or without the mainnet opt-in; `aitrader demo`
trades the local replay and ends by itself with exit code 0 and a summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    for key in ("BINANCE_API_KEY", "BINANCE_API_SECRET", "AITRADER_VENUE", "AITRADER_ALLOW_MAINNET"):
        monkeypatch.delenv(key, raising=False)
    return tmp_path


def test_trade_without_keys_says_what_to_do(clean_env: Path) -> None:
    result = CliRunner().invoke(app, ["trade", "--no-view"])
    assert result.exit_code == 1
    assert "BINANCE_API_KEY" in result.output
    assert "Traceback" not in result.output


def test_mainnet_needs_the_opt_in_and_the_flag(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_VENUE", "mainnet")
    refused = CliRunner().invoke(app, ["trade", "--no-view"])
    assert refused.exit_code == 1
    assert "AITRADER_ALLOW_MAINNET" in refused.output
    monkeypatch.setenv("AITRADER_ALLOW_MAINNET", "true")
    no_flag = CliRunner().invoke(app, ["trade", "--no-view"])
    assert no_flag.exit_code == 1
    assert "--mainnet" in no_flag.output
    monkeypatch.setenv("BINANCE_API_KEY", "k")
    monkeypatch.setenv("BINANCE_API_SECRET", "s")
    wrong = CliRunner().invoke(app, ["trade", "--no-view", "--mainnet"], input="ETHUSDT\n")
    assert wrong.exit_code == 1
    assert "did not match" in wrong.output


def test_forget_plan_abandons_only_a_pending_plan_without_orders(clean_env: Path) -> None:
    from decimal import Decimal

    from aitrader.live.journal import LiveJournal

    path = clean_env / "journal.sqlite"
    book = LiveJournal(path)
    for plan_id in ("LOST", "SENT"):
        book.add_plan(plan_id, 1, "BTCUSDT", "BUY", f"at-{plan_id}-1E", Decimal(28000), Decimal(27500), [])
    book.order_intent("at-SENT-1E", "SENT", 1, "E", "BTCUSDT", "BUY", "MARKET", Decimal("0.01"))
    book.close()
    sent = CliRunner().invoke(app, ["trade", "--forget-plan", "SENT", "--journal", str(path)])
    assert sent.exit_code == 1
    assert "only a pending plan without any order" in sent.output
    missing = CliRunner().invoke(app, ["trade", "--forget-plan", "NOPE", "--journal", str(path)])
    assert missing.exit_code == 1
    lost = CliRunner().invoke(app, ["trade", "--forget-plan", "LOST", "--journal", str(path)])
    assert lost.exit_code == 0, lost.output
    book = LiveJournal(path)
    assert book.plan("LOST").status == "abandoned"  # type: ignore[union-attr]
    assert book.plan("SENT").status == "pending_entry"  # type: ignore[union-attr]


def test_demo_trades_and_ends_by_itself(clean_env: Path) -> None:
    result = CliRunner().invoke(
        app, ["demo", "--max-candles", "12", "--max-runtime", "120", "--speed", "120", "--no-view"]
    )
    assert result.exit_code == 0, result.output
    assert "run summary" in result.output
    assert "entry filled" in result.output
    assert "protected" in result.output

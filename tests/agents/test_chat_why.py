"""The "why" answer's parts: a rationale that embeds its own evidence and stop/targets is shown once."""

from __future__ import annotations

from decimal import Decimal

from aitrader.agents.chat.models import DecisionView
from aitrader.agents.chat.tool_io import WhyOut
from aitrader.agents.chat.why_text import evidence_value, split_rationale, why

DEMO = (
    "confluence long at 28044.05: regime trend_up (traded: longs trade trend_up); volume well above its "
    "20-bar average. Stop 27940.42, targets 28251.30 (50%), 28406.74 (50%). Evidence: close=28044.05, "
    "ema_fast=27974.631, rsi=68.362525, regime=trend_up."
)


def test_split_rationale_drops_the_evidence_and_stop_sentences() -> None:
    text, evidence = split_rationale(DEMO)
    assert text == (
        "confluence long at 28044.05: regime trend_up (traded: longs trade trend_up); volume well above "
        "its 20-bar average"
    )
    assert evidence == {
        "close": "28044.05",
        "ema_fast": "27974.631",
        "rsi": "68.362525",
        "regime": "trend_up",
    }


def test_evidence_values_are_rounded_for_reading() -> None:
    assert evidence_value(27974.63065) == "27,974.63"
    assert evidence_value(6.553327) == "6.55333"
    assert evidence_value("trend_up") == "trend_up"
    assert evidence_value(True) == "True"


def test_why_uses_the_text_evidence_when_the_journal_kept_none() -> None:
    d = DecisionView(
        proposal_id="r:1", time_ms=1_679_251_000_000, symbol="BTCUSDT", side="BUY", strategy="confluence",
        rationale=DEMO, stop_price=Decimal("27940.42"), targets=[Decimal("28251.3"), Decimal("28406.74")],
        target_fractions=[Decimal("0.5"), Decimal("0.5")], verdict="approved",
        risk_quote=Decimal("33.43"), risk_pct=Decimal("0.334"),
    )  # fmt: skip
    text, table = why(WhyOut(decision=d, asked="latest decision", quote="USDT"))
    assert "Evidence" not in text
    assert ".." not in text
    assert text.count("27940.42") == 0
    assert "Risk gate: approved, risk 33.43 USDT, 0.33% of equity." in text
    assert "Stop 27,940.42; targets 28,251.30 (50%), 28,406.74 (50%)." in text
    assert table is not None
    assert table.rows[0] == ["close", "28,044.05"]
    assert table.rows[-1] == ["regime", "trend_up"]

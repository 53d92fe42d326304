"""The offline debate on real BTCUSDT 1h bars: deterministic, a clearly bullish bar enters with a
protective stop and a target, a clearly bearish one does not enter and exits a held long, and the
thresholds decide."""

from __future__ import annotations

import msgspec
import pytest
from debate_kit import BEARISH_BAR, BULLISH_BAR, bar_at, btc_features, long_book

from aitrader.agents.debate import DebateParams, DebateRecord, DebateStrategy, proposals_of
from aitrader.agents.debate.arbiter import DEBATE_WEIGHT
from aitrader.domain import Side
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Enter, Exit
from aitrader.strategies.base import MarketView, Strategy


def _debate(when: str, params: DebateParams | None = None, book=EMPTY_BOOK) -> DebateRecord:
    f = btc_features()
    return DebateStrategy(params).deliberate(MarketView(f, bar_at(f, when)), book)


def test_it_is_a_strategy_named_debate() -> None:
    s = DebateStrategy()
    assert isinstance(s, Strategy)
    assert s.name == "debate"
    assert s.warmup > 200


def test_the_same_snapshot_gives_a_byte_identical_record() -> None:
    a = _debate(BULLISH_BAR)
    b = _debate(BULLISH_BAR)  # a fresh strategy, the same bar
    assert a.to_json() == b.to_json()
    assert DebateRecord.from_json(a.to_json()) == a
    f = btc_features()
    i = bar_at(f, BULLISH_BAR)
    # a prefix of the history ending at the bar: the analysts see the same past, so the same debate
    prefix = DebateStrategy().features(f.candles.slice(0, i + 1))
    c = DebateStrategy().deliberate(MarketView(prefix, i), EMPTY_BOOK)
    assert c.to_json() == a.to_json()


def test_a_clearly_bullish_bar_asks_the_gate_for_a_long_with_stop_and_target() -> None:
    record = _debate(BULLISH_BAR)
    assert record.conviction >= record.threshold
    assert record.verdict.action == "enter"
    f = btc_features()
    i = bar_at(f, BULLISH_BAR)
    (p,) = proposals_of(record, int(f.candles.open_time[i]))
    assert isinstance(p, Enter)
    assert p.side is Side.BUY
    assert p.strategy == "debate"
    assert p.symbol == "BTCUSDT"
    assert p.stop < p.price < p.targets[0].price
    assert p.price == pytest.approx(float(f.candles.close[i]))
    atr = float(f["atr_14"][i])
    assert p.price - p.stop == pytest.approx(2.0 * atr)  # the default 2 ATR stop
    assert p.targets[0].price - p.price == pytest.approx(2.0 * (p.price - p.stop))  # 2R
    assert not hasattr(p, "quantity")
    assert not hasattr(p, "qty")
    assert p.evidence["conviction"] == record.conviction
    assert p.evidence["snapshot_id"] == record.snapshot_id
    assert "clears the threshold" in p.rationale


def test_the_debate_quotes_figures_and_rebuts_for_the_rounds_asked() -> None:
    record = _debate(BULLISH_BAR)
    bull = record.turns_of("bull")
    bear = record.turns_of("bear")
    assert len(bull) == len(bear) == 1 + 2  # the opening and two rebuttal rounds
    assert [t.round for t in record.rounds] == [0, 0, 1, 1, 2, 2, 3]
    assert record.rounds[-1].speaker == "arbiter"
    opening = bull[0]
    assert opening.text.startswith("Bull case for buying:")
    # the opening names its items and quotes their figures
    top = opening.evidence[0]
    analyst, item = top.split(".", 1)
    ev = next(e for r in record.reports if r.analyst == analyst for e in r.evidence if e.name == item)
    assert ev.weight > 0
    assert f"{ev.value:.2f}" in opening.text
    assert all(t.engine == "offline" and t.fallback == "" for t in record.rounds)
    # what the debate adds is bounded: it cannot carry a neutral panel over the threshold
    assert abs(record.debate_edge) <= DEBATE_WEIGHT
    assert record.conviction == pytest.approx(max(-1.0, min(1.0, record.base_score + record.debate_edge)))


def test_more_rounds_mean_more_rebuttals_and_zero_rounds_only_the_openings() -> None:
    none = _debate(BULLISH_BAR, DebateParams(rounds=0))
    assert [t.speaker for t in none.rounds] == ["bull", "bear", "arbiter"]
    assert none.debate_edge == 0.0
    assert none.conviction == pytest.approx(none.base_score)
    four = _debate(BULLISH_BAR, DebateParams(rounds=4))
    assert len(four.turns_of("bear")) == 5


def test_a_clearly_bearish_bar_does_not_enter_and_exits_a_held_long() -> None:
    flat = _debate(BEARISH_BAR)
    assert flat.conviction < flat.exit_threshold < flat.threshold
    assert flat.verdict.action == "none"
    assert "below the entry threshold" in flat.verdict.rationale
    f = btc_features()
    i = bar_at(f, BEARISH_BAR)
    close = float(f.candles.close[i])
    book = long_book("BTCUSDT", entry=close * 1.05, stop=close * 0.9)
    held = DebateStrategy().deliberate(MarketView(f, i), book)
    assert held.holding
    assert held.verdict.action == "exit"
    (p,) = proposals_of(held, int(f.candles.open_time[i]))
    assert isinstance(p, Exit)
    assert p.fraction == 1.0
    assert p.strategy == "debate"
    assert "exit threshold" in p.reason
    # and on_bar says the same: the exit screen passes this bar
    assert DebateStrategy().on_bar(MarketView(f, i), book) == (p,)


def test_the_threshold_is_respected() -> None:
    record = _debate(BULLISH_BAR)
    c = record.conviction
    just_above = min(1.0, c + 1e-6)
    assert _debate(BULLISH_BAR, DebateParams(threshold=just_above)).verdict.action == "none"
    assert _debate(BULLISH_BAR, DebateParams(threshold=c)).verdict.action == "enter"
    # the threshold changes only the decision, never the numbers
    other = _debate(BULLISH_BAR, DebateParams(threshold=just_above))
    assert other.conviction == c
    assert other.threshold == just_above


def test_the_risk_analyst_can_veto_new_risk() -> None:
    base = _debate(BULLISH_BAR)
    risk = next(r for r in base.reports if r.analyst == "risk")
    stretched = msgspec.structs.replace(risk, score=-0.8, summary="Too much exposure already.")
    from aitrader.agents.debate.arbiter import Rules, decide, weigh
    from aitrader.agents.debate.researchers import plan_debate

    reports = tuple(stretched if r.analyst == "risk" else r for r in base.reports)
    plan = plan_debate(reports, 2)
    verdict = decide(1.0, weigh(reports, plan), Rules(), reports, plan, price=100.0, atr=2.0, holding=False)
    assert verdict.action == "none"
    assert "vetoes new risk" in verdict.rationale
    # a veto is about new risk: it does not stop an exit
    out = decide(-0.5, weigh(reports, plan), Rules(), reports, plan, price=100.0, atr=2.0, holding=True)
    assert out.action == "exit"


def test_parameters_are_checked() -> None:
    with pytest.raises(ValueError, match="exit_threshold"):
        DebateParams(threshold=0.2, exit_threshold=0.3)
    with pytest.raises(ValueError, match="unknown: astrology"):
        DebateParams(analysts=("technical", "astrology"))
    assert DebateParams(analysts="technical, risk").analysts == ("technical", "risk")  # type: ignore[arg-type]
    record = _debate(BULLISH_BAR, DebateParams(analysts=("technical", "volume_flow")))
    assert [r.analyst for r in record.reports] == ["technical", "volume_flow"]


def test_a_trailing_window_of_warmup_bars_decides_as_the_whole_history() -> None:
    """What live trading recomputes over (`warmup` bars) gives the same debate, byte for byte."""
    f = btc_features()
    s = DebateStrategy()
    for when in (BULLISH_BAR, BEARISH_BAR):
        i = bar_at(f, when)
        window = s.features(f.candles.slice(i + 1 - s.warmup, i + 1))
        whole = s.deliberate(MarketView(f, i), EMPTY_BOOK)
        tail = s.deliberate(MarketView(window, len(window) - 1), EMPTY_BOOK)
        assert tail.to_json() == whole.to_json()


def test_drain_hands_over_each_debate_once_in_order() -> None:
    f = btc_features()
    s = DebateStrategy()
    i = bar_at(f, BULLISH_BAR)
    assert s.drain_deliberations() == []
    s.on_bar(MarketView(f, i), EMPTY_BOOK)
    s.on_bar(MarketView(f, bar_at(f, BEARISH_BAR)), EMPTY_BOOK)  # not an entry bar: no debate
    s.deliberate(MarketView(f, i - 1), EMPTY_BOOK)
    drained = s.drain_deliberations()
    assert [r.time_ms for r in drained] == [
        int(f.candles.open_time[i]) + 3_600_000,
        int(f.candles.open_time[i - 1]) + 3_600_000,
    ]
    # as the kernel journals them: the decider, the verdict line and the whole record
    assert {d.decider for d in drained} == {"debate"}
    record = DebateRecord.from_json(drained[0].payload)
    assert record.time_ms == drained[0].time_ms
    assert record.snapshot_id == drained[0].snapshot_id
    assert drained[0].verdict == record.verdict.rationale
    assert s.drain_deliberations() == []

"""`market_view` on the real samples: what `decide` and `analyze` say, only the bars given, grounded text."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from aitrader.agents.chat.grounding import ungrounded
from aitrader.agents.chat.llm_facts import Evidence
from aitrader.agents.chat.llm_figures import Vocabulary
from aitrader.agents.chat.market_view import bars_needed, market_view, market_view_text
from aitrader.agents.chat.market_view_models import MarketView
from aitrader.cli.app import app
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms, parse_time
from aitrader.features.snapshot import snapshot
from aitrader.features.snapshot_read import nearest_levels, regime_label

runner = CliRunner()
WIDE = {"COLUMNS": "300"}
PAIRS = {"BTCUSDT": ("BTC", "USDT"), "ETHUSDT": ("ETH", "USDT"), "SOLUSDT": ("SOL", "USDT")}


def not_grounded(text: str, view: MarketView) -> list[str]:
    """The figures of `text` that the view's JSON does not back, checked as the LLM mode checks an
    answer against the market-analysis tool's result (value, unit and kind together)."""
    evidence = Evidence(split_symbol=PAIRS.get, default_quote="USDT")
    evidence.add("get_market_analysis", {"view": view.model_dump(mode="json")}, [])
    return ungrounded(text, evidence, Vocabulary(frozenset({"BTC", "ETH", "SOL", "USDT"}), PAIRS.get))


def upto(c: Candles, when: str) -> Candles:
    """The bars opened at or before `when` (the bar `decide --at` decides on is the last)."""
    return c.between(end_ms=parse_time(when) + 1)


def decide_rows(args: list[str]) -> dict[str, tuple[bool, bool]]:
    """`decide`'s conditions table: row text -> (long held, short held)."""
    r = runner.invoke(app, ["decide", *args], env=WIDE)
    assert r.exit_code == 0, r.output
    assert "No signal on this bar" in r.output
    table = r.output.split("Conditions:")[1].split("└")[0]
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) == 3 and cells[1] in ("held", "failed"):
            rows[cells[0]] = (cells[1] == "held", cells[2] == "held")
    return rows


@pytest.mark.parametrize(
    ("symbol", "tf", "strategy", "when"),
    [
        ("BTCUSDT", "1h", "confluence", "2024-04-21 14:00"),
        ("BTCUSDT", "1h", "momentum", "2022-01-05 10:00"),
        ("BTCUSDT", "1m", "confluence", "2023-04-20 12:00"),
    ],
)
def test_conditions_are_the_ones_decide_prints(
    symbol: str, tf: str, strategy: str, when: str, btc_1m: Candles, btc_1h: Candles
) -> None:
    rows = decide_rows(["--symbol", symbol, "--timeframe", tf, "-s", strategy, "--at", when])
    history = upto(btc_1h if tf == "1h" else btc_1m, when)
    full = market_view(history, strategy)  # the whole history, as decide reads it
    fetched = market_view(history.tail(bars_needed(strategy, history.timeframe)), strategy)
    analysis = {"bar_time", "close", "regime", "indicators", "support", "resistance", "levels"}
    assert fetched.model_dump(include=analysis) == full.model_dump(include=analysis)
    for view in (full, fetched):
        assert view.ready, view.message
        assert view.bar_time == f"{when} UTC"
        s = view.strategy
        assert s is not None
        assert s.signal is None
        assert [(c.held, d.held) for c, d in zip(s.long.conditions, s.short.conditions, strict=True)] == list(
            rows.values()
        )
        assert s.long.held == sum(held for held, _ in rows.values())
        assert s.regime in next(iter(rows))  # "regime is trend_up (...)"
        failed = [c for c in s.long.conditions if not c.held]
        assert len(s.long.to_enter) == len(failed)


def test_a_signal_bar_gives_the_proposal_decide_prints(btc_1m: Candles) -> None:
    # a 1m bar whose targets clear the costs condition (3x the round trip's fees and slippage); on
    # 2023-05-05 00:54, the bar used before that condition, every other condition holds but costs
    r = runner.invoke(
        app, ["decide", "--symbol", "BTCUSDT", "--timeframe", "1m", "--at", "2023-05-03 22:07"], env=WIDE
    )
    assert r.exit_code == 0, r.output
    view = market_view(upto(btc_1m, "2023-05-03 22:07"))
    s = view.strategy
    assert s is not None
    assert s.signal is not None
    assert s.signal.side == "long"
    assert "ENTER LONG" in r.output
    assert f"stop           │ {s.signal.stop:.2f}" in r.output
    for k, t in enumerate(s.signal.targets, 1):
        assert f"target {k}       │ {t:.2f}" in r.output
    assert s.long.signal
    assert s.long.held == s.long.total
    assert s.long.to_enter == []
    text = market_view_text(view)
    assert "confluence: enter long now at 29,070.61" in text
    assert not_grounded(text, view) == []


def test_only_the_candles_given_are_read(btc_1h: Candles) -> None:
    window = btc_1h.between(parse_time("2021-06-01"), parse_time("2022-01-01"))
    t = parse_time("2021-11-10 13:00")  # the bar opening then closes at 13:59:59.999
    cut = market_view(upto(window, "2021-11-10 13:00"))
    later_bars_present = market_view(window, now_ms=Timeframe.H1.close_time(t))
    assert cut == later_bars_present
    assert cut.bar_time_ms == t
    still_open = market_view(window, now_ms=Timeframe.H1.close_time(t) - 1)
    assert still_open == market_view(upto(window, "2021-11-10 12:00"))
    assert still_open.bar_time_ms == t - Timeframe.H1.duration_ms


def test_regime_and_levels_are_the_snapshots_and_what_analyze_prints(btc_1h: Candles) -> None:
    view = market_view(btc_1h, now_ms=parse_time("2023-06-01 12:00"))  # the 11:00 bar is the last closed
    s = snapshot(upto(btc_1h, "2023-06-01 11:00"))
    assert view.regime is not None
    assert view.regime.name == regime_label(s.regime)
    assert view.regime.adx_14 == round(s.regime_inputs["adx"], 1)
    assert [lv.price for lv in view.levels] == [
        round(lv.price, 2) for lv in sorted(s.levels, key=lambda x: -x.price)
    ]
    support, resistance = nearest_levels(s)
    assert support is not None
    assert view.support is not None
    assert view.support.price == round(support.price, 2)
    assert resistance is not None
    assert view.resistance is not None
    assert view.resistance.price == round(resistance.price, 2)
    assert view.support.price < (view.close or 0) < view.resistance.price
    assert [h.timeframe for h in view.higher] == list(s.higher)
    r = runner.invoke(
        app, ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1h", "--at", "2023-06-01 12:00"], env=WIDE
    )
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert view.bar_time == "2023-06-01 11:00 UTC"
    assert f"opened {format_ms(view.bar_time_ms or 0)} UTC" in first
    assert f"close {view.close:,.2f}" in first
    assert f"regime {view.regime.name}" in first


def views(btc_1m: Candles, btc_1h: Candles) -> list[MarketView]:
    out = []
    for strategy in ("confluence", "momentum", "range", "levels"):
        for c, when in (
            (btc_1h, "2020-03-12 09:00"),
            (btc_1h, "2024-04-21 14:00"),
            (btc_1m, "2023-04-12 16:30"),
        ):
            out.append(market_view(upto(c, when).tail(4000), strategy))
    return out


def test_every_figure_of_the_text_is_in_the_json(btc_1m: Candles, btc_1h: Candles) -> None:
    for view in views(btc_1m, btc_1h):
        text = market_view_text(view)
        assert 4 <= len(text.splitlines()) <= 8, text
        assert not_grounded(text, view) == [], text
        assert view.model_validate_json(view.model_dump_json()) == view


def test_what_would_make_it_enter_names_each_failed_condition_with_its_threshold(btc_1h: Candles) -> None:
    view = market_view(upto(btc_1h, "2024-04-21 14:00").tail(4000))
    s = view.strategy
    assert s is not None
    by_key = {c.key: c for c in s.long.conditions}
    assert not by_key["rsi"].held
    assert by_key["costs"].held  # on 1h the targets earn 3x the round trip's fees and slippage
    rsi = [n for n in by_key["rsi"].any_of[0] if not n.held]
    assert [n.threshold for n in rsi] == [55.0]  # confluence's rsi_floor
    assert rsi[0].text == f"RSI 14 above 55.0, now {rsi[0].value}"
    assert any(change.startswith("RSI 14 above 55.0") for change in s.long.to_enter)
    breakout = by_key["breakout"].any_of[0][0]
    assert breakout.text.startswith("close above 65,695.56 (30-bar high)")  # the range_high decide prints
    text = market_view_text(view)
    # regime, trend, placement and costs hold (costs: the targets earn 3x the round trip's costs)
    assert "confluence: no entry now — long: 4 of 8 conditions hold." in text
    assert "It would go long on: " in text


def test_too_few_bars_says_how_many_are_needed(btc_1h: Candles) -> None:
    needed = bars_needed("confluence", Timeframe.H1)
    assert needed == 2964  # EMA 200 and the regime's 2,880-bar volatility history (confluence: 781)
    short = market_view(btc_1h.tail(500))
    assert not short.ready
    assert short.bars == 500
    assert short.bars_needed == needed
    text = market_view_text(short)
    assert text == (
        "BTCUSDT 1h: not enough history: 500 closed 1h bars given, 2,964 needed "
        "(confluence warm-up 781 bars; indicators and regime 2,964 bars)."
    )
    assert not_grounded(text, short) == []
    assert market_view(btc_1h.tail(needed)).ready
    assert not market_view(btc_1h.tail(needed - 1)).ready
    assert not market_view(Candles.empty("BTCUSDT", Timeframe.H1)).ready
    assert bars_needed("nope", Timeframe.H1) == needed  # the error comes with the view, not here
    unknown = market_view(btc_1h.tail(500), "nope")
    assert not unknown.ready
    assert "unknown strategy 'nope'" in unknown.message

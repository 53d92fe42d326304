"""No analyst sees the future: a report from the whole history's columns at bar i is byte for byte
the report from candles (and peers, context series, text items) cut at bar i's close. And the
columns over a trailing window of `analyst_warmup` bars end where the whole history's do (live)."""

from __future__ import annotations

import math

import msgspec
import numpy as np
import pytest
from analyst_fixtures import (
    Peers,
    bar_at,
    cut_peers,
    features_of,
    long,
    ms,
    nifty50,
    sample_features,
)

from aitrader.agents.analysts import COLUMNS, DEFAULT_PANEL, analyst_warmup, build_analyst
from aitrader.agents.snapshot import ContextData, Snapshot, TextItem, closed_by
from aitrader.domain.position import StaticBook
from aitrader.strategies.base import Features, MarketView

HEADLINES = (
    ("2020-03-12 10:00", "Bitcoin plunges as global markets crash", ("BTC",)),
    ("2020-03-13 02:00", "Crypto lender halts withdrawals after liquidations", ()),
    ("2021-05-19 09:00", "Bitcoin crashes below $40,000 as China repeats ban", ("BTC",)),
    ("2021-05-19 16:00", "Bitcoin rebounds sharply from the lows", ("BTC",)),
    ("2021-05-20 08:00", "Bitcoin rally resumes, bullish traders return", ("BTCUSDT",)),
    ("2023-04-12 01:00", "Ethereum upgrade goes live, staking withdrawals open", ("ETH",)),
    ("2023-04-12 05:00", "Ether surges after the upgrade", ("ETH",)),
)


def _texts() -> tuple[TextItem, ...]:
    return tuple(
        TextItem(published_ms=ms(t), source="test", title=title, symbols=s) for t, title, s in HEADLINES
    )


def _reports(snap: Snapshot) -> list[bytes]:
    return [msgspec.json.encode(build_analyst(n).analyze(snap)) for n in DEFAULT_PANEL]


def _assert_no_future(
    full: Features, i: int, peers: dict[str, Features], context: ContextData, book: StaticBook
) -> list[bytes]:
    rejections = ("correlated_exposure: correlated same-side positions hold too much",)
    whole = Snapshot.take(MarketView(full, i, Peers(peers)), book, context, rejections)
    close_ms = whole.close_ms
    cut_context = ContextData(
        series={k: closed_by(s, close_ms) for k, s in context.series.items()},
        texts=tuple(t for t in context.texts if t.published_ms <= close_ms),
    )
    prefix = features_of(full.candles.slice(0, i + 1))
    cut = Snapshot.take(MarketView(prefix, i, cut_peers(peers, close_ms)), book, cut_context, rejections)
    assert whole.snapshot_id == cut.snapshot_id
    got_whole, got_cut = _reports(whole), _reports(cut)
    for name, a, b in zip(DEFAULT_PANEL, got_whole, got_cut, strict=True):
        assert a == b, f"{name} at bar {i} differs with the future removed"
    return got_whole


@pytest.mark.parametrize(
    "when", ["2017-08-19 06:00", "2017-10-01 00:00", "2020-03-12 15:00", "2021-05-19 14:00"]
)
def test_btc_1h_reports_equal_on_the_prefix(when: str) -> None:
    full = sample_features("BTCUSDT", "1h")
    i = bar_at(full.candles, when)
    close = float(full.candles.close[i])
    book = StaticBook([long("BTCUSDT", "0.5", close * 1.02, close * 0.99)])
    context = ContextData(series={"NIFTY50": nifty50()}, texts=_texts())
    reports = _assert_no_future(full, i, {}, context, book)
    decoded = [msgspec.json.decode(r) for r in reports]
    if i > analyst_warmup(full.candles.timeframe):  # past the warm-up the reports say something
        assert all(r["evidence"] for r in decoded)
        assert decoded[0]["confidence"] > 0


@pytest.mark.parametrize("fraction", [0.02, 0.4, 0.7, 1.0])
def test_eth_1m_with_peers_reports_equal_on_the_prefix(fraction: float) -> None:
    full = sample_features("ETHUSDT", "1m")
    peers = {"BTCUSDT": sample_features("BTCUSDT", "1m"), "SOLUSDT": sample_features("SOLUSDT", "1m")}
    i = int(fraction * (len(full) - 1))
    close = float(full.candles.close[i])
    sol_close = float(peers["SOLUSDT"].candles.close[min(i, len(peers["SOLUSDT"]) - 1)])
    book = StaticBook(
        [long("ETHUSDT", "2", close, close * 0.995), long("SOLUSDT", "50", sol_close, sol_close * 0.9)]
    )
    context = ContextData(series={"BTCUSDT": sample_features("BTCUSDT", "1h").candles}, texts=_texts())
    reports = _assert_no_future(full, i, peers, context, book)
    cross = msgspec.json.decode(reports[DEFAULT_PANEL.index("cross_asset")])
    if i > 100:  # BTC is a peer: its trend is read, never "no data"
        btc = next(e for e in cross["evidence"] if e["name"] == "btc_trend")
        assert not btc["note"].startswith("no data")


@pytest.mark.parametrize(("symbol", "timeframe"), [("BTCUSDT", "1h"), ("ETHUSDT", "1m")])
def test_trailing_window_of_the_warmup_ends_like_the_whole_history(symbol: str, timeframe: str) -> None:
    """What the generic live `WindowStream` computes: the columns over the last `analyst_warmup`
    bars, whose last row must equal the whole history's row at that bar."""
    full = sample_features(symbol, timeframe)
    window = analyst_warmup(full.candles.timeframe)
    for i in np.linspace(window + 10, len(full) - 1, 6).astype(int):
        tail = features_of(full.candles.slice(int(i) + 1 - window, int(i) + 1))
        for name in COLUMNS:
            a, b = float(full[name][i]), float(tail[name][-1])
            assert math.isnan(a) == math.isnan(b), f"{name} at bar {i}: {a} vs {b}"
            if not math.isnan(a):
                assert b == pytest.approx(a, rel=1e-7, abs=1e-7), f"{name} at bar {i}"
        whole = Snapshot.take(MarketView(full, int(i)))
        live = Snapshot.take(MarketView(tail, len(tail) - 1))
        for n in DEFAULT_PANEL:
            r_whole, r_live = build_analyst(n).analyze(whole), build_analyst(n).analyze(live)
            assert r_whole.stance == r_live.stance, f"{n} at bar {i}"
            assert r_live.score == pytest.approx(r_whole.score, abs=2e-4)

"""The risk analyst argues against adding risk: a position near its stop, correlated exposure and
repeated gate rejections make it bearish; it is never bullish. Real BTCUSDT 1h and 2023 1m candles."""

from __future__ import annotations

from analyst_fixtures import Peers, bar_at, long, sample_features

from aitrader.agents.analysts import build_analyst
from aitrader.agents.reports import AnalystReport, Stance
from aitrader.agents.snapshot import Snapshot
from aitrader.domain.plan import Rejection, RejectionCode
from aitrader.domain.position import StaticBook
from aitrader.strategies.base import MarketView

QUIET = "2023-07-01 12:00"  # BTC 30,470, 1.2% under its 100-hour high, volatility below its norm


def _snap(book: StaticBook = StaticBook(), rejections: tuple[str, ...] = ()) -> Snapshot:
    f = sample_features("BTCUSDT", "1h")
    return Snapshot.take(MarketView(f, bar_at(f.candles, QUIET)), book, rejections=rejections)


def _risk(snap: Snapshot) -> AnalystReport:
    return build_analyst("risk").analyze(snap)


def test_flat_book_no_objection() -> None:
    r = _risk(_snap())
    assert r.stance is Stance.NEUTRAL
    assert r.score > -0.1
    assert r.summary.startswith("No risk objection")


def test_big_position_near_its_stop_turns_it_bearish() -> None:
    snap = _snap()
    close, atr = snap.close, snap.view.value("atr_14")
    near = _risk(_snap(StaticBook([long("BTCUSDT", "5", close * 1.01, close - 0.5 * atr)])))
    assert near.stance is Stance.BEARISH
    assert near.score <= -0.5
    stop = next(e for e in near.evidence if e.name == "stop_distance_this")
    assert stop.weight == -0.5
    assert "within 0.50 ATR of its stop" in stop.note
    assert next(e.value for e in near.evidence if e.name == "unrealized_this") < 0
    far = _risk(_snap(StaticBook([long("BTCUSDT", "5", close, close - 5 * atr)])))
    assert next(e.weight for e in far.evidence if e.name == "stop_distance_this") == 0.0
    assert far.score > near.score


def test_position_past_its_stop() -> None:
    close = _snap().close
    r = _risk(_snap(StaticBook([long("BTCUSDT", "1", close * 1.05, close * 1.01)])))
    assert r.score <= -0.6
    assert "past its stop" in r.summary


def test_repeated_rejections_call_for_caution() -> None:
    reasons = tuple(
        str(Rejection(code=RejectionCode.DAILY_LOSS_LIMIT, message="daily loss limit reached"))
        for _ in range(3)
    )
    r = _risk(_snap(rejections=reasons))
    assert r.stance is Stance.BEARISH
    assert r.score <= -0.5
    item = next(e for e in r.evidence if e.name == "recent_rejections")
    assert item.value == 3
    assert "daily_loss_limit" in item.note
    one_soft = _risk(_snap(rejections=(str(Rejection(code=RejectionCode.PRICE_MOVED, message="slipped")),)))
    assert r.score < one_soft.score < 0


def test_correlated_exposure_from_peer_closes() -> None:
    """ETH with BTC and SOL longs open: on 2023 minutes they move together (measured, not assumed)."""
    eth = sample_features("ETHUSDT", "1m")
    peer_features = {s: sample_features(s, "1m") for s in ("BTCUSDT", "SOLUSDT")}
    i = len(eth) // 2
    btc_close = float(peer_features["BTCUSDT"].candles.close[i])
    sol_close = float(peer_features["SOLUSDT"].candles.close[i])
    book = StaticBook(
        [long("BTCUSDT", "1", btc_close, btc_close * 0.9), long("SOLUSDT", "100", sol_close, sol_close * 0.9)]
    )
    r = _risk(Snapshot.take(MarketView(eth, i, Peers(peer_features)), book))
    share = next(e for e in r.evidence if e.name == "correlated_share")
    assert share.value > 0
    assert share.weight < 0
    assert "BTCUSDT (r=0." in share.note


def test_correlation_assumed_without_closes_to_measure() -> None:
    close = _snap().close
    r = _risk(
        _snap(StaticBook([long("ADAUSDT", "1000", 0.29, 0.25), long("BTCUSDT", "1", close, close * 0.8)]))
    )
    share = next(e for e in r.evidence if e.name == "correlated_share")
    assert "ADAUSDT (assumed: same quote currency)" in share.note


def test_never_bullish() -> None:
    f = sample_features("BTCUSDT", "1h")
    for i in range(1000, len(f), 997):
        close = float(f.candles.close[i])
        book = StaticBook([long("BTCUSDT", "1", close * 0.5, close * 0.4)])  # deep in profit
        for snap in (Snapshot.take(MarketView(f, i)), Snapshot.take(MarketView(f, i), book)):
            assert _risk(snap).score <= 0.0

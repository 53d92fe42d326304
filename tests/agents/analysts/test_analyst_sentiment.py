"""Sentiment: headlines scored the way a trader reads them (the market lexicon on top of VADER),
only items published by the decision counted, and a provider's fear-and-greed value used when given.

The headlines are written for the test (text, not market data); the candles are real BTCUSDT 1h."""

from __future__ import annotations

import msgspec
import pytest
from analyst_fixtures import bar_at, ms, sample_features
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from aitrader.agents.analysts import build_analyst
from aitrader.agents.analysts.lexicon import polarity
from aitrader.agents.analysts.sentiment import base_asset, relevant
from aitrader.agents.reports import AnalystReport, Stance
from aitrader.agents.snapshot import ContextData, Snapshot, TextItem
from aitrader.domain import Candles, Timeframe
from aitrader.strategies.base import MarketView

POSITIVE = (
    "Bitcoin surges to a record high as SEC grants ETF approval",
    "Ether soars, bullish traders pile in",
    "Solana rallies 20% after Visa partnership",
    "BTC hits all-time high",
)
NEGATIVE = (
    "Exchange hacked: $200 million drained, BTC plunges",
    "Crypto lender halts withdrawals as liquidations mount",
    "Bitcoin crashes below 40k after China ban",
    "Analysts turn bearish as ETF rejected",
    "Bitcoin is not bullish here",
)
NEUTRAL = (
    "Bitcoin developers publish notes from weekly meeting",
    "Binance lists new trading pairs on Tuesday",
    "Ethereum price today",
)
BAR = "2023-07-01 12:00"  # a quiet day: the price-only index sits near the middle


@pytest.mark.parametrize("title", POSITIVE)
def test_positive_headlines(title: str) -> None:
    assert polarity(title) > 0.3


@pytest.mark.parametrize("title", NEGATIVE)
def test_negative_headlines(title: str) -> None:
    assert polarity(title) < -0.3


@pytest.mark.parametrize("title", NEUTRAL)
def test_neutral_headlines(title: str) -> None:
    assert abs(polarity(title)) < 0.05


def test_the_market_lexicon_is_what_reads_market_words() -> None:
    """Plain VADER has no rating for surge, soar, rally, plunge, bullish, bearish."""
    plain = SentimentIntensityAnalyzer()
    for title in ("Ether soars, bullish traders pile in", "Bitcoin plunges as bearish bets mount"):
        assert abs(plain.polarity_scores(title)["compound"]) < abs(polarity(title)) - 0.4


def test_relevance_by_base_asset() -> None:
    assert base_asset("BTCUSDT") == "BTC"
    assert base_asset("ETHBTC") == "ETH"
    item = TextItem(published_ms=0, source="t", title="x", symbols=("ETH",))
    assert relevant(item, "ETHUSDT")
    assert not relevant(item, "BTCUSDT")
    assert relevant(TextItem(published_ms=0, source="t", title="x"), "BTCUSDT")  # market-wide


def _snap(texts: tuple[TextItem, ...], series: dict[str, Candles] | None = None) -> Snapshot:
    f = sample_features("BTCUSDT", "1h")
    view = MarketView(f, bar_at(f.candles, BAR))
    return Snapshot.take(view, context=ContextData(series=series or {}, texts=texts))


def _item(title: str, when: str, symbols: tuple[str, ...] = ("BTC",)) -> TextItem:
    return TextItem(published_ms=ms(when), source="test", title=title, symbols=symbols)


def _analyze(snap: Snapshot) -> AnalystReport:
    return build_analyst("sentiment").analyze(snap)


def test_bad_news_turns_the_analyst_bearish_and_good_news_bullish() -> None:
    bad = _analyze(_snap(tuple(_item(t, f"2023-07-01 0{k}:00") for k, t in enumerate(NEGATIVE[:3]))))
    good = _analyze(_snap(tuple(_item(t, f"2023-07-01 0{k}:00") for k, t in enumerate(POSITIVE[:3]))))
    assert bad.stance is Stance.BEARISH
    assert bad.score < -0.4
    assert good.stance is Stance.BULLISH
    assert good.score > 0.4
    assert bad.confidence > 0.5
    assert good.confidence > 0.5
    assert "3 relevant text items" in bad.summary


def test_items_after_the_cut_are_ignored() -> None:
    before = tuple(_item(t, f"2023-07-01 0{k}:00") for k, t in enumerate(NEGATIVE[:3]))
    later = (_item(POSITIVE[0], "2023-07-01 13:30"), _item(POSITIVE[1], "2023-07-02 09:00"))
    with_later = _analyze(_snap(before + later))
    assert msgspec.json.encode(with_later) == msgspec.json.encode(_analyze(_snap(before)))
    # even a snapshot built by hand, not cut by Snapshot.take, does not let them in
    cut = _snap(before)
    raw = Snapshot(cut.view, cut.book, cut.context, before + later)
    assert _analyze(raw).score == with_later.score


def test_other_symbols_news_does_not_count() -> None:
    eth_only = tuple(_item(t, "2023-07-01 08:00", ("ETH",)) for t in NEGATIVE[:3])
    r = _analyze(_snap(eth_only))
    text = next(e for e in r.evidence if e.name == "text_sentiment")
    assert text.note.startswith("no data")


def test_provider_fear_and_greed_index_is_used_when_fresh() -> None:
    """A provider's index as daily candles (close = value; the values are test inputs)."""
    days = [ms("2023-06-28"), ms("2023-06-29"), ms("2023-06-30")]
    values = [88.0, 90.0, 92.0]
    index = Candles.from_arrays(days, values, values, values, values, [0.0] * 3, "FEAR_GREED", Timeframe.D1)
    r = _analyze(_snap((), {"FEAR_GREED": index}))
    provider = next(e for e in r.evidence if e.name == "fear_greed_provider")
    assert provider.value == 92.0
    assert provider.weight > 0
    assert "extreme greed" in provider.note
    assert r.stance is Stance.BULLISH
    stale = _analyze(_snap((), {"FEAR_GREED": index.slice(0, 1)}))  # closed 2023-06-29 00:00: too old
    assert next(e for e in stale.evidence if e.name == "fear_greed_provider").note.startswith("no data")

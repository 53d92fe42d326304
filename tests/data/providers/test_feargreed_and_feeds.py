"""The Fear & Greed index and RSS/Atom feeds against stand-ins on 127.0.0.1, and text items read
from local files (JSONL, CSV, saved feeds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from provider_server import ProviderServer, Seen

from aitrader.data import DataError
from aitrader.data.providers import (
    FearGreedProvider,
    ProviderError,
    RssProvider,
    TextItem,
    parse_feed,
    read_texts,
)
from aitrader.domain import Timeframe
from aitrader.domain.timeframe import parse_time

DAY = 86_400_000
# Real index values (alternative.me), newest first as the API sends them.
FNG_DAYS = [
    ("1651795200", "22", "Extreme Fear"),
    ("1651708800", "27", "Fear"),
    ("1651622400", "22", "Extreme Fear"),
    ("1651536000", "24", "Extreme Fear"),
    ("1651449600", "21", "Extreme Fear"),
]


def _fng(seen: Seen) -> tuple[int, object]:
    limit = int(seen.query["limit"]) or len(FNG_DAYS)
    data = [{"value": v, "value_classification": c, "timestamp": t} for t, v, c in FNG_DAYS[:limit]]
    data[0]["time_until_update"] = "36000"
    return 200, {"name": "Fear and Greed Index", "data": data, "metadata": {"error": None}}


def test_fear_greed_is_a_daily_series(server: ProviderServer) -> None:
    server.route("/fng/", _fng)
    now = int(FNG_DAYS[0][0]) + 3600  # an hour into the newest day
    fng = FearGreedProvider(f"http://127.0.0.1:{server.port}", clock=lambda: now)
    start = int(FNG_DAYS[-1][0]) * 1000
    got = fng.fetch_candles("FEAR_GREED", Timeframe.D1, start, start + 5 * DAY)
    assert (got.symbol, got.timeframe) == ("FEAR_GREED", Timeframe.D1)
    assert got.close.tolist() == [21.0, 24.0, 22.0, 27.0, 22.0]  # oldest first
    assert got.open_time.tolist() == [start + i * DAY for i in range(5)]
    assert (got.high == got.close).all()
    assert not got.volume.any()
    assert server.seen[-1].query == {"limit": "6", "format": "json"}  # the days since the start, and one


def test_fear_greed_error_and_other_series(server: ProviderServer) -> None:
    server.route(
        "/fng/",
        lambda _: (
            200,
            {"name": "Fear and Greed Index", "data": [], "metadata": {"error": "Limit too high"}},
        ),
    )
    fng = FearGreedProvider(f"http://127.0.0.1:{server.port}")
    with pytest.raises(ProviderError, match="feargreed: said: Limit too high"):
        fng.fetch_candles("FEAR_GREED", Timeframe.D1, parse_time("2022-05-01"), parse_time("2022-05-06"))
    with pytest.raises(ProviderError, match="only FEAR_GREED 1d"):
        fng.fetch_candles("SPY", Timeframe.D1, 0, 1)


RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>CoinDesk: Bitcoin, Ethereum, Crypto News and Price Data</title>
  <link>https://www.coindesk.com</link>
  <description>Leader in cryptocurrency, Bitcoin, Ethereum, XRP, blockchain, DeFi news.</description>
  <item>
    <title><![CDATA[Bitcoin Slides Below $30K as Terra's UST Loses Its Peg]]></title>
    <link>https://www.coindesk.com/markets/2022/05/09/bitcoin-slides-below-30k/</link>
    <description><![CDATA[<p>The largest cryptocurrency fell to its lowest level since July &amp; traders braced for more.</p>]]></description>
    <pubDate>Mon, 09 May 2022 21:47:12 +0000</pubDate>
    <guid isPermaLink="false">a1</guid>
  </item>
  <item>
    <title>Ether Falls 10% in a Day</title>
    <link>https://www.coindesk.com/markets/2022/05/09/ether-falls/</link>
    <description>ETH dropped with the rest of the market.</description>
    <pubDate>Mon, 09 May 2022 18:05:00 GMT</pubDate>
  </item>
  <item>
    <title>An undated item is left out</title>
    <link>https://www.coindesk.com/undated</link>
  </item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>r/Bitcoin</title>
  <id>https://www.reddit.com/r/Bitcoin/.rss</id>
  <updated>2022-05-10T08:00:00+00:00</updated>
  <entry>
    <title>Is this the bottom?</title>
    <id>t3_umk2b1</id>
    <link href="https://www.reddit.com/r/Bitcoin/comments/umk2b1/"/>
    <updated>2022-05-10T07:30:00+00:00</updated>
    <published>2022-05-10T07:15:00+02:00</published>
    <content type="html">&lt;p&gt;Down 50% from the top, funding negative.&lt;/p&gt;</content>
  </entry>
</feed>"""


def test_rss_and_atom_parse_to_dated_text_items() -> None:
    rss = parse_feed(RSS)
    assert [t.title for t in rss] == [
        "Ether Falls 10% in a Day",
        "Bitcoin Slides Below $30K as Terra's UST Loses Its Peg",
    ]
    first = rss[1]
    assert first.published_ms == parse_time("2022-05-09 21:47") + 12_000
    assert first.source == "CoinDesk: Bitcoin, Ethereum, Crypto News and Price Data"
    assert (
        first.body
        == "The largest cryptocurrency fell to its lowest level since July & traders braced for more."
    )
    assert first.url.endswith("bitcoin-slides-below-30k/")
    [post] = parse_feed(ATOM, source="reddit")
    assert post == TextItem(
        parse_time("2022-05-10 05:15"), "reddit", "Is this the bottom?", "Down 50% from the top, funding negative.",
        "https://www.reddit.com/r/Bitcoin/comments/umk2b1/",
    )  # fmt: skip
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        parse_feed(b"\x00\x01 not xml", origin="x")


def test_rss_provider_keeps_the_window(server: ProviderServer) -> None:
    server.route("/rss", lambda _: (200, RSS))
    feed = RssProvider(f"http://127.0.0.1:{server.port}/rss")
    got = feed.fetch_texts(parse_time("2022-05-09 20:00"), parse_time("2022-05-10"))
    assert [t.title for t in got] == ["Bitcoin Slides Below $30K as Terra's UST Loses Its Peg"]
    server.route("/rss", lambda _: (503, "Service Unavailable"))
    with pytest.raises(ProviderError, match=r"rss: HTTP 503 .*/rss \(Service Unavailable\): try again later"):
        feed.fetch_texts(0, parse_time("2030-01-01"))


def test_local_text_files(tmp_path: Path) -> None:
    (tmp_path / "news.jsonl").write_text(
        json.dumps(
            {"published": "2022-05-09T12:00:00Z", "source": "desk", "title": "BTC dips", "symbols": ["btc"]}
        )
        + "\n\n"
        + json.dumps({"published_ms": parse_time("2022-05-08"), "source": "desk", "title": "Quiet Sunday"})
        + "\n"
    )
    (tmp_path / "posts.csv").write_text(
        'published,source,title,body,url,symbols\n1652097600,x,ETH looks weak,volume fading,,"ETH,BTC"\n'
    )
    (tmp_path / "feed.xml").write_bytes(ATOM)
    items = read_texts(tmp_path)
    assert [(t.title, t.symbols) for t in items] == [
        ("Quiet Sunday", ()),
        ("BTC dips", ("BTC",)),  # 2022-05-09 12:00 both: by source, then title
        ("ETH looks weak", ("ETH", "BTC")),
        ("Is this the bottom?", ()),
    ]
    assert items[2].published_ms == 1652097600_000
    assert items[2].body == "volume fading"


def test_a_bad_text_row_names_file_and_row(tmp_path: Path) -> None:
    bad = tmp_path / "news.jsonl"
    bad.write_text(
        json.dumps({"published": "2022-05-09", "source": "a", "title": "ok"})
        + "\n"
        + json.dumps({"source": "a", "title": "no time"})
        + "\n"
    )
    with pytest.raises(DataError, match=r"news\.jsonl: row 2: no 'published' time"):
        read_texts(bad)
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    with pytest.raises(DataError, match="not a text-item file"):
        read_texts(odd)


def test_a_headline_dated_without_an_hour_counts_from_the_end_of_its_day(tmp_path: Path) -> None:
    """It may have come out at 23:00: a decision at 01:00 that day must not read it."""
    f = tmp_path / "news.csv"
    f.write_text(
        'published,source,title\n2021-01-10,wire,"Bitcoin crashes 15%"\n2021-01-10T09:30:00Z,wire,Later\n'
    )
    dated, timed = sorted(read_texts(f), key=lambda t: t.title)
    assert dated.title == "Bitcoin crashes 15%"
    assert dated.published_ms == parse_time("2021-01-11")
    assert timed.published_ms == parse_time("2021-01-10 09:30")

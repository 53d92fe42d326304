"""`UniverseRule`: the --universe spec and the [universe] table, each bad value one clear line."""

from __future__ import annotations

import pytest

from aitrader.universe import UniverseRule, UniverseRuleError


def test_top_specs() -> None:
    rule = UniverseRule.parse("top:5:volume")
    assert (rule.mode, rule.top, rule.quote, rule.refresh_ms) == ("volume", 5, "USDT", 3_600_000)
    assert rule.ranked
    assert UniverseRule.parse("top:10:volatility").mode == "volatility"
    assert UniverseRule.parse("TOP:3").mode == "volume"  # volume is the default ranking
    assert rule.describe() == "top 5 USDT symbols by 24h quote volume, refreshed every 1h"


def test_a_comma_list_is_a_static_universe() -> None:
    rule = UniverseRule.parse("btcusdt, ETHUSDT,SOLUSDT")
    assert (rule.mode, rule.symbols) == ("static", ("BTCUSDT", "ETHUSDT", "SOLUSDT"))
    assert not rule.ranked
    assert UniverseRule.parse("static:BTCUSDT").symbols == ("BTCUSDT",)
    assert rule.describe() == "static: BTCUSDT,ETHUSDT,SOLUSDT"


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("top:x", "use top:N[:volume|:volatility] or a comma-separated list"),
        ("top:5:price", "rank by volume or volatility, not 'price'"),
        ("top:0", "top = 0: use a count from 1 to 1000"),
        ("BTC USDT", "BTC USDT is not a symbol such as BTCUSDT"),
        ("BTCUSDT,BTCUSDT", "BTCUSDT listed twice"),
        (",", "use top:N"),
    ],
)
def test_bad_specs_are_one_line(spec: str, says: str) -> None:
    with pytest.raises(UniverseRuleError) as err:
        UniverseRule.parse(spec)
    assert says in str(err.value)
    assert str(err.value).startswith(f"--universe {spec!r}")
    assert "\n" not in str(err.value)


def test_from_a_universe_table() -> None:
    rule = UniverseRule.from_mapping(
        {"mode": "volatility", "top": 8, "quote": "usdc", "blacklist": ["*UP", "*DOWN", "BUSD*"],
         "min_quote_volume": 5_000_000, "refresh": "4h", "exclude_stablecoins": False}
    )  # fmt: skip
    assert (rule.mode, rule.top, rule.quote, rule.refresh_ms) == ("volatility", 8, "USDC", 4 * 3_600_000)
    assert rule.blacklist == ("*UP", "*DOWN", "BUSD*")
    assert rule.min_quote_volume == 5_000_000.0
    assert not rule.exclude_stablecoins
    # `spec` and the other keys together; a symbols list alone is a static universe
    assert UniverseRule.from_mapping({"spec": "top:3:volume", "refresh": "30m"}).refresh_ms == 1_800_000
    assert UniverseRule.from_mapping({"symbols": ["BTCUSDT", "ETHUSDT"]}).mode == "static"
    assert UniverseRule.from_mapping({"blacklist": "*UP, *DOWN"}).blacklist == ("*UP", "*DOWN")


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ({"mode": "price"}, "mode = 'price': use one of static, volume, volatility"),
        ({"top": 5, "refres": "1h"}, "unknown key 'refres'"),
        ({"refresh": "1x"}, "refresh = '1x': use a duration such as 30m, 1h, 4h or 1d"),
        ({"refresh": "0m"}, "refresh = '0m'"),
        ({"mode": "static"}, "a static universe needs symbols"),
        ({"min_quote_volume": -1}, "min_quote_volume = -1: use a quote amount >= 0"),
        ({"spec": 5}, "spec = 5"),
    ],
)
def test_bad_tables_are_one_line(table: dict[str, object], says: str) -> None:
    with pytest.raises(UniverseRuleError) as err:
        UniverseRule.from_mapping(table, where="aitrader.toml: [universe]")
    assert str(err.value).startswith("aitrader.toml: [universe]")
    assert says in str(err.value)

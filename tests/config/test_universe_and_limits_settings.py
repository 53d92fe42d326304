"""aitrader.toml's `[universe]` table in the run settings (checked when the settings resolve, one line
naming the file and the key; `--universe` on top of it), and the `[risk]` limits reaching every
optimisation trial's gate."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from aitrader.config import risk_settings, run_settings
from aitrader.config.run_settings import resolve_run
from aitrader.config.strategy_file import ConfigFileError
from aitrader.universe import UniverseRule, UniverseRuleError

TABLE = (
    '[universe]\nmode = "volatility"\ntop = 1\nblacklist = ["BTC*", "*UP"]\nrefresh = "4h"\nquote = "usdt"\n'
)


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No ambient AITRADER_*/BINANCE_* variables, no `.env` and no aitrader.toml of the checkout."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_universe_table_is_accepted_and_kept_as_written() -> None:
    Path("aitrader.toml").write_text('symbol = "ETHUSDT"\n' + TABLE)
    run = resolve_run()
    assert run.symbol == "ETHUSDT"
    assert run.universe == {
        "mode": "volatility", "top": 1, "blacklist": ["BTC*", "*UP"], "refresh": "4h", "quote": "usdt",
    }  # fmt: skip
    rule = run.universe_rule(None)
    assert rule == UniverseRule(mode="volatility", top=1, blacklist=("BTC*", "*UP"), refresh="4h")
    assert rule is not None
    assert rule.describe() == "top 1 USDT symbols by 24h range (high-low)/last, refreshed every 4h"


def test_no_table_no_universe_unless_a_spec_is_given() -> None:
    run = resolve_run()
    assert run.universe == {}
    assert run.universe_rule(None) is None
    assert run.universe_rule("top:3") == UniverseRule(mode="volume", top=3)
    assert run.universe_rule("BTCUSDT,ETHUSDT") == UniverseRule(mode="static", symbols=("BTCUSDT", "ETHUSDT"))


def test_a_spec_replaces_the_ranking_and_keeps_the_tables_other_keys() -> None:
    Path("aitrader.toml").write_text(TABLE + "min_quote_volume = 1_000_000\nexclude_stablecoins = false\n")
    run = resolve_run()
    rule = run.universe_rule("top:2:volume")
    assert rule == UniverseRule(
        mode="volume", top=2, blacklist=("BTC*", "*UP"), refresh="4h", min_quote_volume=1e6,
        exclude_stablecoins=False,
    )  # fmt: skip
    static = run.universe_rule("SOLUSDT,ETHUSDT")
    assert static is not None
    assert (static.mode, static.symbols) == ("static", ("SOLUSDT", "ETHUSDT"))
    assert static.blacklist == ("BTC*", "*UP")
    # the table's own spec gives way too
    Path("aitrader.toml").write_text('[universe]\nspec = "top:8:volatility"\nblacklist = ["PAXG"]\n')
    run = resolve_run()
    assert run.universe_rule(None) == UniverseRule(mode="volatility", top=8, blacklist=("PAXG",))
    assert run.universe_rule("top:2") == UniverseRule(mode="volume", top=2, blacklist=("PAXG",))


def test_a_bad_spec_is_one_line_naming_the_option() -> None:
    Path("aitrader.toml").write_text(TABLE)
    with pytest.raises(UniverseRuleError) as info:
        resolve_run().universe_rule("top:five")
    assert str(info.value) == (
        "--universe 'top:five': use top:N[:volume|:volatility] or a comma-separated list such as "
        "BTCUSDT,ETHUSDT"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[universe]\ntop = 0\n", "aitrader.toml: [universe]: top = 0: use a count from 1 to 1000"),
        ('[universe]\nmode = "random"\n',
         "aitrader.toml: [universe]: mode = 'random': use one of static, volume, volatility"),
        ('[universe]\ntop = 3\nrefres = "1h"\n', "aitrader.toml: [universe]: unknown key 'refres'"),
        ('[universe]\nrefresh = "soon"\n', "aitrader.toml: [universe]: refresh = 'soon': "),
        ('[universe]\nmode = "static"\n', "aitrader.toml: [universe]: a static universe needs symbols"),
        ('[universe]\nspec = "top:x"\n', "--universe 'top:x': use top:N"),
        ('universe = "top:5"\n', "aitrader.toml: universe = 'top:5': write a [universe] table"),
        ('[univers]\ntop = 3\n', "aitrader.toml: unknown key 'univers': did you mean 'universe'?"),
    ],
)  # fmt: skip
def test_a_bad_universe_table_is_one_line_naming_the_file_and_key(text: str, message: str) -> None:
    Path("aitrader.toml").write_text(text)
    with pytest.raises(ConfigFileError) as info:
        resolve_run()
    line = str(info.value)
    assert "\n" not in line
    assert message in line


def test_the_table_is_checked_even_where_an_option_would_replace_it() -> None:
    Path("aitrader.toml").write_text("[universe]\ntop = 2000\n")
    with pytest.raises(ConfigFileError, match=r"\[universe\]: top = 2000"):
        resolve_run({"symbol": "BTCUSDT"})


def test_the_risk_keys_are_still_imported_from_run_settings() -> None:
    assert run_settings.RISK_KEYS is risk_settings.RISK_KEYS
    assert run_settings.RISK_TABLE == risk_settings.RISK_TABLE == "risk"
    assert run_settings.KEYS["risk"].rule == risk_settings.RISK_FRACTION.rule


def test_optimize_trials_get_the_portfolio_limits_of_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from aitrader.cli.commands.optimize import trial_setup
    from aitrader.data import load_sample
    from aitrader.domain import Timeframe
    from aitrader.optimize.evaluate import Evaluator

    Path("aitrader.toml").write_text(
        'strategy = "Confluence"\n[risk]\nfraction = 0.02\nmax_drawdown = 0.15\ndrawdown_cooldown = 60\n'
    )
    monkeypatch.setenv("AITRADER_MAX_OPEN_POSITIONS", "2")
    run = resolve_run({"fee": 0.0005}, defaults={"timeframe": "1h"})
    setup = trial_setup(run, Timeframe.parse(run.timeframe), False, 30)
    assert (setup.strategy, setup.timeframe.value, setup.lead) == ("confluence", "1h", 30)
    assert (setup.cash, setup.fee, setup.slippage_bps, setup.risk, setup.all_in) == (10_000.0, 0.0005, 5.0, 0.02,
                                                                                      False)  # fmt: skip
    assert dict(setup.risk_limits) == {"max_drawdown": 0.15, "drawdown_cooldown_ms": 3_600_000,
                                       "max_open_positions": 2}  # fmt: skip
    assert pickle.loads(pickle.dumps(setup)) == setup  # it travels to worker processes
    gate = Evaluator(setup, load_sample("BTCUSDT", "1h")).gate()
    cfg = gate.config
    assert (cfg.risk_fraction, cfg.max_drawdown, cfg.drawdown_cooldown_ms, cfg.max_open_positions) == (
        0.02, 0.15, 3_600_000, 2,
    )  # fmt: skip
    assert cfg.slippage == pytest.approx(0.0005)
    # no [risk] table: the gate's own defaults
    Path("aitrader.toml").unlink()
    monkeypatch.delenv("AITRADER_MAX_OPEN_POSITIONS")
    assert trial_setup(resolve_run(), Timeframe.parse("1h"), False, 0).risk_limits == {}

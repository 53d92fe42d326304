"""Run settings: command-line option > environment / .env > aitrader.toml > built-in default, for
every key; a bad key or value in aitrader.toml is one line naming the file, the key and the rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aitrader.config.run_settings import (
    BUILT_IN,
    DEFAULT_SLIPPAGE_BPS,
    KEYS,
    RunSettingsError,
    parse_param_pairs,
    resolve_run,
)
from aitrader.config.settings import SettingsError
from aitrader.config.strategy_file import ConfigFileError

FILE_VALUES = {
    "symbol": '"ETHUSDT"',
    "timeframe": '"1m"',  # not the built-in 4h
    "strategy": '"momentum"',
    "equity": "2500",
    "risk": "0.02",
    "sizing": '"vol-target"',
    "vol_target": "0.4",
    "fee": "0.00075",
    "slippage": "2.5",
    "data_dir": '"store"',
    "journal": '"state/bot.sqlite"',
    "backtest_journal": '"state/backtests.sqlite"',
}
ENV_VALUES = {  # key -> (variable, value as set, value as resolved)
    "symbol": ("AITRADER_SYMBOL", "SOLUSDT", "SOLUSDT"),
    "timeframe": ("AITRADER_TIMEFRAME", "15m", "15m"),
    "strategy": ("AITRADER_STRATEGY", "range", "range"),
    "equity": ("AITRADER_EQUITY", "777", 777.0),
    "risk": ("AITRADER_RISK_FRACTION", "0.03", 0.03),
    "sizing": ("AITRADER_SIZING", "Vol-Target", "vol_target"),
    "vol_target": ("AITRADER_VOL_TARGET", "0.3", 0.3),
    "fee": ("AITRADER_FEE", "0.0005", 0.0005),
    "slippage": ("AITRADER_SLIPPAGE_BPS", "1", 1.0),
    "data_dir": ("AITRADER_DATA_DIR", "env-store", Path("env-store")),
    "journal": ("AITRADER_JOURNAL", "env.sqlite", Path("env.sqlite")),
    "backtest_journal": ("AITRADER_BACKTEST_JOURNAL", "env-bt.sqlite", "env-bt.sqlite"),
}
CLI_VALUES = {
    "symbol": "BNBUSDT",
    "timeframe": "1d",
    "strategy": "levels",
    "equity": 123.0,
    "risk": 0.005,
    "sizing": "volatility",
    "vol_target": 0.15,
    "fee": 0.0,
    "slippage": 0.0,
    "data_dir": Path("cli-store"),
    "journal": "cli.sqlite",
    "backtest_journal": "cli-bt.sqlite",
}


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No ambient AITRADER_*/BINANCE_* variables, no `.env` and no aitrader.toml of the checkout."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(text: str, name: str = "aitrader.toml") -> Path:
    path = Path(name)
    path.write_text(text)
    return path


def _value(run: object, key: str) -> object:
    return getattr(run, key)


def test_the_tables_cover_every_key() -> None:
    assert set(FILE_VALUES) == set(ENV_VALUES) == set(CLI_VALUES) == set(KEYS) == set(BUILT_IN)


def test_built_in_defaults_without_file_or_environment() -> None:
    run = resolve_run()
    assert (run.symbol, run.timeframe, run.strategy) == ("BTCUSDT", "4h", "confluence")
    assert (run.equity, run.risk, run.fee, run.slippage) == (10_000.0, 0.01, 0.001, DEFAULT_SLIPPAGE_BPS)
    assert run.data_dir == Path("var/data")
    assert run.backtest_journal is None  # a backtest journals only when asked
    assert all(run.from_default(k) for k in KEYS)
    assert resolve_run(defaults={"timeframe": "1h"}).timeframe == "1h"  # a command's own default


@pytest.mark.parametrize("key", sorted(KEYS))
def test_precedence_cli_over_env_over_file_over_default(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(f"{key} = {FILE_VALUES[key]}\n")
    from_file = _value(resolve_run(), key)
    assert from_file != BUILT_IN[key]
    assert resolve_run().sources[key] == "file"
    variable, raw, expected = ENV_VALUES[key]
    monkeypatch.setenv(variable, raw)
    run = resolve_run()
    assert _value(run, key) == expected
    assert run.sources[key] == "env"
    run = resolve_run({key: CLI_VALUES[key]})
    assert _value(run, key) == (str(CLI_VALUES[key]) if key == "journal" else CLI_VALUES[key])
    assert run.where(key) == KEYS[key].option


def test_where_names_the_source_never_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write('timeframe = "4h"\n')
    run = resolve_run()
    assert run.where("timeframe") == f"{path}: timeframe"
    monkeypatch.setenv("AITRADER_DATABASE_URL", "postgresql://bot:s3cret@db.lan/x")
    run = resolve_run()
    assert run.journal == "postgresql://bot:s3cret@db.lan/x"
    assert run.where("journal") == "AITRADER_DATABASE_URL or AITRADER_JOURNAL"
    assert run.where("equity") == "default equity"


def test_the_older_interval_variable_still_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    _write('timeframe = "4h"\n')
    monkeypatch.setenv("AITRADER_INTERVAL", "1h")
    assert resolve_run().timeframe == "1h"


def test_config_path_from_the_option_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    other = _write("risk = 0.04\n", "other.toml")
    assert resolve_run(config=other).risk == 0.04
    monkeypatch.setenv("AITRADER_CONFIG", str(other))
    assert resolve_run().risk == 0.04
    assert resolve_run().config_file == other


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("riks = 0.02\n", "unknown key 'riks': did you mean 'risk'?"),
        ('interval = "1h"\n', "unknown key 'interval'"),
        ("risk = 0.5\n", "risk = 0.5: use a fraction in (0, 0.10]"),
        ("risk = true\n", "risk = True: use a fraction in (0, 0.10]"),
        ('risk = "0.01"\n', "risk = '0.01': use a fraction"),
        ("equity = 0\n", "equity = 0: use a number > 0"),
        ("fee = 0.2\n", "fee = 0.2: use a rate per fill in [0, 0.1]"),
        ("slippage = -1\n", "slippage = -1: use basis points per taker fill in [0, 1000]"),
        ('symbol = "BTC USDT"\n', "symbol = 'BTC USDT': use a symbol such as"),
        ("timeframe = 60\n", "timeframe = 60: use a candle interval"),
        ("strategies = 3\n", "strategies: must hold [strategies.NAME] tables"),
        ("[strategies]\nema_fast = 3\n", "strategies: must hold [strategies.NAME] tables"),
        ('journal = "postgresql://bot:s3cret@db/x"\nrisk = 9\n', "risk = 9"),
    ],
)
def test_a_bad_key_or_value_is_one_line_naming_file_key_and_rule(text: str, message: str) -> None:
    path = _write(text)
    with pytest.raises(ConfigFileError) as info:
        resolve_run()
    line = str(info.value)
    assert "\n" not in line
    assert line.startswith(f"{path}: ")
    assert message in line
    assert "s3cret" not in line


def test_the_file_is_checked_even_where_an_option_overrides_it() -> None:
    _write("risk = 0.5\n")
    with pytest.raises(ConfigFileError, match=r"risk = 0\.5"):
        resolve_run({"risk": 0.01})


def test_the_ten_percent_ceiling_holds_for_every_source(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RunSettingsError, match=r"--risk 0.2: use a fraction in \(0, 0.10\]"):
        resolve_run({"risk": 0.2})
    with pytest.raises(RunSettingsError, match="--equity -5"):
        resolve_run({"equity": -5.0})
    monkeypatch.setenv("AITRADER_RISK_FRACTION", "0.2")
    with pytest.raises(SettingsError, match="hard ceiling"):
        resolve_run()


def test_strategy_parameters_come_from_the_file_then_param() -> None:
    _write('strategy = "sma_cross"\n\n[strategies.sma_cross]\nfast = 5\nslow = 20\n')
    run = resolve_run()
    assert run.strategy_params() == {"fast": 5, "slow": 20}
    assert run.strategy_params(["slow=30", "htf=15m"]) == {"fast": 5, "slow": 30, "htf": "15m"}
    with pytest.raises(RunSettingsError, match="write NAME=VALUE"):
        parse_param_pairs(["fast"])


def test_mainnet_without_the_opt_in_does_not_stop_an_offline_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_VENUE", "mainnet")  # backtests never send an order
    assert resolve_run().symbol == "BTCUSDT"

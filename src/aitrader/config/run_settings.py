"""One set of run settings shared by `backtest`, `decide`, `trade` and `optimize` (and `analyze`,
`chat` where a key applies), so that what was backtested is what trades.

Every key is resolved the same way, first match wins:

1. the command-line option (`--risk 0.02`);
2. the environment or `.env` (`AITRADER_RISK_FRACTION=0.02`);
3. `aitrader.toml`, top level (`risk = 0.02`; the file is `./aitrader.toml` or `$AITRADER_CONFIG`,
   or `--config PATH`);
4. the command's built-in default.

    # aitrader.toml
    symbol = "BTCUSDT"
    timeframe = "1h"
    strategy = "confluence"
    equity = 10000            # starting cash (backtest, optimize, trade --paper); decide's account value
    risk = 0.01               # share of equity one trade may lose at its stop (hard ceiling 0.10)
    sizing = "stop"           # stop | volatility | vol-target (config.sizing_settings)
    vol_target = 0.25         # vol-target sizing: the annualised volatility one position targets
    fee = 0.001               # per fill (backtest, decide, optimize)
    slippage = 5              # basis points per taker fill (backtest, decide, optimize)
    data_dir = "var/data"     # the candle store
    journal = "var/journal.sqlite"   # trade, chat, replay (a SQLite file or a database URL)
    # backtest_journal = "var/backtests.sqlite"   # backtests journal only when this or --journal is set

    [strategies.confluence]   # parameters, as `optimize --apply` writes them (`--param` wins)
    ema_fast = 30

    [risk]                    # the risk gate's portfolio limits (each also AITRADER_<KEY>, see RISK_KEYS)
    max_drawdown = 0.15       # no entries once equity is 15% below its peak
    drawdown_cooldown = 1440  # minutes: the halt holds at least a day

    [universe]                # which symbols take entries (docs/universe.md)
    mode = "volume"
    top = 5

The `[risk]` table (read by `config.risk_settings`) sets `RunSettings.risk_limits` (RiskConfig
field -> value, only the keys set; the environment wins over the file): every `RiskConfig` built
from run settings takes `**run.risk_limits`. TOML cannot hold both `risk = 0.01` and a `[risk]`
table: with the table, the risk fraction is its `fraction` key. The `[universe]` table is checked
here and kept as `RunSettings.universe`; `RunSettings.universe_rule(spec)` puts `--universe` on top
of it.

A key or value the file cannot hold is refused in one line naming the file, the key and the rule
(`ConfigFileError`); the same rules hold for the options (`RunSettingsError`) and the environment
(`SettingsError`), so the 10% risk ceiling holds whichever way a value arrives. Nothing heavy is
imported here: `trade` resolves its settings before it reconciles the journal.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# RISK_KEYS and RISK_TABLE live in config.risk_settings; imported from here too, as before
from aitrader.config.risk_settings import RISK_FRACTION, check_risk_table, resolve_risk_limits
from aitrader.config.risk_settings import RISK_KEYS as RISK_KEYS
from aitrader.config.risk_settings import RISK_TABLE as RISK_TABLE
from aitrader.config.risk_settings import is_number as _number
from aitrader.config.settings import Settings, load_settings
from aitrader.config.sizing_settings import (
    DEFAULT_SIZING,
    DEFAULT_VOL_TARGET,
    SIZING_ENV,
    SIZING_RULE,
    VOL_TARGET_RULE,
    is_sizing,
    is_vol_target,
    sizing_env,
    sizing_limits,
    sizing_name,
)
from aitrader.config.strategy_file import ConfigFileError, config_path, read_config, strategy_params

if TYPE_CHECKING:
    from aitrader.universe.rule import UniverseRule

# Taker market orders on a liquid USDT pair (BTCUSDT, ETHUSDT): about half the spread plus the drift
# during the second or so between the decision and the fill. 5 bps is on the safe side of what those
# pairs cost, and it is what the risk gate already assumes live and on paper
# (`RiskConfig.slippage = 0.0005`), so a backtest sizes trades as `trade` does.
DEFAULT_SLIPPAGE_BPS = 5.0

_SYMBOL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class RunSettingsError(ValueError):
    """A command-line value breaks a rule; the message names the option and the rule."""


def _text(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


@dataclass(frozen=True)
class _Key:
    option: str  # the command-line option
    env: str  # the environment variable(s) that set it
    field: str | None  # the `Settings` field read from the environment (None: read by hand)
    rule: str  # what a valid value is, as said in an error
    check: Callable[[Any], bool]
    number: bool = False
    choice: bool = False  # one of a few names: an option's value is checked here too, as a number's is


KEYS: dict[str, _Key] = {
    "symbol": _Key("--symbol", "AITRADER_SYMBOL", "symbol", 'a symbol such as "BTCUSDT"',
                   lambda v: isinstance(v, str) and bool(_SYMBOL.fullmatch(v.strip()))),
    "timeframe": _Key("--timeframe", "AITRADER_TIMEFRAME", "interval",
                      'a candle interval such as "1m", "1h" or "1d"', _text),
    "strategy": _Key("--strategy", "AITRADER_STRATEGY", "strategy",
                     'a strategy name such as "confluence", "rl:PATH" or your own "file.py:Class"', _text),
    "equity": _Key("--equity", "AITRADER_EQUITY", "equity", "a number > 0 in quote currency, e.g. 10000",
                   lambda v: _number(v) and v > 0, number=True),
    "risk": _Key("--risk", "AITRADER_RISK_FRACTION", "risk_fraction", RISK_FRACTION.rule, RISK_FRACTION.check,
                 number=True),
    "sizing": _Key("--sizing", SIZING_ENV["sizing"], None, SIZING_RULE, is_sizing, choice=True),
    "vol_target": _Key("--vol-target", SIZING_ENV["vol_target"], None, VOL_TARGET_RULE, is_vol_target,
                       number=True),
    "fee": _Key("--fee", "AITRADER_FEE", "fee", "a rate per fill in [0, 0.1], e.g. 0.001 for 0.1%",
                lambda v: _number(v) and 0 <= v <= 0.1, number=True),
    "slippage": _Key("--slippage", "AITRADER_SLIPPAGE_BPS", "slippage_bps",
                     "basis points per taker fill in [0, 1000], e.g. 5",
                     lambda v: _number(v) and 0 <= v <= 1000, number=True),
    "data_dir": _Key("--data-dir", "AITRADER_DATA_DIR", "data_dir", "a folder path (a string)", _text),
    "journal": _Key("--journal", "AITRADER_DATABASE_URL or AITRADER_JOURNAL", None,
                    "a SQLite file path or a database URL (a string)", _text),
    "backtest_journal": _Key("--journal", "AITRADER_BACKTEST_JOURNAL", "backtest_journal",
                             "a SQLite file path or a database URL (a string)", _text),
}  # fmt: skip
TABLES = {
    "strategies": "[strategies.NAME] tables of strategy parameters",
    "optimize": "[optimize.NAME] tables of search ranges",
}
UNIVERSE_TABLE = "universe"  # `[universe]`: the symbol universe (`aitrader.universe.rule.UniverseRule`)
_SPEC_KEYS = ("spec", "mode", "symbols", "top")  # what --universe replaces in the [universe] table

BUILT_IN: dict[str, Any] = {
    "symbol": "BTCUSDT",
    "timeframe": "4h",
    "strategy": "confluence",
    "equity": 10_000.0,
    "risk": 0.01,
    "sizing": DEFAULT_SIZING,
    "vol_target": DEFAULT_VOL_TARGET,
    "fee": 0.001,
    "slippage": DEFAULT_SLIPPAGE_BPS,
    "data_dir": "var/data",
    "journal": "var/journal.sqlite",
    "backtest_journal": None,
}


@dataclass(frozen=True)
class RunSettings:
    """The resolved settings of one command run, and where each came from."""

    symbol: str
    timeframe: str
    strategy: str
    equity: float
    risk: float
    fee: float
    slippage: float  # basis points
    data_dir: Path
    journal: str | Path  # a SQLite file or a database URL (trade, chat, replay)
    backtest_journal: str | None  # None: a backtest is not journalled
    config_file: Path
    sizing: str = DEFAULT_SIZING  # `risk.config.Sizing`'s value: stop, volatility or vol_target
    vol_target: float = DEFAULT_VOL_TARGET  # annualised volatility one position targets (vol_target)
    sources: Mapping[str, str] = field(default_factory=dict)  # key -> "cli" | "env" | "file" | "default"
    # RiskConfig field -> value, only those the environment or the [risk] table set (RISK_KEYS),
    # their sources under "risk.<key>" in `sources`; and `sizing`/`vol_target` where set anywhere
    risk_limits: dict[str, Any] = field(default_factory=dict)
    # the [universe] table as the file holds it (checked; empty when the file has none)
    universe: dict[str, Any] = field(default_factory=dict)

    def where(self, key: str) -> str:
        """Where `key` came from, for an error line: `--timeframe`, `AITRADER_TIMEFRAME`,
        `aitrader.toml: timeframe` or `default timeframe` (never the value: a journal URL may hold a
        password). A `[risk]` key is `risk.<key>`: `AITRADER_MAX_DRAWDOWN`, `aitrader.toml: [risk]
        max_drawdown` or `default max_drawdown`."""
        source = self.sources.get(key, "default")
        if key.startswith(f"{RISK_TABLE}."):
            name = key.removeprefix(f"{RISK_TABLE}.")
            shown = {"env": RISK_KEYS[name].env(name), "file": f"{self.config_file}: [risk] {name}"}
            return shown.get(source, f"default {name}")
        rule = KEYS[key]
        if source == "cli":
            return rule.option
        if source == "env":
            return rule.env
        if source == "file":
            return f"{self.config_file}: {key}"
        return f"default {key}"

    def from_default(self, key: str) -> bool:
        return self.sources.get(key, "default") == "default"

    def strategy_params(self, pairs: Sequence[str] = ()) -> dict[str, Any]:
        """The strategy's `[strategies.<name>]` table, then `--param NAME=VALUE` on top."""
        return {**strategy_params(self.strategy, self.config_file), **parse_param_pairs(pairs)}

    def universe_rule(self, spec: str | None) -> UniverseRule | None:
        """`--universe` `spec` on top of the `[universe]` table (the table's other keys, such as
        blacklist, quote, min_quote_volume and refresh, still apply), else the table alone, else None.
        Raises `UniverseRuleError` (one line) on a bad spec."""
        from aitrader.universe.rule import UniverseRule

        if spec is not None:
            return UniverseRule.parse(spec, **{k: v for k, v in self.universe.items() if k not in _SPEC_KEYS})
        if not self.universe:
            return None
        return UniverseRule.from_mapping(self.universe, where=f"{self.config_file}: [{UNIVERSE_TABLE}]")


def parse_param_pairs(pairs: Sequence[str]) -> dict[str, Any]:
    """`["fast=10", "htf=15m"]` -> {"fast": 10, "htf": "15m"} (values read as JSON when they can be)."""
    import json

    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise RunSettingsError(f"--param {pair!r}: write NAME=VALUE, e.g. --param fast=10")
        try:
            out[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[name.strip()] = raw
    return out


def offline_settings() -> Settings:
    """Settings for a command that never sends an order (backtest, decide, optimize, analyze): the
    mainnet opt-in guards order sending, so it does not stop these from reading the other keys."""
    return load_settings(allow_mainnet=True)


def resolve_run(
    cli: Mapping[str, Any] | None = None,
    *,
    defaults: Mapping[str, Any] | None = None,
    settings: Settings | None = None,
    config: Path | None = None,
) -> RunSettings:
    """Every key of `KEYS`: `cli` (None = not given) > environment > the config file > `defaults` >
    `BUILT_IN`. Raises `RunSettingsError` (an option), `SettingsError` (the environment) or
    `ConfigFileError` (the file), each with a one-line message."""
    given = {k: v for k, v in (cli or {}).items() if v is not None}
    for key in given:
        if key not in KEYS:
            raise KeyError(f"no run setting {key!r}")  # a programming error, not a user's
    env = settings if settings is not None else offline_settings()
    by_hand = sizing_env()  # the keys `Settings` has no field for
    path = config_path(config)
    doc = read_config(path)
    file_values, file_limits, universe = _check_file(path, doc)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key, rule in KEYS.items():
        if key in given:
            value, source = given[key], "cli"
            if (rule.number or rule.choice) and not rule.check(value):
                raise RunSettingsError(f"{rule.option} {value}: use {rule.rule}")
        elif (found := _from_env(key, env, by_hand)) is not None:
            value, source = found, "env"
        elif key in file_values:
            value, source = file_values[key], "file"
        else:
            value, source = (defaults or {}).get(key, BUILT_IN[key]), "default"
        values[key], sources[key] = value, source
    limits, limit_sources = resolve_risk_limits(file_limits)
    sources.update(limit_sources)
    sizing, vol_target = str(sizing_name(values["sizing"])), float(values["vol_target"])
    limits.update(sizing_limits(sizing, vol_target, sources))
    return RunSettings(
        symbol=str(values["symbol"]).strip().upper(),
        timeframe=str(values["timeframe"]).strip(),
        strategy=str(values["strategy"]).strip(),
        equity=float(values["equity"]),
        risk=float(values["risk"]),
        fee=float(values["fee"]),
        slippage=float(values["slippage"]),
        data_dir=Path(values["data_dir"]),
        journal=values["journal"] if isinstance(values["journal"], Path) else str(values["journal"]),
        backtest_journal=None if values["backtest_journal"] is None else str(values["backtest_journal"]),
        config_file=path,
        sizing=sizing,
        vol_target=vol_target,
        sources=sources,
        risk_limits=limits,
        universe=universe,
    )


def _from_env(key: str, settings: Settings, by_hand: Mapping[str, Any]) -> Any:
    """The environment's value of `key`, or None when the environment does not set it (`by_hand`:
    the keys read without `Settings`)."""
    if key in by_hand:
        return by_hand[key]
    if key == "journal":
        if settings.database_url is not None and settings.database_url.get_secret_value():
            return settings.database_url.get_secret_value()
        return settings.journal_path if "journal_path" in settings.model_fields_set else None
    name = KEYS[key].field
    if name is None or name not in settings.model_fields_set:
        return None
    return getattr(settings, name)


def _check_file(path: Path, doc: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The file's top-level run settings, its `[risk]` limits (by RISK_KEYS key) and its
    `[universe]` table, each checked; one line on the first bad key or value."""
    out: dict[str, Any] = {}
    limits: dict[str, Any] = {}
    universe: dict[str, Any] = {}
    for raw_key, raw in doc.items():
        key = str(raw_key)
        unwrap = getattr(raw, "unwrap", None)
        value = unwrap() if callable(unwrap) else raw
        if key in TABLES:
            if not isinstance(value, Mapping) or not all(isinstance(t, Mapping) for t in value.values()):
                raise ConfigFileError(f"{path}: {key}: must hold {TABLES[key]}")
            continue
        if key == RISK_TABLE and isinstance(value, Mapping):
            fraction, limits = check_risk_table(path, value)
            if fraction is not None:
                out[key] = fraction
            continue
        if key == UNIVERSE_TABLE:
            universe = _check_universe(path, value)
            continue
        rule = KEYS.get(key)
        if rule is None:
            known = [*KEYS, *TABLES, UNIVERSE_TABLE]
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigFileError(
                f"{path}: unknown key {key!r}: {hint}the file holds {', '.join(KEYS)}, "
                f"{', '.join(f'[{t}.NAME]' for t in TABLES)}, [{UNIVERSE_TABLE}] and [{RISK_TABLE}]"
            )
        if not rule.check(value):
            raise ConfigFileError(f"{path}: {key} = {_shown(key, value)}: use {rule.rule}")
        out[key] = value
    return out, limits, universe


def _check_universe(path: Path, value: Any) -> dict[str, Any]:
    """The `[universe]` table, checked as `UniverseRule.from_mapping` reads it (imported only when
    the file has the table)."""
    where = f"{path}: [{UNIVERSE_TABLE}]"
    if not isinstance(value, Mapping):
        raise ConfigFileError(
            f"{path}: {UNIVERSE_TABLE} = {value!r}: write a [universe] table (mode, top, quote, "
            'blacklist, ...), e.g. [universe] then spec = "top:5:volume"'
        )
    from aitrader.universe.rule import UniverseRule, UniverseRuleError

    table = {str(k): v for k, v in value.items()}
    try:
        UniverseRule.from_mapping(table, where=where)
    except UniverseRuleError as exc:
        raise ConfigFileError(str(exc)) from None
    return table


def _shown(key: str, value: Any) -> str:
    if key in ("journal", "backtest_journal") and isinstance(value, str) and "://" in value:
        return "a URL"  # it may hold a password
    return repr(value) if isinstance(value, str) else str(value)

"""Strategy parameters in `aitrader.toml`: what `optimize --apply` writes and every mode reads.

The file's top-level run settings (symbol, timeframe, risk, …) are read by `config.run_settings`;
this module owns the file itself (where it is, reading it, rewriting one table).

    [strategies.confluence]      # what every mode trades
    ema_fast = 30
    ema_slow = 140

    [optimize.confluence]        # what `aitrader optimize` searches (as --space entries)
    ema_fast = "10:40:5"
    htf = ["15m", "1h"]

`backtest`, `decide` and `trade` start from the table of their strategy (`--param` overrides a
value), so the parameters an optimisation chose are the ones that trade. The file is
`./aitrader.toml`, or the path in `AITRADER_CONFIG`. tomlkit keeps the user's comments and layout
when a table is rewritten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CONFIG_FILE = "aitrader.toml"
CONFIG_ENV = "AITRADER_CONFIG"


class ConfigFileError(ValueError):
    """The config file cannot be read or written; the message names the file and the problem."""


def config_path(path: Path | None = None) -> Path:
    """`path`, else `$AITRADER_CONFIG`, else `./aitrader.toml` (it need not exist)."""
    if path is not None:
        return path
    env = os.environ.get(CONFIG_ENV, "").strip()
    return Path(env) if env else Path(CONFIG_FILE)


def snake_name(text: str) -> str:
    """'GoldenCross' -> 'golden_cross': the default name of a user strategy class."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text).lower()


def table_key(strategy: str) -> str:
    """The `[strategies.<key>]` a strategy's parameters live under: its name, lower case. For the
    user's own (`file.py`, `file.py:Class`, `module:Class`) that is the name the class gets (a
    literal `name = "..."` in its body, else the class name in snake_case), read from the source
    without running it (`trade` reads it before re-protecting positions), so every way of naming
    the same class reads the same table."""
    text = strategy.strip()
    if text.lower().startswith("rl:") or (":" not in text and not text.endswith(".py")):
        return text.lower()
    if ".py:" in text or text.endswith(".py"):
        file_part, _, cls = text.partition(".py:") if ".py:" in text else (text[:-3], "", "")
        source: Path | None = Path(file_part + ".py").expanduser()
    else:
        module, _, cls = text.partition(":")
        source = _module_file(module)
    declared = _declared_name(source, cls) if source is not None else None
    if declared:
        return declared.lower()
    return snake_name(cls) if cls else (source.stem.lower() if source is not None else text.lower())


def _module_file(module: str) -> Path | None:
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec is not None and spec.origin else None


def _declared_name(path: Path, cls: str) -> str | None:
    """The strategy name class `cls` (or the file's one strategy class) declares, from its source."""
    import ast

    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    if cls:
        chosen = [c for c in classes if c.name == cls]
    else:
        chosen = [c for c in classes if any(_base_name(b).endswith("Strategy") for b in c.bases)]
    if len(chosen) != 1:
        return None
    for node in chosen[0].body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        target = node.target if isinstance(node, ast.AnnAssign) else target
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(target, ast.Name) and target.id == "name" and isinstance(value, ast.Constant):
            return str(value.value)
    return snake_name(chosen[0].name)


def _base_name(node: object) -> str:
    import ast

    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def strategy_params(strategy: str, path: Path | None = None) -> dict[str, Any]:
    """The `[strategies.<strategy>]` table of the config file ({} when there is none)."""
    doc = _read(config_path(path))
    table = doc.get("strategies", {}).get(table_key(strategy), {})
    if not isinstance(table, Mapping):
        raise ConfigFileError(f"{config_path(path)}: [strategies.{strategy}] must be a table of NAME = VALUE")
    return {str(k): _plain(v) for k, v in table.items()}


def optimize_space(strategy: str, path: Path | None = None) -> list[str]:
    """The `[optimize.<strategy>]` table as `--space` entries: `ema_fast = "10:40:5"`,
    `htf = ["15m", "1h"]`, `rr2 = 4.0` (the command line's `--space` comes after and wins)."""
    doc = _read(config_path(path))
    table = doc.get("optimize", {}).get(table_key(strategy), {})
    if not isinstance(table, Mapping):
        raise ConfigFileError(f"{config_path(path)}: [optimize.{strategy}] must be a table of NAME = RANGE")
    out = []
    for key, raw in table.items():
        value = _plain(raw)
        text = ",".join(str(v) for v in value) if isinstance(value, list) else str(value)
        out.append(f"{key}={text}")
    return out


def write_strategy_params(
    strategy: str, params: Mapping[str, Any], note: str = "", path: Path | None = None
) -> Path:
    """Replace the `[strategies.<strategy>]` table with `params` (the rest of the file is kept)."""
    import tomlkit

    target = config_path(path)
    doc = _read(target) if target.exists() else tomlkit.document()
    strategies = doc.get("strategies")
    if strategies is None:
        strategies = tomlkit.table(is_super_table=True)
        doc["strategies"] = strategies
    table = tomlkit.table()
    if note:
        table.add(tomlkit.comment(note))
    for key, value in params.items():
        table[key] = value.value if hasattr(value, "value") else value
    strategies[table_key(strategy)] = table
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(tomlkit.dumps(doc), encoding="utf-8")
        tmp.replace(target)  # all or nothing: a crash never leaves half a config
    except OSError as exc:
        raise ConfigFileError(
            f"{target}: cannot write ({exc.strerror}); check the folder's permissions"
        ) from None
    return target


def read_config(path: Path | None = None) -> Any:
    """The parsed config file (a tomlkit document; {} when it does not exist)."""
    return _read(config_path(path))


def _read(path: Path) -> Any:
    if not path.exists():  # the usual case for `trade`: no import on its restart path
        return {}
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except ParseError as exc:
        raise ConfigFileError(
            f"{path}: line {exc.line}, column {exc.col}: {exc}; fix the TOML syntax"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigFileError(f"{path}: cannot read ({exc}); check the file") from None


def _plain(value: Any) -> Any:
    """A tomlkit item as a plain Python value."""
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value

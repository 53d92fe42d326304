"""Own strategies by path, by module:Class and by entry point, with one-line errors."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from aitrader.backtest.inputs import InputError, build_strategy
from aitrader.domain import Timeframe
from aitrader.strategies.user import UserStrategy

SOURCE = '''
import talib
from aitrader import UserStrategy, param


class {cls}(UserStrategy):
    """Close above its {n}-bar SMA."""

    n: int = param({n}, 2, 100)

    def indicators(self, c):
        return {{"sma": talib.SMA(c.close, self.n)}}

    def next(self, bar):
        if bar.crossed_above(bar.close, "sma"):
            return self.buy(stop=bar.close * 0.98, target=bar.close * 1.02)
        return None
'''


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_file_with_one_strategy_loads_with_or_without_its_class_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "above.py", SOURCE.format(cls="Above", n=20))
    for spec in (str(path), f"{path}:Above"):
        s = build_strategy(spec, {"n": 7}, Timeframe.H1)
        assert isinstance(s, UserStrategy)
        assert (s.name, s.warmup, s.timeframe, s.description) == (
            "above",
            7,
            Timeframe.H1,
            "Close above its 20-bar SMA.",
        )


def test_a_changed_file_is_read_again_and_an_unchanged_one_is_not(tmp_path: Path) -> None:
    path = _write(tmp_path, "above.py", SOURCE.format(cls="Above", n=20))
    first = type(build_strategy(str(path), {}, Timeframe.M1))
    assert type(build_strategy(str(path), {}, Timeframe.M1)) is first  # cached: optimiser trials reuse it
    _write(tmp_path, "above.py", SOURCE.format(cls="Above", n=33))
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    again = build_strategy(str(path), {}, Timeframe.M1)
    assert type(again) is not first
    assert again.warmup == 33


def test_errors_say_what_where_and_what_to_do(tmp_path: Path) -> None:
    two = _write(
        tmp_path, "two.py", SOURCE.format(cls="A", n=5) + SOURCE.format(cls="B", n=6).split("\n\n\n")[1]
    )
    cases = {
        str(
            tmp_path / "missing.py"
        ): "no file .*missing.py \\(write one with `aitrader new-strategy NAME`\\)",
        f"{two}:C": "has no class C \\(strategies in it: A, B\\)",
        str(two): "defines A, B: pick one, e.g. .*two.py:A",
        str(_write(tmp_path, "syntax.py", "x = (\n")): "syntax.py:1: SyntaxError",
        str(
            _write(tmp_path, "boom.py", "import os\n\nraise RuntimeError('no key')\n")
        ): "boom.py:3: RuntimeError: no key",
        str(_write(tmp_path, "empty.py", "X = 1\n")): "defines no UserStrategy subclass",
        "no_such_module_xyz:Thing": "no module 'no_such_module_xyz' \\(is it installed\\?\\)",
    }
    for spec, pattern in cases.items():
        with pytest.raises(InputError, match=pattern):
            build_strategy(spec, {}, Timeframe.M1)
    with pytest.raises(
        InputError, match="invalid parameters for above: n: Input should be less than or equal to 100"
    ):
        build_strategy(
            str(_write(tmp_path, "above.py", SOURCE.format(cls="Above", n=20))), {"n": 500}, Timeframe.M1
        )


def test_module_and_class_from_an_importable_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "mystrats"
    pkg.mkdir()
    _write(pkg, "__init__.py", "")
    _write(pkg, "trend.py", SOURCE.format(cls="Trend", n=12))
    monkeypatch.syspath_prepend(str(tmp_path))
    s = build_strategy("mystrats.trend:Trend", {}, Timeframe.M1)
    assert s.name == "trend"
    assert s.warmup == 12


def test_an_installed_entry_point_is_a_strategy_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package declaring `[project.entry-points."aitrader.strategies"] pullback = "..."` is found
    by name in every command (here a real dist-info folder on sys.path, as pip installs it)."""
    _write(tmp_path, "pullback_pkg.py", SOURCE.format(cls="Pullback", n=9))
    info = tmp_path / "pullback_pkg-1.0.dist-info"
    info.mkdir()
    _write(info, "METADATA", "Metadata-Version: 2.1\nName: pullback-pkg\nVersion: 1.0\n")
    _write(info, "entry_points.txt", "[aitrader.strategies]\npullback = pullback_pkg:Pullback\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    s = build_strategy("pullback", {"n": 4}, Timeframe.M1)
    assert type(s).__name__ == "Pullback"
    assert s.warmup == 4
    with pytest.raises(InputError, match="sma_cross, debate, llm, pullback, or your own file"):
        build_strategy("pullbak", {}, Timeframe.M1)
    sys.modules.pop("pullback_pkg", None)


def test_every_way_of_naming_a_class_reads_the_same_aitrader_toml_table(tmp_path: Path) -> None:
    from aitrader.config.strategy_file import table_key

    one = _write(tmp_path, "cross.py", SOURCE.format(cls="GoldenCross", n=5))
    named = _write(
        tmp_path, "named.py", SOURCE.format(cls="Other", n=5).replace("n: int", 'name = "x9"\n    n: int')
    )
    assert table_key(str(one)) == table_key(f"{one}:GoldenCross") == "golden_cross"
    assert build_strategy(str(one), {}, Timeframe.M1).name == "golden_cross"
    assert table_key(str(named)) == table_key(f"{named}:Other") == "x9"
    assert build_strategy(str(named), {}, Timeframe.M1).name == "x9"
    assert table_key("Confluence") == "confluence"

"""aitrader.toml strategy tables: read by every mode, rewritten by optimize --apply without losing the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from aitrader.config.strategy_file import (
    ConfigFileError,
    optimize_space,
    strategy_params,
    write_strategy_params,
)


def test_missing_file_means_no_overrides(tmp_path: Path) -> None:
    assert strategy_params("confluence", tmp_path / "none.toml") == {}


def test_write_keeps_comments_and_other_tables(tmp_path: Path) -> None:
    path = tmp_path / "aitrader.toml"
    path.write_text('# mine\n[strategies.momentum]\nadx_min = 25 # tuned by hand\n\n[other]\nx = "y"\n')
    write_strategy_params("confluence", {"ema_fast": 30, "rr2": 6.5, "htf": "1h"}, "chosen by a test", path)
    text = path.read_text()
    assert "# mine" in text
    assert "# tuned by hand" in text
    assert 'x = "y"' in text
    assert strategy_params("confluence", path) == {"ema_fast": 30, "rr2": 6.5, "htf": "1h"}
    assert strategy_params("momentum", path) == {"adx_min": 25}
    write_strategy_params("confluence", {"ema_fast": 10}, "", path)  # a new choice replaces the table
    assert strategy_params("confluence", path) == {"ema_fast": 10}
    assert not path.with_name("aitrader.toml.tmp").exists()


def test_env_var_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text("[strategies.range]\nbb_k = 2.5\n")
    monkeypatch.setenv("AITRADER_CONFIG", str(path))
    assert strategy_params("RANGE") == {"bb_k": 2.5}


def test_broken_toml_is_one_line_with_the_place(tmp_path: Path) -> None:
    path = tmp_path / "aitrader.toml"
    path.write_text("[strategies.confluence]\nema_fast = = 3\n")
    with pytest.raises(ConfigFileError, match=r"aitrader\.toml: line 2"):
        strategy_params("confluence", path)
    before = path.read_text()
    with pytest.raises(ConfigFileError):
        write_strategy_params("confluence", {"ema_fast": 3}, "", path)
    assert path.read_text() == before  # nothing stored is lost


def test_optimize_table_narrows_the_space(tmp_path: Path) -> None:
    path = tmp_path / "aitrader.toml"
    path.write_text('[optimize.confluence]\nema_fast = "10:40:5"\nhtf = ["15m", "1h"]\nrr2 = 4.0\n')
    assert optimize_space("confluence", path) == ["ema_fast=10:40:5", "htf=15m,1h", "rr2=4.0"]
    assert optimize_space("momentum", path) == []

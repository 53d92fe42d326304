"""The optimize commands' tests read and write their own aitrader.toml (`config_file`), never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "aitrader.toml"
    monkeypatch.setenv("AITRADER_CONFIG", str(path))
    monkeypatch.setenv("COLUMNS", "120")
    return path

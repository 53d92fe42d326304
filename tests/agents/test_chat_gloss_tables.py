"""The glossary's tables, every one of them built."""

from __future__ import annotations

from aitrader.agents.chat.foreign_gloss import _SCRIPTS, _table, languages


def test_every_table_builds_with_one_gloss_per_spelling() -> None:
    """Tables are read on first use: a spelling glossed two ways in one script would surface as an
    error answer to the first question that needs it, so every table is built here."""
    for script in ("latin", "spaceless", *_SCRIPTS):
        assert _table(script) is not None
    for lang in languages():
        assert _table("latin", lang) is not None

"""`TextItem`: one news headline or social post, the text unit the data providers hand upward.

It lives in the data layer (providers and the local file reader build it); `agents.snapshot` uses
it as is. Times are UTC epoch ms, like every time inside aitrader.
"""

from __future__ import annotations

from aitrader.domain.value import Value


class TextItem(Value, frozen=True):
    """A news headline or social post: when it was published (UTC ms), where from, what it says.
    `symbols` names the assets it is about (empty: the market as a whole)."""

    published_ms: int
    source: str
    title: str
    body: str = ""
    url: str = ""
    symbols: tuple[str, ...] = ()


def in_window(items: tuple[TextItem, ...], start_ms: int | None, end_ms: int | None) -> tuple[TextItem, ...]:
    """The items published in [start_ms, end_ms), oldest first (ties by source, then title)."""
    kept = (
        t
        for t in items
        if (start_ms is None or t.published_ms >= start_ms) and (end_ms is None or t.published_ms < end_ms)
    )
    return tuple(sorted(kept, key=lambda t: (t.published_ms, t.source, t.title)))

"""RSS and Atom feeds → `TextItem`s, through feedparser (https://feedparser.readthedocs.io).

feedparser reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 alike and normalises them: the feed's `title`,
and per entry `title`, `summary` (RSS `description` / Atom `summary` or `content`), `link`, and
`published_parsed` / `updated_parsed` (RSS `pubDate`, Atom `published` / `updated`) as a UTC
`time.struct_time`. An entry without any date is left out: it could not be placed in time, and a
backtest must never see a text before it was published.

`RssProvider` fetches one feed URL (httpx, with a timeout); `parse_feed` reads bytes already at hand
(the local file reader uses it for .xml/.rss/.atom files).
"""

from __future__ import annotations

import calendar
import html
import re
from typing import Any

from aitrader.data.providers.base import ProviderError
from aitrader.data.providers.http import DEFAULT_TIMEOUT_S, get_bytes
from aitrader.data.providers.texts import TextItem, in_window

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(text: str) -> str:
    """HTML → plain text: tags dropped, entities decoded, white space collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def _published_ms(entry: Any) -> int | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return calendar.timegm(t) * 1000
    return None


def parse_feed(data: bytes, source: str = "", origin: str = "feed") -> tuple[TextItem, ...]:
    """The dated entries of an RSS or Atom document, oldest first. `source` names them (default: the
    feed's own title); a document that is no feed at all raises `ValueError` naming `origin`."""
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.get("entries") and not parsed.get("feed"):
        err = parsed.get("bozo_exception")
        raise ValueError(f"{origin}: not an RSS or Atom feed ({type(err).__name__ if err else 'unreadable'})")
    name = source or plain_text(str(parsed.get("feed", {}).get("title", ""))) or origin
    items: list[TextItem] = []
    for entry in parsed.get("entries", []):
        when = _published_ms(entry)
        title = plain_text(str(entry.get("title", "")))
        if when is None or not title:
            continue
        body = entry.get("summary") or ""
        if not body and entry.get("content"):
            body = entry["content"][0].get("value", "")
        items.append(TextItem(when, name, title, plain_text(str(body)), str(entry.get("link", ""))))
    return in_window(tuple(items), None, None)


class RssProvider:
    """The entries of one RSS/Atom feed URL published in the window."""

    def __init__(self, url: str, source: str = "", timeout_s: float = DEFAULT_TIMEOUT_S, name: str = "rss"):
        self.url = url
        self.source = source
        self.timeout_s = timeout_s
        self.name = name

    def unavailable(self) -> str | None:
        return None

    def fetch_texts(self, start_ms: int, end_ms: int) -> tuple[TextItem, ...]:
        data = get_bytes(
            self.name,
            self.url,
            headers={"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"},
            timeout_s=self.timeout_s,
        )
        try:
            items = parse_feed(data, self.source, self.url)
        except ValueError as exc:
            raise ProviderError(self.name, str(exc), "check the feed URL") from None
        return in_window(items, start_ms, end_ms)

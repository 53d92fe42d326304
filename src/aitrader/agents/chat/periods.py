"""Time periods in plain language ("today", "this week", "since Monday", "last 24h") as UTC ms ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

_DAY_MS = 86_400_000
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBR = {name[:3]: i for i, name in enumerate(_WEEKDAYS)}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_UNIT_MS = {"minute": 60_000, "hour": 3_600_000, "day": _DAY_MS, "week": 7 * _DAY_MS, "month": 30 * _DAY_MS}


@dataclass(frozen=True, slots=True)
class Period:
    """[since_ms, until_ms) in UTC epoch ms; `label` is the canonical name ("today", "last 24h")."""

    label: str
    since_ms: int | None
    until_ms: int

    def contains(self, t_ms: int) -> bool:
        return (self.since_ms is None or t_ms >= self.since_ms) and t_ms < self.until_ms


def _midnight(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


def _unit(word: str) -> str | None:
    """The time unit a word names: "hrs" -> hour, "days" -> day, "wk" -> week, "months" -> month."""
    if word.startswith("min"):
        return "minute"
    if word.startswith("mon"):
        return "month"
    for prefix, unit in (("h", "hour"), ("d", "day"), ("w", "week")):
        if word.startswith(prefix):
            return unit
    return None


_LAST_N = re.compile(r"\b(?:last|past|previous)\s+(\d+|one|two|three|four|five|six|seven|ten)\s*([a-z]+)")
_LAST_N_COMPACT = re.compile(r"\b(?:last|past)\s+(\d+)(h|d|w)\b")
_SINCE_DAY = re.compile(r"\bsince\s+(?:last\s+)?([a-z]+)")


def parse_period(text: str, now_ms: int) -> Period | None:
    """The first period named in `text`, or None. Week starts Monday; days are UTC days."""
    t = text.lower()
    now = datetime.fromtimestamp(now_ms / 1000, tz=UTC)
    today = _midnight(now)
    m = _LAST_N_COMPACT.search(t) or _LAST_N.search(t)
    if m:
        n_raw, unit_word = m.group(1), m.group(2)
        n = int(n_raw) if n_raw.isdigit() else _NUMBER_WORDS[n_raw]
        unit = {"h": "hour", "d": "day", "w": "week"}.get(unit_word) or _unit(unit_word)
        if unit:
            label = f"last {n}h" if unit == "hour" else f"last {n} {unit}{'s' if n > 1 else ''}"
            if (unit, n) in {("day", 1), ("hour", 24)}:
                label = "last 24h"
            return Period(label, now_ms - n * _UNIT_MS[unit], now_ms + 1)
    m = _SINCE_DAY.search(t)
    if m:
        word = m.group(1)
        day = _WEEKDAY_ABBR.get(word[:3])
        if day is not None:
            back = (today.weekday() - day) % 7
            start = today - timedelta(days=back)
            return Period(f"since {_WEEKDAYS[day]}", _ms(start), now_ms + 1)
        if word == "yesterday":
            return Period("since yesterday", _ms(today - timedelta(days=1)), now_ms + 1)
    if re.search(r"\b(?:yesterday|yday|ystd)\b", t):
        return Period("yesterday", _ms(today - timedelta(days=1)), _ms(today))
    if re.search(r"\b(?:today|todays|tdy|2day|tday)\b", t):
        return Period("today", _ms(today), now_ms + 1)
    if re.search(r"\b(?:this|current)\s+week\b|\bweek to date\b|\bwtd\b", t):
        return Period("this week", _ms(today - timedelta(days=today.weekday())), now_ms + 1)
    if re.search(r"\blast\s+week\b", t):
        start = today - timedelta(days=today.weekday() + 7)
        return Period("last week", _ms(start), _ms(start + timedelta(days=7)))
    if re.search(r"\b(?:this|current)\s+month\b|\bmonth to date\b|\bmtd\b", t):
        return Period("this month", _ms(today.replace(day=1)), now_ms + 1)
    if re.search(r"\b(?:24\s*h(?:rs?|ours?)?|24 hours|a day)\b", t):
        return Period("last 24h", now_ms - _DAY_MS, now_ms + 1)
    if re.search(r"\b(?:all[ -]time|ever|since (?:the )?(?:start|beginning))\b", t):
        return Period("all time", None, now_ms + 1)
    return None


def named_period(label: str, now_ms: int) -> Period | None:
    """A period from its canonical label (as tool arguments carry it)."""
    return parse_period(label, now_ms)

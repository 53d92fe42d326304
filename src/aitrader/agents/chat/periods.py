"""Time periods in plain language ("today", "this week", "since Monday", "last 24h") as UTC ms ranges."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

_DAY_MS = 86_400_000
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBR = {name[:3]: i for i, name in enumerate(_WEEKDAYS)}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fourteen": 14,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty eight": 48,
    "seventy two": 72,
}
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


_UNIT_WORDS = {
    "minute": ("m", "min", "mins", "minute", "minutes"),
    "hour": ("h", "hr", "hrs", "hour", "hours"),
    "day": ("d", "day", "days"),
    "week": ("w", "wk", "wks", "week", "weeks"),
    "month": ("mo", "mon", "mons", "month", "months"),
}
_UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}


def _unit(word: str) -> str | None:
    """The time unit a word names ("hrs" -> hour, "wk" -> week); "huge" or "deals" name none."""
    return _UNIT_OF.get(word)


_LAST_N = re.compile(
    r"\b(?:last|past|previous|preceding)\s+(\d+|forty eight|seventy two|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fourteen|twenty|thirty|forty)\s*([a-z]+)"
)
_LAST_N_COMPACT = re.compile(r"\b(?:last|past)\s+(\d+)(h|d|w)\b")
_SINCE_DAY = re.compile(r"\bsince\s+(?:last\s+)?([a-z]+)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_SINCE_DATE = re.compile(
    rf"(?:\b(?:since|from|after|starting(?:\s+(?:on|from))?|beginning|commencing|as\s+of)|>=?)\s+'?(?:the\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+(\d{{1,2}})"
    r"(?:st|nd|rd|th)?|(\d{4})-(\d{2})-(\d{2}))"
)
_SINCE_NTH = re.compile(
    r"\b(?:since|from|after|starting|beginning)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b"
)  # "since the 1st"
_COMPACT = re.compile(r"(?<![\w.])(\d{1,3})\s*(h|hr|hrs|d|w)\b")
# Misspellings of period words, fixed before parsing ("yesturday", "this weak", "sicne monday").
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_COMPOUND = re.compile(rf"\b({'|'.join(_TENS)})[\s-]?(one|two|three|four|five|six|seven|eight|nine)\b")
_SPAN_TO_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|week|month|year|quarter)\w*\s+to\s+date\b"
)


def _to_date(m: re.Match[str]) -> str:
    return m.group(0) if _SPAN_TO_DATE.search(m.string) else "all time"


def _month_day(m: re.Match[str]) -> str:
    return f"since {_MONTHS[int(m.group(1)) - 1]} {int(m.group(2))}"


_SLIPS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"\b(?:yesturday|yesterady|yesteday|yestreday|yestrday|yesterdy|ysterday|yeserday)\b"),
        "yesterday",
    ),
    (re.compile(r"\b(?:tody|todya|toady|tdoay)\b"), "today"),
    (_COMPOUND, lambda m: str(_TENS[m.group(1)] + NUMBER_WORDS[m.group(2)])),  # "the last twenty four hours"
    (re.compile(r"\b(this|last|past)\s+(?:weak|wek|wk)\b"), r"\1 week"),
    (re.compile(r"\b(?:sicne|snice|sinse|scince)\b"), "since"),
    (re.compile(r"\b(this|last|past)\s+(?:mnoth|montth|moth|mth)\b"), r"\1 month"),
    (re.compile(r"\b(?:last|past|previous)\s+(?:day)\b"), "last 24h"),
    (re.compile(r"\bthe\s+week\s+(?:going|so\s+far)\b"), "this week"),
    (re.compile(r"\b(?:last|past|previous)\s+hour\b"), "last 1 hour"),
    (
        re.compile(r"\bsince\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:this|the)\s+(week|month)\b"),
        r"this \1",
    ),
    (re.compile(r"\b(?:yday|ystd|yest)\b"), "yesterday"),  # so "since yday" reads as "since yesterday"
    # "for the current calendar month", "the trailing seven days", "… on this account to date" (not "may to
    # date"), pandas "pnl_by_day.tail(7)" and "pnl.loc['2026-11-30':]", "since 11/30" (month/day)
    (re.compile(r"\bcurrent\s+calendar\s+(week|month)\b"), r"this \1"),
    (re.compile(r"\btrailing\s+(\w+)\s+(hours?|days?|weeks?|months?)\b"), r"last \1 \2"),
    (re.compile(r"\bto\s+date\b"), _to_date),
    (re.compile(r"(?:by[\s_]day|daily|[\s_]days?)\w*\.tail\(\s*(\d{1,3})\s*\)"), r" last \1 days "),
    (re.compile(r"\.lo[ct]\[\s*['\"](\d{4}-\d{2}-\d{2})['\"]\s*:\s*\]"), r" since \1 "),
    (re.compile(r"\bsince\s+(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])\b(?!/)"), _month_day),
    (re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+of\s+this\s+week\b"), r"\1"),
    (  # "from Monday up to and including today": since Monday
        re.compile(
            r"\bfrom\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:up\s+)?(?:to|till|until|through)\s+"
            r"(?:and\s+including\s+)?(?:today|now)\b"
        ),
        r"since \1",
    ),
    (
        re.compile(r"\bperiod\s*=\s*['\"]?(?:all(?:[\s_-]*time)?|ever)\b['\"]?"),
        "all time",
    ),  # "WHERE period = all"
)
# Yesterday and today in languages wording.py does not translate (Tagalog, Indonesian/Malay, Turkish,
# Dutch, Polish, Swedish, Vietnamese).
_FOREIGN_DAYS = (
    (
        re.compile(r"(?<!\w)(?:kahapon|kemarin|kemaren|kmrn|kmren|dün|gisteren|wczoraj|igår|hôm qua)(?!\w)"),
        "yesterday",
    ),
    (re.compile(r"(?<!\w)(?:ngayong araw|hari ini|bugün|vandaag|dzisiaj|dziś|idag|hôm nay)(?!\w)"), "today"),
)
_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
_ORDINALS |= {f"twenty {w}": 21 + i for i, w in enumerate(_ORDINAL_WORDS[:9])}
_ORDINALS |= {"thirtieth": 30, "thirty first": 31}
# a day of the month in words, before a month or "of": "the twenty-eighth of November"
_ORDINAL = re.compile(
    r"(?<=the\s)((?:twenty[ -])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[ -]first|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"twentieth|thirtieth)\b(?=\s+(?:of\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
)
COUNT = r"(\d{1,3}|" + "|".join(w for w in NUMBER_WORDS if " " not in w) + ")"  # "3", "three"
# Other ways of naming a period, rewritten onto the words parse_period reads.
_IDIOMS = (
    # the whole history: "since inception", "from day one", "lifetime", "how much have I made in total"
    (
        re.compile(
            r"\b(?:since|from)\s+(?:inception|launch|(?:the\s+)?(?:very\s+)?(?:day\s+(?:one|1)|first\s+day|beginning|start)"
            r"(?:\s+(?:until|till|til|to|up\s+to)\s+(?:now|today))?)\b"
            r"|\blifetime\b"
        ),
        "all time",
    ),
    # money made "in total" (but "how much do I have in total" sums holdings: no period)
    (
        re.compile(r"(\b(?:made|make|earned|gained|lost|profit|pnl|p&l|up|down)\b[^.,;!?]*?)\bin\s+total\b"),
        r"\1all time",
    ),
    # two days named together: "across both days", "yesterday and today"
    (
        re.compile(
            r"\bboth\s+days\b|\byesterday\s+(?:and|&|\+)\s+today\b|\btoday\s+(?:and|&|\+)\s+yesterday\b"
        ),
        "since yesterday",
    ),
    (re.compile(r"\b(?:the\s+)?(?:last|past|previous)\s+fortnight\b|\ba\s+fortnight\b"), "last 2 weeks"),
    (re.compile(r"\b(?:current[_\s]date|curdate\(\))"), "today"),  # SQL: "WHERE trade_date = CURRENT_DATE"
    (re.compile(r"\b(?:previous|prior|preceding)\s+(week|month)\b"), r"last \1"),
    (
        re.compile(r"\b(?:the\s+)?(week|month)\s+before(?:\s+(?:that|this|it))?\b"),
        r"last \1",
    ),  # after "this week"
    (re.compile(r"\b(?:the\s+)?day\s+before(?:\s+that)?\b(?!\s+yesterday)"), "yesterday"),
    # "the past week" counts back from now; "last week" is the calendar week before this one
    (re.compile(r"\bpast\s+week\b"), "last 7 days"),
    (re.compile(r"\bpast\s+month\b"), "last 30 days"),
    (re.compile(r"\b(week|month)[ -]to[ -]date\b"), r"this \1"),
    (re.compile(rf"\b{_MONTH}\s+(?:to[ -]date|so\s+far)\b"), "this month"),  # "December to date"
    (
        re.compile(r"\b(?:since|from|starting)\s+the\s+(?:first|1st)\s+of\s+(?:the|this)\s+month\b"),
        "this month",
    ),
    (_ORDINAL, lambda m: f"{_ORDINALS[m.group(1).replace('-', ' ')]}th"),  # "the first of December"
    # the current day, week or month named without "this": "all week", "for the whole week",
    # "realised on the day", and a bare "week?" asked after another period
    (re.compile(r"\b(?:all|the\s+whole|the\s+entire|whole)\s+(week|month)\b"), r"this \1"),
    (re.compile(r"\b(?:all\s+day|the\s+whole\s+day|this\s+morning)\b"), "today"),
    (
        re.compile(
            r"\b(?:on|for|during|over|across)\s+the\s+(day|week|month)\b(?!\s+(?:before|after|of|when|i|we))"
        ),
        r"this \1",
    ),
    (
        re.compile(r"^\W*(?:(?:and|what\s+about|how\s+about|for|over)\s+)?(?:the\s+)?(day|week|month)\W*$"),
        r"this \1",
    ),
    (re.compile(r"\bthis\s+day\b"), "today"),
    # Scots "the day" (today) closing a question: "whit did ah sell the day", "whit it's made the day"
    (
        re.compile(
            r"\b(?:made|make|sold|sell|selt|bought|buy|traded|done|did|earned|lost)\s+(?:\w+\s+)?the\s+day\W*$"
        ),
        "today",
    ),
    (re.compile(r"\b(?:over|on|during|this|the\s+past|the)\s+weekend\b"), "since saturday"),
    # a count of hours, days or weeks without "last": "extend to 3 days", "over 2 weeks"
    (
        re.compile(
            rf"\b(?:to|over|for|within|across|covering|make\s+it|make\s+that)\s+(?:the\s+)?{COUNT}\s+(hours?|days?|weeks?)\b"
            r"(?!\s+(?:ago|before|after|from|later|earlier))"
        ),
        r"last \1 \2",
    ),
    # a stretch without a number: "the last couple of days"
    (re.compile(r"\b(last|past|previous)\s+couple\s+(?:of\s+)?"), r"\1 2 "),
    # a start and "now": "between Monday and now", "from monday until now"
    (
        re.compile(r"\b(?:between|from)\s+([a-z]+)\s+(?:and|until|till|til|to)\s+(?:now|today)\b"),
        r"since \1",
    ),
    # a count after a denial: "hasn't traded in 48 hours", "no buys in 3 days"
    (
        re.compile(
            rf"(\b(?:not|never|no)\b[^.?!]*?|n't\b[^.?!]*?)\bin\s+(?:the\s+)?{COUNT}\s+(hours?|days?|weeks?)\b"
        ),
        r"\1last \2 \3",
    ),
    # "last 48" with no unit: whole days counted in hours (a bare "last 5" is a count, see entities.py)
    (re.compile(r"\b(last|past)\s+(24|48|72|96|120|144|168)(?!\s*[\w.%])"), r"\1 \2h"),
    (  # "widen it to 48", "make it 72": a window of hours, after a list over one
        re.compile(
            r"\b(?:widen|extend|make|change|expand|stretch)\s+(?:it|that)\s+(?:to\s+)?(24|48|72|96|120|144|168)(?!\s*[\w.%])"
        ),
        r"last \1h",
    ),
)


def parse_period(text: str, now_ms: int) -> Period | None:
    """The first period named in `text`, or None. Week starts Monday; days are UTC days."""
    t = text.lower()
    for rx, repl in (*_SLIPS, *_FOREIGN_DAYS, *_IDIOMS):
        t = rx.sub(repl, t)
    now = datetime.fromtimestamp(now_ms / 1000, tz=UTC)
    today = _midnight(now)
    dated = _since_date(t, now)
    if dated is not None:
        return Period(f"since {dated:%Y-%m-%d}", _ms(dated), now_ms + 1)
    m = _LAST_N_COMPACT.search(t) or _LAST_N.search(t)
    if m:
        n_raw, unit_word = m.group(1), m.group(2)
        n = int(n_raw) if n_raw.isdigit() else NUMBER_WORDS[n_raw]
        found = {"h": "hour", "d": "day", "w": "week"}.get(unit_word) or _unit(unit_word)
        if found:
            return _last_n(n, found, now_ms)
    named = _named(t, today, now_ms)
    if named is not None:
        return named
    # A bare count ("pnl 7d") after any named period: "a 12hr shift, what did I make today" asks for today.
    c = None if m is not None or re.search(r"\b24\s*h", t) else _COMPACT.search(t)
    if c:
        unit = {"h": "hour", "hr": "hour", "hrs": "hour", "d": "day", "w": "week"}[c.group(2)]
        return _last_n(int(c.group(1)), unit, now_ms)
    if re.search(r"\b(?:24\s*h(?:rs?|ours?)?|24 hours|a day)\b", t):
        return Period("last 24h", now_ms - _DAY_MS, now_ms + 1)
    if re.search(
        r"\b(?:all[ -]time|ever|since (?:the )?(?:start|beginning)|since (?:i|we) (?:first )?(?:started|began|joined|opened|signed up|"
        r"set (?:it|this|this thing|the bot) up|turned (?:it|this|this thing|the bot) on)|since the account was (?:opened|created|set up)"
        r"|since (?:the (?:whole thing|bot)|it(?: all)?) (?:started|began))\b",
        t,
    ):
        return Period("all time", None, now_ms + 1)
    return None


def _named(t: str, today: datetime, now_ms: int) -> Period | None:
    """A period named by its day, week or month: "since monday", "yesterday", "this week", "last month"."""
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
    if re.search(r"\byesterday\b", t):
        return Period("yesterday", _ms(today - timedelta(days=1)), _ms(today))
    if re.search(r"\b(?:today|todays|tdy|2day|tday)\b", t):
        return Period("today", _ms(today), now_ms + 1)
    if re.search(r"\b(?:this|current)\s+week\b|\bwtd\b", t):
        return Period("this week", _ms(today - timedelta(days=today.weekday())), now_ms + 1)
    if re.search(r"\blast\s+week\b", t):
        start = today - timedelta(days=today.weekday() + 7)
        return Period("last week", _ms(start), _ms(start + timedelta(days=7)))
    month = today.replace(day=1)
    if re.search(r"\b(?:this|current)\s+month\b|\bmtd\b", t):
        return Period("this month", _ms(month), now_ms + 1)
    if re.search(r"\blast\s+month\b", t):
        return Period("last month", _ms((month - timedelta(days=1)).replace(day=1)), _ms(month))
    if re.search(r"\bytd\b|\byear[ -]to[ -]date\b", t):
        year = month.replace(month=1)
        return Period(f"since {year:%Y-%m-%d}", _ms(year), now_ms + 1)
    return None


def _last_n(n: int, unit: str, now_ms: int) -> Period:
    label = f"last {n}h" if unit == "hour" else f"last {n} {unit}{'s' if n > 1 else ''}"
    if (unit, n) in {("day", 1), ("hour", 24)}:
        label = "last 24h"
    return Period(label, now_ms - n * _UNIT_MS[unit], now_ms + 1)


def _since_date(t: str, now: datetime) -> datetime | None:
    """ "since Nov 30", "since the 1st of December", "since 2026-11-28": that day's UTC midnight (last
    year's when the day is still ahead this year)."""
    m = _SINCE_DATE.search(t)
    if m is None:
        return _since_nth(t, now)
    try:
        if m.group(5):
            return datetime(int(m.group(5)), int(m.group(6)), int(m.group(7)), tzinfo=UTC)
        day = int(m.group(1) or m.group(4))
        month = _MONTHS.index(m.group(2) or m.group(3)) + 1
        found = datetime(now.year, month, day, tzinfo=UTC)
    except ValueError:
        return None
    if found <= now:
        return found
    try:
        return found.replace(year=now.year - 1)
    except ValueError:  # Feb 29 asked in a year after a leap year
        return None


def _since_nth(t: str, now: datetime) -> datetime | None:
    """ "since the 1st": that day of this month (of last month while the day is still ahead)."""
    m = _SINCE_NTH.search(t)
    if m is None:
        return None
    day, month = int(m.group(1)), now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if day > now.day:
        month = (month - timedelta(days=1)).replace(day=1)
    for _ in range(2):  # "since the 30th" early in March: January's, February has no 30th
        try:
            return month.replace(day=day)
        except ValueError:
            month = (month - timedelta(days=1)).replace(day=1)
    return None

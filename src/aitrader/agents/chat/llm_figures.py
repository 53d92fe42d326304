"""Every figure an answer states, with what it claims to be: an amount of an asset, a percentage, a
count, a duration, an ordinal, an id, a date, a time or a year.

Read the way a person reads it: "1,234.5", "10 000 000", "10'000'000", "10_000_000", "1.2k", "$5",
"12 million", "twelve million", ".5", "1e6", "½", "half a bitcoin"; the asset may follow ("25 BTC",
"25BTC", "25 bitcoin") or precede ("USDT 9,950.25", "$5"). Digits glued to a word ("EMA20",
"rsi_14") are names, not figures; the markers of a numbered list ("1. ", "2. ", ...) are not figures.
The tolerance is half a unit of the last digit written, so "29,350" may stand for 29,350.12 but
"30,000" may not."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from aitrader.agents.chat.llm_facts import STABLES, duration_unit
from aitrader.agents.chat.llm_numwords import word_numbers
from aitrader.agents.chat.universe import ASSET_ALIASES

_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec"
MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES.split())}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
_ISO = re.compile(
    r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(?!\d)"
)
_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([AaPp])\.?[Mm]\b\.?)?(?![\d:])")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s+(\d{{4}})\b)?")
_NUM = re.compile(
    r"(?<![\d.])(?:(?<![\w.])(?P<sign>[-+]))?(?P<cur>[$€£])?"
    r"(?P<int>\d{1,3}(?P<sep>[,'_\u00a0\u202f\u2009 ])\d{3}(?:(?P=sep)\d{3})*(?!\d)|\d+)?"
    r"(?P<frac>\.\d+)?(?P<exp>[eE][-+]?\d+(?![A-Za-z]))?(?P<glued>[A-Za-z%]+)?"
)
_LIST_MARKER = re.compile(r"(?m)^[ \t]*(?:[-*>][ \t]*)?\d{1,2}[.)][ \t]")
_SCALE_SPACED = re.compile(r"[ \t]+(thousand|million|billion|trillion|mn|bn|mm)\b", re.I)
_SCALE_GLUED = {"k": 10**3, "K": 10**3, "M": 10**6, "mn": 10**6, "MM": 10**6, "B": 10**9, "bn": 10**9}
_SCALE_WORD = {"thousand": 10**3, "million": 10**6, "mn": 10**6, "mm": 10**6, "billion": 10**9, "bn": 10**9}
_SCALE_WORD |= {"trillion": 10**12}
_PERCENT = re.compile(r"[ \t]*(?:%|percent\b|per[ \t]+cent\b|pct\b)", re.I)
_NEXT_WORD = re.compile(r"[ \t]*-?[ \t]*([A-Za-z][A-Za-z0-9]*)")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z0-9]*)[ \t]*:?[ \t]*\Z")
_DURATION = re.compile(
    r"(?i)(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)"
)
_COUNT_NOUNS = re.compile(
    r"(?i)(orders?|trades?|fills?|assets?|positions?|lists?|symbols?|decisions?|proposals?|coins?|times"
    r"|entries|entry|transactions?|executions?|brackets?|targets?|stops?|markets?|pairs?|candles?|rows?)"
)
_ORDINAL = re.compile(r"(?i)st|nd|rd|th")
_ID_CONTEXT = re.compile(
    r"(?i)(?:#|\b(?:order|orders|trade|trades|list|lists|id|ids|proposal)\b)(?:[\s#:,]|\d|\band\b|\bor\b)*\Z"
)
_ACRONYMS = (
    "UTC GMT OCO ID IDS PNL EMA SMA WMA HMA RSI MACD ATR ADX DI DMI VWAP OBV CCI MFI ROC BB SAR AM PM OK API "
    "LLM TP SL BUY SELL LIMIT MARKET NEW FILLED CANCELED CANCELLED EXPIRED MAKER TAKER STOP LOSS PROFIT USD "
    "EUR GBP JSON HTTP REST AI"
)
NOT_ASSETS = frozenset(_ACRONYMS.split())  # all-caps words after a number that name no asset
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}
_DOLLAR_WORDS = frozenset({"dollar", "dollars", "usd", "bucks"})
_NEGATIVE = re.compile(
    r"(?i)\b(loss(es)?|lost|losing|down|negative|minus|fell|fall(en|ing)?|drop(ped|ping)?|declin(e|ed|ing)"
    r"|decrease[ds]?|deficit|red|underwater|below)\b"
)
_SENTENCE = re.compile(r"(?<!\d)[.!?](?!\d)|[;\n]")
_VULGAR = re.compile(r"(\d*)([\u00bc-\u00be\u2150-\u215e])")
_FRACTION_WORD = re.compile(r"(?i)\b(half|quarter)\s+(?:of\s+)?(?:an?\s+)?(?=[A-Za-z$])")


@dataclass(frozen=True)
class Figure:
    text: str  # as written (for the fallback reason)
    kind: str  # amount | percent | count | duration | ordinal | id | date | time | year | plain
    value: Decimal = Decimal(0)
    unit: str | None = None  # the asset of an amount ("USD": any dollar stable coin), a duration's unit
    signed: bool = False  # written with an explicit + or -
    tolerance: Decimal = Decimal("0.5")
    negative_cue: bool = False  # its sentence speaks of a loss or a fall (so "lost 5" may be -5)
    day: tuple[int | None, int, int] | None = None  # (year or None, month, day) of a date
    clock: tuple[int, int] | None = None
    at: int = -1  # where it starts in the answer


@dataclass(frozen=True)
class Vocabulary:
    """How the answer's words map onto assets: the venue's assets and its symbols."""

    assets: frozenset[str]
    split_symbol: Callable[[str], tuple[str, str] | None]

    def asset(self, word: str) -> str | None:
        """The asset a word after a number names ("BTC", "bitcoin", "dollars", "BTCUSDT" -> BTC)."""
        if word.lower() in _DOLLAR_WORDS:
            return "USD"
        alias = ASSET_ALIASES.get(word.lower())
        if alias and (word.islower() or word.istitle() or word.isupper()):
            return alias
        if not word.isupper():
            return None
        if word in self.assets or word in STABLES:
            return word
        pair = self.split_symbol(word)
        if pair is not None:
            return pair[0]
        return word if re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", word) and word not in NOT_ASSETS else None


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _dates(text: str, out: list[Figure]) -> str:
    for m in _ISO.finditer(text):
        out.append(Figure(m.group(), "date", day=(int(m[1]), int(m[2]), int(m[3])), at=m.start()))
        if m[4] is not None:
            out.append(Figure(m.group(), "time", clock=(int(m[4]), int(m[5])), at=m.start()))
        text = _mask(text, m.start(), m.end())
    for m in _CLOCK.finditer(text):
        hour = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0) if m[3] else int(m[1])
        out.append(Figure(m.group(), "time", clock=(hour, int(m[2])), at=m.start()))
        text = _mask(text, m.start(), m.end())
    for pattern, month_at, day_at in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        for m in pattern.finditer(text):
            year = int(m[3]) if m[3] else None
            month = MONTHS[m[month_at][:3].lower()]
            out.append(Figure(m.group(), "date", day=(year, month, int(m[day_at])), at=m.start()))
            text = _mask(text, m.start(), m.end())
    return text


def _unit_after(text: str, end: int, vocab: Vocabulary) -> tuple[str, str | None, int]:
    """(kind, unit, end) of what follows a number: %, an asset, a duration, a count noun or nothing."""
    if m := _PERCENT.match(text, end):
        return "percent", "%", m.end()
    if m := _NEXT_WORD.match(text, end):
        word = m[1]
        if (asset := vocab.asset(word)) is not None:
            return "amount", asset, m.end()
        if _DURATION.fullmatch(word):
            return "duration", duration_unit(word), m.end()
        if _COUNT_NOUNS.fullmatch(word):
            return "count", None, m.end()
    return "plain", None, end


def _glued(suffix: str, vocab: Vocabulary, currency: bool) -> tuple[str, str | None, int]:
    """(kind, unit, scale) of letters glued to a number: "25BTC", "24h", "1.2k", "3rd", "5%"."""
    if suffix == "%":
        return "percent", "%", 1
    if suffix in _SCALE_GLUED:
        return "scaled", None, _SCALE_GLUED[suffix]
    if suffix == "m" and currency:
        return "scaled", None, 10**6
    if _DURATION.fullmatch(suffix):
        return "duration", duration_unit(suffix), 1
    if _ORDINAL.fullmatch(suffix):
        return "ordinal", None, 1
    if (asset := vocab.asset(suffix)) is not None:
        return "amount", asset, 1
    return "plain", None, 1


def _tolerance(frac: str | None, exp: int, scale: int) -> Decimal:
    places = len(frac) - 1 if frac else 0
    return Decimal(5).scaleb(-places - 1 + exp) * scale


def figures(text: str, vocab: Vocabulary) -> list[Figure]:
    """Every figure in `text`, in the order written."""
    text = text.replace("\u2212", "-").replace("’", "'")
    text = _VULGAR.sub(_vulgar, text)  # "1½ BTC" -> "1.5 BTC"
    text = _unlist(text)
    whole = text
    out: list[Figure] = []
    text = _dates(text, out)
    for m in _FRACTION_WORD.finditer(text):  # "half a bitcoin": only with an asset is it a figure
        kind, unit, end = _unit_after(text, m.end(), vocab)
        if kind == "amount":
            value = Decimal("0.5") if m[1].lower() == "half" else Decimal("0.25")
            out.append(
                Figure(text[m.start() : end].strip(), kind, value, unit, tolerance=value / 10, at=m.start())
            )
    for w in word_numbers(text):
        kind, unit, end = _unit_after(text, w.end, vocab)
        out.append(
            Figure(text[w.start : end].strip(), kind, w.value, unit, tolerance=w.tolerance, at=w.start)
        )
        text = _mask(text, w.start, w.end)
    for m in _NUM.finditer(text):
        if not (m["int"] or m["frac"]):
            continue
        figure = _number(text, m, vocab)
        if figure is not None:
            out.append(figure)
    return sorted((_with_cue(whole, f) for f in out), key=lambda f: f.at)


def _number(text: str, m: re.Match[str], vocab: Vocabulary) -> Figure | None:
    start = m.start()
    before = text[:start]
    prefix = re.search(r"[A-Za-z_]+\Z", before)
    if prefix and m["sign"] is None:
        asset = vocab.asset(prefix.group()) if not prefix.group().endswith("_") else None
        if asset is None:
            return None  # "EMA20", "rsi_14", "v2": a name, not a figure
    raw = (m["int"] or "0").replace(m["sep"] or "\x00", "") + (m["frac"] or "")
    try:
        exp = int(m["exp"][1:]) if m["exp"] else 0
        value = Decimal(raw).scaleb(exp) if abs(exp) <= 30 else Decimal("Infinity")
    except (InvalidOperation, ValueError):
        value = Decimal("Infinity")
    currency = _CURRENCY.get(m["cur"] or "")
    kind, unit, scale = _glued(m["glued"] or "", vocab, bool(currency))
    end = m.end()
    if kind in ("plain", "scaled") and m["glued"] is None and (s := _SCALE_SPACED.match(text, end)):
        kind, scale, end = "scaled", _SCALE_WORD[s[1].lower()], s.end()
    if kind in ("plain", "scaled"):
        kind, unit, end = _unit_after(text, end, vocab)
    if currency and kind in ("plain", "scaled", "count"):
        kind, unit = "amount", currency
    if kind == "plain" and prefix is not None and m["sign"] is None:
        kind, unit = "amount", _asset_before(prefix.group(), vocab)  # "USDT9,950"
    elif kind == "plain" and (p := _PREV_WORD.search(before)) and (asset := _asset_before(p[1], vocab)):
        kind, unit = "amount", asset  # "USDT 9,950.25", "BTC: 0.5", "BTCUSDT 29,350"
    if kind == "plain" and _ID_CONTEXT.search(before) and m["frac"] is None:
        kind = "id"
    if kind == "plain" and m["frac"] is None and len(raw) == 4 and 1970 <= int(raw) <= 2100 and scale == 1:
        kind = "year"
    if kind == "count" and (m["frac"] or scale != 1):
        kind = "plain"
    tol = _tolerance(m["frac"], exp, scale) if value.is_finite() else Decimal(0)
    signed_value = (-value if m["sign"] == "-" else value) * scale
    return Figure(
        text[start:end].strip(),
        kind,
        signed_value,
        unit,
        signed=m["sign"] is not None,
        tolerance=tol,
        at=start,
    )


def _unlist(text: str) -> str:
    """Blank the markers of a numbered list, but only of a real one: "1.", "2.", "3." in order (a lone
    "25. BTC is yours" is a figure)."""
    markers = list(_LIST_MARKER.finditer(text))
    numbers = [int(re.sub(r"\D", "", m.group())) for m in markers]
    if len(markers) < 2 or numbers != list(range(1, len(markers) + 1)):
        return text
    for m in markers:
        text = _mask(text, m.start(), m.end())
    return text


def _vulgar(m: re.Match[str]) -> str:
    fraction = Decimal(str(round(unicodedata.numeric(m[2]), 6))).normalize()
    return format(Decimal(m[1] or 0) + fraction, "f")


def _asset_before(word: str, vocab: Vocabulary) -> str | None:
    """The asset a word before a number names: a symbol there names its quote ("BTCUSDT 29,350"). Only
    known assets count here: "ADX 53.4", "DI 13.0" name an indicator, not a currency."""
    pair = vocab.split_symbol(word) if word.isupper() else None
    if pair is not None:
        return pair[1]
    asset = vocab.asset(word)
    return asset if asset in vocab.assets or asset in STABLES or word.lower() in ASSET_ALIASES else None


def _with_cue(text: str, figure: Figure) -> Figure:
    """Mark a figure whose sentence speaks of a loss or a fall ("lost 5 USDT" may stand for -5)."""
    if figure.at < 0:
        return figure
    starts = [m.end() for m in _SENTENCE.finditer(text, 0, figure.at)]
    stop = _SENTENCE.search(text, figure.at + len(figure.text))
    sentence = text[starts[-1] if starts else 0 : stop.start() if stop else len(text)]
    sentence = re.sub(r"(?i)stop[\s-]*loss(es)?", " ", sentence)
    return replace(figure, negative_cue=_NEGATIVE.search(sentence) is not None)

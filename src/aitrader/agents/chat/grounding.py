"""Is an LLM answer grounded? Every figure it states must match what this question's tools returned:
value, asset and kind together.

- An amount with an asset ("25 BTC", "$5", "USDT 9,950") must match a tool value in that asset
  ("$"/"dollars" match any dollar stable coin); a percentage must match a percentage field.
- A plain number must match some tool value; a small integer, a count in the results (how many
  orders, how many of them are sells); an id in "order 12", an id the results hold.
- Dates, times and years must match a timestamp in the results; durations ("24h", "7 days") a
  period the results name.
- Numbers from the question, from the model's own tool arguments or from free text in the results
  count for nothing (see `llm_facts`).
- Rounding is allowed to the precision written (and never by more than 10%: "1 BTC" is no rounding of 0.6); an unsigned figure may
  stand for a negative value only when its sentence speaks of a loss or a fall."""

from __future__ import annotations

from decimal import Decimal

from aitrader.agents.chat.llm_facts import STABLES, Evidence, Fact
from aitrader.agents.chat.llm_figures import Figure, Vocabulary, figures

MAX_RELATIVE = Decimal("0.10")
ABSURD = Decimal("1e15")
_HOURS = {"h": 1, "d": 24, "w": 24 * 7}


def _close(figure: Figure, fact: Decimal) -> bool:
    claim = figure.value
    if not figure.signed:
        if fact < 0 and not figure.negative_cue:
            return False
        fact = abs(fact)
    diff = abs(claim - fact)
    if diff == 0:
        return True
    if claim == 0 or fact == 0:
        return False  # "0 BTC" never stands for a balance that is not zero
    return diff <= figure.tolerance and diff <= abs(fact) * MAX_RELATIVE


def _same_asset(claimed: str, fact: str | None) -> bool:
    if fact is None:
        return False
    if claimed == "USD":
        return fact in STABLES
    return claimed == fact


def _any_fact(figure: Figure, facts: list[Fact]) -> bool:
    return any(_close(figure, f.value) for f in facts)


def _integer(figure: Figure) -> int | None:
    v = figure.value
    return int(v) if v == v.to_integral_value() and not figure.signed else None


def _grounded(figure: Figure, ev: Evidence) -> bool:
    if figure.kind == "date" and figure.day is not None:
        year, month, day = figure.day
        return any(d.month == month and d.day == day and year in (None, d.year) for d in ev.dates)
    if figure.kind == "time":
        return figure.clock in ev.times
    if not figure.value.is_finite() or abs(figure.value) > ABSURD:
        return False
    n = _integer(figure)
    match figure.kind:
        case "amount":
            unit = figure.unit or ""
            return _any_fact(figure, [f for f in ev.facts if not f.percent and _same_asset(unit, f.asset)])
        case "percent":
            return _any_fact(figure, [f for f in ev.facts if f.percent])
        case "count":
            return n is not None and n in ev.counts
        case "ordinal":
            return n is not None and 1 <= n <= max(ev.counts, default=0)
        case "id":
            return (n is not None and str(n) in ev.ids) or _plain(figure, n, ev)
        case "year":
            return n in ev.years or _plain(figure, n, ev)
        case "duration":
            return n is not None and _duration(n, figure.unit or "", ev)
    return _plain(figure, n, ev)


def _plain(figure: Figure, n: int | None, ev: Evidence) -> bool:
    if n is not None and n in ev.counts:
        return True
    return _any_fact(figure, ev.facts)


def _duration(n: int, unit: str, ev: Evidence) -> bool:
    if (n, unit) in ev.durations:
        return True
    if unit not in _HOURS:
        return False
    hours = n * _HOURS[unit]
    return any(u in _HOURS and k * _HOURS[u] == hours for k, u in ev.durations)


def ungrounded(answer: str, evidence: Evidence, vocabulary: Vocabulary) -> list[str]:
    """The figures in `answer` that the evidence does not back, as written (empty: grounded)."""
    return [f.text or str(f.value) for f in figures(answer, vocabulary) if not _grounded(f, evidence)]

"""The risk gate's refusals as the chat tells them ("why didn't you buy ETH?").

- `rejection_figures`: the figures a refusal's sentence states (the correlation and its limit, the
  share of equity held and its cap, the drawdown, ...), as named fields, so they reach the answer
  and the LLM as data, not only inside free text.
- `headline`: the refusal a question about one symbol is about: the newest one, except that on spot
  a refused short entry (`short_not_allowed`: the strategy's advice to stay out) gives way to the
  newest refusal of a trade the bot could have made.
- `tally`: refusals counted by symbol and reason, from decisions already read (journals without the
  kernel's tables, test doubles); `BotJournal.rejection_tally` counts them in the database.
- `not_done`: one sentence: "ETHUSDT was not bought at <time>: <the gate's sentence> (<code>)".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aitrader.agents.chat import fmt
from aitrader.agents.chat.models import DecisionView, RejectionTally

SPOT_SHORT = "short_not_allowed"
_NUMBER = r"(-?\d+(?:\.\d+)?)"
_FIGURES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(rf"correlated exposure with ([A-Z0-9]+) at {_NUMBER} \S+ limit {_NUMBER}"),
        ("correlated_with", "correlation", "correlation_limit"),
    ),
    (re.compile(rf"holds? {_NUMBER}% of equity \(max {_NUMBER}%"), ("exposure_pct", "exposure_limit_pct")),
    (re.compile(r"(\d+) positions open \(max (\d+)\)"), ("open_positions", "max_open_positions")),
    (
        re.compile(rf"drawdown {_NUMBER}% from .* reached the {_NUMBER}% limit"),
        ("drawdown_pct", "drawdown_limit_pct"),
    ),
    (re.compile(rf"drawdown now {_NUMBER}% \(limit {_NUMBER}%\)"), ("drawdown_pct", "drawdown_limit_pct")),
    (
        re.compile(rf"daily loss {_NUMBER}% of start-of-day equity reached the {_NUMBER}%"),
        ("daily_loss_pct", "daily_loss_limit_pct"),
    ),
    (
        re.compile(rf"reward:risk {_NUMBER} is below the minimum {_NUMBER}"),
        ("reward_risk", "min_reward_risk"),
    ),
    (re.compile(r"(\d+) losses in a row \(limit (\d+)\)"), ("losses_in_a_row", "loss_streak_limit")),
)


def rejection_figures(message: str) -> dict[str, float | str]:
    """The figures `message` (a rejection's sentence) states, by name; {} when it states none known."""
    out: dict[str, float | str] = {}
    for rx, names in _FIGURES:
        m = rx.search(message)
        if m is None:
            continue
        for name, value in zip(names, m.groups(), strict=True):
            if name in out:
                continue
            try:
                out[name] = float(value)
            except ValueError:
                out[name] = value
    return out


def code_of(d: DecisionView) -> str:
    """The rejection code of a refused decision ("" for one the gate approved)."""
    if d.code:
        return d.code
    m = re.fullmatch(r"rejected \((\w+)\)", d.verdict.strip())
    return m.group(1) if m else ""


def is_rejected(d: DecisionView) -> bool:
    return d.verdict.lower().startswith("reject")


def headline(rejected: list[DecisionView]) -> DecisionView | None:
    """The refusal to lead with (newest first in, see the module docstring)."""
    pick = [d for d in rejected if code_of(d) != SPOT_SHORT] or rejected
    return pick[0] if pick else None


def tally(decisions: Iterable[DecisionView]) -> list[RejectionTally]:
    """Refused decisions (newest first) counted by symbol and code, most frequent first."""
    groups: dict[tuple[str, str], list[DecisionView]] = {}
    for d in decisions:
        if is_rejected(d):
            groups.setdefault((d.symbol, code_of(d)), []).append(d)
    out = [
        RejectionTally(
            symbol=symbol,
            code=code,
            count=len(ds),
            first_ms=min(d.time_ms for d in ds),
            last_ms=max(d.time_ms for d in ds),
            message=ds[0].verdict_reason,
            figures=rejection_figures(ds[0].verdict_reason),
        )
        for (symbol, code), ds in groups.items()
    ]
    return sorted(out, key=lambda t: (-t.count, t.symbol, t.code))


def _what(d: DecisionView) -> str:
    if d.kind == "enter":
        if d.side == "BUY":
            return f"{d.symbol} was not bought"
        if d.side == "SELL":
            return f"{d.symbol} was not sold short"
        return f"{d.symbol} was not entered"
    if d.kind == "exit":
        return f"{d.symbol}'s exit was refused"
    return f"{d.symbol}'s stop or target change was refused"


def not_done(d: DecisionView) -> str:
    """ "ETHUSDT was not bought at 2023-03-24 05:35 UTC: correlated exposure with BTCUSDT at 0.66 >
    limit 0.50: ... (correlated_exposure)." """
    reason = d.verdict_reason or d.verdict or "no reason recorded"
    code = code_of(d)
    return f"{_what(d)} at {fmt.when(d.time_ms)}: {reason}" + (f" ({code})." if code else ".")


def counts_text(rows: list[RejectionTally]) -> str:
    """ "9 correlated_exposure, 46 short_not_allowed" (most frequent first)."""
    return ", ".join(f"{t.count} {t.code or 'unknown'}" for t in rows)

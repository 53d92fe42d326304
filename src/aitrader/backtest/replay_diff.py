"""The comparison `aitrader replay` prints: a recorded session against its replay, with a reason for
every difference.

Each symbol is compared on its own (a portfolio session: every symbol of the run). Decisions are
matched by bar and kind, fills in order by side and role. A fill the venue stamped within one
candle of the replay's is the same fill (the exchange's clock, not the bar's). What can differ,
and why:

- a market fill's price: the venue fills at its last trade price when the order arrives, the
  replay at the close of the candle decided on; the price moved in between (explained);
- anything after a difference that changed the account (a fill price, a refused order) — of any
  symbol, the account is one: later plan quantities and fills follow from it (explained when the
  earlier difference is, and named);
- anything else is unexplained: the replay did not do what the session did on the same candles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial

from aitrader.backtest.replay import Decision, FillRow, Replayed, Session
from aitrader.domain.timeframe import format_ms

_MARKET_ROLES = ("entry", "exit", "emergency_exit")


@dataclass(frozen=True)
class Difference:
    time_ms: int
    what: str  # "decision" | "fill"
    session: str
    replay: str
    reason: str
    explained: bool
    symbol: str = ""
    since_ms: int = 0  # a fill's: when the account differs from (the later of its two times)


@dataclass
class Tally:
    """One symbol's comparison: what the session did, and how much of it the replay did the same."""

    decisions: int = 0
    decisions_same: int = 0
    fills: int = 0
    fills_same: int = 0


@dataclass
class ReplayDiff:
    decisions: int  # compared in the session
    decisions_same: int
    fills: int
    fills_same: int
    differences: list[Difference] = field(default_factory=list)
    by_symbol: dict[str, Tally] = field(default_factory=dict)  # in the run's symbol order

    @property
    def unexplained(self) -> list[Difference]:
        return [d for d in self.differences if not d.explained]


def compare(session: Session, replayed: Replayed) -> ReplayDiff:
    interval = session.timeframe.duration_ms
    out = ReplayDiff(len(session.decisions), 0, len(session.fills), 0)
    named = [d.symbol for d in (*session.decisions, *replayed.decisions)]
    named += [f.symbol for f in (*session.fills, *replayed.fills)]
    symbols = list(dict.fromkeys([*session.symbols, *named]))
    out.by_symbol = {sym: Tally() for sym in symbols}
    # fills first, every symbol's in time (then decision) order: a difference follows from any earlier one
    steps: list[tuple[int, int, Callable[[], None]]] = []
    for rank, sym in enumerate(symbols):
        live = [f for f in session.fills if f.symbol == sym]
        out.by_symbol[sym].fills = len(live)
        found = _fill_steps(live, [f for f in replayed.fills if f.symbol == sym], interval, out)
        steps += [(t, rank, step) for t, step in found]
    for _, _, step in sorted(steps, key=lambda st: st[:2]):
        step()
    for sym in symbols:
        live_d = [d for d in session.decisions if d.symbol == sym]
        out.by_symbol[sym].decisions = len(live_d)
        _compare_decisions(live_d, [d for d in replayed.decisions if d.symbol == sym], out)
    out.decisions_same = sum(t.decisions_same for t in out.by_symbol.values())
    out.fills_same = sum(t.fills_same for t in out.by_symbol.values())
    order = {sym: k for k, sym in enumerate(symbols)}
    out.differences.sort(key=lambda d: (d.time_ms, d.what, order.get(d.symbol, 0)))
    return out


def _follows(out: ReplayDiff, before_ms: int, symbol: str) -> tuple[str, bool] | None:
    """(reason, explained) when an earlier fill difference changed the account before `before_ms`
    (or at it: a fill of a symbol that decides before `symbol` in a round): what differs now follows
    from it, and is explained when it is."""
    lanes = list(out.by_symbol)
    first = lanes[: lanes.index(symbol)] if symbol in lanes else lanes

    def before(d: Difference) -> bool:
        since = max(d.since_ms, d.time_ms)
        return since < before_ms or (since == before_ms and d.symbol in first)

    earlier = [d for d in out.differences if d.what == "fill" and before(d)]
    if not earlier:
        return None
    cause = min(earlier, key=lambda d: d.time_ms)
    where = f"{cause.symbol} " if cause.symbol and len(out.by_symbol) > 1 else ""
    return (
        f"follows from the {where}difference at {format_ms(cause.time_ms)} (the account differs since)",
        cause.explained,
    )


def _fill_text(f: FillRow) -> str:
    return f"{f.side} {f.role} {f.quantity:g} @ {f.price:g} ({format_ms(f.time_ms)})"


def _fill_steps(
    live: list[FillRow], replay: list[FillRow], interval: int, out: ReplayDiff
) -> list[tuple[int, Callable[[], None]]]:
    """One symbol's fills matched in order by (side, role): each comparison, at its time."""
    steps: list[tuple[int, Callable[[], None]]] = []
    keys_a = [(f.side, f.role) for f in live]
    keys_b = [(f.side, f.role) for f in replay]
    for tag, a0, a1, b0, b1 in SequenceMatcher(a=keys_a, b=keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            for a, b in zip(live[a0:a1], replay[b0:b1], strict=True):
                steps.append((a.time_ms, partial(_same_fill, a, b, interval, out)))
            continue
        for a in live[a0:a1]:
            steps.append(
                (a.time_ms, partial(_unmatched, out, a.time_ms, "fill", _fill_text(a), "-", a.symbol))
            )
        for b in replay[b0:b1]:
            steps.append(
                (b.time_ms, partial(_unmatched, out, b.time_ms, "fill", "-", _fill_text(b), b.symbol))
            )
    return steps


def _same_fill(a: FillRow, b: FillRow, interval: int, out: ReplayDiff) -> None:
    if abs(a.time_ms - b.time_ms) > interval:
        _unmatched(out, a.time_ms, "fill", _fill_text(a), _fill_text(b), a.symbol)
        return
    if a.price == b.price and a.quantity == b.quantity:
        out.by_symbol[a.symbol].fills_same += 1
        return
    follows = _follows(out, a.time_ms, a.symbol)
    texts, since = (_fill_text(a), _fill_text(b)), max(a.time_ms, b.time_ms)
    if a.price != b.price and a.role in _MARKET_ROLES:
        moved = (a.price - b.price) / b.price
        reason = (
            f"market order: the venue filled at its last price {a.price:g}, the candle closed at "
            f"{b.price:g} ({moved:+.3%}): the price moved before the order arrived"
        )
        out.differences.append(Difference(a.time_ms, "fill", *texts, reason, True, a.symbol, since))
    elif follows is not None:
        out.differences.append(Difference(a.time_ms, "fill", *texts, *follows, a.symbol, since))
    else:
        reason = "unexplained: same order, other fill"
        out.differences.append(Difference(a.time_ms, "fill", *texts, reason, False, a.symbol, since))


def _decision_text(d: Decision) -> str:
    verdict = f"approved qty {d.quantity:g}" if d.approved else f"rejected {d.code}"
    return f"{d.kind} {d.side} → {verdict}".replace("  ", " ")


def _compare_decisions(live: list[Decision], replay: list[Decision], out: ReplayDiff) -> None:
    keys_a = [(d.time_ms, d.kind, d.side) for d in live]
    keys_b = [(d.time_ms, d.kind, d.side) for d in replay]
    for tag, a0, a1, b0, b1 in SequenceMatcher(a=keys_a, b=keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            for a, b in zip(live[a0:a1], replay[b0:b1], strict=True):
                if a == b:
                    out.by_symbol[a.symbol].decisions_same += 1
                else:
                    _unmatched(out, a.time_ms, "decision", _decision_text(a), _decision_text(b), a.symbol)
            continue
        for a in live[a0:a1]:
            _unmatched(out, a.time_ms, "decision", _decision_text(a), "-", a.symbol)
        for b in replay[b0:b1]:
            _unmatched(out, b.time_ms, "decision", "-", _decision_text(b), b.symbol)


def _unmatched(out: ReplayDiff, t: int, what: str, session: str, replay: str, symbol: str) -> None:
    reason, explained = _follows(out, t, symbol) or ("unexplained", False)
    out.differences.append(Difference(t, what, session, replay, reason, explained, symbol))

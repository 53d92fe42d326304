"""The comparison `aitrader replay` prints: a recorded session against its replay, with a reason for
every difference.

Decisions are matched by bar and kind, fills in order by side and role. A fill the venue stamped
within one candle of the replay's is the same fill (the exchange's clock, not the bar's). What can
differ, and why:

- a market fill's price: the venue fills at its last trade price when the order arrives, the
  replay at the close of the candle decided on; the price moved in between (explained);
- anything after a difference that changed the account (a fill price, a refused order): later plan
  quantities and fills follow from it (explained, and the earlier difference is named);
- anything else is unexplained: the replay did not do what the session did on the same candles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

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


@dataclass
class ReplayDiff:
    decisions: int  # compared in the session
    decisions_same: int
    fills: int
    fills_same: int
    differences: list[Difference] = field(default_factory=list)

    @property
    def unexplained(self) -> list[Difference]:
        return [d for d in self.differences if not d.explained]


def compare(session: Session, replayed: Replayed) -> ReplayDiff:
    interval = session.timeframe.duration_ms
    out = ReplayDiff(len(session.decisions), 0, len(session.fills), 0)
    _compare_fills(session.fills, replayed.fills, interval, out)
    _compare_decisions(session.decisions, replayed.decisions, out)
    out.differences.sort(key=lambda d: (d.time_ms, d.what))
    return out


def _follows(out: ReplayDiff, before_ms: int) -> tuple[str, bool] | None:
    """(reason, explained) when an earlier fill difference changed the account before `before_ms`:
    what differs now follows from it, and is explained when it is."""
    earlier = [d for d in out.differences if d.what == "fill" and d.time_ms < before_ms]
    if not earlier:
        return None
    cause = min(earlier, key=lambda d: d.time_ms)
    return (
        f"follows from the difference at {format_ms(cause.time_ms)} (the account differs since)",
        cause.explained,
    )


def _fill_text(f: FillRow) -> str:
    return f"{f.side} {f.role} {f.quantity:g} @ {f.price:g} ({format_ms(f.time_ms)})"


def _compare_fills(live: list[FillRow], replay: list[FillRow], interval: int, out: ReplayDiff) -> None:
    keys_a = [(f.side, f.role) for f in live]
    keys_b = [(f.side, f.role) for f in replay]
    for tag, a0, a1, b0, b1 in SequenceMatcher(a=keys_a, b=keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            for a, b in zip(live[a0:a1], replay[b0:b1], strict=True):
                _same_fill(a, b, interval, out)
            continue
        for a in live[a0:a1]:
            _unmatched(out, a.time_ms, "fill", _fill_text(a), "-")
        for b in replay[b0:b1]:
            _unmatched(out, b.time_ms, "fill", "-", _fill_text(b))


def _same_fill(a: FillRow, b: FillRow, interval: int, out: ReplayDiff) -> None:
    if abs(a.time_ms - b.time_ms) > interval:
        _unmatched(out, a.time_ms, "fill", _fill_text(a), _fill_text(b))
        return
    if a.price == b.price and a.quantity == b.quantity:
        out.fills_same += 1
        return
    follows = _follows(out, a.time_ms)
    if a.price != b.price and a.role in _MARKET_ROLES:
        moved = (a.price - b.price) / b.price
        reason = (
            f"market order: the venue filled at its last price {a.price:g}, the candle closed at "
            f"{b.price:g} ({moved:+.3%}): the price moved before the order arrived"
        )
        out.differences.append(Difference(a.time_ms, "fill", _fill_text(a), _fill_text(b), reason, True))
    elif follows is not None:
        out.differences.append(Difference(a.time_ms, "fill", _fill_text(a), _fill_text(b), *follows))
    else:
        out.differences.append(
            Difference(
                a.time_ms, "fill", _fill_text(a), _fill_text(b), "unexplained: same order, other fill", False
            )
        )


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
                    out.decisions_same += 1
                else:
                    _unmatched(out, a.time_ms, "decision", _decision_text(a), _decision_text(b))
            continue
        for a in live[a0:a1]:
            _unmatched(out, a.time_ms, "decision", _decision_text(a), "-")
        for b in replay[b0:b1]:
            _unmatched(out, b.time_ms, "decision", "-", _decision_text(b))


def _unmatched(out: ReplayDiff, t: int, what: str, session: str, replay: str) -> None:
    reason, explained = _follows(out, t) or ("unexplained", False)
    out.differences.append(Difference(t, what, session, replay, reason, explained))

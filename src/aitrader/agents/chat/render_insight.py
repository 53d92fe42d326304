"""Replies for the account's total value and for "why no trade?". Every figure comes from a tool result."""

from __future__ import annotations

from aitrader.agents.chat import fmt
from aitrader.agents.chat.answer import Table
from aitrader.agents.chat.models import DecisionView, RejectionTally
from aitrader.agents.chat.rejections import SPOT_SHORT, counts_text, not_done
from aitrader.agents.chat.tool_io import AccountValueOut, AnalysisOut, DebateOut, WhyNotOut

Rendered = tuple[str, Table | None]


def account_value(out: AccountValueOut) -> Rendered:
    total = fmt.qty(out.total, out.quote) if out.quote != out.base_quote else fmt.money(out.total)
    text = f"Your account is worth {total} {out.quote} in total"
    if out.rate is not None:
        text += f" ({fmt.money(out.base_total)} {out.base_quote} at {fmt.price(out.rate)} {out.base_quote}/{out.quote})"
    held = [b for b in out.lines if b.total > 0]
    if held:
        parts = [
            f"{fmt.qty(b.total, b.asset)} {b.asset}"
            + (
                f" ({fmt.money(b.value)} {out.base_quote})"
                if b.value is not None and b.asset != out.base_quote
                else ""
            )
            for b in held[:6]
        ]
        text += ": " + ", ".join(parts)
    text += "."
    if out.unpriced:
        text += f" Not counted (no {out.base_quote} price): {', '.join(out.unpriced)}."
    rows = [
        [b.asset, fmt.qty(b.total, b.asset), "-" if b.value is None else fmt.money(b.value)] for b in held
    ]
    table = Table(
        title=f"Account value ({out.base_quote})", columns=["asset", "total", out.base_quote], rows=rows
    )
    return text, table if len(rows) > 1 else None


def _refused_lines(rows: list[DecisionView]) -> list[str]:
    return [
        f"- {fmt.when(d.time_ms)} {d.kind} {d.side} {d.symbol}: {d.verdict_reason or d.verdict}" for d in rows
    ]


def _by_symbol_lines(rows: list[RejectionTally]) -> list[str]:
    """One line per symbol: its refusals by code, then the newest refusal's sentence (a refused
    short on spot only when it has no other)."""
    out = []
    for symbol in dict.fromkeys(t.symbol for t in rows):
        mine = [t for t in rows if t.symbol == symbol]
        real = [t for t in mine if t.code != SPOT_SHORT] or mine
        newest = max(real, key=lambda t: t.last_ms or 0)
        out.append(
            f"- {symbol}: {counts_text(mine)}; latest {newest.code} at {fmt.when(newest.last_ms)}: {newest.message}"
        )
    return out


def why_not(out: WhyNotOut) -> Rendered:
    where = f" on {out.symbol}" if out.symbol else ""
    when = f" {out.period}" if out.period else ""
    lines: list[str] = []
    lead = out.headline
    if out.symbol and lead is not None:
        lines.append(not_done(lead))
        mine = [t for t in out.by_symbol if t.symbol == out.symbol]
        if mine:
            total = sum(t.count for t in mine)
            span = when or " in that run"
            lines.append(f"The risk gate refused {total} proposal(s){where}{span}: {counts_text(mine)}.")
        others = [d for d in out.rejected if d.proposal_id != lead.proposal_id][:4]
        if others:
            lines.append("Other recent refusals:")
            lines += _refused_lines(others)
    elif out.rejected:
        lines.append(f"The risk gate refused {len(out.rejected)} proposal(s){where}{when}:")
        lines += _refused_lines(out.rejected[:5])
        if out.by_symbol:
            total = sum(t.count for t in out.by_symbol)
            symbols = len({t.symbol for t in out.by_symbol})
            span = when or " in the latest run"
            lines.append(f"By symbol and reason{span} ({total} refusal(s) on {symbols} symbol(s)):")
            lines += _by_symbol_lines(out.by_symbol)
    else:
        lines.append(
            f"The strategy made no proposal the risk gate refused{where}{when}: its entry conditions did not line up"
            + (", so there was nothing to trade." if out.period else ".")
        )
    t = out.last_trade
    if t is not None:
        lines.append(f"Last trade: {t.kind} {t.side} {t.symbol} at {fmt.when(t.time_ms)}.")
    else:
        lines.append("The journal has no approved trade yet.")
    s = out.status
    if not s.running:
        lines.append(
            "The bot is not running"
            + (f" (last candle {fmt.when(s.last_candle_ms)})." if s.last_candle_ms else ".")
        )
    elif s.strategy:
        lines.append(f"The bot is running {s.strategy}" + (f" on {s.symbol}" if s.symbol else "") + ".")
    lines.append("Ask 'what do you think of <symbol>?' for what would make it enter.")
    if not out.symbol and out.by_symbol:
        rows = [[t.symbol, t.code, str(t.count), fmt.when(t.last_ms), t.message] for t in out.by_symbol]
        table = Table(
            title="Refusals by symbol and reason",
            columns=["symbol", "code", "count", "latest", "reason"],
            rows=rows,
        )
        return "\n".join(lines), table
    rows = [
        [fmt.when(d.time_ms), d.symbol, d.kind, d.side, d.verdict_reason or d.verdict] for d in out.rejected
    ]
    table = Table(title="Refused proposals", columns=["time", "symbol", "kind", "side", "reason"], rows=rows)
    return "\n".join(lines), table if len(rows) > 1 else None


def analysis(out: AnalysisOut) -> Rendered:
    return out.text, None


def debate(out: DebateOut) -> Rendered:
    return out.text, None

"""The "why did you buy?" answer: the rationale once, the evidence as a table, the risk gate's
verdict with the risk taken, then stop, targets and orders."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from aitrader.agents.chat import fmt
from aitrader.agents.chat.answer import Table
from aitrader.agents.chat.tool_io import WhyOut

_EVIDENCE_TAIL = re.compile(r"\s*\bEvidence:\s*(.*)$", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")
_STOP_SENTENCE = re.compile(r"^Stop [\d.,]+\b.*", re.IGNORECASE)
_PAIR = re.compile(r"([A-Za-z_][\w]*)\s*=\s*([^,;]+)")
_KINDS = {"enter": "Entered", "exit": "Exited", "adjust": "Adjusted"}


def split_rationale(text: str) -> tuple[str, dict[str, str]]:
    """The rationale without the evidence and stop/target sentences some strategies append to it, and
    that evidence as name -> value (for journals that keep it only in the text)."""
    evidence: dict[str, str] = {}
    tail = _EVIDENCE_TAIL.search(text)
    if tail:
        evidence = {k: v.strip().rstrip(".") for k, v in _PAIR.findall(tail.group(1))}
        text = text[: tail.start()]
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s and not _STOP_SENTENCE.match(s)]
    return " ".join(sentences).strip().rstrip(". ").strip(), evidence


def evidence_value(v: object) -> str:
    """A number rounded for reading (prices with 2 decimals, others 6 significant digits)."""
    if isinstance(v, bool) or not isinstance(v, int | float | str | Decimal):
        return str(v)
    try:
        d = Decimal(str(v))
    except InvalidOperation:
        return str(v)
    if not d.is_finite():
        return str(v)
    if abs(d) >= 1000:
        return f"{d:,.2f}"
    return f"{float(d):.6g}"


def _gate(out: WhyOut) -> str:
    d = out.decision
    assert d is not None
    text = f"Risk gate: {d.verdict or 'no verdict'}"
    if d.verdict_reason:
        return f"{text} ({d.verdict_reason})."
    risk = []
    if d.risk_quote is not None:
        risk.append(f"risk {fmt.money(d.risk_quote)} {out.quote}".rstrip())
    if d.risk_pct is not None:
        risk.append(f"{d.risk_pct:.2f}% of equity")
    if d.quantity is not None:
        risk.append(f"size {fmt.qty(d.quantity)}")
    return f"{text}, " + ", ".join(risk) + "." if risk else f"{text}."


def _levels(out: WhyOut) -> str:
    d = out.decision
    assert d is not None
    parts = []
    if d.stop_price is not None:
        parts.append(f"Stop {fmt.price(d.stop_price)}")
    if d.targets:
        shares = d.target_fractions if len(d.target_fractions) == len(d.targets) else []
        names = [
            fmt.price(t) + (f" ({share * 100:.0f}%)" if shares else "")
            for t, share in zip(d.targets, shares or [Decimal(0)] * len(d.targets), strict=True)
        ]
        parts.append(f"target{'s' if len(names) > 1 else ''} {', '.join(names)}")
    return "; ".join(parts) + "." if parts else ""


def why(out: WhyOut) -> tuple[str, Table | None]:
    d = out.decision
    if d is None:
        return f"I found no journaled decision for the {out.asked}.", None
    rationale, from_text = split_rationale(d.rationale)
    head = f"{_KINDS.get(d.kind, d.kind.capitalize())} {d.side} {d.symbol} at {fmt.when(d.time_ms)}".replace(
        "  ", " "
    )
    head += f" (strategy {d.strategy})." if d.strategy else "."
    lines = [head, f"Why: {rationale or 'no rationale recorded'}.", _gate(out)]
    levels = _levels(out)
    if levels:
        lines.append(levels)
    if d.order_ids:
        lines.append(f"Orders: {', '.join(d.order_ids)}.")
    evidence = {k: evidence_value(v) for k, v in d.evidence.items()} or {
        k: evidence_value(v) for k, v in from_text.items()
    }
    table = (
        Table(title="Evidence", columns=["indicator", "value"], rows=[[k, v] for k, v in evidence.items()])
        if evidence
        else None
    )
    return "\n".join(lines), table

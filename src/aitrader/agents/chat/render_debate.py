"""The words of a deliberation's answer ("what did the bear say?"): every sentence a role said is
quoted as journaled, every figure comes from the tool's lines (`tool_io.DeliberationView`)."""

from __future__ import annotations

from aitrader.agents.chat import fmt
from aitrader.agents.chat.tool_io import AnalystLine, DebateOut, DeliberationView, EvidenceLine, TurnLine

_EVIDENCE_SHOWN = 4  # per analyst, strongest first
_WHAT = {"llm": "LLM adviser deliberation", "debate": "debate"}
_STRATEGY = {"llm": "llm", "debate": "debate"}


def figure(value: float | None, unit: str = "") -> str:
    """A figure as the debate itself prints it (`aitrader.agents.debate.researchers.figure_text`)."""
    from aitrader.agents.debate.researchers import figure_text

    return "n/a" if value is None else figure_text(value, unit)


def _signed(x: float | None) -> str:
    return "n/a" if x is None else f"{x:+.2f}"


def _name(v: DeliberationView) -> str:
    return "the LLM adviser" if v.decider == "llm" else "the debate"


def _where(v: DeliberationView) -> str:
    return f"on {v.symbol} at {fmt.when(v.time_ms)}"


def nothing_yet(out: DebateOut, decider: str | None, deciders: set[str]) -> str:
    """No such deliberation: how to make one (or how many there are, when fewer than asked), and
    which other decider's deliberations the journal does hold."""
    what = _WHAT.get(decider or "", "debate")
    on = f" on {out.symbol}" if out.symbol else ""
    if out.journaled:
        return f"Only {out.journaled} {what}(s){on} are in the journal; there is no number {out.which}."
    strategy = _STRATEGY.get(decider or "", "debate")
    text = (
        f"No {what}{on} has been journaled yet — run `aitrader backtest --strategy {strategy}` or "
        f"`aitrader trade --strategy {strategy}` with a journal, then ask again."
    )
    others = sorted(d for d in deciders if d != decider) if decider else []
    if others:
        text += " The journal does hold " + " and ".join(_WHAT.get(d, d) for d in others) + "s."
    return text


def _evidence_text(items: list[EvidenceLine]) -> str:
    return "; ".join(f"{e.name} {figure(e.figure, e.unit)}" for e in items)


def _turn_label(t: TurnLine) -> str:
    label = "opening" if t.round == 0 else "verdict" if t.speaker == "arbiter" else f"round {t.round}"
    if t.engine == "llm":
        label += ", LLM"
    elif t.fallback:
        label += f", offline: {t.fallback}"
    return label


def _turn(t: TurnLine) -> str:
    rests = f" [rests on {_evidence_text(t.evidence)}]" if t.evidence else ""
    return f"- {_turn_label(t)}: \u201c{t.text}\u201d{rests}"


def _weighing(v: DeliberationView) -> str:
    """Conviction against the bar it had to clear: the entry threshold when flat, the exit one holding."""
    c = v.conviction
    if c is None:
        return ""
    if v.holding and v.exit_threshold is not None:
        side = "below" if c < v.exit_threshold else "at or above"
        return f"Conviction {_signed(c)}, {side} the exit threshold {_signed(v.exit_threshold)} (holding a long)."
    if v.threshold is None:
        return f"Conviction {_signed(c)}."
    side = "at or above" if c >= v.threshold else "below"
    return f"Conviction {_signed(c)}, {side} the entry threshold {_signed(v.threshold)}."


def _sentence(text: str) -> str:
    return text.rstrip(" .") + "."


def _decided(v: DeliberationView, none: str = "no verdict recorded") -> str:
    return _sentence(v.verdict or v.action or none)


def _new(v: DeliberationView, text: str) -> bool:
    """`text` says something the verdict line does not already say."""
    return bool(text) and text.rstrip(" .") not in v.verdict


def _verdict_line(v: DeliberationView) -> str:
    return " ".join(s for s in (f"Verdict: {_decided(v)}" if v.verdict else "", _weighing(v)) if s)


def _speaker(v: DeliberationView, who: str) -> str:
    turns = [t for t in v.rounds if t.speaker == who]
    if not turns:
        return f"The {who} said nothing in {_name(v)} {_where(v)} (no {who}ish evidence to argue from)."
    lines = [f"What the {who} said in {_name(v)} {_where(v)}:", *map(_turn, turns), _verdict_line(v)]
    return "\n".join(s for s in lines if s)


def _arbiter(v: DeliberationView) -> str:
    lines = [f"The arbiter's verdict {_where(v)}: {_decided(v, 'none given')}"]
    if _new(v, v.rationale):
        lines.append(f"Why: {v.rationale}")
    lines.append(_weighing(v))
    said = [t.text for t in v.rounds if t.speaker == "arbiter" and _new(v, t.text) and t.text != v.rationale]
    lines += [f"It said: \u201c{text}\u201d" for text in said]
    return "\n".join(s for s in lines if s)


def _analyst(a: AnalystLine) -> str:
    strongest = sorted(a.evidence, key=lambda e: -abs(e.weight))[:_EVIDENCE_SHOWN]
    facts = "; ".join(
        f"{e.name} {figure(e.figure, e.unit)}" + (f" ({e.note})" if e.note else "") for e in strongest
    )
    head = f"- {a.analyst}: {a.stance}, score {_signed(a.score)}, confidence {a.confidence:.2f}"
    return head + (f" — {a.summary}" if a.summary else "") + (f" Evidence: {facts}." if facts else "")


def _analysts_text(v: DeliberationView) -> str:
    lines = [f"The analysts {_where(v)}:", *map(_analyst, v.analysts), _verdict_line(v)]
    return "\n".join(s for s in lines if s)


def _adviser(v: DeliberationView) -> str:
    lines = [f"The LLM adviser {_where(v)}: {_decided(v)}"]
    if v.rationale:
        lines.append(f"Its reasoning: {v.rationale}")
    lines += v.reasoning
    if not v.rationale and not v.reasoning:
        lines.append("The journaled record carries no explanation beyond the verdict.")
    return "\n".join(lines)


def _whole(v: DeliberationView) -> str:
    lines = [f"The debate {_where(v)}: {_decided(v)}"]
    if v.analysts:
        lines.append(
            "Analysts: " + ", ".join(f"{a.analyst} {a.stance} {_signed(a.score)}" for a in v.analysts) + "."
        )
    for t in v.rounds:
        if t.speaker in {"bull", "bear"}:
            lines.append(f"{t.speaker.capitalize()} ({_turn_label(t)}): \u201c{t.text}\u201d")
    arbiter = " ".join(s for s in (_weighing(v), v.rationale if _new(v, v.rationale) else "") if s)
    if arbiter:
        lines.append(f"Arbiter: {arbiter}")
    return "\n".join(lines)


def answer(out: DebateOut) -> str:
    v = out.deliberation
    if v is None:
        return ""
    match out.role:
        case "bull" | "bear":
            return _speaker(v, out.role)
        case "arbiter":
            return _arbiter(v)
        case "analysts":
            return _analysts_text(v)
    return _adviser(v) if v.decider == "llm" else _whole(v)

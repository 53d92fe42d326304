"""A debate on the terminal (rich): every analyst's report, the debate round by round, the verdict.

Tables never cut a cell (text columns fold, figures do not wrap). Everything a role wrote is escaped
before it is printed, so a model's text cannot style or hide anything on the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from aitrader.agents.debate.record import DebateRecord, Turn
from aitrader.agents.debate.researchers import figure_text, price_text
from aitrader.agents.reports import AnalystReport, Stance
from aitrader.domain.proposal import Enter, Exit, Proposal

if TYPE_CHECKING:
    from rich.console import Console

_STANCE_STYLE = {Stance.BULLISH: "green", Stance.BEARISH: "red", Stance.NEUTRAL: "yellow"}
_SPEAKER_STYLE = {"bull": "green", "bear": "red", "arbiter": "cyan"}


def render_debate(console: Console, record: DebateRecord, proposals: Sequence[Proposal]) -> None:
    console.print(reports_table(record.reports))
    for r in record.reports:
        console.print(evidence_table(r))
    console.print(rounds_table(record.rounds))
    render_verdict(console, record, proposals)


def reports_table(reports: Sequence[AnalystReport]) -> Table:
    table = Table(title="Analysts", title_justify="left")
    table.add_column("analyst", no_wrap=True)
    table.add_column("stance", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True, min_width=6)
    table.add_column("confidence", justify="right", no_wrap=True, min_width=10)
    table.add_column("summary", overflow="fold")
    for r in reports:
        style = _STANCE_STYLE[r.stance]
        table.add_row(
            r.analyst,
            f"[{style}]{r.stance.value}[/{style}]",
            f"{r.score:+.2f}",
            f"{r.confidence:.2f}",
            escape(r.summary),
        )
    return table


def evidence_table(report: AnalystReport) -> Table:
    table = Table(title=f"{report.analyst}: evidence", title_justify="left")
    table.add_column("item", no_wrap=True)
    table.add_column("figure", justify="right", no_wrap=True)
    table.add_column("weight", justify="right", no_wrap=True, min_width=6)
    table.add_column("what it means", overflow="fold")
    for e in report.evidence:
        table.add_row(
            escape(e.name), escape(figure_text(e.value, e.unit)), f"{e.weight:+.2f}", escape(e.note)
        )
    if not report.evidence:
        table.add_row("–", "", "", "no evidence items")
    return table


def _round_label(t: Turn) -> str:
    if t.speaker == "arbiter":
        return "verdict"
    return "opening" if t.round == 0 else str(t.round)


def rounds_table(turns: Sequence[Turn]) -> Table:
    table = Table(title="Debate", title_justify="left")
    table.add_column("round", no_wrap=True)
    table.add_column("speaker", no_wrap=True)
    table.add_column("argument", overflow="fold", ratio=4)
    table.add_column("rests on", overflow="fold", ratio=2)
    table.add_column("stands", justify="right", no_wrap=True, min_width=6)
    for t in turns:
        style = _SPEAKER_STYLE[t.speaker]
        text = escape(t.text)
        if t.engine == "llm":
            text += " [dim](LLM)[/dim]"
        elif t.fallback:
            text += f" [dim](offline: {escape(t.fallback)})[/dim]"
        table.add_row(
            _round_label(t),
            f"[{style}]{t.speaker}[/{style}]",
            text,
            escape(", ".join(t.evidence)),
            f"{t.standing:.2f}" if t.answers else "",
        )
    return table


def render_verdict(console: Console, record: DebateRecord, proposals: Sequence[Proposal]) -> None:
    console.print(
        f"[bold]Conviction {record.conviction:+.3f}[/bold] = analysts {record.base_score:+.3f} "
        f"+ debate {record.debate_edge:+.3f}"
        + (
            f" (lowered by the arbiter from {record.computed_conviction:+.3f})"
            if record.conviction != record.computed_conviction
            else ""
        )
        + f"; entry threshold {record.threshold:.2f}, exit threshold {record.exit_threshold:+.2f}"
        + ("; holding a long" if record.holding else "; flat")
    )
    v = record.verdict
    if not proposals:
        console.print(f"[bold yellow]Verdict: no proposal.[/bold yellow] {escape(v.rationale)}")
        return
    for p in proposals:
        table = Table(title="What the RiskGate would be asked", show_header=False, title_justify="left")
        table.add_column("field", style="cyan", no_wrap=True)
        table.add_column("value", overflow="fold")
        if isinstance(p, Enter):
            risk = p.price - p.stop
            table.add_row("action", "[bold green]ENTER LONG[/bold green] (the gate sizes it)")
            table.add_row("decision price", price_text(p.price))
            table.add_row("stop", f"{price_text(p.stop)} ({risk / p.price:.2%} below)")
            for k, t in enumerate(p.targets, 1):
                table.add_row(
                    f"target {k}", f"{price_text(t.price)} ({(t.price - p.price) / p.price:.2%} above)"
                )
            table.add_row("confidence", f"{p.confidence:.2f}")
        elif isinstance(p, Exit):
            table.add_row("action", f"[bold red]EXIT {p.fraction:.0%} of the long[/bold red]")
            table.add_row("price", price_text(p.price))
        table.add_row("rationale", escape(p.rationale))
        table.add_row("evidence", escape(", ".join(f"{k}={_short(v)}" for k, v in p.evidence.items())))
        console.print(table)


def _short(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)

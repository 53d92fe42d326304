"""`aitrader traces`: the agents' LLM calls grouped by decision (a snapshot, in one run), with the
bar's time, the symbol, tokens, cost, latency and what each decision led to in the journal; calls
answered from a recording are shown as "replayed", never in the tokens and cost; `--show ID` prints
one call or decision in full."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.agents.llm.trace_views import DecisionGroup, Totals

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(app: typer.Typer) -> None:
    @app.command("traces")
    def traces(
        show: Annotated[
            str | None, typer.Option("--show", metavar="ID", help="Print one call or decision in full.")
        ] = None,
        day: Annotated[
            str | None, typer.Option("--day", metavar="YYYY-MM-DD", help="Only this UTC day.")
        ] = None,
        limit: Annotated[
            int, typer.Option("--limit", min=1, metavar="N", help="The most recent N decisions.")
        ] = 20,
        trace: Annotated[
            Path | None,
            typer.Option(
                "--trace",
                metavar="FILE",
                help="The agents' trace (default: agents-trace.jsonl next to AITRADER_TELEMETRY).",
            ),
        ] = None,
        journal: Annotated[
            str | None,
            typer.Option(
                "--journal",
                metavar="PATH|URL",
                help="Journal for the outcomes: a SQLite file or a database URL (default: "
                "AITRADER_DATABASE_URL, else AITRADER_JOURNAL, else aitrader.toml's journal).",
            ),
        ] = None,
        config: Path | None = options.config(),
    ) -> None:
        """Browse the agents' LLM calls: grouped by decision (bar time, symbol, roles, tokens, cost,
        latency, the decision and its outcome in the journal), with totals. Calls answered from a
        recording are counted as replayed, not in the tokens and cost."""
        from rich.console import Console

        from aitrader.agents.llm.config import trace_path
        from aitrader.agents.llm.trace import read_trace
        from aitrader.agents.llm.trace_views import group_by_decision, totals
        from aitrader.config import SettingsError, load_settings

        if day is not None and not _valid_day(day):
            fail(f"--day {day!r} is not a date: give it as YYYY-MM-DD (UTC)")
        try:
            path = trace or trace_path(load_settings())
        except SettingsError as exc:
            fail(str(exc))
        if not path.is_file():
            fail(f"no agents' LLM trace at {path}: run a debate or llm strategy with an LLM configured first")
        try:
            records, bad = read_trace(path)
        except OSError as exc:
            fail(f"cannot read the trace {path}: {exc.strerror or type(exc).__name__}")
        console = Console()
        if show is not None:
            _show(console, records, show)
            return
        groups = group_by_decision(records, day)[-limit:]
        if not groups:
            fail(f"no LLM calls in {path}" + (f" on {day}" if day else ""))
        _join(console, groups, journal, config)
        console.print(_table(groups))
        _print_totals(console, totals(groups), day)
        if bad:
            console.print(f"[yellow]{bad} line(s) of {path} could not be read and were skipped[/]")


def _valid_day(day: str) -> bool:
    from datetime import date

    if not _DAY.fullmatch(day):
        return False
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _join(console: Console, groups: list[DecisionGroup], journal: str | None, config: Path | None) -> None:
    """Each group's outcome from the journal, when there is one; else say why there is none."""
    from aitrader.agents.llm.trace_views import join_outcomes

    target = options.run_settings({"journal": journal}, config=config).journal
    if "://" not in str(target) and not Path(target).is_file():  # never create a journal to read it
        for g in groups:
            g.outcome = f"no journal at {target}"
        return
    from aitrader.execution.journal_reader import JournalReader
    from aitrader.storage.database import describe

    try:
        join_outcomes(groups, JournalReader(target))
    except Exception as exc:  # outcomes are extra: the calls still show whatever the journal does
        where = describe(str(target))
        for g in groups:
            g.outcome = "no outcome (journal unreadable)"
        console.print(f"[yellow]outcomes unavailable: {where}: {type(exc).__name__}[/]", highlight=False)


def _money(usd: float) -> str:
    return f"${usd:.4f}" if usd < 1 else f"${usd:,.2f}"


def _table(groups: list[DecisionGroup]) -> Any:
    from rich.table import Table

    from aitrader.domain.timeframe import format_ms

    table = Table(title="LLM calls by decision (latest last)", title_justify="left")
    for name in ("bar (UTC)", "symbol", "id / role", "tokens in/out", "cost", "latency"):
        table.add_column(name, overflow="fold")
    table.add_column("decision / outcome", overflow="fold", ratio=3)
    for g in groups:
        bar = format_ms(g.time_ms) if g.time_ms is not None else f"? (called {format_ms(g.ts_ms)})"
        replayed = f"\nreplayed: {g.replayed} call(s)" if g.replayed else ""
        table.add_row(
            bar,
            g.symbol or "?",
            f"snapshot {g.snapshot_id}" + (f"\nrun {g.trace_run}" if g.trace_run else ""),
            f"{g.prompt_tokens:,}/{g.completion_tokens:,}{replayed}",
            _money(g.cost_usd),
            f"{g.latency_ms / 1000:.2f}s",
            f"{g.decision_text()}\n→ {g.outcome or '(outcome not looked up)'}",
            style="bold",
        )
        for c in g.calls:
            *cells, style = _call_cells(c)
            table.add_row("", "", f"{c.get('id')} {c.get('role')}", *cells, style=style)
    return table


def _call_cells(c: dict[str, Any]) -> tuple[Any, ...]:
    """Tokens, cost, latency and outcome of one call; a replayed one shows the recorded tokens in
    brackets and no cost (no model was called)."""
    from aitrader.agents.llm.trace_views import is_replayed

    tokens = c.get("tokens") or {}
    counts = f"{tokens.get('prompt') or 0:,}/{tokens.get('completion') or 0:,}"
    outcome = c.get("outcome") or "?"
    text = outcome + (f": {c.get('error')}" if c.get("error") else "")
    if c.get("differs"):
        text += f" ({c.get('differs')})"
    style = "red" if outcome == "unavailable" else None
    if is_replayed(c):
        return (f"({counts} recorded)" if tokens else "-", "-", "-", text, style)
    latency = f"{float(c.get('latency_ms') or 0.0) / 1000:.2f}s"
    return counts, _money(float(c.get("cost_usd") or 0.0)), latency, text, style


def _print_totals(console: Console, t: Totals, day: str | None) -> None:
    def seconds(ms: float | None) -> str:
        return f"{ms / 1000:.2f}s" if ms is not None else "n/a"

    cost = _money(t.cost_usd) if t.price_known else f"{_money(t.cost_usd)} (price not configured)"
    per = t.calls / t.decisions_with_calls if t.decisions_with_calls else 0.0
    console.print(
        f"[bold]totals[/]{' on ' + day if day else ''}: {t.decisions} decision(s), {t.calls} call(s) "
        f"to a model ({per:.1f} per decision that called one; {t.unavailable} unavailable), {t.replayed} replayed "
        "from recordings (not in the tokens or cost), "
        f"tokens {t.prompt_tokens:,} in / {t.completion_tokens:,} out, cost {cost}, "
        f"latency per decision p50 {seconds(t.latency_p50_ms)} p95 {seconds(t.latency_p95_ms)}",
        soft_wrap=True,
        highlight=False,
    )


def _show(console: Console, records: list[dict[str, Any]], wanted: str) -> None:
    import json

    from aitrader.domain.timeframe import format_ms

    found = [r for r in records if r.get("id") == wanted]
    if not found:
        fail(f"no call or decision {wanted!r} in the trace: `aitrader traces` lists the ids")
    record = found[-1]
    console.print(
        f"[bold]{record.get('kind')} {wanted}[/] at {format_ms(int(record.get('ts_ms', 0)))} UTC, "
        f"snapshot {record.get('snapshot_id')}, role {record.get('role')}",
        highlight=False,
    )
    if record.get("kind") == "decision":
        console.print(json.dumps(record.get("decision"), indent=2, default=str), markup=False)
        calls = [
            r
            for r in records
            if r.get("kind") == "call"
            and r.get("snapshot_id") == record.get("snapshot_id")
            and r.get("trace_run") == record.get("trace_run")
        ]
        console.print(f"calls about this snapshot: {', '.join(str(c.get('id')) for c in calls) or 'none'}")
        return
    console.print(
        f"model {record.get('model')}, tools offered: {', '.join(record.get('tools') or []) or 'none'}"
    )
    console.print("[bold]prompt[/]")
    for m in record.get("messages") or []:
        console.print(f"[{m.get('role')}] {m.get('content')}", markup=False, soft_wrap=True)
    response = record.get("response") or {}
    console.print("[bold]response[/]")
    console.print(str(response.get("content")), markup=False, soft_wrap=True)
    for c in response.get("tool_calls") or []:
        console.print(f"tool call {c.get('id')}: {c.get('name')}({c.get('arguments')})", markup=False)
    tokens = record.get("tokens") or {}
    console.print(
        f"tokens {tokens.get('prompt')} in / {tokens.get('completion')} out ({tokens.get('source')}), "
        f"cost {_money(float(record.get('cost_usd') or 0.0))} ({record.get('price')}), "
        f"latency {record.get('latency_ms')} ms, outcome {record.get('outcome')}"
        + (" (answered from a recording: no model called)" if record.get("replayed") else "")
        + (f": {record.get('error')}" if record.get("error") else ""),
        highlight=False,
        markup=False,
    )

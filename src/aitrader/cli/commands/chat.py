"""`aitrader chat`: ask the account and the bot in plain language (REPL, or one question)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from aitrader.agents.chat.answer import ChatAnswer
    from aitrader.agents.chat.factory import ChatEngine

console = Console()
err = Console(stderr=True, soft_wrap=True)
HISTORY = Path.home() / ".aitrader_chat_history"


def _show(answer: ChatAnswer, as_json: bool) -> None:
    if as_json:
        print(answer.model_dump_json())
        return
    from rich.table import Table

    style = "yellow" if answer.clarification else None
    console.print(answer.text, style=style, highlight=False, markup=False)
    if answer.table is not None and answer.table.rows:
        table = Table(title=answer.table.title, title_justify="left")
        for col in answer.table.columns:
            table.add_column(
                col, justify="left" if col in {"symbol", "side", "type", "status", "asset"} else "right"
            )
        for row in answer.table.rows:
            table.add_row(*row)
        console.print(table)


def _repl(engine: ChatEngine, as_json: bool) -> None:
    try:
        import readline

        if HISTORY.exists():
            readline.read_history_file(HISTORY)
    except (ImportError, OSError):
        readline = None  # type: ignore[assignment]
    console.print(
        f"[dim]aitrader chat ({engine.name}) - ask about the account or the bot; 'help', 'reset', 'exit'.[/dim]"
    )
    try:
        while True:
            try:
                question = input("you> ").strip()
            except EOFError:
                break
            if not question:
                continue
            if question.lower() in {"exit", "quit", ":q", "bye"}:
                break
            if question.lower() in {"reset", "new", "clear"}:
                reset = getattr(engine, "reset", None)
                if reset is not None:
                    reset()
                console.print("[dim]conversation reset[/dim]")
                continue
            _show(engine.ask(question), as_json)
    finally:
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.write_history_file(HISTORY)


def register(app: typer.Typer) -> None:
    @app.command()
    def chat(
        question: list[str] | None = typer.Argument(
            None, help="A question; without one, an interactive session starts."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print each answer as one JSON object."),
        rest_url: str | None = typer.Option(
            None, "--rest-url", help="Venue REST base, e.g. http://127.0.0.1:PORT."
        ),
        api_key: str | None = typer.Option(None, "--api-key", help="API key (default: BINANCE_API_KEY)."),
        api_secret: str | None = typer.Option(
            None, "--api-secret", help="API secret (default: BINANCE_API_SECRET)."
        ),
        journal: Path | None = typer.Option(
            None, "--journal", help="The bot's SQLite journal (default: AITRADER_JOURNAL)."
        ),
        offline: bool = typer.Option(
            False, "--offline", help="Never call an LLM, even when one is configured."
        ),
        trace: Path | None = typer.Option(
            None, "--trace", help="JSONL trace of LLM calls (default: next to telemetry)."
        ),
        quote: str = typer.Option("USDT", "--quote", help="Currency to value balances in."),
    ) -> None:
        """Ask about balances, orders, trades, P&L, prices, positions, risk and the bot in plain language."""
        from aitrader.agents.chat.factory import ChatOptions, ChatSetupError, build_engine
        from aitrader.agents.chat.sources import SourceError
        from aitrader.config import load_settings
        from aitrader.config.settings import SettingsError

        try:
            settings = load_settings()
            opts = ChatOptions(
                rest_url=rest_url,
                api_key=api_key,
                api_secret=api_secret,
                journal=journal,
                trace=trace,
                offline=offline,
                quote=quote,
            )
            engine = build_engine(settings, opts)
            if question:
                answer = engine.ask(" ".join(question))
                if answer.intent == "error":  # the venue refused or cannot be reached: one line, exit 1
                    if as_json:
                        print(answer.model_dump_json())
                    else:
                        err.print(f"chat: {answer.text}", style="red", highlight=False, markup=False)
                    raise typer.Exit(1)
                _show(answer, as_json)
            else:
                _repl(engine, as_json)
        except (ChatSetupError, SettingsError, SourceError) as exc:
            err.print(f"[red]chat: {exc}[/red]", highlight=False)
            raise typer.Exit(2) from None

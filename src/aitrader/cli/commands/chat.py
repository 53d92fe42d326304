"""`aitrader chat`: ask the account and the bot in plain language (REPL, or one question).

Without --rest-url the chat attaches to the newest running `demo` or `trade` (its session file,
`aitrader.live.session_file`) and says so in one line; otherwise it reads the configured venue.
A one-shot question imports no ccxt, SQLAlchemy, pandas or OpenAI client
(tests/agents/test_chat_startup_cost.py): the heavy parts load on the question that needs them.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aitrader.agents.chat.answer import ChatAnswer, Table
    from aitrader.agents.chat.factory import ChatEngine, ChatOptions
    from aitrader.config.settings import Settings

# emoji=False: an answer is shown as written (and rich's emoji table costs 50 ms to load)
console = Console(emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)
HISTORY = Path.home() / ".aitrader_chat_history"


_NUMBER = re.compile(r"^[+-]?[\d,]*\.?\d+%?$")


def _numeric(cells: list[str]) -> bool:
    values = [c for c in cells if c not in ("", "-")]
    return bool(values) and all(_NUMBER.match(c) for c in values)


def boxed_width(table: Table) -> int:
    """Columns of the boxed table with every cell on one line."""
    n = len(table.columns)
    full = [
        max([len(c), *(len(r[i]) for r in table.rows if i < len(r))]) for i, c in enumerate(table.columns)
    ]
    return sum(full) + 3 * n + 1


def rich_table(table: Table, width: int) -> RenderableType:
    """A chat table that fits `width` without cutting a cell to "…": boxed when it fits whole, else
    compact (no vertical rules) with text columns wrapping at spaces and numbers whole, else one
    "column: value" line per row (wrapped like text)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    n = len(table.columns)
    numeric = [_numeric([row[i] for row in table.rows if i < len(row)]) for i in range(n)]

    def widest(i: int, by_word: bool) -> int:
        cells = [row[i] for row in table.rows if i < len(row)]
        parts = [w for c in cells for w in c.split()] if by_word else cells
        return max([len(table.columns[i]), *(len(p) for p in parts)])

    full = [widest(i, by_word=False) for i in range(n)]
    words = [full[i] if numeric[i] else widest(i, by_word=True) for i in range(n)]
    boxed = boxed_width(table) <= width  # content, 2 of padding and 1 rule per column, last rule
    if not boxed and sum(words) + 2 * n + 2 > width:
        lines: list[RenderableType] = [Text(table.title, style="italic")]
        for row in table.rows:
            pairs = [f"{col}: {cell}" for col, cell in zip(table.columns, row, strict=False) if cell]
            lines.append(Text("- " + " · ".join(pairs), overflow="fold"))
        return Group(*lines)
    out = RichTable(
        title=table.title,
        title_justify="left",
        box=box.HEAVY_HEAD if boxed else box.SIMPLE_HEAD,
        pad_edge=boxed,
    )
    for i, col in enumerate(table.columns):
        if numeric[i]:
            out.add_column(col, justify="right", no_wrap=True, min_width=full[i])
        else:
            out.add_column(col, justify="left", overflow="fold", min_width=words[i])
    for row in table.rows:
        out.add_row(*row)
    return out


def _show(answer: ChatAnswer, as_json: bool = False, json_file: Path | None = None) -> None:
    """Print `answer`: as one JSON object on stdout (`--json -`), else as text, with each answer also
    appended to `json_file` as one JSON line (`--json FILE`)."""
    if json_file is not None:
        _append_json(answer, json_file)
    if as_json:
        print(answer.model_dump_json())
        return
    style = "yellow" if answer.clarification else None
    console.print(answer.text, style=style, highlight=False, markup=False)
    if answer.fallback_reason:
        console.print(
            f"(offline answer: {answer.fallback_reason})", style="dim", highlight=False, markup=False
        )
    if answer.table is not None and answer.table.rows:
        # a terminal gets a table that fits it; a redirect (a file, a pipe) gets every cell on one line
        if console.is_terminal:
            console.print(rich_table(answer.table, console.width))
        else:
            narrow = console.width
            wide = max(narrow, boxed_width(answer.table), len(answer.table.title))
            console.width = wide
            try:
                console.print(rich_table(answer.table, wide), crop=False)
            finally:
                console.width = narrow


def _append_json(answer: ChatAnswer, path: Path) -> None:
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(answer.model_dump_json() + "\n")
    except OSError as exc:
        err.print(f"chat: --json {path}: cannot write ({exc.strerror}); choose another file", markup=False)
        raise typer.Exit(1) from None


def json_target(value: str | None) -> tuple[bool, Path | None]:
    """`--json -` -> (stdout, None); `--json FILE.json(l)` -> (False, FILE). Anything else is refused:
    a question typed after a bare `--json` would otherwise be taken for the file's name."""
    if value is None:
        return False, None
    if value == "-":
        return True, None
    if not value.lower().endswith((".json", ".jsonl")):
        err.print(
            f"chat: --json takes - (stdout) or a .json/.jsonl file, not {value!r}; "
            f'the question comes after it: aitrader chat --json - "{value}"',
            markup=False,
            highlight=False,
        )
        raise typer.Exit(2)
    return False, Path(value)


def attach_to_running(opts: ChatOptions) -> str | None:
    """Point `opts` at the newest running demo or trade: its venue, its journal (unless --journal
    was given; a database URL, stored with its password masked, comes from the settings as usual)
    and, for a demo, the local exchange's public test keys (unless keys were given). Returns the
    line that says so, or None when nothing runs."""
    from aitrader.live.session_file import newest_session

    found = newest_session()
    if found is None:
        return None
    opts.rest_url = found.rest_url
    if opts.journal is None and not found.journal_masked and found.journal != ":memory:":
        opts.journal = found.journal
    opts.strategy = opts.strategy or found.strategy or None  # analysis reads what the bot trades
    opts.interval = opts.interval or found.interval or None
    if found.demo_keys and not (opts.api_key or opts.api_secret):
        opts.api_key, opts.api_secret = found.demo_keys["api_key"], found.demo_keys["api_secret"]
    return f"chat: attached to the running {found.describe()} (--rest-url or --no-attach to choose another venue)"


def repl(engine: ChatEngine, as_json: bool = False, json_file: Path | None = None) -> None:
    """The interactive prompt: one question per line until 'exit', end of input or Ctrl-C."""
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
            except (EOFError, KeyboardInterrupt):
                console.print()
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
            _show(engine.ask(question), as_json, json_file)
    finally:
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.write_history_file(HISTORY)


def register(app: typer.Typer) -> None:
    @app.command()
    def chat(
        question: list[str] | None = typer.Argument(
            None, metavar="QUESTION", help="A question; without one, an interactive session starts."
        ),
        json_out: str | None = typer.Option(
            None,
            "--json",
            metavar="PATH",
            help="Each answer as one JSON object: - prints it instead of the text, a .json/.jsonl "
            "file gets one line per answer.",
        ),
        rest_url: str | None = typer.Option(
            None, "--rest-url", metavar="URL", help="Venue REST base, e.g. http://127.0.0.1:PORT."
        ),
        api_key: str | None = typer.Option(
            None, "--api-key", metavar="KEY", help="API key (default: BINANCE_API_KEY)."
        ),
        api_secret: str | None = typer.Option(
            None, "--api-secret", metavar="SECRET", help="API secret (default: BINANCE_API_SECRET)."
        ),
        journal: str | None = typer.Option(
            None,
            "--journal",
            metavar="PATH|URL",
            help="The bot's journal: a SQLite file or a database URL (default: AITRADER_DATABASE_URL, "
            "else AITRADER_JOURNAL, else aitrader.toml's journal).",
        ),
        offline: bool = typer.Option(
            False, "--offline", help="Never call an LLM, even when one is configured."
        ),
        trace: Path | None = typer.Option(
            None, "--trace", metavar="FILE", help="JSONL trace of LLM calls (default: next to telemetry)."
        ),
        quote: str = typer.Option("USDT", "--quote", metavar="ASSET", help="Currency to value balances in."),
        no_attach: bool = typer.Option(
            False,
            "--no-attach",
            help="Do not attach to a running demo/trade; use the configured venue (BINANCE_*, AITRADER_*).",
        ),
        config: Path | None = typer.Option(
            None,
            "--config",
            metavar="FILE",
            help="Settings file (default: AITRADER_CONFIG, else ./aitrader.toml).",
        ),
    ) -> None:
        """Ask about balances, orders, trades, P&L, prices, positions, risk and the bot in plain language."""
        from aitrader.agents.chat.factory import ChatOptions, ChatSetupError, build_engine
        from aitrader.agents.chat.sources import SourceError
        from aitrader.config import load_settings
        from aitrader.config.settings import SettingsError
        from aitrader.config.strategy_file import ConfigFileError

        as_json, json_file = json_target(json_out)
        venue_url = rest_url or "the configured venue"  # for a network error's line
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
            if rest_url is None and not no_attach:
                note = attach_to_running(opts)
                if note is not None:
                    err.print(note, style="dim", highlight=False, markup=False)
            _from_settings_file(opts, settings, config)
            venue_url = opts.rest_url or settings.endpoints()[0]
            engine = build_engine(settings, opts)
            if question:
                answer = engine.ask(" ".join(question))
                if answer.intent == "error":  # the venue refused or cannot be reached: one line, exit 1
                    if json_file is not None:
                        _append_json(answer, json_file)
                    if as_json:
                        print(answer.model_dump_json())
                    else:
                        err.print(f"chat: {answer.text}", style="red", highlight=False, markup=False)
                    raise typer.Exit(1)
                _show(answer, as_json, json_file)
            else:
                repl(engine, as_json, json_file)
        except (ChatSetupError, SettingsError, SourceError, ConfigFileError) as exc:
            err.print(f"[red]chat: {exc}[/red]", highlight=False)
            raise typer.Exit(2) from None
        except OSError as exc:  # a network failure the engine did not turn into an answer: one line
            from aitrader.cli.errors import network_message

            line = network_message(exc, venue_url)
            if line is None:
                raise
            err.print(f"chat: {line}", style="red", highlight=False, markup=False)
            raise typer.Exit(1) from None


def _from_settings_file(opts: ChatOptions, settings: Settings, config: Path | None) -> None:
    """The journal, strategy and timeframe a running session did not give: the environment, else
    aitrader.toml (read only when it exists: a one-shot question stays light), else the defaults."""
    from aitrader.config.run_settings import resolve_run

    run = resolve_run(settings=settings, config=config)
    if opts.journal is None and not run.from_default("journal"):
        opts.journal = run.journal
    if opts.strategy is None and not run.from_default("strategy"):
        opts.strategy = run.strategy
    if opts.interval is None and not run.from_default("timeframe"):
        opts.interval = run.timeframe

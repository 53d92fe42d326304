"""`aitrader debate BTCUSDT 1h` (or `--symbol SYMBOL --timeframe TF`): the analysts, the bull/bear
debate and the verdict on one bar.

The two words are the one exception to "never a positional symbol" (docs/configuration.md): the
command is asked about one market at a time, and this is how the issue that asked for it spells it.

Runs offline (arguments built from the analysts' evidence) on the candles `data.load_series` finds
(the store, else the shipped sample) with whatever context series exist (`agents.context`; `--news` adds headlines), and
shows every analyst's report with its evidence, the debate round by round and what the RiskGate
would be asked, or why nothing. The bar is the latest one, or the last closed by `--at`; the
debate is held on that bar whether or not the screen would have passed it (the screen says so).
`--json PATH` writes the `DebateRecord` (deterministic JSON).
"""

from __future__ import annotations

from pathlib import Path

import typer

from aitrader.cli import options
from aitrader.cli.at_bar import bar_at
from aitrader.cli.errors import fail


def register(app: typer.Typer) -> None:
    @app.command("debate")
    def debate(
        shorthand: list[str] | None = typer.Argument(
            None,
            metavar="[SYMBOL [TF]]",
            help="Shorthand for --symbol and --timeframe: `aitrader debate BTCUSDT 1h`.",
            show_default=False,
        ),
        symbol: str | None = options.symbol(),
        timeframe: str | None = options.timeframe(),
        at: str | None = options.at("Debate"),
        rounds: int | None = typer.Option(
            None,
            "--rounds",
            metavar="N",
            min=0,
            max=6,
            help="Rebuttal rounds after the openings (default 2).",
        ),
        param: list[str] = options.param(),
        json_path: str | None = options.json_out("the debate record"),
        news: Path | None = typer.Option(
            None,
            "--news",
            metavar="PATH",
            help="News or social texts for the sentiment analyst: a .jsonl/.csv file, a saved RSS/Atom "
            "feed, or a folder of them.",
        ),
        data: Path | None = options.data(),
        data_dir: Path | None = options.data_dir(),
        config: Path | None = options.config(),
    ) -> None:
        """Show every analyst's report, the bull/bear debate round by round and the arbiter's verdict
        for one bar (default: the latest), offline."""
        from pydantic import ValidationError
        from rich.console import Console

        from aitrader.agents.context import load_agent_context
        from aitrader.agents.debate.render import render_debate
        from aitrader.agents.debate.screen import ENTRY
        from aitrader.agents.debate.strategy import DebateParams, DebateStrategy, proposals_of
        from aitrader.agents.factory import INPUT_KEYS, NO_LLM, AgentInputs, AgentStrategyError, agent_caller
        from aitrader.config.settings import load_settings
        from aitrader.data import DataError
        from aitrader.data.source import SeriesNotFoundError, load_series
        from aitrader.domain import Timeframe
        from aitrader.domain.position import EMPTY_BOOK
        from aitrader.domain.timeframe import format_ms
        from aitrader.strategies.base import MarketView
        from aitrader.strategies.user_params import validation_problems

        words = list(shorthand or [])
        if len(words) > 2:
            fail(
                f"debate takes at most a symbol and a timeframe, got {' '.join(words)!r}: e.g. debate BTCUSDT 1h"
            )
        if words and symbol is not None:
            fail(f"the symbol is given twice ({words[0]} and --symbol {symbol}): give it once")
        if len(words) == 2 and timeframe is not None:
            fail(f"the timeframe is given twice ({words[1]} and --timeframe {timeframe}): give it once")
        symbol = words[0] if words else symbol
        timeframe = words[1] if len(words) == 2 else timeframe
        run = options.run_settings(
            {"symbol": symbol, "timeframe": timeframe, "data_dir": data_dir, "strategy": "debate"},
            config=config,
        )
        try:
            tf = Timeframe.parse(run.timeframe)
        except ValueError as exc:
            fail(f"{run.where('timeframe')}: {exc}")
        pairs = list(param) + ([f"rounds={rounds}"] if rounds is not None else [])
        raw = options.strategy_params(run, pairs)
        try:  # the agents' own inputs (news=, voices=, answers=: `agents.factory`)
            inputs = AgentInputs(**{k: raw.pop(k) for k in list(raw) if k in INPUT_KEYS})
        except ValidationError as exc:
            fail(f"invalid parameters for debate: {validation_problems(exc)} (--param NAME=VALUE)")
        if news is None and inputs.news:
            news = Path(inputs.news).expanduser()
        caller = None
        if inputs.voices == "llm":
            try:
                caller = agent_caller(load_settings(), inputs.answers)
            except AgentStrategyError as exc:
                fail(str(exc))
            if caller is None:
                fail(f"voices=llm needs an LLM: {NO_LLM}")
        try:
            params = DebateParams(**raw)
        except ValidationError as exc:
            problems = validation_problems(exc).replace("params: Value error, ", "")
            fail(f"invalid parameters for debate: {problems} (--param NAME=VALUE)")
        try:
            loaded = load_series(run.symbol, tf, path=data, data_dir=run.data_dir)
        except (ValueError, SeriesNotFoundError, DataError, OSError) as exc:
            fail(str(exc))
        candles = loaded.candles
        if len(candles) == 0:
            fail(f"no {run.symbol} {tf.value} candles in {loaded.origin}")
        idx = bar_at(candles, tf, at, loaded.origin, closed_by=True)  # what was known at --at
        try:
            ctx = load_agent_context(candles.symbol, tf, run.data_dir, [news] if news is not None else [])
        except (DataError, OSError) as exc:
            fail(f"--news {news}: {exc}")
        strat = DebateStrategy(params, tf, ctx.context, caller)
        if idx < strat.warmup - 1:
            fail(
                f"the debate needs {strat.warmup} bars of {tf.value} history; bar {format_ms(int(candles.open_time[idx]))} "
                f"is bar {idx + 1}: pick a later --at"
            )
        history = candles.slice(0, idx + 1)
        feats = strat.features(history)
        view = MarketView(feats, idx)
        record = strat.deliberate(view, EMPTY_BOOK)
        proposals = proposals_of(record, view.time_ms)

        console = Console()
        console.print(
            f"[bold]debate[/bold] on {candles.symbol} {tf.value}: bar {format_ms(view.time_ms)} UTC (closed "
            f"{format_ms(view.close_ms)}), "
            f"close {view.close:,.2f}, {params.rounds} rebuttal round(s), "
            f"{'voices through the LLM' if caller is not None else 'offline'}, flat book; "
            f"snapshot {record.snapshot_id}"
        )
        console.print(f"[dim]candles: {loaded.origin}[/dim]")
        texts = len(ctx.context.texts)
        console.print(
            "context: " + (", ".join(ctx.found) if ctx.found else "none")
            + (f"; missing: {', '.join(ctx.missing)}" if ctx.missing else "")
            + (f"; {texts} news/social item(s) from {news}" if news is not None
               else "; no news or social texts (--news PATH adds them)"),
            style="dim", markup=False, highlight=False, soft_wrap=True,
        )  # fmt: skip
        if not feats[ENTRY][idx]:
            console.print(
                "[dim]The screen would not have sent this bar to the debate (no turn in momentum, "
                "trend or volume): in a backtest it would be skipped.[/dim]"
            )
        render_debate(console, record, proposals)
        if json_path is not None:
            blob = record.to_json()
            if json_path == "-":
                typer.echo(blob.decode())
            else:
                try:
                    Path(json_path).write_bytes(blob + b"\n")
                except OSError as exc:
                    fail(f"--json {json_path}: cannot write: {exc.strerror or exc}")
                console.print(f"[dim]debate record written to {json_path}[/dim]")

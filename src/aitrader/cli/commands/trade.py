"""`aitrader trade`: live (Binance Spot Testnet by default) or paper trading on the live stream.

It takes what was backtested: `--strategy`, `--param`, `--risk`, `--equity` (the paper account's
starting cash) and the same `aitrader.toml` (`config.run_settings`). A paper run reads its candles
from the market data endpoints (`Settings.market_data_endpoints()`: Binance's public mainnet data
unless AITRADER_MARKET_DATA_URL or AITRADER_REST_URL says otherwise) and simulates its orders; the
start-up line says where its prices come from. `--symbols BTCUSDT,ETHUSDT,SOLUSDT` trades several
symbols as one portfolio: one combined market stream, one account, one gate over every position
(the `[risk]` limits), each symbol's candles of one open time decided as one round.
`--universe top:5:volume` (or aitrader.toml `[universe]`) trades what a ranked universe selects at
start (among `--symbols` when given, else among every symbol of the venue), ranks again every
`refresh`, refuses entries on symbols that left (their positions are managed to their exits) and
adds the symbols that join while the run goes, protection first (`live.universe_lanes`). Nothing
heavy is imported before the runner has reconciled the journal with the venue (strategies and
TA-Lib load after protection).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from aitrader.agents.names import AGENT_STRATEGIES
from aitrader.cli import options
from aitrader.cli.commands.serve import control_option, embedded_api, port_option, serve_option
from aitrader.cli.errors import fail, host_of, network_message

LLM_DEADLINE_MARGIN_S = 5.0  # the analyst panel and the prompt around the model's own deadline
OFFLINE_DEBATE_DEADLINE_S = 30.0  # the offline debate takes well under a second a bar

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.api.embedded import EmbeddedApi
    from aitrader.config.run_settings import RunSettings
    from aitrader.config.settings import Settings
    from aitrader.live.config import RunConfig
    from aitrader.live.summary import RunSummary
    from aitrader.universe.rule import UniverseRule


def register(app: typer.Typer) -> None:
    @app.command()
    def trade(
        symbol: str | None = options.symbol(),
        symbols: str | None = options.symbols(),
        universe: str | None = options.universe(),
        timeframe: str | None = options.timeframe(),
        strategy: str | None = options.strategy(),
        param: list[str] = options.param(),
        risk: float | None = options.risk(),
        equity: float | None = options.equity("Paper account's starting cash, in quote"),
        paper: bool = typer.Option(
            False, "--paper", help="Simulated fills on real market data (no keys needed)."
        ),
        mainnet: bool = typer.Option(
            False,
            "--mainnet",
            help="Trade REAL money (needs AITRADER_VENUE=mainnet, AITRADER_ALLOW_MAINNET=true and a "
            "typed confirmation).",
        ),
        max_runtime: float | None = options.max_runtime(),
        max_candles: int | None = options.max_candles(),
        decision_deadline: float | None = typer.Option(
            None,
            "--decision-deadline",
            min=0.001,
            metavar="SECONDS",
            help="Seconds the strategy may take per candle; a later answer is recorded as "
            "'no decision: deadline' and never acted on (for slow deciders). Default: none, but 30 "
            "for the offline debate and AITRADER_LLM_DEADLINE_S + 5 for llm and debate voices=llm.",
        ),
        no_view: bool = typer.Option(False, "--no-view", help="Plain log lines instead of the live view."),
        journal: str | None = options.journal("default: env, aitrader.toml, else var/journal.sqlite"),
        reconcile_only: bool = typer.Option(
            False, "--reconcile-only", help="Reconcile journal and exchange, report, exit."
        ),
        forget_plan: str | None = typer.Option(
            None,
            "--forget-plan",
            metavar="PLAN_ID",
            help="Mark a pending plan that never sent an order as abandoned (after a reconcile "
            "said it cannot explain it), then exit.",
        ),
        config: Path | None = options.config(),
        serve: bool = serve_option(),
        port: int | None = port_option(),
        allow_control: bool = control_option(),
    ) -> None:
        """Trade one symbol, or several as one portfolio, live or on paper: stream → strategy → risk
        gate → exchange OCO brackets."""
        import asyncio

        from rich.console import Console

        from aitrader.config import MainnetNotEnabledError, SettingsError, load_settings
        from aitrader.config.settings import Venue
        from aitrader.live.session import print_summary, run_session
        from aitrader.universe.rule import UniverseRuleError

        console = Console()
        try:
            settings = load_settings()
        except (SettingsError, MainnetNotEnabledError) as exc:
            fail(str(exc))
        several = options.split_symbols(symbols)
        cli = {"symbol": several[0] if several else symbol, "timeframe": timeframe, "strategy": strategy,
               "risk": risk, "equity": equity, "journal": journal}  # fmt: skip
        run = options.run_settings(cli, settings=settings, config=config)
        try:
            rule = run.universe_rule(universe)  # --universe on top of aitrader.toml's [universe]
        except UniverseRuleError as exc:
            fail(str(exc))
        traded = several or (run.symbol,)
        if forget_plan is not None:
            _forget(console, forget_plan, run.journal)
            return
        if mainnet and settings.venue is not Venue.MAINNET:
            fail(
                "--mainnet needs AITRADER_VENUE=mainnet and AITRADER_ALLOW_MAINNET=true in the environment or .env"
            )
        if settings.venue is Venue.MAINNET and not paper:
            if not mainnet:
                fail("AITRADER_VENUE=mainnet: pass --mainnet to trade real money (or use --paper)")
            name = ",".join(traded) if rule is None else "UNIVERSE"
            what = f"symbol{'s' if several else ''} ({name})" if rule is None else f"word {name}"
            typed = typer.prompt(
                f"This trades REAL money on Binance mainnet{_on_universe(rule, several)}. Type the "
                f"{what} to confirm"
            )
            if typed.strip().upper().replace(" ", "") != name:
                fail("confirmation did not match; nothing was sent")
        if equity is not None and not paper:
            fail("--equity is the paper account's starting cash: a live run trades the venue's balances")
        cfg = _run_config(run, settings, param, paper, reconcile_only, traded, rule, several)
        deadline, why = decision_deadline_of(decision_deadline, cfg.strategy, cfg.strategy_params, settings)
        cfg.max_runtime_s, cfg.max_candles, cfg.decision_deadline_s = max_runtime, max_candles, deadline
        api = _api(console, settings, serve, port, allow_control, cfg, cli, config, param)
        console.print(_start_line(cfg, settings, why), soft_wrap=True, highlight=False, markup=False)

        async def main() -> RunSummary:
            try:
                attach = api.attach if api is not None else None
                return await run_session(cfg, console, view=not no_view, on_runner=attach)
            finally:
                if api is not None:
                    await api.stop()

        try:
            summary = asyncio.run(main())
        except Exception as exc:  # one clear line, never a traceback; messages never carry secrets
            line = network_message(exc, cfg.rest_url)
            if line is not None:
                fail(line)
            if isinstance(exc, ValueError):  # a setup problem its message explains (missing keys, …)
                fail(str(exc))
            fail(f"{type(exc).__name__}: {exc} (venue {cfg.venue_name} at {cfg.rest_url})")
        print_summary(summary, console)
        if summary.alarms:  # an exit or protective order the venue kept refusing: a person must look
            for line in summary.alarms:
                console.print(f"[red]ALARM:[/] {line}")
            raise typer.Exit(3)
        if summary.reconcile is not None and not summary.reconcile.ok:
            raise typer.Exit(2)


def _api(
    console: Console, settings: Settings, serve: bool, port: int | None, allow_control: bool,
    cfg: RunConfig, cli: dict[str, Any], config: Path | None, pairs: list[str],
) -> EmbeddedApi | None:  # fmt: skip
    """`--serve`: the API inside the run, checked and bound now; it starts after protection."""
    if not serve:
        if port is not None or allow_control:
            fail("--port and --allow-control go with --serve")
        return None
    from aitrader.api.reload import ReloadSettings
    from aitrader.live.session_file import run_mode

    reload = ReloadSettings(dict(cli), config, tuple(pairs))
    return embedded_api(console, settings, port, allow_control, run_mode(cfg), reload)


def _run_config(
    run: RunSettings,
    settings: Settings,
    pairs: list[str],
    paper: bool,
    reconcile_only: bool,
    symbols: tuple[str, ...] = (),
    rule: UniverseRule | None = None,
    candidates: tuple[str, ...] = (),
) -> RunConfig:
    """The runner's configuration: the venue's endpoints live, the market data endpoints on paper.
    With a universe `rule`, the runner picks the run's symbols, ranked among `candidates` (`--symbols`)."""
    from aitrader.config.run_settings import RunSettingsError, parse_param_pairs
    from aitrader.config.settings import Venue
    from aitrader.config.strategy_file import ConfigFileError, strategy_params
    from aitrader.domain import Timeframe
    from aitrader.live.config import RunConfig, cash_in, common_quote, paper_cash

    try:
        tf = Timeframe.parse(run.timeframe)
    except ValueError as exc:
        fail(f"{run.where('timeframe')}: {exc}")
    name = run.strategy
    if name.lower().startswith("rl:") and not Path(name[3:]).is_file():
        fail(f"--strategy {name}: no policy checkpoint at {name[3:]} (train one: aitrader rl train)")
    # what `optimize --apply` chose, then --param; the values themselves are checked when the
    # strategy is built, after protection (importing the strategies here would delay it by ~2 s)
    try:
        params = {**strategy_params(name, run.config_file), **parse_param_pairs(pairs)}
        if len(symbols) > 1:  # one account: every symbol priced in one quote asset
            common_quote(symbols)
        if rule is None:
            balances = paper_cash(run.symbol, run.equity) if paper else {}
        else:  # the account's quote asset is the universe's
            quote = rule.quote if rule.ranked else common_quote(rule.symbols)
            balances = cash_in(quote, run.equity) if paper else {}
    except (ConfigFileError, RunSettingsError, ValueError) as exc:
        fail(str(exc))
    rest, ws, wsapi = settings.endpoints()
    if paper:  # real prices; orders never leave the simulator
        rest, ws = settings.market_data_endpoints()
    return RunConfig(
        symbol=run.symbol,
        symbols=symbols or (run.symbol,),
        interval=tf,
        strategy=name,
        strategy_params=params,
        paper=paper,
        rest_url=rest,
        ws_url=ws,
        ws_api_url=wsapi,
        api_key=settings.binance_api_key.get_secret_value(),
        secret=settings.binance_api_secret.get_secret_value(),
        sandbox=settings.venue is Venue.TESTNET,
        venue_name=f"paper, prices from {host_of(rest)}" if paper else settings.venue.value,
        recv_window_ms=settings.recv_window_ms,
        journal_path=run.journal,
        telemetry_path=settings.telemetry_path,
        risk_fraction=run.risk,
        slippage_bps=run.slippage,
        paper_balances=balances,
        reconcile_only=reconcile_only,
        risk_limits=dict(run.risk_limits),
        universe=rule,
        universe_candidates=candidates if rule is not None else (),
    )


def decision_deadline_of(
    given: float | None, strategy: str, params: Mapping[str, Any], settings: Settings
) -> tuple[float | None, str]:
    """The run's decision deadline and, when it is a default, why: `--decision-deadline` when given;
    else an agent strategy's (it may think for seconds): `llm` and a debate with `voices=llm` get the
    LLM's own deadline (AITRADER_LLM_DEADLINE_S) plus a margin, the offline debate
    `OFFLINE_DEBATE_DEADLINE_S`; a rule strategy none (it answers in microseconds)."""
    if given is not None:
        return given, ""
    key = strategy.strip().lower()
    if key not in AGENT_STRATEGIES:
        return None, ""
    if key == "llm" or str(params.get("voices", "offline")).strip().lower() == "llm":
        deadline = settings.llm_deadline_s + LLM_DEADLINE_MARGIN_S
        return deadline, (
            f"the default for {key}{' with voices=llm' if key == 'debate' else ''}: "
            f"AITRADER_LLM_DEADLINE_S {settings.llm_deadline_s:g}s + {LLM_DEADLINE_MARGIN_S:g}s"
        )
    return OFFLINE_DEBATE_DEADLINE_S, "the default for the offline debate"


def _start_line(cfg: RunConfig, settings: Settings, deadline_why: str = "") -> str:
    """Where the prices come from and where the orders go, said before anything starts (and how
    long a decision may take, when the run has a deadline)."""
    from aitrader.config.settings import PUBLIC_MARKET_DATA_REST
    from aitrader.live.config import describe_balances

    label = (
        cfg.label
        if cfg.universe is None
        else f"on a universe{_on_universe(cfg.universe, cfg.universe_candidates)}"
    )
    what = f"{cfg.strategy} {label} {cfg.interval.value}, risk {cfg.risk_fraction:g} per trade"
    if cfg.decision_deadline_s is not None:
        why = f" ({deadline_why}; --decision-deadline changes it)" if deadline_why else ""
        what += f", each decision due within {cfg.decision_deadline_s:g}s{why}"
    if not cfg.paper:
        return f"live trading {what} on {settings.venue.value} at {cfg.rest_url} (orders and prices)"
    if cfg.rest_url == PUBLIC_MARKET_DATA_REST:
        source = f"Binance public market data ({cfg.rest_url}; AITRADER_MARKET_DATA_URL changes it)"
    else:
        source = f"{cfg.rest_url} and {cfg.ws_url}"
    return f"paper trading {what}: prices from {source}; orders simulated, starting cash {describe_balances(cfg)}"


def _on_universe(rule: UniverseRule | None, candidates: tuple[str, ...]) -> str:
    """What a universe run trades, in words (" (top 5 USDT symbols by ..., among A,B,C)"), or ""."""
    if rule is None:
        return ""
    among = f", among {','.join(candidates)}" if candidates else ""
    return f" ({rule.describe()}{among})"


def _forget(console: Console, plan_id: str, target: str | Path) -> None:
    """`--forget-plan`: mark a pending plan without any order abandoned."""
    from aitrader.live.journal import LiveJournal
    from aitrader.storage.database import DatabaseOpenError, describe

    try:
        book = LiveJournal(target)
    except DatabaseOpenError as exc:
        fail(str(exc))
    try:
        row = book.plan(plan_id)
        if row is None:
            fail(f"--forget-plan: no plan {plan_id!r} in {describe(target)}")
        if row.status != "pending_entry" or book.orders_of(plan_id):
            fail(
                f"--forget-plan: plan {plan_id} is {row.status} and has orders; only a pending "
                "plan without any order can be forgotten (run --reconcile-only to resolve the rest)"
            )
        with book.transaction():
            book.update_plan(plan_id, status="abandoned", detail="abandoned by hand (--forget-plan)")
            book.event("plan_forgotten", plan_id=plan_id)
    finally:
        book.close()
    console.print(f"plan {plan_id} marked abandoned; new entries are no longer refused for it")

"""`aitrader optimize`: parameter search, walk-forward validation and overfitting statistics."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from aitrader.config.run_settings import RunSettings
    from aitrader.domain import Timeframe
    from aitrader.optimize.evaluate import TrialSetup
    from aitrader.optimize.search import Progress, TrialRecord

_UNITS_MS = {"m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 7 * 86_400_000, "y": 365 * 86_400_000}


def register(app: typer.Typer) -> None:
    @app.command("optimize")
    def optimize(
        strategy: str | None = options.strategy(),
        symbol: str | None = options.symbol(),
        symbols: str | None = typer.Option(
            None,
            "--symbols",
            metavar="SYMBOL,…",
            help="Several, e.g. BTCUSDT,ETHUSDT: one study each, then a summary across them.",
        ),
        timeframe: str | None = options.timeframe("1h"),
        start: str | None = options.start(),
        end: str | None = options.end(),
        data: Path | None = options.data(),
        data_dir: Path | None = options.data_dir(),
        param: list[str] = options.param(),
        trials: int = typer.Option(
            100, "--trials", "-n", min=1, help="Trials (per window with --walk-forward)."
        ),
        objective: str = typer.Option(
            "sharpe",
            "--objective",
            help="sharpe, sortino, calmar, profit, cagr, profit_factor, expectancy, win_rate, trades, maxdd, "
            "volatility; several separated by commas (or --objectives) give a Pareto front, e.g. sharpe,maxdd.",
        ),
        objectives_: str | None = typer.Option(
            None, "--objectives", hidden=True, help="--objective with several names (a Pareto front)."
        ),
        sampler: str = typer.Option(
            "auto",
            "--sampler",
            help="auto, tpe, nsga2, genetic (= nsga2), random or grid (auto: grid when small).",
        ),
        space: list[str] = typer.Option(
            [],
            "--space",
            metavar="NAME=RANGE",
            help="NAME=LOW:HIGH[:STEP], NAME=A,B,C or NAME=VALUE (repeatable; narrows the space).",
        ),
        min_trades: int = typer.Option(
            10, "--min-trades", min=0, help="Constraint: at least this many trades."
        ),
        max_drawdown: float | None = typer.Option(None, "--max-drawdown", help="Constraint, e.g. 0.25."),
        walk: bool = typer.Option(
            False, "--walk-forward", help="Re-optimise on rolling windows, test on the next."
        ),
        train: str = typer.Option(
            "365d", "--train", metavar="LENGTH", help="Walk-forward train length: bars or 90d, 26w, 1y."
        ),
        test: str = typer.Option(
            "90d", "--test", metavar="LENGTH", help="Walk-forward test length (bars or a duration)."
        ),
        step: str | None = typer.Option(
            None, "--step", metavar="LENGTH", help="Between windows (default: the test length)."
        ),
        anchored: bool = typer.Option(False, "--anchored", help="Train windows all start at the first bar."),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes (2 on a 2-core machine)."),
        storage: Path | None = typer.Option(
            None, "--storage", metavar="FILE", help="SQLite file: the study resumes from it."
        ),
        study: str | None = typer.Option(None, "--study", help="Study name in --storage (default derived)."),
        seed: int = typer.Option(0, "--seed", help="Sampler seed (reproducible with --jobs 1)."),
        fee: float | None = options.fee(),
        slippage: float | None = options.slippage(),
        equity: float | None = options.equity(),
        risk: float | None = options.risk(),
        all_in: bool = typer.Option(False, "--all-in", help="Research sizer: all cash per entry."),
        monte_carlo: int = typer.Option(
            2000, "--monte-carlo", min=0, help="Monte Carlo simulations (0: none)."
        ),
        report: Path | None = options.report(),
        json_out: str | None = options.json_out(),
        apply: bool = typer.Option(
            False, "--apply", help="Write the chosen parameters to aitrader.toml (or --config FILE)."
        ),
        backend: str = typer.Option(
            "local", "--backend", help="local (processes) or ray (needs the ray extra)."
        ),
        ray_address: str | None = typer.Option(
            None, "--ray-address", metavar="HOST:PORT", help="Ray cluster, e.g. 127.0.0.1:6379."
        ),
        config: Path | None = options.config(),
    ) -> None:
        """Search a strategy's parameters (Optuna), optionally walk-forward, with overfitting statistics."""
        from rich.console import Console

        from aitrader.backtest.inputs import InputError, build_strategy, load_candles
        from aitrader.config.run_settings import RunSettingsError, parse_param_pairs
        from aitrader.config.strategy_file import ConfigFileError, optimize_space, strategy_params
        from aitrader.domain import Timeframe
        from aitrader.domain.timeframe import parse_time
        from aitrader.optimize.objectives import Constraints, ObjectiveError, parse_objectives
        from aitrader.optimize.space import SpaceError, build_space, take_cost_multiple
        from aitrader.optimize.study import OptimizeRequest, warmup_bound
        from aitrader.optimize.walk_forward import WalkForwardPlan
        from aitrader.strategies.registry import COST_MULTIPLE_PARAM, strategy_names

        cli = {"strategy": strategy, "symbol": symbol, "timeframe": timeframe, "data_dir": data_dir,
               "fee": fee, "slippage": slippage, "equity": equity, "risk": risk}  # fmt: skip
        run = options.run_settings(cli, defaults={"timeframe": "1h"}, config=config)
        strategy_name = run.strategy
        console = Console(stderr=json_out == "-")  # --json -: the JSON alone on stdout
        if backend not in ("local", "ray"):
            fail(f"--backend {backend!r}: choose local or ray")
        if max_drawdown is not None and not 0 < max_drawdown < 1:
            fail(f"--max-drawdown {max_drawdown}: use a fraction in (0, 1), e.g. 0.25 for 25%")
        json_path = None if json_out in (None, "-") else Path(str(json_out))
        for option, path in (("--json", json_path), ("--report", report), ("--storage", storage)):
            _check_writable(option, path)  # before the search, not after it
        try:
            tf = Timeframe.parse(run.timeframe)
        except ValueError as exc:
            fail(f"{run.where('timeframe')}: {exc}")
        try:
            start_ms = parse_time(start) if start else None
            end_ms = parse_time(end) if end else None
            objectives = parse_objectives(objectives_ or objective)
            model = type(build_strategy(strategy_name, {}, tf).params)
            parse_param_pairs(param)  # --param NAME=VALUE: a value the search keeps fixed
            # the built-ins' cost_multiple is held for every trial, never searched (a run setting)
            entries, base, cost_multiple = take_cost_multiple(
                model,
                [*optimize_space(strategy_name, run.config_file), *space, *param],
                strategy_params(strategy_name, run.config_file),
            )
            if cost_multiple is not None and strategy_name.strip().lower() not in strategy_names():
                raise ValueError(
                    f"{COST_MULTIPLE_PARAM}: {strategy_name} has no costs entry condition; only the "
                    f"built-in strategies take it ({', '.join(strategy_names())})"
                )
            the_space = build_space(model, entries, base)
            plan = None
            if walk:
                test_bars = _bars(test, tf, "--test")
                plan = WalkForwardPlan(
                    _bars(train, tf, "--train"),
                    test_bars,
                    _bars(step, tf, "--step") if step else test_bars,
                    anchored,
                )
            lead = warmup_bound(strategy_name, the_space, tf)
            names = [x.strip().upper() for x in (symbols or run.symbol).split(",") if x.strip()]
            if not names:
                raise ValueError("--symbols: give at least one symbol, e.g. BTCUSDT,ETHUSDT")
            if len(names) > 1 and data is not None:
                raise ValueError(
                    "--data is one file of one symbol: use --symbol with it, or the store for --symbols"
                )
            if len(names) > 1 and apply:
                raise ValueError("--apply writes one strategy table: run it with one --symbol")
            series = [load_candles(n, tf, data, start_ms, end_ms, run.data_dir, warmup=lead) for n in names]
            runner_factory = _ray_factory(ray_address) if backend == "ray" else None
        except (ValueError, InputError, SpaceError, ObjectiveError, ConfigFileError, RunSettingsError) as exc:
            fail(str(exc))
        docs = []
        for loaded in series:
            candles = loaded.candles
            # warm-up: the bars before --from when given, else the first `lead` bars of the data
            lead_bars = loaded.warmup_bars if start_ms is not None else min(lead, len(candles) // 4)
            setup = trial_setup(run, tf, all_in, lead, cost_multiple)
            request = OptimizeRequest(
                setup,
                the_space,
                objectives,
                trials,
                sampler,
                seed,
                Constraints(min_trades, max_drawdown),
                jobs,
                f"sqlite:///{storage}" if storage else None,
                study or f"{setup.strategy}-{candles.symbol}-{tf.value}-{'wf' if walk else 'search'}",
                plan,
                monte_carlo,
                lead_bars,
                runner_factory,
            )
            if study and len(series) > 1:
                request.study_name = f"{study}-{candles.symbol}"
            console.print(
                f"[bold]optimize {setup.strategy}[/] {candles.symbol} {tf.value}: {len(candles) - lead_bars:,} bars "
                f"from {loaded.origin}; {trials} trials{' per window' if walk else ''}, "
                f"objective {objectives_ or objective}, {jobs} job{'s' if jobs > 1 else ''}; fee {run.fee:g}, "
                f"slippage {run.slippage:g} bps, risk {run.risk:g}, equity {run.equity:,.0f}",
                soft_wrap=True,
            )
            doc = _run(console, request, candles)
            from aitrader.optimize.tables import print_document, print_symbols

            print_document(console, doc)
            many = len(series) > 1
            _write(
                console,
                doc,
                _for(report, candles.symbol, many),
                "-" if json_out == "-" else _for(json_path, candles.symbol, many),
                apply,
                setup.strategy,
                run.config_file,
            )
            docs.append(doc)
        if len(docs) > 1:
            print_symbols(console, docs)


def trial_setup(
    run: RunSettings, tf: Timeframe, all_in: bool, lead: int, cost_multiple: float | None = None
) -> TrialSetup:
    """What every trial runs with: the run's strategy, equity, fee, slippage, risk, the gate's
    portfolio limits (`run.risk_limits`: aitrader.toml's [risk] table and its environment) and the
    built-in strategies' `cost_multiple` when one was given (`space.take_cost_multiple`)."""
    from aitrader.optimize.evaluate import TrialSetup

    return TrialSetup(
        run.strategy.lower(), tf, run.equity, run.fee, run.slippage, run.risk, all_in, lead=lead,
        risk_limits=dict(run.risk_limits), cost_multiple=cost_multiple,
    )  # fmt: skip


def _for(path: Path | None, symbol: str, many: bool) -> Path | None:
    """With several symbols, each gets its own file: wf.html -> wf-ETHUSDT.html."""
    if path is None or not many:
        return path
    return path.with_name(f"{path.stem}-{symbol}{path.suffix}")


def _run(console: Any, request: Any, candles: Any) -> dict[str, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    from aitrader.optimize.space import SpaceError
    from aitrader.optimize.study import optimise

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Bars(*columns, console=console, transient=True) as bar:
        task = bar.add_task("search", total=request.trials)

        def factory(label: str, total: int) -> Progress:  # one bar, reset for each walk-forward window
            bar.reset(task, total=total, description=label)

            def update(done: int, all_: int, best: TrialRecord | None) -> None:
                text = f"{label}: best {best.values[0]:.3f} (#{best.number})" if best else label
                bar.update(task, completed=done, total=all_, description=text)

            return update

        try:
            return optimise(request, candles, factory)
        except SpaceError as exc:
            fail(str(exc))
        except RuntimeError as exc:  # the worker processes kept dying
            fail(str(exc))
        except KeyboardInterrupt:
            kept = f"the study in {request.storage} keeps its finished trials: run the same command to resume"
            fail(
                "interrupted; "
                + (kept if request.storage else "nothing was kept (use --storage to resume later)")
            )
        except Exception as exc:
            if type(exc).__module__.split(".")[0] in ("sqlalchemy", "optuna"):  # the study's database
                fail(f"--storage: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            raise


def _write(
    console: Any,
    doc: dict[str, Any],
    report: Path | None,
    json_out: Path | str | None,
    apply: bool,
    name: str,
    config_file: Path,
) -> None:
    from aitrader.config.strategy_file import ConfigFileError, write_strategy_params
    from aitrader.domain.timeframe import format_ms
    from aitrader.optimize.output import write_json

    try:
        if json_out == "-":
            import json

            from aitrader.optimize.jsonable import plain

            print(json.dumps(plain(doc), indent=1, allow_nan=False))
        elif json_out is not None:
            write_json(doc, Path(json_out))
            console.print(f"JSON: {json_out}", markup=False)
        if report is not None:
            from aitrader.optimize.report_html import write_report

            write_report(doc, report)
            console.print(f"report: {report}", markup=False)
    except OSError as exc:
        fail(f"{exc.filename}: cannot write ({exc.strerror}); the results are printed above")
    if apply:
        params = _chosen_params(doc)
        if params is None:
            fail("--apply: no parameters were chosen (no trial met the constraints); nothing written")
        span = doc["span"]
        note = (
            f"chosen by aitrader optimize on {doc['symbol']} {doc['timeframe']} "
            f"{format_ms(span['start_ms'])[:10]}..{format_ms(span['end_ms'])[:10]} "
            f"({doc['kind']}, objective {doc['objectives'][0]['name']})"
        )
        try:
            path = write_strategy_params(name, params, note, config_file)
        except ConfigFileError as exc:
            fail(str(exc))
        console.print(
            f"wrote [strategies.{name}] to {path}: backtest, decide and trade now use it "
            f"(fitted on {doc['timeframe']} candles: trade them on {doc['timeframe']})",
            markup=False,
            soft_wrap=True,
        )


def _check_writable(option: str, path: Path | None) -> None:
    if path is None:
        return
    if path.is_dir():
        fail(f"{option} {path}: is a folder; give a file name, e.g. {path / 'result'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(
            f"{option} {path}: cannot create the folder {path.parent} ({exc.strerror}); choose another place"
        )


def _chosen_params(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The parameters to trade: the search's choice, or walk-forward's latest window's choice, with
    the `cost_multiple` the trials ran with (--apply replaces the whole strategy table)."""
    from aitrader.strategies.registry import COST_MULTIPLE_PARAM

    if doc["kind"] == "walk_forward":
        windows = [w["params"] for w in doc["walk_forward"]["windows"] if w["params"]]
        chosen = dict(windows[-1]) if windows else None
    else:
        chosen = dict(doc["chosen"]["params"]) if doc.get("chosen") else None
    cost_multiple = (doc.get("setup") or {}).get("cost_multiple")
    if chosen is not None and cost_multiple is not None:
        chosen[COST_MULTIPLE_PARAM] = cost_multiple
    return chosen


def _bars(text: str, tf: Timeframe, option: str) -> int:
    """'500' bars, or a duration ('90d', '26w', '1y', '12h') in bars of `tf`."""
    raw = text.strip().lower()
    if raw.isdigit():
        return int(raw)
    number, unit = raw[:-1], raw[-1:]
    try:
        value = float(number)
    except ValueError:
        value = -1.0
    if unit not in _UNITS_MS or value <= 0:
        raise ValueError(f"{option} {text!r}: write bars (e.g. 2000) or a duration like 90d, 26w, 1y")
    bars = int(value * _UNITS_MS[unit] // tf.duration_ms)
    if bars < 1:
        raise ValueError(f"{option} {text!r} is shorter than one {tf.value} bar")
    return bars


def _ray_factory(address: str | None) -> Any:
    from aitrader.optimize.ray_runner import ray_runner_factory

    return ray_runner_factory(address)

"""`aitrader rl meta-train` and `aitrader rl data` (registered by `cli.commands.rl`)."""

from __future__ import annotations

from pathlib import Path

import typer

from aitrader.cli.errors import fail


def register(app: typer.Typer) -> None:
    """Nothing at the top level: `cli.commands.rl` adds these commands to `aitrader rl`."""


def add_meta_commands(rl_app: typer.Typer) -> None:
    @rl_app.command("meta-train")
    def meta_train_cmd(
        iterations: int = typer.Option(50, "--iterations", "-n", min=1, help="Meta-iterations."),
        out: Path = typer.Option(
            Path("var/rl/meta"), "--out", "-o", metavar="DIR", help="Folder for the checkpoints."
        ),
        tasks: Path = typer.Option(
            Path("data/rl"),
            "--tasks",
            metavar="DIR",
            help="Folder with final/ (training) and raw/ (backtesting).",
        ),
        holdout: str = typer.Option(
            "SOLUSDT_15m",
            "--holdout",
            metavar="SYMBOL_TF",
            help="Task left out of meta-training: INSTRUMENT_TF.",
        ),
        order: int = typer.Option(1, "--order", min=1, max=2, help="1: first-order MAML, 2: second-order."),
        inner_steps: int = typer.Option(1, "--inner-steps", min=1, help="Gradient steps of the inner loop."),
        adapt_steps: int = typer.Option(
            3, "--adapt-steps", min=1, help="Gradient steps on the held-out task."
        ),
        inner_lr: float = typer.Option(
            0.05, "--inner-lr", min=1e-6, help="Step size of the inner (adaptation) loop."
        ),
        tasks_per_batch: int = typer.Option(2, "--tasks-per-batch", min=1, help="Tasks per meta-iteration."),
        agent: str = typer.Option("ppo-lstm", "--agent", "-a", help="ppo-lstm or moe."),
        seed: int = typer.Option(0, "--seed", help="Seed."),
        seeds: int = typer.Option(
            5, "--seeds", min=1, max=50, help="Sampling seeds of the before/after backtests."
        ),
        threads: int = typer.Option(1, "--threads", min=1, help="Torch threads."),
        device: str = typer.Option("auto", "--device", help="auto, cpu or cuda."),
    ) -> None:
        """MAML over the (instrument, timeframe) tasks, then few-step adaptation to the held-out task,
        measured on its backtesting bars before and after."""
        from rich.console import Console

        from aitrader.cli.commands.rl import _torch_ready

        console = Console()
        if agent not in ("ppo-lstm", "moe"):
            fail(f"--agent {agent}: choose ppo-lstm or moe")
        dev = _torch_ready(threads, device)
        from aitrader.rl.data_loader import DataLoader
        from aitrader.rl.evaluate import eval_table
        from aitrader.rl.maml import MAMLConfig
        from aitrader.rl.meta_run import MetaDataError, load_tasks, run_meta
        from aitrader.rl.progress_view import training_progress

        loader = DataLoader(tasks / "final", tasks / "raw")
        try:
            meta_tasks, held = load_tasks(loader, holdout)
        except MetaDataError as exc:
            fail(str(exc))
        console.print(
            f"[bold]meta-training on {len(meta_tasks)} tasks[/bold]: {', '.join(t.name for t in meta_tasks)}"
        )
        console.print(f"  held out: {held.task} (adapts on {tasks / 'final'}, measured on {tasks / 'raw'}: "
                      f"{held.window.describe(held.candles)})")  # fmt: skip
        cfg = MAMLConfig(
            order=2 if order == 2 else 1,
            inner_steps=inner_steps,
            inner_lr=inner_lr,
            tasks_per_batch=min(tasks_per_batch, len(meta_tasks)),
            seed=seed,
        )
        with training_progress(console, iterations, f"MAML (order {order})") as view:
            outcome = run_meta(
                loader,
                holdout,
                out,
                cfg,
                iterations,
                adapt_steps,
                agent,
                device=dev,
                on_iteration=view.meta,
                seeds=seeds,
            )
        k = len(outcome.after)
        rows = [*outcome.before[:k], *outcome.after, *outcome.before[k:]]
        console.print(
            eval_table(rows, f"held-out {held.task}: before and after {adapt_steps} adaptation steps")
        )
        for label, part in (("before", outcome.before[:k]), ("after", outcome.after)):
            sharpes = [r.metrics.sharpe or 0.0 for r in part]
            returns = [r.metrics.total_return for r in part]
            console.print(
                f"{label} adaptation, mean of {k} sampling seeds: Sharpe {sum(sharpes) / k:+.2f}, "
                f"return {sum(returns) / k:+.2%}, trades {sum(r.metrics.n_trades for r in part) / k:.1f}"
            )
        console.print(f"meta-parameters: {outcome.meta_checkpoint}; adapted: {outcome.adapted_checkpoint}")

    @rl_app.command("data")
    def data_cmd(
        out: Path = typer.Option(
            Path("data/rl"), "--out", "-o", metavar="DIR", help="Where to write final/ and raw/."
        ),
    ) -> None:
        """Write the PRD's data/final (training) and data/raw (backtesting) example tree from the
        shipped real samples (NIFTY 1d, BTCUSDT 1h and 4h, ETHUSDT and SOLUSDT 15m)."""
        from aitrader.rl.sample_data import write_examples

        try:
            paths = write_examples(out)
        except OSError as exc:
            fail(f"{out}: {exc}")
        for p in paths:
            typer.echo(str(p))

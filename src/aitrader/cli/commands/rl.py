"""`aitrader rl`: train, evaluate and meta-train reinforcement-learning policies (the `rl` extra).

A trained policy is a strategy: `aitrader backtest --strategy rl:OUT/policy.pt` (and `trade`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail

rl_app = typer.Typer(
    help="Reinforcement learning: train a PPO-LSTM or a mixture of experts, evaluate it honestly, "
    "meta-train with MAML. A trained policy trades as --strategy rl:PATH.",
    no_args_is_help=True,
)

_EXTRA = "the RL commands need PyTorch: uv sync --extra rl"


def _torch_ready(threads: int, device: str) -> Any:
    try:
        from aitrader.rl.threads import DeviceError, configure_torch
    except ImportError as exc:
        fail(f"{_EXTRA} ({exc.name} is missing)")
    try:
        return configure_torch(threads, device)
    except DeviceError as exc:
        fail(str(exc))


def _candles(symbol: str, timeframe: str, data: Path | None, data_dir: Path | None) -> tuple[Any, str]:
    from aitrader.data import DataError
    from aitrader.data.source import SeriesNotFoundError
    from aitrader.rl.training import resolve_candles

    store = options.run_settings({"data_dir": data_dir}).data_dir  # --data-dir > env > aitrader.toml
    try:
        return resolve_candles(symbol, timeframe, data, store)
    except (ValueError, SeriesNotFoundError, DataError, OSError) as exc:
        fail(str(exc))


@rl_app.command("train")
def train_cmd(
    agent: str = typer.Option("ppo-lstm", "--agent", "-a", help="ppo-lstm or moe (mixture of experts)."),
    steps: int = typer.Option(200_000, "--steps", "-n", min=1, help="Environment steps to train for."),
    out: Path = typer.Option(
        Path("var/rl/run"), "--out", "-o", metavar="DIR", help="Folder for checkpoints and logs."
    ),
    symbol: str = typer.Option(
        "BTCUSDT", "--symbol", metavar="SYMBOL", help="Symbol, e.g. BTCUSDT or NIFTY50."
    ),
    timeframe: str = typer.Option(
        "1h", "--timeframe", "--interval", "-t", metavar="TF", help="Candle interval."
    ),
    data: Path | None = options.data(),
    data_dir: Path | None = options.data_dir(),
    envs: int = typer.Option(32, "--envs", min=1, help="Parallel environments (vectorised)."),
    rollout: int = typer.Option(128, "--rollout", min=8, help="Steps per environment per update."),
    hidden: int = typer.Option(64, "--hidden", min=4, help="LSTM size."),
    lr: float = typer.Option(3e-4, "--lr", min=1e-7, help="Learning rate."),
    entropy: float = typer.Option(
        0.01, "--entropy", min=0.0, help="Entropy bonus (higher keeps exploring longer before settling)."
    ),
    eval_every: int = typer.Option(10, "--eval-every", min=1, help="Updates between validation backtests."),
    seed: int = typer.Option(0, "--seed", help="Seed (a run is reproducible on one machine)."),
    threads: int = typer.Option(1, "--threads", min=1, help="Torch threads (1 is fastest for small models)."),
    device: str = typer.Option("auto", "--device", help="auto, cpu or cuda (auto: a GPU when present)."),
    backend: str = typer.Option("own", "--backend", help="own (our PPO) or rllib (the `rllib` extra)."),
) -> None:
    """Train on the train split, select by validation Sharpe (a kernel backtest), save OUT/policy.pt."""
    from rich.console import Console

    console = Console()
    if agent not in ("ppo-lstm", "moe"):
        fail(f"--agent {agent}: choose ppo-lstm or moe")
    if backend not in ("own", "rllib"):
        fail(f"--backend {backend}: choose own or rllib")
    dev = _torch_ready(threads, device)
    candles, origin = _candles(symbol, timeframe, data, data_dir)
    from aitrader.rl.ppo import PPOConfig
    from aitrader.rl.training import TrainSettings, prepare

    try:
        prep = prepare(candles, origin)
    except ValueError as exc:
        fail(f"{symbol} {timeframe}: {exc}")
    console.print(f"[bold]{prep.series.describe()}[/bold]  ({origin})")
    for line in prep.splits.describe(candles):
        console.print(f"  {line}")
    rules = prep.config
    console.print(
        f"  rules: fee {rules.fee_rate:.3%} + {rules.fee_entry:g}/{rules.fee_exit:g} per entry/exit, slippage "
        f"{rules.slippage_bps:g} bps, shorts {'allowed' if rules.allows_short else 'refused (spot)'}, risk "
        f"{rules.risk_fraction:.0%} at a {rules.stop_atr:g} ATR stop, target {rules.reward_risk:g}R"
    )
    if backend == "rllib":
        _train_rllib(console, prep, steps, out, seed)
        return
    settings = TrainSettings(
        agent=agent, steps=steps, n_envs=envs, seed=seed, hidden=hidden, eval_every=eval_every,
        ppo=PPOConfig(n_steps=rollout, lr=lr, ent_coef=entropy),
    )  # fmt: skip
    from aitrader.rl.progress_view import training_progress, validations_table
    from aitrader.rl.training import train

    with training_progress(console, steps, f"{agent} on {prep.series.symbol}") as view:
        outcome = train(prep, settings, out, dev, on_update=view.update, on_validation=view.validation)
    console.print()
    best = max(v.sharpe for v in outcome.validations)
    console.print(validations_table(outcome.validations, best))
    if outcome.activation_log is not None:
        from aitrader.rl.activation_log import activation_table, read_activation_log

        stats = read_activation_log(outcome.activation_log)
        if stats:
            console.print(activation_table(stats[-1]))
    console.print(f"best checkpoint (validation Sharpe {best:+.2f}): {outcome.best}; last: {outcome.last}")
    console.print(f"logs: {out / 'train_log.jsonl'}, TensorBoard: tensorboard --logdir {out / 'tb'}")
    console.print(f"next: aitrader rl evaluate {outcome.best}   (the test split, once)")


def _train_rllib(console: Any, prep: Any, steps: int, out: Path, seed: int) -> None:
    from aitrader.rl.rllib_backend import RLlibMissingError, train_rllib

    train_range = prep.splits.train

    def show(p: Any) -> None:
        console.print(
            f"  iteration {p.iteration}: {p.env_steps:,} steps, {p.episodes} episodes, "
            f"mean return {p.episode_return_mean:+.3f}, {p.seconds:.0f} s"
        )

    try:
        result = train_rllib(
            prep.series,
            prep.config,
            steps,
            out,
            seed,
            progress=show,
            start=train_range.start,
            stop=train_range.stop,
        )
    except RLlibMissingError as exc:
        fail(str(exc))
    console.print(
        f"RLlib policy: {result.checkpoint} ({result.env_steps:,} steps, {result.iterations} iterations)"
    )
    console.print(f"next: aitrader rl evaluate {out} --trust-rllib")


@rl_app.command("evaluate")
def evaluate_cmd(
    path: Path = typer.Argument(
        ..., metavar="PATH", help="A checkpoint (OUT/policy.pt) or an RLlib --out folder."
    ),
    symbol: str | None = typer.Option(
        None, "--symbol", metavar="SYMBOL", help="Symbol (default: the one it trained on)."
    ),
    timeframe: str | None = typer.Option(
        None, "--timeframe", "--interval", "-t", metavar="TF", help="Candle interval (default: its own)."
    ),
    data: Path | None = options.data(),
    data_dir: Path | None = options.data_dir(),
    split: str = typer.Option(
        "test",
        "--split",
        help="test, validation or train (of this series' splits), or all (an unseen instrument).",
    ),
    rules: str = typer.Option(
        "confluence,momentum,range,levels", "--rules", help="Rule strategies to compare with ('' for none)."
    ),
    json_out: str | None = options.json_out("the figures"),
    seeds: int = typer.Option(
        1, "--seeds", min=1, max=50, help="Sampled policies: backtest it with this many sampling seeds."
    ),
    threads: int = typer.Option(1, "--threads", min=1, help="Torch threads."),
    trust_rllib: bool = typer.Option(
        False, "--trust-rllib", help="PATH is an RLlib folder you made (loading one unpickles code from it)."
    ),
) -> None:
    """Backtest the policy through the kernel on a split it did not train on, next to buy-and-hold,
    buy-and-hold scaled to the policy's volatility and the rule strategies (same bars, fees and gate)."""
    import dataclasses
    import json

    from rich.console import Console

    from aitrader.backtest.inputs import InputError, build_strategy
    from aitrader.domain.timeframe import format_ms
    from aitrader.rl.checkpoint import CheckpointError
    from aitrader.rl.evaluate import compare, eval_table, row_dict, seen_until
    from aitrader.rl.strategy import load_policy_checkpoint, sampled_strategies

    console = Console(stderr=json_out == "-")  # --json -: the JSON alone on stdout
    _torch_ready(threads, "cpu")
    if not path.exists():
        fail(f"no checkpoint at {path} (train one: aitrader rl train --out DIR)")
    try:
        checkpoint = load_policy_checkpoint(path, trust_rllib)
    except (CheckpointError, ValueError) as exc:
        fail(f"{path}: {exc}")
    meta = checkpoint.meta
    trained_on = str((meta.get("data") or ["BTCUSDT"])[0]).split()
    sym = symbol or (trained_on[0] if trained_on else "BTCUSDT")
    tf = timeframe or str(meta.get("timeframe") or (trained_on[1] if len(trained_on) > 1 else "1h"))
    candles, origin = _candles(sym, tf, data, data_dir)
    from aitrader.rl.series import EnvSeries
    from aitrader.rl.splits import split_series

    trained = seen_until(meta)
    seen = candles.symbol.upper() in trained
    if not seen:
        # another instrument: its own trading rules (fees, shorts, cash), the policy's own sizing
        from aitrader.rl.training import rules_for

        own = checkpoint.env_config
        keep = {
            k: getattr(own, k) for k in ("risk_fraction", "max_position_fraction", "stop_atr", "reward_risk")
        }
        own_rules = rules_for(candles.symbol, float(candles.close[-1]), **keep)
        checkpoint = dataclasses.replace(checkpoint, env_config=own_rules)
    runs = sampled_strategies(checkpoint, candles.timeframe, seeds, "policy")
    strategy = runs[0][1]
    env = strategy.env
    try:
        series = EnvSeries.from_candles(candles, strategy.spec)
        if split == "all":
            from aitrader.rl.splits import BarRange

            window = BarRange("all", series.first_valid, len(series))
        else:
            window = split_series(series).by_name(split)
    except (KeyError, ValueError) as exc:
        fail(f"--split {split}: {exc}")
    first_ms = int(candles.open_time[window.start])
    if seen and first_ms <= trained[candles.symbol.upper()]:
        console.print(
            f"[yellow]not out-of-sample: the policy trained or was selected on {candles.symbol} bars up to "
            f"{format_ms(trained[candles.symbol.upper()])}, and this window starts {format_ms(first_ms)}[/yellow]"
        )
    console.print(
        f"[bold]{meta.get('agent', 'policy')}[/bold] from {path} on {candles.symbol} {candles.timeframe.value} ({origin})"
    )
    console.print(
        f"  {window.describe(candles)}"
        + ("" if seen else "  [yellow](an instrument it never trained on)[/yellow]")
    )
    names = tuple(n.strip() for n in rules.split(",") if n.strip())
    for name in names:  # before the long part: a typo is one line, not a traceback after minutes
        try:
            build_strategy(name, {}, candles.timeframe)
        except InputError as exc:
            fail(f"--rules {name}: {exc}")
    rows = compare(runs, candles, window, env, names)
    title = (
        f"{split} split: the policy against buy-and-hold, vol-targeted buy-and-hold and the rule strategies"
    )
    console.print(eval_table(rows, title))
    if seeds > 1:
        sharpes = [r.metrics.sharpe or 0.0 for r in rows[:seeds]]
        returns = [r.metrics.total_return for r in rows[:seeds]]
        console.print(
            f"over {seeds} sampling seeds: Sharpe mean {sum(sharpes) / seeds:+.2f} "
            f"(min {min(sharpes):+.2f}, max {max(sharpes):+.2f}), return mean {sum(returns) / seeds:+.1%}"
        )
    console.print(
        "[dim]Every contender: the same bars, fees, slippage and risk gate (the policy's training rules).[/dim]"
    )
    if json_out is not None:
        doc = {"checkpoint": str(path), "symbol": candles.symbol, "timeframe": candles.timeframe.value,
               "split": split, "window": window.describe(candles), "rows": [row_dict(r) for r in rows]}  # fmt: skip
        if json_out == "-":
            print(json.dumps(doc, indent=2))
        else:
            target = Path(json_out)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(doc, indent=2), encoding="utf-8")
            except OSError as exc:
                fail(f"--json {target}: cannot write ({exc.strerror}); the figures are printed above")
            console.print(f"figures: {target}")


def register(app: typer.Typer) -> None:
    from aitrader.cli.commands.rl_meta import add_meta_commands

    add_meta_commands(rl_app)
    app.add_typer(rl_app, name="rl")

"""What a person watches while a policy trains: a rich progress bar with the latest update's
figures (episode return, losses, entropy, expert weights) and the validation results as they come."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from aitrader.rl.maml import MetaIterationReport
from aitrader.rl.moe import EXPERTS
from aitrader.rl.ppo import UpdateReport
from aitrader.rl.training import Validation


def _f(x: float, fmt: str = ".3f") -> str:
    return "–" if not math.isfinite(x) else format(x, fmt)


def update_line(r: UpdateReport) -> str:
    gate = [r.extras[f"gate_{k}"] for k in range(4) if f"gate_{k}" in r.extras]
    experts = ""
    if gate:
        experts = "  experts " + " ".join(
            f"{n.split('_')[-1][:5]} {w:.2f}" for n, w in zip(EXPERTS, gate, strict=False)
        )
    return (
        f"update {r.update}  episodes {r.episodes}  return {_f(r.mean_return, '+.2f')}  equity x{_f(r.mean_equity)}  "
        f"policy {_f(r.policy_loss)}  value {_f(r.value_loss)}  entropy {_f(r.entropy)}  kl {_f(r.approx_kl, '.4f')}"
        f"  {r.steps_per_s:,.0f} steps/s{experts}"
    )


@contextmanager
def training_progress(console: Console, total_steps: int, label: str) -> Iterator[TrainingView]:
    """A progress bar with the latest figures below it (wrapped, never cut at narrow widths)."""
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(bar_width=None), TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(), TimeRemainingColumn(), console=console, expand=True,
    )  # fmt: skip
    task = progress.add_task(label, total=total_steps)
    line = Text("collecting the first rollout", style="dim")
    with Live(Group(progress, line), console=console, refresh_per_second=4, transient=False):
        yield TrainingView(console, progress, task, total_steps, line)


class TrainingView:
    def __init__(self, console: Console, progress: Progress, task: TaskID, total: int, line: Text) -> None:
        self.console = console
        self._progress = progress
        self._task = task
        self._total = total
        self._line = line

    def _say(self, text: str) -> None:
        self._line.plain = text

    def update(self, r: UpdateReport) -> None:
        self._progress.update(self._task, completed=min(r.env_steps, self._total))
        self._say(update_line(r))

    def validation(self, v: Validation) -> None:
        self._progress.console.print(
            f"  validation after {v.env_steps:,} steps: Sharpe {v.sharpe:+.2f}, return {v.total_return:+.1%}, "
            f"max drawdown {v.max_drawdown:.1%}, {v.trades} trades"
        )

    def meta(self, r: MetaIterationReport) -> None:
        tasks = ", ".join(f"{t.name} {t.pre_return:+.2f}->{t.post_return:+.2f}" for t in r.tasks)
        self._progress.update(self._task, completed=min(r.iteration, self._total))
        self._say(
            f"meta-loss {r.meta_loss:.4f}  return before {r.pre_return:+.3f} after {r.post_return:+.3f} "
            f"adaptation  ({tasks})",
        )


def validations_table(rows: list[Validation], best_sharpe: float) -> Table:
    table = Table(title="Validation backtests (the kernel, validation split)", title_justify="left")
    for col in ("update", "env steps", "Sharpe", "return", "max DD", "trades"):
        table.add_column(col, justify="right")
    for v in rows:
        mark = " [green]best[/green]" if v.sharpe == best_sharpe else ""
        table.add_row(
            str(v.update), f"{v.env_steps:,}", f"{v.sharpe:+.2f}{mark}", f"{v.total_return:+.1%}",
            f"{v.max_drawdown:.1%}", str(v.trades),
        )  # fmt: skip
    return table

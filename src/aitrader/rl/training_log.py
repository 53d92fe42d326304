"""What training writes while it runs: TensorBoard event files (`tensorboard --logdir OUT/tb`) and
the same scalars as JSON lines (`OUT/train_log.jsonl`), one record per update, readable without
TensorBoard. Both are flushed at every update, so a run killed part-way leaves its history."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from aitrader.optimize.jsonable import number


class TrainingLog:
    def __init__(self, out_dir: Path, tensorboard: bool = True) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / "train_log.jsonl"
        self._fh = self.path.open("w", encoding="utf-8")  # one run per folder: a reused --out starts over
        self._writer: Any = None
        if tensorboard:
            try:
                from torch.utils.tensorboard import SummaryWriter
            except ImportError:  # the tensorboard package is in the `rl` extra; JSON lines still work
                self._writer = None
            else:
                self._writer = SummaryWriter(log_dir=str(out_dir / "tb"))

    @property
    def tensorboard_dir(self) -> Path | None:
        return None if self._writer is None else Path(self._writer.log_dir)

    def record(self, step: int, scalars: Mapping[str, float | int | None], **context: Any) -> None:
        """Scalars at env step `step` (None and non-finite values are left out of TensorBoard)."""
        clean = {k: None if v is None else number(float(v)) for k, v in scalars.items()}  # JSON: NaN as null
        self._fh.write(json.dumps({"step": int(step), **context, **clean}, default=str) + "\n")
        self._fh.flush()
        if self._writer is not None:
            for tag, value in clean.items():
                if value is not None:
                    self._writer.add_scalar(tag, value, step)
            self._writer.flush()

    def close(self) -> None:
        self._fh.close()
        if self._writer is not None:
            self._writer.close()

    def __enter__(self) -> TrainingLog:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

"""Where trials run: in this process, or in `--jobs` worker processes over shared-memory candles.

The candle columns are copied once into `multiprocessing.shared_memory` blocks; each worker maps
them (no copy, no pickling of a million-bar series per trial) and keeps one `Evaluator`, whose
indicator cache then serves every trial the worker runs. A trial travels as (params, window) and
comes back as a `TrialOutcome` of a few kilobytes.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.shared_memory import SharedMemory
from typing import Any, Protocol

import numpy as np

from aitrader.domain.candles import Candles
from aitrader.optimize.evaluate import Evaluator, TrialOutcome, TrialSetup, Window

_COLUMNS = ("open_time", "open", "high", "low", "close", "volume")


class TrialRunner(Protocol):
    """Runs trials and hands each outcome to a callback; `jobs` trials can be in flight at once."""

    jobs: int

    def submit(
        self, params: Mapping[str, Any], window: Window, done: Callable[[TrialOutcome], None]
    ) -> None: ...

    def wait_one(self) -> None:
        """Block until at least one submitted trial has called its callback."""
        ...

    def close(self) -> None: ...


class LocalRunner:
    """Trials one after another in this process (`--jobs 1`)."""

    def __init__(self, setup: TrialSetup, candles: Candles) -> None:
        self.jobs = 1
        self.evaluator = Evaluator(setup, candles)
        self._pending: list[tuple[Mapping[str, Any], Window, Callable[[TrialOutcome], None]]] = []

    def submit(self, params: Mapping[str, Any], window: Window, done: Callable[[TrialOutcome], None]) -> None:
        self._pending.append((params, window, done))

    def wait_one(self) -> None:
        if self._pending:
            params, window, done = self._pending.pop(0)
            done(self.evaluator.run(params, window))

    def close(self) -> None:
        self._pending.clear()


class SharedCandles:
    """Candle columns in shared memory: `spec` tells a worker how to map them back."""

    def __init__(self, candles: Candles) -> None:
        self.blocks: list[SharedMemory] = []
        columns: dict[str, tuple[str, str, int]] = {}
        try:
            for name in _COLUMNS:
                arr = np.ascontiguousarray(getattr(candles, name))
                block = SharedMemory(create=True, size=max(arr.nbytes, 1))
                self.blocks.append(block)
                np.ndarray(arr.shape, arr.dtype, buffer=block.buf)[:] = arr
                columns[name] = (block.name, arr.dtype.str, len(arr))
        except BaseException:  # e.g. a small /dev/shm: free what was made, then say so
            self.close()
            raise
        self.spec = (columns, candles.symbol, candles.timeframe.value)

    def close(self) -> None:
        for block in self.blocks:
            block.close()
            block.unlink()
        self.blocks.clear()


def attach(spec: tuple[dict[str, tuple[str, str, int]], str, str]) -> tuple[Candles, list[SharedMemory]]:
    """The candles a `SharedCandles.spec` describes, as views of the shared blocks (no copy)."""

    columns, symbol, timeframe = spec
    blocks, arrays = [], {}
    for name, (block_name, dtype, n) in columns.items():
        # workers share the parent's resource tracker: the parent's unlink is the only one
        block = SharedMemory(name=block_name)
        blocks.append(block)
        arr = np.ndarray((n,), np.dtype(dtype), buffer=block.buf)
        arr.flags.writeable = False
        arrays[name] = arr
    return candles_of(arrays, symbol, timeframe), blocks


def candles_of(arrays: Mapping[str, Any], symbol: str, timeframe: str) -> Candles:
    """Candles over column arrays sent to a worker (shared memory here, Ray's object store there)."""
    from aitrader.domain.timeframe import Timeframe

    a = arrays
    tf = Timeframe.parse(timeframe)
    return Candles(a["open_time"], a["open"], a["high"], a["low"], a["close"], a["volume"], symbol, tf)


_worker: Evaluator | None = None
_worker_blocks: list[SharedMemory] = []


def _init_worker(setup: TrialSetup, spec: tuple[dict[str, tuple[str, str, int]], str, str]) -> None:
    global _worker, _worker_blocks
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    candles, _worker_blocks = attach(spec)
    _worker = Evaluator(setup, candles)


def _run_trial(params: Mapping[str, Any], window: Window) -> TrialOutcome:
    assert _worker is not None, "worker not initialised"
    return _worker.run(params, window)


class ProcessRunner:
    """Trials in `jobs` worker processes that map the candles from shared memory.

    A worker that dies (killed, out of memory) breaks the whole executor: the trials in flight then
    fail, the pool is started again (up to `MAX_RESTARTS` times) and the study goes on.
    """

    MAX_RESTARTS = 3

    def __init__(self, setup: TrialSetup, candles: Candles, jobs: int) -> None:
        self.jobs = jobs
        self.setup = setup
        self.shared = SharedCandles(candles)
        self.restarts = 0
        try:
            self.pool = self._start()
        except BaseException:
            self.shared.close()
            raise
        self._futures: dict[Future[TrialOutcome], Callable[[TrialOutcome], None]] = {}

    def _start(self) -> ProcessPoolExecutor:
        # fork: a worker starts with everything imported (spawn re-imports pandas, TA-Lib and
        # SQLAlchemy: ~3.5 s of CPU per worker, more than a whole small study). The parent's
        # threads (rich's refresh, Optuna) are not used in a worker, which only runs backtests.
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=mp.get_context("fork"),
            initializer=_init_worker,
            initargs=(self.setup, self.shared.spec),
        )

    def submit(self, params: Mapping[str, Any], window: Window, done: Callable[[TrialOutcome], None]) -> None:
        try:
            fut = self.pool.submit(_run_trial, dict(params), window)
        except BrokenProcessPool:
            self._restart()
            fut = self.pool.submit(_run_trial, dict(params), window)
        self._futures[fut] = done

    def wait_one(self) -> None:
        if not self._futures:
            return
        finished, _ = wait(list(self._futures), return_when=FIRST_COMPLETED)
        broken = False
        for fut in finished:
            done = self._futures.pop(fut)
            try:
                outcome = fut.result()
            except Exception as exc:  # a worker that died: the trial fails, the study goes on
                broken = broken or isinstance(exc, BrokenProcessPool)
                outcome = TrialOutcome(error=f"worker failed: {type(exc).__name__}: {exc}")
            done(outcome)
        if broken:
            for fut, done in list(self._futures.items()):  # the rest of that pool's trials died with it
                self._futures.pop(fut)
                done(TrialOutcome(error="worker failed: the process pool broke"))
            self._restart()

    def _restart(self) -> None:
        if self.restarts >= self.MAX_RESTARTS:
            raise RuntimeError(
                f"the worker processes died {self.restarts + 1} times; see the system log (memory?)"
            )
        self.restarts += 1
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def close(self) -> None:
        try:
            self.pool.shutdown(wait=True, cancel_futures=True)
        finally:
            self.shared.close()


def make_runner(setup: TrialSetup, candles: Candles, jobs: int) -> TrialRunner:
    """`jobs` <= 1: in this process; more: a process pool over shared-memory candles."""
    if jobs <= 1:
        return LocalRunner(setup, candles)
    return ProcessRunner(setup, candles, jobs)

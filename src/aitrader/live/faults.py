"""Named crash points for the crash-safety tests: `AITRADER_DIE_AT=<point>` kills the process there.

The process dies with SIGKILL (no cleanup, no flush beyond what was already committed), exactly as
a power cut or an OOM kill would. Points:

- `entry_before_send`: the plan and its entry intent are journaled, the order not yet sent.
- `entry_after_send`: the venue accepted (and filled) the order; we die before recording the ack.
- `entry_after_fill`: the fill is recorded; we die before the protective OCO is sent.
- `commit:N`: right after the N-th order-flow journal commit (plans, orders, fills) of this
  process, whatever it was: the fault matrix walks N over an order's whole life.

The exchange side can kill the process too (the local exchange's admin hooks), e.g. after it
executed a request and before its reply leaves; see benchmarks/fault_matrix.py.
"""

from __future__ import annotations

import os
import signal

ENV = "AITRADER_DIE_AT"
POINTS = ("entry_before_send", "entry_after_send", "entry_after_fill", "commit:N")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def checkpoint(point: str) -> None:
    if os.environ.get(ENV) == point:
        _die()


def after_commit(n: int) -> None:
    """Called by the journal after its `n`-th order-flow commit."""
    wanted = os.environ.get(ENV, "")
    if wanted.startswith("commit:") and wanted == f"commit:{n}":
        _die()

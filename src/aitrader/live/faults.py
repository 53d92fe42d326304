"""Named crash points for the crash-safety tests: `AITRADER_DIE_AT=<point>` kills the process there.

The process dies with SIGKILL (no cleanup, no flush beyond what was already committed), exactly as
a power cut or an OOM kill would. Points on the entry path:

- `entry_before_send`: the intent is journaled, the order not yet sent.
- `entry_after_send`: the venue accepted (and filled) the order; we die before recording the ack.
- `entry_after_fill`: the fill is recorded; we die before the protective OCO is sent.
"""

from __future__ import annotations

import os
import signal

ENV = "AITRADER_DIE_AT"
POINTS = ("entry_before_send", "entry_after_send", "entry_after_fill")


def checkpoint(point: str) -> None:
    if os.environ.get(ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)

"""How long this process has been running: the start-up figure the crash-only promise is judged by
(a restarted bot must have re-protected within seconds of its process starting, imports included)."""

from __future__ import annotations

import os
import time

PROCESS_T0 = time.monotonic()  # when this module was imported (fallback where /proc is missing)


def process_age_s() -> float:
    """Seconds since this process started (Linux /proc; else since this module was imported)."""
    try:
        with open("/proc/self/stat") as f:
            after_name = f.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return uptime - int(after_name[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time in ticks
    except (OSError, ValueError, IndexError):
        return time.monotonic() - PROCESS_T0

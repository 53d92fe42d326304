"""Values as JSON can hold them: what the optimiser stores in a study and writes to its document."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np


def number(v: Any) -> Any:
    """A numpy scalar as a Python one; NaN and infinities as None (JSON has neither)."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def plain(v: Any) -> Any:
    """JSON-safe, recursively: mappings, sequences and arrays as dicts and lists, numbers as
    `number` makes them, enums as their value."""
    if isinstance(v, Mapping):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [plain(x) for x in v]
    if isinstance(v, np.ndarray):
        return [plain(x) for x in v.tolist()]
    if hasattr(v, "value") and not isinstance(v, int | float | str | bool):
        return v.value
    return number(v)

"""The five actions of the PRD and which of them are valid in a given position."""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import numpy.typing as npt


class Action(IntEnum):
    HOLD = 0
    BUY_LONG = 1
    SELL_SHORT = 2
    CLOSE_LONG = 3
    CLOSE_SHORT = 4


N_ACTIONS = len(Action)
ACTION_NAMES = tuple(a.name for a in Action)


def valid_actions(position: npt.NDArray[np.int8], allows_short: bool) -> npt.NDArray[np.bool_]:
    """(n, 5) mask of the actions that mean something for each position sign (-1, 0, +1).

    HOLD is always valid; BUY_LONG and SELL_SHORT only when flat (SELL_SHORT only where the
    instrument may be shorted); CLOSE_LONG only when long, CLOSE_SHORT only when short."""
    pos = np.asarray(position)
    mask = np.zeros((len(pos), N_ACTIONS), dtype=np.bool_)
    mask[:, Action.HOLD] = True
    mask[:, Action.BUY_LONG] = pos == 0
    mask[:, Action.SELL_SHORT] = (pos == 0) & allows_short
    mask[:, Action.CLOSE_LONG] = pos > 0
    mask[:, Action.CLOSE_SHORT] = pos < 0
    return mask

"""aitrader: one kernel for backtest, paper and live trading, behind one deterministic risk gate.

For your own strategy and notebooks: `from aitrader import Backtest, UserStrategy, param`.
They are imported on first use, so `import aitrader` (and a one-shot `aitrader chat`) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from aitrader.backtest.notebook import Backtest, Stats
    from aitrader.strategies.user import Bar, UserStrategy
    from aitrader.strategies.user_params import param

_LAZY = {
    "Backtest": "aitrader.backtest.notebook",
    "Stats": "aitrader.backtest.notebook",
    "UserStrategy": "aitrader.strategies.user",
    "Bar": "aitrader.strategies.user",
    "param": "aitrader.strategies.user_params",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aitrader' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["Backtest", "Bar", "Stats", "UserStrategy", "__version__", "param"]

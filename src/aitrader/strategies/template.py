"""The file `aitrader new-strategy NAME` writes: a working, documented starting point."""

from __future__ import annotations

import keyword
import re

TEMPLATE = '''"""{title}: buy pullbacks in an uptrend (your own strategy; edit freely).

Try it:
    aitrader backtest --strategy {file}                       # the sample BTCUSDT 1m data
    aitrader backtest --strategy {file} --timeframe 1h --param rsi_buy=35 --report report.html
    aitrader trade --paper --strategy {file}                  # live prices, simulated fills
    aitrader optimize --strategy {file} --timeframe 1h        # searches the param() ranges

In a notebook:
    from aitrader import Backtest
    from {module} import {cls}
    stats = Backtest("BTCUSDT", {cls}, cash=10_000).run()
"""

import talib

from aitrader import UserStrategy, param


class {cls}(UserStrategy):
    """Long when the trend is up (fast EMA above slow) and RSI dips; ATR stop, target at `reward` R."""

    # Parameters: `--param NAME=VALUE`, aitrader.toml's [strategies.{name}] table and `optimize`
    # read them. param(default, low, high) also gives the range the optimiser searches.
    ema_fast: int = param(20, 5, 100)
    ema_slow: int = param(100, 20, 400)
    rsi_buy: float = param(30.0, 10.0, 50.0, help="enter when RSI(14) falls below this")
    stop_atr: float = param(2.0, 0.5, 5.0, help="stop this many ATRs below the entry")
    reward: float = param(2.0, 0.5, 6.0, help="target at this multiple of the risk")

    def indicators(self, c):
        """Computed once over the whole history (vectorised). Each value may use its bar and
        earlier ones only: TA-Lib, numpy and pandas rolling windows all are."""
        return {{
            "ema_fast": talib.EMA(c.close, self.ema_fast),
            "ema_slow": talib.EMA(c.close, self.ema_slow),
            "rsi": talib.RSI(c.close, 14),
            "atr": talib.ATR(c.high, c.low, c.close, 14),
        }}

    def next(self, bar):
        """Called on every closed bar. Return self.buy(...), self.exit(...), or None.
        bar["rsi"] is this bar's value, bar["rsi", 1] the previous bar's; bar.position is the
        open position (None when flat). The risk gate sizes every entry: no quantity here."""
        uptrend = bar["ema_fast"] > bar["ema_slow"]
        if bar.is_flat and uptrend and bar.crossed_below("rsi", self.rsi_buy):
            stop = bar.close - self.stop_atr * bar["atr"]
            target = bar.close + self.reward * (bar.close - stop)
            return self.buy(stop=stop, target=target, reason=f"RSI {{bar['rsi']:.0f}} dip in an uptrend")
        if bar.is_long and bar.crossed_below("ema_fast", "ema_slow"):
            return self.exit("the trend turned down")
        return None
'''


def class_name(name: str) -> str:
    """'rsi dip' / 'rsi_dip' / 'RsiDip' -> 'RsiDip'."""
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name))
    cls = "".join(w[:1].upper() + w[1:].lower() for w in words)
    if not cls or cls[0].isdigit() or keyword.iskeyword(cls):
        raise ValueError(f"{name!r} does not make a class name: use letters, digits and _ (e.g. rsi_dip)")
    return cls


def module_name(name: str) -> str:
    """'RsiDip' / 'rsi dip' -> 'rsi_dip'."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", class_name(name)).lower()


def render(name: str) -> tuple[str, str]:
    """(file name, source) of a new strategy called `name`."""
    cls, module = class_name(name), module_name(name)
    title = " ".join(w.capitalize() for w in module.split("_"))
    return f"{module}.py", TEMPLATE.format(
        title=title, file=f"{module}.py", module=module, cls=cls, name=module
    )


__all__ = ["TEMPLATE", "class_name", "module_name", "render"]

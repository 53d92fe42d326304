"""The kernel: wires feed → features → strategy → risk gate → order manager → broker → portfolio → journal.

- `kernel.Kernel`: the loop. Backtest: `load(candles)` then `run()` (jumps over quiet bars) or
  `run(every_bar=True)`. Live / paper: `push(candle)` for each closed candle (features over a
  trailing window of `window` bars) — the same `on_bar`, gate, order manager and portfolio.
- `bus.EventBus`: synchronous publish/subscribe with a bounded history (`recent()`).
  Events (`events.py`): VerdictGiven (proposal + plan or rejection), OrderSubmitted, OrderEvent
  (cancelled / expired / rejected), FillEvent (with the order's role), PositionClosed (TradeRecord).
- `journaling.JournalRecorder(bus, journal, run_id)`: writes every event to the SQLite journal.
- `account.AccountTracker`: the `AccountState` the gate sees (start-of-day equity and losing
  streak computed exactly from the portfolio's history, so jumping never changes a verdict).
- `clock`: `SimClock` (set to each bar's close time by the kernel) and `WallClock`.

A live runner builds `Kernel(strategy, RiskGate(config), exchange_broker, instrument, cash)`, where
the exchange broker implements `aitrader.execution.broker.Broker` (fills arrive through the
listener it is given; its `on_bar` may do nothing), attaches a `JournalRecorder` with
`Journal(path, batch=1)`, and calls `kernel.push(candle)` for every closed candle.
"""

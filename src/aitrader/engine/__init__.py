"""The kernel: wires feed → features → strategy → risk gate → order manager → broker → portfolio → journal.

- `kernel.Kernel`: the loop, built by every mode. Backtest: `load(candles)` then `run()` (jumps
  over quiet bars) or `run(every_bar=True)`. Live / paper: `warm(history)` then `push(candle)` for
  each closed candle (the strategy's feature stream advances by one candle; its values equal the
  batch features over the whole history) — the same `on_bar`, gate, order manager and portfolio.
- The kernel's `OrderManager` (`execution.order_manager`) decides every order in every mode; the
  broker is the mode's one difference: `SimBroker` (backtests under `FillModel.NEXT_OPEN` or
  `LIVE`, paper under `LIVE`), or live `live.venue_broker.VenueBroker`, a `DurableBroker` that
  journals each order's intent, carries it out crash-only and reports the venue's fills and ended
  orders back (and reconciles the venue's truth into the order manager, which live start-up builds
  first and passes as `orders=`). Live, the gate reads the venue's account (`account=`) and the
  strategy the venue's positions (`book=`); `adopt` takes over a position found at start.
- `bus.EventBus`: synchronous publish/subscribe with a bounded history (`recent()`).
  Events (`events.py`): VerdictGiven (proposal + plan or rejection), OrderSubmitted, OrderEvent
  (cancelled / expired / rejected), FillEvent (with the order's role), PositionClosed (TradeRecord),
  DecisionMissed (a slow decider's deadline passed).
- `journaling.JournalRecorder(bus, journal, run_id)`: writes every event to the journal (SQLite,
  or PostgreSQL by URL), in every mode.
- `deadline`: `WithDeadline` (a decision step with a deadline for slow deciders) and
  `RecordedAnswers` (a run's answers fed back into a backtest or a replay).
- `account.AccountTracker`: the `AccountState` the gate sees in a backtest and on paper (start-of-day
  equity and losing streak computed exactly from the portfolio's history, so jumping never changes
  a verdict).
- `clock`: `SimClock` (set to each bar's close time by the kernel) and `WallClock`.

`backtest.engine.build_kernel`, `live.kernel_build.paper_kernel` and `live.kernel_build.live_kernel`
are the three places a kernel is built; `backtest.replay` rebuilds a recorded session's.
"""

"""A paper portfolio run without a venue, for the API tests: one kernel with a lane per symbol (the
shipped BTC/ETH/SOL 1m samples, confluence on each, a simulator per symbol, a gate with a tight
correlation limit), fed one open time at a time through `Kernel.push_round` as live feeds it, with
the run's parts the in-process API follows: the run state (`live.view_lines.show_paper_portfolio`),
the run record (`live.run_record.RunRecord`: the journal, candles of other symbols as events), the
kernel's journal recorder, and one telemetry record per symbol and round (`LoopTap` then publishes
the candle and what the bus said during the round)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.backtest.engine import BacktestConfig, default_instrument, sim_broker
from aitrader.backtest.inputs import build_strategy
from aitrader.domain import Candles, Timeframe
from aitrader.engine.journaling import JournalRecorder
from aitrader.engine.kernel import Kernel
from aitrader.live.account_book import AccountBook
from aitrader.live.config import RunConfig
from aitrader.live.journal import LiveJournal
from aitrader.live.run_record import RunRecord
from aitrader.live.state import LiveState
from aitrader.live.telemetry import LoopRecord, TelemetryWriter
from aitrader.live.view_lines import show_paper_portfolio
from portfolio_rejections import SYMBOLS, aligned, tight_gate

RUN_ID = "paper-portfolio-api"
BARS = 8_000


@dataclass
class PaperPortfolioRunner:
    """What `InProcessSource` reads of a `LiveRunner`, for a paper portfolio run driven by hand."""

    cfg: RunConfig
    state: LiveState
    record: RunRecord
    telemetry: TelemetryWriter = field(default_factory=lambda: TelemetryWriter(None, None))
    account: AccountBook = field(default_factory=AccountBook)
    om: None = None
    loops_done: int = 0
    on_kernel: Callable[[Kernel], None] | None = None
    journal: LiveJournal | None = None  # the operator's events (`api.control`)
    kernel: Kernel | None = None


class PortfolioRig:
    def __init__(self, tmp: Path, bars: int = BARS) -> None:
        self.candles: dict[str, Candles] = aligned(bars)
        cfg = RunConfig(symbols=SYMBOLS, paper=True, venue_name="paper", journal_path=tmp / "journal.sqlite",
                        telemetry_path=None)  # fmt: skip
        state = LiveState(cfg.symbol, "1m", "paper", "paper", symbols=SYMBOLS)
        state.start_equity = state.equity = Decimal(10_000)
        record = RunRecord(cfg.journal_path, RUN_ID, SYMBOLS)
        self.runner = PaperPortfolioRunner(cfg, state, record, journal=LiveJournal(cfg.journal_path))
        strategies = {s: build_strategy("confluence", {}, Timeframe.M1) for s in SYMBOLS}
        self.warmup = strategies[SYMBOLS[0]].warmup

        def parts(s: str) -> tuple[Any, ...]:
            c = self.candles[s]
            return strategies[s], sim_broker(c, BacktestConfig()), default_instrument(s, float(c.close[0]))

        strategy, broker, instrument = parts(SYMBOLS[0])
        self.kernel = Kernel(strategy, tight_gate(), broker, instrument, 10_000.0)
        for s in SYMBOLS[1:]:
            self.kernel.add_lane(*parts(s))
        self.next = self.warmup  # the next bar to push

    def start(self) -> None:
        """The run starts: its record, the kernel announced (the API subscribes), the warm-up."""
        record = self.runner.record
        record.start("paper", "confluence", ",".join(SYMBOLS), "1m", 10_000.0, {"symbols": list(SYMBOLS)})
        JournalRecorder(self.kernel.bus, record.journal, record.run_id)
        self.runner.kernel = self.kernel
        if self.runner.on_kernel is not None:
            self.runner.on_kernel(self.kernel)
        for s in SYMBOLS:
            history = self.candles[s].slice(0, self.warmup)
            self.kernel.warm(history)
            record.candles([history.row(i) for i in range(len(history))], "warm", symbol=s)
        record.flush()

    def round(self) -> None:
        """One open time: every symbol's closed candle decided, recorded and told to the API."""
        i, st = self.next, self.runner.state
        self.next += 1
        st.candles_seen += 1  # the loop is under way: the API holds what the bus says
        got = {s: self.candles[s].row(i) for s in SYMBOLS}
        self.kernel.push_round(got)
        show_paper_portfolio(st, self.kernel, {s: Decimal(str(c.close)) for s, c in got.items()})
        for s, c in got.items():
            self.runner.record.candles([c], "live", decided=True, received_ms=c.open_time, symbol=s)
        self.runner.record.flush()
        for s, c in got.items():
            candle = {"open_time": c.open_time, "open": c.open, "high": c.high, "low": c.low, "close": c.close,
                      "volume": c.volume}  # fmt: skip
            self.runner.telemetry.write(LoopRecord(c.open_time, s, "1m", "paper", candle))
        self.runner.loops_done = st.candles_seen

    @property
    def more(self) -> bool:
        """Whether a bar is left to push."""
        return self.next < min(len(c) for c in self.candles.values())

    def run_until(self, done: Callable[[], bool], most: int) -> int:
        """Rounds until `done()` (at most `most`); the rounds pushed."""
        n = 0
        while n < most and self.more and not done():
            self.round()
            n += 1
        return n

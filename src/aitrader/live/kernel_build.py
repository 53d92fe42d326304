"""The kernel of a live or paper run: the same `engine.Kernel` a backtest builds, with the broker,
account and positions of the mode.

- paper: `SimBroker` under the live fill model (market at the last price, a buy's fee in the base
  asset, the replayed intrabar path) driven by the kernel's own order manager; the account is the
  simulated one (`--paper-balance`, 10,000 USDT by default). A paper run fills exactly as a
  backtest with `--fill-model live` on the same candles.
- live: `VenueBroker`, which hands approved plans to the crash-only live order manager and reports
  the venue's fills back; the gate reads the venue's balances, the strategy the positions the live
  order manager holds (journal reconciled with the exchange); a position found at start is adopted.
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Instrument
from aitrader.engine.bus import EventBus
from aitrader.engine.kernel import Kernel
from aitrader.execution.fees import PercentFee
from aitrader.execution.fill_model import FillModel
from aitrader.execution.sim_broker import SimBroker
from aitrader.live.account_book import AccountBook
from aitrader.live.config import RunConfig
from aitrader.live.dispatch import Dispatcher
from aitrader.live.journal import LiveJournal
from aitrader.live.order_manager import LiveOrderManager
from aitrader.live.venue_broker import VenueAccount, VenueBook, VenueBroker
from aitrader.live.verdicts import to_position
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.base import Strategy

PAPER_FEE = 0.001  # Binance's default spot commission, maker and taker


def _window(cfg: RunConfig, strategy: Strategy) -> int:
    return cfg.window or strategy.warmup + 1000


def paper_kernel(cfg: RunConfig, strategy: Strategy, inst: Instrument) -> Kernel:
    broker = SimBroker(
        fees=PercentFee(PAPER_FEE, PAPER_FEE),
        fill_model=FillModel.LIVE,
        interval_ms=cfg.interval.duration_ms,
    )
    cash = float(cfg.paper_balances.get(inst.quote_asset, Decimal(0)))
    gate = RiskGate(RiskConfig(risk_fraction=cfg.risk_fraction))
    return Kernel(
        strategy, gate, broker, inst, cash, bus=EventBus(history=0), taker_fee=PAPER_FEE,
        maker_fee=PAPER_FEE, window=_window(cfg, strategy),
    )  # fmt: skip


def live_kernel(
    cfg: RunConfig,
    strategy: Strategy,
    inst: Instrument,
    om: LiveOrderManager,
    dispatch: Dispatcher,
    account: AccountBook,
    journal: LiveJournal,
) -> tuple[Kernel, VenueBroker]:
    bus = EventBus(history=0)
    broker = VenueBroker(dispatch, om, bus, inst)
    book = VenueBook(om, cfg.symbol)
    source = VenueAccount(account, journal, book, inst, broker)
    quote = sum(account.balances.get(inst.quote_asset, (Decimal(0), Decimal(0))), Decimal(0))
    gate = RiskGate(RiskConfig(risk_fraction=cfg.risk_fraction))
    kernel = Kernel(
        strategy, gate, broker, inst, float(quote), bus=bus, window=_window(cfg, strategy),
        account=source, book=book,
    )  # fmt: skip
    row = om.position(cfg.symbol)
    if row is not None and row.qty > 0:
        kernel.adopt(to_position(row))
    return kernel, broker

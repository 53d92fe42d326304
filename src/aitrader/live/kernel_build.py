"""The kernel of a live or paper run: the same `engine.Kernel` a backtest builds, with the broker,
account and positions of the mode.

- paper: `SimBroker` under the live fill model (market at the last price, a buy's fee in the base
  asset, the replayed intrabar path) driven by the kernel's own order manager; the account is the
  simulated one (`--paper-balance`, 10,000 USDT by default). A paper run fills exactly as a
  backtest with `--fill-model live` on the same candles.
- live: `VenueBroker`, which carries out each order the kernel's order manager decides crash-only
  on the venue and reports the venue's fills back; the order manager is the one start-up built
  (and reconciled the journal and the venue into) before the kernel. The gate reads the venue's
  balances, the strategy the journal's positions (reconciled with the exchange); a position found
  at start is adopted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aitrader.domain import Instrument
from aitrader.engine.bus import EventBus
from aitrader.engine.kernel import Kernel
from aitrader.execution.fees import PercentFee
from aitrader.execution.fill_model import FillModel
from aitrader.execution.order_manager import OrderManager
from aitrader.execution.sim_broker import SimBroker
from aitrader.live.account_book import AccountBook
from aitrader.live.config import RunConfig
from aitrader.live.journal import LiveJournal
from aitrader.live.venue_broker import VenueAccount, VenueBook, VenueBroker
from aitrader.live.verdicts import to_position
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.base import Strategy, history_needed

PAPER_FEE = 0.001  # Binance's default spot commission, maker and taker


def _window(cfg: RunConfig, strategy: Strategy) -> int:
    return cfg.window or max(strategy.warmup + 1000, history_needed(strategy))


def with_deadline(cfg: RunConfig, strategy: Strategy, bus: EventBus) -> Strategy:
    """The strategy behind the decision deadline, if the run has one (misses go on the bus)."""
    if cfg.decision_deadline_s is None:
        return strategy
    from aitrader.engine.deadline import WithDeadline

    return WithDeadline(strategy, cfg.decision_deadline_s, on_miss=bus.publish)


def paper_kernel(cfg: RunConfig, strategy: Strategy, inst: Instrument) -> Kernel:
    broker = SimBroker(
        fees=PercentFee(PAPER_FEE, PAPER_FEE),
        fill_model=FillModel.LIVE,
        interval_ms=cfg.interval.duration_ms,
    )
    cash = float(cfg.paper_balances.get(inst.quote_asset, Decimal(0)))
    gate = RiskGate(RiskConfig(risk_fraction=cfg.risk_fraction, slippage=cfg.slippage_bps / 10_000.0))
    bus = EventBus(history=0)
    return Kernel(
        with_deadline(cfg, strategy, bus), gate, broker, inst, cash, bus=bus, taker_fee=PAPER_FEE,
        maker_fee=PAPER_FEE, window=_window(cfg, strategy),
    )  # fmt: skip


def live_kernel(
    cfg: RunConfig,
    strategy: Strategy,
    inst: Instrument,
    om: OrderManager,
    broker: VenueBroker,
    account: AccountBook,
    journal: LiveJournal,
) -> Kernel:
    bus = EventBus(history=0)
    book = VenueBook(broker.orders, cfg.symbol)
    source = VenueAccount(account, journal, book, inst, broker)
    quote = sum(account.balances.get(inst.quote_asset, (Decimal(0), Decimal(0))), Decimal(0))
    gate = RiskGate(RiskConfig(risk_fraction=cfg.risk_fraction, slippage=cfg.slippage_bps / 10_000.0))
    kernel = Kernel(
        with_deadline(cfg, strategy, bus), gate, broker, inst, float(quote), bus=bus,
        window=_window(cfg, strategy), account=source, book=book, orders=om,
    )  # fmt: skip
    row = broker.orders.position(cfg.symbol)
    held = row.qty if row is not None and row.qty > 0 else Decimal(0)
    if row is not None and held > 0:
        kernel.adopt(to_position(row))
    base = sum(account.balances.get(inst.base_asset, (Decimal(0), Decimal(0))), Decimal(0))
    if base > held:  # coins the account holds outside the bot's position: equity, never sold by it
        kernel.portfolio.hold_outside(cfg.symbol, float(base - held))
    return kernel


def session_params(cfg: RunConfig, kernel: Kernel, fees: tuple[Decimal, Decimal] | None) -> dict[str, Any]:
    """What `aitrader replay` needs to run the session again: the settings, the venue's trading
    rules and fee rates, and the account at start (quote, base outside the position, the position)."""
    p = kernel.portfolio
    pos = p.get(cfg.symbol)
    maker, taker = fees if fees is not None else (Decimal(str(PAPER_FEE)), Decimal(str(PAPER_FEE)))
    return {
        "venue": cfg.venue_name, "rest_url": cfg.rest_url, "risk_fraction": cfg.risk_fraction,
        "slippage_bps": cfg.slippage_bps,
        "strategy_params": dict(cfg.strategy_params), "window": kernel.window,
        "decision_deadline_s": cfg.decision_deadline_s,
        "instrument": dict(kernel.instrument.raw), "maker_fee": str(maker), "taker_fee": str(taker),
        "start_quote": p.cash, "start_base_outside": p.dust(cfg.symbol),
        "start_position": None if pos is None else {
            "symbol": pos.symbol, "side": pos.side.value, "qty": str(pos.qty), "entry_price": str(pos.entry_price),
            "stop": str(pos.stop), "targets": [[str(t.price), str(t.qty)] for t in pos.targets],
            "plan_id": pos.plan_id, "plan_version": pos.plan_version, "opened_ms": pos.opened_ms,
        },
    }  # fmt: skip

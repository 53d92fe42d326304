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

Several symbols (`--symbols`): one lane per symbol (`Kernel.add_lane`, decision order = the run's
order), each with its own strategy instance, instrument and broker (paper: a `SimBroker` each;
live: that symbol's `VenueBroker` and order manager); one account, one gate (the run's `[risk]`
limits, `RunConfig.risk_limits`), one bus.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from aitrader.domain import Instrument
from aitrader.engine.bus import EventBus
from aitrader.engine.kernel import Kernel
from aitrader.execution.fees import PercentFee
from aitrader.execution.fill_model import FillModel
from aitrader.execution.sim_broker import SimBroker
from aitrader.live.account_book import AccountBook
from aitrader.live.config import RunConfig
from aitrader.live.journal import LiveJournal
from aitrader.live.live_orders import LiveOrders
from aitrader.live.venue_book import VenueAccount, VenueBook
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


def risk_config(cfg: RunConfig) -> RiskConfig:
    """The gate's limits: the run's settings (aitrader.toml [risk], env: the portfolio limits),
    with the run's own risk fraction and slippage."""
    return RiskConfig(
        **{**cfg.risk_limits, "risk_fraction": cfg.risk_fraction, "slippage": cfg.slippage_bps / 10_000.0}
    )


def _sim_broker(cfg: RunConfig) -> SimBroker:
    return SimBroker(
        fees=PercentFee(PAPER_FEE, PAPER_FEE),
        fill_model=FillModel.LIVE,
        interval_ms=cfg.interval.duration_ms,
    )


def paper_kernel(
    cfg: RunConfig, strategy: Strategy, inst: Instrument, more: Sequence[tuple[Strategy, Instrument]] = ()
) -> Kernel:
    """`more`: the other symbols of a portfolio run (their strategy and instrument), each on its
    own simulator, in decision order after the first."""
    cash = float(cfg.paper_balances.get(inst.quote_asset, Decimal(0)))
    gate = RiskGate(risk_config(cfg))
    bus = EventBus(history=0)
    kernel = Kernel(
        with_deadline(cfg, strategy, bus), gate, _sim_broker(cfg), inst, cash, bus=bus, taker_fee=PAPER_FEE,
        maker_fee=PAPER_FEE, window=_window(cfg, strategy),
    )  # fmt: skip
    for other, other_inst in more:
        kernel.add_lane(with_deadline(cfg, other, bus), _sim_broker(cfg), other_inst)
    return kernel


def live_kernel(
    cfg: RunConfig,
    lanes: Sequence[tuple[Strategy, LiveOrders]],
    account: AccountBook,
    journal: LiveJournal,
    portfolio: bool = False,
) -> Kernel:
    """One lane per symbol (decision order), each over its own venue adapter and order manager
    (start-up built them and reconciled the venue into them); one gate over the venue's account.
    `portfolio`: judged as a portfolio even with one lane (a universe run: symbols may join)."""
    bus = EventBus(history=0)
    wired = {w.broker.instrument.symbol: w for _, w in lanes}
    several = len(lanes) > 1 or portfolio
    pending = {s: w.broker.instrument for s, w in wired.items()} if several else None
    fee = account.fees[1] if account.fees is not None else Decimal(str(PAPER_FEE))
    book = VenueBook({s: w.orders for s, w in wired.items()}, pending, fee)
    source = VenueAccount(account, journal, book, {s: w.broker for s, w in wired.items()})
    strategy, first = lanes[0]
    inst = first.broker.instrument
    quote = sum(account.balances.get(inst.quote_asset, (Decimal(0), Decimal(0))), Decimal(0))
    kernel = Kernel(
        with_deadline(cfg, strategy, bus), RiskGate(risk_config(cfg)), first.broker, inst, float(quote), bus=bus,
        window=_window(cfg, strategy), account=source, book=book, orders=first.om,
    )  # fmt: skip
    for other, w in lanes[1:]:
        kernel.add_lane(with_deadline(cfg, other, bus), w.broker, w.broker.instrument, orders=w.om)
    if several:
        source.marks = kernel.marks
    for w in wired.values():
        _adopt(kernel, w, account)
    return kernel


def _adopt(kernel: Kernel, w: LiveOrders, account: AccountBook) -> None:
    """The symbol's position in the journal (reconciled with the venue) into the kernel, and the
    coins the account holds beyond it as equity the bot never sells."""
    symbol = w.broker.instrument.symbol
    row = w.orders.position(symbol)
    held = row.qty if row is not None and row.qty > 0 else Decimal(0)
    if row is not None and held > 0:
        kernel.adopt(to_position(row))
    base_asset = w.broker.instrument.base_asset
    base = sum(account.balances.get(base_asset, (Decimal(0), Decimal(0))), Decimal(0))
    if base > held:  # coins the account holds outside the bot's position: equity, never sold by it
        kernel.portfolio.hold_outside(symbol, float(base - held))


def add_live_lane(
    kernel: Kernel, cfg: RunConfig, strategy: Strategy, w: LiveOrders, account: AccountBook
) -> None:
    """A symbol that joined a live run: its lane over the venue adapter and order manager built
    (and reconciled) for it, the venue's book and account covering it, its position adopted."""
    symbol, inst = w.broker.instrument.symbol, w.broker.instrument
    kernel.add_lane(with_deadline(cfg, strategy, kernel.bus), w.broker, inst, orders=w.om)
    book, source = kernel.book, kernel.account_source
    if isinstance(book, VenueBook):  # new mappings: nothing iterating the old ones sees them change
        book.orders = {**book.orders, symbol: w.orders}
        book.pending_entries = {**book.pending_entries, symbol: inst}
    if isinstance(source, VenueAccount):
        source.brokers = {**source.brokers, symbol: w.broker}
        source.marks = kernel.marks
    _adopt(kernel, w, account)


def add_paper_lane(kernel: Kernel, cfg: RunConfig, strategy: Strategy, inst: Instrument) -> None:
    """A symbol that joined a paper run: its lane on a simulator of its own."""
    kernel.add_lane(with_deadline(cfg, strategy, kernel.bus), _sim_broker(cfg), inst)


def session_params(cfg: RunConfig, kernel: Kernel, fees: tuple[Decimal, Decimal] | None) -> dict[str, Any]:
    """What `aitrader replay` needs to run the session again: the settings (the gate's `[risk]`
    limits among them), the venue's trading rules and fee rates, and the account at start (quote,
    base outside the position, the position). A portfolio adds every symbol's trading rules, base
    outside its position and adopted position."""
    from aitrader.risk.config import DECISION_RULES

    p = kernel.portfolio
    maker, taker = fees if fees is not None else (Decimal(str(PAPER_FEE)), Decimal(str(PAPER_FEE)))

    def position(symbol: str) -> dict[str, Any] | None:
        pos = p.get(symbol)
        return None if pos is None else {
            "symbol": pos.symbol, "side": pos.side.value, "qty": str(pos.qty), "entry_price": str(pos.entry_price),
            "stop": str(pos.stop), "targets": [[str(t.price), str(t.qty)] for t in pos.targets],
            "plan_id": pos.plan_id, "plan_version": pos.plan_version, "opened_ms": pos.opened_ms,
        }  # fmt: skip

    return {
        "venue": cfg.venue_name, "rest_url": cfg.rest_url, "risk_fraction": cfg.risk_fraction,
        "slippage_bps": cfg.slippage_bps, "risk_limits": dict(cfg.risk_limits),
        "strategy_params": dict(cfg.strategy_params), "window": kernel.window,
        "decision_deadline_s": cfg.decision_deadline_s, "decision_rules": DECISION_RULES,
        "instrument": dict(kernel.instrument.raw), "maker_fee": str(maker), "taker_fee": str(taker),
        **({"symbols": list(cfg.symbols),
            "instruments": {s: dict(kernel.lane(s).instrument.raw) for s in cfg.symbols},
            "start_base_outside_by_symbol": {s: p.dust(s) for s in cfg.symbols},
            "start_positions": {s: row for s in cfg.symbols if (row := position(s)) is not None}}
           if cfg.portfolio else {}),
        "start_quote": p.cash, "start_base_outside": p.dust(cfg.symbol), "start_position": position(cfg.symbol),
    }  # fmt: skip

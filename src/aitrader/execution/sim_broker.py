"""`SimBroker`: a simulated Binance Spot broker over bars, built on the shared matching rules.

Timing: an order submitted at the close of bar i arrives at the open of bar i+1 (a MARKET order
fills there). Resting orders are matched against each bar's high/low with `matching.match_on_bar`;
OCO lists follow Binance (one leg fills or the stop leg triggers → the other leg expires) with the
conservative same-bar ordering of `matching.py` (the stop leg wins). Orders placed while a bar is
being matched (protection sent when an entry fills) rest from that moment and are matched on the
rest of the same bar: the whole bar after a fill at the open, only its adverse side after a fill
inside the bar (see `_after_fill`). With `LowerBars`, each base bar is replayed as its sub-bars.

Taker fills pay slippage (`SlippageModel`), every fill pays a fee (`FeeModel`). No partial fills,
no balance checks (the risk gate checks balances before an order exists). `FillModel.LIVE` (paper
trading) changes three things, see `fill_model`: MARKET at the last price when sent (handed over by
`deliver`), the fee in the asset received, resting orders along the replayed intrabar path.
"""

from __future__ import annotations

import numpy as np

from aitrader.domain.candles import FloatArray
from aitrader.domain.enums import OrderStatus, OrderType, Side
from aitrader.domain.orders import OrderRequest
from aitrader.execution.bar_search import first_bar_reaching
from aitrader.execution.broker import FillListener, UpdateListener
from aitrader.execution.fees import FeeModel, PercentFee
from aitrader.execution.fill_model import FillModel
from aitrader.execution.lower_bars import LowerBars
from aitrader.execution.matching import Bar, Match, match_on_bar, path_of_bar
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate
from aitrader.execution.sim_order import SimOrder
from aitrader.execution.sim_rules import after_fill, arrival_refusal
from aitrader.execution.sim_rules import reaches as _reaches
from aitrader.execution.slippage import FixedBps, SlippageModel

_STOPS = (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT)
_NEW = OrderStatus.NEW
_MARKET = OrderType.MARKET


def _ignore(_: object) -> None:
    return None


class SimBroker:
    """Simulated broker. Call `attach` with the bar arrays to enable `next_event_bar` (jump loop)."""

    def __init__(
        self,
        fees: FeeModel | None = None,
        slippage: SlippageModel | None = None,
        qty_step: float = 1e-8,
        lower: LowerBars | None = None,
        volatility: FloatArray | None = None,
        fill_model: FillModel = FillModel.NEXT_OPEN,
        interval_ms: int = 0,
    ) -> None:
        if fill_model is FillModel.LIVE and (
            interval_ms <= 0 or not isinstance(fees or PercentFee(), PercentFee)
        ):
            raise ValueError("the live fill model needs the bar interval and a percentage fee (Binance's)")
        self.fill_model = fill_model
        self._live_model = fill_model is FillModel.LIVE
        self.interval_ms = interval_ms
        self._immediate: list[SimOrder] = []  # LIVE: market orders sent, filled by `deliver`
        self._close_ms = 0  # LIVE: close time of the last bar (when a market order sent now fills)
        self.fees: FeeModel = fees if fees is not None else PercentFee()
        self.slippage: SlippageModel = slippage if slippage is not None else FixedBps(0.0)
        self.qty_step = qty_step
        self.lower = lower
        self.volatility = volatility
        self._arriving: list[SimOrder] = []
        self._resting: dict[str, SimOrder] = {}
        self._intrabar: list[SimOrder] = []
        self._live: dict[str, SimOrder] = {}  # every order still NEW (arriving, intrabar or resting) by id
        self._lists: dict[str, list[SimOrder]] = {}
        self._matching = False
        self._seq = 0
        self._bar = -1
        self._time = 0
        self._last_price = 0.0
        self._high: FloatArray | None = None
        self._low: FloatArray | None = None
        self._high_view: memoryview = memoryview(b"")
        self._low_view: memoryview = memoryview(b"")
        self._on_fill: FillListener = _ignore
        self._on_update: UpdateListener = _ignore
        self._levels: tuple[float, float] | None = None  # cached trigger levels of the resting orders
        self._last_fill_price = 0.0  # reference price (before slippage) of the latest fill

    # ---- Broker interface ------------------------------------------------------------------------
    def set_listeners(self, on_fill: FillListener, on_update: UpdateListener) -> None:
        self._on_fill = on_fill
        self._on_update = on_update

    def attach(self, high: FloatArray, low: FloatArray) -> None:
        """The bar ranges `next_event_bar` searches (the base timeframe's high and low)."""
        self._high = np.ascontiguousarray(high, dtype=np.float64)
        self._low = np.ascontiguousarray(low, dtype=np.float64)
        self._high_view = self._high.data  # a memoryview: indexing gives Python floats, cheaply
        self._low_view = self._low.data

    def submit(self, request: OrderRequest, intent: Intent) -> str:
        self._seq += 1
        order = SimOrder(f"S{self._seq}", request, intent, "")
        self._live[order.order_id] = order
        # the simulator accepts silently (no NEW update): the caller already knows
        if self._live_model and order.type is _MARKET and not self._matching and self._last_price > 0.0:
            self._immediate.append(order)  # fills at the last price, once the caller has recorded it
        else:
            (self._intrabar if self._matching else self._arriving).append(order)
        self._levels = None
        return order.order_id

    def submit_oco(self, first: OrderRequest, second: OrderRequest, intent: Intent) -> tuple[str, str]:
        self._seq += 1
        list_id = f"L{self._seq}"
        a, b = self._new(first, intent, list_id), self._new(second, intent, list_id)
        if a.type in _STOPS and b.type in _STOPS:
            raise ValueError("an OCO needs at most one STOP_LOSS* leg")
        self._lists[list_id] = [a, b]
        self._live[a.order_id] = a
        self._live[b.order_id] = b
        queue = self._intrabar if self._matching else self._arriving
        queue.append(a)
        queue.append(b)
        self._levels = None
        return a.order_id, b.order_id

    def cancel(self, order_id: str) -> None:
        order = self._live.get(order_id)
        if order is None:  # filled, cancelled, expired or rejected already (or never ours)
            return
        for o in self._lists.pop(order.list_id, [order]) if order.list_id else [order]:
            self._close(o, OrderStatus.CANCELED, "canceled")

    def deliver(self) -> None:
        """LIVE model: fill the market orders just sent at the last price (a venue's answer to the
        request; the order manager calls this once it has announced the submission)."""
        while self._immediate:
            o = self._immediate.pop(0)
            if o.status is _NEW:
                self._time = self._close_ms
                self._fill(o, self._last_price, False)

    def open_orders(self) -> tuple[SimOrder, ...]:
        return tuple(self._live.values())

    def open_order_ids(self) -> tuple[str, ...]:
        return tuple(self._live)  # in the order they were sent

    def on_bar(self, bar: int, time_ms: int, open_: float, high: float, low: float, close: float) -> None:
        self._bar = bar
        if not (self._arriving or self._resting):
            self._last_price = close
            self._close_ms = time_ms + self.interval_ms
            return
        if self._live_model:
            self._match_path(time_ms, Bar(open_, high, low, close))
            return
        lower = self.lower
        if lower is not None:
            lo, hi = lower.range_of(bar)
            if hi > lo:
                c = lower.lower
                for k in range(lo, hi):
                    self._match_bar(
                        int(c.open_time[k]),
                        Bar(float(c.open[k]), float(c.high[k]), float(c.low[k]), float(c.close[k])),
                    )
                self._last_price = close
                return
        self._match_bar(time_ms, Bar(open_, high, low, close))
        self._last_price = close

    def _match_path(self, time_ms: int, bar: Bar[float]) -> None:
        """LIVE model: the bar as the local exchange replays it, from the previous close through
        `path_of_bar`, one monotonic segment at a time."""
        prev = self._last_price or bar.open
        for point in path_of_bar(bar):
            if self._arriving or self._resting:
                self._match_bar(time_ms, Bar(prev, max(prev, point), min(prev, point), point))
            prev = point
        self._last_price = bar.close
        self._close_ms = time_ms + self.interval_ms

    # ---- SkippingBroker --------------------------------------------------------------------------
    def has_arriving(self) -> bool:
        return bool(self._arriving)

    def next_event_bar(self, start: int, stop: int) -> int:
        if not self._resting or start >= stop:
            return stop
        if self._high is None or self._low is None:
            return start
        levels = self._levels
        if levels is None:
            levels = self._levels = self._trigger_levels()
        low_level, high_level = levels
        if low_level == np.inf:  # a resting market order: act now
            return start
        return first_bar_reaching(
            self._high_view, self._low_view, self._high, self._low, start, stop, low_level, high_level
        )

    def _in_reach(self, bar: Bar[float]) -> bool:
        """Whether `bar` reaches the trigger level of some resting order (its open counts, see `_reaches`)."""
        levels = self._levels
        if levels is None:
            levels = self._levels = self._trigger_levels()
        return min(bar.low, bar.open) <= levels[0] or max(bar.high, bar.open) >= levels[1]

    def _trigger_levels(self) -> tuple[float, float]:
        """(max level that fires when low <= it, min level that fires when high >= it)."""
        low_level = -np.inf
        high_level = np.inf
        for o in self._resting.values():
            lv = o.level
            if lv is None:
                return np.inf, np.inf
            if lv[0]:
                low_level = max(low_level, lv[1])
            else:
                high_level = min(high_level, lv[1])
        return low_level, high_level

    # ---- internals -------------------------------------------------------------------------------
    def _new(self, request: OrderRequest, intent: Intent, list_id: str) -> SimOrder:
        self._seq += 1
        return SimOrder(f"S{self._seq}", request, intent, list_id)

    def _match_bar(self, time_ms: int, bar: Bar[float]) -> None:
        self._time = time_ms
        self._matching = True
        try:
            arriving = self._arriving
            # a bar that reaches no resting order's trigger level changes none of them (the same
            # test lets the jump loop skip such bars)
            resting = list(self._resting.values()) if self._resting and self._in_reach(bar) else None
            if arriving:
                self._arriving = []
                self._evaluate(arriving, bar, True)
            if resting:
                self._evaluate(resting, bar, False)
            for _ in range(8):  # protection placed on a fill rests from then on, on the same bar
                if not self._intrabar:
                    break
                fresh, self._intrabar = self._intrabar, []
                markets = [o for o in fresh if o.type is OrderType.MARKET]
                self._arriving.extend(markets)  # a market order sent mid-bar fills at the next open
                rest = [o for o in fresh if o.type is not OrderType.MARKET]
                if not rest:
                    continue
                after = after_fill(bar, rest[0].side, self._last_fill_price)
                if any(_reaches(o, after) for o in rest):
                    self._evaluate(rest, after, arriving=False)
                else:  # what evaluating them would do: they rest
                    for o in rest:
                        self._rest(o)
        finally:
            self._matching = False

    def _evaluate(self, orders: list[SimOrder], bar: Bar[float], arriving: bool) -> None:
        seen_lists: set[str] | None = None
        for o in orders:
            if o.status is not _NEW:
                continue
            if o.type is _MARKET:  # matching.match_on_bar's rule: a market order fills at the open
                self._fill(o, bar.open, False)
                continue
            if o.list_id:
                if seen_lists is None:
                    seen_lists = set()
                elif o.list_id in seen_lists:
                    continue
                seen_lists.add(o.list_id)
                self._evaluate_oco(self._lists.get(o.list_id, [o]), bar, arriving)
                continue
            if arriving and self._rejected_on_arrival(o, bar):
                continue
            m = match_on_bar(o.match, bar, arriving)
            self._apply(o, m, bar)

    def _evaluate_oco(self, legs: list[SimOrder], bar: Bar[float], arriving: bool) -> None:
        if len(legs) == 2 and not arriving:  # the common case: both legs resting
            a, b = legs
            if a.status is _NEW and b.status is _NEW:
                stop_leg, other = (b, a) if b.type in _STOPS and a.type not in _STOPS else (a, b)
                ms = match_on_bar(stop_leg.match, bar, False)
                if ms is None:
                    mo = match_on_bar(other.match, bar, False)
                    if mo is None:
                        self._rest(a)
                        self._rest(b)
                        return
        live = [leg for leg in legs if leg.status is _NEW]
        if arriving and any(self._rejected_on_arrival(leg, bar, quiet=True) for leg in live):
            for leg in live:
                self._close(leg, OrderStatus.REJECTED, "OCO leg would trigger or match immediately")
            self._lists.pop(live[0].list_id, None)
            return
        if len(live) == 1:
            self._apply(live[0], match_on_bar(live[0].match, bar, arriving), bar)
            return
        stop_leg = next((leg for leg in live if leg.type in _STOPS), live[0])
        other = next(leg for leg in live if leg is not stop_leg)
        ms = match_on_bar(stop_leg.match, bar, arriving)
        if ms is not None:  # conservative: the stop leg triggered first
            self._close(other, OrderStatus.EXPIRED, "OCO_TRIGGER")
            self._lists.pop(stop_leg.list_id, None)
            self._apply(stop_leg, ms, bar)
            return
        mo = match_on_bar(other.match, bar, arriving)
        if mo is not None:  # the other leg filled (or, a take-profit-limit, triggered)
            self._close(stop_leg, OrderStatus.EXPIRED, "OCO_TRIGGER")
            self._lists.pop(other.list_id, None)
            self._apply(other, mo, bar)
            return
        for leg in live:
            self._rest(leg)

    def _rejected_on_arrival(self, o: SimOrder, bar: Bar[float], quiet: bool = False) -> bool:
        """Binance refuses a LIMIT_MAKER that would take and a trigger order that would fire at once."""
        reason = arrival_refusal(o, bar)
        if not reason:
            return False
        if not quiet:
            self._close(o, OrderStatus.REJECTED, reason)
        return True

    def _apply(self, o: SimOrder, m: Match[float] | None, bar: Bar[float]) -> None:
        if m is None:
            self._rest(o)
            return
        if not m.filled:
            o.trigger()
            self._levels = None
            self._rest(o)
            return
        assert m.price is not None
        self._fill(o, m.price, m.is_maker)

    def _rest(self, o: SimOrder) -> None:
        if o.status is _NEW and o.order_id not in self._resting:
            self._resting[o.order_id] = o
            self._levels = None

    def _fill(self, o: SimOrder, ref_price: float, is_maker: bool) -> None:
        self._last_fill_price = ref_price
        price = ref_price
        if not is_maker:
            vol = 0.0
            if self.volatility is not None and 0 <= self._bar < len(self.volatility):
                v = float(self.volatility[self._bar])
                vol = v if v == v else 0.0
            price = self.slippage.slipped(ref_price, o.side, vol)
        qty = o.qty
        if qty <= 0.0 and o.quote_qty > 0.0:
            qty = o.quote_qty / price
            if self.qty_step > 0:
                qty = np.floor(qty / self.qty_step + 1e-9) * self.qty_step
        if qty <= 0.0:
            self._close(o, OrderStatus.REJECTED, "quantity rounds to zero (insufficient balance)")
            return
        fee = self.fees.fee(price * qty, is_maker, o.intent is Intent.ENTRY)
        fee_qty = 0.0
        if self._live_model and o.side is Side.BUY:  # Binance takes a buy's commission in the base bought
            fee_qty = round(fee / price, 12)  # the rate times the quantity, without the float noise
            fee = fee_qty * price
        o.status = OrderStatus.FILLED
        del self._live[o.order_id]
        if self._resting.pop(o.order_id, None) is not None:
            self._levels = None
        r = o.request
        self._on_fill(
            ExecutionReport(
                o.order_id, o.client_order_id, r.symbol, o.side, o.type, float(price), float(qty), float(fee),
                is_maker, self._time, self._bar, o.intent, o.list_id, fee_qty,
            )
        )  # fmt: skip

    def _close(self, o: SimOrder, status: OrderStatus, reason: str) -> None:
        if o.status is not _NEW:
            return
        o.status = status
        del self._live[o.order_id]
        if self._resting.pop(o.order_id, None) is not None:
            self._levels = None
        r = o.request
        self._on_update(
            OrderUpdate(
                o.order_id, o.client_order_id, r.symbol, r.side, r.type, status, self._time, self._bar,
                o.qty, o.match.price, o.match.stop_price, o.list_id, reason,
            )
        )  # fmt: skip

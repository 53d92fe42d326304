"""A ranked universe in a live or paper run (`--universe`, aitrader.toml `[universe]`): the symbols
the run trades are chosen at start and again every `refresh` (`universe.fetch.UniverseWatcher`).

- At start (`start`: the venue client is built, nothing is loaded yet) the watcher selects the
  symbols; they become the run's symbols and start-up goes on as for `--symbols`: protection first
  for each.
- The kernel takes entries only on the universe's members (`tradable`: the code `not_in_universe`
  otherwise); exits always go. The members are the watcher's selection less the symbols not traded
  yet: a symbol that left stops at once, one that joins takes entries once it is followed.
- At each refresh (`on_change`): a symbol that left takes no more entries; its lane stays, and its
  position, if any, is managed to its exit by its protection and its strategy's exits. A symbol that
  comes back takes entries again. A symbol that joined and is not traded yet is added while the run
  goes, crash-only, in this order (`_join`): its trading rules; live, its journal state reconciled
  with the venue and its position re-protected (start-up's per-symbol path) and the protection
  guard covering it; then its history (nothing of it is loaded before it is protected); its lane
  (live: the venue's book and account covering it, its position adopted), warm-up, desk and view
  row; the round grouper expecting it; and last the market stream following it from its last
  warm-up candle (the stream reconnects with every symbol; its gap backfill loses nothing).
- A symbol that cannot join is said in one line (which step failed and why) and stays out; the
  callback then raises, so the watcher keeps its old selection and reports the symbol again at the
  next refresh. The run goes on.

Every change is said in the view's events and recorded: `universe_*` events in the live journal,
`universe` events in the run record.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from aitrader.domain import Instrument
from aitrader.live.config import common_quote, fetch_instrument, quote_asset
from aitrader.live.desks import SymbolDesk, warm_desk
from aitrader.live.journal import now_ms
from aitrader.live.live_orders import LiveOrders, live_orders
from aitrader.live.reconcile import check_rest, protect_symbols
from aitrader.universe.fetch import UniverseWatcher

if TYPE_CHECKING:
    from aitrader.live.runner import LiveRunner
    from aitrader.universe.rank import Selection


class UniverseJoinError(RuntimeError):
    """Symbols that could not join the run (one line each); the watcher tries them again."""


class UniverseLanes:
    """The universe of one `LiveRunner` (see the module docstring)."""

    def __init__(self, runner: LiveRunner) -> None:
        rule = runner.cfg.universe
        if rule is None:
            raise ValueError("UniverseLanes needs a run with a universe rule")
        self.runner = runner
        self.rule = rule
        self.candidates = runner.cfg.universe_candidates
        self.watcher = UniverseWatcher(
            runner.public, rule, self.on_change, candidates=self.candidates or None
        )
        self.members: tuple[str, ...] = ()  # the symbols that take entries now
        self.ready = asyncio.Event()  # set once the round loop follows the stream: symbols may join
        self._wired: dict[
            str, LiveOrders
        ] = {}  # live: order handling of symbols still joining (retries reuse it)

    def tradable(self, symbol: str, time_ms: int) -> bool:
        """`Kernel.tradable`: may `symbol` take an entry now (it is in the universe)?"""
        return symbol in self.members

    async def start(self) -> tuple[str, ...]:
        """The first selection: the run's symbols, best first (a clear ValueError when none)."""
        r, cfg, st = self.runner, self.runner.cfg, self.runner.state
        selection = await self.watcher.start()
        symbols = selection.symbols
        if not symbols:
            among = f"among {','.join(self.candidates)}" if self.candidates else f"at {cfg.rest_url}"
            why = "; ".join(f"{s}: {w}" for s, w in list(selection.excluded.items())[:5])
            raise ValueError(
                f"universe {self.rule.describe()}: no symbol qualifies {among}" + (f" ({why})" if why else "")
            )
        # a previous run's positions outside the universe are traded too (protected first, like every
        # symbol of the run, then managed to their exit): never left unwatched on the venue
        outside = (
            ()
            if cfg.paper
            else tuple(
                sorted({p.symbol for p in r.journal.plans("open", "pending_entry", "closing")} - set(symbols))
            )
        )
        traded = (*symbols, *outside)
        common_quote(traded)  # one account: one quote asset
        cfg.symbols, cfg.symbol = traded, traded[0]
        r.desks = {s: SymbolDesk(s) for s in traded}
        st.trade_symbols(traded)
        st.universe = self.rule.describe()
        self._members(symbols)
        ranks = ", ".join(f"{s} ({self._why_in(s, selection)})" for s in symbols)
        st.event(f"universe: {self.rule.describe()}: {ranks}")
        r.journal.event("universe_selected", rule=self.rule.describe(), symbols=list(symbols))
        if outside:
            st.event(
                f"universe: the journal holds positions in {', '.join(outside)}, outside the universe: "
                "protected like the others and managed to their exit (no new entries)"
            )
            r.journal.event("universe_outside_positions", symbols=list(outside))
        return symbols

    async def stop(self) -> None:
        await self.watcher.stop()

    # ---- refreshes ------------------------------------------------------------------------------
    async def on_change(self, added: tuple[str, ...], removed: tuple[str, ...]) -> None:
        """The watcher's callback: members out, members back, new symbols added (module docstring)."""
        await self.ready.wait()  # a refresh during start-up waits until the run follows the stream
        r = self.runner
        selection = self.watcher.incoming
        for symbol in [s for s in removed if s in self.members]:
            self._members(tuple(s for s in self.members if s != symbol))
            pos = r.kernel.book.get(symbol)
            held = (
                f"its {pos.side.value} {pos.qty} position is managed to its exit (its stop, its strategy's exits)"
                if pos is not None
                else "it holds nothing"
            )
            why = self._why_out(symbol, selection)
            self._said(f"universe: {symbol} left ({why}): no new entries; {held}", "universe_left", symbol)
        failed: list[str] = []
        for symbol in [s for s in added if s not in self.members]:
            why = self._why_in(symbol, selection)
            if symbol in r.kernel.lanes:  # traded already (it left earlier, or failed to follow)
                await self._follow(symbol)
                self._members((*self.members, symbol))
                self._said(
                    f"universe: {symbol} is back ({why}): takes entries again", "universe_back", symbol
                )
                continue
            try:
                line = await self._join(symbol, why)
            except _JoinError as exc:
                failed.append(str(exc))
                self._said(str(exc), "universe_join_failed", symbol)
                continue
            self._members((*self.members, symbol))
            self._said(line, "universe_joined", symbol)
        if r.record is not None:
            r.record.event(now_ms(), "universe", {"added": list(added), "removed": list(removed),
                                                  "members": list(self.members), "failed": failed})  # fmt: skip
        r._dispatch_update()
        r._show()
        if failed:  # the watcher keeps its old selection and tells these again at the next refresh
            raise UniverseJoinError("; ".join(failed))

    def _members(self, symbols: tuple[str, ...]) -> None:
        self.members = symbols
        self.runner.state.members = symbols

    def _said(self, line: str, kind: str, symbol: str) -> None:
        self.runner.state.event(line)
        self.runner.journal.event(kind, symbol=symbol, line=line, members=list(self.members))

    def _why_in(self, symbol: str, selection: Selection | None) -> str:
        ranked = next((x for x in selection.ranked if x.symbol == symbol), None) if selection else None
        if ranked is None or not self.rule.ranked:
            return "listed"
        by = "24h quote volume" if self.rule.mode == "volume" else "24h range"
        return f"rank {ranked.rank} by {by}"

    def _why_out(self, symbol: str, selection: Selection | None) -> str:
        if selection is None:
            return "out of the universe"
        if symbol in selection.excluded:
            return selection.excluded[symbol]
        ranked = next((x for x in selection.ranked if x.symbol == symbol), None)
        if ranked is not None:
            return f"rank {ranked.rank}, below the top {self.rule.top}"
        return "no longer ranked"

    # ---- a symbol joins -------------------------------------------------------------------------
    async def _join(self, symbol: str, why: str) -> str:
        """Add `symbol` to the running run, protection first (module docstring); the view's line."""
        from aitrader.backtest.inputs import build_strategy
        from aitrader.live.kernel_build import PAPER_FEE, add_live_lane, add_paper_lane

        r, cfg, st = self.runner, self.runner.cfg, self.runner.state
        kernel = r.kernel
        step = "checking its quote asset"
        try:
            quote = kernel.instrument.quote_asset
            if quote_asset(symbol) != quote:
                raise ValueError(f"it is not quoted in {quote}, the account's quote asset")
            step = "reading its trading rules"
            if r.venue is not None:
                inst = await r.venue.instrument(symbol)
            else:
                inst = await fetch_instrument(r.public, cfg, symbol)
            wired: LiveOrders | None = None
            protected = "simulated, nothing on the venue"
            if r.venue is not None:
                step = "reconciling it with the venue"
                wired, protected = await self._protect(symbol, inst)
            step = "building its strategy"
            fee = float(r.account.fees[1]) if r.account.fees is not None else PAPER_FEE  # as the run's own
            strategy = build_strategy(
                cfg.strategy, dict(cfg.strategy_params), cfg.interval, fee=fee, slippage_bps=cfg.slippage_bps
            )
            step = "loading its history"
            corr = int(getattr(getattr(kernel.gate, "config", None), "correlation_window", 100))
            n = max(kernel.window, strategy.warmup + 1, corr + 1)
            history = (await r.public.recent(symbol, cfg.interval, n + 1))[:-1]  # the newest may be forming
            held = [int(lane.candles.open_time[-1]) for lane in kernel.lanes.values() if len(lane.candles)]
            if held:  # up to the round decided last: the stream's backfill brings the rest
                history = [c for c in history if c.open_time <= max(held)]
            step = "adding its lane"  # from here to the stream, nothing waits: no round comes between
            if wired is not None:
                add_live_lane(kernel, cfg, strategy, wired, r.account)
            else:
                add_paper_lane(kernel, cfg, strategy, inst)
            desk = SymbolDesk(symbol, inst, wired)
            r.desks = {**r.desks, symbol: desk}
            cfg.symbols = (*cfg.symbols, symbol)
            st.add_symbol(symbol)
            warm_desk(kernel, desk, st, cfg, history, strategy.warmup)
            if r.record is not None:
                r.record.candles(history, "warm", symbol=symbol)
            if r.rounds is not None:
                r.rounds.expect(symbol)
            self._wired.pop(symbol, None)
            step = "following its candles"
            await self._follow(symbol)
        except Exception as exc:
            raise _JoinError(
                f"universe: {symbol} could not join ({why}): {step} failed: {type(exc).__name__}: {exc}; "
                "it stays out and is tried again at the next refresh"
            ) from exc
        return f"universe: {symbol} joined ({why}): {protected}, warmed on {len(history)} candles, following"

    async def _protect(self, symbol: str, inst: Instrument) -> tuple[LiveOrders, str]:
        """Live: the symbol's order handling, its journal reconciled with the venue and its position
        re-protected (as at start), then the guard and the other symbols' entry rules covering it."""
        r, st = self.runner, self.runner.state
        assert r.venue is not None
        wired = self._wired.get(symbol)  # a join that failed later on: the same order handling again
        others = [d.wired for d in r.desks.values() if d.wired is not None]
        if wired is None:
            wired = live_orders(r.venue, r.journal, r.worker, st, inst, r._refresh_balances)
            wired.rules.peers = [w.orders for w in others]  # an alarm of any symbol refuses every entry
            for w in others:
                w.rules.peers = [*w.rules.peers, wired.orders]
            self._wired[symbol] = wired
        (first,) = await protect_symbols(r.journal, [(wired.orders, symbol)])
        report = await check_rest(r.venue, r.journal, wired.orders, symbol, first)
        for line in report.lines():
            st.event(f"{symbol}: {line}")
        ok = report.ok and all(w.rules.reconcile_ok for w in others)
        for w in (*others, wired):
            w.rules.reconcile_ok = ok
        if r.guard is not None:  # watched from now on, even if a later step fails (a new mapping:
            r.guard.desks = {**r.guard.desks, symbol: wired.orders}  # a check under way keeps the old)
        row = wired.orders.position(symbol)
        if row is None or row.qty <= 0:
            return wired, "reconciled, nothing open"
        if wired.orders.is_protected(row.plan_id):
            return wired, f"reconciled, its {row.qty} position protected by its OCO on the venue"
        return wired, f"reconciled, its {row.qty} position NOT PROTECTED yet (being re-placed)"

    async def _follow(self, symbol: str) -> None:
        """The market stream follows `symbol` from its lane's last candle (once: idempotent)."""
        r = self.runner
        if r.stream is None:
            return
        lane = r.kernel.lane(symbol)
        last = int(lane.candles.open_time[-1]) if len(lane.candles) else None
        await r.stream.subscribe(symbol, r.cfg.interval, last)


class _JoinError(Exception):
    """One symbol could not join; the message is the view's line."""

"""The control endpoints' actions on an in-process run: pause and resume entries, close a position,
reload the settings. Each acts only through the kernel's own path (gate → order manager) and runs
on the run's event loop, between two of its steps: nothing here sends an order, waits on a venue or
holds up the candle loop.

- pause: `PausableGate` stands in front of the kernel's gate; while paused, an Enter proposal is
  rejected with `entries_paused` (journaled and published like any verdict); exits, adjustments
  and protection are untouched. The pause is journaled (`entries_paused`/`entries_resumed`, with
  the strategy and symbol) and the last one for this strategy and symbol is restored at start-up,
  so a restart never silently resumes entries the operator paused.
- close: an `Exit` of the whole position, decided by `Kernel.propose` as a strategy's exit is (the
  gate may refuse it: no position, an exit under way).
- reload: `api.reload` (the risk fraction and the `[risk]` limits apply at once; the rest is
  reported). The gate keeps its state (the breaker's and the drawdown halt's trip times).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aitrader.api.reload import ReloadError, ReloadSettings, Reread, reread, restart_needed
from aitrader.domain.instrument import Instrument
from aitrader.domain.plan import OrderPlan, Rejection, RejectionCode
from aitrader.domain.proposal import Enter, Exit, Proposal
from aitrader.risk.account import AccountState

if TYPE_CHECKING:
    from aitrader.engine.kernel import Gate, Kernel
    from aitrader.live.runner import LiveRunner

OPERATOR = "operator"
PAUSED, RESUMED = "entries_paused", "entries_resumed"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RereadLimits(Reread):
    """What `api.reload.reread` reads, with the `[risk]` limits (`RunSettings.risk_limits`)."""

    risk_limits: dict[str, Any] = field(default_factory=dict)


class ControlError(Exception):
    """A control request that cannot be carried out: an HTTP status and one line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class PausableGate:
    """The kernel's gate with an operator's pause in front (see the module docstring)."""

    def __init__(self, inner: Gate) -> None:
        self.inner = inner
        self.paused = False

    @property
    def config(self) -> Any:
        """The inner gate's config: the kernel reads the correlation window of a portfolio there."""
        return getattr(self.inner, "config", None)

    def review(
        self, proposal: Proposal, account: AccountState, instrument: Instrument, price: Decimal | float
    ) -> OrderPlan | Rejection:
        if self.paused and isinstance(proposal, Enter):
            return Rejection(
                RejectionCode.ENTRIES_PAUSED,
                "new entries are paused by the operator (POST /api/control/resume to resume)",
                proposal.symbol, account.now_ms, proposal.strategy,
            )  # fmt: skip
        return self.inner.review(proposal, account, instrument, price)


class Controls:
    """The control actions of one in-process run."""

    def __init__(self, runner: LiveRunner, reload: ReloadSettings | None = None) -> None:
        self.runner = runner
        self.reload_settings = reload or ReloadSettings()
        self._paused = False
        self._gate: PausableGate | None = None
        self._restore()

    def _restore(self) -> None:
        """The last pause or resume journaled for this run's strategy and symbol (events without a
        strategy and symbol, from before they were recorded, are not counted)."""
        cfg = self.runner.cfg
        last: str | None = None
        try:
            for _, kind, detail in self.runner.journal.events():  # in journal order: the last one wins
                if kind in (PAUSED, RESUMED) and (detail.get("strategy"), detail.get("symbol")) == (
                    cfg.strategy, cfg.symbol,
                ):  # fmt: skip
                    last = kind
        except Exception:  # the run reads its journal itself and says what is wrong with it
            log.exception("the API could not read the last pause from the journal")
            return
        if last == PAUSED:
            self._paused = True
            self.runner.state.event("new entries stay paused (paused through the API before a restart)")

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def kernel(self) -> Kernel | None:
        return getattr(self.runner, "kernel", None)

    def install(self, kernel: Kernel) -> None:
        """Put the pause in front of `kernel`'s gate (once the run has built its kernel)."""
        if not isinstance(kernel.gate, PausableGate):
            kernel.gate = PausableGate(kernel.gate)
        gate = kernel.gate
        assert isinstance(gate, PausableGate)
        gate.paused = self._paused
        self._gate = gate

    # ---- pause -----------------------------------------------------------------------------------
    def pause(self) -> dict[str, Any]:
        return self._set_paused(True)

    def resume(self) -> dict[str, Any]:
        return self._set_paused(False)

    def _set_paused(self, paused: bool) -> dict[str, Any]:
        changed = paused != self._paused
        self._paused = paused
        if self._gate is not None:
            self._gate.paused = paused
        if changed:
            what = "paused" if paused else "resumed"
            self.runner.state.event(f"new entries {what} through the API")
            cfg = self.runner.cfg
            self.runner.journal.event(
                f"entries_{what}", by=OPERATOR, strategy=cfg.strategy, symbol=cfg.symbol
            )
        return {"paused": paused}

    # ---- close -----------------------------------------------------------------------------------
    def close(self, symbol: str) -> dict[str, Any]:
        """Decide on an operator's exit of the whole position in `symbol`; 409 when the gate refuses."""
        kernel = self.kernel
        if kernel is None or kernel.bar < 0 or not len(kernel.candles):
            raise ControlError(409, "the run has not processed a candle yet: nothing to close at")
        wanted = symbol.strip().upper()
        lane = kernel.lanes.get(wanted)  # a portfolio: any of its symbols
        if lane is None or not len(lane.candles):
            raise ControlError(
                404, f"{wanted} is not traded by this run (it trades {', '.join(kernel.lanes)})"
            )
        exit_ = Exit(
            wanted, "closed by the operator through the API", float(lane.candles.close[-1]),
            kernel.clock.now_ms(), 1.0, OPERATOR,
        )  # fmt: skip
        verdict = kernel.propose(exit_)
        self.runner.journal.event("operator_close", symbol=wanted, approved=isinstance(verdict, OrderPlan))
        if isinstance(verdict, Rejection):
            raise ControlError(409, f"{verdict.code.value}: {verdict.message}")
        return {
            "approved": True,
            "code": None,
            "message": "exit sent to the order manager",
            "plan_id": verdict.plan_id,
        }

    # ---- reload ----------------------------------------------------------------------------------
    def read_again(self) -> Reread:
        """The settings as the command would resolve them now (blocking: files, imports)."""
        cfg = self.runner.cfg
        try:
            now = reread(self.reload_settings, cfg.strategy, cfg.interval.value)
        except ReloadError as exc:
            raise ControlError(400, str(exc)) from None
        return RereadLimits(**{f.name: getattr(now, f.name) for f in fields(now)}, risk_limits=self._limits())

    def _limits(self) -> dict[str, Any]:
        """The `[risk]` limits as the command would resolve them now (`reread` checked the rest)."""
        from aitrader.config import load_settings
        from aitrader.config.run_settings import resolve_run

        cli = {k: v for k, v in self.reload_settings.cli.items() if v is not None}
        try:
            run = resolve_run(
                cli, settings=load_settings(allow_mainnet=True), config=self.reload_settings.config
            )
        except ValueError as exc:  # SettingsError, RunSettingsError, ConfigFileError: one line each
            raise ControlError(400, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        return dict(run.risk_limits)

    def apply(self, now: Reread) -> dict[str, Any]:
        """Apply what was read again (on the loop): the risk fraction and the `[risk]` limits (a
        limit no longer set goes back to its default, or the run's baseline, as a restart would
        build it); report the rest."""
        from aitrader.config.run_settings import RISK_KEYS
        from aitrader.risk import RiskConfig, RiskGate

        cfg = self.runner.cfg
        later = restart_needed(
            now, cfg.symbol, cfg.interval.value, cfg.strategy, cfg.strategy_params, cfg.baseline_params
        )
        applied: dict[str, Any] = {}
        kernel = self.kernel
        gate = self._gate.inner if self._gate is not None else kernel.gate if kernel is not None else None
        wanted: dict[str, Any] = {}
        if isinstance(now, RereadLimits):
            names = [limit.field(key) for key, limit in RISK_KEYS.items()]
            defaults = {n: RiskConfig.model_fields[n].default for n in names} | dict(cfg.baseline_limits)
            wanted = {**defaults, **now.risk_limits}
            current = (
                gate.config.model_dump() if isinstance(gate, RiskGate) else {**defaults, **cfg.risk_limits}
            )
            wanted = {n: v for n, v in wanted.items() if current.get(n) != v}
        if now.risk != cfg.risk_fraction:
            wanted["risk_fraction"] = now.risk
        if wanted:
            try:  # the ceiling and the limits' ranges: refused before, checked again here
                config = RiskConfig(
                    **{**(gate.config.model_dump() if isinstance(gate, RiskGate) else {}), **wanted}
                )
            except ValueError as exc:
                raise ControlError(400, str(exc).splitlines()[0]) from None
            if isinstance(gate, RiskGate):  # else the kernel is not built yet: it reads cfg
                gate.config = config
            if "risk_fraction" in wanted:
                applied["risk"] = now.risk
                cfg.risk_fraction = now.risk
            limits = {n: v for n, v in wanted.items() if n != "risk_fraction"}
            applied.update(limits)
            if isinstance(now, RereadLimits):
                cfg.risk_limits = dict(now.risk_limits)
        self.runner.journal.event("config_reloaded", applied=applied, restart_needed=later)
        if applied:
            self.runner.state.event(f"settings reloaded through the API: {applied}")
        return {"applied": applied, "restart_needed": later}


__all__ = ["ControlError", "Controls", "PausableGate", "ReloadError", "RereadLimits"]

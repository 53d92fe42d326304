"""The live run in the kernel's journal schema (`aitrader.execution.journal`): the same `runs`,
`proposals`, `verdicts`, `plans`, `orders`, `fills` and `events` tables a backtest writes, so
reports and the chat agent read live and paper runs like any other. Committed row by row.

The crash-safety state (intents, order states, protection) lives in the `live_*` tables of
`aitrader.live.journal`, in the same database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from aitrader.domain import Fill, OrderRequest
from aitrader.domain.client_ids import Leg, parse_client_order_id
from aitrader.domain.plan import OrderPlan, Rejection
from aitrader.domain.proposal import Proposal
from aitrader.execution.journal import Journal
from aitrader.execution.reports import ExecutionReport, Intent

_ROLES = {Leg.ENTRY: "entry", Leg.STOP: "stop", Leg.TARGET: "target", Leg.EXIT: "exit"}


def role_of(cid: str) -> str:
    parsed = parse_client_order_id(cid)
    return _ROLES.get(parsed.leg, "exit") if parsed is not None else "exit"


class RunRecord:
    def __init__(self, path: str | Path, run_id: str) -> None:
        self.journal = Journal(path, batch=1)
        self.run_id = run_id

    def start(self, mode: str, strategy: str, symbol: str, interval: str, equity: float,
              params: Mapping[str, Any]) -> None:  # fmt: skip
        self.journal.start_run(self.run_id, mode, strategy, symbol, interval, equity, params)

    def decision(self, bar: int, time_ms: int, proposal: Proposal, verdict: OrderPlan | Rejection) -> None:
        self.journal.record_verdict(self.run_id, bar, time_ms, proposal, verdict)

    def orders(self, bar: int, time_ms: int, requests: Iterable[OrderRequest]) -> None:
        for req in requests:
            cid = req.client_order_id or ""
            role = role_of(cid)
            intent = Intent.ENTRY if role == "entry" else Intent.EXIT
            self.journal.record_order(self.run_id, bar, time_ms, cid, role, intent, req)

    def fills(self, bar: int, fills: Iterable[tuple[str, Fill]]) -> None:
        for cid, f in fills:
            role = role_of(cid)
            report = ExecutionReport(
                order_id=cid, client_order_id=cid, symbol=f.symbol, side=f.side, order_type=_type_of(role),
                price=float(f.price), qty=float(f.quantity), fee=_fee_quote(f), is_maker=f.is_maker,
                time_ms=f.time_ms, bar=bar, intent=Intent.ENTRY if role == "entry" else Intent.EXIT,
            )  # fmt: skip
            self.journal.record_fill(self.run_id, report, role)

    def event(self, time_ms: int, kind: str, payload: Mapping[str, Any]) -> None:
        self.journal.record_event(self.run_id, time_ms, kind, payload)

    def finish(self, equity: float, status: str = "finished") -> None:
        self.journal.finish_run(self.run_id, equity, status)
        self.journal.close()


def _fee_quote(f: Fill) -> float:
    """The fee in quote currency (a base-asset fee is valued at the fill price)."""
    if f.commission_asset and f.symbol.startswith(f.commission_asset):
        return float(f.commission * f.price)
    return float(f.commission)


def _type_of(role: str) -> Any:
    from aitrader.domain import OrderType

    return {"stop": OrderType.STOP_LOSS, "target": OrderType.LIMIT_MAKER}.get(role, OrderType.MARKET)

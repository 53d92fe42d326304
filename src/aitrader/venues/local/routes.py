"""What a REST route is: method, path, handler, request weight, security, order counting."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aitrader.venues.local.engine import Engine
    from aitrader.venues.local.server import LocalExchange


@dataclass
class Ctx:
    """One request as a handler sees it."""

    core: LocalExchange
    eng: Engine
    params: Mapping[str, str]
    account: str
    ip: str


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    fn: Callable[[Ctx], Any]
    weight: int | Callable[[Mapping[str, str]], int]
    signed: bool = False
    new_order: int = 0  # orders this call places (counted against ORDERS limits)
    free_on_success: bool = False  # testnet: successful order placement / cancel costs weight 0
    hook: str = ""  # what hooks see this request as (hook_events.request_event); "" = no hooks

    def weight_for(self, params: Mapping[str, str]) -> int:
        return self.weight if isinstance(self.weight, int) else self.weight(params)

"""The one client-order-id rule, in every mode: `at-<plan>-<version><leg>[index]`.

At most 34 characters of [A-Za-z0-9-] (Binance allows 36): `at-`, the plan id itself when it is at
most 22 alphanumerics, else a stable 22-hex-digit hash of it (so two long plan ids never collide by
truncation), the plan version (0-999999), the leg letter and an optional index 1-9 (one OCO per
take-profit target). The same plan, version and leg always give the same id, so a retried request
can be looked up instead of doubling an order; a new version gives new ids, so no id is ever sent
twice (Binance accepts an id again once its first order is closed). The `at-` prefix marks orders
as ours when reconciling an account that other tools also trade. The gate, the kernel's order
manager, the live order manager and the local exchange's protection monitor all use this module.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

PREFIX = "at-"
_PLAN_CHARS = re.compile(r"[^a-zA-Z0-9]")
_MAX_PLAN = 22
_PARSE = re.compile(
    r"^at-(?P<plan>[a-zA-Z0-9]{1,22})-(?P<version>[0-9]{1,6})(?P<leg>[A-Z])(?P<index>[0-9]?)$"
)


class Leg(Enum):
    ENTRY = "E"
    STOP = "S"  # stop-loss leg of the OCO
    TARGET = "T"  # take-profit / limit-maker leg of the OCO
    LIST = "L"  # the OCO list itself (listClientOrderId)
    EXIT = "X"  # closing sell
    CANCEL = "C"  # id of a cancel request


@lru_cache(maxsize=4096)  # a backtest asks for the same plan's key for every leg of every trade
def plan_key(plan_id: str) -> str:
    """The plan id reduced to <= 22 alphanumerics (a stable hash when it is longer)."""
    cleaned = _PLAN_CHARS.sub("", plan_id)
    if cleaned and len(cleaned) <= _MAX_PLAN and cleaned == plan_id:
        return cleaned
    return hashlib.blake2b(plan_id.encode(), digest_size=11).hexdigest()


def client_order_id(plan_id: str, version: int, leg: Leg, index: int = 0) -> str:
    """`index` (0-9) tells apart several orders of one leg, e.g. one OCO per take-profit target.

    Valid by construction (see the module docstring), so it is not checked against a pattern: a
    backtest builds one for every order it sends."""
    if version < 0 or version > 999_999:
        raise ValueError(f"plan version {version} is outside 0..999999")
    if not 0 <= index <= 9:
        raise ValueError(f"leg index {index} is outside 0..9")
    return f"{PREFIX}{plan_key(plan_id)}-{version}{leg.value}{index or ''}"


@dataclass(frozen=True, slots=True)
class ParsedId:
    plan: str
    version: int
    leg: Leg
    index: int = 0


def parse_client_order_id(cid: str | None) -> ParsedId | None:
    """The plan key, version and leg of one of our ids; None for ids that are not ours."""
    if not cid:
        return None
    m = _PARSE.match(cid)
    if m is None:
        return None
    try:
        leg = Leg(m["leg"])
    except ValueError:
        return None
    return ParsedId(m["plan"], int(m["version"]), leg, int(m["index"] or 0))


def is_ours(cid: str | None) -> bool:
    return parse_client_order_id(cid) is not None

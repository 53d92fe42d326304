"""Deterministic client order ids: `at-<plan>-<version><leg>[index]`, at most 36 chars of [A-Za-z0-9_-].

The same plan, version and leg always give the same id, so a retried request can be looked up
(and is refused by the venue as a duplicate while the first is open) instead of doubling an order.
The `at-` prefix marks orders as ours when reconciling an account that other tools also trade.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import Enum

PREFIX = "at-"
_VALID = re.compile(r"^[a-zA-Z0-9\-_]{1,36}$")
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


def plan_key(plan_id: str) -> str:
    """The plan id reduced to <= 22 alphanumerics (a stable hash when it is longer)."""
    cleaned = _PLAN_CHARS.sub("", plan_id)
    if cleaned and len(cleaned) <= _MAX_PLAN and cleaned == plan_id:
        return cleaned
    return hashlib.blake2b(plan_id.encode(), digest_size=11).hexdigest()


def client_order_id(plan_id: str, version: int, leg: Leg, index: int = 0) -> str:
    """`index` (0-9) tells apart several orders of one leg, e.g. one OCO per take-profit target."""
    if version < 0 or version > 999_999:
        raise ValueError(f"plan version {version} is outside 0..999999")
    if not 0 <= index <= 9:
        raise ValueError(f"leg index {index} is outside 0..9")
    cid = f"{PREFIX}{plan_key(plan_id)}-{version}{leg.value}{index if index else ''}"
    if not _VALID.match(cid):
        raise ValueError(f"client order id {cid!r} breaks Binance's ^[a-zA-Z0-9-_]{{1,36}}$")
    return cid


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

"""How venue errors are classified: retry, back off, resync the clock, or reject clearly.

- `OrderRejectedError`: the venue refused the order for good (-2010 matching-engine rejections,
  -1013 filter failures, insufficient balance). Never retried; the message says why.
- `RateLimitedError`: 429 or 418; `retry_after_s` comes from the Retry-After header.
- Timeouts and 5xx leave the outcome UNKNOWN: the caller looks the order up by its client id
  before re-sending, so a retry is idempotent.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from typing import Any

from aitrader.venues.binance.signed_rest import NetworkHttpError, RateLimitHttpError, RequestRejectedHttpError


class VenueError(RuntimeError):
    """Base class for errors this adapter raises."""


class OrderRejectedError(VenueError):
    """The venue refused an order (code and message are the venue's)."""

    def __init__(self, code: int | None, message: str, client_order_id: str = "") -> None:
        self.code = code
        self.venue_message = message
        self.client_order_id = client_order_id
        label = f"{code}" if code is not None else "rejected"
        super().__init__(f"order {client_order_id or '?'} rejected by the venue ({label}): {message}")


class RateLimitedError(VenueError):
    def __init__(self, status: int, retry_after_s: float, message: str) -> None:
        self.status = status
        self.retry_after_s = retry_after_s
        super().__init__(f"rate limited (HTTP {status}), retry after {retry_after_s:.1f}s: {message}")


class OutcomeUnknownError(VenueError):
    """A request timed out or got a 5xx: it may or may not have been executed."""


class GaveUpError(VenueError):
    """Retries were exhausted; the last cause is attached."""


_CODE = re.compile(r'"code"\s*:\s*(-?\d+)')
_MSG = re.compile(r'"msg"\s*:\s*"([^"]*)"')


def venue_code(exc: BaseException) -> tuple[int | None, str]:
    """The Binance error code and message embedded in an exception's text (ours or ccxt's), if any."""
    text = str(exc)
    start = text.find("{")
    if start >= 0:
        with contextlib.suppress(ValueError, TypeError):  # not JSON: fall back to the regexes below
            body: Any = json.loads(text[start:])
            if isinstance(body, dict) and "code" in body:
                return int(body["code"]), str(body.get("msg", ""))
    code = _CODE.search(text)
    msg = _MSG.search(text)
    return (int(code.group(1)) if code else None, msg.group(1) if msg else text[-200:])


def retry_after(headers: Any, default: float = 1.0) -> float:
    if not headers:
        return default
    for key in ("Retry-After", "retry-after"):
        value = headers.get(key) if hasattr(headers, "get") else None
        if value:
            try:
                return max(0.0, float(value))
            except ValueError:
                return default
    return default


def _ccxt(*names: str) -> tuple[type[BaseException], ...]:
    """ccxt's exception classes when ccxt is in use (never imported just to classify an error)."""
    module = sys.modules.get("ccxt.base.errors")
    return tuple(getattr(module, n) for n in names) if module is not None else ()


_UNKNOWN_CODES = (-1000, -1001, -1006, -1007, -1008)  # unknown error, disconnected, unexpected, timeout, busy


def is_rate_limit(exc: BaseException) -> bool:
    return isinstance(exc, (RateLimitHttpError, *_ccxt("DDoSProtection", "RateLimitExceeded")))


def is_unknown_outcome(exc: BaseException) -> bool:
    """Timeouts, 5xx and dropped connections: the request may have been executed."""
    if is_rate_limit(exc):
        return False
    if isinstance(exc, (NetworkHttpError, *_ccxt("RequestTimeout", "ExchangeNotAvailable", "NetworkError"))):
        return True
    code, _ = venue_code(exc)
    return code in _UNKNOWN_CODES


def is_clock_skew(exc: BaseException) -> bool:
    code, _ = venue_code(exc)
    return isinstance(exc, _ccxt("InvalidNonce")) or code == -1021


def is_rejection(exc: BaseException) -> bool:
    code, _ = venue_code(exc)
    if code in (-2010, -1013, -1111, -1100, -1102, -1106):
        return True
    if code in _UNKNOWN_CODES:  # "execution status unknown", even with a 4xx
        return False
    if is_clock_skew(exc):
        return False
    if isinstance(exc, RequestRejectedHttpError):
        return exc.status not in (401, 403)  # a bad key is not an order the venue refused
    return isinstance(exc, _ccxt("InsufficientFunds", "InvalidOrder", "BadRequest"))


def is_not_found(exc: BaseException) -> bool:
    code, _ = venue_code(exc)
    return code in (-2013, -2011) or isinstance(exc, _ccxt("OrderNotFound"))

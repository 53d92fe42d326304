"""Request security as Binance does it: API key, signature over the raw bytes, timestamp window.

REST: the signed payload is the raw query string concatenated to the raw body (no separator), minus
the `signature` parameter; nothing is re-sorted or re-encoded. WS API: the params except `signature`,
sorted by name, joined as k=v with '&', UTF-8, not percent-encoded.
HMAC-SHA256 signatures are hex (case-insensitive); Ed25519 signatures are base64.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import unquote_plus

from aitrader.venues.local import errors as errs
from aitrader.venues.local.models import LocalAccount

_KEY = re.compile(r"^[A-Za-z0-9]{1,128}$")


def strip_signature(raw: str) -> tuple[str, str | None]:
    """`raw` without its `signature=` parameter, and the signature's (decoded) value."""
    if not raw:
        return "", None
    keep: list[str] = []
    sig: str | None = None
    for part in raw.split("&"):
        if part.startswith("signature="):
            sig = unquote_plus(part[len("signature=") :])
        else:
            keep.append(part)
    return "&".join(keep), sig


def ws_payload(params: Mapping[str, Any]) -> str:
    """WS API signing payload: params except signature, sorted by name, k=v joined by '&'."""
    return "&".join(f"{k}={_ws_value(v)}" for k, v in sorted(params.items()) if k != "signature")


def _ws_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def signature_ok(account: LocalAccount, payload: bytes, signature: str) -> bool:
    if account.ed25519_public_key:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        key = load_pem_public_key(account.ed25519_public_key.encode())
        if not isinstance(key, Ed25519PublicKey):
            return False
        try:
            key.verify(base64.b64decode(signature), payload)
        except (InvalidSignature, ValueError):
            return False
        return True
    expected = hmac.new(account.secret.encode(), payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.lower())


def account_for_key(accounts: Mapping[str, LocalAccount], api_key: str | None) -> LocalAccount:
    if not api_key or not _KEY.match(api_key):
        raise errs.BAD_KEY_FORMAT
    acc = accounts.get(api_key)
    if acc is None:
        raise errs.REJECTED_KEY
    return acc


def check_timestamp(timestamp: str | None, recv_window: str | None, server_time: int) -> None:
    """Binance's rule: timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow."""
    if timestamp is None or timestamp == "":
        raise errs.mandatory("timestamp")
    if not timestamp.isdigit():
        raise errs.illegal("timestamp", errs.INT_RANGE)
    ts = Decimal(timestamp)
    if ts > 10**14:  # microseconds
        ts = ts / 1000
    window = Decimal(5000)
    if recv_window not in (None, ""):
        try:
            window = Decimal(str(recv_window))
        except InvalidOperation:
            raise errs.illegal("recvWindow", errs.DECIMAL_RANGE) from None
        if window > 60000:
            raise errs.BinanceError(
                -1102, "'recvWindow' contains unexpected value. Cannot be greater than 60000."
            )
    if not (ts < server_time + 1000):
        raise errs.TS_AHEAD
    if server_time - ts > window:
        raise errs.TS_OUTSIDE

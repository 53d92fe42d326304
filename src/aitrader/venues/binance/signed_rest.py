"""Signed Binance Spot REST over aiohttp: the endpoints the live order manager calls, and nothing else.

Why not ccxt here: importing ccxt takes about 4 s on a 2-core machine (it loads every exchange),
and a restarted bot must have re-protected a position within 3 s of starting. This client starts
in milliseconds and sends exactly Binance's parameter names with the Decimal strings we give it.
ccxt stays the library for market data downloads and other venues.

Security as the wire contract states it (docs binance-spot-contract §3): `timestamp` and
`recvWindow` appended to the query, an HMAC-SHA256 hex signature over the query string (or an
Ed25519 base64 signature when the secret is a PEM private key), the key in `X-MBX-APIKEY`.
`timeDifference` (local clock minus the venue's, from `load_time_difference`) corrects timestamps.

Errors come back as `HttpError`s that `errors.py` classifies like the venue's own answers:
429/418 rate limits (with `last_response_headers` holding Retry-After), 5xx, timeouts and dropped
connections (outcome unknown), and 4xx with Binance's `{"code", "msg"}` body.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

import aiohttp

# New orders carry a short recvWindow: Binance drops a request that reaches its matching engine later
# than this after its timestamp, so an order the venue does not know 2 s after it was sent never will
# be (the order manager relies on it to resend or give up without doubling anything).
ORDER_RECV_WINDOW_MS = 2_000


class HttpError(Exception):
    """A REST call that did not succeed; the text carries the venue's JSON body when there is one."""

    def __init__(self, status: int, text: str) -> None:
        self.status = status
        super().__init__(text)


class RateLimitHttpError(HttpError):
    """429 (too many requests), 418 (IP banned) or 403 (WAF limit): wait for Retry-After."""


class NetworkHttpError(HttpError):
    """A timeout, a dropped connection or a 5xx: the request may or may not have been executed."""


class RequestRejectedHttpError(HttpError):
    """A 4xx answer: the venue understood the request and refused it (its code says why)."""


def _signer(secret: str) -> Any:
    if "PRIVATE KEY" not in secret:
        key = secret.encode()
        return lambda payload: hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    private = load_pem_private_key(secret.encode(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError(
            "BINANCE_API_SECRET holds a private key that is not Ed25519; use an Ed25519 or HMAC key"
        )
    return lambda payload: base64.b64encode(private.sign(payload.encode())).decode()


class SignedRest:
    """Binance Spot REST calls by their endpoint names (the same names ccxt's implicit API uses)."""

    def __init__(
        self,
        api_key: str,
        secret: str,
        rest_base: str,
        recv_window_ms: int = 10_000,
        timeout_ms: int = 10_000,
    ) -> None:
        self.base = rest_base.rstrip("/")
        self._key = api_key
        self._sign = _signer(secret)
        self.options: dict[str, Any] = {"recvWindow": recv_window_ms, "timeDifference": 0}
        self.timeout = aiohttp.ClientTimeout(total=timeout_ms / 1000)
        self.last_response_headers: Mapping[str, str] = {}
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    def milliseconds(self) -> int:
        return int(time.time() * 1000)

    async def load_time_difference(self) -> int:
        before = self.milliseconds()
        server = int((await self.request("GET", "/api/v3/time", {}, signed=False))["serverTime"])
        after = self.milliseconds()
        self.options["timeDifference"] = (before + after) // 2 - server
        return int(self.options["timeDifference"])

    async def request(
        self, method: str, path: str, params: Mapping[str, Any], signed: bool = True, recv_window_ms: int = 0
    ) -> Any:
        query = {k: str(v) for k, v in params.items()}
        headers = {"X-MBX-APIKEY": self._key} if signed else {}
        if signed:
            query["recvWindow"] = str(recv_window_ms or self.options["recvWindow"])
            query["timestamp"] = str(self.milliseconds() - int(self.options["timeDifference"]))
        text = urlencode(query)
        if signed:
            text += f"&signature={quote(self._sign(text), safe='')}"  # Ed25519's base64 needs it
        url = f"{self.base}{path}" + (f"?{text}" if text else "")
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        what = f"{method} {path}"
        try:
            async with self._session.request(method, url, headers=headers) as resp:
                self.last_response_headers = dict(resp.headers)
                body = await resp.text()
                status = resp.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise NetworkHttpError(0, f"{what}: {type(exc).__name__}: {exc}") from None
        if status in (418, 429, 403):  # 403: the WAF limit was hit; back off like a 429
            raise RateLimitHttpError(status, f"{what}: HTTP {status} {body[:500]}")
        if status >= 500:
            raise NetworkHttpError(status, f"{what}: HTTP {status} {body[:500]}")
        if status >= 400:
            raise RequestRejectedHttpError(status, f"{what}: HTTP {status} {body[:500]}")
        try:
            return json.loads(body)
        except ValueError:
            raise NetworkHttpError(status, f"{what}: HTTP {status}, not JSON: {body[:200]}") from None

    # ---- the endpoints the broker uses (ccxt's implicit-API names) ------------------------------
    async def public_get_time(self, params: Mapping[str, Any] | None = None) -> Any:
        return await self.request("GET", "/api/v3/time", params or {}, signed=False)

    async def public_get_exchangeinfo(self, params: Mapping[str, Any]) -> Any:
        return await self.request("GET", "/api/v3/exchangeInfo", params, signed=False)

    async def public_get_ticker_price(self, params: Mapping[str, Any]) -> Any:
        return await self.request("GET", "/api/v3/ticker/price", params, signed=False)

    async def private_get_account(self, params: Mapping[str, Any]) -> Any:
        return await self.request("GET", "/api/v3/account", params)

    async def private_post_order(self, params: Mapping[str, Any]) -> Any:
        return await self.request("POST", "/api/v3/order", params, recv_window_ms=ORDER_RECV_WINDOW_MS)

    async def private_get_order(self, params: Mapping[str, Any]) -> Any:
        return await self.request("GET", "/api/v3/order", params)

    async def private_delete_order(self, params: Mapping[str, Any]) -> Any:
        return await self.request("DELETE", "/api/v3/order", params)

    async def private_get_openorders(self, params: Mapping[str, Any]) -> Any:
        return await self.request("GET", "/api/v3/openOrders", params)

    async def private_get_allorders(self, params: Mapping[str, Any]) -> Any:
        return await self.request("GET", "/api/v3/allOrders", params)

    async def private_get_mytrades(self, params: Mapping[str, Any]) -> Any:
        return await self.request("GET", "/api/v3/myTrades", params)

    async def private_post_orderlist_oco(self, params: Mapping[str, Any]) -> Any:
        return await self.request(
            "POST", "/api/v3/orderList/oco", params, recv_window_ms=ORDER_RECV_WINDOW_MS
        )

    async def private_get_orderlist(self, params: Mapping[str, Any]) -> Any:
        return await self.request("GET", "/api/v3/orderList", params)

    async def private_delete_orderlist(self, params: Mapping[str, Any]) -> Any:
        return await self.request("DELETE", "/api/v3/orderList", params)

    async def private_get_openorderlist(self, params: Mapping[str, Any] | None = None) -> Any:
        return await self.request("GET", "/api/v3/openOrderList", params or {})

    async def private_get_allorderlist(self, params: Mapping[str, Any] | None = None) -> Any:
        return await self.request("GET", "/api/v3/allOrderList", params or {})

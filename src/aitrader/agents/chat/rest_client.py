"""A small blocking Binance Spot REST client for the chat: public and signed GETs, stdlib only.

Why not ccxt: importing it takes 3–4 s on a 2-core machine (it loads every exchange), and a one-shot
`aitrader chat "what's my BTC balance?"` must answer within 1.5 s. Why not
`aitrader.venues.binance.SignedRest`: it is async over aiohttp, and importing its package costs
about 1.3 s. This client imports `http.client` (and `ssl` for https) and nothing else heavy; it keeps
one connection alive for the whole chat session.

Security as the wire contract states it (docs binance-spot-contract §2): `recvWindow` and
`timestamp` appended to the query, an HMAC-SHA256 hex signature over the query string (Ed25519 when
the secret is a PEM private key, as the trade path accepts), the key in `X-MBX-APIKEY`.

The clock: the signed `timestamp` is our clock minus the measured offset to the venue's. A venue on
real time (offset within `REAL_TIME_TOLERANCE_MS`) is asked for its clock once per session; a
replaying venue, whose clock is far from ours and jumps, is asked on every question. A -1021
("outside the recvWindow") re-syncs the clock and retries once.

Errors are `SourceError`s whose text is one line saying what to do, never a key, secret or
signature: a refused key or signature is `VenueAuthError` (with `AUTH_HINT`), a venue that cannot
be reached names the URL and what to check.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import re
import time
from collections.abc import Callable, Mapping
from http.client import HTTPConnection, HTTPException
from typing import Any
from urllib.parse import SplitResult, quote, urlencode, urlsplit

from aitrader.agents.chat.sources import AUTH_HINT, SourceError, VenueAuthError

# A venue whose clock is within this of ours runs on real time (Binance: well under a second).
REAL_TIME_TOLERANCE_MS = 60_000
RECV_WINDOW_MS = 10_000  # what ccxt sends; Binance allows up to 60000
AUTH_CODES = frozenset({-1022, -2014, -2015})  # bad signature, bad key format, key refused
_SECRETISH = re.compile(r"(signature|apiKey|secret|X-MBX-APIKEY)=[^&\s\"']*", re.IGNORECASE)


class VenueRejectedError(SourceError):
    """The venue answered with an error (`code` is Binance's, e.g. -1121 for an unknown symbol)."""

    def __init__(self, message: str, code: int | None, venue_message: str) -> None:
        super().__init__(message)
        self.code = code
        self.venue_message = venue_message


class _ClockSkewError(Exception):
    """-1021: our timestamp fell outside the venue's recvWindow (handled inside this module)."""


def signer(secret: str) -> Callable[[str], str]:
    """HMAC-SHA256 hex for an HMAC secret; base64 Ed25519 for a PEM private key (trade accepts both)."""
    if "PRIVATE KEY" not in secret:
        key = secret.encode()
        return lambda payload: hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        private = load_pem_private_key(secret.encode(), password=None)
    except ValueError:
        raise VenueAuthError(
            f"the API secret looks like a private key but cannot be read: {AUTH_HINT}"
        ) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise VenueAuthError(f"the API secret is a private key that is not Ed25519: {AUTH_HINT}")
    return lambda payload: base64.b64encode(private.sign(payload.encode())).decode()


def _now_ms() -> int:
    return int(time.time() * 1000)


class BinanceRestClient:
    """GET requests against one Binance-compatible REST base (testnet, mainnet, the local exchange)."""

    def __init__(
        self,
        rest_url: str,
        api_key: str = "",
        api_secret: str = "",
        timeout_s: float = 10.0,
        recv_window_ms: int = RECV_WINDOW_MS,
    ) -> None:
        parts = urlsplit(rest_url.strip().rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(f"the venue URL {rest_url!r} is not http(s)://HOST[:PORT]: fix --rest-url")
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self.rest_url = f"{self._origin}{parts.path}"
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._prefix = parts.path
        self._key = api_key
        self._secret = api_secret
        self._sign: Callable[[str], str] | None = None  # built on the first signed call
        self.timeout_s = timeout_s
        self.recv_window_ms = recv_window_ms
        self._conn: HTTPConnection | None = None
        self._via_proxy = False  # plain http through a proxy: the request line carries the full URL
        self._proxy_headers: dict[str, str] = {}
        self.offset_ms: int | None = None  # our clock minus the venue's, once measured
        self.clock = _now_ms

    # ---- the clock ------------------------------------------------------------------------------
    def sync_clock(self) -> int:
        """Ask the venue for its clock; remember the offset; return the venue's time."""
        before = self.clock()
        server = int(self.public("/api/v3/time")["serverTime"])
        after = self.clock()
        self.offset_ms = (before + after) // 2 - server
        return server

    def server_time_ms(self) -> int:
        if self.offset_ms is not None and abs(self.offset_ms) <= REAL_TIME_TOLERANCE_MS:
            return self.clock() - self.offset_ms
        return self.sync_clock()

    # ---- requests -------------------------------------------------------------------------------
    def public(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._get(path, urlencode({k: str(v) for k, v in (params or {}).items()}), signed=False)

    def signed(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        if not (self._key and self._secret):
            raise VenueAuthError(f"reading the account needs an API key and secret: {AUTH_HINT}")
        try:
            return self._signed_once(path, params or {})
        except _ClockSkewError:
            self.sync_clock()
            try:
                return self._signed_once(path, params or {})
            except _ClockSkewError:
                raise SourceError(
                    "the venue keeps refusing our timestamps (-1021) after a clock re-sync: "
                    "check this machine's clock (NTP)"
                ) from None

    def _signed_once(self, path: str, params: Mapping[str, Any]) -> Any:
        if self._sign is None:
            self._sign = signer(self._secret)
        query = {k: str(v) for k, v in params.items()}
        query["recvWindow"] = str(self.recv_window_ms)
        query["timestamp"] = str(self.clock() - (self.offset_ms or 0))
        text = urlencode(query)
        text += f"&signature={quote(self._sign(text), safe='')}"  # Ed25519's base64 needs quoting
        return self._get(path, text, signed=True)

    def _connection(self) -> HTTPConnection:
        if self._conn is None:
            proxy = self._proxy()
            host, port = (proxy.hostname or "", proxy.port) if proxy is not None else (self._host, self._port)
            if self._https:
                from http.client import HTTPSConnection

                self._conn = HTTPSConnection(host, port, timeout=self.timeout_s)
            else:
                self._conn = HTTPConnection(host, port, timeout=self.timeout_s)
            self._via_proxy = proxy is not None and not self._https
            if proxy is not None:
                auth = {}
                if proxy.username:
                    user = f"{proxy.username}:{proxy.password or ''}".encode()
                    auth["Proxy-Authorization"] = "Basic " + base64.b64encode(user).decode()
                if self._https:
                    self._conn.set_tunnel(self._host, self._port, headers=auth)
                else:
                    self._proxy_headers = auth
        return self._conn

    def _proxy(self) -> SplitResult | None:
        """The proxy from HTTPS_PROXY / HTTP_PROXY (and NO_PROXY), as ccxt's requests honoured them."""
        if not any(k.lower() in ("http_proxy", "https_proxy", "all_proxy") for k in os.environ):
            return None
        from urllib.request import getproxies, proxy_bypass

        found = getproxies().get("https" if self._https else "http")
        if not found or proxy_bypass(self._host):
            return None
        parts = urlsplit(found if "://" in found else f"http://{found}")
        return parts if parts.hostname else None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _get(self, path: str, query: str, signed: bool) -> Any:
        target = f"{self._prefix}{path}" + (f"?{query}" if query else "")
        headers = {"Accept": "application/json", **self._proxy_headers}
        if signed:
            headers["X-MBX-APIKEY"] = self._key
        for attempt in (1, 2):  # a kept-alive connection the server closed is reopened once
            reused = self._conn is not None
            conn = self._connection()
            try:
                conn.request("GET", f"{self._origin}{target}" if self._via_proxy else target, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
                status, retry = resp.status, resp.getheader("Retry-After")
                break
            except (OSError, HTTPException) as exc:
                self.close()
                if reused and attempt == 1 and not isinstance(exc, TimeoutError):
                    continue
                raise SourceError(self._unreachable(exc)) from None
        if status >= 400:
            self._refused(path, status, body, retry)
        try:
            return json.loads(body)
        except ValueError:
            raise SourceError(
                f"the venue at {self.rest_url} answered GET {path} with something that is not JSON: "
                "is --rest-url a Binance-compatible REST base?"
            ) from None

    def _unreachable(self, exc: BaseException) -> str:
        if isinstance(exc, TimeoutError):
            why = f"no answer within {self.timeout_s:g}s"
        elif isinstance(exc, ConnectionRefusedError):
            why = "connection refused"
        else:
            why = self._scrub(f"{type(exc).__name__}: {exc}")[:200]
        return (
            f"cannot reach the venue at {self.rest_url} ({why}): is it running? "
            "check --rest-url / AITRADER_REST_URL and the network"
        )

    def _refused(self, path: str, status: int, body: bytes, retry_after: str | None) -> None:
        code: int | None = None
        msg = body[:300].decode(errors="replace")
        with contextlib.suppress(
            ValueError, TypeError
        ):  # a body that is not Binance's JSON error: shown as is
            parsed = json.loads(body)
            if isinstance(parsed, dict) and "code" in parsed:
                code, msg = int(parsed["code"]), str(parsed.get("msg", ""))
        said = self._scrub(f"{code} {msg}" if code is not None else f"HTTP {status} {msg}").strip()
        if code == -1021:
            raise _ClockSkewError(said)
        if status == 401 or code in AUTH_CODES:
            raise VenueAuthError(f"the venue refused the API key/secret: {AUTH_HINT} (venue said: {said})")
        if status in (418, 429):
            wait = f"wait {retry_after}s" if retry_after else "wait a minute"
            raise SourceError(f"the venue is rate limiting this IP (HTTP {status}): {wait} and ask again")
        if status >= 500:
            raise SourceError(f"the venue failed on GET {path} (HTTP {status}): ask again in a moment")
        raise VenueRejectedError(f"the venue refused GET {path}: {said}", code, msg)

    def _scrub(self, text: str) -> str:
        """`text` without anything secret: signatures, key=value pairs, our key and secret."""
        text = _SECRETISH.sub(r"\1=***", text).replace("\n", " ")
        for secret in (self._key, self._secret):
            if secret:
                text = text.replace(secret, "***")
        return text

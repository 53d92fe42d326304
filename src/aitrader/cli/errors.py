"""How every command reports a user error: one line on stderr, exit code 1, no traceback.

`network_message` turns a failure to talk to a server (aiohttp, ccxt, urllib, http.client, socket,
ssl, the venue clients' own errors) into one line that names the host and says what to try:
connection refused, host not found, timeout, TLS, HTTP 4xx/5xx, an answer that is not JSON, a
dropped connection. Nothing here imports aiohttp or ccxt: an exception of theirs can only exist
when they are loaded already, so they are looked up in `sys.modules`.
"""

from __future__ import annotations

import errno
import re
import sys
from typing import NoReturn
from urllib.parse import urlsplit

import typer


def fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def fail_network(exc: BaseException, url: str, fallback: str | None = None) -> NoReturn:
    """One line for `exc` met while talking to `url`: the network reason when it is one, else
    `fallback` (default: the exception's type and first line)."""
    line = network_message(exc, url)
    if line is None:
        first = (str(exc).splitlines() or [""])[0][:300]
        line = fallback or (f"{type(exc).__name__}: {first}" if first else type(exc).__name__)
    fail(line)


def host_of(url: str) -> str:
    """`https://api.binance.com/api/v3` -> `api.binance.com`; `127.0.0.1:8765` stays as it is."""
    parts = urlsplit(url if "://" in url else f"//{url}")
    return parts.netloc.rsplit("@", 1)[-1] or url


_HTTP_STATUS = re.compile(
    r"\bHTTP (\d{3})\b|\b(\d{3}) (?:Internal Server Error|Bad Gateway|Service Unavailable)"
)
# how aiohttp, ccxt and the venue clients word a reason when only their text is left
_TEXT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dns", re.compile(r"Name or service not known|nodename nor servname|getaddrinfo|"
                       r"Temporary failure in name resolution|No address associated", re.I)),
    ("refused", re.compile(r"Connection refused|Connect call failed|ECONNREFUSED", re.I)),
    ("tls", re.compile(r"\bSSL\b|\bTLS\b|certificate|WRONG_VERSION_NUMBER", re.I)),
    ("timeout", re.compile(r"timed? ?out|TimeoutError|RequestTimeout", re.I)),
    ("garbage", re.compile(r"not JSON|JSONDecodeError|Expecting value|ContentTypeError", re.I)),
    ("dropped", re.compile(r"Server disconnected|Connection reset|ServerDisconnectedError|"
                           r"ClientOSError|Connection aborted|NetworkError", re.I)),
)  # fmt: skip
_VENUE_MODULES = ("aitrader.venues", "aitrader.agents.chat", "ccxt", "aiohttp")


def network_message(exc: BaseException, url: str) -> str | None:
    """One line for a network failure met talking to `url`, or None when `exc` is not one."""
    host = host_of(url)
    for err in _chain(exc):
        kind, detail = _kind(err)
        if kind is not None:
            return _line(kind, detail, getattr(err, "host", None) or host, url)
    for err in _chain(exc):  # a venue client's own error that kept only the reason's text
        if type(err).__module__.startswith(_VENUE_MODULES):
            kind, detail = _kind_from_text(str(err))
            if kind is not None:
                return _line(kind, detail, host, url)
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in out and len(out) < 8:
        out.append(cur)
        cur = cur.__cause__ or cur.__context__
    return out


def _kind(err: BaseException) -> tuple[str | None, str]:
    """(kind, detail) from the exception's type; (None, "") when the type says nothing."""
    import json
    import socket
    import ssl

    http = _http_status(err)
    if http is not None:
        return "http", str(http)
    if isinstance(err, socket.gaierror):
        return "dns", ""
    if isinstance(err, ssl.SSLError | ssl.CertificateError):
        return "tls", getattr(err, "reason", None) or type(err).__name__
    if isinstance(err, ConnectionRefusedError) or getattr(err, "errno", None) == errno.ECONNREFUSED:
        return "refused", ""
    if isinstance(err, TimeoutError | socket.timeout):
        return "timeout", ""
    if isinstance(err, json.JSONDecodeError | UnicodeDecodeError):
        return "garbage", ""
    aiohttp = sys.modules.get("aiohttp")
    if aiohttp is not None:
        if isinstance(err, aiohttp.ContentTypeError):
            return "garbage", ""
        if isinstance(err, aiohttp.ServerTimeoutError):
            return "timeout", ""
        if isinstance(err, aiohttp.ClientSSLError):
            return "tls", type(err).__name__
        if isinstance(err, aiohttp.ClientConnectorError):
            inner = err.os_error
            if isinstance(inner, socket.gaierror):
                return "dns", ""
            return (
                ("refused", "")
                if inner.errno == errno.ECONNREFUSED
                else ("unreachable", inner.strerror or "")
            )
        if isinstance(err, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
            return "dropped", type(err).__name__
    ccxt = sys.modules.get("ccxt")
    if ccxt is not None:
        if isinstance(err, ccxt.RequestTimeout):
            return "timeout", ""
        if isinstance(err, ccxt.DDoSProtection | ccxt.RateLimitExceeded):
            return "http", "429"
        if isinstance(err, ccxt.AuthenticationError):
            return "http", "401"
    if isinstance(err, ConnectionError):
        return "dropped", type(err).__name__
    if isinstance(err, OSError) and err.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
        return "unreachable", err.strerror or ""
    return None, ""


def _http_status(err: BaseException) -> int | None:
    """The HTTP status an exception carries (urllib's HTTPError, aiohttp's ClientResponseError)."""
    from urllib.error import HTTPError

    if isinstance(err, HTTPError):
        return int(err.code)
    aiohttp = sys.modules.get("aiohttp")
    if aiohttp is not None and isinstance(err, aiohttp.ClientResponseError):
        return int(err.status)
    return None


def _kind_from_text(text: str) -> tuple[str | None, str]:
    m = _HTTP_STATUS.search(text)
    if m:
        return "http", m.group(1) or m.group(2)
    for kind, pattern in _TEXT_RULES:
        if pattern.search(text):
            return kind, ""
    return None, ""


def _line(kind: str, detail: str, host: str, url: str) -> str:
    if kind == "dns":
        return (
            f"cannot find the host {host} (DNS lookup failed): check the URL's spelling and your network/DNS"
        )
    if kind == "refused":
        return f"connection refused by {host}: nothing listens there; is the server running, and are the URL and port right?"
    if kind == "timeout":
        return f"{host} did not answer in time: check your network (proxy, firewall) or try again in a minute"
    if kind == "tls":
        return (
            f"TLS handshake with {host} failed ({detail or 'TLS error'}): use http:// for a plain-HTTP "
            "server such as the local exchange, else check the certificate and the system clock"
        )
    if kind == "garbage":
        return f"{host} answered with something that is not JSON: is {url} a Binance-compatible REST API?"
    if kind == "dropped":
        return f"the connection to {host} broke ({detail or 'closed by the server'}): check your network and try again"
    if kind == "unreachable":
        return f"cannot reach {host} ({detail or 'network unreachable'}): check your network connection"
    status = int(detail)
    if status in (418, 429):
        return f"{host} is rate limiting this IP (HTTP {status}): wait a minute, then try again with fewer requests"
    if status in (401, 403):
        return f"{host} refused the request (HTTP {status}): check the API key and secret (and the key's IP whitelist)"
    if status == 404:
        return f"{host} has no such endpoint (HTTP 404): is {url} a Binance-compatible REST base?"
    if status >= 500:
        return f"{host} failed with HTTP {status} (a server error on its side): try again in a minute; check the venue's status page"
    return f"{host} refused the request (HTTP {status}): check the symbol, the interval and the URL {url}"

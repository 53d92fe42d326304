"""One GET for every HTTP provider: httpx (imported on first use) with a timeout, errors as one-line `ProviderError`s.

The message names the provider and the host and path asked (never the query, which may hold a key)
and says what to do; any text quoted from the reply passes through `redact`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from aitrader.data.providers.base import ProviderError, first_line, redact

DEFAULT_TIMEOUT_S = 10.0
USER_AGENT = "Mozilla/5.0 (compatible; aitrader)"  # Yahoo refuses requests without a browser-like agent


def _where(url: str) -> str:
    """'host:port/path' of `url`: never its query, which may hold a key."""
    u = urlsplit(url)
    return f"{u.netloc.rsplit('@', 1)[-1]}{u.path}"


def get_bytes(
    provider: str,
    url: str,
    params: Mapping[str, str | int] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    secrets: Iterable[str | None] = (),
) -> bytes:
    """The body of a GET; a `ProviderError` for a timeout, no connection or an HTTP error status."""
    import httpx  # here, not at import: httpx takes ~1 s to import

    where = _where(url)
    keys = tuple(secrets)
    try:
        r = httpx.get(
            url,
            params=dict(params or {}),
            headers={"User-Agent": USER_AGENT, **(headers or {})},
            timeout=timeout_s,
            follow_redirects=True,
        )
    except httpx.TimeoutException:
        raise ProviderError(
            provider, f"no answer from {where} within {timeout_s:g} s", "it may be down or slow: try later"
        ) from None
    except httpx.HTTPError as exc:
        raise ProviderError(
            provider,
            f"cannot reach {where} ({type(exc).__name__})",
            "check the network and the provider's base URL",
        ) from None
    if r.status_code >= 400:
        said = redact(first_line(r.text), keys)
        hint = {
            401: "check the API key",
            403: "check the API key and plan",
            404: "check the symbol and the base URL",
            429: "rate limited: wait and try again",
        }.get(r.status_code, "try again later")
        raise ProviderError(
            provider, f"HTTP {r.status_code} from {where}" + (f" ({said})" if said else ""), hint
        )
    return r.content


def get_json(
    provider: str,
    url: str,
    params: Mapping[str, str | int] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    secrets: Iterable[str | None] = (),
) -> Any:
    """The JSON body of a GET (see `get_bytes`); a `ProviderError` when it is not JSON."""
    keys = tuple(secrets)
    body = get_bytes(provider, url, params, headers, timeout_s, keys)
    try:
        return json.loads(body)
    except ValueError:
        said = redact(first_line(body.decode("utf-8", "replace"), 80), keys)
        raise ProviderError(
            provider, f"{_where(url)} answered with something that is not JSON ({said!r})", "try later"
        ) from None


def want(provider: str, cond: bool, what: str) -> None:
    """Raise a `ProviderError` saying the reply lacks `what` unless `cond`."""
    if not cond:
        raise ProviderError(provider, f"unexpected reply: {what}", "the provider's format may have changed")

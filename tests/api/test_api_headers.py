"""What every answer carries and what a tokenless API refuses: no `/docs` or `/redoc` (the schema
stays at `/openapi.json`), a same-origin Content-Security-Policy, nosniff and no-referrer; proxy
headers refused without a token (a proxy that sets `Host: 127.0.0.1` would make it public); short
tokens refused at start; `/api/status` says the hub's `seq`."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from api_helpers import HubSource, client_for

from aitrader.api.app import create_app
from aitrader.api.auth_config import AuthConfig, AuthSetupError

LONG = "read-token-abcdefghijklmnopqrstuvwxyz"


async def _get(config: AuthConfig, path: str, headers: dict[str, str] | None = None) -> Any:
    hub_source = HubSource()
    hub_source.hub.publish("alarm", {"message": "x"})
    hub_source.hub.publish("alarm", {"message": "y"})
    async with client_for(create_app(hub_source, config)) as c:
        return await c.get(path, headers=headers)


def test_no_docs_pages_the_schema_stays_and_every_answer_has_the_headers() -> None:
    docs, redoc, schema, status = (
        asyncio.run(_get(AuthConfig(), p)) for p in ("/docs", "/redoc", "/openapi.json", "/api/status")
    )
    assert docs.status_code == 404
    assert redoc.status_code == 404
    assert schema.status_code == 200
    assert "/api/status" in schema.json()["paths"]
    for r in (docs, schema, status):
        assert r.headers["content-security-policy"] == (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
        )
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    "header",
    ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"],
)
def test_proxied_requests_are_refused_without_a_token(header: str) -> None:
    refused = asyncio.run(_get(AuthConfig(), "/api/status", {header: "203.0.113.7"}))
    assert refused.status_code == 403
    assert "AITRADER_API_TOKEN" in refused.json()["detail"]
    with_token = asyncio.run(
        _get(
            AuthConfig("127.0.0.1", LONG),
            "/api/status",
            {header: "203.0.113.7", "Authorization": f"Bearer {LONG}"},
        )
    )
    assert with_token.status_code == 200  # behind a proxy the token decides


@pytest.mark.parametrize(
    ("config", "words"),
    [
        (AuthConfig("127.0.0.1", "short-read-token"), "read token"),
        (AuthConfig("127.0.0.1", LONG, "short-control", allow_control=True), "AITRADER_API_CONTROL_TOKEN"),
    ],
)
def test_short_tokens_are_refused_in_one_line(config: AuthConfig, words: str) -> None:
    with pytest.raises(AuthSetupError) as refused:
        config.check()
    message = str(refused.value)
    assert words in message
    assert "at least 24" in message
    assert "\n" not in message
    assert "short-" not in message  # never the token itself


def test_status_says_the_hubs_seq() -> None:
    status = asyncio.run(_get(AuthConfig(), "/api/status")).json()
    assert status["seq"] == 2
    assert status["mode"] == "test"

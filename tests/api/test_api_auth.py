"""Who may read and who may act: loopback without a token, a token everywhere else, a separate
control token (off unless allowed), tokens compared in constant time and never echoed."""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

import pytest
from api_helpers import HubSource, client_for

from aitrader.api.assemble import build_app
from aitrader.api.auth_config import AuthConfig, AuthSetupError, is_loopback, token_matches

READ, CONTROL = "read-token-1234-abcdefghijkl", "control-token-5678-abcdefghij"


@pytest.mark.parametrize(
    ("config", "words"),
    [
        (AuthConfig("0.0.0.0"), "--token"),
        (AuthConfig("192.168.1.20"), "not loopback"),
        (AuthConfig("127.0.0.1", allow_control=True), "AITRADER_API_CONTROL_TOKEN"),
        (AuthConfig("0.0.0.0", READ, READ, allow_control=True), "differ"),
    ],
)
def test_settings_that_would_expose_the_bot_are_refused_in_one_line(config: AuthConfig, words: str) -> None:
    with pytest.raises(AuthSetupError) as refused:
        config.check()
    message = str(refused.value)
    assert words in message
    assert "\n" not in message
    assert READ not in message


def test_loopback_names_and_constant_time_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.8.9.10"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "10.0.0.1", "example.com", ""))
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert token_matches(READ, READ)
    assert not token_matches("read-token-1235", READ)
    assert not token_matches(None, READ)
    assert calls == [(READ.encode(), READ.encode()), (b"read-token-1235", READ.encode())]
    shown = repr(AuthConfig("127.0.0.1", READ, CONTROL))
    assert READ not in shown
    assert CONTROL not in shown


async def _codes(
    config: AuthConfig, requests: list[tuple[str, str, dict[str, str]]]
) -> list[tuple[int, Any]]:
    app = build_app(HubSource(), config)
    out = []
    async with client_for(app) as c:
        for method, path, headers in requests:
            r = await c.request(method, path, headers=headers)
            out.append((r.status_code, r.json() if "json" in r.headers.get("content-type", "") else r.text))
    return out


def test_loopback_reads_without_a_token_but_only_under_a_loopback_name() -> None:
    got = asyncio.run(
        _codes(AuthConfig(), [("GET", "/api/status", {}), ("GET", "/metrics", {}),
                              ("GET", "/api/status", {"Host": "attacker.example:8765"}), ("GET", "/health", {})])
    )  # fmt: skip
    assert [code for code, _ in got] == [200, 200, 403, 200]
    assert "aitrader_" in got[1][1]  # the Prometheus text, mounted behind the read permission


def test_a_token_guards_every_read_but_health(caplog: pytest.LogCaptureFixture) -> None:
    bearer = {"Authorization": f"Bearer {READ}"}
    with caplog.at_level(logging.DEBUG):
        got = asyncio.run(
            _codes(
                AuthConfig("0.0.0.0", READ, CONTROL, allow_control=True),
                [
                    ("GET", "/api/status", {}),
                    ("GET", "/api/status", {"Authorization": "Bearer wrong"}),
                    ("GET", "/api/status", {"Authorization": f"Basic {READ}"}),
                    ("GET", "/api/status", bearer),
                    ("GET", "/api/status", {"Authorization": f"Bearer {CONTROL}"}),  # control grants reading
                    ("GET", "/metrics", {}),
                    ("GET", "/metrics", bearer),
                    ("GET", "/health", {}),
                    (
                        "GET",
                        "/api/status",
                        {**bearer, "Host": "bot.example.com"},
                    ),  # behind a proxy: the token decides
                ],
            )
        )
    assert [code for code, _ in got] == [401, 401, 401, 200, 200, 401, 200, 200, 200]
    assert got[0][1]["detail"].startswith("this API needs a token")
    shown = " ".join(str(body) for _, body in got) + caplog.text
    assert READ not in shown
    assert CONTROL not in shown


def test_control_needs_its_own_token_and_is_off_unless_allowed() -> None:
    post = "POST"
    off = asyncio.run(
        _codes(AuthConfig(), [(post, "/api/control/pause", {"Authorization": f"Bearer {CONTROL}"})])
    )
    assert off[0][0] == 403
    assert "--allow-control" in off[0][1]["detail"]
    on = asyncio.run(
        _codes(
            AuthConfig("127.0.0.1", READ, CONTROL, allow_control=True),
            [
                (post, "/api/control/pause", {}),
                (post, "/api/control/pause", {"Authorization": f"Bearer {READ}"}),
                (post, "/api/control/pause", {"Authorization": f"Bearer {CONTROL}"}),
            ],
        )
    )
    assert [code for code, _ in on] == [401, 401, 403]  # the last: allowed, but no run in this process
    assert "in this process" in on[2][1]["detail"]

"""The API's access settings and the checks that need no web framework (`trade --serve` checks
them before it reconciles the journal). See `api.auth` for how requests are judged.

Tokens are compared in constant time and never shown: `AuthConfig`'s repr leaves them out.
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass, field

MIN_TOKEN = 24  # characters; `python -c "import secrets; print(secrets.token_urlsafe(32))"` makes one
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class AuthSetupError(ValueError):
    """The server must not start with these settings; the message says what to do (no secret)."""


def is_loopback(host: str) -> bool:
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def token_matches(given: str | None, expected: str | None) -> bool:
    """Constant time in the content of the tokens (their lengths may show)."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass(frozen=True)
class AuthConfig:
    host: str = "127.0.0.1"
    token: str | None = field(default=None, repr=False)
    control_token: str | None = field(default=None, repr=False)
    allow_control: bool = False

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def check(self) -> None:
        """Refuse settings that would expose the bot (one line each)."""
        if not self.loopback and not self.token:
            raise AuthSetupError(
                f"--host {self.host} is not loopback: give --token or set AITRADER_API_TOKEN "
                "(or keep the default --host 127.0.0.1)"
            )
        for name, value in (
            ("the read token (--token, AITRADER_API_TOKEN)", self.token),
            ("AITRADER_API_CONTROL_TOKEN", self.control_token),
        ):
            if value is not None and len(value) < MIN_TOKEN:
                raise AuthSetupError(
                    f"{name} is too short: use at least {MIN_TOKEN} random characters "
                    "(python -c 'import secrets; print(secrets.token_urlsafe(32))')"
                )
        if self.allow_control and not self.control_token:
            raise AuthSetupError(
                "--allow-control needs AITRADER_API_CONTROL_TOKEN (a secret different from the read token)"
            )
        if self.allow_control and self.token and token_matches(self.token, self.control_token):
            raise AuthSetupError("AITRADER_API_CONTROL_TOKEN must differ from the read token")

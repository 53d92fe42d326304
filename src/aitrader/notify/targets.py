"""Where a notification goes and how that service says it was delivered.

A target turns a message into one JSON POST and reads the reply into an `Outcome`: delivered,
retry (optionally after the wait the service asked for) or failed. The HTTP itself, the queue and
the retries are `delivery.Delivery`'s.

- Discord webhook: `{"content": text, "allowed_mentions": {"parse": []}}` (at most 2000
  characters; no @everyone, @here, role or user in a message pings anyone); 204 (or 200 with
  `?wait=true`) on success; 429 with a `Retry-After` header and a JSON `retry_after` in seconds.
- Slack incoming webhook: `{"text": text}` with `&`, `<` and `>` escaped as Slack's formatting
  rules say, so `<!channel>` or `<url|label>` in a message is shown, never acted on; 200 with the
  body `ok`; 429 with `Retry-After`. Any other webhook host gets this shape too (Mattermost,
  Rocket.Chat and most chat tools read it).

Every URL must be https, except on a loopback host (127.0.0.1, ::1, localhost): a webhook URL or
a bot token must not cross a network in clear text.
- Telegram Bot API: `POST {api}/bot<TOKEN>/sendMessage` with `{"chat_id", "text", "parse_mode"}`;
  every reply is `{"ok": true, "result": ...}` or `{"ok": false, "error_code", "description",
  "parameters": {"retry_after": N}}`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol
from urllib.parse import urlsplit

from aitrader.notify.redact import safe_url, scrub

DISCORD_MAX = 2000
TELEGRAM_MAX = 4096
_RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
_LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


class NotifyConfigError(ValueError):
    """A notification setting is unusable. The message names the setting, never its value."""


@dataclass(frozen=True, slots=True)
class Outcome:
    delivered: bool
    retry: bool = False
    retry_after_s: float | None = None  # the wait the service asked for, when it said one
    reason: str = ""  # for a log line; already scrubbed


class Target(Protocol):
    """One destination. `name` is safe to log (service and host, never the path)."""

    @property
    def name(self) -> str: ...
    @property
    def secrets(self) -> tuple[str, ...]: ...
    def request(self, text: str) -> tuple[str, dict[str, Any]]: ...
    def outcome(self, status: int, headers: Mapping[str, str], body: bytes) -> Outcome: ...


def _retry_after(headers: Mapping[str, str], payload: object) -> float | None:
    """Seconds from a `Retry-After` header (seconds form) or a JSON `retry_after`."""
    for key, value in headers.items():
        if key.lower() == "retry-after":
            try:
                return max(0.0, float(value))
            except ValueError:
                break
    if isinstance(payload, dict):
        found = payload.get("retry_after")
        params = payload.get("parameters")
        if found is None and isinstance(params, dict):
            found = params.get("retry_after")
        if isinstance(found, int | float) and not isinstance(found, bool):
            return max(0.0, float(found))
    return None


def slack_escape(text: str) -> str:
    """`text` for Slack's mrkdwn: only `&`, `<` and `>` are control characters there."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_safe_url(url: str) -> bool:
    """An https URL with a host, or an http one on a loopback host (a local relay or test server)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if not host:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and host in _LOOPBACK)


def _json(body: bytes) -> object:
    try:
        return json.loads(body or b"null")
    except ValueError:
        return None


def _by_status(status: int, headers: Mapping[str, str], body: bytes, secrets: tuple[str, ...]) -> Outcome:
    if 200 <= status < 300:
        return Outcome(delivered=True)
    text = scrub(body[:200].decode("utf-8", "replace").strip(), secrets)
    reason = f"HTTP {status}" + (f": {text}" if text else "")
    if status in _RETRY_STATUS:
        return Outcome(False, retry=True, retry_after_s=_retry_after(headers, _json(body)), reason=reason)
    return Outcome(False, reason=reason)


class WebhookKind(Enum):
    DISCORD = "discord"
    SLACK = "slack"


@dataclass(frozen=True, slots=True)
class Webhook:
    """A Discord- or Slack-compatible webhook. The URL is a credential: it is kept out of repr."""

    url: str = field(repr=False)
    kind: WebhookKind

    @property
    def name(self) -> str:
        return f"{self.kind.value} webhook {safe_url(self.url)}"

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.url, urlsplit(self.url).path)

    def request(self, text: str) -> tuple[str, dict[str, Any]]:
        if self.kind is WebhookKind.DISCORD:
            return self.url, {"content": text[:DISCORD_MAX], "allowed_mentions": {"parse": []}}
        return self.url, {"text": slack_escape(text)}

    def outcome(self, status: int, headers: Mapping[str, str], body: bytes) -> Outcome:
        return _by_status(status, headers, body, self.secrets)


@dataclass(frozen=True, slots=True)
class Telegram:
    """A chat of a Telegram bot. The token is kept out of repr and scrubbed from every reason."""

    token: str = field(repr=False)
    chat_id: str
    api_url: str = "https://api.telegram.org"

    @property
    def name(self) -> str:
        return f"telegram {safe_url(self.api_url)}"

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.token,)

    def request(self, text: str) -> tuple[str, dict[str, Any]]:
        chat: int | str = int(self.chat_id) if self.chat_id.lstrip("-").isdigit() else self.chat_id
        body = html.escape(text[:TELEGRAM_MAX], quote=False)  # HTML mode: only <, > and & matter
        url = f"{self.api_url.rstrip('/')}/bot{self.token}/sendMessage"
        return url, {"chat_id": chat, "text": body, "parse_mode": "HTML"}

    def outcome(self, status: int, headers: Mapping[str, str], body: bytes) -> Outcome:
        payload = _json(body)
        if not isinstance(payload, dict) or "ok" not in payload:
            return _by_status(status, headers, body, self.secrets)
        if payload["ok"] is True and 200 <= status < 300:
            return Outcome(delivered=True)
        code = payload.get("error_code", status)
        description = scrub(str(payload.get("description", "")), self.secrets)
        reason = f"Telegram error {code}: {description}"
        retry = code in _RETRY_STATUS or status in _RETRY_STATUS
        return Outcome(False, retry=retry, retry_after_s=_retry_after(headers, payload), reason=reason)


def webhook(spec: str) -> Webhook:
    """One entry of AITRADER_NOTIFY_WEBHOOK_URL: `[discord:|slack:]https://...` (http only on a
    loopback host).

    Without a prefix the kind comes from the host (discord.com/discordapp.com → Discord, anything
    else → the Slack `{"text"}` shape)."""
    kind: WebhookKind | None = None
    for candidate in WebhookKind:
        if spec.lower().startswith(candidate.value + ":"):
            kind, spec = candidate, spec[len(candidate.value) + 1 :]
            break
    if not is_safe_url(spec):
        raise NotifyConfigError(
            "AITRADER_NOTIFY_WEBHOOK_URL: each entry must be an https URL (http only on 127.0.0.1, "
            "::1 or localhost), optionally prefixed with discord: or slack:"
        )
    if kind is None:
        host = (urlsplit(spec).hostname or "").lower()
        is_discord = host.endswith(("discord.com", "discordapp.com"))
        kind = WebhookKind.DISCORD if is_discord else WebhookKind.SLACK
    return Webhook(spec, kind)


def webhooks(setting: str) -> list[Webhook]:
    """Every webhook of a comma-separated AITRADER_NOTIFY_WEBHOOK_URL (empty entries skipped)."""
    return [webhook(item.strip()) for item in setting.split(",") if item.strip()]

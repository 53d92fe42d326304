"""Keeps credentials out of every text the notifier logs or stores.

A Telegram bot token sits in the request path (`/bot<TOKEN>/sendMessage`) and a Discord or Slack
webhook URL is itself the credential, so no URL is ever shown whole: only its scheme and host.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_BOT_TOKEN = re.compile(r"bot\d+:[A-Za-z0-9_\-]+")
_URL_PATH = re.compile(r"(https?://[^/\s\"'<>]+)/[^\s\"'<>]*")
_MIN_SECRET = 4  # shorter strings would blank out ordinary words


def safe_url(url: str) -> str:
    """`https://host[:port]`: what may be said about a webhook or API URL."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme or 'http'}://{host}{port}"


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every secret, bot token and URL path replaced by `***`."""
    for secret in secrets:
        if len(secret) >= _MIN_SECRET:
            text = text.replace(secret, "***")
    text = _BOT_TOKEN.sub("bot***", text)
    return _URL_PATH.sub(r"\1/***", text)

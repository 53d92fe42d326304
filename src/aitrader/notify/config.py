"""The notifier the settings ask for (AITRADER_NOTIFY_WEBHOOK_URL, AITRADER_TELEGRAM_*)."""

from __future__ import annotations

from typing import Any

from aitrader.config.settings import Settings
from aitrader.notify.delivery import Delivery
from aitrader.notify.notifier import Notifier
from aitrader.notify.targets import NotifyConfigError, Target, Telegram, is_safe_url, webhooks


def targets_from_settings(settings: Settings) -> list[Target]:
    """Every configured target; raises `NotifyConfigError` (naming the setting) when one is unusable."""
    found: list[Target] = list(webhooks(settings.notify_webhook_url.get_secret_value()))
    token = settings.telegram_bot_token.get_secret_value().strip()
    chat = (settings.telegram_chat_id or "").strip()
    if token and not chat:
        raise NotifyConfigError("AITRADER_TELEGRAM_BOT_TOKEN is set but AITRADER_TELEGRAM_CHAT_ID is not")
    if chat and not token:
        raise NotifyConfigError("AITRADER_TELEGRAM_CHAT_ID is set but AITRADER_TELEGRAM_BOT_TOKEN is not")
    if token:
        if not is_safe_url(settings.telegram_api_url):
            raise NotifyConfigError(
                "AITRADER_TELEGRAM_API_URL must be an https URL (http only on 127.0.0.1, ::1 or localhost)"
            )
        found.append(Telegram(token, chat, settings.telegram_api_url))
    return found


def notifier_from_settings(settings: Settings, **delivery_options: Any) -> Notifier | None:
    """A started `Notifier` over every configured target, or None when none is configured.

    `delivery_options` go to each `Delivery` (queue_size, max_attempts, backoff_s, ...)."""
    targets = targets_from_settings(settings)
    if not targets:
        return None
    return Notifier([Delivery(target, **delivery_options) for target in targets])

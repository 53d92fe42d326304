"""Notifications: fills, unprotected positions, alarms and breaker trips sent to people.

Webhooks (Discord- and Slack-compatible JSON) and Telegram's Bot API, fed by the API's event hub:
`notifier_from_settings(settings)` builds the `Notifier`, `notifier.attach(hub)` subscribes it,
`notifier.close()` sends what is queued and stops (`await notifier.aclose()` from async
code, so the event loop is never blocked). Sending happens on background threads with
bounded queues (`delivery`), so the hub and the trading loop never wait on a chat service.
"""

from aitrader.notify.config import notifier_from_settings, targets_from_settings
from aitrader.notify.delivery import Delivery, DeliveryStats
from aitrader.notify.notifier import Notifier
from aitrader.notify.targets import NotifyConfigError, Telegram, Webhook, WebhookKind, webhooks

__all__ = [
    "Delivery",
    "DeliveryStats",
    "Notifier",
    "NotifyConfigError",
    "Telegram",
    "Webhook",
    "WebhookKind",
    "notifier_from_settings",
    "targets_from_settings",
    "webhooks",
]

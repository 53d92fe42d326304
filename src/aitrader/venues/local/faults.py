"""Fault injection for tests: REST errors, WS drops, stalls, duplicated or delayed messages."""

from __future__ import annotations

import random
from dataclasses import fields
from typing import Any

from aitrader.venues.local.config import FaultConfig
from aitrader.venues.local.errors import BinanceError


class FaultInjector:
    def __init__(self, config: FaultConfig) -> None:
        self.config = config
        self.rng = random.Random(config.seed)

    def update(self, changes: dict[str, Any]) -> FaultConfig:
        """Change fault settings by name (unknown names raise ValueError)."""
        known = {f.name: f for f in fields(FaultConfig)}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"unknown fault {name!r}: use one of {sorted(known)}")
            current = getattr(self.config, name)
            setattr(
                self.config, name, type(current)(value) if not isinstance(current, bool) else _bool(value)
            )
        return self.config

    def rest_error(self) -> BinanceError | None:
        """The injected error for this REST request, if any."""
        share = self.config.rest_error_share
        if share <= 0 or self.rng.random() >= share:
            return None
        return status_error(self.config.rest_error_status)

    def duplicate(self) -> bool:
        return self.config.duplicate_share > 0 and self.rng.random() < self.config.duplicate_share


def status_error(status: int) -> BinanceError:
    """The error Binance answers with for an HTTP status: 429 -> -1003 (Retry-After 1), else -1008."""
    if status == 429:
        return BinanceError(
            -1003, "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.",
            status=429, retry_after=1,
        )  # fmt: skip
    return BinanceError(
        -1008, "Server is currently overloaded with other requests. Please try again.", status
    )


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes", "on")
    return bool(value)

"""An on-disk cache of provider answers with a time to live.

One file per answer: `<root>/<provider>/<sha256 of the request>.json`, holding the request itself,
when it was stored and the answer (JSON). Writes are atomic (a temporary file in the same folder,
then `os.replace`), so a reader never sees half an entry. An entry is a hit while it is younger than
the TTL and its stored request equals the one asked; anything else — expired, another request, a
truncated or garbled file, a file from the future — is a miss, never an error.

Candles and text items are stored by value (`encode_candles` / `decode_candles`, `encode_texts` /
`decode_texts`): floats round-trip exactly through their shortest repr.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from aitrader.data.providers.base import Clock
from aitrader.data.providers.texts import TextItem
from aitrader.domain import Candles, Timeframe

FORMAT = 1
DEFAULT_TTL_S = 6 * 3600.0


class DiskCache:
    """Answers under `root`, fresh for `ttl_s` seconds of `clock` (wall time by default)."""

    def __init__(self, root: Path | str, ttl_s: float = DEFAULT_TTL_S, clock: Clock = time.time) -> None:
        self.root = Path(root)
        self.ttl_s = ttl_s
        self._clock = clock

    def path(self, provider: str, request: Mapping[str, Any]) -> Path:
        digest = hashlib.sha256(msgspec.json.encode(dict(sorted(request.items())))).hexdigest()
        return self.root / provider / f"{digest}.json"

    def get(self, provider: str, request: Mapping[str, Any]) -> Any | None:
        """The stored answer while fresh, else None (also for a missing or damaged entry)."""
        p = self.path(provider, request)
        try:
            entry = msgspec.json.decode(p.read_bytes())
            stored_at = float(entry["stored_at"])
            if entry["format"] != FORMAT or entry["request"] != msgspec.to_builtins(dict(request)):
                return None
        except (OSError, ValueError, TypeError, KeyError, msgspec.DecodeError):
            return None
        age = self._clock() - stored_at
        if not 0 <= age < self.ttl_s:
            return None
        return entry["answer"]

    def put(self, provider: str, request: Mapping[str, Any], answer: Any) -> None:
        """Store `answer` (JSON-able) for `request`, replacing any older entry at once."""
        p = self.path(provider, request)
        p.parent.mkdir(parents=True, exist_ok=True)
        body = msgspec.json.encode(
            {"format": FORMAT, "stored_at": self._clock(), "request": dict(request), "answer": answer}
        )
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=p.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(body)
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def encode_candles(c: Candles) -> dict[str, Any]:
    return {
        "symbol": c.symbol,
        "timeframe": c.timeframe.value,
        "source": c.source,
        **{k: getattr(c, k).tolist() for k in ("open_time", "open", "high", "low", "close", "volume")},
    }


def decode_candles(d: Any) -> Candles:
    """Candles from `encode_candles`'s form; `ValueError`/`KeyError`/`TypeError` when it is not."""
    return Candles.from_arrays(
        d["open_time"], d["open"], d["high"], d["low"], d["close"], d["volume"],
        symbol=str(d["symbol"]), timeframe=Timeframe.parse(d["timeframe"]), source=str(d["source"]),
    )  # fmt: skip


def encode_texts(items: tuple[TextItem, ...]) -> list[Any]:
    return [msgspec.to_builtins(t) for t in items]


def decode_texts(d: Any) -> tuple[TextItem, ...]:
    return tuple(msgspec.convert(d, tuple[TextItem, ...]))

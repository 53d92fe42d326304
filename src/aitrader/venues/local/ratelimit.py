"""Request weight and order-rate accounting per IP, with 429 + Retry-After and then the 418 ban."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from aitrader.venues.local.errors import BinanceError


@dataclass
class _IpState:
    minute: int = -1
    weight: int = 0
    over: int = 0  # requests refused with 429 in this minute
    banned_until: float = 0.0
    orders_10s: dict[int, int] = field(default_factory=dict)
    orders_day: dict[int, int] = field(default_factory=dict)


class RateLimiter:
    def __init__(
        self, weight_limit: int, orders_10s: int, orders_day: int, ban_after: int, ban_s: int
    ) -> None:
        self.weight_limit = weight_limit
        self.orders_10s_limit = orders_10s
        self.orders_day_limit = orders_day
        self.ban_after = ban_after
        self.ban_s = ban_s
        self._ips: dict[str, _IpState] = {}
        self.clock = time.time

    def _state(self, ip: str) -> _IpState:
        st = self._ips.setdefault(ip, _IpState())
        minute = int(self.clock() // 60)
        if st.minute != minute:
            st.minute, st.weight, st.over = minute, 0, 0
        return st

    def used_weight(self, ip: str) -> int:
        return self._state(ip).weight

    def charge(self, ip: str, weight: int) -> int:
        """Add `weight`; raise 418 while banned, 429 past the limit (418 after `ban_after` 429s)."""
        st = self._state(ip)
        now = self.clock()
        if now < st.banned_until:
            raise BinanceError(
                -1003,
                f"Way too much request weight used; IP banned until {int(st.banned_until * 1000)}. "
                "Please use WebSocket Streams for live updates to avoid bans.",
                status=418,
                retry_after=max(1, int(st.banned_until - now + 0.999)),
            )
        st.weight += weight
        if st.weight > self.weight_limit:
            st.over += 1
            if st.over > self.ban_after:
                st.banned_until = now + self.ban_s
                return self.charge(ip, 0)
            raise BinanceError(
                -1003,
                f"Too much request weight used; current limit is {self.weight_limit} request weight per 1 MINUTE. "
                "Please use WebSocket Streams for live updates to avoid polling the API.",
                status=429,
                retry_after=max(1, 60 - int(now % 60)),
            )
        return st.weight

    def refund(self, ip: str, weight: int) -> None:
        st = self._state(ip)
        st.weight = max(0, st.weight - weight)

    def count_order(self, ip: str) -> tuple[int, int]:
        """Count one new order; 429 -1015 past ORDERS limits. Returns (count 10 s, count 1 day)."""
        st = self._state(ip)
        now = self.clock()
        w10, day = int(now // 10), int(now // 86400)
        st.orders_10s = {w10: st.orders_10s.get(w10, 0) + 1}
        st.orders_day = {day: st.orders_day.get(day, 0) + 1}
        c10, cd = st.orders_10s[w10], st.orders_day[day]
        if c10 > self.orders_10s_limit:
            raise BinanceError(
                -1015, f"Too many new orders; current limit is {self.orders_10s_limit} orders per 10 SECOND.",
                status=429, retry_after=max(1, 10 - int(now % 10)),
            )  # fmt: skip
        if cd > self.orders_day_limit:
            raise BinanceError(
                -1015, f"Too many new orders; current limit is {self.orders_day_limit} orders per 1 DAY.",
                status=429, retry_after=max(1, 86400 - int(now % 86400)),
            )  # fmt: skip
        return c10, cd

    def order_counts(self, ip: str) -> tuple[int, int]:
        st = self._state(ip)
        now = self.clock()
        return st.orders_10s.get(int(now // 10), 0), st.orders_day.get(int(now // 86400), 0)

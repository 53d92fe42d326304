"""`UniverseRule`: which symbols a run trades, as a static list or a ranked top N.

    static       BTCUSDT,ETHUSDT,SOLUSDT            exactly these, in this order
    volume       top:5:volume   (top:5 means this)  the N largest 24 h quote volumes
    volatility   top:10:volatility                  the N largest 24 h ranges, (high - low) / last

Ranked modes keep only symbols quoted in `quote` (USDT by default) that trade on the spot market,
are not leveraged tokens (BTCUP, ETHDOWN, ...), not stablecoins (`exclude_stablecoins`) and match no
`blacklist` glob (checked against the symbol and its base asset, so "*UP" and "BUSD*" both work),
with at least `min_quote_volume` of 24 h quote volume. The ranking is redone every `refresh`.

A rule comes from the command line (`UniverseRule.parse("top:5:volume")`) or from aitrader.toml's
`[universe]` table (`UniverseRule.from_mapping`); a bad value is a `UniverseRuleError` whose message
is one line naming the value and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

Mode = Literal["static", "volume", "volatility"]
MODES: tuple[str, ...] = ("static", "volume", "volatility")
DAY_MS = 86_400_000
# Base assets pegged to a fiat currency: their price barely moves, so ranking them is meaningless.
STABLECOINS: tuple[str, ...] = (
    "USDC", "FDUSD", "TUSD", "BUSD", "USDP", "DAI", "USDD", "PYUSD", "USDE", "USD1", "UST", "USTC",
    "EUR", "EURI", "AEUR", "GBP", "TRY", "BRL",
)  # fmt: skip
_SYMBOL = re.compile(r"[A-Z0-9]{2,30}")
_DURATION = re.compile(r"(\d+)\s*(s|m|h|d)")
_UNIT_MS = {"s": 1_000, "m": 60_000, "h": 3_600_000, "d": DAY_MS}
SPEC_HELP = "top:N[:volume|:volatility] or a comma-separated list such as BTCUSDT,ETHUSDT"


class UniverseRuleError(ValueError):
    """A universe spec or [universe] value breaks a rule; the message is one line."""


def parse_duration_ms(text: str) -> int:
    """Milliseconds in a duration such as "30m", "1h", "4h", "1d" or "90s" (at least a second)."""
    m = _DURATION.fullmatch(str(text).strip().lower())
    if m is None or int(m.group(1)) == 0:
        raise UniverseRuleError("use a duration such as 30m, 1h, 4h or 1d")
    return int(m.group(1)) * _UNIT_MS[m.group(2)]


class UniverseRule(BaseModel):
    """How to pick the traded symbols; see the module docstring."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    mode: Mode = "volume"
    symbols: tuple[str, ...] = ()
    top: int = 10
    quote: str = "USDT"
    blacklist: tuple[str, ...] = ()
    exclude_stablecoins: bool = True
    min_quote_volume: float = 0.0
    refresh: str = "1h"

    @field_validator("symbols", mode="before")
    @classmethod
    def _symbols(cls, v: Any) -> tuple[str, ...]:
        names = [s.strip() for s in v.split(",")] if isinstance(v, str) else list(v or ())
        out = tuple(str(s).strip().upper() for s in names if str(s).strip())
        bad = [s for s in out if not _SYMBOL.fullmatch(s)]
        if bad:
            raise ValueError(f"{', '.join(bad)} is not a symbol such as BTCUSDT")
        dup = sorted({s for s in out if out.count(s) > 1})
        if dup:
            raise ValueError(f"{', '.join(dup)} listed twice")
        return out

    @field_validator("blacklist", mode="before")
    @classmethod
    def _blacklist(cls, v: Any) -> tuple[str, ...]:
        names = v.split(",") if isinstance(v, str) else list(v or ())
        return tuple(str(p).strip().upper() for p in names if str(p).strip())

    @field_validator("quote")
    @classmethod
    def _quote(cls, v: str) -> str:
        if not v.strip().isalnum():
            raise ValueError("use an asset such as USDT")
        return v.strip().upper()

    @field_validator("top")
    @classmethod
    def _top(cls, v: int) -> int:
        if not 1 <= v <= 1000:
            raise ValueError("use a count from 1 to 1000")
        return v

    @field_validator("min_quote_volume")
    @classmethod
    def _min_volume(cls, v: float) -> float:
        if not v >= 0:
            raise ValueError("use a quote amount >= 0, e.g. 1000000")
        return float(v)

    @field_validator("refresh")
    @classmethod
    def _refresh(cls, v: str) -> str:
        parse_duration_ms(v)
        return v.strip().lower()

    @model_validator(mode="after")
    def _static_has_symbols(self) -> UniverseRule:
        if self.mode == "static" and not self.symbols:
            raise ValueError("a static universe needs symbols, e.g. BTCUSDT,ETHUSDT")
        return self

    @property
    def ranked(self) -> bool:
        """True for the volume and volatility modes (a top N chosen from the venue's symbols)."""
        return self.mode != "static"

    @property
    def refresh_ms(self) -> int:
        return parse_duration_ms(self.refresh)

    @property
    def refresh_s(self) -> float:
        return self.refresh_ms / 1000

    def describe(self) -> str:
        """One line: "top 5 USDT symbols by 24h quote volume, refreshed every 1h" or the list."""
        if self.mode == "static":
            return f"static: {','.join(self.symbols)}"
        by = "24h quote volume" if self.mode == "volume" else "24h range (high-low)/last"
        floor = (
            f", at least {self.min_quote_volume:,.0f} {self.quote} traded" if self.min_quote_volume else ""
        )
        return f"top {self.top} {self.quote} symbols by {by}{floor}, refreshed every {self.refresh}"

    @classmethod
    def parse(cls, spec: str, **settings: Any) -> UniverseRule:
        """`top:5:volume`, `top:10:volatility`, `top:5` (volume) or `BTCUSDT,ETHUSDT` (static;
        `static:BTCUSDT,ETHUSDT` too). `settings` (a [universe] table's other keys) fill the rest."""
        text = spec.strip()
        parts = [p.strip().lower() for p in text.split(":")]
        fields: dict[str, Any] = dict(settings)
        if parts[0] == "top":
            if len(parts) not in (2, 3) or not parts[1].isdigit():
                raise UniverseRuleError(f"--universe {spec!r}: use {SPEC_HELP}")
            mode = parts[2] if len(parts) == 3 else "volume"
            if mode not in ("volume", "volatility"):
                raise UniverseRuleError(f"--universe {spec!r}: rank by volume or volatility, not {mode!r}")
            fields.update(mode=mode, top=int(parts[1]))
            fields.pop("symbols", None)
        else:
            listed = text.split(":", 1)[1] if parts[0] == "static" and len(parts) == 2 else text
            if ":" in listed or not listed.strip(" ,"):
                raise UniverseRuleError(f"--universe {spec!r}: use {SPEC_HELP}")
            fields.update(mode="static", symbols=listed)
        return _build(fields, f"--universe {spec!r}")

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any], where: str = "[universe]") -> UniverseRule:
        """From aitrader.toml's `[universe]` table: `mode`, `symbols`, `top`, `quote`, `blacklist`,
        `exclude_stablecoins`, `min_quote_volume`, `refresh`; or `spec = "top:5:volume"` plus
        any of the others."""
        fields = {str(k): v for k, v in table.items()}
        if fields.get("mode") not in (None, *MODES):
            raise UniverseRuleError(f"{where}: mode = {fields['mode']!r}: use one of {', '.join(MODES)}")
        spec = fields.pop("spec", None)
        if spec is not None:
            if not isinstance(spec, str):
                raise UniverseRuleError(f"{where}: spec = {spec!r}: use {SPEC_HELP}")
            return cls.parse(spec, **fields)
        if "mode" not in fields and fields.get("symbols"):
            fields["mode"] = "static"
        return _build(fields, where)


def _build(fields: dict[str, Any], where: str) -> UniverseRule:
    """The rule, or one line naming the first bad key and its rule."""
    try:
        return UniverseRule(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = str(err["msg"]).removeprefix("Value error, ")
        if not err["loc"]:
            raise UniverseRuleError(f"{where}: {msg}") from None
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            known = ", ".join(UniverseRule.model_fields)
            raise UniverseRuleError(f"{where}: unknown key {key!r}: the table holds {known}") from None
        raise UniverseRuleError(f"{where}: {key} = {err.get('input')!r}: {msg}") from None

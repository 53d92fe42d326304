"""Everything the local exchange can be told at start: markets, replay speed, accounts, clocks, faults."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

# The documented Binance example key pair (testnet/rest-api.md): the captured client requests in
# data/binance/client_wire_captures.json are signed with it, so it is the default test account.
DEFAULT_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
DEFAULT_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"


@dataclass
class AccountConfig:
    """One API key and its account. `secret` for HMAC keys; `ed25519_public_key` (PEM) for Ed25519 keys."""

    api_key: str = DEFAULT_API_KEY
    secret: str = DEFAULT_SECRET
    balances: dict[str, Decimal] = field(default_factory=lambda: {"USDT": Decimal(10000), "BTC": Decimal(0)})
    ed25519_public_key: str | None = None
    maker_commission: Decimal = Decimal("0.001")
    taker_commission: Decimal = Decimal("0.001")


@dataclass
class FaultConfig:
    """Fault injection for tests. Every share is a probability in [0, 1]; 0 disables that fault."""

    drop_ws_every_s: float = 0.0  # close every WebSocket connection every N seconds
    rest_error_share: float = 0.0  # answer this share of REST requests with `rest_error_status`
    rest_error_status: int = 503  # 5xx (execution unknown) or 429
    rest_error_after_execution: bool = False  # the request still executes before the error answer
    rest_delay_ms: int = 0  # answer every REST request this much later (client timeouts)
    duplicate_share: float = 0.0  # send this share of WS messages twice
    delay_ms: int = 0  # delay every WS message by this many ms
    stall_streams: bool = False  # market streams send nothing (connections stay open)
    seed: int = 7


@dataclass
class LocalExchangeConfig:
    """How to run the local exchange. Defaults: BTCUSDT 1m sample, stepped replay, one test account."""

    symbols: tuple[str, ...] = ("BTCUSDT",)
    timeframe: str = "1m"  # base candle interval of the replayed files
    files: dict[str, Path] = field(default_factory=dict)  # symbol -> candle file (else load_sample)
    start_ms: int | None = None  # replay start; default: `warmup_candles` after the common first candle
    warmup_candles: int = 1000
    speed: float = 0.0  # replay seconds per wall second; 0 = stepped (manual), inf = as fast as possible
    ticks_per_candle: int = 4  # path points per candle: O, L/H, H/L, C (matching.path_of_bar)
    host: str = "127.0.0.1"
    port: int = 0  # 0 = any free port
    accounts: list[AccountConfig] = field(default_factory=lambda: [AccountConfig()])
    slippage_bps: float = 0.0  # market / stop-market fills pay this many bps against the order
    # Book liquidity for MARKET orders: at most this share of the current candle's volume fills, the
    # rest expires (status EXPIRED, expiryReason INSUFFICIENT_LIQUIDITY). 0 = unlimited.
    market_liquidity_share: float = 0.0
    # Resting limit orders (a take-profit leg) fill at most this many base units per tick, the rest
    # stays open PARTIALLY_FILLED, as a thin book does; in an OCO the stop leg then expires while the
    # list stays EXECUTING until the limit leg completes, as on Binance. 0 = a crossed limit fills in full.
    resting_fill_qty: float = 0.0
    # Clocks: timestamps are checked against the wall clock unless `replay_server_time` is set,
    # in which case /api/v3/time answers the replay clock and clients must sync to it.
    replay_server_time: bool = False
    check_timestamps: bool = True  # False only for tests that replay captured (old) requests
    ws_ping_interval_s: float = 20.0  # server pings; a connection without a pong in half that is closed
    request_weight_limit: int = 6000  # per minute, per IP
    orders_per_10s: int = 50
    orders_per_day: int = 160000
    ban_after_429s: int = 5  # requests sent while rate limited before the 418 ban
    ban_seconds: int = 120
    state_path: Path | None = None  # persist accounts/orders/trades/replay position here (JSON)
    faults: FaultConfig = field(default_factory=FaultConfig)

"""All knobs of aitrader, read from environment variables and `.env` (see `.env.example`).

Secrets are `SecretStr`: they never appear in a repr, a log line or an error message. The
venue defaults to Binance Spot Testnet; mainnet is refused unless `AITRADER_ALLOW_MAINNET=true`
is set (and the trade command asks for a confirmation on top).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

RISK_FRACTION_CEILING = 0.10


class Venue(Enum):
    TESTNET = "testnet"
    MAINNET = "mainnet"
    LOCAL = "local"


class MainnetNotEnabledError(ValueError):
    """Raised when mainnet is selected without the explicit opt-in."""


class SettingsError(ValueError):
    """Settings could not be loaded. The message names the setting and the rule, never a value."""


_TESTNET_REST = "https://testnet.binance.vision"
_TESTNET_WS = "wss://stream.testnet.binance.vision"
_TESTNET_WS_API = "wss://ws-api.testnet.binance.vision/ws-api/v3"
_MAINNET_REST = "https://api.binance.com"
_MAINNET_WS = "wss://stream.binance.com:9443"
_MAINNET_WS_API = "wss://ws-api.binance.com:443/ws-api/v3"
# Binance's public market-data-only endpoints (no keys, no orders): real prices for downloads and
# paper trading; testnet candles are thin and drift from the real market
PUBLIC_MARKET_DATA_REST = "https://data-api.binance.vision"
PUBLIC_MARKET_DATA_WS = "wss://data-stream.binance.vision"


class Settings(BaseSettings):
    """Every setting has a default that works offline; keys are only needed for live trading."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        populate_by_name=True,
    )

    # --- venue and credentials ---
    venue: Venue = Field(Venue.TESTNET, alias="AITRADER_VENUE")
    allow_mainnet: bool = Field(False, alias="AITRADER_ALLOW_MAINNET")
    binance_api_key: SecretStr = Field(SecretStr(""), alias="BINANCE_API_KEY")
    binance_api_secret: SecretStr = Field(SecretStr(""), alias="BINANCE_API_SECRET")
    rest_url: str | None = Field(None, alias="AITRADER_REST_URL")
    ws_url: str | None = Field(None, alias="AITRADER_WS_URL")
    ws_api_url: str | None = Field(None, alias="AITRADER_WS_API_URL")
    # where candles come from for `data download` and `trade --paper` (orders never go there)
    market_data_url: str | None = Field(None, alias="AITRADER_MARKET_DATA_URL")
    market_data_ws_url: str | None = Field(None, alias="AITRADER_MARKET_DATA_WS_URL")
    recv_window_ms: int = Field(10_000, alias="AITRADER_RECV_WINDOW_MS", ge=1, le=60_000)

    # --- data and state ---
    data_dir: Path = Field(Path("var/data"), alias="AITRADER_DATA_DIR")
    sample_dir: Path | None = Field(None, alias="AITRADER_SAMPLE_DIR")
    journal_path: Path = Field(Path("var/journal.sqlite"), alias="AITRADER_JOURNAL")
    # a database URL (postgresql://USER:PASSWORD@HOST:PORT/DB) that holds the journal instead of the file
    database_url: SecretStr | None = Field(None, alias="AITRADER_DATABASE_URL")
    telemetry_path: Path = Field(Path("var/telemetry.jsonl"), alias="AITRADER_TELEMETRY")
    log_level: str = Field("INFO", alias="AITRADER_LOG_LEVEL")

    # --- trading defaults (aitrader.toml holds them too; these win over it, see config.run_settings) ---
    symbol: str = Field("BTCUSDT", alias="AITRADER_SYMBOL")
    interval: str = Field("4h", validation_alias=AliasChoices("AITRADER_TIMEFRAME", "AITRADER_INTERVAL"))
    strategy: str = Field("confluence", alias="AITRADER_STRATEGY")
    risk_fraction: float = Field(0.01, alias="AITRADER_RISK_FRACTION", gt=0)
    # unset: aitrader.toml's value, else the command's built-in default
    equity: float | None = Field(None, alias="AITRADER_EQUITY", gt=0)
    fee: float | None = Field(None, alias="AITRADER_FEE", ge=0, le=0.1)
    slippage_bps: float | None = Field(None, alias="AITRADER_SLIPPAGE_BPS", ge=0, le=1000)
    # backtests journal only when asked: this, aitrader.toml's backtest_journal or --journal
    backtest_journal: str | None = Field(None, alias="AITRADER_BACKTEST_JOURNAL")

    # --- chat / LLM (offline engine unless a base URL or key is set) ---
    llm_base_url: str | None = Field(None, alias="AITRADER_LLM_BASE_URL")
    llm_api_key: SecretStr = Field(SecretStr(""), alias="AITRADER_LLM_API_KEY")
    llm_model: str = Field("gpt-4o-mini", alias="AITRADER_LLM_MODEL")
    llm_timeout_s: float = Field(20.0, alias="AITRADER_LLM_TIMEOUT_S", gt=0)  # one HTTP request
    # one wall-clock deadline per question: every round, every tool run and every byte read
    llm_deadline_s: float = Field(20.0, alias="AITRADER_LLM_DEADLINE_S", gt=0, le=600)
    # tokens per UTC day, kept in chat-llm-budget.json next to the telemetry (one-shot runs add up)
    llm_token_budget: int = Field(200_000, alias="AITRADER_LLM_TOKEN_BUDGET", ge=0)
    llm_max_tool_calls_per_round: int = Field(4, alias="AITRADER_LLM_MAX_TOOL_CALLS_PER_ROUND", ge=1, le=16)
    llm_max_tool_calls: int = Field(8, alias="AITRADER_LLM_MAX_TOOL_CALLS", ge=1, le=32)
    llm_max_argument_bytes: int = Field(2048, alias="AITRADER_LLM_MAX_ARGUMENT_BYTES", ge=64, le=16_384)
    # the agents (debate roles, the LLM adviser): USD per UTC day, kept with their token count in
    # agents-llm-budget.json next to the telemetry; prices per million tokens (0: unknown, cost 0)
    llm_money_budget_usd: float = Field(5.0, alias="AITRADER_LLM_MONEY_BUDGET_USD", ge=0, allow_inf_nan=False)
    llm_price_in_per_mtok: float = Field(0.0, alias="AITRADER_LLM_PRICE_IN_PER_MTOK", ge=0, le=10_000)
    llm_price_out_per_mtok: float = Field(0.0, alias="AITRADER_LLM_PRICE_OUT_PER_MTOK", ge=0, le=10_000)

    # --- notifications (aitrader.notify): fills, unprotected positions, alarms, the breaker ---
    # comma-separated webhook URLs, each optionally prefixed discord: or slack: (a webhook URL is a
    # credential, hence secret)
    notify_webhook_url: SecretStr = Field(SecretStr(""), alias="AITRADER_NOTIFY_WEBHOOK_URL")
    telegram_bot_token: SecretStr = Field(SecretStr(""), alias="AITRADER_TELEGRAM_BOT_TOKEN")
    telegram_chat_id: str | None = Field(None, alias="AITRADER_TELEGRAM_CHAT_ID")
    telegram_api_url: str = Field("https://api.telegram.org", alias="AITRADER_TELEGRAM_API_URL")

    # --- the web API (`aitrader serve`, `demo --serve`, `trade --serve`; see docs/api.md) ---
    # read token: needed on any host but loopback; the control token (pause, close, reload) must differ
    api_token: SecretStr = Field(SecretStr(""), alias="AITRADER_API_TOKEN")
    api_control_token: SecretStr = Field(SecretStr(""), alias="AITRADER_API_CONTROL_TOKEN")
    api_port: int = Field(8765, alias="AITRADER_API_PORT", ge=0, le=65_535)

    @field_validator("risk_fraction")
    @classmethod
    def _risk_under_ceiling(cls, v: float) -> float:
        if v > RISK_FRACTION_CEILING:
            raise ValueError(
                f"AITRADER_RISK_FRACTION={v} exceeds the hard ceiling of {RISK_FRACTION_CEILING} "
                "(no trade may risk more than 10% of account value)"
            )
        return v

    @field_validator("journal_path", mode="before")
    @classmethod
    def _journal_is_a_path(cls, v: object) -> object:
        if isinstance(v, str) and "://" in v:
            raise ValueError("AITRADER_JOURNAL is a file path; put a database URL in AITRADER_DATABASE_URL")
        return v

    @model_validator(mode="after")
    def _mainnet_needs_opt_in(self) -> Settings:
        if self.venue is Venue.MAINNET and not self.allow_mainnet:
            raise MainnetNotEnabledError(
                "AITRADER_VENUE=mainnet is refused: set AITRADER_ALLOW_MAINNET=true to trade real money"
            )
        return self

    @property
    def has_keys(self) -> bool:
        return bool(self.binance_api_key.get_secret_value() and self.binance_api_secret.get_secret_value())

    @property
    def journal(self) -> str | Path:
        """Where the journal lives: AITRADER_DATABASE_URL when set, else the SQLite file AITRADER_JOURNAL."""
        url = self.database_url.get_secret_value() if self.database_url is not None else ""
        return url or self.journal_path

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url or self.llm_api_key.get_secret_value())

    def endpoints(self) -> tuple[str, str, str]:
        """(REST base, WS streams base, WS API URL) for the chosen venue; explicit URLs win."""
        if self.venue is Venue.MAINNET:
            rest, ws, wsapi = _MAINNET_REST, _MAINNET_WS, _MAINNET_WS_API
        else:
            rest, ws, wsapi = _TESTNET_REST, _TESTNET_WS, _TESTNET_WS_API
        return (self.rest_url or rest, self.ws_url or ws, self.ws_api_url or wsapi)

    def market_data_endpoints(self) -> tuple[str, str]:
        """(REST base, WS streams base) for market data: AITRADER_MARKET_DATA_URL/_WS_URL when set,
        else the explicit venue URLs (a local exchange serves its own candles), else Binance's public
        mainnet market data, whatever venue the orders go to."""
        if self.market_data_url or self.market_data_ws_url:
            return (
                self.market_data_url or PUBLIC_MARKET_DATA_REST,
                self.market_data_ws_url or PUBLIC_MARKET_DATA_WS,
            )
        if self.rest_url or self.ws_url:
            rest, ws, _ = self.endpoints()
            return rest, ws
        return PUBLIC_MARKET_DATA_REST, PUBLIC_MARKET_DATA_WS


def load_settings(**overrides: object) -> Settings:
    """Settings from env and `.env`, with keyword overrides (by field name) on top.

    Pydantic's own error would echo the input (secrets included), so it is replaced by one that
    lists only the setting names and the rules they broke.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_input=False, include_url=False, include_context=False):
            where = ".".join(str(part) for part in err["loc"]) or "settings"
            problems.append(f"{where}: {err['msg']}")
        raise SettingsError("invalid settings: " + "; ".join(problems)) from None

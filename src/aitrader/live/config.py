"""Everything one live or paper run needs, and how to build its venue from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from aitrader.domain import Instrument, Timeframe
from aitrader.live.venue import Venue
from aitrader.venues.binance.exchange_broker import BinanceBroker
from aitrader.venues.binance.rest_public import PublicRest

if TYPE_CHECKING:
    from aitrader.universe.rule import UniverseRule


@dataclass
class RunConfig:
    """One run's settings. `symbols` are traded as one portfolio against one account (decision
    order = this order); `symbol` is the first of them (one-symbol code paths read it).

    With a `universe` (`--universe`, aitrader.toml `[universe]`) the run's symbols are what the
    rule selects at start (ranked among `universe_candidates`, `--symbols`, when given; else among
    every symbol of the venue), and symbols that join later are added to `symbols` as they come
    (`live.universe_lanes`)."""

    symbol: str = "BTCUSDT"
    interval: Timeframe = Timeframe.M1
    strategy: str = "confluence"
    strategy_params: dict[str, object] = field(default_factory=dict)
    paper: bool = False
    rest_url: str = "https://testnet.binance.vision"
    ws_url: str = "wss://stream.testnet.binance.vision"
    ws_api_url: str = "wss://ws-api.testnet.binance.vision/ws-api/v3"
    api_key: str = ""
    secret: str = ""
    sandbox: bool = True
    venue_name: str = "testnet"
    recv_window_ms: int = 10_000
    journal_path: str | Path = Path("var/journal.sqlite")  # a SQLite file or a database URL
    telemetry_path: Path | None = Path("var/telemetry.jsonl")
    risk_fraction: float = 0.01
    # slippage the gate sizes for, basis points per taker fill: the backtest's (aitrader.toml `slippage`)
    slippage_bps: float = 5.0
    window: int | None = None  # trailing candles the strategy sees (default: warmup + 1000)
    max_runtime_s: float | None = None
    max_candles: int | None = None
    stale_after_s: float | None = None
    paper_balances: dict[str, Decimal] = field(default_factory=lambda: {"USDT": Decimal(10000)})
    user_stream: bool = True  # live only: WS API user-data stream (REST polling otherwise)
    reconcile_only: bool = False
    # seconds the strategy may take to answer a candle; a later answer is "no decision: deadline"
    # (None: no deadline, the strategy runs inline; for slow deciders: agents, LLM advisers)
    decision_deadline_s: float | None = None
    symbols: tuple[str, ...] = ()  # empty: just `symbol`
    # RiskConfig fields set by the run's settings (aitrader.toml [risk], env): the portfolio limits
    risk_limits: dict[str, Any] = field(default_factory=dict)
    # what this run starts from beneath the run settings, which an API reload falls back to (not to
    # the plain defaults): a local exchange's costs-off (`local_exchange_config`)
    baseline_limits: dict[str, Any] = field(default_factory=dict)
    baseline_params: dict[str, object] = field(default_factory=dict)
    universe: UniverseRule | None = None  # a ranked (or static) universe, refreshed while the run goes
    universe_candidates: tuple[str, ...] = ()  # the symbols it ranks (empty: every symbol of the venue)

    def __post_init__(self) -> None:
        if self.symbols:
            self.symbols = tuple(s.upper() for s in self.symbols)
            self.symbol = self.symbols[0]
        else:
            self.symbols = (self.symbol,)

    @property
    def portfolio(self) -> bool:
        """Several symbols in one run (a universe run always counts: symbols may join it)."""
        return len(self.symbols) > 1 or self.universe is not None

    @property
    def label(self) -> str:
        """The run's symbols as one name: `BTCUSDT` or `BTCUSDT,ETHUSDT,SOLUSDT`."""
        return ",".join(self.symbols)

    def __repr__(self) -> str:  # never show the key or secret
        return f"RunConfig(symbol={self.label!r}, interval={self.interval.value}, paper={self.paper}, venue={self.venue_name!r})"


class ExchangeUrls(Protocol):
    """What a running local exchange exposes (`aitrader.venues.local.LocalExchange`)."""

    @property
    def rest_url(self) -> str: ...
    @property
    def ws_url(self) -> str: ...
    @property
    def ws_api_url(self) -> str: ...


def local_exchange_config(
    ex: ExchangeUrls, workdir: Path, paper: bool = False, venue_name: str = "local exchange", **overrides: Any
) -> RunConfig:
    """A BTCUSDT 1m run against a local exchange with its default test account, state in `workdir`.

    A local exchange replays candles to show and test the order mechanics (OCO brackets, fills,
    restarts), mostly on the 1m samples, where fees and slippage exceed most moves: the cost rules
    are off there unless the caller sets them (`MECHANICS_COSTS_OFF`: a built-in strategy's
    `cost_multiple` 0, the gate's minimum net reward:risk 0 — a plan must still cover its costs at
    its targets). `backtest` and `trade` keep them."""
    from aitrader.strategies.registry import COST_MULTIPLE_PARAM, strategy_names
    from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET

    settings: dict[str, Any] = {
        "symbol": "BTCUSDT",
        "interval": Timeframe.M1,
        "paper": paper,
        "rest_url": ex.rest_url,
        "ws_url": ex.ws_url,
        "ws_api_url": ex.ws_api_url,
        "api_key": DEFAULT_API_KEY,
        "secret": DEFAULT_SECRET,
        "sandbox": False,
        "venue_name": venue_name,
        "journal_path": workdir / "journal.sqlite",
        "telemetry_path": workdir / "telemetry.jsonl",
    }
    settings.update(overrides)
    limits = dict(settings.get("risk_limits") or {})
    settings["baseline_limits"] = {"min_reward_risk": MECHANICS_COSTS_OFF[1]}
    settings["risk_limits"] = {**settings["baseline_limits"], **limits}
    if str(settings.get("strategy", "confluence")).strip().lower() in strategy_names():
        params = dict(settings.get("strategy_params") or {})
        settings["baseline_params"] = {COST_MULTIPLE_PARAM: MECHANICS_COSTS_OFF[0]}
        settings["strategy_params"] = {**settings["baseline_params"], **params}
    return RunConfig(**settings)


# (a built-in strategy's cost_multiple, the gate's min_reward_risk) on a local exchange's replay
MECHANICS_COSTS_OFF = (0.0, 0.0)
MECHANICS_NOTE = (
    "demo: this shows the order mechanics on 1m candles, where fees and slippage exceed most moves, so "
    "the cost rules are relaxed (no strategy cost check; the gate only asks that targets cover their "
    "costs); backtest and trade keep them, and the defaults trade 4h bars (docs/research.md)"
)


async def fetch_instrument(public: PublicRest, cfg: RunConfig, symbol: str | None = None) -> Instrument:
    """The venue's real trading rules for the symbol (paper trading follows them too)."""
    symbol = symbol or cfg.symbol
    info = await public.get("/api/v3/exchangeInfo", {"symbol": symbol})
    entries = [s for s in info.get("symbols", []) if s.get("symbol") == symbol]
    if not entries:
        raise ValueError(f"symbol {symbol} is not listed at {cfg.rest_url}")
    return Instrument.from_exchange_info(entries[0])


# quote assets a paper account can hold its cash in (the local exchange's list,
# `venues.local.instruments.QUOTES`, which this module must not import: it loads the server)
PAPER_QUOTES = ("USDT", "USDC", "FDUSD", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR")


def quote_asset(symbol: str) -> str | None:
    """The quote asset of a Binance pair such as BTCUSDT (one of PAPER_QUOTES), or None."""
    sym = symbol.upper()
    return next((q for q in PAPER_QUOTES if sym.endswith(q) and len(sym) > len(q)), None)


def paper_cash(symbol: str, equity: float) -> dict[str, Decimal]:
    """The paper account's starting balances: `equity` in the symbol's quote asset."""
    sym = symbol.upper()
    quote = quote_asset(sym)
    if quote is None:
        raise ValueError(
            f"--symbol {sym}: cannot tell its quote asset for the paper account's cash: "
            f"paper trading takes a Binance pair ending in {', '.join(PAPER_QUOTES)}"
        )
    return cash_in(quote, equity)


def cash_in(quote: str, equity: float) -> dict[str, Decimal]:
    """The paper account's starting balances: `equity` of `quote` (a universe run's quote asset)."""
    return {quote.upper(): Decimal(int(equity)) if float(equity).is_integer() else Decimal(str(equity))}


def common_quote(symbols: tuple[str, ...]) -> str:
    """The one quote asset of a portfolio's symbols (one account's cash); a clear error otherwise."""
    quotes = {s: quote_asset(s) for s in symbols}
    unknown = [s for s, q in quotes.items() if q is None]
    if unknown:
        raise ValueError(
            f"--symbols {','.join(symbols)}: cannot tell the quote asset of {', '.join(unknown)}: "
            f"a Binance pair ending in {', '.join(PAPER_QUOTES)} is needed"
        )
    if len(set(quotes.values())) > 1:
        listed = ", ".join(f"{s} in {q}" for s, q in quotes.items())
        raise ValueError(
            f"--symbols: one portfolio trades against one quote asset, these are priced in several ({listed})"
        )
    return next(q for q in quotes.values() if q is not None)


def describe_balances(cfg: RunConfig) -> str:
    return ", ".join(f"{v} {k}" for k, v in cfg.paper_balances.items())


async def build_venue(cfg: RunConfig) -> Venue:
    """The exchange broker for a live run (testnet, mainnet or the local exchange)."""
    if not (cfg.api_key and cfg.secret):
        raise ValueError(
            "live trading needs BINANCE_API_KEY and BINANCE_API_SECRET (testnet keys from "
            "https://testnet.binance.vision) in .env; or use --paper"
        )
    broker = BinanceBroker.connect(cfg.api_key, cfg.secret, cfg.rest_url, cfg.recv_window_ms)
    await broker.start()
    return broker

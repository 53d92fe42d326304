"""The journal's one schema (SQLAlchemy Core; SQLite or PostgreSQL), the same tables in every mode.

Two parts, one database, created and upgraded together (`create_or_upgrade`):

- The run record (`runs` ... `candles`), written by every mode (backtest, paper, live) through
  `execution.journal.Journal`. Insert-only: an order's life is its `orders` row (what was sent) plus
  `order_updates` rows (cancelled, expired, rejected) and `fills` rows; nothing is ever updated in
  place except a run's end (`runs.finished_ms`, `runs.final_equity`, `runs.status`). Every row
  carries `run_id`. Prices and quantities are REAL (analysis space); JSON columns are TEXT; epoch
  ms are EPOCH_MS (64-bit on every database).
- The position state (`live_*`), written by live trading's crash-only order path
  (`live.journal.LiveJournal`): the plans in force with their protection, every order's intent
  and venue state, the venue's fills. It outlives runs (a restart continues it) and is updated in
  place, one state change per transaction; decimals are exact TEXT. A backtest never writes it.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)

from aitrader.storage.columns import EPOCH_MS, ROW_ID

SCHEMA_VERSION = 1

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("run_id", String, primary_key=True),
    Column("mode", String, nullable=False),  # backtest | paper | live
    Column("strategy", String, nullable=False),
    Column("symbol", String, nullable=False),
    Column("timeframe", String, nullable=False),
    Column("started_ms", EPOCH_MS, nullable=False),  # wall clock when the run started
    Column("finished_ms", EPOCH_MS),
    Column("status", String, nullable=False),  # running | finished | failed
    Column("initial_equity", Float, nullable=False),
    Column("final_equity", Float),
    Column("params", Text, nullable=False, default="{}"),  # JSON
    Column("schema_version", Integer, nullable=False, default=SCHEMA_VERSION),
)

proposals = Table(
    "proposals",
    metadata,
    Column("id", Integer, primary_key=True),  # unique within the run (run_id, id)
    Column("run_id", String, primary_key=True),
    Column("bar", Integer, nullable=False),
    Column("time_ms", EPOCH_MS, nullable=False),  # decision time (close of the bar)
    Column("symbol", String, nullable=False),
    Column("strategy", String, nullable=False),
    Column("kind", String, nullable=False),  # enter | exit | adjust
    Column("side", String),  # BUY | SELL for entries
    Column("price", Float, nullable=False),
    Column("stop", Float),
    Column("targets", Text),  # JSON [[price, fraction], ...]
    Column("confidence", Float),
    Column("rationale", Text, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON {name: value}
)

verdicts = Table(
    "verdicts",
    metadata,
    Column("proposal_id", Integer, primary_key=True),
    Column("run_id", String, primary_key=True),
    Column("time_ms", EPOCH_MS, nullable=False),
    Column("approved", Boolean, nullable=False),
    Column("plan_id", String),
    Column("plan_version", Integer),
    Column("code", String),  # rejection code
    Column("message", Text, nullable=False),
)

plans = Table(
    "plans",
    metadata,
    Column("run_id", String, primary_key=True),
    Column("plan_id", String, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("proposal_id", Integer),
    Column("kind", String, nullable=False),  # open | adjust | close
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("quantity", Float, nullable=False),
    Column("entry_price", Float, nullable=False),
    Column("stop_price", Float),
    Column("targets", Text, nullable=False),  # JSON [[price, qty], ...]
    Column("risk_quote", Float, nullable=False),
    Column("risk_fraction", Float, nullable=False),
    Column("reward_risk", Float, nullable=False),
    Column("created_ms", EPOCH_MS, nullable=False),
    Column("strategy", String, nullable=False),
    Column("rationale", Text, nullable=False),
    Column("notes", Text, nullable=False),  # JSON [str]
)

orders = Table(
    "orders",
    metadata,
    Column("run_id", String, primary_key=True),
    Column("order_id", String, primary_key=True),
    Column("client_order_id", String, nullable=False),
    Column("role", String, nullable=False),  # entry | stop | target | exit | emergency_exit
    Column("intent", String, nullable=False),  # entry | exit
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("type", String, nullable=False),
    Column("quantity", Float),
    Column("quote_qty", Float),
    Column("price", Float),
    Column("stop_price", Float),
    Column("bar", Integer, nullable=False),
    Column("time_ms", EPOCH_MS, nullable=False),
)

order_updates = Table(
    "order_updates",
    metadata,
    Column("id", ROW_ID, primary_key=True, autoincrement=True),
    Column("run_id", String, nullable=False),
    Column("order_id", String, nullable=False),
    Column("status", String, nullable=False),  # CANCELED | EXPIRED | REJECTED | NEW (venue acks)
    Column("reason", Text, nullable=False),
    Column("bar", Integer, nullable=False),
    Column("time_ms", EPOCH_MS, nullable=False),
)

fills = Table(
    "fills",
    metadata,
    Column("id", ROW_ID, primary_key=True, autoincrement=True),
    Column("run_id", String, nullable=False),
    Column("order_id", String, nullable=False),
    Column("client_order_id", String, nullable=False),
    Column("role", String, nullable=False),
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("price", Float, nullable=False),
    Column("quantity", Float, nullable=False),
    Column("fee", Float, nullable=False),
    Column("is_maker", Boolean, nullable=False),
    Column("bar", Integer, nullable=False),
    Column("time_ms", EPOCH_MS, nullable=False),
)

trades = Table(
    "trades",
    metadata,
    Column("id", ROW_ID, primary_key=True, autoincrement=True),
    Column("run_id", String, nullable=False),
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("quantity", Float, nullable=False),
    Column("entry_bar", Integer, nullable=False),
    Column("entry_time", EPOCH_MS, nullable=False),
    Column("entry_price", Float, nullable=False),
    Column("exit_bar", Integer, nullable=False),
    Column("exit_time", EPOCH_MS, nullable=False),
    Column("exit_price", Float, nullable=False),
    Column("fees", Float, nullable=False),
    Column("pnl", Float, nullable=False),
    Column("exit_reason", String, nullable=False),
    Column("stop", Float),
    Column("target", Float),
    Column("strategy", String, nullable=False),
    Column("rationale", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", ROW_ID, primary_key=True, autoincrement=True),
    Column("run_id", String, nullable=False),
    Column("time_ms", EPOCH_MS, nullable=False),
    Column("kind", String, nullable=False),  # telemetry: run_started, breaker_tripped, reconnect, ...
    Column("payload", Text, nullable=False),  # JSON
)

candles = Table(
    "candles",
    metadata,
    Column("run_id", String, primary_key=True),
    Column("open_time", EPOCH_MS, primary_key=True),
    Column("open", Float, nullable=False),
    Column("high", Float, nullable=False),
    Column("low", Float, nullable=False),
    Column("close", Float, nullable=False),
    Column("volume", Float, nullable=False),
    Column("phase", String, nullable=False),  # warm (history before the stream) | live (as received)
    Column("decided", Boolean, nullable=False),  # live: the strategy was asked (False: came too late)
    Column("received_ms", EPOCH_MS),  # live: wall clock when the loop took it
)

Index("ix_proposals_symbol_time", proposals.c.symbol, proposals.c.time_ms)
Index("ix_trades_run_entry", trades.c.run_id, trades.c.entry_time)
Index("ix_fills_run_order", fills.c.run_id, fills.c.order_id)
Index("ix_updates_run_order", order_updates.c.run_id, order_updates.c.order_id)
Index("ix_events_run_time", events.c.run_id, events.c.time_ms)

# ---- position state (live, crash-only): plans in force, order intents, venue fills ------------------

live_plans = Table(
    "live_plans",
    metadata,
    Column("plan_id", String, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("status", String, nullable=False),  # pending_entry | open | closing | closed | abandoned
    Column("entry_cid", String, nullable=False),
    Column("qty", String, nullable=False),  # held quantity: entry_qty - closing executions - outside_qty
    Column("entry_price", String, nullable=False),
    Column("stop", String, nullable=False),
    Column("targets", Text, nullable=False),  # JSON [[price, fraction], ...]
    Column("list_cids", Text, nullable=False),  # JSON [listClientOrderId, ...] meant to protect `qty` now
    Column("strategy", String, nullable=False, default=""),
    Column("created_ms", EPOCH_MS, nullable=False),
    Column("updated_ms", EPOCH_MS, nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("entry_qty", String, nullable=False, default="0"),  # received by the entry, net of base fees
    Column("outside_qty", String, nullable=False, default="0"),  # sold by someone else (balance fell short)
    Column("retired_lists", Text, nullable=False, default="[]"),  # older lists still to cancel and settle
)

live_orders = Table(
    "live_orders",
    metadata,
    Column("cid", String, primary_key=True),
    Column("plan_id", String, nullable=False),
    Column("version", Integer, nullable=False),
    Column("leg", String, nullable=False),
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("type", String, nullable=False),
    Column("qty", String, nullable=False),
    Column("price", String, nullable=False, default=""),
    Column("stop_price", String, nullable=False, default=""),
    Column("status", String, nullable=False),  # INTENT | NEW | FILLED | CANCELED | REJECTED | UNKNOWN ...
    Column("exchange_order_id", String, nullable=False, default=""),
    Column("list_cid", String, nullable=False, default=""),
    Column("created_ms", EPOCH_MS, nullable=False),
    Column("updated_ms", EPOCH_MS, nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("executed", String, nullable=False, default="0"),  # executed base quantity, as the venue said
)

live_fills = Table(
    "live_fills",
    metadata,
    Column("key", String, primary_key=True),  # symbol:trade_id (or order id:cum qty when no trade id)
    Column("cid", String, nullable=False),
    Column("exchange_order_id", String, nullable=False),
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("price", String, nullable=False),
    Column("qty", String, nullable=False),
    Column("commission", String, nullable=False),
    Column("commission_asset", String, nullable=False),
    Column("time_ms", EPOCH_MS, nullable=False),
)

live_events = Table(
    "live_events",
    metadata,
    Column("id", ROW_ID, primary_key=True, autoincrement=True),
    Column("time_ms", EPOCH_MS, nullable=False),
    Column("kind", String, nullable=False),
    Column("detail", Text, nullable=False),
)

live_telemetry = Table(
    "live_telemetry",
    metadata,
    Column("id", ROW_ID, primary_key=True, autoincrement=True),
    Column("time_ms", EPOCH_MS, nullable=False),
    Column("record", Text, nullable=False),
)

_ADDED: dict[str, tuple[tuple[str, str], ...]] = {
    "live_plans": (("entry_qty", "'0'"), ("outside_qty", "'0'"), ("retired_lists", "'[]'")),
    "live_orders": (("executed", "'0'"),),
}


def create_or_upgrade(engine: Engine) -> None:
    """Create the missing tables of the one schema and add the columns an older journal lacks
    (values: the defaults). Every writer and the chat's reader see the same tables."""
    metadata.create_all(engine)
    insp = inspect(engine)
    have = {table: {col["name"] for col in insp.get_columns(table)} for table in _ADDED}
    with engine.begin() as c:
        for table, added in _ADDED.items():
            for name, default in added:
                if name not in have[table]:
                    c.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} TEXT NOT NULL DEFAULT {default}"))
        if "entry_qty" not in have["live_plans"]:  # an older journal: a plan holds what its entry gave it
            c.execute(text("UPDATE live_plans SET entry_qty = qty"))

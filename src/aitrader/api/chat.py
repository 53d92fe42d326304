"""`POST /api/chat`: the same read-only chat as `aitrader chat`, its offline engine (no LLM call, no
key needed), on the source's venue and journal. It never trades: its tools only read.

The engine is built on the first question (`agents.chat.factory.build_engine`, offline) and kept;
questions are answered one at a time in the thread pool (the venue is read over blocking REST): a
question asked while another is answered gets 429 at once (never a thread waiting on a lock), and
questions are rate-limited (`QUESTION_EVERY_S`, `QUESTION_BURST`; 429 with `Retry-After`), so
read access cannot spend the venue's per-IP request weight the bot itself needs.
Without keys for the venue, questions about the account are answered with what is missing, and
questions about the bot (its journal) still work.
"""

from __future__ import annotations

import math
import threading
import time
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from aitrader.agents.chat.models import SymbolView
from aitrader.agents.chat.sources import SourceError
from aitrader.api.limits import TokenBucket
from aitrader.api.sources.base import ChatTarget, Source

if TYPE_CHECKING:
    from aitrader.agents.chat.factory import ChatEngine
    from aitrader.domain.candles import Candles

MAX_QUESTION = 2000  # the offline engine reads no more (`agents.chat.offline.MAX_QUESTION_CHARS`)
QUESTION_EVERY_S = 2.0
QUESTION_BURST = 3
BUSY = "busy: one question at a time"
NO_KEYS = "the API has no read access to this venue's account (a paper run, or no keys were given)"


class Question(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION, description="A question in plain language.")


class ChatTable(BaseModel):
    title: str
    columns: list[str]
    rows: list[list[str]]


class Reply(BaseModel):
    answer: str
    table: ChatTable | None = None


class NoAccount:
    """Stands in for the venue account when the API has no keys for it (an `AccountSource`): the
    run's symbols are known, the account is not."""

    def __init__(self, symbols: tuple[str, ...] = ()) -> None:
        self._symbols = symbols

    def _no(self) -> Any:
        raise SourceError(NO_KEYS)

    def balances(self) -> Any:
        return self._no()

    def open_orders(self, symbol: str | None) -> Any:
        return self._no()

    def open_order_lists(self) -> Any:
        return self._no()

    def orders(self, symbol: str, since_ms: int | None) -> Any:
        return self._no()

    def trades(self, symbol: str, since_ms: int | None) -> Any:
        return self._no()

    def ticker(self, symbol: str) -> Any:
        return self._no()

    def symbols(self) -> list[SymbolView]:
        from aitrader.live.config import quote_asset

        out = []
        for symbol in self._symbols:
            quote = quote_asset(symbol)
            if quote is not None:
                out.append(SymbolView(symbol=symbol, base=symbol[: -len(quote)], quote=quote))
        return out

    def candles(self, symbol: str, interval: str, limit: int) -> Candles:
        return self._no()  # type: ignore[no-any-return]

    def server_time_ms(self) -> int:
        return time.time_ns() // 1_000_000


def build_chat(target: ChatTarget) -> ChatEngine:
    from aitrader.agents.chat.factory import ChatOptions, build_engine, open_account
    from aitrader.config import load_settings

    settings = load_settings(allow_mainnet=True)
    opts = ChatOptions(
        rest_url=target.rest_url, api_key=target.api_key, api_secret=target.api_secret,
        journal=target.journal, offline=True, strategy=target.strategy, interval=target.interval,
    )  # fmt: skip
    has_keys = bool(target.api_key and target.api_secret and target.rest_url)
    account = open_account(settings, opts) if has_keys else NoAccount(target.symbols)
    return build_engine(settings, opts, account=account)


def chat_router(source: Source, bucket: TokenBucket | None = None) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["chat"])
    lock = threading.Lock()
    engines: list[ChatEngine] = []
    questions = bucket if bucket is not None else TokenBucket(QUESTION_EVERY_S, QUESTION_BURST)

    @router.post(
        "/chat", summary="Ask the read-only chat about the account and the bot", response_model=Reply
    )
    def chat(body: Question) -> Reply:
        if not lock.acquire(blocking=False):  # one question at a time: the engine keeps the conversation
            raise HTTPException(429, BUSY, headers={"Retry-After": "1"})
        try:
            wait = questions.take()
            if wait is not None:
                after = max(1, math.ceil(wait))
                raise HTTPException(
                    429, f"too many questions: ask again in {after} s", headers={"Retry-After": str(after)}
                )
            if not engines:
                engines.append(build_chat(source.chat_target()))
            answer = engines[0].ask(body.question)
        finally:
            lock.release()
        table = answer.table
        return Reply(
            answer=answer.text,
            table=ChatTable(title=table.title, columns=table.columns, rows=table.rows) if table else None,
        )

    return router

"""The offline chat engine (default): no key, no network but the venue. Understands a question, calls
one read-only tool, and words the answer from the tool's result."""

from __future__ import annotations

import logging
from typing import Any, Literal

from aitrader.agents.chat.answer import ChatAnswer
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.debate_words import debate_role, debate_which
from aitrader.agents.chat.intent_model import IntentModel, preload
from aitrader.agents.chat.matcher import IntentMatcher
from aitrader.agents.chat.nlu import Understanding
from aitrader.agents.chat.parsed import Parsed
from aitrader.agents.chat.registry import ToolRejectedError, run_tool
from aitrader.agents.chat.render import render
from aitrader.agents.chat.sources import SourceError, VenueAuthError
from aitrader.agents.chat.unlisted_answer import unlisted_answer

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000
SCOPE = (
    "balances and the account's total value, open orders and OCO lists, order history, trades and "
    "realised P&L over a period, the bot's positions (stop, target, unrealised P&L), prices and 24h "
    "stats, symbol rules (tick size, min order), market analysis (trend, regime, what would make the "
    "strategy enter), the bot's status, risk usage, why a trade was or wasn't made, and what the last "
    "debate (analysts, bull, bear, arbiter) or LLM adviser deliberated"
)
HELP = (
    f"I can answer questions about {SCOPE}. Try: 'what is my BTC balance?', 'open orders on ETHUSDT', "
    "'did we make money today?', 'why did you buy?', 'what's bitcoin at?'. I only read: I never place, "
    "cancel or change orders."
)
OUT_OF_SCOPE = f"Sorry, that is outside what I know. I can answer questions about {SCOPE}."
NO_TRADING = (
    "I can't do that: chat is read-only. It can't place, cancel or change orders, move or withdraw "
    "funds, or change the bot's settings; orders only go through the bot's risk gate. I can show your "
    "open orders, positions, balances or risk usage instead."
)


def tool_call(p: Parsed, question: str = "") -> tuple[str, dict[str, Any]]:
    """The tool and arguments that answer a parsed question (`question`, as asked: whose words a
    debate question wants)."""
    period = p.period.label if p.period else None
    match p.intent:
        case "balance":
            return "get_balances", {"asset": p.asset}
        case "open_orders":
            return "get_open_orders", {"symbol": p.symbol, "side": p.side}
        case "order_lists":
            return "get_order_lists", {"symbol": p.symbol}
        case "account_value":
            return "get_account_value", {"quote": p.quote}
        case "order_history":
            return "get_order_history", {
                "symbol": p.symbol,
                "period": period,
                "order_id": p.order_id,
                "side": p.side,
                "status": p.status,
                "limit": p.limit,
            }
        case "trades" | "pnl":
            return "get_trades", {
                "symbol": p.symbol,
                "period": period,
                "side": p.side if p.intent == "trades" else None,
                "limit": p.limit if p.intent == "trades" else None,
            }
        case "price":
            return "get_ticker", {"symbol": p.symbol, "amount": p.amount}
        case "symbol_info":
            return "get_symbol_info", {"symbol": p.symbol}
        case "positions":
            return "get_positions", {"symbol": p.symbol}
        case "bot_status":
            return "get_bot_status", {}
        case "risk":
            return "get_risk_usage", {}
        case "why":
            return "explain_trade", {"order_id": p.order_id, "symbol": p.symbol, "side": p.side}
        case "why_not":
            return "explain_no_trade", {"symbol": p.symbol, "period": period}
        case "analysis":
            return "get_market_analysis", {"symbol": p.symbol}
        case "debate":
            low = question.lower()
            return "get_debate", {"symbol": p.symbol, "role": debate_role(low), "which": debate_which(low)}
    raise ValueError(f"no tool answers intent {p.intent!r}")


class OfflineEngine:
    name = "offline"

    def __init__(
        self,
        ctx: ToolContext,
        matcher: IntentMatcher | None = None,
        model: IntentModel | Literal[False] | None = None,
    ) -> None:
        self.ctx = ctx
        self._matcher = matcher
        self._model = model
        if model is None:
            preload()
        self._nlu: Understanding | None = None
        self._question = ""
        self._debate_role: str | None = None  # whose words the last debate question asked for

    @property
    def nlu(self) -> Understanding:
        if self._nlu is None:
            self._nlu = Understanding(self.ctx.universe, self._matcher, self._model)
        return self._nlu

    def reset(self) -> None:
        """Forget the conversation (follow-ups start fresh)."""
        self._nlu = None

    def ask(self, question: str) -> ChatAnswer:
        """The answer to one question; a venue that cannot be reached gives an "error" answer, and no
        question, however odd, ends an interactive session."""
        try:
            return self._ask(question)
        except VenueAuthError as exc:
            return ChatAnswer(text=str(exc), intent="error", engine=self.name)
        except SourceError as exc:
            return ChatAnswer(text=f"I couldn't reach the venue: {exc}", intent="error", engine=self.name)
        except Exception as exc:  # a bug: said in one line, the session goes on
            log.exception("chat: the offline engine failed on a question")
            text = f"Sorry, I couldn't answer that ({type(exc).__name__}); please ask it another way."
            return ChatAnswer(text=text, intent="error", engine=self.name)

    def follow(self, question: str) -> None:
        """Understand `question` without answering it (no tool runs): the conversation's context stays
        in step while another engine answers."""
        self.nlu.parse(question, self.ctx.now_ms())

    def _ask(self, question: str) -> ChatAnswer:
        question = question[:MAX_QUESTION_CHARS]  # a question, not a document: the rest is not read
        self._question = question
        self.ctx.new_question()
        p = self.nlu.parse(question, self.ctx.now_ms())
        if p.intent == "multi":
            parts = [self._answer(part) for part in p.parts]
            return ChatAnswer(
                text="\n\n".join(a.text for a in parts),
                intent="multi",
                engine=self.name,
                parts=parts,
                table=next((a.table for a in parts if a.table is not None), None),
            )
        return self._answer(p)

    def _answer(self, p: Parsed) -> ChatAnswer:
        score = round(p.match.score, 3) if p.match else None
        base = ChatAnswer(text="", intent=p.intent, entities=p.entities(), score=score, engine=self.name)
        if p.intent == "clarify":
            return base.model_copy(update={"text": p.question, "clarification": True})
        if p.intent == "unlisted":
            return base.model_copy(update={"text": unlisted_answer(self.ctx, p)})
        if p.intent == "out_of_scope":
            return base.model_copy(update={"text": OUT_OF_SCOPE})
        if p.intent == "trade_request":
            return base.model_copy(update={"text": NO_TRADING})
        if p.intent == "help":
            return base.model_copy(update={"text": HELP})
        name, args = tool_call(p, self._question)
        if name == "get_debate":  # "what did the bear say?" -> "and on eth?": still the bear's words
            args["role"] = args["role"] or (self._debate_role if p.carried else None)
            self._debate_role = args["role"]
        try:
            out = run_tool(self.ctx, name, {k: v for k, v in args.items() if v is not None})
        except VenueAuthError:
            raise
        except (SourceError, ToolRejectedError) as exc:
            return base.model_copy(update={"text": f"I couldn't get that: {exc}", "tool": name})
        text, table = render(out, p.intent)
        return base.model_copy(
            update={"text": text, "table": table, "tool": name, "data": out.model_dump(mode="json")}
        )

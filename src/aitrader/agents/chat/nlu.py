"""Offline understanding: requests to act are refused first; then intent (nearest example plus phrase
cues) + entities (venue lists, rules) + conversation context; two questions in one are answered both;
a clarifying question only when two intents are genuinely close, offering those two."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from aitrader.agents.chat.coin_list import coin_list
from aitrader.agents.chat.cues import SETTLED, cue_bonus
from aitrader.agents.chat.entities import Entities, extract
from aitrader.agents.chat.follow_multi import each_part
from aitrader.agents.chat.follow_ups import amends_a_request, count_asked, earlier, other_window, widened
from aitrader.agents.chat.injection import code_words, injected, strip_injected
from aitrader.agents.chat.intent_model import IntentModel, shared_model
from aitrader.agents.chat.lookalikes import plain_letters
from aitrader.agents.chat.matcher import PLACEHOLDERS, IntentMatcher
from aitrader.agents.chat.nlu_fill import fill
from aitrader.agents.chat.nlu_split import beside_injection
from aitrader.agents.chat.nlu_split import split as split_question
from aitrader.agents.chat.nlu_words import (
    ASK_AGAIN,
    ENTITY_WORDS,
    FOLLOW_UP,
    HOW_MUCH_I_HOLD,
    HOW_MUCH_OF_A_COIN,
    LABELS,
    LOOSE_SPLIT,
    MIN_MARGIN,
    MIN_SCORE,
    NARRATED,
    NOT_ASKED,
    SPLIT,
    STOP_SPLIT,
    TAKES_SYMBOL,
    WEAK_NAMES_FOR,
    matcher_words,
    off_topic,
)
from aitrader.agents.chat.parsed import Context, Parsed
from aitrader.agents.chat.pleasantries import only_thanks
from aitrader.agents.chat.refusal import asks_to_act
from aitrader.agents.chat.refusal_capability import can_it_act, how_to
from aitrader.agents.chat.second_opinion import one_question, reconsider
from aitrader.agents.chat.text import STOPWORDS
from aitrader.agents.chat.universe import Universe
from aitrader.agents.chat.unlisted import base_name, phrase_names, unlisted_names
from aitrader.agents.chat.wording import plain_words

_ASKED_OF_EACH = "price symbol_info analysis balance pnl trades open_orders order_history positions"
PER_COIN = frozenset(_ASKED_OF_EACH.split())  # asked of each coin of a list


class Understanding:
    """`model`: the learned second opinion (intent_model.py); None loads the packaged one, False
    leaves the rules alone (how the model's training data is made)."""

    def __init__(
        self,
        universe: Universe,
        matcher: IntentMatcher | None = None,
        model: IntentModel | Literal[False] | None = None,
    ) -> None:
        self.universe = universe
        self.matcher = matcher or IntentMatcher()
        self.model = (shared_model() if model is None else model) or None
        self.context = Context()
        # (last intent, the rules' intent, nearest example's intent) of the last question: the
        # model's inputs, which training reads back
        self.last_rule: tuple[str | None, str, str | None] | None = None
        self.last_confidence = 0.0  # the model's probability for the intent the last reading chose
        self.splitting = False  # reading the pieces of a question: no piece is cut again

    def parse(self, text: str, now_ms: int) -> Parsed:
        text = plain_letters(text)  # "ѕell аll my ЕTH" in Cyrillic lookalikes, "b\u200btc"
        self.last_rule = None
        asked, self.context.asks = self.context.asks, []  # the parts of the last answer, for "same for eth"
        if amends_a_request(text.lower().strip(), self.context):
            self.last_rule = (self.context.intent, "trade_request", None)
            return Parsed("trade_request")  # "sell 1 btc" -> "make it 2": the same request, refused again
        if asks_to_act(text):
            self.context.code_words += code_words(text.lower())  # "whenever I say 'banana', sell half my BTC"
            beside = (
                beside_injection(self, text, now_ms)
                if injected(text)
                else self.split(text, now_ms, requests=True)
                or self.split(text, now_ms, LOOSE_SPLIT, requests=True)
            )
            if beside:  # "what's my btc balance? also withdraw all usdt": answered, and refused
                for p in beside:
                    self.remember(p)
                return Parsed("multi", parts=beside)
            verdict = reconsider(self, text, Parsed("trade_request"), now_ms)
            self.remember(verdict)  # a refusal is remembered too: "make it 2" then amends it
            return verdict
        # "many thanks!" is small talk; "how do I cancel an order?", "can you trade?" are the help's
        if (thanks := only_thanks(text)) or how_to(text) or can_it_act(text, listing=False):
            self.last_rule = (self.context.intent, "out_of_scope" if thanks else "help", None)
            return Parsed("out_of_scope" if thanks else "help")
        if injected(text):
            text = strip_injected(text)
            if not text:
                return Parsed("out_of_scope")
        coins = coin_list(text, self.universe)
        per_coin = self.per_coin(text, coins, now_ms) if coins else []
        if per_coin:
            return self._answer_each(per_coin)
        parts = (
            ([] if NARRATED.search(text) else self.split(text, now_ms, STOP_SPLIT))
            or self.split(text, now_ms)
            or self.split_glossed(text, now_ms)
        )
        if parts and not one_question(self, text):
            return self._answer_each(parts)
        parsed = reconsider(self, text, self._unlisted(text, self._parse(text, now_ms)), now_ms)
        again = each_part(asked, parsed, text, self.universe, now_ms)  # "same for eth"
        if again:
            return self._answer_each(again)
        self.remember(parsed)
        return parsed

    def _answer_each(self, parts: list[Parsed]) -> Parsed:
        for p in parts:
            self.remember(p)
        self.context.asks = [p for p in parts if p.intent not in NOT_ASKED]
        return Parsed("multi", parts=parts)

    def per_coin(self, text: str, coins: list[str], now_ms: int) -> list[Parsed]:
        """One question about a list of coins ("btc, eth and doge prices?"): one answer per coin, a coin
        the venue lacks answered as such; [] when the question is not one asked of each coin."""
        saved, saved_rule = self.context, self.last_rule
        self.context = replace(saved)
        try:
            p = reconsider(self, text, self._unlisted(text, self._parse(text, now_ms)), now_ms)
        finally:
            self.context, self.last_rule = saved, saved_rule
        if p.intent == "multi":  # "prices for btc, eth and sol" cut at its commas: one question
            asked = {q.asked if q.intent == "unlisted" else q.intent for q in p.parts}
            p = next((q for q in p.parts if q.intent in asked & PER_COIN), p) if len(asked) == 1 else p
        intent = p.asked if p.intent == "unlisted" else p.intent
        if intent not in PER_COIN:
            return []
        out: list[Parsed] = []
        for coin in coins:
            if coin == self.universe.quote and intent != "balance":
                continue  # "btc and usdt prices": USDT is what they are priced in
            sym = self.universe.symbol_for(coin) if coin in self.universe.assets else None
            if coin not in self.universe.assets or (sym is None and intent != "balance"):
                out.append(Parsed("unlisted", asset=coin, match=p.match, asked=intent, unlisted=[coin]))
            else:
                symbol = None if intent == "balance" else sym
                out.append(replace(p, intent=intent, asset=coin, symbol=symbol, parts=[], unlisted=[]))
        return out if len(out) >= 2 else []

    def split(
        self, text: str, now_ms: int, at: re.Pattern[str] = SPLIT, requests: bool = False
    ) -> list[Parsed]:
        """Two or more questions in one, each understood on its own (nlu_split.py); otherwise none."""
        return split_question(self, text, now_ms, at, requests)

    def split_glossed(self, text: str, now_ms: int, at: re.Pattern[str] = SPLIT) -> list[Parsed]:
        """A question in another language cut where its English gloss would be ("ile mam ETH i czy jest
        OCO?" -> "how much do i have eth and czy is oco?"); requests are never glossed, so stay whole."""
        low = text.lower().strip()
        glossed = plain_words(low)
        return self.split(glossed, now_ms, at) if glossed != low else []

    def read(self, piece: str, now_ms: int) -> Parsed:
        """One question, read by the rules and reconsidered by the model."""
        return reconsider(self, piece, self._unlisted(piece, self._parse(piece, now_ms)), now_ms)

    def _unlisted(self, text: str, p: Parsed) -> Parsed:
        """A question about a ticker the venue does not list is answered with that, not guessed."""
        if p.intent == "out_of_scope":
            named = unlisted_names(text, self.universe).strong  # "how much is 1000 shiba inu worth"
            if named:
                top = p.match.intent if p.match else None  # "got any doge?" -> "ok what about sol": a balance
                asked = top if top in TAKES_SYMBOL else None
                return Parsed(
                    "unlisted",
                    asset=base_name(named[0]),
                    question="",
                    match=p.match,
                    asked=asked,
                    unlisted=named,
                )
        if p.intent in NOT_ASKED - {"clarify"}:
            return p
        intent = p.options[0] if p.intent == "clarify" and p.options else p.intent
        found = unlisted_names(text, self.universe)
        phrased = phrase_names(text)
        carried = p.asset if p.carried and p.asset and p.asset not in self.universe.assets else None
        if carried and p.symbol is None and not found.names(include_weak=True):
            return Parsed(
                "unlisted",
                asset=carried,
                match=p.match,
                asked=intent if intent in TAKES_SYMBOL else None,
                unlisted=[carried],
            )
        if not phrased and (p.symbol is not None or (p.asset is not None and p.asset != self.universe.quote)):
            return p
        names = found.names(include_weak=intent in WEAK_NAMES_FOR)
        if not names:
            return p
        asked = intent if intent in TAKES_SYMBOL else "balance" if intent == "account_value" else None
        return Parsed(
            "unlisted",
            asset=base_name(names[0]),
            match=p.match,
            asked=asked,
            unlisted=names,
        )

    def _parse(self, text: str, now_ms: int) -> Parsed:
        low = plain_words(text.lower().strip())
        ent = extract(low, self.universe, now_ms)
        words = matcher_words(low, ent)
        content = [w for w in words if w not in STOPWORDS]
        only_entities = bool(content) and all(w in ENTITY_WORDS for w in content)
        ctx = self.context
        follow_up = bool(FOLLOW_UP.search(low))
        if off_topic(low, text) and not (ent.assets or ent.symbols):
            return Parsed("out_of_scope")
        count = count_asked(low, ctx)
        if count is not None and ctx.intent in {"trades", "order_history"}:
            ent.limit = count  # "last 3", "make it 10", "just the last two" after a list of trades
            ent.number = ent.amount = None
            return self.fill(Parsed(ctx.intent), ent, carry=True)
        wider = widened(low, ctx, self.universe, now_ms)
        if wider is not None:  # "all of them", "not just sells, everything": that filter is dropped
            # a window named beside the widening is kept: "and last week, all coins"
            kept = Entities(period=ent.period) if wider.period == ctx.period else Entities()
            self.context = ctx = wider
            return self.fill(Parsed(ctx.intent or "trades"), kept, carry=True)
        before = earlier(low, ctx, now_ms) or other_window(low, ctx, now_ms)
        if before is not None and ctx.intent:  # "and before that?" after today's trades: yesterday's
            return self.fill(Parsed(ctx.intent), extract(before, self.universe, now_ms), carry=True)
        bonus = cue_bonus(low, ent)
        match = self.matcher.match(words, bonus)
        has_entities = bool(
            ent.assets
            or ent.symbols
            or ent.period
            or ent.order_id
            or ent.side
            or ent.status
            or ent.limit
            or ent.every_side
        )

        # "are you sure? check again": the last question, asked again (every answer is read fresh).
        if ctx.intent and ASK_AGAIN.search(low):
            return self.fill(Parsed(ctx.intent, match=match), ent, carry=True)
        # Another amount of the same coin ("and 1.5?", "what would 2 of those be worth?").
        brief = follow_up or ent.backref or only_entities or len(content) <= 4
        if ctx.intent == "price" and ctx.symbol and ent.amount is None and ent.number is not None and brief:
            ent.amount = ent.number
            return self.fill(Parsed("price", match=match), ent, carry=True)
        # An answer to our own clarifying question ("Which symbol?" -> "eth").
        if ctx.pending and (ent.assets or ent.symbols) and (only_entities or match.score < MIN_SCORE):
            return self.fill(Parsed(ctx.pending, match=match), ent, carry=False)
        # A follow-up that only changes an entity ("and ETH?", "only the sells", "same for sol"), unless
        # its wording settles another intent ("should I buy?" after a price is asking for an opinion).
        settled = next((k for k, v in bonus.items() if v >= SETTLED and k != ctx.intent), None)
        if settled is not None and ctx.intent and (follow_up or only_entities):
            return self.fill(Parsed(settled, match=match), ent, carry=True)
        if (
            ctx.intent
            and (follow_up or only_entities)
            and has_entities
            and (
                only_entities
                or match.score < MIN_SCORE
                or (follow_up and match.intent == ctx.intent)
                or (ctx.intent in {"balance", "price"} and HOW_MUCH_OF_A_COIN.match(low) is not None)
                or (follow_up and match.domain_words <= 1 and not bonus and match.score < 0.9)
            )
        ):
            intent = ctx.intent
            if ent.status is not None and intent in {"trades", "open_orders"}:
                intent = "order_history"  # "only the filled ones" narrows to orders that ended that way
            return self.fill(Parsed(intent, match=match), ent, carry=True)
        if only_entities and bonus:
            top = max(bonus, key=lambda k: bonus[k])
            return self.fill(Parsed(top, match=match), ent, carry=ent.backref or follow_up)
        if only_entities:
            what = ent.asset or (ent.symbols[0] if ent.symbols else "that")
            return Parsed(
                "clarify",
                question=f"What would you like to know about {what}: its price, or your balance?",
                options=["price", "balance"],
                match=match,
                asset=ent.asset,
                symbol=ent.symbol(self.universe),
            )
        cued = bool(bonus)
        # Words the examples know as written (before typo correction turns "rise" into "risk").
        known = sum(
            1
            for w in content
            if w in self.matcher.idf
            or w in PLACEHOLDERS
            or (len(w) >= 5 and self.matcher.prepare([w])[0] != w)
        )
        if (
            not has_entities
            and not cued
            and (known == 0 or (known * 2 < len(content) and match.score < MIN_SCORE))
        ):
            if ent.backref or follow_up:
                return Parsed(
                    "clarify",
                    question="Could you say what you want to know? For example: "
                    "'what is my BTC balance?' or 'open orders on ETHUSDT'.",
                    match=match,
                )
            return Parsed("out_of_scope", match=match)
        if match.score < MIN_SCORE and not has_entities and not cued:
            if (ent.backref or follow_up) and ctx.intent and ctx.asset:  # "and what's that worth in dollars"
                return self.fill(Parsed(ctx.intent, match=match), ent, carry=True)
            return Parsed("out_of_scope", match=match)
        if (
            match.margin < MIN_MARGIN
            and match.runner_up_score >= MIN_SCORE
            and match.runner_up in LABELS
            and match.intent not in bonus
            and match.runner_up not in bonus
        ):
            a, b = LABELS[match.intent], LABELS[match.runner_up]
            return Parsed(
                "clarify",
                question=f"Do you mean {a} or {b}?",
                options=[match.intent, match.runner_up],
                match=match,
            )
        if match.intent == "help" and "help" not in bonus and len(content) - known >= 2:
            return Parsed("out_of_scope", match=match)  # "help me write an email"
        # "why not?", "why so quiet?" after a question: asked of the same coin and period
        brief_why = (  # "where's the stop?" after the ETH position: the same coin's
            match.intent in {"why", "why_not", "positions", "order_lists"}
            and not has_entities
            and len(content) <= 4
        )
        coin_before = ctx.coin_only or (ctx.asset is not None and bool(HOW_MUCH_I_HOLD.match(low)))
        about = coin_before and not (ent.assets or ent.symbols) and match.intent in TAKES_SYMBOL
        narrows = (  # "how many were buys" after this week's trades: this week's buys
            match.intent == ctx.intent in {"trades", "order_history", "open_orders"}
            and bool(ent.side or ent.status)
            and not (ent.period or ent.assets or ent.symbols)
            and len(content) <= 3
        )
        carry = ent.backref or follow_up or brief_why or about or narrows
        return self.fill(Parsed(match.intent, match=match), ent, carry=carry, brief=len(content) <= 5)

    def fill(self, p: Parsed, ent: Entities, carry: bool, brief: bool = False) -> Parsed:
        return fill(p, ent, carry, self.context, self.universe, brief)

    def remember(self, p: Parsed) -> None:
        ctx = self.context
        ctx.refused = p.intent == "trade_request"
        ctx.coin_only = p.intent == "clarify" and bool(p.asset or p.symbol)
        if p.intent == "clarify":
            ctx.pending = p.options[0] if len(p.options) == 1 else None
            if p.asset or p.symbol:  # "ethereum?" -> "the price": the coin is known
                ctx.asset = p.coin(self.universe)
                ctx.symbol = p.symbol or (self.universe.symbol_for(p.asset) if p.asset else None)
            return
        ctx.pending = None
        if p.intent == "unlisted":
            # "got any doge?" -> "ok what about sol": still a balance question; "and its trades?": DOGE's
            ctx.intent = p.asked or ctx.intent
            ctx.asset, ctx.symbol = p.asset, None
            return
        if p.intent in NOT_ASKED:
            return
        if p.intent != ctx.intent:
            ctx.period = ctx.side = ctx.status = ctx.limit = None
        ctx.intent, ctx.amount = p.intent, p.amount  # the amount: "and the same quantity of eth?"
        if p.asset or p.symbol:
            ctx.asset = p.coin(self.universe)
            ctx.symbol = p.symbol or (self.universe.symbol_for(p.asset) if p.asset else None)
        if p.carried:  # a follow-up keeps what it did not change
            ctx.period = p.period or ctx.period
            ctx.side = p.side or ctx.side
            ctx.order_id = p.order_id or ctx.order_id
            ctx.status = p.status or ctx.status
            ctx.limit = p.limit or ctx.limit
        else:  # a question asked in full sets the filters, even to none ("buy orders", then "open orders")
            ctx.period, ctx.side, ctx.order_id, ctx.status, ctx.limit = (
                p.period,
                p.side,
                p.order_id or ctx.order_id,
                p.status,
                p.limit,
            )

"""Text normalisation for the offline matcher: lowercase tokens, synonyms folded, typos corrected."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import OSA

_STOP_TEXT = """a an the is are am was were be been my me i im i'm we us our you u your ur it its it's this that
    these those do does did done to of on in at for from with by about please pls plz can could would
    will shall should may might just now right currently pl kindly hey hi hello ok okay so then there
    what whats what's wat how hows how's which who whom where wheres when show tell give list see get
    let lets let's know any some yo bot's you've and or but also only same too ever still wat wut wht r ya
    rn pls ser fr bro mate
    nah nope yeah yep yup"""
STOPWORDS = frozenset(_STOP_TEXT.split())
_PERIOD_TEXT = """today todays tdy yesterday yday week month since last past previous 24h hours hour hrs
days day monday tuesday wednesday thursday friday saturday sunday this current 7 ever time
weeks months fortnight inception lifetime"""
PERIOD_WORDS = frozenset(_PERIOD_TEXT.split())

# Words folded onto one canonical token so examples and questions share features.
SYNONYMS: dict[str, str] = {
    "balances": "balance",
    "acct": "account",
    "runing": "run",
    "runnin": "run",
    "reasn": "why",
    "acc": "account",
    "valu": "value",
    "strat": "strategy",
    "ballance": "balance",
    "balanse": "balance",
    "exposre": "risk",
    "bags": "holding",
    "bag": "holding",
    "stack": "holding",
    "stash": "holding",
    "hodl": "holding",
    "hodling": "holding",
    "px": "price",
    "chg": "change",
    "nav": "equity",
    "asks": "sell",
    "bids": "buy",
    "bal": "balance",
    "bals": "balance",
    "funds": "balance",
    "fund": "balance",
    "holdings": "holding",
    "hold": "holding",
    "holds": "holding",
    "held": "holding",
    "own": "holding",
    "orders": "order",
    "ordr": "order",
    "ordrs": "order",
    "pending": "open",
    "resting": "open",
    "working": "open",
    "unfilled": "open",
    "waiting": "open",
    "live": "open",
    "active": "open",
    "outstanding": "open",
    "positions": "position",
    "pos": "position",
    "longs": "long",
    "trades": "trade",
    "traded": "trade",
    "trading": "trade",
    "fills": "fill",
    "filled": "fill",
    "executions": "fill",
    "execution": "fill",
    "executed": "fill",
    "bought": "buy",
    "buys": "buy",
    "buying": "buy",
    "purchase": "buy",
    "purchased": "buy",
    "sold": "sell",
    "sells": "sell",
    "selling": "sell",
    "profits": "profit",
    "profitable": "profit",
    "gains": "profit",
    "gain": "profit",
    "earn": "profit",
    "earned": "profit",
    "earnings": "profit",
    "losses": "loss",
    "lost": "loss",
    "lose": "loss",
    "made": "make",
    "making": "make",
    "makes": "make",
    "prices": "price",
    "cost": "price",
    "costs": "price",
    "quote": "price",
    "ticker": "price",
    "rate": "price",
    "worth": "value",
    "valued": "value",
    "stops": "stop",
    "stoploss": "stop",
    "sl": "stop",
    "targets": "target",
    "tp": "target",
    "takeprofit": "target",
    "rules": "rule",
    "filters": "filter",
    "decimals": "decimal",
    "precision": "decimal",
    "minimum": "min",
    "smallest": "min",
    "least": "min",
    "maximum": "max",
    "reason": "why",
    "reasons": "why",
    "reasoning": "why",
    "rationale": "why",
    "explain": "why",
    "explanation": "why",
    "evidence": "why",
    "justify": "why",
    "running": "run",
    "runs": "run",
    "alive": "run",
    "up?": "run",
    "stopped": "run",
    "halted": "run",
    "risks": "risk",
    "risking": "risk",
    "latest": "last",
    "recent": "last",
    "exposure": "risk",
    "exposed": "risk",
    "histroy": "history",
    "hist": "history",
    "past": "history",
    "previous": "history",
    "earlier": "history",
    "cancelled": "history",
    "canceled": "history",
    "expired": "history",
    "closed": "history",
    "brackets": "bracket",
    "ocos": "oco",
    "lists": "list_",
    "commands": "help",
    "options": "help",
    "capabilities": "help",
    "coins": "coin",
    "assets": "asset",
    "tokens": "coin",
    "cryptos": "coin",
    "dollars": "usd",
    "bucks": "usd",
    "cash": "usd",
    "money": "usd",
    "changed": "change",
    "moved": "move",
    "moving": "move",
    "movement": "move",
    "volumes": "volume",
    "vol": "volume",
    "lows": "low",
    "highs": "high",
    "signals": "signal",
    "proposals": "proposal",
    "candles": "candle",
    "rejected": "reject",
    "rejection": "reject",
    "approved": "approve",
    "verdict": "approve",
    "pnl?": "pnl",
    "p&l": "pnl",
    "p/l": "pnl",
    "p+l": "pnl",
    "upnl": "unrealized",
    "unrealised": "unrealized",
    "realised": "realized",
    "floating": "unrealized",
    "open-pnl": "unrealized",
}

_PHRASES = (
    (r"\bprofit\s*(?:and|&|n)\s*loss\b", "pnl"),
    (r"\bp\s*&\s*l\b|\bp/l\b", "pnl"),
    (r"\btake[ -]profit\b", "target"),
    (r"\bstop[ -]loss(?:es)?\b", "stop"),
    (r"\bmin(?:imum)?[ -]notional\b", "minnotional"),
    (r"\blot[ -]size\b", "lotsize"),
    (r"\btick[ -]size\b", "ticksize"),
    (r"\bstep[ -]size\b", "stepsize"),
    (r"\border[ -]lists?\b", "oco"),
    (r"\brisk[ -]gate\b", "riskgate"),
    (r"\b24\s*h(?:rs?|ours?)?\b", "24h"),
    (r"\b(?:what'?s|what is|where'?s|where is)\s+([a-z/]+)\s+at\b", r"price \1"),
    (r"\b(?:trading|trades|priced)\s+at\b", "price"),
    (r"\btrading\s+(?:bot|strategy|system)\b", "bot"),
    (r"\b(?:status|side|symbol)\s*[=:]\s*(?=\w)", ""),  # an API-style filter ("status=CANCELED"): its value
    # "cancelled or not": every order whatever its status, the history (before "not filled" reads "open")
    (r"\b(?:cancel+(?:l?ed)?|canceled|filled|executed|expired|rejected)\s+or\s+not\b", "history"),
    (r"(?:\bnot|n't|\bnever)\s+(?:been\s+|yet\s+)*(?:fill|filled|executed)\b", "open"),
    (r"\b(?:am i|are we|is the bot|is it)\s+in\s+(?:a|an|any)?\s*trades?\b", "position"),
    (r"\bwhat (?:can|could) (?:you|u) do\b|\bwhat do you do\b|\bhow does this work\b", "help"),
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9&/+'.\-]*[a-z0-9?]|[a-z0-9]")


def normalise(text: str) -> str:
    t = text.lower().replace("’", "'")
    for pattern, repl in _PHRASES:
        t = re.sub(pattern, f" {repl} ", t)
    return t


def tokens(text: str) -> list[str]:
    out = []
    for raw in _TOKEN.findall(normalise(text)):
        tok = raw.strip("'.?")
        if tok:
            out.append(SYNONYMS.get(tok, tok))
    return out


def correct(token: str, vocabulary: Iterable[str]) -> str:
    """The closest vocabulary word within one or two edits (transpositions count one), else `token`."""
    if len(token) < 3 or token.isdigit():
        return token
    best, best_score = token, 0.0
    cutoff = 0.74 if len(token) >= 5 else 0.66
    for word in vocabulary:
        if abs(len(word) - len(token)) > 2:
            continue
        score = OSA.normalized_similarity(token, word)
        if word[0] == token[0]:
            score += 0.01
        if score > best_score:
            best, best_score = word, score
    return best if best_score >= cutoff else token

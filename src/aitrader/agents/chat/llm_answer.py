"""Is the model's final text fit to show? Not empty, no terminal control or invisible characters, no
word mixing alphabets (a Cyrillic "а" hides "cancelled" from a pattern), no link (nothing here needs
one; a link is how phishing starts), not a wall of text, no claim of an action, and every figure
grounded in this question's tool results. Anything else is an `LlmFallback` with the reason; the
offline engine answers instead."""

from __future__ import annotations

import re
import unicodedata

from aitrader.agents.chat.grounding import ungrounded
from aitrader.agents.chat.llm_claims import action_claim
from aitrader.agents.chat.llm_facts import Evidence
from aitrader.agents.chat.llm_fallback import LlmFallback
from aitrader.agents.chat.llm_figures import Vocabulary

MAX_ANSWER_CHARS = 4000
# C0 (but tab and newline), DEL, C1, soft hyphen, zero-width characters, and the bidi controls that can
# make a terminal show other text than was sent
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_MIXED = re.compile(r"(?=\w*[A-Za-z])(?=\w*[\u0370-\u03ff\u0400-\u052f])\w+")
_LINK = re.compile(r"(?i)\b(?:https?|ftp|file)://|\bwww\.[a-z0-9-]+\.|\]\(")


def vet_answer(content: str | None, evidence: Evidence, vocabulary: Vocabulary) -> str:
    """The text to show, or LlmFallback saying why it may not be shown."""
    text = (content or "").replace("\r\n", "\n").strip()
    if not text:
        raise LlmFallback("the LLM sent an empty reply")
    if _CONTROL.search(text):
        raise LlmFallback("the LLM reply holds control characters")
    if _MIXED.search(text):
        raise LlmFallback("the LLM reply mixes alphabets within a word")
    if _LINK.search(text):
        raise LlmFallback("the LLM reply holds a link")
    if len(text) > MAX_ANSWER_CHARS:
        raise LlmFallback(f"the LLM reply is longer than {MAX_ANSWER_CHARS} characters")
    claim = action_claim(unicodedata.normalize("NFKC", text))  # full-width letters read as plain ones
    if claim is not None:
        raise LlmFallback(f'the LLM reply claims an action ("{claim}"); chat cannot act')
    missing = ungrounded(text, evidence, vocabulary)
    if missing:
        shown = ", ".join(f'"{m[:40]}"' for m in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise LlmFallback(f"the LLM reply states figures no tool returned: {shown}{more}")
    return text

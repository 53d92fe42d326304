"""Which piece of a message that asks to act is a question of its own, answered beside the refusal."""

from __future__ import annotations

import re

# A question asked beside a request ("check my eth balance then sell half of it"), not a remark ("it
# feels stuck") or a condition ("if btc drops below 90k"): it opens as a question or a request to show,
# or it ends with a question mark.
_QUESTION_OPENING = re.compile(
    r"\W*(?:(?:ok|okay|so|pls|please|and|also|first|quickly|then)[\s,]+)*(?:what|whats|what's|how|hows|how's|is|are|"
    r"any|show|tell|give|list|did|do|does|where|which|who|why|can|could|would|was|were|has|have|check|get|fetch|see|"
    r"summari[sz]e|display|pull\s+up|print|confirm|provide|report|remind\s+me|let\s+me\s+know|look\s+up|"
    r"pnl|p&l|price|prices|balance|balances|orders?|trades?|positions?|risk|status)\b",
    re.I,
)
_CONDITION = re.compile(r"\W*(?:if|when|once|unless|in\s+case|as\s+soon\s+as|whenever)\b", re.I)


def asked_piece(piece: str, text: str) -> bool:
    """Whether `piece` of `text` reads as a question of its own."""
    if _CONDITION.match(piece):
        return False
    at = text.find(piece)
    after = text[at + len(piece) :].lstrip(" ,.") if at >= 0 else ""
    return bool(_QUESTION_OPENING.match(piece)) or after.startswith(("?", "？"))

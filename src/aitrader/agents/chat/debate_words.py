"""Whose words a question about the debate asks for (the bear, the bull, the arbiter, the analysts, the
adviser) and which deliberation: the latest or the one before. cues.py settles that a question is about
the debate at all; offline.py asks these two to call get_debate."""

from __future__ import annotations

import re

_ROLES = (
    ("bear", re.compile(r"\bbear(?:s|ish|'s)?\b")),
    ("bull", re.compile(r"\bbull(?:s|ish|'s)?\b")),
    (
        "arbiter",
        re.compile(r"\barbiter|\bjudge|\bdecid\w*|\bdecision|\bverdict|\bconviction|\bthreshold|\bwhy\b"),
    ),
    ("analysts", re.compile(r"\banalysts?\b|\banalysts'")),
    ("adviser", re.compile(r"\badvis[oe]r|\bllm\b")),
)
_EARLIER = re.compile(r"\b(?:previous|prior|earlier|one\s+before|before\s+(?:that|the\s+last))\b")


def debate_role(text: str) -> str | None:
    """Whose words a debate question asks for (`text` in lower case): the one role it names; none
    named, or several ("what did the bull and the bear say"), is the whole deliberation. A "why"
    with no role ("why did the debate pass?") asks the arbiter."""
    named = [role for role, rx in _ROLES if rx.search(text)]
    if "arbiter" in named and len(named) > 1:
        named.remove("arbiter")  # "why did the bear win" names the bear; "the bear's verdict" too
    return named[0] if len(named) == 1 else None


def debate_which(text: str) -> int:
    """1 for the latest deliberation, 2 for "the previous one"."""
    return 2 if _EARLIER.search(text) else 1

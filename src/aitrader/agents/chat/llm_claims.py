"""Does an answer claim an action? Chat is read-only, so any reply saying it (or "we") cancelled,
placed, bought, sold, moved, withdrew or transferred something, that it will or can, or that an
order "has been" placed or cancelled, is false by construction and is never shown: the offline
engine answers instead (it refuses trade requests truthfully).

Negations pass ("I can't place orders", "I did not cancel anything"), and so do past events told
in the third person from the tools ("order 10 was cancelled", "the bot sold 0.03 BTC"). The
first person is not trusted even in the past tense: "I sold" cannot be told apart from a claim."""

from __future__ import annotations

import re

_VERBS = (
    r"cancel(?:l?ed|l?ing|s)?|place[ds]?|placing|buy(?:s|ing)?|bought|sell(?:s|ing)?|sold"
    r"|mov(?:e|ed|es|ing)|withdr(?:aw|awn|awing|aws|ew)|transferr?(?:ed|ing|s)?|sen[dt]|sending"
    r"|execut(?:e|ed|es|ing)|submit(?:s|ted|ting)?|clos(?:e|ed|es|ing)|open(?:ed|ing|s)?|modif(?:y|ied|ies|ying)"
    r"|amend(?:s|ed|ing)?|chang(?:e|ed|es|ing)|updat(?:e|ed|es|ing)|replac(?:e|ed|es|ing)"
    r"|liquidat(?:e|ed|es|ing)|convert(?:s|ed|ing)?|swap(?:s|ped|ping)?|deposit(?:s|ed|ing)?"
    r"|(?:un)?stak(?:e|ed|es|ing)|short(?:s|ed|ing)?|hedg(?:e|ed|es|ing)|set|sets|setting"
    r"|(?:re)?balanc(?:e|ed|es|ing)|trad(?:e|ed|es|ing)|creat(?:e|ed|es|ing)|delet(?:e|ed|es|ing)"
    r"|remov(?:e|ed|es|ing)|adjust(?:s|ed|ing)?|rais(?:e|ed|es|ing)|lower(?:s|ed|ing)?|stop(?:s|ped|ping)?"
    r"|halt(?:s|ed|ing)?|paus(?:e|ed|es|ing)|resum(?:e|ed|es|ing)|restart(?:s|ed|ing)?|exit(?:s|ed|ing)?"
    r"|enter(?:s|ed|ing)?|flatten(?:s|ed|ing)?|purchas(?:e|ed|es|ing)|pull(?:s|ed|ing)?|pay|paid|paying"
)
_PARTICIPLES = (
    r"cancell?ed|placed|bought|sold|moved|withdrawn|transferr?ed|sent|executed|submitted|closed|opened"
    r"|modified|amended|changed|updated|replaced|liquidated|converted|swapped|deposited|staked|set"
    r"|created|deleted|removed|adjusted|raised|lowered|stopped|halted|paused|resumed|purchased"
)
_DONE_TO_YOU = (
    r"cancell?ed|placed|bought|sold|moved|withdrawn|transferr?ed|sent|submitted|executed|liquidated"
)
_AUX = (
    r"have|'ve|ve|had|'d|will|'ll|ll|shall|am|'m|are|'re|just|now|already|also|then|successfully"
    r"|immediately|hereby|went\s+ahead\s+and|go\s+ahead\s+and|gone\s+ahead\s+and|can|could|would|should"
    r"|may|might|must|do|did|to|be|been|going\s+to|gonna|proceed(?:ed)?\s+to|managed\s+to|was\s+able\s+to"
    r"|quickly|also|both|all|each|automatically|instantly"
)
_CLAIMS = (
    # "I cancelled", "I've placed", "we will sell", "I can move", "I went ahead and bought"
    re.compile(rf"(?i)\b(?:i|we)(?:\s*(?:{_AUX})\b)*\s+(?:{_VERBS})\b"),
    # "let me cancel", "allow me to sell"
    re.compile(rf"(?i)\b(?:let\s+me|let's|let\s+us|allow\s+me\s+to)\s+(?:{_VERBS})\b"),
    # "has been cancelled", "have now been placed", "is now closed", "are cancelled" (but "is filled",
    # "is set at 27,800" are statuses the tools report)
    re.compile(
        rf"(?i)\b(?:has|have|had)\s+(?:(?:now|just|already|successfully|all|both)\s+)*been\s+"
        rf"(?:(?:now|just|successfully|fully)\s+)*(?:{_PARTICIPLES})\b"
    ),
    re.compile(rf"(?i)\b(?:is|are)\s+(?:now|just|successfully|all|both)\s+(?:{_PARTICIPLES})\b"),
    re.compile(rf"(?i)\b(?:is|are)\s+(?:{_DONE_TO_YOU})\b"),
    re.compile(rf"(?i)\b(?:was|were)\s+(?:now|just|successfully)\s+(?:{_PARTICIPLES})\b"),
    # "cancelled by me", "placed by the assistant"
    re.compile(rf"(?i)\b(?:{_PARTICIPLES})\s+(?:\w+\s+)?by\s+(?:me|us|myself|the\s+assistant)\b"),
    # "successfully cancelled", "placed successfully"
    re.compile(rf"(?i)\bsuccessfully\s+(?:{_PARTICIPLES}|{_VERBS})\b"),
    re.compile(rf"(?i)\b(?:{_PARTICIPLES})\s+successfully\b"),
    # "Done: ...", "Order placed.", "Cancelling your orders now." at the start of a sentence
    re.compile(r"(?im)(?:^|[.!?]\s+)\W*(?:done|completed|all\s+set|success|confirmed)\b\s*[:!.,—-]"),
    # "All open orders cancelled.", "Transfer complete.", "Consider it done.", "Executed: ..."
    re.compile(
        rf"(?im)(?:^|[.!?]\s+)\W*(?:all\s+)?(?:(?:your|the)\s+)?(?:open\s+)?orders?\s+(?:{_PARTICIPLES})\b"
    ),
    re.compile(
        r"(?i)\b(?:transfer|withdrawal|order|trade|sale|purchase|cancellation)\s+(?:is\s+)?(?:complete|completed|done|"
        r"confirmed|successful|on\s+its\s+way|underway|in\s+progress|has\s+gone\s+through|went\s+through)\b"
        r"|\b(?:has|have)\s+gone\s+through\b|\bconsider\s+it\s+done\b|\bon\s+its\s+way\b"
        r"|(?:^|[.!?]\s+)\W*executed\s*:"
    ),
    re.compile(
        rf"(?im)(?:^|[.!?]\s+)\W*(?:(?:your\s+)?(?:orders?|positions?|trades?|funds|withdrawal|transfer)"
        rf"\s+(?:{_PARTICIPLES})\b|(?:cancell?ing|placing|buying|selling|moving|withdrawing|transferring"
        rf"|sending|executing|submitting)\b)"
    ),
)


def action_claim(text: str) -> str | None:
    """The words of the first claim of an action in `text`, or None when it claims none."""
    plain = text.replace("’", "'").replace("‘", "'")
    for pattern in _CLAIMS:
        m = pattern.search(plain)
        if m is not None:
            return " ".join(m.group().split())[:60]
    return None

"""The final status a question narrows orders to ("cancelled orders", "only the filled ones"), and the
status words that narrow nothing: a status asked about ("whether any of it has been filled", "filled
yet?"), denied ("not yet executed"), or every status wanted ("cancelled or not", "cancellations
included", "filled or cancelled", "regardless of status")."""

from __future__ import annotations

import re

_CANCELED = re.compile(
    r"\b(?:cancel+(?:l?ed)?|canceled|cancell?d|canx|cxl|cxl'?d|cxld|killed|pulled|withdrawn|cancellations?|annul+(?:at)?ed|voided|scrapped|nixed|yanked|call(?:ed|ing)\s+off)\b"
    r"|\b(?:did|have|had)\s+(?:i|we|you|u|the\s+bot)\s+pull\b(?!\s+(?:up|out))"  # "which orders did I pull"
    r"|(?<!one-)(?<!one )\bcancels\b(?![- ]the)"  # "my cancels", not "one-cancels-the-other"
)
_EXPIRED = re.compile(r"\b(?:expired?|expird|exprd|lapsed?|timed\s+out)\b")
_REJECTED = re.compile(
    r"\b(?:rejected|rej|rejects|rejections?|knocked\s+back|turned\s+down|bounced|bounce\w*(?:\s+\w+){0,5}\s+back)\b"
    r"|\b(?:that|which)\s+(?:dem|they|e|the\s+exchange|binance)\s+reject\b"  # Pidgin "the orders wey dem reject"
)
# "Filled" also describes a quantity ("filled 0.5"), so it filters only next to the orders it narrows.
_FILLED = re.compile(
    r"(?<!un)(?<!to be )(?<!to get )\b(?:filled|filed|executed|completed)\b"  # not "waiting to be filled"
    r"|\b(?:that|which)\s+(?:(?:have|has|had|already|actually|really)\s+)*(?:went|gone)\s+(?:through|thru)\b"  # "orders that went through"
)
_ORDERS_AFTER = re.compile(r"^[^?]*\b(?:ord|ones|buys|sells)")
_ORDERS_BEFORE = re.compile(r"\b(?:ord\w*|ones|those|these|them)\b[^?]*$")
_ONLY_FILLED = re.compile(
    r"^\W*(?:(?:and|only|just|the|show|me|now|what\s+about|how\s+about|ok|okay|same\s+(?:for|with)|do\s+the\s+same\s+for)\s+)*"
    r"(?:(?:fully|completely|entirely)\s+)?(?:filled|executed|completed)(?:\s+(?:ones|only|orders))?\W*$"
)
_STATUSES = (("CANCELED", _CANCELED), ("EXPIRED", _EXPIRED), ("REJECTED", _REJECTED), ("FILLED", _FILLED))

_DENIED = re.compile(
    r"(?:\bnot|n't|\bnever|\bwithout|\bbefore(?:\s+(?:they|it|any|them))?)\s+(?:(?:yet|been|ever|fully|already|be|being|get|got|were|was)\s+){0,3}$"
)
# A status asked about ("whether any part of it has been filled", "filled yet?") or kept in, not filtered
# on ("cancelled or not", "cancellations included", "including the expired ones").
# "whether any order expired" / "if anything got cancelled" asks for those orders, so filters on the status.
_ASKED_BEFORE = re.compile(
    r"\b(?:whether|if)(?!\s+(?:you|u)\s+(?:could|can|would|will|wud|cud)\b)\b"
    r"(?!\s+(?:any(?!\s+(?:part|portion|bit|of\s+(?:it|this|that)))|anything|there\s+(?:was|were|are|is|have\s+been))\b)"
    r"[^,.;:!?]*$|\b(?:including|incl|even)\W+(?:the\s+)?$"
)
_ASKED_AFTER = re.compile(r"^\W*(?:yet|or\s+not|or\s+no|included|too|as\s+well)\b")
_ANY_STATUS = re.compile(
    r"\bregardless\b|\bwhether\s+or\s+not\b|\b(?:any|all|every)\s+status(?:es)?\b"
    # which way it ended, asked: "did it fill or get cancelled"
    r"|\b(?:fill\w*|cancel\w*|expire\w*|reject\w*)\s+or\s+(?:(?:get|got|was|been|be|did\s+it)\s+)*(?:fill\w*|cancel\w*|expire\w*|reject\w*)"
)


def order_status(t: str) -> str | None:
    """The one final status lower-case `t` filters orders on, or None (none named, or several)."""
    if _ANY_STATUS.search(t):
        return None
    found = set()
    for name, rx in _STATUSES:
        for m in rx.finditer(t):
            before, after = t[: m.start()], t[m.end() :]
            if _DENIED.search(before) or _ASKED_BEFORE.search(before) or _ASKED_AFTER.match(after):
                continue
            if name == "FILLED" and not (
                _ORDERS_AFTER.match(after) or _ORDERS_BEFORE.search(before) or _ONLY_FILLED.match(t)
            ):
                continue
            found.add(name)
    return found.pop() if len(found) == 1 else None

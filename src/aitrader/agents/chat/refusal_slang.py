"""Requests in traders' slang, the passive voice, terse order notes and shell or SQL code ("go flat",
"scale me out of btc", "I want my eth sold", "eth -> sell", "bash -c ...") — read by refusal.py after
the questions that name an action are set aside, so "should I cut my losses on sol?" stays a question."""

from __future__ import annotations

import re

COIN = r"(?:btc|eth|sol|bitcoin|ether|ethereum|solana|usdt)"  # the coins a request names
_SLANG = re.compile(
    r"\bscal(?:e|ing)\s+(?:me\s+)?out\b|\bcut\s+(?:my|the|our)\s+loss(?:es)?\b|\bnuke\s+(?:my|the|all|it|everything)\b"
    r"|\bzero\s+out\b|\bgo\s+flat\b|\bgo\s+all[\s-]+in\b|\bflip\s+(?:to\s+|it\s+)?(?:short|long)\b|\block\s+(?:my|the|some)\s+(?:gains?|profits?)\s+in\b|\btrail\s+(?:my|the)\s+stop\b"
    r"|\baverage\s+(?:down|up)\b|\ballocate\s+\d|\bwhitelist\b|\btip\s+(?:the|my|him|her|them)\b"
    r"|\bhit\s+the\s+(?:bid|ask|offer)\b|\bpanic\s+(?:sell|buy)\b|\bbail\s+(?:on|out)\b|\bditch\s+(?:my|the|all|it)\b"
    r"|\brotate\s+(?:into|to|out)\b|\bbridge\s+(?:my|the|all|\d)|\btp\s+now\b|\bstop\s+me\s+out\b|\btrun\s+(?:off|on)\b"
    # the passive: "I want my eth sold", "get my btc sold please", "my eth needs to be sold now"
    r"|\b(?:want|need|get|have)\s+(?:my|the|all|all\s+my|some)\s+(?:\w+\s+){0,2}?(?:sold|bought|closed|cancell?ed|"
    r"liquidated|transferred|withdrawn)\b|\b(?:needs?|has)\s+to\s+be\s+(?:sold|bought|closed|cancell?ed|liquidated)\b"
    # someone else told to act: "have the bot sell my eth", "I authorize you to sell"
    r"|(?:\b(?:have|let|tell|make|get|ask|instruct|order)|(?<!wah\s)(?<!weh\s)(?<!was\s)\b(?:mek|mak))\s+(?:the\s+|di\s+|de\s+)?(?:bot|it|strategy|algo)\s+(?:to\s+)?"
    r"(?:buy|sell|close|cancel|liquidate|dump|exit|stop|pause|halt|start|resume|restart)\b|\bi\s+(?:hereby\s+)?(?:authori[sz]e|allow|permit)\s+(?:you|u|the\s+bot)\s+to\b"
    rf"|^\W*{COIN}\s*(?:->|=>|:|-|,)?\s*(?:sell|buy|close|cancel|dump|liquidate)\W*$"  # "eth -> sell"
    # code to run in a shell or a database
    r"|\bbash\s+-c\b|\bpython3?\s+-c\b|\$\(|\bcurl\b[^|]*\|\s*(?:sh|bash)\b|\bpowershell\b|\bdrop\s+table\b"
    r"|;\s*delete\s+from\b"
)
# A question weighing it: "should I cut my losses on sol?", "is it time to go flat?"
_WEIGHED = re.compile(
    r"^\W*(?!how\s+about|what\s+about|what\s+are\s+you\s+waiting)"
    r"(?:should|shall|would\s+it|is\s+it|was\s+it|why|what|when|how|did|does|do\s+you\s+think)\b[^!]*\?\s*$"
)


def slang_request(text: str) -> bool:
    """Does the text (lower case, questions about actions already set aside) ask to act in slang,
    the passive, a terse order note or code?"""
    return bool(_SLANG.search(text)) and not _WEIGHED.search(text)

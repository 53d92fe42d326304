"""Requests in traders' slang, the passive voice, terse order notes and shell or SQL code ("go flat",
"scale me out of btc", "I want my eth sold", "eth -> sell", "bash -c ...") — read by refusal.py after
the questions that name an action are set aside, so "should I cut my losses on sol?" stays a question."""

from __future__ import annotations

import re

COIN = r"(?:btc|eth|sol|bitcoin|ether|ethereum|solana|usdt)"  # the coins a request names
_KNOB = r"(?:risk|leverage|sizing|position\s+size)\b"  # what is dialled up or down
# Said at a clause's start, as an order ("dial back the risk", not "when did the bot dial back the risk")
_TOLD = r"(?:^|[,.;:!]\s*|\band\s+|\bthen\s+)\W*(?:(?:ok(?:ay)?|so|now|just|please|pls|then|and|also|yo|bro|mate)\W+)*"
_TICKER = (
    r"(?:doge|pepe|shib|xrp|ada|bnb|link|avax|dot|ltc|sats|coins?|tokens?)"  # and others, bought with "grab"
)
_SLANG = re.compile(
    r"\bscal(?:e|ing)\s+(?:me\s+)?out\b|\bcut\s+(?:my|the|our)\s+loss(?:es)?\b|\bnuke\s+(?:my|the|all|it|everything)\b"
    r"|\bzero\s+out\b|\bgo\s+flat\b|\bgo\s+all[\s-]+in\b|\bflip\s+(?:to\s+|it\s+)?(?:short|long)\b|\block\s+(?:my|the|some)\s+(?:gains?|profits?)\s+in\b|\btrail\s+(?:my|the)\s+stop\b"
    r"|\baverage\s+(?:down|up)\b|\ballocate\s+\d|\bwhitelist\b|\btip\s+(?:the|my|him|her|them)\b"
    r"|\bhit\s+the\s+(?:bid|ask|offer)\b|\bpanic\s+(?:sell|buy)\b|\bbail\s+(?:on|out)\b|\bditch\s+(?:my|the|all|it)\b"
    rf"|(?:\b(?:grab|snag)|{_TOLD}(?:scoop(?:\s+up)?|pick\s+(?:me\s+|us\s+)?up))\s+(?:me\s+|us\s+)?(?:(?:like|about|around|maybe|just)\s+)?"
    rf"(?:(?:some|more|a\s+(?:bag|few|bit|little)|\d[\d.,]*)(?:\s+\w+){{0,2}}?\s+(?:of\s+)?(?:{COIN}|{_TICKER})\b|{COIN}\s+(?:at|under|below|on\s+the\s+dip)\b)"
    r"|\bload\s+(?:me\s+)?up\s+on\b|\bcrank\s+(?:up\s+)?(?:the\s+|my\s+)?(?:position\s+)?(?:leverage|risk|size|sizing|exposure)\b"
    r"|\bcrank\s+(?:it|the\s+\w+|leverage|risk)\s+up\b|\bpull\s+the\s+plug\b|\bsnag\s+(?:me\s+)?(?:some|more|\d)"
    # the risk dialled up or down: "turn the risk up", "dial back the risk", "max out the leverage", "go aggressive"
    rf"|{_TOLD}(?:(?:turn|dial|ramp|jack|tone|bump)\s+(?:up|down|back)\s+|max\s+out\s+|juice\s+(?:up\s+)?)(?:the\s+|my\s+)?{_KNOB}"
    rf"|{_TOLD}(?:turn|dial|ramp|jack|tone|bump)\s+(?:the\s+|my\s+)?{_KNOB}\s+(?:up|down|back)\b"
    rf"|{_TOLD}(?:go\s+(?:full\s+)?(?:aggressive|conservative|degen)\b"
    r"|make\s+(?:it|the\s+bot|the\s+strategy)\s+(?:more|less)\s+(?:aggressive|conservative|risky|cautious)\b"
    r"|go\s+to\s+(?:paper|live|testnet|mainnet)\s+(?:mode|trading)\b|(?:close|flatten)\s+me\s+out\b|flatten\s+me\b"
    r"|take\s+(?:some|a\s+(?:bit|little)|half|more|chips|(?:some\s+)?profits?|money)\s+off\s+the\s+table\b"
    r"|unpause\s+(?:the\s+|my\s+)?(?:bot|trading|strategy|it)\b|(?:empty|drain)\s+(?:out\s+)?(?:my|the)\s+(?:account|wallet|funds)\b"
    r"|purge\s+(?:all\s+)?(?:my|the)\s+(?:open\s+)?(?:orders?|order\s+book)\b"
    # the bot started or stopped, an order or trade pushed through, a stop dropped, "go to cash"
    r"|(?:fire\s+up|spin\s+up|boot(?:\s+up)?|reboot|wake(?:\s+up)?|park|shut\s+(?:her|him)\s+down)\s+(?:the\s+|my\s+)?(?:bot|algo|strategy)\b"
    r"|shut\s+(?:her|him)\s+down\b|(?:complete\s+(?=the\s|my\s|that\s|this\s)|(?:finali[sz]e|fulfil+|carry\s+out|(?:go\s+ahead|proceed)\s+with|"
    r"push\s+through|trigger)\s+)(?:the\s+|my\s+|that\s+|this\s+)?(?:pending\s+)?(?:sell|buy|sale|purchase|orders?|trades?|rebalance|withdrawal|transfer)\b"
    rf"|drop\s+(?:the\s+|my\s+)?stop(?:[\s-]+loss)?\b|go\s+to\s+cash\b|get\s+me\s+in\s+on\s+{COIN}\b|size\s+(?:up|down)\b"
    r"|ladder\s+(?:some\s+|in\s+)?(?:buys|sells|orders|bids)\b|square\s+(?:up|off)\b)"
    rf"|{_TOLD}(?:all[\s-]+in\s+on\s+{COIN}\b|(?:yeet|fomo|chuck)\s+(?:\S+\s+){{0,3}}?into\b|throw\s+(?:\$?\d[\w.,]*|some(?:\s+money)?)\s+(?:\w+\s+)?(?:at|into)\b"
    rf"|bid\s+\$?\d[\d.,k]*\s+(?:on|for)\s+{COIN}\b|stack\s+(?:some|more)\s+(?:sats|{COIN})\b|cut\s+(?:the|my)\s+position\s+in\s+half\b)"
    r"|\brotate\s+(?:into|to|out)\b|\bbridge\s+(?:my|the|all|\d)|\btp\s+now\b|\bstop\s+me\s+out\b|\btrun\s+(?:off|on)\b"
    # the passive: "I want my eth sold", "get my btc sold please", "my eth needs to be sold now"
    r"|\b(?:want|need|get|have)\s+(?:my|the|all|all\s+my|some)\s+(?:\w+\s+){0,2}?(?:sold|bought|closed|cancell?ed|"
    r"liquidated|transferred|withdrawn)\b|\b(?:needs?|has)\s+to\s+be\s+(?:sold|bought|closed|cancell?ed|liquidated)\b"
    # someone else told to act: "have the bot sell my eth", "I authorize you to sell"
    r"|(?:(?<!would\s)(?<!will\s)(?<!could\s)(?<!might\s)\b(?:have|let|tell|make|get|ask|instruct|order)|(?<!wah\s)(?<!weh\s)(?<!was\s)\b(?:mek|mak))\s+(?:the\s+|di\s+|de\s+)?(?:bot|it|strategy|algo)\s+(?:to\s+)?"
    r"(?:buy|sell|close|cancel|liquidate|dump|exit|stop|pause|halt|start|resume|restart)\b|\bi\s+(?:hereby\s+)?(?:authori[sz]e|allow|permit)\s+(?:you|u|the\s+bot)\s+to\b"
    rf"|^\W*{COIN}\s*(?:->|=>|:|-|,)?\s*(?:sell|buy|close|cancel|dump|liquidate)\W*$"  # "eth -> sell"
    # code to run in a shell or a database
    r"|\bbash\s+-c\b|\bpython3?\s+-c\b|\$\(|\bcurl\b[^|]*\|\s*(?:sh|bash)\b|\bpowershell\b|\bdrop\s+table\b"
    r"|;\s*delete\s+from\b"
)
# Korean orders closing the line ("솔 좀 사놔", "포지션 정리해", "봇 꺼", "익절 ㄱㄱ"), not asked ("사놔도 될까?",
# "거래 내역 정리해줘", "봇 꺼져 있어?")
_KO_ORDER = re.compile(
    r"(?:사\s?(?:놔|둬)|던져|(?:포지션|다|전부|싹|전량)\s*정리해|(?:물|불)타기\s?해|탈출해|익절\s?(?:치자|해)|줍줍|봇\s*(?:좀\s*|다시\s*)*(?:꺼|켜)|(?:익절|탈출|(?:물|불)타기)\s*(?=[ㄱ\u1100]))"
    r"\s*(?:줘|라|주세요|버려|버리자)?\s*[ㄱ\u1100!~.]*\s*$"
)
# A question weighing it: "should I cut my losses on sol?", "is it time to go flat?"
_WEIGHED = re.compile(
    r"^\W*(?!how\s+about|what\s+about|what\s+are\s+you\s+waiting)"
    r"(?:should|shall|would\s+it|is\s+it|was\s+it|why|what|when|how|did|does|do\s+you\s+think)\b[^!]*\?\s*$"
)


def slang_request(text: str) -> bool:
    """Does the text (lower case, questions about actions already set aside) ask to act in slang,
    the passive, a terse order note or code?"""
    return bool(_SLANG.search(text) or _KO_ORDER.search(text)) and not _WEIGHED.search(text)

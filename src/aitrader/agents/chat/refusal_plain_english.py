"""English requests said in plain words the verb rules of refusal.py miss (review 45a): what is held let go,
wanted done in the passive, money taken out or moved, spent on a coin, a condition with the action after it,
a pronoun's order after a question, traders' slang. refusal_colloquial.colloquial_request reads them on the
text with its accents folded."""

from __future__ import annotations

import re

from aitrader.agents.chat.refusal_edits import COIN

_Q = r"(?![^.!]*\?)"  # not closed by a question mark

# English requests in plain words the verb rules miss (review 45a): what is held let go ("my sol can go", "unload
# eth", "get rid of that sol order"), wanted done in the passive ("I'd like my btc sold", "everything should be
# converted to usdt", "it would help if my eth position got closed"), money taken out or moved ("take out 200
# usdt", "get my btc off binance", "top up futures"), spent on a coin ("invest 500 in sol", "use my usdt to buy
# eth", "trade my eth for sol"), a condition with the action after it ("if btc breaks 70k, go long", "get me out
# at 3000"), a pronoun's order after a question ("any open orders? scrap them") and traders' slang ("gimme 1
# btc", "smash buy"). Each opens a clause and is not asked (no question mark in its sentence).
_CL = r"(?:^|[.!?;:,]\s*|\b(?:and|then|so|now|just|pls|please|plz|also|ok(?:ay)?|yo|bro|fam|mate|lemme|honestly|anyway|let'?s)\s+)\W*"
_HELD = rf"(?:{COIN}|doge|pepe|shib|xrp|ada|link|avax|dot|ltc|coins?|crypto|bags?|stack|positions?|orders?|bids?|asks?|longs?|shorts?)"
_GONE = (
    r"(?:sold|bought|closed|cancell?ed|gone|cleared|wiped|liquidated|withdrawn|transferred|converted|moved|pulled|stopped|paused|halted|"
    r"shut\s+down|switched\s+(?:off|on|over|to)|turned\s+(?:off|on|into)|flattened|dumped|swapped|sent|exited|removed|"
    r"deleted|killed|scrapped|offloaded|unloaded|cashed\s+out|taken\s+(?:out|off|down)|reduced|lowered|raised|put\s+back|"
    r"reopened|restarted|resumed|unpaused)"
)
_BANK = r"(?:bank(?:\s+account)?|wallet|ledger|trezor|card|metamask|cold\s+storage|hardware\s+wallet|savings|account)"
_FUNDS = (
    r"(?:\$?\d[\d.,]*\s*k?\s*(?:usdt|usdc|usd|bucks|dollars|eur|euros?|btc|eth|sol|sats)?|my(?:\s+\w+)?|all(?:\s+(?:of\s+)?my(?:\s+\w+)?)?|"
    r"everything|it(?:\s+all)?|the\s+(?:money|funds|cash|rest|lot)|some|half(?:\s+(?:of\s+)?my(?:\s+\w+)?)?)"
)
_MOVE = r"(?:take|pull|get|cash|move|send|ship|push|sweep|bring|shift|wire|put)"
_RISE_FALL = (
    r"(?:hits?|reach(?:es)?|gets\s+to|breaks?|dips?|drops?|falls?|goes\s+(?:above|below|under|over|to|up|down)|crosses|"
    r"loses|tanks|crashes|dumps|pumps|moons|rallies|spikes|rises|climbs|touches)"
)
_THEN_ACT = (
    r"(?:take\s+(?:some\s+|the\s+)?profits?(?:\s+on\s+\w+)?|get\s+(?:me\s+)?out|exit|bail|cut\s+(?:it|them|the\s+position|"
    r"my\s+loss(?:es)?|losses|\w+)|go\s+(?:long|short)|add(?:\s+more)?|(?:long|short)\s+it|buy\s+(?:more|some)|sell\s+some)"
)
_ENGLISH_FORMS = [
    # what is held let go: "my sol can go", "the eth bid can go", "everything must go", "sol needs to go", "the btc goes"
    rf"(?:^|[.!?;:,]\s*|\b(?:so|then|and|now)\s+)(?:(?:the|my|our|that|this|those|these|all(?:\s+of)?(?:\s+my)?|every|half(?:\s+of)?(?:\s+my)?)\s+)?"
    rf"(?:\w+\s+){{0,3}}?(?:{_HELD}|it(?:\s+all)?|them|they|everything|one|ones|all\s+of\s+(?:it|them))\s+(?:(?:can|has\s+to|have\s+to|needs?\s+to|"
    r"must|should|gotta|got\s+to|is\s+gotta)\s+)?(?:really\s+|just\s+|all\s+)?go(?:es)?(?:\s+(?:now|today|tonight|asap|too|as\s+well|"
    r"please|pls|away))*\s*(?:[.!]+\s|[.!]*$|[,;])" + _Q,
    r"\bit'?s\s+all\s+(?:gotta|got\s+to|going\s+to\s+have\s+to)\s+go\b|\blet\s+(?:go\s+of\s+)?(?:the\s+|my\s+)?"
    + rf"{_HELD}(?:\s+go)?\W*$",
    # let go of what is held: "unload eth", "get rid of that sol order", "drop the eth", "clean up my open orders"
    rf"{_CL}(?:drop|lose|bin|axe|ditch|dump|toss|unload|offload|get\s+rid\s+of|let\s+go\s+of|part\s+with|junk)\s+(?:the\s+|my\s+|our\s+|that\s+|"
    rf"this\s+|those\s+|all\s+(?:of\s+)?(?:my\s+|the\s+)?|some\s+|half\s+(?:of\s+)?(?:my\s+)?)?(?:\w+\s+){{0,2}}?{_HELD}\b{_Q}",
    rf"{_CL}(?:bin|axe|trash|zap|nix|scrap|can|wipe|clean\s+up|clear\s+out|tidy\s+up)\s+(?:out\s+)?(?:the|my|that|this|those|these|all(?:\s+my)?|every)\s+"
    r"(?:\w+\s+){0,2}?(?:orders?|bids?|asks?|positions?|book|stops?|limits?)\b(?!\s+(?:history|list|data|table|report))"
    + _Q,
    rf"{_CL}(?:take|get)\s+(?:\w+\s+){{0,4}}?(?:orders?|bids?|asks?|offers?|limits?)\s+(?:off|down|out)\b{_Q}|{_CL}take\s+down\s+(?:all\s+)?(?:my|the|that|those)\s+{_Q}",
    r"\bmake\s+(?:all\s+)?(?:my\s+|the\s+)?(?:orders?|positions?|bids?|it|them)\s+(?:go\s+away|disappear|vanish)\b",
    rf"{_CL}pull\s+(?:everything|it\s+all|all\s+of\s+(?:it|them)|all)\W*$",
    # a pronoun's order after a question: "any open orders? scrap them", "do I have a sol order? pull it"
    rf"{_CL}(?:scrap|pull|ditch|bin|axe|nix|yank|trash|zap|dump|unload|offload|shut)\s+(?:it|them|those|that|these|em|'em)(?!\s+up)"
    r"(?:\s+(?:all|down|off|out|now|please|pls))*\W*$",
    rf"{_CL}(?:drop|lose|scrap|ditch|kill|cancel|close)\s+the\s+(?:\w+\s+)?(?:one|ones|first|second|third|last|oldest|newest|other)(?:\s+one)?{_Q}",
    r"\b(?:want|need)\s+(?:it|them|that|this|those)\s+(?:all\s+)?gone\b",
    rf"\block\s+(?:it|that|them|those\s+gains|the\s+gains?|the\s+profits?)\s+in\b|{_CL}take\s+(?:the|my|those)\s+(?:profits?|gains?)\W*$",
    # wanted done, in the passive: "I'd like my btc sold", "I need everything sold by friday", "we need the bot paused"
    rf"(?:\b(?:i|we)\s*(?:'d|would|'ll|\s+will)?\s*|\bwould\s+)(?:like|love|want|need|prefer|wanna)\s+(?:to\s+(?:have|see|get)\s+)?(?:(?:about|around|like)\s+)?"
    rf"(?:my|the|our|all(?:\s+(?:of\s+)?my)?|everything|it(?:\s+all)?|half(?:\s+(?:of\s+)?my)?|this|that|those|\$?\d[\d.,]*\s*k?)\b(?:\s+\w+){{0,4}}?\s+(?:{_GONE})\b{_Q}",
    rf"\b(?:want|need)\s+(?:my|all\s+my|the)\s+\w+\s+(?:out\s+of|off)\s+(?:the\s+exchange|binance|\w+)\b{_Q}",
    rf"\b(?:wondering|hoping|asking)\s+(?:if|whether)\s+(?:\w+\s+){{0,4}}?(?:could|can|would|might)\s+(?:be\s+|get\s+)?(?:{_GONE})\b",
    rf"\bmind\s+if\s+[^?]*\b(?:go(?:es)?\s+away|gets?\s+(?:{_GONE}))\b|\bwould\s+be\s+(?:my|the|all|seeing)\s+(?:\w+\s+){{0,2}}?(?:{_GONE})\b",
    r"\b(?:orders?|bids?|asks?|positions?)\b[^?]*\?\s*(?:then\s+|just\s+)?(?:lose|drop|kill)\s+(?:it|them|that)\W*$",
    r"\d[\d.,]*\s*(?:btc|eth|sol|usdt|usdc)\s+(?:to|->)\s+(?:bc1|0x|tb1)\w{4,}",
    rf"{_CL}(?:sell|buy)\s+(?:on|into)\s+(?:the\s+)?(?:next\s+)?(?:pump|dip|rally|bounce|strength|weakness|spike)\b{_Q}",
    rf"{_CL}(?:i\s+want|i'?d\s+like|i\s+need)\s+(?:\d[\d.,]*|one|two|a\s+couple|a\s+few|some)\s+(?:of\s+(?:them|those|it)|(?:more\s+)?{COIN})\b{_Q}",
    # "... should be converted to usdt", "my btc could be sold", "the stop could go to 2900", "half my btc needs to be sold"
    rf"(?:^|[.!;:,]\s*|\b(?:so|then|and|now|but)\s+)(?:(?!\b(?:why|how|when|whether|what|which|if|unless|until|who)\b)[^.!?;:,])*?\b(?:my|the|our|all|this|"
    rf"that|those|these|everything|it)\b[^.!?;:,]{{0,40}}?\b(?:should|could|can|must|needs?\s+to|has\s+to|have\s+to|ought\s+to|gotta|got\s+to|is\s+to)\s+"
    rf"(?:really\s+|just\s+|now\s+|all\s+|please\s+)?(?:be|get)\s+(?:all\s+)?(?:{_GONE})\b{_Q}",
    rf"\b(?:stop|sl|tp|target|limit|bid|ask|risk|leverage)\s+(?:could|can|should|might)\s+(?:just\s+)?(?:go|move|sit)\s+(?:to|at|up|down)\b{_Q}",
    # wished or thanked ahead: "it would really help me if my eth position got closed", "I'd be grateful if the sol
    # order could be pulled", "I'd feel better with my stop moved to 3000", "happy with the bot just closing everything"
    r"\b(?:help|helpful|great|grateful|happy|glad|lovely|nice|better|best|ideal|perfect|awesome|cool|thankful|obliged|relieved|"
    r"appreciate\s+it|sleep\s+better|feel\s+better)\s+(?:\w+\s+){0,2}?if\s+(?:\w+\s+){0,5}?(?:were|was|got|gets|could\s+be|would\s+be|"
    rf"is|went|goes)\s+(?:\w+\s+)?(?:{_GONE})\b",
    r"\b(?:help|helpful|great|grateful|happy|glad|lovely|nice|better|best|ideal|sleep\s+better|feel\s+better|love\s+it)\s+(?:\w+\s+){0,2}?if\s+"
    r"(?:the|my)\s+(?:\w+\s+){0,2}(?:stop|sl|tp|target|risk|leverage|bot|order|bid|ask|limit|size|position\s+size|strategy)\s+(?:were|was|got|is|went)\s+"
    r"(?:lower|higher|smaller|bigger|off|on|live|paused|(?:at|to)\s+\$?\d|\$?\d|like\s+\d)",
    r"\b(?:better|happier|safer|best|fine|happy|ok(?:ay)?|good)\s+with\s+(?:the|my)\s+(?:\w+\s+)?(?:stop|sl|tp|target|risk|leverage|order|bid|ask)\s+"
    r"(?:(?:sitting|resting|set|moved(?:\s+up|\s+down)?)\s+)?(?:at|to)\s+\$?\d|\b(?:happy|fine|ok(?:ay)?|good)\s+with\s+(?:the\s+bot|you|u)\s+(?:just\s+)?"
    r"(?:closing|selling|cancell?ing|buying|liquidating|stopping|pausing)\b",
    rf"(?<!can\s)(?<!could\s)(?<!\bi\s)(?<!\bwe\s)(?<!\bi\sjust\s)\b(?:see|seeing)\s+(?:all\s+)?(?:my|the|all)\s+(?:\w+\s+){{0,2}}?(?:{_GONE})\b|\bsee\s+(?:my|\d)[^.!?]{{0,25}}?\b(?:in|on)\s+my\s+{_BANK}\b",
    r"\b(?:problem|trouble|too\s+much\s+to\s+ask|any\s+chance|alright|ok(?:ay)?)\b[^.!?]{0,20}\bto\s+have\s+(?:my|the|all|everything|it)\b"
    rf"[^.!?]{{0,30}}?\b(?:{_GONE})\b",
    r"\b(?:request|wish|ask|instruction)\s+is\s+(?:that|for)\b[^?]*\b(?:go(?:es)?|be|gets?|is\s+set)\s+(?:to|at|up|down)\b",
    r"\b(?:you\s+have|you'?ve\s+got|here'?s|i\s+give\s+(?:you\s+)?)\s+my\s+(?:permission|blessing|ok|okay|go[\s-]*ahead|consent|approval)\s+to\b",
    r"\b(?:handle|do|take\s+care\s+of|manage)\s+(?:the\s+)?(?:selling|buying|trading|cancell?ing|closing|withdrawal|transfer)\s+for\s+(?:me|us)\b",
    r"\btreat\s+(?:me|us)\s+to\s+(?:some|a|\d|more)\b|\bundo\s+(?:what|whatever|everything)\b|\bmake\s+it\s+real\b|\bon\s+the\s+real\s+account\b",
    rf"(?:^|[.!;:,]\s*)(?:(?:ok|so|well|right|alright|i\s+think|i\s+guess|agreed)\W+)*(?:it'?s\s+|its\s+)?time\s+to\s+(?:take\s+(?:some\s+)?profits?|cash\s+out|"
    rf"sell|close|go\s+live|exit|get\s+out|switch|pull\s+out|buy){_Q}",
    # money taken out or moved: "take out 200 usdt", "get my btc off binance", "get 1k to my bank", "pay out 500"
    rf"(?:{_CL}|\b(?:(?:i|we)\s*(?:'d|would)?\s*(?:like|love|want|need)\s+to|wanna)\s+){_MOVE}\s+(?:out\s+)?{_FUNDS}\b[^.!?,;]{{0,30}}?(?:\bout\b|\boff\s+(?:of\s+)?(?:the\s+exchange|binance|\w+)|\b(?:to|onto|into|on|in)\s+"
    rf"(?:my|the)\s+{_BANK}|\bhome\b|\bto\s+cold\s+storage){_Q}",
    rf"{_CL}(?:take|pull|cash|get)\s+out\s+(?:\$?\d|all|everything|my|some|half){_Q}|{_CL}pull\s+(?:all\s+)?(?:my|the)\s+(?:funds|money|cash|usdt){_Q}",
    rf"{_CL}(?:get|take|pull)\s+(?:it|them|that)\s+(?:all\s+)?out\b{_Q}",
    r"\b(?:send|give|pay|hand\s+over|wire)\s+(?:me\s+)?(?:my\s+(?:money|funds|cash|usdt|btc|eth|coins|crypto|profits?)(?!'s)"
    r"(?!\s+(?:balance|price|holdings?|positions?|pnl|p&l|trades?|orders?|history|value|worth|amount|stats?|info|details?))|me\s+\$?\d[\d.,]*\s*k?\s*(?:usdt|usd|bucks|dollars|btc|eth|sol)?\W*$)"
    + _Q,
    r"\boff[\s-]?ramp\b|\bpay\s+(?:me\s+)?out\b" + _Q,
    rf"\b(?:i|we)\s*(?:'d|would)?\s*(?:want|need|like|wanna)\s+(?:\$?\d[\d.,]*\s*k?\s*\w*|my|all\s+my|everything|it)\b[^.!?]{{0,25}}?\b(?:in|on|to|onto|into)\s+"
    rf"(?:(?:my|the)\s+)?{_BANK}\b{_Q}|\b(?:want|need)\s+my\s+(?:money|funds|cash|deposit)\s+back\b{_Q}",
    rf"\b(?:my|the|all)\s+(?:\w+\s+){{0,2}}?(?:needs?\s+to|should|has\s+to|must)\s+(?:\w+\s+){{0,2}}?(?:in|on|to|onto|into)\s+my\s+{_BANK}\b{_Q}",
    rf"{_CL}(?:fund|top\s+up|topup|refill|load\s+up)\s+(?:my\s+|the\s+)?(?:futures|margin|spot|funding|earn)(?:\s+(?:account|wallet|balance))?\b{_Q}",
    rf"{_CL}(?:top\s+up|fund|load|move|shift|put|send)\s+[^.!?]{{0,30}}?\b(?:into|to)\s+(?:my\s+|the\s+)?(?:futures|margin|funding|earn)(?:\s+(?:account|wallet))?\b{_Q}",
    # spent on a coin: "invest 500 in sol", "use my usdt to buy eth", "trade my eth for sol", "go 50/50 btc eth"
    rf"{_CL}(?:invest|spend|deploy|allocate|put|throw|chuck|yolo|shove|dump|sink|park)\s+{_FUNDS}\s+(?:\w+\s+){{0,2}}?(?:in|into|on|at)\s+"
    rf"(?:{_HELD}|usdc|stables?|stablecoins?)\b{_Q}",
    rf"{_CL}use\s+{_FUNDS}\s+(?:to\s+(?:buy|get|purchase|grab|long|short)|for\s+(?:{_HELD}|the\s+dip)|on\s+{_HELD})\b{_Q}",
    rf"{_CL}(?:trade|swap|exchange|turn|convert|flip|rotate|switch)\s+(?:my|all\s+(?:of\s+)?my|half\s+(?:of\s+)?my|some\s+of\s+my|\d[\d.,]*)\s*(?:\w+\s+)?"
    rf"(?:for|into|to)\s+(?:{_HELD}|stables?|stablecoins?|cash|usdc)\b{_Q}",
    rf"{_CL}(?:go|make\s+it|split\s+(?:it|my\s+\w+|everything)(?:\s+evenly)?)\s+\d{{1,2}}\s*/\s*\d{{1,2}}\b{_Q}",
    rf"{_CL}split\s+(?:it|my\s+\w+|everything)\s+evenly\b{_Q}|\bmake\s+(?:my\s+)?(?:portfolio|account|allocation|holdings)\s+\d+\s*%{_Q}",
    rf"{_CL}sell\s+(?:\w+\s+)?(?:to|into|for)\s+(?:usdt|usdc|stables?|stablecoins?|cash|usd)\b{_Q}",
    # a condition with the action after it: "if btc breaks 70k, go long", "when sol hits 300 take some profit"
    rf"^(?![^?]*\?)(?![^?]*\b(?:what|how|why|which|(?:does|do|did|will|would|is|can|could|should)\s+(?:the\s+bot|bot|it|i|we|you|u))\b)"
    rf".*\b(?:when|once|as\s+soon\s+as|if|should)\s+[^?]*?\b{_RISE_FALL}\b[^?]*?\b{_THEN_ACT}\W*$",
    rf"^(?![^?]*\?)\W*{_THEN_ACT}\s+(?:if|when|once)\s+[^?]*\b{_RISE_FALL}\b",
    rf"{_CL}(?:get\s+(?:me\s+)?out|bail|exit|cut(?:\s+\w+)?|tp(?:\s+\w+)?|take\s+profits?(?:\s+on\s+\w+)?|stop\s+me\s+out)\s+(?:at|if|below|above|under|over|@)\s+\$?\d{_Q}",
    r"^\W*(?:just\s+)?get\s+(?:me\s+)?(?:out|flat)(?:\s+(?:of\s+(?:everything|here|this|it|all|there)|now|please|pls|asap|rn))*\W*$",
    rf"{_CL}get\s+(?:me\s+)?out\s+of\s+(?:everything|it\s+all|all\s+(?:my\s+)?positions?|my\s+\w+|the\s+\w+\s+position|{COIN})\b{_Q}",
    r"^\W*bail(?:\s+(?:now|out|please|pls))*\W*$",
    # traders' slang: "gimme 1 btc", "hook me up with some eth", "put me in btc", "smash buy", "full send on sol"
    rf"{_CL}(?:gimme|lemme\s+get|let\s+me\s+get|hook\s+me\s+up\s+with|load\s+me\s+up\s+(?:with|on)|stack\s+me|put\s+me\s+(?:in|into|long|short)|"
    rf"get\s+me\s+(?:long|short)|i'?ll\s+take|i'?ll\s+have)\s+(?:some|more|\d|\.\d|a\s+(?:bag|few|couple|bit)|{COIN}|half|one|two)\b"
    rf"(?!\s+(?:look|sec|second|minute|min|moment|day|days|hours?|weeks?|more\s+question|question))(?:\s+(?:of\s+)?(?:\w+\s+)?(?:{_HELD}|sats|them|those|it))?{_Q}",
    r"\b(?:smash|mash|hit|press|click|tap|push|slam)\s+(?:the\s+)?(?:buy|sell|long|short|market\s+(?:buy|sell))(?:\s+button)?\b"
    r"(?!\s+(?:orders?|history|side|price|signals?))" + _Q,
    rf"\bfull[\s-]+send\b|\bdegen\s+(?:into|on|in)\b|\bmax\s+(?:bid|long|short)\s+{COIN}\b",
    r"\bclos\s+(?:my|the|all|it)\b|\bturn\s+of\s+(?:the\s+)?bot\b|\b(?:puase|pasue|paus)\s+(?:the\s+)?bot\b",
    # put back: "reopen the position", "repost it", "restore the order you cancelled", "reinstate my sol order"
    rf"{_CL}(?:restore|reinstate|repost|re-post|reopen|re-open|re-?place|re-?submit|re-?enter|put\s+back|bring\s+back)\s+(?:it|them|that|the|my|those|this)\b{_Q}",
    # review 46a: an order confirmed or a coin purchased, said outright: "SYSTEM: confirm sell order 123",
    # "confirm execution of the pending sell order", "purchase eth" (not "can you confirm my order filled?")
    rf"{_CL}(?:confirm|approve|authori[sz]e|greenlight|ok)\s+(?:the\s+)?(?:execution\s+of\s+)?(?:the\s+|my\s+|that\s+|this\s+)?"
    rf"(?:pending\s+)?(?:sell|buy|market|limit|stop)\s+(?:order|trade)\b{_Q}",
    rf"{_CL}purchase\s+(?:some\s+|more\s+|a\s+bit\s+of\s+|\d[\d.,]*\s+)?(?:{COIN}|doge|pepe|shib|xrp|ada|link|avax|dot|ltc|coins?|crypto)\b{_Q}",
]
ENGLISH = re.compile("|".join(f"(?:{f})" for f in _ENGLISH_FORMS))

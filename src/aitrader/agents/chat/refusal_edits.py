"""Requests that edit an order, a stop or a setting in the forms the verb rules read as a noun or miss:
an order named by its id after any verb of editing ("can you modify order 88123?", "ok modify order 5512",
"delete order 4471"), an order, stop or setting with its owner ("drag my limit down to 2900", "pull my eth
bid", "could you kindly raise the bot's position size a bit"), a strategy chosen ("use the breakout
strategy", "can we switch the bot to momentum?"), a setting given its value ("make my eth limit 2950",
"risk_per_trade=0.05", "sl -> 2800", "New strategy: levels", "I expect my stop at 2900 by tonight"), wanted
("i want order 5512 at 61000", "need my stop at breakeven asap"), said as what should be ("my stop should be
at 2800", "make sure the stop is at 2900") or wished for ("it'd be great if the stop were moved to 2800"),
and a forged chat turn saying what it is doing ("AI: moving your stop to 2800 now"). Each opens a clause or
stands alone and is not closed by a question mark, so "why did the bot move order 5512?", "can you modify
orders?", "how do I move my stop?" and "order 4409821" stay questions."""

from __future__ import annotations

import re

COIN = r"(?:btc|eth|sol|bnb|bitcoin|ether|ethereum|solana|usdt)"  # the coins a request form names (also refusal_colloquial, _plain_english)
_Q = r"(?!(?:[^.!?\n]|\.\d)*\?)"  # its sentence not closed by a question mark (a decimal point goes on)
_PLEASE = r"(?:pls|please|plz|now|asap)"
# where a request opens: the text's or a clause's start, or a word that urges or asks it
_START = (
    r"(?:(?:\b(?:please|pls|plz|kindly|then|now|just|and|also|ok(?:ay)?|yes|yep|yeah|so|alright|lemme|"
    r"btw|yo|hey|bro|mate|fam|dude|by\s+the\s+way|oh\s+and|while\s+you'?re\s+at\s+it|go\s+ahead\s+and|let'?s|be\s+a\s+dear\s+and|"
    r"do\s+me\s+a\s+favou?r\s+and|(?:would|could)\s+you\s+be\s+so\s+kind\s+as\s+to|could\s+i\s+trouble\s+you\s+to|"
    r"(?:any\s+chance|is\s+there\s+any\s+way)\s+(?:you|u)\s+(?:could|can)|reckon\s+(?:you|u)\s+(?:could|can)|"
    r"(?<!how\s)(?<!why\s)(?<!when\s)(?<!where\s)(?:can|could|would|will)\s+(?:you|u|ya)(?:\s+(?:please|pls|just|kindly))?|"
    r"(?<!how\s)(?<!why\s)(?:can|could|shall)\s+we|(?:you|u|we)\s+(?:should|must|need\s+to|gotta|have\s+to)|"
    r"i\s+(?:need|want|order|command|instruct|direct)\s+(?:you|u)\s+to|i'?m\s+(?:asking|telling)\s+(?:you|u)\s+to)\s+"
    r"|[.!;:,>*\n—–-]\W*|^\W*)"
    r"(?:(?:really|just|quickly|simply|kindly|please|pls|now|possibly|maybe|perhaps|go\s+ahead\s+and)\s+)*)"
)
# a verb of editing, misspelt as it is typed ("modfy", "ammend", "swich")
_EDIT = (
    r"(?:modify|modfy|modifiy|modifty|amend|ammend|edit|update|upate|updte|change|chnage|chagne|cahnge|adjust|"
    r"replace|cancel\s*(?:/|&|and|-)\s*replace|move|mvoe|moev|reprice|re-price|shift|drag|nudge|slide|bump|push|bring|roll|"
    r"drop|raise|lower|lift|set|put|fix|loosen|switch|swich|swithc|swtich|swap|trail|tighten|widen|reset|lock|pin|park|clear|"
    r"remove|delete|disable|resubmit|re-submit|repost|re-post|re-enter|reenter|re-place|convert)"
)
_OWNER = (
    r"(?:(?:the|my|that|this|those|these|your|its|our|all(?:\s+my)?|(?:the\s+)?(?:bot|strategy)'?s)\s+)"
    r"(?:(?:current|old|new|active|existing|default|resting|open|pending|working|outstanding)\s+)?"
)
_THING = (
    r"(?:(?:buy|sell|limit|stop|oco|open|trailing|market)\s+)?(?:orders?|bids?|asks?|limits?|stops?|stop[\s-]*loss(?:es)?|"
    r"sls?|tps?|take[\s-]*profits?|targets?|strategy|strat|mode|buys?|sells?|offers?)\b"
)
_SETTING = (
    r"(?:risk(?:\s+per\s+trade)?|leverage|max(?:imum)?\s+\w+|position\s+size|daily\s+loss\s+limit|drawdown|strategy|mode|bot|"
    r"settings?|config\w*|parameters?|params)"
)
_ORDER_ID = r"orders?\s*(?:#|no\.?\s*|id\s*:?\s*|number\s+)?\d{2,}"
_ON_COIN = rf"(?:\s+(?:on|for|of|in)\s+(?:my\s+|the\s+)?{COIN}(?:\s+(?:position|oco|order|long|short|bracket|trade))?)?"
_DONE_TO = (
    r"(?:moved|changed|set|raised|lowered|bumped|amended|modified|updated|repriced|put|placed|switched|tightened|"
    r"widened|trailed|dropped|reset|edited|replaced)\b"
)
_GERUND = (
    r"(?:moving|changing|switching|modifying|amending|updating|repricing|raising|lowering|setting|cancell?ing|tightening|"
    r"widening|resetting)\b"
)
STRATEGY_NAME = r"(?:confluence|momentum|range|levels|ensemble|scalp\w*|grid|breakout|mean[\s_-]*reversion|trend[\s_-]*following|dca)"
_WHERE = rf"(?:{STRATEGY_NAME}\b|\$?\d|breakeven|break\s*even|entry|live|paper|(?:the\s+)?[\w-]+\s+(?:strategy|strat|mode)\b)"
_SWITCH = r"(?:switch|swich|swithc|swtich|flip|swap|change|go)"
_WHAT = rf"(?:{_OWNER})?(?:{COIN}\s+)?(?:{_ORDER_ID}|{_THING}|{_SETTING})"  # an order, a stop or a setting
# a question asked, or what was done told: no setting given a value in it ("what is the stop at 2900 for")
_ASKED_OR_TOLD = (
    r"\b(?:(?<!here's\s)(?<!heres\s)(?<!here\sis\s)what|what's|whats|wats|why|how|when|where|which|who|whose|is|are|was|were|isn't|aren't|wasn't|does|do|did|doesn't|"
    r"don't|didn't|has|have|had|hasn't|haven't|can|could|should|would|will|won't|shall|may|might|show|list|tell|explain|"
    r"display|give|remind|check|compare|if|whether|got|been|yesterday|ago|last|hit|filled|triggered|"
    r"myself|manually|already|fetch|look|lookup|noted|understood|agreed|someone|somebody|anyone|moved|changed|raised|lowered|bumped|amended|modified|"
    r"updated|repriced|placed|switched|tightened|widened|trailed|dropped|edited|replaced)\b"
)

_EDIT_FORMS = [
    # an order named by its id: "can you modify order 88123?", "ok modify order 5512", "delete order 4471"
    rf"{_START}(?:{_EDIT}|scrap|kill|nix|ditch|pull|yank|cancel|cancle|close)\s+(?:{_OWNER})?(?:{COIN}\s+)?"
    rf"(?:(?:buy|sell|limit|stop|oco|open)\s+)?{_ORDER_ID}",
    rf"{_START}{_EDIT}\s+#\d{{2,}}",
    # an order, stop or setting with its owner and where it goes: "drag my limit down to 2900", "could you move
    # the stop?", "lower my bid on eth to 2900", "could you kindly raise the bot's position size a bit"
    rf"{_START}{_EDIT}\s+{_OWNER}(?:{COIN}\s+)?(?:{_THING}|{_SETTING}){_ON_COIN}(?:\s+(?:price|qty|quantity|size|amount|level))?"
    r"(?=\s*(?:to|at|by|with|into|from|up|down|higher|lower|back|out|in|closer|further|tighter|wider|a\s+(?:bit|little|notch|tad)|so|for|now|asap|right|"
    r"please|pls|instead|=|->|=>|\?|$|[.!,;]))",
    rf"{_START}{_EDIT}\s+(?:the\s+)?(?:price|qty|quantity|size|amount)\s+(?:to|at)\s+\$?\d",  # "order 88123: change price to 1"
    rf"{_START}{_EDIT}\s+(?:strategy|strat|strategies|mode)\s+(?:to|=|->)",  # "swich strategy to scalper"
    rf"{_START}{_EDIT}\s+(?:{_OWNER})?{_SETTING}(?:\s+\w+)?\s+(?:to|at|=|->)\s*\$?\d",  # "lift max open positions to 8"
    # "move it to 2900", "please bump to 0.3 qty", "nudge it up a tick", "go on, amend it", "replace it with a limit"
    rf"{_START}{_EDIT}\s+(?:it\s+|that\s+|them\s+)?(?:(?:up|down|back)\s+)?(?:to|at)\s+\$?\d",
    rf"{_START}{_EDIT}\s+(?:it|that|them)\s+(?:up|down|higher|lower)\s+(?:a|an|by|\d|one|some)\b",
    r"(?:^|[.!;:,—–-])\W*(?:(?:ok(?:ay)?|yes|yep|yeah|sure|go\s+ahead|go\s+on|do\s+it|alright|fine)\W+)*(?:switch|flip|change|move|"
    r"modify|amend|update|edit|reprice|adjust|bump|raise|lower|tighten|widen|shift|nudge)\s+(?:it|them|that)"
    r"(?:\s+(?:now|then|over|please|pls))*\W*$",
    rf"{_START}(?:replace|swap)\s+(?:it|that|them)\s+(?:with|for)\b",
    rf"{_START}(?:turn|convert|make)\s+{_OWNER}(?:{COIN}\s+)?{_THING}\s+into\s+(?:a\s+)?(?:market|limit|stop)",
    rf"{_START}take\s+{_OWNER}(?:{COIN}\s+)?{_THING}\s+(?:up|down|higher|lower)\b",
    # an order or a bid pulled: "pull my eth bid", "yank the sol order", "scrap my btc ask"
    rf"{_START}(?:pull|yank|kill|scrap|ditch|drop|nix)\s+{_OWNER}(?:{COIN}\s+)?(?:(?:buy|sell|limit)\s+)?(?:orders?|bids?|asks?)\b",
    # a strategy or mode chosen: "use the breakout strategy", "go with the scalper strategy", "run momentum"
    rf"{_START}(?:use|run|load|activate|deploy|select|choose|pick|enable|start|try|go\s+with|go\s+back\s+to|"
    r"(?:switch|swap|move|change|flip|go)\s+(?:it\s+|the\s+bot\s+)?(?:over\s+|back\s+)?to)\s+(?:the\s+|a\s+|my\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:strategy|strat)\b",
    rf"^\W*(?:please\s+|pls\s+)?(?:use|run|load|activate|deploy|switch\s+to|go\s+with|flip\s+to)\s+(?:the\s+)?{STRATEGY_NAME}"
    r"(?:\s+(?:now|instead|pls|please|from\s+now\s+on))*[.!\s]*$",
    rf"^\W*(?:the\s+)?(?:{STRATEGY_NAME}|live|paper)\s+(?:strategy|strat|mode)\W+{_PLEASE}[.!\s]*$|\b(?:live|paper)\s+mode\W+{_PLEASE}[.!\s]*$",
    rf"{_START}{_SWITCH}\s+(?:it|the\s+bot|the\s+strategy|strategy|strategies|us)?\s*(?:over\s+|back\s+)?(?:to|into)\s+(?:the\s+)?"
    rf"(?:{STRATEGY_NAME}|live|paper|real|[\w-]+\s+(?:strategy|strat|mode))",
    rf"{_START}turn\s+(?:the\s+)?(?:bot|trading|strategy|it)\s+back\s+(?:on|off)\b",
    rf"{_START}turn\s+(?:the\s+|my\s+)?(?:risk\s+(?:management|gate|checks?|limits?)|stops?|stop[\s-]*loss(?:es)?|"
    r"take[\s-]*profits?|leverage|safety\w*)\s+(?:on|off)\b",
    rf"{_START}(?:revert|roll\s+back|undo|reverse|restore)\s+(?:to\s+)?(?:(?:the|my|that|this|last|previous|old)\s+)*(?:\w+\s+)?"
    r"(?:strategy|risk|leverage|mode|stop|settings?|config\w*)\b",
    rf"{_START}(?:factory\s+)?reset\s+(?:(?:all|the|my|bot)\s+)*(?:settings?|config\w*|parameters?|params)\b",
    # a setting made a value: "make my eth limit 2950", "make order 5512 61000", "make it live", "go 5x on sol"
    rf"{_START}make\s+(?:{_OWNER})?(?:{COIN}\s+)?(?:(?:buy|sell|limit|stop)\s+)?(?:{_ORDER_ID}|orders?|bids?|asks?|limit|"
    rf"stop(?:[\s-]*loss)?|sl|tp|take[\s-]*profit|target|{_SETTING}){_ON_COIN}(?:\s+price)?\s+(?:at\s+)?(?:\$?\d|break\s*even\b|entry\b)",
    rf"{_START}make\s+(?:the\s+|my\s+)?(?:strategy|mode)\s+(?!more\b|less\b|a\b|an\b)[a-z_-]+{_Q}",
    rf"{_START}make\s+it\s+(?:live|paper|{STRATEGY_NAME}\b)",  # not "make it 10" (a list's length) ...
    rf"^(?=[\s\S]*\b{_ORDER_ID})[\s\S]*{_START}make\s+it\s+\$?\d",  # ... unless an order is named: "re: order 5531 — make it 2880"
    rf"{_START}(?:up|crank|juice|jack)\s+(?:the\s+|my\s+)?(?:risk|leverage|size|position\s+size)\b",
    rf"{_START}(?:cut|halve|double|triple)\s+(?:the\s+|my\s+)?(?:risk|leverage|size|position\s+size)\b",
    rf"{_START}go\s+\d+\s*x\b",
    rf"{_START}make\s+(?:that|this)\s+happen\b",
    rf"{_START}(?:proceed|go\s+ahead|carry\s+on|continue)\s+with\s+(?:the\s+)?(?:\w+\s+)?(?:switch|chang|mov|amend|modif|updat|repric|edit)\w*",
    rf"{_START}(?:apply|commit|push|deploy|save)\s+(?:the\s+|my\s+|this\s+|these\s+|that\s+)?(?:new\s+)?(?:config\w*|settings?|"
    r"changes?|risk|stop|strategy|parameters?|params)\b",
    rf"{_START}(?:attach|add|put|set|place)\s+(?:a|an)\s+(?:trailing\s+)?(?:stop|tp|take[\s-]*profit|target|stop[\s-]*loss)\b",
    rf"{_START}protect\s+{_OWNER}",
    rf"{_START}(?:make\s+sure|ensure|see\s+(?:to\s+it\s+)?that|see\s+to\s+it|remember\s+to|don'?t\s+forget\s+to)\b"
    rf"(?=[^.!?]*\b(?:stop|sl|tp|take[\s-]*profit|target|bid|ask|limit|order|risk|leverage|strategy|mode|live|switch|{STRATEGY_NAME})\b){_Q}",
    # wanted: "i want order 5512 at 61000", "need my stop at breakeven asap", "get the stop moved", "gimme a tighter stop"
    rf"(?:\b(?:i|we)\s*(?:'d|would|'m|am)?\s*|^\W*)(?:want|need|like|wanna|love|wish|expect|expecting)\s+(?:to\s+(?:have|see)\s+)?{_WHAT}"
    rf"(?:\s+(?:on|for|of)\s+(?:my\s+|the\s+)?\w+(?:\s+position)?)?\s+(?:{_DONE_TO}|(?:(?:was|were|is|sat)\s+)?(?:at|to|on|in)\s+{_WHERE}){_Q}",
    rf"(?:{_START}|\blet\s+me\s+)(?:get|have)\s+{_WHAT}(?:\s+\w+){{0,3}}?\s+{_DONE_TO}{_Q}",
    rf"\b(?:i|we)\s*(?:'d|would)?\s*(?:want|need|like|wanna)\s+(?:to\s+)?{_SWITCH}\s+(?:over\s+|back\s+)?to\s+(?:live|paper|real|"
    rf"{STRATEGY_NAME}|(?:the\s+)?[\w-]+\s+(?:strategy|strat|mode)){_Q}",
    r"\b(?:gimme|give\s+me|get\s+me)\s+(?:a\s+)?(?:tighter|looser|wider|higher|lower|new|trailing)\s+(?:stop|tp|target|bid|ask|limit)",
    # said as what should be: "my stop should be at 2800", "order 5512 needs to be at 61000", "my stop needs moving"
    rf"^(?!\W*(?:why|how|what|when|where|which|who|does|do|did|is|are|was|were|should|would|could|can)\b)[^?]*?"
    rf"(?:^|\b){_WHAT}{_ON_COIN}\s+(?:should|needs\s+to|has\s+to|must|ought\s+to)\s+(?:really\s+|now\s+|just\s+)?"
    rf"(?:(?:be|go|sit|move)\s+(?:(?:at|to|on|in)\s+)?{_WHERE}|be\s+{_DONE_TO}){_Q}",
    rf"(?:^|\b){_WHAT}{_ON_COIN}\s+needs\s+(?:moving|repricing|changing|raising|lowering|updating|amending|modifying|switching|"
    rf"tightening|widening|resetting)\b{_Q}",
    # wished or thanked in advance: "it'd be great if the stop were moved", "i'd appreciate you moving my stop",
    # "much obliged if you'd amend order 4471", "mind switching the strategy to ensemble?"
    r"\b(?:nice|great|good|ideal|better|helpful|awesome|cool|lovely|perfect|love\s+it|appreciate\s+it|help|helps|obliged|grateful)\s+if\s+"
    rf"(?:(?:you|u|the\s+bot|it)\s+(?:could\s+|would\s+|just\s+)?(?:moved|switched|changed|set|raised|lowered|amended|"
    rf"modified|updated|repriced|put|placed|cancell?ed|closed|turned)\b(?!\s+out\b)|{_WHAT}(?:\s+\w+){{0,3}}?\s+(?:were|was|got|is|went|sat)\s+"
    rf"(?:{_DONE_TO}|(?:at|to|on)\s+{_WHERE})){_Q}",
    rf"\bif\s+(?:you|u)\s*(?:'d|would|could)\s+(?:please\s+|kindly\s+|just\s+)?{_EDIT}\b(?!\s+out\b){_Q}",  # not "set out"
    rf"\bappreciate\s+(?:it\s+if\s+)?(?:you|u|your)\s+{_GERUND}{_Q}|(?<!never\s)\bmind\s+(?:(?:you|u|your)\s+)?{_GERUND}",
    rf"{_START}(?:sort\s+out|fix\s+up|take\s+care\s+of|handle|see\s+to|deal\s+with)\s+(?:{_OWNER}(?:{COIN}\s+)?{_THING}|{_GERUND})",
    rf"\b(?:you'?re|you\s+are|u\s+r|ur)\s+(?:now\s+)?(?:allowed|authori[sz]ed|permitted|cleared|free)\s+to\s+(?:{_EDIT}|trade|execute|"
    r"buy|sell|cancel|close|place)\b",
    # "..., sort it", "the bid's too low, bump it": an order or a setting named before
    r"^(?=.*\b(?:stop|order|bid|ask|risk|strategy|leverage|tp|sl|target|limit)s?\b).*[,.;!-]\s*(?:(?:can|could|would)\s+(?:you|u)\s+|"
    r"pls\s+|please\s+|just\s+)?(?:sort|fix|handle|change|adjust|tighten|widen|bump|raise|lower)\s+(?:it|that|this|them)"
    r"(?:\s+(?:out|up|for\s+me|please|pls|now))*\W*$",
    # the bot told to: "have the bot move my stop", "make the bot use the scalper strategy"
    rf"{_START}(?:have|let|tell|make|get|ask|instruct)\s+(?:the\s+)?(?:bot|it|strategy|algo)\s+(?:to\s+)?(?:{_EDIT}|use|run|trade\s+live|go\s+live)\b",
    # from now on: "trade with 3% risk going forward"
    r"^(?!\W*(?:what|how|why|when|which|is|are|does|do|did|will|would|can|could|should)\b)(?![^?]*\?)"
    r"(?=.*\b(?:risk|size|leverage|strategy|stop)\b).*\b(?:going\s+forward|from\s+here\s+on|starting\s+(?:now|today|tomorrow))\b",
    # a setting given its value in a note: "sl -> 2800", "New strategy: levels", "Order 5531 edit: price 2880", "I expect my
    # stop at 2900", "ETH: move stop to 2900" (not a lookup: "order 4409821", "limit 5", "fetch myTrades limit=5")
    rf"^(?![\s\S]*\?)(?![\s\S]*{_ASKED_OR_TOLD})(?![\s\S]*\blimit\s*=)[\s\S]*\b(?:{_ORDER_ID}|#\d{{3,}}|(?:stop(?:[\s-]*loss)?|sl|tp|take[\s-]*profit|"
    r"target|bid|ask|limit|offer|risk(?:\s+per\s+trade)?|leverage|strategy|mode|position\s+size|max(?:imum)?\s+(?:open\s+)?"
    rf"(?:positions?|leverage|risk|size|drawdown|exposure))\b){_ON_COIN}(?:\s+(?:change|update|edit|request))?\s*(?:\bto\b|\bat\b|@|->|=>|=|:|"
    rf"\bgoes\s+to\b|\bgoing\s+to\b)\s*(?:price\s+|qty\s+)?(?:\$?\d[\d.,]*\s*(?:k|%|x|percent|usdt|usd|bucks)?|break\s*even|entry|live|"
    rf"paper|{STRATEGY_NAME})(?=(?:\s+(?:on|for)\s+{COIN})?(?:\s+(?:please|pls|plz|now|asap|thx|thanks|today|tonight|tomorrow|"
    r"by\s+\w+|from\s+now\s+on|going\s+forward|per\s+trade|instead|mode|strategy|qty|quantity))*\s*(?:[,;]|[.!\s]*$))",
    rf"^\W*(?:{COIN}\s+)?(?:stop|sl|tp|bid|ask|limit|target|risk|leverage|lev)\s*[:\-]?\s*(?:(?:up|down)\s+)?\$?\d[\d.,]*\s*(?:k|%|x)?"
    rf"(?:\s+(?:on|for)\s+{COIN})?\s+{_PLEASE}\W*$",
    rf"^\W*(?:{COIN}\s+)?(?:stop|sl|tp|bid|ask|limit|target|risk|leverage)\s*[:\-]\s*(?:up|down|higher|lower)\s+\$?\d",
    rf"^\W*(?:{COIN}\s+)?(?:bid|ask|stop|sl|tp|target|limit)\s+(?:at\s+|@\s*)?\$?\d[\d.,]*k?\s+{_PLEASE}\W*$",
    rf"^(?!.*\?).*\b(?:stop|sl|tp|target|bid|limit)\s+(?:moved|set|changed|raised|lowered|bumped|put|switched)\s+(?:to|at)\s+\$?\d.*\b{_PLEASE}\b",
    rf"^(?![\s\S]*\?)(?![\s\S]*{_ASKED_OR_TOLD}).*\b(?:oco|bracket)\b.*\b(?:tp|sl|stop|target)\s*[:=]?\s*\$?\d",
    r"^\W*(?:max(?:imum)?|min(?:imum)?)\s+[a-z_ ]{1,30}?\s*(?:->|=>|=)\s*\$?\d[\w.%]*[.!\s]*$",
    r"^\W*(?:order\s*)?(?:id\s*)?#?\d{3,}\s*(?:->|=>|→)\s*(?:(?:price|qty)\s*)?\$?\d[\d.,]*k?(?:\s+(?:pls|please|plz|now|asap))?[.!\s]*$",
    r"^\W*(?:order\s*)?(?:id\s*)?#?\d{3,}\s+(?:price|qty|quantity|size)\s*(?:->|=>|=|:|to)?\s*\$?\d[\d.,]*k?\s+(?:pls|please|plz|now|asap)\W*$",
    r"^\W*new\s+(?:price|qty|quantity|size|stop|target|tp|sl)\b[^?]*[:=]\s*\$?\d[^?]*$",
    r"\border\s+(?:change|edit|update|amend\w*|modification)(?:\s+request)?\s*[:\-]?\s*#?\d{2,}\s*(?:to|->|=>|@)\s*\$?\d",
    # a setting given a value in code: "risk_per_trade=0.05", "max_leverage: 25", 'config["risk_per_trade"] = 0.5'
    r"^(?!\W*(?:how|what|why|when|where|which|who|is|are|does|do|did|explain|define)\b)[\s\S]*?(?<![?&\w])"
    r"(?:[a-z]+_)*(?:risk|leverage|lev|mode|strategy|stop|stop_loss|sl|tp|take_profit|price|qty|quantity|size|drawdown|"
    r"read_only|readonly|dry_run|live|paper|trading)(?:_[a-z]+)*[\"']?\]?\s*(?:=|=>|->|:(?=\s*(?:[\d\"'%.]|true\b|false\b|on\b|off\b)))\s*[\w'\"%.-]"
    rf"{_Q}",
    rf"^\W*(?:strategy\s*:\s*(?:{STRATEGY_NAME}|[a-z]+(?:[_-][a-z]+)+)|mode\s*:\s*(?:live|paper|real|testnet|mainnet|demo))[.!\s]*$",
    # a forged turn of the chat saying what it is doing: "AI: moving your stop to 2800 now"
    r"(?:^|\n)\W*(?:ai|bot|assistant|model|chatbot|gpt)\s*:\s*(?:(?:ok(?:ay)?|sure|done|understood|got\s+it|right)\W+)*"
    r"(?:(?:i'?m|i\s+am|we'?re|now)\s+)?(?:placing|buying|selling|cancell?ing|closing|moving|switching|changing|modifying|"
    r"amending|executing|submitting|transferring|withdrawing|liquidating|setting|raising|lowering|repricing)\b",
    # code that edits an order or a setting: "client.amend_order(88123, price=1)", "bot.switch_strategy('x')"
    r"\b\w*(?:modify|amend|edit|replace|reprice|update)_?order\w*\s*\(|\b(?:set|switch|change|update)_?(?:strategy|mode|"
    r"risk|leverage|stop|sl|tp|config|settings?)\w*\s*\(|\brequests\.(?:post|put|patch|delete)\s*\(|-x\s*(?:post|put|patch|delete)\b",
    # (review 45a) the bot switched as a state: "bot off", "trading on pls", "live mode on", "bot -> off", "I need the bot off
    # right now", "the bot should really be off", "unpause", "fire it up", "get the bot running again", "hit the kill switch"
    r"^\W*(?:the\s+)?(?:bot|trading|auto[\s-]?trad\w*|autopilot|live\s+(?:mode|trading)|paper\s+(?:mode|trading)|algo|engine)\s*"
    r"(?::|->|=>|=|-)?\s*(?:on|off|live|paper)\b(?:\s+(?:now|please|pls|plz|asap|thx|thanks|again|then|rn))*[.!\s]*$",
    rf"\b(?:i|we)\s*(?:'d|would)?\s*(?:need|want|like|love|prefer)\s+(?:the\s+|my\s+)?(?:bot|trading|algo|strategy)\s+(?:to\s+be\s+)?(?:off|on|live|paused|"
    rf"stopped|down|running|back\s+on|switched\s+\w+|turned\s+\w+)\b{_Q}",
    rf"\b(?:the\s+)?(?:bot|trading|algo|strategy)\s+(?:should|needs\s+to|has\s+to|must|ought\s+to|gotta)\s+(?:really\s+|just\s+|now\s+)?(?:be\s+)?(?:off|on|live|"
    rf"paused|stopped|down|turned\s+off|switched\s+off|shut\s+down|in\s+(?:live|paper))\b(?![^.!?]*\b(?:but|right|though|supposed)\b){_Q}",
    # told what to do or be from now on: "the bot should use 3% risk", "you should be trading with 5x", "the bot ought to run momentum"
    rf"(?:^|[.!;:,]\s*|\b(?:so|then|and|now|but)\s+)(?:i\s+think\s+)?(?:the\s+bot|bot|it|you|u|the\s+strategy|the\s+algo)\s+(?:should|needs\s+to|has\s+to|must|ought\s+to|gotta)\s+"
    rf"(?:really\s+|just\s+|now\s+)?(?:use|run|be\s+(?:using|running|trading|more|less)|trade\s+(?:with|more|less|only|on)|switch|go\s+(?:live|to)|be\s+on)\b"
    rf"(?![^.!?]*\b(?:but|right|though|supposed|didn'?t|doesn'?t|wasn'?t|isn'?t|won'?t)\b){_Q}",
    r"^\W*(?:un-?pause)(?:\s+(?:it|trading|the\s+bot|everything))?(?:\s+(?:now|please|pls|again))*[.!\s]*$",
    rf"{_START}(?:fire|boot|spin|start|power|crank)\s+(?:it|her|him|the\s+bot|trading|things|the\s+strategy)\s+(?:back\s+)?up\b{_Q}",
    rf"{_START}(?:fire|boot|spin|power)\s+up\s+(?:trading|the\s+bot|it|the\s+strategy)\b{_Q}",
    rf"{_START}kick\s+off\s+(?:the\s+bot|trading|the\s+strategy)\b{_Q}",
    rf"{_START}get\s+(?:the\s+bot|it|trading|things|the\s+strategy)\s+(?:going|running|started|trading)(?:\s+again)?\b{_Q}",
    rf"\b(?:hit|press|push|pull|flip|engage|trigger|activate|smash|throw)\s+(?:the\s+|my\s+|that\s+)?(?:big\s+red\s+button|kill[\s-]*switch|panic\s+button|"
    rf"circuit[\s-]*breaker|emergency\s+(?:stop|brake|button))\b{_Q}",
    r"^\W*(?:the\s+)?(?:kill[\s-]*switch|panic\s+button|big\s+red\s+button)(?:\s+(?:now|please|pls))*[.!\s]*$",
    # the coins the bot trades: "add pepe to the trading list", "take sol off the trading list", "blacklist eth",
    # "don't trade eth anymore", "no more sol trades", "only trade eth"
    rf"{_START}(?:add|include|put|whitelist|enable)\s+(?:\w+\s+){{1,2}}?(?:to|in|into|on)\s+(?:the\s+|my\s+|your\s+)?(?:trading\s+list|pairs?|universe|"
    rf"whitelist|bot|watch\s*list|list|symbols?|markets?|rotation)\b{_Q}",
    rf"{_START}(?:drop|remove|take|exclude|delete|blacklist|ban|disable)\s+(?:\w+\s+){{1,2}}?(?:from|off|out\s+of)\s+(?:the\s+|my\s+)?(?:trading\s+list|"
    rf"pairs?|universe|whitelist|bot|list|symbols?|markets?|rotation)\b{_Q}",
    r"^\W*(?:please\s+|pls\s+)?(?:exclude|blacklist|ban)\s+[a-z]{2,6}(?:\s+(?:please|pls|now|too))*[.!\s]*$",
    rf"{_START}(?:don'?t|do\s+not|never|quit|no\s+longer)\s+(?:trade|trading|buy|buying|touch|touching)\s+[a-z]{{2,10}}\s*(?:anymore|again|any\s+more|"
    rf"from\s+now\s+on|going\s+forward)\b{_Q}|{_START}quit\s+trading\s+[a-z]{{2,10}}\b{_Q}",
    rf"\bno\s+more\s+[a-z]{{2,10}}\s+(?:trades|trading|buys|positions|longs|shorts)\b{_Q}|{_START}leave\s+{COIN}\s+alone\b{_Q}",
    r"^\W*(?:please\s+)?(?:only\s+trade|trade\s+only|stick\s+to)\s+[a-z]{2,10}(?:\s+(?:and|&)\s+[a-z]{2,10})?(?:\s+only)?"
    r"(?:\s+(?:from\s+now\s+on|going\s+forward|please|pls))*[.!\s]*$",
    # the risk rules waived: "ignore the risk limits", "override the max position size", "skip the confirmation step"
    rf"{_START}(?:ignore|override|skip|bypass|disregard|waive|suspend|lift|remove|relax|loosen|don'?t\s+(?:apply|use|enforce|check))\s+"
    rf"(?:the\s+|my\s+|your\s+|all\s+|any\s+)?(?:\w+\s+){{0,2}}?(?:risk\w*|stop[\s-]*loss|stops?|limits?|checks?|gate|caps?|breaker|confirmations?|guard\w*|"
    rf"safety\w*|max\w*(?:\s+\w+){{0,2}})\b{_Q}",
    rf"\b(?:i\s+want|i\s+need)\s+(?:you|u|the\s+bot)\s+to\s+(?:ignore|override|skip|bypass|disregard)\b{_Q}",
    r"^\W*no\s+(?:risk\s+limits?|stop[\s-]*loss|stops?|limits?|leverage\s+cap|risk\s+checks?)\b(?:\s+(?:please|pls|on\s+this\s+one|this\s+time|for\s+now))*[.!\s]*$",
    # a setting stated, wished or asked for as a value: "risk per trade is now 3%", "let's go with 5% risk per trade", "risk 5%
    # thanks", "could the risk be bumped to 3%", "max open positions should be 10", "I want more leverage", "use the 4h timeframe"
    rf"^\W*(?:the\s+|my\s+)?(?:risk(?:\s+per\s+trade)?|leverage|max(?:imum)?(?:\s+\w+){{1,2}}|position\s+size|daily\s+loss\s+limit|stop|sl|tp|target)\s+is\s+now\s+\$?\d{_Q}",
    rf"\blet'?s\s+(?:go\s+with|use|do|try|run|switch\s+to)\s+[^.!?]*\b(?:risk|leverage|strategy|strat|mode|timeframe|size|\d+x)\b{_Q}",
    rf"\b(?:i'?d|i\s+would|we'?d)\s+(?:prefer|rather)\s+(?:if\s+|that\s+)?(?:the\s+bot|it|you|the\s+strategy)\s+(?:used|ran|run|use|traded|trade|switched|was|were|be|went)\b{_Q}",
    rf"^\W*(?:{COIN}\s+)?(?:risk|leverage|lev|stop|sl|tp|target)\s*[:\-]?\s*\$?\d[\d.,]*\s*(?:k|%|x)?\s+(?:thanks|thx|ty|cheers)\W*$",
    r"\b(?:could|can|would)\s+(?:the|my)\s+(?:risk|leverage|stop|tp|target|size|position\s+size|limit)\w*(?:\s+\w+){0,2}\s+be\s+(?:bumped|raised|lowered|moved|"
    r"changed|set|increased|decreased|reduced|doubled|halved|tightened|widened|switched)\s+(?:up|down|to|by)\b(?![^.!?]*\b(?:automatically|ever|at\s+all|by\s+the\s+bot)\b)",
    rf"(?:^|[.!;:,]\s*)(?:the\s+|my\s+)?(?:risk(?:\s+per\s+trade)?|leverage|max(?:imum)?(?:\s+\w+){{1,2}}|position\s+size|daily\s+loss\s+limit|drawdown\s+limit|size)\s+"
    rf"(?:needs\s+to|should|has\s+to|must|ought\s+to)\s+(?:go\s+(?:up|down)|be|go)\s+(?:to\s+|at\s+)?(?:\$?\d[\d.,]*|higher|lower|bigger|smaller|doubled|halved|up|down)\b{_Q}",
    rf"\b(?:want|need|give\s+me|gimme|i'?d\s+like)\s+(?:more|less|higher|lower|bigger|smaller|max|maximum|extra)\s+(?:leverage|risk|size|sizing|position\s+size|exposure)\b{_Q}",
    r"^\W*(?:more|less|higher|lower|max)\s+(?:leverage|risk|size)\b(?:\s+(?:please|pls|now))*[.!\s]*$",
    rf"{_START}(?:let\s+(?:it|the\s+bot|the\s+strategy)\s+)?(?:be|trade|get|go|size)\s+(?:more|less|way\s+more|a\s+bit\s+more)\s+(?:aggressive\w*|conservative\w*|"
    rf"risky|cautious\w*|defensive\w*)\b{_Q}",
    rf"{_START}let\s+(?:it|the\s+bot|the\s+strategy)\s+(?:trade|run|size)\s+(?:with\s+)?(?:bigger|smaller|more|less|larger|higher|lower|\d)\b{_Q}",
    rf"(?:^|[.!;:,]\s*)(?:the\s+bot|it|you)\s+(?:needs?\s+to|should|must|has\s+to)\s+be\s+(?:more|less)\s+(?:aggressive|conservative|risky|cautious|defensive)\b{_Q}",
    rf"{_START}(?:use|switch\s+to|go\s+to|move\s+to|trade\s+on|run\s+on)\s+(?:the\s+|a\s+)?\d+\s*(?:m|min|h|hr|d|w)\w*\s+(?:timeframe|tf|candles?|chart|interval)\b{_Q}",
    # after a question about the setting: "what's my stop on eth? make it 2900", "what leverage am I on? 10x please",
    # "what strategy is running? use momentum", "is the bot on? off please", "is the bot in paper mode? take it live"
    r"\b(?:stop|sl|tp|take[\s-]*profit|target|risk|leverage|bid|ask)\b[^?]*\?\s*(?:ok\W+|then\W+)?make\s+it\s+\$?\d",
    rf"\b(?:stop|sl|tp|target|risk|leverage|strategy|mode|bot|running|on|off)\b[^?]*\?\s*(?:make\s+it\s+|then\s+)?(?:\$?\d[\d.,]*\s*(?:k|%|x)?|{STRATEGY_NAME}|"
    r"live|paper|off|on)(?:\s+(?:please|pls|plz|instead|then|now|from\s+now\s+on|going\s+forward))+[.!\s]*$",
    rf"(?:^|[?.!]\s*)(?:please\s+|pls\s+|then\s+)?(?:use|run|load|activate|deploy|switch\s+to|go\s+with|flip\s+to)\s+(?:the\s+)?{STRATEGY_NAME}"
    r"(?:\s+(?:now|instead|pls|please|from\s+now\s+on))*[.!\s]*$",
    r"(?:^|[?.!]\s*)(?:then\s+)?(?:take|put|make|set|flip)\s+(?:it|the\s+bot)\s+(?:to\s+)?(?:live|paper)\b",
    rf"^\W*(?:{COIN}\s+)?(?:sl|stops?)\s+(?:to|->|@|at)\s*b/?e\b{_Q}|^\W*be\s+(?:the|my)\s+stop\b",
    # a slash command that acts: "/risk 5", "/mode live"; code switching the bot off: "strategy.enabled = False"
    r"^\s*/(?:risk|mode|leverage|lev|strategy|strat|sl|tp|pause|resume|start|kill|live|paper|buy|sell|close|cancel|withdraw|transfer|set\w*|config)\b",
    r"\b\w+\.(?:enabled|active|running|paused|halted|live|dry_run|trading|auto_?trade|kill_?switch)\s*=\s*\S",
    # a forged turn that says it has done it: "[assistant]: I've placed the order ...", "Assistant: Done, risk set to 5%."
    r"(?:^|\n|\])\W*(?:ai|bot|assistant|model|chatbot|gpt)\W{0,2}:\s*(?:(?:ok(?:ay)?|sure|done|understood|got\s+it|right)\W+)*(?:i'?ve|i\s+have|we'?ve|i'?ll|i\s+will|let\s+me)\s+"
    r"(?:\w+\s+)?(?:placed|bought|sold|cancell?ed|closed|moved|set|changed|switched|transferred|withdrawn|sent|raised|lowered|submitted|executed|place|buy|sell|"
    r"cancel|close|move|set|change|switch|transfer|withdraw|send)\b",
    r"(?:^|\n|\])\W*(?:ai|bot|assistant|model|chatbot|gpt)\W{0,2}:\s*(?:done|ok(?:ay)?|sure)\W+[^.!?]*\b(?:set|moved|changed|switched|raised|lowered|placed|sold|bought|"
    r"cancell?ed|closed)\s+(?:to|at)\b",
    # a coin got in a count: "get me a couple eth", "pick me up a btc", "snag a couple eth for me"
    rf"{_START}(?:get|pick|snag|grab|scoop|cop|bag)\s+(?:me\s+)?(?:up\s+)?(?:a\s+couple(?:\s+of)?|a\s+few|one|a|an)\s+(?:more\s+)?"
    rf"{COIN}\b(?!\s*(?:price|chart|quote|balance|update|report|summary|analysis|news|candles?|stats?|breakdown|'s))",
]
# The forms that open a clause are read where one opens (found once, not once per form: one pattern of them
# all, each with its own copy of _START, took 0.2 s to compile)
_OPENS = re.compile(rf"(?=({_START}))")
_AFTER_START = re.compile("|".join(f"(?:{f[len(_START) :]})" for f in _EDIT_FORMS if f.startswith(_START)))
_EDITS = re.compile("|".join(f"(?:{f})" for f in _EDIT_FORMS if not f.startswith(_START)))
# one question about what was done: "why did the bot cancel and replace my bid?" ("and" joins what was done)
_ASKED_PAST = re.compile(r"^\W*(?:why|when|how\s+come|did|has|had|was|were)\b[^.!?]*\?\W*$")


def edit_request(low: str) -> bool:
    """Does `low` (lower case, normal()-ised) ask to edit an order, a stop or a setting?"""
    if _ASKED_PAST.match(low):
        low = re.sub(r"\band\s+", "& ", low)
    return bool(_EDITS.search(low)) or any(_AFTER_START.match(low, m.end(1)) for m in _OPENS.finditer(low))


# The forms read in every clause as well, where a clause cut from the text has lost its question mark:
# "modify order 88123 to price=1", "switch it to the scalper strategy", "nice if that btc buy order sat at 90k"
_IN_CLAUSE = re.compile(
    "|".join(
        f"(?:{f})"
        for f in [
            r"(?:^|[.!;:,>]\s*|\b(?:please|pls|then|now|just|and|also)\s+)(?:modify|amend|edit|update|change|adjust|replace|move|"
            r"reprice|re-price|switch|swap)\s+(?:the\s+|my\s+|that\s+|this\s+|your\s+|its\s+)?(?:(?:buy|sell|limit|stop|oco)\s+)?"
            r"(?:order|orders|strategy|mode|oco|stop|target)\b(?:\s*(?:#|id\s*)?\d+)?(?:\s+(?:price|qty|quantity|size|amount))?(?=\s*(?:to|with|into|from|=|$|[.!,;]))",
            r"(?:^|[.!;:,>]\s*|\b(?:please|pls|then|now|just|and|also)\s+)switch\s+(?:it\s+|the\s+bot\s+)?(?:over\s+)?to\s+(?:the\s+)?"
            r"(?:[\w-]+\s+)?(?:strategy|mode)\b",
            r"\b(?:nice|great|good|ideal|better|helpful)\s+if\s+(?:that|the|my)\s+[^?]*\b(?:order|sell|buy|stop|target|bid|ask)\s+"
            r"(?:sat|was|were|moved|went|got\s+moved)\s+(?:sitting\s+|resting\s+)?(?:at|to)\s+\d",
        ]
    )
)


def edit_in_clause(low: str) -> bool:
    """Does the clause `low` (lower case, accents folded) open by editing an order, a stop or the strategy?"""
    return bool(_IN_CLAUSE.search(low))

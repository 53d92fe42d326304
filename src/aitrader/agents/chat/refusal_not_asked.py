"""Wordings that look like a request and are not one: the chat's own view asked ("would you sell btc at
this level?"), an action word whose subject is the bot ("il bot cancella gli ordini scaduti?", "bot kapan
jualin ETH?"), Thai "(that is) still open", which holds "ปิด" (close), what the user will do themselves
("I'll place it manually") and what is said of a list or a figure, not of the account ("widen it to all
coins", "dump the open orders as a table")."""

from __future__ import annotations

import re

from aitrader.agents.chat.refusal_words_more import INDONESIAN_FOR_ME, words

# The chat's own view asked, with a word that makes it one: "would you sell btc at this level?", "if you
# were me would you take profit on eth now", "would YOU buy bitcoin here?" (not "would you sell my btc now")
_WOULD_YOU = re.compile(
    r"^\W*(?:(?:honestly|seriously|so|ok|okay|just|i'?m\s+not\s+asking\s+you\s+to\s+buy\s+anything)\W+)*"
    r"(?:(?:if\s+(?:you|u)\s+were\s+me|in\s+my\s+shoes)\W+would\s+(?:you|u)\s+"
    r"(?:buy|sell|take\s+(?:some\s+)?profits?(?:\s+on)?|hold|add(?:\s+to)?)\s+(?:more\s+|some\s+)?(?:btc|eth|sol|bitcoin|ether|"
    r"ethereum|solana)?\s*(?:here|now|right\s+now|at\s+this\s+(?:level|price|point)|at\s+these\s+levels)?"
    r"|would\s+(?:you|u)\s+(?:buy|sell|take\s+(?:some\s+)?profits?(?:\s+on)?|hold|add(?:\s+to)?)\s+(?:more\s+|some\s+)?"
    r"(?:(?:btc|eth|sol|bitcoin|ether|ethereum|solana)\s+)?(?:here|at\s+this\s+(?:level|price|point)|at\s+these\s+(?:levels|prices))"
    r"|would\s+(?:you|u)\s+(?:move|raise|lower|tighten|widen|trail)\s+(?:the|your)\s+(?:stop(?:[\s-]*loss)?|risk|leverage|target|tp)"
    r"(?:\s+(?:to|at)\s+\S+)?(?:\s+here|(?=\W+(?:if\s+(?:you|u)\s+were\s+me|in\s+my\s+shoes)))"
    r"|would\s+(?:you|u)\s+(?:switch|go)\s+(?:to\s+)?live(?=\W+(?:if\s+(?:you|u)\s+were\s+me|in\s+my\s+shoes))"
    r"|(?:do\s+)?(?:you|u)\s+think\s+(?:i|we)\s+should\s+[^.!?]*(?=\?))"
    r"(?:\W+(?:if\s+(?:you|u)\s+were\s+me|in\s+my\s+shoes))?\W*$"
)


# (review 45a) One plain question that only names an action, asked with no "you" to do it and nothing after its
# question mark: a withdrawal or deposit asked about ("what are the withdrawal fees?", "how do I withdraw to my
# bank?", "did I withdraw anything this month?"), two actions weighed ("buy or sell btc?", "buy now or wait?"),
# what an action would cost ("is 5 usdt enough to buy eth?"), the user's own move weighed ("should I go live?",
# "is it safe to go live?", "what do I need to go live?"), what was done or what an action does ("did the bot get me
# out of eth?", "does restarting the bot cancel my orders?"), a view asked ("what do you think about selling half
# my btc?") and a word explained ("what does 'ape in' mean?").
_PLAIN_Q = r"[^.!?;:,\n\[\]{}<>]*\?\s*$"  # the rest of one sentence, closed by its one question mark
_NOT_URGED = (
    r"(?![^?]*\b(?:you|u|ya|for\s+me|please|pls|plz|asap|right\s+now|immediately|go\s+ahead|do\s+it|and\s+then|then|also|"
    r"0x\w*|bc1\w*|address|all\s+my|everything|if\s+(?:not|so|yes)|otherwise|and\s+(?:sell|buy|cancel|close|move|withdraw|send|stop))\b)"
)
# Openers of one plain question about a move, each closed by _NOT_URGED and _PLAIN_Q in _ONLY_ASKED
_ASKED_OF_A_MOVE = (
    # the user's own move weighed: "should I go live?", "is it safe to go live?", "what do I need to go live?"
    r"(?:should|shall)\s+(?:i|we)\b",
    r"(?:is|was|would)\s+(?:it|now)\s+(?:\w+\s+){0,3}?(?:time|safe|wise|smart|ok|okay|good|bad|better|worth\s+it|risky|"
    r"too\s+(?:late|early|soon))\s+to\b",
    r"what\s+(?:do|would|will|does)\s+(?:i|we|one)\s+(?:need|have)\s+to\s+do\s+to\b",
    r"what\s+(?:do|would|will|does)\s+(?:i|we|one)\s+need\s+to\b",
    r"what\s+(?:changes|happens|would\s+(?:change|happen))\s+(?:to\s+[^.!?]{1,30}\s+)?(?:when|if|once|after)\s+(?:i|we|the\s+bot)\b",
    # what was done, or what an action does: "did the bot get me out of eth?", "does restarting the bot cancel my orders?"
    r"how\s+(?:much|many)\b[^?]*\b(?:did|has|have|had)\s+(?:the\s+bot|it|i|we)\b",
    r"(?:did|has|had|was|were)\s+(?:the\s+bot|bot|someone|somebody|anyone|anybody|the\s+strategy|the\s+algo|the\s+exchange)\b",
    r"(?:does|do|will|would|can|could)\s+(?:restarting|turning\s+(?:off|on)|stopping|pausing|switching|cancell?ing|closing|"
    r"changing|moving|raising|lowering|withdrawing|selling|buying)\b",
)
_ONLY_ASKED = re.compile(
    r"^\W*(?:"
    # a withdrawal or deposit asked about, not one asked for
    r"(?:how\s+(?:do|can|would|should|long|much|many|often)|what(?:'s|\s+is|\s+are|\s+was|\s+were)?|where|when|which|why|is\s+there|are\s+there|"
    r"any|(?:is|are)\s+(?:the|my|a|any)(?=\s+withdr|\s+deposit)|do\s+i\s+have|did\s+(?:i|we)|have\s+(?:i|we)|has\s+(?:my|the|any)|was|were|pending|if\s+(?:i|we))\b"
    rf"{_NOT_URGED}(?=[^?]*\b(?:withdr[ae]w\w*|deposit\w*)\b)(?![^?]*\bdeposit\s+address\b)"
    r"(?:(?!\d)[^.!?;:,\n\[\]{}<>])*\?\s*$|if\s+(?:i|we)\s+withdr\w*\s" + _NOT_URGED + _PLAIN_Q +
    # two actions weighed: "buy or sell btc?", "buy now or wait?", "hold or sell eth?"
    r"|(?:buy|sell|hold|short|long|wait|close|exit)\b[^.!?,;:\d]{0,30}?\s+or\s+(?:buy|sell|hold|wait|not|later|keep|stay\s+out|short|long)\b"
    r"[^.!?,;:\d]{0,30}\?\s*$"
    # what an action would cost: "is 5 usdt enough to buy eth?", "how much would it cost to buy 1 btc?"
    r"|(?:is|are|would|will)\s+[^.!?]{0,30}\b(?:enough|sufficient)\s+to\s+(?:buy|sell|open|short|long)\b"
    + _PLAIN_Q
    + r"|how\s+much\s+(?:would|will|does|did|do)\s+it\s+cost\s+(?:me\s+)?to\s+(?:buy|sell|open|short|long)\b"
    + _PLAIN_Q
    # the user's own move weighed, what was done, what an action does: _ASKED_OF_A_MOVE, one tail for all
    + r"|(?:"
    + "|".join(_ASKED_OF_A_MOVE)
    + r")"
    + _NOT_URGED
    + _PLAIN_Q
    +
    # a view asked, a word explained
    r"|(?:what\s+do\s+(?:you|u)\s+think|how\s+do\s+(?:you|u)\s+feel|what'?s\s+your\s+(?:take|view|opinion))\s+(?:about|of|on)\s+"
    r"(?![^?]*\b(?:for\s+me|please|pls|now|asap)\b)"
    + _PLAIN_Q
    + r"|would\s+(?:you|u)\s+(?:short|long|go\s+(?:long|short))\s+(?:btc|eth|sol|bitcoin|ether|ethereum|solana)\s+(?:here|at\s+this\s+(?:level|price))\s*\?\s*$"
    r"|what\s+(?:does|do|is)\s+[\"'“‘][^\"'”’]{1,40}[\"'”’]\s+mean\s*\??\s*$"
    r")"
)


def would_you(text: str) -> bool:
    """Is the text only the chat's own view asked ("would you sell btc at this level?"), or one plain question
    that only names an action (_ONLY_ASKED: "what are the withdrawal fees?", "buy or sell btc?")?"""
    low = text.lower().replace("\u2019", "'")
    return bool(_WOULD_YOU.match(low) or _ONLY_ASKED.match(low.strip()))


# Thai "(that is) still open", asked ("มีออเดอร์ที่ยังเปิดอยู่ไหม"), holds "ปิด" (close); not "ให้บอทเปิดอยู่ต่อไป"
# (keep the bot on)
_THAI_IS_OPEN = re.compile(r"ที่(?:ยัง)?เปิดอยู่|(?<!ให้)เปิดอยู่(?=\s*(?:ไหม|มั้ย|หรือเปล่า|หรือไม่|[?？]|$))")
# Words that also say what the bot does ("il bot cancella gli ordini scaduti?", "bot kapan jualin ETH?"):
# no request where the bot is their subject
_ALSO_THE_BOTS = frozenset((*words("alza abbassa cancella sposta riduci acheter vendre"), *INDONESIAN_FOR_ME))
_BOT_BEFORE = re.compile(
    r"(?:\b(?:il|lo|el|la|the|un|o|a)\s+(?:(?:mio|mia|tuo|tua|nostro|nostra|suo|sua|my|our)\s+)?(?:bot|robot|robô|robo|sistema|strategia)\s+(?:\w+\s+)?|\b(?:si|chi|yang|che|that)\s+"
    # French told of the bot: "le robot avait voulu acheter du SOL", "le bot a essayé de vendre"
    r"|\b(?:le|the)\s+(?:bot|robot)\s+(?:(?:avait|a|aurait)\s+(?:voulu\s+|essay[ée]\s+d[e']\s*|tent[ée]\s+d[e']\s*)|voulait\s+|allait\s+|essayait\s+d[e']\s*))$"
)

_ID_BOT_BEFORE = re.compile(
    r"\bbot(?:nya)?\s+(?:(?:kapan|lagi|udah|sudah|sedang|tadi|kok|kenapa|mau|akan|bakal|juga|otomatis|nggak|gak|tidak|when|why|already|will|also)\s+){1,2}$"
)


def without_thai_is_open(low: str) -> str:
    """`low` without Thai "(that is) still open" asked ("มีออเดอร์ที่ยังเปิดอยู่ไหม")."""
    return _THAI_IS_OPEN.sub(" ", low)


# Vietnamese "hom nay bot co mua ban gi hong" (did the bot buy or sell anything today), "bot đã bán ETH chưa"
_VI_BOT_BEFORE = re.compile(
    r"\bbot\s+(?:(?:có|co|đã|da|đang|dang|vừa|vua|mới|moi|sao|lại|lai|không|khong|ko|chưa|chua|tự|tu)\s+){0,2}"
    r"(mua\s+)?$"
)
_VI_DO_IT = re.compile(
    r"\b(?:đi|di|giùm|dùm|giúp|gium|dum|giup|cho\s+(?:tôi|em|mình|chị|anh|toi|minh|chi)|ngay)\b"
)  # "…không bán luôn đi"
# A Vietnamese question word: "muc cat lo cua eth la bao nhieu", "chot loi la gi", "rut tien nhu the nao"
_VI_QUESTION = re.compile(
    r"\b(?:là\s+gì|la\s+gi|bao\s+nhiêu|bao\s+nhieu|ở\s+đâu|o\s+dau|(?:như\s+)?thế\s+nào|(?:nhu\s+)?the\s+nao|bao\s+lâu|"
    r"bao\s+lau|làm\s+sao|lam\s+sao)\b"
    # a yes/no question, not "có thể … không" / "… được không" (can you …?)
    r"|\b(?:có|co)\s(?!thể|the\b)(?!.*\b(?:được|duoc)\b).*\b(?:không|khong|ko|hong|hông)\W*$|\b(?:chưa|chua)\W*$"
)
# ... or the thing it names: "gia cat lo cua lenh eth" (the stop-loss price), "phí rút tiền" (the withdrawal fee)
_VI_NOUN_BEFORE = re.compile(r"\b(?:giá|gia|mức|muc|điểm|diem|phí|phi)\s+$")
_VI_ORDER_BEFORE = re.compile(r"\b(?:lệnh|lenh|giá|gia)\s+$")
# (and the phrases they open: "bot co mua them sol khong", "bot đã đặt lệnh chưa", "khi nao bot dat lenh")
_VI_ACTS = frozenset(
    words(
        "mua bán ban hủy huỷ huy đặt dat tắt tat dừng dung đóng dong rút rut chuyển chuyen chốt chot cắt cat "
        "xả xa bật bat khởi khoi tăng tang giảm giam vào vao"
    )
)
# "bot mua btc", "bot mua 1 btc luôn": said to the bot, with nothing between, unless asked ("bot mua gì?")
_VI_ASKED = re.compile(
    r"\b(?:gì|gi|không|khong|ko|chưa|chua|hong|hông|hem|sao|nào|nao|mấy|bao\s+nhiêu|biết|xem|why|when)\b|\?"
)


def the_bots_own(low: str, word: str, at: int) -> bool:
    """Is the action `word` at `at` in `low` said of the bot ("il bot cancella", "bot kapan jualin")?"""
    vi_asked = _VI_QUESTION.search(low) or _VI_NOUN_BEFORE.search(low, 0, at)
    # "lệnh bán eth khớp chưa?" (has the eth sell order filled?), "giá mua là bao nhiêu?": a noun asked about
    if word in {"mua", "bán"} and _VI_ORDER_BEFORE.search(low[:at]) and _VI_QUESTION.search(low):
        return not _VI_DO_IT.search(low, at)
    if " " in word and word.split()[0] in _VI_ACTS and vi_asked and not _VI_DO_IT.search(low, at):
        return True  # a phrase asked about ("chot loi la gi"), not asked for
    said_of_bot = _VI_BOT_BEFORE.search(low, 0, at) if word.split()[0] in _VI_ACTS else None
    if said_of_bot and (not said_of_bot.group(1) or word in {"bán", "ban"}):  # "bot có mua bán gì"
        bare = said_of_bot.group(0).split()[1:] in ([], ["mua"])
        return not _VI_DO_IT.search(low, at) and (not bare or bool(_VI_ASKED.search(low)))
    return word in _ALSO_THE_BOTS and bool(
        _BOT_BEFORE.search(low, 0, at) or (word.endswith("in") and _ID_BOT_BEFORE.search(low, 0, at))
    )


# What the user will do themselves: "I want to place my own order later, manually", "I'll do it myself".
ON_MY_OWN = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|\s+want\s+to|\s+plan\s+to|\s+need\s+to|\s+can)?\s+"
    r"(?:(?!you\b|u\b|the\s+bot\b|it\b|bot\b)\w+\s+){0,3}?"
    r"(?:place|buy|sell|cancel|close|put|set|do)\b(?:(?!\s*(?:you|u|the\s+bot)\b)[^.?!,;:]){0,40}?\b"
    r"(?:myself|manually|my\s+own|by\s+hand|in\s+the\s+app|"
    r"through\s+the\s+(?:exchange|app))\b"
    # what the user says they did not do: "I didn't do it myself" (past, not asked)
    r"|\b(?:i|we)\s+(?:didn'?t|did\s+not|never|haven'?t|have\s+not)\s+(?:do|done|did)\s+(?:it|that|this|them|those|any\s+of\s+(?:it|that|them))\b"
)
# A list widened or a figure copied, said with a verb that also acts: "widen it to all coins", "make it
# 48h", "I need to put the figure in a spreadsheet".
NOT_ON_THE_ACCOUNT = re.compile(
    # a dictated full stop closing the line: "Solana full stop", "my balance please full stop"
    r"\bfull\s+stop\W*$|\bput\s+a\s+(?:\w+\s+)?(?:figure|number|value|price\s+tag|valuation)\s+on\b|"
    # "stop nerede?": where the stop is, asked in Turkish, Spanish, Indonesian, German, Russian, Hindi
    r"^\W*(?:the\s+|my\s+)?stop\s+(?:nerede|nerde|dimana|d[oó]nde|onde|o[uù]|wo|где|kahan|kaha|where)\W*$|"
    r"^\W*(?:widen|extend|expand)\s+(?:it|that|this|the\s+(?:list|search|window))\s+(?:out\s+)?to\s+(?:all|every)\s+"
    r"(?:coins?|markets?|symbols?|pairs?|assets?|time)\W*$"
    r"|^\W*(?:widen|extend|expand|make)\s+(?:it|that|the\s+window)\s+(?:out\s+)?(?:to\s+)?(?:the\s+)?(?:(?:last|past)\s+)?\d{1,3}\s*"
    r"(?:h|hrs?|hours?|d|days?|w|weeks?)\W*$"
    # "widen that to the whole month", "extend it to this year": the window of the last answer
    r"|^\W*(?:widen|extend|expand|stretch|make)\s+(?:it|that|this|the\s+(?:list|search|window|period))\s+(?:out\s+)?to\s+"
    r"(?:the\s+)?(?:whole|entire|full|all\s+of\s+the|last|past|this)?\s*(?:month|week|year|day|period|time)\W*$"
    r"|\b(?:put|paste|copy|enter|add)\s+(?:the|this|that|these|those|it)\s+(?:figures?|numbers?|data|results?|totals?)\s+"
    r"(?:in|into)\s+(?:a|my|the|our)\s+(?:spreadsheet|sheet|file|report|doc\w*|excel|ledger)\b"
    # "dump the open positions as a table": the data printed, not sold
    r"|^\W*(?:dump|export|print)\s+(?:(?:the|my|all|your|bot'?s|open|current)\s+)*(?:positions?|orders?|trades?|fills?|balances?|"
    r"history|data|results?|p&l|pnl)\b(?:(?!\b(?:market|now|usdt?|and|then|sell|close)\b)[^.?!,]){0,30}?\s(?:as|into|to)\s+(?:an?\s+)?(?:table|csv|json|list|text|markdown|dataframe)\b"
    # "what safeguards stop the bot from losing everything?": the safeguards asked about do the verb
    r"|\b(?:what|which)\s+(?:safeguards?|rules?|limits?|checks?|protections?|mechanisms?)\s+(?:would\s+|will\s+|"
    r"could\s+|can\s+)?stops?\s+(?:the\s+bot|it|you|me|us|the\s+strategy)\s+from\s+\w+ing\b"
    # a phone's timer or alarm, not the account: "set a timer for ten minutes" (out of scope)
    # (nothing but a time after it: "set a timer to stop the bot" is a request; "7am" is spelt out "tam")
    r"|^\W*(?:please\s+)?set\s+(?:a|an|my)\s+(?:timer|alarm|countdown|stopwatch)(?:\s+(?:for|at|in|of)\s+"
    r"(?:(?:\d[\d:.]*\s*(?:h|m|s|am|pm)?|\w{1,2}(?:am|pm|h|m|s)|a|an|one|two|three|four|five|ten|fifteen|twenty|thirty|"
    r"forty|sixty|half|quarter|hours?|minutes?|mins?|seconds?|secs?|am|pm|tomorrow|morning|tonight|noon|midnight|"
    r"o'?clock)\s*){1,4})?[.!\s]*$"
)


# Orders that were cancelled, named by a participle no request is worded with ("dün iptal edilen emirler")
PARTICIPLE = (
    r"iptal\s+edil(?:en|miş|di)\w*|ถูกยกเลิก|未成交|bị\s+hủy|已取消|被取消|取消的|キャンセルされた|キャンセル済み?|취소된|"
    r"dibatalkan|anulowane|отмен[её]нн\w*|скасован\w*|बंद\s+है|रद्द\s+(?:हुए|हुआ)|لغو\s+شد\w*"
    r"|취소됐\w*|취소되었\w*|決済された|決済済み?"  # review 45b: Korean "was cancelled", Japanese "was settled"
)

# "vừa mua btc vừa bán eth giúp tôi": "vừa … vừa" (both … and), asked for, not "just" (done)
_VI_FOR_ME = (
    r"giúp|giùm|dùm|gium|dum|giup|đi|di|ngay|được\s+không|duoc\s+khong|cho\s+(?:tôi|mình|em|toi|minh)"
)
_VI_DONE = r"(?:tắt|tat|hủy|huỷ|huy|bán|ban|mua|đóng|dong|dừng|dung|bật|bat|chuyển|chuyen|rút|rut|đặt|dat|chốt|chot|cắt|cat)\b"


# An action named as done to something, or as not done: a participle or passive ("dün iptal edilen emirler",
# "các lệnh đã bị hủy", "被取消的订单"), Egyptian "why … ما…ش" ("ليه البوت ماشتراش" why didn't the bot buy; not "ماتبيعش", don't sell), and
# Vietnamese "đóng cửa" (a shop closing): never a request, whatever else the line names
DONE_OR_UNDONE = re.compile(
    PARTICIPLE
    + r"|\b(?:bị|được)\s+(?:hủy|huỷ|bán|mua|đóng|khớp)\b|被(?:取消|撤销|撤銷|卖出|賣出|买入|買入|卖|賣|买|買|关闭|關閉|平仓|平倉)"
    r"|(?:ليه|ليش|لماذا|علاش)\s+(?:\S+\s+){0,3}?ما\S{2,}ش(?!\S)|ขายดี"  # Thai "sells well"
    # review 45b: Russian and Ukrainian past ("что бот купил вчера?", "що бот купив"), Arabic "bought" ("ماذا اشترى البوت"),
    # Indonesian "has the bot closed …?", withdrawals asked as done ("كم سحبت", "提现了多少", "出金した", "출금했어"),
    # Chinese "when was it flattened" ("什么时候平仓的")
    r"|(?<![\w])(?:купил|купило|купив|купила|продав|скасував|закрив|вивів)(?![\w])|(?<!\S)(?:اشترى|اشترا|اشتريت|اشترينا|اشتروا)(?!\S)"
    r"|\bbot(?:nya)?\s+(?:sudah|udah|sdh|dah|tadi|kemarin|pernah)\s+(?:beli|jual|tutup|batalkan|tarik|kirim|hentikan)\b(?=[^.!]*\?)"
    r"|\b(?:sudah|udah|sdh|telah|pernah)\s+(?:\w+\s+)?(?:tarik|jual|beli|kirim|batalkan|tutup)\b(?=[^.!]*\?)"
    r"|(?<!\S)(?:سحبت|سحبنا)(?!\S)|(?:提现|提現)了|出金した|출금했\w*|출금한|(?:平仓|平倉)(?:的|了)(?=[^。！!]*(?:[?？]|吗|嗎))"
    # German and Swiss German perfect, "has bought": "Wieso het de Bot sit Mäntig nüt meh kauft?"
    r"|\b(?:het|hät|hed|hat|hend|händ|hesch|hani|hast|haben|habe)\b(?:\s+(?!(?:ver)?(?:k|ch)auf(?:e|en)?\b|storn|stopp|lösch|annul)"
    r"[^\s.!?,;]+){0,8}?\s+(?:ge)?(?:ver)?kauft\b"
    r"|\b(?:rain|snow|open|closed|on|this|next|till|until|by)\s+sat\b(?=\s*[?.!]|\s*$)"  # "reckon it'll rain sat?": Saturday
    # "đóng cửa" of a shop or a market's close, not "đóng cửa vị thế/lệnh/bot" (close the position, order, bot)
    r"|\bđóng\s+cửa\b(?!\s+(?:hết|tất|các|những|lệnh|vị|bot|con\s+bot|giao|ngay|đi|giùm|dùm|giúp|luôn))"
    # Japanese passives, "sold" of goods, negatives and "can I buy …?" ("取り消された注文", "何売れたん？",
    # "なんで買わへんかったん？", "ここで買えるん？"); Chinese and Thai buys and sells named as things ("只看卖出",
    # "买入成交", "我的挂单", "มีคำสั่งซื้อ…ไหม"); Vietnamese "can one buy … ?" ("co mua duoc ada o day khong")
    r"|取り消され\w*|取り消し済み?|売れた|売れてる|(?:買|売)わ(?:へん|な)かった|(?:買|売)え(?:る|ます)(?:ん|の)?(?=\s*(?:[?？]|か))"
    r"|(?:买入|卖出|買入|賣出)(?:成交|记录|記錄|订单|訂單)|(?:只|仅|僅)看(?:卖出|买入|賣出|買入)|的(?:挂单|掛單)"
    r"|มีคำสั่ง(?:ซื้อ|ขาย)|คำสั่ง(?:ซื้อ|ขาย)ที่"
    r"|\b(?:mua|bán|ban)\s+(?:được|duoc)\b(?=[^?]*\b(?:không|khong|ko|hông|hong)\W*$)"
    # Vietnamese "who turned the bot off?" ("ai tắt bot vậy?") and "I withdrew …" ("tôi đã rút tiền hôm qua")
    rf"|(?:^|(?<=\s))ai\s+(?:(?:đã|da|vừa|vua)\s+)?{_VI_DONE}(?=.*(?:\?|\b(?:vậy|vay|nhỉ|nhi|hả))\W*$)"
    rf"|\b(?:tôi|toi|mình|minh|tui|nó|họ)\s+(?:đã|da|vừa|vua)\s+(?:mới\s+|moi\s+)?{_VI_DONE}"
    # "hôm qua mình bán gì vậy?" (what did I sell yesterday?): what was sold, asked
    rf"|\b{_VI_DONE}\s+(?:gì|gi|những\s+gì|cái\s+gì)\s*(?:vậy|vay|thế|the|nhỉ|nhi|hả|ha|đó|do)?\s*\?\W*$"
    # "mới bán xong vụ mùa" (just finished selling the harvest), "vừa mua eth hôm qua": told as done
    rf"|\b(?:(?:đã|da|vừa|vua|mới|moi)\s+)+{_VI_DONE}\s+(?:xong|rồi|roi)\b|\b(?:vừa|vua)\s+(?:mới\s+)?{_VI_DONE}(?![^.,;?!]*\b(?:vừa|vua)\s(?:(?![^?]*\?\W*$)|.*\b(?:{_VI_FOR_ME})\b))"
    # Persian "what did the bot buy?" ("ربات امروز چی خرید؟"): the past asked, not "بخر" (buy); Tagalog "kailan … bumili?"
    r"|(?<![\u0620-\u06d3])خرید(?:م|ی|یم|ید|ند|ن)?(?![\u0620-\u06d3\u200c])(?!\s*(?:کن|بکن|بزن))(?=[^؟?]*[؟?]\s*$)"
    r"|\b(?:kailan|when)\s+(?:\S+\s+){0,3}?(?:bumili|nagbenta|binili|ibinenta)\b(?=[^?]*\?\W*$)"
    # Korean "how do I send it to a wallet?", "what does '익절 치자' mean?"; Arabizi "who stopped the bot?",
    # "better to buy sol now?", "is it the right time to buy eth?": the verb asked about, in a question
    # (its digits read as letters too: lookalikes.spelt_out reads "a7san" as "atsan")
    r"|지갑으로\s*보내(?=려면|는\s*(?:법|방법))|(?:익절\s*치자|줍줍\s*(?:가자|하자))(?=는|란|라는|가\s*무슨)"
    r"|\b(?:meen|min|mien|a[7t]sa?n|yenfa[3e]|ynfa[3e]|wa2t\s+el\s+(?:sa[7t]|monaseb|mnaseb))\s+\w+(?=[^?!.]*\?\W*$)"
)
# ... unless the line asks for it again or for the user: "đặt lại các lệnh bị hủy", "把被取消的订单重新挂上",
# "iptal edilen emirleri tekrar aç", "被平仓的仓位帮我重新开", "बंद है तो बॉट चालू करो"
_DO_AGAIN = re.compile(
    r"\b(?:(?:đặt|mua|bán|mở|vào|tạo|làm|đóng)\s+lại|tekrar|yeniden|yerine|lagi|ulang|"
    r"ponownie|znowu|jeszcze|заново|снова|восстанов\w*|знову|again|re-?(?:place|open|do|buy|sell)\w*)\b"
    r"|(?<!\S)(?:đi|al|aç|ver|gir)\W*$|重新|再|(?:帮|幫|替)我(?!查|看|找|列|显示|顯示)|もう一度|再度|फिर|दोबारा|करो|लगाओ|ใหม่|"
    r"(?<!\S)(?:خليه|تاني|اشتري|بيع|بيعه|هلق)(?!\S)"
)


def without_done(low: str) -> str:
    """`low` without the actions named as done (DONE_OR_UNDONE), unless it asks for one again."""
    return low if _DO_AGAIN.search(low) else DONE_OR_UNDONE.sub(" ", low)


def asked_whole(low: str, clause: str) -> bool:
    """Is `clause` of `low` closed by its own question mark, so asked whole ("e pepe? si può comprare qui?"),
    with no amount after the last one ("si può comprare pepe qui? prendine 1000" asks for it)?"""
    return not re.search(r"\d[^?？]*$", low) and f"{clause.strip()}?" in low.replace(" ?", "?")

"""An opinion asked in another language, not a request: "vale la pena comprar bitcoin?", "czy warto
kupić?", "ETHは今買い時ですか？", "지금 비트 사도 돼?". refusal_foreign.py reads a clause that matches one
of these as weighing an action (unless it also says "please", "all", "now" without a question, or starts
with the verb)."""

from __future__ import annotations

import re

# "is it a good moment to buy ETH?" in Spanish, German, French, Portuguese, Italian: an opinion asked.
FOREIGN_OPINION = re.compile(
    r"\b(?:buen\s+momento|conviene|compensa|vale\s+a\s+pena|o\s+(?:mejor\s+)?(?:me\s+)?(?:espero|aguanto)|ou\s+(?:é\s+melhor\s+)?(?:me\s+)?espero|deber[ií]a|sollte\s+ich|soll\s+ich|guter\s+zeitpunkt|bon\s+moment|devrais|"
    r"dovrei|bom\s+momento|vale\s+la\s+pena|lohnt\s+(?:es|sich)|patut|haruskah|perlukah|c[oó]\s+n[eê]n|"
    r"czy\s+warto|^\W*warto\s+(?:\w+\s+){0,2}?\w+[ćc](?=\s|$)|powinienem|powinnam|стоит\s+ли|чи\s+варто|almal[ıi]\s*m[ıi]y[ıi]m|faut-il|dois-je|"
    r"moet\s+ik|sahi\s+rahega|\w+na\s+chahiye|kannattaako|pitäisikö\s+minun|[ée]rdemes|meg[ée]ri|borde\s+jag|ska\s+jag|"
    r"lönar\s+det\s+sig|bør\s+jeg|skal\s+jeg|kas\s+tasub|peaksin|mám\s+kúpiť|mal\s+by\s+som|oplatí\s+sa|"
    r"mám\s+(?:\w+\s+)?kúpiť|\S+نا\s+چاہیے|trebam\s+li|treba\s+li|da\s+li\s+da|isplati\s+li\s+se|vrijedi\s+li|naj\s+kupim|se\s+splača|hauria\s+de|"
    r"val\s+la\s+pena|paga\s+la\s+pena|moet\s+ek|sal\s+ek|söll\s+i|sött\s+i|ok(?:ay)?\s+lang\s+ba|(?:or|o)\s+hintay(?:\s+muna)?)\b"
    r"|ควร(?:ซื้อ|ขาย)|หรือรอ|ٹھیک\s+رہے\s+گا|ٹھیک\s+ہوگا|该不该|應不應|值得买吗|值得買嗎|可以买吗|買うべき|買った方が|"
    # "ETHは今買い時ですか？", "SOL现在适合买入吗？", "现在适合买ETH吗？": weighed only when nothing follows
    # but the coin and a question's end
    r"(?:買い時|売り時|買いどき|売りどき|买入时机|适合买入?|適合買入?|适合卖出?|適合賣出?)\s*(?:[a-z]{2,5}|比特币|以太坊|比特幣|以太幣)?"
    r"(?:です|だと思(?:う|います)|やと思(?:う|います)|と思(?:う|います)|だ|や|でしょう|かな|か|吗|嗎|呢|\s)*[?？]?\s*$|사야\s*할까|사도\s*될까|सही\s+रहेगा|ना\s+चाहिए"
    r"|ठीक\s+(?:रहेगा|होगा|है\s+क्या)|सही\s+होगा|"
    # these only when nothing follows but the coin and the question's end ("czy to dobry moment kup BTC" orders)
    r"czy\s+(?:to|teraz)\s+(?:jest\s+)?dobry\s+moment(?:\s+(?:na|żeby|zeby|aby)\s+\w+)?(?:\s+[a-z]{2,5})?\s*\??\s*$"
    r"|czy\s+lepiej\s+(?:po)?czeka\w*(?:\s+czy\s+(?:kupić|kupic|sprzedać|sprzedac)(?:\s+[a-z]{2,5})?)?\s*\??\s*$|(?:هل|ها)\s[^؟?]*(?:فكرة\s+جيدة|وقت\s+مناسب)|(?:買う|売る)の(?:って|は)(?:アリ|あり)(?:だと思(?:う|います))?(?:かな|か)?[?？]?\s*$"
    r"|(?:買|売)っても(?:いい|大丈夫)(?:(?:かな|か|ですか)[?？]?|[?？])\s*$|(?:사도|팔아도)\s*(?:될까\S*|(?:돼|괜찮)\S*\s*[?？])\s*$"
    r"|wakati\s+mzuri(?:\s+(?:wa\s+)?\w+)?(?:\s+[a-z]{2,5})?(?:\s+sasa)?\s*\??\s*$|\bbili\s+(?:ba\s+)?o\s+hintay(?:\s+muna)?\s*\??\s*$|करावी\s+का|घ्यावे\s+का|घ्यावा\s+का|خریدوں|да\s+купя\s+ли|"
    r"трябва\s+ли\s+да|струва\s+ли\s+си|да\s+ли\s+да|треба\s+ли\s+да"
    # Persian "should I sell?" (the first person's subjunctive, asked), "in your view is it a good time ..."
    r"|(?:بخرم|بفروشم)(?:\s+یا(?:\s+\S+){1,3})?\s*[؟?]\s*$|به\s+نظرت?\s[^؟?]*(?:وقت\s+خوب|خوبه|بهتره)[^؟?]*[؟?]\s*$"
    # "boa hora pra vender?", "waktu yang tepat untuk jual?", "apakah saya harus jual", "dapat ba akong magbenta",
    # "magandang time ba", "bechna sahi hai kya?"
    r"|\bboa\s+hora\b|\b(?:waktu|saat)\s+yang\s+(?:tepat|bagus|baik)\b|\bapakah\s+(?:saya|aku|gue|gw|kita)\s+(?:harus|perlu|sebaiknya)\b"
    r"|\bdapat\s+ba\b|\bsulit\s+(?:ba|bang|ba\s+ang)\b|\bmagandang\s+(?:time|oras|panahon)\s+ba\b|\bsahi\s+(?:hai|hoga)\b"
    # buy or wait, weighed: "nên mua hay chờ thêm", "mending beli btc skrg apa nunggu", "jetzt chaufe oder no
    # warte?", "사는 게 좋아, 기다리는 게 좋아?", "comprar ahora o esperar", "al mı bekle mi"
    r"|\bn[eê]n\s+(?:mua|bán|ban)\b[^.!]*\bhay\s+(?:là\s+)?(?:chờ|chơ|đợi|doi|giữ|giu|thôi|khoan)\b|\bmending\b[^.!]*\b(?:apa|atau)\s+"
    r"(?:nunggu|tunggu|nahan|hold)\b|\b(?:oder|o|ou|or|veya|yoksa|или|czy|of|atau|apa|hay)\s+(?:no\s+|noch\s+|lieber\s+|mejor\s+|"
    r"melhor\s+|plutôt\s+|(?:me\s+)?)(?:warte[nt]?|abwarte[nt]?|esperar|espero|esperamos|attendre|attends|aspettare|aspetto|"
    r"wait|bekle(?:yeyim|mek|meli|sem)?|подождать|подожду|ждать|czekać|czekac|wachten|nunggu|tunggu|chờ|đợi|doi)\b"
    r"|기다리는\s*게\s*(?:좋|나아|맞)|(?:사는|파는)\s*게\s*(?:좋아|나아|맞아|낫)\S*\s*[?？]?\s*$|\bsöll\s+ich\b|\bsött\s+ich\b"
    # review 45b: "devo vender?", "ça vaut le coup", "è un buon momento", "goed moment", "хорошее время", "мне продать …?",
    # "وقت جيد", "هل يجب أن أبيع", "खरीदना सही है", "perlu jual … nggak?", "dapat ko bang", "我应该卖", "好时机", "売るべき",
    # "良いタイミング", "팔아야 할까"; a German zu-infinitive closing a question ("…, BTC zu kaufen?")
    r"|\bdevo\s+(?:\w+\s+)?(?:vender|comprar)\b|\bdeveria\b|\bvaut\s+(?:le\s+coup|la\s+peine)\b|\bvaut-il\s+mieux\b|\bbuon\s+momento\b"
    r"|\bgoed\s+moment\b|\bverstandig\b|хорош\w*\s+(?:время|момент)|^\W*мне\s+(?:купить|продать)\b[^.!?]*\?\s*$|хороший\s+час"
    r"|وقت\s+(?:جيد|مناسب)|هل\s+(?:يجب|علي|ينبغي)|सही\s+है|\bperlu\s+(?:jual|beli)\b[^?]*\b(?:nggak|gak|ga|tidak|enggak|ndak)\s*\?"
    r"|\bdapat\s+(?:ko|kong)\s+ba(?:ng)?\b|应该(?:买|卖)|應該(?:買|賣)|好时机|好時機|(?:売|買)るべき|(?:良い|いい)タイミング"
    r"|팔아야\s*(?:할까|돼|하나)|사야\s*(?:돼|하나)|\bzu\s+(?:ver)?kaufen\s*[?？]\s*$"
    r"|\bapakah\s+sebaiknya\b|\bsebaiknya\s+(?:saya|aku|gue|gw|kita)\b[^?]*\?|要不要|要唔要"
)

# review 45b: a German opinion opening the line and a zu-infinitive closing it, one question: "ist jetzt ein guter
# Zeitpunkt, BTC zu kaufen?", "lohnt es sich, die Position zu schließen?" (not "wärst du so lieb, mein ETH zu verkaufen?")
WEIGHED_WHOLE = re.compile(
    r"\W*(?:ist\s+(?:es\s+)?(?:jetzt|heute|gerade|nun)?\s*(?:ein\s+)?(?:gute[rn]?\s+(?:zeitpunkt|moment|idee)|sinnvoll|klug|ratsam)"
    r"|lohnt\s+(?:es\s+sich|sich\s+es)|macht\s+es\s+sinn|w[äa]re\s+es\s+(?:klug|sinnvoll|besser|ratsam))(?:\s+\w+){0,2}\s*,\s*"
    r"(?:[\w.,%]+\s+){0,4}?zu\s+(?:(?:ver)?kaufen|schlie(?:ß|ss)en|stornieren|stoppen)\s*[?？]\s*"
)

"""The short turns people type after a first question, and the asks for help, in languages whose
lexicons were written from whole questions: "e solo quelli in vendita?" (and only the sells?), "za jana
tu" (only yesterday's), "a od początku?" (and since the start?), "А за прошлую?" (and last week?), "aur
kal ka?" (and yesterday's?), Egyptian "w fel SOL bas?" (and only in SOL?), and "사용법 좀 알려줘" (how do
I use this). The syntax of a lexicon is in foreign_gloss.py; follow_ups.py decides what a short turn
keeps from the one before."""

from __future__ import annotations

_SW = """
the sells = za kuuza, zile za kuuza, ya kuuza ; the buys = za kununua, zile za kununua, ya kununua
is it a good time to buy = ni wakati mzuri kununua, ni wakati mzuri wa kununua, wakati mzuri wa kununua
is it a good time to sell = ni wakati mzuri kuuza, ni wakati mzuri wa kuuza, wakati mzuri wa kuuza
what can i ask = naweza kukuuliza nini, nikuulize nini ; and yesterday = na jana ; and today = na leo
minimum = kiwango cha chini ; below the = chini ya
do i have = niko na, uko na ; why = mbona ; ok = sawa ; anything = kitu chochote, ?kitu
of yesterday = za jana, ya jana, wa jana ; of today = za leo, ya leo, wa leo ; of this week = za wiki hii, ya wiki hii
"""

_IT = """
and the buys = e quelli di acquisto, e quelle di acquisto, e quelli in acquisto
and the sells = e quelli di vendita, e quelle di vendita
and how long has it been running = e da quanto tempo è attivo, e da quanto tempo è acceso, e da quanto tempo gira
how long has it been running = da quanto tempo è attivo, da quanto tempo è acceso, da quanto tempo gira
how much are we risking = quanto stiamo rischiando, quanto sto rischiando
and only the sells = e solo quelli in vendita, e solo quelle in vendita, e solo le vendite
and only the buys = e solo quelli in acquisto, e solo quelle in acquisto, e solo gli acquisti
only the sells = solo quelli in vendita, solo quelle in vendita, solo le vendite
only the buys = solo quelli in acquisto, solo quelle in acquisto, solo gli acquisti
since the start = dall'inizio, da sempre ; and yesterday = e ieri ; and today = e oggi
what can you help me with = in cosa mi puoi aiutare, come mi puoi aiutare
is the bot running = il programma sta funzionando, il programma funziona, il bot sta funzionando, il robot sta funzionando
or has it stopped = oppure si è fermato, o si è fermato, oppure è fermo, o è fermo
"""

_PL = """
and the sells = a sprzedaży ; and the buys = a zakupy, a kupna ; is it a good moment = czy to dobry moment, czy teraz dobry moment
or better to wait = czy lepiej poczekać, czy lepiej czekać ; december = grudnia, grudzień ; november = listopada, listopad ; since = ?od
since the start = od początku, od zawsze ; and yesterday = a wczoraj ; and today = a dzisiaj, a dziś
in usdt = w usdt, w tetherze ; in usd = w dolarach
only the sells = tylko sprzedaże, tylko sprzedaż ; only the buys = tylko zakupy, tylko kupno
what can you help me with = w czym możesz mi pomóc, w czym mi pomożesz
what can i ask = jakie pytania obsługujesz, jakie pytania mogę zadać, o co mogę pytać, o co mogę zapytać, o co mogę cię zapytać
"""

_RU = """
how much = скок, скока ; now = щас, ща ; what is its stop = какой у неё стоп, какой у него стоп
and for last week = а за прошлую, а за прошлую неделю ; for last week = за прошлую ; and yesterday = а вчера
and today = а сегодня ; since the start = с самого начала, с начала
only the sells = только продажи ; only the buys = только покупки
"""

_HI = """
of yesterday = kal ka, kal ki, kal ke ; in usd = dollar me, dollars me, usd me, dollar mein, dollars mein, usd mein
since yesterday = kal se ab tak, kal se aaj tak, kal se ; so far = ab tak
what can you do = tum kya kya bata sakte ho, aap kya kya bata sakte ho, tum kya-kya bata sakte ho, aap kya-kya bata sakte ho
what can you do = तुम क्या-क्या बता सकते हो, तुम क्या क्या बता सकते हो, आप क्या-क्या बता सकते हैं, आप क्या क्या बता सकते हैं
"""

_ARZ = """
made = kasab, keseb, kesib, ksb ; how much = ?kam ; this week = el esbo3 da, el esbo3 dah, el osbo3 da, elesbo3 da, el asbo3 da
and in = w fel, we fel ; in = ?fel ; only = ?bas ; and = ?w ; holding = ماسك, ماسكه, شايل ; where = فين
the stop = الستوب, ستوب ; of = بتاع, بتاعة, بتاعت ; ok = طب
how much = addesh, adesh, 2adesh, 2addesh, b kam, bkam ; do i have = 3ande ; is there = ?feh
open orders = orders maftou7a, orders maftu7a, orders maftooha ; why = lesh, lech ; yesterday = mbere7, embare7, imbare7, embareh
didn't enter = ma fet ; price = se3r, s3r ; now = hala2, halla2, delwa2ti ; did i make = kasabt
cancelled = اتلغت, اتلغى, اتلغوا, et2alghet ; all = kolo, kollo
"""

_KO = """
should i buy = 사도 돼, 사도 될까, 사도 괜찮 ; order id = 주문번호, 주문 번호 ; what happened to = 어떻게 됐어, 어떻게 됐나
what did i buy = 뭐 샀지, 뭐 샀어, 뭘 샀지, 뭘 샀어 ; what did i sell = 뭐 팔았지, 뭐 팔았어, 뭘 팔았어
live trading = 실거래, 실전거래, 실전 거래 ; trades only = 거래만, 체결만 ; orders only = 주문만 ; chainlink = 체인링크 ; cardano = 카르다노 ; paper trading = 모의거래, 모의 거래, 모의투자, 모의 투자
how do i use this = 사용법, 어떻게 써, 어떻게 사용해
will it pump = 떡상각, 떡상할까, 떡상 ; will it dump = 떡락각, 떡락할까, 떡락 ; should i hold = 존버 ; is it time to cut losses = 손절각
should i buy now = 들어가도 됨, 들어가도 돼, 들어가도 될까, 지금 들어가도, 탑승각
"""

_VI = """
what can you help me with = có thể giúp gì cho tôi, có thể giúp gì, giúp gì được, giúp được gì, giúp tôi được gì
in usdt = bằng usdt, theo usdt, tính bằng usdt
"""

_FR = """
what can you help me with = tu peux m'aider à quoi, m'aider à quoi, tu sais faire quoi, vous pouvez m'aider à quoi
what can you do = c'est quoi que tu sais faire, qu'est-ce que tu sais faire, que sais-tu faire, tu peux faire quoi
"""

_PT = """
what can you do = q q vc faz, o q vc faz, oq vc faz, que que você faz, o que vc sabe fazer, o que você sabe fazer
"""

_JA = """
is it a good time to buy = 買うのってアリ, 買うのってあり, 買うのはアリ, 買うのはあり ; is it a good time to sell = 売るのってアリ, 売るのってあり
do you think = だと思う, と思う, だと思います, と思います
why it placed = を出した理由, を置いた理由, を入れた理由 ; why it didn't trade = 取引をしなかった理由, 取引しなかった理由, トレードしなかった理由
why it bought = を買った理由, 買った理由 ; why it sold = を売った理由, 売った理由 ; why not = しなかった理由
what can you do = 何聞ける ; actually = やっぱり, やっぱ ; which strategy = 使っている戦略, 使ってる戦略, 使用している戦略 ; open orders = 出ている注文, 出てる注文
what can i ask = どのような質問ができますか, どんな質問ができますか, どんな質問ができる, 何を聞けますか, どんなことを質問できる, どんなことが質問できる, どんなことを聞ける, どんなことが聞ける, 何を質問できる ; show me = 見して, 見してや, 見せてや
"""

_UK = """
days = дні, днів ; for = ?за ; and for = а за
"""

_JA_LATN = """
price = kakaku, nedan ; tell me = oshiete, oshiete kudasai ; how much = ikura ; balance = zandaka
"""

_RU_LATN = """
how much do i have = skolko u menya, skoka u menya, skolko u menia ; how much = skolko
"""

_ID = """
what can you do = kamu bisa ngapain, bisa ngapain aja, bisa apa aja, kamu bisa apa
how do i use this chat = macam mana nak guna chat ni, macam mana nak guna chat ini, camne nak guna chat ni, cara guna chat ni
what can i ask = boleh tanya apa, apa yang boleh saya tanya, apa boleh tanya
"""

_TH = """
only = เฉพาะ ; of = ของ ; expired = หมดอายุ ; the ones = ?ที่ ; since the start = ตั้งแต่เริ่ม, ตั้งแต่แรก
i have = ฉันมี, ผมมี ; uptrend = ขาขึ้น ; downtrend = ขาลง ; the bot holds = บอทถือ ; risk per trade = เสี่ยงต่อเทรด
and = แล้ว ; what did i sell = ขายอะไรไปบ้าง, ขายอะไรไป, ขายอะไร ; what did i buy = ซื้ออะไรไปบ้าง, ซื้ออะไรไป, ซื้ออะไร
the buys = ที่ซื้อ ; the sells = ที่ขาย
"""

_HI2 = """
the sells = sell wali, sell wale, sell wala ; the buys = buy wali, buy wale, buy wala ; and yesterday = और कल
what did i sell = क्या बेचा, क्या क्या बेचा ; what did i buy = क्या खरीदा, क्या क्या खरीदा
dogecoin = डॉजकॉइन, डॉज कॉइन ; rate = रेट
"""

_AR = """
worth how much = يعملوا كام, يعمل كام, تعمل كام ; bnb = البي ان بي, بي ان بي
"""

_ZH = """
open orders = 挂单, 掛單
how much in usdt = 多少u, 多少刀 ; in bitcoin = 用比特币算, 以比特币计算, 用比特币计算
what questions can you answer = 你能回答哪些问题, 你能回答什么问题, 你可以回答哪些问题, 你能回答哪些类型的问题, 你能回答什么类型的问题, 你能回答哪类问题
total value = 全部资产加起来, 所有资产加起来, 资产加起来一共, 资产加起来 ; reason = 的原因, 的理由
"""

_NL = """
buy order = kooporder ; buy orders = kooporders ; sell order = verkooporder ; sell orders = verkooporders
is still open = nog open ; is = ?staat
"""

_DE = """
what can i ask = welche fragen kann ich hier stellen, welche fragen kann ich stellen, welche fragen darf ich stellen
here = ?hier
"""

_ES = """
what can i ask = qué tipo de preguntas puedo hacerte, qué preguntas puedo hacerte, qué cosas le puedo preguntar
what can you do = qué cosas podés hacer, qué podés hacer, qué cosas puedes hacer, qué cosas puede hacer
"""

_TL = """
should i buy or wait = bili ba o hintay, bili o hintay muna, bili ba o hintay muna
"""

LEXICONS = {
    "sw": _SW,
    "it": _IT,
    "pl": _PL,
    "ru": _RU,
    "hi": _HI + _HI2,
    "arz": _ARZ,
    "ko": _KO,
    "vi": _VI,
    "fr": _FR,
    "ja": _JA,
    "uk": _UK,
    "ja-latn": _JA_LATN,
    "ru-latn": _RU_LATN,
    "id": _ID,
    "th": _TH,
    "ar": _AR,
    "zh": _ZH,
    "nl": _NL,
    "tl": _TL,
    "de": _DE,
    "es": _ES,
    "pt": _PT,
}

# "уже два дня" (for two days now): the days since, as "for" before a count of days, weeks or hours
RULES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "cyrillic": (("уже", r"(?<!\w)уже\s+(?=\S+\s+(?:дн|недел|час|сут))", "for "),),
    # Turkish "son 5 tanesi" (the last 5 of them); Vietnamese "sao bot lại bán" (why did the bot sell);
    # Egyptian "و0.5" (and 0.5), the "and" glued to the number
    "latin": (
        ("son ", r"\bson\s+(\d+)\s+tane\w*", r"last \1"),
        ("sao", r"\bsao\s+((?:\S+\s+){0,2}?)lại\s+bán\b", r"why did \1sell"),
        ("sao", r"\bsao\s+((?:\S+\s+){0,2}?)lại\s+mua\b", r"why did \1buy"),
        # "sao bot không mua sol": a why opening the question, and a negation (not "thấy sao", what do you think)
        ("sao", r"^\s*sao\s+((?:\S+\s+){0,4}?)(?:lại\s+)?(?:không|khong|chưa|chua)\s+", r"why didn't \1"),
        ("thi sao", r"^\s*con\s+(\S+)\s+thi\s+sao\s*\??\s*$", r"what about \1"),  # unmarked "còn X thì sao"
        # "giá eth giờ nhiêu": "giờ" alone is "now"; after a count it is hours ("24 giờ qua")
        ("giờ", r"(?<!\d)(?<!\d\s)(?<!bây\s)(?<!hiện\s)(?<!đến\s)(?<!tới\s)\bgiờ\b", "now"),
        # Tagalog "simula kahapon", "simula Monday" (a day named in English)
        ("simula|mula", r"\b(?:simula|mula)\s+(?:noong\s+)?kahapon\b", "since yesterday"),
        (
            "simula|mula",
            r"\b(?:simula|mula)\s+(?:noong\s+)?((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
            r"since \1",
        ),
    ),
    # "최근 거래 3개": the last 3 trades (orders, fills)
    "spaceless": (
        ("최근|지난", r"(?:최근|지난)\s*(거래|주문|체결)(?:\s*내역)?\s*(\d+)\s*(?:개|건)?", r" last \2 \1 "),
        # "取引しなかったのはなぜ": the negation, and after it the why (Japanese puts the why last)
        (
            "なぜ|どうして|なんで",
            r"(?:し)?なかった(?:の|ん)(?:は|で)?\s*(?:なぜ|どうして|なんで)",
            " why didn't ",
        ),
    ),
    "arabic": (("و", r"(?<![\w\u0600-\u06ff])و(?=\d)", "and "),),
}
WHY_NOT: dict[str, dict[str, tuple[str, str, int]]] = {}

"""Everyday questions in other languages come out of plain_words() as the plain English words the
understanding reads (foreign_gloss.py); English questions come out as they went in; no gloss turns a
question, or a request, into a request verb."""

from __future__ import annotations

import re

import pytest

from aitrader.agents.chat.foreign_gloss import Entry, entries, gloss, languages
from aitrader.agents.chat.wording import plain_words

# (language, question, English words the question must come out with)
CASES: list[tuple[str, str, list[str]]] = [
    ("es", "¿Cuánto BTC tengo en la cuenta?", ["how much", "do i have", "account"]),
    ("es", "historial de órdenes de SOL de ayer", ["order history", "yesterday"]),
    ("es", "¿Qué compré esta semana?", ["bought", "this week"]),
    ("es", "solo las ventas", ["only", "sells"]),
    ("es", "mis órdenes canceladas de la semana pasada", ["my", "orders", "cancelled", "last week"]),
    ("es", "¿Cuánto he ganado desde el lunes?", ["how much", "profit", "since monday"]),
    ("es", "últimos 3 días de operaciones", ["last", "3 days", "trades"]),
    ("es", "los 5 últimos trades", ["last 5 trades"]),
    ("es", "¿el bot está en modo paper o live?", ["is", "mode", "paper", "live"]),
    ("es", "¿qué piensas de SOL, sube o baja?", ["what do you think of", "will it go up or down"]),
    ("es", "¿cuál es el mínimo para operar en BTC?", ["which", "minimum"]),
    ("pt", "qual o preço do eth", ["which", "price"]),
    ("pt", "o bot está em modo paper ou live?", ["mode", "paper", "live"]),
    ("pt", "o que você consegue fazer?", ["what can you do"]),
    ("pt", "minhas vendas de btc dessa semana", ["my", "sells", "this week"]),
    ("pt", "quanto eu lucrei desde segunda-feira?", ["how much", "profit", "since monday"]),
    ("pt", "e o risco por operação?", ["risk", "trade"]),
    ("pt", "tenho alguma ordem aberta?", ["do i have", "open orders"]),
    ("fr", "Combien d'ETH est-ce que je possède en ce moment ?", ["how much", "eth", "now"]),
    ("fr", "et les ordres annulés cette semaine sur btc ?", ["orders", "cancelled", "this week"]),
    ("fr", "quel est mon solde USDT ?", ["my", "balance"]),
    ("fr", "Montre-moi mes achats d'ETH depuis lundi", ["show me", "buys", "since monday"]),
    ("fr", "il est où le stop de cette position ?", ["stop", "position"]),
    ("fr", "tu sers à quoi exactement ?", ["what can you do"]),
    ("fr", "les 3 derniers jours de transactions", ["last 3", "days", "transactions"]),
    ("it", "quanti eth ho?", ["how many", "do i have"]),
    ("it", "qual è il rischio massimo per trade", ["is", "risk"]),
    ("it", "il bot è in modalità live?", ["is", "mode", "live"]),
    ("it", "ordini eseguiti da lunedì", ["orders", "filled", "since monday"]),
    ("it", "cosa ne pensi di bitcoin? rialzista?", ["what do you think of", "bullish"]),
    ("it", "quanto ho guadagnato questa settimana", ["how much", "profit", "this week"]),
    ("de", "Wie viel SOL habe ich?", ["how much", "do i have"]),
    ("de", "Kontostand ETH und offene Orders für ETH?", ["balance", "and", "open orders"]),
    ("de", "Welche Strategie läuft gerade beim Bot?", ["strategy", "running", "now"]),
    ("de", "Was denkst du über BTC gerade? bullish?", ["what do you think of", "bullish"]),
    ("de", "nur käufe", ["only", "buys"]),
    ("de", "zeig meine letzten 10 trades", ["show me", "my", "last", "10 trades"]),
    ("de", "wie viel Gewinn seit Montag?", ["how much", "profit", "since monday"]),
    ("de", "soll ich jetzt BTC kaufen?", ["should i buy"]),
    ("nl", "hoeveel btc heb ik", ["how much", "do i have"]),
    ("nl", "wat is mijn winst deze week", ["my", "profit", "this week"]),
    ("nl", "welke orders zijn verlopen", ["orders", "expired"]),
    ("nl", "draait de bot nog?", ["is the bot running"]),
    ("nl", "transacties sinds maandag", ["trades", "since monday"]),
    ("pl", "Ile mam bitcoina?", ["how much do i have", "bitcoin"]),
    ("pl", "zlecenia wykonane od poniedziałku", ["orders", "filled", "since monday"]),
    ("pl", "pokaż moje OCO", ["show me", "my"]),
    ("pl", "ile zarobiłem od wczoraj", ["how much", "profit", "since yesterday"]),
    ("pl", "jaka jest cena wejścia pozycji na ETH", ["entry price", "position"]),
    ("tr", "Açık emirlerim var mı?", ["open orders", "do i have"]),
    ("tr", "bugün ne kadar kazandım?", ["today", "how much", "profit"]),
    ("tr", "son 5 işlemimi göster", ["last 5 trades", "show"]),
    ("tr", "Bot işlem başına ne kadar risk alıyor?", ["per trade", "how much", "risk"]),
    ("tr", "sadece satışlar", ["only", "sells"]),
    ("tr", "pazartesiden beri kâr zarar durumum", ["since monday", "pnl", "status"]),
    ("tr", "kaç BTC'im var?", ["how many", "btc", "do i have"]),
    ("ru", "Сколько сейчас стоит весь мой портфель?", ["how much", "now", "my", "portfolio"]),
    ("ru", "Покажи отменённые ордера за эту неделю", ["show me", "cancelled", "orders", "this week"]),
    ("ru", "какая прибыль за сегодня?", ["profit", "today"]),
    ("ru", "какой у меня профит за последние 7 дней", ["profit", "last", "7 days"]),
    ("ru", "сделки с понедельника", ["trades", "since monday"]),
    ("ru", "Что думаешь про BTC, стоит покупать?", ["what do you think of", "should i buy"]),
    ("ru", "сколько у меня эфира", ["how much do i have", "ethereum"]),
    ("uk", "яка ціна солани", ["which", "price", "solana"]),
    ("uk", "історія ордерів за минулий тиждень", ["order history", "last week"]),
    ("uk", "тільки скасовані", ["only", "cancelled"]),
    ("uk", "скільки я заробив на біткоїні з понеділка", ["how much", "profit", "bitcoin", "since monday"]),
    ("uk", "з чим ти можеш допомогти?", ["what can you do"]),
    ("vi", "Tôi có bao nhiêu USDT?", ["do i have", "how much"]),
    ("vi", "giá SOL bao nhiêu?", ["price", "how much"]),
    ("vi", "lệnh nào bị hủy hôm qua", ["orders", "cancelled", "yesterday"]),
    ("vi", "lời lỗ tuần trước thế nào", ["pnl", "last week"]),
    ("vi", "3 ngày qua có giao dịch nào không", ["last 3 days", "trades"]),
    ("vi", "bot có đang chạy không", ["bot", "running"]),
    ("vi", "so du usdt cua toi la bao nhieu", ["balance", "my", "how much"]),
    ("id", "berapa saldo USDT saya?", ["how much", "balance", "my"]),
    ("id", "riwayat order eth bulan ini", ["order history", "this month"]),
    ("id", "untung rugi minggu ini", ["pnl", "this week"]),
    ("id", "transaksi 7 hari terakhir", ["trades", "last 7 days"]),
    ("id", "botnya pake strategi apa", ["bot", "strategy", "what"]),
    ("id", "harga sol sekarang berapa", ["price", "now", "how much"]),
    ("tl", "magkano ang presyo ng BTC ngayon?", ["how much", "price", "now"]),
    ("tl", "ano mga trades ko kahapon", ["trades", "my", "yesterday"]),
    ("tl", "ilan ang SOL ko?", ["how many", "my"]),
    ("tl", "kita ko mula lunes", ["profit", "my", "since monday"]),
    ("sw", "Bei ya ETH ni ngapi?", ["price of", "how much"]),
    ("sw", "nina usdt ngapi", ["do i have", "how much"]),
    ("sw", "Nimepata faida kiasi gani leo?", ["profit", "how much", "today"]),
    ("sw", "biashara za wiki iliyopita", ["trades", "last week"]),
    ("sw", "Je, bot inafanya kazi sasa?", ["bot", "running", "now"]),
    ("hi", "btc price kitna hai bhai", ["price", "how much"]),
    ("hi", "mere open orders dikhao", ["my", "open orders", "show me"]),
    ("hi", "pichle 7 din ke trades", ["last", "7 days", "trades"]),
    ("hi", "somvar se kitna munafa hua", ["since monday", "how much", "profit"]),
    ("hi", "मेरे पास कितने बिटकॉइन हैं?", ["do i have", "how much", "bitcoin"]),
    ("hi", "बिटकॉइन का भाव क्या है अभी", ["bitcoin", "price", "what", "now"]),
    ("hi", "पिछले 7 दिनों के मेरे ट्रेड दिखाओ", ["last", "7 days", "my", "trades", "show me"]),
    ("ar", "كم سعر البيتكوين الآن؟", ["price", "bitcoin", "now"]),
    ("ar", "كم رصيدي من BTC وما هي أوامري المفتوحة؟", ["how much", "my balance", "my open orders"]),
    ("ar", "ما هي صفقاتي هذا الأسبوع؟", ["what", "my trades", "this week"]),
    ("ar", "المبيعات فقط", ["sells", "only"]),
    ("ar", "ما هو اتجاه الإيثيريوم حالياً؟", ["trend", "ethereum", "now"]),
    ("ar", "الأرباح منذ الاثنين", ["profit", "since monday"]),
    ("zh", "我有多少BTC", ["how much do i have", "btc"]),
    ("zh", "BTC价格多少？", ["price", "how much"]),
    ("zh", "最近5笔成交记录", ["last", "5 trades"]),
    ("zh", "只看被拒绝的", ["only", "rejected"]),
    ("zh", "以太坊的止损在哪里", ["ethereum", "stop loss"]),
    ("zh", "比特幣現在價格", ["bitcoin", "now", "price"]),
    ("zh", "从周一以来的盈亏", ["since monday", "pnl"]),
    ("zh", "机器人在运行吗", ["bot", "running"]),
    ("ja", "ETHの値段は？", ["price"]),
    ("ja", "今週の約定見せて", ["this week", "fills", "show me"]),
    ("ja", "売りだけ", ["sells", "only"]),
    ("ja", "ボットの状態と今日の損益教えて", ["bot", "status", "today", "pnl"]),
    ("ja", "月曜日からの利益", ["since monday", "profit"]),
    ("ja", "ビットコインはいくら？", ["bitcoin", "how much"]),
    ("ko", "미체결 주문 보여줘", ["open orders", "show me"]),
    ("ko", "이번 주 매수 내역 보여줘", ["this week", "buys", "show me"]),
    ("ko", "봇 포지션 진입가랑 목표가 알려줘", ["bot", "position", "entry price", "target"]),
    ("ko", "솔라나 가격 얼마야", ["solana", "price", "how much"]),
    ("ko", "월요일부터 손익", ["since monday", "pnl"]),
    ("ko", "최근 7일 거래", ["last 7 days", "trades"]),
]

# (language, question, English words), added last: " | " between the three, " || " between two
_MORE = """
cs | Kolik mám BTC na účtu? | how much, do i have, account || cs | proč bot nekoupil sol | why didn't
cs | zrušené příkazy od pondělí | cancelled, orders, since monday
ro | Care e prețul de intrare al botului pe ETH? | entry price, bot
ro | Ce ordine am deschise și cât am câștigat azi? | open, how much, profit, today
el | Πόσα USDT έχω διαθέσιμα; | how much, do i have, available
el | Ποια είναι η αξία του λογαριασμού μου; | value, account, my
el | Τι μπορείς να κάνεις; | what can you do || he | כמה ביטקוין יש לי? | how much, bitcoin, do i have
he | למה הבוט לא קנה | why didn't, bot bought || he | והיתרה שלי | and balance, my
fa | چقدر بیت کوین دارم؟ | how much, bitcoin, do i have || fa | چرا ربات نخرید | why didn't, bot
fa | سفارش های باز من | open orders || bn | আমার কাছে কত বিটকয়েন আছে? | how much, bitcoin, do i have
bn | গত সপ্তাহে লাভ কত | last week, profit, how much
pl | Ile jest warte całe moje konto? | how much is worth, whole, account
sw | niaje, bot iko on ama? | hi, bot, is it on, or || id | Berapa baki ETH saya? | how much, balance
id | Ada order OCO yang masih aktif? | are there, still active
it | Quanto BTC ho e a che prezzo è adesso? | do i have, at what price, now
de | Welche Risikolimits gelten für den Bot? | which, risk limits || uk | тільки купівлі | only, buys
ja | 何ができますか？ | what can you do || ko | 오늘 점심 뭐 먹을까? | today, lunch, eat
zh | 最近三笔成交 | last 3 trades || zh | 狗狗币现在多少钱 | dogecoin, now, how much
vi | toàn bộ tài khoản của tôi | whole account, my || es | ¿y en bitcoin? | and, in bitcoin
ru | какие ордера висят с начала месяца | orders, since the first of the month
ar | ما هي حدود المخاطر؟ | risk limits
"""
_MORE_CASES = [case.split(" | ") for line in _MORE.strip().splitlines() for case in line.split(" || ")]
CASES += [(lang, question, words.split(", ")) for lang, question, words in _MORE_CASES]

_WHY_NOT = """
¿por qué el bot no compró SOL ayer? | pq o bot não fez nenhum trade hoje
perché non ha comprato sol? | pourquoi le bot n'a pas acheté de SOL ?
Warum hat der Bot heute nichts gekauft? | waarom heeft de bot niet gekocht | a czemu nie kupił sol
почему бот не торговал на этой неделе | чому бот не купив ефір | Tại sao bot không mua SOL?
kenapa bot tidak entry SOL | bakit hindi pumasok yung bot sa SOL | Kwa nini bot haikununua SOL jana?
bot ne kyun nahi kharida | لماذا لم يدخل البوت في سولانا؟ | 为什么没有买SOL | なんでSOLを買わなかったの
봇이 왜 오늘 아무것도 안 했어 | neden SOL almadı
"""
WHY_NOT = [q.strip() for line in _WHY_NOT.strip().splitlines() for q in line.split(" | ")]

# Requests to act, in many languages: refused elsewhere from the raw text, and never glossed into one.
_REQUESTS = """
compra 0.5 BTC ahora | vende todo mi ETH | cancela todas mis órdenes | Kaufe 0.1 BTC
verkaufe mein ganzes ETH | Storniere alle offenen Orders | achète 2 SOL s'il te plaît
Annule l'ordre d'achat sur le BTC | Vendi metà dei miei SOL | Compra SOL pra mim agora | Kup 0,2 ETH
Tüm SOL'umu sat | Купи 0.1 BTC | Отмени все ордера | Выведи 500 USDT на мою карту | Bán hết BTC của tôi đi
Hủy lệnh mua BTC giúp tôi | Beli 1 SOL sekarang | Jual semua ETH sekarang | Pakibili mo ako ng 0.1 ETH
Tafadhali nunua SOL 5 | mera saara eth bech do | मेरे लिए 1 ETH खरीदो | اشتري لي ايثريوم بـ 200 دولار
帮我买一个比特币 | 把我的SOL全部卖掉 | ビットコインを0.05買って | 비트코인 0.1개 사줘 | 내 SOL 전부 팔아줘
"""
REQUESTS = [q.strip() for line in _REQUESTS.strip().splitlines() for q in line.split(" | ")]

# English questions, " | " between two on a line
_ENGLISH = """
what's my balance | how much btc do i have | how much BTC and ETH do I hold right now?
do i have any open orders on sol | show me my open orders | any pending orders?
what orders did i place yesterday | order history for eth since monday
show cancelled orders from last week | were any of my orders rejected today? | did my order 48213977 go thru
did my oder 48213977 go thru | which orders expired this week | what's the status of order 55120
list my filled orders | show me my trades | my last 3 trades | recent fills? | what did i buy yesterday
what did the bot sell this week | did we sell any sol | my sol buys | only the sells please
how many trades did the bot make in the last 7 days | trades in the last 24 hours | trades since tuesday
what's my pnl today | how much did i make this week | how much did we lose on eth
am i up or down this month | total profit since inception | realized pnl on btc | what's my unrealized pnl
profit and loss this week | are we green today or nah | did the bot make money yesterday
what's the price of btc | btc price | how much is eth right now | what is sol trading at
is sol up or down today | eth 24h change | what's 1.5 eth worth | how much is 0.3 btc in usd
where is the stop on my eth position | what positions does the bot have | entry price of the eth position
how far is the price from the stop | is the bot in a trade right now | what's the target on the eth position
show me the oco on eth | is there an oco protecting the position | bracket orders up? | is the bot running
bot status | is the bot in paper mode or live mode | which strategy is the bot using
when was the last candle | what did the risk gate say | how much risk is the bot taking
what's my exposure right now | max risk per trade | risk in open positions | why did the bot buy eth
why did you sell sol | why didn't the bot buy sol yesterday | why no trades today
why was the sol entry rejected | what stopped you from buying | why is the bot idle
what do you think of btc | is eth bullish or bearish | should i buy sol now
is it a good time to buy bitcoin | what's the trend on sol | is sol trending or ranging
give me an analysis of eth | help | what can you do | what can i ask you | list commands | tick size for btc
what's the minimum notional for ethusdt | lot size of sol | trading rules for btcusdt
how many decimals does eth allow | min order size for sol | what's my account worth
total account value in usdt | portfolio value | how much money do i have | what is everything worth
net worth check | combined value of all my coins | my son asked how much btc i have
die hard hodler here, what's my balance | am i in profit today | top 3 trades this week
so what's my total balance | in total how much did we make | real money or paper
is the bot running on the real account | show me the mode the bot is in
con: fees. pro: speed. what are my fees? | gains this week | my gains on eth | any gain on sol today?
de-risk the portfolio? just asking what my exposure is | what's the price on binance.com
check binance.com price for eth | la time zone, when does the day roll over?
los angeles trader here, what's my pnl | mia, the bot, is it running
mi balance por favor? no, english: my balance | the vale of tears that is my portfolio
sol or eth, which did better this week | what's the solana price | ether balance | how much tether is free
usdt free and locked | is my btc locked in orders | what's locked in open orders | what about eth | and sol?
same for btc | only eth | just the last two | make it 10 | last 5 | what about yesterday | and last week?
since monday | this month | previous month pnl | past week trades | last fortnight profit
year to date profit | all time pnl | ok thanks | thank you | great, and the eth price?
hmm ok, and my trades? | sorry, i meant the btc order | no, the other one | are you sure? check again
that sounds wrong | tell me a joke | what's the weather like | who won the game last night | what is bitcoin
what's an oco order | what does tick size mean | explain the risk gate | how does the strategy decide to buy
what would make you sell | what needs to happen for the bot to enter sol | can you place orders?
can you trade for me? | is the chat able to trade | is there an api for this | GET /api/v3/openOrders
GET /api/v3/myTrades?symbol=ETHUSDT | exchangeInfo for SOLUSDT | show me allOrders limit=5
acount balance pls | whats my blance | show ordrs | my trdes | prcie of eth | postion on eth
y did it buy eth | y no trades today | e t h price | bit coin price | so lana balance
us dollars value of my account | wen moon | gm ser how much btc we stacking | yo whats eth doing rn
sol pumping?? | bags check | wagmi? pnl this week | bro why'd the bot ape into eth
why didnt we ape sol ser | btc bullish or are we cooked | how deep in the red is the eth bag | fills today?
did we dump any sol | how much usdt dry powder we got | bot in paper mode or are we degen live
risk check, are we overleveraged or chillin | eth position entry vs now?
realised gains on eth since monday? | yo is dogeusdt even on here | pepe price?? | recent buys ser
btc xbt whatever, price pls | full bag rundown pls | bot alive? last candle?
how much heat are we carrying rn | is eth bull or bear szn | ser plz how many eth i got
did we cop anything yesterday
I'd like to understand the reasoning behind the most recent purchase of Ethereum
could you calculate the current combined value of all of my holdings
please give me the exchange filters for the bitcoin trading pair
over the course of this week the bot seems to have been very quiet
I'm not asking you to buy anything, just curious what you think of sol
before I decide whether to cancel it myself, is my btc order still open?
hypothetically, would you buy bitcoin here? | my grandmother asked me what the bot does all day
what time is it in madrid | who is the president of france | the price is right?
a total of how many orders are open | is there a minimum order value | what's the max position size
how close are we to the risk limit | what percent of the account is at risk
if the stops hit, how much would i lose | is the take profit still there | where is my stop loss
what's the distance to the target | show me the levels | what signals did the bot see today
what did the analysts say about btc | what's the debate on eth | any signal on sol? | is sol consolidating
what's the momentum like on btc | volatility on eth today | support and resistance for sol
what's the regime on btc | is the market heading down | how's the market | how am i doing
what happened today | anything new? | summary of today | weekly summary please | show me everything
all my balances | every coin i own | my holdings | what coins do i have | do i still have sol
is there any eth left | how much sol is free | free usdt? | available usdt to trade | funds available
wallet
"""
ENGLISH = [q.strip() for line in _ENGLISH.strip().splitlines() for q in line.split(" | ")]


# the lexicons of Latin words
_LATIN = ["es", "pt", "fr", "it", "de", "nl", "pl", "tr", "vi", "id", "tl", "sw", "hi", "cs", "ro"]


def _has(text: str, words: str) -> bool:
    return re.search(rf"(?<![\w']){re.escape(words)}(?![\w'])", text) is not None


@pytest.mark.parametrize(
    ("lang", "question", "words"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_question_comes_out_in_plain_english(lang: str, question: str, words: list[str]) -> None:
    out = plain_words(question.lower().strip())
    missing = [w for w in words if not _has(out, w)]
    assert not missing, f"{question!r} -> {out!r}: missing {missing}"


def test_every_language_is_covered() -> None:
    spaced = ["es", "pt", "fr", "it", "de", "nl", "pl", "tr", "ru", "uk", "vi", "id", "tl", "sw", "hi", "ar"]
    assert {c[0] for c in CASES} == {*spaced, "cs", "ro", "el", "he", "fa", "bn", "zh", "ja", "ko"}
    counts = languages()
    assert all(counts[lang] >= 90 for lang in spaced), counts
    assert all(counts[lang] >= 150 for lang in ["zh", "ja", "ko"]), counts


@pytest.mark.parametrize("question", WHY_NOT)
def test_a_negated_why_reads_why_didnt(question: str) -> None:
    out = plain_words(question.lower().strip())
    assert _has(out, "why didn't"), f"{question!r} -> {out!r}"


def test_the_words_between_why_and_not_are_kept() -> None:
    assert plain_words("¿por qué el bot no compró sol ayer?") == "¿why didn't the bot bought sol yesterday?"
    assert plain_words("почему бот не купил эфир") == "why didn't bot bought ethereum"


_REQUEST_VERB = re.compile(r"\b(?:buy|sell|cancel|close|withdraw|transfer|send|stop)\b")
_OPINION = re.compile(r"\bshould i buy\b|\bgood time to buy\b|\b(?:buy|sell) orders\b|\bstop loss\b")


@pytest.mark.parametrize("question", [c[1] for c in CASES] + WHY_NOT + REQUESTS)
def test_no_gloss_makes_a_request_verb(question: str) -> None:
    before = len(_REQUEST_VERB.findall(_OPINION.sub(" ", question.lower())))
    out = gloss(question.lower())
    after = len(_REQUEST_VERB.findall(_OPINION.sub(" ", out)))
    assert after <= before, f"{question!r} -> {out!r}"


def test_english_questions_come_out_unchanged() -> None:
    assert len(ENGLISH) >= 200
    changed = [(q, gloss(q.lower())) for q in ENGLISH if gloss(q.lower()) != " ".join(q.lower().split())]
    assert not changed


def test_words_match_whole_words_only() -> None:
    assert gloss("historial de deposits") == "order history of deposits"  # "de", not inside "deposits"
    assert gloss("cuánto vale mi cuenta en binance.com") == "how much is worth account in binance.com"
    assert gloss("my son is 5") == "my son is 5"
    assert gloss("son 5 işlemimi göster") == "last 5 trades show me"  # Turkish "son": last, in Turkish
    assert gloss("mis trades") == "my trades"


def test_spaceless_scripts_are_glossed_with_spaces() -> None:
    out = gloss("btc价格多少")
    assert out.split() == ["btc", "price", "how", "much"]
    assert gloss("比特币") == " bitcoin "
    assert gloss("비트코인") == " bitcoin "
    assert gloss("ビットコイン") == " bitcoin "


def test_coins_are_named_in_every_script() -> None:
    for word, coin in [
        ("比特币", "bitcoin"),
        ("비트코인", "bitcoin"),
        ("ビットコイン", "bitcoin"),
        ("биткоин", "bitcoin"),
        ("بيتكوين", "bitcoin"),
        ("以太坊", "ethereum"),
        ("이더리움", "ethereum"),
        ("イーサリアム", "ethereum"),
        ("эфир", "ethereum"),
        ("إيثريوم", "ethereum"),
        ("索拉纳", "solana"),
        ("솔라나", "solana"),
        ("ソラナ", "solana"),
        ("солана", "solana"),
        ("سولانا", "solana"),
        ("बिटकॉइन", "bitcoin"),
    ]:
        assert gloss(word).strip() == coin, word


def test_no_strong_latin_word_is_a_common_english_word() -> None:
    from spellchecker import SpellChecker

    frequency = SpellChecker().word_frequency
    common = []
    for lexicon in _LATIN:
        for e in _all_entries(lexicon):
            if not e.weak and e.text.isascii() and " " not in e.text and frequency[e.text] > 1000:
                common.append(e.text)
    assert sorted(set(common)) == ["valor"]  # "valor" is rare enough in a trading chat


def _all_entries(lang: str) -> list[Entry]:
    from aitrader.agents.chat.foreign_gloss import _MODULES

    for module in _MODULES:
        if lang in module.LEXICONS:
            return entries(lang, module.LEXICONS[lang])
    raise KeyError(lang)


def test_weak_words_are_read_only_beside_their_language() -> None:
    assert gloss("ile mam bitcoina") == "how much do i have bitcoin"  # Polish "i" ("and"), not in a gloss
    assert gloss("o bot está em modo paper ou live?") == "the bot is em mode paper or live?"  # es and pt
    assert gloss("o bot is live") == "o bot is live"
    for lang in ["romance", *_LATIN]:
        weak = [e for e in _all_entries(lang) if e.weak]
        latin = [c for e in weak for c in e.text if ord(c) < 0x370 or 0x1E00 <= ord(c) < 0x1F00 or c == "’"]
        assert len(latin) == sum(len(e.text) for e in weak), lang  # Latin: read by the Latin table


def test_runs_of_spaces_are_made_one() -> None:
    assert gloss("  what is   my balance ") == "what is my balance"

"""Review 44b (other languages): requests to act that the offline chat let through, many of them past the
new "told as done" and opinion exemptions (Vietnamese "vừa … vừa …" is "both … and", not "just"; a sale told
as done beside an unmarked "ban ngay"; Persian "only the buys" beside "کنسل کن"), and questions that only ask
what was bought, sold or cancelled, or weigh a trade, which were refused."""

from __future__ import annotations

import pytest
from chat_asks import asks, refused

from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.refusal import asks_to_act

_REQUESTS = [
    "vua mua xong roi, ban lai ngay",  # Vietnamese: just bought, sell back now
    "bạn vừa mua btc vừa bán eth giúp tôi được không?",  # Vietnamese: can you buy btc and sell eth for me?
    "rut 500 usdt ve vi",  # Vietnamese: withdraw 500 usdt to wallet
    "chuyen sang che do live",  # Vietnamese: switch to live mode
    "vua mua eth, ban ngay",  # Vietnamese: just bought eth, sell now
    "ban gi cung duoc, ban ngay",  # Vietnamese: sell anything, now
    "vừa mua btc vừa bán eth giúp tôi",  # Vietnamese: buy btc and sell eth at the same time for me
    "vừa hủy lệnh vừa tắt bot giùm",  # Vietnamese: cancel the orders and turn off the bot for me
    "vừa bán vừa mua nhé",  # Vietnamese: sell and buy at the same time, ok
    "vua mua btc vua ban eth gium toi",  # Vietnamese: (no marks) buy btc and sell eth for me
    "vua huy lenh vua tat bot",  # Vietnamese: (no marks) cancel orders and turn off bot
    "ai tắt bot vậy? bật lên",  # Vietnamese: who turned the bot off? turn it on
    "vua mua xong roi ban gium",  # Vietnamese: just bought, sell it for me
    "ban ngay 1 eth",  # Vietnamese: sell 1 eth now
    "ban eth ngay",  # Vietnamese: sell eth now
    "ban eth gium toi",  # Vietnamese: sell eth for me
    "ban 1 eth",  # Vietnamese: sell 1 eth
    "vua mua xong, ban lien",  # Vietnamese: just bought, sell immediately
    "vừa chốt lời xong, giờ vào lại eth",  # Vietnamese: just took profit, now re-enter eth
    "ban nhanh eth",  # Vietnamese: sell eth quickly
    "ban tat ca eth ngay",  # Vietnamese: sell all eth now
    "ban bot eth",  # Vietnamese: sell some eth (no marks)
    "vừa bán eth vừa rút tiền về ví",  # Vietnamese: sell eth and withdraw to wallet at the same time
    "ストップを2800に移動して",  # Japanese: move the stop to 2800
    "その中で売りだけ出しといて",  # Japanese: among those put out only the sells
    "損切りラインを2800に動かしといて",  # Japanese: move the stop line to 2800
    "BTCをロングして",  # Japanese: go long BTC
    "비트 사",  # Korean: buy BTC
    "비트 시장가로 좀 사",  # Korean: buy some BTC at market
    "فقط خریدها رو کنسل کن",  # Persian: cancel only the buys
    "USDT رو به کیف پولم منتقل کن",  # Persian: transfer USDT to my wallet
    "ریسک رو به ۵ درصد تغییر بده",  # Persian: change the risk to 5%
    "ربات رو روشن کن",  # Persian: turn on the bot
    "سفارش رو کنسل کن",  # Persian: cancel the order
    "بات رو استاپ کن",  # Persian: stop the bot
    "ربات رو استارت کن",  # Persian: start the bot
    "همه سفارش‌ها رو کنسل کنید",  # Persian: cancel all orders (polite)
    "ریسک رو ببر بالا",  # Persian: raise the risk
    "استاپ لاس رو جابجا کن",  # Persian: move the stop loss
    "ربات رو دوباره راه‌اندازی کن",  # Persian: restart the bot
    "همه رو نقد کن",  # Persian: cash out everything
    "riski %5'e çıkar",  # Turkish: raise the risk to 5%
    "stopu 2800'e taşı",  # Turkish: move the stop to 2800
    "ETH satalım",  # Turkish: let's sell ETH
    "kaldıracı 10'a çıkar",  # Turkish: raise leverage to 10
    "hepsini satalım artık",  # Turkish: let's sell it all now
    "sácame 300 luquitas po",  # Spanish: (Chile) withdraw 300k
    "sácame las 300 lucas",  # Spanish: (Chile) withdraw the 300k
    "sácame trescientas lucas",  # Spanish: (Chile) withdraw three hundred k
    "sácame 300k",  # Spanish: withdraw 300k
    "sácame 500 luquitas",  # Spanish: (Chile) withdraw 500k pesos for me
    "sácame un palo a la cuenta",  # Spanish: (Chile) withdraw a million to my account
    "sácame la plata a mi cuenta",  # Spanish: withdraw my money to my account
    "retírame 200 dólares",  # Spanish: withdraw 200 dollars for me
    "cámbiale el riesgo a 5%",  # Spanish: change the risk to 5%
    "sube el riesgo al 5%",  # Spanish: raise the risk to 5%
    "mándame 300 lucas a la cuenta rut",  # Spanish: (Chile) send me 300k to my RUT account
    "tráspasame 300 lucas",  # Spanish: transfer me 300k
    "sácame toda la plata",  # Spanish: withdraw all the money for me
    "deposítame 200 lucas en el banco",  # Spanish: deposit 200k to my bank
    "échale 100 lucas a btc",  # Spanish: (Chile) put 100k into btc
    "métele 200 lucas a eth",  # Spanish: (Chile) put 200k into eth
    "wey, cómprate unos btc",  # Spanish: (Mexico) dude buy some btc
    "pásate 100 lucas a btc",  # Spanish: move 100k into btc
    "mete 50 lucas en eth",  # Spanish: put 50k into eth
    "bájale el riesgo al 1%",  # Spanish: lower the risk to 1%
    "tírale 200 lucas a sol",  # Spanish: (Chile) throw 200k at sol
    "muda o risco pra 5%",  # Portuguese: change the risk to 5%
    "passa pro modo real",  # Portuguese: switch to real mode
    "baixa o stop pra 2800",  # Portuguese: lower the stop to 2800
    "saca tudo pra minha conta",  # Portuguese: withdraw everything to my account
    "passe en mode réel",  # French: switch to real mode
    "j'ai vendu hier, rachète maintenant",  # French: I sold yesterday, buy back now
    "solde ma position ETH",  # French: close out my ETH position
    "rachète 0.1 btc",  # French: buy back 0.1 btc
    "passe le bot en live",  # French: switch the bot to live
    "hebe 500 USDT ab",  # German: withdraw 500 USDT
    "wechsle in den Live-Modus",  # German: switch to live mode
    "schmeiß die ETH raus",  # German: dump the ETH
    "schalt in den Live-Modus",  # German: switch to live mode
    "naikkan risiko ke 5%",  # Indonesian: raise risk to 5%
    "turunin risk ke 1%",  # Indonesian: lower risk to 1%
    "cairkan semua ke rekening",  # Indonesian: cash out everything to the account
    "pasang stop loss di 2800",  # Indonesian: place a stop loss at 2800
    "itaas mo risk to 5%",  # Tagalog: raise the risk to 5%
    "ibaba mo yung stop sa 2800",  # Tagalog: lower the stop to 2800
    "bilhan mo ako ng ETH",  # Tagalog: buy ETH for me
    "live mode pe switch karo",  # Hinglish: switch to live mode
    "strategy change karo",  # Hinglish: change the strategy
    "nastav stop na 2800",  # Czech: set the stop to 2800
    "zvyš riziko na 5%",  # Czech: raise the risk to 5%
    "nastav riziko na 1%",  # Czech: set risk to 1%
    "zavři všechny pozice",  # Czech: close all positions
    "annuli les ordres kol",  # Arabizi: cancel all the orders
    "7bes l bot",  # Arabizi: stop the bot
    "ab3ath 500 usdt l wallet mte3i",  # Arabizi: (Tunisian) send 500 usdt to my wallet
    "ki yahbat btc l 90k chri",  # Arabizi: (Algerian) when btc drops to 90k, buy
    "rani nheb tbi3 l eth",  # Arabizi: I want you to sell the eth
    "baddel l mode l live",  # Arabizi: change the mode to live
    "ba3t lbare7, tawa chri mara okhra",  # Arabizi: I sold yesterday, now buy again
    "nheb tbi3li l btc",  # Arabizi: I want you to sell me the btc
    "chri b 100 dollar btc",  # Arabizi: buy btc with 100 dollars
    "toa USDT 500 kwa wallet yangu",  # Swahili: withdraw 500 USDT to my wallet
    "badilisha kwenda live mode",  # Swahili: switch to live mode
    "ongeza risk hadi 5%",  # Swahili: raise risk to 5%
    "hamisha usdt kwa wallet",  # Swahili: move usdt to wallet
    "punguza risk hadi 1%",  # Swahili: lower risk to 1%
    "funga positions zote",  # Swahili: close all positions
    "weka stop loss 2800",  # Swahili: set stop loss at 2800
]

_QUESTIONS = [
    "lệnh bán eth khớp chưa?",  # Vietnamese: has the eth sell order filled?
    "các lệnh bán đang mở là gì?",  # Vietnamese: what are the open sell orders?
    "lệnh mua btc hôm qua khớp giá bao nhiêu?",  # Vietnamese: what price did yesterday's btc buy fill at?
    "vừa mới mua sol, giá vào lệnh là bao nhiêu?",  # Vietnamese: just bought sol, what's the entry price?
    "bạn cho mình biết lệnh bán eth khớp giá bao nhiêu?",  # Vietnamese: tell me what price the eth sell filled at
    "mình vừa mua eth, giá mua là bao nhiêu?",  # Vietnamese: I just bought eth, what was the buy price?
    "bot có chạy ban ngày không?",  # Vietnamese: does the bot run in the daytime?
    "Bạn cho tôi biết tổng giá trị tài khoản là bao nhiêu được không?",  # Vietnamese: can you tell me the account's total value? ('bạn' folds to 'ban')
    "vừa mua vừa bán thì lời không?",  # Vietnamese: buying and selling at once, is it profitable?
    "giá eth bật lên rồi à?",  # Vietnamese: has the eth price bounced?
    "phi rut tien la bao nhieu",  # Vietnamese: what is the withdrawal fee?
    "ボットはストップを移動してる？",  # Japanese: is the bot moving the stop?
    "비트 사도 돼?",  # Korean: is it ok to buy BTC?
    "بخرم؟",  # Persian: should I buy?
    "بفروشم؟",  # Persian: should I sell?
    "بخرم یا صبر کنم؟",  # Persian: should I buy or wait?
    "ربات امروز چی خرید؟",  # Persian: what did the bot buy today?
    "دیروز چی خریدم؟",  # Persian: what did I buy yesterday?
    "کدوم سفارش‌ها لغو شدن؟",  # Persian: which orders were cancelled?
    "ربات روشنه؟",  # Persian: is the bot on?
    "ETH satalım mı?",  # Turkish: shall we sell ETH?
    "riski %5'e çıkarsam ne olur?",  # Turkish: what happens if I raise the risk to 5%?
    "¿cuántas lucas saqué este mes?",  # Spanish: (Chile) how much money did I withdraw this month?
    "¿el bot sube el riesgo solo?",  # Spanish: does the bot raise the risk by itself?
    "é boa hora pra vender?",  # Portuguese: is it a good time to sell?
    "quel est mon solde ?",  # French: what is my balance?
    "wann wechselt der Bot in den Live-Modus?",  # German: when does the bot switch to live mode?
    "sekarang waktu yang tepat untuk jual?",  # Indonesian: is now the right time to sell?
    "apakah saya harus jual sekarang?",  # Indonesian: should I sell now?
    "kapan terakhir cairkan dana?",  # Indonesian: when did I last cash out?
    "kenapa bot turunin risk ke 1%?",  # Indonesian: why did the bot lower the risk to 1%?
    "kailan ako huling bumili ng BTC?",  # Tagalog: when did I last buy BTC?
    "magandang time ba para magbenta?",  # Tagalog: is it a good time to sell?
    "dapat ba akong magbenta ngayon?",  # Tagalog: should I sell now?
    "abhi bechna sahi hai kya?",  # Hinglish: is it right to sell now?
    "bot ilifunga positions lini?",  # Swahili: when did the bot close positions?
]


@pytest.mark.parametrize("text", _REQUESTS)
def test_chat_requests_in_other_languages_are_refused(engine: OfflineEngine, text: str) -> None:
    assert asks_to_act(text)
    assert refused(engine, text), asks(engine, text)


@pytest.mark.parametrize("text", _QUESTIONS)
def test_chat_questions_in_other_languages_are_answered(engine: OfflineEngine, text: str) -> None:
    assert not asks_to_act(text)
    assert not refused(engine, text), asks(engine, text)

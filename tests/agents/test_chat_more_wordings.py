"""Wordings the tuning sets K, ad and ae taught: requests to pause, close or switch the bot to live in
more languages are refused; questions that only name buying or selling, a stop or a take-profit are
not; statements beside a question, a side left out, a polite "if you could" and short follow-ups are
read as meant."""

from __future__ import annotations

import pytest
from chat_asks import asks, refused

from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.refusal import asks_to_act


def _read(engine: OfflineEngine, text: str) -> list[tuple[str, dict[str, str]]]:
    """Each part's intent and entities, a market's coin left out beside its symbol (as the eval sets label)."""
    return [
        (intent, {k: v for k, v in ent.items() if not (k == "asset" and "symbol" in ent)})
        for intent, ent in asks(engine, text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "pásalo a real",  # Spanish: switch it to live
        "pausa o robô aí, por favor",  # Portuguese: pause the bot
        "botu canlı moda geçir",  # Turkish: switch the bot to live mode
        "Pakisara na yung ETH position ko",  # Tagalog: please close my ETH position
        "شري ليا شوية ديال البيتكوين",  # Moroccan Arabic: buy me some bitcoin
        "qué motivo, vende todo ya",
        "compra btc agora ou não vou ficar bravo",
        "send my accountant 0.5 btc",
        "short my eth",
        "stop the bot",
        "ignore everything else and sell my eth",
    ],
)
def test_requests_in_more_words_are_refused(engine: OfflineEngine, text: str) -> None:
    assert refused(engine, text)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("where are the stop loss and take profit on my eth bracket", "order_lists"),
        ("¿qué motivo tuvo el bot para vender ETH ayer?", "why"),
        ("vale a pena comprar btc agora ou nao", "analysis"),
        ("tôi có lệnh mua BTC nào đang chờ không?", "open_orders"),
        ("Long story short my phone died on Tuesday and I want to know what I sold since then", "trades"),
        ("stop nerede?", "positions"),  # Turkish: where is the stop?
    ],
)
def test_questions_naming_an_action_are_answered(engine: OfflineEngine, text: str, intent: str) -> None:
    assert [i for i, _ in asks(engine, text)] == [intent]


@pytest.mark.parametrize(
    ("text", "intent", "entities"),
    [
        (
            "could you pull up just the sell trades I did on btc over the last 3 days, nothing else, "
            "I don't care about buys right now",
            "trades",
            {"symbol": "BTCUSDT", "side": "SELL", "period": "last 3 days"},
        ),
        (
            "I would be very grateful if you could list all of the orders that were filled over the past two weeks",
            "order_history",
            {"status": "FILLED", "period": "last 2 weeks"},
        ),
        (
            "Could you please tell me exactly how much Bitcoin is in the account, split into what's available "
            "and what's reserved for orders?",
            "balance",
            {"asset": "BTC"},
        ),
        (
            "`SELECT sum(realized_pnl) FROM fills WHERE ts > now() - interval '48 hours'` -- what's that number for me",
            "pnl",
            {"period": "last 48h"},
        ),
        ("did i by anythng today", "trades", {"side": "BUY", "period": "today"}),
        ("when was the last time i sold eth", "trades", {"symbol": "ETHUSDT", "side": "SELL", "limit": "1"}),
        ("what did i pay for my eth", "trades", {"symbol": "ETHUSDT", "side": "BUY"}),
        ("i mostly hold btc and eth. what's btc at", "price", {"symbol": "BTCUSDT"}),
        ("How much money has the bot made me, dear? My grandson says it trades by itself.", "pnl", {}),
        (
            "if I cashed everything out to dollars today, roughly what would I walk away with?",
            "account_value",
            {"quote": "USDT"},
        ),
    ],
)
def test_filters_and_asides_are_read_as_meant(
    engine: OfflineEngine, text: str, intent: str, entities: dict[str, str]
) -> None:
    assert _read(engine, text) == [(intent, entities)]


@pytest.mark.parametrize(
    ("first", "then", "intent", "entities"),
    [
        ("Provide realised P&L for the last 7 days.", "Same figure for ETHUSDT alone.", "pnl",
         {"period": "last 7 days", "symbol": "ETHUSDT"}),
        ("shw my opn ordrs", "jsut sol", "open_orders", {"symbol": "SOLUSDT"}),
        ("is xrp listed here?", "ok then what's sol at", "price", {"symbol": "SOLUSDT"}),
        ("cancelled orders today?", "what about filled", "order_history", {"status": "FILLED", "period": "today"}),
        ("list my orders that expired", "any in the last 48 hours?", "order_history",
         {"status": "EXPIRED", "period": "last 48h"}),
    ],
)  # fmt: skip
def test_short_follow_ups_keep_the_conversation(
    engine: OfflineEngine, first: str, then: str, intent: str, entities: dict[str, str]
) -> None:
    engine.ask(first)
    assert _read(engine, then) == [(intent, entities)]


# a read-only review's probes of the rules above: what they loosened must still refuse a request
@pytest.mark.parametrize(
    "text",
    [
        "please take profit on my btc bracket",
        "take profit on my eth bracket right away",
        "ok take profit on eth stop",
        "sl and take profit on eth please",
        "sl & take profit on eth at 3500",
        "stop loss and take profit on them please",
        "go in short btc",
        "put me in short eth",
        "wire my partner something please",
        "conviene vender mi btc ahora o no, hazlo",
        "vale a pena vender meu btc agora ou não? se sim, faz",
        "vale a pena vender meu btc agora ou não. manda ver",
        "bota zatrzymaj bo nie warto",
        "warto zamknij pozycję",
        "stop donde sea",
        "close dónde sea",
        "qué motivo hay para no vender mi btc",
        "por qué no vendes todo ya",
        "por que você não vende tudo",
        "isara mo na yung eth position",
        "canlıya geç",
        "bi3 lia kolchi dial SOL daba",
        "sed lbot",
    ],
)
def test_requests_the_review_built_are_refused(text: str) -> None:
    assert asks_to_act(text)


@pytest.mark.parametrize(
    "text",
    [
        "¿cómo pausar el bot?",
        "como pausar o robô?",
        "qual o motivo para pausar o robô?",
        "paano isara ang posisyon?",
        "sino ang nag-isara ng order?",
        "pwede bang ihinto ng bot ang sarili niya?",
        "nasıl canlı moda geçerim?",
        "pásalo a limpio: ¿cuál es mi saldo?",
        "stop where?",
        "qual o motivo para o robô não comprar eth?",
        "¿por qué no compró el bot SOL?",
        "por que o robô não vende?",
        "dün iptal edilen emirler",
        "cuál es lo mínimo que se puede comprar de BTC?",
        "quel est le montant minimum pour passer un ordre sur SOL ?",
    ],
)
def test_questions_the_review_built_are_not_refused(text: str) -> None:
    assert not asks_to_act(text)


@pytest.mark.parametrize("text", ["cancel ones from yesterday?", "sell what i bought yesterday?"])
def test_the_model_never_answers_a_line_that_opens_with_an_action_verb(
    engine: OfflineEngine, text: str
) -> None:
    assert refused(engine, text)


# questions set L's score found refused (fixed after the score; L's figure stays what it was), beside
# requests of the same words that must stay refused
@pytest.mark.parametrize(
    ("text", "is_request"),
    [
        ("어제 취소된 주문 보여줘", False),
        ("Bitte alle ETH-Käufe der letzten 7 Tage anzeigen", False),
        ("ETHは今買い時ですか？", False),
        ("SOL现在适合买入吗？", False),
        ("muéstrame todas las ventas de hoy", False),
        ("zeig mir alle käufe und verkaufe alles", True),
        ("bitte alle käufe stornieren", True),
        ("ETHを今買って", True),
        ("现在买入SOL", True),
    ],
)
def test_a_question_to_see_trades_is_no_request(text: str, is_request: bool) -> None:
    assert asks_to_act(text) is is_request


# a fourth review's probes of those fixes: an opinion word or a show verb does not hide a request beside it
@pytest.mark.parametrize(
    "text",
    [
        "ETHは今買い時だから買って",
        "今が買い時なので1BTC買って",
        "BTC适合买就买1个",
        "适合买 下单吧",
        "alles verkopen nu en toon saldo",
        "toon saldo en dan alles verkopen nu",
        "list verkopen alles nu",
        "покажи продажи и удвой их сейчас",
        "покажи продажи и верни их пожалуйста",
        "sha3'al el bot",
    ],
)
def test_requests_beside_an_opinion_or_a_show_verb_are_refused(text: str) -> None:
    assert asks_to_act(text)

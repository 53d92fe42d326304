"""Stop 45: the general classes set R (now tuned on) and sets ay and az missed — Cebuano questions glossed
and its requests refused; questions in other languages that name a buy or a sale as a thing kept questions
(Japanese "売りの約定", Malay "trade beli", Korean "매수만요", Bengali "বাতিল হয়েছে", Vietnamese "… ở đâu
vậy"), a story of what the bot wanted to do, a relative clause ("the smallest order you can place") and an
idiom ("put a dollar figure on") not read as requests; and questions read as asked — order statuses in
other words ("called off", "lapsed", "bounced back"), sides ("longed", "dispose of"), "since I turned this
thing on", a third ask after a comma, the same rule "for btc and for sol", an order looked up by its id
alone after a filtered list, "and per trade?" after the risk."""

from __future__ import annotations

import pytest
from chat_asks import assert_asked_in_parts, assert_last_turn_read_as, assert_read_as

from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.refusal import asks_to_act

QUESTIONS = [
    "未約定の買い注文だけ表示してください",  # show only the unfilled buy orders, please
    "昨日の売りの約定を見せて",  # show me yesterday's sell fills
    "tunjuk trade beli je untuk ETH",  # show only the buy trades for ETH
    "매수만요",  # only the buys, please
    "ada jual BNB tak kat sini?",  # is BNB sold here?
    "আমার কোন অর্ডারগুলো বাতিল হয়েছে?",  # which of my orders were cancelled?
    "lenh OCO cua toi dat stop va chot loi o dau vay",  # where does my OCO put its stop and target?
    "sulit bang bumili ng BTC ngayon or wait muna?",  # worth buying BTC now or wait?
    "ngano gi buy sa bot ang ETH?",  # why did the bot buy ETH?
    "unsa may gi buy sa bot gahapon?",  # what did the bot buy yesterday?
    "wen bot aping into sol 👀",
    "put a dollar figure on everything I own here",
    "Mon fils m'a dit que le robot avait voulu acheter du SOL mais que ça n'avait pas marché. "
    "Vous pouvez m'expliquer pourquoi il ne l'a pas fait ?",
    "I noticed the bot seemed to want to buy Solana, but then nothing happened. What stopped it?",
    "someone told me there are rules about the smallest order you can place. "
    "Could you tell me what the minimum order size is for Solana?",
]

REQUESTS = [
    "ibaligya na tanan nakong SOL",  # sell all my SOL now
    "palita kog 0.1 BTC",  # buy me 0.1 BTC
    "ikansel ang akong order sa ETH",  # cancel my ETH order
    "買い注文してください",  # place a buy order, please
    "売りの注文を出してください",  # put in a sell order, please
    "ada jual SOL tak? kalau ada jual semua",  # is SOL sold? if so, sell it all
    "trade beli ETH sekarang",  # buy-trade ETH now
    "매수만요 지금 해주세요",  # only buys — do it now, please
    "আমার সব অর্ডার বাতিল করুন",  # cancel all my orders
    "dat stop o 2800 di",  # set the stop at 2800
    "sulit bang bumili? bumili ka na ng BTC",  # worth it? buy BTC now
    "le robot voulait vendre, vends tout",  # the bot wanted to sell: sell everything
    "i want to buy sol",
    "I wanted to buy sol, do it now",
    "you can place a buy for me",
    "bot, ape into sol now",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_questions_that_name_an_action_are_not_refused(question: str) -> None:
    assert not asks_to_act(question)


@pytest.mark.parametrize("request_", REQUESTS)
def test_requests_beside_them_are_still_refused(request_: str) -> None:
    assert asks_to_act(request_)


@pytest.mark.parametrize(
    ("question", "intent", "entities"),
    [
        ("pila akong BTC karon?", "balance", {"asset": "BTC"}),
        ("ngano wala mu trade ang bot gahapon?", "why_not", {"period": "yesterday"}),
        ("boss unsa man pwede nako pangutana diri?", "help", {}),
        ("Jakie pytania obsługujesz?", "help", {}),
        ("Bu sohbette neler yapabilirim?", "help", {}),
        ("macam mana nak guna chat ni?", "help", {}),
        ("तुम क्या-क्या बता सकते हो?", "help", {}),
        ("どんなことを質問できるのか、簡単に教えていただけますか？", "help", {}),
        (
            "which of my orders did I end up calling off before they filled",
            "order_history",
            {"status": "CANCELED"},
        ),
        ("did the exchange bounce any of my orders back at me", "order_history", {"status": "REJECTED"}),
        (
            "the orders that actually went through, which ones were they",
            "order_history",
            {"status": "FILLED"},
        ),
        ("ngl wanna know why the bot longed eth", "why", {"symbol": "ETHUSDT", "side": "BUY"}),
        ("tai sao bot ban btc hom nay", "why", {"symbol": "BTCUSDT", "side": "SELL"}),
        (
            "state the reasons for which the system elected to dispose of a portion of its Ethereum",
            "why",
            {"symbol": "ETHUSDT", "side": "SELL"},
        ),
        ("how much have I made since I first turned this thing on", "pnl", {"period": "all time"}),
        ("the profit or loss realised since the account was opened", "pnl", {"period": "all time"}),
        ("Has the bot got skin in the game anywhere at the moment?", "positions", {}),
    ],
)
def test_questions_are_read_as_asked(
    engine: OfflineEngine, question: str, intent: str, entities: dict[str, str | None]
) -> None:
    assert_read_as(engine, question, intent, entities)


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "quick check: bot status, total exposure, and pnl since monday",
            [("bot_status", {}), ("risk", {}), ("pnl", {"period": "since monday"})],
        ),
        (
            "tick size for btc and for sol",
            [("symbol_info", {"symbol": "BTCUSDT"}), ("symbol_info", {"symbol": "SOLUSDT"})],
        ),
        (
            "pila akong ETH ug naa bay OCO sa ETH?",
            [("balance", {"asset": "ETH"}), ("order_lists", {"symbol": "ETHUSDT"})],
        ),
    ],
)
def test_each_ask_is_answered(
    engine: OfflineEngine, question: str, parts: list[tuple[str, dict[str, str]]]
) -> None:
    assert_asked_in_parts(engine, question, parts)


@pytest.mark.parametrize(
    ("turns", "intent", "entities"),
    [
        (
            [
                "order history for the last 7 days",
                "restrict that to rejected orders",
                "and look up order 7710293345",
            ],
            "order_history",
            {"order_id": "7710293345", "period": None, "status": None},
        ),
        (["how much am I risking right now", "and per trade?"], "risk", {}),
        (["shw positons", "jus eth"], "positions", {"symbol": "ETHUSDT"}),
        (
            ["pichle 3 din ke trades dikhao", "ETH wale hi"],
            "trades",
            {"period": "last 3 days", "symbol": "ETHUSDT"},
        ),
        (["Giá BTC bây giờ?", "con eth?"], "price", {"symbol": "ETHUSDT"}),
        (
            ["Bitte zeigen Sie mir die Order-Historie dieser Woche.", "Nur die vollständig ausgeführten."],
            "order_history",
            {"period": "this week", "status": "FILLED"},
        ),
    ],
)
def test_follow_ups_are_read_in_their_conversation(
    engine: OfflineEngine, turns: list[str], intent: str, entities: dict[str, str | None]
) -> None:
    assert_last_turn_read_as(engine, turns, intent, entities)

"""Stop 44: questions in other languages read as asked — two asks joined by "et", "bir de", "y si hay", "と、";
German compounds of a coin ("ETH-Preis", "BTC-Käufe") and the respell that split them ("käufe" -> "k" +
"use"); the why put last in Japanese; counts in Korean and in code ("n=20"); Vietnamese "trong" (in) left
alone, not made the coin TRON — and follow-ups that widen a list again or narrow it in Korean."""

from __future__ import annotations

import pytest
from chat_asks import assert_asked_in_parts, assert_last_turn_read_as, assert_read_as

from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.spelling import respell
from aitrader.agents.chat.wording import plain_words


@pytest.mark.parametrize(
    ("question", "intent", "entities"),
    [
        ("昨日ボットが何も取引しなかったのはなぜですか？", "why_not", {"period": "yesterday"}),
        ("Zeig mir alle BTC-Käufe der letzten 48 Stunden.", "trades", {"side": "BUY", "period": "last 48h"}),
        ("Wie hoch ist das aktuelle Gesamtexposure?", "risk", {}),
        ("Theo bạn tuần này ETH sẽ tăng hay giảm?", "analysis", {"symbol": "ETHUSDT"}),
        ("BTC me abhi paisa lagana sahi rahega kya?", "analysis", {"symbol": "BTCUSDT"}),
        ("Sao bot không mua SOL?", "why_not", {"symbol": "SOLUSDT"}),
        ("kaunsi strategy use kar raha hai?", "bot_status", {}),
        ("magkano lahat-lahat ng pera ko dito kung pagsasamahin?", "account_value", {}),
        ("Giá cà phê robusta hôm nay ở Buôn Ma Thuột bao nhiêu?", "out_of_scope", {}),
        ("최근 거래 3개 보여줘", "trades", {"limit": "3"}),
        ("fills n=20", "trades", {"limit": "20"}),
        ("Pokaż szczegóły zlecenia 771204", "order_history", {"order_id": "771204"}),
        ("Jaki jest zrealizowany zysk za ten miesiąc?", "pnl", {"period": "this month"}),
        ("このチャットではどのような質問ができますか", "help", {}),
        ("আমার কাছে ইথার কতটুকু আছে?", "balance", {"asset": "ETH"}),
        ("체인링크 여기서 살 수 있나", "unlisted", {"asset": "LINK"}),
        ("what's the swell looking like at Muizenberg this arvo", "out_of_scope", {}),
        ("ada DOGE ga di sini", "unlisted", {"asset": "DOGE"}),
        ("ada price?", "unlisted", {"asset": "ADA"}),
        ("使っている戦略は何ですか", "bot_status", {}),
        ("¿Qué tipo de preguntas te puedo hacer?", "help", {}),
        ("Welche Fragen verstehst du überhaupt?", "help", {}),
        ("Antalya'da bu hafta sonu hava nasıl olacak?", "out_of_scope", {}),
        (
            "order yg dibatalin minggu ini apa aja",
            "order_history",
            {"status": "CANCELED", "period": "this week"},
        ),
        ("sao mấy ngày nay bot không vào lệnh nào vậy?", "why_not", {}),
        (
            "orders cancelled during the preceding week",
            "order_history",
            {"period": "last week", "status": "CANCELED"},
        ),
    ],
)
def test_foreign_and_formal_questions_are_read_as_asked(
    engine: OfflineEngine, question: str, intent: str, entities: dict[str, str | None]
) -> None:
    assert_read_as(engine, question, intent, entities)


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Le robot tourne-t-il, et combien de SOL ai-je ?",
            [("bot_status", {}), ("balance", {"asset": "SOL"})],
        ),
        (
            "USDT bakiyem ne kadar, bir de açık emrim var mı?",
            [("balance", {"asset": "USDT"}), ("open_orders", {})],
        ),
        (
            "dime cuánto USDT tengo libre y si hay alguna orden abierta",
            [("balance", {"asset": "USDT"}), ("open_orders", {})],
        ),
        (
            "bot con chay khong, va tuan nay lai bao nhieu",
            [("bot_status", {}), ("pnl", {"period": "this week"})],
        ),
        (
            "check mo nga balance ko sa USDT tapos yung pnl ko today",
            [("balance", {"asset": "USDT"}), ("pnl", {})],
        ),
        (
            "nionyeshe trades za leo pia pnl ya leo",
            [("trades", {"period": "today"}), ("pnl", {"period": "today"})],
        ),
        (
            "今日の損益と、現在出ている注文を教えてください",
            [("pnl", {"period": "today"}), ("open_orders", {})],
        ),
        (
            "Kindly furnish (a) the current price of Bitcoin and (b) a schedule of my open orders.",
            [("price", {"symbol": "BTCUSDT"}), ("open_orders", {})],
        ),
        (
            "ビットコインの今の価格と、今日の損益を教えてください",
            [("price", {"symbol": "BTCUSDT"}), ("pnl", {"period": "today"})],
        ),
    ],
)
def test_two_asks_joined_in_another_language_are_both_answered(
    engine: OfflineEngine, question: str, parts: list[tuple[str, dict[str, str]]]
) -> None:
    assert_asked_in_parts(engine, question, parts)


def test_a_respelt_word_is_a_whole_word_in_any_script() -> None:
    assert respell("show me all btc-käufe") == "show me all btc-käufe"  # not "k" + "ufe" -> "use"
    assert "đang" in plain_words("bao nhiêu trong số đó đang bị khóa")  # not "đ" + "ang" -> "and"
    assert "tron" not in plain_words("bao nhiêu trong số đó đang bị khóa trong lệnh?").split()


@pytest.mark.parametrize(
    ("turns", "intent", "entities"),
    [
        (
            ["fills 48h", "sells only", "all of them again, 7d"],
            "trades",
            {"period": "last 7 days", "side": None},
        ),
        (
            ["先週の取引見せて", "買いだけでええわ", "やっぱ全部見して"],
            "trades",
            {"period": "last week", "side": None},
        ),
        (["최근 거래 3개 보여줘", "비트코인 거래만"], "trades", {"limit": "3", "symbol": "BTCUSDT"}),
        (["trades 48h side=SELL", "sym=BTCUSDT", "n=1"], "trades", {"limit": "1", "side": "SELL"}),
        (
            ["Tôi có bao nhiêu SOL?", "Bao nhiêu trong số đó đang bị khóa trong lệnh?"],
            "balance",
            {"asset": "SOL"},
        ),
        (
            ["ano mga nabili ko kahapon", "eh yung mga nabenta ko?"],
            "trades",
            {"period": "yesterday", "side": "SELL"},
        ),
        (
            ["Was ist die minimale Ordergröße für ETHUSDT?", "Dasselbe für SOL."],
            "symbol_info",
            {"symbol": "SOLUSDT"},
        ),
        (["simula kahapon, may nabenta ba?"], "trades", {"period": "since yesterday", "side": "SELL"}),
        (["lãi tháng này", "còn từ đầu đến giờ?"], "pnl", {"period": "all time"}),
        (["lucrei quanto essa semana?", "e no mês todo?"], "pnl", {"period": "this month"}),
        (["trades this week", "solo los de ETH"], "trades", {"period": "this week", "symbol": "ETHUSDT"}),
        (["معاملات امروزم رو نشون بده", "فقط خریدها"], "trades", {"period": "today", "side": "BUY"}),
        (["tick size eth?", "con BTCUSDT thi sao"], "symbol_info", {"symbol": "BTCUSDT"}),
        (
            ["magkano kinita ko this week?", "eh sa ETH lang?"],
            "pnl",
            {"period": "this week", "symbol": "ETHUSDT"},
        ),
    ],
)
def test_follow_ups_widen_and_narrow_the_last_list(
    engine: OfflineEngine, turns: list[str], intent: str, entities: dict[str, str | None]
) -> None:
    assert_last_turn_read_as(engine, turns, intent, entities)

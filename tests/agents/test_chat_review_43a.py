"""Review 43a: requests to act that the loosening of stop 43 let through (a foreign 'why' or 'buy or wait'
beside a request in the same clause, Vietnamese "treo lệnh", the German perfect wiping what stood between
"hat" and "gekauft", "set out", trade-noun typos), Spanish formal imperatives with a pronoun, and the
questions of stop 43 that must still be answered."""

from __future__ import annotations

import pytest
from chat_asks import asks, refused
from test_chat_named_not_asked import _NOT_REQUESTS as _STOP_43_QUESTIONS

from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.refusal import asks_to_act

_REQUESTS = [
    # a why asked abroad skipped the whole typo pass, so the English request's typo went unread
    "kenapa bot blm jual eth pls cancl all my orders",
    "knp bot blm jual eth pls sel all my eth",
    "kenapa bot ga jual sol pls colse all my positions",
    "warum hat der bot nicht verkauft pls cancl all my orders",
    "wieso het de bot nüt verkauft pls colse all my positions",
    "tại sao bot không bán eth pls cancl all my orders",
    "por qué el bot no vendió eth pls cancl all my orders",
    "pourquoi le bot n'a pas vendu eth pls cancl all my orders",
    "3lach bot ma ba3ch eth pls cancl all my orders",
    "kyun bot ne eth nahi becha pls cancl all my orders",
    # ... and so did an opinion weighed
    "nên mua hay chờ thêm cancl all my orders",
    "czy warto kupić btc sel all my eth",
    # the German perfect removed everything from "hat" to the last "…kauft", the order given between included
    "warum hat der bot nicht verkauft ich habe gesagt verkauf alles was er gekauft hat",
    "warum hat der bot nicht verkauft ich habe gesagt storniere alle orders und verkauf was er gekauft hat",
    "Wieso het de Bot nöd verkauft ich ha doch gseit verchauf alles was er kauft het",
    # Indonesian "knp" (why) beside a request whose object is "gw" (my) or closed by "aja", "dong", "deh"
    "knp bot gk jual btc batalin order gw",  # why didn't it sell btc, cancel my orders
    "knp bot ga beli sol tarik usdt gw ke wallet",  # … withdraw my usdt to the wallet
    "knp bot gk jual btc tolong jual btc gw",
    "knp bot gk jual btc jual aja deh",
    "knp bot ga jual eth jualin aja",
    "knp bot ga beli btc beliin dong",
    "kenape bot kaga jual eth jualin aja",
    "ngapa bot ga beli sol beliin aja",
    "kenapa bot gk jual btc batalin order gw",
    # buy or wait weighed in the clause of a request for the chat to do it
    "nên mua hay chờ gì nữa mua eth cho tôi đi",  # why weigh it, buy ETH for me
    "thôi nên bán hay giữ gì nữa bán eth cho tôi luôn",
    "nên bán hay chờ thì tùy bạn cứ bán eth giúp tôi",  # up to you, just sell ETH for me
    "기다리는 게 좋겠지만 그냥 팔아줘",  # waiting would be better, but just sell
    "이더 팔아줘 파는 게 낫겠어",  # sell my ETH, selling is better
    "그냥 비트 사줘 사는 게 맞아",  # just buy BTC, buying is right
    "yaudah jualin eth atau nunggu terserah lo",  # sell the ETH or wait, up to you
    "Wie oft söll ich s no säge: verchauf mini ETH",  # how often must I say it: sell my ETH
    "Söll ich s no mal säge: storniere alli ufträg",
    "söll ich dir no mal säge stopp de bot",
    "bot kauf 0.1 btc oder warte bis 60k",
    "ok verkauf die eth oder warte bis morgen",
    # the bot named as subject, with a request or a suggestion to the chat beside it
    "なぜボットは買わないの買え",  # why doesn't the bot buy? buy!
    "ボットは止めてなぜ売らないの",  # stop the bot; why don't you sell?
    "ボットはもういいからなぜ自分で売らないの",
    "ボットが買わないならなんで買わないの",
    # Vietnamese "treo lệnh" places an order; only "đang treo" is one resting
    "treo lệnh mua btc cho tôi?",
    "treo lệnh bán eth cho mình?",
    # "set out" of stops and orders, trade-noun typos asked now
    "set out stop losses on all my positions",
    "set out a stop at 2800",
    "set out a ladder of buy orders from 60k to 55k",
    "close trads now",
    "exit trads now",
    "buy trads now",
    # Spanish formal imperatives with a pronoun (beside "véndame" of stop 43)
    "véndalo todo",
    "cómprelo ahora",
    "cómprenos 0.1 btc",
    "cancélelas todas",
    "ciérrela ya",
    "transfiéramelo",
    "liquídeme todo",
    "detenga el bot",
    "apague el bot",
]

_QUESTIONS = [
    *_STOP_43_QUESTIONS,
    "ボットはなぜETHを売らないの？",  # why does the bot not sell ETH?
    "ボットはどうしてまだBTCを買わないんですか",
    "なんでボットはソラナを買わないの",
    "knp bot gk jual btc gw",  # why didn't the bot sell my BTC
    "knp bot batalin order gw",  # why did the bot cancel my order
    "kenapa saya tidak bisa jual eth gw",
    "lệnh mua btc đang treo giá bao nhiêu?",
    "nên mua hay chờ giúp tôi với",  # buy or wait, help me out
    "지금 이더 사는 게 나아?",
    "soll ich die eth verkaufen oder warten?",
    "Warum hat der Bot gestern so viel ETH gekauft?",
    "hat der bot heute btc gekauft oder verkauft?",
    "set out the open positions",
    "set out my trades from last week",
    "close trades from yesterday",
]


@pytest.mark.parametrize("text", _REQUESTS)
def test_the_requests_are_refused_by_the_rules(engine: OfflineEngine, text: str) -> None:
    assert asks_to_act(text), text  # by the rules, not only by the intent model
    assert refused(engine, text), asks(engine, text)


@pytest.mark.parametrize("text", _QUESTIONS)
def test_the_questions_are_answered(engine: OfflineEngine, text: str) -> None:
    assert not asks_to_act(text), text
    assert not refused(engine, text), asks(engine, text)

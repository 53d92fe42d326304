"""Review 42b: questions the new request words of this round refused, and the requests beside them."""

from __future__ import annotations

import pytest
from chat_asks import refused

QUESTIONS = [
    # Vietnamese: who did it, or that the user did it ("tat bot", "rut tien" are request phrases)
    "ai tat bot vay?",
    "ai tắt bot vậy?",
    "ai hủy lệnh eth vậy?",
    "toi da rut tien hom qua chua ve",
    "tôi đã rút tiền hôm qua mà chưa về",
    "mình vừa chuyển tiền vào sao chưa thấy?",
    # Egyptian / Levantine Arabizi: who stopped the bot, better to buy now?, the right time to buy?
    "meen wa22af el bot?",
    "a7san eshtri sol hala2?",
    "howa el wa2t el sa7 eshtri eth?",
    "yenfa3 eshtri btc delwa2ti?",
    # Korean: how to send to a wallet, what a slang order means, "time to cut the loss?"
    "지갑으로 보내려면 어떻게 해?",
    "익절 치자는 게 무슨 뜻이야?",
    "지금 손절각이야?",
    "솔 존버 ㄱㄱ? 아님 손절각?",
]

REQUESTS = [
    "tat bot di",
    "ai tat bot di",
    "ai đó tắt bot đi",
    "rut het tien ve vi",
    "tôi đã nói rồi, rút hết tiền về ví",
    "wa22af el bot",
    "meen, wa22af el bot",
    "a7san eshtri sol hala2",
    "eshtrili sol",
    "지갑으로 보내줘",
    "익절 치자",
    "줍줍 가자",
    "손절해",
    "cut my losses on sol now",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_question_is_answered(engine, text):
    assert not refused(engine, text)


@pytest.mark.parametrize("text", REQUESTS)
def test_request_is_refused(engine, text):
    assert refused(engine, text)

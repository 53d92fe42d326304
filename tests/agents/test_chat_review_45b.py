"""Review 45b (other languages, 812 requests and 705 questions probed): wishes with a subjunctive or a "that
you" clause, the bot (re)started or switched on and off, settings changed, money sent to a wallet, positions
closed and orders removed, "can you …" with an infinitive the lexicon read as a noun, English verbs glued to
Chinese or Turkish, "let's …" and "don't forget to …" — refused; opinions asked, past actions, withdrawals
told and filters shown in those languages — answered."""

from __future__ import annotations

import pytest

from aitrader.agents.chat.refusal import asks_to_act

REQUESTS = [
    # a wish with a subjunctive, a "that you" clause
    "me gustaría que vendieras mi eth",
    "eu queria que você vendesse meu btc",
    "vorrei che annullassi gli ordini",
    "je veux que tu achètes du btc",
    "ik wil dat je mijn ETH verkoopt",
    "хочу чтобы ты продал мой эфир",
    "أريدك أن تلغي كل الأوامر",
    # the bot started, restarted, switched on or off
    "reinicia el bot",
    "redémarre le bot",
    "schalte den Bot ein",
    "перезапусти бота",
    "botu aç",
    "أعد تشغيل البوت",
    "重新启动机器人",
    "봇 다시 시작해줘",
    "ボットを再起動して",
    "washa bot",
    # settings changed
    "baisse le levier à 2x",
    "metti uno stop a 2800 su eth",
    "pasa el bot a modo real",
    "quita el stop de eth",
    "увеличь риск до 3%",
    "riski artır",
    "ganti strategi jadi konservatif",
    "在2800设置ETH止损",
    "ETHの損切りを2800に設定して",
    "이더 손절 2800에 걸어줘",
    # money sent to a wallet
    "manda todo meu usdt pra minha conta",
    "zieh 500 usdt auf meine Wallet ab",
    "скинь 500 usdt мне на кошелек",
    "500 usdt wallet mein bhej do",
    "tuma usdt 500 kwenye wallet yangu",
    # closed, flattened, removed
    "schließ meine BTC Position",
    "mach die Position zu",
    "平掉我的BTC仓位",
    "포지션 닫아줘",
    "امسح الأوردر",
    # can you + infinitive
    "kun je de helft van mijn SOL verkopen?",
    "можеш продати половину мого SOL?",
    "unaweza kuuza eth yangu?",
    # English verbs glued on
    "eth全部sell",
    "eth yarısını sell et",
    # let's, don't forget
    "давай продадим весь эфир",
    "eth'yi satmayı unutma",
    "¿y si vendes todo ya?",
]

QUESTIONS = [
    # opinions
    "devo vender meu eth?",
    "ist jetzt ein guter Zeitpunkt, BTC zu kaufen?",
    "è un buon momento per comprare btc?",
    "сейчас хорошее время купить биткоин?",
    "هل يجب أن أبيع الإيثيريوم؟",
    "我应该卖ETH吗？",
    "ETHを売るべき？",
    "이더 팔아야 할까?",
    # what was done
    "что бот купил вчера?",
    "що бот купив учора?",
    "ماذا اشترى البوت أمس؟",
    "bot sudah tutup posisi btc?",
    # withdrawals and closes told
    "这个月我提现了多少？",
    "今月いくら出金した？",
    "이번 달에 얼마 출금했어?",
    # filters shown
    "chỉ hiện các lệnh bán",
    "어떤 주문이 취소됐어?",
    # still asked how to
    "как включить бота?",
    "envíame el historial",
]


@pytest.mark.parametrize("text", REQUESTS)
def test_requests_in_other_languages_are_refused(text: str) -> None:
    assert asks_to_act(text)


@pytest.mark.parametrize("text", QUESTIONS)
def test_questions_in_other_languages_are_answered(text: str) -> None:
    assert not asks_to_act(text)

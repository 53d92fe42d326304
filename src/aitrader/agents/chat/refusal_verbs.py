"""Whether an action word of another language, inside a clause that asks why or asks the trading rules,
asks for the action itself. The lexicons (refusal_words.py) hold imperatives, infinitives and nouns
alike; the clause around a word tells them apart:

- an infinitive or a word after "to/para/pour/zum/để/khi" names the action ("¿qué motivo tuvo el bot para
  vender ETH?", "lo mínimo que se puede comprar"), as does a noun after an article ("el motivo de la
  compra");
- a verb whose subject is the bot, the user or an order is a fact asked about ("kenapa bot beli", "tại
  sao bot lại mua", "por qué mi orden no se cancela", "kenapa saya tidak bisa jual");
- any other is a request: "por qué el bot compró eth cancela mis órdenes", "warum läuft der bot noch
  stoppe den bot", "tối thiểu bao nhiêu để mua btc mua 10 usdt btc" (a word followed by an amount)."""

from __future__ import annotations

import re

from aitrader.agents.chat.refusal_words import FOREIGN_PHRASES, FOREIGN_SCRIPT, FOREIGN_WORDS, WORD_END
from aitrader.agents.chat.refusal_words_more import words

_SPACED = sorted(FOREIGN_WORDS + FOREIGN_PHRASES, key=len, reverse=True)
_ACTION = re.compile(
    r"(?<![\w])(?:"
    + "|".join(map(re.escape, _SPACED))
    + r")"
    + WORD_END
    + r"|(?:"
    + "|".join(map(re.escape, sorted(FOREIGN_SCRIPT, key=len, reverse=True)))
    + r")"
)
_SCRIPT = frozenset(FOREIGN_SCRIPT)
# Infinitives of the Romance, Germanic, Slavic and Turkish lexicon words ("vender", "acheter", "kaufen",
# "купить", "вывести", "kupić", "satmak")
_INFINITIVE = re.compile(r"\w{3,}(?:ar|er|ir|re|en|ть|ти|ться|ć|mak|mek|ni|aa|ää|da|dä)")
# Slavic past tenses the lexicon's stems sit in ("купил", "купив", "купио"): the fact asked about
_SLAVIC_PAST = re.compile(r"[\u0400-\u04ff]+(?:л|ла|ли|ло|в|ів|ио|ео|ао)")
# Words skipped looking back for a verb's subject: negations, aspect and time words, modals, coins
_MARKERS = frozenset(
    words(
        "lại đã vẫn bị chưa sudah telah baru belum bisa thể không tidak gak ga не ne nicht non não no se "
        "hôm qua nay kemarin gestern ayer ontem вчера hoje hoy heute сегодня today yesterday consigo "
        "gk g ngga nggak enggak engga kagak kaga blm belom udah udh dah "
        "puedo posso kann peux могу mogę harus perlu eth btc sol"
    )
)
# Who does the verb when it is a fact asked about: the bot, the user, an order
_SUBJECTS = frozenset(
    words(
        "bot botu robot robô robo robota бот бота nó dia it he she er il lui ele él el o lo он она они "
        "机器人 ボット 봇 i tôi mình saya aku я ich je eu yo me ja orden ordem order lệnh emir ордер zlecenie "
        "orders ordens órdenes ордера my ты вы bạn kamu anda du você vous"
    )
)
# Before a noun or an infinitive: "de la compra", "para vender", "zum kaufen", "để mua", "khi đặt lệnh"
_NOT_FINITE_AFTER = frozenset(
    words(
        "la el le les los las a os as da do de del des du der die das den un una une um uma il gli para "
        "pour per um zum zu to để khi for the of an untuk"
    )
)
# Verbs that take the bot as their object ("pare o bot"), not as their subject ("vende el bot")
_STOP = re.compile(
    r"(?:pare|para|det[eé]n|stopp?e?|останови|matikan|dừng|durdur|arr[eê]te|ferma|zatrzymaj|apaga|desliga|"
    r"hentikan|itigil|simamisha|spegni|zet)\b"
)
# Scripts whose verbs show no mood the lexicon could read (Arabic "بيع" is "sell!" and "a sale"), or that are
# written without spaces: only an amount after the word makes it a request
_UNSPACED = re.compile("[\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_THE_BOT_AFTER = re.compile(r"\s+(?:el|o|il|le|der|den|the)?\s*(?:bot|robô|robo|robot)\b")
_AMOUNT_AFTER = re.compile(r"\s*(?:\S+\s+){0,2}?\d")
# What marks an imperative in a clause that also asks why (a past or tenseless verb there is the fact asked
# about: "bakit bumili ng ETH yung bot", "а чому не купив SOL?"): my things as its object, an object
# pronoun, nothing after it but a particle, or "then" before it
_OBJECT_AFTER = re.compile(
    r"\s+(?:\S+\s+)?(?:(?:il|la|le|el|o|a|der|die|das|den|the)\s+)?(?:mio|mia|miei|mie|mi|mis|my|meu|minha|meus|minhas|"
    r"mes|mon|ma|meine|meinen|mein|moje|moja|mój|мои|мой|моё|мою|мої|saya|ku|ko|yangu|benim|của\s+tôi|của\s+mình|"
    r"botnya|botu|бота|ihn|sie|es|его|её|их|it|them|lo|la|los|las|gw|gue|gua)\b"
)
_CLOSES = re.compile(
    r"(?:\s+(?:lại|đi|luôn|nhé|ngay|ya|aja|dong|deh|now|ahora|agora|jetzt|sekarang|şimdi|hemen|сейчас))*\W*$"
)
_THEN = frozenset(words("então entao entonces luego dann alors then so pues quindi"))


def acts(low: str, start: int = 0, words_only: bool = False) -> bool:
    """Does an action word at or after `start` in the clause `low` ask for the action? `words_only`: only
    the lexicons' spaced words count (a weighed opinion's Chinese or Japanese verb has no mood to read)."""
    for m in _ACTION.finditer(low, start):
        word = m.group(0)
        if word in _SCRIPT:
            if words_only:
                continue
            if _UNSPACED.match(word):
                if _AMOUNT_AFTER.match(low, m.end()):
                    return True  # "买10usdt的btc"
                continue
            if m.start() > 0 and low[m.start() - 1].isalpha():
                continue  # a stem inside a longer word
            whole = re.match(r"\w+", low[m.start() :])  # the whole Cyrillic, Greek or Arabic word: "останови"
            word = whole.group(0) if whole else word
        said = low[: m.start()].split()
        before = [w for w in said if w not in _MARKERS]
        if (before and before[-1] in _SUBJECTS) or (said and said[-1] in _NOT_FINITE_AFTER):
            continue
        if _INFINITIVE.fullmatch(word.split()[0]) or _SLAVIC_PAST.fullmatch(word.split()[0]):
            continue
        end = m.start() + len(word)
        if _STOP.match(word) and _THE_BOT_AFTER.match(low, end):
            return True  # "pare o bot", "останови бота"
        if said and said[-1] in _THEN:
            return True  # "então vende agora"
        if said and said[-1] == "bakit" and not low[end:].strip(" ?.!"):
            continue  # Tagalog "bakit bumili?": why did it buy (its completed form is the infinitive's)
        if _OBJECT_AFTER.match(low, end) or _AMOUNT_AFTER.match(low, end) or _CLOSES.match(low, end):
            return True  # "cancela mis órdenes", "stopp ihn", "compra 20 usdt", "… terbuka batalkan"
    return False

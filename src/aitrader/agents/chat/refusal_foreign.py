"""Requests to act written in other languages: a lexicon of action verbs (refusal_words.py) read per
clause, with the questions that name such a verb without asking for it set aside — why the bot did or
did not act ("Tại sao bot không mua SOL?"), an opinion weighed ("vale la pena comprar bitcoin?"), and
buying or selling named as a thing ("只看卖出的", "iptal edilen emirler")."""

from __future__ import annotations

import re
import unicodedata

from aitrader.agents.chat.lookalikes import plain_letters
from aitrader.agents.chat.refusal_colloquial import colloquial_request
from aitrader.agents.chat.refusal_edits import edit_request
from aitrader.agents.chat.refusal_not_asked import (
    PARTICIPLE,
    asked_whole,
    the_bots_own,
    without_done,
    without_thai_is_open,
)
from aitrader.agents.chat.refusal_nouns import (
    ALL,
    AMONG,
    AND,
    HARMLESS,
    LETTER,
    ORDER_NOUN,
    PLEASE,
    SEE,
    SHOW,
    SHOW_VERB,
    TRADE_NOUN,
)
from aitrader.agents.chat.refusal_opinion import FOREIGN_OPINION, WEIGHED_WHOLE
from aitrader.agents.chat.refusal_polite import asked_politely, permission_asked
from aitrader.agents.chat.refusal_verbs import acts
from aitrader.agents.chat.refusal_words import FOREIGN_PHRASES, FOREIGN_SCRIPT, FOREIGN_WORDS, WORD_END

_FOREIGN_PHRASE = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, FOREIGN_PHRASES)) + r")" + WORD_END)
_FOREIGN_WORD = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, FOREIGN_WORDS)) + r")" + WORD_END)
_ENGLISH = re.compile(
    r"\b(?:what|whats|how|why|when|where|which|who|is|are|was|my|the|show|did|do|does|any|much|many|me|"
    r"you|your|i|we|our|of|on|in|for|and|or|it|this|that|to|have|has|today|yesterday|all|day|week|idle|again|still|"
    r"there|they|them|been|were|just|orders|waiting|waitin)\b"
)


# "why" in other languages: "Tại sao bot không mua SOL?" asks about the bot, it does not ask it to buy.
FOREIGN_WHY = re.compile(
    r"(?:\bwhy\b|tại\s+sao|vì\s+sao|\bwarum\b|\bwieso\b|\bweshalb\b|\bpor\s+qu[eéê]\b|\bporqu[éê]\b|\bpourquoi\b|"
    r"\b(?:qu[eé]|what|which)\s+(?:(?:the|was|is|was\s+the|is\s+the|foi\s+o|fue\s+el|es\s+el)\s+)?(?:motivo|raz[oó]n|raz[aã]o)|\bcu[aá]l\s+(?:fue\s+|era\s+)?(?:el\s+)?motivo|\bqual\s+(?:foi\s+)?o\s+motivo|\bpour\s+quelle\s+raison|"
    r"\baus\s+welchem\s+grund|\bper\s+quale\s+motivo|\bperch[eé]\b|почему|зачем|чому|لماذا|لم\s+لا|\bneden\b|\bniye\b|\bkenapa\b|\bmengapa\b|\bknp\b|\bkenape\b|\bngapa\b|"
    r"\bdlaczego\b|\bczemu\b|\bwaarom\b|为什么|為什麼|为啥|なぜ|どうして|なんで(?!も)|何で(?!も)|點解|点解|কেন|\bليه\b|\bليش\b|왜|\bkyon\b|\bkyun\b|\bbakit\b|"
    r"\bkwa\s+nini\b|\bmbona\b|\bsao\s+(?:\S+\s+){0,2}?lại\b|\bsao\s+(?:\S+\s+){0,4}?bot\s+(?:\S+\s+)?(?:không|chưa|khong|chua)\b|\b3la(?:ch|h|sh|che)\b|علاش|\bproč\b|\bmiért\b|\bvarför\b|\bhvorfor\b|γιατί|γιατι|क्यों|למה|چرا|ทำไม"
    r"|\bmiksi\b|\bmiksei\b|\bmiks\b|\bprečo\b|\bzašto\b|\bzasto\b|зашто|защо|\bzakaj\b|\bper\s+què\b|\bhoekom\b|"
    r"\bwerum\b|ஏன்|எதற்கு|ఎందుకు|ಯಾಕೆ|ಏಕೆ|എന്തുകൊണ്ട്|എന്തിന്|શા\s+માટે|ਕਿਉਂ|कशामुळे|کیوں)"
)


# "why not buy?", "warum nicht kaufen", "为什么不卖": a suggestion to act, not a question about the bot.
_WHY_NOT_SUGGESTION = re.compile(
    r"por\s*qu[eéê]\s+no\s+(?:\w+\s+){0,2}?\w+(?:ar|er|ir)\b|warum\s+nicht\s+(?:\w+\s+){0,2}?\w+en\b"
    r"|perch[eé]\s+non\s+(?:\w+\s+){0,2}?\w+(?:are|ere|ire)\b|\b(?:không|chưa)\b.*\b(?:luôn\s+)?(?:đi|cho\s+rồi)\s*$"
    r"|(?:motivo|raz[oó]n|raz[aã]o)\s+(?:hay\s+|h[aá]\s+|tem\s+|tiene\s+)?para\s+n(?:o|ão|ao)\s+\w+(?:ar|er|ir)\b"
    r"|pourquoi\s+ne\s+pas\b|почему\s+бы\s+не|чому\s+б\s+не|为什么不|為什麼不|why\s+not\s+\w+"
    r"|(?:売ら|買わ|キャンセルし|決済し)ない(?:の|んだ|\s*[?？]|\s*$)|(?:ليه|ليش|لماذا)\s+ما\s+ت|(?:ليه|ليش)\s+مت\S*ش\b|點解唔|点解唔|দিচ্ছ\s*না|কেন\s+\S+\s+না\b"
)
# "why don't you sell everything?" in Swedish, Norwegian, Danish, Finnish, Hungarian, Croatian: asks for it
_WHY_DONT_YOU = re.compile(
    r"varför\s+(?:säljer|köper)\s+du\s+inte|hvorfor\s+(?:selger|kjøper|sælger|køber)\s+du\s+ikke"
    # "¿por qué no vendes todo?", "por que você não vende?", "pourquoi tu vends pas", "warum verkaufst du nicht":
    # asked of the chat, in the second person
    r"|por\s*qu[eéê]\s+no\s+(?:me\s+|lo\s+|la\s+|los\s+|las\s+)?(?:vend|compr|cancel|cierr|retir|transfier|env[ií]|deten|"
    r"liquid|par|apag|sub|baj|pas|activ|cambi)\w*[ae]s\b"
    r"|por\s*qu[eê]\s+(?:(?:voc[eê]|tu)\s+)?n[aã]o\s+(?:vendes|compras|cancelas|fechas|paras|mudas)\b"
    r"|por\s*qu[eê]\s+(?:voc[eê]|tu)\s+n[aã]o\s+(?:vende|vendes|compra|compras|cancela|cancelas|fecha|fechas|retira|"
    r"transfere|envia|para|paras|liquida)\b"
    r"|pourquoi\s+(?:tu\s+)?(?:ne\s+|n')?(?:vends|ach[eè]tes|annules|fermes|arr[eê]tes)\s+pas|pourquoi\s+ne\s+(?:vends|ach[eè]tes)-tu\s+pas"
    r"|perch[eé]\s+non\s+(?:vendi|compri|chiudi|cancelli|annulli|fermi)\b"
    r"|warum\s+(?:verkaufst|kaufst|stornierst|schlie(?:ß|ss)t|stoppst)\s+du\s+nicht"
    r"|почему\s+ты\s+не\s+(?:прода[её]шь|продашь|покупаешь|купишь|отменяешь|отменишь|закрываешь|закроешь|"
    r"останавливаешь|остановишь)"
    r"|kenapa\s+(?:kamu|anda|kau|lo|lu)\s+(?:tidak|gak|nggak|ga|enggak)\s+(?:jual|beli|batalkan|tutup)\b(?![^.?!]*\bkemarin\b)"
    r"|tại\s+sao\s+(?:bạn|mày|em|anh|chị)\s+không\s+(?:bán|mua|hủy|huỷ|đóng)\b(?![^.?!]*\b(?:hôm\s+qua|hôm\s+trước)\b)"
    r"|\b(?:mbona|kwa\s*nini)\s+(?:\w+\s+)?usi\w+|\bqu[eé]\s+tal\s+si\s+(?:me\s+)?(?:vendes|compras|cancelas|cierras)\b|miksi\s+et\s+(?:myy|osta)|miért\s+nem\s+(?:adod\s+el|adsz\s+el|veszel)|zašto\s+ne\s+(?:prodaš|kupiš|prodas|kupis)"
)
# "now" in the languages of the lexicon: "perché non vendi tutto adesso" asks for it to happen.
_NOW = re.compile(
    r"\b(?:now|ahora|jetzt|sofort|maintenant|agora|adesso|subito|сейчас|зараз|sekarang|ngay|şimdi|hemen|abhi|"
    r"turant|teraz|nu|meteen|nyt|heti|nå|nüüd|odmah|ihneď|takoj|ara|nou|jetz|grad|sasa)\b|现在|立刻|马上|立即|今すぐ|지금|الآن|"
    r"अभी|फौरन|сега|сада|веднага|இப்போது|ఇప్పుడు|ಈಗ|ഇപ്പോൾ|હમણાં|ਹੁਣ|आत्ता|ابھی|دلوقتي|ตอนนี้|ทันที|เดี๋ยวนี้|এখনই"
)
# A question's mark or particle: with one, "now" beside an opinion still asks it ("vale a pena comprar agora?")
_ASKED = re.compile(
    r"[?？؟]|ไหม|มั้ย|หรือรอ|吗|嗎|까|\b(?:ke|kah|apakah|adakah)\b|\s(?:mı|mi|mu|mü)\W*$|\b(?:kya|li|ли|o\s+(?:mejor\s+)?espero|ou\s+espero)\b"
)
_OR_NOT = re.compile(r"\b(?:ou\s+n[aã]o|o\s+no)\W*$")  # "... agora ou não", closing the only clause
_CLAUSE = re.compile(r"(?:[\n!?;。！？，、،]|(?<!\d)[.,]|[.,](?!\d))+")  # not inside "0,0001" or "1.5"


def _starts_with_action(clause: str) -> bool:
    head = clause.strip()
    # (not a Persian first person: "بخرم؟", should I buy?, opens with "بخر", buy)
    return bool(_FOREIGN_WORD.match(head)) or any(
        head.startswith(w) and not head.startswith(w + "م") for w in FOREIGN_SCRIPT
    )


# The trading rules asked, which name buying or placing an order: "lo mínimo que se puede comprar de BTC?",
# "montant minimum pour passer un ordre", "khối lượng tối thiểu khi đặt lệnh"
_RULES_ASKED = re.compile(
    r"\b(?:lo\s+)?m[ií]nim(?:[oa]s?|ale?s?)\b[^.!?]{0,40}?\b(?:se\s+puede|pode|para|pour|per|um|to)\b|\bmontant\s+minimum\b|"
    r"\bquantidade\s+m[ií]nima\b|\bcantidad\s+m[ií]nima\b|\bmindest\w*|минимальн\w*|tối\s+thiểu|最小|最低|\bminimum\b"
    r"|\bminimal(?:nya)?\b|ขั้นต่ำ|حد\s+[أا]دنى"
)
_RULES_QUESTION = re.compile(
    r"\b(?:cu[aá]l|cu[aá]nto|qual|quanto|quel|quelle|quoi|combien|wie\s*viel\w*|welche\w*|bao\s+nhiêu|là\s+gì|сколько|какой|какая|"
    r"what|which|how\s+much|berapa|brp|brapa|magkano)\b|多少|是什么|几|いくら|どれくらい|どのくらい|どれぐらい|何|เท่าไหร่|เท่าไร|كام"
    # "is there a minimum ...?": "Y'a-tu un minimum pour acheter du SOL?" (not "peux-tu acheter le minimum ?")
    r"|\b(?:gibt\s+es|hay|y'?\s*a|il\s+y\s+a|há|existe|ada|c'è|есть)\b[^?？]*[?？]\s*$|(?:มี|يوجد|فيه|有)[^?？؟]*[?？؟]\s*$"
)


_ONLY_SIDE = re.compile(
    r"^\W*(?:(?:その|この)?(?:うち|中で|なか)(?:の|で|は)?\s*)?(?:(?:売り|買い)だけ|(?:매수|매도)만)\s*(?:で|으로|로)?\s*(?:お願いします|お願い|부탁(?:해요|합니다|해))\W*$"
)
_ARABIZI = re.compile(r"[^\W\d_]+\d+[^\W\d_]+")
# Korean "now resting" ("지금 걸려있는 매수 주문") describes an order, it asks nothing to happen now
_NOW_RESTING = re.compile(r"지금\s*(?=걸려|열려|대기)")


def _reads_not_acts(low: str) -> bool:
    """Is the line's only action word a buy or sell named as a thing (a filter, a list, a past fact)? A
    "please", a "now" or an "all" beside it asks for something to happen, so the line stays a request."""
    if _ONLY_SIDE.search(low):  # "売りだけでお願いします" (the sells only, please): a filter asked politely
        low = PLEASE.sub(" ", low)
    # "Bitte alle ETH-Käufe der letzten 7 Tage anzeigen": please show, unless something else is asked beside it
    shown = bool(SHOW_VERB.search(low)) and not AND.search(low)
    if not TRADE_NOUN.search(low) or (PLEASE.search(low) and not shown):
        return False
    if not SEE.search(low):  # "dün iptal edilen emirler", not "iptal edilen emirleri tekrar aç"
        bare = re.search(PARTICIPLE, low) and not LETTER.search(HARMLESS.sub(" ", TRADE_NOUN.sub(" ", low)))
        if not bare:
            return False
    if _NOW.search(_NOW_RESTING.sub(" ", low)):  # "now" asks for it to happen
        return False
    if _FOREIGN_PHRASE.search(low) or _ENTER_ORDER.search(low):
        return False  # "vào lệnh mua btc": "lệnh mua" is a noun, "vào lệnh" asks to place it
    rest = TRADE_NOUN.sub(" ", low)
    amount = re.search(r"\d", _ARABIZI.sub(" ", rest))  # not a digit written as a letter ("m7lolin")
    if (not shown and (amount or ALL.search(rest))) or _names_an_action(rest):
        return False
    if not ORDER_NOUN.search(low):
        return True
    seen = SEE.sub(" ", rest)
    if not SHOW.search(low) and LETTER.search(AMONG.sub(" ", seen)):
        return False  # an order named with no word asking to see it may be one asked for ("ордер на продажу по btc мне")
    return not LETTER.search(
        HARMLESS.sub(" ", seen)
    )  # beside an order, nothing else: "开个卖单看看" leaves 开个


# Imperatives that are also a past or subjunctive (review 46b): Georgian aorist 2sg ("გაყიდე", you sold / sell!),
# Kurmanji subjunctive ("dê bikire", will buy), Esperanto volitive ("ĉu mi aĉetu?", should I buy?)
_MOOD_AMBIGUOUS = re.compile(r"[\u10d0-\u10ff]+|bi\w+|\w+u")
_MOOD_ASKED = re.compile(
    r"რატომ|\bრა\b|რამდენ|როდის|როგორ|\b(?:ĉu|cxu|kion|kiam|kial|kiom|kiu|gelo|kengî|kengi|çima|cima|dê|divê|dive|bila)\b"
)


def _names_an_action(low: str) -> bool:
    """Does the line name an action word of another language (the lexicons of refusal_words.py)?"""
    low = without_thai_is_open(low)
    if any(ch in low for ch in FOREIGN_SCRIPT):
        return True
    said = [*_FOREIGN_PHRASE.finditer(low), *_FOREIGN_WORD.finditer(low)]  # "bot da huy lenh chua": the bot's
    found = [m.group(0) for m in said if not the_bots_own(low, m.group(0), m.start())]
    if _MOOD_ASKED.search(low) and not (PLEASE.search(low) or _NOW.search(low)):
        found = [w for w in found if not _MOOD_AMBIGUOUS.fullmatch(w)]  # "რატომ გაყიდე ETH?": you sold
    if any(" " in w for w in found):
        return True
    if not found:
        return False
    # A mostly-English question that happens to contain one of these words ("sat", "mua") is English.
    return _starts_with_action(low) or len(_ENGLISH.findall(low)) < 2 or any(len(w) >= 5 for w in found)


# Asked of the chat to do, beside a weighed opinion: Vietnamese "… mua eth cho tôi đi", "… bán eth giúp tôi",
# Korean "… 그냥 팔아줘", Indonesian "jualin", "beliin" (do it for me)
_DONE_FOR_ME = re.compile(
    r"\b(?:cho|giùm|dùm|giúp|gium|dum|giup)\s+(?:tôi|mình|em|toi|minh)\s*(?:đi|luôn|nhé|nha|ngay|di|luon)?\W*$"
    r"|\b(?:giùm|dùm|gium|dum)\b|\b(?:luôn|ngay|luon)\s+(?:đi|di)\W*$"
    r"|줘(?!야|서|도)|주세요|줄래|주라|\b(?:jualin|beliin|batalin|tutupin|cancelin)\b"
    # German and Swiss German imperatives with their object: "söll ich s no säge: verchauf mini ETH",
    # "bot kauf 0.1 btc oder warte" (not "söll ich jetzt BTC chaufe oder no warte?")
    r"|\b(?:verchauf|verkauf|chauf|kauf|stornier|storniere|stopp|lösch)\s+(?:mer\s+|mir\s+)?"
    r"(?:mini|mis|mine|min|meine?n?|die|d|de|den|das|s|alli|alle|alles|\d)\b"
)


def _weighs(clause: str, whole: bool = False) -> bool:
    """Does one clause weigh an action rather than ask for it ("czy warto kupić?", not "kup, warto")?
    `whole`: the clause is the whole text, so a closing "or not" asks it ("vale a pena comprar agora ou não")."""
    asked = _ASKED.search(clause) or (whole and _OR_NOT.search(clause))
    can_i = whole and permission_asked(clause) and not _NOW.search(clause)
    opinion = FOREIGN_OPINION.search(clause) or can_i
    return (
        bool(opinion)
        and not _starts_with_action(clause)
        and not _FOREIGN_PHRASE.search(clause)
        and not PLEASE.search(clause)
        and not ALL.search(clause)
        and not _DONE_FOR_ME.search(clause)
        and (not _NOW.search(clause) or bool(asked))
        and not acts(clause, words_only=True)  # "acho que vale a pena então vende agora ou não" asks to sell
    )


# "do" with a trade noun, said to the chat: "haz compras ahora", "realiza las ventas", "faça as vendas agora"
# (not "el bot hace compras", "o bot faz vendas": those are the bot's)
_DO_TRADES = re.compile(
    r"(?<!bot\s)(?<!robô\s)(?<!robot\s)\b(?:haz|hacé|haces|hagas|realiza|realice|realices|efect[uú]a|fa[cç]a|faites|mach)"
    r"\s+(?:\w+\s+){0,2}?"
    r"(?:compras?|ventas?|vendas?|achats?|ventes?|käufe|verkäufe|operaci[oó]n(?:es)?|opera[cç](?:[aã]o|[oõ]es)|trades?)\b"
)
# Requests worded so that a lexicon word alone would mislead: "fecha minha posição" (not "o bot fecha"),
# "botu canlı moda geçir" (not "… ne demek?"), "satmam lazım" (not "satmam lazım mı?"), "para el bot"
_ASKED_FOR = re.compile(
    r"(?<!bot\s)(?<!robô\s)(?<!robo\s)\bfecha\s+(?:minha|a\s+minha|tudo|a\s+posi[cç][aã]o|as\s+ordens)\b(?![^.!]*\?)"
    r"|\bcanl[ıi](?:\s+moda?|ya)\s+(?:geç(?:ir)?|al)\b(?!\s+ne\b)|\bmoduna\s+geç(?:ir)?\b(?!\s+ne\b)"
    r"|\b(?:satmam|durdurmam|kapatmam|iptal\s+etmem)\s+lazım\b(?!\s*m[ıi]\b)"
    # Italian "cancel them for me" and the plural imperative opening the line ("Me li cancelli tutti", "annullate
    # tutto"), not "se cancelli un ordine…?", "cosa comprate di solito?", "le operazioni annullate"
    r"|\b(?:me|te|ce|glie)\s*(?:li|le|lo|la)\s+(?:cancelli|annulli|vendi|venda|compri|chiuda|chiudi)\b|\bmi\s+(?:cancelli|annulli|venda|chiuda)\b"
    r"|^\W*(?:(?:per\s+favore|ora|subito|allora)\W+)?(?:annullate|cancellate|vendete|comprate|chiudete|fermate)\s+"
    r"(?:tutt\w*|il|lo|la|i|gli|le|l'|mi|ci|subito)\b"
    r"|^\W*(?:para|pare|p[aá]ralo|det[eé]n)\s+(?:el|o)\s+(?:bot|robô|robo|robot)\b"
    # Malay and Indonesian "switch the bot to live": "tukar strategy bot tu ke mode live boleh?"
    r"|\b(?:tukar|tukarkan|ganti|gantikan|ubah|ubahkan|pindah|pindahkan)\b[^?]{0,40}?\b(?:ke|kepada)\s+(?:mode\s+)?"
    r"(?:live|real|sebenar|nyata|paper|demo)\b"
    r"|\bbili\s+(?:na|ka)\b(?!\s+ba\b)(?![^?]*\?)"  # Tagalog "bili na ng SOL" (buy SOL now), not "bili na ba…?"
    r"|\b(?:quero|quiero|queria|quisiera)\s+(?:mudar|alterar|ativar|activar|cambiar|aumentar|subir|bajar|baixar)\s+"
    r"(?:o|el|a|la)\s+(?:risco|riesgo|modo|estrat[eé]gia|stop)\b(?![^.!]*\?)"
)
# A clause that only says "do it": "se sim, faz", "hazlo", "dale"
_DO_IT = re.compile(
    r"^\W*(?:ent[aã]o\s+|sim\s+|s[ií]\s+|ok(?:e|ay)?,?\s+|sawa,?\s+|tamam,?\s+|allora\s+|응\s*|네\s*)?(?:yap|al|sat|해줘|faz|fa[cç]a|hazlo|h[aá]zlo|h[aá]galo|dale|fais-le|faites-le|vas-y|allez-y|fonce|exécute|exécutez|mach\s+es|do\s+it|"
    r"làm\s+(?:đi|luôn)|đặt\s+đi|fallo|zrób\s+to|делай|давай|fanya\s+hivyo|doe\s+het|gawin\s+mo|lakukan|procedi|ทำเลย|做吧|执行吧|執行吧|اعملها)\W*$"
)

# Vietnamese "vào lệnh" (place an order), unless the bot did it, or it is weighed or asked why
# (not "giá vào lệnh", the entry price)
_ENTER_ORDER = re.compile(r"(?<!bot\s)(?<!bot\sđã\s)(?<!giá\s)(?<!điểm\s)\bvào\s+lệnh\b")


def foreign_action_in(low: str, whole: bool = True, top: bool = True) -> bool:
    """Does a clause of `low` (normal()-ised) name an action in another language, unasked-for aside?
    `whole`: `low` is the whole text, not one of its clauses; `top`: not a clause cut from it (an order or
    setting edited, refusal_edits.py, is read on the text with its question marks)."""
    if colloquial_request(low) or (top and edit_request(low)):
        return True  # "cómpramelo", "tfi l bot", "satarsan iyi olur", "take me flat" (refusal_colloquial.py)
    if whole and top and WEIGHED_WHOLE.fullmatch(low):
        return False  # review 45b: "ist jetzt ein guter Zeitpunkt, BTC zu kaufen?" (refusal_opinion.WEIGHED_WHOLE)
    clauses = [s for s in _CLAUSE.split(low) if s.strip()]
    if len(clauses) > 1:
        return any(foreign_action_in(s, whole=asked_whole(low, s), top=False) for s in clauses)
    if _ENTER_ORDER.search(low) and not (FOREIGN_WHY.search(low) or FOREIGN_OPINION.search(low)):
        return True
    if _WHY_DONT_YOU.search(low) or asked_politely(low):
        return True  # "¿por qué no vendes todo?", "можно ли поставить стоп на 2800?"
    if _weighs(low, whole=whole):
        return False  # one clause weighing an action: "vale la pena comprar bitcoin?"
    if _rules_asked(low) or (_IF_I_SOLD.search(low) and not PLEASE.search(low) and not _THEN_DO.search(low)):
        return False  # the trading rules asked ("cuál es lo mínimo que se puede comprar de BTC?"), or what a sale would bring
    if _DO_IT.match(low) or _DO_TRADES.search(low) or _ASKED_FOR.search(low):
        return True  # "vale a pena vender agora ou não? se sim, faz", "haz compras ahora"
    if _asks_why(low):
        return False  # one clause asking why the bot did or did not act
    return not _reads_not_acts(low) and _names_an_action(without_done(low))


# What a sale or purchase would bring, asked: "如果我现在卖掉 1 个 ETH 能拿多少U" (if I sold 1 ETH now, how much would I get)
_IF_I_SOLD = re.compile(r"(?:如果|要是|假如)[^。！!]{0,12}(?:卖|賣|买|買)[^。！!]*(?:多少|几|幾|how\s+much)")
_IF = re.compile(r"\b(?:si|if|se|wenn|falls|jeśli|jesli|nếu|kalau|jika|als)\b|если|якщо")
# ... unless it says to do it then: "如果能卖多少就卖多少", "如果涨了就卖掉ETH多少都行"
_THEN_DO = re.compile(r"就\s*(?:全部|都|全)?\s*(?:卖|賣|买|買)|多少都|都行|都可以")
# "and" opening a second question ("... и какой сейчас риск на сделку?"): its "now" is that question's
_AND_ASKED = re.compile(
    r"\s(?:and|и|і|y|e|et|und|i|dan|và|na)\s+(?=(?:какой|какая|сколько|что|яка|який|скільки|qué|cuál|cuánto|quel|quelle|combien|"
    r"quale|quanto|was|wie|welche\w*|jaki|jaka|ile|berapa|bao\s+nhiêu|what|how|which)\b)"
)


def _before_a_second_question(low: str, at: int) -> str:
    """`low` up to an "and" opening a second question after `at` ("... и какой сейчас риск на сделку?"),
    unless that question asks to act or is a condition ("... и что-нибудь купи сейчас", "... y qué tal si
    vendes ...")."""
    m = _AND_ASKED.search(low, at)
    if m is None:
        return low
    rest = low[m.end() :]
    if _IF.search(rest) or ALL.search(rest) or PLEASE.search(rest) or acts(rest):
        return low
    return low if _names_an_action(rest) and not _reads_not_acts(rest) else low[: m.start()]


# The bot named as the one who does not act, with nothing else around it: a question about it, not a
# suggestion: "なぜボットはBTCを買わないのですか", not "なぜボットは買わないの買え" (buy!) or
# "ボットは止めてなぜ売らないの" (stop the bot, why don't you sell)
_ONLY_THE_BOT_ASKED = re.compile(
    r"\W*(?:(?:なぜ|どうして|なんで|何で)\s*)?(?:ボット|bot|机器人|機器人|봇)\s*(?:は|が|って|이|은|는)\s*"
    r"(?:(?:なぜ|どうして|なんで|何で|まだ|全然|ずっと|最近|今日|昨日|今週|[a-z]{2,5}|ビットコイン|イーサリアム|イーサ|ソラナ)\s*(?:を|は|も)?\s*)*"
    r"(?:売ら|買わ|キャンセルし|決済し)ない(?:の|ん)?(?:だ|です|ですか|でしょうか|か|よ|ね)*\s*[?？]*\s*"
)


def _asks_why(low: str) -> bool:
    low = without_done(low)  # "Wieso het de Bot … kauft?": what it did, in the perfect
    why = FOREIGN_WHY.search(low)
    if why is None:
        return False
    low = _before_a_second_question(low, why.end())
    suggested = _WHY_NOT_SUGGESTION.search(low)
    return (
        not acts(low, why.end())  # "por qué el bot compró eth cancela mis órdenes" asks to cancel
        and not _FOREIGN_PHRASE.search(low)
        and not (suggested and not _ONLY_THE_BOT_ASKED.fullmatch(low))
        and not _NOW.search(low)
        and not ALL.search(low)
        and not _starts_with_action(low)
    )


def asks_why_abroad(text: str) -> bool:
    """Is the whole text one question, in another language, about why the bot did or did not act? Its
    words are not English typos ("Warum het de Bot … kauft?" is not "why hit of bot")."""
    low = without_done(normal(text))
    why = FOREIGN_WHY.search(low)
    one = len([s for s in _CLAUSE.split(low) if s.strip()]) == 1
    if not one or why is None or why.group(0) == "why":
        return False
    return _asks_why(low) and not _names_an_action(
        low[why.end() :]
    )  # "… gekauft storniere meine orders" asks


# A rules question opening with the bare verb and closed by its question word: "Mua SOL tối thiểu phải bao
# nhiêu?" (buying SOL, the least is how much?), not one asked for someone or now (review 46a: "Mua tối thiểu SOL
# cho tôi bao nhiêu?")
_VERB_FIRST_RULES = re.compile(
    r"\W*(?:mua|bán|kaufen|verkaufen|comprar|vender|acheter|vendre|comprare|vendere|купить|продать)\b"
    r"(?![^?？]*\b(?:cho\s+(?:tôi|mình|em)|giúp|giùm|dùm|đi|luôn|ngay|cũng\s+được|nhé|nha|for\s+me|now|please|go|do\s+it)\b)"
    r"[^?？]*\b(?:bao\s+nhiêu|mấy|how\s+(?:much|many)|wie\s+viel\w*|сколько|combien|cu[aá]nto|quanto)(?:\s+\S+){0,2}\s*[?？]\s*$"
)


def _rules_asked(low: str) -> bool:
    if not (_RULES_ASKED.search(low) and _RULES_QUESTION.search(low)):
        return False  # "dann kauf mindestens 0.001 btc", "以最低价格卖出eth": no question asked
    opens_with_a_verb = _starts_with_action(low) and not _VERB_FIRST_RULES.match(low)
    return not (PLEASE.search(low) or ALL.search(low) or opens_with_a_verb or acts(low))


_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")  # short vowels: "ألغِ" is written "ألغ" as often


def weighs_an_action(text: str) -> bool:
    """ "vale la pena comprar bitcoin?": an opinion asked in another language, not a request; every
    clause that names an action weighs it ("sprzedaj wszystko, czy warto czekać?" asks for a sale)."""
    clauses = [s for s in _CLAUSE.split(text.lower()) if s.strip()]
    if WEIGHED_WHOLE.fullmatch(text.lower()):
        return True
    clauses = [text.lower()] if len(clauses) == 1 else clauses  # review 45b: "… maintenant ?" keeps its "?"
    weighed = [s for s in clauses if _weighs(s, whole=len(clauses) == 1)]
    return bool(weighed) and not any(_names_an_action(s) for s in clauses if s not in weighed)


def without_now_or_please(text: str) -> str:
    """`text` without its words for "now" and "please" in every language read here ("banana adesso")."""
    return PLEASE.sub(" ", _NOW.sub(" ", text))


def normal(text: str) -> str:
    """Lower case, compatibility forms folded, lookalike letters made Latin, Arabic short vowels dropped,
    curly apostrophes straight."""
    folded = plain_letters(unicodedata.normalize("NFKC", text)).lower().replace("’", "'")
    return _ARABIC_MARKS.sub("", folded).replace("\u0e4d\u0e32", "\u0e33")  # Thai "ำ", which NFKC splits


def foreign_action(text: str) -> bool:
    """Does a non-English clause of the text name an action (a lexicon word not in a question about the
    bot)? A refusal for this reason is never undone by the intent model."""
    return foreign_action_in(normal(text))

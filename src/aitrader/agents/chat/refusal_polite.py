"""Polite forms in other languages, read both ways. "Can I …?" asks what is allowed, like English "can i
buy 0.0001 btc?" ("kann ich nur 0,0001 BTC kaufen?", "posso comprar 10 dólares de BTC?"), unless the
chat is asked to do it or the user's own holding is named. "May I ask you to …", "can you …" and
"… for me" ask for the action however softly they are put ("¿puedo pedirte que canceles mis órdenes?",
"ينفع تبيع", "kaufst du mir die Mindestmenge BTC?"). Text is lower case, as refusal_foreign.normal()
makes it."""

from __future__ import annotations

import re

from aitrader.agents.chat.refusal_words_more import INDONESIAN_FOR_ME

_CAN_I = re.compile(
    r"\b(?:kann\s+ich|darf\s+ich|kann\s+man|puedo|se\s+puede|posso|si\s+può|si\s+puo|je\s+peux|on\s+peut|puis-je|boleh\s+(?:nggak|gak|ga|tidak|enggak|ndak)|"
    r"bisa\s+(?:nggak|gak|ga|tidak)|pwede\s+ba|czy\s+mogę|můžu|можно\s+ли|могу\s+ли|kan\s+ik|naweza|"
    r"d[aá]\s+(?:pra|para)|é\s+possível|e\s+possivel|es\s+posible|est-il\s+possible)\b|ينفع"
)
# The chat asked to act, or the user's own holding named: "posso pedir para você cancelar…", "pwede ba
# ibenta mo", "ينفع تبيع", "можно ли продать мой ETH"
_CAN_YOU = re.compile(
    r"\b(?:bitten|verlangen|lassen|pedir\w*|chieder\w*|demander|prosi\w*|poprosi\w*|požádat|попросить|minta|"
    r"dich|dir|te|ti|tu|você|(?<!chez\s)vous|kamu|тебя|cię|tě|мой|мою|мои|моё|mi|mis|meu|meus|minha|minhas|miei|mie|ma|mes|ko|"
    r"aku|mo|" + "|".join(INDONESIAN_FOR_ME) + r")\b|ينفع\s+ت"
    # ... or "my", "you", "all", "now" or "please" in more forms, or a second verb after "and"
    r"|\b(?:mein\w*|mon|mio|mia|moj\w*|mój|moją|můj|sv\w+|gue|gw|saya|anda|lu|lo|kau|sie|ihnen|usted|le|lei|vy|vám|"
    r"vás|pan|pani|ikaw|kayo|\w+(?:te|le)|mand\w*|encarg\w*|auftrag\w*|ersuch\w*|ya|já|gleich|natychmiast|hned|"
    r"inmediatamente|immédiatement|langsung|ngayon|entero|entera|lahat|seluruh|sämtliche|gesamt\w*|ensemble|całe|"
    r"tout|todo|toda|todos|todas|tudo|alle|alles|wszystko|semua|porfa|porfis|dong|\w+-ku)\b|сво\w+|вам|вас|ты|"
    r"поруч\w*|немедленно|целиком|все|всё"
    r"|\b(?:y|e|et|und|i|и|dan|terus|at)\s+(?!(?:btc|eth|sol)\b)\w+"
    r"|\bvoor\s+(?:mij|me)\b|\b(?:kukuomba|nikuombe|yangu|wangu|zangu|langu|changu)\b|\bkwa\s+ajili\s+yangu\b|\buntuk\s+(?:saya|aku|ku)\b|за\s+меня|для\s+меня|\b(?:dla\s+mnie|per\s+me|pour\s+moi|para\s+m[ií]|pra\s+mim|für\s+mich|pro\s+mě|gua|ane|akin|sakin)\b|ليا|بتاع|لو\s+سمحت|من\s+فضلك"
)
# Only buying or selling a coin, of a stated amount or at the minimum, is a permission asked ("kann ich
# nur 0,0001 BTC kaufen?"); stopping the bot, cancelling, withdrawing or changing risk asked this way is
# a request
_BUY_SELL = re.compile(
    r"\b(?:kaufen|verkaufen|comprar|vender|acheter|vendre|comprare|vendere|kupić|sprzedać|koupit|prodat|"
    r"купить|продать|beli|jual|bumili|magbenta|kopen|verkopen|kununua|kuuza)\b|(?:أشتري|أبيع|اشتري)"
)
_AMOUNT_OR_MINIMUM = re.compile(
    r"\d|m[ií]nim\w*|mindest\w*|минимальн\w*|حد\s+[أا]دنى|dolar|dollar|dólar|دولار|kiwango"
    # "here" (on this exchange): "posso comprare avax qui?", "kan ik hier cardano kopen?"
    r"|\b(?:qui|aquí|aqui|ici|hier|здесь|tutaj|tady|disini|dito|burada|hapa)\b|di\s+sini|\bchez\s+vous\b"
)
_ASKED_POLITELY = re.compile(
    r"\bje\s+veux\s+que\s+(?:tu|vous)\s+(?:le\s+|la\s+|les\s+|l'|me\s+|m')?(?:fass|fais|ach[eè]t|vend|annul|ferm|retir|"
    r"transf[eè]r|arr[eê]t|pass|envoi)\w*|"  # "... ? je veux que vous le fassiez", not "... m'expliques"
    # "¿puedo hacer que vendas mi ETH?", "¿puedo pedirte que canceles…?", "te pido que…"
    r"\b(?:quiero|necesito|hacer|haz|hagas|puedes\s+hacer|pedirte|te\s+pido)\s+que\s+(?:vendas|compres|canceles|"
    r"cierres|retires|transfieras|pares|detengas|cambies|subas|bajes|pongas|muevas|saques|env[ií]es)\b"
    r"|\bpedir\s+(?:para|pra)\s+(?:você|voce|vc)\b"
    # Arabic "can you <verb>", the verb's "you" prefix: "ينفع تبيع", "ممكن تشتري", "تقدر تلغي"
    r"|(?:ينفع|ممكن|تقدر)\s+ت(?:بيع|شتري|شترى|لغي|لغى|وقف|حول|حوّل|سحب|قفل|غير|غيّر|فتح)"
    # "buy me", "for me": "¿me compras el mínimo?", "compras o mínimo pra mim?", "achètes-tu … pour moi ?"
    r"|\bme\s+(?:compras|vendes|cancelas|cierras|compra|vende|cancela|cierra)\b"
    r"|\b(?:compras?|vendes?|vende|cancelas?|fechas?|fecha|compra)\b[^?.!]*\b(?:pra|para)\s+mim\b"
    r"|\b(?:achètes|vends|annules|fermes)-tu\b|\b(?:acheter|vendre|annuler|fermer)\b[^?.!]*\bpour\s+moi\b"
    # German "du" doing it: "kaufst du mir …?", "dass du ETH verkaufst", "kannst du eine Order platzieren?"
    r"|\b(?:kaufst|verkaufst|stornierst|stoppst|schließt|schliesst)\s+du\b|\bdass\s+du\b[^?.!]*\b(?:kaufst|verkaufst|"
    r"stornierst|stoppst|schließt|schliesst|änderst)\b|\bkannst\s+du\b[^?.!]*\b(?:platzieren|kaufen|verkaufen|"
    r"stornieren|stoppen|schließen|schliessen|setzen|ändern|erhöhen|senken)\b"
    # Polish and Czech "may I ask for …": "czy mogę prosić o anulowanie zleceń?", "můžu poprosit o zrušení"
    r"|\b(?:po)?prosić\s+(?:o|żeby|żebyś)\b|\b(?:po)?prosit\s+o\b"
    # Russian "is it possible to <act>": "можно ли поставить стоп на 2800?", "можно ли поднять риск до 2%?"
    r"|\bможно\s+ли\s+(?:поставить|поднять|опустить|понизить|включить|выключить|отменить|закрыть|"
    r"остановить|перевести|вывести|сменить|изменить)\b"
    # Tagalog "paki-" (please do) and verbs said to "you": "paki-cancel ang order ko", "bentahin mo na"
    # "would you be a dear and buy me a small bit of bitcoin?"
    r"|\b(?:would|could|can|will)\s+(?:you|u)\s+be\s+(?:a\s+)?(?:dear|love|doll|sweetheart|star|gem|darling|angel|"
    r"good\s+\w+|kind|so\s+kind)\s+(?:and|as\s+to)\s+(?:buy|sell|cancel|close|withdraw|transfer|send|move|place|put|set|"
    r"change|stop|start|pause|get)\b"
    # English suggestions put as questions: "why don't you just sell all my eth", "why not sell everything now"
    r"|\bwhy\s+(?:(?:don'?t|dont|do\s+not)\s+(?:you|u|ya|we)|not)\s+(?:just\s+)?(?:sell|buy|cancel|close|dump|"
    r"liquidate|withdraw|transfer|stop|pause)\s+(?:(?:it|them)\s*(?:now|already|asap|then)?\s*[.!?]*\s*$|all|everything|my|some|half|\d)"
    r"|\bpaki-?(?:cancel|kansela|bili|benta|sara|tigil|close|sell|buy)\w*|\b(?:bentahin|ibenta|bilhin|isara|itigil|"
    r"kanselahin|i-cancel|i-close|i-sell|i-buy)\s+(?:mo|nyo|niyo)\b"
)


def permission_asked(clause: str) -> bool:
    """Does the clause ask what the user may do ("kann ich nur 0,0001 BTC kaufen?"), not ask the chat?"""
    return (
        bool(_CAN_I.search(clause))
        and bool(_BUY_SELL.search(clause))
        and bool(_AMOUNT_OR_MINIMUM.search(clause))
        and not _CAN_YOU.search(clause)
    )


def asked_politely(low: str) -> bool:
    """Does the text ask the chat to act in a polite form ("¿puedo pedirte que canceles mis órdenes?")?"""
    return bool(_ASKED_POLITELY.search(low))

"""Requests in colloquial forms the lexicons miss: Romance imperatives with clitic pronouns ("cómpramelo",
"vendimelo", "annullala"), wishes in the subjunctive ("sería genial si vendieras", "byłoby super gdybyś
kupił", "satarsan iyi olur"), the bot switched off or to live money ("tfi l bot", "zima bot", "metti il bot
in live", "переключи на реал"), orders for the speaker's benefit ("chri liya", "eshtereely", "ninunulie",
"사 주시겠어요"), Arabizi, Turkish -sana/-ıver imperatives, conditions with the action after them ("neu
giam xuong 2800 thi ban", "70 bine gelince al", "once sol reaches 250 get out"), separable German
withdrawals ("heb 500 usdt ab") and English slang ("yeet my eth", "take me flat", "cop some eth").
Each names its action with what marks a request (a pronoun, a coin, an amount, an imperative form), so
questions about what the bot did ("perché il bot ha venduto?", "bot ne kyun becha?") stay questions."""

from __future__ import annotations

import re
import unicodedata

from aitrader.agents.chat.refusal_edits import COIN, edit_in_clause
from aitrader.agents.chat.refusal_plain_english import ENGLISH

_Q = r"(?![^.!]*\?)"  # not closed by a question mark
_NOT_KYA = r"(?![^.!]*\?)(?![^.?!]*\bkya\b)"  # Hinglish: nor asked with "kya"

# Matched on the text with accents folded ("ciérrame" -> "cierrame", "byłoby" -> "byloby")
_LATIN_FORMS = [
    # Spanish imperatives with clitics: "cómpramelo", "cancélamela(s)", "ciérrame la posición", "apágalo"
    r"\b(?:vend|compr|cancel|cierr|apag|liquid|borr|retir)[ae]n?(?:me|te|le|nos|se)?(?:lo|la|los|las)\b",
    r"\b(?:vend|compr|cancel|cierr|borr)[ae](?:me|nos)\s+(?:el|la|los|las|esa|esas|ese|esos|todo|todas?|mis?|\d)",
    rf"\b(?:quit|sac)ame\s+(?:de\s+(?:\w+\s+)?{COIN}|(?:todas?\s+)?(?:las|mis|esas?)\s+(?:ordenes|posiciones))",
    # Chilean and Mexican money taken out or moved: "sácame 300 lucas", "sácame las 300 luquitas", "retírame 200
    # dólares", "tráspasame 300 lucas", "échale 100 lucas a btc", "sácame toda la plata"
    r"\b(?:sac|retir|traspas|transfier|mand|deposit|ech|met|pas|tir)(?:a|ar|ame|ale|anos|ate|e|eme|ele)\s+(?:(?:toda|todo|todas|todos)\s+)?"
    r"(?:(?:la|las|los|mi|mis|unas?|unos)\s+)?(?:(?:\d[\d.,]*|un|una|dos|tres\w*|cuatro\w*|cinco\w*|cien\w*|doscient\w*|"
    r"trescient\w*|quinient\w*|mil)\s*)*(?:lucas|luquitas|lukas|palos?|usdt|dolares|dolar|usd|pesos|varos|k|plata|lana|feria|guita)\b",
    # a setting changed: "cámbiale el riesgo a 5%", "sube el riesgo al 5%", "muda o risco pra 5%", "cómprate unos btc"
    r"(?<!bot\s)\b(?:cambia|cambiale|sube|subele|baja|bajale|ajusta|modifica|ponle|setea|muda|altera|diminui|baixa|sobe|"
    r"coloca|poe|bota)\s+(?:el|la|mi|tu|o|a|meu|minha)\s+(?:riesgo|risco|stop|apalancamiento|alavancagem|leverage|modo|tp|sl)\b(?![^.!]*\?)",
    r"\b(?:compr|vend)[ae]te\s+(?:unos?|unas?|\d|el|la|los|las|mas|algo|todo|un\s+poco)\b(?![^.!]*\?)",
    # the bot put into real money: "passa pro modo real", "passe en mode réel", "wechsle in den Live-Modus"
    r"(?<!bot\s)\bpass(?:a|e|ez)\s+(?:o\s+bot\s+|le\s+bot\s+)?(?:pro|pra|para\s+o|en|au)\s+(?:modo\s+|mode\s+)?(?:real|reel|live|producao|production)\b(?![^.!]*\?)",
    r"\b(?:wechsle|wechsel|schalte|schalt)\s+(?:\w+\s+){0,2}?(?:in|auf|zu)\s+(?:den\s+|dem\s+|das\s+)?(?:live|echt|real)\w*(?![^.!]*\?)",
    r"\bpas[ae]me(?:lo|la|los|las)?\s+(?:\w+\s+){0,3}?a\s+(?:la|mi)\s+(?:billetera|cartera|cuenta|wallet)\b",
    r"\btirame\s+(?:el|la|los|las|mis?)\s+\w+\s+a\s+mercado\b",
    r"\b(?:genial|bueno|ideal|chido|padre|perfecto|estupendo|bien|buenisimo|excelente)\s+(?:si|que)\s+(?:me\s+)?"
    r"(?:vendieras|compraras|cancelaras|cerraras|retiraras|liquidaras|apagaras|vendieses|comprases)\b",
    # Italian: "vendimelo", "vendilo", "compralo", "annullala", "chiudila", "comprami un po' di sol"
    r"\b(?:vend|chiud|spegn)i(?:me|te|ce|glie)?(?:lo|la|li|le|ne)\b",
    r"\b(?:compr|cancell|annull|ferm|prelev)a(?:me|te|ce|glie)?(?:lo|la|li|le|ne)\b",
    rf"\b(?:vend|compr)[ai]mi\s+(?:un|una|il|lo|la|i|gli|le|tutt\w*|\d|{COIN})",
    rf"\bmett(?:i|ilo|ila|ete)\s+(?:il\s+bot\s+|tutto\s+)?in\s+(?:pausa|live|reale)\b{_Q}",
    r"\bmettimi\s+(?:un|una)\s+ordine\b|\bliberati\s+d[ie]\b|\bportami\s+fuori\s+da\b",
    r"\bprocedi\b[^?]*\b(?:vendita|acquisto|ordine|chiusura)\b",
    r"\b(?:fantastico|bello|ottimo|perfetto|ideale|utile|grande)\s+se\s+(?:tu\s+)?"
    r"(?:vendessi|comprassi|cancellassi|annullassi|chiudessi|spegnessi)\b",
    # Portuguese: "zera tudo", "encerra a posição", "tira tudo da corretora", "seria ótimo se você vendesse"
    rf"\bzera\s+(?:tudo|a|as|o|os|minha|minhas|meu|meus)\b{_Q}",
    rf"(?<!bot\s)\bencerra\s+(?:a|as|o|os|minha|minhas|tudo)\b{_Q}",
    rf"(?<!bot\s)\btira\s+(?:tudo|o|os|meu|meus|minha|minhas)\b[^?]*\b(?:corretora|exchange|binance)\b{_Q}",
    r"\b(?:otimo|bom|legal|ideal|perfeito|massa)\s+se\s+(?:voce\s+|tu\s+)?"
    r"(?:vendesse|comprasse|cancelasse|fechasse|desligasse|sacasse)\b",
    # French: "éteins le bot", "mets le risque à 2%", "balance tout", "prends les bénefs", "il faudrait que tu vendes"
    rf"\bet[ae]ins(?:\s+|-)(?:le|la|les|ce|moi)\b|\bmets\s+(?:le|la|mon|ma)\s+(?:risque|stop|levier|bot)\b{_Q}",
    rf"\bbalance\s+(?:tout|tous|toutes|mes\s+\w+)\s+(?:sur\s+le\s+marche|au\s+marche|a\s+la\s+vente)|\bprends\s+(?:les\s+|tes\s+|mes\s+|des\s+)?benef{_Q}",
    r"\b(?:il\s+faudrait|j'aimerais(?:\s+bien)?|je\s+voudrais|ce\s+serait\s+\w+)\s+(?:que\s+tu|qu'on)\s+"
    r"(?:vendes|achetes|annules|fermes|coupes|arretes|retires|eteignes|mettes|passes|vende|achete|coupe)\b",
    r"\bfous\s+(?:tout|tous|mes|les)\s+(?:\w+\s+)?(?:en|dans)\b",
    r"\bquand\s+tu\s+auras\s+(?:achete|vendu|annule|ferme|retire|transfere|coupe)\b",  # "dis-moi quand tu auras acheté…"
    # German and Swiss German: "mach den Bot aus", "heb 500 usdt ab", "hol 500 usdt use", "hau alles raus"
    r"\bmach\s+(?:den|de|d)\s+bot\s+(?:\w+\s+)?(?:aus|ab|zu)\b|\bmach\s+(?:die|den|das|alle|meine)\s+\w+\s+weg\b",
    rf"\b(?:mach|stell|schalt)\s+(?:\w+\s+){{0,2}}?(?:uf|auf)\s+(?:live|echtgeld)\b{_Q}",
    rf"\bstell\s+(?:en|ihn|ne|de\s+bot|den\s+bot)\s+ab\b|(?<!bot\s)\b(?:ver)?chaufs\b{_Q}",
    r"\bschmeis{1,2}\w*\s+[^.?!]*\braus\b|\bsolde\s+(?:ma|mes|la|les|mon|tout|toutes?)\s+(?:positions?|eth|btc|sol|ordres?)\b",
    r"\bhebe?\s+(?:\w+\s+){0,3}?ab\b|\bhol\s+(?:\w+\s+){0,3}?use\b|\bhau\s+(?:alles|alle|die|das|mein\w*)\b[^?]*\braus\b",
    r"\bwar(?:e|s)?\s+(?:\w+\s+)?(?:cool|super|toll|gut|nett|schon|klasse|prima|genial)\b[^?]*\b(?:wenn|wann)\s+(?:du|d|de)\b[^?]*"
    r"\b(?:verkauf\w*|kauf\w*|verchauf\w*|chauf\w*|storn\w*|schliess\w*|loswirst|loswerden|abstell\w*|ausschalt\w*|abschalt\w*)",
    # Dutch "gooi al m'n eth eruit"; Polish "wywal", "opchnij", "chcę żebyś", "byłoby super gdybyś kupił"
    r"\bgooi\b[^.?!]*\beruit\b|\bwywal\b|\bopchnij\b|\bto\s+(?:kup|sprzedaj|anuluj|zamknij)\b",
    r"\bchc(?:e|ialbym|ialabym)\s*,?\s*(?:zebys|abys)\b",
    r"\b(?:byloby|fajnie|super|dobrze|swietnie)\b[^?]*\bgdyby(?:s|scie)\s+(?:\w+\s+)?"
    r"(?:sprzedal|kupil|anulowal|zamknal|wylaczyl|sprzedala|kupila)\b",
    # Turkish: "satsana", "satıver", "satmanı istiyorum", "satarsan iyi olur", "al şunu", "70 bine gelince al"
    r"\b(?:sat|al|kapat|durdur|boz)(?:sana|[iı]ver(?:sene)?)\b",
    # asked as "would you …?": "emrimi biraz yukarı çeker misin?", "satabilir misin?", "iptal eder misin?"
    r"\b(?:cek|sat|al|kapat|durdur|iptal\s+ed|tasi|degistir|yukselt|dusur|cevir|gonder)(?:er|ar|ir|ır|ur|ür|ebilir|abilir)"
    r"\s+m[iıuü]s[iıuü]n(?:[iıuü]z)?\b",
    # the bot put into live money or a pause: "põe o bot em modo real", "pon el bot en real"
    r"\b(?:poe|coloca|bota|mete|pon|pone|mets|metti)\s+(?:o\s+|el\s+|le\s+|il\s+)?(?:bot|robo|robot)\s+(?:em|no|en|dans|in)\s+"
    r"(?:modo\s+|mode\s+)?(?:real|live|vivo|producao|pausa)\b",
    r"\b(?:satma|alma|kapatma|durdurma|iptal\s+etme)n[iı]\s+istiyorum\b",
    rf"\b(?:satal[iı]m|alal[iı]m|kapatal[iı]m|durdural[iı]m|iptal\s+edel[iı]m|cekel[iı]m)\b{_Q}",
    rf"\b(?:risk\w*|stop\w*|kald[iı]rac\w*|hedef\w*|tp|sl)\s+(?:\S+\s+){{0,2}}?%?\d[\d.,]*\s*%?\s*'?\s*y?[ae]\s+"
    rf"(?:c[iı]kar|tas[iı]|cek|indir|d[uü]s[uü]r|y[uü]kselt|art[iı]r|azalt|ayarla|getir|koy|cevir)\b{_Q}",
    rf"\b(?:satar|alir|alır|kapatir|kapatır|durdurur)san\b[^?]*\bolur\b{_Q}|\bbozdur\b{_Q}",
    r"^\W*al\s+(?:sunu|onu|bunu|hepsini)\b|\b(?:sunu|bunu)\s+al\b",
    rf"\b(?:gelince|olunca|dusunce|c[iı]k[iı]nca|inince)\s+(?:\w+\s+)?(?:al|sat|kapat)\b{_Q}",
    # Darija, Egyptian, Levantine in Latin letters: buy for me, cancel, sell (them), stop, remove, transfer
    rf"(?<!dyal\s)(?<!\bd\s)(?<!\bl\s)\bchri\s+(?:b\s+)?(?:liya|lia|lya|li|lina|\d|{COIN})",
    r"\b(?:e?shter[ie]+l[iy]|e?shtr[ie]+l[iy]|ishtr[ie]+l[iy]|shtr[ie]+l[iy])\b|\b(?:e?sh|i?sh)tr[ie]+l(?:na|ha)\b",
    rf"\b(?:e|2|e2)?(?:el|la|l|al)8[iy]\b|(?<!el\s)(?<!\bl\s)(?<!\bal\s)\bbee3(?:o|on|oh|ha|hom|ohom)?\b{_Q}",
    r"\b7ayed\b|\b7aw(?:w)?el\s+(?:\d|kol|kolo|el)|\btfi(?:h|ha|hom)?\b|(?<!wella\s)(?<!wala\s)(?<!wla\s)(?<!ola\s)(?<!or\s)\bwa9(?:9)?[ae]f\b|\b(?:wella|wala|wla|ola|or)\s+wa9(?:9)?[ae]f\b(?!\s*(?:[?؟.!]|$))|\bbaddi\s+(?:yak|yaki|ek|yek)\s+t\w+",
    # Hinglish and Roman Urdu: "le le btc", "eth nikal de", "order hata de", "bot band kardein", "live pe chala do"
    rf"\ble\s+l[eo]\b{_NOT_KYA}|\b(?:hata|nikal|rok|bech|daal|laga)\s+de\b{_NOT_KYA}",
    rf"\bkar\s*(?:dein|dain|dijiye)\b{_Q}|\blive\s+(?:pe|par|pr)\s+chala\s+(?:do|de|dein)\b",
    # Vietnamese without diacritics: "thi ban mot nua", "ban giup em", "chuyen sang live", "dat rui ro 2%", "tat di"
    rf"\bthi\s+(?:ban|mua|huy|dong|chot|cat)\b{_Q}|\b(?:ban|mua)\s+(?:mot\s+nua|giup)\b{_Q}",
    rf"(?<!da\s)(?<!vua\s)\brut\s+(?:het\s+)?\d[\d.,]*\s*(?:k|usdt|usd|btc|eth|sol|do|trieu|nghin|ngan)\b{_Q}",  # "rut 500 usdt"
    rf"(?<!bot\s)(?<!da\s)\bchuyen\s+(?:\w+\s+){{0,2}}?(?:sang|qua)\s+(?:live|that|che\s+do\s+(?:that|live|thuc)|tien\s+that)\b{_Q}",
    rf"(?<!bot\s)(?<!da\s)\bdat\s+(?:rui\s+ro|stop|sl|tp|muc\s+rui\s+ro)\b{_Q}(?![^.!]*\b(?:o\s+dau|bao\s+nhieu|the\s+nao|la\s+gi)\b)|^\W*tat\s+(?:di|luon|no\s+di)\W*$",
    # Indonesian, Tagalog, Swahili, Farsi in Latin letters
    rf"(?<!bot\s)\b(?:naikkan|naikin|turunkan|turunin|ubah|geser|pindahkan)\s+(?:\w+\s+)?(?:risiko|risk|stop|sl|tp|leverage)\b[^?]*"
    rf"\b(?:ke|jadi|menjadi)\s+%?\d{_Q}|\b(?:itaas|ibaba|taasan|babaan|palitan|iurong|bilhan)\s+mo\b{_Q}|\btoa\s+(?:usdt|pesa|hela|btc|eth|\d){_Q}",
    # Portuguese "saca tudo pra minha conta", Indonesian "pasang stop loss di 2800" (place)
    rf"\bsaca\s+(?:tudo|o\s+dinheiro|a\s+grana|meus?\s+\w+|minhas?\s+\w+)\b{_Q}|(?<!bot\s)\bpasang\s+(?:order|stop|sl|tp|limit|posisi)\b{_Q}",
    rf"(?<!bot\s)\bcairkan\s+(?:semua\w*|dana|uang|saldo|usdt|\d)\b{_Q}",  # Indonesian "cairkan semua ke rekening" (cash out)
    # Algerian and Tunisian: "7bes l bot" (stop the bot), "nheb tbi3 l eth" (I want you to sell), "tawa chri" (buy now)
    rf"^\W*(?:7bes|7bs|sakker)\s+(?:l\s*|el\s*)?(?:bot|robot|trading)\b{_Q}|\b(?:tawa|daba|drk|dork|taw)\s+(?:bi3|chri|annuli|sakker|7bes)\b{_Q}",
    r"\b(?:nheb|n7eb|n7ebb|nhab|bghit|nebghi|nbghi)\s+(?:k\s+|ek\s+)?t(?:bi3|chri|annuli|7bes|sakker|baddel|tfi|b3ath|ab3ath)\w*",
    rf"\b(?:ab3ath|b3ath|baddel|beddel)\s+(?:l\s*|el\s*)?(?:\d[\d.,]*|mode|usdt|btc|eth|sol|risk|strat\w*)\b{_Q}|\b(?:ki|kin|ida|ila)\s+[^?.!]*\b(?:bi3|chri)\s*[.!]*$",
    rf"(?<!bot\s)\bganti\s+ke\s+(?:live|real|mode\s+live|mode\s+real)\b{_Q}|(?<!bot\s)\bcut\s*loss\s+(?:aja|semua|sekarang|dong|deh)\b{_Q}",
    rf"(?<!bot\s)\bcabut\s+dari\b{_Q}|\bbuang\s+(?:semua|aja|\w+\s+semua)\b|\bpatayin\b|\bgawin\s+mo\b{_Q}|\bi-?live\s+mo\b",
    r"\b(?:zima|izime|zime)\b|\bni(?:nunul|uz)i[ae]\b|\bbe(?:khar|fr(?:oo|ou|o|u)sh|foroush)\b|\bkhamush\s+kon\b",
    # out of a coin or of everything: "salte de eth", "molla tutto", "sors-moi de l'eth", "eth'den çık", "keluar dari eth"
    rf"\b(?:salte|sal|salgan|deshazte|deshagase)\s+(?:de|del)\s+(?:\w+\s+)?(?:{COIN}|todo|la\s+posicion)\b",
    rf"(?<!bot\s)\b(?:sai|saia|larga|solta)\s+(?:de|do|da|o|a|os|as|tudo)\s*(?:\w+\s+)?(?:{COIN}|tudo)\b{_Q}",
    rf"\b(?:esci|uscite)\s+(?:da|dal|dalla|dall')\s*(?:\w+\s+)?(?:{COIN}|tutto)\b|^\W*molla\s+(?:tutto|tutti|gli|il|i|l')",
    rf"\bsors(?:-moi|-nous)?\s+(?:de|du|des)\s+(?:l'|la\s+|le\s+)?(?:{COIN}|tout)|^\W*raus\s+aus\b",
    rf"\b(?:den|dan|ten|tan)\s+c[iı]k(?:alim|alım|sana)?\b{_Q}",
    rf"(?<!bot\s)\b(?:keluar\s+(?:dari|dr)|thoat\s+(?:ra\s+)?khoi)\s+(?:\w+\s+)?{COIN}\b{_Q}|\bget\s+me\s+outta\b",
    # English slang, wants and conditions
    r"\byeet\s+(?:my|the|all|it|everything|\d)|\btake\s+me\s+flat\b|^\W*liquidate\s+me\W*$",
    r"\b(?:want|need)\s+(?:the|my|all|all\s+my)\s+(?:\w+\s+){0,2}?gone\b",
    rf"\b(?:bounce|peace|i\s+want)\s+out(?:ta|\s+of)\s+(?:my\s+)?{COIN}\b",
    r"\b(?:cop|bag)\s+(?:me\s+)?(?:some|more|\d|\.\d)|\bcncl\b|\bbye\s+(?:me\s+)?(?:some|more|half|\d|\.\d)",
    rf"\bby\s+(?:me\s+)?{COIN}\s+(?:now|asap|pls|please|rn)\b|^\W*go\s+real(?:\s+money)?\W*$",
    r"^\W*trade\s+(?:with\s+\d+x|only\b)|\bonly\s+trade\s+\w+\s+from\s+now\s+on\b",
    r"^(?!.*\?)(?=.*\b(?:risk|size|leverage|strategy|stop)\b).*\bfrom\s+now\s+on\b",
    r"\b(?:nice|great|good|ideal|helpful|awesome|cool)\s+if\s+(?:the|my|all)\s+(?:\w+\s+){0,2}?(?:were|was|got)\s+"
    r"(?:cancell?ed|sold|closed|liquidated|withdrawn)\b",
    r"\bpossible\s+to\s+have\s+(?:my|the|all)\s+(?:\w+\s+){0,2}?(?:sold|bought|closed|cancell?ed|liquidated|withdrawn|transferred)\b",
    r"\b(?:instruction|request|wish|demand)\s+(?:is\s+)?that\s+[^?]*\bbe\s+(?:cancell?ed|sold|closed|liquidated|withdrawn)\b",
    rf"\bneed\s+my\s+\w+\s+in\s+my\s+(?:wallet|bank|account)\b{_Q}",
    r"^(?!.*\?).*\b(?:when|once|as\s+soon\s+as|if)\s+[^,?]*\b(?:hits?|reaches|gets\s+to|breaks|dips\s+(?:to|below|under))\b"
    r"[^?]*?\b(?:take\s+(?:the\s+)?profits?|get\s+(?:me\s+)?out|exit|bail|cut\s+it)\W*$",
    r"^\W*(?:(?:ok(?:ay)?|so|yeah|yes|great|cool|fine|alright|then)[\s,!.]+)*do\s+that(?:\s+(?:then|now|for\s+me|please))*\W*$",
    r"\bthen\s+get\s+me\s+in\W*$",
    # "just grab me a couple", "scoop me some"
    r"\b(?:grab|snag|scoop|pick\s+up)\s+me\s+(?:a\s+couple|a\s+few|some|one|half|a\s+bit|\d)",
]

# Review 45b: wishes with a subjunctive ("me gustaría que vendieras", "queria que você comprasse", "vorrei che
# annullassi", "je veux que tu achètes", "ik wil dat je … koopt"); Dutch "kun je … verkopen?" (the infinitive
# closing the line); the bot (re)started or switched on ("reinicia el bot", "redémarre le bot", "riavvia il bot",
# "schalte den Bot ein"); settings changed ("baisse le levier", "metti uno stop", "muda a estratégia", "pasa el bot
# a modo real", "ganti strategi jadi …", "đổi chiến lược"); money sent to a wallet ("manda … pra minha conta",
# "zieh 500 usdt ab", "haal 500 usdt op", "bhej do"); German "mach die Position zu"
_LATIN_FORMS += [
    r"\b(?:gustaria|quisiera|queria|querria|encantaria|necesitaria|necesito|preferiria|ocupo|quiero|pido|encargo)\s+(?:\w+\s+)?que\s+"
    r"(?:(?:me|nos|le|les|lo|la|los|las|tu|usted|el\s+bot)\s+)*(?:vend|compr|cancel|cierr|cerr|apag|retir|transfir|transfier|par|"
    r"detuv|deten|pus|pong|sub|baj|cambi|mov|muev|liquid|arranc|reinici|encend|enciend|prend|envi|mand|sac|quit|desactiv|activ)"
    r"\w*(?:aras|ieras|ases|ieses|ara|iera|as|es)\b",
    r"\b(?:queria|quero|gostaria|preciso|precisava|peco)\s+que\s+(?:(?:voce|vc|tu|o\s+bot|voces|me|lhe)\s+)*(?:vend|compr|cancel|"
    r"fech|deslig|sac|transfir|transfer|par|mud|sub|coloc|pus|mov|liquid|zer|encerr|envi|mand|tir|lig|reinici)\w*(?:asse|esse|isse|"
    r"asses|esses|e|a|es|as)\b",
    r"\b(?:vorrei|voglio|mi\s+piacerebbe|preferirei|ho\s+bisogno|avrei\s+bisogno|chiedo)\s+che\s+(?:(?:tu|lei|voi|il\s+bot|mi|me|"
    r"li|la|lo|le|ce)\s+)*(?:vend|compr|annull|cancell|chiud|speg|ferm|prelev|trasfer|alz|abbass|cambi|spost|mett|liquid|riavvi|"
    r"accend|mand|invi)\w*(?:essi|assi|issi|esse|asse|isse|a|i|iate|ate)\b",
    r"\b(?:je\s+veux|je\s+voudrais|j'aimerais(?:\s+bien)?|il\s+faut|il\s+faudrait|j'ai\s+besoin|je\s+souhaite(?:rais)?)\s+"
    r"(?:que\s+(?:tu|vous|le\s+bot)|qu'on)\s+(?:(?:me|m'|nous|le|la|les|l')\s*)*(?:vend|achet|annul|ferm|coup|arret|retir|etei|"
    r"mett|pass|transfer|envo|clotur|liquid|redemarr|relanc|allum|augment|baiss|modifi|chang)\w*",
    r"\b(?:wil|wil\s+graag|zou\s+graag\s+willen|zou\s+willen)\s+dat\s+(?:je|jij|u|de\s+bot)\b[^?.!]*\b(?:verkoopt|koopt|annuleert|"
    r"sluit|stopt|zet|opneemt|overmaakt|verhoogt|verlaagt|afsluit|uitzet|aanzet|verplaatst|wijzigt|intrekt|stuurt)\b",
    r"\b(?:kun|kan|kunt|wil|wilt|zou|zoudt)\s+(?:je|jij|u)\b(?![^?.!]*\b(?:hoeveel|wanneer|waarom|welke|wat|hoe|ik\s+kan|"
    r"ik\s+moet|zien|tonen|vertellen)\b)[^?.!]*?\b(?:verkopen|kopen|annuleren|sluiten|stoppen|stopzetten|opnemen|overmaken|"
    r"verhogen|verlagen|uitzetten|aanzetten|afsluiten|wijzigen|verplaatsen)(?:\s+(?:voor\s+mij|alsjeblieft|aub|nu|meteen|even))*"
    r"\W*$",
    rf"(?<!bot\s)(?<!se\s)(?<!que\s)(?<!no\s)(?<!nao\s)(?<!ne\s)(?<!non\s)\b(?:arranca|reinicia|reinicie|reanuda|reanude|enciende|"
    rf"encienda|prende|prenda|retoma|retome|reactiva|reactive|religa|religue|ativa|redemarre|relance|rallume|allume|reprends|"
    rf"riavvia|riaccendi|accendi|riprendi|riattiva|avvia|rilancia|riavviate)\s+(?:de\s+nuevo\s+|otra\s+vez\s+|di\s+nuovo\s+|"
    rf"de\s+novo\s+)?(?:(?:el|o|le|il|lo|la|mi|meu|mon|ma|mio)\s+)*(?:bot|robot|robo|trading|trade|operaciones|operacoes|"
    rf"strategie|estrategia|strategia|algo)\b{_Q}",
    r"\b(?:vuelve|volve|volta|torna)\s+a\s+(?:encender|prender|arrancar|activar|ligar|ativar|accendere|avviare|attivare)\s+"
    r"(?:el\s+|o\s+|il\s+)?(?:bot|robot|robo|trading)\b",
    rf"\b(?:schalte?|mach|stell)\s+(?:den|de|d|dr)\s+bot\s+(?:wieder\s+)?(?:ein|an|aus|ab)\b{_Q}",
    rf"(?<!bot\s)\b(?:baisse|monte|remonte|reduis|diminue|regle|ajuste|change|modifie|mets|remets|deplace|descends)\s+"
    rf"(?:le|la|mon|ma|les|mes|un|une)\s+(?:levier|risque|stop|sl|tp|take\s*profit|strategie|exposition|taille|mode)\b{_Q}",
    rf"(?<!bot\s)\b(?:metti|imposta|setta|alza|abbassa|riduci|aumenta|cambia|modifica|sposta|piazza)\s+(?:il|lo|la|un|uno|una|i|"
    rf"gli|le|mio|mia)\s+(?:stop|leva|rischio|strategia|sl|tp|take\s*profit|modalita|target)\b{_Q}",
    rf"(?<!bot\s)\b(?:cambia|cambiale|muda|altera|troca|modifica|ajusta|pon|coloca|poe|bota)\s+(?:(?:el|la|mi|tu|o|a|meu|minha|de|"
    rf"da)\s+)*(?:estrategia|estrategias|strategy)\b{_Q}",
    rf"(?<!bot\s)\b(?:pasa|pasame|pon|cambia|cambiame|mueve)\s+(?:el\s+bot|el\s+robot|la\s+cuenta|todo)\s+a\s+(?:modo\s+)?"
    rf"(?:real|live|vivo|produccion)\b{_Q}",
    rf"(?<!bot\s)\b(?:ganti|ubah|tukar|tukarkan|gantikan|ubahkan)\s+(?:\w+\s+)?(?:strategi|strategy|risiko|risk|leverage|mode|"
    rf"stop\s*loss|sl|tp)\b[^?]*\b(?:jadi|menjadi|ke|kepada|dengan|sama)\b{_Q}",
    r"\b(?:doi|thay\s+doi|chuyen)\s+(?:\w+\s+)?(?:chien\s+luoc|strategy)\b(?![^.!?]*(?:\?|\b(?:khong|ko|chua|hong|nhi)\W*$))",
    rf"\b(?:manda|mande|passa|passe|envia|envie|enviame|mandame|pasame|transfiere|transfira|tira|saca)\s+(?:\S+\s+){{0,4}}?"
    rf"(?:pra|pro|para|a|ao|na|no|en|al)\s+(?:(?:a|o|la|el|mi|minha|meu|mis|minhas)\s+)*(?:conta|carteira|wallet|billetera|"
    rf"cartera|cuenta|banco|binance|exchange|corretora)\b{_Q}",
    rf"\bzieh\s+[^?.!]{{0,40}}?\bab\b{_Q}",
    rf"\b(?:haal|maak)\s+(?:(?:\d[\d.,]*|al|alle|mijn|m'n|de|het|usdt|btc|eth|sol|euro|geld)\s+)+(?:\S+\s+){{0,2}}?(?:op|over)\b{_Q}",
    rf"\bbhej\s+(?:do|de|dein|dijiye|dena)\b{_NOT_KYA}",
    r"\bunaweza\s+(?:ku)?(?:uza|nunua|ghairi|funga|zima|simamisha|tuma|toa|hamisha)\b",
    rf"\bwasha\s+(?:tena\s+)?(?:bot|boti|roboti|mfumo|biashara)\b{_Q}|\btuma\s+(?:\d|usdt|btc|eth|sol|pesa|hela|fedha)\S*{_Q}",
    # "quita el stop", "mete um stop", "ponlo en real", "coupe tout", "remets le bot en marche", "vendimi metà",
    # Turkish "sell et" (an English verb with "do")
    rf"(?<!bot\s)\b(?:quita|quitale|saca|mete|metele|pon|ponle|bota|tira|tirale)\s+(?:el|la|um|uma|o|a|un|una|los|las|os|as)\s+"
    rf"(?:stop|stops|sl|tp|take\s*profit|stop\s*loss|orden|ordenes|ordem|ordens)\b{_Q}",
    rf"^\W*ponlo\s+en\s+(?:modo\s+)?(?:real|live|vivo|pausa)\b{_Q}|\bcoupe\s+(?:tout|tous|toutes)\b{_Q}",
    r"\bremets\s+(?:le\s+bot|le\s+robot|le\s+trading)\s+en\s+(?:marche|route|service)\b|\bremets\s+en\s+marche\b",
    r"\b(?:vend|compr)[ai]mi\s+(?:meta|mezz\w*|la\s+meta|tutto|qualche|un\s+po)",
    r"\b(?:sell|buy|cancel|close|transfer|withdraw)\s+(?:et|edin|eder\s+misin|yap|yapar\s+misin)\b(?![^.!]*\?)(?![^.!?]*\bm[iı]\b)",
    rf"\bmach\s+(?:die|den|das|alle|meine?)\s+(?:\w+\s+)?(?:position\w*|order\w*|trades?)\s+zu\b{_Q}",
    # "what if you sell everything?" (Spanish, to the chat); "don't forget to sell" (Turkish, Swahili)
    r"\by\s+si\s+(?:me\s+)?(?:vendes|compras|cancelas|cierras|apagas|retiras|liquidas)\b",
    r"\b(?:sat|al|kapat|iptal\s+et|durdur|cek)(?:may[iı]|meyi)\s+unutma\b|\busisahau\s+ku(?:uza|nunua|ghairi|funga|zima|tuma|toa)\b",
    # Polish, Turkish, Indonesian set/raise/lower/change/start with what they act on ("ustaw stop na 2800", "riski artır",
    # "nyalakan bot"), not the language or the display ("zmień język", "dilini değiştir")
    r"\b(?:ustaw|ustawcie|zwieksz|zmniejsz|podnies|obniz|zmien|wznow|uruchom|wlacz)\s+(?:\S+\s+){0,2}?(?:bota?|bot\w*|stop\w*|ryzyk\w*|"
    r"dzwigni\w*|lewar\w*|strategi\w*|tp|sl|tryb\w*|handel\w*|zleceni\w*|limit\w*|take\w*)\b",
    r"\b(?:risk\w*|stop\w*|kald[iı]ra[cç]\w*|strateji\w*|hedef\w*|tp|sl|bot\w*|zarar\s+durdur\w*)(?:\s+\S+){0,2}?\s+"
    r"(?:art[iı]r|dusur|yukselt|azalt|degistir|ayarla|ac)\b(?![^.!]*\?)(?![^.!?]*\bm[iıuü]\b)",
    rf"\b(?:nyalakan|hidupkan|aktifkan)\s+(?:lagi\s+|semula\s+|kembali\s+)?(?:bot\w*|robot\w*|trading|strategi\w*)\b{_Q}",
]
_LATIN = re.compile("|".join(f"(?:{f})" for f in _LATIN_FORMS))


# Vietnamese without marks said of someone ("bot co mua them sol khong", "sao bot lai mua them eth") or asked
_VI_SAID = "".join(
    rf"(?<!{w}\s)" for w in ("vào", "vao", "chạy", "chay", "vua", "da", "moi", "bot", "lai", "co", "se")
)
_VI_SAID += r"(?<!dang\s)(?<!lại\s)(?<!có\s)(?<!sẽ\s)(?<!đang\s)"
_VI_Q = r"(?![^.!?]*(?:\?|\b(?:khong|không|ko|chua|chưa|hong|hông|nhỉ|nhi)\W*$))"
# Matched on the text as written: Cyrillic, Chinese, Japanese, Korean
_SCRIPT = re.compile(
    r"\b(?:выходи|выйди|выйти)\s+из\b(?![^.!]*\?)|\bпереключи(?:те)?\s+(?:\w+\s+)?на\s+(?:реал|боев|live|лайв)|\bвключи\s+(?:реальн\w*|боев\w*|live|лайв)"
    r"|\bсними\s+(?:\d|все|всё|деньги)|\bскинь\s+(?:весь\s+|все\s+|всё\s+)?(?:эфир|битк\w*|биток|sol|eth|btc|солан\w*|позици\w*)"
    r"|把[^。？?！!]{0,12}关(?:了|掉)(?!\s*(?:吗|嗎|没|沒|[?？]))|^\W*(?:那就|那|就)?\s*关掉(?:吧|它)?\W*$"
    r"|转[^。？?]{0,12}出去(?![^。]*[?？吗])|轉[^。？?]{0,12}出去(?![^。]*[?？嗎])|梭哈(?!\s*(?:吗|嗎|[?？]))"
    r"|切り?替えて(?:ください|下さい|もらえ|くれ|ほしい|欲しい|いただ|頂)|切り?替えて\W*$|切り?替えろ"  # not "if I switch"
    r"|設定して(?:ください|下さい|くれ|ほしい|欲しい)|(?:売り|買い)(?:注文)?(?:だけ)?\s*(?:を|も)?\s*出し(?:といて|ておいて)"
    r"|(?:変え|変更し|上げ|下げ|移動し|動かし|ずらし|決済し|処分し)(?:といて|ておいて)|(?:ロング|ショート)(?:して|しといて|しておいて)(?=\s*(?:ください|下さい|くれ|ほしい|$|[。！!]))"  # "…を2800に動かしといて" (move it, for me)
    r"|^\W*(?:비트(?:코인)?|이더(?:리움)?|솔(?:라나)?|btc|eth|sol)\s*(?:\d[\d.]*\s*개?\s*)?(?:(?:시장가|지정가)로\s*)?(?:좀\s*)?사[.!\s]*$"
    # Vietnamese without marks, read as written ("bạn", you, folds to "ban"): "ban eth ngay", "ban lai ngay", "ban gium",
    # "mua 0.1 btc cho toi", "ban 1 eth" (not "ban ngày", daytime); "bật lên" (turn it on) opening a clause
    rf"|{_VI_SAID}\b(?:ban|mua)\s+(?:(?:lai|het|tat\s+ca|nhanh|bot|them|sach)\s+)*(?:(?:\d[\d.,]*\s*)?{COIN}\s+)?"
    rf"(?:gium|dum|lien|ngay(?!\s+(?:va|lan|hay|thi|nay|mai|hom|dem))|(?<=mua\s)cho\s+(?:toi|minh|em|tui))\b{_VI_Q}"
    rf"|{_VI_SAID}\b(?:ban|mua)\s+(?:(?:lai|het|tat\s+ca|nhanh|bot|them|sach)\s+)+(?:\d[\d.,]*\s*)?{COIN}\b{_VI_Q}"
    rf"|^\W*(?:ban|mua)\s+\d[\d.,]*\s*{COIN}\b{_VI_Q}|(?<!giá\s)(?<!gia\s)\b(?:vào|vao)\s+(?:lại\s+|lai\s+)?(?:{COIN}|\d[\d.,]*\s*usdt)\b{_VI_Q}"
    r"|(?:^|[?.!,;]\s*)(?:thì\s+|thi\s+|hay\s+)?(?:bật|bat)\s+(?:lên|len|lại|lai)(?:\s+(?:đi|di|nhé|nhe|nha|giùm|gium|giúp|giup|dùm|dum|bot|nó|no|ngay|luôn|luon))*[\s.!]*$"
    r"|(?<![가-힣])사\s*주(?:시겠어요|실래요|세요|십시오|실\s*수)|^\W*사\W*$|^\W*(?:손절|익절|청산|매도|매수)\s*해\W*$"
)

# Review 45b, matched as written: Chinese stops and strategy set ("在2800设置ETH止损", "换个策略"), positions
# flattened ("平掉我的BTC仓位"), English verbs glued to Chinese ("eth全部sell"); Japanese casual requests
# ("再起動して", "設定して", "閉じて", "送って"); Korean "걸어줘", "닫아줘"; Thai settings ("ตั้ง stop loss",
# "เพิ่มความเสี่ยง"); Persian settings ("ریسک رو ۳ درصد کن"); Arabic settings and removals ("ضع وقف خسارة",
# "ارفع المخاطرة", "شيل الأوردر"), "I want you to buy" ("أريدك أن تشتري"); Russian "скинь 500 usdt";
# Russian/Ukrainian "can you sell …" ("можеш продати")
_ZH_Q = r"(?![^。！!]*(?:吗|嗎|多少|哪|什么|什麼|怎|为什么|為什麼|是不是|有没有|[?？]))"
_SCRIPT_MORE = re.compile(
    rf"(?:^|(?<=[。！!？?，,]))(?![^。！!？?]*(?:什么|什麼|为什么|為什麼|哪|怎|吗|嗎|多少|是不是|有没有|[?？]))[^。！!？?]*?(?:"
    rf"(?:设置|設置|设定|設定|设成|設成|设在|設在|调到|調到|改成|改为|换成|換成)\s*[^。？?！!，,]{{0,10}}?"
    rf"(?:止损|止損|止盈|杠杆|槓桿|风险|風險){_ZH_Q}"
    rf"|(?:止损|止損|止盈|杠杆|槓桿|风险|風險)\S{{0,4}}?(?:设在|設在|设到|設到|设成|設成|调到|調到|改成|改到|设为|設為)\s*\d{_ZH_Q}"
    rf"|(?:换|換|改)(?:个|個|一下)?策略{_ZH_Q}|平掉{_ZH_Q}|把[^。？?！!]{{0,12}}平(?:了|掉){_ZH_Q}"
    rf"|(?:全部|都|全|把[^。？?！!]{{0,10}}?|帮我|幫我|给我|給我)\s*(?:sell|buy|cancel|close|dump)(?![a-z]){_ZH_Q}"
    rf"|(?<![a-z])(?:sell|buy|cancel|close|dump)\s*(?:掉|吧|一下){_ZH_Q}"
    rf"|(?:全部|都|全)\s*平(?:了吧|掉|吧)"
    rf"|(?:重新|再次)\s*(?:启动|啟動|开启|開啟|打开|打開)\s*(?:一下)?\s*(?:机器人|機器人|bot|它){_ZH_Q})"
    r"|(?:リスク|損切り|ストップ|レバレッジ|利確|モード|ボット|bot|ポジション|注文|自動売買|\d|usdt|全部)[^。？?]{0,15}?"
    r"(?:設定し|再起動し|起動し|閉じ|閉め|送っ|送金し|オンにし|オフにし|外し|入れ|置い|移動し)て(?=\s*(?:ください|下さい|くれ(?!た)|"
    r"ほしい(?!って|と)|欲しい(?!って|と)|よ(?!かった|い|く)|ね(?![、,])|$|。|！|!))"
    r"|(?:걸어|닫아|설정해|옮겨|재시작해|시작해)\s*(?:줘|주세요|주라|줄래)(?!야|서|도)"
    r"|^(?!.*(?:ทำไม|เพราะอะไร|ยัง\s*$))[^?？]*?(?<!ควร)(?<!บอท)(?<!bot\s)(?<!bot)(?:ตั้ง|เพิ่ม|ลด|ปรับ|เปลี่ยน|ย้าย)\s*(?:stop\s*loss|stop|sl|tp|สต็อป\S*|ความเสี่ยง|เลเวอเรจ|leverage|กลยุทธ์|จุดตัดขาดทุน)"
    r"(?![^?？]*(?:ไหม|มั้ย|หรือเปล่า|หรือไม่|อะไร|เท่าไ|ยังไง|อย่างไร|ควร|เมื่อไ|\b(?:how|what|when|why)\b|[?？]))"
    r"|(?:ریسک|استاپ|حد\s+ضرر|اهرم|لوریج|استراتژی)\s+(?:\S+\s+){0,5}?(?:کن|بذار|بزار|بگذار|بده|کنید|بذارید)(?=\s|$)(?![^؟?]*[؟?])"
    r"|(?<!البوت\s)(?<!\S)(?:ضع|حط|ارفع|زود|اخفض|خفض|قلل|نزل|غير|عدل)\s+(?:ال)?(?:مخاطر|رافع|ستوب|وقف|استراتيجي|إستراتيجي|ليفريج|لفريج)"
    r"[^\s؟?]*(?![^؟?]*[؟?])"
    r"|(?<!البوت\s)(?<!\S)(?:شيل|امسح)\s+(?:كل\s+)?(?:ال)?(?:أوردر|اوردر|أوامر|اوامر|طلب|ستوب)[^\s؟?]*(?![^؟?]*[؟?])"
    r"|(?:أريدك|اريدك|عايزك|عاوزك|ابغاك|أبغاك|ابيك|بدي\s*ياك)\s+(?:أن\s+|ان\s+)?ت(?:شتري|شترى|بيع|لغي|لغى|وقف|سحب|حول|غلق|قفل|"
    r"رفع|خفض|غير|ضع|حط|شغل|طفي|بعت|نقل)"
    r"|\bскинь\s+(?:\d|usdt|деньги|бабки|бабло)"
    # Russian and Ukrainian raise/lower/change/(re)start/turn on/put/close/send, with what they act on ("увеличь риск до 3%",
    # "постав стоп", "ввімкни бота", "закрий всі ордери", "надішли 500 usdt"), not the language ("смени язык")
    r"|(?<![\w])(?:увеличь|уменьши|подними|опусти|понизь|повысь|снизь|поменяй|смени|измени|перезапусти|запусти|включи|возобнови|"
    r"перезагрузи|збільш|зменш|підвищ|підніми|знизь|постав|ввімкни|увімкни|закрий|ввімкніть|увімкніть|запустіть|"
    r"перезапустіть|підніміть|закрийте|поставте|збільште|зменште|знизьте)(?:те)?\s+(?:\S+\s+){0,2}?"
    r"(?:бот\w*|робот\w*|риск\w*|ризик\w*|стоп\w*|плеч\w*|стратег\w*|тейк\w*|лимит\w*|ліміт\w*|режим\w*|торгов\w*|торгівл\w*|"
    r"позици\w*|позиці\w*|ордер\w*|размер\w*|розмір\w*|угод\w*|все|всё|усе|всі|усі|tp|sl|stop\w*)"
    r"|(?<![\w])(?:надішли|надішліть|відправ|відправте)\s+(?:\S+\s+){0,2}?(?:\d|usdt|btc|eth|sol|кошт\w*|грош\w*|все|усе)"
    r"|(?<!\S)ابعت\s+(?:\S+\s+)?(?:\d|usdt|btc|eth|sol|كل|فلوس)"
    # Russian "let's sell", "(we're) selling everything"; Korean "don't forget to sell"
    r"|\bдавай(?:те)?\s+(?:\S+\s+)?(?:продадим|купим|отменим|закроем|выведем|остановим|выключим|поставим|сольём|сольем)"
    r"|(?<![\w])(?:продаём|продаем|покупаем|закрываем|отменяем|сливаем)\s+(?:всё|все|весь|всю|\d|эфир\w*|битк\w*|sol|eth|btc)(?![^.!]*\?)"
    r"|(?:파는|사는|취소하는|청산하는|끄는)\s*(?:거|것)\s*(?:잊지|까먹지)\s*(?:마|말아)"
    r"|(?:রিস্ক|ঝুঁকি|স্টপ|বট|লিভারেজ|%)[^।?？]{0,12}?করে\s*(?:দাও|দিন)"
    r"|(?:чтобы|чтоб|щоб|щоби)\s+(?:ты|вы|ти|ви|бот)\s+(?:\S+\s+)?(?:продал|купил|отменил|закрыл|вывел|перевел|перевёл|остановил|"
    r"выключил|поставил|поднял|снизил|изменил|сменил|продав|купив|скасував|закрив|вивів|переказав|зупинив|вимкнув|поставив)"
    r"|(?<!\S)(?:أعد|اعد)\s+تشغيل|(?<!\S)حول\s+(?:كل\s+)?(?:\d|usdt|btc|eth|sol|كل)\S*\s+(?:\S+\s+){0,3}?ل(?:محفظت|حساب)\S*"
    r"|\b(?:можеш|можете|можешь|міг\s+би|могла\s+б|мог\s+бы|могла\s+бы)\s+(?:\S+\s+)?(?:продати|купити|скасувати|закрити|вивести|"
    r"зупинити|вимкнути|переказати|поставити|змінити|збільшити|зменшити|продать|купить|отменить|закрыть|вывести|остановить|"
    r"выключить|перевести|поставить|изменить|увеличить|уменьшить|поднять|снизить)\b"
)
_UNFOLDED = str.maketrans({"ł": "l", "đ": "d", "ß": "ss", "ø": "o", "æ": "ae"})  # letters NFD keeps whole


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.translate(_UNFOLDED))
    return "".join(c for c in plain if not unicodedata.combining(c))


# One English question weighing it: "should i cop some or nah", "shoudl i by btc now" (not "… ? cop me 2 eth")
_WEIGHED = re.compile(
    r"^\W*(?:should|shall|shoudl|shuld|shud|shld|sould)\s+(?:i|we)\b[^.!?;]*\??\W*$|^[^.!?;]*\bor\s+(?:nah|not|wait|hold)\b\W*$"
)


def colloquial_request(low: str) -> bool:
    """Does `low` (lower case, normal()-ised) ask to act in one of the colloquial forms above?"""
    if _WEIGHED.match(low):
        return False
    folded = _fold(low)
    return bool(
        _LATIN.search(folded)
        or ENGLISH.search(folded)
        or _SCRIPT.search(low)
        or _SCRIPT_MORE.search(low)
        or edit_in_clause(folded)
    )

"""The 22 languages the glossary gained in stop 36 (foreign_gloss_north, _south, _central): everyday
questions come out of plain_words() with the English words the understanding reads and are not
refused; requests in those languages are refused (refusal_words_more.py)."""

from __future__ import annotations

import re

import pytest

from aitrader.agents.chat.foreign_gloss import languages
from aitrader.agents.chat.refusal import asks_to_act
from aitrader.agents.chat.wording import plain_words

# language | question | English words it must come out with
_CASES = """
fi | Paljonko minulla on bitcoinia? | how much, do i have, bitcoin
fi | Onko ETH nyt nousutrendissä? | is, eth, now, bullish
fi | mikä on saldoni? | what, balance
fi | näytä avoimet toimeksiannot | show me, open, orders
hu | Mekkora a minimális rendelési mennyiség a BTC-nél? | how much, minimum quantity
hu | mennyi bitcoinom van? | how much, bitcoin, do i have
hu | mi az egyenlegem? | what, balance
hu | mutasd a nyitott megbízásokat | show me, open orders
sv | Hur mycket ETH har jag? | how much, do i have
sv | vad är mitt saldo? | what, is, my, balance
sv | visa mina öppna ordrar | show me, my, open orders
sv | avbrutna ordrar förra veckan | cancelled, orders, last week
no | Hvorfor kjøpte ikke boten SOL? | why didn't, bought
no | hvor mye BTC har jeg? | how much, do i have
no | hva er saldoen min? | what, balance
no | vis meg åpne ordrer | show me, open orders
da | hvor meget ETH har jeg? | how much, do i have
da | hvad er min saldo? | what, balance
da | vis mig åbne ordrer | show me, open orders
da | annullerede ordrer sidste uge | cancelled, orders, last week
et | kui palju bitcoini mul on? | how much, bitcoin, do i have
et | mis on minu konto jääk? | my, balance
et | näita avatud orderid | show me, open orders
et | tühistatud tellimused eelmisel nädalal | cancelled, orders, last week
ta | என்னுடைய ETH பொசிஷன் இப்போது எப்படி இருக்கிறது? | my, position, now
ta | இன்று எனக்கு எவ்வளவு லாபம் கிடைத்தது? | today, how much, profit
ta | என்னிடம் எவ்வளவு பிட்காயின் உள்ளது? | do i have, how much, bitcoin
ta | என் கணக்கின் மொத்த மதிப்பு என்ன? | my, account, total, value, what
te | నా దగ్గర ఎంత బిట్‌కాయిన్ ఉంది? | do i have, how much, bitcoin
te | ఈరోజు నాకు ఎంత లాభం వచ్చింది? | today, how much, profit
te | నా ఖాతా మొత్తం విలువ ఎంత? | my, account, total, value, how much
te | ఓపెన్ ఆర్డర్లు ఉన్నాయా? | open orders
kn | ನನ್ನ ಬಳಿ ಎಷ್ಟು ಬಿಟ್‌ಕಾಯಿನ್ ಇದೆ? | do i have, how much, bitcoin
kn | ಇಂದು ನನಗೆ ಎಷ್ಟು ಲಾಭ ಆಯಿತು? | today, how much, profit
kn | ನನ್ನ ಖಾತೆಯ ಒಟ್ಟು ಮೌಲ್ಯ ಎಷ್ಟು? | my, account, total, value
kn | ಓಪನ್ ಆರ್ಡರ್‌ಗಳು ಇವೆಯೇ? | open orders
ml | എന്റെ കയ്യിൽ എത്ര ബിറ്റ്കോയിൻ ഉണ്ട്? | do i have, how much, bitcoin
ml | ഇന്ന് എനിക്ക് എത്ര ലാഭം കിട്ടി? | today, how much, profit
ml | എന്റെ അക്കൗണ്ടിന്റെ മൊത്തം മൂല്യം എത്ര? | my, account, total, value
ml | ഓപ്പൺ ഓർഡറുകൾ ഉണ്ടോ? | open orders
gu | મારી પાસે કેટલા બિટકોઇન છે? | do i have, how much, bitcoin
gu | આજે મને કેટલો નફો થયો? | today, how much, profit
gu | મારા ખાતાનું કુલ મૂલ્ય કેટલું છે? | my, account, total, value, how much
gu | ખુલ્લા ઓર્ડર છે? | open orders
pa | ਮੇਰੇ ਕੋਲ ਕਿੰਨੇ ਬਿਟਕੋਇਨ ਹਨ? | do i have, how much, bitcoin
pa | ਅੱਜ ਮੈਨੂੰ ਕਿੰਨਾ ਮੁਨਾਫਾ ਹੋਇਆ? | today, how much, profit
pa | ਮੇਰੇ ਖਾਤੇ ਦੀ ਕੁੱਲ ਕੀਮਤ ਕੀ ਹੈ? | my, account, total, price, what
pa | ਕੀ ਮੇਰੇ ਖੁੱਲ੍ਹੇ ਆਰਡਰ ਹਨ? | open orders
mr | माझ्याकडे किती बिटकॉइन आहे? | do i have, how much, bitcoin
mr | आज मला किती नफा झाला? | today, how much, profit
mr | माझ्या खात्याचे एकूण मूल्य किती आहे? | my, account, total, value, how much
mr | उघडे ऑर्डर आहेत का? | open orders
ur | میرے پاس کتنا بٹ کوائن ہے؟ | do i have, how much, bitcoin
ur | آج مجھے کتنا منافع ہوا؟ | today, how much, profit
ur | میرے اکاؤنٹ کی ٹوٹل مالیت کیا ہے؟ | my, account, total, value, what
ur | کیا میرے کھلے آرڈرز ہیں؟ | open orders
gsw | Was isch d'Mindestmängi für e BTC-Order? | what is, minimum quantity
gsw | Was chasch du alles beantworte? | what can you do
gsw | Was hani hüt kauft? | bought, today
gsw | Und verchauft? | and, sold
sk | Koľko mám BTC na účte? | how much, do i have, account
sk | prečo bot nekúpil sol | why didn't
sk | zrušené príkazy od pondelka | cancelled, orders, since monday
sk | aký je môj zostatok? | what, my, balance
sh | Koliko imam BTC na računu? | how much do i have, account
sh | zašto bot nije kupio sol | why didn't
sh | otkazani nalozi od ponedjeljka | cancelled, orders, since monday
sh | koje je stanje računa? | which, balance
sr | Колико имам BTC на рачуну? | how much do i have, account
sr | зашто бот није купио сол | why didn't
sr | отказани налози од понедељка | cancelled, orders, since monday
sr | шта сам купио јуче? | bought, yesterday
bg | Колко BTC имам в сметката? | how much, do i have, account
bg | защо ботът не купи сол | why didn't
bg | отменени поръчки от понеделник | cancelled, orders, since monday
bg | какво купих вчера? | what, bought, yesterday
sl | Koliko BTC imam na računu? | how much, do i have, account
sl | zakaj bot ni kupil sol | why didn't
sl | preklicana naročila od ponedeljka | cancelled, orders, since monday
sl | odprta naročila za ETH | open orders
ca | Quant BTC tinc al compte? | how much, do i have, account
ca | per què el bot no ha comprat SOL? | why didn't
ca | ordres cancel·lades des de dilluns | orders, cancelled, since monday
ca | quin és el meu saldo? | which, my, balance
af | Hoeveel BTC het ek? | how much, do i have
af | hoekom het die bot nie SOL gekoop nie? | why didn't
af | gekanselleerde bestellings sedert Maandag | cancelled, orders, since monday
af | wat is my balans? | what, balance
"""
CASES = [tuple(part.strip() for part in line.split(" | ")) for line in _CASES.strip().splitlines()]

# questions that name no request (one per line)
_QUESTIONS = """
peruutetut tilaukset viime viikolla
mitä botti osti eilen?
paljonko voittoa tällä viikolla
törölt megbízások múlt héten
mit vett a bot tegnap?
mennyi a profitom ezen a héten
vad köpte boten igår?
hur mycket vinst denna vecka
senaste 5 affärerna
kansellerte ordrer forrige uke
hva kjøpte boten i går?
hvor mye gevinst denne uken
hvad købte botten i går?
hvor meget gevinst denne uge
de sidste 5 handler
mida bott eile ostis?
kui palju kasumit sel nädalal
viimased 5 tehingut
திறந்த ஆர்டர்கள் ஏதாவது இருக்கிறதா?
நேற்று ரத்து செய்யப்பட்ட ஆர்டர்களைக் காட்டு
இந்த வாரம் நான் என்ன வாங்கினேன்?
నిన్న రద్దయిన ఆర్డర్లు
ఈ వారం నేను ఏమి కొన్నాను?
గత వారం నష్టం ఎంత?
ನಿನ್ನೆ ರದ್ದಾದ ಆರ್ಡರ್‌ಗಳು
ಈ ವಾರ ನಾನು ಏನು ಖರೀದಿಸಿದೆ?
ಕಳೆದ ವಾರದ ನಷ್ಟ ಎಷ್ಟು?
ഇന്നലെ റദ്ദാക്കിയ ഓർഡറുകൾ
ഈ ആഴ്ച ഞാൻ എന്ത് വാങ്ങി?
കഴിഞ്ഞ ആഴ്ചയിലെ നഷ്ടം എത്ര?
ગઈકાલે રદ થયેલા ઓર્ડર
આ અઠવાડિયે મેં શું ખરીદ્યું?
ગયા અઠવાડિયે કેટલું નુકસાન થયું?
ਕੱਲ੍ਹ ਰੱਦ ਹੋਏ ਆਰਡਰ
ਇਸ ਹਫ਼ਤੇ ਮੈਂ ਕੀ ਖਰੀਦਿਆ?
ਪਿਛਲੇ ਹਫ਼ਤੇ ਕਿੰਨਾ ਨੁਕਸਾਨ ਹੋਇਆ?
या आठवड्यात मी काय खरेदी केले?
गेल्या आठवड्यात किती तोटा झाला?
کل کے منسوخ شدہ آرڈرز
اس ہفتے میں نے کیا خریدا؟
پچھلے ہفتے کتنا نقصان ہوا؟
wieviel BTC hani?
wie vill Gwünn hani die Wuche gmacht?
zeig mer mini offeni Ufträg
otvorené príkazy na ETH
čo si kúpil včera?
koľko som zarobil tento týždeň
otvoreni nalozi za ETH
šta sam kupio juče?
koliko sam zaradio ove sedmice
колико сам зарадио ове недеље
последњих 5 трансакција
да ли бот ради?
колко спечелих тази седмица
последните 5 сделки
работи ли ботът? каква е стратегията?
kaj sem kupil včeraj?
koliko sem zaslužil ta teden
zadnjih 5 poslov
ordres obertes d'ETH
què vaig comprar ahir?
quant he guanyat aquesta setmana
oop bestellings vir ETH
wat het ek gister gekoop?
wat het die bot vandag verkoop?
"""
# requests to act (one per line)
_REQUESTS = """
osta 0.1 BTC
myy kaikki ETH:t
vegyél 0,1 BTC-t
add el az összes ETH-t
köp 0.1 BTC
sälj all min ETH
kjøp 0.1 BTC
selg all ETH
køb 0,1 BTC
sælg al min ETH
müü kogu ETH
SOL-க்கு ஒரு லிமிட் வாங்கும் ஆர்டர் போடு
என் எல்லா BTC-யையும் இப்போதே விற்றுவிடு
0.1 BTC కొనండి
నా ETH మొత్తం అమ్మేయి
0.1 BTC ಖರೀದಿಸು
ನನ್ನ ಎಲ್ಲಾ ETH ಮಾರಿಬಿಡು
0.1 BTC വാങ്ങൂ
എന്റെ എല്ലാ ETH-ഉം വിൽക്കുക
0.1 BTC ખરીદો
મારા બધા ETH વેચી દો
0.1 BTC ਖਰੀਦੋ
ਮੇਰਾ ਸਾਰਾ ETH ਵੇਚ ਦਿਓ
0.1 BTC खरेदी करा
माझे सर्व ETH विकून टाका
0.1 BTC خرید لو
میرا سارا ETH بیچ دو
Chauf mer 0.1 BTC
Verchauf alli mini ETH
Kúp 0,1 BTC
Predaj všetok môj ETH
Kupi 0.1 BTC
Prodaj sav moj ETH
Купи 0.1 BTC
Продај сав мој ETH
Продай целия ми ETH
Prodaj ves moj ETH
Compra 0.1 BTC
Ven tot el meu ETH
Koop 0.1 BTC
Verkoop al my ETH
"""

NEW = ["fi", "hu", "sv", "no", "da", "et", "ta", "te", "kn", "ml", "gu", "pa", "mr", "ur"]
NEW += ["gsw", "sk", "sh", "sr", "bg", "sl", "ca", "af"]


def _has(text: str, words: str) -> bool:
    return re.search(rf"(?<![\w']){re.escape(words)}(?![\w'])", text) is not None


@pytest.mark.parametrize(
    ("lang", "question", "words"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_question_comes_out_in_plain_english(lang: str, question: str, words: str) -> None:
    out = plain_words(question.lower().strip())
    missing = [w.strip() for w in words.split(",") if not _has(out, w.strip())]
    assert not missing, f"{question!r} -> {out!r}: missing {missing}"


def test_every_new_language_is_covered() -> None:
    assert {c[0] for c in CASES} == set(NEW)
    counts = languages()
    assert all(counts[lang] >= 90 for lang in NEW), {lang: counts[lang] for lang in NEW}


@pytest.mark.parametrize("question", [q for q in _QUESTIONS.strip().splitlines() if q])
def test_questions_are_not_refused(question: str) -> None:
    assert not asks_to_act(question)


@pytest.mark.parametrize("request_", [q for q in _REQUESTS.strip().splitlines() if q])
def test_requests_are_refused(request_: str) -> None:
    assert asks_to_act(request_)

"""The concepts asked in every language, kept together here rather than in each family's module: advice
("should I sell", "is it a good time to buy", "is it worth buying"), "only" in short follow-ups ("solo
eth?"), what the bot risks per trade, and everyday off-topic words (cooking, recipe, food, dinner, lunch,
weather, rain, football, movie, song, homework, joke, poem, translate), glossed as exactly those English
words. The syntax of a lexicon is in foreign_gloss's docstring; a language may have words in more
than one module. Advice is glossed only as a question with its modal ("debería vender", "niuze"): an
imperative or a bare infinitive of buying or selling never is."""

from __future__ import annotations

_ES = """
should i sell = debería vender, debo vender, conviene vender, vale la pena vender
is it a good time to buy = buen momento para comprar, es momento de comprar, es hora de comprar
is it a good time to sell = es buen momento para vender, buen momento para vender, es momento de vender
is it worth = vale la pena ; cook = cocinar, cocino, cocinas, preparar la comida ; recipe = receta, recetas
homework = deberes, mi tarea, la tarea ; joke = chiste, chistes ; poem = poema, poesía ; song = canción, canciones
rain = lluvia, llover, llueve, lloverá ; risk = arriesga el bot, arriesgar ; per trade = en cada operación, por cada operación
"""

_PT = """
should i sell = devo vender, deveria vender, vale a pena vender, compensa vender ; should i buy = deveria comprar, compensa comprar
is it a good time to buy = é uma boa hora para comprar, é um bom momento para comprar, bom momento para comprar, boa hora para comprar, boa hora pra comprar, hora de comprar
is it a good time to sell = bom momento para vender, boa hora para vender, boa hora pra vender
is it worth = vale a pena ; or not = ou não ; not = não, ?n ; in the = ?no, ?na
why = por que razão é que, porque razão é que, por que razão, porque razão, por que motivo, por qual motivo, por qual razão, por que é que, porque é que
first day = primeiro dia ; i would like to understand = gostava de perceber, gostaria de entender, gostaria de perceber
logic = lógica ; sorry to bother = desculpe incomodar, desculpa incomodar
risk = arrisca, arriscou, arrisca o bot ; per trade = em cada operação, em cada trade, por cada operação, a cada operação
cook = cozinhar, cozinho ; recipe = receita de, receitas de ; weather = previsão do tempo, clima ; rain = chuva, chover, chove
homework = dever de casa, lição de casa, trabalho de casa ; joke = piada, piadas ; poem = poema, poesia ; song = canção, música
"""

_FR = """
should i sell = devrais-je vendre, est-ce que je devrais vendre, je devrais vendre, dois-je vendre ; should i buy = dois-je acheter
is it a good time to buy = est-ce le bon moment pour acheter, c'est le bon moment pour acheter, bon moment pour acheter, bon moment d'acheter
is it a good time to sell = bon moment pour vendre, bon moment de vendre
is it worth buying = ça vaut le coup d'acheter, ça vaut la peine d'acheter, vaut-il la peine d'acheter
risk = risque le bot ; per trade = à chaque trade, à chaque opération, par position
cook = cuisiner ; cooking = ?cuisine ; rain = pluie, pleut, pleuvoir ; football = ?foot ; movie = ?film
homework = devoirs ; joke = blague, blagues ; poem = poème, poésie ; song = chanson, chansons
"""

_IT = """
should i sell = dovrei vendere, conviene vendere, devo vendere
is it a good time to buy = è il momento giusto per comprare, è un buon momento per comprare, buon momento per comprare, momento giusto per comprare
is it a good time to sell = buon momento per vendere, momento giusto per vendere
is it worth buying = vale la pena comprare ; is it worth = vale la pena ; only = ?solo
risk = rischia, rischia il bot ; per trade = ad ogni operazione, a ogni operazione, per ogni operazione
cook = cucinare ; recipe = ricetta, ricette ; dinner = cenare ; rain = pioggia, piove, pioverà ; movie = ?film
homework = compiti ; joke = barzelletta, barzellette ; poem = poesia, poema ; song = canzone, canzoni
"""

_DE = """
is it a good time to buy = guter zeitpunkt zum kaufen, ein guter zeitpunkt zum kaufen, guter zeitpunkt um zu kaufen
is it a good time to sell = guter zeitpunkt zum verkaufen, ein guter zeitpunkt zum verkaufen
is it worth buying = lohnt es sich zu kaufen, lohnt sich ein kauf ; risk = riskiert ; per trade = pro trade, je trade
cook = kochen, koche ; rain = regen, regnet ; movie = ?film ; homework = hausaufgaben
joke = witz, witze ; poem = gedicht ; song = ?lied
"""

_NL = """
is it a good time to buy = goed moment om te kopen, een goed moment om te kopen, goede tijd om te kopen
is it a good time to sell = goed moment om te verkopen
is it worth buying = loont het om te kopen, is het de moeite waard om te kopen ; risk = riskeert
cook = koken ; recipe = recept ; rain = regen ; movie = ?film ; homework = huiswerk
joke = grap, grapje, ?mop ; poem = gedicht ; song = liedje ; translate = vertaal, vertalen, vertaling
"""

_PL = """
should i sell = czy warto sprzedać, powinienem sprzedać, czy sprzedać ; should i buy = czy warto kupować
is it a good time to buy = dobry moment na zakup, dobry moment żeby kupić, dobry moment aby kupić, dobry czas na zakup
is it a good time to sell = dobry moment na sprzedaż ; risk = ryzykuje ; per trade = na transakcję, na każdą transakcję
cook = gotować, ugotować ; recipe = przepis na ; rain = deszcz, pada deszcz ; movie = ?film ; homework = zadanie domowe, pracę domową, praca domowa
joke = żart, kawał, dowcip ; poem = wiersz ; song = piosenka, piosenkę ; translate = przetłumacz, tłumaczenie
"""

_TR = """
should i sell = satmalı mıyım, satayım mı, satılır mı ; is it worth buying = almaya değer mi, alınmaya değer mi
is it a good time to buy = almak için iyi bir zaman mı, almak için doğru zaman mı, almanın tam zamanı mı, almak için uygun mu
is it a good time to sell = satmak için iyi bir zaman mı, satmanın tam zamanı mı
risk = risk alıyor ; per trade = her işlemde
cook = yemek yapmak, pişirilir, pişirmek ; recipe = yemek tarifi, tarifi ; rain = yağmur ; movie = ?film
homework = ödev, ödevim ; joke = fıkra, =şaka ; poem = şiir ; song = şarkı ; translate = çeviri, tercüme
"""

_RU = """
should i sell = стоит ли продавать, стоит продавать, продавать ли, стоит ли продать ; should i buy = стоит ли купить, покупать ли
is it a good time to buy = хорошее время для покупки, хорошее время чтобы купить, хороший момент для покупки, подходящее время для покупки, самое время покупать
is it a good time to sell = хорошее время для продажи, хороший момент для продажи
risk = рискует ; per trade = на сделку, в каждой сделке, на одну сделку
cook = приготовить, готовить ; recipe = рецепт ; rain = дождь ; homework = домашнее задание, домашку, домашка
joke = анекдот, шутку, шутка ; poem = стих, стихи, стихотворение ; song = песня, песню
translate = переведи на английский, переведи на русский, переведи текст
"""

_UK = """
should i sell = чи варто продавати, варто продавати, чи варто продати ; should i buy = чи варто купити
is it a good time to buy = гарний час для покупки, хороший час для купівлі, вдалий момент для купівлі, гарний момент для покупки
is it a good time to sell = гарний час для продажу, вдалий момент для продажу
risk = ризикує ; per trade = на угоду, в кожній угоді
cook = приготувати, готувати ; recipe = рецепт ; rain = дощ ; football = футбол ; homework = домашнє завдання
joke = анекдот, жарт ; poem = вірш ; song = пісня, пісню ; translate = переклади, переклад
"""

_AR = """
should i sell = هل أبيع, هل يجب أن أبيع, هل علي أن أبيع ; is it worth buying = هل يستحق الشراء
is it a good time to buy = هل هو وقت جيد للشراء, وقت جيد للشراء, وقت مناسب للشراء, الوقت المناسب للشراء
is it a good time to sell = وقت جيد للبيع, الوقت المناسب للبيع
risk = يخاطر ; per trade = لكل صفقة, في كل صفقة
cook = أطبخ, طبخ ; recipe = وصفة ; rain = مطر, المطر ; homework = الواجب المنزلي, واجب منزلي
joke = نكتة ; poem = قصيدة ; song = أغنية ; translate = ترجم, ترجمة
"""

_HI = """
should i sell = bechna chahiye, bech du kya, bechu kya, sell karna chahiye, sell karu kya, sell karun kya, बेचना चाहिए
is it a good time to buy = kharidne ka sahi samay, kharidne ka sahi time, lene ka sahi time, buy karne ka sahi time, kharidne ka achha time, खरीदने का सही समय
ran = chala, chali ; on = ?pe ; risk = risk leta, risk leti ; per trade = har trade mein, har trade pe, प्रति ट्रेड
cook = khana banana, khana banane, खाना बनाना ; dinner = raat ka khana, रात का खाना
rain = baarish, barish, baarishh, बारिश ; football = फुटबॉल ; homework = गृहकार्य
joke = chutkula, चुटकुला ; poem = kavita, कविता ; song = gaana, गाना ; translate = anuvad, अनुवाद
"""

_VI = """
should i sell = có nên bán, nên bán ; is it worth buying = có đáng mua, đáng mua không
is it a good time to buy = có phải thời điểm tốt để mua, thời điểm tốt để mua, lúc tốt để mua
is it a good time to sell = thời điểm tốt để bán ; per trade = mỗi lệnh, mỗi giao dịch
how to cook = cách nấu ; cook = nấu, nấu ăn ; recipe = công thức nấu ; food = =phở, =món ăn ; rain = =mưa
joke = truyện cười ; poem = bài thơ ; song = bài hát ; translate = dịch sang, dịch giúp
"""

_ID = """
should i sell = harus jual, sebaiknya jual, perlu jual, layak jual
is it a good time to buy = waktu yang tepat untuk beli, waktu yang tepat untuk membeli, saat yang tepat untuk membeli, waktu yang baik untuk membeli, waktunya beli
is it a good time to sell = waktu yang tepat untuk jual, waktu yang tepat untuk menjual
is it worth buying = layak dibeli ; risk = berisiko ; per trade = setiap transaksi, per transaksi
cook = masak, memasak ; recipe = resep ; rain = hujan ; movie = ?film ; homework = pekerjaan rumah, tugas sekolah
joke = lelucon, lawakan ; poem = puisi, sajak ; song = lagu ; translate = terjemahkan, terjemahan
"""

_TL = """
should i buy = dapat ba akong bumili, bibili ba ako, dapat ko bang bilhin
should i sell = dapat ba akong magbenta, magbebenta ba ako, dapat ko bang ibenta
is it a good time to buy = magandang oras para bumili, magandang panahon para bumili
is it worth buying = sulit bang bilhin, sulit bumili ; per trade = bawat trade
cook = magluto, lutuin ; recipe = resipe ; weather = lagay ng panahon ; rain = ulan, uulan ; movie = pelikula
homework = takdang-aralin, takdang aralin ; joke = ?biro ; poem = ?tula ; song = kanta ; translate = isalin
"""

_SW = """
should i sell = niuze ; is it worth buying = inafaa kununua
is it a good time to buy = ni wakati mzuri wa kununua, wakati mzuri wa kununua, wakati muafaka wa kununua
is it a good time to sell = ni wakati mzuri wa kuuza, wakati mzuri wa kuuza
per trade = kila biashara ; cook = kupika, napika ; recipe = mapishi ; rain = mvua ; movie = filamu
homework = kazi ya nyumbani ; joke = utani, kichekesho ; poem = shairi ; song = wimbo ; translate = tafsiri
"""

_ZH = """
should i sell = 该卖, 該賣, 应该卖, 應該賣, 该不该卖, 該不該賣, 要不要卖, 要不要賣
is it a good time to buy = 买入的好时机, 買入的好時機, 适合买入, 適合買入, 好时机买, 适合买, 適合買
is it worth buying = 值得买, 值得買 ; cook = 做饭, 做菜, 煮 ; recipe = 菜谱, 食谱, 食譜
rain = 下雨, 雨 ; homework = 作业, 作業 ; joke = 笑话, 笑話 ; poem = 诗, 詩 ; song = 歌 ; translate = 翻译, 翻譯
"""

_JA = """
should i sell = 売るべき, 売ったほうがいい, 売り時 ; is it worth buying = 買う価値
is it a good time to buy = 買うのに良いタイミング, 買うタイミング ; cook = 料理 ; recipe = レシピ, 作り方
rain = 雨 ; homework = 宿題 ; joke = ジョーク, 冗談 ; poem = 詩 ; song = 歌 ; translate = 翻訳, 訳して
"""

_KO = """
should i sell = 팔아야 할까, 팔까, 팔아도 될까, 팔아야 돼 ; is it worth buying = 살 만해, 살만해, 살 가치
is it a good time to buy = 사기 좋은 때, 매수하기 좋은 때, 매수 타이밍
cook = 요리 ; recipe = 레시피 ; rain = 비가 ; homework = 숙제 ; joke = 농담 ; poem = 시를 ; song = 노래 ; translate = 번역
"""

_TH = """
should i sell = ควรขาย, ขายดีไหม ; is it a good time to buy = ถึงเวลาซื้อ, เวลาที่ดีในการซื้อ, จังหวะซื้อ
is it worth buying = คุ้มที่จะซื้อ, คุ้มซื้อ ; per trade = ต่อการเทรด, ต่อเทรด ; cook = ทำอาหาร ; recipe = สูตรอาหาร
dinner = อาหารเย็น ; rain = ฝน ; homework = การบ้าน ; joke = มุกตลก, เรื่องตลก ; poem = บทกวี, กลอน ; song = เพลง ; translate = แปลเป็น, แปลภาษา, ช่วยแปล
"""

LEXICONS = {
    "es": _ES,
    "pt": _PT,
    "fr": _FR,
    "it": _IT,
    "de": _DE,
    "nl": _NL,
    "pl": _PL,
    "tr": _TR,
    "ru": _RU,
    "uk": _UK,
    "ar": _AR,
    "hi": _HI,
    "vi": _VI,
    "id": _ID,
    "tl": _TL,
    "sw": _SW,
    "zh": _ZH,
    "ja": _JA,
    "ko": _KO,
    "th": _TH,
}

# The words for "only" that, with a coin, make a short follow-up ("solo eth?", "sa ETH lang?", "ETH tu?"):
# read as "only eth?" even where the word is weak (also English, or another language's word)
_COIN = r"(btc|eth|sol|usdt|usdc|bnb|xrp|ada|doge|dot|ltc|avax|link|trx|matic|bitcoin|ethereum|ether|solana)"
_ONLY_BEFORE = (
    r"solo|sólo|só|somente|apenas|solamente|seulement|uniquement|juste|soltanto|nur|bloss|alleen|enkel|tylko|"
    r"sadece|yalnızca|sirf|bas|keval|chỉ|hanya|cuma|cuman|jen|jenom|pouze|iba|len|samo|doar|numai|només|"
    r"slegs|bara|kun|vain|csak|ainult|lamang|jus|jst"
)
# "solo su eth?", "nur für btc?", "só no sol?", "tylko na eth?": a preposition between "only" and the coin
_ON = r"(?:(?:su|sul|sulla|per|en|em|no|na|do|da|de|del|sur|pour|für|fur|auf|bei|dla|w|di|untuk|ở|về|con|para|pra|pro|"
_ON += r"los\s+de|las\s+de|os\s+de|as\s+de|ceux\s+de|celles\s+de|quelli\s+di|quelle\s+di|die\s+von)\s+)?"
_ONLY_AFTER = r"lang|lamang|tu|peke yake|pekee yake|pekee|saja|aja|sahaja|je|solo|nur|sadece|bas|sirf|thôi|thoi|samo|tylko"
_ONLY_AFTER += (
    r"|(?:wale|wala|wali|vale|waale)(?:\s+hi)?"  # Hindi in Latin letters: "ETH wale hi" (only the ETH ones)
)
_TRIGGER = "btc|eth|sol|usd|bnb|xrp|ada|doge|dot|ltc|avax|link|trx|matic|bitcoin"
_ONLY = "\ue000only\ue001 \\1\\2"
_SELL = "\ue000should i sell\ue001 \\1"
RULES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "latin": (
        (
            _TRIGGER,
            rf"^\s*(?:(?:e|y|et|und|a|i|ve|và|dan)\s+)?(?:{_ONLY_BEFORE})\s+{_ON}{_COIN}\s*(\??)\s*$",
            _ONLY,
        ),
        (
            _TRIGGER,
            rf"^\s*(?:(?:eh|ay|e|y|ve|và|dan)\s+)?(?:sa|en|em|na|di|no|pe|za|w|kwa)?\s*{_COIN}\s+(?:{_ONLY_AFTER})\s*(\??)\s*$",
            _ONLY,
        ),
        (  # Vietnamese without its marks: "con eth?" (and ETH?)
            _TRIGGER,
            rf"^\s*con\s+{_COIN}(?:\s+(?:thi\s+sao|nua|sao))?\s*(\??)\s*$",
            "\ue000and what about\ue001 \\1\\2",
        ),
        ("verkaufen", r"\bsoll?(?:te)?\s+ich\s+((?:\S+\s+){0,3}?)(?:jetzt\s+)?verkaufen\b", _SELL),
        ("verkopen", r"\b(?:moet|zal)\s+ik\s+((?:\S+\s+){0,3}?)verkopen\b", _SELL),
    ),
}
WHY_NOT: dict[str, dict[str, tuple[str, str, int]]] = {}

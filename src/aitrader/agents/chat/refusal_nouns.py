"""Buying and selling named as things, not asked for: the words of refusal_foreign's reading that a
line only shows a list, a filter or a past fact ("只看卖出的", "lệnh bán đang mở", "ordens de compra
abertas?"), with the words around them that ask nothing to happen."""

from __future__ import annotations

import re

from aitrader.agents.chat.refusal_not_asked import PARTICIPLE

# Buying and selling named as things, a list or a past fact, never as verbs: "只看卖出的" (only the ones
# sold), "매도 주문만" (sell orders only), "¿órdenes de compra pendientes?", "iptal edilen emirler"
# (cancelled orders). A line whose only action words are these, with no "please", "now" or amount, is
# not refused ("cancela mis órdenes de compra" still is: "cancela" is left).
TRADE_NOUN = re.compile(
    r"卖出的|买入的|买的|卖的|卖单|买单|賣單|買單|挂单|掛單|(?:ขาย|ซื้อ)(?:อะไร|ไป(?:กี่|เท่า|บ้าง|แล้ว))(?!\S*?(?:ก็ได้|สิ|ซิ|เถอะ|เลย|หน่อย|ซะ|สัก|นะ|น่ะ))|ที่(?:ซื้อ|ขาย)(?!ให้)|(?<!\S)(?:البيع|الشراء)(?!\S)|\b(?:eu|que|já|ja)\s+(?:vendi|comprei)\b|\b(?:vendeu|comprou)\b|\b(?:jual|beli)\s+apa\b|\bđã\s+(?:bán|mua)(?:\s+(?:bán|mua))?\b|賣出的|買入的|買的|賣的|(?:賣|卖|買|买)了(?=\s*(?:什么|什麼|哪些|多少|几|幾))|"
    r"(?:買|売)(?:った|わなかった|らなかった)(?!\s*(?:方|ほう|ら))|কিনেছ[\u0980-\u09ff]*|বেচেছ[\u0980-\u09ff]*|বিক্রি\s+করেছ[\u0980-\u09ff]*|(?<!전부 )(?<!전부)(?<!모두 )(?<!다 )(?:매수|매도)만(?:요|이요)?(?=\s*(?:$|[?？.]|보여|알려|내역|확인|봐))|(?:lệnh|giao\s+dịch|lenh|giao\s+dich)\s+(?:bán|mua|ban|mua)\b|\b(?:da|đã)\s+(?:ban|mua|bán)(?:\s+(?:het|hết|bán|ban|mua))?\b|"
    r"(?:बेचने|ख\u093c?रीदने)\s+वाल|ордер\w*\s+на\s+(?:продажу|покупку)|(?:أوردر|اوردر)\s+(?:بيع|شراء)|"
    r"اللي\s+(?:بيع|شراء|اتباع|اتشرى)|(?:^|(?<=^\W)|(?<=هل\s)|(?<=كم\s)|(?<=عدد\s)|(?<=عندي\s)|(?<=لدي\s)|(?<=ما\s)|(?<=هي\s)|(?<=اعرض\s)|(?<=أرني\s)|(?<=وين\s)|(?<=فين\s))"
    r"(?:أوامر|اوامر)\s+(?:ال)?(?:شراء|بيع)(?=[^؟?]*[؟?])|(?<!buat\s)(?<!buatkan\s)\b(?:yang|yg)\s+(?:beli|jual|dibeli|dijual)\b|卖出记录|买入记录|卖出订单|买入订单|売り注文|買い注文|売りだけ|買いだけ|"
    r"매도\s*주문|매수\s*주문|매도\s*내역|매수\s*내역|المبيعات|المشتريات|خرید\u200c?ها|فروش\u200c?ها|खरीदारी|बिक्री"
    # Indonesian "order jual" (sell order), Darija "les ordres dyal l bi3" (the sell orders), Korean "매도한 거"
    # (the ones sold)
    r"|\b(?:order|pesanan|transaksi)\s+(?:jual|beli)\b|\b(?:ordres?|orders?|l\s*ordres?)\s+(?:dyal|d)\s+(?:l\s*)?(?:bi3|chra|chri|shra)\b"
    r"|(?:매도|매수)한\s*(?:거|것|내역|주문)"
    # Japanese "the sells' fills" ("昨日の売りの約定を見せて"), Malay "buy trades" ("tunjuk trade beli je"), and
    # Malay "is X sold here?" ("ada jual BNB tak kat sini?")
    r"|(?:売り|買い)の?(?:約定|取引|履歴)|\b(?:trades?|dagangan)\s+(?:jual|beli)\b"
    r"|\bada\s+(?:jual|beli)\b(?=[^.!?]*\b(?:tak|take|tidak|ga|gak|nggak)\b[^.!]*\?)"
    r"|\b(?:minha|minhas|mi|mis|my|last|[uú]ltim[ao]s?)\s+(?:venda|compra|venta)s?\b"
    # review 45b: Portuguese "what/how much did I sell" ("quanto vendi de sol?"), Thai "how much X did I sell"
    r"|\b(?:quanto|quantos|quantas|o\s+que|quando|onde|qual|quais|how\s+much|how\s+many|what|when)\s+(?:eu\s+|já\s+|ja\s+|i\s+)?(?:vendi|comprei)\b"
    r"|(?:ขาย|ซื้อ)\s*[a-z0-9]{2,10}\s*ไป\s*(?:กี่|เท่า|บ้าง|แล้ว|how\s+(?:much|many))"  # "qual foi minha ultima venda"
    r"|\b(?:compras|ventas|órdenes\s+de\s+(?:compra|venta)|orden\s+de\s+(?:compra|venta)|ordens\s+de\s+(?:compra|venda)|"
    r"ordem\s+de\s+(?:compra|venda)|käufe|verkäufe|achats|ventes|aankopen|verkopen|zakupy|sprzedaże|nákupy|prodeje|"
    r"cumpărări|vânzări|satışlar|satış|alımlar|alışlar|pembelian|penjualan|manunuzi|mauzo|покупки|продажи|купівлі|"
    r"продажі|αγορές|πωλήσεις)\b"
    r"|" + PARTICIPLE +
    # "were they buys or sells?": the two sides named as a choice
    r"|(?:شراء|بيع)\s+(?:أم|او|أو)\s+(?:شراء|بيع)|\b(?:compra|venta|venda|achat|vente|kauf|verkauf)\s+(?:o|ou|oder)\s+"
    r"(?:compra|venta|venda|achat|vente|kauf|verkauf)\b|买还是卖|卖还是买|"
    r"покупк\w*\s+или\s+продаж\w*|продаж\w*\s+или\s+покупк\w*"
    # Hindi "sold", "bought" ("आज मैंने क्या बेचा?"), not "खरीदी करो" (do a purchase)
    r"|(?:बेच|ख\u093c?रीद)(?:ा|ी|े)(?![\u0900-\u097f])(?!\s*(?:करो|करें|कर|कीजिए|दो|दें|डालो|लो|लें))"
    # bought and sold as past facts in Serbian, Croatian, Bulgarian, Catalan ("šta sam kupio juče?")
    r"|\b(?:kupio|kupila|kupili|prodao|prodala|prodali|kúpil\w*|predal\w*)\b|купио|купила|купили|купих\w*|продао|"
    r"продала|продали|продадох\w*|продажби|\b(?:vaig|va|vam|van)\s+(?:comprar|vendre)\b"
    # Afrikaans "what did the bot sell?"
    r"|\bwat\s+het\b[^.!?]{0,40}\b(?:verkoop|gekoop)\b(?=[^.!]*\?)"
    # Tamil and Marathi "cancelled", Urdu "bought", "sold", "purchase", Portuguese/Catalan "of sale"
    r"|ரத்து\s+செய்யப்பட்ட|বাতিল\s+(?:করা\s+)?হ[\u0980-\u09ff]*(?=\s*[?？]|\s*$)|रद्द\s+झाले\w*|(?:خرید|بیچ)(?:ا|ی|ے)(?!\w)|خریداری|فروخت\s+والی|\bde\s+(?:venda|compra)\b"
    # German and Swiss German "what did I buy / what does it buy?": "Was hani hüt kauft?", "Was kauft der Bot?"
    r"|^\W*(?:was|welche\w*|wieviel|hani|hesch|hat\s+(?:der|de)\s+bot)\b(?![^.!?]*\b(?:du|ihr|wenn|bitte|sollst)\b)"
    r"[^.!,;]*?\b(?:ver)?kauft\b(?=[^.!,;]*[?？]\s*$)"
)
PLEASE = re.compile(
    r"请|請|ください|下さい|お願い|주세요|부탁|帮我|幫我|麻烦|麻煩|给我下|给我挂|ช่วย|ให้เลย|ให้หน่อย|"
    r"\b(?:bitte|por\s+favor|s'il|per\s+favore|пожалуйста|будь\s+ласка|lütfen|tolong|làm\s+ơn|please|pls|proszę|"
    r"prosím|mohon|paki\w*|coloca\w*|pon|ponga|ponme|faça|fais|mach|kiitos|kérlek|kérem|légyszi|snälla|"
    r"vennligst|venligst|palun|prosim|molim|si\s+us\s+plau|asseblief|bitteschön)\b|कृपया|παρακαλώ|בבקשה|моля|молим|"
    r"தயவுசெய்து|దయచేసి|ದಯವಿಟ್ಟು|ദയവായി|મહેરબાની|ਕਿਰਪਾ|कृपया|براہ\s+کرم"
)
# A word asking to see, or a question mark: the trade noun names what to show ("只看卖出的", "有卖单吗？").
SEE = re.compile(
    r"[?？؟]|什么|什麼|哪些|多少|吗|嗎|看|查|显示|顯示|列出|見せ|表示(?:して)?|教えて|一覧|보여|목록|내역|\b(?:muestra\w*|mostra\w*|show|list|zeig\w*|anzeig\w*|pokaż\w*|"
    r"göster\w*|tunjuk\w*|tampil\w*|lihat|xem|montre\w*|affiche\w*|toon|laat|näytä|mutasd|visa|vis|näita|prikaži|prikazi|"
    r"pokaži|pokazi|ukáž|ukaz|wys|hiện|hiển\s+thị|hien\s+thi|liệt\s+kê|how\s+much|how\s+many"
    # a question word: "qual foi minha ultima venda de btc"
    r"|qual|quais|cu[aá]l|cu[aá]les|quel|quelle|quels|quelles|welche\w*|what|which|quando|cuando|quand|wann|kapan"
    # "only": a filter on what is shown ("только продажи", "nomes les de venda"); the noun forms are
    # strict, and a line with an action word beside them ("kaufe nur BTC") is still a request
    r"|solo|sólo|só|nur|seulement|apenas|somente|tylko|sadece|yalnızca|hanya|chỉ|samo|csak|bara|bare|kun|ainult|vain|"
    r"pelkät|nomes|només|net|alleen|enkel|sirf|sirif|only|just|je|saja|sahaja|aja|không|ko|chưa|nào|ghir|werini|wrini)\b|\bبس\b|\bпоказа\w*|تعرض|দেখা|दिखा|اعرض|أرني|покажи|только|тільки|само|केवल|सिर्फ|फक्त|"
    r"فقط|صرف|只|だけ|만|เฉพาะ|แค่|อะไร(?!ก็ได้)|บ้าง(?!สิ|เถอะ)|ขอดู|เท่าไ|กี่|ไหม|หรือยัง|呢|有没有|几|幾|क्या|कितन[ाेी]|காட்டு|చూపించు|ತೋರಿಸು|കാണിക്കൂ|બતાવો|ਦਿਖਾਓ|दाखवा|دکھا"
)


# "all" and "one" beside a trade noun order something: "yang jual semua btc je", "só uma ordem de compra"
ALL = re.compile(
    r"\b(?:tudo|todo|toda|todos|todas|tutto|tutti|alles|alle|allt|tout|toute|tous|všechno|wszystko|всё|все|весь|всю|"
    r"semua|hết|hepsi|tümü|kaikki|minden|sab|saara|uma|una|une|eine|einen|один|одну|всего|всех)\b"
    r"|\btất\s+cả\b|全部|全て|晒|전부|전량|모두|सब|सारा|سارا|سب|كل|همه|หมด|সব"
)


# Words that say nothing of an action, beside a trade noun and a word asking to see: articles, pronouns,
# days, statuses, particles ("¿órdenes de compra pendientes?", "只看卖出的", "iptal edilen emirler")
HARMLESS = re.compile(
    r"\b(?:the|my|me|of|on|for|in|at|and|or|a|an|to|from|with|today|yesterday|this|that|week|month|ones?|orders?|"
    r"trades?|open|pending|filled|cancell?ed|btc|eth|sol|usdt|bitcoin|ethereum|solana|ether|"
    r"mis|mi|las|los|el|la|de|del|do|da|dos|das|os|as|meus|minhas|minha|meu|hoy|ayer|hoje|ontem|pendientes|pendiente|"
    r"abiertas|abiertos|abertas|abertos|que|en|em|no|na|nas|nos|semana|esta|este|mes|les|le|du|des|ouverts|ouvertes|"
    r"cours|aujourd'hui|hui|aujourd|hier|sur|ceux|celles|meine|die|der|das|offene|offenen|heute|gestern|von|auf|für|"
    r"мои|мой|мне|по|на|за|сегодня|вчера|открытые|открыте|emirler|emirleri|emirlerim|bugün|dün|açık|benim|edilen|"
    r"saya|aku|hari|ini|kemarin|semalam|yang|minggu|lepas|thôi|không|ko|chưa|nào|của|tôi|mình|em|hôm|qua|nay|có|bị|đang|chờ|đợi|"
    r"các|những|في|على|بتاع|اليوم|امبارح|عندي|वाले|वाला|वाली|मेरे|मेरी|आज|कल|के|का|की|में|हुए|हुआ)\b"
    r"|没有?|沒有?|成交|未|約定|คำสั่ง|เมื่อวาน|วันนี้|أوامر|اوامر|المفتوحة|\b(?:tengo|tenho|have|habe|есть|ada|hay|il\s+y\s+a|var\s+mı|lệnh|ордер\w*|órdenes|orden|ordens|ordem|ordres?|sigue|siguen|abierta|abierto|aberta|aberto|still|"
    r"todavía|ainda|encore|noch|ещё|еще|그|중에|"
    # still open, resting, at what price: "lệnh bán đang treo giá bao nhiêu", "ordens de compra estão abertas",
    # "order jual yg masih kebuka apa aja", "ordres dyal l bi3 li mazal m7lolin", "chỉ cho tôi xem"
    r"giá|gia|bao\s+nhiêu|còn|vẫn|cho(?=\s+(?:tôi|toi|mình|minh|em)\b)|(?:(?<=đang\s)|(?<=còn\s)|(?<=vẫn\s)|(?<=bị\s))(?:mở|treo)|estão|está|estao|"
    r"masih|kebuka|terbuka|apa|aja|saja|yg|mana|ghir|dyal|li|l|mazal|m7lolin|m7loulin|m7loulen|werini|wrini|"
    r"which|what|are|is|there|any|only|just)\b"
    r"|أوردر\w*|اوردر\w*|注文|주문"
    r"|비트코인|이더리움|이더|솔라나|(?<![가-힣])(?:솔|비트)(?![가-힣])|지정가|시장가|ビットコイン|イーサリアム|イーサ|ソラナ|比特币|以太坊|比特幣|以太幣|いくら|出て(?:る|いる|ます)|出して(?:いる|る)|状況|残高|ください|下さい|、|걸려\s*있는|걸려있는|따로|현재|있어요|있어|있나요|있나|있니|지금(?=\s*걸려)"
    r"|(?:btc|eth|sol|usdt)(?=[のはを은는이가을를])"
    r"|された|어제|오늘|이번\s*주|지난\s*주|[的了吗嗎呢我今天昨日のはで을를는은이가내좀도と줘て有あるを中還还まだ아직]"
)
LETTER = re.compile(r"[^\W\d_]")
# Words narrowing the orders already shown: "among them", and Vietnamese "thôi" closing "chỉ lệnh bán thôi"
AMONG = re.compile(r"그\s*중에|其中|\b(?:of\s+those|among\s+them|de\s+esos|de\s+esas|из\s+них|thôi)\b")
# The verbs asking to see, in words and in scripts without spaces
SHOW_WORDS = (
    r"show|list|muestra\w*|mostra\w*|zeig\w*|montre\w*|affiche\w*|pokaż\w*|göster\w*|tunjuk\w*|tampil\w*|lihat|xem|hiện|hiển\s+thị|dikhao|"
    r"dikhaiye|покажи|показать|покажите"
)
SHOW_MARKS = r"見せ|表示|教えて|보여|알려|显示|顯示|दिखा|اعرض|أرني|ขอดู"
SHOW = re.compile(
    rf"[?？؟]|\b(?:{SHOW_WORDS}|see|what|which|nào|gì|bao\s+nhiêu|mấy|какие|какой|сколько|qué|cuáles|cuántas|quais|quantas|kitne|"
    rf"kaun)\b|{SHOW_MARKS}|看|查|哪|什么|什麼|多少|几|幾|몇|무슨|어떤|كم|ايه|إيه|عرض|ورّيني|وريني"
    r"|\bcó\b[^?]*\b(?:không|ko|chưa)\s*$"  # "hôm qua có lệnh nào bị hủy ko": a yes/no question
    r"|\bchỉ\s+(?:những|các|lệnh)\b|\b(?:werini|wrini)\b|\bapa\s+(?:aja|saja)\b"  # only those; show me; which ones
)
# "and" joining a second ask: "toon saldo en dan alles verkopen", "покажи продажи и удвой их"
AND = re.compile(
    r"\b(?:and|en|und|y|e|et|и|і|та|i|và|rồi|dan|lalu|ve|sonra|och|og|ja|és|și|then|dann|luego|après|potem|então)\b"
    r"|그리고|然后|并且|并|そして|してから|後で"
)
# A verb asking to see, said outright (not a question mark)
SHOW_VERB = re.compile(
    rf"\b(?:{SHOW_WORDS}|anzeig\w*|toon|näytä|mutasd|visa|näita|prikaži|ukáž)\b|{SHOW_MARKS}"
)
# Orders named (a verb beside one may place it: "открой ордер на продажу", "开个卖单")
ORDER_NOUN = re.compile(
    r"ордер|أوردر|اوردر|lệnh|注文|주문|卖单|买单|賣單|買單|\b(?:órdenes|orden|ordens|ordem|ordre|ordres|order|orders)\b"
)

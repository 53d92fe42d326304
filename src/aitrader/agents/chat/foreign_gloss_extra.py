"""The words around the question in a longer message, in the languages of the other lexicons: greetings,
"I need", "I would like", "please", "these", "when", and fillers, with the English foreign_gloss.gloss()
reads them as (the syntax of a lexicon is in that module's docstring). Left foreign, the spell corrector
made them English words of ours ("bom dia" -> "bot did", "preciso" -> "precision", "nos" -> "not").
Also a few question words the language's own lexicon lacked ("quando", "ilang", "πιστεύεις ότι")."""

from __future__ import annotations

_PT = """
hello = bom dia, boa tarde, boa noite, olá, ?oi, ?ola ; please = ?por favor, por gentileza ; thanks = obrigado, obrigada, valeu
i need = preciso, preciso de, preciso das, preciso dos, eu preciso, precisava, precisava de ; i would like = gostaria, eu gostaria, queria, eu queria
i want = quero, eu quero ; pnl = resultado ; i am = estou, eu estou ; when = quando ; when did i buy = quando comprei ; when did i sell = quando vendi
these = essas, esses, estas, estes ; in the = ?nos, ?nas ; of the = ?das, ?dos ; the ones that = as que, os que ; really = mesmo, ?mesma
i = ?eu ; this month = mês todo, o mês todo ; i sold = que vendi, eu vendi ; i bought = que comprei, eu comprei ; well = bem, então, entao ; also = também ; hi = e aí, eae
my finances = minhas finanças ; show me = me mostrar, mostrar, mostra ; were = foram ; see = ?ver ; i would like to see = gostaria de ver, queria ver, eu queria ver
i need to know = preciso saber, eu preciso saber ; know = ?saber ; if = ?se ; of the = ?da ; organizing = organizando ; i wanted to know = queria saber, gostaria de saber
"""

_ES = """
hello = hola, buenos días, buenas tardes, ?buenas ; please = ?por favor ; thanks = gracias
i need = necesito, necesitaría ; i would like = quisiera, me gustaría, querría ; i want = quiero ; i am = estoy ; and are there = y si hay
when = cuándo, =cuando ; these = estos, estas ; those = ?esos, ?esas ; the ones that = las que, los que ; well = bueno, pues
also = también ; see = ?ver ; hey = oye, oiga ; can you tell me = me puedes decir, puedes decirme, me podrías decir
what can you do = qué tipo de cosas te puedo preguntar, qué tipo de preguntas te puedo hacer, qué preguntas te puedo hacer, qué puedo preguntarte
executed in the = realizadas en los, realizadas en las, realizadas en el, realizados en los, realizados en el
same for = lo mismo para, lo mismo con, igual para ; executed = realizadas hoy, realizadas ayer, realizadas esta, realizadas desde ; when did i buy = cuándo compré ; when did i sell = cuándo vendí ; can you = puedes, podrías, me puedes ; i wanted to know = quería saber, quisiera saber, me gustaría saber
"""

_FR = """
hello = bonjour, bonsoir, salut, coucou ; please = s'il te plaît, s'il vous plaît, s il te plaît, s il vous plaît, stp, svp ; thanks = merci
i need = j'ai besoin de, j'ai besoin des, j'ai besoin du, j'aurais besoin de, il me faut ; i would like = je voudrais, j'aimerais, je souhaite
same for = pareil pour, la même chose pour ; i sold = j'ai vendu ; i bought = j'ai acheté ; is running = roule, est en marche, tourne-t-il, tourne t il, tourne-t-elle, tourne t elle ; when = quand ; these = ?ces ; the ones that = celles qui, ceux qui ; well = du coup, alors, bon ben, ?bon ; also = aussi ; i wanted to know = je voulais savoir, j'aimerais savoir, j aimerais savoir, je voudrais savoir
"""

_IT = """
hello = buongiorno, buonasera, ciao, salve ; please = per favore, per piacere, per cortesia ; thanks = grazie
i need = ho bisogno di, ho bisogno delle, ho bisogno dei, mi serve, mi servono ; i would like = vorrei, mi piacerebbe
when = quando ; these = questi, queste ; the = ?gli ; the ones that = quelle che, quelli che ; well = allora, dunque, ?beh ; also = anche ; i wanted to know = volevo sapere, vorrei sapere
"""

_DE = """
hello = guten morgen, guten tag, guten abend, moin, servus, ?hallo ; please = bitte, bitteschön ; thanks = danke, danke schön
i need = ich brauche, ich bräuchte, brauche ; i would like = ich möchte, ich hätte gern, ich hätte gerne, ich würde gerne
holdings = bestand, bestände ; when = wann ; me = ?mir ; show = zeigen ; overview = übersicht, eine übersicht ; these = diese ; well = naja, ?na ; also = auch
i wanted to know = ich wollte wissen, ich würde gerne wissen, ich möchte wissen
what can i ask = welche fragen verstehst du ; same for = dasselbe für, das gleiche für, dasselbe bei, das gleiche bei, dasselbe nochmal für
total exposure = gesamtexposure, gesamtexposition, gesamtrisiko ; exposure = =exposition ; buys = =käufe ; sells = =verkäufe
"""

_NL = """
hello = goedemorgen, goedemiddag, goedenavond, hoi, ?hallo, ?hey ; please = alsjeblieft, alstublieft, aub, ajb ; thanks = bedankt, dank je
i need = ik heb nodig, ik moet hebben ; i would like = ik wil graag, ik zou graag, ik zou willen ; when = wanneer
these = ?deze ; well = nou, dus ; also = ook ; i wanted to know = ik wil weten, ik wou weten, ik wil graag weten, ik zou graag willen weten ; know = weten ; made = heb gemaakt, gemaakt ; i = ?ik
"""

_PL = """
hello = cześć, dzień dobry, witam, hej ; please = proszę, poproszę ; thanks = dziękuję, dzięki
i need = potrzebuję ; i would like = chciałbym, chciałabym ; when = kiedy ; list = listę, lista ; these = ?te, tych, tymi
i wanted to know = chciałbym wiedzieć, chcę wiedzieć, chciałabym wiedzieć
details = szczegóły, szczegółów ; this month = ten miesiąc
"""

_RU = """
please = пожалуйста ; hello = добрый день, доброе утро, добрый вечер, привет ; i need = мне нужны, мне нужно, мне нужен, нужны
i would like = я хотел бы, я хотела бы, хотелось бы, хочу узнать ; when = когда ; these = эти, этих ; thanks = спасибо
"""

_TR = """
hello = merhaba, selam, iyi günler, günaydın, iyi akşamlar ; please = lütfen ; thanks = teşekkürler, teşekkür ederim, sağol
i need = lazım, ihtiyacım var, ihtiyacım ; i wonder = merak ediyorum ; since yesterday = dünden beri, dünden bu yana
profit i made = kâr ettiğimi, kar ettiğimi, kazandığımı, kâr ettim, kar ettim ; for = ?için ; but = ?ama ; well = şöyle ki, yani
when = ne zaman ; these = bunlar ; and also = bir de ; weather = hava nasıl, hava nasil ; is it a good time to sell = satmak için uygun bir zaman mı, satmak icin uygun bir zaman mi ; open orders = açık emr*, bekleyen emr* ; i wanted to know = öğrenmek istiyorum, bilmek istiyorum
"""

_ID = """
hello = selamat pagi, selamat siang, selamat sore, selamat malam, ?halo ; please = tolong, mohon ; thanks = terima kasih, makasih
i need = saya butuh, aku butuh, saya perlu, aku perlu, butuh ; i would like = saya ingin, aku ingin ; when = kapan
these = ?ini ; open = terbuka ; that = ?yang ; well = jadi ; i wanted to know = saya mau tahu, aku mau tahu, mau tau
why = apa alasan, alasan apa ; cancelled = dibatalin, dicancel ; open position = membuka posisi, buka posisi
"""

_TL = """
how much = ilang, gaano karami ; do i hold = hawak ko, ang hawak ko, hawak ko ba ; holding = hawak ; when = kailan
hello = kumusta, magandang umaga, magandang hapon, magandang gabi ; please = pakiusap, ?paki ; thanks = salamat
i need = kailangan ko, kailangan ; when did i buy = kailan ako bumili, kailan ko binili ; i = ?ako ; i would like = gusto ko sana ; total = lahat-lahat ; my money = pera ko ; bought = nabili, binili ; sold = nabenta, naibenta ; these = ?ito, itong, mga ito ; see = makita, makita ko ; show me = pakita mo
"""

_SW = """
only = peke yake, pekee yake, peke yao ; for = ?kwa ; when = lini ; these = ?hizi, ?hii ; hello = habari, hujambo, salaam, ?mambo
please = tafadhali ; thanks = asante ; and also = ?pia ; i need to know = nahitaji kujua, ninahitaji kujua ; i need = nahitaji, ninahitaji ; know = kujua ; of = ?ya ; i would like = ningependa ; days = ?siku
"""

_HI = """
is = ?hai, ?hain, ?he ; of = ?ka, ?ki, ?ke ; today = aaj ka, aaj ki, aaj ke ; hello = namaste, namaskar
portfolio value = portfolio kitna hai, portfolio kitna he, portfolio kitne ka hai, portfolio ki value kitni hai
i need = mujhe chahiye, chahiye ; tell me = mujhe batao, mujhe bataiye, batao, bataiye
when did i buy = kab kharida, kab kharida tha, kab khareeda, kab kharide ; when did i sell = kab becha, kab becha tha ; please = kripya ; when = ?kab ; which strategy = kaunsi strategy, kaun si strategy, konsi strategy, kaun sa strategy
should i invest = paisa lagana sahi, paise lagana sahi, paisa lagaun, paise lagaun, invest karna sahi ; this = ?ye, ?yeh ; these = ?ye sab
what can you tell me = kya kya bata sakte ho, kya bata sakte ho, kya kya bata sakte hain, kya bata sakte hain
what can you tell me = क्या क्या बता सकते हो, क्या बता सकते हो, क्या क्या बता सकते हैं, क्या बता सकते हैं
"""

_UR = """
what can you tell me = آپ کیا کیا بتا سکتے ہیں, کیا کیا بتا سکتے ہیں, کیا بتا سکتے ہیں, کیا کیا بتا سکتے ہو, کیا بتا سکتے ہو
"""

_VI = """
what blocked it = nó bị chặn bởi cái gì, nó bị chặn bởi gì, bị chặn bởi cái gì, bị chặn bởi gì, cái gì chặn nó, cái gì đã chặn nó
blocked = bị chặn ; when = khi nào, lúc nào ; in = ?trong ; of that = trong số đó, trong so do ; in your view = theo bạn, theo ý bạn ; coffee = =cà phê
will go up or down = sẽ tăng hay giảm, sẽ lên hay xuống ; please = làm ơn, vui lòng ; i need = tôi cần, mình cần, em cần
"""

_EL = """
do you think = πιστεύεις ότι, πιστεύεις πως, νομίζεις ότι, νομίζεις πως, πιστεύετε ότι, λες να ; will go up = θα ανέβει, θα ανεβεί
will go down = θα πέσει, θα κατέβει ; going up = ανεβαίνει ; going down = πέφτει, κατεβαίνει ; when = πότε
hello = γεια σου, γεια σας, καλημέρα, καλησπέρα ; please = παρακαλώ ; i need = χρειάζομαι
minimum order size = ελάχιστο ποσό παραγγελίας, ελάχιστη ποσότητα παραγγελίας ; minimum = ελάχιστο, ελάχιστη
"""

_TH = """
what strategy is running = ใช้กลยุทธ์อะไรอยู่, ใช้กลยุทธ์อะไร, กลยุทธ์อะไรอยู่ ; trend = แนวโน้ม
how is it = เป็นยังไง, เป็นอย่างไร ; what is the trend of = แนวโน้มของ
"""

_FA = """
today = امروزم ; show me = نشون بده, نشونم بده ; all of them = همه‌شون, همشون, همه شون
"""

_ZH = """
how much do i have = 我有多少, 有多少 ; what can you do = 你能帮我做什么, 你能做什么, 你可以做什么, 能帮我做什么, 你可以帮我做什么
"""

# Egyptian Arabic, in Arabic script and in Latin letters ("3arabizi"): the negated past of entering and
# buying ("ليه مدخلش على سولانا", "w sol ma da5alsh leh"), why (weak: Singlish "sol leh?" asks the price), bought
_ARZ = """
didn't enter = مدخلش, مادخلش, ما دخلش ; didn't buy = مشتراش, ماشتراش, ما اشتراش ; trade = صفقة
why = ?leh, ?lih ; bought = eshtara, ishtara, eshtra ; didn't enter = ma da5alsh, mada5alsh, ma dakhalsh, madakhalsh
didn't buy = ma eshtarash, mashtarash, ma shtarash ; the bot = el bot
"""

LEXICONS = {
    "arz": _ARZ,
    "fa": _FA,
    "zh": _ZH,
    "pt": _PT,
    "es": _ES,
    "fr": _FR,
    "it": _IT,
    "de": _DE,
    "nl": _NL,
    "pl": _PL,
    "ru": _RU,
    "tr": _TR,
    "id": _ID,
    "tl": _TL,
    "sw": _SW,
    "hi": _HI,
    "ur": _UR,
    "vi": _VI,
    "el": _EL,
    "th": _TH,
}

RULES: dict[str, tuple[tuple[str, str, str], ...]] = {}
WHY_NOT: dict[str, dict[str, tuple[str, str, int]]] = {}

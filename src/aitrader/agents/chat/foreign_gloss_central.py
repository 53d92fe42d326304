"""The everyday question words of Swiss German (gsw), Slovak (sk), Croatian/Serbian/Bosnian in Latin
script (sh) and Serbian in Cyrillic (sr), Bulgarian (bg), Slovenian (sl), Catalan (ca) and Afrikaans (af),
with the English foreign_gloss.gloss() reads them as (the syntax of a lexicon is in that module's
docstring). A spelling one of them shares with German, Czech, Dutch, Spanish, French, Polish or Russian
glosses as it does there; Swiss German, Afrikaans and Catalan are read beside standard German, Dutch and
Spanish, so only the spellings of their own are here. Cyrillic has no weak words (they are read in the
Latin table only): its short words are written in phrases."""

from __future__ import annotations

_GSW = """
how much = wie vill, wievill, wieviu, wie viu, wiviel, wivill
how much do i have = wieviel hani, wie viel hani, wie vill hani ; do i have = hani, han i ; do you have = hesch
do we have = =hämmer, haemmer, hemmer, hend mer, hei mer ; is = isch ; what is = was isch, wa isch, was esch
what = ?was, ?wa ; which = weli, welli, welle, wele, weles, welchi, weler ; balance = guethabe, guthabe, kontoschtand
holdings = vermöge ; total = zäme, insgsamt ; total value = gsamtwärt ; worth = wärt ; price = ?pris, priis
open orders = offeni ufträg, offni ufträg, offeni orders, offni orders, offeni order, offnige orders, offeni uftrag
orders = =ufträg, uftraeg ; order = uftrag ; order history = uftragshistorie
cancelled = gstriche, abbroche, glöscht, gloescht, storniert worde ; filled = usgfüehrt, usgfüert, usgführt, usgfuehrt
expired = abgloffe, abgloffä, verfalle ; rejected = abglehnt, zruggwise ; trades = gschäft, gschäfte
bought = gchauft, gkauft, kchauft, gchouft, ?kauft, poschtet ; sold = verchauft, vercheuft, verchouft
buys = =chäuf, chaeuf, =iichäuf ; sells = =verchäuf, verchaeuf ; sell orders = verchaufsufträg, verchaufsuftrag
buy orders = chaufufträg, chaufuftrag ; risk limits = risikolimite, risikolimitä ; profit = gwünn, gwinn, gewünn, gwuenn, gwün
loss = verluscht, verlüscht ; pnl = gwünn und verluscht, gwinn und verluscht ; positions = positione
entry = istieg, iistieg ; entry price = istiegspris, istiegspriis, istiegskurs ; target = ziu
running = lauft, louft, laufts ; is the bot running = lauft dr bot, lauft de bot, louft dr bot, isch dr bot aktiv
status = zuestand ; risk = risike ; why = worum, werum, wiso
what stopped it = was hät en ufghalte, was het en ufghalte, was hät en gstoppt, was hät en bremst ; help = hilf, hiuf
what can you do = was chasch du alles beantworte, was chasch du alles, was chasch alles, was chasch du, was chasch
what can you do = was chönd ir, was cha ni di frage, was chan i di frage, wobi chasch mer hälfe
today = =hüt, hütt, hüüt, huet, ?hut ; yesterday = geschter, gester, gäschter
this week = die wuche, dä wuche, diä wuche, i dere wuche, die wuchä
last week = letscht wuche, letschti wuche, letschte wuche, vorderi wuche, vorigi wuche
this month = dä monet, de monet, dä monat, dä mönet, i dem monet
last month = letscht monet, letschte monet, letschtä monet ; last = letscht, letschti, letschte, letschtä
recent = neuschti, neuste ; days = =täg, taeg ; hours = stund ; weeks = wuche ; since = ?sit
since yesterday = sit geschter, sit gester
@days = mäntig, zischtig, mittwuch, dunnschtig/dunschtig, friitig/fritig, samschtig, sunntig
since {day} = sit {day}, sit am {day} ; since the first of the month = sit monetsafang, sit afang monet, sit em erschte
2 = zwöi, zwee, zwo ; 3 = drü ; 4 = vier ; 5 = füf, foif, föif ; 6 = sächs ; 7 = sibe ; 8 = acht ; 9 = =nün
10 = zäh, zää ; only = nume, numme, bloss, bloß ; the = ?dr ; of = ?vo, ?d' ; show me = zeig mer
my = ?mini, ?mine, ?mim, ?mys ; and = ?u ; now = jetz, im momänt, ?grad
what about = und was isch mit, und wie isch es mit, und wie gsehts us mit, und mit ; tick size = tickgrössi, tick-grössi
minimum quantity = mindestmängi, mindestmengi, minimali mängi, mindeschtmängi ; minimum = minimali
trading rules = handelsregle ; rules = regle ; available = verfüegbar, verfuegbar ; locked = gsperrt
last candle = letscht cherze, letschti cherze ; lunch = zmittag, mittagässe ; dinner = znacht ; breakfast = zmorge
eat = ässe ; weather = =wätter, waetter, s'wätter, s'waetter ; football = fuessball, tschutte ; movie = ?film
whole account = ganze konto, s'ganze konto, ganz konto ; per trade = pro gschäft
decimals = kommastelle, nachkommastelle ; 24h change = änderig in 24 stund ; fills = usfüehrige
on = igschaltet, aagstellt ; off = abgstellt, usgschaltet
"""

_SK = """
how much = koľko, koľko je ; how much do i have = koľko mám ; do i have = =mám, ?mam ; do we have = máme
holdings = aktíva, držím ; balance = zostatok, zostatky, zostatku, stav účtu ; account = účet, účtu, účte, účtom
my account = môj účet ; whole account = celý účet, celého účtu, celom účte, celý môj účet, celého môjho účtu
total = celkom, celková, celkový, celkovú, spolu ; value = hodnota, hodnotu, hodnoty ; how much is = koľko stojí
how much is worth = koľko má hodnotu, akú hodnotu má ; price = cena, cenu, ceny, kurz ; free = voľné, voľných, voľný
available = dostupné, k dispozícii ; locked = zablokované, uzamknuté, blokované ; in usd = v dolároch
in bitcoin = v bitcoinoch
open orders = otvorené príkazy, otvorených príkazov, otvorené objednávky, aktívne príkazy, čakajúce príkazy
orders = príkaz*, objednávk* ; order history = história príkazov, históriu príkazov, história objednávok
history = história, históriu, histórie ; cancelled = zrušen*, stornovan* ; filled = vykonan*, vyplnen*
expired = expirovan*, vypršan*, vypršal* ; rejected = zamietnut*, odmietnut*
trades = obchody, obchodov, obchod, obchodoch ; bought = kúpil*, nakúpil* ; sold = predal* ; buys = nákupy, nákupov
sells = predaje, predajov ; per trade = na obchod ; profit = zisk, zisky, zisku, zarobil*
loss = strata, straty, stratu, stratil*, prerobil* ; pnl = zisk a strata ; realized = realizovan*
position = pozícia, pozíciu, pozície ; entry = vstup, vstupu ; entry price = vstupná cena, vstupnú cenu
target = cieľ, cieľová cena ; bot = bota, botu ; running = beží, funguje, spustený ; on = zapnutý ; off = vypnutý
status = stav ; strategy = stratégia, stratégiu ; mode = režim, režime
last candle = posledná sviečka, poslednú sviečku ; risk = riziko, riziká, rizika ; limits = limity
risk limits = limity rizika ; exposure = expozícia ; why = =prečo ; what stopped it = čo ho zastavilo, čo mu zabránilo
trend = vývoj ; bullish = býčí ; bearish = medvedí
should i buy = mám kúpiť, mal by som kúpiť, oplatí sa kúpiť, mala by som kúpiť ; help = pomoc, nápoveda
what can you do = čo vieš, čo vieš robiť, čo všetko vieš, čo dokážeš, čo môžeš robiť, s čím mi pomôžeš
today = dnes, dneska ; yesterday = včera ; this week = tento týždeň, tomto týždni
last week = minulý týždeň, minulom týždni ; this month = tento mesiac, tomto mesiaci
last month = minulý mesiac, minulom mesiaci ; last = posledné, posledných, posledný, poslednú, posledná
recent = nedávne ; days = dni, dní ; hours = hodín, hodiny ; since = ?od ; since yesterday = od včera
since the first of the month = od začiatku mesiaca, od prvého
@days = pondelok/~pondelka, utorok/~utorka, streda/~stredy, štvrtok/~štvrtka, piatok/~piatku, sobota, nedeľa
since {day} = od {day} ; since saturday = od soboty ; since sunday = od nedele ; 2 = dva, dve ; 3 = tri ; 4 = štyri
5 = =päť ; 6 = šesť ; 7 = sedem ; 8 = osem ; 9 = deväť ; 10 = desať ; only = iba, jedine, ?len
my = môj, moje, moja, moji, mojich ; what about = ?a čo ; and = ?a ; what = ?čo, aký, =aká, =aké
which = ktorý, ktorá, ktoré, ktorých ; is = ?je ; now = teraz, momentálne, aktuálne ; tick size = veľkosť ticku
minimum quantity = minimálne množstvo, minimálneho množstva ; step size = veľkosť kroku ; decimals = desatinné miesta
trading rules = obchodné pravidlá ; 24h change = zmena za 24 hodín ; lunch = obed ; dinner = večera ; food = jedlo
weather = počasie ; football = futbal ; movie = ?film ; bitcoin = bitcoinu, bitcoinov, bitcoiny
ethereum = etherea, etheru ; solana = solany, solanu ; fills = plnenia
"""

_SH = """
how much = koliko, kolika, kolike ; how much do i have = koliko imam ; do i have = imam li, ?imam ; do we have = imamo
how much is worth = koliko vrijedi, koliko vredi ; how much is = koliko košta
balance = stanje računa, stanje na računu, saldo ; account = račun, računa, računu ; holdings = imovina, imovinu
my account = moj račun
whole account = ceo račun, cijeli račun, celi račun, cijeli moj račun, ceo moj račun, cijelog računa, celog računa
total = ukupno, ukupna, ukupni, ukupnu ; value = vrijednost, vrednost ; worth = vrijedi, vredi
price = cijena, cena, cijenu, cenu, cijene, cene, kurs, tečaj ; free = slobodno, slobodnih, slobodni
available = dostupno, dostupni, raspoloživo ; locked = zaključano, zaključani, blokirano, blokirani
in usd = u dolarima ; usd = dolara, dolari ; in bitcoin = u bitcoinu, u bitkoinu
open orders = otvoreni nalozi, otvorene naloge, otvorenih naloga, otvoreni orderi, aktivni nalozi, nalozi na čekanju
orders = nalozi, naloge, naloga, nalog, orderi, ordere, narudžbe
order history = istorija naloga, povijest naloga, historija naloga ; history = istorija, istoriju, historija, povijest
cancelled = otkazan*, poništen* ; filled = izvršen* ; expired = istekl*, istekao ; rejected = odbijen*
trades = transakcij*, trejdovi, trejdove, trgovanja ; bought = kupio, kupila, kupili, kupljeno, kupljeni, kupljena
sold = prodao, prodala, prodali, prodano, prodato, prodani ; buys = kupovine, kupovina, kupnje, kupnja
sells = prodaje, prodaja ; per trade = po transakciji, po trejdu
profit = zarada, zaradu, zarade, dobit, dobitak, zaradio, zaradila, zaradili
loss = gubitak, gubici, gubitka, izgubio, izgubili ; pnl = dobit i gubitak, profit i gubitak, zarada i gubitak
realized = realizovan*, realiziran* ; position = pozicija, poziciju, pozicije ; entry = ulaz, ulaza
entry price = ulazna cijena, ulazna cena, cijena ulaza, cena ulaza ; target = cilj ; bot = bota, botu
running = radi, pokrenut ; on = uključen ; off = isključen ; status = stanje ; strategy = strategija, strategiju
mode = režim, način rada ; last candle = zadnja svijeća, poslednja sveća, zadnja sveća ; risk = rizik, rizika
limits = limiti, ograničenja ; risk limits = limiti rizika ; exposure = izloženost ; why = zašto
what stopped it = šta ga je zaustavilo, što ga je zaustavilo, šta ga je sprečilo, što ga je spriječilo
bullish = bikovski ; bearish = medvjeđi, medveđi
should i buy = trebam li kupiti, treba li da kupim, da li da kupim, isplati li se kupiti, vrijedi li kupiti
should i buy = vredi li kupiti ; help = pomoć
what can you do = šta možeš, što možeš, šta sve možeš, što sve možeš, šta znaš, šta umeš, u čemu mi možeš pomoći
today = danas ; yesterday = jučer, juče
this week = ove sedmice, ove nedelje, ove nedjelje, ovog tjedna, ovaj tjedan, ovu sedmicu
last week = prošle sedmice, prošle nedelje, prošle nedjelje, prošlog tjedna, prošli tjedan
this month = ovog mjeseca, ovog meseca, ovaj mjesec, ovaj mesec
last month = prošlog mjeseca, prošlog meseca, prošli mjesec, prošli mesec
last = zadnji, zadnje, zadnjih, posljednji, poslednji, posljednjih, poslednjih, posljednje, poslednje
recent = nedavni, nedavne ; days = ?dana ; hours = sati, sata ; since = ?od ; since yesterday = od jučer, od juče
since the first of the month = od početka mjeseca, od početka meseca
@days = ponedjeljak/ponedeljak, utorak, srijeda/sreda, četvrtak/~četvrtka, petak/~petka, subota, nedjelja/nedelja
since monday = od ponedjeljka, od ponedeljka ; since tuesday = od utorka ; since wednesday = od srijede, od srede
since saturday = od subote ; since sunday = od nedjelje, od nedelje ; since {day} = od {day} ; 2 = dva, dvije, dve
3 = tri ; 4 = četiri ; 5 = ?pet ; 6 = šest ; 7 = sedam ; 8 = osam ; 9 = devet ; 10 = deset ; only = ?samo, jedino
my = moj, moja, moje, moji, mojih, mojeg ; what = ?šta, ?što ; which = koji, koja, koje, kojih ; is = ?je ; and = ?i, ?a
what about = a šta je sa, a što je s, a šta sa ; now = sada, trenutno, trenutačno, ?sad
tick size = veličina tika, veličina ticka ; minimum quantity = minimalna količina, minimalnu količinu
step size = veličina koraka ; decimals = decimale, decimalna mjesta ; trading rules = pravila trgovanja ; lunch = ručak
dinner = večera ; food = hrana ; weather = vremenska prognoza, kakvo je vrijeme, kakvo je vreme
football = fudbal, nogomet ; movie = ?film ; bitcoin = bitkoin, bitkoina, bitcoina
sol = ?sola, ?solu, solom, solova ; eth = etha, ethu, ethom, ethera ; btc = btca, btcu, btcom
ethereum = eterijum, etereum, ethereuma ; solana = solane, solanu
24h change = promjena u 24h, promena za 24 sata, promjena za 24 sata ; fills = izvršenja
"""

_SR = """
how much = колико, колика ; how much do i have = колико имам ; do i have = имам ли, имам ; do we have = имамо
how much is worth = колико вреди ; how much is = колико кошта ; balance = стање рачуна, стање на рачуну, салдо
account = рачун, рачуна, рачуну ; holdings = имовина, имовину ; whole account = цео рачун, целог рачуна
total = укупно, укупна, укупни ; value = вредност ; worth = вреди ; price = цена, цену, цене, курс
free = слободно, слободни ; available = расположиво ; locked = закључано, блокирано ; in usd = у доларима
open orders = отворени налози, отворене налоге, отворених налога, активни налози, налози на чекању
orders = налози, налоге, налога, налог ; order history = историја налога ; history = историја, историју
cancelled = отказан*, поништен* ; filled = извршен* ; expired = истекл*, истекао ; rejected = одбијен*
trades = трансакциј*, трејдови, трговања ; bought = купио, купила, купили, купљено
sold = продао, продала, продали, продато ; buys = куповине, куповина ; sells = продаје
profit = зарада, зараду, добит, зарадио, зарадила ; loss = губитак, губици, губитка, изгубио ; pnl = добит и губитак
position = позиција, позицију ; entry = улаз ; entry price = улазна цена, цена улаза ; target = циљ
running = ради, покренут ; on = укључен ; off = искључен ; status = стање ; strategy = стратегија ; mode = режим
last candle = последња свећа ; risk = ризик, ризика ; limits = лимити ; risk limits = лимити ризика
exposure = изложеност ; why = зашто ; what stopped it = шта га је зауставило ; bullish = биковски ; bearish = медвеђи
should i buy = да ли да купим, треба ли да купим ; help = помоћ
what can you do = шта можеш, шта све можеш, шта знаш, шта умеш ; today = данас ; yesterday = јуче
this week = ове недеље, ове седмице ; last week = прошле недеље, прошле седмице ; this month = овог месеца, овај месец
last month = прошлог месеца, прошли месец ; last = последњ*, задњ* ; recent = недавн* ; days = дана ; hours = сати, сата
since yesterday = од јуче
@days = понедељак/~понедељка, уторак/~уторка, среда/~среде, четвртак/~четвртка, петак/~петка, субота/~суботе, ~недеље
since {day} = од {day} ; 2 = два, две ; 3 = три ; 4 = четири ; 5 = пет ; 6 = шест ; 7 = седам ; 8 = осам ; 9 = девет
10 = десет ; only = само, једино ; my = мој, моја, моје, моји, мојих ; what = шта ; which = који, која, које ; and = и
what about = а шта је са, а шта са ; now = сада, тренутно ; tick size = величина тика
minimum quantity = минимална количина ; trading rules = правила трговања ; lunch = ручак ; dinner = вечера
food = храна ; weather = временска прогноза ; football = фудбал ; movie = филм ; ethereum = етеријум, етериум
btc = бтц, бтц-а ; eth = етх ; bitcoin = биткоин ; 24h change = промена за 24 сата ; decimals = децимале ; fills = извршења ; in bitcoin = у биткоину
is = је ; my account = мој рачун ; per trade = по трансакцији ; realized = реализован* ; step size = величина корака
since the first of the month = од почетка месеца
"""

_BG = """
how much = колко ; how much do i have = колко имам ; do i have = имам ли, имам ; do we have = имаме
how much is = колко струва ; balance = наличност, наличността, салдо ; account = сметка, сметката, сметки
holdings = активи ; whole account = цялата сметка, цялата ми сметка ; total = общо ; value = стойност, стойността
worth = струва ; price = цена, цената, цени, курс ; free = свободни ; available = налични, достъпни
locked = блокирани, заключени ; in usd = в долари
open orders = отворени поръчки, отворените поръчки, активни поръчки, чакащи поръчки ; orders = поръчк*
order history = история на поръчките, история на поръчки ; history = история ; cancelled = отменен* ; filled = изпълнен*
expired = изтекл* ; rejected = отхвърлен* ; trades = сделки, сделките, търговии ; bought = купих, купихме, купиха
sold = продадох, продадохме, продадоха ; buys = покупки, покупките ; sells = продажби, продажбите
per trade = на сделка ; profit = печалба, печалбата, печалби, спечелих, спечелил
loss = загуба, загуби, загубата, загубих ; pnl = печалба и загуба, печалби и загуби ; realized = реализиран*
position = позиция, позицията ; entry = входа ; entry price = входна цена, входната цена, цена на вход
target = цел, целта ; bot = ботът ; running = работи, пуснат ; on = включен ; off = изключен
status = състояние, статус ; strategy = стратегия ; mode = режим ; last candle = последна свещ, последната свещ
risk = риск ; limits = лимити ; risk limits = лимити за риск ; exposure = експозиция ; why = защо
what stopped it = какво го спря ; bullish = бичи ; bearish = мечи ; trend = тенденция
should i buy = да купя ли, трябва ли да купя, струва ли си да купя, заслужава ли си да купя ; help = помощ
what can you do = какво можеш, какво можеш да правиш, какво умееш, с какво можеш да помогнеш ; today = днес
yesterday = вчера ; this week = тази седмица ; last week = миналата седмица ; this month = този месец
last month = миналия месец ; last = последните, последни ; recent = скорошни, скорошните ; days = дни, дена
hours = часа, часове ; since yesterday = от вчера ; since the first of the month = от началото на месеца
@days = понеделник, вторник, сряда, четвъртък, петък, събота, ~неделя ; since {day} = от {day} ; 2 = два, две ; 3 = три
4 = четири ; 5 = пет ; 6 = шест ; 7 = седем ; 8 = осем ; 9 = девет ; 10 = десет ; only = само, единствено
my = мои, моите, моя, моят ; what = какво, каква, какъв, що ; what is = какво е, каква е ; which = кои, кой, коя, кое
and = и ; what about = а какво за, а какво ще кажеш за ; now = сега, в момента, текущо
tick size = размер на тика, стъпка на цената ; minimum quantity = минимално количество, минималното количество
step size = стъпка на количеството ; decimals = знаци след запетаята ; trading rules = правила за търговия
lunch = обяд ; dinner = вечеря ; food = храна ; weather = времето ; football = футбол ; movie = филм, филма
bitcoin = биткойна, биткоин ; ethereum = етериум, етереум ; solana = солана ; 24h change = промяна за 24 часа
fills = изпълнения ; in bitcoin = в биткойн ; my account = моята сметка
"""

_SL = """
how much = koliko ; how much do i have = koliko imam ; do i have = ?imam ; do we have = imamo
how much is worth = koliko je vredno, koliko je vreden, koliko je vredna ; how much is = koliko stane
balance = stanje na računu, stanje računa ; account = račun, računu, računa
whole account = cel račun, celoten račun, celotnem računu ; total = skupaj, skupno ; value = vrednost ; worth = vredno
price = cena, ceno, cene, tečaj ; free = prosto, prosta, prostih ; available = na voljo, razpoložljivo
locked = zaklenjeno, zaklenjena, blokirano ; in usd = v dolarjih
open orders = odprta naročila, odprtih naročil, odprti nalogi, aktivna naročila, čakajoča naročila
orders = naročila, naročil, naročilo, nalogi ; order history = zgodovina naročil, zgodovino naročil, zgodovina nalogov
history = zgodovina, zgodovino ; cancelled = preklican* ; filled = izveden*, izvršen* ; expired = potekl*
rejected = zavrnjen* ; trades = posli, poslov, poslih, transakcije ; bought = kupil, kupila, kupili, nakupil*
sold = prodal, prodala, prodali, prodano ; buys = nakupi, nakupov ; sells = prodaje
profit = dobiček, dobička, dobičke, zaslužil, zaslužila, zaslužili ; loss = izguba, izgube, izgubo, izgubil
pnl = dobiček in izguba, dobički in izgube ; position = pozicija, pozicijo, pozicije ; entry = vstop, vstopa
entry price = vstopna cena ; target = cilj ; running = deluje, teče, zagnan ; on = vklopljen ; off = izklopljen
status = stanje ; strategy = strategija, strategijo ; mode = način, režim ; last candle = zadnja sveča, zadnjo svečo
risk = tveganje, tveganja ; limits = omejitve, limiti ; risk limits = omejitve tveganja ; exposure = izpostavljenost
why = zakaj ; what stopped it = kaj ga je ustavilo, kaj ga je zaustavilo ; bullish = bikovski ; bearish = medvedji
should i buy = naj kupim, ali naj kupim, se splača kupiti, ali se splača kupiti ; help = pomoč
what can you do = kaj znaš, kaj zmoreš, kaj lahko narediš, kaj vse znaš, pri čem mi lahko pomagaš ; today = danes
yesterday = včeraj ; this week = ta teden, tem tednu ; last week = prejšnji teden, prejšnjem tednu
this month = ta mesec, tem mesecu ; last month = prejšnji mesec, prejšnjem mesecu
last = zadnji, zadnjih, zadnje, zadnja ; recent = nedavni, nedavne ; days = dni, dnevi, dneh ; hours = ure, urah, ?ur
since = ?od ; since yesterday = od včeraj ; since the first of the month = od začetka meseca
@days = ponedeljek/~ponedeljka, torek/~torka, sreda/~srede, četrtek/~četrtka, petek/~petka, sobota/~sobote, nedelja
since sunday = od nedelje ; since {day} = od {day} ; 2 = dva, dve ; 3 = tri ; 4 = štiri ; 5 = ?pet ; 6 = šest
7 = sedem ; 8 = osem ; 9 = devet ; 10 = deset ; only = ?samo, zgolj ; my = moj, moja, moje, moji, mojih
what = kaj, kakšno, kakšen, kakšna ; which = kateri, katera, katere, katero ; is = ?je ; and = ?in ; what about = kaj pa
now = zdaj, sedaj, trenutno ; tick size = velikost tika ; minimum quantity = minimalna količina, najmanjša količina
step size = velikost koraka ; decimals = decimalna mesta ; trading rules = pravila trgovanja ; lunch = kosilo
dinner = večerja ; food = hrana ; weather = vreme ; football = nogomet ; movie = ?film
bitcoin = bitcoina, bitcoinov, bitcoinu ; ethereum = ethereuma ; 24h change = sprememba v 24 urah ; bot = bota
fills = izvršitve ; holdings = sredstva, imetje ; in bitcoin = v bitcoinu ; my account = moj račun
per trade = na posel ; realized = realiziran*
"""

_CA = """
how much = quant ; how many = quants, quantes ; how much is worth = quant val, quant valen ; how much is = quant costa
do i have = tinc ; do we have = tenim ; balance = saldo ; holdings = actius ; account = compte
my account = el meu compte ; in total = en total ; price = preu, preus, cotització ; portfolio = cartera
open orders = ordres obertes, ordres pendents, ordres actives, ordre oberta ; orders = ordres ; order = ordre
open = obertes, oberta ; order history = historial d'ordres, historial de les ordres
cancelled = cancel·lades, cancel·lada, cancel·lats, cancel·lat, cancel.lades, cancel.lada, cancelades, cancelada
cancelled = anul·lades, anul·lada ; filled = executades, executada, executats, executat, completades
expired = expirades, expirada, caducades, vençudes ; rejected = rebutjades, rebutjada, rebutjat, rebutjats, refusades
trades = operacions, transaccions ; trade = operació
bought = va comprar, vaig comprar, vam comprar, van comprar, ha comprat, he comprat, hem comprat, comprat, comprats
bought = comprades
sold = va vendre, vaig vendre, vam vendre, van vendre, ha venut, he venut, hem venut, venut, venuts, venudes, venuda
buys = ?compres ; sells = ?vendes ; profit = guany, guanys, benefici, beneficis, he guanyat, hem guanyat, guanyat
loss = pèrdua, pèrdues, he perdut, hem perdut, perdut ; pnl = guanys i pèrdues, pèrdues i guanys ; position = posició
positions = posicions ; entry = entrada ; entry price = preu d'entrada ; target = objectiu
running = funcionant, en marxa, ?funciona ; is the bot running = el bot funciona, funciona el bot ; on = encès, engegat
off = apagat, aturat ; status = estat ; strategy = estratègia ; last candle = última espelma ; risk = risc, riscos
limits = =límits ; risk limits = límits de risc ; exposure = exposició ; why = per què, perquè
what stopped it = què el va aturar, què ho va impedir ; trend = tendència ; bullish = alcista ; bearish = baixista
should i buy = hauria de comprar, he de comprar, val la pena comprar, paga la pena comprar ; help = ajuda
what can you do = què pots fer, què saps fer, què et puc preguntar, en què em pots ajudar ; today = avui
yesterday = ahir ; this week = aquesta setmana ; last week = la setmana passada, setmana passada
this month = aquest mes ; last month = el mes passat, mes passat ; last = últim, últims, últimes ; recent = recents
days = ?dies ; hours = hores ; weeks = setmanes ; since = des de ; since yesterday = des d'ahir
since the first of the month = des de principi de mes, des de l'inici del mes
@days = dilluns, dimarts, dimecres, dijous, divendres, dissabte, diumenge ; since {day} = des de {day}, des del {day}
2 = ?dos, ?dues ; 3 = tres ; 4 = quatre ; 5 = cinc ; 6 = ?sis ; 7 = ?set ; 8 = vuit ; 10 = ?deu
only = només, únicament ; my = meva, meves ; what = =què ; which = quin, quina, quins, quines ; is = ?està ; are = =són
and = ?i ; with = ?amb ; the = ?el, ?la, ?les, ?els, ?l' ; what about = i què hi ha de, i pel que fa a
now = ara mateix, ara per ara, en aquest moment, actualment, ?ara ; tick size = mida del tick
minimum quantity = quantitat mínima ; minimum = mínim ; trading rules = regles de trading, regles de negociació
rules = regles ; step size = mida del pas ; available = disponible, disponibles ; free = lliure, lliures
locked = bloquejat, bloquejats, bloquejades ; in usd = en dòlars
whole account = tot el compte, el compte sencer, tot el meu compte ; lunch = ?dinar ; dinner = sopar ; food = menjar
weather = quin temps fa, el temps que fa ; football = futbol ; movie = pel·lícula, pel.lícula, pellicula
24h change = variació en 24h, variació de 24 hores, canvi en 24 hores ; decimals = xifres decimals ; fills = execucions
per trade = per operació ; realized = realitzat, realitzats, realitzades, realitzada ; mode = modalitat
"""

_AF = """
how much = hoeveel ; do i have = het ek ; do we have = het ons ; balance = balans ; account = rekening ; total = totaal
in total = in totaal ; value = waarde ; price = prys, pryse, koers
open orders = oop bestellings, oop opdragte, oop orders, uitstaande bestellings, hangende bestellings
orders = bestellings, opdragte ; order history = bestellingsgeskiedenis, ordergeskiedenis, geskiedenis van bestellings
history = geskiedenis ; cancelled = gekanselleer, gekanselleerde ; filled = uitgevoer, uitgevoerde
expired = verstryk, verstrykte, vervalde ; rejected = afgekeur, afgewys, geweier
trades = transaksies, handeltransaksies ; bought = gekoop ; sold = verkoopte ; buys = aankope ; sells = verkope
profit = ?wins, winste, profyt ; loss = verlies, verliese, verloor ; of = ?van
pnl = wins en verlies, wins of verlies, wins en verliese ; position = posisie ; positions = posisies ; entry = toetrede
entry price = intreeprys, toetredeprys ; target = teiken ; running = aktief
is the bot running = loop die bot, werk die bot ; still open = nog oop ; which = watter ; on = ?aan ; off = ?af ; strategy = strategie ; risk = risiko
limits = limiete ; risk limits = risikolimiete ; exposure = blootstelling ; why = hoekom, waarom
what stopped it = wat het dit gestop, wat het hom gekeer ; help = hulp
what can you do = wat kan jy doen, wat kan jy, waarmee kan jy help, wat kan ek vra, wat kan ek jou vra ; today = vandag
yesterday = gister ; this week = hierdie week ; last week = verlede week, laas week ; this month = hierdie maand
last month = verlede maand ; last = laaste, afgelope ; recent = onlangse ; days = dae ; hours = ure ; weeks = weke
since = sedert, sinds, vanaf ; since yesterday = sedert gister, sinds gister
since the first of the month = sedert die begin van die maand
@days = maandag, dinsdag, woensdag, donderdag, vrydag, saterdag, sondag
since {day} = sedert {day}, sinds {day}, vanaf {day} ; 2 = twee ; 3 = drie ; 4 = vier ; 5 = vyf ; 6 = ses ; 7 = sewe
8 = agt ; 9 = nege ; 10 = tien ; only = slegs, ?net ; what = ?wat ; which = watter ; and = ?en ; the = ?die ; i = ?ek
for = ?vir ; what about = en wat van, wat van ; now = tans, op die oomblik, ?nou ; tick size = tikgrootte
minimum quantity = minimum hoeveelheid, minimale hoeveelheid ; trading rules = handelsreëls ; available = beskikbaar
free = vry ; locked = gesluit ; lunch = middagete ; dinner = aandete ; food = kos ; weather = ?weer
football = sokker, voetbal ; movie = fliek, rolprent ; 24h change = verandering in 24 uur ; decimals = desimale
fills = uitvoerings ; how much is = hoeveel kos ; worth = ?werd ; in usd = in dollar ; last candle = laaste kers
my account = my rekening ; per trade = per transaksie ; realized = gerealiseer, gerealiseerde ; step size = stapgrootte
whole account = hele rekening, volle rekening ; mode = modus
"""

LEXICONS = {"gsw": _GSW, "sk": _SK, "sh": _SH, "sr": _SR, "bg": _BG, "sl": _SL, "ca": _CA, "af": _AF}

# Patterns that reorder or span words, by script: (words one of which the text must have, regex,
# replacement), run before the lexicons.
_HAVE = r"\b(?:hani|han\s+i|hämmer|hemmer|hend\s+mer)\b((?:\s+\S+){0,3}?)\s+"
_AF_HAVE = r"\bhet\s+(ek|ons|jy|hy|dit|die\s+bot)\b((?:\s+\S+){0,3}?)\s+"
_SHOULD = r"\bs(?:ö|o|oe)(?:ll|tt)\s+i\s+((?:\S+\s+){0,3}?)(?:jetzt?\s+)?(?:chaufe|kaufe)\b"
# English written by a rule is marked as a gloss is, so that no weak word ("i": Polish "and") reads it again
_BUY = "\ue000should i buy\ue001 \\1"
_I = "\ue000i\ue001"
RULES = {
    "latin": (
        # Swiss "was hani hüt kauft" (what have I bought today) is not "do i have"
        ("kauft|chauft|chouft", _HAVE + r"(?:g?kauft|gchauft|kchauft|gchouft)\b", _I + r"\1 gchauft"),
        (
            "verchauft|vercheuft|verchouft",
            _HAVE + r"(?:verchauft|vercheuft|verchouft)\b",
            _I + r"\1 verchauft",
        ),
        ("chaufe|kaufe", _SHOULD, _BUY),
        # Afrikaans "wat het ek vandag verkoop" (what did I sell today); "verkoop" alone is "sell"
        ("gekoop", _AF_HAVE + r"gekoop\b", r"\1\2 gekoop"),
        ("verkoop", _AF_HAVE + r"verkoop\b", r"\1\2 verkoopte"),
        ("koop", r"\b(?:moet|sal)\s+ek\s+((?:\S+\s+){0,3}?)(?:nou\s+)?koop\b", _BUY),
        # "mám teraz kúpiť BTC?", "trebam li sad kupiti", "naj zdaj kupim": should I buy (an opinion)
        (
            "kúpiť|kupit|kupiť",
            r"\b(?:mám|mam|mal[a]?\s+by\s+som|oplat[íi]\s+sa)\s+((?:\S+\s+){0,3}?)k[úu]pi[tť]\b",
            _BUY,
        ),
        (
            "kupiti|kupim",
            r"\b(?:trebam\s+li|treba\s+li(?:\s+da)?|da\s+li\s+da|isplati\s+li\s+se|vrij?edi\s+li|"
            r"trebao\s+bih|trebala\s+bih|ali\s+naj|naj|(?:ali\s+)?se\s+splača)\s+((?:\S+\s+){0,3}?)kupi(?:ti|m)\b",
            _BUY,
        ),
    ),
    "cyrillic": (
        ("купим", r"(?<!\w)(?:да\s+ли\s+да|треба\s+ли\s+да)\s+((?:\S+\s+){0,3}?)купим(?!\w)", _BUY),
    ),
}

# A why and, a few words on, a negation: (why, negation, most words between) per language, by script.
WHY_NOT = {
    "latin": {
        "gsw": (r"worum|werum|wieso|wiso|warum", r"nöd|noed|nid|nöt|nüt|nüüt|nix|kei\w*", 5),
        "sk": (
            r"prečo|preco",
            r"ne(?:kúpil|kupil|predal|obchodoval|urobil|vstúpil|vstupil|otvoril|nakúpil|nakupil)\w*|nič|nic",
            4,
        ),
        "sh": (r"zašto|zasto|zbog\s+čega|zbog\s+cega", r"nije|nisu|nisam|ne|ništa|nista", 4),
        "sl": (r"zakaj", r"ni|ne|nič|nic|nikoli", 4),
        "ca": (r"per\s*qu[eè]", r"no|mai", 4),
        "af": (r"hoekom|waarom", r"nie|geen|niks|nooit", 5),
    },
    "cyrillic": {
        "sr": (r"зашто|због\s+чега", r"није|нису|не|ништа", 4),
        "bg": (r"защо", r"не|нищо|няма", 4),
    },
}

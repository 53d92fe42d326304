"""The everyday question words of Finnish, Hungarian, Swedish, Norwegian (Bokmål), Danish and Estonian, with
the English foreign_gloss.gloss() reads them as (the syntax of a lexicon is in that module's docstring).
Finnish, Hungarian and Estonian glue their endings on: their coins and nouns are stems where no English
word, nor a word of another lexicon, starts so ("saldo*", "bitcoini*"). Swedish, Norwegian and Danish share
many spellings ("saldo", "konto", "mål"): a spelling two of them have is glossed the same in both. No
imperative or infinitive of buying, selling or cancelling is here ("osta", "köp", "kjøp", "vegyél");
the past tenses are ("osti", "köpte", "kjøpte", "vett", "ostis": bought)."""

from __future__ import annotations

_FI = """
how much = paljonko, kuinka paljon, paljonko on ; how many = montako, kuinka monta, ?monta
do i have = minulla on, mulla on, onko minulla, onko mulla, minulla, mulla ; do we have = meillä on, onko meillä
i own = omistan ; holdings = omistukset, omistuksia, omistukseni ; balance = saldo*, tilin saldo*, tilinsaldo*
account = tili, tilin, tiliä, tilillä, tilille, tililtä, tilit, tilini, tililläni ; my account = minun tilini
whole account = koko tili, koko tilin, koko tilini ; total = yhteensä, kokonaisuudessaan ; total value = kokonaisarvo*
value = arvo, arvon, arvoa, arvoltaan ; worth = arvoinen, arvoiset ; how much is worth = paljonko on arvoltaan
price = hinta*, hinnan, hinnat, hinnaksi, kurssi*, hintansa ; free = vapaa, vapaana, vapaat, vapaita, vapaasti
available = saatavilla, käytettävissä, käytettävissä olevat ; locked = lukittu*, varattu, varatut, varattuna
in usd = dollareissa, dollareina ; usd = dollaria, dollarin ; in bitcoin = bitcoineissa, bitcoineina
open = avoin, avointa, avoimista, avoimet, avoimia, avoimen, avoimena, avoimissa
orders = toimeksian*, toimeksiann*, tilauk*, tilaus, orderit, ordereita, orderin
open orders = avoimet toimeksiannot, avoimia toimeksiantoja, avoimet tilaukset, avoimia tilauksia, avoimet orderit
order history = toimeksiantohistoria*, tilaushistoria*, orderihistoria*
history = historia, historiaa, historiasta, historiassa
cancelled = peruttu*, peruutettu*, peruutetu*, peruttiin, peruuntu*, peruutettiin ; filled = toteutu*, täyttyn*
filled = toteutui, täytetty*, täytety* ; expired = vanhentu*, vanheni*, raukesi, rauennut*
rejected = hylätty*, hylätyt, hylättiin, hylkäsi ; trades = kaupat, kauppoja, kaupa*, kaupp*, kaupankäyn*, treidi*
bought = ostin, osti, ostit, ostimme, ostivat, ostettiin, ostettu*, ostanut, ostiko, ostaneet
sold = myin, myi, myit, myimme, myivät, myytiin, myyty*, myynyt, myikö ; buys = ostot, ostoja, ostoista, ostoni
sells = myynnit, myyntejä, myynti*, myyntini ; per trade = per kauppa, kauppaa kohden, kauppaa kohti, kauppakohtai*
profit = voitto*, voito*, tuotto*, tuoto*, tienasin, tienannut, tienattu ; loss = tappio*, hävisin, menetin, menetetty
pnl = voitot ja tappiot, tulos, tulokse*, tulosta ; realized = realisoitu*
unrealized = realisoitumat*, toteutumaton, toteutumatto*
position = positio, positiosi, positioni, positiot, positiota, positiossa, positioni, positiosta, positioita, positiolla
position = positioiden ; entry = sisääntulo*, sisäänmeno* ; entry price = sisääntulohinta*, ostohinta*, ostohinnan
stop loss = stoppi, stopin, stoppia, stoploss ; target = tavoite*, tavoitehinta*, tavoitteen
bot = botti*, botin, botilla, botille, botista ; running = käynnissä, pyörii, toimii, ajossa
is the bot running = onko botti käynnissä, pyöriikö botti, toimiiko botti ; on = päällä ; off = pois päältä
status = ?tila, tilan, tilanne* ; strategy = strategia, strategian, strategiaa, strategiasi, strategiaksi
mode = moodi*, toimintatila* ; last candle = viimeisin kynttilä, viimeinen kynttilä
risk = riski, riskin, riskiä, riskit, riskejä, riskistä, riskiksi ; limits = rajat, rajoja, rajoitukset, limiit*
risk limits = riskiraja*, riskilimiit* ; exposure = altistu* ; why = miksi, miks
what stopped it = mikä sen esti, mikä esti ; trend = trendi, trendin, trendiä, trendissä, trendistä, trendinä, suunta
bullish = nousutrend*, nouseva, nousussa, nousujohteinen ; bearish = laskutrend*, laskeva, laskussa
going up = nousee, nouseeko ; going down = laskee, laskeeko
what do you think of = mitä mieltä olet, mitä ajattelet, mitä tuumit, mitä mieltä
should i buy = pitäisikö ostaa, pitäisikö minun ostaa, kannattaako ostaa, kannattaisiko ostaa, ostaisinko
help = apua, ohje, ohjeet ; show me = näytä, näytä minulle, näytäpä
what can you do = mitä osaat, mitä osaat tehdä, mitä voit tehdä, mitä sinulta voi kysyä, missä voit auttaa
today = tänään ; yesterday = eilen ; this week = tällä viikolla, tämän viikon, tämä viikko
last week = viime viikolla, viime viikon, viime viikko, edellisellä viikolla ; this month = tässä kuussa, tämän kuun
last month = viime kuussa, viime kuun, edellisessä kuussa ; last = viimeiset, viimeisimmät, viimeisin*, viime, viimeis*
recent = viimeaikai*, tuoreet ; days = päivää, päivän, päivien, päivät, päivältä ; hours = tuntia, tunnin, tunnit
weeks = viikkoa ; since = lähtien, alkaen
@days = maanantai, tiistai, keskiviikko, torstai, perjantai, lauantai, sunnuntai
since {day} = {day}sta lähtien, {day}sta alkaen, {day}sta
since wednesday = keskiviikosta lähtien, keskiviikosta alkaen, keskiviikosta
since yesterday = eilisestä lähtien, eilisestä, eilen lähtien
since the first of the month = kuun alusta, kuun alusta lähtien, kuukauden alusta ; 2 = kaksi, kahden
3 = kolme, kolmen ; 4 = neljä, neljän ; 5 = viisi, viiden ; 6 = kuusi, kuuden ; 7 = seitsemän ; 8 = kahdeksan
9 = yhdeksän ; 10 = kymmenen ; only = ?vain, pelkät, pelkästään, ainoastaan ; my = minun, mun
what = mitä, mikä, ?mitäs ; which = mitkä, kumpi ; and = ?ja ; is = onko, ?on
what about = entä, entäs, ?mites, miten on ; now = nyt, tällä hetkellä, juuri nyt
tick size = tick-koko, tikkikoko, hinta-askel ; minimum quantity = vähimmäismäär*, minimimäär*, pienin määrä
minimum = ?minimi, vähimmäis* ; step size = askelkoko* ; decimals = desimaal* ; rules = säännöt, sääntö*
trading rules = kaupankäyntisään*, kaupankäynnin säännöt, kaupankäynnin sään*
24h change = 24h muutos, 24 tunnin muutos, vuorokauden muutos
lunch = lounas*, lounaa* ; dinner = illallinen, illallise*, päivällinen ; food = ruoka*, ruoa* ; weather = =sää, =säätä
football = jalkapallo* ; movie = elokuva*, leffa* ; bitcoin = bitcoini*, bitcoina*, bitcoine*
eth = ethin, ethiä, ethia, ethistä, ethissä, ethejä ; sol = solin, solia, solista, solissa, soleja
ethereum = ethereumia, ethereumin, etheriä ; solana = solanaa, solanan
ethereum = ethereumi*, ethereuma*, etheriä ; solana = solana*
"""

_HU = """
how much = mennyi, mennyit, mennyibe, mekkora ; how many = hány, hányat
how much is worth = mennyit ér, mennyi az értéke ; do i have = ?van, van-e, van nekem, nekem van
holdings = eszközeim, vagyonom ; balance = egyenleg*, számlaegyenleg* ; account = számla, számlá*, számlám, számlámon
whole account = teljes számla*, teljes számlá*, egész számlám ; total = összesen, összes
total value = összérték*, teljes érték* ; value = érték* ; price = =ár, =ára, =árat, =árak, árfolyam* ; free = szabad
available = elérhető, rendelkezésre álló ; locked = zárolt*, zárolva, lekötött* ; in usd = dollárban
in bitcoin = bitcoinban* ; open = nyitott ; orders = megbízás*, rendelés*, orderek*, orderei*
order history = megbízási előzmény*, rendelési előzmény*
open orders = nyitott megbízás*, nyitott rendelés*, nyitott orderek*, függőben lévő megbízás*
order history = megbízástörténet*, megbízások előzmény* ; history = előzmény*, történet*
cancelled = törölt*, törölve, visszavont*, visszavonva ; filled = teljesült*, teljesített*, végrehajtott*
expired = lejárt* ; rejected = elutasított*, elutasítva, elutasították ; trades = kereskedés*, ügylet*, tranzakció*
per trade = kereskedésenként*, ügyletenként*, tranzakciónként* ; fills = teljesülések
bought = vettem, vett, ?vette, vettünk, vettek, vásárolt*, megvett*, megvásárolt* ; buys = vásárlás*, vétel*
sold = eladtam, eladott*, eladta, eladtuk, adtam el, adott el ; sells = eladás*
profit = profitom, profitot, profitja, nyereség*, haszon, hasznom, hasznot, nyertem, kerestem
loss = veszteség*, vesztettem, bukta*, buktam ; pnl = eredmény*, nyereség és veszteség ; realized = realizált*
unrealized = nem realizált*, realizálatlan* ; position = pozíció* ; entry = belépés*, beszállás*
entry price = belépési ár, beszállási ár, bekerülési ár ; stop loss = stop-loss, stoploss*
target = célár*, célárfolyam*, =cél, céljai ; bot = botom, botot, bottal, botnak, botja, botod, botunk, botnál
running = ?fut, működik, ?megy ; is the bot running = fut a bot, fut-e a bot, működik a bot, megy a bot
on = bekapcsolva ; off = kikapcsolva ; status = állapot*, státusz* ; strategy = =stratégi*
mode = =mód, módban, üzemmód* ; last candle = utolsó gyertya* ; risk = kockázat*, rizikó*
limits = limitek, limitjei, korlát* ; risk limits = kockázati limit*, kockázati korlát* ; exposure = kitettség*
why = miért ; what stopped it = mi akadályozta meg, mi állította meg ; trend = trendje, trendben, irány*
trending = trendet ; bullish = emelkedő*, bikás ; bearish = csökkenő*, medvés, eső trend*
going up = emelkedik, felmegy, megy fel ; going down = csökken, lemegy, megy le
what do you think of = mit gondolsz, mi a véleményed, szerinted
should i buy = vegyek, vegyek-e, érdemes venni, érdemes vásárolni, megéri venni, érdemes most venni ; help = segítség
show me = mutasd, mutasd meg, mutass
what can you do = mit tudsz, mire vagy képes, miben tudsz segíteni, mit tudsz csinálni, mit kérdezhetek
today = ?ma, ?mai, =mai nap ; yesterday = tegnap ; this week = ezen a héten, e héten, a héten, ezen a hét
last week = múlt héten, múlt hét, előző héten, az elmúlt héten ; this month = ebben a hónapban, e hónapban, a hónapban
last month = múlt hónapban, előző hónapban ; last = utolsó*, legutóbbi*, elmúlt ; recent = friss*, legújabb*
days = napban, napot, napja, ?nap ; hours = =óra, =órában, =órát ; weeks = hetet, hétben ; since = óta
@days = hétfő, kedd, szerda, csütörtök, péntek, szombat, vasárnap ; since {day} = {day} óta ; since monday = hétfőtől
since tuesday = keddtől ; since wednesday = szerdától ; since thursday = csütörtöktől ; since friday = péntektől
since saturday = szombattól ; since sunday = vasárnaptól ; since yesterday = tegnap óta, tegnaptól
since the first of the month = hónap eleje óta, a hónap elejétől, hó eleje óta ; 2 = kettő, két ; 3 = három ; 4 = négy
5 = =öt ; 6 = ?hat ; 8 = nyolc ; 9 = kilenc ; 10 = tíz ; only = csak, csupán ; my = enyém, az én
what = ?mi, ?mit, milyen ; which = melyik, melyek ; and = ?és ; the = ?az, ?a ; what is = mi az, mi a
what about = és mi a helyzet, mi a helyzet, mi van a ; now = jelenleg, ?most, épp, éppen
tick size = tick méret*, tickméret* ; minimum quantity = minimális rendelési mennyiség, minimális mennyiség*
minimum quantity = minimum mennyiség*, legkisebb mennyiség*, minimális rendelési mennyiség* ; minimum = minimális
step size = lépésköz* ; decimals = tizedesjegy*, tizedes* ; trading rules = kereskedési szabály* ; rules = szabály*
24h change = 24 órás változás, napi változás ; lunch = ebéd* ; dinner = vacsor* ; food = étel*, kaja
weather = időjárás* ; football = ?foci, futball* ; movie = filmet, mozi*
bitcoin = bitcoino*, bitcoinj*, bitcoinn*, bitcoinr*, bitcoint ; bitcoin = bitcoinh*, bitcoinb*, bitcoinom
ethereum = ethereumo*, ethereumb*, ethereumj*, ethert ; solana = solana*
"""

# the spellings Swedish, Norwegian and Danish share: one gloss each in all three
_NORDIC = """
balance = saldo, saldot, saldoen, saldon ; account = konto, kontot, kontoen
price = ?pris, prisen, priset, kurs, kursen ; target = =mål, målet, kursmål ; free = fri, ?fria, ledig, ledige, lediga
locked = =låst, =låsta, =låste, bundet, bundna ; in usd = i dollar ; status = statusen
strategy = strategi, strategin, strategien ; risk = risken, risiko, risikoen ; weeks = uker
trades = handlene, handlerne, ?handler, transaktioner, transaktionerna, transaksjoner, transaksjonene
sold = solgte, solgt ; 3 = tre ; 5 = fem ; my = ?min, ?mitt, ?mine, ?mit, ?mina ; and = och, og ; is = =är, ?er
order = ordre ; orders = ordrar, ordrarna, ordrer, ordrene, ordrerne ; history = historik, historiken, historikk
order history = orderhistorik, ordrehistorik, ordrehistorikk ; last = senaste, sista, siste, sidste, seneste
why = varför, hvorfor ; help = hjälp, hjelp, hjælp ; dinner = ?middag ; food = ?mat, ?mad
weather = vädret, været, vejret ; since = ?sedan, siden ; today = idag, i dag ; yesterday = igår, i går
days = dagar, dager, dage, dagene, dagarna ; bot = ?boten, ?botten, roboten ; positions = positionen
position = positioner, posisjon, posisjonen, posisjoner ; exposure = exponering, eksponering
decimals = decimaler, desimaler ; trading rules = handelsregler ; rules = regler, reglerna, reglene, reglerne ; on = ?på
what = vad, hva, hvad ; which = vilka, vilken, vilket ; which = hvilke, hvilken, hvilket
only = ?bara, endast, enbart, ?kun, ?bare ; now = ?nu, =nå, just nu, akkurat nå, lige nu ; pnl = resultat, resultatet
football = fotboll, fotball, fodbold
"""

_SV = """
how much = hur mycket ; how many = hur många ; do i have = har jag ; do we have = har vi ; i have = jag har
holdings = innehav, innehavet ; all my holdings = hela mitt innehav, hela innehavet ; price = vad kostar ; my account = mitt konto ; whole account = hela kontot ; total = totalt, sammanlagt
total value = totalvärde, totalvärdet, totala värdet ; value = värde, värdet ; worth = =värt ; price = priser
available = tillgänglig, tillgängliga, tillgängligt ; open = öppna ; open orders = öppna ordrar, aktiva ordrar
open orders = väntande ordrar, öppna order ; cancelled = avbruten, avbrutna, avbröts, annullerad, annullerade
cancelled = makulerad, makulerade ; filled = utförd, utförda, fylld, fyllda, genomförd, genomförda
expired = utgången, utgångna, utgick ; rejected = avvisad, avvisade, nekad, nekade, avslogs
trades = affärer, affärerna, affären ; bought = köpte, köpt, köpta, har köpt ; sold = sålde, =sålt, =sålda
buys = =köpen, inköp, =inköpen ; sells = försäljningar, försäljningarna, försäljning
per trade = per affär, per transaktion ; profit = vinst, vinsten, vinster, tjänat, tjänade
loss = förlust, förlusten, förluster, förlorat, förlorade ; pnl = vinst och förlust ; realized = realiserad, realiserade
unrealized = orealiserad, orealiserade ; entry = =ingång, =ingången ; entry price = ingångspris, inköpspris, ingångskurs
running = igång, =körs ; is the bot running = är boten igång, körs boten, går boten ; on = påslagen, påslagen
off = avstängd, avslagen ; mode = =läge, =läget ; last candle = senaste ljuset, sista ljuset
limits = gränser, gränserna ; risk limits = riskgränser, riskgränserna, riskgränsen
what stopped it = vad stoppade den, vad hindrade den ; trend = trenden ; bullish = upptrend, haussartad
bearish = nedtrend, baissartad ; going up = stiger, går upp ; going down = sjunker, går ner
what do you think of = vad tycker du om, vad tror du om, vad anser du om
should i buy = borde jag köpa, ska jag köpa, bör jag köpa, lönar det sig att köpa ; show me = visa mig, ?visa
what can you do = vad kan du göra, vad kan du, vad kan jag fråga ; this week = denna vecka, den här veckan, i veckan
last week = förra veckan ; this month = denna månad, den här månaden, i månaden ; last month = förra månaden
hours = timmar, timmarna ; weeks = veckor ; @days = måndag, tisdag, onsdag, torsdag, fredag, lördag, söndag
since {day} = sedan {day}, sen {day}, från {day}, sedan i {day}s, sen i {day}s ; since yesterday = sedan igår, sedan i går
since the first of the month = sedan början av månaden, sedan månadsskiftet ; 2 = två ; 4 = fyra ; 6 = ?sex ; 7 = sju
8 = åtta ; 9 = nio ; 10 = ?tio ; what about = vad med, hur är det med ; tick size = tickstorlek
minimum quantity = minsta kvantitet, minsta mängd, minimikvantitet, minsta ordervolym ; step size = stegstorlek
24h change = förändring 24h, förändring senaste 24 timmarna ; football = fotbollen
"""

_NO = """
how much = hvor mye ; how many = hvor mange ; do i have = har jeg ; do we have = har vi ; i have = jeg har
holdings = beholdning, beholdningen ; my account = kontoen min, min konto ; whole account = hele kontoen
total = totalt, til sammen, samlet ; total value = totalverdi, totalverdien, samlet verdi ; value = ?verdi, ?verdien
worth = verdt ; available = tilgjengelig, tilgjengelige ; open = åpne ; open orders = åpne ordrer, aktive ordrer
cancelled = kansellert, kansellerte, avbrutt, annullert, annullerte, slettet ; filled = utført, utførte, fylt, fylte
filled = gjennomført ; expired = utløpt, utløpte, gikk ut ; rejected = avvist, avviste ; bought = kjøpte, kjøpt
buys = kjøpene ; sells = salg, salgene ; per trade = per handel
profit = gevinst, gevinsten, fortjeneste, tjent, tjente ; loss = ?tap, tapet, tapt, tapte ; pnl = gevinst og tap
realized = realisert ; unrealized = urealisert ; entry = inngang ; entry price = inngangspris, kjøpspris
running = kjører, i gang ; is the bot running = kjører boten, går boten, er boten i gang ; on = påslått
off = avslått, skrudd av ; mode = modus, modusen ; last candle = siste lys ; limits = grenser, grensene
risk limits = risikogrenser, risikogrensene, risikogrensen ; what stopped it = hva stoppet den ; trend = trenden
going up = stiger, går opp ; going down = synker, faller, går ned
what do you think of = hva tror du om, hva synes du om, hva mener du om
should i buy = bør jeg kjøpe, skal jeg kjøpe, burde jeg kjøpe, lønner det seg å kjøpe ; show me = vis meg
what can you do = hva kan du gjøre, hva kan du, hva kan jeg spørre om ; this week = denne uken, denne uka
last week = forrige uke, sist uke ; this month = denne måneden ; last month = forrige måned ; hours = timene, ?timer
@days = mandag, tirsdag, onsdag, torsdag, fredag, lørdag, søndag ; since {day} = siden {day}, fra {day}
since yesterday = siden i går, siden igår ; since the first of the month = siden starten av måneden, siden månedsskiftet
4 = ?fire ; 6 = ?seks ; 7 = sju, syv ; 8 = åtte ; 9 = ?ni ; 10 = ?ti ; what about = hva med, hva med
tick size = tickstørrelse ; minimum quantity = minste mengde, minimumsmengde, minste kvantum ; lunch = lunsj
"""

_DA = """
how much = hvor meget ; how many = hvor mange ; do i have = har jeg ; do we have = har vi ; i have = jeg har
holdings = beholdning, beholdningen ; my account = min konto ; whole account = hele kontoen
total = i alt, samlet, totalt ; value = værdi, værdien ; worth = værd ; available = tilgængelig, tilgængelige
open = åbne ; open orders = åbne ordrer ; cancelled = annulleret, annullerede, aflyst, slettet
filled = udført, udførte, gennemført ; expired = udløbet, udløbne ; rejected = afvist, afviste ; bought = købte, købt
buys = købene ; sells = salg, salgene ; per trade = per handel
profit = gevinst, gevinsten, fortjeneste, tjent, overskud ; loss = ?tab, tabet, tabt ; pnl = gevinst og tab
realized = realiseret ; unrealized = urealiseret ; entry price = indgangspris, købspris ; running = kører
is the bot running = kører botten, kører boten ; on = tændt ; off = slukket ; mode = tilstand, tilstanden
limits = grænser, grænserne ; risk limits = risikogrænser ; what stopped it = hvad stoppede den ; trend = trenden
going up = stiger ; going down = falder ; what do you think of = hvad synes du om, hvad tror du om, hvad mener du om
should i buy = skal jeg købe, bør jeg købe, burde jeg købe ; show me = vis mig
what can you do = hvad kan du, hvad kan du gøre, hvad kan jeg spørge om ; this week = denne uge, i denne uge
last week = sidste uge, i sidste uge ; this month = denne måned ; last month = sidste måned ; hours = timerne, ?timer
@days = mandag, tirsdag, onsdag, torsdag, fredag, lørdag, søndag ; since {day} = siden {day}, fra {day}
since yesterday = siden i går, siden igår ; since the first of the month = siden starten af måneden, siden månedsskiftet
6 = ?seks ; 7 = syv ; 8 = otte ; 9 = ?ni ; 10 = ?ti ; what about = hvad med
minimum quantity = minimumsmængde, mindste mængde ; lunch = frokost
"""

_ET = """
how much = kui palju, ?palju ; how many = mitu, kui mitu ; do i have = mul on, minul on, kas mul on
do we have = meil on ; balance = jääk, jääki, kontoseis, kontojääk ; account = kontol, kontot, kontole, kontolt, kontos
whole account = kogu konto ; total = kokku, kogusumma ; value = väärtus, väärtust ; worth = =väärt
price = ?hind, hinda, hinnad, hinna, kurss ; free = vaba, vabad ; available = saadaval, kättesaadav
locked = lukus, lukustatud, blokeeritud ; open = avatud ; orders = orderid, orderite, tellimused, tellimusi, korraldused
open orders = avatud orderid ; order history = tellimuste ajalugu, orderite ajalugu ; history = ajalugu, ajalugu
cancelled = tühistatud, tühistati, tühistasin ; filled = täidetud, täideti, teostatud ; expired = aegunud, aegus
rejected = tagasi lükatud, lükati tagasi, keeldutud ; trades = tehingud, tehinguid, tehingute, tehingut, tehingu
bought = ostsin, ostis, ostsid, ostetud, ostnud ; sold = müüsin, müüs, müüdi, müüdud, müünud ; buys = ostud
sells = müügid, müüke ; profit = kasum, kasumit, teenisin ; loss = kahjum, kahjumit, kaotus, kaotasin
pnl = kasum ja kahjum ; position = positsioon, positsiooni, positsioonid ; entry price = sisenemishind
target = sihthind ; bot = bott, boti, botti ; running = töötab, käib, käimas ; is the bot running = kas bott töötab
status = olek, staatus ; strategy = strateegia ; mode = režiim, režiimis ; risk = riski ; limits = limiidid, piirangud
risk limits = riskilimiidid ; why = miks ; trend = trendi, trendist, trendis ; bullish = tõusev, tõusutrend
bearish = langev, langustrend ; going up = tõuseb ; going down = langeb
what do you think of = mida arvad, mis sa arvad ; should i buy = kas peaksin ostma, kas tasub osta ; help = ?abi
show me = näita, näita mulle ; what can you do = mida sa oskad, mida sa teha oskad, mida sa teha saad ; today = =täna
yesterday = eile ; this week = sel nädalal, selle nädala ; last week = eelmisel nädalal, eelmise nädala
this month = sel kuul, selle kuu ; last month = eelmisel kuul, eelmise kuu ; last = viimased, viimase, viimasel, viimati
days = päeva, päevad ; hours = tundi, tunni ; since = alates
@days = esmaspäeva, teisipäeva, kolmapäeva, neljapäeva, reede, laupäeva, pühapäeva ; monday = esmaspäev
tuesday = teisipäev ; wednesday = kolmapäev ; thursday = neljapäev ; saturday = laupäev ; sunday = pühapäev
since {day} = alates {day}st, {day}st ; since yesterday = eilsest, alates eilsest, eilsest saadik ; 2 = kaks ; 3 = kolm
4 = neli ; 5 = viis ; 6 = kuus ; 7 = seitse ; 8 = kaheksa ; 9 = üheksa ; 10 = kümme ; only = ainult ; my = minu, ?mu
what = ?mis, mida ; what is = mis on, mis oli ; which = milline, millised ; is = ?on ; and = ?ja ; now = nüüd, praegu
tick size = tiki suurus ; minimum quantity = minimaalne kogus ; decimals = kümnendkohad
trading rules = kauplemisreeglid ; lunch = lõuna, lõunasöök ; weather = ilm, ilmateade ; football = jalgpall
bitcoin = bitcoini* ; eth = ethi ; sol = ?soli
"""

LEXICONS = {"fi": _FI, "hu": _HU, "sv": _NORDIC + _SV, "no": _NORDIC + _NO, "da": _NORDIC + _DA, "et": _ET}

# Patterns that reorder or span words, by script: (words one of which the text must have, regex,
# replacement), run before the lexicons.
RULES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "latin": (
        ("miksei", r"\bmiksei\b", "why didn't"),
        (
            "kannat|pitäis|pitais",
            r"\b(?:kannattaako|kannattaisiko|pitäisikö|pitaisiko)\s+(?:minun\s+)?((?:\S+\s+){0,3}?)(?:nyt\s+)?ostaa\b",
            r"should i buy \1",
        ),
        (
            "érdemes|erdemes|megéri",
            r"\b(?:érdemes|erdemes|megéri|megeri)\s+((?:\S+\s+){0,3}?)(?:venni|vásárolni)\b",
            r"should i buy \1",
        ),
        ("kas", r"\bkas\s+(?:tasub|peaksin)\s+((?:\S+\s+){0,3}?)osta(?:ma)?\b", r"should i buy \1"),
    ),
}

# A why and, a few words on, a negation: (why, negation, most words between) per language, by script.
WHY_NOT = {
    "latin": {
        "fi": (r"miksi|miks", r"ei|eikö|eiko|en", 4),
        "hu": (r"miért|miert", r"nem|semmit|sem", 4),
        "sv": (r"varför|varfor", r"inte|ingenting|inget|inga|aldrig", 4),
        "no": (r"hvorfor", r"ikke|ingenting|ingen|aldri|intet|aldrig", 4),
        "et": (r"miks", r"ei|midagi", 4),
    },
}

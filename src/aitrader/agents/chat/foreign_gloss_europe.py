"""The everyday question words of Czech, Romanian and Greek, with the English foreign_gloss.gloss() reads
them as (the syntax of a lexicon is in that module's docstring). Greek is written with its accents;
gloss() reads it with or without them, and its ";" as a question mark."""

from __future__ import annotations

_CS = """
how much = kolik, kolik je, za kolik ; do i have = =mám, ?mam ; do we have = máme ; holdings = aktiva, držím
balance = zůstatek, zůstatky, zůstatku, stav účtu ; account = účet, účtu, účtem ; my account = můj účet
whole account = celý účet, celého účtu, celém účtu ; total = celkem, celková, celkový, celkovou, celkově
value = hodnota, hodnotu, hodnoty ; how much is = kolik stojí ; how much is worth = kolik má hodnotu ; worth = hodnotu má
price = cena, cenu, ceny, kurz ; free = volné, volných, volný ; available = dostupné, k dispozici
locked = zamčené, zamčeno, zamčená, zablokované, zablokováno, blokované, blokováno, uzamčené, uzamčeno ; in usd = v dolarech ; in bitcoin = v bitcoinech
open orders = otevřené příkazy, otevřených příkazů, otevřené objednávky, aktivní příkazy, čekající příkazy
orders = příkaz*, objednávk* ; order history = historie příkazů, historii příkazů, historie objednávek
history = historie, historii ; cancelled = zrušen* ; filled = vyplněn*, proveden*, vykonan*
expired = vypršel*, expirovan*, propadl* ; rejected = zamítnut*, odmítnut*
trades = obchody, obchodů, obchod, obchodech ; fills = plnění ; bought = koupil*, nakoupil*
sold = prodal* ; buys = nákupy, nákupů ; sells = prodeje, prodejů ; per trade = na obchod
profit = zisk, zisky, zisku, vydělal* ; loss = ztráta, ztráty, ztrátu, prodělal* ; pnl = zisk a ztráta
realized = realizovan* ; position = pozice, pozici ; entry = vstup, vstupu ; entry price = vstupní cena
target = cíl, cílová cena ; bot = bota, botu, botovi ; running = běží, funguje ; on = zapnutý
off = vypnutý ; status = stav ; strategy = strategie, strategii ; mode = režim, režimu
last candle = poslední svíčka, poslední svíčku ; risk = riziko, rizika ; limits = limity
risk limits = limity rizika, rizikové limity ; exposure = expozice ; why = proč
what stopped it = co ho zastavilo, co mu zabránilo ; trend = vývoj ; bullish = býčí ; bearish = medvědí
should i buy = mám koupit, měl bych koupit, vyplatí se koupit ; help = pomoc, nápověda
what can you do = co umíš, co dokážeš, co můžeš dělat, s čím mi pomůžeš, co všechno umíš, co všechno dokážeš, s čím mi můžeš pomoct, s čím mi můžeš pomoci, co všechno zvládneš
today = dnes, dneska ; yesterday = včera ; this week = tento týden, tenhle týden, tento týden
last week = minulý týden ; this month = tento měsíc, tenhle měsíc ; last month = minulý měsíc
last = poslední, posledních ; recent = nedávné ; days = dny, dní, dnů ; hours = hodin, hodiny
since = ?od ; since yesterday = od včera ; since the first of the month = od prvního, od začátku měsíce
@days = pondělí, úterý, středa/~středy, čtvrtek/~čtvrtka, pátek/~pátku, sobota/~soboty, neděle
since {day} = od {day}
2 = dva, dvě ; 3 = tři ; 4 = čtyři ; 5 = =pět ; 10 = deset ; only = jen, jenom, pouze ; my = můj, moje, moji, mých, ?mé
what about = ?a co ; and = ?a ; what = ?co, jaký, jaká, =jaké ; which = který, která, které ; is = ?je
now = =teď, nyní, aktuálně ; tick size = velikost ticku ; minimum quantity = minimální množství
step size = velikost kroku ; decimals = desetinná místa ; trading rules = obchodní pravidla
24h change = změna za 24 hodin ; lunch = oběd ; dinner = večeře ; food = jídlo ; weather = počasí
football = fotbal ; bitcoin = bitcoinu, bitcoinů, bitcoiny ; ethereum = etherea, etheru
"""

_RO = """
how much = ?cât, ?câtă, câți, câte ; how much is = cât costă ; how much is worth = cât valorează, cât face
do i have = ?am, am eu ; do we have = avem ; holdings = dețin, dețineri, deținerile ; balance = soldul, ?sold
account = cont, contul, contului ; my account = contul meu ; whole account = tot contul, întregul cont, contul întreg
total = =în total ; value = valoare, valoarea ; worth = valorează ; price = preț, prețul, prețuri, prețurile, cotația
open = deschise, deschis, deschisă ; free = liber, libere, liberi ; available = disponibil, disponibile, disponibili ; locked = blocat, blocate, blocați
in usd = în dolari ; usd = dolari ; in bitcoin = în bitcoin
open orders = ordine deschise, ordinele deschise, ordine în așteptare, ordine active, comenzi deschise
order = ordine, ordinul ; orders = ordinele, comenzi, comenzile ; order history = istoricul ordinelor, istoric ordine
history = istoric, istoricul ; cancelled = anulat, anulate, anulată, anulați
filled = executat, executate, executată, executați ; expired = expirat, expirate, expirată, expirați
rejected = respins, respinse, respinsă, refuzat, refuzate ; trades = tranzacții, tranzacțiile, tranzacție
bought = a cumpărat, am cumpărat, au cumpărat, cumpărate ; sold = a vândut, am vândut, au vândut, vândute
buys = cumpărări, cumpărările, achiziții, achizițiile ; sells = vânzări, vânzările ; per trade = pe tranzacție
profit = profitul, câștig, câștigul, câștiguri, am câștigat, a câștigat ; loss = pierdere, pierderea, pierderi, am pierdut
realized = realizat, realizate ; position = poziție, poziția, pozițiile, poziții ; entry = intrare, intrarea
entry price = prețul de intrare, preț de intrare ; target = țintă, ținta ; bot = botul, botului
running = rulează, funcționează ; on = pornit ; off = oprit ; status = ?stare, starea, statusul
strategy = strategie, strategia ; mode = modul ; last candle = ultima lumânare ; risk = risc, riscul
limits = limite, limitele ; risk limits = limitele de risc, limite de risc ; exposure = expunere, expunerea
why = de ce ; what stopped it = ce l-a oprit, ce l-a împiedicat ; trend = tendința, tendință
bullish = ascendent, ascendentă ; bearish = descendent, descendentă
should i buy = ar trebui să cumpăr, merită să cumpăr, să cumpăr ; help = ajutor
what can you do = ce poți face, ce poți să faci, ce știi să faci ; today = azi, astăzi ; yesterday = ieri
this week = săptămâna asta, săptămâna aceasta ; last week = săptămâna trecută ; this month = luna asta, luna aceasta
last month = luna trecută ; last = ultimele, ultimul, ultima, ultimii ; recent = recente ; days = zile
hours = ?ore ; weeks = săptămâni ; since = ?din ; since the first of the month = de la începutul lunii, de la 1 ale lunii
@days = ~luni, marți, miercuri, ~joi, vineri, sâmbătă, duminică
since {day} = de {day}, din {day}, de {day} încoace
2 = doi, două ; 3 = trei ; 4 = patru ; 5 = cinci ; 10 = zece ; only = doar, numai
my = meu, mea, mei, mele ; what = ?ce ; which = ?care ; is = ?este, ?e ; and = =și, ?si ; or = ?sau ; now = acum, în prezent
tick size = mărimea tick-ului ; minimum quantity = cantitatea minimă, cantitate minimă ; step size = pasul
decimals = zecimale ; trading rules = regulile de tranzacționare, reguli de tranzacționare, regulile de trading
rules = reguli, regulile ; 24h change = variația pe 24h, schimbarea în 24h ; lunch = prânz, prânzul
dinner = cina, cină ; food = mâncare ; weather = vremea ; football = fotbal
"""

_EL = """
how much = πόσο, πόσα, πόση ; how many = πόσες, πόσοι ; do i have = έχω ; do we have = έχουμε
balance = υπόλοιπο, υπόλοιπα ; holdings = κατέχω ; account = λογαριασμός, λογαριασμού, λογαριασμό
whole account = ολόκληρος ο λογαριασμός, ολόκληρου του λογαριασμού, όλος ο λογαριασμός, όλου του λογαριασμού
total = συνολικά, σύνολο, συνολική, συνολικός ; value = αξία ; worth = αξίζει, αξίζουν ; price = τιμή, τιμές, τιμής
free = ελεύθερα, ελεύθερο ; available = διαθέσιμα, διαθέσιμο ; locked = κλειδωμένα, δεσμευμένα
in usd = σε δολάρια ; usd = δολάρια, δολάριο ; in bitcoin = σε μπιτκόιν
open orders = ανοιχτές εντολές, ανοικτές εντολές, εκκρεμείς εντολές, ενεργές εντολές
orders = εντολές, εντολή, εντολών ; order history = ιστορικό εντολών ; history = ιστορικό
cancelled = ακυρωμένες, ακυρωμένη, ακυρώθηκαν, ακυρώθηκε ; filled = εκτελεσμένες, εκτελέστηκαν, εκτελέστηκε
expired = έληξαν, έληξε, ληγμένες ; rejected = απορρίφθηκαν, απορρίφθηκε, απορριφθείσες
trades = συναλλαγές, συναλλαγών, συναλλαγή ; per trade = ανά συναλλαγή ; bought = αγόρασα, αγοράσαμε ; bot bought = bot αγόρασε, μποτ αγόρασε
sold = πούλησα, πουλήσαμε ; bot sold = bot πούλησε, μποτ πούλησε ; buys = αγορές ; sells = πωλήσεις
profit = κέρδος, κέρδη, κέρδισα ; loss = ζημιά, ζημία, ζημιές, απώλεια, απώλειες, έχασα ; pnl = κέρδη και ζημιές
realized = πραγματοποιημένα, πραγματοποιημένο ; position = θέση, θέσεις ; entry = είσοδος, εισόδου
entry price = τιμή εισόδου ; target = στόχος ; bot = ρομπότ, μποτ ; running = τρέχει, λειτουργεί
on = ενεργό, αναμμένο ; off = σβηστό ; status = κατάσταση ; strategy = στρατηγική ; mode = λειτουργία
last candle = τελευταίο κερί ; risk = ρίσκο, κίνδυνος ; limits = όρια ; risk limits = όρια ρίσκου, όρια κινδύνου
exposure = έκθεση ; why = γιατί ; what stopped it = τι το σταμάτησε, τι το εμπόδισε ; trend = τάση
bullish = ανοδική, ανοδικός, ανοδικό ; bearish = καθοδική, πτωτική, πτωτικός
should i buy = να αγοράσω, πρέπει να αγοράσω, αξίζει να αγοράσω ; help = βοήθεια
what can you do = τι μπορείς να κάνεις, τι μπορείτε να κάνετε, τι ξέρεις να κάνεις
today = σήμερα ; yesterday = χθες, χτες ; this week = αυτή την εβδομάδα, αυτή τη βδομάδα, αυτή την βδομάδα
last week = την προηγούμενη εβδομάδα, την περασμένη εβδομάδα, προηγούμενη εβδομάδα
this month = αυτόν τον μήνα, αυτό το μήνα, αυτόν το μήνα ; last month = τον προηγούμενο μήνα, τον περασμένο μήνα
last = τελευταίες, τελευταίους, τελευταία, τελευταίο ; recent = πρόσφατες, πρόσφατα ; days = ημέρες, μέρες
hours = ώρες ; since = από ; since yesterday = από χθες ; since the first of the month = από την αρχή του μήνα, από την 1η του μήνα
@days = δευτέρα, ~τρίτη, τετάρτη, ~πέμπτη, παρασκευή, σάββατο, κυριακή
since {day} = από τη {day}, από την {day}, από το {day}
2 = δύο ; 3 = τρεις, τρία ; 4 = τέσσερις ; 5 = πέντε ; 10 = δέκα ; only = μόνο ; my = μου ; what = τι
which = ποιες, ποια, ποιο, ποιος ; is = είναι ; and = και ; the = το, τα, η, οι, τη, την, τον, τις ; of the = του, της, των
what about = και τι γίνεται με ; now = τώρα, αυτή τη στιγμή ; tick size = μέγεθος tick
minimum quantity = ελάχιστη ποσότητα ; decimals = δεκαδικά ; trading rules = κανόνες συναλλαγών
lunch = μεσημεριανό ; dinner = βραδινό ; food = φαγητό ; eat = φάω ; weather = καιρός ; football = ποδόσφαιρο
movie = ταινία ; bitcoin = μπιτκόιν ; ethereum = εθέριουμ ; solana = σολάνα
"""

LEXICONS = {"cs": _CS, "ro": _RO, "el": _EL}

# Patterns that reorder or span words, by script: (words one of which the text must have, regex,
# replacement), run before the lexicons.
RULES: dict[str, tuple[tuple[str, str, str], ...]] = {}

# A why and, a few words on, a negation: (why, negation, most words between) per language, by script.
WHY_NOT = {
    "latin": {
        "cs": (
            r"proč|proc",
            r"ne(?:koupil|prodal|obchodoval|udělal|udelal|vstoupil|otevřel|otevrel|nakoupil)\w*|nic",
            4,
        ),
        "ro": (r"de\s+ce", r"nu|n-a|n-au|n-am", 4),
    },
    "greek": {"el": (r"γιατί|γιατι", r"δεν|δε|μην", 4)},
}

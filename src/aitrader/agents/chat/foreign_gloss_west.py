"""The everyday question words of Spanish, Portuguese, French, Italian, German and Dutch, with the
English foreign_gloss.gloss() reads them as (the syntax of a lexicon is in that module's docstring)."""

from __future__ import annotations

# Short words Spanish, Portuguese, French and Italian share. "de" is read wherever it stands ("de ETH"
# is "of eth"; not "de-risk"); the others, that are English too ("la", "mi", "lo"), only in a line that
# has a strong word of one of those languages ("mi cuenta").
_ROMANCE = """
my = ?mi, ?mes, ?mia ; of = de, del, des, ?di ; the = ?el, ?la, ?los, ?las, ?le, ?les, ?il, ?lo
"""

_ES = """
and how much = y cuánto, y cuánta, y cuántos, y cuántas ; how much = cuánto, cuánta, cuánto es
how many = cuántos, cuántas
since i started = desde que empecé, desde que comencé, desde que arranqué, desde el inicio, desde el principio, desde siempre
what is the price of = a cuánto está, a cómo está, a cuánto anda, a cómo anda, a cuánto, a cómo, a cuánto cotiza
how much is worth = cuánto vale, cuánto valen, cuánto cuesta, cuánto cuestan
is everything worth = vale todo ; do i have = tengo ; do we have = tenemos ; are there = ?hay
balance = saldo, saldos ; holdings = tenencias ; coins = monedas, criptos, criptomonedas
account = cuenta, mi cuenta ; in total = en total ; value = valor ; worth = ?vale, valen
portfolio = portafolio, cartera ; price = precio, precios, cotización
open orders = órdenes abiertas, órdenes pendientes, órdenes activas, orden abierta, órdenes en curso
open = abiertas, abiertos, abierta, abierto ; open positions = posiciones abiertas
buy orders = órdenes de compra ; sell orders = órdenes de venta ; orders = órdenes ; order = orden
order history = historial de órdenes, historial
cancelled = canceladas, cancelada, cancelados, cancelado, anuladas, anulada, se cancelaron
filled = ejecutadas, ejecutada, ejecutados, completadas, se llenó, se ejecutó, llenadas
expired = expiradas, expirada, vencidas, caducadas
rejected = rechazadas, rechazada, rechazado, rechazados, rechazaron, rechazó
trades = operaciones, transacciones ; trade = operación, transacción ; traded = operó, operé
bought = compró, =compré, compramos, compraron, compraste, ha comprado, he comprado, hemos comprado
sold = vendió, =vendí, vendimos, vendieron, vendiste, ha vendido, he vendido
buys = compras ; sells = ventas, venta
profit = ganancia, ganancias, beneficio, beneficios, utilidades, he ganado, hemos ganado, gané, ganamos, ganado
loss = pérdida, pérdidas, perdí, he perdido, perdimos, perdió
pnl = ganancias y pérdidas, pérdidas y ganancias ; positions = posiciones ; position = posición
entry = entrada ; entry price = precio de entrada ; entered = entró ; target = objetivo, toma de ganancias
running = funcionando, corriendo, prendido, encendido
is the bot running = estás funcionando, funciona el bot, el bot funciona
stopped = apagado, parado ; status = estado ; strategy = estrategia ; mode = modo ; live mode = modo real
paper = papel, simulado ; risk = riesgo, riesgos ; risking = arriesgando, arriesga, arriesgas, arriesgo ; per trade = por operación, por trade ; exposure = exposición
why = por qué, porqué, ?porque, pq ; trend = tendencia ; bullish = alcista ; bearish = bajista
will it go up or down = sube o baja ; will it go up = va a subir ; will it go down = va a bajar
what do you think of = qué piensas de, qué opinas de, qué opinas, qué piensas, cómo ves, qué te parece
do you think = crees que
should i buy = debería comprar, debo comprar, conviene comprar
is it a good time to buy = vale la pena comprar, es buen momento para comprar
analysis = análisis ; today = hoy ; yesterday = ayer ; this week = esta semana
last week = la semana pasada, semana pasada ; this month = este mes ; last month = el mes pasado, mes pasado
last = último, última, últimos, últimas ; recent = recientes, reciente ; days = días ; hours = horas
weeks = semanas ; since = desde
@days = lunes, martes, miércoles, jueves, viernes, sábado, domingo
since {day} = desde el {day}, desde {day}
help = ayuda
what can you do = qué puedes hacer, qué puedo preguntarte, qué puedo preguntar, qué cosas puedo preguntarte, qué te puedo preguntar, qué cosas te puedo preguntar, en qué me puedes ayudar
show me = muéstrame, enséñame, =muestrame ; show = muestra ; my = mis
only = =sólo, solamente, nomás, únicamente, ?solo ; minimum = mínimo, mínima, lo mínimo
minimum notional = monto mínimo ; tick size = tamaño de tick, tamaño del tick
trading rules = reglas de trading, reglas de negociación ; rules = reglas
now = ahora, ahora mismo, ahorita ; in usd = en dólares ; usd = dólares, dólar
available = disponible, disponibles ; locked = bloqueado, bloqueados, bloqueada, bloqueadas
unrealized = no realizado, no realizada, no realizados, no realizadas
what = =qué, ?que ; which = cuál, cuáles ; how = =cómo, ?como ; is = =está, ?esta ; are = están ; and = ?y
with = ?con ; in = ?en ; everything = ?todo ; was = ?fue ; has = tiene
free = libre, libres ; pending = pendientes, pendiente ; whole account = toda la cuenta, toda mi cuenta, cuenta entera, cuenta completa
net worth = patrimonio ; in bitcoin = en bitcoin, en btc ; fills = ejecuciones ; realized = realizada, realizadas, realizado, realizados
24h change = cambio en 24h, variación en 24 horas, variación de 24h, variación 24h ; step size = tamaño de paso ; decimals = decimales
minimum quantity = cantidad mínima ; on = encendida ; last candle = última vela ; heartbeat = latido ; limits = límites
risk limits = límites de riesgo ; what stopped it = qué lo detuvo, qué lo frenó, qué se lo impidió
since the first of the month = desde el primero de mes, desde principio de mes, desde inicios de mes ; 2 = ?dos ; 3 = tres ; 5 = cinco ; 10 = diez
what about = y qué hay de, qué tal ; lunch = almuerzo, almorzar ; dinner = cenar ; breakfast = desayuno ; food = comida
eat = comer ; weather = clima ; football = fútbol ; movie = película
january = enero ; february = febrero ; march = marzo ; april = abril ; may = ?mayo ; june = junio ; july = julio ; august = agosto
september = septiembre, setiembre ; october = octubre ; november = noviembre ; december = diciembre ; and also = y aparte, y además
how does this work = cómo funciona esto, cómo funciona, cómo se usa esto, cómo se usa ; show me = dame el, dame la, dame los, dame las, dame mi, dame mis
what can you do = para qué sirves, para qué sirve esto, para qué sirve este bot ; what can i ask = qué le puedo preguntar, qué puedo preguntarle, qué preguntas puedo hacer, qué preguntas le puedo hacer, qué se puede preguntar
translate = traduce, traduceme, tradúceme, traducir, traducción, traduce-me ; good night = buenas noches
"""

_PT = """
how much = quanto, quanta ; how many = quantos, quantas ; how much is = quanto tá, quanto está, quanto custa
how much is worth = quanto vale ; in usd = em dólares, em dolares, em dólar, in dollari
what was = qual foi ; do i have = tenho, eu tenho ; do we have = temos ; has = ?tem ; i own = possuo
balance = saldo, saldos ; holdings = ativos ; coins = moedas ; account = conta
in total = ao todo, em total ; value = valor ; portfolio = carteira ; price = preço, preços, cotação
open orders = ordens abertas, ordens em aberto, ordens pendentes, ordens ativas, ordem aberta
open = abertas, abertos, aberta, aberto ; open positions = posições abertas
buy orders = ordens de compra ; sell orders = ordens de venda ; orders = ordens, pedidos ; order = ordem
order history = histórico de ordens ; history = histórico
cancelled = canceladas, cancelada, cancelados, cancelado
filled = executadas, executada, executados, executado, preenchidas, preenchida
expired = expiradas, expirada, expirados, vencidas, expiraram, expirou, venceram
rejected = rejeitadas, rejeitada, rejeitado, rejeitados, recusada, recusadas, recusado
trades = operações, negociações, transações ; trade = operação, negociação, transação
bought = comprou, comprei, compramos, compraram ; sold = vendeu, vendemos, venderam ; buys = compras
sells = vendas
profit = lucro, lucros, ganhos, ganhei, ganhamos, ganhou, lucrei, lucrou
loss = perda, perdas, prejuízo, prejuízos, perdi, perdemos, perdeu
pnl = lucro e prejuízo, ganhos e perdas, lucros e perdas ; position = posição ; positions = posições
entry = entrada ; entry price = preço de entrada ; entered = entrou ; target = alvo ; bot = robô
running = rodando, funcionando, ligado ; stopped = desligado, parado ; status = estado
strategy = estratégia ; mode = modo ; live = ao vivo ; live mode = modo real ; paper = papel, simulado
per trade = por operação, por trade ; risk = risco, riscos ; am i risking = tô arriscando, to arriscando, estou arriscando, tou arriscando, estamos arriscando ; exposure = exposição ; exposed = exposto, exposta
why = por que, por quê, porquê, pq ; trend = tendência ; bullish = em alta, de alta
bearish = em baixa, de baixa ; will it go up = vai subir ; will it go down = vai cair
what do you think of = o que você acha de, o que você acha do, o que você acha da, o que acha de, o que acha do, o que acha da, o que vc acha de, o que vc acha do, o que você acha, o que vc acha, o que o bot acha do, o que o bot acha da, o que o bot acha de, o bot acha do, o bot acha da
should i buy = devo comprar, vale a pena comprar ; analysis = análise ; today = hoje ; yesterday = ontem
this week = esta semana, essa semana, nesta semana, nessa semana, dessa semana, desta semana, da semana, na semana
last week = semana passada, na semana passada
this month = este mês, esse mês, neste mês, nesse mês, deste mês, desse mês
last month = mês passado, no mês passado ; month = =mês ; last = último, última, últimos, últimas
recent = recentes ; days = dias ; since = desde
@days = ~segunda/~segunda-feira, ~terça/~terça-feira, ~quarta/~quarta-feira, ~quinta/~quinta-feira, ~sexta/~sexta-feira, sábado, domingo
since {day} = desde {day}, desde a {day}, desde o {day}
help = ajuda
what can you do = o que você consegue fazer, o que você pode fazer, o que você faz, o que vc faz, o que vc pode fazer, o que posso perguntar
show me = me mostra, me mostre, mostre-me, mostra-me ; show = mostre ; my = meus, minhas, meu, minha
only = =só, somente, apenas ; minimum = mínimo, mínima
trading rules = regras de negociação, regras de trading ; rules = regras ; now = agora, agora mesmo
available = disponível, disponíveis ; locked = travado, travados ; you = você, vc ; is = =tá ; what = o que ; the = ?o, ?os
which = qual, quais ; with = ?com ; and = ?e ; or = ?ou
free = livre, livres ; pending = pendente ; whole account = conta toda, conta inteira, toda a conta ; in bitcoin = em bitcoin, em btc
fills = execuções ; realized = realizado, realizados, realizada ; unrealized = não realizado, não realizada
24h change = variação em 24h, variação de 24 horas, variação 24h ; tick size = tamanho do tick ; step size = tamanho do passo
decimals = casas decimais ; minimum quantity = quantidade mínima ; last candle = último candle, última vela ; limits = limites
risk limits = limites de risco ; what stopped it = o que impediu, o que o impediu ; sells = de venda ; buys = de compra
since the first of the month = desde o início do mês, desde o dia 1 ; 2 = dois, duas ; 3 = três ; 5 = cinco ; 10 = dez
what about = e quanto a ; lunch = almoço ; dinner = jantar ; breakfast = café da manhã ; food = comida ; eat = comer
football = futebol ; movie = filme
january = janeiro ; february = fevereiro ; march = março ; june = junho ; july = julho ; september = setembro ; october = outubro
november = novembro ; december = dezembro ; the ones that were = as que foram, os que foram, as que estão, os que estão
translate = traduza, traduzir, tradução, traduz ; what can i ask = o que eu posso perguntar, o que posso te perguntar ; how does this work = como funciona isso
"""

_FR = """
how much = combien, combien de, combien d'
how much of it do i have = combien j'en ai, combien en ai-je, combien j'en possède
do i have = j'ai, ai-je, est-ce que j'ai, est-ce que je possède, je possède
how much is worth = combien vaut, combien valent ; how much is = combien coûte ; balance = solde, soldes
holdings = avoirs ; coins = cryptomonnaies ; account = compte, mon compte ; in total = au total, en tout
value = valeur ; worth = vaut, valent ; portfolio = portefeuille ; price = prix, cours
open orders = ordres ouverts, ordres en cours, ordres en attente, ordres actifs, ordre ouvert
buy orders = ordres d'achat ; sell orders = ordres de vente ; orders = ordres ; order = ordre
order history = historique des ordres, historique d'ordres ; history = historique
cancelled = annulés, annulées, =annulé, annulée ; filled = =exécutés, exécutées, =exécuté, exécutée, remplis
expired = =expirés, expirées, =expiré, expirée
rejected = rejetés, rejetées, rejeté, rejetée, =refusé, refusée, =refusés, refusées
bought = =acheté, =achetés, achetée, a acheté, ai acheté, as acheté, avons acheté
sold = vendu, vendus, vendue, a vendu, ai vendu ; buys = achats ; sells = ventes
profit = bénéfice, bénéfices, gagné, j'ai gagné ; loss = perte, pertes, perdu, j'ai perdu
pnl = pertes et profits, profits et pertes, gains et pertes ; entry = =entrée ; entry price = prix d'entrée
entered = =entré, est entré ; target = objectif, cible ; running = tourne, fonctionne, en marche
is the bot running = le bot tourne, le bot fonctionne, est-ce que le bot tourne
status = statut, état ; strategy = stratégie ; live = =réel, en réel ; paper = papier
per trade = par trade, par transaction, par opération ; is it = est-il ; did it = a-t-il ; risk = risque, risques ; why = pourquoi ; trend = tendance ; bullish = haussier, haussière
bearish = baissier, baissière ; will it go up = va monter ; go up = monter ; go down = baisser
what do you think of = que penses-tu de, que penses-tu du, tu penses quoi de, tu penses quoi du, qu'en penses-tu, que pensez-vous de, ton avis sur, votre avis sur
should i buy = devrais-je acheter, est-ce que je devrais acheter, je devrais acheter
today = aujourd'hui ; yesterday = hier ; this week = cette semaine, de la semaine, cette semaine-ci ; last week = de la semaine dernière, de la semaine passée
last week = la semaine dernière, semaine dernière, la semaine passée, semaine passée ; this month = ce mois, ce mois-ci
last month = le mois dernier, mois dernier ; last = dernier, dernière, derniers, dernières
recent = =récent, =récents, récente, récentes ; days = jours ; hours = heures ; weeks = semaines
since = depuis ; since the beginning = depuis le début
@days = lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche
since {day} = depuis {day}
help = aide-moi, de l'aide
what can you do = que peux-tu faire, tu peux faire quoi, tu sers à quoi, que sais-tu faire, qu'est-ce que tu peux faire, que pouvez-vous faire
show me = montre-moi, montrez-moi, affiche-moi ; show = montre, affiche ; my = ?mon, ?ma
only = seulement, uniquement ; minimum = minimale ; minimum notional = montant minimum
tick size = pas de prix, taille du tick ; trading rules = règles de trading, règles de négociation
rules = règles ; now = maintenant, en ce moment, actuellement ; in usd = en dollars ; per trade = sur chaque opération, par opération, sur chaque trade, par trade, par transaction, sur chaque transaction ; each = chaque ; how much do i risk = combien je risque, combien d'argent je risque, combien je risque d'argent ; how long = depuis combien de temps, combien de temps ; in bitcoin = en bitcoins, en bitcoin, en btc
available = disponible, disponibles ; locked = bloqué, bloqués, bloquée
unrealized = latente, latentes, non réalisé, non réalisés, non réalisée
what = qu'est-ce que, quoi, quel, quelle, quels, quelles ; with = avec ; is = ?est ; are = ?sont ; open = ouvert, ouverts, ouverte, ouvertes
what is = c'est quoi, qu'est-ce que c'est ; total = totale ; and = ?et ; or = ?ou ; the = ?l' ; of = ?d'
free = libre, libres ; whole account = tout le compte, compte entier, l'ensemble du compte ; net worth = patrimoine
in bitcoin = en bitcoin, en btc ; fills = =exécutions ; realized = réalisé, réalisés, réalisée ; 24h change = variation sur 24h, variation 24h
step size = pas de quantité ; decimals = décimales ; minimum quantity = quantité minimale ; on = allumé ; off = éteint
last candle = dernière bougie ; limits = limites ; risk limits = limites de risque ; exposure = exposition
what stopped it = qu'est-ce qui l'a empêché, qu'est-ce qui l'a bloqué ; since the first of the month = depuis le début du mois, depuis le 1er
2 = deux ; 3 = trois ; 5 = cinq ; 10 = dix ; what about = et pour ; lunch = déjeuner ; dinner = =dîner ; food = repas, nourriture
eat = manger ; weather = météo ; recipe = recette
january = janvier ; february = février ; march = ?mars ; april = avril ; may = ?mai ; june = juin ; july = juillet ; august = août
september = septembre ; october = octobre ; november = novembre ; december = décembre ; only = juste ; those = ceux, celles, ceux-là
on = ?sur ; i have = jai ; profit = gagner ; translate = traduis, traduisez, traduis-moi, traduisez-moi, traduire, traduction ; good night = bonne nuit
how much did i make = j'ai gagné combien, jai gagné combien, jai gagner combien, j'ai gagner combien, combien j'ai gagné, combien jai gagné, combien j'ai gagner
what can i ask = qu'est-ce que je peux te demander, que puis-je te demander, que puis-je demander, que puis-je vous demander, qu'est-ce que je peux vous demander, je peux demander quoi
"""

_IT = """
how much = quanto, quanta ; how many = quanti, quante ; how much is worth = quanto vale
how much is = quanto costa ; do i have = ?ho, ho io ; do we have = abbiamo ; i own = possiedo
account = conto ; in total = in totale ; total = totale ; value = valore ; portfolio = portafoglio
price = prezzo, prezzi, quotazione
open orders = ordini aperti, ordini in sospeso, ordini pendenti, ordini attivi, ordine aperto
buy orders = ordini di acquisto ; sell orders = ordini di vendita ; orders = ordini ; order = ordine
order history = storico ordini, storico degli ordini, cronologia ordini
history = storico, cronologia
cancelled = cancellati, cancellato, cancellata, cancellate, annullati, annullato, annullata, annullate
filled = eseguiti, eseguito, eseguita, eseguite ; expired = scaduti, scaduto, scaduta, scadute
rejected = rifiutati, rifiutato, rifiutata, rifiutate, respinto, respinta, respinti
trades = operazioni, transazioni ; trade = operazione
bought = comprato, comprati, ha comprato, ho comprato, acquistato, ha acquistato
sold = venduto, venduti, ha venduto, ho venduto ; buys = acquisti ; sells = vendite
profit = profitto, profitti, guadagno, guadagni, guadagnato, ho guadagnato
loss = perdita, perdite, ho perso ; pnl = profitti e perdite ; position = posizione ; positions = posizioni
entry = entrata, ingresso ; entry price = prezzo di entrata, prezzo di ingresso ; entered = entrato
target = obiettivo ; running = funziona, in esecuzione ; status = stato ; strategy = strategia
mode = modalità ; live = reale, in reale ; paper = simulazione ; per trade = per operazione ; risk = rischio, rischi
exposure = esposizione ; why didn't it trade = perché è fermo, perche e fermo, perché sta fermo, perché è rimasto fermo ; why = perché, perchè, come mai ; trend = tendenza ; moving sideways = in fase laterale, in laterale, lateralizzato, lateralizzando ; bullish = rialzista
bearish = ribassista ; will it go up = salirà ; go up = salire ; go down = scendere
what do you think of = cosa ne pensi di, che ne pensi di, cosa pensi di, cosa ne pensi, che ne pensi
should i buy = dovrei comprare, conviene comprare, devo comprare
analysis = analisi ; today = oggi ; yesterday = ieri ; this week = questa settimana
last week = la settimana scorsa, settimana scorsa ; this month = questo mese
last month = il mese scorso, mese scorso ; last = ultimo, ultima, ultimi, ultime ; recent = recenti
days = giorni ; hours = ?ore ; weeks = settimane ; since = ?da, dal
@days = lunedì, martedì, mercoledì, giovedì, venerdì, sabato, domenica
since {day} = da {day}, dal {day}
help = aiuto
what can you do = cosa puoi fare, che cosa puoi fare, cosa sai fare
show me = mostrami, fammi vedere ; my = miei, mie, mio ; only = soltanto ; minimum = minimo, minima
trading rules = regole di trading ; rules = regole ; now = adesso, in questo momento, ?ora
available = disponibili ; is = =è ; are = ?sono ; which = quale, quali ; and = ?e ; with = ?con ; the = ?l'
of the = ?dell', ?dello, ?della, ?delle, ?degli
at what price = a che prezzo ; free = liberi, libero, libera, libere ; available = disponibile ; locked = bloccati, bloccato, bloccata, bloccate
whole account = tutto il conto, intero conto, conto intero ; in usd = in dollari ; open = aperti, aperto, aperta, aperte
fills = esecuzioni ; realized = realizzato, realizzati ; unrealized = non realizzato, non realizzati ; 24h change = variazione 24h, variazione nelle 24 ore
tick size = dimensione del tick ; decimals = decimali ; minimum quantity = quantità minima ; on = acceso ; off = spento
last candle = ultima candela ; limits = limiti ; risk limits = limiti di rischio ; what stopped it = cosa l'ha fermato, cosa lo ha fermato
since the first of the month = dall'inizio del mese, dal primo del mese ; 2 = ?due ; 3 = tre ; 5 = cinque ; 10 = dieci
what about = e invece ; lunch = pranzo ; breakfast = colazione ; food = cibo ; eat = mangiare ; weather = meteo
football = calcio ; balance = saldo
january = gennaio ; february = febbraio ; march = marzo ; april = aprile ; may = maggio ; june = giugno ; july = luglio ; august = agosto
september = settembre ; october = ottobre ; november = novembre ; december = dicembre ; translate = traduci, tradurre, traduzione
"""

_DE = """
how much = wie viel, wieviel ; how many = wie viele ; do i have = habe ich, hab ich, besitze ich
do we have = haben wir ; i have = ich habe ; balance = guthaben, kontostand, saldo
holdings = bestand, bestände, vermögen ; account = konto
account total worth = mein konto insgesamt wert, konto insgesamt
total = insgesamt, gesamt ; total value = gesamtwert ; worth = wert ; price = preis, preise, kurs, kurse
costs = kostet ; what is the price of = was kostet
open orders = offene aufträge, offenen aufträge, offene orders, offenen orders, offene order
buy orders = kaufaufträge, kauforders ; sell orders = verkaufsaufträge, verkaufsorders ; orders = aufträge
order = auftrag
order history = orderhistorie, auftragshistorie, order-historie, orderverlauf
history = historie, verlauf
cancelled = storniert, stornierte, stornierten, abgebrochen, gelöscht, gelöschte, gecancelt
filled = ausgeführt, ausgeführte, ausgeführten, gefüllt, vollständig ausgeführt, vollständig ausgeführten, vollständig ausgeführte, komplett ausgeführten
of those = davon
expired = abgelaufen, abgelaufene, abgelaufenen, verfallen, verfallene
rejected = abgelehnt, abgelehnte, abgelehnten, zurückgewiesen
trades = geschäfte, transaktionen ; bought = gekauft, kaufte, hat gekauft ; sold = verkauft, verkaufte
buys = =käufe, kaeufe ; sells = =verkäufe, verkaeufe ; profit = gewinn, gewinne, verdient
loss = verlust, verluste, verloren ; pnl = gewinn und verlust, guv ; positions = positionen
entry = einstieg ; entry price = einstiegspreis, einstiegskurs ; target = kursziel, ziel
running = läuft, aktiv
is the bot running = läuft der bot, läuft der bot gerade, ist der bot aktiv
status = zustand ; strategy = strategie ; mode = modus ; live = echtgeld, echthandel
paper = papierhandel, papier ; risk = risiko, risiken ; why = warum, wieso, weshalb, auf welcher grundlage ; as well as = sowie ; trending = trendet
bullish = bullisch ; bearish = bärisch ; going up = steigt ; going down = fällt
what do you think of = was denkst du über, was denkst du zu, was hältst du von, was meinst du zu, wie siehst du, was denkst du
is it worth buying = lohnt es sich ; analysis = einschätzung ; today = heute ; yesterday = gestern
this week = diese woche, dieser woche
last week = letzte woche, letzten woche, letzter woche, vorige woche, vergangene woche
this month = diesen monat, dieser monat, diesem monat
last month = letzten monat, letzter monat, vorigen monat ; last = letzte, letzten, letzter, letztes
recent = neueste, neuesten, jüngsten ; days = tage, tagen ; hours = stunden ; weeks = wochen ; since = seit
@days = montag, dienstag, mittwoch, donnerstag, freitag, samstag, sonntag
since {day} = seit {day}
help = hilfe
what can you do = was kannst du, was kannst du alles, was kann ich fragen, was kann ich dich fragen, was kann ich dich hier alles fragen, was kann ich dich alles fragen
show me = zeig mir, zeige mir, zeig, zeige ; my = mein, meine, meinen, meiner, meinem ; only = nur
minimum notional = mindestnotional, mindestnominal, mindestnotional-wert, mindestordervolumen, mindestauftragswert ; minimum = mindest, minimale ; minimum quantity = mindestmenge
minimum notional = mindestbetrag, mindestordergröße ; tick size = tickgröße, schrittweite
trading rules = handelsregeln ; rules = regeln ; now = jetzt, gerade ; available = verfügbar, verfügbare
locked = gesperrt, gebunden
unrealized = unrealisiert, unrealisierte, nicht realisiert, nicht realisierte
realized = realisiert, realisierte ; for = =für, fuer ; or = ?oder ; and = und ; is = ist
what is = was ist ; how is = wie ist ; how = ?wie ; the = ?der, ?den, ?dem, ?die, ?das ; from = ?von ; with = ?mit
free = frei, freie, freies ; whole account = gesamtes konto, ganzes konto, ganzen konto, gesamten konto, gesamte konto
net worth = gesamtvermögen, nettovermögen ; in usd = in dollar ; open = offen, offene, offenen ; pending = ausstehende, ausstehenden
fills = ausführungen ; 24h change = 24h-änderung, änderung in 24 stunden, veränderung in 24 stunden ; step size = schrittgröße
decimals = nachkommastellen, dezimalstellen ; on = eingeschaltet, ?an ; off = ausgeschaltet, ?aus ; last candle = letzte kerze
heartbeat = lebenszeichen ; limits = grenzen, limite ; risk limits = risikolimits, risikolimit, risikogrenzen, risikogrenze
what stopped it = was hat ihn aufgehalten, was hat ihn gestoppt, was hat es verhindert
since the first of the month = seit monatsanfang, seit anfang des monats ; 2 = zwei ; 3 = drei ; 5 = fünf ; 10 = zehn
which = welche, welcher, welches ; what about = und was ist mit ; lunch = mittagessen ; dinner = abendessen ; breakfast = frühstück
eat = essen ; weather = wetter ; football = fußball ; recipe = rezept
january = januar ; february = februar ; march = märz ; may = ?mai ; june = juni ; july = juli ; october = oktober ; december = dezember
minimum size = mindestgröße, mindestgrösse, minimale größe, minimale ordergröße ; per order = pro order, pro auftrag
net worth = gesamtvermögn, gesamtvermoegen ; how much = wie hoch ; how much is = wie hoch ist ; for = ?bei ; were = wurden ; are = ?sind
show me = zeig mal, zeige mal, zeig mir mal, zeigmal ; translate = übersetze, übersetz, übersetzen, übersetzung ; good night = gute nacht
"""

_NL = """
how much = hoeveel ; do i have = heb ik, heb ik nog ; and on = en op ; do we have = hebben we ; i have = ik heb
balance = tegoed ; holdings = bezittingen ; account = rekening ; total = totaal ; in total = in totaal
value = waarde ; worth = waard ; price = prijs, prijzen, koers
open orders = openstaande orders, openstaande opdrachten, open opdrachten, lopende orders
orders = opdrachten ; order history = ordergeschiedenis, orderhistorie ; history = geschiedenis
cancelled = geannuleerd, geannuleerde ; filled = uitgevoerd, uitgevoerde ; expired = verlopen
rejected = afgewezen, geweigerd, geweigerde ; trades = transacties ; bought = gekocht ; sold = verkocht
buys = aankopen ; profit = winst, verdiend ; loss = verlies ; positions = posities ; position = positie
entry = instap ; entry price = instapprijs ; target = koersdoel, doel ; running = draait, actief
is the bot running = draait de bot ; risk = risico, risico's ; exposure = blootstelling ; why = waarom
going up = stijgt, stijgend ; going down = daalt, dalend
what do you think of = wat vind je van, wat denk je van, hoe zie je
today = vandaag ; yesterday = gisteren ; this week = deze week ; last week = vorige week, afgelopen week
this month = deze maand ; last month = vorige maand ; last = laatste, afgelopen ; days = dagen
hours = uur, uren ; weeks = weken ; since = sinds, vanaf
@days = maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag, zondag
since {day} = sinds {day}, vanaf {day}
help = hulp
what can you do = wat kun je, wat kan je, wat kun je doen, wat kan je doen
show me = laat zien, laat me zien, toon ; my = mijn ; only = alleen ; minimum = minimale
trading rules = handelsregels ; rules = regels ; now = momenteel, op dit moment, ?nu ; what = ?wat ; of = ?van ; and = ?en
how = ?hoe ; what are = wat zijn ; what is = wat is er ; the = ?de, ?het ; show = ?laat ; sell orders = verkooporders
buy orders = kooporders
free = vrij ; available = beschikbaar ; locked = geblokkeerd, vastgezet ; whole account = hele rekening, volledige rekening
in usd = in dollars ; fills = uitvoeringen ; 24h change = verandering in 24 uur ; decimals = decimalen
minimum quantity = minimale hoeveelheid ; on = ?aan ; off = ?uit ; last candle = laatste kaars ; limits = limieten
risk limits = risicolimieten ; what stopped it = wat hield hem tegen ; since the first of the month = sinds begin van de maand
2 = twee ; 3 = drie ; 5 = vijf ; 10 = tien ; only = enkel ; what about = hoe zit het met ; dinner = avondeten ; eat = eten
weather = ?weer ; football = voetbal
january = januari ; february = februari ; march = maart ; may = ?mei ; june = juni ; july = juli ; august = augustus ; october = oktober
"""

LEXICONS = {"romance": _ROMANCE, "es": _ES, "pt": _PT, "fr": _FR, "it": _IT, "de": _DE, "nl": _NL}

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# Patterns that reorder or span words, by script: (words one of which the text must have, regex,
# replacement), run before the lexicons.
RULES = {
    "latin": (
        ("derni", r"(?<![\d.])(\d+)\s+derni[eè]re?s\b", r"last \1"),  # "les 3 derniers jours"
        ("ltim", r"(?<![\d.])(\d+)\s+[uú]ltim[oa]s\b", r"last \1"),  # "los 3 últimos días"
        ("kaufen", r"\bsoll?(?:te)?\s+ich\s+((?:\S+\s+){0,3}?)(?:jetzt\s+)?kaufen\b", r"should i buy \1"),
        ("kopen", r"\b(?:moet|zal)\s+ik\s+((?:\S+\s+){0,3}?)kopen\b", r"should i buy \1"),
        # a day and month written with dots after "since", "from", "on" ("seit dem 30.11.", "desde el 1.12"): the month named
        *(
            (
                f".{m}|.0{m}",
                rf"\b(seit|ab|vom|am|bis|since|from|desde|depuis|dal|sinds|vanaf|od|от|с|со|з|від|sejak|dari|kể\s+từ|từ)"
                rf"(\s+(?:dem|den|el|le|il|de|the)?\s*)(\d{{1,2}})\.0?{m}\.?(?:\s*\d{{4}}|(?![\d.]))",
                rf"\1\2\3 {name}",
            )
            for m, name in enumerate(_MONTHS, 1)
        ),
        # "le 1er décembre", "seit dem 15. November": the day as a number before the month's name
        (
            "1er",
            r"\b1er\s+(?=janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)",
            "1 ",
        ),
        (
            ". ",
            r"(?<![\d.])(\d{1,2})\.\s+(?=januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)",
            r"\1 ",
        ),
    ),
}

# A why and, a few words on, a negation: (why, negation, most words between) per language, by script.
WHY_NOT = {
    "latin": {
        "es": (r"por\s*qu[eé]|porque|pq", r"no|nunca", 3),
        "pt": (r"por\s*qu[eê]|porqu[eê]|pq", r"n[aã]o|n|nunca", 4),  # "n": texting's "não"
        "it": (r"perch[eéè]|come\s+mai", r"non", 4),
        "fr": (r"pourquoi", r"n['’]\S*(?:\s+pas)?|ne\s+\S+(?:\s+pas)?|pas", 4),
        "de": (r"warum|wieso|weshalb", r"nicht|kein\w*|nichts", 5),
        "nl": (r"waarom", r"niet|niets|geen|niks|nooit", 5),
    },
}

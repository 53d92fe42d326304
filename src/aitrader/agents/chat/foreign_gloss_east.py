"""The everyday question words of Polish, Turkish, Russian, Ukrainian, Arabic and Hindi (romanised and
in Devanagari), with the English foreign_gloss.gloss() reads them as (the syntax of a lexicon is in
that module's docstring). Arabic is written here with its hamzas; gloss() reads it without them."""

from __future__ import annotations

_PL = """
how much = ile ; what = jaki, jaka, jakie ; is = ?jest ; costs = kosztuje, kosztują ; how much do i have = ile mam ; do i have = czy mam, ?mam
do we have = ?mamy ; balance = saldo, stan konta ; holdings = aktywa
account = konto, koncie, konta, kontem
total = łącznie, razem, w sumie, całkowita, całkowity, całkowitą
value = wartość, wartości ; portfolio = portfel, portfela, portfelu ; price = cena, ceny, cenę, cenie, kurs
open orders = otwarte zlecenia, otwartych zleceń, aktywne zlecenia, otwarte zlecenie, oczekujące zlecenia
what happened = co się stało ; orders = zleceniem, zlecenia, zleceń, zlecenie, zleceniach
order history = historia zleceń, historię zleceń, historii zleceń
history = historia, historię, historii
cancelled = anulowane, anulowanych, anulowany, anulowana, anulowano
filled = wykonane, wykonanych, wykonany, wykonana, zrealizowane, zrealizowanych
expired = wygasłe, wygasłych, wygasło
rejected = odrzucone, odrzuconych, odrzucona, odrzucony, odrzucono
trades = transakcje, transakcji, transakcja, transakcję
bought = kupił, kupiła, kupiłem, kupiłam, kupiliśmy, kupiło, kupiono
sold = sprzedał, sprzedała, sprzedałem, sprzedałam, sprzedaliśmy
buys = zakupy ; sells = sprzedaże ; sell orders = zlecenia sprzedaży ; buy orders = zlecenia kupna
profit = zysk, zyski, zysku, zarobiłem, zarobiłam, zarobił, zarobiliśmy
loss = strata, straty, stratę, straciłem, stracił, straciłam ; pnl = zysk i strata, zyski i straty
position = pozycja, pozycji ; positions = pozycje, pozycję ; entry = wejście, wejścia
entry price = cena wejścia ; target = ?cel ; running = działa, chodzi ; is the bot running = czy bot działa
status = ?stan ; strategy = strategia, strategię, strategii ; mode = tryb, trybie
live = na żywo, realny, realnym ; paper = papierowy, papierowym, testowy, testowym ; risk = ryzyko, ryzyka
exposure = ekspozycja, ekspozycji ; why = dlaczego, czemu ; bullish = wzrostowy, wzrosty
bearish = spadkowy, spadki ; will it go up = wzrośnie ; will it go down = spadnie
what do you think of = co myślisz o, co sądzisz o
should i buy = czy warto kupić, powinienem kupić, czy kupić ; analysis = analiza, analizę
today = dzisiaj, dziś ; yesterday = wczoraj ; this week = w tym tygodniu, ten tydzień, z tego tygodnia, tego tygodnia
last week = w zeszłym tygodniu, zeszły tydzień, poprzedni tydzień, w poprzednim tygodniu
this month = w tym miesiącu ; last month = w zeszłym miesiącu
last = ostatnie, ostatnich, ostatni, ostatnia, ostatnią ; days = dni ; hours = godzin, godziny
weeks = tygodni ; since yesterday = od wczoraj
@days = ~poniedziałku, ~wtorku, ~środy, ~czwartku, ~piątku, ~soboty, ~niedzieli
since {day} = od {day}
help = pomoc, pomocy
what can you do = co potrafisz, co umiesz, w czym możesz pomóc, co możesz zrobić
show me = pokaż, pokaż mi ; my = moje, mój, moja, moich, moim, moją, mojego, mojej ; only = tylko
minimum = minimalna, minimalne, minimalny, minimalną ; trading rules = zasady handlu, zasady handlowe
rules = zasady ; now = teraz, obecnie ; and = oraz, ?i ; from = ?z ; or = lub, albo
bitcoin = bitcoina, bitcoinie, bitcoinów ; solana = solany
how much is worth = ile jest wart, ile jest warte, ile jest warta, ile jest warty, ile warte, ile wart, ile warta
whole = całe, cały, całego ; whole account = całe konto, całego konta, całym koncie, cały portfel, całego portfela ; free = wolne, wolnych, dostępne, dostępnych
locked = zablokowane, zablokowanych, zamrożone ; in usd = w dolarach ; in bitcoin = w bitcoinie ; realized profit = zrealizowany zysk
24h change = zmiana 24h, zmiana w ciągu 24 godzin ; tick size = wielkość ticku ; step size = krok ilości ; decimals = miejsca po przecinku
minimum quantity = minimalna ilość ; on = włączony ; off = wyłączony ; last candle = ostatnia świeca, ostatniej świecy ; limits = limity
risk limits = limity ryzyka ; what stopped it = co go powstrzymało, co go zatrzymało ; buys = zakupów, kupna
since the first of the month = od początku miesiąca ; 2 = dwa, dwie ; 3 = trzy ; 5 = pięć ; 10 = dziesięć ; what about = a co z, ?a
lunch = obiad ; dinner = kolacja, kolację ; breakfast = śniadanie ; food = jedzenie ; eat = jeść ; weather = pogoda ; football = piłka nożna
"""

_TR = """
ones = olanları, olanlar, olanı
what can i ask = bu sohbette neler yapabilirim, bu sohbette ne yapabilirim, burada neler sorabilirim, neler sorabilirim, ne sorabilirim
how much = ne kadar, kaç para ; price in usd = kaç dolar ; how many = kaç, kaç tane ; do i have = var mı, ?var ; what = ?ne ; balance = bakiye*
holdings = varlık* ; account = hesap*, hesab* ; total = toplam* ; value = değer* ; worth = eder
portfolio = portföy* ; price = fiyat* ; open orders = açık emir*, bekleyen emir*
orders = emir, emirler, emirlerim, emirlerimi, emirleri, emirlerin, emirlerde, emri, emrim, emrimi ; how much of it is tied up in orders = ne kadarı emirde bekliyor, ne kadarı emirlerde bekliyor, ne kadarı emirde, ne kadarı emirlerde ; of it = bunun, onun
order history = emir geçmişi ; history = geçmiş*
cancelled = iptal edilen, iptal edilmiş, iptal edildi, iptal olan, iptal edilenler
filled = gerçekleşen, gerçekleşmiş, gerçekleşti ; expired = süresi dolan, süresi dolmuş
rejected = reddedilen, reddedildi, reddedilmiş ; trades = işlem* ; per trade = işlem başına, işlem başı ; which = hangi
bought = aldı, aldım, aldık, satın aldı, satın aldım, satın aldık
sold = sattı, sattım, sattık
buys = alım, alımlar, alımları, alımlarım, alış, alışlar, alışları
sells = satış, satışlar, satışları, satışlarım
profit = =kâr, ?kar, karı, kârı, kârım, kazanç*, kazandım, kazandık, kazandı
loss limit = zarar limiti ; daily = günlük ; loss = zarar*, kaybettim, kaybetti ; pnl = kar zarar, kâr zarar ; position = pozisyon*
entry = giriş, girişi ; entry price = giriş fiyatı ; target = hedef* ; bot = botun, botu, bota
running = çalışıyor ; status = durum* ; strategy = strateji* ; mode = ?mod, modu, modda, modunda
live = canlı, gerçek ; paper = kağıt ; risk = riski, riskim ; exposure = maruziyet
why = neden, niye, niçin ; bullish = yükseliş* ; bearish = düşüş* ; will it go up = yükselir mi, artar mı
will it go down = düşer mi
what do you think of = ne düşünüyorsun, hakkında ne düşünüyorsun, yorumun ne, sence
should i buy = alınır mı, almalı mıyım, alayım mı ; analysis = analiz* ; today = bugün, bugünkü
yesterday = =dün, dünkü ; this week = bu hafta, bu haftaki ; last week = geçen hafta ; this month = bu ay
last month = geçen ay ; last = en son, ?son ; days = =gün ; hours = saat* ; weeks = hafta
@days = pazartesi, salı, çarşamba, perşembe, ~cuma, cumartesi, ~pazar
since {day} = {day}den beri, {day}dan beri, {day}'den beri, {day}'dan beri, {day}ten beri, {day}tan beri, {day}'ten beri, {day}'tan beri, {day}den bu yana, {day}dan bu yana, {day}den itibaren, {day}dan itibaren
help = yardım
what can you do = neler yapabilirsin, neler yapabiliyorsun, ne yapabilirsin, ne yapabiliyorsun, ne konularda yardımcı olabilirsin, hangi konularda yardımcı olabilirsin, nasıl yardımcı olabilirsin, neye yardımcı olabilirsin, ne işe yararsın
show me = bana göster, göster bana, göster ; my = benim ; only = sadece, yalnızca ; minimum = en az, asgari
trading rules = işlem kuralları ; rules = kurallar ; now = şimdi, şu an, şu anda ; and = ve ; or = veya
and what about = peki
whole = =tüm, bütün ; free = serbest, kullanılabilir ; locked = kilitli ; in usd = dolar olarak, dolar cinsinden
in bitcoin = bitcoin olarak ; stop loss = zarar durdur ; take profit = kâr al ; 24h change = 24 saatlik değişim
tick size = tick boyutu ; decimals = ondalık ; minimum quantity = minimum miktar, en az miktar ; off = kapalı ; last candle = son mum
limits = limitler, limitleri ; risk limits = risk limitleri ; what stopped it = onu ne durdurdu
since the first of the month = ayın başından beri ; 2 = iki ; 3 = üç ; 5 = beş ; lunch = öğle yemeği ; dinner = akşam yemeği
food = yemek ; weather = hava durumu ; football = futbol
what can i ask = neler sorabilirim, ne sorabilirim, neleri sorabilirim, hangi soruları sorabilirim, sana neler sorabilirim, sana ne sorabilirim, ne sorabilirim sana
how do i use this = bunu nasıl kullanırım, nasıl kullanırım, nasıl kullanılır ; this = ?bu ; did i make = yaptım, yaptık ; this week = bu haftanın ; last week = geçen haftanın, geçen haftaki
"""

_RU = """
how much = сколько ; how much do i have = сколько у меня, сколько у меня есть
do i have = у меня есть, есть ли у меня ; i have = у меня ; balance = баланс*, остаток, остатки
holdings = активы, активов ; coins = монет* ; account = счёт, счета, счете, счету, аккаунт*
total = всего, итого, в сумме, общ* ; value = стоимость, стоимости ; worth = стоит
how much is = сколько стоит, сколько стоят ; portfolio = портфел* ; price = цен*, курс, курса, курсу
open orders = открытые ордера, открытых ордеров, открытые ордеры, открытые заявки, активные ордера, висящие ордера
open = висят ; orders = ордер*, заявк* ; buy orders = ордер на покупку, ордера на покупку
sell orders = ордер на продажу, ордера на продажу ; buys = на покупку, покупки, покупок
sells = на продажу, продажи ; order history = история ордеров, историю ордеров ; history = истори*
cancelled = отменённ*, отмененн*, отменён, отменен, отменена, отменены
filled = исполненн*, исполнен, исполнена, исполнены ; expired = истекш*, просроченн*
rejected = отклонённ*, отклоненн*, отклонён, отклонен, отклонена
trades = сделк*, сделок, трейд* ; bought = купил, купила, купили, закупил, докупил
sold = продал, продала, продали
profit = прибыл*, профит*, доход*, заработал, заработала, заработали, заработок
loss = убыт*, потер* ; pnl = прибыль и убыток, прибыли и убытки, пнл ; position = позици*
entry = вход, входа, входе ; entry price = цена входа, цену входа ; entered = зашёл, вошёл
stop loss = стоп-лосс, стоп лосс, стоп-лосса, стопа ; target = тейк-профит, тейк профит, тейк, цель
bot = бот, бота, боту, ботом, боте ; running = работает, запущен ; status = статус*, состояни*
strategy = стратеги* ; mode = режим* ; live = реальный, реальном, реальная, реальной, лайв
paper = бумажн*, демо, тестов* ; risk = риск* ; exposure = экспозици* ; why = почему, зачем, отчего
trend = тренд* ; bullish = бычий, бычья, бычье, бычьи ; bearish = медвежий, медвежья, медвежье, медвежьи
going up = растёт, рост ; will it go up = вырастет ; going down = падает, падение ; will it go down = упадёт
what do you think of = что думаешь о, что думаешь об, что думаешь про, что думаешь, как думаешь, твоё мнение о, твоё мнение
should i buy = стоит покупать, стоит ли покупать, стоит ли сейчас покупать, стоит сейчас покупать, стоит купить, стоит ли купить, покупать ли
analysis = анализ* ; today = сегодня, за сегодня ; yesterday = вчера, за вчера
this week = на этой неделе, за эту неделю, эта неделя, этой недели
this week = за неделю
last week = на прошлой неделе, за прошлую неделю, прошлая неделя, прошлой недели
this month = в этом месяце, за этот месяц, этот месяц ; last month = в прошлом месяце, за прошлый месяц
last = последн*, за последние ; days = день, дня, дней, дни, суток, сутки ; hours = час, часа, часов
weeks = недели, недель
@days = ~понедельника, ~вторника, ~среды, ~четверга, ~пятницы, ~субботы, ~воскресенья
since {day} = с {day}, со {day}
help = помощь, помоги
what can you do = что ты умеешь, что умеешь, что ты можешь, что можешь, чем можешь помочь, что ты можешь делать
show me = покажи, покажите ; my = мой, моя, мои, моё, моих, моего, моей, мою, моим ; only = только
minimum = минимальн*, минимум ; tick size = шаг цены ; decimals = знаков после запятой
trading rules = правила торговли ; rules = правила ; now = сейчас, на данный момент
which = какие, какой, какая ; what = что ; where = где ; and = и, а ; or = или
bitcoin = биткоин*, биткойн*, биток, битка, битку ; ethereum = эфир*, эфириум*, этериум* ; solana = солан*
dogecoin = доги, догикоин, додж ; ripple = рипл, рипла, риппл, риппла, рипле, риплу ; all time = за всё время, за все время ; sol = сол ; usdt = тезер*, юсдт
usd = доллар* ; in usd = в долларах
free = свободн*, доступн* ; locked = заблокирован* ; whole account = весь счёт, весь аккаунт, всего счёта
in bitcoin = в биткоинах ; fills = исполнения ; realized = реализованн* ; 24h change = изменение за 24 часа, изменение за сутки
step size = шаг количества, шаг лота ; minimum quantity = минимальное количество ; on = включен, включён ; off = выключен
last candle = последняя свеча, последней свечи ; limits = лимит* ; risk limits = лимиты риска
what stopped it = что ему помешало, что его остановило ; since the first of the month = с начала месяца, с первого числа
2 = два, две ; 3 = три ; 5 = пять ; 10 = десять ; toncoin = тонкоин* ; what about = а что с, а как насчёт, как насчёт
lunch = обед* ; dinner = ужин* ; breakfast = завтрак* ; food = еда, еду ; eat = поесть ; weather = погод* ; football = футбол*
movie = фильм*
what about = чё по, че по, что по, що по, шо по, а что по, а как там ; or what = или как, или что ; long = лонг, лонга ; short = шорт, шорта
hello = здравствуйте, привет, добрый день ; tell me = подскажите, подскажи, скажите ; thanks = спасибо, заранее спасибо
i am not an expert = я не очень разбираюсь, не очень разбираюсь, я не разбираюсь ; on = по ; at what price = по какой цене
at what price is it placed = по какой цене он стоит, по какой цене стоит, по какой цене она стоит, по какой цене они стоят
open = открыт, открыта, открыто, открыты, открытый ; open orders = открыте ордера, открытых ордера, открытые ордеры
open sell orders = открытые ордера на продажу, открыте ордера на продажу ; open buy orders = открытые ордера на покупку, открыте ордера на покупку
sol = сола, солу, солы, солой ; bitcoin = битком, битке, биточек
"""

_UK = """
how much = скільки ; how much do i have = скільки в мене, скільки у мене
do i have = в мене є, у мене є, чи є в мене, чи є у мене ; i have = в мене, у мене ; balance = залишок
account = рахун*, акаунт* ; total = загальн*, всього, разом ; value = вартість, вартості ; costs = коштує
price = цін*
open orders = відкриті ордери, відкритих ордерів, відкриті ордера, активні ордери
order history = історія ордерів, історію ордерів ; history = істори* ; cancelled = скасован*
filled = виконан* ; expired = прострочен* ; rejected = відхилен* ; trades = угод*
bought = купив, купила, купили ; sold = продав, продала, продали ; sells = продажі
profit = прибут*, заробив, заробила, заробили, заробіток ; loss = збит*, втрат* ; position = позиці*
entry = вхід, входу ; target = ціль ; running = працює, запущений ; status = стан ; strategy = стратегі*
live = реальному, реальний ; paper = паперов* ; risk = ризик* ; why = чому ; bullish = бичач*
bearish = ведмеж* ; what do you think of = що думаєш про, що думаєш, як думаєш
should i buy = чи варто купувати, варто купувати, чи варто зараз купувати, варто зараз купувати, чи варто купити, варто купити
analysis = аналіз* ; today = сьогодні, за сьогодні ; yesterday = вчора, за вчора
this week = цього тижня, за цей тиждень, на цьому тижні ; this week = за тиждень
last week = минулого тижня, за минулий тиждень, минулий тиждень
this month = цього місяця, за цей місяць ; last month = минулого місяця ; last = останн* ; days = днів
hours = годин*
@days = ~понеділка, ~вівторка, ~середи, ~четверга, ~п'ятниці, ~суботи, ~неділі
since {day} = з {day}, із {day}
help = допомога, допомоги
what can you do = що ти вмієш, що вмієш, що ти можеш, з чим ти можеш допомогти, чим ти можеш допомогти
show me = покажіть ; my = мій, мої, моє, моїх, мого, моєї ; only = тільки, лише ; minimum = мінімальн*
decimals = знаків після коми ; trading rules = правила торгівлі ; now = зараз ; which = які, який, яка
what = що ; and = і, й ; or = або ; bitcoin = біткоїн*, біткойн* ; all time = за весь час
ethereum = ефір*, ефіріум* ; in usd = в доларах ; usd = долар*
buys = купівлі, купівель, покупки ; free = вільн* ; locked = заблокован* ; whole account = весь рахунок, всього рахунку
in bitcoin = в біткоїнах ; realized = реалізован* ; 24h change = зміна за 24 години, зміна за добу
minimum quantity = мінімальна кількість ; on = увімкнен* ; off = вимкнен* ; last candle = остання свічка ; limits = ліміт*
risk limits = ліміти ризику ; exposure = експозиці* ; what stopped it = що йому завадило ; since the first of the month = з початку місяця
2 = дві ; 5 = п'ять ; what about = а що з, а як щодо, як щодо ; lunch = обід ; dinner = вечер* ; breakfast = сніданок
food = їжа ; weather = погода ; movie = фільм
"""

_AR = """
how much = كم ; what is the price of = كم سعر ; how much is = كم تساوي, كم يساوي, كم قيمة
do i have = عندي, لدي, هل لدي, هل عندي ; balance = رصيد, الرصيد ; my balance = رصيدي ; since yesterday = منذ أمس, منذ الأمس, من أمس, من امبارح ; tron = عملة ترون, سعر ترون
holdings = ممتلكات, أصول, الأصول ; my holdings = ممتلكاتي, أصولي ; account = حساب, الحساب
my account = حسابي ; total = إجمالي, الإجمالي, المجموع, مجموع, الكلي ; all = كلها ; value = قيمة, القيمة
portfolio = محفظة, المحفظة ; my portfolio = محفظتي ; price = سعر, السعر, أسعار, الأسعار
open orders = الأوامر المفتوحة, أوامر مفتوحة, الطلبات المفتوحة
my open orders = أوامري المفتوحة ; orders = أوامر, الأوامر, طلبات, الطلبات ; my orders = أوامري
order = أمر, الأمر ; order history = سجل الأوامر, سجل الطلبات ; history = سجل, السجل
cancelled = الملغاة, ملغاة, الملغية, ملغية ; filled = المنفذة, منفذة, نفذت ; expired = المنتهية, منتهية
rejected = المرفوضة, مرفوضة, رفض, رفضت ; trades = صفقات, الصفقات, تداولات, التداولات
my trades = صفقاتي, تداولاتي ; bought = =اشترى, اشتريت, اشترينا ; sold = باع, بعت, بعنا
buys = المشتريات, مشتريات ; sells = المبيعات, مبيعات ; profit = ربح, الربح, أرباح, الأرباح, ربحت, كسبت
my profit = ربحي, أرباحي ; loss = خسارة, الخسارة, خسائر, الخسائر, خسرت
pnl = الربح والخسارة, الأرباح والخسائر ; positions = مراكز, المراكز ; position = مركز, المركز
entry = الدخول, دخول ; entry price = سعر الدخول ; enter = يدخل, دخل ; stop loss = وقف الخسارة
target = الهدف, هدف, جني الأرباح ; bot = البوت, بوت, الروبوت ; running = يعمل, شغال ; status = حالة, الحالة
strategy = استراتيجية, الاستراتيجية, إستراتيجية ; mode = وضع, الوضع ; live = حقيقي, الحقيقي
paper = تجريبي, التجريبي ; risk = مخاطر, المخاطر, المخاطرة, مخاطرة ; exposure = التعرض
why = لماذا, ليش, ليه ; trend = اتجاه, الاتجاه, ترند ; bullish = صاعد ; bearish = هابط
what do you think of = ما رأيك في, ما رأيك ب, رأيك في, ما رأيك
should i buy = هل أشتري, هل يجب أن أشتري ; analysis = تحليل ; today = اليوم
yesterday = أمس, الأمس, البارحة ; this week = هذا الأسبوع ; last week = الأسبوع الماضي
this month = هذا الشهر ; last month = الشهر الماضي ; last = آخر ; days = أيام, يوم ; hours = ساعة, ساعات
@days = الاثنين/الإثنين, الثلاثاء, الأربعاء, الخميس, الجمعة, السبت, الأحد
since {day} = منذ {day}, منذ يوم {day}, من يوم {day}
help = مساعدة
what can you do = ماذا يمكنك أن تفعل, ماذا تستطيع أن تفعل, ماذا تستطيع, ايش تقدر تسوي, ماذا يمكنك
show me = أرني, اعرض, اعرض لي ; only = فقط ; minimum = الحد الأدنى ; minimum quantity = الحد الأدنى للكمية
trading rules = قواعد التداول ; rules = قواعد ; now = الآن, حاليا ; what = ما هي, ما هو, ماذا, ما ; is = هل
or = أو ; with = مع ; bitcoin = بيتكوين, البيتكوين, بتكوين, البتكوين
ethereum = إيثريوم, الإيثريوم, إيثيريوم, الإيثيريوم, اثيريوم, الاثيريوم
solana = سولانا ; ripple = الريبل, ريبل ; dogecoin = دوجكوين, دوج ; usdt = تيثر ; usd = دولار, الدولار
in usd = بالدولار
free = المتاح, متاح ; locked = مقفل, المقفل, محجوز, المحجوز ; whole account = الحساب كله, كامل الحساب, كل الحساب
in bitcoin = بالبيتكوين ; realized = المحقق, المحققة ; 24h change = التغير خلال 24 ساعة ; tick size = حجم التيك
step size = حجم الخطوة ; decimals = الخانات العشرية ; off = متوقف, مطفأ ; last candle = آخر شمعة ; limits = حدود
risk limits = حدود المخاطر ; what stopped it = ما الذي منعه, ما الذي أوقفه ; since the first of the month = منذ بداية الشهر
2 = اثنين, اثنان ; 3 = ثلاث, ثلاثة ; 5 = خمس, خمسة ; 10 = عشر, عشرة ; what about = ماذا عن
lunch = غداء, الغداء ; dinner = عشاء, العشاء ; breakfast = فطور ; food = طعام, أكل ; weather = الطقس, طقس ; football = كرة القدم ; movie = فيلم
how do i use = كيف أستخدم, كيف استعمل, ازاي استخدم ; this = هذه, هذا ; chat = المحادثة, الدردشة, الشات ; questions = الأسئلة, أسئلة ; how = كيف, ازاي, إزاي
what can i ask = ايه الأسئلة اللي اقدر اسألها, اسأل عن ايه, ممكن اسأل عن ايه, ما الأسئلة التي يمكنني طرحها, ما الأسئلة التي أستطيع طرحها, ماذا يمكنني أن أسأل, ماذا أستطيع أن أسأل, ايش اقدر اسأل, شو بقدر اسأل, أسأل عن ايه, اسألك عن ايه, أسأل عن إيش
hello = السلام عليكم, مرحبا, أهلا ; thanks = شكرا, وشكرا جزيلا لكم, شكرا جزيلا, شكرا لك ; i am new = أنا جديد, انا جديدة ; in trading = في التداول
i want to understand = أريد أن أفهم, عايز أفهم, بدي افهم ; what trades = ما هي الصفقات, ايه الصفقات ; that the bot executed = التي نفذها الروبوت, اللي نفذها البوت, التي نفذها البوت
were they buys or sells = كانت شراء أم بيع, كانت شراء او بيع, شراء ولا بيع, شراء أم بيع, بيع ولا شراء, بيع أم شراء
sells = اللي بيع, اللي اتباع, البيع بس ; buys = اللي شراء, اللي اتشرى ; only = بس ; or not = ولا لأ, ولا لا, أم لا, او لا
how much = كام, بكام ; is there = فيه ; are there = في اوردرات ; orders = أوردرات, الأوردرات, اوردرات ; order = أوردر, الأوردر
open orders = أوردرات مفتوحة, الأوردرات المفتوحة, أوامر مفتوحة ; sell order = أوردر بيع, أمر بيع ; buy order = أوردر شراء, أمر شراء
sell orders = أوردرات بيع, أوامر بيع ; buy orders = أوردرات شراء, أوامر شراء ; placed = حاطط, حاطت ; on = على
will it go up = هيطلع, هيرتفع, حيطلع, رح يطلع, سيرتفع ; will it go down = هينزل, هيقع, حينزل, رح ينزل, سينخفض ; in the coming period = الفترة الجاية, الفترة القادمة, الأيام الجاية
or = ولا ; solana = السولانا ; cardano = كاردانو, الكاردانو ; do you have = عندكم, لديكم ; what do you think of it = ما رأيك فيه, رأيك فيه
this week = الأسبوع ده, الاسبوع دا, الأسبوع دة, هالأسبوع, الأسبوع هذا ; this month = الشهر ده, الشهر دا, هالشهر ; today = النهارده, النهاردة, انهارده
yesterday = امبارح, إمبارح ; of = بتاع, بتاعت, بتاعة ; that = اللي ; my = بتاعي, بتاعتي ; now = دلوقتي, هلق, هلأ ; what = ايه, إيه, ايش, شو
total value = القيمة الإجمالية, القيمة الكلية, إجمالي القيمة, القيمة الكاملة ; my portfolio = لمحفظتي ; my account = لحسابي
"""

_HI = """
how much = kitna, kitne, kitni, कितना, कितने, कितनी ; do i have = mere paas, mere pas, मेरे पास ; of those = usme se, unme se, isme se, inme se
account = khata, खाता, खाते, अकाउंट ; balance = बैलेंस ; total = kul, कुल ; value = वैल्यू, मूल्य
price = bhav, bhaav, daam, kimat, keemat, qeemat, कीमत, क़ीमत, भाव, दाम, प्राइस
portfolio = पोर्टफोलियो
open orders = khule order, khule orders, खुले ऑर्डर, ओपन ऑर्डर
orders = ऑर्डर, ऑर्डरों, आर्डर
filled = फिल हुए, fill hue ; cancelled = cancel hue, cancel huye, cancel hua, रद्द हुए, रद्द किए गए, कैंसल हुए
trades = ट्रेड, ट्रेडों, ट्रेड्स, सौदे
bought = kharida, kharide, khareeda, khareede, खरीदा, ख़रीदा, खरीदे
sold = becha, beche, बेचा, बेचे
profit = munafa, munafe, fayda, faayda, kamaya, kamai, मुनाफा, मुनाफ़ा, लाभ, फायदा, फ़ायदा, प्रॉफिट
loss = nuksan, nuksaan, nukasan, ghata, नुकसान, नुक़सान, घाटा
pnl = munafa nuksan, मुनाफा नुकसान ; position = पोजीशन, पोज़ीशन, पोजिशन ; status = स्थिति, स्टेटस ; bot = बॉट, बोट
running = chal raha, chal rha, chalu, चल रहा, चालू ; strategy = रणनीति, स्ट्रेटेजी ; mode = मोड
risk = जोखिम, रिस्क ; stop = स्टॉप ; entry = एंट्री ; why = kyun, kyon, kyu, kyoon, क्यों
trend = ट्रेंड, रुझान
what do you think of = kya lagta hai, tumhe kya lagta hai, क्या लगता है, क्या राय है
should i buy = kharidna chahiye, khareedna chahiye, lena chahiye, खरीदना चाहिए, ख़रीदना चाहिए, खरीदना सही
analysis = विश्लेषण ; today = aaj, आज
this week = is hafte, iss hafte, इस हफ्ते, इस हफ़्ते, इस सप्ताह
last week = pichle hafte, pichlay hafte, pichhle hafte, पिछले हफ्ते, पिछले हफ़्ते, पिछले सप्ताह
this month = is mahine, iss mahine, इस महीने ; last month = pichle mahine, पिछले महीने
last = pichle, pichhle, pichla, pichli, aakhri, akhri, पिछले, पिछला, पिछली, आखिरी, आख़िरी
days = दिन, दिनों ; hours = ghante, ghanton, घंटे, घंटों
@days = ~somvar/सोमवार, ~mangalvar/मंगलवार, ~budhvar/बुधवार, ~guruvar/~veervar/गुरुवार, ~shukravar/शुक्रवार, ~shanivar/शनिवार, ~ravivar/रविवार
since {day} = {day} se, {day} से
help = madad, मदद
what can you do = tum kya kar sakte ho, kya kar sakte ho, aap kya kar sakte hain, क्या कर सकते हो, क्या कर सकते हैं
show me = dikhao, dikha do, dikhaiye, दिखाओ, दिखाइए, दिखा दो, बताओ
my = mera, meri, ?mere, मेरा, मेरी, मेरे ; only = sirf, keval, सिर्फ, सिर्फ़, केवल, ?bas
minimum = kam se kam, न्यूनतम, कम से कम ; where = कहाँ, कहां ; what = kya, क्या ; and = aur, और ; or = या
with = ke saath, ke sath ; now = abhi, अभी ; bitcoin = बिटकॉइन, बिटकोइन, बिटक्वाइन
ethereum = इथेरियम, एथेरियम, ईथर ; solana = सोलाना
free = उपलब्ध ; whole account = poora account, pura account, पूरा अकाउंट, पूरे अकाउंट ; in usd = dollar mein, डॉलर में
off = बंद ; last candle = aakhri candle, आखिरी कैंडल ; limits = सीमा ; what stopped it = kisne roka, किसने रोका
since the first of the month = mahine ki shuruaat se ; 2 = दो ; 3 = तीन ; 5 = paanch, पांच, पाँच ; 10 = दस
lunch = दोपहर का खाना ; food = khana, खाना ; weather = mausam, मौसम ; movie = फिल्म, फ़िल्म
sells = बेचने वाले, बेचने वाली, बेचने वालों, bechne wale, bechne wali, bechne vale ; buys = खरीदने वाले, ख़रीदने वाले, खरीदने वाली, kharidne wale, khareedne wale, kharidne wali
should i buy = buy karna sahi rahega, buy karna sahi hai, buy karna chahiye, buy karu kya, buy karun kya, lena sahi rahega, lena sahi hai, lena theek rahega, kharidna sahi rahega, kharidna sahi hai
will it go up = badhega, badhegi, upar jayega, बढ़ेगा ; will it go down = girega, giregi, neeche jayega, गिरेगा ; or should i wait = ya wait karun, ya wait karu, ya wait karoon, ya ruk jaun, ya rukun, ya intezar karun
whole portfolio = पूरे पोर्टफोलियो, पूरा पोर्टफोलियो, poore portfolio, pure portfolio, poora portfolio, pura portfolio
portfolio value = पोर्टफोलियो की कीमत, पोर्टफोलियो की वैल्यू, portfolio ki value, portfolio ki kimat, portfolio ki keemat
total portfolio value = पूरे पोर्टफोलियो की कीमत, पूरे पोर्टफोलियो की वैल्यू, poore portfolio ki value, pure portfolio ki value, pure portfolio ki kimat
"""

LEXICONS = {"pl": _PL, "tr": _TR, "ru": _RU, "uk": _UK, "ar": _AR, "hi": _HI}

_COINS = r"btc|eth|sol|usdt|usdc|bnb|xrp|ada|doge|dot|ltc|avax|link|bitcoin|ethereum|solana"
# Patterns that reorder or span words, by script: (words one of which the text must have, regex,
# replacement), run before the lexicons.
RULES = {
    "latin": (
        ("'|’", rf"\b({_COINS})['’](?!s\b)[a-zçğıöşü]+", r"\1"),  # Turkish "SOL'umu", "ETH'lerimi": the coin
        ("son ", r"\bson\s+(\d+)\s+hafta\w*", r"last \1 weeks"),  # "son 2 haftadaki": the last 2 weeks
        ("son ", r"\bson\s+(\d+)\s+gün\w*", r"last \1 days"),
        ("son ", r"\bson\s+(\d+)\s+saat\w*", r"last \1 hours"),
        ("son ", r"\bson\s+(\d+)\s+ay(?:da|dır|daki|lık|ın)?\b", r"last \1 months"),
        ("son ", r"\bson\s+(\d+)\s+(?=gün|saat|hafta|işlem|islem|emir|ay\b)", r"last \1 "),  # "son 5 işlemim"
        # "pichle do hafte": two of them (Hindi "do" is English "do" elsewhere, so only before a unit)
        (
            "do ",
            r"\b(pichle|pichhle|pichla|last|aakhri)\s+do\s+(?=hafte|hafton|din|dino|ghante|mahine)",
            r"\1 2 ",
        ),
        ("din", r"(?<![\d.])(\d+)\s+(?:din|dino|dinon)\b", r"\1 days"),  # "pichle 7 din"
        ("haft", r"(?<![\d.])(\d+)\s+(?:hafte|hafton|hafta)\b", r"\1 weeks"),  # "pichle 2 hafte"
        ("ghant", r"(?<![\d.])(\d+)\s+(?:ghante|ghanton)\b", r"\1 hours"),
        # "mera ETH kitna hai": how much ETH do I have (not its price)
        (
            "kitn",
            rf"\b(?:mera|meri|mere)\s+({_COINS})\s+(?:kitna|kitni|kitne)\s+(?:hai|he|h|hain)\b",
            r"how much \1 do i have",
        ),
        ("kal", r"\bkal\s+se\b", "since yesterday"),  # "kal se ab tak kitne trades hue"
        # Hindi "kal" is yesterday or tomorrow: yesterday where a past tense follows ("kal kitne order cancel hue the")
        (
            "kal",
            r"\bkal\b(?=(?:\s+\S+){0,6}?\s+(?:the|tha|thi|thin|hue|hua|huye|hui|kiya|kiye|kie|gaya|gaye|gayi|mila|mile|kamaya|khoya|becha|beche|kharida|kharide|chala|chali|chale|khaya|li|liya|liye|diya|di|kharidi|bechi|kamai)\b)",
            "yesterday",
        ),
        # ... or where one comes before it ("bot kyun nahi chala sol pe kal")
        (
            "kal",
            r"\b((?:the|tha|thi|hue|hua|huye|hui|kiya|kiye|gaya|gaye|gayi|mila|kamaya|khoya|becha|beche|kharida|kharide|chala|chali|chale)\b(?:\s+\S+){0,6}?\s+)kal\b",
            r"\1yesterday",
        ),
    ),
    "devanagari": (
        (
            "कितन",
            rf"(?:मेरा|मेरी|मेरे)\s+({_COINS}|बिटकॉइन|इथेरियम|सोलाना)\s+(?:कितना|कितनी|कितने)\s+है",
            r"how much \1 do i have",
        ),
        (
            "कल",
            r"कल(?=(?:\s+\S+){0,6}?\s+(?:था|थे|थी|हुए|हुआ|हुई|किया|किए|किये|गया|गए|गई|मिला|कमाया|बेचा|बेचे|खरीदा|खरीदे)(?![\u0900-\u097f]))",
            "yesterday",
        ),
    ),
    "cyrillic": (
        ("а ", r"^\s*а\s+([^\s?!.]{2,20})\s*\??\s*$", r"what about \1"),  # "а сола?": what about sol
    ),
}

# A why and, a few words on, a negation: (why, negation, most words between) per language, by script.
WHY_NOT = {
    "latin": {
        "pl": (r"dlaczego|czemu", r"nie", 4),
        "tr": (
            r"neden|niye|niçin|nicin",
            r"\w*(?:madı|medi|madi|madın|medin|madık|medik|mamış|memiş|mamis|memis|mıyor|miyor|muyor|müyor)\w*|yok",
            4,
        ),
        "hi": (r"kyun|kyon|kyu|kyoon", r"nahi|nahin|nhi|nai", 4),
    },
    "cyrillic": {
        "ru": (r"почему|зачем|отчего", r"не|ничего|нет", 4),
        "uk": (r"чому", r"не|нічого|нема\w*", 4),
    },
    "arabic": {"ar": (r"لماذا|ليش|ليه", r"لم|ما|لا|لن", 3)},
    "devanagari": {"hi": (r"क्यों", r"नहीं|ना", 4)},
}

"""The everyday question words of Moroccan Arabic (Darija), typed in Latin letters with digits for the
letters Latin lacks ("3lach", "ch7al", "l2ayam") or in Arabic script ("شحال", "واش", "علاش"), with the
English foreign_gloss.gloss() reads them as (the syntax of a lexicon is in that module's docstring).
Its short words that are English or another language's too ("had", "fin", "f", "wla") are weak."""

from __future__ import annotations

_ARY = """
how much = chhal, ch7al, chhhal, sh7al, shhal, chehal, che7al ; how much is = chhal kayn, ch7al kayn, chhal kayna, ch7al kayna
what price = bch7al, bchhal, b ch7al, b chhal ; price = taman, thaman, ttaman, ttman, soum, ssoum, essoum, soumo ; is = wach, wash, ?wch ; is there = kayn, kayna, kayen, ?kayne
why = 3lach, 3lah, 3lache, 3alach, 3lch, 3lech, 3lash, ?lach ; where = fayn, ?fin, ?fen ; what = chno, chnou, chnu, chnowa, chnoa, achno, achnou, shno, ?ach, ?ash
how = kifach, kifash, ?kif, kiyf ; how is = kidayr, kidayra, kidayer ; my = dyali, diali, dyal'i ; of = dyal, ?dial ; your = dyalk, dialk
my account = compte dyali, lcompte dyali, l compte dyali, lhsab dyali, l7sab dyali, hsab dyali, 7sab dyali, lkont dyali
my whole account = compte dyali kaml, compte dyali kamel, compte dyali kamlo, lcompte dyali kaml, l7sab dyali kaml, lhsab dyali kaml
whole account = compte kaml, lcompte kaml, l7sab kaml, lhsab kaml ; account = lcompte, lhsab, l7sab, lkont ; whole = ?kaml, ?kamel, kamlo, kamla
in = ?f, ?fi ; in usd = bi dollar, b dollar, bdollar, bi dolar, bddollar, bi ddollar, b dolar, bi dular, bi l'dollar ; usd = ddollar, ddolar
now = daba, dba, ?db, dork, dorka, dourk ; today = lyoum, lyouma, lyoma, lyum, l'youm, lyom, ?lioum ; yesterday = lbare7, elbare7, el bare7, elbareh, el bareh, lbareh, lbar7, lbarh, lbari7, lbera7, lbere7
since yesterday = mn lbare7, mn lbareh, mn lbar7, men lbare7, mnin lbare7 ; since = mnin, ?mn, ?men
these days = had l2ayam, had layam, had lyam, had liyam, had l'ayam, had liam, had lyamat, had l2iyam ; this = ?had, hadi, hada
this week = had la semaine, had simana, had smana, had l2osbo3, had losbo3, had sman ; last week = simana li fatet, simana li fatt, simana li daz, smana li fatt
this month = had chhar, had shhar, had ch'har ; last month = chhar li fat, chhar li daz, chhar li fatt ; days = ayam, iyam, l2ayam, lyam
last = akhir, lakhar, lakhrin ; hours = sa3at, swaye3 ; or = ?wla, ?ola, ?oula, ?wela, ?wella, ?wolla ; and = ?o, ?w ; with = m3a, ?ma3
going up = tal3a, tal3, tale3, tal3in, tal3a lfou9, kaytla3, katl3, kat tla3 ; going down = nazla, nazel, nazl, nazlin, hab6a, habta, kayhbat, kat hbet, kathbet, tay7a, tay7
went up = tla3, tl3at, tel3at ; went down = hbat, hbet, hb6at, tay7at, ta7
bought = chra, chrat, chrit, chrina, chrach, chratch, chritch ; sold = ba3, ba3t, ba3at, b3at, ba3na, ba3ch, ba3tch, b3t
the bot = lbot, l bot, lboot, lbote ; orders = lordres, l'ordres, lordrat, ordrat ; open orders = ordres mhlolin, lordres li m7lolin, ordres m7lolin
trades = t3amolat, lsafa9at, safa9at ; profit = rb7t, rbe7t, rba7, rib7, lrba7, rbahe, rba7t, rbe7t ; loss = khsert, khsart, khsara, lkhsara, khssara ; pnl = rba7 o khsara, rb7 w khsara
do i have = 3ndi, 3andi, ?andi, 3endi ; how much do i have = chhal 3ndi, ch7al 3ndi, chhal 3andi, ch7al 3andi ; do we have = 3ndna, 3andna
running = khdam, khdama, kheddam, khddam, khadam, ykhdem, yekhdem, kaykhdem, rah yekhdem, rah khdam ; stopped = wa9ef, wa9fa, w9ef, w9f, habs, 7bes ; per trade = f kol trade, f koul trade, fi kol trade ; risk = nrisquer, kanrisquer, risque ; strategy = stratijia, stratigiya, listratijia ; risk = lmokhatara
what do you think = chno katchouf, ach katchouf, chno kadan, chnou ban lik, kifach katchouf, ach ban lik ; should i buy = wach nchri, wach nchreh
hello = salam, slm, salam 3likom, salamo 3alaykom, salam alikoum, ahlan ; please = 3afak, 3afake, 3fak ; thanks = chokran, choukran, barak allah fik
i want to know = bghit n3ref, bghit na3ref, bghit n3raf, bghit nchouf ; show me = werini, wrini, werrini, warini ; only = ghir
a lot = bzaf, bezzaf, bzzaf ; cook = ntayb, ntiyeb, tayb ; dinner = l3cha, 3cha ; lunch = lghda, lghda2 ; food = lmakla, makla ; what can you do = chno t9der dir, ach t9der dir, chno kat9der dir, ach kat3ref dir
still = mazal, ba9i ; anything = chi haja, chi 7aja, chi haja ukhra ; something = ?chi
open = m7lolin, m7loulin, mhlolin, m7lola, m7loula, m7loul ; cancelled = tlghaw, tlgha, mlghiyin, mlghyin, tlghat
sells = lbi3, dyal lbi3, dyal l bi3 ; buys = lchra, dyal lchra, dyal l chra ; alone = bo7do, bo7dha, bou7do
what can you do = achno t9der tdir, chno t9der tdir, ach t9der tdir, t9der tdir liya, achno t9der tdir liya, wach t9der tdir, ach t9der tdir enta, chno t9der tdir enta
how do i use you = kifach nesta3melek, kifach nsta3melek, kifach nkhdem bik, kifach nesta3mel lbot
running = sha3'al, sha3al, shaghal ; or not = wala la2, wala laa
how much = 9adech, 9adeh, 9addech, 9adch, 9addeh ; since the start = men el bidéya, men el bidaya, mel bidéya, mel bidaya ; now = taw, tawa ; its price = soumha, soumou
how much = شحال, اشحال, شحال من, قداش ; what price = بشحال, بقداش ; is = واش ; why = علاش, لاش ; where = فين, فاين ; what = شنو, اشنو, شنوا, شنهو, ?اش
my = ديالي, ديالتي ; of = ديال ; your = ديالك ; now = دابا ; yesterday = البارح, لبارح ; today = ليوم, اليوما
this = هاد, هادي, هادا ; these days = هاد الأيام, هاد ليام, هاد اليامات, هاد لايام ; this week = هاد السيمانة, هاد السمانة, هاد الأسبوع
going up = طالع, طالعة, كيطلع, كتطلع ; going down = نازل, نازلة, كيهبط, كتهبط, طايح, طايحة ; went up = طلع, طلعات ; went down = هبط, هبطات, طاح
bought = شرا, شرى, شريت, شرات, شراش, شريتي ; sold = باعش, باعت, بعتي ; the bot = لبوت ; account = الكونط, الكونت, لكونط
my account = الحساب ديالي, الكونط ديالي, الكونت ديالي, لكونط ديالي ; whole = كامل, كاملة ; and = و ; a lot = بزاف ; only = ?غير
profit = ربح, ربحت, الربح ; how much do i have = شحال عندي, شحال عندي من ; running = خدام, خدامة, كيخدم ; please = عافاك ; hello = سلام
"""

LEXICONS = {"ary": _ARY}

RULES: dict[str, tuple[tuple[str, str, str], ...]] = {}

# Darija says no with "ma" (and a "-ch" on the verb): "3lach lbot ma chrach SOL" is "why didn't the bot buy SOL"
WHY_NOT = {
    "latin": {
        "ary": (r"3lach|3lah|3lache|3alach|3lch|3lech|3lash|lach", r"ma|mat|mab|machi|makaynch|mab9ach", 4)
    },
    "arabic": {"ary": (r"علاش|لاش", r"ما|ماشي|مكاينش", 4)},
}

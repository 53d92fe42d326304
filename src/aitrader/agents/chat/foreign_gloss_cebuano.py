"""The everyday question words of Cebuano (Bisaya), the language of the central and southern Philippines,
typed as people type it, English words mixed in ("pila akong BTC karon?", "ngano gi buy sa bot ang ETH?"),
with the English foreign_gloss.gloss() reads them as (the syntax of a lexicon is in that module's
docstring). The short words Tagalog shares ("ang", "sa", "ug") are weak or left to _asia's Tagalog.

No imperative of buying or selling is here ("palita", "ibaligya": refusal_words_more.py reads those)."""

from __future__ import annotations

_CEB = """
how much = pila, tagpila, pila man, pila na ; how many = pila ka ; what = unsa, unsay, unsa may, unsa'y, unsaon
how much do i have = pila akong, pila ang akong, pila akoang, pila nakong, pila na akong ; do i have = naa koy, aduna koy, naa bay ako
my = akong, nakong, ?ako ; all = ?tanan ; my money = akong kwarta, akong kuwarta, nakong kwarta ; money = kwarta, kuwarta
total = kinatibuk-an, tanan-tanan ; whole account = tanan akong kwarta, tanan nakong kwarta, tibuok account
balance = nabilin, salin ; how much is left = pila nabilin, pila pay nabilin, pila ang nabilin
price = presyo ; how much is = tagpila ang, pila ang presyo
why = ngano, nganong, ngano man ; where = asa, asa man
now = karon, karon dayon, karong tungora ; today = karong adlawa, karong adlaw, karon adlaw, karong adlawa ni
yesterday = gahapon, kagahapon ; earlier today = ganiha ; this week = karong semanaha, karong semana, aning semanaha, ani nga semana
last week = miaging semana, niaging semana, miaging semanaha, niaging semanaha ; this month = karong bulana, karong bulan
last month = miaging bulan, niaging bulan ; last = ulahi, kataposan, katapusan ; recent = bag-o lang, bag-ohay lang
since {day} = sukad {day}, sugod {day}, gikan {day}
@days = lunes, martes, miyerkules, huwebes, biyernes, sabado, ~domingo
since i started = sukad nagsugod ko, sugod sa sinugdanan, gikan sa sinugdan ; all time = sukad sa sinugdanan, sukad sa sugod
bought = gipalit, gipamalit, mipalit, nipalit, namalit, gi buy, gibuy, mi buy, ni buy
sold = gibaligya, gibaligyaan, mibaligya, nibaligya, nagbaligya, gi sell, gisell, mi sell, ni sell
buys = mga gipalit, mga gipamalit ; sells = mga gibaligya ; trades = mga trade, transaksyon, mga transaksyon
orders = mga order ; open orders = bukas nga order, bukas nga mga order, order nga bukas, naa pay order, pending nga order
cancelled = gikansel, gi cancel, na cancel, nakansel ; filled = na fill, na-fill, nahuman
profit = ganansya, ginansya, nakaganansya, nakakita, kita, kinitaan ; loss = alkansi, napildi, pildi, nalugi
pnl = ganansya o alkansi, ganansya ug alkansi ; how much did i make = pila akong kita, pila akong ganansya, pila ang akong ganansya
running = nagdagan, nagdagan ba, nag andar, naga andar, nagtrabaho ; the bot = ang bot ; strategy = estratehiya
didn't trade = wala mu trade, wala mo trade, wala ni trade ; trade = mu trade, mo trade ; some = ?og ; didn't buy = wala mupalit, wala mipalit ; didn't sell = wala mubaligya
position = posisyon ; risk = peligro, risgo ; minimum = pinakagamay, minimum ; minimum order = pinakagamay nga order
should i buy = maayo ba mupalit, angay ba ko mupalit, mupalit ba ko, palit ba ko ; should i sell = maayo ba mubaligya, angay ba ko mubaligya
is it good = maayo ba ; going up = mosaka, musaka, nisaka ; going down = monaog, manaog, nanaog
what do you think of = unsa imong tan-aw sa, unsay imong hunahuna sa
help = tabang ; what can i ask = unsa may pwede nako pangutana, unsa man pwede nako pangutana, unsay pwede nako pangutana, unsa pwede nako pangutana, unsa may pwede pangutana, unsa akong mapangutana, unsa may mapangutana
what can you do = unsa imong mahimo, unsa may imong mahimo, unsa kaya nimo
is there = naa bay, aduna bay, naa ba ; here = diri, dinhi ; only = ?lang, ?ra ; and = ?ug ; or = ?o ; the = ?ang ; of = ?nga
show me = ipakita, pakit-a, ipakita ko ; and what about = unya ang, unya sa ; hello = maayong buntag, maayong hapon, maayong gabii
"""

LEXICONS = {"ceb": _CEB}

RULES: dict[str, tuple[tuple[str, str, str], ...]] = {}

# Cebuano says "why didn't" with "wala" (or "dili"): "nganong wala mu trade ang bot gahapon?"
WHY_NOT = {"latin": {"ceb": (r"ngano|nganong", r"wala|dili", 4)}}

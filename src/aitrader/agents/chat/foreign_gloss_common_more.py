"""foreign_gloss_common's concepts (advice, what the bot risks per trade, everyday off-topic words) in
the languages of foreign_gloss_central, _europe, _mideast, _north and _south: Swiss German, Slovak,
Croatian/Serbian/Bosnian, Serbian Cyrillic, Bulgarian, Slovene, Catalan, Afrikaans, Czech, Romanian,
Greek, Hebrew, Persian, Bengali, Finnish, Hungarian, Swedish, Norwegian, Danish, Estonian, Tamil, Telugu,
Kannada, Malayalam, Gujarati, Punjabi, Marathi and Urdu (the syntax of a lexicon is in foreign_gloss's
docstring)."""

from __future__ import annotations

from aitrader.agents.chat.foreign_gloss_south import with_heh

_GSW = """
should i sell = söll i verchaufe, sött i verchaufe ; cook = chochä, choche ; recipe = rezäpt ; rain = =räge
joke = witz ; poem = gedicht ; song = liedli ; homework = ufzgi
"""

_SK = """
should i sell = mám predať, mal by som predať, oplatí sa predať ; is it a good time to buy = dobrý čas na kúpu, dobrý čas na nákup
risk = riskuje ; cook = variť, uvariť ; recipe = recept ; rain = dážď, prší ; homework = domáca úloha, domácu úlohu
joke = vtip ; poem = báseň ; song = pesnička, pieseň ; translate = prelož, preklad
"""

_SH = """
should i sell = trebam li prodati, treba li da prodam, da li da prodam, isplati li se prodati
is it a good time to buy = dobro vrijeme za kupovinu, dobar trenutak za kupovinu, dobro vreme za kupovinu
risk = riskira ; cook = kuhati, skuhati ; recipe = recept ; rain = kiša ; homework = zadaća, domaća zadaća, domaći zadatak
joke = ?vic, =šala ; song = pjesma, pesma ; translate = prevedi, prijevod
"""

_SR = """
should i sell = да ли да продам, треба ли да продам ; is it a good time to buy = добро време за куповину, добар тренутак за куповину
cook = кувати, скувати ; recipe = рецепт ; rain = киша ; homework = домаћи задатак ; joke = виц ; song = песма
"""

_BG = """
should i sell = да продам ли, трябва ли да продам, струва ли си да продам
is it a good time to buy = добър момент за покупка, подходящ момент за покупка
cook = готвя, сготвя ; recipe = рецепта ; rain = дъжд ; homework = домашно, домашна работа
joke = виц, шега ; poem = стихотворение ; song = песен
"""

_SL = """
should i sell = naj prodam, ali naj prodam, se splača prodati ; is it a good time to buy = dober čas za nakup, dober trenutek za nakup
cook = kuhati ; recipe = recept ; rain = =dež ; homework = domača naloga ; joke = ?vic, =šala ; poem = pesem ; translate = prevedi
"""

_CA = """
should i sell = hauria de vendre, he de vendre, val la pena vendre ; is it a good time to buy = és bon moment per comprar, bon moment per comprar
cook = cuinar ; recipe = recepta ; rain = pluja, plou ; homework = deures ; joke = acudit ; poem = poema ; song = cançó
translate = tradueix, traducció
"""

_AF = """
should i sell = moet ek verkoop ; is it a good time to buy = goeie tyd om te koop, goeie tyd om nou te koop
is it worth buying = is dit die moeite werd om te koop ; cook = ?kook ; recipe = resep ; rain = reën ; homework = huiswerk
joke = grap ; poem = gedig ; song = liedjie ; translate = vertaal
"""

_CS = """
should i sell = mám prodat, měl bych prodat, vyplatí se prodat
is it a good time to buy = dobrá doba na nákup, dobrý čas na nákup, dobrý okamžik ke koupi, je teď dobrý čas koupit
risk = riskuje ; cook = vařit, uvařit ; recipe = recept ; rain = déšť, prší ; homework = domácí úkol, domácí úkoly
joke = vtip ; poem = báseň ; song = písnička, píseň ; translate = přelož, překlad
"""

_RO = """
should i sell = ar trebui să vând, merită să vând ; is it a good time to buy = e un moment bun să cumpăr, moment bun să cumpăr, moment bun de cumpărat
risk = riscă ; cook = gătesc, găti ; recipe = rețetă, rețeta ; rain = ploaie, plouă ; homework = temele, tema pentru acasă
joke = glumă, ?banc ; poem = poezie ; song = cântec, melodie ; translate = tradu, traducere
"""

_EL = """
should i sell = πρέπει να πουλήσω, αξίζει να πουλήσω
is it a good time to buy = καλή στιγμή να αγοράσω, καλή στιγμή για αγορά, είναι καλή στιγμή για αγορά
cook = μαγειρέψω, μαγείρεμα ; recipe = συνταγή ; rain = βροχή ; homework = εργασία για το σπίτι ; joke = ανέκδοτο
poem = ποίημα ; song = τραγούδι ; translate = μετάφρασε, μετάφραση
"""

_HE = """
should i sell = כדאי למכור, האם למכור, שווה למכור ; is it a good time to buy = זמן טוב לקנות, זה זמן טוב לקנות
cook = לבשל ; recipe = מתכון ; rain = גשם ; homework = שיעורי בית ; joke = בדיחה ; song = שיר ; translate = תרגם, תרגום
"""

_FA = """
should i sell = بفروشم یا نه ; is it a good time to buy = وقت خوبی برای خرید, زمان خوبی برای خرید
is it worth buying = ارزش خرید داره, ارزش خرید دارد ; cook = آشپزی, بپزم ; recipe = دستور پخت ; rain = باران
homework = تکلیف ; joke = جوک, لطیفه ; poem = شعر ; song = آهنگ ; translate = ترجمه
"""

_BN = """
should i sell = বিক্রি করা উচিত, বেচব কি, বিক্রি করব কি ; is it a good time to buy = কেনার ভালো সময়, কেনার সঠিক সময়
cook = রান্না ; recipe = রেসিপি ; rain = বৃষ্টি ; homework = বাড়ির কাজ, হোমওয়ার্ক ; joke = কৌতুক, জোকস ; poem = কবিতা
song = গান ; translate = অনুবাদ
"""

_FI = """
should i sell = pitäisikö myydä, pitäisikö minun myydä, kannattaako myydä ; is it a good time to buy = hyvä aika ostaa, hyvä hetki ostaa
cook = kokata, laittaa ruokaa ; recipe = resepti ; rain = ?sataa, ?sade ; homework = läksyt, kotitehtävä ; joke = vitsi
poem = runo ; song = laulu ; translate = käännä, käännös
"""

_HU = """
should i sell = eladjam, eladjam-e, érdemes eladni ; is it a good time to buy = jó idő a vételre, jó időpont a vásárlásra, jó időpont venni
cook = főzni, főzzek ; recipe = recept ; rain = =eső, esik az eső ; homework = házi feladat ; joke = vicc ; poem = ?vers
song = ?dal ; translate = fordítsd, fordítás
"""

_SV = """
should i sell = borde jag sälja, ska jag sälja, bör jag sälja ; is it a good time to buy = bra tid att köpa, bra läge att köpa, ett bra tillfälle att köpa
cook = laga mat ; recipe = recept ; rain = regn ; homework = läxa, läxor ; joke = skämt, vits ; poem = dikt ; song = =sång
translate = översätt, översättning
"""

_NO = """
should i sell = bør jeg selge, skal jeg selge, burde jeg selge ; is it a good time to buy = godt tidspunkt å kjøpe, lurt å kjøpe
cook = lage mat ; recipe = oppskrift ; rain = regn ; homework = lekser ; joke = vits ; poem = dikt ; song = ?sang
translate = oversett, oversettelse
"""

_DA = """
should i sell = skal jeg sælge, bør jeg sælge, burde jeg sælge ; is it a good time to buy = godt tidspunkt at købe
cook = lave mad ; recipe = opskrift ; rain = regn ; homework = lektier ; joke = vittighed ; poem = digt ; song = ?sang
translate = oversæt, oversættelse
"""

_ET = """
should i sell = kas peaksin müüma, kas tasub müüa ; is it a good time to buy = hea aeg osta ; cook = süüa teha
recipe = retsept ; food = toit ; dinner = õhtusöök ; rain = vihm ; homework = kodutöö ; joke = anekdoot ; poem = luuletus
song = laul ; translate = tõlgi, tõlge
"""

_TA = """
should i sell = விற்கலாமா, விற்க வேண்டுமா ; is it a good time to buy = வாங்க நல்ல நேரமா, வாங்க சரியான நேரமா
cook = சமையல், சமைப்பது ; dinner = இரவு உணவு ; rain = மழை ; homework = வீட்டுப்பாடம் ; joke = நகைச்சுவை
poem = கவிதை ; song = பாடல் ; translate = மொழிபெயர்*
"""

_TE = """
should i sell = అమ్మాలా, అమ్మవచ్చా ; is it a good time to buy = కొనడానికి మంచి సమయమా ; cook = వంట ; dinner = రాత్రి భోజనం
rain = వర్షం ; homework = హోంవర్క్ ; joke = జోక్ ; poem = కవిత ; song = పాట ; translate = అనువాదం
"""

_KN = """
should i sell = ಮಾರಬೇಕೇ ; is it a good time to buy = ಖರೀದಿಸಲು ಒಳ್ಳೆಯ ಸಮಯವೇ ; cook = ಅಡುಗೆ ; food = ಆಹಾರ
dinner = ರಾತ್ರಿ ಊಟ ; rain = ಮಳೆ ; homework = ಮನೆಕೆಲಸ ; joke = ಜೋಕ್ ; poem = ಕವಿತೆ ; song = ಹಾಡು ; translate = ಅನುವಾದ
"""

_ML = """
should i sell = വിൽക്കണോ, വിൽക്കാമോ ; is it a good time to buy = വാങ്ങാൻ നല്ല സമയമാണോ ; cook = പാചകം
dinner = അത്താഴം ; rain = മഴ ; homework = ഹോംവർക്ക് ; joke = തമാശ ; poem = കവിത ; song = പാട്ട് ; translate = വിവർത്തനം
"""

_GU = """
should i sell = વેચવું જોઈએ, વેચું કે ; is it a good time to buy = ખરીદવાનો સારો સમય ; cook = રસોઈ ; dinner = રાત્રિભોજન
rain = વરસાદ ; homework = ગૃહકાર્ય ; joke = જોક ; poem = કવિતા ; song = ગીત ; translate = અનુવાદ
"""

_PA = """
should i sell = ਵੇਚਣਾ ਚਾਹੀਦਾ ; is it a good time to buy = ਖਰੀਦਣ ਦਾ ਸਹੀ ਸਮਾਂ ; dinner = ਰਾਤ ਦਾ ਖਾਣਾ ; rain = ਮੀਂਹ, ਬਾਰਿਸ਼
homework = ਹੋਮਵਰਕ ; joke = ਚੁਟਕਲਾ ; poem = ਕਵਿਤਾ ; song = ਗੀਤ ; translate = ਅਨੁਵਾਦ
"""

_MR = """
should i sell = विकावे का, विकायला हवे का, विक्री करावी का ; is it a good time to buy = खरेदीसाठी चांगली वेळ, घेण्याची योग्य वेळ
cook = स्वयंपाक ; dinner = रात्रीचे जेवण ; rain = पाऊस ; homework = गृहपाठ ; joke = विनोद ; poem = कविता ; song = गाणे
translate = भाषांतर, अनुवाद
"""

_UR = """
should i sell = بیچنا چاہیے, بیچ دوں ; is it a good time to buy = خریدنے کا صحیح وقت, خریدنے کا اچھا وقت
cook = کھانا پکانا ; dinner = رات کا کھانا ; rain = بارش ; homework = ہوم ورک ; joke = لطیفہ ; poem = نظم, شاعری
song = گانا ; translate = ترجمہ
"""

LEXICONS = {
    "gsw": _GSW,
    "sk": _SK,
    "sh": _SH,
    "sr": _SR,
    "bg": _BG,
    "sl": _SL,
    "ca": _CA,
    "af": _AF,
    "cs": _CS,
    "ro": _RO,
    "el": _EL,
    "he": _HE,
    "fa": _FA,
    "bn": _BN,
    "fi": _FI,
    "hu": _HU,
    "sv": _SV,
    "no": _NO,
    "da": _DA,
    "et": _ET,
    "ta": _TA,
    "te": _TE,
    "kn": _KN,
    "ml": _ML,
    "gu": _GU,
    "pa": _PA,
    "mr": _MR,
    "ur": with_heh(_UR),
}
RULES: dict[str, tuple[tuple[str, str, str], ...]] = {}
WHY_NOT: dict[str, dict[str, tuple[str, str, int]]] = {}

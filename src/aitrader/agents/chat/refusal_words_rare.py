"""Action words of less common languages that the other lexicons do not cover, so that a request in one of
them ("Gwerthwch fy holl ETH", "Hættu við allar opnu pantanirnar mínar") is refused as surely as one in
English: Welsh, Icelandic, Faroese, Basque, Galician, Maltese, Albanian, Lithuanian, Latvian, Luxembourgish,
Esperanto, Kurdish (Kurmanji), Georgian, Armenian, Azerbaijani, Uzbek, Kyrgyz, Mongolian, Belarusian,
Macedonian and Pashto here; the languages of South and Southeast Asia, Africa, the Caribbean and the Pacific
in refusal_words_rare_south.py, added to these lists below. Imperatives (singular, plural or polite) and
infinitives of buy, sell, cancel, close, withdraw, transfer, send, stop, start, change, raise and lower,
and placing an order. Greek, Hebrew, Bengali, Kazakh and Irish are in refusal_words.py.

Only forms that cannot be read as something else are listed: none is an English word or a word the chat's
ordinary questions use, and a form that is also a past tense, a noun ("ləğv", cancellation; Basque "saldu",
sold) or "price", "orders" or "why" in a neighbouring language is left out or listed only in a phrase that
makes it a request ("ləğv et", "saldu ezazu"). refusal_words.py adds these lists to its own."""

from __future__ import annotations

from aitrader.agents.chat import refusal_words_rare_south
from aitrader.agents.chat.refusal_words_more import words

# Basque verbs take their imperative from an auxiliary ("saldu ezazu", sell it; "ezeztatu itzazu", cancel
# them): the bare participle is also the perfect ("zer saldu du botak?", what has the bot sold?)
_BASQUE = tuple(
    f"{verb} {aux}"
    for verb in words(
        "eros erosi sal saldu ezezta ezeztatu itxi atera bidal bidali geldi gelditu alda aldatu igo jaits jaitsi "
        "transferitu abiarazi murriztu handitu"
    )
    for aux in words("ezazu itzazu ezazue itzazue")
)

WORDS = (
    words(
        # Welsh: imperatives only, its verb-nouns make every past and present ("pam wnaeth y bot werthu?", why
        # did the bot sell?)
        "pryna prynwch gwertha gwerthwch canslwch cansla caewch trosglwyddwch trosglwydda anfona "
        "anfonwch danfonwch stopiwch stopia ataliwch dechreuwch dechreua cychwynnwch newidiwch newidia codwch "
        "cynyddwch gostyngwch gosodwch "
        # Icelandic (also typed without its letters: "haekkadu")
        " kauptu kaupið kaupid  seljið seljid  afturkallaðu afturkalladu  afturkallið "
        " stöðvaðu stodvadu stöðvið stoppaðu stoppadu  ræstu raestu ræsið byrjaðu byrjadu  lokaðu "
        "lokadu  millifærðu millifaerdu millifærið   sendið  breyttu breytið "
        "hækkaðu haekkadu hækkið lækkaðu laekkadu lækkið "
        # Faroese
        "keyp   keypið selið steðga steðgið flyt  flytið broyt  broytið "
        # Galician (its own words: Spanish and Portuguese are in refusal_words.py)
        " pechade  mercade comprade vendede cancelade retirade enviade cambiade "
        "transferide "
        # Maltese
        "ixtri ixtru ixtrili bigħ bigħu agħlaq agħalqu aghlaq ibgħat ibagħtu ibghat ibda ibdew "
        "ibdel ibdlu għolli gholli ittrasferixxi "
        # Albanian ("bli", buy, is Norwegian "become": in the phrases)
        "shitni shitini  anuloni mbyllni mbylle transfero "
        "transferoni dërgo dërgoni dergo dergoni ndalo ndaloni filloni ndrysho ndryshoni zvogëlo zvogelo "
        # Lithuanian
        "pirk pirkite nupirk nupirkite   parduok parduokite  atšauk atšaukite  "
        "atsauk atsaukite  uždaryk uždarykite  uzdaryk uzdarykite  "
        "pervesk perveskite  siųsk siųskite  siusk siuskite  "
        "nusiųsk išsiųsk issiusk sustabdyk sustabdykite  paleisk paleiskite  įjunk ijunk "
        "išjunk isjunk pakeisk pakeiskite  padidink padidinkite  sumažink sumazink "
        "sumažinkite sumazinkite   "
        # Latvian
        "pērc pērciet nopērc nopērciet   perciet noperc pārdodiet  pardodiet  atcel "
        "atceliet  aizveriet   izņemiet   pārskaiti pārskaitiet  "
        "parskaiti  nosūti nosūtiet  nosuti  "
        "sūti sūtiet  apturi apturiet   palaid palaidiet  maini mainiet  "
        "nomaini nomainiet palielini palieliniet  samazini samaziniet  "
        # Luxembourgish
        " verkaf  annuléier  stornéier  iwwerweis  schéck "
        " änner  erhéich  reduzéier   "
        # Esperanto (also in the x-system: "acxetu"; "vendu" is French "sold")
        "aĉetu  acxetu  nuligu  fermu retiru  haltigu  "
        "ĉesigu cxesigu startigu komencu ŝanĝu  sxangxu altigu pliigu malaltigu malpliigu "
        # Kurdish (Kurmanji)
        "bikire bifroşe bifrose bifroşin  bigire bigirin bişîne bisine bişînin  raweste "
        "rawestîne rawestine biguhere biguherîne biguherin vekişîne "
        # Azerbaijani (Turkish "sat", "satın", "gönder" are in refusal_words.py)
        " bağla bağlayın bagla baglayin köçür köçürün kocur kocurun "
        "göndər göndərin gonderin dayandır dayandırın dayandir dayandirin dəyiş dəyişdir dəyişin deyisdir "
        "artırın artirin azalt azaldın azaldin "
        # Uzbek, in Latin and Cyrillic letters
        "soting  yoping  yubor yuboring  to'xtat to'xtating toʻxtat toʻxtating toxtat "
        "toxtating o'chir o'chiring oʻchir oʻchiring o'zgartir o'zgartiring oʻzgartir oʻzgartiring ozgartir "
        "ozgartiring oshir oshiring kamaytir kamaytiring pasaytir pasaytiring o'tkaz o'tkazing oʻtkaz "
        "oʻtkazing сотинг юборинг тўхтат тўхтатинг ўзгартир ўзгартиринг ёпинг "
        # Kyrgyz
        "саткыла жабыңыз жапкыла жибер жибериңиз жөнөт жөнөтүңүз токтот токтотуңуз токтоткула иштет "
        "иштетиңиз өчүр өчүрүңүз өзгөрт өзгөртүңүз азайт азайтыңыз көбөйт көбөйтүңүз которуңуз "
        # Mongolian
        "зараарай цуцал цуцлаарай шилжүүл шилжүүлээрэй илгээ илгээгээрэй зогсоо зогсоогоорой унтраа "
        "унтраагаарай асаа асаагаарай өөрчил өөрчлөөрэй бууруул бууруулаарай нэмэгдүүл нэмэгдүүлээрэй "
        "хаагаарай "
        # Belarusian
        "купі купіце  прадай прадайце  адмяні адмяніце  скасуйце зачыні зачыніце "
        " закрый закрыйце вывядзі вывядзіце  перавядзі перавядзіце  адпраў "
        "адпраўце  дашлі дашліце спыні спыніце  выключы выключыце уключы уключыце запусці "
        "запусціце змяні змяніце  павялічы павялічце павысі панізь зменшы зменшыце выстаў "
        # Macedonian (what it shares with Serbian and Bulgarian is in refusal_words_more.py)
        "продади затворете повлечи повлечете подигни подигнете префрлете испратете стопирај стопирајте "
        "стартувај стартувајте исклучете сменете зголемете намалете откажете поставете "
        # Georgian
        "იყიდე იყიდეთ გაყიდე გაყიდეთ გააუქმე გააუქმეთ დახურე დახურეთ გადარიცხე "
        "გადარიცხეთ გადაიტანე გაგზავნე გაგზავნეთ გააჩერე გააჩერეთ ჩართე ჩართეთ გამორთე გამორთეთ შეცვალე "
        "შეცვალეთ გაზარდე გაზარდეთ შეამცირე შეამცირეთ "
        # Armenian: imperatives only, the infinitive is also the perfect ("ի՞նչ է գնել բոտը", what has it bought?)
        "գնիր գնեք վաճառիր վաճառեք ծախիր չեղարկիր չեղարկեք փակիր փակեք փոխանցիր փոխանցեք "
        "ուղարկիր ուղարկեք կանգնեցրու կանգնեցրեք դադարեցրու դադարեցրեք միացրու միացրեք անջատիր անջատեք "
        "փոխիր փոխեք բարձրացրու բարձրացրեք իջեցրու իջեցրեք նվազեցրու "
        # Pashto: the polite imperative ("وپلوره", sell!, is also "sold")
        "واخلئ وپېرئ وپلورئ ولېږئ واستوئ ودروئ"
    )
    + refusal_words_rare_south.WORDS
)

PHRASES: tuple[str, ...] = (
    # Welsh, Icelandic, Faroese: withdraw, cancel ("hætta", alone, is danger), place an order; Lithuanian,
    # Azerbaijani "take the money out" (the verb alone also takes a coin off a list)
    *("tynnwch allan", "tynna allan", "gosodwch archeb", "rhowch archeb"),
    *("išimk pinigus", "isimk pinigus", "išimkite pinigus", "isimkite pinigus", "pul çıxart", "pul cixart"),
    *("seldu allt", "seldu öll", "seldu mitt", "anulo të gjitha", "anulo porositë", "anulo gjithçka"),
    *("hættu við", "hættið við", "haettu vid", "haettid vid", "taktu út", "takið út", "taktu ut"),
    *("settu inn pöntun", "leggðu inn pöntun", "gerðu pöntun", "lat aftur", "latið aftur", "tak út"),
    # Basque
    *_BASQUE,
    *("bertan behera utzi", "utzi bertan behera", "ezeztatu nire", "saldu nire", "itxi nire", "bidali nire"),
    # Maltese ("ikkanċella" and "waqqaf" are also "he cancelled", "he stopped"), Albanian ("shit", sell, "bli",
    # buy, and "mbyll", close, which is also "closes", only before what they act on)
    *("ikkanċella kollox", "ikkanċella l-ordnijiet kollha", "ikkancella kollox", "waqqaf il-bot"),
    *("agħmel ordni", "poġġi ordni", "mbyll pozicionin", "mbyll të gjitha", "mbyll te gjitha", "mbyll botin"),
    *("shit të gjitha", "shit te gjitha", "shit të gjithë", "shit gjithçka"),
    *(
        "bli btc",
        "bli eth",
        "bli sol",
        "bli bitcoin",
        "bli ethereum",
        "bli solana",
        "më bli",
        "vendos porosi",
    ),
    "vendos një porosi",
    # Latvian "sell", "close", "take out" and Galician "close" are also "sells", "closes", "takes out"
    *(
        f"{verb} {what}"
        for verb in words("pārdod pardod aizver izņem iznem")
        for what in words("visu manu man")
    ),
    *(f"pecha {what}" for what in ("a miña", "as miñas", "o meu", "os meus", "todo", "todas", "todos")),
    # Luxembourgish
    *("maach zou", "hief of"),
    # Kurdish (Kurmanji): "bike", do, makes the verb
    *("betal bike", "betal bikin", "dest pê bike", "dest pe bike", "zêde bike", "zede bike", "kêm bike"),
    *("kem bike", "bilind bike", "ferman bide"),
    # Azerbaijani ("ləğv" alone is the noun: "ləğv edilmiş", cancelled)
    *("ləğv et", "ləğv edin", "ləğv elə", "legv et", "legv edin", "işə sal", "işə salın", "ise sal"),
    *("sifariş ver", "sifaris ver", "sifariş yerləşdir"),
    # Uzbek
    *("sotib ol", "sotib oling", "sotib olmoq", "sotib yubor", "sotib yuboring", "bekor qil", "bekor qiling"),
    *("bekor qilmoq", "yechib ol", "yechib oling", "ishga tushir", "ishga tushiring", "buyurtma ber"),
    *("buyurtma bering", "сотиб ол", "сотиб олинг", "бекор қил", "бекор қилинг"),
    # Kyrgyz, Mongolian
    *("сатып ал", "сатып алыңыз", "сатып алгыла", "сатып жибер", "жокко чыгар", "жокко чыгарыңыз"),
    *("буйрутма бер", "буйрутма бериңиз", "худалдаж ав", "худалдаж аваарай", "худалдан ав", "зарна уу"),
    *("цуцална уу", "шилжүүлнэ үү", "илгээнэ үү", "зогсооно уу", "захиалга өг", "захиалга тавь"),
    # Pashto: "do" (کړئ) with a noun or adjective: sell, close, start, change, raise, lower
    *(f"{what} کړئ" for what in words("خرڅ بند پیل چالان بدل زیات لوړ کم ټیټ")),
    # review 46b: a verb with what it acts on, where the verb alone is also another word (Esperanto, Latvian,
    # Basque, Maltese, Albanian, Kyrgyz, Haitian Creole, Yoruba, Hausa, Zulu/Xhosa, Maori, Malagasy, Somali,
    # Macedonian, Nepali)
    *(
        "vendu ĉiujn",
        "vendu miajn",
        "vendu mian",
        "vendu cxiujn",
        "pārdod visus",
        "pārdod manus",
        "pardod visus",
    ),
    *(
        "izņem visus",
        "izņem manus",
        "aptur botu",
        "gelditu bota",
        "gelditu robota",
        "atera nire",
        "iġbed l-usdt",
    ),
    *(
        "iġbed il-flus",
        "ikkanċella l-ordnijiet tiegħi",
        "shit gjithë",
        "shit të gjitha",
        "tërhiq usdt",
        "tërhiq paratë",
    ),
    *("eth сат", "btc сат", "sol сат", "vann tout", "anile tout", "kanpe bot", "ta gbogbo", "fagilé gbogbo"),
    *(
        "dá bot",
        "sayar da duk",
        "dakatar da",
        "soke odar",
        "misa i-bot",
        "khipha i-usdt",
        "hokona ōku",
        "hokona aku",
    ),
    *("whakakorea aku", "whakamutua te bot", "foano ny", "kala bax", "запри го ботот", "बोट बन्द गर"),
    # the languages of refusal_words_rare_south.py
    *refusal_words_rare_south.PHRASES,
)

SCRIPT: tuple[str, ...] = refusal_words_rare_south.SCRIPT

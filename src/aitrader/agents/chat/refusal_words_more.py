"""Action words of the languages the glossary gained in stop 36 — Finnish, Hungarian, Swedish, Norwegian,
Danish, Estonian (foreign_gloss_north), Tamil, Telugu, Kannada, Malayalam, Gujarati, Punjabi, Marathi,
Urdu (_south), Swiss German, Slovak, Croatian/Serbian/Bosnian, Slovenian, Bulgarian, Catalan, Afrikaans
(_central): imperatives and infinitives of buy, sell, cancel, close, withdraw, transfer, send, change,
raise, lower, stop and start, and placing an order. refusal_words.py adds them to its lists."""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list (refusal_words.py writes its lists so too)."""
    return tuple(text.split())


# Colloquial Indonesian "do it for me" forms ("beliin BTC", "batalin yang itu"): action words, which also
# say the bot's own action after "bot" (refusal_not_asked.py) and ask the chat in a "can I" question
# (refusal_polite.py)
INDONESIAN_FOR_ME = words("beliin jualin batalin tarikin kirimin tutupin matiin pindahin cancelin")

WORDS = INDONESIAN_FOR_ME + words(
    # Finnish, Hungarian, Swedish, Norwegian, Danish, Estonian
    "ostaa ostakaa ostetaan myydä myykää myydään perua peruuttaa perukaa sulje sulkea suljetaan nostaa "
    "nostakaa siirrä siirtää lähetä lähettää vaihda vaihtaa korota korottaa pysäytä pysäyttää käynnistä "
    "käynnistää sammuta sammuttaa aseta asettaa venni vásárolj vasarolj vásárolni vasarolni adjál adjal "
    "eladni törölni torolni töröljed vond visszavonni zárd zard zárni zarni utalni küldd kuldd küldeni "
    "kuldeni módosítsd modositsd módosítani modositani emeld emelni csökkentsd csokkentsd leállítani "
    "leallitani indítsd inditsd indítani inditani kapcsold helyezz avbryta annullera starta kjøpe selge "
    "kanseller kansellere lukk lukke overfør overføre sende endre øk øke senk senke legg køb købe sælge "
    "annullere luk hæv hæve ændr ændre sænk sænke læg ostma müü müüma tühista tühistama sulge sulgema "
    "kanna kandma saatma muuda muutma tõsta tõstma langeta peata peatama käivita käivitama "
    # romanised Tamil, Telugu, Kannada, Malayalam, Urdu
    "vaangu vaangidu vaangunga vithudu vittudu konandi ammandi ammeyi ammesey kharidisu maaribidu vangu "
    "vangikko vilkku vecho "
    # Swiss German, Slovak, Croatian/Serbian/Bosnian, Slovenian, Catalan, Afrikaans
    "chauf chaufe verchauf verchaufe stornier lösch loesch schick schicke überwiis überwiise uberwiis "
    "abhebe kúp kúpte kúpiť kupit predaj predajte predať predat zrusit zrušiť zruste zatvor zatvorte "
    "zatvoriť zatvorit zastaviť zastavit zapni spusti spustite zmeň zmen zmeniť zmenit zvýš zvys zníž "
    "zniz preveď preved previesť previest poslať poslat vybrať vybrat kupite kupiti prodajte prodati "
    "otkažite otkazite otkazati poništi ponisti poništite poništiti povuci povući prebaci prebacite "
    "prebaciti pošalji posalji pošaljite poslati zatvori zatvorite zatvoriti zaustavi zaustavite "
    "zaustaviti ugasi isključi iskljuci uključi ukljuci pokreni pokrenite promijeni promjeni promeni "
    "povećaj povecaj smanji postavi prekliči preklici prekličite preklicite dvigni dvignite nakaži nakazi "
    "prenesi pošlji poslji pošljite zapri zaprite ustavi ustavite izklopi vklopi zaženi zazeni spremeni "
    "povečaj zmanjšaj zmanjsaj oddaj compreu veneu vengui cancel·la cancel.la cancel·lar cancellar "
    "cancel·leu anul·la anul·lar transfereix transferiu tanca tancar tanqueu atura aturar atureu canvia "
    "canviar apuja abaixa engega kanselleer onttrek oordra oorplaas verlaag verander "
    # Cebuano (Bisaya): buy (it, for me), sell (it), cancel (it), send, move, close, stop, withdraw
    "palita paliti palitan palitig ibaligya baligyaa baligyai ibaligyag kanselaha kanselahi ikansel ipadala "
    "padalhi ibalhin balhina isira sirad-i hunonga ihunong iwithdraw i-withdraw"
)
PHRASES: tuple[str, ...] = (
    # Dutch "zet" (put/set) with what it sets: "zet de stop hoger"
    "zet de stop",
    "zet mijn stop",
    "zet de take",
    "zet het risico",
    "zet de bot op",
    "продај",
    "peru kaikki",
    "peru avoimet",
    "peru tilaus",
    "peru tilaukset",
    "peru toimeksianto",
    "peru toimeksiannot",
    "peru osto",
    "peru myynti",
    "ven tot",
    "ven tots",
    "ven totes",
    "ఆపు",
    "ರದ್ದುಮಾಡು",
    "продадеш",
    "продадете",
    "смени",
    "стартирай",
    "prodaš",
    "prodas",
    "kupiš",
    "maha müüa",
    "prodat",
    "öka risken",
    "höj risken",
    "begin die bot",
    "ven btc",
    "ven eth",
    "ven sol",
    "ven bitcoin",
    "ven ethereum",
    "ven solana",
    "només ven",
    "ven només",
    # whole words of scripts whose endings make them inside other words ("ಮಾರು" is in "ಮಾರುಕಟ್ಟೆ", market)
    "ಮಾರು",
    "ಕೊಳ್ಳು",
    "ಖರೀದಿಸಿ",
    "ರದ್ದುಗೊಳಿಸಿ",
    "కొను",
    "అమ్ము",
    "வாங்கு",
    "વેચી દે",
    "વેચી દો",
    "ખરીદી લે",
    "विकून टाक",
    "खरेदी कर",
    "بیچیں",
    "خریدیں",
    "بیچ دیں",
    "ven el meu",
    "ven la meva",
    "ven els meus",
    "ven-ho",
    "ven-los",
    "tee tilaus",
    "tee toimeksianto",
    "ota ulos",
    "adj el",
    "vond vissza",
    "allitsd le",
    "kapcsold ki",
    "kapcsold be",
    "adj le",
    "lägg en order",
    "lägg ordern",
    "ta ut pengar",
    "stäng av boten",
    "sätt igång boten",
    "legg inn en ordre",
    "ta ut penger",
    "skru av boten",
    "læg en ordre",
    "hæv penge",
    "sluk botten",
    "tee tehing",
    "võta välja",
    "pane order",
    "lülita välja",
    "lülita sisse",
    "cancel pannu",
    "cancel pannunga",
    "order podu",
    "order podunga",
    "cancel cheyyi",
    "cancel cheyandi",
    "order pettu",
    "cancel maadi",
    "cancel cheyyu",
    "cancel karo",
    "order mukho",
    "stell dr bot ab",
    "stell de bot ab",
    "schalt dr bot ab",
    "mach en uftrag",
    "setz en uftrag",
    "leg en uftrag a",
    "mach d'position zue",
    "zadaj príkaz",
    "zadaj prikaz",
    "daj príkaz",
    "postavi nalog",
    "stavi nalog",
    "ugasi bota",
    "isključi bota",
    "oddaj naročilo",
    "oddaj narocilo",
    "ustavi bota",
    "posa una ordre",
    "fes una ordre",
    "atura el bot",
    "plaas 'n bestelling",
    "plaas 'n order",
    "skakel die bot af",
    "stop die bot",
    "trek uit",
)
# Scripts whose words take endings, matched inside words (Tamil, Telugu, Kannada, Malayalam, Gujarati,
# Punjabi, Marathi, Urdu, Serbian and Bulgarian Cyrillic): single words, then phrases
SCRIPT: tuple[str, ...] = (
    *words(
        "வாங்கிடு வாங்கிவிடு வாங்கவும் வாங்குங்க வாங்கிக்கோ விற்றுவிடு விற்றிடு விற்றுடு வித்துடு விற்கவும் "
        "போடு நிறுத்தவும் நிறுத்திவிடு நிறுத்துங்க தொடங்கவும் ஆரம்பிக்கவும் அனுப்பவும் அனுப்பிவிடு மாற்றவும் "
        "மாற்றிவிடு அதிகரிக்கவும் குறைக்கவும் மூடவும் மூடிவிடு மூடுங்க కొనండి కొనేయి కొనేయండి కొనుక్కో "
        "అమ్మండి అమ్మేయి అమ్మేయండి అమ్మెయ్ విక్రయించండి ఆపండి ఆపేయి ఆపివేయి ఆపెయ్ ప్రారంభించండి ప్రారంభించు "
        "మొదలుపెట్టు ఉపసంహరించు పంపండి పంపించు మార్చండి పెంచండి తగ్గించండి మూసివేయి మూసేయి ಖರೀದಿಸು "
        "ಖರೀದಿಸಿಬಿಡು ಕೊಂಡುಕೊ ತಗೊಳ್ಳಿ ಮಾರಿಬಿಡು ಮಾರಿಬಿಡಿ ರದ್ದುಗೊಳಿಸು ನಿಲ್ಲಿಸು ಪ್ರಾರಂಭಿಸು ಹಿಂಪಡೆಯಿರಿ ವರ್ಗಾಯಿಸು "
        "ಕಳುಹಿಸು ಬದಲಾಯಿಸು ಹೆಚ್ಚಿಸು ಮುಚ್ಚು വാങ്ങൂ വാങ്ങുക വാങ്ങിക്കോ വാങ്ങിക്കൂ വാങ്ങിച്ചോ വിൽക്കൂ വിൽക്കുക "
        "വിറ്റോളൂ വിറ്റഴിക്കൂ റദ്ദാക്കൂ റദ്ദാക്കുക നിർത്തൂ നിർത്തുക തുടങ്ങൂ ആരംഭിക്കൂ പിൻവലിക്കൂ പിൻവലിക്കുക "
        "അയക്കൂ അയയ്ക്കുക മാറ്റൂ മാറ്റുക വർദ്ധിപ്പിക്കൂ കുറയ്ക്കൂ കുറയ്ക്കുക അടയ്ക്കൂ ખરીદો વેચો અટકાવો ઉપાડો "
        "મોકલો બદલો ਖਰੀਦੋ ਵੇਚੋ ਰੋਕੋ ਕਢਵਾਓ ਭੇਜੋ ਬਦਲੋ ਵਧਾਓ ਘਟਾਓ विका थांबवा काढा पाठवा बदला वाढवा خریدو بیچو "
        "روکو نکالو نکلواؤ بھیجو بدلو بڑھاؤ купите продајте откажи откажите поништи повуци пребаци пошаљи "
        "затвори заустави угаси искључи покрени повећај смањи купете продайте изтегли преведи изпрати затвори "
        "спри спрете пусни увеличи намали"
    ),
    "விற்பனை செய்யவும்",
    "விற்பனை செய்யுங்க",
    "ரத்து செய்யவும்",
    "ரத்து செய்யுங்க",
    "ரத்து பண்ணு",
    "கேன்சல் பண்ணு",
    "கேன்சல் செய்யவும்",
    "திரும்பப் பெறவும்",
    "కొనుగోలు చేయండి",
    "కొనుగోలు చేయి",
    "రద్దు చేయండి",
    "రద్దు చేయి",
    "రద్దు చెయ్",
    "క్యాన్సిల్ చేయండి",
    "క్యాన్సిల్ చెయ్",
    "స్టార్ట్ చేయి",
    "స్టార్ట్ చేయండి",
    "విత్డ్రా చేయి",
    "బదిలీ చేయి",
    "బదిలీ చేయండి",
    "క్లోజ్ చేయి",
    "ఆర్డర్ పెట్టు",
    "ఆర్డర్ వేయి",
    "ఆర్డర్ పెట్టండి",
    "ಖರೀದಿ ಮಾಡು",
    "ಮಾರಾಟ ಮಾಡು",
    "ರದ್ದು ಮಾಡು",
    "ಕ್ಯಾನ್ಸಲ್ ಮಾಡು",
    "ಶುರು ಮಾಡು",
    "ವಿತ್‌ಡ್ರಾ ಮಾಡು",
    "ಕಡಿಮೆ ಮಾಡು",
    "ಆರ್ಡರ್ ಹಾಕು",
    "ക്യാൻസൽ ചെയ്യൂ",
    "ക്യാൻസൽ ചെയ്യുക",
    "സ്റ്റാർട്ട് ചെയ്യൂ",
    "ട്രാൻസ്ഫർ ചെയ്യൂ",
    "ക്ലോസ് ചെയ്യൂ",
    "ഓർഡർ ഇടൂ",
    "ഓർഡർ ചെയ്യൂ",
    "ખરીદી લો",
    "ખરીદી કરો",
    "વેચી દો",
    "વેચી નાખો",
    "રદ કરો",
    "કેન્સલ કરો",
    "બંધ કરો",
    "શરૂ કરો",
    "ટ્રાન્સફર કરો",
    "વધારી દો",
    "ઘટાડી દો",
    "ઓર્ડર મૂકો",
    "ઓર્ડર આપો",
    "ਖਰੀਦ ਲਓ",
    "ਵੇਚ ਦਿਓ",
    "ਵੇਚ ਦੇ",
    "ਰੱਦ ਕਰੋ",
    "ਰੱਦ ਕਰ ਦਿਓ",
    "ਕੈਂਸਲ ਕਰੋ",
    "ਬੰਦ ਕਰੋ",
    "ਰੋਕ ਦਿਓ",
    "ਸ਼ੁਰੂ ਕਰੋ",
    "ਚਾਲੂ ਕਰੋ",
    "ਟ੍ਰਾਂਸਫਰ ਕਰੋ",
    "ਆਰਡਰ ਲਗਾਓ",
    "ਆਰਡਰ ਪਾਓ",
    "विकत घ्या",
    "खरेदी करा",
    "विकून टाका",
    "विक्री करा",
    "रद्द करा",
    "सुरू करा",
    "हस्तांतरित करा",
    "कमी करा",
    "बंद करा",
    "ऑर्डर टाका",
    "ऑर्डर लावा",
    "خرید لو",
    "خرید لیں",
    "بیچ دو",
    "بیچ دیں",
    "فروخت کرو",
    "فروخت کریں",
    "منسوخ کرو",
    "منسوخ کریں",
    "کینسل کرو",
    "کینسل کریں",
    "بند کرو",
    "بند کریں",
    "روک دیں",
    "روک دو",
    "شروع کرو",
    "شروع کریں",
    "ٹرانسفر کرو",
    "ٹرانسفر کریں",
    "بھیج دو",
    "تبدیل کرو",
    "کم کرو",
    "آرڈر لگاؤ",
    "آرڈر لگا دو",
)


# Review 45b: German "schließ" (the imperative without its -e); Turkish "turn the bot on", "put a stop", Tagalog
# "open/turn on/restart (it)", German "switch the bot off/on", Ukrainian "change the strategy/risk/mode"; Hindi
# "raise/lower it", "turn it on", "cancel it" (transliterated), Bengali "turn it off", "lower/raise it"
WORDS += words("schließ")


def phrases(text: str) -> tuple[str, ...]:
    """The phrases of a "|"-separated list."""
    return tuple(text.split("|"))


PHRASES += phrases(
    "botu aç|botu ac|stop koy|stop loss koy|buksan mo|i-on mo|i-restart mo|schalte den bot aus|schalte den bot ein|"
    "schalt den bot aus|schalt den bot ein|mach den bot an|зміни стратегію|зміни ризик|зміни режим"
)
SCRIPT += phrases(
    "बढ़ा दो|बढ़ा दी|बढ़ा दें|बढ़ा दो|बढ़ा दी|बढ़ा दें|घटा दो|घटा दी|घटा दें|चालू करो|चालू कर दो|"
    "कैंसल करो|कैंसिल करो|कैंसल करें|कैंसिल करें|कैंसल कीजिए|कैंसिल कीजिए|কমিয়ে দাও|কমিয়ে দিন|বাড়িয়ে দাও|বাড়িয়ে দিন|"
    "বন্ধ করো|বন্ধ করুন|বন্ধ করে দাও|বন্ধ করে দিন|চালু করো"
)

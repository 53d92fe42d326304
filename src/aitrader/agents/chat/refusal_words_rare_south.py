"""Action words of the less common languages of South and Southeast Asia, Africa, the Caribbean and the
Pacific — Nepali, Sinhala, Khmer, Lao, Burmese, Javanese, Sundanese, Yoruba, Hausa, Igbo, Zulu, Xhosa,
Amharic, Somali, Kinyarwanda, Malagasy, Haitian Creole and Maori — which refusal_words_rare.py adds to its
lists: imperatives and infinitives of buy, sell, cancel, close, withdraw, transfer, send, stop, start,
change, raise and lower, and placing an order.

Nepali, Khmer, Lao and Burmese are matched inside words (SCRIPT), so a bare verb would also match where
the chat is asked about buying or selling (Khmer "ការបញ្ជាទិញ", an order, holds "ទិញ", buy; Nepali "किन",
buy, is "why"): they are listed with what makes them a request — "please" (Khmer "សូម", Lao "ກະລຸນາ"),
"for me" (Burmese "ပေးပါ", Lao "ໃຫ້ຂ້ອຍ") or a polite imperative ending (Nepali "-नुहोस्"). Yoruba "ra"
(buy) and "ta" (sell), which are also "bought" and "sold", come with "please" or "for me".

Verbs that also mean "take out" or "bring out" (Zulu "khipha", Amharic "አውጣ") are left out or listed with
"money" ("khipha imali"): "bring out the list of my orders" asks to see them."""

from __future__ import annotations

from aitrader.agents.chat.refusal_words_more import words

WORDS = words(
    # Javanese (ngoko and krama: "", sell it; "tumbasaken", buy it), Sundanese ("-keun" forms)
    "tukua tukokna tukokke tumbasaken  dodolen adolen sadeaken batalna batalke tutupen tutupna kirimen "
    "kirimna mandhegna mandhekna pateni uripna beuli beulikeun jualkeun batalkeun tutupkeun "
    "kirimkeun eureunkeun pindahkeun naekkeun turunkeun "
    # Igbo
    "zụta zuta kagbuo mechie ziga kwụsị kwusi malite gbanwee "
    # Zulu, Xhosa
    "thenga thengani  thengisa thengisani  zithengise yithengise khansela khanselani "
    " valani  thumela thumelani  misani  "
    "qalisa qalisani nyusa nciphisa yehlisa shintsha shintshani  dlulisela rhoxisa rhoxisani "
    "tshintsha tshintshani "
    # Somali, Kinyarwanda, Malagasy
    "iibso iibsada iibi iibiya jooji joojiya baaji wareeji   kordhi yaree gura mugure  "
    "gurisha mugurishe  hagarika muhagarike bikuza mubikuze  ohereza mwohereze  "
    "tangira tangiza hindura muhindure gabanya mugabanye  amidio hidio alefaso afindrao "
    "ajanony atombohy  ampitomboy ahenao "
    # Amharic (masculine, feminine and plural imperatives, the polite form and "for me")
    "ግዛ ግዙ ይግዙ  ግዛልኝ ሽጥ ሽጪ ሽጡ ይሽጡ  ሽጥልኝ ሰርዝ ሰርዢ ሰርዙ ይሰርዙ ሰርዝልኝ ዝጋ ዝጊ ዝጉ ይዝጉ "
    "አስተላልፍ አስተላልፉ ያስተላልፉ ላክ ላኪ ይላኩ ላክልኝ አቁም አቁሚ አቁሙ ያቁሙ ጀምር "
    "ጀምሪ ጀምሩ ቀይር ቀይሪ ቀይሩ ይቀይሩ ጨምር ጨምሪ ጨምሩ ቀንስ ቀንሺ ቀንሱ"
)

# Yoruba, Hausa, Haitian Creole and Maori say "sold" and "sell!" alike ("ṣé bot ta ETH?", did the bot sell
# ETH?; Hausa "bot ya sayi ETH", the bot bought ETH; Haitian "bot la vann"; Maori "i hokona", was bought): their
# verbs are listed with "please" or "for me" beside them
_PLEASE_OR_FOR_ME = (
    *(
        f"{please} {verb}"
        for please in words("jọ̀wọ́ jọwọ jowo")
        for verb in words("ra fagilé fagile pa dá da yọ")
    ),
    *("ra fún mi", "ta fún mi"),
    *(f"{p} ta {w}" for p in words("jọ̀wọ́ jọwọ jowo") for w in words("gbogbo eth btc sol bitcoin")),
    *(
        f"{verb} {me}"
        for verb in words("saya sayo sayar soke rufe cire tura canza")
        for me in ("min", "mini")
    ),
    *(f"tanpri {verb}" for verb in words("achte vann anile fèmen femen voye kanpe chanje ogmante diminye")),
    *(f"{verb} pou mwen" for verb in words("achte vann anile fèmen femen voye")),
    *(f"{verb} koa" for verb in words("hokona whakakorea katia tangohia tukuna whakamutua hurihia")),
    # Zulu, Xhosa "take the money out"
    *("khipha imali", "khiphani imali", "khupha imali", "khuphani imali"),
)

PHRASES: tuple[str, ...] = (
    *("dolen kabeh", "vidio ny", "amidio ny", "ovay ny", "bilow bot"),
    *_PLEASE_OR_FOR_ME,
    # Sinhala: the verb done "off" (-ලා දාන්න) or "for me" (-ලා දෙන්න). The plain polite imperative ("විකුණන්න",
    # sell) is left out: its vowel sign, which is no word character, lets it match inside "විකුණන්නේ" (sells, in
    # "why does the bot sell?")
    *(f"{verb}ලා {give}" for verb in words("විකුණ යව නවත්ව") for give in words("දාන්න දෙන්න")),
    *(f"{noun} කරලා {give}" for noun in words("අවලංගු මාරු නතර ආරම්භ වෙනස් වැඩි අඩු") for give in words("දාන්න දෙන්න")),
    *("මිලදී අරන් දෙන්න", "මිලදී අරගෙන දෙන්න", "ඇණවුමක් දාලා දෙන්න", "ඕඩර් එකක් දාලා දෙන්න"),
)

SCRIPT: tuple[str, ...] = (
    # Nepali (Hindi "बेच", "रद्द", "निकाल" in refusal_words.py hold its sell, cancel and withdraw)
    *words(
        "किन्नुहोस् किनिदिनुहोस् किनिदेऊ किनिदेउ पठाउनुहोस् पठाइदिनुहोस् पठाइदेऊ रोक्नुहोस् रोकिदिनुहोस् रोकिदेऊ "
        "बदल्नुहोस् बढाउनुहोस् बढाइदिनुहोस् घटाउनुहोस् घटाइदिनुहोस्"
    ),
    *("बन्द गर्नुहोस्", "बन्द गरिदिनुहोस्", "बन्द गरिदेऊ", "ट्रान्सफर गर्नुहोस्", "स्थानान्तरण गर्नुहोस्"),
    *("सुरु गर्नुहोस्", "सुरु गरिदिनुहोस्", "चालु गर्नुहोस्", "परिवर्तन गर्नुहोस्", "अर्डर राख्नुहोस्"),
    *("अर्डर गर्नुहोस्", "क्यान्सिल गर्नुहोस्"),
    # Khmer: "please" or "help" before the verb, "for me" or "all" after it
    *words(
        "សូមទិញ ជួយទិញ ទិញឱ្យខ្ញុំ ទិញអោយខ្ញុំ សូមលក់ ជួយលក់  លក់ឱ្យខ្ញុំ លក់អោយខ្ញុំ  "
        "សូមលុប សូមបោះបង់  សូមបិទ  សូមដក សូមផ្ទេរ សូមផ្ញើ សូមបញ្ឈប់  "
        "សូមចាប់ផ្តើម សូមចាប់ផ្ដើម សូមផ្លាស់ប្តូរ សូមផ្លាស់ប្ដូរ សូមប្តូរ សូមប្ដូរ សូមបង្កើន សូមបន្ថយ "
    ),
    # Lao
    *words(
        "ກະລຸນາຊື້ ຊື້ໃຫ້ຂ້ອຍ ຊື້ໃຫ້ແດ່ ກະລຸນາຂາຍ ຂາຍໃຫ້ຂ້ອຍ ຂາຍໃຫ້ແດ່  ກະລຸນາຍົກເລີກ "
        " ກະລຸນາປິດ ກະລຸນາຖອນ ກະລຸນາໂອນ ກະລຸນາສົ່ງ ກະລຸນາຢຸດ ກະລຸນາເລີ່ມ "
        "ກະລຸນາປ່ຽນ ກະລຸນາເພີ່ມ ກະລຸນາຫຼຸດ ກະລຸນາຫລຸດ ສັ່ງຊື້ໃຫ້"
    ),
    # Burmese: the verb with "for me, please" (ပေးပါ) or "go ahead" (လိုက်ပါ)
    *words(
        "ဝယ်ပေးပါ ရောင်းပေးပါ ရောင်းချပေးပါ ဖျက်ပေးပါ ပယ်ဖျက်ပေးပါ ပယ်ဖျက်ပါ ပိတ်ပေးပါ ထုတ်ပေးပါ လွှဲပေးပါ "
        "ပို့ပေးပါ ရပ်ပေးပါ ရပ်တန့်ပေးပါ စတင်ပေးပါ ပြောင်းပေးပါ တိုးပေးပါ လျှော့ပေးပါ အော်ဒါတင်ပေးပါ  "
        ""
    ),
)

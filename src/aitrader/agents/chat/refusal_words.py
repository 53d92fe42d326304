"""Action words in languages other than English — buy, sell, cancel, close, withdraw, transfer, send,
change, raise, stop or start (the bot) — as imperatives, infinitives and nouns. Latin-script words are
matched as whole words (FOREIGN_WORDS, FOREIGN_PHRASES); scripts written without spaces, or whose words
take affixes, by substring (FOREIGN_SCRIPT). A line naming one is a request to act (refusal.py)."""

from __future__ import annotations

from aitrader.agents.chat import refusal_words_more, refusal_words_rare
from aitrader.agents.chat.refusal_words_more import words as _words

FOREIGN_WORDS = _words(
    # German
    "kauf kaufe kaufen kauft verkauf verkaufe verkaufen verkauft storniere stornieren storno lösche "
    "löschen abheben auszahlen auszahlung überweise überweisen überweisung schließe schließen schliess "
    "schliesse glattstellen ändere ändern erhöhe erhöhen setze setz stoppe stopp stoppen halte anhalten "
    "deaktiviere aktiviere starte "
    # French
    "achète achete acheter achetez vends vendre vendez annule annuler annulez retirer retirez "
    "retrait transfère transfere transférer transferer virement ferme fermer fermez clôture cloture "
    "clôturer envoie envoyer modifie modifier augmente augmenter arrête arrete arrêter arreter arrêtez "
    "désactive desactive démarre demarre executez exécutez rachète rachete racheter revends revendre "
    # Irish
    "ceannaigh díol diol cealaigh aistrigh "
    # Spanish / Portuguese / Italian
    "compra comprar compre compren compres cómprame comprame vende vender venda vendan véndeme véndelo vendelo cómpralo compralo "
    "cancélalas cancelalas cancélala cancelala cancélalo cancelalo cancélalos cancelalos véndelas vendelas véndela "
    "vendela véndelos vendelos cómprala comprala cómpralas compralas cómpralos compralos ciérrala cierrala "
    "ciérralo cierralo ciérralas cierralas retíralo retiralo cancela "
    # the formal "usted" with a pronoun: "véndame todo el solana", "cómpreme 0.1 btc"
    "véndame vendame véndamelo vendamelo véndanos cómpreme compreme cómpremelo compremelo cancéleme canceleme "
    "ciérreme cierreme retíreme retireme transfiérame transfierame "
    "véndalo vendalo véndala vendala véndalos vendalos véndalas vendalas véndamelo vendamelo véndamelos vendamelos "
    "cómprelo comprelo cómprela comprela cómprelos comprelos cómprenos comprenos cancélelo cancelelo cancélela "
    "cancelela cancélelos cancelelos cancélelas cancelelas ciérrelo cierrelo ciérrela cierrela ciérrelos cierrelos "
    "ciérrelas cierrelas ciérremelo cierremelo ciérremelas cierremelas retírelo retirelo transfiéramelo "
    "transfieramelo liquídeme liquideme liquídelo liquidelo "
    "cancelar cancele cancelen retira retirar transfiere transferir transfira transferência "
    "transferencia cierra cerrar cierre envía envia enviar envie feche fechar saque sacar sacá compri "
    "pon ponme coloca coloque colocar "
    "comprare vendi vendere annulla annullare preleva prelevare prelievo trasferisci trasferire chiudi "
    "cancellali cancellale annullali annullale vendili vendile comprali ricomprali ricompra chiudili "
    "alza alzare abbassa abbassare riduci ridurre cancella cancellare impostare sposta spostare "
    # Rioplatense voseo, with and without a pronoun: "cancelame la orden", "vendé todo"
    "cancelame cancelá cancelalo vendeme vendé comprá cerrame cerrá sacame pasame mandame transferime pausá "
    "chiudere invia inviare cambia cambiar cambiare aumenta aumentar mover mueve muevas modificar modifica "
    "detén deten detener parar pare paralo apaga apagar desliga desligar ferma fermare fermalo fermala spegni spegnilo interrompi "
    "pausalo hazlo házlo hágalo hagalo "
    # Dutch / Swedish / Danish / Norwegian
    "koop kopen verkoop verkopen annuleer annuleren opnemen opname overmaken sluit sluiten stuur sturen "
    "stopt stoppen zet verhoog wijzig "
    "köp köpa sälj sälja avbryt uttag överför överföra stäng stänga skicka höj höja sänk sänka ändra "
    "stoppa kjøp kjøb selg sælg annuller stopp "
    # Polish / Czech / Slovak / Hungarian / Romanian
    "kup kupić kupic kupię kupie sprzedaj sprzedać sprzedac anuluj anulować wypłać wypłacić wyplac przelej przelać "
    "osta myy peruuta nosta kupi prodaj prodai otmeni zakroi otkaži otkazi kupuj sprzedawaj kupujemy kupmy sprzedajmy "
    # Japanese in Latin letters (romaji) and Egyptian Arabic in Latin letters (Franco): buy, sell, cancel, do
    "katte utte kaimasu urimasu kattoite utteoite be3 be3o be3ha e3mel eshtery eshteri elghy "
    "zamknij wyślij wyslij zatrzymaj wyłącz wylacz "
    "kupte prodej prodejte zruš zrus zrušte zavři zavri zavřete zavrete vyber vyberte pošli posli zastav zastavte vypni spusť spust spusťte "
    "spustte zapni zapněte zapnete přepni prepni nastav nastavte zvyš zvys zvyšte sniž sniz snižte změň zmen změňte "
    "vegyél vegyel vegyen adj töröld torold vedd utald állítsd allitsd "
    "cumpără cumpara vinde vindeți anulează anuleaza retrage trimite oprește opreste închide inchide "
    # Turkish / Indonesian / Malay / Tagalog / Vietnamese / Swahili
    "satın sat iptal çek çekim gönder kapat durdur durdurun kapatın başlat baslat başlatın çalıştır "
    "beli belikan jual jualkan batalkan tarik kirim tutup hentikan matikan keluarkan "
    "bumili bilhin ibenta magbenta kanselahin itigil ipadala pakibenta pakibili benta pakisara pakihinto pakitigil "
    "pakikansela pakilipat "
    "mua bán hủy huỷ rút chuyển đóng dừng "
    "nunua uza ghairi simamisha futa zifute ifute zifuta uuze ununue ufute usimamishe badilisha ongeza punguza hamisha funga fungeni weka "
    # Moroccan Arabic (Darija) in Latin letters: sell, buy, cancel, stop
    "bi3li chrili lghi bi3hom bi3ha bi3o chrih chriha lghihom lghiha sedd bi3 annuli annulihom "
    # Levantine and Egyptian Arabic in Latin letters: sell, buy, cancel, stop (the imperatives)
    "bee3o bee3ha bee3hom bee3li ishtri eshtri ishtrili eshtrili shtrili elghi ilghi wa22af wa22ef "
    "2afelo 2afela 2afelha 2fol sakkro sakkerha pabili pabenta e2fel 2efel 2fel i2fel sakker sakkir sakkerhom "
    "el8i il8i es7ab is7ab 7awwel ishtiri eshtiri eshtreely eshtareeli ishtareeli ishtarili zawwed na22es kabbar "
    # Romanised Hindi / Urdu
    "kharido kharid khareed kharidna kharidni becho bech bechdo bechna nikalo roko "
    # Ukrainian nouns used as a request ("переказ 1000 USDT на мій гаманець")
    "перекажи переказати"
)
FOREIGN_PHRASES: tuple[str, ...] = (
    # Italian "put / switch the bot (into) …": "metti il bot in modalità live" (set U, after its score)
    *(
        "metti il bot",
        "mettere il bot",
        "passa il bot",
        "passare il bot",
        "imposta il bot",
        "metti in modalità",
    ),
    *(
        "passa in modalità",
        "passa a live",
        "passa al live",
        "metti in live",
        "attiva la modalità",
        "attiva il live",
    ),
    # German and Swiss German "set the risk / the bot to …": "Stell s Risiko pro Trade uf 2 % ii"
    "stell s risiko",
    "detenga el bot",
    "apague el bot",
    "stell d risiko",
    "stell de bot",
    "stell das risiko",
    "stelle das risiko",
    "stell den bot",
    "stelle den bot",
    "satın al",
    "para çek",
    "iptal et",
    "transfer et",
    "tarik dana",
    "đặt lệnh",
    # Vietnamese typed without its marks: "ban" and "mua" alone are too common a syllable
    "ban het di",
    "ban het luon",
    "ban het cho",
    "ban sach",
    "ban di",
    "mua di",
    "mua them",
    "huy het",
    "huy lenh",
    "dat lenh",
    "tat bot",
    "dung bot",
    "dung giao dich",
    "ban het",
    "ban luon",
    "chot het",
    "dong tat ca",
    "vao lenh",
    "tat con bot",
    "bat bot",
    "bat lai bot",
    "khoi dong bot",
    "khoi dong lai bot",
    "dong lenh",
    "dong vi the",
    "dong het",
    "huy order",
    "huy tat ca",
    "rut tien",
    "rut het",
    "chuyen tien",
    "chuyen het",
    "chot loi",
    "chot lai",
    "cat lo",
    "xa het",
    "xa hang",
    "tang don bay",
    "tang rui ro",
    "giam rui ro",
    "chốt lời",
    "chốt lãi",
    "cắt lỗ",
    "xả hết",
    "xả hàng",
    "bật bot",
    "bật lại bot",
    "khởi động lại bot",
    "tăng đòn bẩy",
    "tăng rủi ro",
    "giảm rủi ro",
    "ta ut",
    "neem op",
    "maak over",
    "zet uit",
    "zet de bot uit",
    "passe un ordre",
    "passer un ordre",
    "bech do",
    "pausa o robô",
    "pausa o robo",
    "pausa o bot",
    "pausa el bot",
    "pausa el robot",
    "pásalo a real",
    "pasalo a real",
    "pásalo a live",
    "pásalo a vivo",
    "pasa a real",
    "pásate a real",
    "isara mo",
    "isara na",
    "ihinto mo",
    "ihinto na",
    "ikansela mo",
    "ikansela na",
    "ilipat mo",
    "então faz",
    "entao faz",
    "manda ver",
    "faça isso",
    "fais-le",
    "mach es",
    "mach das",
    "mach alles zu",
    "coupe le bot",
    "patayin ang bot",
    "kar do",
    "band karo",
    "állítsd le",
    "add el",
    "vedd fel",
)
FOREIGN_SCRIPT: tuple[str, ...] = (
    # phrases (the words below are split at spaces): "place/put in an order", "raise it", "lower it"
    "사 줘",
    "주워줘",
    "주워 줘",
    "줍줍해",
    # Korean: "turn it on", "send it to the wallet", "average down", "dump it" (bare imperatives: refusal_slang.py)
    "켜줘",
    "켜 줘",
    "꺼라",
    "켜라",
    "익절 치자",
    "줍줍 가자",
    "줍줍 하자",
    "지갑으로 보내",
    "물타기 해줘",
    "불타기 해줘",
    "던져줘",
    # Russian slang: "dump it", "lock in the profit"; Arabic "close the trade", "liquidate all"
    "сливай",
    "слей",
    "фиксируй",
    "اقفل",
    "قفل الصفق",
    "سكر الصفق",
    "صفي كل",
    "주문 넣어",
    "주문넣어",
    "주문 걸어",
    "주문걸어",
    "注文を出して",
    "注文を入れて",
    "注文入れて",
    "入れといて",
    "下げといて",
    "上げといて",
    "変えといて",
    "下げてください",
    "上げてください",
    "下げてくれ",
    "上げてくれ",
    "liga o bot",
    "liga o robô",
    "liga o robo",
    "liga o modo",
    "افزایش بده",
    "کم کن",
    "تشتري لي",
    "تبيع لي",
    "χρειάζομαι να πουλήσω",
    "θέλω να πουλήσω",
    "θέλω να αγοράσω",
    "χρειάζομαι να αγοράσω",
    "شري ليا",
    "sed lbot",
    "sha3'al el bot",
    "sha3'al lbot",
    "sha3al el bot",
    "shaghal el bot",
    "شغل البوت",
    "w9ef lbot",
    "wa9af lbot",
    "7bes lbot",
    "bi3 lia",
    "chri lia",
    "πούλα όλα",
    "πούλα τα",
    "tắt bot",
    "tắt con bot",
    "para de operar",
    "pare de operar",
    "deja de operar",
    "hacelo",
    "sed l bot",
    "bee3 nos",
    "bee3 kol",
    "bee3 kollo",
    "bee3 el kol",
    "wa2af el bot",
    "wa2af lbot",
    "wa2afo",
    "wa2ef el bot",
    "wa2ef lbot",
    "wa2ef l bot",
    "tafi el bot",
    "tfi el bot",
    "tafi lbot",
    "tfi lbot",
    "sha8al el bot",
    "sha8el el bot",
    "shaghel el bot",
    "shaghal el bot",
    "sha8al lbot",
    "khalli el bot y",
    "khalli l bot y",
    "5alli l bot y",
    "bghit nbi3",
    "bghit nchri",
    "bghit nsed",
    "dir lbot",
    "khrej lflous",
    "bdel risk",
    "i-cancel mo",
    "i-cancel na",
    "i-sell mo",
    "i-buy mo",
    "i-close mo",
    "pa-sell",
    "pa-buy",
    "pa-cancel",
    "necesito que pares",
    "tu devrais vendre",
    "nataka kuuza",
    "nataka kununua",
    "حبس البوت",
    "وقف البوت",
    "سد البوت",
    "شري لي",
    "شريلي",
    "بيع ليا",
    "بيعلي",
    "خاموشش کن",
    "خاموش کن",
    "خاموشش کنید",
    "بفروشش",
    # Persian light verbs: transfer, turn on, cancel, stop, start, move, change, raise, lower, (re)start, cash out
    *("منتقل کن", "روشن کن", "کنسل کن", "استاپ کن", "استارت کن", "جابجا کن", "تغییر بده", "عوض کن"),
    *("ببر بالا", "بیار پایین", "اندازی کن", "نقد کن"),
    *_words(
        # Chinese, Japanese, Korean
        "买 購買 购买 卖 賣 取消 撤单 撤單 撤了 撤掉 都撤 全撤 只撤 撤回 撤销 撤銷 全换成 都换成 全部换成 全換成 전환해 提现 提現 提币 提幣 提款 转账 轉賬 转出 平仓 平倉 下单 下單 挂单 关闭 關閉 "
        "買 売 キャンセル 取り消 出金 送金 振り込 振込 決済 注文して 発注 停止 止めて 変更して "
        "매수 사줘 매도 팔아 취소 출금 송금 이체 청산 주문해 중지 멈춰 꺼줘 "
        "清仓 清倉 抛掉 出掉 挂一 挂个 下个 "
        # Russian, Ukrainian
        "купи купить купите покупк продай продать продайте отмени отменить отмените выведи вывести вывод "
        "переведи перевести закрой закрыть отправь останови остановить выключи покупай продавай "
        "скасуй скасувати виведи зупини вимкни продаж "
        # Kazakh
        "тоқтат тоқтатшы тоқтатыңыз сатшы сатыңыз алшы "
        "перемісти пересунь посунь перемести передвинь сдвинь "  # "перемісти стоп-лосс по ETH трохи нижче"
        # Greek
        "αγόρασε αγορασε αγόρασέ πούλησε πουλησε ακύρωσε ακυρωσε ανάληψη μεταφορά κλείσε στείλε σταμάτα "
        "σταμάτησε σταματησε αύξησε αυξησε μείωσε μειωσε άλλαξε αλλαξε "
        # Arabic, Persian, Urdu (without short vowels: they are stripped before matching)
        "اشتر شراء اشتري بيع ألغ إلغاء الغاء سحب اسحب تحويل أغلق اغلق ارسل أرسل أوقف اوقف شيله شيلها حطه حطها الغيهم "
        "بخر خرید بفروش لغو برداشت انتقال متوقف ببند بفرست "
        # Hebrew
        "קנה תקנה לקנות מכור תמכור למכור בטל תבטל משוך העבר עצור בצע תבצע "
        # Hindi, Bengali, Thai
        "खरीद ख़रीद बेच रद्द निकाल ट्रांसफर भेज रोको बंद "
        "কিনুন বিক্রি বাতিল কিনো কেনো বেচো বেচুন পাঠাও "
        "लगाओ डालो выставь выстави поставь "
        "ซื้อ ขาย ยกเลิก ถอน โอน หยุด ปิด เลื่อน "
        # Tamil
        "வாங்கு விற்க விற்று ரத்து போடு நிறுத்து"
    ),
)
# the languages added in stop 36 (refusal_words_more.py)
FOREIGN_WORDS += refusal_words_more.WORDS
FOREIGN_PHRASES += refusal_words_more.PHRASES
FOREIGN_SCRIPT += refusal_words_more.SCRIPT
# the less common languages (refusal_words_rare.py)
FOREIGN_WORDS += refusal_words_rare.WORDS
FOREIGN_PHRASES += refusal_words_rare.PHRASES
FOREIGN_SCRIPT += refusal_words_rare.SCRIPT
# Where a lexicon word ends: not inside a longer word, nor before a Sinhala vowel sign that continues it
# ("විකුණලා දාන්නේ ඇයි?" is not "දාන්න"). refusal_foreign.py and refusal_verbs.py match the lexicons with it.
WORD_END = r"(?![\w\u0d82\u0d83\u0dca-\u0df3])"

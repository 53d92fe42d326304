"""The everyday question words of Hebrew, Persian and Bengali, with the English foreign_gloss.gloss()
reads them as (the syntax of a lexicon is in that module's docstring). A Hebrew word is read with the
one-letter prefixes glued to it too ("והיתרה": and the balance); Persian is read in the Arabic table,
its "ی" and "ک" as the Arabic letters, and its plurals with or without the zero-width non-joiner."""

from __future__ import annotations

_HE = """
how much = כמה ; how much do i have = כמה יש לי ; do i have = יש לי ; do we have = יש לנו ; are there = יש
balance = יתרה, יתרת, יתרות ; holdings = אחזקות ; account = חשבון, חשבונות ; my account = החשבון שלי
whole account = כל החשבון, החשבון כולו ; total = סך הכל, סה"כ, בסך הכל, כולל ; value = שווי, ערך
worth = שווה ; price = מחיר, מחירים ; free = פנוי, פנויים, חופשי ; available = זמין, זמינים
locked = נעול, נעולים, חסום, חסומים ; in usd = בדולרים, בדולר ; usd = דולר, דולרים ; in bitcoin = בביטקוין
open orders = הזמנות פתוחות, פקודות פתוחות, הזמנות ממתינות ; orders = הזמנות, פקודות, הזמנה, פקודה
order history = היסטוריית הזמנות, היסטוריית פקודות, היסטוריית ההזמנות ; history = היסטוריה
cancelled = בוטלו, בוטלה, בוטל, מבוטלות, מבוטלים ; filled = בוצעו, בוצעה, בוצע, מבוצעות
expired = פגו, פג תוקפן, פג תוקף ; rejected = נדחו, נדחתה, נדחה ; trades = עסקאות, עסקה, טריידים
bought = קניתי, קנינו, רכש ; bot bought = הבוט קנה, בוט קנה ; sold = מכר, מכרתי, מכרנו, מכרה ; buys = קניות, רכישות ; sells = מכירות
per trade = לעסקה ; profit = רווח, רווחים, הרווחתי, הרווחנו ; loss = הפסד, הפסדים, הפסדתי
pnl = רווח והפסד, רווח או הפסד ; realized = ממומש, ממומשים ; position = פוזיציה, פוזיציות
entry = כניסה ; entry price = מחיר כניסה, מחיר הכניסה ; target = יעד ; stop loss = סטופ לוס
bot = בוט ; running = רץ, פועל, עובד ; on = דלוק ; off = כבוי ; status = סטטוס, מצב ; strategy = אסטרטגיה
mode = מוד ; last candle = נר אחרון, הנר האחרון ; risk = סיכון, סיכונים ; limits = מגבלות
risk limits = מגבלות סיכון, מגבלות הסיכון ; exposure = חשיפה ; why = למה, מדוע
what stopped it = מה עצר אותו, מה מנע ממנו ; trend = מגמה ; bullish = שורי, שורית ; bearish = דובי, דובית
should i buy = כדאי לקנות, האם לקנות, שווה לקנות ; help = עזרה
what can you do = מה אתה יודע לעשות, מה אתה יכול לעשות, מה את יכולה לעשות, מה אפשר לשאול, במה אתה יכול לעזור
today = היום ; yesterday = אתמול ; this week = השבוע ; last week = בשבוע שעבר, שבוע שעבר
this month = החודש ; last month = בחודש שעבר, חודש שעבר ; last = אחרונות, אחרונים, אחרון, אחרונה
recent = לאחרונה ; days = ימים ; hours = שעות ; since = מאז ; since yesterday = מאתמול
since the first of the month = מתחילת החודש
@days = ~שני, ~שלישי, ~רביעי, ~חמישי, ~שישי, שבת, ~ראשון
since {day} = מיום {day}, מאז יום {day}, מ{day}
2 = שתי, שני ; 3 = שלוש, שלושה ; 5 = חמש, חמישה ; 10 = עשר, עשרה ; only = רק ; my = שלי ; what = מה
which = איזה, אילו ; what about = ומה עם, מה עם, מה לגבי ; now = עכשיו, כרגע ; tick size = גודל טיק
minimum quantity = כמות מינימלית ; decimals = ספרות אחרי הנקודה ; trading rules = כללי מסחר
lunch = ארוחת צהריים, צהריים ; dinner = ארוחת ערב ; food = אוכל ; eat = לאכול ; weather = מזג האוויר, מזג אוויר
football = כדורגל ; movie = סרט ; bitcoin = ביטקוין ; ethereum = אתריום, איתריום, את'ריום ; solana = סולנה
ripple = ריפל ; dogecoin = דוג'קוין, דוג׳קוין
"""

_FA = """
how much = چقدر, چه قدر, چه مقدار ; how many = چند, چندتا ; do i have = دارم ; do we have = داریم
balance = موجودی, موجودیم ; holdings = دارایی, داراییها, دارایی‌ها, دارایی ها, داراییم
account = حسابم ; whole account = کل حساب, کل حسابم ; value = ارزش ; worth = می‌ارزد, میارزد, ارزش دارد
price = قیمت, قیمتش ; free = آزاد ; available = در دسترس ; locked = قفل, قفل شده
in usd = به دلار ; usd = دلار ; in bitcoin = به بیت کوین, به بیتکوین
open orders = سفارش‌های باز, سفارشهای باز, سفارش های باز, سفارشات باز, سفارش باز
orders = سفارش‌ها, سفارشها, سفارش ها, سفارشات, سفارش, سفارشاتم ; buy orders = سفارش خرید, سفارش‌های خرید
sell orders = سفارش فروش, سفارش‌های فروش ; order history = تاریخچه سفارش‌ها, تاریخچه سفارشات, تاریخچه سفارشها
history = تاریخچه ; cancelled = لغو شده, لغوشده, کنسل شده, لغو شدند ; filled = انجام شده, اجرا شده, پر شده
expired = منقضی شده, منقضی ; rejected = رد شده, رد شدند ; trades = معاملات, معامله‌ها, معامله ها, معامله, معاملاتم
bought = خرید کرد, خریدم, خریدیم, خرید ; sold = فروخت, فروختم, فروختیم ; buys = خریدها ; sells = فروش‌ها, فروشها
per trade = هر معامله, در هر معامله ; profit = سود, سودم ; loss = ضرر, زیان, ضررم
pnl = سود و زیان, سود و ضرر ; realized = محقق شده ; position = پوزیشن, موقعیت ; entry = ورود
entry price = قیمت ورود ; stop loss = حد ضرر ; take profit = حد سود ; bot = ربات, رباتم
running = روشن, فعال, کار می‌کند, کار میکند ; off = خاموش ; status = وضعیت ; strategy = استراتژی
mode = حالت ; last candle = آخرین کندل ; risk = ریسک ; limits = محدودیت‌ها, محدودیتها
risk limits = محدودیت‌های ریسک, محدودیتهای ریسک ; why = چرا ; what stopped it = چه چیزی جلویش را گرفت
trend = روند ; bullish = صعودی ; bearish = نزولی ; should i buy = بخرم, خرید کنم, بخرم یا نه
help = کمک, راهنما ; what can you do = چه کاری می‌توانی انجام دهی, چه کار میتونی بکنی, چیکار میتونی بکنی, چه کارهایی بلدی, چیکار می‌تونی بکنی
today = امروز ; yesterday = دیروز ; this week = این هفته ; last week = هفته گذشته, هفته پیش
this month = این ماه ; last month = ماه گذشته, ماه پیش ; last = آخرین ; recent = اخیر ; days = روز
hours = ساعت ; since the first of the month = از اول ماه
@days = دوشنبه, سه‌شنبه/سه شنبه/سهشنبه, چهارشنبه, پنجشنبه/پنج‌شنبه/پنج شنبه, جمعه, شنبه, یکشنبه
since {day} = از {day}
2 = دو ; 3 = سه ; 5 = پنج ; 10 = ده ; only = فقط ; what = چه, چی ; which = کدام, کدوم ; is = است
now = اکنون, فعلا, الان ; tick size = اندازه تیک ; minimum quantity = حداقل مقدار ; decimals = اعشار
trading rules = قوانین معاملاتی, قوانین معامله ; lunch = ناهار, نهار ; dinner = شام ; food = غذا
weather = آب و هوا, هوا ; football = فوتبال ; movie = فیلم ; bitcoin = بیت کوین, بیت‌کوین, بیتکوین
ethereum = اتریوم ; dogecoin = دوج کوین, دوجکوین ; ripple = ریپل ; usdt = تتر
"""

_BN = """
how much = কত ; how many = কতগুলো, কয়টা, কয়টি ; do i have = আমার আছে, আমার কাছে ; balance = ব্যালেন্স
holdings = সম্পদ ; account = অ্যাকাউন্ট, অ্যাকাউন্টের, অ্যাকাউন্টে ; whole account = পুরো অ্যাকাউন্ট, পুরো অ্যাকাউন্টের
total = মোট ; value = মান ; price = দাম, মূল্য, দর ; free = ফ্রি, মুক্ত ; available = উপলব্ধ
locked = লক করা, আটকে থাকা ; in usd = ডলারে ; usd = ডলার ; open orders = খোলা অর্ডার, ওপেন অর্ডার
orders = অর্ডার, অর্ডারগুলো, অর্ডারগুলি ; order history = অর্ডারের ইতিহাস, অর্ডার ইতিহাস ; history = ইতিহাস
cancelled = বাতিল হওয়া, বাতিল হয়েছে, বাতিলকৃত ; filled = সম্পন্ন, পূরণ হওয়া ; expired = মেয়াদোত্তীর্ণ, মেয়াদ শেষ
rejected = প্রত্যাখ্যাত ; trades = ট্রেড, ট্রেডগুলো, লেনদেন ; bought = কিনেছে, কিনেছি, কিনল, কিনলো
sold = বিক্রি করেছে, বিক্রি করেছি, বেচেছে ; buys = কেনাকাটা ; profit = লাভ, মুনাফা
loss = ক্ষতি, লোকসান ; pnl = লাভ ক্ষতি, লাভ-ক্ষতি ; position = পজিশন ; entry = এন্ট্রি
entry price = এন্ট্রি দাম, প্রবেশ মূল্য ; target = টার্গেট, লক্ষ্য ; stop loss = স্টপ লস ; bot = বট, বটটি
running = চলছে, চালু ; off = বন্ধ ; status = অবস্থা, স্ট্যাটাস ; strategy = কৌশল, স্ট্র্যাটেজি ; mode = মোড
last candle = শেষ ক্যান্ডেল ; risk = ঝুঁকি, রিস্ক ; limits = সীমা ; exposure = এক্সপোজার ; why = কেন
trend = ট্রেন্ড, প্রবণতা ; bullish = বুলিশ ; bearish = বেয়ারিশ ; should i buy = কেনা উচিত, কিনব কি
help = সাহায্য ; what can you do = তুমি কী করতে পারো, আপনি কী করতে পারেন, কী করতে পারো, কি করতে পারো
today = আজ, আজকে ; yesterday = গতকাল ; this week = এই সপ্তাহে, এই সপ্তাহ ; last week = গত সপ্তাহে, গত সপ্তাহ
this month = এই মাসে ; last month = গত মাসে ; last = শেষ, গত, সর্বশেষ ; recent = সাম্প্রতিক
days = দিন, দিনের ; hours = ঘণ্টা, ঘণ্টার ; since = থেকে
@days = সোমবার, মঙ্গলবার, বুধবার, বৃহস্পতিবার, শুক্রবার, শনিবার, রবিবার
since {day} = {day} থেকে
2 = দুই, দুটি, দুটো ; 3 = তিন, তিনটি, তিনটা ; 5 = পাঁচ, পাঁচটি ; 10 = দশ, দশটি ; only = শুধু, কেবল
my = আমার ; what = কী, কি ; which = কোন ; and = আর, এবং ; now = এখন ; lunch = দুপুরের খাবার
dinner = রাতের খাবার ; food = খাবার ; weather = আবহাওয়া ; football = ফুটবল ; movie = সিনেমা
bitcoin = বিটকয়েন, বিটকয়েনের ; ethereum = ইথেরিয়াম, ইথেরিয়ামের, ইথার, ইথারের ; solana = সোলানা, সোলানার
how much do i have = koto ase, koto ache, koto achhe ; my = ?amar ; price = ?dam ; how much = ?koto
minimum = মিনিমাম, ন্যূনতম, সর্বনিম্ন ; size = সাইজ ; minimum order size = মিনিমাম অর্ডার সাইজ, ন্যূনতম অর্ডার সাইজ, সর্বনিম্ন অর্ডার সাইজ ; of = এর
what can i ask = কী কী জানা যায়, কি কি জানা যায়, কী জানা যায়, কী কী জিজ্ঞেস করতে পারি, কী জিজ্ঞেস করতে পারি, কি জিজ্ঞেস করতে পারি, কী কী প্রশ্ন করা যায়
this = এই ; chat = চ্যাট ; in this chat = এই চ্যাটে ; with = দিয়ে ; open = খোলা ; which = কোন কোন ; which positions = কোন কোন পজিশন ; is the bot running? = বট চালু আছে কিনা, বট চলছে কিনা ; or not = আছে কিনা, কিনা ; are open = খোলা আছে ; is = আছে ; positions = পজিশনগুলো, পজিশন গুলো ; how does this work = এটা কীভাবে কাজ করে, কীভাবে ব্যবহার করব
"""

LEXICONS = {"he": _HE, "fa": _FA, "bn": _BN}

# Patterns that reorder or span words, by script: (words one of which the text must have, regex,
# replacement), run before the lexicons.
RULES: dict[str, tuple[tuple[str, str, str], ...]] = {}

# A why and, a few words on, a negation: (why, negation, most words between) per language, by script.
WHY_NOT = {
    "hebrew": {"he": (r"למה|מדוע", r"לא", 4)},
    "arabic": {"fa": (r"چرا", r"ن(?:خرید|فروخت|کرد|زد|داشت|شد|گرفت)\S*|نه", 4)},
    "bengali": {"bn": (r"কেন", r"না|\S+নি", 4)},
}

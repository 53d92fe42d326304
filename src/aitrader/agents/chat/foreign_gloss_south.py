"""The everyday question words of Tamil, Telugu, Kannada, Malayalam (agglutinative: their nouns are `stem*`,
cut before the last consonant's virama so "பொசிஷன*" reads பொசிஷன், பொசிஷனை, பொசிஷனில்), Gujarati, Punjabi
(Gurmukhi), Marathi (Devanagari, read in Hindi's table) and Urdu (read in the Arabic table with Arabic and
Persian: a spelling shared with them glosses the same; each Urdu word with "ہ" or "ھ" is read with "ه" too),
with the English foreign_gloss.gloss() reads them as (the syntax of a lexicon is in that module's
docstring). No imperative or infinitive of buying, selling or cancelling is here; a why and, after it, a
verb's negative ("ஏன் ... வாங்கவில்லை") reads "why didn't ... bought"."""

from __future__ import annotations

_TA = """
how much = எவ்வளவு ; how many = எத்தனை ; do i have = என்னிடம், என்கிட்ட, என்னிடத்தில் ; do we have = நம்மிடம்
balance = பேலன்ஸ*, இருப்பு, இருப்பை, இருப்பில், இருப்புத் ; account = கணக்கு, கணக்கில், கணக்கின், கணக்கை, அக்கவுண்ட*
whole account = முழு கணக்கு*, மொத்த கணக்கு* ; total = மொத்தம், மொத்த ; value = மதிப்ப* ; price = விலை*, பிரைஸ்
available = பயன்படுத்தக்கூடிய, கிடைக்கக்கூடிய ; free = ஃப்ரீ ; locked = பூட்டப்பட்ட*, லாக் செய்யப்பட்ட*, லாக் ஆன*
in usd = டாலரில், டாலர்களில் ; usd = டாலர* ; in bitcoin = பிட்காயினில்
open orders = திறந்த ஆர்டர*, ஓப்பன் ஆர்டர*, ஓபன் ஆர்டர*, நிலுவையில் உள்ள ஆர்டர*, திறந்திருக்கும் ஆர்டர*
orders = ஆர்டர* ; order history = ஆர்டர் வரலாறு, ஆர்டர் வரலாற்றை, ஆர்டர் ஹிஸ்டரி, ஆர்டர்களின் வரலாறு
history = வரலாறு, வரலாற்றை, வரலாற்றில், ஹிஸ்டரி ; cancelled = ரத்து செய்யப்பட்ட*, ரத்தான*, ரத்தாகி*, கேன்சல் ஆன*
filled = நிறைவேற்றப்பட்ட*, நிரப்பப்பட்ட*, ஃபில் ஆன*, செயல்படுத்தப்பட்ட* ; expired = காலாவதி*
rejected = நிராகரிக்கப்பட்ட*, ரிஜெக்ட் ஆன* ; trades = வர்த்தக*, டிரேட*, ட்ரேட* ; per trade = ஒவ்வொரு வர்த்தகத்திற்கும்
bought = வாங்கிய*, வாங்கின*, வாங்கப்பட்ட*
sold = விற்ற, விற்றேன், விற்றோம், விற்றான், விற்றார், விற்றத*, விற்றவ*, விற்கப்பட்ட*, விற்பனை செய்த*
buys = வாங்குதல்*, கொள்முதல்* ; sells = விற்பனை, விற்பனைகள், விற்பனைகளை
profit = லாப*, இலாப*, பிராஃபிட* ; loss = நஷ்ட*, நட்ட*, இழப்ப* ; pnl = லாப நஷ்ட*, லாப நட்ட*, லாபநஷ்ட*
realized = உணரப்பட்ட* ; position = பொசிஷன*, பொஸிஷன*, பொசிசன* ; entry = நுழைவு, என்ட்ரி
entry price = நுழைவு விலை*, என்ட்ரி விலை*, என்ட்ரி பிரைஸ் ; target = இலக்கு*, டார்கெட* ; stop loss = ஸ்டாப் லாஸ*
bot = போட், பாட், போட்டின், பாட்டின், போட்டோட, போட்டுக்கு, ரோபோ* ; running = இயங்கு*, இயங்கி*, ஓடுகிறதா, ஓடுகிறது
on = ஆன் ; off = ஆஃப், நிறுத்தப்பட்டுள்ளதா, நிறுத்தப்பட்டுள்ளது ; status = நிலை, நிலைமை*, நிலையை, ஸ்டேட்டஸ*
strategy = உத்தி*, ஸ்ட்ராடஜி*, ஸ்ட்ரேட்டஜி*, வியூக* ; mode = மோட், மோடில், மோடு, பயன்முறை*
last candle = கடைசி கேண்டில*, கடைசி மெழுகுவர்த்தி ; risk = ரிஸ்க*, அபாய*, இடர்* ; limits = வரம்ப*, லிமிட்ஸ்
risk limits = ரிஸ்க் வரம்ப*, இடர் வரம்ப* ; exposure = வெளிப்பாடு* ; why = ஏன், எதற்கு, எதனால்
what stopped it = எது நிறுத்தியது, எது தடுத்தது ; trend = போக்கு*, டிரெண்ட*, ட்ரெண்ட*
bullish = புல்லிஷ், ஏற்றமா ; bearish = பேரிஷ், இறக்கமா ; how is = எப்படி இருக்கிறது, எப்படி இருக்கு, எப்படி உள்ளது
should i buy = வாங்கலாமா, வாங்க வேண்டுமா, வாங்கணுமா, வாங்கட்டுமா ; help = உதவி*
what can you do = நீ என்ன செய்ய முடியும், உன்னால் என்ன செய்ய முடியும், உங்களால் என்ன செய்ய முடியும்
what can you do = என்ன செய்ய முடியும், என்னென்ன செய்ய முடியும், உன்னால் என்ன செய்ய இயலும்
today = இன்று, இன்றைய, இன்னைக்கு ; yesterday = நேற்று, நேற்றைய, நேத்து ; since yesterday = நேற்றிலிருந்து, நேற்று முதல்
this week = இந்த வார* ; last week = கடந்த வார*, போன வார* ; this month = இந்த மாத* ; last month = கடந்த மாத*, போன மாத*
last = கடந்த, கடைசி ; recent = சமீபத்திய, சமீப ; days = நாட்கள*, நாள் ; hours = மணிநேர*, மணி நேர*
since the first of the month = மாத தொடக்கத்திலிருந்து, மாதத் தொடக்கத்திலிருந்து
@days = திங்கட்கிழமை, செவ்வாய்க்கிழமை, புதன்கிழமை, வியாழக்கிழமை, வெள்ளிக்கிழமை, சனிக்கிழமை, ஞாயிற்றுக்கிழமை
since {day} = {day} முதல், {day}யிலிருந்து, {day} இருந்து
2 = இரண்டு, ரெண்டு ; 3 = மூன்று ; 4 = நான்கு ; 5 = ஐந்து, அஞ்சு ; 6 = ஆறு ; 7 = ஏழு ; 8 = எட்டு ; 9 = ஒன்பது
10 = பத்து
only = மட்டும், மட்டுமே ; my = என், என்னுடைய, எனது, என்னோட ; what = என்ன, என்னென்ன ; which = எந்த, எவை
and = மற்றும் ; what about = பற்றி என்ன, பத்தி என்ன ; now = இப்போது, இப்போ, இப்ப, தற்போது, தற்போதைய
tick size = டிக் சைஸ், டிக் அளவு ; minimum quantity = குறைந்தபட்ச அளவு*, மினிமம் அளவு
trading rules = வர்த்தக விதி*, டிரேடிங் விதி* ; lunch = மதிய உணவு*, மதியச் சாப்பாடு ; food = உணவு, சாப்பாடு
weather = வானிலை* ; football = கால்பந்து* ; movie = திரைப்பட*, சினிமா
bitcoin = பிட்காயின*, பிட்காய்ன*, பிட்கோயின* ; ethereum = எத்தேரியம*, எதீரியம*, ஈதர*, எத்திரியம*
solana = சோலானா*, சொலானா*
"""

_TE = """
how much = ఎంత ; how many = ఎన్ని ; do i have = నా దగ్గర, నా వద్ద, నాకు ఉన్న ; do we have = మా దగ్గర
balance = బ్యాలెన్స*, బాలెన్స*, నిల్వ* ; account = ఖాతా*, అకౌంట* ; whole account = మొత్తం ఖాతా*, మొత్తం అకౌంట*
total = మొత్తం ; value = విలువ* ; price = ధర, ధరలు, ధరను, ధరలో, ధరెంత, రేటు, ప్రైస్ ; available = అందుబాటులో*
free = ఫ్రీ ; locked = లాక్ అయిన*, లాక్ చేయబడిన* ; in usd = డాలర్లలో ; usd = డాలర*
open orders = ఓపెన్ ఆర్డర*, తెరిచిన ఆర్డర*, పెండింగ్ ఆర్డర*, తెరిచి ఉన్న ఆర్డర* ; orders = ఆర్డర*
order history = ఆర్డర్ చరిత్ర, ఆర్డర్ హిస్టరీ, ఆర్డర్ల చరిత్ర ; history = చరిత్ర, హిస్టరీ
cancelled = రద్దు చేయబడిన*, రద్దయిన*, రద్దు అయిన*, క్యాన్సిల్ అయిన*, రద్దైన* ; filled = పూర్తయిన*, ఫిల్ అయిన*, అమలైన*
expired = గడువు ముగిసిన*, ఎక్స్పైర్ అయిన*, కాలం చెల్లిన* ; rejected = తిరస్కరించబడిన*, తిరస్కరించిన*, రిజెక్ట్ అయిన*
trades = ట్రేడ*, లావాదేవీ* ; per trade = ఒక్కో ట్రేడ్‌కు, ప్రతి ట్రేడ్‌కు
bought = కొన్న*, కొనుగోలు చేసిన*, కొనుగోలు చేశా*, కొనుగోలు చేసి*
sold = అమ్మి*, అమ్మాను, అమ్మాం, అమ్మేశా*, విక్రయించిన*
buys = కొనుగోళ్లు, కొనుగోలు, కొనుగోళ్ల ; sells = అమ్మకాలు, అమ్మకం, అమ్మకాల, విక్రయాలు
profit = లాభ*, ప్రాఫిట* ; loss = నష్ట* ; pnl = లాభనష్ట*, లాభ నష్ట* ; realized = వాస్తవిక*
position = పొజిషన*, పోజిషన* ; entry = ఎంట్రీ* ; entry price = ఎంట్రీ ధర, ఎంట్రీ ప్రైస్ ; target = టార్గెట*, లక్ష్య*
stop loss = స్టాప్ లాస* ; bot = బాట్*, బోట్* ; running = నడుస్తో*, నడుస్తు*, పనిచేస్తో*, పనిచేస్తు*, రన్ అవుతో*
on = ఆన్ ; off = ఆఫ్ ; status = స్థితి*, స్టేటస* ; strategy = వ్యూహ*, స్ట్రాటజీ*, స్ట్రాటెజీ* ; mode = మోడ*
last candle = చివరి క్యాండిల*, చివరి కొవ్వొత్తి ; risk = రిస్క*, ప్రమాద* ; limits = పరిమితి*, పరిమితుల*
risk limits = రిస్క్ పరిమితి*, రిస్క్ పరిమితుల* ; exposure = ఎక్స్పోజర* ; why = ఎందుకు
what stopped it = దేని వల్ల ఆగింది, ఏది ఆపింది, ఏమి ఆపింది ; trend = ట్రెండ*, ధోరణి* ; bullish = బుల్లిష*
bearish = బేరిష* ; how is = ఎలా ఉంది ; should i buy = కొనాలా, కొనవచ్చా, కొనొచ్చా, కొనమంటావా, కొనడం మంచిదా
help = సహాయ*, హెల్ప్ ; what can you do = నువ్వు ఏమి చేయగలవు, మీరు ఏమి చేయగలరు, ఏం చేయగలవు, ఏమి చేయగలవు
what can you do = ఏం చేయగలరు, ఏమేమి చేయగలవు
today = ఈరోజు, ఈ రోజు, నేడు, ఇవాళ ; yesterday = నిన్న, నిన్నటి
since yesterday = నిన్నటి నుండి, నిన్నటి నుంచి, నిన్నటినుండి
this week = ఈ వారం, ఈ వారంలో ; last week = గత వారం, పోయిన వారం, గత వారంలో ; this month = ఈ నెల, ఈ నెలలో
last month = గత నెల, పోయిన నెల, గత నెలలో ; last = గత, చివరి ; recent = ఇటీవలి ; days = రోజుల*, రోజులు
hours = గంటల*, గంటలు ; since = నుండి, నుంచి ; since the first of the month = నెల ప్రారంభం నుండి
@days = సోమవారం, మంగళవారం, బుధవారం, గురువారం, శుక్రవారం, శనివారం, ఆదివారం
since {day} = {day} నుండి, {day} నుంచి
2 = రెండు ; 3 = మూడు ; 4 = నాలుగు ; 5 = ఐదు ; 6 = ఆరు ; 7 = ఏడు ; 8 = ఎనిమిది ; 9 = తొమ్మిది ; 10 = పది
only = మాత్రమే ; my = నా ; what = ఏమిటి, ఏంటి, ఏమి, ఏం ; which = ఏ, ఏవి, ఏది ; and = మరియు
what about = సంగతి ఏమిటి, సంగతేంటి ; now = ఇప్పుడు, ప్రస్తుతం ; tick size = టిక్ సైజ్
minimum quantity = కనీస పరిమాణం ; trading rules = ట్రేడింగ్ నియమాలు, ట్రేడింగ్ రూల్స్
lunch = మధ్యాహ్న భోజనం, లంచ్ ; food = భోజనం, ఆహారం ; weather = వాతావరణ* ; football = ఫుట్‌బాల్, ఫుట్బాల్
movie = సినిమా* ; bitcoin = బిట్‌కాయిన్, బిట్కాయిన*, బిట్ కాయిన* ; ethereum = ఎథెరియం*, ఇథీరియం*, ఈథర*
solana = సోలానా*
"""

_KN = """
how much = ಎಷ್ಟು, ಎಷ್ಟಿದೆ ; do i have = ನನ್ನ ಬಳಿ, ನನ್ನ ಹತ್ತಿರ, ನನ್ನಲ್ಲಿ, ನನ್ನ ಹತ್ರ ; do we have = ನಮ್ಮ ಬಳಿ
balance = ಬ್ಯಾಲೆನ್ಸ* ; account = ಖಾತೆ*, ಅಕೌಂಟ* ; whole account = ಇಡೀ ಖಾತೆ*, ಪೂರ್ತಿ ಖಾತೆ* ; total = ಒಟ್ಟು
value = ಮೌಲ್ಯ* ; price = ಬೆಲೆ*, ದರ ; available = ಲಭ್ಯ* ; free = ಫ್ರೀ ; locked = ಲಾಕ್ ಆಗಿರುವ*
in usd = ಡಾಲರ್‌ಗಳಲ್ಲಿ, ಡಾಲರ್ಗಳಲ್ಲಿ ; usd = ಡಾಲರ*
open orders = ಓಪನ್ ಆರ್ಡರ*, ತೆರೆದ ಆರ್ಡರ*, ಬಾಕಿ ಇರುವ ಆರ್ಡರ*, ಬಾಕಿ ಆರ್ಡರ* ; orders = ಆರ್ಡರ*
order history = ಆರ್ಡರ್ ಇತಿಹಾಸ*, ಆರ್ಡರ್ ಹಿಸ್ಟರಿ ; history = ಇತಿಹಾಸ*, ಹಿಸ್ಟರಿ
cancelled = ರದ್ದಾದ*, ರದ್ದುಗೊಂಡ*, ರದ್ದುಗೊಳಿಸಲಾದ*, ಕ್ಯಾನ್ಸಲ್ ಆದ* ; filled = ಪೂರ್ಣಗೊಂಡ*, ಫಿಲ್ ಆದ*, ಕಾರ್ಯಗತಗೊಂಡ*
expired = ಅವಧಿ ಮುಗಿದ*, ಎಕ್ಸ್‌ಪೈರ್ ಆದ* ; rejected = ತಿರಸ್ಕರಿಸಲ್ಪಟ್ಟ*, ತಿರಸ್ಕೃತ*, ರಿಜೆಕ್ಟ್ ಆದ*
trades = ಟ್ರೇಡ*, ವಹಿವಾಟು*, ವಹಿವಾಟಿನ* ; per trade = ಪ್ರತಿ ಟ್ರೇಡ್‌ಗೆ, ಪ್ರತಿ ವಹಿವಾಟಿಗೆ
bought = ಖರೀದಿಸಿದ*, ಕೊಂಡೆ, ಕೊಂಡಿತು, ಕೊಂಡೆವು, ಖರೀದಿ ಮಾಡಿದ* ; sold = ಮಾರಿದ*, ಮಾರಾಟ ಮಾಡಿದ*, ಮಾರಿತು, ಮಾರಿದೆ
buys = ಖರೀದಿಗಳು, ಖರೀದಿ, ಖರೀದಿಗಳ ; sells = ಮಾರಾಟ, ಮಾರಾಟಗಳು, ಮಾರಾಟಗಳ
profit = ಲಾಭ*, ಪ್ರಾಫಿಟ* ; loss = ನಷ್ಟ* ; pnl = ಲಾಭ ನಷ್ಟ*, ಲಾಭನಷ್ಟ* ; realized = ಅರಿತುಕೊಂಡ
position = ಪೊಸಿಷನ*, ಪೊಜಿಷನ*, ಪೋಸಿಷನ* ; entry = ಎಂಟ್ರಿ*, ಪ್ರವೇಶ* ; entry price = ಎಂಟ್ರಿ ಬೆಲೆ*, ಪ್ರವೇಶ ಬೆಲೆ*
target = ಟಾರ್ಗೆಟ*, ಗುರಿ* ; stop loss = ಸ್ಟಾಪ್ ಲಾಸ* ; bot = ಬಾಟ*, ಬೋಟ*
running = ಚಾಲನೆಯಲ್ಲಿ*, ಓಡುತ್ತಿದೆ*, ಕೆಲಸ ಮಾಡುತ್ತಿದೆ*, ರನ್ ಆಗುತ್ತಿದೆ* ; on = ಆನ್ ; off = ಆಫ್
status = ಸ್ಥಿತಿ*, ಸ್ಟೇಟಸ* ; strategy = ಕಾರ್ಯತಂತ್ರ*, ತಂತ್ರ*, ಸ್ಟ್ರಾಟಜಿ*, ಸ್ಟ್ರಾಟೆಜಿ* ; mode = ಮೋಡ*
last candle = ಕೊನೆಯ ಕ್ಯಾಂಡಲ* ; risk = ಅಪಾಯ*, ರಿಸ್ಕ* ; limits = ಮಿತಿ* ; risk limits = ರಿಸ್ಕ್ ಮಿತಿ*, ಅಪಾಯ ಮಿತಿ*
exposure = ಎಕ್ಸ್‌ಪೋಷರ್ ; why = ಏಕೆ, ಯಾಕೆ, ಯಾಕ್ ; what stopped it = ಏನು ತಡೆಯಿತು, ಯಾವುದು ನಿಲ್ಲಿಸಿತು
trend = ಟ್ರೆಂಡ*, ಪ್ರವೃತ್ತಿ* ; bullish = ಬುಲ್ಲಿಷ* ; bearish = ಬೇರಿಷ* ; how is = ಹೇಗಿದೆ
should i buy = ಖರೀದಿಸಬೇಕೇ, ಖರೀದಿಸಬಹುದೇ, ಕೊಳ್ಳಬೇಕೇ, ತಗೋಬೇಕಾ, ಖರೀದಿಸಬೇಕಾ ; help = ಸಹಾಯ*
what can you do = ನೀನು ಏನು ಮಾಡಬಲ್ಲೆ, ನೀವು ಏನು ಮಾಡಬಲ್ಲಿರಿ, ಏನು ಮಾಡಬಲ್ಲೆ, ಏನು ಮಾಡಬಹುದು, ಏನೇನು ಮಾಡಬಹುದು
today = ಇಂದು, ಇವತ್ತು, ಇಂದಿನ ; yesterday = ನಿನ್ನೆ, ನಿನ್ನೆಯ ; since yesterday = ನಿನ್ನೆಯಿಂದ, ನಿನ್ನೆ ಇಂದ
this week = ಈ ವಾರ* ; last week = ಕಳೆದ ವಾರ* ; this month = ಈ ತಿಂಗಳ* ; last month = ಕಳೆದ ತಿಂಗಳ*
last = ಕಳೆದ, ಕೊನೆಯ ; recent = ಇತ್ತೀಚಿನ ; days = ದಿನಗಳ*, ದಿನ ; hours = ಗಂಟೆಗಳ*, ಗಂಟೆ
since the first of the month = ತಿಂಗಳ ಆರಂಭದಿಂದ
@days = ಸೋಮವಾರ, ಮಂಗಳವಾರ, ಬುಧವಾರ, ಗುರುವಾರ, ಶುಕ್ರವಾರ, ಶನಿವಾರ, ಭಾನುವಾರ
since {day} = {day}ದಿಂದ, {day} ಇಂದ
2 = ಎರಡು ; 3 = ಮೂರು ; 4 = ನಾಲ್ಕು ; 5 = ಐದು ; 6 = ಆರು ; 7 = ಏಳು ; 8 = ಎಂಟು ; 9 = ಒಂಬತ್ತು ; 10 = ಹತ್ತು
only = ಮಾತ್ರ ; my = ನನ್ನ ; what = ಏನು ; which = ಯಾವ, ಯಾವುದು ; and = ಮತ್ತು ; what about = ಬಗ್ಗೆ ಏನು
now = ಈಗ, ಪ್ರಸ್ತುತ ; tick size = ಟಿಕ್ ಸೈಜ್ ; minimum quantity = ಕನಿಷ್ಠ ಪ್ರಮಾಣ* ; trading rules = ಟ್ರೇಡಿಂಗ್ ನಿಯಮ*
lunch = ಮಧ್ಯಾಹ್ನದ ಊಟ, ಊಟ ; weather = ಹವಾಮಾನ* ; football = ಫುಟ್‌ಬಾಲ್, ಫುಟ್ಬಾಲ್ ; movie = ಸಿನಿಮಾ*, ಚಲನಚಿತ್ರ*
bitcoin = ಬಿಟ್‌ಕಾಯಿನ್, ಬಿಟ್ಕಾಯಿನ* ; ethereum = ಎಥೆರಿಯಮ*, ಇಥೀರಿಯಮ*, ಎಥೆರಿಯಂ* ; solana = ಸೋಲಾನಾ*, ಸೊಲಾನಾ*
"""

_ML = """
how much = എത്ര* ; do i have = എന്റെ കയ്യിൽ, എന്റെ കൈയിൽ, എന്റെ പക്കൽ, എനിക്ക് ; do we have = ഞങ്ങളുടെ കയ്യിൽ
balance = ബാലൻസ* ; account = അക്കൗണ്ട*, അക്കൌണ്ട* ; whole account = മുഴുവൻ അക്കൗണ്ട* ; total = മൊത്തം*, ആകെ
value = മൂല്യ* ; price = വില* ; available = ലഭ്യ* ; free = ഫ്രീ ; locked = ലോക്ക് ചെയ്ത*, ലോക്കായ*
in usd = ഡോളറിൽ ; usd = ഡോളർ, ഡോള* ; in bitcoin = ബിറ്റ്കോയിനിൽ
open orders = ഓപ്പൺ ഓർഡ*, തുറന്ന ഓർഡ*, തീർപ്പാകാത്ത ഓർഡ*, പെൻഡിംഗ് ഓർഡ* ; orders = ഓർഡ*
order history = ഓർഡർ ചരിത്ര*, ഓർഡർ ഹിസ്റ്ററി, ഓർഡറുകളുടെ ചരിത്ര* ; history = ചരിത്ര*, ഹിസ്റ്ററി
cancelled = റദ്ദാക്കിയ*, റദ്ദായ*, ക്യാൻസൽ ചെയ്ത*, ക്യാൻസലായ* ; filled = പൂർത്തിയായ*, ഫിൽ ആയ*, നടപ്പായ*
expired = കാലഹരണപ്പെട്ട*, എക്സ്പയർ ആയ*, കാലാവധി കഴിഞ്ഞ* ; rejected = നിരസിക്കപ്പെട്ട*, നിരസിച്ച*, റിജക്ട് ആയ*
trades = ട്രേഡ*, ഇടപാട* ; per trade = ഓരോ ട്രേഡിനും
bought = വാങ്ങിയ*, വാങ്ങി, വാങ്ങിച്ചു, വാങ്ങിച്ചത് ; sold = വിറ്റ, വിറ്റു, വിറ്റത*, വിറ്റവ, വിൽപ്പന നടത്തിയ*
buys = വാങ്ങലുകൾ, വാങ്ങൽ ; sells = വിൽപ്പന*, വില്പന*, വിൽപന*
profit = ലാഭ* ; loss = നഷ്ട* ; pnl = ലാഭനഷ്ട*, ലാഭ നഷ്ട* ; realized = യാഥാർത്ഥ്യമാക്കിയ
position = പൊസിഷ*, പൊസിഷൻ ; entry = എൻട്രി*, പ്രവേശന* ; entry price = എൻട്രി വില*, എൻട്രി പ്രൈസ്
target = ടാർഗെറ്റ*, ലക്ഷ്യ* ; stop loss = സ്റ്റോപ്പ് ലോസ* ; bot = ബോട്ട*
running = പ്രവർത്തിക്കുന്ന*, ഓടുന്ന*, റൺ ചെയ്യുന്ന* ; on = ഓൺ ; off = ഓഫ്, ഓഫാണോ, ഓഫായ*
status = സ്ഥിതി*, നില, നിലയെന്ത്, സ്റ്റാറ്റസ*
strategy = തന്ത്ര*, സ്ട്രാറ്റജി*, സ്ട്രാറ്റെജി* ; mode = മോഡ* ; last candle = അവസാന കാൻഡി*, അവസാനത്തെ കാൻഡി*
risk = റിസ്ക*, അപകടസാധ്യത* ; limits = പരിധി* ; risk limits = റിസ്ക് പരിധി* ; exposure = എക്സ്പോഷ*
why = എന്തുകൊണ്ട്, എന്തിന്, എന്തിനാണ് ; what stopped it = എന്താണ് തടഞ്ഞത്, എന്ത് തടഞ്ഞു
trend = ട്രെൻഡ*, പ്രവണത* ; bullish = ബുള്ളിഷ* ; bearish = ബെയറിഷ* ; how is = എങ്ങനെയുണ്ട്, എങ്ങനെ ഉണ്ട്
should i buy = വാങ്ങണോ, വാങ്ങാമോ, വാങ്ങിക്കണോ, വാങ്ങേണ്ടതുണ്ടോ ; help = സഹായ*
what can you do = നിനക്ക് എന്ത് ചെയ്യാൻ കഴിയും, നിങ്ങൾക്ക് എന്ത് ചെയ്യാൻ കഴിയും, എന്തൊക്കെ ചെയ്യാൻ പറ്റും
what can you do = എന്ത് ചെയ്യാൻ പറ്റും, എന്ത് ചെയ്യാൻ കഴിയും, എന്തൊക്കെ ചെയ്യാൻ കഴിയും
today = ഇന്ന്, ഇന്നത്തെ ; yesterday = ഇന്നലെ, ഇന്നലത്തെ ; since yesterday = ഇന്നലെ മുതൽ
this week = ഈ ആഴ്ച* ; last week = കഴിഞ്ഞ ആഴ്ച* ; this month = ഈ മാസ* ; last month = കഴിഞ്ഞ മാസ*
last = കഴിഞ്ഞ, അവസാന* ; recent = സമീപകാല* ; days = ദിവസ* ; hours = മണിക്കൂ*
since the first of the month = മാസാരംഭം മുതൽ, മാസത്തിന്റെ തുടക്കം മുതൽ
@days = തിങ്കളാഴ്ച, ചൊവ്വാഴ്ച, ബുധനാഴ്ച, വ്യാഴാഴ്ച, വെള്ളിയാഴ്ച, ശനിയാഴ്ച, ഞായറാഴ്ച
since {day} = {day} മുതൽ
2 = രണ്ട്, രണ്ടു ; 3 = മൂന്ന്, മൂന്നു ; 4 = നാല്, നാലു ; 5 = അഞ്ച്, അഞ്ചു ; 6 = ആറ് ; 7 = ഏഴ് ; 8 = എട്ട്
9 = ഒമ്പത്, ഒൻപത് ; 10 = പത്ത്, പത്തു ; only = മാത്രം ; my = എന്റെ ; what = എന്ത്, എന്താണ്, എന്താ
which = ഏത്, ഏതൊക്കെ, ഏതു ; and = പിന്നെ, കൂടാതെ ; what about = എന്തായി ; now = ഇപ്പോൾ, നിലവിൽ
tick size = ടിക്ക് സൈസ് ; minimum quantity = കുറഞ്ഞ അളവ്, മിനിമം അളവ് ; trading rules = ട്രേഡിംഗ് നിയമ*
lunch = ഉച്ചഭക്ഷണ*, ഊണ് ; food = ഭക്ഷണ* ; weather = കാലാവസ്ഥ* ; football = ഫുട്ബോൾ* ; movie = സിനിമ*
bitcoin = ബിറ്റ്കോയി*, ബിറ്റ്‌കോയിൻ ; ethereum = എതെറിയ*, ഈതറിയ*, ഈതർ ; solana = സൊളാന*, സോളാന*
"""

_GU = """
how much = કેટલું, કેટલા, કેટલી, કેટલો ; do i have = મારી પાસે, મારે પાસે ; do we have = અમારી પાસે
balance = બેલેન્સ* ; account = ખાતું, ખાતા, ખાતામાં, ખાતાનું, એકાઉન્ટ* ; whole account = આખું ખાતું, આખા ખાતા*
total = કુલ ; value = મૂલ્ય ; price = ભાવ, કિંમત, પ્રાઇસ ; available = ઉપલબ્ધ ; free = ફ્રી ; locked = લૉક, લોક થયેલ*
in usd = ડોલરમાં ; usd = ડોલર* ; open orders = ખુલ્લા ઓર્ડર*, ઓપન ઓર્ડર*, બાકી ઓર્ડર* ; orders = ઓર્ડર*
order history = ઓર્ડર ઇતિહાસ, ઓર્ડર હિસ્ટરી, ઓર્ડરનો ઇતિહાસ ; history = ઇતિહાસ, હિસ્ટરી
cancelled = રદ થયેલ*, રદ થયા, રદ કરેલ*, રદ કરાયેલ*, કેન્સલ થયેલ* ; filled = પૂર્ણ થયેલ*, ભરાયેલ*, ફિલ થયેલ*
expired = સમાપ્ત થયેલ*, એક્સપાયર થયેલ*, મુદત પૂરી ; rejected = નકારાયેલ*, રિજેક્ટ થયેલ*, અસ્વીકાર*
trades = ટ્રેડ*, સોદા*, સોદો ; per trade = દરેક ટ્રેડ, પ્રતિ ટ્રેડ ; bought = ખરીદ્ય* ; sold = વેચ્ય*
buys = ખરીદી, ખરીદીઓ ; sells = વેચાણ* ; profit = નફો, નફા*, નફ* ; loss = નુકસાન*, ખોટ ; pnl = નફો નુકસાન, નફા નુકસાન
realized = સાકાર ; position = પોઝિશન*, પોઝીશન*, પોજીશન* ; entry = એન્ટ્રી ; entry price = એન્ટ્રી ભાવ, એન્ટ્રી કિંમત
target = ટાર્ગેટ*, લક્ષ્ય ; stop loss = સ્ટોપ લોસ ; bot = બોટ*, બૉટ* ; running = ચાલી રહ્યો*, ચાલી રહ્યું*, ચાલુ
off = બંધ ; status = સ્થિતિ, સ્ટેટસ ; strategy = વ્યૂહરચના*, સ્ટ્રેટેજી* ; mode = મોડ* ; last candle = છેલ્લી કેન્ડલ
risk = જોખમ*, રિસ્ક ; limits = મર્યાદા* ; risk limits = જોખમ મર્યાદા* ; exposure = એક્સપોઝર ; why = શા માટે, કેમ
how is = કેમ છે
what stopped it = શાનાથી અટક્યો, કોણે રોક્યો ; trend = ટ્રેન્ડ*, વલણ ; bullish = બુલિશ, તેજી ; bearish = બેરિશ, મંદી
should i buy = ખરીદવું જોઈએ, ખરીદું કે, લેવું જોઈએ, ખરીદી શકું ; help = મદદ
what can you do = તું શું કરી શકે, તમે શું કરી શકો, શું કરી શકે છે, શું કરી શકો છો
today = આજે, આજ, આજનો, આજની, આજનું ; yesterday = ગઈકાલે, ગઈ કાલે, ગઈકાલ*, ગઈ કાલ*
since yesterday = ગઈકાલથી, ગઈ કાલથી ; this week = આ અઠવાડિયે, આ અઠવાડિયા* ; last week = ગયા અઠવાડિયે, છેલ્લા અઠવાડિયે
this month = આ મહિને, આ મહિના* ; last month = ગયા મહિને, ગયા મહિના* ; last = છેલ્લા, છેલ્લું, છેલ્લી, છેલ્લો
recent = તાજેતરના ; days = દિવસ* ; hours = કલાક* ; since the first of the month = મહિનાની શરૂઆતથી
@days = સોમવાર, મંગળવાર, બુધવાર, ગુરુવાર, શુક્રવાર, શનિવાર, રવિવાર
since {day} = {day}થી, {day} થી
2 = બે ; 3 = ત્રણ ; 4 = ચાર ; 5 = પાંચ ; 6 = છ ; 7 = સાત ; 8 = આઠ ; 9 = નવ ; 10 = દસ
only = ફક્ત, માત્ર ; my = મારું, મારા, મારી, મારો ; what = શું ; which = કયા, કયું, કઈ, કયો ; and = અને
what about = નું શું, વિશે શું ; now = હવે, અત્યારે, હાલમાં ; tick size = ટિક સાઇઝ ; minimum quantity = ન્યૂનતમ જથ્થો
trading rules = ટ્રેડિંગ નિયમો ; lunch = બપોરનું ભોજન, લંચ ; food = ખાવાનું, ભોજન ; weather = હવામાન
football = ફૂટબોલ ; movie = ફિલ્મ, મૂવી ; bitcoin = બિટકોઇન*, બિટકોઈન*, બીટકોઈન* ; ethereum = ઇથેરિયમ*, એથેરિયમ*
solana = સોલાના*
"""

_PA = """
how much = ਕਿੰਨਾ, ਕਿੰਨੇ, ਕਿੰਨੀ ; do i have = ਮੇਰੇ ਕੋਲ ; do we have = ਸਾਡੇ ਕੋਲ ; balance = ਬੈਲੇਂਸ, ਬਕਾਇਆ
account = ਖਾਤਾ, ਖਾਤੇ, ਅਕਾਊਂਟ ; whole account = ਪੂਰਾ ਖਾਤਾ, ਪੂਰੇ ਖਾਤੇ ; total = ਕੁੱਲ, ਕੁਲ ; value = ਮੁੱਲ
price = ਕੀਮਤ, ਭਾਅ, ਰੇਟ ; available = ਉਪਲਬਧ ; locked = ਲਾਕ ; in usd = ਡਾਲਰਾਂ ਵਿੱਚ, ਡਾਲਰ ਵਿੱਚ ; usd = ਡਾਲਰ
open orders = ਖੁੱਲ੍ਹੇ ਆਰਡਰ, ਖੁੱਲੇ ਆਰਡਰ, ਓਪਨ ਆਰਡਰ ; orders = ਆਰਡਰ, ਆਰਡਰਾਂ ; history = ਇਤਿਹਾਸ, ਹਿਸਟਰੀ
order history = ਆਰਡਰ ਇਤਿਹਾਸ, ਆਰਡਰ ਹਿਸਟਰੀ, ਆਰਡਰਾਂ ਦਾ ਇਤਿਹਾਸ
cancelled = ਰੱਦ ਹੋਏ, ਰੱਦ ਹੋਇਆ, ਰੱਦ ਕੀਤੇ ਗਏ, ਕੈਂਸਲ ਹੋਏ ; filled = ਪੂਰੇ ਹੋਏ, ਫਿੱਲ ਹੋਏ
expired = ਮਿਆਦ ਪੁੱਗ, ਐਕਸਪਾਇਰ ; rejected = ਨਾਮਨਜ਼ੂਰ, ਰਿਜੈਕਟ ਹੋਏ ; trades = ਟ੍ਰੇਡ, ਟਰੇਡ, ਸੌਦੇ, ਟ੍ਰੇਡਾਂ
per trade = ਹਰ ਟ੍ਰੇਡ, ਪ੍ਰਤੀ ਟ੍ਰੇਡ ; bought = ਖਰੀਦਿਆ, ਖਰੀਦੇ, ਖ਼ਰੀਦਿਆ, ਖ਼ਰੀਦੇ ; sold = ਵੇਚਿਆ, ਵੇਚੇ
buys = ਖਰੀਦਾਂ, ਖਰੀਦਦਾਰੀ ; sells = ਵਿਕਰੀ ; profit = ਮੁਨਾਫਾ, ਮੁਨਾਫ਼ਾ, ਲਾਭ, ਫਾਇਦਾ, ਫ਼ਾਇਦਾ ; loss = ਨੁਕਸਾਨ, ਘਾਟਾ
pnl = ਮੁਨਾਫਾ ਨੁਕਸਾਨ, ਨਫ਼ਾ ਨੁਕਸਾਨ ; position = ਪੋਜ਼ੀਸ਼ਨ, ਪੋਜੀਸ਼ਨ, ਪੁਜੀਸ਼ਨ ; entry = ਐਂਟਰੀ ; entry price = ਐਂਟਰੀ ਕੀਮਤ
target = ਟਾਰਗੇਟ, ਟੀਚਾ ; stop loss = ਸਟਾਪ ਲਾਸ ; bot = ਬੋਟ, ਬੌਟ ; running = ਚੱਲ ਰਿਹਾ, ਚਲ ਰਿਹਾ, ਚਾਲੂ ; off = ਬੰਦ
status = ਸਥਿਤੀ, ਸਟੇਟਸ, ਹਾਲਤ ; strategy = ਰਣਨੀਤੀ, ਸਟ੍ਰੈਟਜੀ ; mode = ਮੋਡ ; last candle = ਆਖਰੀ ਕੈਂਡਲ
risk = ਜੋਖਮ, ਜੋਖ਼ਮ, ਰਿਸਕ ; limits = ਸੀਮਾ, ਸੀਮਾਵਾਂ ; risk limits = ਜੋਖਮ ਸੀਮਾ ; why = ਕਿਉਂ ; trend = ਰੁਝਾਨ, ਟ੍ਰੈਂਡ
what stopped it = ਕਿਸਨੇ ਰੋਕਿਆ ; bullish = ਬੁਲਿਸ਼, ਤੇਜ਼ੀ ; bearish = ਬੇਅਰਿਸ਼, ਮੰਦੀ
should i buy = ਖਰੀਦਣਾ ਚਾਹੀਦਾ, ਲੈਣਾ ਚਾਹੀਦਾ, ਖ਼ਰੀਦਣਾ ਚਾਹੀਦਾ ; help = ਮਦਦ
what can you do = ਤੁਸੀਂ ਕੀ ਕਰ ਸਕਦੇ ਹੋ, ਤੂੰ ਕੀ ਕਰ ਸਕਦਾ ਹੈਂ, ਕੀ ਕਰ ਸਕਦੇ ਹੋ, ਕੀ ਕਰ ਸਕਦਾ ਹੈਂ
today = ਅੱਜ ; yesterday = ਕੱਲ੍ਹ, ਬੀਤੇ ਕੱਲ੍ਹ ; since yesterday = ਕੱਲ੍ਹ ਤੋਂ ; this week = ਇਸ ਹਫ਼ਤੇ, ਇਸ ਹਫਤੇ
last week = ਪਿਛਲੇ ਹਫ਼ਤੇ, ਪਿਛਲੇ ਹਫਤੇ ; this month = ਇਸ ਮਹੀਨੇ ; last month = ਪਿਛਲੇ ਮਹੀਨੇ
last = ਪਿਛਲੇ, ਪਿਛਲਾ, ਪਿਛਲੀ, ਆਖਰੀ, ਆਖ਼ਰੀ ; recent = ਹਾਲੀਆ ; days = ਦਿਨ, ਦਿਨਾਂ ; hours = ਘੰਟੇ, ਘੰਟਿਆਂ
since the first of the month = ਮਹੀਨੇ ਦੀ ਸ਼ੁਰੂਆਤ ਤੋਂ
@days = ਸੋਮਵਾਰ, ਮੰਗਲਵਾਰ, ਬੁੱਧਵਾਰ, ਵੀਰਵਾਰ, ਸ਼ੁੱਕਰਵਾਰ, ਸ਼ਨੀਵਾਰ, ਐਤਵਾਰ
since {day} = {day} ਤੋਂ
2 = ਦੋ ; 3 = ਤਿੰਨ ; 4 = ਚਾਰ ; 5 = ਪੰਜ ; 6 = ਛੇ ; 7 = ਸੱਤ ; 8 = ਅੱਠ ; 9 = ਨੌਂ ; 10 = ਦਸ
only = ਸਿਰਫ਼, ਸਿਰਫ, ਕੇਵਲ ; my = ਮੇਰਾ, ਮੇਰੀ, ਮੇਰੇ ; what = ਕੀ ; which = ਕਿਹੜਾ, ਕਿਹੜੇ, ਕਿਹੜੀ ; and = ਅਤੇ
what about = ਬਾਰੇ ਕੀ, ਦਾ ਕੀ ; now = ਹੁਣ, ਹੁਣੇ ; tick size = ਟਿਕ ਸਾਈਜ਼ ; minimum quantity = ਘੱਟੋ ਘੱਟ ਮਾਤਰਾ
trading rules = ਟ੍ਰੇਡਿੰਗ ਨਿਯਮ ; lunch = ਦੁਪਹਿਰ ਦਾ ਖਾਣਾ ; food = ਖਾਣਾ ; weather = ਮੌਸਮ ; football = ਫੁੱਟਬਾਲ
movie = ਫ਼ਿਲਮ, ਫਿਲਮ ; bitcoin = ਬਿਟਕੋਇਨ, ਬਿੱਟਕੋਇਨ, ਬਿਟਕੌਇਨ ; ethereum = ਈਥਰੀਅਮ, ਇਥੇਰੀਅਮ, ਈਥੀਰੀਅਮ ; solana = ਸੋਲਾਨਾ
"""

# Marathi is read in Hindi's Devanagari table: a word Hindi has too ("खाते", "ऑर्डर", "आज") glosses the same
_MR = """
how much = किती ; do i have = माझ्याकडे, माझ्या कडे ; do we have = आमच्याकडे ; balance = शिल्लक, बॅलन्स, बॅलेन्स
account = खाते, खात्यात, खात्यातील, खात्याचे, खात्यामध्ये ; whole account = संपूर्ण खाते, पूर्ण खाते ; total = एकूण
value = मूल्य ; price = किंमत, किमत, दर ; locked = लॉक ; in usd = डॉलरमध्ये ; usd = डॉलर
open orders = उघडे ऑर्डर, खुल्या ऑर्डर, प्रलंबित ऑर्डर, ओपन ऑर्डर्स ; orders = ऑर्डर्स, ऑर्डरची, ऑर्डरचे
order history = ऑर्डर इतिहास, ऑर्डरचा इतिहास ; history = इतिहास
cancelled = रद्द झालेले, रद्द झाले, रद्द झालेल्या, रद्द केलेले, रद्द केलेल्या, कॅन्सल झालेले
filled = पूर्ण झालेले, पूर्ण झालेल्या ; expired = कालबाह्य, मुदत संपलेले ; rejected = नाकारलेले, नाकारलेल्या, नाकारले
trades = व्यवहार, ट्रेड्सची ; per trade = प्रत्येक ट्रेडवर, प्रति ट्रेड
bought = खरेदी केली, खरेदी केले, विकत घेतले, घेतले
sold = विकले, विकली, विक्री केली, विक्री केले ; buys = खरेदी ; sells = विक्री ; profit = नफा, नफ्यात, नफ्याचा
loss = तोटा, तोट्यात ; pnl = नफा तोटा, नफा-तोटा ; position = पोझिशन, पोझीशन ; entry price = एंट्री किंमत
target = टार्गेट, लक्ष्य ; stop loss = स्टॉप लॉस ; bot = बॉटने, बॉटचा, बॉटची, बॉटचे, बॉटला
running = चालू आहे, सुरू आहे ; status = स्थिती
strategy = धोरण, रणनीती
last candle = शेवटची कॅन्डल ; risk = जोखीम ; limits = मर्यादा ; risk limits = जोखीम मर्यादा ; why = कशामुळे, कशाला
what stopped it = कशामुळे थांबला, कोणी थांबवले ; bullish = तेजी ; bearish = मंदी
should i buy = घ्यावे का, खरेदी करावी का, घ्यायला हवे का, घ्यावा का ; help = मदत
what can you do = तू काय करू शकतोस, तुम्ही काय करू शकता, काय करू शकतोस, काय करू शकता
yesterday = काल ; since yesterday = कालपासून, काल पासून ; this week = या आठवड्यात, ह्या आठवड्यात
last week = मागील आठवड्यात, गेल्या आठवड्यात, मागच्या आठवड्यात ; this month = या महिन्यात, ह्या महिन्यात
last month = गेल्या महिन्यात, मागच्या महिन्यात ; last = शेवटचे, शेवटच्या, गेल्या, मागील ; recent = अलीकडील
days = दिवस, दिवसांत, दिवसांमध्ये ; hours = तास, तासांत ; since = पासून
since the first of the month = महिन्याच्या सुरुवातीपासून
@days = ~सोमवार, मंगळवार, ~बुधवार, ~गुरुवार, ~शुक्रवार, ~शनिवार, ~रविवार
since {day} = {day}पासून, {day} पासून
2 = दोन ; 4 = चार ; 5 = पाच ; 6 = सहा ; 7 = सात ; 8 = आठ ; 9 = नऊ ; 10 = दहा ; only = फक्त
my = माझा, माझी, माझे, माझ्या ; what = काय ; which = कोणते, कोणता, कोणती ; and = आणि ; what about = चे काय, बद्दल काय
now = सध्या, आत्ता ; tick size = टिक साईज ; minimum quantity = किमान प्रमाण ; trading rules = ट्रेडिंग नियम
lunch = दुपारचे जेवण ; food = जेवण ; weather = हवामान ; football = फुटबॉल ; movie = चित्रपट, सिनेमा
bitcoin = बिटकॉईन ; ethereum = इथेरियम
"""

# Urdu is read in the Arabic table (Persian "ی", "ک" as the Arabic letters): a spelling Arabic or Persian has
# too glosses the same ("قیمت", "پوزیشن", "سولانا"); "کل" (total, yesterday, Arabic "all") and "سے" are left out
_UR = """
how much = کتنا, کتنے, کتنی ; do i have = میرے پاس ; do we have = ہمارے پاس ; balance = بیلنس, بیلینس, بقایا
account = اکاؤنٹ, اکاونٹ, کھاتہ, کھاتے ; whole account = پورا اکاؤنٹ, پورے اکاؤنٹ ; total = ٹوٹل, مجموعی
value = مالیت, ویلیو ; price = قیمت, ریٹ, بھاؤ ; available = دستیاب ; locked = لاک ; in usd = ڈالر میں ; usd = ڈالر
open orders = کھلے آرڈر, کھلے آرڈرز, اوپن آرڈر, اوپن آرڈرز ; orders = آرڈر, آرڈرز, آرڈروں
order history = آرڈر ہسٹری, آرڈرز کی ہسٹری ; history = ہسٹری
cancelled = منسوخ شدہ, منسوخ ہوئے, منسوخ ہو گئے, منسوخ ہوا, کینسل ہوئے, کینسل شدہ
filled = پورے ہوئے, مکمل ہوئے, فل ہوئے ; expired = ایکسپائر, میعاد ختم ; rejected = مسترد, رد شدہ
trades = ٹریڈ, ٹریڈز, سودے ; per trade = فی ٹریڈ, ہر ٹریڈ ; bought = خریدا, خریدے
sold = بیچا, بیچے, فروخت کیا, فروخت کیے
buys = خریداری ; profit = منافع, نفع, فائدہ, پرافٹ ; loss = نقصان, خسارہ ; pnl = نفع نقصان, منافع نقصان
position = پوزیشن ; entry = انٹری ; entry price = انٹری قیمت ; target = ٹارگٹ, ہدف ; stop loss = اسٹاپ لاس, سٹاپ لاس
bot = بوٹ ; running = چل رہا, چالو ; off = بند ; status = اسٹیٹس, صورتحال ; strategy = حکمت عملی, اسٹریٹجی
mode = موڈ ; last candle = آخری کینڈل ; risk = رسک, خطرہ ; limits = حدود ; why = کیوں ; trend = رجحان, ٹرینڈ
what stopped it = کس نے روکا ; bullish = تیزی ; bearish = مندی
should i buy = خریدنا چاہیے, لینا چاہیے, خرید لوں, خریدنا ٹھیک رہے گا, خریدنا ٹھیک ہے, خریدنا صحیح رہے گا, لینا ٹھیک رہے گا ; help = مدد
what can you do = تم کیا کر سکتے ہو, آپ کیا کر سکتے ہیں, کیا کر سکتے ہو, کیا کر سکتے ہیں
today = آج ; yesterday = کل کا, کل کی, کل کے, گزشتہ روز ; since yesterday = کل سے
this week = اس ہفتے ; last week = پچھلے ہفتے, گزشتہ ہفتے ; this month = اس مہینے, اس ماہ
last month = پچھلے مہینے, گزشتہ ماہ ; last = پچھلے, آخری ; recent = حالیہ ; days = دن, دنوں ; hours = گھنٹے, گھنٹوں
since the first of the month = مہینے کے شروع سے
@days = ~پیر, ~منگل, ~بدھ, جمعرات, جمعہ, ~ہفتہ, اتوار
since {day} = {day} سے
2 = دو ; 3 = تین ; 4 = چار ; 5 = پانچ ; 7 = سات ; 8 = آٹھ ; 9 = نو ; 10 = دس ; only = صرف
my = میرا, میری, میرے ; what = کیا
which = کون سا, کون سی, کونسا, کونسی ; and = اور ; what about = کا کیا, کے بارے میں کیا ; now = ابھی, اس وقت
tick size = ٹک سائز ; minimum quantity = کم از کم مقدار ; trading rules = ٹریڈنگ کے اصول, ٹریڈنگ قوانین
lunch = دوپہر کا کھانا ; food = کھانا ; weather = موسم ; football = فٹ بال ; movie = فلم
bitcoin = بٹ کوائن, بٹکوائن, بٹ کوئن ; ethereum = ایتھیریم, ایتھریم ; solana = سولانا
"""


def with_heh(lexicon: str) -> str:
    """Each word with Urdu's "ہ" or "ھ" also as written with the Arabic "ه" (Arabic and Persian keyboards)."""
    lines = []
    for line in lexicon.splitlines():
        parts = []
        for part in line.split(" ; "):
            gloss, sep, rest = part.partition(" = ")
            words = [w.strip() for w in rest.split(",")]
            heh = [w.replace("ہ", "ه").replace("ھ", "ه") for w in words]
            if gloss == "@days":  # the spellings of a day are one item
                words, heh = [w if h == w else f"{w}/{h}" for w, h in zip(words, heh, strict=True)], []
            words += [h for w, h in zip(words, heh, strict=False) if h != w]
            parts.append(gloss + sep + ", ".join(words) if sep else part)
        lines.append(" ; ".join(parts))
    return "\n".join(lines)


LEXICONS = {
    "ta": _TA,
    "te": _TE,
    "kn": _KN,
    "ml": _ML,
    "gu": _GU,
    "pa": _PA,
    "mr": _MR,
    "ur": with_heh(_UR),
}

_W = "[\\w\\u0300-\\u036f\\u0900-\\u0d7f]"


def _why_verb(why: str, verb: str, gloss: str) -> tuple[str, str, str]:
    """A why and, a few words on, a verb's negative ("ஏன் போட் ETH வாங்கவில்லை") -> "why didn't போட் ETH
    bought": the verb kept as its past, which the rule of WHY_NOT (run first, and leaving these alone) drops."""
    rx = rf"(?<!{_W})(?:{why})(?!{_W})((?:\s+[^\s?!.;]+){{0,4}}?)\s+(?:{verb})(?!{_W})"
    return why, rx, rf"why didn't\1 {gloss}"


# Patterns that reorder or span words, by script: (words one of which the text must have, regex,
# replacement), run before the lexicons (after the why-nots).
RULES = {
    "tamil": (
        _why_verb("ஏன்|எதற்கு", "வாங்க(?:வில்லை|லை|ல)", "bought"),
        _why_verb("ஏன்|எதற்கு", "(?:விற்க|விக்க)(?:வில்லை|லை|ல)", "sold"),
    ),
    "telugu": (
        _why_verb("ఎందుకు", "కొన(?:లేదు|్లేదు)|కొనుగోలు\\s+చేయలేదు", "bought"),
        _why_verb("ఎందుకు", "అమ్మ(?:లేదు)|విక్రయించలేదు", "sold"),
    ),
    "kannada": (
        _why_verb("ಯಾಕೆ|ಏಕೆ|ಯಾಕ್", "ಖರೀದಿಸಲಿಲ್ಲ|ಕೊಳ್ಳಲಿಲ್ಲ|ಖರೀದಿ\\s+ಮಾಡಲಿಲ್ಲ", "bought"),
        _why_verb("ಯಾಕೆ|ಏಕೆ|ಯಾಕ್", "ಮಾರಲಿಲ್ಲ|ಮಾರಾಟ\\s+ಮಾಡಲಿಲ್ಲ", "sold"),
    ),
    "malayalam": (
        _why_verb("എന്തുകൊണ്ട്|എന്താ|എന്തിന്", "വാങ്ങിയില്ല|വാങ്ങീല്ല|വാങ്ങാത്ത[^\\s?!.;]*", "bought"),
        _why_verb("എന്തുകൊണ്ട്|എന്താ|എന്തിന്", "വിറ്റില്ല|വിൽക്കാത്ത[^\\s?!.;]*", "sold"),
    ),
}

# A why and, a few words on, a negation: (why, negation, most words between) per language, by script.
# Urdu's are written as gloss() reads Arabic script ("ي", "ك"), with "ہ" or "ه".
WHY_NOT = {
    "tamil": {"ta": ("ஏன்|எதற்கு", "(?!வாங்க|விற்க|விக்க)\\S*(?:வில்லை|இல்லை)|இல்லை", 4)},
    "telugu": {"te": ("ఎందుకు", "(?!కొన|అమ్మ|విక్రయించ)\\S*లేదు|లేదు", 4)},
    "kannada": {"kn": ("ಯಾಕೆ|ಏಕೆ|ಯಾಕ್", "(?!ಖರೀದಿಸ|ಕೊಳ್ಳ|ಮಾರ)\\S*ಲಿಲ್ಲ|ಇಲ್ಲ", 4)},
    "malayalam": {"ml": ("എന്തുകൊണ്ട്|എന്താ|എന്തിന്", "(?!വാങ്ങ|വിറ്റ|വിൽക്ക)\\S*(?:ില്ല|ാത്ത[^\\s?!.;]*)|ഇല്ല", 4)},
    "gujarati": {"gu": ("કેમ|શા માટે", "નથી|નહીં|નહિ|ન", 4)},
    "gurmukhi": {"pa": ("ਕਿਉਂ", "ਨਹੀਂ|ਨਾ", 4)},
    "devanagari": {"mr": ("कशामुळे|कशाला|का", "नाही[^\\s?!.;]*|नव्ह[^\\s?!.;]*", 4)},
    "arabic": {"ur": ("كيوں", "نہيں|نهيں|نہ|نه|نا", 4)},
}

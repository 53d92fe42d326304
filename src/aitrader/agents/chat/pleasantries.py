"""A message that only thanks the chat or says goodbye ("thank you dear, you have been ever so
helpful", "many thanks, that will be all for today", "cảm ơn bạn nhiều"): answered as small talk.

Why a closed vocabulary: the intent model learnt polite requests to act in many languages, so a long
thank-you read to it as one, and the rules read "that will be all for today" as a question about
today; a message whose every word is thanks, farewell or their fillers asks nothing at all.
"""

from __future__ import annotations

import re

from aitrader.agents.chat.wording import plain_words

_THANKS_WORDS = (
    "thanks thank thx thnx thanx tnx ty tysm tyvm cheers appreciate appreciated bye goodbye byee "
    "cya ttyl night goodnight gn"
)
_THANKS = frozenset(_THANKS_WORDS.split())
_AROUND_WORDS = (
    "you u ya yall very much so soo a lot lots heaps tons dear ever helpful help have been that thats "
    "that's it will be is was all for today now to sleep bed good great ok okay k cool awesome nice "
    "perfect see later tomorrow many kind really again your the info i need needed done got mate man "
    "bro buddy sir madam miss ma'am this evening weekend day lovely brilliant legend amazing care "
    "and oh alright right well just wanted say much-appreciated chat bot assistant friend "
    "my fam g bruh dude sis pal superb excellent fantastic wonderful kindly grateful beaucoup muchas mucho "
    "vielen mille tante"
)
_AROUND = frozenset(_AROUND_WORDS.split())


# Said only in these phrases: "take care", "off to bed", "thanks for everything", "that's all" in other
# languages (not "take it all off", "everything off", "danke, alles": what the model refuses)
_SET_PHRASES = re.compile(
    r"\btake\s+(?:care|it\s+easy)\b|\boff\s+to\s+(?:sleep|bed)\b|\b(?:for|that'?s|that\s+is|eso\s+es)\s+everything\b"
    r"|\bto\s+wszystko\b|\bc'est\s+tout\b|\b(?:the|das)\s+(?:war|is|ist)\s+alles\b|(?:\bisso\s+)?(?<!\w)é\s+tudo\b"
)


def only_thanks(text: str) -> bool:
    """Is every word of the text thanks, a goodbye or a filler around them, with at least one of those?
    A word of any other script counts as a word ("thanks, 清仓" is not thanks alone)."""
    plain = _SET_PHRASES.sub(" care ", plain_words(text.lower()))
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", plain)
    return (
        0 < len(words) <= 14
        and any(w in _THANKS for w in words)
        and all(w in _THANKS or w in _AROUND for w in words)
        and not re.search(r"\d", text)
    )

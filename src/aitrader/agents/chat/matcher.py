"""Nearest-example intent matcher: IDF-weighted token and bigram overlap (cosine) between a question
and each intent's examples, after typo correction against the examples' vocabulary."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass

from aitrader.agents.chat.intents import INTENT_EXAMPLES
from aitrader.agents.chat.periods import parse_period
from aitrader.agents.chat.text import PERIOD_WORDS, STOPWORDS, correct, tokens

# A word that settles the intent on its own ("why ..." asks for a rationale whatever else it says).
CUES: dict[str, str] = {}
CUE_BONUS = 1.0
PLACEHOLDERS = frozenset({"xcoin", "xperiod", "xid", "xamount"})


@dataclass(frozen=True, slots=True)
class Match:
    intent: str
    score: float  # cosine similarity of the best example, 0..1
    example: str
    runner_up: str
    runner_up_score: float
    domain_words: int  # question words the examples know (0 means the question is off-topic)
    content_words: int  # question words that are not stopwords

    @property
    def margin(self) -> float:
        return self.score - self.runner_up_score


def _features(words: list[str]) -> set[str]:
    content = [w for w in words if w not in STOPWORDS]
    feats = set(content)
    feats.update(f"{a}_{b}" for a, b in itertools.pairwise(content))
    return feats


class IntentMatcher:
    def __init__(self, examples: dict[str, tuple[str, ...]] = INTENT_EXAMPLES) -> None:
        self.examples: list[tuple[str, str, set[str]]] = []
        for intent, phrases in examples.items():
            for phrase in phrases:
                self.examples.append((intent, phrase, _features(self._words(phrase))))
        df: Counter[str] = Counter()
        for _, _, feats in self.examples:
            df.update(feats)
        n = len(self.examples)
        self.idf = {f: math.log(1 + n / c) for f, c in df.items()}
        self.vocabulary = sorted({f for f in df if "_" not in f and f not in PLACEHOLDERS})
        self._norms = [self._norm(feats) for _, _, feats in self.examples]

    @staticmethod
    def _words(text: str) -> list[str]:
        for name in ("coin", "period", "id", "amount"):
            text = text.replace(f"<{name}>", f" x{name} ")
        words = tokens(text)
        if parse_period(text, 0) is not None:
            words = [w for w in words if w not in PERIOD_WORDS] + ["xperiod"]
        return words

    def _norm(self, feats: set[str]) -> float:
        return math.sqrt(sum(self.idf.get(f, 1.0) ** 2 for f in feats)) or 1.0

    def prepare(self, words: list[str]) -> list[str]:
        known = set(self.vocabulary) | STOPWORDS | PLACEHOLDERS
        return [w if w in known else correct(w, self.vocabulary) for w in words]

    def match(self, words: list[str], bonus: dict[str, float] | None = None) -> Match:
        """`words`: the question's tokens with entity words already replaced by placeholders; `bonus`:
        what phrase cues add to an intent's score (see cues.py)."""
        prepared = self.prepare(words)
        q = _features(prepared)
        q_norm = math.sqrt(sum(self.idf.get(f, 2.0) ** 2 for f in q)) or 1.0
        scores: dict[str, list[tuple[float, str]]] = {}
        for (intent, phrase, feats), e_norm in zip(self.examples, self._norms, strict=True):
            shared = q & feats
            score = sum(self.idf[f] ** 2 for f in shared) / (q_norm * e_norm) if shared else 0.0
            scores.setdefault(intent, []).append((score, phrase))
        best: dict[str, tuple[float, str]] = {}
        for intent, found in scores.items():
            found.sort(reverse=True)
            # The best example counts most; the runner-up example breaks ties between intents.
            score = 0.8 * found[0][0] + 0.2 * found[1][0] if len(found) > 1 else found[0][0]
            extra = (bonus or {}).get(intent, 0.0)
            best[intent] = (score + CUE_BONUS * (CUES.get(intent, "") in q) + extra, found[0][1])
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        (top, (s1, ex1)), (second, (s2, _)) = ranked[0], ranked[1]
        domain = sum(1 for w in prepared if w in self.idf and w not in PLACEHOLDERS)
        content = sum(1 for w in prepared if w not in STOPWORDS and w not in PLACEHOLDERS)
        return Match(top, min(s1, 1.0), ex1, second, min(s2, 1.0), domain, content)

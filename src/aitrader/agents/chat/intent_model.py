"""The learned half of the chat's understanding: a linear classifier over a question's sentence
embedding (sentence_encoder.py), its hashed words, word pairs and letter triples, the intent the
rules gave it and the conversation's last intent. Trained by intent_training.py on the labelled
question sets in tests/agents/chat_eval/ (never on a held-out set); its weights ship with the package.

Why both halves: the rules read entities, follow-ups and refusals precisely but miss wordings nobody
wrote a rule for; the classifier has seen ~4,000 labelled questions and generalises across wordings,
and it learns from the rules' answer when to trust them (the rules' intent is one of its features).
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.agents.chat.sentence_encoder import EncoderUnavailableError, SentenceEncoder, shared_encoder

log = logging.getLogger(__name__)
WEIGHTS = Path(__file__).with_name("intent_model.npz")
BUCKETS = 1 << 18  # hashed feature space: collisions among ~40k features are rare at this size
_TOKEN = re.compile(r"\w+(?:'\w+)?|[^\w\s]")  # words in any script, and each sign on its own


def reading(text: str) -> str:
    """The question in plain words (wording.plain_words: misspellings fixed, the question words of
    other languages glossed into English), which the embedding reads: an English model then hears
    "сколько BTC у меня" as "how much BTC do i have"."""
    from aitrader.agents.chat.wording import plain_words  # its lexicons load with the model, not before

    return plain_words(text.lower())


def sparse_features(
    text: str, prev: str | None, rule: str, top: str | None, plain: str | None = None
) -> dict[int, float]:
    """Hashed bucket -> weight, L2-normalised: words, word pairs, letter triples of each word (typos
    keep most of theirs) as written and, where they differ, as read in plain words (glossed words share
    their English weights); the rules' intent and nearest-example intent, the conversation's last intent."""
    words = _TOKEN.findall(text.lower())
    glossed = _TOKEN.findall(reading(text) if plain is None else plain)
    names = [f"w:{w}" for w in words]
    names += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    if glossed != words:
        seen = set(names)
        names += [n for n in (f"w:{w}" for w in glossed) if n not in seen]
        names += [n for n in (f"b:{a}_{b}" for a, b in itertools.pairwise(glossed)) if n not in seen]
    for w in words:
        padded = f"<{w}>"
        names += [f"c:{padded[i : i + 3]}" for i in range(max(1, len(padded) - 2))]
    names += [f"prev:{prev}", f"rule:{rule}", f"top:{top}"]
    counts: dict[int, float] = {}
    for name in names:
        k = zlib.crc32(name.encode()) % BUCKETS
        counts[k] = counts.get(k, 0.0) + 1.0
    norm = float(np.sqrt(sum(v * v for v in counts.values())))
    return {k: v / norm for k, v in counts.items()}


@dataclass(frozen=True, slots=True)
class Verdict:
    intent: str
    confidence: float  # softmax probability of `intent`
    runner_up: str
    runner_up_confidence: float


class IntentModel:
    def __init__(self, path: Path = WEIGHTS, encoder: SentenceEncoder | None = None) -> None:
        with np.load(path, allow_pickle=False) as z:
            self.intents: list[str] = [str(x) for x in z["intents"]]
            rows = z["rows"].astype(np.int64)
            scale = z["scale"].astype(np.float32)
            self._sparse = z["sparse"].astype(np.float32) * scale  # int8 rows x per-intent scale
            self._dense = z["dense"].astype(np.float32)
            self._bias = z["bias"].astype(np.float32)
            self.meta: dict[str, Any] = json.loads(str(z["meta"]))
        self._row_of = {int(r): i for i, r in enumerate(rows)}
        self.encoder = encoder or shared_encoder()

    def scores(self, text: str, prev: str | None, rule: str, top: str | None) -> npt.NDArray[np.float32]:
        z = self._bias.copy()
        plain = reading(text)  # read once: the features and the embedding both take it
        for k, v in sparse_features(text, prev, rule, top, plain).items():
            i = self._row_of.get(k)
            if i is not None:
                z += v * self._sparse[i]
        z += self.encoder.encode([plain])[0] @ self._dense
        z -= z.max()
        p = np.exp(z)
        out: npt.NDArray[np.float32] = p / p.sum()
        return out

    def judge(self, text: str, prev: str | None, rule: str, top: str | None) -> Verdict:
        p = self.scores(text, prev, rule, top)
        first, second = (int(i) for i in np.argsort(-p)[:2])
        return Verdict(self.intents[first], float(p[first]), self.intents[second], float(p[second]))


def pack(
    intents: Iterable[str],
    sparse: npt.NDArray[np.float32],
    dense: npt.NDArray[np.float32],
    bias: npt.NDArray[np.float32],
    meta: dict[str, Any],
    path: Path,
) -> None:
    """Writes trained weights: only the hashed rows training saw, as int8 with one scale per intent
    (~10x smaller than float32; the accuracy on the evaluation sets did not move)."""
    used = np.flatnonzero(np.abs(sparse).max(axis=1) > 1e-4)
    rows = sparse[used]
    scale = np.abs(rows).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(rows / scale), -127, 127).astype(np.int8)
    np.savez_compressed(
        path,
        intents=np.array(list(intents)),
        rows=used.astype(np.int32),
        sparse=q,
        scale=scale.astype(np.float32),
        dense=dense.astype(np.float16),
        bias=bias.astype(np.float32),
        meta=np.array(json.dumps(meta, sort_keys=True)),
    )


_loading = threading.Lock()


def shared_model() -> IntentModel | None:
    """The packaged model, or None (the rules alone answer) when it cannot run here — said once."""
    with _loading:
        return _load()


def preload() -> None:
    """Loads the model in the background (~0.4 s of imports and session start), while the venue is
    asked for its markets: a one-shot question does not wait for both in turn."""
    threading.Thread(target=shared_model, name="chat-intent-model", daemon=True).start()


@cache
def _load() -> IntentModel | None:
    try:
        return IntentModel()
    except (OSError, KeyError, ValueError, ImportError, RuntimeError, EncoderUnavailableError) as exc:
        log.warning("chat: the intent model is unavailable (%s); the rules alone will answer", exc)
        return None

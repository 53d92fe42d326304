"""Trains the chat's intent model (intent_model.py) on labelled question sets; deterministic (full-batch
Adam from zeros), 2–4 min on two cores. Ships as intent_model.npz; retrain after changing the training
sets or the rules:

    uv run python -m aitrader.agents.chat.intent_training              # the packaged model
    uv run python -m aitrader.agents.chat.intent_training --exclude tune_h --out /tmp/m.npz

The held-out sets (heldout_*.jsonl) are never read here: they measure what this model never saw.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.agents.chat.intent_model import BUCKETS, WEIGHTS, pack, reading, sparse_features
from aitrader.agents.chat.models import SymbolView
from aitrader.agents.chat.nlu import Understanding
from aitrader.agents.chat.sentence_encoder import DIM, shared_encoder
from aitrader.agents.chat.universe import Universe

SETS = Path(__file__).resolve().parents[4] / "tests" / "agents" / "chat_eval"
TRAINING_GLOBS = ("set_*.jsonl", "tune_*.jsonl", "fresh_*.jsonl")
NOW_MS = 1_764_763_200_000  # 2025-12-03 12:00 UTC: periods only shape entities, not the features
L2 = 1e-5  # chosen by leaving each writer's set out in turn (benchmarks/README.md, "Chat")
EPOCHS = 300
LEARNING_RATE = 0.05


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    prev: str | None
    rule: str
    top: str | None
    intent: str


def training_files(exclude: Iterable[str] = ()) -> list[Path]:
    skip = set(exclude)
    files = {f for g in TRAINING_GLOBS for f in SETS.glob(g) if f.stem not in skip}
    return sorted(files)


def fingerprint(files: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def seeded_universe() -> Universe:
    """The markets of the evaluation's seeded venue (tests/agents/chat_local_venue.py)."""
    return Universe([SymbolView(symbol=f"{b}USDT", base=b, quote="USDT") for b in ("BTC", "ETH", "SOL")])


def rows(conversations: Iterable[dict[str, Any]], universe: Universe) -> Iterator[Row]:
    """Each turn with what the rules made of it in its conversation; a turn asking several things is
    labelled "multi" (the model then says whether to cut a question, the rules where)."""
    for conv in conversations:
        nlu = Understanding(universe, model=False)
        for turn in conv["turns"]:
            nlu.parse(turn["q"], NOW_MS)
            if nlu.last_rule is not None:  # None: injected text and nothing else
                prev, rule, top = nlu.last_rule
                yield Row(turn["q"], prev, rule, top, "multi" if "parts" in turn else turn["intent"])


def _read(files: Iterable[Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for f in files for line in f.read_text().splitlines() if line.strip()]


def train(
    data: list[Row], embeddings: npt.NDArray[np.float32], intents: list[str]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Softmax regression, L2-regularised: (sparse weights BUCKETS x K, dense weights DIM x K, bias)."""
    k = len(intents)
    index = {name: i for i, name in enumerate(intents)}
    cols_l: list[int] = []
    vals_l: list[float] = []
    rows_l: list[int] = []
    for r, row in enumerate(data):
        feats = sparse_features(row.text, row.prev, row.rule, row.top)
        cols_l.extend(feats)
        vals_l.extend(feats.values())
        rows_l.extend([r] * len(feats))
    cols, vals, owners = np.array(cols_l), np.array(vals_l, np.float32), np.array(rows_l)
    used, local = np.unique(cols, return_inverse=True)  # train only the buckets that occur
    n = len(data)
    y = np.eye(k, dtype=np.float32)[[index[r.intent] for r in data]]
    ws = np.zeros((len(used), k), np.float32)
    wd = np.zeros((DIM, k), np.float32)
    b = np.zeros(k, np.float32)
    params = [ws, wd, b]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for t in range(1, EPOCHS + 1):
        z = embeddings @ wd + b
        np.add.at(z, owners, vals[:, None] * ws[local])
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / n
        gs = np.zeros_like(ws)
        np.add.at(gs, local, vals[:, None] * g[owners])
        grads = [gs + L2 * ws, embeddings.T @ g + L2 * wd, g.sum(axis=0)]
        for param, grad, mi, vi in zip(params, grads, m, v, strict=True):
            mi *= 0.9
            mi += 0.1 * grad
            vi *= 0.999
            vi += 0.001 * grad * grad
            param -= LEARNING_RATE * (mi / (1 - 0.9**t)) / (np.sqrt(vi / (1 - 0.999**t)) + 1e-8)
    sparse = np.zeros((BUCKETS, k), np.float32)
    sparse[used] = ws
    return sparse, wd, b


def build(out: Path = WEIGHTS, exclude: Iterable[str] = ()) -> dict[str, Any]:
    files = training_files(exclude)
    data = list(rows(_read(files), seeded_universe()))
    intents = sorted({r.intent for r in data})
    embeddings = shared_encoder().encode([reading(r.text) for r in data])
    sparse, dense, bias = train(data, embeddings, intents)
    meta = {
        "files": [f.name for f in files],
        "sha256": fingerprint(files),
        "rows": len(data),
        "l2": L2,
        "epochs": EPOCHS,
    }
    pack(intents, sparse, dense, bias, meta, out)
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--exclude", action="append", default=[], help="a set's file stem to leave out")
    args = ap.parse_args()
    meta = build(args.out, args.exclude)
    print(f"trained on {meta['rows']} questions from {len(meta['files'])} sets -> {args.out}")


if __name__ == "__main__":
    main()

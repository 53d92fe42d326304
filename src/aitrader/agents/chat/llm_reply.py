"""A chat-completions reply, parsed strictly: anything but the documented shape is a fallback reason.

The SDK builds its objects without validating them, so a tool call without a function, a null
message or a string where a number belongs surfaced later as an AttributeError. Here the status,
content type, encoding, JSON and every field the engine reads are checked once, and any surprise
becomes an `LlmFallback` with a few safe words (never the server's text)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aitrader.agents.chat.llm_fallback import LlmFallback
from aitrader.agents.chat.llm_http import HttpReply

_TOOL_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
_CALL_ID = re.compile(r"[A-Za-z0-9_.:\-]{1,128}")
MAX_TOKENS_PLAUSIBLE = 10**9


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: str  # the JSON text the model sent; `llm_args` decides whether it may run


@dataclass(frozen=True)
class Reply:
    content: str | None
    tool_calls: tuple[ToolCall, ...]
    usage_total: int | None  # None when the server's usage is missing or not a plausible count
    usage_raw: object  # what the server said, for the trace
    finish_reason: str | None
    prompt_tokens: int | None = None  # the server's split, when plausible (None: not reported)
    completion_tokens: int | None = None


def _status_reason(status: int) -> str | None:
    if status == 200:
        return None
    if status == 429:
        return "the LLM endpoint is rate limiting (HTTP 429)"
    if status in (401, 403):
        return f"the LLM endpoint refused the API key (HTTP {status})"
    if status == 404:
        return "no chat-completions endpoint at the LLM base URL (HTTP 404)"
    if 300 <= status < 400:
        return f"the LLM endpoint redirected (HTTP {status}); redirects are not followed"
    if status >= 500:
        return f"the LLM endpoint failed (HTTP {status})"
    return f"the LLM endpoint answered HTTP {status}"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError("duplicate key")  # two parsers could read two different replies
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json(text: str) -> Any:
    """JSON without NaN/Infinity or duplicate keys; floats as Decimal (never inf). Raises ValueError
    (bad JSON, too many digits) or RecursionError (nested too deeply)."""
    return json.loads(
        text, parse_float=Decimal, parse_constant=_no_constants, object_pairs_hook=_no_duplicates
    )


def _decode(http: HttpReply) -> Any:
    reason = _status_reason(http.status)
    if reason:
        raise LlmFallback(reason)
    if http.content_encoding not in ("", "identity"):
        raise LlmFallback("the LLM reply is compressed; only plain JSON is accepted")
    mime = http.content_type.split(";", 1)[0].strip().lower()
    if mime == "text/event-stream":
        raise LlmFallback("the LLM endpoint sent a stream nobody asked for")
    if mime != "application/json" and not (mime.startswith("application/") and mime.endswith("+json")):
        raise LlmFallback(f"the LLM reply is not JSON ({mime or 'no content type'})")
    try:
        return strict_json(http.body.decode("utf-8"))
    except UnicodeDecodeError:
        raise LlmFallback("the LLM reply is not UTF-8") from None
    except RecursionError:
        raise LlmFallback("the LLM reply is nested too deeply") from None
    except ValueError:
        raise LlmFallback("the LLM reply is not valid JSON") from None


def _count(value: object) -> int | None:
    """A token count if `value` is a plausible one: an int (not a bool), not negative, not absurd."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= MAX_TOKENS_PLAUSIBLE else None


def _usage(raw: object) -> int | None:
    if not isinstance(raw, dict):
        return None
    total = _count(raw.get("total_tokens"))
    if total is not None:
        return total
    prompt, completion = _count(raw.get("prompt_tokens")), _count(raw.get("completion_tokens"))
    return prompt + completion if prompt is not None and completion is not None else None


def _usage_part(raw: object, name: str) -> int | None:
    return _count(raw.get(name)) if isinstance(raw, dict) else None


def _tool_call(raw: object, index: int, seen: set[str]) -> ToolCall:
    if not isinstance(raw, dict):
        raise LlmFallback("the LLM sent a malformed tool call")
    if raw.get("type", "function") != "function":
        raise LlmFallback("the LLM sent a tool call that is not a function call")
    fn = raw.get("function")
    if not isinstance(fn, dict):
        raise LlmFallback("the LLM sent a tool call without a function")
    name = fn.get("name")
    if not isinstance(name, str) or not name.strip():
        raise LlmFallback("the LLM sent a tool call without a name")
    if not _TOOL_NAME.fullmatch(name):
        raise LlmFallback("the LLM sent a tool name that is not a plain identifier")
    args = fn.get("arguments")
    if args is None:
        args = "{}"
    elif isinstance(args, dict):
        args = json.dumps(args, default=str)  # some servers send the object itself; still an object
    elif not isinstance(args, str):
        raise LlmFallback("the LLM sent tool arguments that are not a JSON object")
    call_id = raw.get("id")
    if not isinstance(call_id, str) or not _CALL_ID.fullmatch(call_id) or call_id in seen:
        call_id = f"call_{index}"
    seen.add(call_id)
    return ToolCall(id=call_id, name=name, arguments=args)


def parse_reply(http: HttpReply) -> Reply:
    """The reply's first choice, or LlmFallback saying what was wrong with it."""
    data = _decode(http)
    if not isinstance(data, dict):
        raise LlmFallback("the LLM reply is not a JSON object")
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices:
        raise LlmFallback("the LLM reply has no choices")
    choice = choices[0]
    if not isinstance(choice, dict):
        raise LlmFallback("the LLM reply has a malformed choice")
    message = choice.get("message")
    if message is None:
        raise LlmFallback("the LLM reply has no message")
    if not isinstance(message, dict):
        raise LlmFallback("the LLM reply has a malformed message")
    content = message.get("content")
    if content is not None and not isinstance(content, str):
        raise LlmFallback("the LLM reply's content is not text")
    raw_calls = message.get("tool_calls")
    if raw_calls is None:
        raw_calls = []
    if not isinstance(raw_calls, list):
        raise LlmFallback("the LLM reply's tool calls are not a list")
    seen: set[str] = set()
    calls = tuple(_tool_call(c, i, seen) for i, c in enumerate(raw_calls))
    finish = choice.get("finish_reason")
    usage_raw = data.get("usage")
    return Reply(
        content=content,
        tool_calls=calls,
        usage_total=_usage(usage_raw),
        usage_raw=usage_raw,
        finish_reason=finish if isinstance(finish, str) else None,
        prompt_tokens=_usage_part(usage_raw, "prompt_tokens"),
        completion_tokens=_usage_part(usage_raw, "completion_tokens"),
    )

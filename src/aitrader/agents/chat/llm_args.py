"""The gate in front of every tool run: how many calls, how big, how deep and which numbers.

A tool's pydantic schema checks names and types, but not size, depth or range: "1e999999" is a
valid Decimal that overflows the first multiplication, and a 1 MiB argument would be echoed into
the trace and the next request. Anything past these caps stops the LLM for the question (the
offline engine answers); the schema check that follows refuses unknown tools and bad types."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from aitrader.agents.chat.llm_fallback import LlmFallback
from aitrader.agents.chat.llm_reply import strict_json

MAX_DEPTH = 2  # an object of scalars, or of lists of scalars: every tool input is that flat
MAX_MAGNITUDE = Decimal("1e15")  # no amount, price or id a tool takes is larger
MIN_MAGNITUDE = Decimal("1e-18")  # nor a non-zero one smaller
MAX_DIGITS = 40


@dataclass(frozen=True)
class CallCaps:
    per_round: int = 4
    per_question: int = 8
    argument_bytes: int = 2048


def check_counts(caps: CallCaps, this_round: int, so_far: int) -> None:
    """Refuse a round with too many tool calls, or a question past its total."""
    if this_round > caps.per_round:
        raise LlmFallback(f"the LLM asked for {this_round} tool calls in one round (cap {caps.per_round})")
    if so_far > caps.per_question:
        raise LlmFallback(f"the LLM asked for more than {caps.per_question} tool calls for one question")


def _number_ok(value: Decimal, is_id: bool) -> bool:
    """Finite, at most MAX_DIGITS digits, and for anything but an id within the magnitudes a tool
    can take (an id is looked up, never computed with, and some venues use 19-digit ones)."""
    if not value.is_finite() or len(value.as_tuple().digits) > MAX_DIGITS:
        return False
    magnitude = abs(value)
    if is_id:
        return value == value.to_integral_value() and magnitude < Decimal(10) ** MAX_DIGITS
    return magnitude <= MAX_MAGNITUDE and (value == 0 or magnitude >= MIN_MAGNITUDE)


def _numeric_text(text: str) -> Decimal | None:
    """The number a string spells ("1e999999", "NaN", " 5 "), or None when it is not one."""
    try:
        return Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None


def _check(value: Any, depth: int, name: str, key: str = "") -> None:
    if depth > MAX_DEPTH:
        raise LlmFallback(f"tool arguments for {name} are nested too deeply")
    is_id = key == "id" or key.endswith(("_id", "_ids"))
    if isinstance(value, dict):
        for k, item in value.items():
            _check(item, depth + 1, name, str(k))
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1, name, key)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int | Decimal):
        if not _number_ok(Decimal(value), is_id):
            raise LlmFallback(f"tool arguments for {name} hold a number out of range")
    elif isinstance(value, str):
        if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in value):
            raise LlmFallback(f"tool arguments for {name} hold control characters")
        number = _numeric_text(value)
        plain_id = is_id and value.strip().isdigit()  # "1e999999" is no id
        if number is not None and not (plain_id or _number_ok(number, is_id=False)):
            raise LlmFallback(f"tool arguments for {name} hold a number out of range")


def parse_arguments(name: str, raw: str, max_bytes: int) -> dict[str, Any]:
    """The call's arguments as a JSON object within the caps, or LlmFallback."""
    size = len(raw.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise LlmFallback(f"tool arguments for {name} are {size} bytes (cap {max_bytes})")
    try:
        value = strict_json(raw or "{}")
    except RecursionError:
        raise LlmFallback(f"tool arguments for {name} are nested too deeply") from None
    except ValueError:
        raise LlmFallback(f"tool arguments for {name} are not valid JSON") from None
    if not isinstance(value, dict):
        raise LlmFallback(f"tool arguments for {name} are not a JSON object")
    _check(value, 1, name)
    return value


def argument_numbers(args: dict[str, Any]) -> list[Decimal]:
    """Every number the model wrote into its own arguments: never evidence for its answer."""
    out: list[Decimal] = []
    for value in args.values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, bool):
                continue
            if isinstance(item, int | Decimal):
                out.append(Decimal(item))
            elif isinstance(item, str) and (number := _numeric_text(item)) is not None and number.is_finite():
                out.append(number)
    return out


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with a marker saying how much was left out (for the trace)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…[truncated {len(text) - limit} more characters]"

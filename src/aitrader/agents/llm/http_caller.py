"""`HttpCaller`: the `LlmCaller` that calls an OpenAI-compatible endpoint, over the chat's transport.

Each `complete` meets, in order:
- the daily budget (`chat.llm_budget.DailyBudget`, tokens and dollars in `agents-llm-budget.json`):
  a call whose worst case (the request's estimated tokens plus `max_tokens` of reply, priced), added
  to the worst cases of the calls still in flight in this process (`budget_holds`), would pass
  either is not made → LlmUnavailable("daily token budget spent" / "daily money budget spent"); the
  worst case stays held until the call is charged what it really used;
- redaction (`chat.llm_redact`) of every message sent;
- one deadline per decision (`config.deadline_s`): it starts at the first call about a snapshot and
  ends when a decision about it is noted, so a planner and its executor, or every role of a debate,
  share it; each request is also bounded by `config.timeout_s`; both cover connect, send and every
  byte read (`chat.llm_http.post_json`);
- the strict parse of the reply (`chat.llm_reply.parse_reply`);
- the charge: the server's token counts when plausible, else our estimate, priced at the
  configured rates (`AgentLlmConfig.cost_usd`);
- one trace record (`trace.AgentTrace`), whatever happened.
Any failure is an `LlmUnavailable` with a few safe words, never the server's text or a key.
Requests ask for temperature 0 (and a JSON object when `json_reply`); a `recordings` store, when
given, keeps every answer so a backtest can replay it (`recordings.RecordingCaller`), keyed by the
call's ordinal within the decision about its snapshot (`answer_store.CallOrdinals`)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from aitrader.agents.chat.llm_budget import BudgetSpent, DailyBudget, charge_for, estimate_tokens
from aitrader.agents.chat.llm_deadline import Deadline
from aitrader.agents.chat.llm_fallback import LlmFallback
from aitrader.agents.chat.llm_http import DeadlineExceededError, Endpoint, HttpError, post_json
from aitrader.agents.chat.llm_reply import Reply, parse_reply
from aitrader.agents.llm import budget_holds
from aitrader.agents.llm.answer_store import CallOrdinals
from aitrader.agents.llm.config import PRICE_NOT_CONFIGURED, AgentLlmConfig
from aitrader.agents.llm.trace import AgentTrace, Record, call_record, finish_call, new_id
from aitrader.agents.llm_calls import LlmRequest, LlmResponse, LlmToolCall, LlmUnavailable

if TYPE_CHECKING:
    from aitrader.agents.llm.answer_store import AnswerStore

KEPT_DEADLINES = 256  # snapshots whose decision clock is kept (the oldest is dropped beyond)
TOKENS_SPENT = "daily token budget spent"
MONEY_SPENT = "daily money budget spent"


class HttpCaller:
    """Calls the model for every request (see the module docstring); thread-safe as far as the
    budget file's lock goes (one process may share one caller between threads)."""

    def __init__(
        self,
        config: AgentLlmConfig,
        trace: AgentTrace,
        budget: DailyBudget,
        recordings: AnswerStore | None = None,
    ) -> None:
        self.config = config
        self.trace = trace
        self.budget = budget
        self.recordings = recordings
        self._headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
        self._endpoint: Endpoint | None = None
        self._endpoint_error = ""
        self._deadlines: OrderedDict[str, Deadline] = OrderedDict()
        self._deadlines_lock = threading.Lock()
        self.recording_error: str | None = None
        self._ordinals = CallOrdinals()
        try:
            self._endpoint = Endpoint.parse(config.base_url)
        except HttpError as exc:
            self._endpoint_error = str(exc)

    @property
    def price_note(self) -> str:
        return "configured" if self.config.price_known else PRICE_NOT_CONFIGURED

    def complete(self, request: LlmRequest) -> LlmResponse:
        ordinal = self._ordinals.next(request)
        call_id = new_id("c")
        messages = self.trace.redactor.value([dict(m) for m in request.messages])
        record = call_record(call_id, request, self.config.model, messages)
        if self.recordings is not None:  # the Nth call of its role about its snapshot: the answer's key
            record["ordinal"] = ordinal
        try:
            response, source = self._complete(request, messages, call_id, record)
        except LlmUnavailable as why:
            self._unavailable(request, ordinal, record, why.reason, why.reason)
            raise
        except Exception as exc:  # a surprise nobody foresaw: traced, and the decision goes on without
            crash = LlmUnavailable(f"internal error ({type(exc).__name__})")
            self._unavailable(request, ordinal, record, crash.reason, f"{crash.reason}: {exc}")
            raise crash from None
        self.trace.call(
            finish_call(record, response, outcome="ok", token_source=source, price=self.price_note)
        )
        self._record(lambda store: store.put(request, ordinal, response))
        return response

    def _unavailable(
        self, request: LlmRequest, ordinal: int, record: Record, reason: str, traced: str
    ) -> None:
        self.trace.call(finish_call(record, None, outcome="unavailable", error=traced, price=self.price_note))
        self._record(lambda store: store.put_unavailable(request, ordinal, reason))  # a replay meets it too

    def note_decision(self, snapshot_id: str, role: str, decision: Mapping[str, Any]) -> None:
        with self._deadlines_lock:
            self._deadlines.pop(snapshot_id, None)  # the decision is made: its clock stops
        self._ordinals.decided(snapshot_id, role)  # deciding it again asks from call 1
        self.trace.decision(snapshot_id, role, decision)
        self._record(lambda store: store.put_decision(snapshot_id, role, decision))

    def _record(self, write: Callable[[AnswerStore], None]) -> None:
        """Keep an answer or decision in the recordings; a store that cannot be written never stops a
        live decision (the reason is kept in `recording_error`, as a trace keeps `last_error`)."""
        if self.recordings is None:
            return
        try:
            write(self.recordings)
            self.recording_error = None
        except (sqlite3.Error, OSError) as exc:
            self.recording_error = f"{type(exc).__name__}: {exc}"

    def _deadline(self, snapshot_id: str) -> Deadline:
        """The deadline of the decision about `snapshot_id`, started by its first call."""
        with self._deadlines_lock:
            deadline = self._deadlines.get(snapshot_id)
            if deadline is None:
                deadline = self._deadlines[snapshot_id] = Deadline(self.config.deadline_s)
                while len(self._deadlines) > KEPT_DEADLINES:
                    self._deadlines.popitem(last=False)
            return deadline

    # ---- one call --------------------------------------------------------------------------------
    def _payload(self, request: LlmRequest, messages: list[Any]) -> bytes:
        payload: dict[str, Any] = {
            "model": self.config.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": request.max_tokens,
            "stream": False,
        }
        if request.tools:
            payload["tools"] = [dict(t) for t in request.tools]
            payload["tool_choice"] = "auto"
        if request.json_reply:
            payload["response_format"] = {"type": "json_object"}
        return json.dumps(payload, default=str).encode("utf-8")

    def _complete(
        self, request: LlmRequest, messages: list[Any], call_id: str, record: Record
    ) -> tuple[LlmResponse, str]:
        endpoint = self._endpoint
        if endpoint is None:
            raise LlmUnavailable(self._endpoint_error)
        body = self._payload(request, messages)
        prompt_estimate = estimate_tokens(len(body))
        worst_usd = self.config.cost_usd(prompt_estimate, request.max_tokens)
        release = self._hold(prompt_estimate + request.max_tokens, worst_usd)
        try:
            return self._send(endpoint, request, body, prompt_estimate, call_id, record)
        finally:
            release()  # charged with what it used (or failed): the worst case is no longer held

    def _hold(self, worst_tokens: int, worst_usd: float) -> Callable[[], None]:
        """The call's worst case checked against the day's budget (with the calls in flight) and held."""
        try:
            return budget_holds.hold(self.budget, worst_tokens, worst_usd)
        except BudgetSpent as spent:
            raise LlmUnavailable(MONEY_SPENT if spent.what == "money" else TOKENS_SPENT) from None
        except LlmFallback as why:  # the budget file cannot be read: fails closed
            raise LlmUnavailable(str(why)) from None

    def _send(
        self,
        endpoint: Endpoint,
        request: LlmRequest,
        body: bytes,
        prompt_estimate: int,
        call_id: str,
        record: Record,
    ) -> tuple[LlmResponse, str]:
        deadline = self._deadline(request.snapshot_id)
        if deadline.expired():
            raise LlmUnavailable(f"no time left: the decision's {self.config.deadline_s:g}s deadline passed")
        decision_binds = deadline.remaining() <= self.config.timeout_s  # which limit a timeout means
        started = time.perf_counter()
        try:
            try:
                http = post_json(endpoint, body, self._headers, deadline.within(self.config.timeout_s))
            finally:
                latency_s = time.perf_counter() - started
                record["latency_ms"] = round(latency_s * 1000, 1)
            record["http_status"] = http.status
            reply = parse_reply(http)
        except DeadlineExceededError:
            self._charge(prompt_estimate, 0)
            if decision_binds or deadline.expired():
                raise LlmUnavailable(
                    f"no answer within the decision's {self.config.deadline_s:g}s deadline"
                ) from None
            raise LlmUnavailable(
                f"no answer within the {self.config.timeout_s:g}s deadline of one request"
            ) from None
        except HttpError as exc:
            self._charge(prompt_estimate, 0)
            raise LlmUnavailable(f"LLM endpoint: {exc}") from None
        except LlmFallback as why:  # a bad status, content type or shape: the reply was read
            self._charge(prompt_estimate, estimate_tokens(len(http.body)))
            raise LlmUnavailable(str(why)) from None
        if request.json_reply and not reply.tool_calls and not _is_json_object(reply.content):
            self._charge(prompt_estimate, estimate_tokens(len(http.body)))
            raise LlmUnavailable("the LLM reply is not the JSON object asked for")
        prompt, completion, source = _tokens(reply, len(body), len(http.body))
        cost = self._charge(prompt, completion)
        response = LlmResponse(
            content=reply.content,
            tool_calls=tuple(LlmToolCall(c.id, c.name, c.arguments) for c in reply.tool_calls),
            prompt_tokens=prompt,
            completion_tokens=completion,
            cost_usd=cost,
            latency_s=latency_s,
            call_id=call_id,
        )
        record["finish_reason"] = reply.finish_reason
        return response, source

    def _charge(self, prompt: int, completion: int) -> float:
        """Charge a call's tokens and cost to today's budget; the cost. A budget file that cannot be
        written stops this call's answer too (the budget fails closed)."""
        cost = self.config.cost_usd(prompt, completion)
        try:
            self.budget.charge(prompt + completion, cost)
        except LlmFallback as why:
            raise LlmUnavailable(str(why)) from None
        return cost


def _is_json_object(content: str | None) -> bool:
    if content is None:
        return False
    try:
        return isinstance(json.loads(content), dict)
    except ValueError:
        return False


def _tokens(reply: Reply, request_chars: int, reply_chars: int) -> tuple[int, int, str]:
    """(prompt, completion, source): the server's counts when plausible, else our estimate."""
    prompt_estimate, completion_estimate = estimate_tokens(request_chars), estimate_tokens(reply_chars)
    charge = charge_for(reply.usage_total, prompt_estimate + completion_estimate)
    if charge.source != "reported":
        return prompt_estimate, completion_estimate, "estimate"
    total = charge.charged
    completion = reply.completion_tokens
    if completion is None or completion > total:
        completion = min(total, completion_estimate)
    prompt = reply.prompt_tokens if reply.prompt_tokens is not None else total - completion
    return prompt, completion, "reported"

"""An OpenAI-compatible chat-completions server on 127.0.0.1 that sends exactly the bytes it is
scripted to send: well-formed completions, or raw bodies with any status and content type, SSE
streams, HTML pages, bytes trickled one at a time (status line and headers included), or nothing.

It speaks HTTP/1.1 from a plain socket server so that nothing between the script and the wire
tidies a reply up; every request's JSON body and headers are recorded."""

from __future__ import annotations

import contextlib
import json
import socketserver
import threading
import time
from dataclasses import dataclass
from typing import Any

DEFAULT_USAGE: dict[str, Any] = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
_REASONS = {200: "OK", 302: "Found", 401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests"}


@dataclass
class Raw:
    """One scripted reply, sent as is."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    trickle_s: float = 0.0  # pause after every byte of the whole response; 0 sends it at once
    trickle_body_only: bool = False  # send the status line and headers at once, then trickle the body
    hang_s: float = 0.0  # wait this long before sending anything
    close_without_reply: bool = False
    length: bool = True  # send Content-Length (else the body ends when the connection closes)
    raw: bytes | None = None  # send these bytes instead of an HTTP reply, without reading a request

    def wire(self) -> bytes:
        if self.raw is not None:
            return self.raw
        lines = [f"HTTP/1.1 {self.status} {_REASONS.get(self.status, 'Status')}"]
        if self.content_type is not None:
            lines.append(f"Content-Type: {self.content_type}")
        if self.length:
            lines.append(f"Content-Length: {len(self.body)}")
        lines += [f"{k}: {v}" for k, v in self.headers]
        lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


def completion_body(
    message: Any, *, usage: Any = DEFAULT_USAGE, finish_reason: str = "stop", choices: Any = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "cmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "scripted",
        "choices": choices
        if choices is not None
        else [{"index": 0, "finish_reason": finish_reason, "message": message}],
    }
    if usage is not None:
        body["usage"] = usage
    return body


def raw_json(value: Any, **kw: Any) -> Raw:
    return Raw(body=json.dumps(value).encode(), **kw)


def text(content: Any, *, usage: Any = DEFAULT_USAGE) -> Raw:
    return raw_json(completion_body({"role": "assistant", "content": content}, usage=usage))


def tool_calls(*calls: dict[str, Any], usage: Any = DEFAULT_USAGE, content: Any = None) -> Raw:
    message = {"role": "assistant", "content": content, "tool_calls": list(calls)}
    return raw_json(completion_body(message, usage=usage, finish_reason="tool_calls"))


def call(name: str, arguments: dict[str, Any] | str, call_id: str | None = None) -> dict[str, Any]:
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {
        "id": call_id or f"call_{name}",
        "type": "function",
        "function": {"name": name, "arguments": args},
    }


def tool(name: str, arguments: dict[str, Any] | str, *, usage: Any = DEFAULT_USAGE) -> Raw:
    return tool_calls(call(name, arguments), usage=usage)


class MisbehavingLLM:
    """Answers each POST with the next scripted `Raw`; records every request."""

    def __init__(self) -> None:
        self.script: list[Raw] = []
        self.requests: list[dict[str, Any]] = []
        self.raw_requests: list[bytes] = []
        self.headers: list[dict[str, str]] = []
        self._stopping = threading.Event()
        self._server: socketserver.ThreadingTCPServer | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _serve_one(self, handler: socketserver.StreamRequestHandler) -> None:
        if self.script and self.script[0].raw is not None:  # e.g. a TLS record, sent at once on connect
            self._send(handler, self.script.pop(0))
            return
        request_line = handler.rfile.readline(65536)
        if not request_line:
            return
        headers: dict[str, str] = {}
        while (line := handler.rfile.readline(65536)) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        body = handler.rfile.read(int(headers.get("content-length", "0")))
        self.raw_requests.append(request_line + body)
        self.headers.append(headers)
        self.requests.append(json.loads(body))
        reply = self.script.pop(0) if self.script else text("(script exhausted)")
        if reply.hang_s and self._stopping.wait(reply.hang_s):
            return
        if reply.close_without_reply:
            return
        self._send(handler, reply)

    def _send(self, handler: socketserver.StreamRequestHandler, reply: Raw) -> None:
        data = reply.wire()
        if not reply.trickle_s:
            handler.wfile.write(data)
            return
        start = len(data) - len(reply.body) if reply.trickle_body_only and reply.raw is None else 0
        handler.wfile.write(data[:start])
        handler.wfile.flush()
        for i in range(start, len(data)):
            if self._stopping.is_set():
                return
            handler.wfile.write(data[i : i + 1])
            handler.wfile.flush()
            time.sleep(reply.trickle_s)

    def start(self) -> str:
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                # the client may hang up (as it should, at its deadline) or send no JSON (a TLS hello)
                with contextlib.suppress(OSError, ValueError):
                    owner._serve_one(self)

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        self.port = server.server_address[1]
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self.base_url

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def make_engine(
    base_url: str,
    trace: Any,
    *,
    account: Any = None,
    timeout_s: float = 5.0,
    deadline_s: float = 10.0,
    budget: int = 1_000_000,
    budget_path: Any = None,
    caps: Any = None,
    secrets: tuple[str, ...] = (),
    api_key: str = "sk-test-SECRET-0123456789abcdef",
) -> Any:
    """An LlmEngine over the in-memory account and journal, talking to `base_url`."""
    from chat_fakes import MemoryAccount, MemoryJournal

    from aitrader.agents.chat.context import ToolContext
    from aitrader.agents.chat.llm import LlmConfig, LlmEngine
    from aitrader.agents.chat.llm_args import CallCaps
    from aitrader.agents.chat.offline import OfflineEngine
    from aitrader.agents.chat.trace import Redactor, TraceWriter

    ctx = ToolContext(account=account or MemoryAccount(), journal=MemoryJournal())
    config = LlmConfig(
        base_url=base_url,
        api_key=api_key,
        model="scripted",
        timeout_s=timeout_s,
        token_budget=budget,
        deadline_s=deadline_s,
        caps=caps or CallCaps(),
        budget_path=budget_path,
    )
    writer = TraceWriter(trace, Redactor([api_key, *secrets]))
    return LlmEngine(ctx, config, writer, OfflineEngine(ctx))

"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1 (aiohttp, in a thread)."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from aiohttp import web


def tool_reply(name: str, arguments: dict[str, Any] | str, tokens: int = 120) -> dict[str, Any]:
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {
        "finish_reason": "tool_calls",
        "message": {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": f"call_{name}", "type": "function", "function": {"name": name, "arguments": args}}
            ],
        },
        "tokens": tokens,
    }


def text_reply(text: str, tokens: int = 60) -> dict[str, Any]:
    return {"finish_reason": "stop", "message": {"role": "assistant", "content": text}, "tokens": tokens}


class ScriptedLLM:
    """Answers each POST /v1/chat/completions with the next scripted reply; records every request."""

    def __init__(self) -> None:
        self.script: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.delay_s = 0.0
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        self.headers.append(dict(request.headers))
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        reply = self.script.pop(0) if self.script else text_reply("(script exhausted)")
        tokens = reply["tokens"]
        return web.json_response(
            {
                "id": f"cmpl-{len(self.requests)}",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [
                    {"index": 0, "finish_reason": reply["finish_reason"], "message": reply["message"]}
                ],
                "usage": {"prompt_tokens": tokens - 10, "completion_tokens": 10, "total_tokens": tokens},
            }
        )

    def start(self) -> str:
        ready = threading.Event()

        async def boot() -> None:
            app = web.Application()
            app.router.add_post("/v1/chat/completions", self._handle)
            self._runner = web.AppRunner(app)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            server = site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            ready.set()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(boot())
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert ready.wait(10), "scripted LLM server did not start"
        return f"http://127.0.0.1:{self.port}/v1"

    def stop(self) -> None:
        async def down() -> None:
            if self._runner is not None:
                await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(down(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

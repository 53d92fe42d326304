"""A scripted model that answers from the request instead of a fixed list: the planner gets a plan,
the executor enters long when flat (stop 2% below the close, target 5% above) and exits when a
long is open. Deterministic, so a backtest through it can be recorded and replayed."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web
from chat_scripted_llm import ScriptedLLM, text_reply

from aitrader.agents.adviser.prompt import DATA_CLOSE, DATA_OPEN


def _data(body: dict[str, Any]) -> dict[str, Any]:
    user = body["messages"][1]["content"]
    doc: dict[str, Any] = json.loads(user.split(DATA_OPEN + "\n", 1)[1].split("\n" + DATA_CLOSE, 1)[0])
    return doc


class RuleModel(ScriptedLLM):
    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()  # aiohttp keeps the body: the parent reads it again
        self.script.insert(0, self.reply_for(body))
        return await super()._handle(request)

    @staticmethod
    def reply_for(body: dict[str, Any]) -> dict[str, Any]:
        if "planning step" in body["messages"][0]["content"]:
            return text_reply(json.dumps({"thesis": "follow the screen", "checks": []}), tokens=900)
        doc = _data(body)
        close = doc["bar"]["close"]
        if doc["open_positions"]:
            answer = {"action": "exit", "confidence": 0.5, "rationale": "the screen turned"}
        else:
            answer = {
                "action": "enter_long",
                "price": close,
                "stop": round(close * 0.98, 2),
                "targets": [{"price": round(close * 1.05, 2), "fraction": 1.0}],
                "confidence": 0.55,
                "rationale": "screened entry",
                "evidence": ["technical"],
            }
        return text_reply(json.dumps(answer), tokens=700)

"""Concurrent calls cannot overspend the day's budget: a call in flight holds its worst case, so a
second lane's call that would pass the budget with it is not made, and the hold is settled to what
the call really used once it is charged."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from agents_llm_helpers import make_caller, request, url
from aiohttp import web
from chat_scripted_llm import ScriptedLLM, text_reply

from aitrader.agents.llm import budget_holds
from aitrader.agents.llm.http_caller import MONEY_SPENT, TOKENS_SPENT
from aitrader.agents.llm_calls import LlmResponse, LlmUnavailable


class GatedLLM(ScriptedLLM):
    """A scripted server that holds each request until `gate` is set (`arrived` says one came)."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = threading.Event()
        self.gate = threading.Event()

    async def _handle(self, request: web.Request) -> web.Response:
        self.arrived.set()
        await asyncio.get_running_loop().run_in_executor(None, self.gate.wait, 10)
        return await super()._handle(request)


@pytest.fixture
def gated() -> Iterator[GatedLLM]:
    s = GatedLLM()
    s.start()
    yield s
    s.gate.set()
    s.stop()


def _first_lane(caller: object, out: list[object]) -> threading.Thread:
    def run() -> None:
        try:
            out.append(caller.complete(request(snapshot_id="lane-btc", max_tokens=1_000)))  # type: ignore[attr-defined]
        except LlmUnavailable as exc:
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.parametrize(
    ("limits", "spent"),
    [
        ({"token_budget": 1_500}, TOKENS_SPENT),  # each call's worst case: ~1,100 tokens
        ({"money_budget_usd": 0.015, "price_out_per_mtok": 10.0}, MONEY_SPENT),  # each: ~$0.0102
    ],
    ids=["tokens", "money"],
)
def test_a_call_in_flight_holds_its_worst_case(
    gated: GatedLLM, tmp_path: Path, limits: dict[str, object], spent: str
) -> None:
    caller = make_caller(url(gated), tmp_path, **limits)
    gated.script = [text_reply('{"stance": "bull", "score": 0.6}', tokens=600)]
    out: list[object] = []
    lane = _first_lane(caller, out)
    assert gated.arrived.wait(10), "the first lane's call never reached the server"
    assert budget_holds.held(caller.budget)[0] > 1_000  # its worst case is held while it runs
    with pytest.raises(LlmUnavailable) as caught:  # the second lane: both together could pass the budget
        caller.complete(request(snapshot_id="lane-eth", max_tokens=1_000))
    assert caught.value.reason == spent
    gated.gate.set()
    lane.join(10)
    assert isinstance(out[0], LlmResponse)
    assert len(gated.requests) == 1  # the second call was never sent
    assert budget_holds.held(caller.budget) == (0, 0.0)  # settled: nothing held any more
    used = json.loads((tmp_path / "agents-llm-budget.json").read_text())
    assert used["used"] == 600  # charged what the call used, not its worst case


def test_a_hold_is_released_when_the_call_fails(tmp_path: Path) -> None:
    caller = make_caller("http://127.0.0.1:9/v1", tmp_path, token_budget=1_500)
    for _ in range(3):  # each failed call releases its hold: the next one is still tried
        with pytest.raises(LlmUnavailable, match="LLM endpoint"):
            caller.complete(request(max_tokens=1_000))
    assert budget_holds.held(caller.budget) == (0, 0.0)

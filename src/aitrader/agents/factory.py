"""`--strategy debate` and `--strategy llm`: the agent strategies as `backtest`, `decide` and `trade`
build them (`backtest.inputs.build_strategy` hands these two names here).

Besides each strategy's own parameters, `--param` takes three inputs of the agents themselves:

- `news=PATH`: news or social texts for the sentiment analyst (a .jsonl/.csv file, a saved RSS/Atom
  feed, or a folder of them); context series (BTC, ETH, ETH/BTC, SPY, VIX, DXY, fear and greed) are
  loaded per symbol on first use wherever data exists (`agents.context`);
- `voices=offline|llm` (debate): the researchers and the arbiter speak through the configured LLM
  instead of the offline wording (the conviction stays the reports'; see `debate.llm_turns`);
- `answers=auto|record|replay|live`: where model answers come from. `auto` (the default) records
  every answer keyed by its request and answers a repeated request from the recording — so a
  backtest of an LLM strategy reruns bit for bit without calling a model — and, with no LLM
  configured, replays only. `replay` never calls a model (an answer not recorded is no decision),
  `live` always calls it (and records).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from aitrader.agents.context import LazyContext
from aitrader.agents.llm_calls import LlmCaller
from aitrader.domain.timeframe import Timeframe
from aitrader.strategies.base import Strategy

NO_LLM = "set AITRADER_LLM_BASE_URL (and AITRADER_LLM_MODEL, AITRADER_LLM_API_KEY) to an OpenAI-compatible endpoint"


class AgentStrategyError(ValueError):
    """Bad agent input; the message says what and what to do."""


class AgentInputs(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    news: str = ""
    voices: Literal["offline", "llm"] = "offline"
    answers: Literal["auto", "record", "replay", "live"] = "auto"


INPUT_KEYS = frozenset(AgentInputs.model_fields)


def build_agent_strategy(name: str, params: Mapping[str, Any], timeframe: Timeframe) -> Strategy:
    """Strategy `name` ("debate" or "llm") with `params` (its own and the inputs above)."""
    from aitrader.config.settings import load_settings
    from aitrader.strategies.user_params import validation_problems

    key = name.strip().lower()
    try:
        inputs = AgentInputs(**{k: v for k, v in params.items() if k in INPUT_KEYS})
    except ValidationError as exc:
        raise AgentStrategyError(f"invalid parameters for {key}: {validation_problems(exc)}") from None
    news = Path(inputs.news).expanduser() if inputs.news else None
    if news is not None and not news.exists():
        raise AgentStrategyError(f"--param news={inputs.news}: no such file or folder")
    try:  # a typo in AITRADER_DATA_PROVIDERS says so now, not at the first decision
        from aitrader.data.providers.keys import ProviderEnv

        ProviderEnv.from_env()
    except ValueError as exc:
        raise AgentStrategyError(str(exc)) from None
    settings = load_settings()
    context = LazyContext(timeframe=timeframe, data_dir=settings.data_dir, news=(news,) if news else ())
    own = {k: v for k, v in params.items() if k not in INPUT_KEYS}
    caller = agent_caller(settings, inputs.answers) if key == "llm" or inputs.voices == "llm" else None
    if key == "debate" and inputs.voices == "llm" and caller is None:
        raise AgentStrategyError(f"voices=llm needs an LLM: {NO_LLM}")
    try:
        if key == "debate":
            from aitrader.agents.debate.strategy import DebateParams, DebateStrategy

            return DebateStrategy(DebateParams(**own), timeframe, context, caller)
        from aitrader.agents.adviser.params import LlmParams
        from aitrader.agents.adviser.strategy import LlmNotConfiguredError, LlmStrategy

        try:
            return LlmStrategy(LlmParams(**own), timeframe, context, caller)
        except LlmNotConfiguredError as exc:
            raise AgentStrategyError(str(exc)) from None
    except ValidationError as exc:
        problems = validation_problems(exc).replace("params: Value error, ", "")
        raise AgentStrategyError(f"invalid parameters for {key}: {problems}") from None


def agent_caller(settings: Any, answers: str) -> LlmCaller | None:
    """The caller for `answers` (see the module docstring); an error when it could never answer."""
    from aitrader.agents.llm.config import answers_path, llm_config
    from aitrader.agents.llm.factory import build_caller
    from aitrader.agents.llm.recordings import AnswerStore

    mode = {"auto": "record", "record": "record", "live": "live", "replay": "replay"}[answers]
    if mode != "replay" and not settings.llm_enabled:
        if answers != "auto":
            raise AgentStrategyError(f"answers={answers} calls a model: {NO_LLM}")
        mode = "replay"
    if mode == "replay":
        path, model = answers_path(settings), llm_config(settings).model
        try:
            recorded = AnswerStore(path, model).count() if path.exists() else 0
        except ValueError as exc:  # a store written by a newer aitrader, or not an answer store
            raise AgentStrategyError(f"{path}: {exc}") from None
        if recorded == 0 and answers == "replay":
            raise AgentStrategyError(
                f"answers=replay: no recorded answers of model {model} in {path}: record them first "
                "(answers=auto or record with the model configured), or run where they were recorded "
                "(AITRADER_TELEMETRY's folder)"
            )
        if recorded == 0:
            raise AgentStrategyError(
                f"no LLM configured and no recorded answers of model {model} in {path}: {NO_LLM}, "
                "or run where the answers were recorded (AITRADER_TELEMETRY's folder)"
            )
    try:
        return build_caller(settings, mode)  # type: ignore[arg-type]
    except ValueError as exc:  # the answer store: written by a newer aitrader, or not one
        raise AgentStrategyError(f"{answers_path(settings)}: {exc}") from None

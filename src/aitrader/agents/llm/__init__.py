"""The agents' side of the language model: the `LlmCaller` behind `agents.llm_calls`.

`factory.build_caller(settings, mode)` builds it; `http_caller.HttpCaller` calls an
OpenAI-compatible endpoint over the chat's hardened transport (deadline, strict parse, redaction,
the day's token and money budget) and traces every call (`trace`); `recordings` stores the answers
so a backtest replays them bit for bit without a model; `aitrader traces` browses the trace."""

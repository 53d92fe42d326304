"""The agents' side of the language model: the `LlmCaller` behind `agents.llm_calls`.

`factory.build_caller(settings, mode)` builds it; `http_caller.HttpCaller` calls an
OpenAI-compatible endpoint over the chat's hardened transport (deadline, strict parse, redaction,
the day's token and money budget, with the worst case of each call in flight held:
`budget_holds`) and traces every call (`trace`); `recordings` stores the answers (`answer_store`,
keyed by model, role, snapshot and the call's ordinal in the decision) so a backtest replays them
without a model, and sums up what a replay met (`RecordingCaller.replay_report`); `aitrader traces`
browses the trace (`trace_views`)."""

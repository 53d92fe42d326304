"""The debate: bull and bear researchers argue from the analysts' evidence, an arbiter decides.

`DebateStrategy` ("debate") is the `Strategy`; `deliberate` holds one debate over a snapshot's
reports and returns a `DebateRecord` (journaled, shown by `aitrader debate`, replayable). See
`researchers` (the moves), `arbiter` (conviction and verdict), `llm_turns` (speaking through an
LLM without touching the numbers) and `screen` (which bars reach the debate).
"""

from aitrader.agents.debate.arbiter import Rules
from aitrader.agents.debate.deliberate import deliberate
from aitrader.agents.debate.record import DebateRecord, Turn, Verdict
from aitrader.agents.debate.strategy import DebateParams, DebateStrategy, proposals_of

__all__ = [
    "DebateParams",
    "DebateRecord",
    "DebateStrategy",
    "Rules",
    "Turn",
    "Verdict",
    "deliberate",
    "proposals_of",
]

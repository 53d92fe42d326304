"""What a slow decider thought before it proposed (or did not): a debate, an LLM adviser's calls.

Rule strategies explain themselves in a proposal's rationale and evidence. An analyst panel and a
bull/bear debate, or an LLM adviser, deliberate first, and a user asks about that later ("what did
the bear say?"), also on bars where nothing was proposed. Such a decider hands each deliberation to
the kernel as a `Deliberation` (`drain_deliberations()`), which publishes it on the bus; the journal
keeps it (`events`, kind "deliberation"). `payload` is the decider's own record as JSON text.
"""

from __future__ import annotations

from aitrader.domain.value import Value


class Deliberation(Value, frozen=True):
    """`decider` ("debate", "llm") deliberated on `symbol` at `time_ms` (the bar's close) about
    snapshot `snapshot_id`; `verdict` is one line ("enter long: ...", "no trade: ..."); `payload`
    the full record as JSON text."""

    decider: str
    symbol: str
    time_ms: int
    snapshot_id: str
    verdict: str
    payload: str

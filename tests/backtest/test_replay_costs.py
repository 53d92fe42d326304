"""`aitrader replay` and the cost rules: a paper session recorded with the rules on (the strategies'
`costs` check and the gate's net reward:risk, at their defaults) replays with no difference; the
replay's strategy weighs the session's own costs (`session_params`: taker fee, slippage, cost
multiple), and a session recorded before the strategies weighed their costs (no `decision_rules`
in its params) is replayed without the cost check, as it ran."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import Any

import pytest
from paper_recording import record_paper_session

from aitrader.backtest.replay import Session, _strategy, load_session, replay_session
from aitrader.backtest.replay_diff import compare
from aitrader.execution.journal_reader import JournalReader
from aitrader.risk.config import DECISION_RULES
from aitrader.strategies.rule import RuleStrategy

# a stretch of the real BTCUSDT 1m sample where confluence still trades with the cost rules on
# (13 decisions: 3 entries, 2 exits, 8 shorts refused; 7 fills), and where the strategy's cost
# check holds entries back (without it the replay proposes 3 more)
START, BARS = 5_000, 1_500


async def _paper_session(journal: Path) -> None:
    """A paper run of confluence with the default settings: nothing relaxes the cost rules."""
    await record_paper_session(journal, START, BARS)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    path = tmp_path_factory.mktemp("replay_costs") / "journal.sqlite"
    asyncio.run(_paper_session(path))
    return load_session(JournalReader(path))


def _with(session: Session, **params: Any) -> Session:
    """`session` as if recorded with `params` (a value of None: the key not recorded at all)."""
    p = {**session.params, **params}
    return dataclasses.replace(session, params={k: v for k, v in p.items() if v is not None})


def _costs(session: Session) -> tuple[float, float, float]:
    strategy = _strategy(session, "BTCUSDT")
    assert isinstance(strategy, RuleStrategy)  # no missed deadline: not wrapped in `RecordedAnswers`
    c = strategy.costs
    return c.fee_rate, c.slippage, c.multiple


def test_a_session_with_the_cost_rules_on_replays_with_no_difference(session: Session) -> None:
    p = session.params
    assert (p["decision_rules"], p["strategy_params"], p["risk_limits"]) == (DECISION_RULES, {}, {})
    diff = compare(session, replay_session(session))
    assert diff.differences == []
    assert diff.decisions >= 10
    assert diff.fills >= 6
    entries = [d for d in session.decisions if d.kind == "enter" and d.approved]
    assert len(entries) >= 3


def test_the_cost_check_decided_something_in_that_session(session: Session) -> None:
    """Replayed as a session from before the cost check, the strategy proposes entries the recorded
    one held back: so the no-difference replay above did apply the check."""
    diff = compare(old := _with(session, decision_rules=None), replay_session(old))
    assert diff.differences
    assert all(d.what == "decision" and d.session == "-" for d in diff.differences)


def test_a_session_from_before_the_cost_check_is_replayed_without_it(session: Session) -> None:
    assert _costs(_with(session, decision_rules=None))[2] == 0.0
    assert _costs(_with(session, decision_rules=1))[2] == 0.0
    # even where its parameters asked for a multiple: that session's strategies had no such check
    assert _costs(_with(session, decision_rules=None, strategy_params={"cost_multiple": 2}))[2] == 0.0


def test_a_session_with_the_cost_check_gets_its_recorded_costs(session: Session) -> None:
    assert _costs(session) == pytest.approx((0.001, 5.0 / 10_000, 3.0))  # as recorded: the paper fee
    recorded = _with(session, decision_rules=DECISION_RULES, taker_fee="0.00075", slippage_bps=12.0)
    assert _costs(recorded) == pytest.approx((0.00075, 12.0 / 10_000, 3.0))
    assert _costs(_with(recorded, strategy_params={"cost_multiple": 1.5})) == pytest.approx(
        (0.00075, 12.0 / 10_000, 1.5)
    )
    assert _costs(_with(recorded, strategy_params={"cost_multiple": 0}))[2] == 0.0

"""The offline chat scored on the evaluation sets (tests/agents/chat_eval/README.md) against the seeded
account on the local exchange: the sets its rules were tuned on and its intent model trained on are
asserted at 97% (97.4% measured on 29,233 turns); the held-out sets, written after the engine was frozen, never trained or tuned on and
scored once before anyone read them, are reported with a floor that only a regression falls under."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chat_eval_runner import evaluate_in_processes, load
from chat_local_venue import seeded_exchange, write_seeded_journal

pytestmark = pytest.mark.slow
HELD_OUT_FLOOR = (
    0.95  # sets T and U first scored 98.2% and 98.3% (docs/chat.md): only a regression falls under this
)


@pytest.fixture(scope="module")
def venue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The seeded exchange's REST address and its journal: the evaluation asks from one process per core."""
    with seeded_exchange() as ex:
        journal = tmp_path_factory.mktemp("journal") / "journal.sqlite"
        write_seeded_journal(ex, journal)
        yield ex.rest_url, journal


@pytest.mark.timeout(900)  # 29,233 turns take about 8 minutes on two cores, more under load
def test_the_sets_trained_on_score_at_least_97_percent(
    venue: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    score = evaluate_in_processes(*venue, load("tune"))
    with capsys.disabled():
        print(f"\nchat, sets tuned on: {score.ok}/{score.total} = {score.accuracy:.1%}")
    assert score.total >= 5000
    assert score.accuracy >= 0.97, "\n".join(score.misses)  # 97.4% measured on 29,233 turns


def test_the_held_out_sets_are_reported(venue: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    score = evaluate_in_processes(
        *venue, load("heldout"), workers=1
    )  # one process: latency as a user sees it
    with capsys.disabled():
        print(
            f"\nchat, held-out sets (never trained or tuned on): {score.ok}/{score.total} = {score.accuracy:.1%}; "
            f"latency p50 {score.percentile(0.5):.1f} ms, p95 {score.percentile(0.95):.1f} ms"
        )
    assert score.total >= 600
    assert score.accuracy >= HELD_OUT_FLOOR, "\n".join(score.misses)

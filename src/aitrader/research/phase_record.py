"""The design phase's record on disk: what was tried, what won, and what the final look needs.

`aitrader research final` reads it: the design to evaluate (the winner, unless named), the Sharpe of
every design tried (the deflated Sharpe's trials) and the cut of every series (the final look must
use the same cuts, or it is refused).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aitrader.research.selection import DesignPhase, daily_sharpe
from aitrader.research.series import Source

DEFAULT_RECORD = Path("var/research/design-phase.json")


@dataclass(frozen=True)
class PhaseRecord:
    chosen: str
    designs: tuple[str, ...]
    trial_sharpes: tuple[float, ...]
    cuts: dict[str, int]  # series label -> cut (UTC ms)
    scores: dict[str, float]  # design id -> median daily Sharpe on the design parts

    def best_per_strategy(self) -> list[str]:
        """The chosen design first, then each other strategy's best-scoring design."""
        best: dict[str, str] = {self.chosen.split("-", 1)[0]: self.chosen}
        for d_id in sorted(self.scores, key=lambda i: -self.scores[i]):
            best.setdefault(d_id.split("-", 1)[0], d_id)
        return list(best.values())

    def check_cuts(self, sources: list[Source]) -> None:
        """Refuse sources whose cut differs from the design phase's (the data changed)."""
        for s in sources:
            if s.label in self.cuts and self.cuts[s.label] != s.cut_ms:
                raise ValueError(
                    f"{s.label}: the cut moved since the design phase ({self.cuts[s.label]} -> {s.cut_ms}); "
                    "rerun `aitrader research design` on this data"
                )


def save_phase(phase: DesignPhase, sources: list[Source], path: Path) -> dict[str, Any]:
    pbo = phase.pbo()
    doc: dict[str, Any] = {
        "chosen": phase.chosen.id,
        "designs": [d.id for d in phase.designs],
        "scores": phase.scores,
        "trial_sharpes": [float(x) for x in phase.trial_sharpes()],
        "cuts": {s.label: s.cut_ms for s in sources},
        "pbo": {"pbo": pbo.pbo, "n_combinations": pbo.n_combinations, "prob_oos_loss": pbo.prob_oos_loss},
        "walk_forward": [
            {"quarter": f.fold + 1, "chosen": f.chosen, "sharpe": f.chosen_sharpe, "rank": f.rank}
            for f in phase.walk_forward()
        ],
        "series": {
            s.label: {
                d_id: {
                    "sharpe_daily": round(daily_sharpe(s.returns(d_id)), 6),
                    "return": m.metrics.total_return,
                    "max_drawdown": m.metrics.max_drawdown,
                    "trades": m.metrics.n_trades,
                }
                for d_id, m in s.runs.items()
            }
            for s in phase.series
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1, sort_keys=True), encoding="utf-8")
    return doc


def load_phase(path: Path) -> PhaseRecord:
    if not path.exists():
        raise FileNotFoundError(
            f"no design phase record at {path}: run `aitrader research design` first (the final look "
            "evaluates what the design phase chose)"
        )
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return PhaseRecord(
            str(doc["chosen"]),
            tuple(doc["designs"]),
            tuple(float(x) for x in doc["trial_sharpes"]),
            {str(k): int(v) for k, v in doc["cuts"].items()},
            {str(k): float(v) for k, v in doc["scores"].items()},
        )
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"{path}: not a design phase record ({exc}); rerun `aitrader research design`"
        ) from None

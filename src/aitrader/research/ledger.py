"""The ledger of held-back evaluations: one line per look, so "evaluated once" can be checked.

Each final evaluation appends a JSON line (the design, when, the cut of every series and the
figures). A second look at the held-back part with the same design is refused unless the caller
gives a reason (`again`), which is written into the ledger beside the new figures: a re-run is
then visible to every reader, never silent. So is a look at another design after the first look:
the held-back parts are looked at once, whichever design asks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_LEDGER = Path("docs/research-ledger.jsonl")


class AlreadyEvaluatedError(RuntimeError):
    """The held-back part was already evaluated with this design."""


@dataclass(frozen=True)
class Ledger:
    path: Path

    def entries(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        out: list[dict[str, Any]] = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(
                        f"{self.path}:{n}: not a JSON line ({exc.msg}); fix or remove it"
                    ) from None
        return out

    def looks(self, design_id: str) -> list[dict[str, Any]]:
        return [e for e in self.entries() if e.get("design") == design_id]

    def check(self, design_id: str, again: str | None) -> None:
        """Refuse any further look at the held-back parts once one is recorded, with this design or
        another, unless `again` says why: looking at designs one by one and keeping the best would
        be tuning on the held-back parts."""
        seen = self.entries()
        if seen and not (again and again.strip()):
            last = seen[-1]
            raise AlreadyEvaluatedError(
                f"the held-back parts were already looked at ({last.get('design', '?')} on "
                f"{last.get('when', '?')}, {self.path}); another look, with {design_id}, needs "
                "--again 'REASON', which the ledger records"
            )

    def record(self, design_id: str, figures: dict[str, Any], again: str | None = None) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "design": design_id,
            "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "look": len(self.looks(design_id)) + 1,
            **({"again": again} if again else {}),
            **figures,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, sort_keys=True) + "\n")
        return entry

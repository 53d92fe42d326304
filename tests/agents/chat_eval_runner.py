"""Scores the offline chat on an evaluation set (JSONL conversations, see chat_eval/README.md) against
the seeded account on the local exchange. Run directly to see the misses of one split:

    uv run python tests/agents/chat_eval_runner.py tune
    uv run python tests/agents/chat_eval_runner.py tune_h /tmp/without_h.npz   # another model's weights
    uv run python tests/agents/chat_eval_runner.py tune_h rules                # the rules alone
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from aitrader.agents.chat.answer import ChatAnswer
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.intent_model import IntentModel
from aitrader.agents.chat.matcher import IntentMatcher
from aitrader.agents.chat.offline import OfflineEngine

HERE = Path(__file__).parent / "chat_eval"
ANSWERED_BY_TOOLS = frozenset(
    {
        "balance",
        "account_value",
        "open_orders",
        "order_lists",
        "order_history",
        "trades",
        "pnl",
        "price",
        "symbol_info",
        "positions",
        "bot_status",
        "risk",
        "why",
        "why_not",
        "analysis",
    }
)
# Filters a reply must not add on its own: each one narrows what the user sees.
FILTERS = ("side", "period", "status", "limit", "order_id", "amount", "quote")


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def load(name: str) -> list[dict[str, Any]]:
    """ "tune" (every set the rules were tuned on and the intent model trained on: set_*, tune_* and
    fresh_*.jsonl), "heldout" (heldout_*.jsonl: written after the engine was frozen, never trained
    or tuned on, scored once before anyone read it), a file's name in chat_eval/ ("tune_c"), or a
    path."""
    if name in {"tune", "heldout"}:
        files = ["set_*.jsonl", "tune_*.jsonl", "fresh_*.jsonl"] if name == "tune" else ["heldout_*.jsonl"]
        return [c for pattern in files for f in sorted(HERE.glob(pattern)) for c in _read(f)]
    return _read(HERE / f"{name}.jsonl" if "/" not in name else Path(name))


_DATED = re.compile(r"since (\d{4}-\d{2}-\d{2})")
WRITERS_TODAY = date(2026, 12, 3)  # the brief's "today"


def _same(key: str, got: str | None, want: str, venue_today: date) -> bool:
    """Equal; a calendar date the writers dated in 2026 matches the day the local exchange (which replays
    older candles) means by the same words: the same month and day ("since Nov 30" -> 2026-11-30), or, for a
    day named without its month ("since the 1st" -> 2026-12-01), the same day of the month within the month
    before each one's today (the venue's today is in another month than the writers'). An amount written
    with a decimal comma ("quanto vale 0,3 eth") is the same number with a point."""
    if got == want:
        return True
    if key == "amount" and got is not None and re.fullmatch(r"\d+,\d+", want):
        return got == want.replace(",", ".")  # "0,3 eth" written with a decimal comma is 0.3
    g, w = _DATED.fullmatch(got or ""), _DATED.fullmatch(want)
    if key != "period" or g is None or w is None:
        return False
    got_day, want_day = date.fromisoformat(g.group(1)), date.fromisoformat(w.group(1))
    same_date = (got_day.month, got_day.day) == (want_day.month, want_day.day)
    recent = 0 <= (WRITERS_TODAY - want_day).days <= 31
    return same_date or (recent and got_day == _last_such_day(venue_today, want_day.day))


def _last_such_day(today: date, day: int) -> date | None:
    """The latest date on or before `today` that is the `day`th of its month ("the 30th" early in March is
    January's: February has none)."""
    year, month = today.year, today.month
    for back in range(3):
        if back or day <= today.day:  # this month's only once it has come
            try:
                return date(year, month, day)
            except ValueError:
                pass
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _part_ok(a: ChatAnswer, want: dict[str, Any], venue_today: date) -> bool:
    if a.intent != want["intent"]:
        return False
    expected: dict[str, str] = want.get("entities", {})
    if any(not _same(k, a.entities.get(k), v, venue_today) for k, v in expected.items()):
        return False
    if any(k in a.entities and k not in expected for k in FILTERS):
        return False
    if a.intent in ANSWERED_BY_TOOLS:
        return a.tool is not None and not a.text.startswith(("I couldn't get that", "I couldn't reach"))
    return True


def turn_ok(a: ChatAnswer, turn: dict[str, Any], venue_today: date) -> bool:
    if "parts" in turn:
        if a.intent != "multi" or len(a.parts) != len(turn["parts"]):
            return False
        return all(_part_ok(got, want, venue_today) for got, want in zip(a.parts, turn["parts"], strict=True))
    return _part_ok(a, turn, venue_today)


@dataclass
class Score:
    ok: int = 0
    total: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    misses_by_category: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.ok / self.total if self.total else 0.0

    def percentile(self, q: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else 0.0


def evaluate(
    ctx: ToolContext, conversations: list[dict[str, Any]], model: IntentModel | Literal[False] | None = None
) -> Score:
    """`model`: the intent model the engine consults (None: the packaged one; False: the rules alone)."""
    matcher = IntentMatcher()
    score = Score()
    venue_today = datetime.fromtimestamp(ctx.account.server_time_ms() / 1000, UTC).date()
    for conv in conversations:
        engine = OfflineEngine(ctx, matcher, model)
        for turn in conv["turns"]:
            t0 = time.perf_counter()
            a = engine.ask(turn["q"])
            score.latencies_ms.append((time.perf_counter() - t0) * 1000)
            score.total += 1
            score.by_category[conv.get("category", "")] += 1
            if turn_ok(a, turn, venue_today):
                score.ok += 1
                continue
            score.misses_by_category[conv.get("category", "")] += 1
            want = turn.get("parts") or {"intent": turn["intent"], "entities": turn.get("entities", {})}
            got = [(p.intent, p.entities) for p in a.parts] if a.parts else (a.intent, a.entities)
            score.misses.append(f"  [{conv.get('id')}] {turn['q']!r}: expected {want}, got {got}")
    return score


def _merge(scores: list[Score]) -> Score:
    total = Score()
    for s in scores:
        total.ok += s.ok
        total.total += s.total
        total.by_category += s.by_category
        total.misses_by_category += s.misses_by_category
        total.misses += s.misses
        total.latencies_ms += s.latencies_ms
    return total


_WORKER: dict[str, Any] = {}


def _start_worker(rest_url: str, journal: str, model_arg: str | None) -> None:
    from aitrader.agents.chat.bot_journal import BotJournal
    from aitrader.agents.chat.rest_source import RestAccountSource
    from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET

    account = RestAccountSource(DEFAULT_API_KEY, DEFAULT_SECRET, rest_url=rest_url)
    _WORKER["ctx"] = ToolContext(account=account, journal=BotJournal(journal))
    _WORKER["model"] = False if model_arg == "rules" else IntentModel(Path(model_arg)) if model_arg else None


def _evaluate_chunk(conversations: list[dict[str, Any]]) -> Score:
    return evaluate(_WORKER["ctx"], conversations, _WORKER["model"])


def evaluate_in_processes(
    rest_url: str,
    journal: Path,
    conversations: list[dict[str, Any]],
    model_arg: str | None = None,
    workers: int | None = None,
) -> Score:
    """`evaluate` over all cores: each worker process asks its share of the conversations against the
    same local exchange and journal (the engine is pure Python, so threads would share one core).
    The misses come back in the order of `conversations`; latency is measured inside each worker."""
    n = workers or os.cpu_count() or 1
    if n <= 1:
        _start_worker(rest_url, str(journal), model_arg)
        return _evaluate_chunk(conversations)
    size = max(1, len(conversations) // (n * 8))  # small chunks: the sets differ in how long they take
    chunks = [conversations[i : i + size] for i in range(0, len(conversations), size)]
    with multiprocessing.get_context("spawn").Pool(
        n, initializer=_start_worker, initargs=(rest_url, str(journal), model_arg)
    ) as pool:
        return _merge(pool.map(_evaluate_chunk, chunks, chunksize=1))


def main(split: str, model_arg: str | None = None) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    import tempfile

    from chat_local_venue import seeded_exchange, write_seeded_journal

    with seeded_exchange() as ex, tempfile.TemporaryDirectory() as tmp:
        journal = Path(tmp) / "journal.sqlite"
        write_seeded_journal(ex, journal)
        workers = 1 if split.startswith("heldout") else None  # one process: latency as a user sees it
        s = evaluate_in_processes(ex.rest_url, journal, load(split), model_arg, workers)
    print("\n".join(s.misses))
    print(
        f"{split}: {s.ok}/{s.total} = {s.accuracy:.1%}; latency p50 {s.percentile(0.5):.1f} ms, p95 {s.percentile(0.95):.1f} ms"
    )
    for cat, n in sorted(s.by_category.items()):
        print(f"  {cat:14} {n - s.misses_by_category[cat]:4}/{n:<4}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tune", sys.argv[2] if len(sys.argv) > 2 else None)

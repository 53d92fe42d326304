"""One-shot chat start-up: wall time of `aitrader chat "what's my BTC balance?"`, process start to
answer, against the local exchange on 127.0.0.1.

- aitrader: the command as a user runs it (signed REST over the standard library, lazy imports).
- peer, ccxt: the same command and engine with the account read through ccxt instead (what the chat
  did before issue 21: `ccxt.binance` in sandbox mode pointed at the local exchange, markets loaded,
  `fetch_balance`, `fetch_ticker`). Same process set-up, same question, same answer.

Runs alternate (aitrader, ccxt, aitrader, …) so a busy machine slows both alike.

Run:  uv run python benchmarks/chat_startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from aitrader.venues.local import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    LocalExchangeConfig,
    run_local_exchange,
)

QUESTION = "what's my BTC balance?"

# The peer: the chat CLI with its account read through ccxt (only what a balance question calls).
CCXT_PEER = """
import sys
from decimal import Decimal
import aitrader.agents.chat.factory as factory
from aitrader.agents.chat.models import AssetBalance, TickerView
from aitrader.agents.chat.rest_source import symbol_view

class CcxtAccount:
    def __init__(self, key, secret, rest):
        import ccxt
        self.ex = ccxt.binance({"apiKey": key, "secret": secret, "enableRateLimit": False,
            "options": {"fetchMarkets": {"types": ["spot"]}, "fetchCurrencies": False,
                        "fetchMargins": False}})
        self.ex.set_sandbox_mode(True)
        self.ex.urls["api"]["public"] = self.ex.urls["api"]["private"] = rest + "/api/v3"
    def balances(self):
        raw = self.ex.fetch_balance()["info"]["balances"]
        return [AssetBalance(asset=b["asset"], free=Decimal(b["free"]), locked=Decimal(b["locked"])) for b in raw]
    def symbols(self):
        return [symbol_view(m["info"]) for m in self.ex.load_markets().values()]
    def ticker(self, symbol):
        self.ex.load_markets()
        r = self.ex.fetch_ticker(self.ex.markets_by_id[symbol][0]["symbol"])["info"]
        return TickerView(symbol=symbol, last=Decimal(r["lastPrice"]))
    def server_time_ms(self):
        return int(self.ex.fetch_time())

factory.open_account = lambda settings, opts: CcxtAccount(
    settings.binance_api_key.get_secret_value(), settings.binance_api_secret.get_secret_value(), opts.rest_url)
from aitrader.cli.app import main
sys.argv = ["aitrader", *sys.argv[1:]]
main()
"""


def _command(rest_url: str) -> list[str]:
    script = Path(sys.executable).parent / "aitrader"
    head = [str(script)] if script.exists() else [sys.executable, "-m", "aitrader.cli.app"]
    return [*head, *_args(rest_url)]


def _args(rest_url: str) -> list[str]:
    return ["chat", "--offline", "--rest-url", rest_url, "--journal", "/nonexistent/journal.sqlite", QUESTION]


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return wall, proc.stdout.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    try:
        import ccxt  # noqa: F401

        have_peer = True
    except ImportError:
        print("ccxt is not installed: the peer is skipped")
        have_peer = False
    env = {**os.environ, "BINANCE_API_KEY": DEFAULT_API_KEY, "BINANCE_API_SECRET": DEFAULT_SECRET}
    env.pop("AITRADER_LLM_BASE_URL", None)
    cfg = LocalExchangeConfig(
        accounts=[AccountConfig(balances={"USDT": Decimal(10000), "BTC": Decimal("0.5")})]
    )
    ours: list[float] = []
    peer: list[float] = []
    with run_local_exchange(cfg) as ex:
        ours_cmd = _command(ex.rest_url)
        peer_cmd = [sys.executable, "-c", CCXT_PEER, *_args(ex.rest_url)]
        _timed(ours_cmd, env)  # warm the file cache once for both
        for _ in range(args.runs):
            wall, answer = _timed(ours_cmd, env)
            ours.append(wall)
            if have_peer:
                wall, peer_answer = _timed(peer_cmd, env)
                peer.append(wall)
                assert peer_answer.split(",")[0] == answer.split(",")[0], (answer, peer_answer)
    print(f"answer: {answer}")
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; {args.runs} runs each, wall seconds"
    )
    print(f"{'path':<34} {'p50':>6} {'min':>6} {'max':>6}")
    for name, values in (("aitrader (signed REST, stdlib)", ours), ("peer: same chat over ccxt", peer)):
        if values:
            print(f"{name:<34} {statistics.median(values):6.2f} {min(values):6.2f} {max(values):6.2f}")
    if peer:
        print(f"speed-up (p50): {statistics.median(peer) / statistics.median(ours):.1f}x")


if __name__ == "__main__":
    main()

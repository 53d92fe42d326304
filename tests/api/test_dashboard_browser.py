"""The dashboard in a real browser: Debian's chromium, driven by Playwright, against a real server.

`aitrader demo --serve` runs as a subprocess (the local exchange replaying the BTCUSDT sample,
sma_cross with short averages so fills come every few candles). The page must load without console
errors, draw the candles, show a fill pushed on the bus (a marker, the decisions feed), turn its
connection indicator red when the server stops and green when it comes back on the same port (the
new process's events resumed after a `reset`). Then `aitrader serve` on the demo's journal with a
folder holding a backtest report serves the backtest page. Every wait is on a condition with a
generous timeout; nothing is timed. Skips, saying why, without chromium; never downloads a browser.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency (uv sync)")

CHROMIUM = shutil.which("chromium")
AITRADER = Path(sys.executable).with_name("aitrader")
if not AITRADER.exists():  # an interpreter outside the project's venv
    AITRADER = Path(shutil.which("aitrader") or AITRADER)
START = "2023-03-19 18:00"  # the BTCUSDT 1m sample; sma_cross(2, 5) crosses every few candles there
WAIT_MS = 120_000
ENV_DROP = ("AITRADER_API_TOKEN", "AITRADER_API_CONTROL_TOKEN", "AITRADER_API_PORT", "AITRADER_CONFIG")
# What chromium logs on its own while the server is down (a refused socket or fetch), not a page bug.
NETWORK_NOISE = re.compile(r"WebSocket connection to|Failed to load resource|ERR_CONNECTION_REFUSED")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(cond: Callable[[], bool], what: str, timeout_s: float = 120.0) -> None:
    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def get_json(url: str) -> Any:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return json.loads(r.read())
    except (OSError, ValueError):
        return None


class Server:
    """One `aitrader` command serving the API on `port`, in `folder` (no settings file there)."""

    def __init__(self, args: list[str], port: int, folder: Path, name: str) -> None:
        self.args, self.port, self.folder, self.name = args, port, folder, name
        self.url = f"http://127.0.0.1:{port}/"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = folder / f"{name}.log"

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ENV_DROP}
        env["TMPDIR"] = str(self.folder)  # the demo's journal folder goes under the test's
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(AITRADER), *self.args, "--port", str(self.port)],
                cwd=self.folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(lambda: self.running_run() or self.proc is None or self.proc.poll() is not None, "the API")
        assert self.proc.poll() is None, f"{self.name} exited:\n{self.log.read_text()[-3000:]}"

    def running_run(self) -> bool:
        """The API answers and its run has started (the journal lists exist)."""
        status = get_json(f"{self.url}api/status")
        return bool(status and status.get("run_id"))

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def journal(self) -> Path:
        """The newest demo journal (the demo writes it in a new folder under TMPDIR, ours)."""
        found = sorted(self.folder.glob("aitrader-demo-*/journal.sqlite"), key=lambda p: p.stat().st_mtime)
        assert found, f"no demo journal under {self.folder}"
        return found[-1]


def demo(port: int, folder: Path) -> Server:
    args = ["demo", "--serve", "--no-view", "--strategy", "sma_cross", "-p", "fast=2", "-p", "slow=5"]
    args += ["--speed", "120", "--from", START, "--max-runtime", "900"]
    return Server(args, port, folder, "demo")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class Console:
    """What the page says in its console and what it throws."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.thrown: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.thrown.append(str(e)))

    def everything(self) -> list[str]:
        return self.errors + self.thrown

    def page_errors(self) -> list[str]:
        """Errors of the page itself: what it threw, and console errors that are not chromium's
        own lines about a refused connection."""
        return self.thrown + [e for e in self.errors if not NETWORK_NOISE.search(e)]


def no_overflow(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_the_dashboard_follows_the_demo_through_a_server_restart(browser: Any, tmp_path: Path) -> None:
    server = demo(free_port(), tmp_path)
    server.start()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        console = Console(page)
        page.goto(server.url)
        page.wait_for_function("() => window.aitrader && window.aitrader.ready", timeout=WAIT_MS)
        page.wait_for_function("() => window.aitrader.candleCount() > 0", timeout=WAIT_MS)
        page.wait_for_selector('#conn[data-state="open"]', timeout=WAIT_MS)
        assert console.everything() == []
        assert no_overflow(page)

        # a fill pushed on the bus: its marker, the approved decision behind it, the equity
        page.wait_for_function("() => window.aitrader.liveFills() > 0", timeout=WAIT_MS)
        page.wait_for_function("() => window.aitrader.markerCount() > 0", timeout=WAIT_MS)
        page.wait_for_selector("#decisions li.approved", timeout=WAIT_MS)
        page.wait_for_function("() => window.aitrader.equityPoints() > 0", timeout=WAIT_MS)
        assert console.everything() == []
        fills_before = page.evaluate("window.aitrader.liveFills()")

        # the server stops: red; it comes back on the same port: green, and the page follows it
        server.stop()
        page.wait_for_selector('#conn[data-state="closed"]', timeout=WAIT_MS)
        assert "disconnected" in page.inner_text("#conn")
        server.start()
        page.wait_for_selector('#conn[data-state="open"]', timeout=WAIT_MS)
        assert page.inner_text("#conn").strip() == "live"
        # a new process numbers its events from 1 again: the page reset and follows the new run
        page.wait_for_function("() => window.aitrader.resets() > 0", timeout=WAIT_MS)
        page.wait_for_function("() => window.aitrader.candleCount() > 0", timeout=WAIT_MS)
        page.wait_for_function(f"() => window.aitrader.liveFills() > {fills_before}", timeout=WAIT_MS)
        assert console.page_errors() == [], console.page_errors()

        # a phone's width: everything still fits across
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone_console = Console(phone)
        phone.goto(server.url)
        phone.wait_for_function("() => window.aitrader && window.aitrader.candleCount() > 0", timeout=WAIT_MS)
        phone.wait_for_selector('#conn[data-state="open"]', timeout=WAIT_MS)
        assert no_overflow(phone)
        assert phone_console.page_errors() == [], phone_console.page_errors()
        journal = server.journal()
    finally:
        server.stop()

    # the backtest page, served by `aitrader serve` on the demo's journal with a report folder
    reports = tmp_path / "reports"
    reports.mkdir()
    backtest = [str(AITRADER), "backtest", "-s", "sma_cross", "-t", "15m", "--from", "2023-03-17"]
    backtest += ["--to", "2023-03-24", "--no-journal", "--json", str(reports / "sma-15m.json")]
    subprocess.run(backtest, cwd=tmp_path, check=True, capture_output=True, timeout=300)
    serve = Server(
        ["serve", "--journal", str(journal), "--reports", str(reports)], free_port(), tmp_path, "serve"
    )
    serve.start()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        console = Console(page)
        # a token in the fragment: kept for the tab, gone from the address bar, carried by the link
        page.goto(f"{serve.url}backtests.html#token=t0k3n")
        page.wait_for_function(
            "() => window.aitrader && window.aitrader.reportCount() === 1", timeout=WAIT_MS
        )
        assert "t0k3n" not in page.url
        assert page.evaluate("sessionStorage.getItem('aitrader.token')") == "t0k3n"
        assert page.get_attribute("#live-link", "href") == f"{serve.url}#token=t0k3n"
        page.wait_for_function("() => window.aitrader.equityPoints() > 0", timeout=WAIT_MS)
        page.wait_for_function("() => window.aitrader.tradeCount() > 0", timeout=WAIT_MS)
        assert "Buy & hold" in page.inner_text("#report-summary")
        assert page.evaluate("window.aitrader.shown()") == "sma-15m"
        assert no_overflow(page)
        assert console.everything() == []
        # the attached dashboard of the finished run loads too
        page.goto(serve.url)
        page.wait_for_function("() => window.aitrader && window.aitrader.candleCount() > 0", timeout=WAIT_MS)
        page.wait_for_selector('#conn[data-state="open"]', timeout=WAIT_MS)
        assert console.everything() == []
    finally:
        serve.stop()

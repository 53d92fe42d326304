"""The dashboard over a portfolio run, in a real browser (Debian's chromium through Playwright): a
row per symbol in the positions table (held ones protected, flat ones flat, each with its last
verdict), the rejections by reason with their symbols, and the latest rejections with code and
reason, growing as the run goes on. The run is the paper portfolio of tests/api/portfolio_rig.py
(push_round over the shipped samples) behind a real uvicorn on 127.0.0.1. Skips without chromium."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from portfolio_rig import SYMBOLS, PortfolioRig

from aitrader.api.app import create_app
from aitrader.api.auth_config import AuthConfig
from aitrader.api.hub import EventHub
from aitrader.api.listen import bind, url_of
from aitrader.api.server import server_for
from aitrader.api.sources.in_process import InProcessSource

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency (uv sync)")
CHROMIUM = shutil.which("chromium")
WAIT_MS = 60_000
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]


def wait_until(cond: Callable[[], bool], what: str, timeout_s: float = 60.0) -> None:
    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Served:
    """The app on a uvicorn of its own thread and loop (the page is driven from this one)."""

    def __init__(self, app: Any) -> None:
        self.sock = bind("127.0.0.1", 0)
        self.url = url_of(self.sock, "127.0.0.1") + "/"
        self.server = server_for(app, embedded=True)
        self.thread = threading.Thread(target=lambda: asyncio.run(self.server.serve(sockets=[self.sock])))

    def __enter__(self) -> Served:
        self.thread.start()
        wait_until(lambda: self.server.started, "uvicorn to start")
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.sock.close()


def _texts(page: Any, selector: str) -> list[str]:
    return [str(t) for t in page.eval_on_selector_all(selector, "nodes => nodes.map(n => n.innerText)")]


def test_the_dashboard_shows_every_symbol_and_the_rejections(tmp_path: Path) -> None:
    rig = PortfolioRig(tmp_path)
    source = InProcessSource(EventHub(capacity=100_000), mode="paper", poll_s=60.0)
    source.attach(rig.runner)  # type: ignore[arg-type]
    refused: list[str] = []  # the codes of the refusals published, in order
    source.hub.subscribe(
        lambda e: (
            refused.append(e.data["verdict"]["code"])
            if e.kind == "decision" and not e.data["verdict"]["approved"]
            else None
        )
    )
    rig.start()

    def held() -> int:
        return sum(1 for s in SYMBOLS if rig.kernel.portfolio.get(s) is not None)

    rig.run_until(lambda: held() >= 2 and "correlated_exposure" in refused, most=6_000)
    assert held() >= 2
    app = create_app(source, AuthConfig(), reports_dir=tmp_path / "reports")
    with sync_api.sync_playwright() as p, Served(app) as served:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(served.url)
        page.wait_for_function("() => window.aitrader && window.aitrader.ready", timeout=WAIT_MS)
        page.wait_for_selector('#conn[data-state="open"]', timeout=WAIT_MS)
        assert page.inner_text("#positions-title") == "Positions by symbol"
        rows = {s: page.inner_text(f'#positions-body tr[data-symbol="{s}"]') for s in SYMBOLS}
        for s, text in rows.items():
            if rig.kernel.portfolio.get(s) is not None:
                assert "long" in text
                assert "protected" in text
            else:
                assert "flat" in text
        assert any("rejected" in text or "approved" in text for text in rows.values())
        correlated_row = page.inner_text('#rejections-body tr[data-code="correlated_exposure"]')
        assert any(s in correlated_row for s in SYMBOLS)
        latest = _texts(page, "#rejections-latest li")
        assert any("correlated_exposure" in r and "correlated exposure with" in r for r in latest)
        shown = page.evaluate("window.aitrader.rejectionCount()")
        # the run goes on: new refusals reach the page over the socket
        before = len(refused)
        rig.run_until(lambda: len(refused) > before, most=2_000)
        assert len(refused) > before
        page.wait_for_function(
            f"() => window.aitrader.rejectionCount() > {shown} || {shown} >= 30", timeout=WAIT_MS
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(served.url)
        phone.wait_for_function("() => window.aitrader && window.aitrader.ready", timeout=WAIT_MS)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert errors == [], errors
        browser.close()
    asyncio.run(source.stop())

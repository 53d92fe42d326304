"""The portfolio page's charts in a real browser (headless Chromium; skipped where it is not
installed): each chart zooms on its own, the portfolio chart down to single grid steps with the
exposure of each symbol at each step, a symbol's chart down to its real candles.

As in test_report_html_browser.py, a harness script appended to the page drives plotly and writes
what it saw into the DOM, which `chromium --dump-dom` returns.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from portfolio_fixture import SYMBOLS, portfolio_run

from aitrader.backtest.report import render_portfolio_report
from aitrader.backtest.report.chart_payload import STACK_SCALE
from aitrader.backtest.report.portfolio_chart import exposure_shares
from aitrader.backtest.result import measured

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed")

ZOOM_FROM, ZOOM_STEPS = 30_000, 90

_HARNESS = """
<script>
(function () {
  var out = {};
  function done() { var p = document.createElement("pre"); p.id = "harness-out"; p.textContent = JSON.stringify(out); document.body.appendChild(p); }
  function copy(a) { return Array.prototype.slice.call(a); }
  function waitFor(id, n, then, tries) {
    tries = tries || 0;
    var r = window.btReports && window.btReports[id];
    if (r && r.state.updates >= n) then(r);
    else if (tries > 600) { out.error = "no update " + n + " of " + id; done(); }
    else setTimeout(function () { waitFor(id, n, then, tries + 1); }, 25);
  }
  function lines(gd, stack) {
    return {x: copy(gd.data[0].x), equity: copy(gd.data[0].y),
            stack: stack.map(function (i) { return {name: gd.data[i].name, y: copy(gd.data[i].y)}; })};
  }
  var pf = document.getElementById("bt-chart"), sym = document.getElementById("bt-chart-1");
  var stack = JSON.parse(document.getElementById("bt-data").textContent).traces.stack;
  waitFor("bt-chart", 1, function (r) {
    out.sameFirst = window.btReport === r;
    out.first = lines(pf, stack); out.first.k = r.state.k;
    var T = r.times;
    Plotly.relayout(pf, {"xaxis.range": [T[__FROM__], T[__LAST__] + 1000]});
    waitFor("bt-chart", 2, function (r2) {
      out.zoomed = lines(pf, stack); out.zoomed.k = r2.state.k;
      waitFor("bt-chart-1", 1, function (s) {
        var U = s.times;
        Plotly.relayout(sym, {"xaxis.range": [U[__FROM__], U[__LAST__] + 1000]});
        waitFor("bt-chart-1", 2, function (s2) {
          out.symbol = {k: s2.state.k, x: copy(sym.data[0].x), close: copy(sym.data[0].close)};
          out.portfolioUntouched = r2.state.updates;
          done();
        });
      });
    });
  });
})();
</script>
"""


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    page = render_portfolio_report(portfolio_run())
    harness = _HARNESS.replace("__FROM__", str(ZOOM_FROM)).replace(
        "__LAST__", str(ZOOM_FROM + ZOOM_STEPS - 1)
    )
    path = tmp_path_factory.mktemp("browser") / "portfolio.html"
    path.write_text(page.replace("</body></html>", harness + "</body></html>"), encoding="utf-8")
    assert CHROMIUM is not None
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=90000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    m = re.search(r'<pre id="harness-out">(.*?)</pre>', proc.stdout, re.S)
    assert m is not None, proc.stderr[-2000:]
    data: dict[str, Any] = json.loads(
        m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    )
    assert "error" not in data, data
    return data


def test_the_first_chart_is_the_portfolio_and_starts_thinned(seen: dict[str, Any]) -> None:
    assert seen["sameFirst"] is True  # window.btReport is the first chart's, as on a one-symbol page
    first = seen["first"]
    assert first["k"] > 1
    assert [s["name"] for s in first["stack"]] == list(SYMBOLS)
    assert all(len(s["y"]) == len(first["x"]) for s in first["stack"])


def test_zooming_the_portfolio_shows_every_step_with_its_exposure(seen: dict[str, Any]) -> None:
    result = portfolio_run()
    m = measured(result.account)
    z = seen["zoomed"]
    assert z["k"] == 1
    close = result.account.times + 60_000
    idx = np.searchsorted(close, np.asarray(z["x"], dtype=np.int64))
    np.testing.assert_array_equal(close[idx], z["x"])  # one point per grid step, at its close
    assert idx[0] <= ZOOM_FROM
    assert idx[-1] >= ZOOM_FROM + ZOOM_STEPS - 1
    assert len(idx) <= ZOOM_STEPS + 2
    np.testing.assert_allclose(z["equity"], m.equity[idx - m.first], rtol=1e-6)
    shares = exposure_shares(result)
    for s in z["stack"]:
        np.testing.assert_allclose(s["y"], shares[s["name"]][idx], atol=0.5 / STACK_SCALE)
    assert any(max(s["y"]) > 0 for s in z["stack"])  # the window holds a position


def test_a_symbol_chart_zooms_on_its_own_to_the_real_candles(seen: dict[str, Any]) -> None:
    candles = portfolio_run().per_symbol[SYMBOLS[0]].candles
    s = seen["symbol"]
    assert s["k"] == 1
    idx = np.searchsorted(candles.open_time, np.asarray(s["x"], dtype=np.int64))
    np.testing.assert_array_equal(candles.open_time[idx], s["x"])
    np.testing.assert_array_equal(candles.close[idx], s["close"])
    assert seen["portfolioUntouched"] == 2  # zooming a symbol's chart leaves the portfolio's alone

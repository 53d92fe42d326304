"""The report's scripts in a real browser (headless Chromium; skipped where it is not installed):
zooming reaches the real bars, reset and log scale refit the axes, headers sort the trade table.

A small harness script is appended to the page: it drives plotly and the table like a user would
and writes what it saw into the DOM, which `chromium --dump-dom` returns (no network, no server).
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import engine_result

from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.report import render_html_report
from aitrader.backtest.report.chart import MAX_CANDLES
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.report.trade_table import COLUMNS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed")

ZOOM_FROM, ZOOM_BARS = 40_000, 120

_HARNESS = """
<script>
(function () {
  var gd = document.getElementById("bt-chart"), out = {}, steps = [];
  function copy(a) { return Array.prototype.slice.call(a); }
  function done() { var p = document.createElement("pre"); p.id = "harness-out"; p.textContent = JSON.stringify(out); document.body.appendChild(p); }
  function waitFor(n, then, tries) {
    tries = tries || 0;
    if (window.btReport && window.btReport.state.updates >= n) then();
    else if (tries > 400) { out.error = "no update " + n; done(); }
    else setTimeout(function () { waitFor(n, then, tries + 1); }, 25);
  }
  function snap(name) {
    var c = gd.data[0], fl = gd._fullLayout;
    out[name] = {k: window.btReport.state.k, x: copy(c.x), open: copy(c.open), high: copy(c.high), low: copy(c.low),
      close: copy(c.close), title: gd.layout.annotations[0].text, yType: fl.yaxis.type, y2Type: fl.yaxis2.type,
      yRange: copy(fl.yaxis.range), xType: fl.xaxis.type, x3Type: fl.xaxis3.type, matches: fl.xaxis.matches || null};
  }
  waitFor(1, function () {
    snap("first");
    var T = window.btReport.times;
    Plotly.relayout(gd, {"xaxis.range": [T[__FROM__], T[__LAST__] + 1000]});
    waitFor(2, function () {
      snap("zoomed");
      Plotly.relayout(gd, {"yaxis.type": "log", "yaxis2.type": "log", "yaxis.autorange": true, "yaxis2.autorange": true});
      waitFor(3, function () {
        snap("log");
        Plotly.relayout(gd, {"xaxis.autorange": true});
        waitFor(4, function () {
          snap("reset");
          var th = document.querySelectorAll("table.sortable th")[__PNL__], cells = function () {
            return Array.prototype.map.call(document.querySelectorAll("table.sortable tbody tr"), function (r) {
              return r.cells[__PNL__].getAttribute("data-v"); });
          };
          th.click(); out.ascending = cells(); out.sortState = th.getAttribute("aria-sort");
          th.click(); out.descending = cells();
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
    run = engine_result()
    page = render_html_report(run, compute_metrics(run))
    harness = (
        _HARNESS.replace("__FROM__", str(ZOOM_FROM))
        .replace("__LAST__", str(ZOOM_FROM + ZOOM_BARS - 1))
        .replace("__PNL__", str([c for c, *_ in COLUMNS].index("P&L")))
    )
    path = tmp_path_factory.mktemp("browser") / "report.html"
    path.write_text(page.replace("</body></html>", harness + "</body></html>"), encoding="utf-8")
    assert CHROMIUM is not None
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=60000",
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


def test_first_view_is_decimated(seen: dict[str, Any]) -> None:
    n = len(engine_result().candles)
    k = math.ceil(n / MAX_CANDLES)
    assert seen["first"]["k"] == k
    assert len(seen["first"]["x"]) == math.ceil(n / k)
    assert seen["first"]["xType"] == seen["first"]["x3Type"] == "date"
    assert seen["first"]["matches"] == "x3"


def test_zooming_in_shows_the_real_bars(seen: dict[str, Any]) -> None:
    candles = engine_result().candles
    z = seen["zoomed"]
    assert z["k"] == 1
    assert z["title"] == "Price · 1m (every bar)"
    # the visible bars and one either side, each a real candle
    idx = np.searchsorted(candles.open_time, np.asarray(z["x"], dtype=np.int64))
    assert idx[0] <= ZOOM_FROM
    assert idx[-1] >= ZOOM_FROM + ZOOM_BARS - 1
    assert len(idx) <= ZOOM_BARS + 2
    np.testing.assert_array_equal(candles.open_time[idx], z["x"])
    np.testing.assert_array_equal(candles.open[idx], z["open"])
    np.testing.assert_array_equal(candles.high[idx], z["high"])
    np.testing.assert_array_equal(candles.low[idx], z["low"])
    np.testing.assert_array_equal(candles.close[idx], z["close"])
    lo, hi = z["yRange"]
    assert lo < min(z["low"]) < max(z["high"]) < hi  # the price axis fits the visible bars
    assert z["xType"] == "date"
    assert z["matches"] == "x3"  # the panels still zoom together


def test_log_scale_refits_the_price_axis_in_log_units(seen: dict[str, Any]) -> None:
    log = seen["log"]
    assert log["yType"] == log["y2Type"] == "log"
    lo, hi = log["yRange"]
    assert lo < math.log10(min(log["low"])) < math.log10(max(log["high"])) < hi
    assert log["k"] == 1  # still the zoomed, real bars


def test_reset_returns_to_the_decimated_view(seen: dict[str, Any]) -> None:
    assert seen["reset"]["k"] == seen["first"]["k"]
    assert seen["reset"]["x"] == seen["first"]["x"]


def test_clicking_a_header_sorts_the_table(seen: dict[str, Any]) -> None:
    pnl = sorted(r.pnl for r in exit_rows(engine_result()))
    assert seen["sortState"] == "ascending"
    assert [float(v) for v in seen["ascending"]] == pnl
    assert [float(v) for v in seen["descending"]] == pnl[::-1]

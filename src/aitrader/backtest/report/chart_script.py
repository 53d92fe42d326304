"""The report's inline zoom script: every bar reachable by zooming, and the log-scale toggle's fit.

On every x-range change (zoom, pan, reset) it takes the visible bars from the full arrays packed by
chart_payload, merges them in runs of k bars, k the smallest that keeps at most `maxCandles`
candles (k = 1, the real bars, once at most that many are visible), and restyles the candles, the
equity, buy-and-hold, volatility-targeted buy-and-hold and drawdown lines (at most `maxPoints` points) through `Plotly.react`.
Buckets are aligned on
multiples of k from the first bar, as `downsample.bucket_starts` does for the first view, so the
first view and a reset look the same. It then fits each y axis to what is visible (in log10 units
on a log axis) unless the zoom set that axis itself.

A payload without `prices` has no candles (the portfolio chart: equity, drawdown and exposure on
the merged time grid); `axes` names the y axis of each panel (default: price `yaxis`, equity
`yaxis2`, drawdown `yaxis3`) and `stack` holds stacked shares (`traces.stack`: their traces), each
bucket shown at its mean as `downsample.mean_per_bucket` does. Several charts may share a page:
`window.btReports[div id]` exposes each one's state and `window.btReport` the first one's (tests).
"""

from __future__ import annotations

import json
from typing import Any

_SCRIPT = r"""
(function () {
  "use strict";
  var gd = document.getElementById(__DIV__);
  var D = JSON.parse(document.getElementById(__DATA__).textContent);
  function buf(s) {
    var b = atob(s), u = new Uint8Array(b.length);
    for (var i = 0; i < b.length; i++) u[i] = b.charCodeAt(i);
    return u.buffer;
  }
  function prices(s) {
    if (D.prices.scale === null) return new Float64Array(buf(s));
    var a = new Int32Array(buf(s)), out = new Float64Array(a.length), k = D.prices.scale;
    for (var i = 0; i < a.length; i++) out[i] = a[i] / k;
    return out;
  }
  var n = D.n, T;
  if (D.time.ms) {
    T = new Float64Array(buf(D.time.ms));
  } else {
    var idx = new Int32Array(buf(D.time.idx));
    T = new Float64Array(n);
    for (var i = 0; i < n; i++) T[i] = D.time.t0 + idx[i] * D.time.step;
  }
  var hasCandles = !!D.prices, O, H, L, C;
  if (hasCandles) { O = prices(D.prices.o); H = prices(D.prices.h); L = prices(D.prices.l); C = prices(D.prices.c); }
  var AX = D.axes || {price: "yaxis", equity: "yaxis2", drawdown: "yaxis3"};
  var first = D.first, EQ = new Float32Array(buf(D.equity));
  var HOLD = D.hold ? new Float32Array(buf(D.hold)) : null;
  var VOL = D.vol ? new Float32Array(buf(D.vol)) : null;
  var STACK = (D.stack || []).map(function (s) {
    var u = new Uint16Array(buf(s)), out = new Float64Array(u.length);
    for (var i = 0; i < u.length; i++) out[i] = u[i] / D.stackScale;
    return out;
  });
  function drawdown(curve) {
    var out = new Float64Array(curve.length), peak = D.initial;
    for (var i = 0; i < curve.length; i++) {
      if (curve[i] > peak) peak = curve[i];
      out[i] = peak > 0 ? 1 - curve[i] / peak : 0;
    }
    return out;
  }
  var DD = drawdown(EQ), HDD = HOLD ? drawdown(HOLD) : null;

  function lowerBound(x) {  // first bar whose open time is >= x
    var lo = 0, hi = n;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (T[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function toMs(v) {
    if (typeof v === "number") return v;
    var m = /^(-?\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d)(?::(\d\d)(?::(\d\d)(\.\d+)?)?)?)?/.exec(String(v));
    if (!m) return NaN;
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0)) +
      (m[7] ? Math.round(parseFloat(m[7]) * 1000) : 0);
  }
  function candles(a, b) {
    var k = Math.max(1, Math.ceil((b - a) / D.maxCandles)), s = Math.floor(a / k) * k;
    var x = [], o = [], h = [], l = [], c = [], lo = Infinity, hi = -Infinity;
    for (var j = s; j < b; j += k) {
      var e = Math.min(j + k, n), hh = H[j], ll = L[j];
      for (var q = j + 1; q < e; q++) { if (H[q] > hh) hh = H[q]; if (L[q] < ll) ll = L[q]; }
      x.push(T[j]); o.push(O[j]); h.push(hh); l.push(ll); c.push(C[e - 1]);
      if (hh > hi) hi = hh;
      if (ll < lo) lo = ll;
    }
    return {k: k, x: x, open: o, high: h, low: l, close: c, lo: lo, hi: hi};
  }
  function lines(a, b) {
    var m = EQ.length, la = Math.max(0, a - first), lb = Math.min(m, b - first);
    var out = {x: [], eq: [], dd: [], hold: [], hdd: [], vol: [], stack: STACK.map(function () { return []; }),
               k: 1, lo: Infinity, hi: -Infinity, ddlo: 0};
    if (lb <= la) return out;
    var k = Math.max(1, Math.ceil((lb - la) / D.maxPoints)), s = Math.floor(la / k) * k;
    out.k = k;
    for (var j = s; j < lb; j += k) {
      var e = Math.min(j + k, m), d = DD[j], hd = HDD ? HDD[j] : 0;
      for (var q = j + 1; q < e; q++) { if (DD[q] > d) d = DD[q]; if (HDD && HDD[q] > hd) hd = HDD[q]; }
      out.x.push(T[first + e - 1] + D.dur); out.eq.push(EQ[e - 1]); out.dd.push(-d);
      out.lo = Math.min(out.lo, EQ[e - 1]); out.hi = Math.max(out.hi, EQ[e - 1]);
      out.ddlo = Math.min(out.ddlo, -d, -hd);
      if (HOLD) {
        out.hold.push(HOLD[e - 1]); out.hdd.push(-hd);
        out.lo = Math.min(out.lo, HOLD[e - 1]); out.hi = Math.max(out.hi, HOLD[e - 1]);
      }
      if (VOL) {
        out.vol.push(VOL[e - 1]);
        out.lo = Math.min(out.lo, VOL[e - 1]); out.hi = Math.max(out.hi, VOL[e - 1]);
      }
      for (var z = 0; z < STACK.length; z++) {  // the bucket's mean share
        var sum = 0;
        for (var q2 = j; q2 < e; q2++) sum += STACK[z][q2];
        out.stack[z].push(sum / (e - j));
      }
    }
    return out;
  }
  function fit(lo, hi, log) {  // a padded range, in log10 units on a log axis
    if (!(lo <= hi)) return null;
    if (log) { if (lo <= 0) return null; lo = Math.log10(lo); hi = Math.log10(hi); }
    var pad = hi > lo ? 0.04 * (hi - lo) : (Math.abs(hi) * 0.01 || 1);
    return [lo - pad, hi + pad];
  }
  function title(k) {
    return k <= 1 ? "Price · " + D.tf + " (every bar)" : "Price · " + k + "×" + D.tf + " candles (zoom in for single bars)";
  }
  var state = {k: 0, a: 0, b: 0, updates: 0}, pending = null, revision = 0;
  function onRelayout(ev) {
    var keys = Object.keys(ev || {});
    var moved = !keys.length || keys.some(function (key) { return /^xaxis\d*\.(range|autorange)/.test(key); });
    var rescaled = keys.some(function (key) { return /^yaxis\d*\.type$/.test(key); });
    if (!moved && !rescaled) return;
    if (!pending) { pending = {own: {}}; setTimeout(run, 0); }  // one redraw per burst of events
    keys.forEach(function (key) {  // an axis the user zoomed himself keeps his range
      var m = /^(yaxis\d*)\.range/.exec(key);
      if (m) pending.own[m[1]] = true;
    });
  }
  function run() {
    var own = pending.own;
    pending = null;
    var fl = gd._fullLayout, xr = fl.xaxis.range;
    var x0 = toMs(xr[0]), x1 = toMs(xr[1]);
    var a = isFinite(x0) ? Math.max(0, lowerBound(x0) - 1) : 0;
    var b = isFinite(x1) ? Math.min(n, lowerBound(x1) + 1) : n;
    if (b <= a) { a = 0; b = n; }
    var cs = hasCandles ? candles(a, b) : null, ls = lines(a, b), tr = D.traces, data = gd.data, layout = gd.layout;
    if (cs) {
      var c = data[tr.candles];
      c.x = cs.x; c.open = cs.open; c.high = cs.high; c.low = cs.low; c.close = cs.close;
    }
    data[tr.equity].x = ls.x; data[tr.equity].y = ls.eq;
    data[tr.drawdown].x = ls.x; data[tr.drawdown].y = ls.dd;
    if (HOLD) {
      data[tr.hold].x = ls.x; data[tr.hold].y = ls.hold;
      data[tr.holdDrawdown].x = ls.x; data[tr.holdDrawdown].y = ls.hdd;
    }
    if (VOL && tr.vol !== undefined) { data[tr.vol].x = ls.x; data[tr.vol].y = ls.vol; }
    (tr.stack || []).forEach(function (t, z) { data[t].x = ls.x; data[t].y = ls.stack[z]; });
    if (cs) layout.annotations[0].text = title(cs.k);
    function setRange(name, range) {
      if (range && !own[name]) { layout[name].range = range; layout[name].autorange = false; }
    }
    if (cs) setRange(AX.price, fit(cs.lo, cs.hi, fl[AX.price].type === "log"));
    setRange(AX.equity, fit(ls.lo, ls.hi, fl[AX.equity].type === "log"));
    setRange(AX.drawdown, [ls.ddlo * 1.08 - 1e-4, Math.abs(ls.ddlo) * 0.04 + 1e-4]);
    // react, not restyle: restyling x clears the axes' explicit "date" type and their matching
    layout.datarevision = ++revision;
    var done = function () { state.k = cs ? cs.k : ls.k; state.a = a; state.b = b; state.updates += 1; };
    Plotly.react(gd, data, layout).then(done, done);
  }
  var api = {update: onRelayout, state: state, times: T, n: n};
  window.btReports = window.btReports || {};
  window.btReports[__DIV__] = api;
  if (!window.btReport) window.btReport = api;
  function start() {
    if (!gd || !gd.on || !gd._fullLayout || !gd._fullLayout.xaxis) { setTimeout(start, 50); return; }
    gd.on("plotly_relayout", onRelayout);
    onRelayout({});
  }
  start();
})();
"""


def zoom_script(div_id: str, data_id: str) -> str:
    """The script for the plotly div `div_id`, reading the payload from the element `data_id`."""
    return _SCRIPT.replace("__DIV__", json.dumps(div_id)).replace("__DATA__", json.dumps(data_id))


def data_tag(data_id: str, payload: dict[str, Any]) -> str:
    """The payload as an inert JSON script element (`</` cannot occur: base64 and numbers only)."""
    text = json.dumps(payload, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{data_id}">{text}</script>'

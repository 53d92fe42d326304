// The dashboard's charts, on the vendored lightweight-charts v5 (window.LightweightCharts).

import { num, targetPrices } from "./api.js";

const LC = window.LightweightCharts;
const UP = "#26a69a";
const DOWN = "#ef5350";

function baseOptions() {
  return {
    autoSize: true,
    layout: { background: { type: LC.ColorType.Solid, color: "#131722" }, textColor: "#c8ccd6" },
    grid: { vertLines: { color: "#1f2433" }, horzLines: { color: "#1f2433" } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: "#2a2e39" },
    rightPriceScale: { borderColor: "#2a2e39" },
  };
}

/** Epoch ms to the chart's time (UTC seconds). */
const toTime = (ms) => Math.floor(num(ms) / 1000);

/** Rows sorted by `time` with one row per time (the last wins), as setData requires. */
function uniqueByTime(rows) {
  const byTime = new Map();
  for (const row of rows) if (Number.isFinite(row.time)) byTime.set(row.time, row);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** Candles with entry/exit markers and the open position's entry, stop and target lines. */
export class PriceChart {
  constructor(container) {
    this.chart = LC.createChart(container, baseOptions());
    this.series = this.chart.addSeries(LC.CandlestickSeries, {
      upColor: UP, downColor: DOWN, borderVisible: false, wickUpColor: UP, wickDownColor: DOWN,
      autoscaleInfoProvider: (candlesOnly) => this.withLines(candlesOnly()),
    });
    this.markers = LC.createSeriesMarkers(this.series, []);
    this.fills = [];
    this.lines = [];
  }

  setCandles(candles) {
    const bars = uniqueByTime(candles.map(toBar).filter(Boolean));
    this.series.setData(bars);
    this.chart.timeScale().scrollToRealTime();
    this.drawMarkers();
  }

  /** A live candle: a new bar, or the forming bar updated. Older bars than the last are ignored. */
  addCandle(candle) {
    const bar = toBar(candle);
    const last = this.lastTime();
    if (!bar || (last !== null && bar.time < last)) return;
    this.series.update(bar);
  }

  lastTime() {
    const data = this.series.data();
    return data.length ? data[data.length - 1].time : null;
  }

  /** The bar a fill at `ms` belongs to: the last bar opened at or before it (the last bar for a
   * fill after it: the one forming when the fill came); null before the first bar. */
  barTimeFor(ms) {
    const data = this.series.data();
    if (!data.length) return null;
    const t = num(ms) === null ? Infinity : toTime(ms);
    let lo = 0;
    let hi = data.length - 1;
    if (t < data[0].time) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (data[mid].time <= t) lo = mid;
      else hi = mid - 1;
    }
    return data[lo].time;
  }

  /** fills: [{barTime, side: "BUY"/"SELL", role, price, qty}] */
  setFills(fills) {
    this.fills = fills;
    this.drawMarkers();
  }

  drawMarkers() {
    const markers = this.fills.filter((f) => f.barTime !== null).map((f) => {
      const buy = String(f.side).toUpperCase() === "BUY";
      return {
        time: f.barTime,
        position: buy ? "belowBar" : "aboveBar",
        shape: buy ? "arrowUp" : "arrowDown",
        color: buy ? UP : DOWN,
        text: f.role ? `${f.role}` : buy ? "buy" : "sell",
      };
    });
    markers.sort((a, b) => a.time - b.time);
    this.markers.setMarkers(markers);
  }

  /** The price range of the visible candles, widened to show the open position's lines (those
   * within one candle range of it: the candles keep at least a third of the height). */
  withLines(info) {
    if (!info || !info.priceRange || !this.lines.length) return info;
    const { minValue, maxValue } = info.priceRange;
    const span = maxValue - minValue;
    const prices = this.lines.map((line) => line.options().price).filter((p) => p >= minValue - span && p <= maxValue + span);
    return { ...info, priceRange: { minValue: Math.min(minValue, ...prices), maxValue: Math.max(maxValue, ...prices) } };
  }

  /** The open position's lines (none when flat). */
  setPosition(position) {
    for (const line of this.lines) this.series.removePriceLine(line);
    this.lines = [];
    if (!position || position.side === "flat" || !num(position.qty)) return;
    const add = (price, color, title, lineStyle) => {
      if (price === null) return;
      this.lines.push(this.series.createPriceLine({ price, color, title, lineStyle, lineWidth: 1, axisLabelVisible: true }));
    };
    add(num(position.entry_price), "#9598a1", "entry", LC.LineStyle.Dotted);
    add(num(position.stop), DOWN, "stop", LC.LineStyle.Solid);
    targetPrices(position.targets).forEach((price, i) => add(price, UP, `target ${i + 1}`, LC.LineStyle.Dashed));
  }

  candleCount() {
    return this.series.data().length;
  }

  markerCount() {
    return this.markers.markers().length;
  }

  priceLines() {
    return this.lines.map((line) => ({ ...line.options() }));
  }
}

function toBar(c) {
  const time = toTime(c.open_time);
  const [open, high, low, close] = [num(c.open), num(c.high), num(c.low), num(c.close)];
  if (!Number.isFinite(time) || [open, high, low, close].includes(null)) return null;
  return { time, open, high, low, close };
}

/** Equity (top pane) and its drawdown from the running peak (bottom pane, in %). */
export class EquityChart {
  constructor(container, { benchmark = false, seconds = false } = {}) {
    const options = baseOptions();
    options.timeScale.secondsVisible = seconds;
    this.chart = LC.createChart(container, options);
    this.equity = this.chart.addSeries(LC.LineSeries, { color: "#2962ff", lineWidth: 2, title: "equity" });
    this.benchmark = benchmark
      ? this.chart.addSeries(LC.LineSeries, { color: "#f0b90b", lineWidth: 1, lineStyle: LC.LineStyle.Dashed, title: "buy & hold" })
      : null;
    this.volTarget = benchmark
      ? this.chart.addSeries(LC.LineSeries, { color: "#8e24aa", lineWidth: 1, lineStyle: LC.LineStyle.Dotted, title: "vol-target B&H" })
      : null;
    this.drawdown = this.chart.addSeries(LC.AreaSeries, {
      lineColor: DOWN, topColor: "rgba(239,83,80,0.05)", bottomColor: "rgba(239,83,80,0.4)", lineWidth: 1,
      invertFilledArea: true, priceFormat: { type: "percent", precision: 2, minMove: 0.01 }, title: "drawdown",
    }, 1);
    this.chart.panes()[1].setStretchFactor(0.35);
    this.peak = null;
  }

  /** points: [{time_ms, equity}], oldest first (and `benchmark`, `volTarget` beside equity when the
   * chart has them). A point out of order (later than a newer one: another clock) is left out. */
  setPoints(points) {
    const inOrder = [];
    for (const p of points.slice().reverse()) {
      const row = { time: toTime(p.time_ms), value: num(p.equity), bench: num(p.benchmark), vol: num(p.volTarget) };
      if (row.value === null || !Number.isFinite(row.time)) continue;
      if (inOrder.length && row.time > inOrder[inOrder.length - 1].time) continue;
      inOrder.push(row);
    }
    const rows = uniqueByTime(inOrder);
    this.peak = null;
    const drawdown = rows.map((r) => ({ time: r.time, value: this.drawdownOf(r.value) }));
    this.equity.setData(rows.map(({ time, value }) => ({ time, value })));
    if (this.benchmark) this.benchmark.setData(rows.filter((r) => r.bench !== null).map((r) => ({ time: r.time, value: r.bench })));
    if (this.volTarget) this.volTarget.setData(rows.filter((r) => r.vol !== null).map((r) => ({ time: r.time, value: r.vol })));
    this.drawdown.setData(drawdown);
    this.chart.timeScale().fitContent();
  }

  add(timeMs, equity) {
    const time = toTime(timeMs);
    const value = num(equity);
    const data = this.equity.data();
    if (value === null || (data.length && time < data[data.length - 1].time)) return;
    this.equity.update({ time, value });
    this.drawdown.update({ time, value: this.drawdownOf(value) });
  }

  drawdownOf(value) {
    this.peak = this.peak === null ? value : Math.max(this.peak, value);
    return this.peak > 0 ? (value / this.peak - 1) * 100 : 0;
  }

  pointCount() {
    return this.equity.data().length;
  }
}

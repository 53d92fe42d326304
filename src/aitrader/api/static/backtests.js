// The backtest results page: the reports from /api/backtests, one at a time (the JSON written by
// `aitrader backtest --json`, docs/backtest-report.md): the strategy beside buy-and-hold and the
// volatility-targeted buy-and-hold, equity, trades.

import { fmtNum, fmtPct, fmtTime, getJSON, h, num, withToken } from "./js/api.js";
import { EquityChart } from "./js/charts.js";

// (comparison key, label, format) in the order of the terminal and HTML reports
const FIGURES = [
  ["final_equity", "Final equity", (v) => fmtNum(v, 2)],
  ["total_return", "Total return", fmtPct],
  ["annual_return", "CAGR", fmtPct],
  ["volatility_annual", "Volatility (ann.)", fmtPct],
  ["sharpe", "Sharpe", (v) => fmtNum(v, 2)],
  ["sortino", "Sortino", (v) => fmtNum(v, 2)],
  ["calmar", "Calmar", (v) => fmtNum(v, 2)],
  ["max_drawdown", "Max drawdown", fmtPct],
  ["exposure", "Exposure", fmtPct],
  ["n_trades", "Trades", (v) => fmtNum(v, 0)],
  ["fees_paid", "Fees paid", (v) => fmtNum(v, 2)],
];

const chart = new EquityChart(document.getElementById("report-chart"), { benchmark: true });
let reports = [];
let shown = null;

/** A list entry as {name, label}: the API may list names or objects with a name. */
function entry(item) {
  if (typeof item === "string") return { name: item, label: item };
  const name = item.name || item.file || item.id;
  const detail = [item.strategy, item.symbol, item.timeframe].filter(Boolean).join(" · ");
  const ret = num(item.total_return ?? (item.metrics && item.metrics.total_return));
  return { name, label: name, detail, ret };
}

async function loadList() {
  const body = await getJSON("backtests");
  reports = (Array.isArray(body) ? body : body.items || body.reports || []).map(entry).filter((r) => r.name);
  const list = document.getElementById("reports");
  if (!reports.length) {
    list.replaceChildren(h("li", { class: "empty" }, "no report yet: aitrader backtest --json PATH writes one"));
    return;
  }
  list.replaceChildren(...reports.map((r) => h("li", {},
    h("a", { href: `#${encodeURIComponent(r.name)}`, "data-name": r.name },
      r.label, r.detail ? h("div", { class: "muted" }, r.detail) : null,
      r.ret !== null && r.ret !== undefined ? h("div", { class: r.ret >= 0 ? "up" : "down" }, fmtPct(r.ret)) : null))));
}

async function show(name) {
  shown = name;
  for (const a of document.querySelectorAll("#reports a")) a.setAttribute("aria-current", String(a.dataset.name === name));
  const report = await getJSON(`backtests/${encodeURIComponent(name)}`);
  if (shown !== name) return;
  document.getElementById("report-title").textContent =
    `${report.strategy || name} · ${report.symbol || ""} ${report.timeframe || ""} · ${fmtTime(report.start_ms)} → ${fmtTime(report.end_ms)}`;
  renderSummary(report);
  const curve = report.equity_curve || { time_ms: [], equity: [] };
  const bench = (report.benchmark && report.benchmark.equity) || [];
  const vol = (report.vol_target_benchmark && report.vol_target_benchmark.equity) || [];
  chart.setPoints(curve.time_ms.map((t, i) => ({ time_ms: t, equity: curve.equity[i], benchmark: bench[i], volTarget: vol[i] })));
  renderTrades(report.trades || []);
}

function renderSummary(report) {
  const comparison = report.comparison || {};
  const metrics = report.metrics || {};
  const rows = FIGURES.map(([key, label, format]) => {
    // reports written before the volatility-targeted benchmark have no `vol_target`: a dash
    const row = comparison[key] || { strategy: metrics[key], buy_and_hold: null, vol_target: null };
    return h("tr", {}, h("td", {}, label), h("td", { class: "num" }, format(row.strategy)),
      h("td", { class: "num" }, format(row.buy_and_hold)), h("td", { class: "num" }, format(row.vol_target)));
  });
  if (num(metrics.win_rate) !== null) rows.push(h("tr", {}, h("td", {}, "Win rate"), h("td", { class: "num" }, fmtPct(metrics.win_rate, 1)), h("td", {}), h("td", {})));
  const target = num(report.vol_target_benchmark ? report.vol_target_benchmark.target_volatility : null);
  const volHead = target === null ? "Vol-target B&H" : `Vol-target B&H (${fmtPct(target, 1)})`;
  document.getElementById("report-summary").replaceChildren(h("table", {},
    h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", { class: "num" }, "Strategy"), h("th", { class: "num" }, "Buy & hold"),
      h("th", { class: "num", title: "min(1, target / trailing 30-day volatility) of the account, rebalanced daily past a 10-point drift; the target is the strategy's own volatility" }, volHead))),
    h("tbody", {}, rows)));
}

function renderTrades(trades) {
  document.getElementById("trade-count").textContent = `(${trades.length})`;
  document.getElementById("trades-body").replaceChildren(...trades.map((t, i) => h("tr", {},
    h("td", {}, i + 1),
    h("td", { class: t.side === "BUY" ? "up" : "down" }, t.side),
    h("td", {}, fmtTime(t.entry_time)),
    h("td", { class: "num" }, fmtNum(t.entry_price, 2)),
    h("td", {}, t.open ? "open" : fmtTime(t.exit_time)),
    h("td", { class: "num" }, fmtNum(t.exit_price, 2)),
    h("td", { class: "num" }, fmtNum(t.quantity)),
    h("td", {}, t.exit_reason || ""),
    h("td", { class: `num ${num(t.pnl) >= 0 ? "up" : "down"}` }, fmtNum(t.pnl, 2)),
    h("td", { class: "num" }, fmtPct(t.return_pct)))));
}

function fromHash() {
  const name = decodeURIComponent(location.hash.slice(1)) || (reports.length ? reports[0].name : "");
  if (!name) return;
  show(name).catch((err) => {
    document.getElementById("report-title").textContent = `${name}: ${err.message}`;
  });
}

document.getElementById("live-link").href = withToken("./");
window.addEventListener("hashchange", fromHash);
window.aitrader = {
  reportCount: () => reports.length,
  shown: () => shown,
  equityPoints: () => chart.pointCount(),
  tradeCount: () => document.querySelectorAll("#trades-body tr").length,
};
loadList().then(fromHash).catch((err) => {
  document.getElementById("reports").replaceChildren(h("li", { class: "bad" }, String(err)));
});

// The live dashboard: /api/status (its `seq`: where the hub stood), the REST snapshots, then every
// event from /ws after that `seq` applied as it comes (js/socket.js connects only once the
// snapshots are in). Applying an event twice changes nothing, so a snapshot and the events around
// it may overlap.

import { getJSON, getOr, num, withToken } from "./js/api.js";
import { EquityChart, PriceChart } from "./js/charts.js";
import * as panels from "./js/panels.js";
import { EventSocket } from "./js/socket.js";

const MAX_DECISIONS = 200;
const MAX_REJECTIONS = 30;
const MAX_CANDLES = 2000;

const state = {
  status: null,
  symbol: null,
  positions: new Map(),
  protection: new Map(),
  decisions: [],
  decisionKeys: new Set(),
  fills: [],
  fillKeys: new Set(),
  rejections: new Map(),
  latestRejections: [], // newest first: {symbol, code, message, bar_time_ms}
  verdicts: new Map(), // symbol -> its newest decision's verdict
  alarms: [],
  breaker: null,
  stream: null,
  equity: null,
  startEquity: null,
  liveFills: 0,
  stale: false, // the last snapshot failed or came before the run started: fetch again
  loadedAt: 0,
  loading: false,
  queued: [],
};

const priceChart = new PriceChart(document.getElementById("price-chart"));
const equityChart = new EquityChart(document.getElementById("equity-chart"), { seconds: true });

// ---- snapshots ---------------------------------------------------------------------------------

/** Status first, then the snapshots; the hub's sequence number the status gave (null if none). */
async function loadSnapshots() {
  const status = await getJSON("status");
  const seq = Number.isInteger(status.seq) ? status.seq : null;
  state.status = status;
  const symbols = status.symbols || [];
  if (!symbols.includes(state.symbol)) state.symbol = symbols[0] || null;
  renderSymbolPicker(symbols);
  const symbol = encodeURIComponent(state.symbol || "");
  const [candles, positions, decisions, rejections, latest, trades, equity, balances] = await Promise.all([
    getOr(`candles?symbol=${symbol}&limit=${MAX_CANDLES}`, []),
    getOr("positions", []),
    getOr(`decisions?limit=${MAX_DECISIONS}`, []),
    getOr("rejections", []),
    getOr(`rejections/latest?limit=${MAX_REJECTIONS}`, []),
    getOr("trades?limit=500", []),
    getOr("equity?limit=5000", []),
    getOr("balances", []),
  ]);
  priceChart.setCandles(candles);
  state.positions = new Map(asList(positions).map((p) => [p.symbol, p]));
  state.decisions = [];
  state.decisionKeys = new Set();
  state.verdicts = new Map();
  for (const d of asList(decisions).slice().reverse()) addDecision(d, false);
  state.rejections = new Map(asList(rejections).map((r) => [r.code, { ...r, symbols: { ...(r.symbols || {}) } }]));
  state.latestRejections = asList(latest).slice(0, MAX_REJECTIONS);
  state.fills = [];
  state.fillKeys = new Set();
  for (const t of asList(trades)) for (const f of fillsOfTrade(t)) addFill(f);
  for (const p of state.positions.values()) if (p.opened_ms && p.side !== "flat") addFill(entryOf(p));
  equityChart.setPoints(asList(equity));
  const points = asList(equity);
  if (points.length) {
    state.startEquity = num(points[0].equity); // the change shown is over the chart's window
    state.equity = { equity: points[points.length - 1].equity };
  }
  panels.renderBalances(balances);
  renderAll();
  return seq;
}

/** A list endpoint's rows, whether it answers with a list or {items|rows: [...]} */
function asList(body) {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object") return body.items || body.rows || body.data || [];
  return [];
}

/** A trade row from /api/trades as fills: a fill row, or a round trip's entry and exit. */
function fillsOfTrade(t) {
  if (t.entry_time !== undefined || t.entry_time_ms !== undefined) {
    const side = String(t.side || "BUY").toUpperCase();
    const exitSide = side === "BUY" ? "SELL" : "BUY";
    const out = [{ symbol: t.symbol, side, role: "entry", price: t.entry_price, qty: t.quantity ?? t.qty, time_ms: t.entry_time ?? t.entry_time_ms }];
    const exitTime = t.exit_time ?? t.exit_time_ms;
    if (exitTime !== undefined && exitTime !== null && !t.open) {
      out.push({ symbol: t.symbol, side: exitSide, role: t.exit_reason || "exit", price: t.exit_price, qty: t.quantity ?? t.qty, time_ms: exitTime });
    }
    return out;
  }
  return [t];
}

/** An open position's entry as a fill (for its marker after a reload). */
function entryOf(p) {
  return { symbol: p.symbol, side: p.side === "short" ? "SELL" : "BUY", role: "entry", price: p.entry_price, qty: p.qty, time_ms: p.opened_ms };
}

/** "1m", "15m", "4h", "1d" in ms (0 when unknown). */
function intervalMs(interval) {
  const m = /^(\d+)([smhdw])$/.exec(interval || "");
  const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 };
  return m ? Number(m[1]) * unit[m[2]] : 0;
}

/** The market's clock: the close of the newest candle (a replayed demo runs in the past), else
 * the server's clock. The equity snapshot is on the same clock. */
function marketTimeMs(event) {
  const last = priceChart.lastTime();
  const step = intervalMs(state.status && state.status.interval);
  return last !== null && step ? last * 1000 + step : event.time_ms;
}

// ---- events ------------------------------------------------------------------------------------

function handle(event) {
  if (state.loading) {
    state.queued.push(event);
    return;
  }
  if (state.stale && Date.now() - state.loadedAt > 2000) {
    refresh();
    state.queued.push(event);
    return;
  }
  const d = event.data || {};
  switch (event.kind) {
    case "candle":
      if (d.symbol === state.symbol) priceChart.addCandle(d);
      break;
    case "decision":
      addDecision(d, true);
      panels.renderDecisions(state.decisions);
      panels.renderRejections(state.rejections);
      panels.renderLatestRejections(state.latestRejections);
      renderPositions();
      break;
    case "fill":
      state.liveFills += 1;
      addFill({ ...d, time_ms: d.time_ms ?? event.time_ms });
      refreshBalances();
      break;
    case "position":
      state.positions.set(d.symbol, d);
      renderPositions();
      break;
    case "protection":
      state.protection.set(d.symbol, d);
      renderPositions();
      break;
    case "alarm":
      state.alarms.push({ ...d, time_ms: event.time_ms });
      panels.renderAlarms(state.alarms, state.breaker);
      break;
    case "breaker":
      state.breaker = d;
      panels.renderAlarms(state.alarms, state.breaker);
      break;
    case "stream":
      state.stream = d;
      panels.renderStatus(state.status, state);
      break;
    case "equity":
      state.startEquity = state.startEquity ?? num(d.equity);
      state.equity = d;
      equityChart.add(marketTimeMs(event), d.equity);
      panels.renderEquity(state.equity, state.startEquity);
      break;
    case "run":
      if (d.status === "started") refresh();
      break;
    default:
      break; // orders and kinds added later are not shown
  }
}

function addDecision(d, live) {
  const p = d.proposal || {};
  const key = `${d.symbol}|${d.bar_time_ms}|${p.kind}|${p.side}|${p.price}`;
  if (state.decisionKeys.has(key)) return;
  state.decisionKeys.add(key);
  state.decisions.unshift(d);
  if (state.decisions.length > MAX_DECISIONS) state.decisions.pop();
  const v = d.verdict || {};
  const known = state.verdicts.get(d.symbol);
  if (d.symbol && (!known || (known.bar_time_ms ?? 0) <= (d.bar_time_ms ?? 0))) {
    state.verdicts.set(d.symbol, { ...v, bar_time_ms: d.bar_time_ms });
  }
  if (live && v.approved === false && v.code) {
    const row = state.rejections.get(v.code) || { code: v.code, count: 0, symbols: {} };
    row.count += 1;
    row.last_message = v.message || row.last_message;
    row.symbols = row.symbols || {};
    if (d.symbol) row.symbols[d.symbol] = (row.symbols[d.symbol] || 0) + 1;
    state.rejections.set(v.code, row);
    state.latestRejections.unshift({ symbol: d.symbol, code: v.code, message: v.message || "", bar_time_ms: d.bar_time_ms });
    if (state.latestRejections.length > MAX_REJECTIONS) state.latestRejections.pop();
  }
}

function addFill(f) {
  const key = `${f.client_order_id || ""}|${f.side}|${f.price}|${f.qty}|${f.client_order_id ? "" : f.time_ms}`;
  if (state.fillKeys.has(key)) return;
  state.fillKeys.add(key);
  const fill = { ...f, barTime: f.symbol === state.symbol || !f.symbol ? priceChart.barTimeFor(f.time_ms ?? null) : null };
  state.fills.push(fill);
  priceChart.setFills(state.fills);
}

let balanceTimer = null;
function refreshBalances() {
  clearTimeout(balanceTimer);
  balanceTimer = setTimeout(async () => panels.renderBalances(await getOr("balances", [])), 300);
}

// ---- rendering ---------------------------------------------------------------------------------

function renderPositions() {
  const symbols = (state.status && state.status.symbols) || [];
  panels.renderPositions(state.positions, state.protection, symbols, state.verdicts);
  priceChart.setPosition(state.positions.get(state.symbol));
}

function renderAll() {
  panels.renderStatus(state.status, state);
  panels.renderEquity(state.equity, state.startEquity);
  renderPositions();
  panels.renderDecisions(state.decisions);
  panels.renderRejections(state.rejections);
  panels.renderLatestRejections(state.latestRejections);
  panels.renderAlarms(state.alarms, state.breaker);
}

function renderSymbolPicker(symbols) {
  const picker = document.getElementById("symbol");
  picker.hidden = symbols.length < 2;
  picker.replaceChildren(...symbols.map((s) => new Option(s, s, false, s === state.symbol)));
}

document.getElementById("symbol").addEventListener("change", (e) => {
  state.symbol = e.target.value;
  refresh();
});

function showConnection(socketState, info) {
  if (socketState === "open" && state.stale) refresh();
  const box = document.getElementById("conn");
  box.dataset.state = socketState;
  const text = box.querySelector(".text");
  if (socketState === "open") text.textContent = "live";
  else if (socketState === "connecting") text.textContent = "connecting…";
  else text.textContent = `disconnected, retrying in ${Math.ceil(info.retryInMs / 1000)} s`;
}

let current = null; // the reload in progress (a promise)
let next = null; // one more, asked for while it runs

/**
 * Fetch the snapshots again, holding live events until they are in (then applying them). Resolves
 * to the hub's sequence number read before them (null when the server gives none); rejects when
 * they could not be fetched. Asked for while one runs, one more follows it (for every caller).
 */
function reload() {
  if (current === null) {
    current = loadOnce().finally(() => {
      current = null;
    });
    return current;
  }
  if (next === null) {
    next = current.catch(() => null).then(() => {
      next = null;
      return reload();
    });
  }
  return next;
}

/** `reload` for callers that do not wait: a failure is already logged and marks the page stale. */
function refresh() {
  reload().catch(() => {});
}

async function loadOnce() {
  state.loading = true;
  let seq = null;
  let failure = null;
  try {
    seq = await loadSnapshots();
    state.stale = !(state.status && state.status.run_id);
  } catch (err) {
    failure = err;
    state.stale = true;
    console.warn(`snapshot failed: ${err}`);
  }
  state.loadedAt = Date.now();
  state.loading = false;
  for (const event of state.queued.splice(0)) handle(event);
  if (failure !== null) throw failure;
  return seq;
}

/** The socket's sync: the first one, whatever its outcome, makes the page ready. */
function sync() {
  return reload().finally(() => {
    window.aitrader.ready = true;
  });
}

// ---- start -------------------------------------------------------------------------------------

const socket = new EventSocket({ onEvent: handle, onSync: sync, onState: showConnection });
document.getElementById("backtests-link").href = withToken("backtests.html");

/** Debug hooks for the browser test and the console. */
window.aitrader = {
  candleCount: () => priceChart.candleCount(),
  markerCount: () => priceChart.markerCount(),
  fillCount: () => state.fills.length,
  liveFills: () => state.liveFills,
  priceLines: () => priceChart.priceLines(),
  decisionCount: () => state.decisions.length,
  rejectionCount: () => state.latestRejections.length,
  equityPoints: () => equityChart.pointCount(),
  positions: () => [...state.positions.values()],
  connection: () => socket.state,
  lastSeq: () => socket.lastSeq,
  resets: () => socket.resets,
  ready: false,
};

socket.start(); // syncs (status, snapshots), then connects from the status's `seq`

// The dashboard's text panels: status, positions with their protection, decisions, rejections,
// alarms and balances. Every value from the server is set as text, never as HTML.

import { fmtNum, fmtTime, h, num, targetPrices } from "./api.js";

function fill(id, ...nodes) {
  document.getElementById(id).replaceChildren(...nodes);
}

export function renderStatus(status, extra) {
  const s = status || {};
  const parts = [s.strategy, (s.symbols || []).join(", "), s.interval, s.mode, s.venue].filter(Boolean);
  fill("run", parts.join(" · ") || "—");
  fill("run-id", s.run_id ? `run ${s.run_id}` : "");
  const stream = extra.stream ?? (typeof s.connected === "boolean" ? { connected: s.connected, reconnects: 0 } : null);
  const streamText = stream === null ? "exchange stream: —" : stream.connected ? "exchange stream: up" : "exchange stream: DOWN";
  const badges = [h("span", { class: `badge ${stream && !stream.connected ? "bad" : ""}` }, streamText)];
  if (stream && stream.reconnects) badges.push(h("span", { class: "badge" }, `${stream.reconnects} reconnects`));
  if (s.paused) badges.push(h("span", { class: "badge warn" }, "entries paused"));
  fill("badges", ...badges);
}

export function renderEquity(equity, start) {
  const value = num(equity && equity.equity);
  const text = value === null ? "—" : fmtNum(value, 2);
  const pnl = value !== null && start !== null ? value - start : null;
  fill("equity-now", text);
  const pnlNode = document.getElementById("equity-pnl");
  pnlNode.textContent = pnl === null ? "" : `${pnl >= 0 ? "+" : ""}${fmtNum(pnl, 2)}`;
  pnlNode.className = pnl === null ? "" : pnl >= 0 ? "up" : "down";
}

/**
 * positions: Map symbol -> position data; protection: Map symbol -> protection data; symbols: the
 * run's symbols; verdicts: Map symbol -> the newest decision's verdict. One symbol: its open
 * position (or "no open position"); several: a row per symbol, flat ones included.
 */
export function renderPositions(positions, protection, symbols = [], verdicts = new Map()) {
  const portfolio = symbols.length > 1;
  document.getElementById("positions-title").textContent = portfolio ? "Positions by symbol" : "Open positions";
  const isOpen = (p) => p && p.side !== "flat" && num(p.qty);
  const open = [...positions.values()].filter(isOpen);
  const rows = portfolio ? [...symbols, ...open.map((p) => p.symbol).filter((s) => !symbols.includes(s))] : open.map((p) => p.symbol);
  if (!rows.length) {
    fill("positions-body", h("tr", {}, h("td", { colspan: 8, class: "empty" }, "no open position")));
    return;
  }
  fill("positions-body", ...rows.map((symbol) => {
    const p = positions.get(symbol);
    const verdict = verdictCell(verdicts.get(symbol));
    if (!isOpen(p)) {
      return h("tr", { "data-symbol": symbol, class: "flat" },
        h("td", {}, symbol), h("td", { class: "muted" }, "flat"), h("td", { class: "num" }, "—"), h("td", { class: "num" }, "—"),
        h("td", { class: "num" }, "—"), h("td", { class: "num" }, "—"), h("td", { class: "muted" }, "—"), verdict);
    }
    const guard = protection.get(p.symbol);
    const safe = guard ? guard.protected : p.protected;
    const label = safe ? "protected" : guard && num(guard.naked_seconds) ? `NAKED ${fmtNum(guard.naked_seconds, 0)} s` : "NAKED";
    return h("tr", { "data-symbol": p.symbol },
      h("td", {}, p.symbol),
      h("td", { class: p.side === "long" ? "up" : "down" }, p.side),
      h("td", { class: "num" }, fmtNum(p.qty)),
      h("td", { class: "num" }, fmtNum(p.entry_price)),
      h("td", { class: "num" }, fmtNum(p.stop)),
      h("td", { class: "num" }, targetPrices(p.targets).map((t) => fmtNum(t)).join(" / ") || "—"),
      h("td", {}, h("span", { class: `badge ${safe ? "good" : "bad"}`, title: (guard && guard.detail) || "" }, label)),
      verdict);
  }));
}

/** A symbol's newest verdict: "approved", or "rejected <code>" with the gate's sentence as its title. */
function verdictCell(v) {
  if (!v) return h("td", { class: "muted" }, "—");
  if (v.approved) return h("td", { class: "up" }, "approved");
  return h("td", { class: "down", title: v.message || "" }, `rejected ${v.code || ""}`.trim());
}

function describeProposal(p) {
  if (!p) return "no proposal";
  const parts = [`${p.kind} ${p.side || ""}`.trim()];
  if (num(p.price) !== null) parts.push(`@ ${fmtNum(p.price)}`);
  if (num(p.stop) !== null) parts.push(`stop ${fmtNum(p.stop)}`);
  const targets = (Array.isArray(p.targets) ? p.targets : []).map((t) =>
    Array.isArray(t) && num(t[1]) !== null ? `${fmtNum(t[0])} (${Math.round(num(t[1]) * 100)}%)` : fmtNum(Array.isArray(t) ? t[0] : t));
  if (targets.length) parts.push(`targets ${targets.join(", ")}`);
  return parts.join(" ");
}

/** One decision as a feed item: what was proposed, why, and the gate's verdict. */
export function decisionItem(d) {
  const v = d.verdict || {};
  const verdict = v.approved
    ? h("span", { class: "verdict good" }, `approved${num(v.qty) ? ` qty ${fmtNum(v.qty)}` : ""}`)
    : h("span", { class: "verdict bad" }, `rejected ${v.code || ""}`.trim(), v.message ? `: ${v.message}` : "");
  const latency = num(d.latency_ms) === null ? null : h("span", { class: "muted" }, ` ${fmtNum(d.latency_ms, 1)} ms`);
  return h("li", { class: v.approved ? "approved" : "rejected" },
    h("div", { class: "head" }, h("span", { class: "muted" }, fmtTime(d.bar_time_ms)), " ", h("b", {}, d.symbol || ""), " ",
      describeProposal(d.proposal)),
    d.proposal && d.proposal.rationale ? h("div", { class: "rationale" }, d.proposal.rationale) : null,
    h("div", {}, verdict, latency));
}

export function renderDecisions(decisions) {
  fill("decisions", ...(decisions.length ? decisions.map(decisionItem) : [h("li", { class: "empty" }, "no decision yet")]));
}

/** rejections: Map code -> {code, count, last_message, symbols: {symbol: count}} */
export function renderRejections(rejections) {
  const rows = [...rejections.values()].sort((a, b) => b.count - a.count);
  const bySymbol = (r) => Object.entries(r.symbols || {}).sort((a, b) => b[1] - a[1]).map(([s, n]) => h("div", {}, `${s} ${n}`));
  fill("rejections-body", ...(rows.length
    ? rows.map((r) => h("tr", { "data-code": r.code },
      h("td", {}, r.code), h("td", { class: "num" }, r.count), h("td", { class: "symbols" }, ...(Object.keys(r.symbols || {}).length ? bySymbol(r) : ["—"])),
      h("td", { class: "muted reason" }, r.last_message || "")))
    : [h("tr", {}, h("td", { colspan: 4, class: "empty" }, "none"))]));
}

/** latest: [{symbol, code, message, bar_time_ms}], newest first */
export function renderLatestRejections(latest) {
  fill("rejections-latest", ...(latest.length
    ? latest.map((r) => h("li", { class: "rejected", "data-symbol": r.symbol || "" },
      h("div", { class: "head" }, h("span", { class: "muted" }, fmtTime(r.bar_time_ms)), " ", h("b", {}, r.symbol || ""), " ",
        h("span", { class: "verdict bad" }, r.code || "")),
      h("div", { class: "reason" }, r.message || "")))
    : [h("li", { class: "empty" }, "none")]));
}

/** alarms: [{message, severity, time_ms}], breaker: {reason, until_ms} | null */
export function renderAlarms(alarms, breaker) {
  const items = alarms.slice(-5).reverse().map((a) =>
    h("li", { class: a.severity === "critical" ? "bad" : "warn" }, `${fmtTime(a.time_ms)} ${a.message}`));
  if (breaker && num(breaker.until_ms) > Date.now()) {
    items.unshift(h("li", { class: "bad" }, `breaker: ${breaker.reason} (until ${fmtTime(breaker.until_ms)} UTC)`));
  }
  const box = document.getElementById("alarms");
  box.hidden = !items.length;
  box.replaceChildren(...items);
}

/** balances: [{asset, free, locked, ...}] or {asset: amount | {free, locked}} */
export function renderBalances(balances) {
  const rows = Array.isArray(balances)
    ? balances.map((b) => [b.asset, num(b.total) ?? (num(b.free) ?? 0) + (num(b.locked) ?? 0)])
    : Object.entries(balances || {}).map(([asset, v]) =>
      [asset, typeof v === "object" && v ? (num(v.total) ?? (num(v.free) ?? 0) + (num(v.locked) ?? 0)) : num(v)]);
  fill("balances", ...rows.filter(([, v]) => v).map(([asset, v]) => h("span", { class: "badge" }, `${asset} ${fmtNum(v)}`)));
}

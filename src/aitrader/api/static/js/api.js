// The REST side shared by both pages: the API token, JSON fetches, number formats.

const TOKEN_KEY = "aitrader.token";

/**
 * The API token: from the page URL's fragment (`#token=…`, what our links use: a fragment is never
 * sent to a server nor logged by one) or query (`?token=…`), else from this tab's sessionStorage.
 * A token found in the URL is kept in sessionStorage and taken out of the address bar (and so out
 * of the browser's history) with history.replaceState. Evaluated once, when the module loads,
 * before a page reads its own fragment (the backtest page keeps the report name there).
 */
function takeToken() {
  const url = new URL(location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const found = fragment.get("token") || url.searchParams.get("token");
  if (!found) {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null; // storage refused (a sandboxed frame): no token
    }
  }
  try {
    sessionStorage.setItem(TOKEN_KEY, found);
  } catch {
    // still usable for this page's life
  }
  url.searchParams.delete("token");
  if (fragment.has("token")) {
    fragment.delete("token");
    url.hash = fragment.toString();
  }
  history.replaceState(history.state, "", url.href.replace(/#$/, ""));
  return found;
}

const token = takeToken();

/** `path` with the token in its fragment (links between the pages keep it, servers never see it). */
export function withToken(path) {
  if (!token) return path;
  const url = new URL(path, location.href);
  url.hash = new URLSearchParams({ token }).toString();
  return url.href;
}

/** GET a JSON endpoint under /api (relative to the page, so a path prefix in front works too). */
export async function getJSON(path) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(new URL(`api/${path}`, location.href), { headers });
  if (!response.ok) throw new Error(`GET /api/${path}: HTTP ${response.status}`);
  return response.json();
}

/** The same GET, or `fallback` when the endpoint fails (a panel then shows what it has). */
export async function getOr(path, fallback) {
  try {
    return await getJSON(path);
  } catch (err) {
    console.warn(String(err));
    return fallback;
  }
}

/** The WebSocket URL for `/ws`, resuming after `since` when given. */
export function socketURL(since) {
  const url = new URL("ws", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  if (since !== null && since !== undefined) url.searchParams.set("since", String(since));
  if (token) url.searchParams.set("token", token);
  return url.toString();
}

/** A number or numeric string as a float; null when there is none. */
export function num(value) {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A number for people: `digits` decimals, or by size (2 from 1,000 up, 4 from 1, else 8). */
export function fmtNum(value, digits) {
  const n = num(value);
  if (n === null) return "—";
  if (digits === undefined) {
    const size = Math.abs(n);
    return n.toLocaleString("en-US", { maximumFractionDigits: size >= 1000 ? 2 : size >= 1 ? 4 : 8 });
  }
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtPct(value, digits = 2) {
  const n = num(value);
  return n === null ? "—" : `${(n * 100).toFixed(digits)}%`;
}

/** Epoch ms as "YYYY-MM-DD HH:MM" UTC (the candles' clock). */
export function fmtTime(ms) {
  const n = num(ms);
  if (n === null) return "—";
  return new Date(n).toISOString().slice(0, 16).replace("T", " ");
}

/** A stop/targets field as prices: targets come as [[price, fraction], ...] or plain prices. */
export function targetPrices(targets) {
  if (!Array.isArray(targets)) return [];
  return targets.map((t) => num(Array.isArray(t) ? t[0] : typeof t === "object" && t ? t.price : t))
    .filter((p) => p !== null);
}

/** document.createElement with attributes and children (text is always set as text, never HTML). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

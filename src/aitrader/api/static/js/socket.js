// The event stream: one WebSocket to /ws that reconnects with exponential backoff (1 s doubling to
// 30 s, with jitter) and resumes after the last sequence number it saw.
//
// No event may fall between a snapshot and the stream: before it first connects (and whenever it
// has no sequence number to resume from) the socket asks the page to sync — /api/status, whose
// `seq` is the hub's sequence number read before the snapshots, then the snapshots — and connects
// with `since=<seq>`, so every event after the snapshot's point comes down the socket. A server
// without `seq` in its status gets a connection from now (no `since`), as before.
//
// Sequence numbers count from 1 in each server process, so before resuming the client asks
// /health whether it is still talking to the same process (same session, same start time). A new
// process means a reset: sync again, then connect from the new process's sequence number. A
// `reset` message on an open socket syncs again too; the events after it keep coming on that
// socket and the page holds them until the snapshots are in (applying an event twice is harmless).

import { socketURL } from "./api.js";

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const SAME_START_MS = 5000; // two start times closer than this are the same process

/** The wait before reconnect attempt `attempt` (0, 1, 2, ...): 1 s, 2 s, 4 s ... 30 s, ±20%. */
export function backoffDelay(attempt) {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
  return Math.min(MAX_DELAY_MS, Math.round(base * (0.8 + 0.4 * Math.random())));
}

/** Which server process answers: {session, startMs}, or null when none does. */
async function serverIdentity() {
  try {
    const response = await fetch(new URL("health", location.href), { cache: "no-store" });
    if (!response.ok) return null;
    const health = await response.json();
    return { session: health.session ?? null, startMs: Date.now() - 1000 * (Number(health.uptime_s) || 0) };
  } catch {
    return null;
  }
}

function sameServer(a, b) {
  return a.session === b.session && Math.abs(a.startMs - b.startMs) < SAME_START_MS;
}

export class EventSocket {
  /**
   * onEvent(event): every event, in order; onSync(): fetch the snapshots (status first), resolving
   * to the hub's sequence number they were taken at (null when the server gives none) and
   * rejecting when they could not be fetched; onState(state, info): "connecting" | "open" |
   * "closed" (info.retryInMs).
   */
  constructor({ onEvent, onSync, onState }) {
    this.onEvent = onEvent;
    this.onSync = onSync;
    this.onState = onState;
    this.lastSeq = null;
    this.synced = false;
    this.server = null;
    this.attempt = 0;
    this.resets = 0;
    this.state = "connecting";
    this.ws = null;
  }

  start() {
    this.connect();
  }

  setState(state, info = {}) {
    this.state = state;
    this.onState(state, info);
  }

  async connect() {
    this.setState("connecting");
    const server = await serverIdentity();
    if (server === null) {
      this.retry();
      return;
    }
    const newServer = this.server !== null && !sameServer(server, this.server);
    if (newServer) this.resets += 1; // its numbers are not ours
    if (newServer || !this.synced || this.lastSeq === null) {
      try {
        const seq = await this.onSync();
        this.lastSeq = Number.isInteger(seq) ? seq : null;
        this.synced = true;
      } catch {
        this.synced = false;
        this.retry();
        return;
      }
    }
    this.server = server;
    const ws = new WebSocket(socketURL(this.lastSeq));
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState("open");
    };
    ws.onmessage = (message) => this.receive(message.data);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.retry();
    };
    ws.onerror = () => {}; // always followed by close, which schedules the retry
  }

  retry() {
    const retryInMs = backoffDelay(this.attempt);
    this.attempt += 1;
    this.setState("closed", { retryInMs });
    setTimeout(() => this.connect(), retryInMs);
  }

  receive(text) {
    let event;
    try {
      event = JSON.parse(text);
    } catch {
      console.warn("ignored a message that is not JSON");
      return;
    }
    if (event.kind === "reset") {
      // the server could not resume us: the snapshots again; the events after this one follow
      this.lastSeq = typeof event.seq === "number" ? event.seq : null;
      this.resets += 1;
      this.onSync().catch(() => {
        this.synced = false; // the next connection syncs again
      });
      return;
    }
    if (typeof event.seq === "number") this.lastSeq = event.seq;
    this.onEvent(event);
  }
}

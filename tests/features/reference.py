"""Slow, straightforward pure-Python indicator implementations: the independent references the
vectorised / TA-Lib functions in aitrader.features are checked against. One plain loop per bar,
written from the textbook (TA-Lib's published) definitions; no numpy, no TA-Lib."""

from __future__ import annotations

import math
from collections.abc import Sequence

NAN = float("nan")
Seq = Sequence[float]


def sma(x: Seq, n: int) -> list[float]:
    return [NAN if i < n - 1 else math.fsum(x[i - n + 1 : i + 1]) / n for i in range(len(x))]


def ema(x: Seq, n: int, start: int = 0) -> list[float]:
    """EMA seeded with the SMA of x[start:start+n]; NaN before start+n-1."""
    out = [NAN] * len(x)
    k = 2.0 / (n + 1)
    if len(x) < start + n:
        return out
    e = math.fsum(x[start : start + n]) / n
    out[start + n - 1] = e
    for i in range(start + n, len(x)):
        e = (x[i] - e) * k + e
        out[i] = e
    return out


def wma(x: Seq, n: int) -> list[float]:
    den = n * (n + 1) / 2
    return [
        NAN if i < n - 1 else math.fsum((j + 1) * x[i - n + 1 + j] for j in range(n)) / den
        for i in range(len(x))
    ]


def wilder(values: Seq, n: int, first: int) -> list[float]:
    """Wilder smoothing seeded with the mean of values[first:first+n]."""
    out = [NAN] * len(values)
    if len(values) < first + n:
        return out
    a = math.fsum(values[first : first + n]) / n
    out[first + n - 1] = a
    for i in range(first + n, len(values)):
        a = (a * (n - 1) + values[i]) / n
        out[i] = a
    return out


def rsi(c: Seq, n: int) -> list[float]:
    gains = [0.0] + [max(c[i] - c[i - 1], 0.0) for i in range(1, len(c))]
    losses = [0.0] + [max(c[i - 1] - c[i], 0.0) for i in range(1, len(c))]
    ag, al = wilder(gains, n, 1), wilder(losses, n, 1)
    return [
        NAN if math.isnan(g) else (0.0 if g + lo == 0 else 100.0 * g / (g + lo))
        for g, lo in zip(ag, al, strict=True)
    ]


def macd(c: Seq, fast: int, slow: int, signal: int) -> tuple[list[float], list[float], list[float]]:
    fast_e = ema(c, fast, start=slow - fast)
    slow_e = ema(c, slow)
    line = [NAN if math.isnan(s) else f - s for f, s in zip(fast_e, slow_e, strict=True)]
    sig = ema(line, signal, start=slow - 1)
    first = slow + signal - 2
    line = [NAN if i < first else v for i, v in enumerate(line)]
    hist = [NAN if math.isnan(s) else m - s for m, s in zip(line, sig, strict=True)]
    return line, sig, hist


def pstdev(window: Seq) -> float:
    m = math.fsum(window) / len(window)
    return math.sqrt(math.fsum((v - m) ** 2 for v in window) / len(window))


def bollinger(c: Seq, n: int, k: float) -> tuple[list[float], list[float], list[float]]:
    mid = sma(c, n)
    sd = [NAN if i < n - 1 else pstdev(c[i - n + 1 : i + 1]) for i in range(len(c))]
    return (
        [m + k * s for m, s in zip(mid, sd, strict=True)],
        mid,
        [m - k * s for m, s in zip(mid, sd, strict=True)],
    )


def true_range(h: Seq, lo: Seq, c: Seq) -> list[float]:
    return [NAN] + [max(h[i] - lo[i], abs(h[i] - c[i - 1]), abs(lo[i] - c[i - 1])) for i in range(1, len(c))]


def atr(h: Seq, lo: Seq, c: Seq, n: int) -> list[float]:
    return wilder(true_range(h, lo, c), n, 1)


def highest(x: Seq, n: int) -> list[float]:
    return [NAN if i < n - 1 else max(x[i - n + 1 : i + 1]) for i in range(len(x))]


def lowest(x: Seq, n: int) -> list[float]:
    return [NAN if i < n - 1 else min(x[i - n + 1 : i + 1]) for i in range(len(x))]


def stochastic(h: Seq, lo: Seq, c: Seq, kp: int, ks: int, dp: int) -> tuple[list[float], list[float]]:
    hh, ll = highest(h, kp), lowest(lo, kp)
    fast = [
        NAN if math.isnan(a) else (0.0 if a == b else 100.0 * (x - b) / (a - b))
        for a, b, x in zip(hh, ll, c, strict=True)
    ]
    k = [NAN] * (kp - 1) + sma(fast[kp - 1 :], ks)
    d = [NAN] * (kp - 1) + sma(k[kp - 1 :], dp)
    first = kp + ks + dp - 3
    return [NAN if i < first else v for i, v in enumerate(k)], d


def williams_r(h: Seq, lo: Seq, c: Seq, n: int) -> list[float]:
    hh, ll = highest(h, n), lowest(lo, n)
    return [
        NAN if math.isnan(a) else (0.0 if a == b else -100.0 * (a - x) / (a - b))
        for a, b, x in zip(hh, ll, c, strict=True)
    ]


def cci(h: Seq, lo: Seq, c: Seq, n: int) -> list[float]:
    tp = [(a + b + x) / 3.0 for a, b, x in zip(h, lo, c, strict=True)]
    out = [NAN] * len(tp)
    for i in range(n - 1, len(tp)):
        w = tp[i - n + 1 : i + 1]
        m = math.fsum(w) / n
        md = math.fsum(abs(v - m) for v in w) / n
        out[i] = 0.0 if md == 0 else (tp[i] - m) / (0.015 * md)
    return out


def adx(h: Seq, lo: Seq, c: Seq, n: int) -> tuple[list[float], list[float], list[float]]:
    size = len(c)
    pdm, mdm = [0.0] * size, [0.0] * size
    for i in range(1, size):
        up, dn = h[i] - h[i - 1], lo[i - 1] - lo[i]
        pdm[i] = up if up > dn and up > 0 else 0.0
        mdm[i] = dn if dn > up and dn > 0 else 0.0
    tr = true_range(h, lo, c)
    pdi, mdi, dx = [NAN] * size, [NAN] * size, [NAN] * size
    sp, sm, st = math.fsum(pdm[1:n]), math.fsum(mdm[1:n]), math.fsum(tr[1:n])
    for i in range(n, size):
        sp, sm, st = sp - sp / n + pdm[i], sm - sm / n + mdm[i], st - st / n + tr[i]
        pdi[i] = 0.0 if st == 0 else 100.0 * sp / st
        mdi[i] = 0.0 if st == 0 else 100.0 * sm / st
        s = pdi[i] + mdi[i]
        dx[i] = 0.0 if s == 0 else 100.0 * abs(pdi[i] - mdi[i]) / s
    return wilder(dx, n, n), pdi, mdi


def mfi(h: Seq, lo: Seq, c: Seq, v: Seq, n: int) -> list[float]:
    tp = [(a + b + x) / 3.0 for a, b, x in zip(h, lo, c, strict=True)]
    # Typical prices within 1e-12 (relative) of the previous one count as unchanged.
    pos = [0.0] + [tp[i] * v[i] if tp[i] - tp[i - 1] > 1e-12 * abs(tp[i]) else 0.0 for i in range(1, len(tp))]
    neg = [0.0] + [tp[i] * v[i] if tp[i - 1] - tp[i] > 1e-12 * abs(tp[i]) else 0.0 for i in range(1, len(tp))]
    out = [NAN] * len(tp)
    for i in range(n, len(tp)):
        p, m = math.fsum(pos[i - n + 1 : i + 1]), math.fsum(neg[i - n + 1 : i + 1])
        out[i] = 0.0 if p + m == 0 else 100.0 * p / (p + m)
    return out


def obv(c: Seq, v: Seq) -> list[float]:
    out, total = [], 0.0
    for i in range(len(c)):
        if i == 0:
            total = v[0]
        elif c[i] > c[i - 1]:
            total += v[i]
        elif c[i] < c[i - 1]:
            total -= v[i]
        out.append(total)
    return out


def obv_rolling(c: Seq, v: Seq, n: int) -> list[float]:
    signed = [NAN] + [
        (1 if c[i] > c[i - 1] else -1 if c[i] < c[i - 1] else 0) * v[i] for i in range(1, len(c))
    ]
    return [NAN if i < n else math.fsum(signed[i - n + 1 : i + 1]) for i in range(len(c))]


def relative_volume(v: Seq, n: int) -> list[float]:
    out = [NAN] * len(v)
    for i in range(n, len(v)):
        base = math.fsum(v[i - n : i]) / n
        out[i] = NAN if base == 0 else v[i] / base
    return out


def vwap_session(t: Sequence[int], h: Seq, lo: Seq, c: Seq, v: Seq, session_ms: int) -> list[float]:
    out, pv, vv, current = [], 0.0, 0.0, None
    for i in range(len(c)):
        s = t[i] // session_ms
        if s != current:
            current, pv, vv = s, 0.0, 0.0
        tp = (h[i] + lo[i] + c[i]) / 3.0
        pv += tp * v[i]
        vv += v[i]
        out.append(NAN if vv == 0 else pv / vv)
    return out


def vwap_rolling(h: Seq, lo: Seq, c: Seq, v: Seq, n: int) -> list[float]:
    out = [NAN] * len(c)
    for i in range(n - 1, len(c)):
        r = range(i - n + 1, i + 1)
        vol = math.fsum(v[j] for j in r)
        out[i] = NAN if vol == 0 else math.fsum((h[j] + lo[j] + c[j]) / 3.0 * v[j] for j in r) / vol
    return out


def realized_volatility(c: Seq, n: int) -> list[float]:
    r2 = [NAN] + [math.log(c[i] / c[i - 1]) ** 2 for i in range(1, len(c))]
    return [NAN if i < n else math.sqrt(math.fsum(r2[i - n + 1 : i + 1]) / n) for i in range(len(c))]


def slope(x: Seq, n: int) -> list[float]:
    """Least-squares slope of the last n values against 0..n-1."""
    out = [NAN] * len(x)
    mx = (n - 1) / 2
    sxx = math.fsum((j - mx) ** 2 for j in range(n))
    for i in range(n - 1, len(x)):
        w = x[i - n + 1 : i + 1]
        my = math.fsum(w) / n
        out[i] = math.fsum((j - mx) * (w[j] - my) for j in range(n)) / sxx
    return out

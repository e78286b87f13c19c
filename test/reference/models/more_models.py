"""Independent reference values for BG/BB, sBG and MBG/NBD.

Run:  /usr/bin/python3 test/reference/models/more_models.py > test/reference/models/more_models.json

Written from the papers with scipy and mpmath, not from the library's code:
- BG/BB: Fader, Hardie & Shang (2010), "Customer-base analysis in a discrete-time
  noncontractual setting", eq. 5 (likelihood), 7 (P(X(n) = x)), 8 (E[X(n)]),
  11 (P(alive)), 13 (conditional expectation); data ../shared/data/cdnow_lifetimes/donations.csv.
- sBG: Fader & Hardie (2007), "How to project customer retention": P(T = t), S(t),
  the likelihood of the survivor counts; DERL (Fader & Hardie 2010) as the defining
  sum of discounted survival probabilities, summed directly.
- MBG/NBD: Batislam, Denizel & Filiztekin (2007); the likelihood, P(alive), and the
  expectations by numerical integration of their definitions over the mixing
  distributions (no hypergeometric function); data cdnow_customers_summary.csv.
Each maximum: scipy Nelder-Mead then BFGS on the log-parameters, then Newton steps
with the mpmath gradient and Hessian (30 digits) until the step is below 1e-15;
standard errors from that Hessian. Needs ../shared/data (the data parts print {} when absent).
"""
import csv
import json
import os
import sys

import mpmath as mp
import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln

mp.mp.dps = 30
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "data", "cdnow_lifetimes")


def mle(nll_np, nll_mp, start):
    """scipy search on log-parameters, then mpmath Newton on the natural parameters."""
    f = lambda u: nll_np(np.exp(u))
    res = minimize(f, np.log(start), method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-12, maxfev=40000, maxiter=40000))
    res = minimize(f, res.x, method="BFGS", options=dict(gtol=1e-9))
    theta = [mp.mpf(float(v)) for v in np.exp(res.x)]
    n = len(theta)
    for _ in range(6):
        grad = mp.matrix([mp.diff(nll_mp, theta, tuple(1 if k == i else 0 for k in range(n))) for i in range(n)])
        H = mp.matrix(n, n)
        for i in range(n):
            for j in range(i, n):
                order = [0] * n
                order[i] += 1
                order[j] += 1
                H[i, j] = H[j, i] = mp.diff(nll_mp, theta, tuple(order))
        step = H**-1 * grad
        theta = [theta[i] - step[i] for i in range(n)]
        if max(abs(step[i] / theta[i]) for i in range(n)) < mp.mpf("1e-15"):
            break
    C = H**-1
    return [float(t) for t in theta], float(-nll_mp(*theta)), [float(mp.sqrt(C[i, i])) for i in range(n)]


out = {}

# ------------------------------------------------------------------ sBG
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]


def sbg_ll_mp(a, b, counts):
    P = lambda t: mp.beta(a + 1, b + t - 1) / mp.beta(a, b)
    S = lambda t: mp.beta(a, b + t) / mp.beta(a, b)
    k = len(counts) - 1
    return mp.fsum((counts[t - 1] - counts[t]) * mp.log(P(t)) for t in range(1, k + 1)) + counts[k] * mp.log(S(k))


def sbg_ll_np(a, b, counts):
    counts = np.array(counts, dtype=float)
    t = np.arange(1, len(counts))
    lp = betaln(a + 1, b + t - 1) - betaln(a, b)
    return np.sum((counts[:-1] - counts[1:]) * lp) + counts[-1] * (betaln(a, b + len(counts) - 1) - betaln(a, b))


def derl_mp(a, b, d, renewals):
    """sum_{t>=n} S(t)/S(n-1) / (1+d)^(t-n), n = renewals + 1, summed to 1e-25."""
    a, b, d = mp.mpf(a), mp.mpf(b), mp.mpf(d)
    n = renewals + 1
    S = lambda t: mp.beta(a, b + t) / mp.beta(a, b)
    return mp.nsum(lambda k: S(n + k) / S(n - 1) / (1 + d) ** k, [0, mp.inf])


out["sbg"] = {}
for name, counts in [("regular", REGULAR), ("highEnd", HIGH_END)]:
    params, ll, se = mle(lambda th: -sbg_ll_np(th[0], th[1], counts), lambda a, b: -sbg_ll_mp(a, b, counts), [1, 1])
    out["sbg"][name] = {"counts": counts, "params": dict(zip(["alpha", "beta"], params)), "logLikelihood": ll, "standardErrors": dict(zip(["alpha", "beta"], se))}
both = [REGULAR, HIGH_END]
params, ll, se = mle(lambda th: -sum(sbg_ll_np(th[0], th[1], c) for c in both), lambda a, b: -sum(sbg_ll_mp(a, b, c) for c in both), [1, 1])
out["sbg"]["pooled"] = {"params": dict(zip(["alpha", "beta"], params)), "logLikelihood": ll}
# Curves and DERL at the published estimates of the "regular" segment.
A, B = mp.mpf("0.704"), mp.mpf("1.182")
out["sbg"]["published"] = {
    "params": {"alpha": 0.704, "beta": 1.182},
    "logLikelihoodRegular": float(sbg_ll_mp(A, B, REGULAR)),
    "survival": [float(mp.beta(A, B + t) / mp.beta(A, B)) for t in range(0, 13)],
    "churnProbability": [float(mp.beta(A + 1, B + t - 1) / mp.beta(A, B)) for t in range(1, 13)],
    "retention": [float(mp.beta(A, B + t) / mp.beta(A, B + t - 1)) for t in range(1, 13)],
    "derl": [{"discountRate": d, "renewals": k, "value": float(derl_mp(A, B, d, k))} for d, k in [(0.1, 0), (0.1, 4), (0.02, 0), (0.5, 10)]],
}
HE = (mp.mpf("0.668"), mp.mpf("3.806"))
out["sbg"]["published"]["logLikelihoodHighEnd"] = float(sbg_ll_mp(*HE, HIGH_END))
# A segment with alpha > 1 has a finite expected lifetime: the geometric mean lifetime
# 1/theta averaged over theta ~ Beta(alpha, beta), integrated numerically.
A2, B2 = mp.mpf("2.5"), mp.mpf("4")
lifetime = mp.quad(lambda th: th ** (A2 - 2) * (1 - th) ** (B2 - 1) / mp.beta(A2, B2), [0, 1])
out["sbg"]["finiteLifetime"] = {"params": {"alpha": 2.5, "beta": 4}, "expectedLifetime": float(lifetime)}

# ------------------------------------------------------------------ BG/BB
path = os.path.join(DATA, "donations.csv")
if os.path.exists(path):
    rows = [(int(r["frequency"]), int(r["recency"]), int(r["periods"]), int(r["weights"])) for r in csv.DictReader(open(path))]

    def bgbb_L_mp(a, b, g, d, x, tx, n):
        L = mp.beta(a + x, b + n - x) / mp.beta(a, b) * mp.beta(g, d + n) / mp.beta(g, d)
        for i in range(n - tx):
            L += mp.beta(a + x, b + tx - x + i) / mp.beta(a, b) * mp.beta(g + 1, d + tx + i) / mp.beta(g, d)
        return L

    def bgbb_ll_np(th):
        a, b, g, d = th
        tot = 0.0
        for x, tx, n, w in rows:
            terms = [betaln(a + x, b + n - x) - betaln(a, b) + betaln(g, d + n) - betaln(g, d)]
            terms += [betaln(a + x, b + tx - x + i) - betaln(a, b) + betaln(g + 1, d + tx + i) - betaln(g, d) for i in range(n - tx)]
            tot += w * np.logaddexp.reduce(terms)
        return tot

    bgbb_ll_mp = lambda a, b, g, d: mp.fsum(w * mp.log(bgbb_L_mp(a, b, g, d, x, tx, n)) for x, tx, n, w in rows)
    params, ll, se = mle(lambda th: -bgbb_ll_np(th), lambda *th: -bgbb_ll_mp(*th), [1, 1, 1, 1])
    names = ["alpha", "beta", "gamma", "delta"]
    P = tuple(mp.mpf(v) for v in ("1.204", "0.750", "0.657", "2.783"))
    a, b, g, d = P

    def palive(x, tx, n):
        return mp.beta(a + x, b + n - x) / mp.beta(a, b) * mp.beta(g, d + n + 1) / mp.beta(g, d) / bgbb_L_mp(a, b, g, d, x, tx, n)

    def cond(x, tx, n, ns):
        alive_sum = mp.fsum(mp.beta(g, d + t) / mp.beta(g, d) for t in range(n + 1, n + ns + 1))
        return mp.beta(a + x + 1, b + n - x) / mp.beta(a, b) * alive_sum / bgbb_L_mp(a, b, g, d, x, tx, n)

    def pX(x, n):
        p = mp.binomial(n, x) * mp.beta(a + x, b + n - x) / mp.beta(a, b) * mp.beta(g, d + n) / mp.beta(g, d)
        return p + mp.fsum(mp.binomial(i, x) * mp.beta(a + x, b + i - x) / mp.beta(a, b) * mp.beta(g + 1, d + i) / mp.beta(g, d) for i in range(x, n))

    expected = lambda n: a / (a + b) * mp.fsum(mp.beta(g, d + t) / mp.beta(g, d) for t in range(1, n + 1))
    customers = [(6, 6, 6), (3, 4, 6), (1, 1, 6), (0, 0, 6), (5, 6, 6), (2, 6, 6)]
    out["bgbb"] = {
        "customers": sum(w for *_, w in rows),
        "params": dict(zip(names, params)),
        "logLikelihood": ll,
        "standardErrors": dict(zip(names, se)),
        "published": {
            "params": dict(zip(names, [1.204, 0.750, 0.657, 2.783])),
            "logLikelihood": float(bgbb_ll_mp(*P)),
            "cases": [
                {"frequency": x, "recency": tx, "periods": n, "probabilityAlive": float(palive(x, tx, n)), "conditionalExpected5": float(cond(x, tx, n, 5))}
                for x, tx, n in customers
            ],
            "expectedPurchases": {str(n): float(expected(n)) for n in (1, 6, 11, 30)},
            "probabilityOfPurchases6": [float(pX(x, 6)) for x in range(7)],
        },
    }

# ------------------------------------------------------------------ MBG/NBD
path = os.path.join(DATA, "cdnow_customers_summary.csv")
if os.path.exists(path):
    rows = [(int(r["frequency"]), float(r["recency"]), float(r["T"])) for r in csv.DictReader(open(path))]
    groups = {}
    for row in rows:
        groups[row] = groups.get(row, 0) + 1
    x = np.array([k[0] for k in groups], dtype=float)
    tx = np.array([k[1] for k in groups])
    T = np.array([k[2] for k in groups])
    w = np.array(list(groups.values()), dtype=float)

    def mbg_ll_np(th):
        r, al, a, b = th
        head = gammaln(r + x) - gammaln(r) + r * np.log(al)
        alive = betaln(a, b + x + 1) - betaln(a, b) - (r + x) * np.log(al + T)
        dead = betaln(a + 1, b + x) - betaln(a, b) - (r + x) * np.log(al + tx)
        return np.sum(w * (head + np.logaddexp(alive, dead)))

    def mbg_L_mp(r, al, a, b, x_, tx_, T_):
        A = mp.gamma(r + x_) * al**r / mp.gamma(r)
        return A * (mp.beta(a, b + x_ + 1) / mp.beta(a, b) / (al + T_) ** (r + x_) + mp.beta(a + 1, b + x_) / mp.beta(a, b) / (al + tx_) ** (r + x_))

    keys = [(mp.mpf(k[0]), mp.mpf(str(k[1])), mp.mpf(str(k[2])), v) for k, v in groups.items()]
    mbg_ll_mp = lambda r, al, a, b: mp.fsum(v * mp.log(mbg_L_mp(r, al, a, b, x_, tx_, T_)) for x_, tx_, T_, v in keys)
    mp.mp.dps = 20
    params, ll, se = mle(lambda th: -mbg_ll_np(th), lambda *th: -mbg_ll_mp(*th), [1, 1, 1, 1])
    mp.mp.dps = 30
    names = ["r", "alpha", "a", "b"]
    P = tuple(mp.mpf(v) for v in ("0.525", "6.183", "0.891", "1.614"))
    r, al, a, b = P

    def palive(x_, tx_, T_):
        x_, tx_, T_ = mp.mpf(x_), mp.mpf(tx_), mp.mpf(T_)
        alive = mp.beta(a, b + x_ + 1) / (al + T_) ** (r + x_)
        return alive / (alive + mp.beta(a + 1, b + x_) / (al + tx_) ** (r + x_))

    def expected(t):
        # E[(1-p)/p (1 - e^{-lambda p t})]: lambda integrated out, then p ~ Beta(a, b) numerically.
        t = mp.mpf(t)
        f = lambda p: (1 - p) / p * (1 - (al / (al + p * t)) ** r) * p ** (a - 1) * (1 - p) ** (b - 1) / mp.beta(a, b)
        return mp.quad(f, [0, mp.mpf("1e-6"), mp.mpf("0.01"), 1])

    def conditional(t, x_, tx_, T_):
        # Alive at T: lambda ~ Gamma(r+x, alpha+T), p ~ Beta(a, b+x+1); then E[(1/p)(1 - e^{-lambda p t})].
        t, x_ = mp.mpf(t), mp.mpf(x_)
        rr, aa, bb = r + x_, al + mp.mpf(T_), b + x_ + 1
        f = lambda p: (1 / p) * (1 - (aa / (aa + p * t)) ** rr) * p ** (a - 1) * (1 - p) ** (bb - 1) / mp.beta(a, bb)
        return palive(x_, tx_, T_) * mp.quad(f, [0, mp.mpf("1e-6"), mp.mpf("0.01"), 1])

    def pX(x_, t):
        # Dropped out after the x-th purchase (x = 0: at once), or alive with exactly x.
        t = mp.mpf(t)
        nb = lambda j: mp.gamma(r + j) / (mp.gamma(r) * mp.factorial(j)) * (al / (al + t)) ** r * (t / (al + t)) ** j
        alive = mp.beta(a, b + x_ + 1) / mp.beta(a, b) * nb(x_)
        dead = mp.beta(a + 1, b + x_) / mp.beta(a, b) * (1 - mp.fsum(nb(j) for j in range(x_)))
        return alive + dead

    cases = [(0, 0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (7, 29.43, 35.0), (14, 37.0, 37.5), (200, 30.0, 38.0)]
    out["mbgNbd"] = {
        "params": dict(zip(names, params)),
        "logLikelihood": ll,
        "standardErrors": dict(zip(names, se)),
        "published": {
            "params": dict(zip(names, [0.525, 6.183, 0.891, 1.614])),
            "logLikelihood": float(mbg_ll_mp(*P)),
            "cases": [
                {"frequency": x_, "recency": tx_, "T": T_, "probabilityAlive": float(palive(x_, tx_, T_)), "conditionalExpected39": float(conditional(39, x_, tx_, T_))}
                for x_, tx_, T_ in cases
            ],
            "expectedPurchases": {str(t): float(expected(t)) for t in (1, 10, 39, 78)},
            "probabilityOfPurchases39": [float(pX(k, 39)) for k in range(8)],
        },
    }

json.dump(out, sys.stdout, indent=1)
print()

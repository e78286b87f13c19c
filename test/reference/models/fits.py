"""Independent maximum-likelihood fits of BG/NBD, Pareto/NBD and Gamma-Gamma on CDNOW.

Run:  /usr/bin/python3 test/reference/models/fits.py > test/reference/models/fits.json

The likelihoods are written here from the papers with numpy/scipy (not from the
library's code), maximised with scipy.optimize (Nelder-Mead then BFGS, tight
tolerances), then refined by a Newton step with the gradient and Hessian of an
mpmath copy of the likelihood (mpmath.diff at 30 digits, natural parameters): from
scipy's maximum, good to about 1e-7 (its BFGS uses finite differences), one step
lands within about 1e-14. Standard errors: inverse of that
Hessian at the optimum.
Needs ../shared/data/cdnow_lifetimes (prints {} when absent).
"""
import csv
import json
import os
import sys

import mpmath as mp
import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "data", "cdnow_lifetimes")
summary = os.path.join(DATA, "cdnow_customers_summary.csv")
if not os.path.exists(summary):
    print("{}")
    sys.exit(0)
rows = list(csv.DictReader(open(summary)))
x = np.array([float(r["frequency"]) for r in rows])
tx = np.array([float(r["recency"]) for r in rows])
T = np.array([float(r["T"]) for r in rows])
trows = [r for r in csv.DictReader(open(os.path.join(DATA, "cdnow_customers_summary_with_transactions.csv"))) if int(r["x"]) > 0]
gx = np.array([float(r["x"]) for r in trows])
gz = np.array([float(r["zbar"]) for r in trows])


def bg_nll(theta):
    r, al, a, b = theta
    common = betaln(a, b + x) - betaln(a, b) + gammaln(r + x) - gammaln(r) + r * np.log(al)
    t1 = common - (r + x) * np.log(al + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        t2 = np.where(x > 0, betaln(a + 1, b + x - 1) - betaln(a, b) + gammaln(r + x) - gammaln(r) + r * np.log(al) - (r + x) * np.log(al + tx), -np.inf)
    return -np.sum(np.logaddexp(t1, t2))


def pn_nll(theta):
    r, al, s, be = theta
    rsx = r + s + x
    if al >= be:
        F = lambda t: hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + t)) / (al + t) ** rsx
    else:
        F = lambda t: hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + t)) / (be + t) ** rsx
    A0 = F(tx) - F(T)
    L = np.exp(gammaln(r + x) - gammaln(r)) * al**r * be**s * (1 / ((al + T) ** (r + x) * (be + T) ** s) + s / rsx * A0)
    return -np.sum(np.log(L))


def gg_nll(theta):
    p, q, v = theta
    px = p * gx
    return -np.sum(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v) + (px - 1) * np.log(gz) + px * np.log(gx) - (px + q) * np.log(v + gx * gz))


def fit(nll, start):
    f = lambda u: nll(np.exp(u))
    res = minimize(f, np.log(start), method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-12, maxfev=40000, maxiter=40000))
    res = minimize(f, res.x, method="BFGS", options=dict(gtol=1e-9))
    return np.exp(res.x), -res.fun


# mpmath copies for the Hessian
mp.mp.dps = 30
X = [mp.mpf(r["frequency"]) for r in rows]
TX = [mp.mpf(r["recency"]) for r in rows]
TT = [mp.mpf(r["T"]) for r in rows]
GX = [mp.mpf(r["x"]) for r in trows]
GZ = [mp.mpf(r["zbar"]) for r in trows]


def bg_nll_mp(r, al, a, b):
    # Group identical rows: each distinct (x, tx, T) is computed once.
    groups = {}
    for k in zip(X, TX, TT):
        groups[k] = groups.get(k, 0) + 1
    tot = 0
    for (x_, tx_, T_), w in groups.items():
        L = mp.beta(a, b + x_) / mp.beta(a, b) * mp.gamma(r + x_) / mp.gamma(r) * al**r / (al + T_) ** (r + x_)
        if x_ > 0:
            L += mp.beta(a + 1, b + x_ - 1) / mp.beta(a, b) * mp.gamma(r + x_) / mp.gamma(r) * al**r / (al + tx_) ** (r + x_)
        tot += w * mp.log(L)
    return -tot


def gg_nll_mp(p, q, v):
    tot = 0
    for x_, z_ in zip(GX, GZ):
        px = p * x_
        tot += mp.loggamma(px + q) - mp.loggamma(px) - mp.loggamma(q) + q * mp.log(v) + (px - 1) * mp.log(z_) + px * mp.log(x_) - (px + q) * mp.log(v + x_ * z_)
    return -tot


def pn_nll_mp(r, al, s, be):
    # Group identical rows: the mpmath 2F1 is slow.
    groups = {}
    for k in zip(X, TX, TT):
        groups[k] = groups.get(k, 0) + 1
    tot = 0
    for (x_, tx_, T_), w in groups.items():
        rsx = r + s + x_
        if al >= be:
            F = lambda t: mp.hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + t)) / (al + t) ** rsx
        else:
            F = lambda t: mp.hyp2f1(rsx, r + x_, rsx + 1, (be - al) / (be + t)) / (be + t) ** rsx
        L = mp.gamma(r + x_) / mp.gamma(r) * al**r * be**s * (1 / ((al + T_) ** (r + x_) * (be + T_) ** s) + s / rsx * (F(tx_) - F(T_)))
        tot += w * mp.log(L)
    return -tot


def hessian(nll_mp, th):
    n = len(th)
    H = mp.matrix(n, n)
    for i in range(n):
        for j in range(i, n):
            order = [0] * n
            order[i] += 1
            order[j] += 1
            H[i, j] = H[j, i] = mp.diff(nll_mp, th, tuple(order), h=mp.mpf("1e-6"))
    return H


def refine(nll_mp, theta):
    """Newton steps on the mpmath likelihood from scipy's maximum (good to about 1e-7,
    so one step lands within about 1e-14: the convergence is quadratic); a second step
    only if the first moved by more than 1e-9. Returns the maximum, its log-likelihood
    and the standard errors (from the last Hessian)."""
    n = len(theta)
    th = [mp.mpf(float(t)) for t in theta]
    for _ in range(2):
        g = mp.matrix([mp.diff(nll_mp, th, tuple(1 if k == i else 0 for k in range(n)), h=mp.mpf("1e-8")) for i in range(n)])
        H = hessian(nll_mp, th)
        step = H**-1 * g
        th = [th[i] - step[i] for i in range(n)]
        if max(abs(step[i] / th[i]) for i in range(n)) < mp.mpf("1e-9"):
            break
    C = H**-1
    return [float(t) for t in th], float(-nll_mp(*th)), [float(mp.sqrt(C[i, i])) for i in range(n)]


out = {}
for key, names, nll, nll_mp, start in [
    ("bgNbd", ["r", "alpha", "a", "b"], bg_nll, bg_nll_mp, [1, 1, 1, 1]),
    ("paretoNbd", ["r", "alpha", "s", "beta"], pn_nll, pn_nll_mp, [1, 1, 1, 1]),
    ("gammaGamma", ["p", "q", "v"], gg_nll, gg_nll_mp, [1, 1, 1]),
]:
    rough, _ = fit(nll, start)
    params, ll, se = refine(nll_mp, rough)
    out[key] = {"params": dict(zip(names, params)), "logLikelihood": ll, "standardErrors": dict(zip(names, se))}
out["gammaGamma"]["repeatBuyers"] = len(trows)
json.dump(out, sys.stdout, indent=1)
print()

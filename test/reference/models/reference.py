"""Independent reference values for the customer-base models.

Run:  /usr/bin/python3 test/reference/models/reference.py > test/reference/models/reference.json

Everything is computed with mpmath at 40 significant digits straight from the
published formulas (not from the library's code):
- BG/NBD: Fader, Hardie & Lee (2005) "Counting your customers the easy way", eq. 6
  (likelihood), 9 (E[X(t)]), 10 (conditional expectation), 12 (P(alive)).
- Pareto/NBD: Fader & Hardie (2005) "A note on deriving the Pareto/NBD model and
  related expressions", eq. 22 (likelihood via 2F1), 24 (P(alive)), 26
  (conditional expectation); the likelihood is cross-checked against the direct
  integral over the death time (mpmath.quad), which uses no hypergeometric function.
- Gamma-Gamma: Fader, Hardie & Lee (2005) "RFM and CLV", eq. 1 and 2.
Totals over the CDNOW summary files are added when ../shared/data is present.
"""
import csv
import json
import os
import sys

import mpmath as mp

mp.mp.dps = 40

ROOT = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "..", "..", "..", "..", "shared", "data", "cdnow_lifetimes")


def bg_ll(r, al, a, b, x, tx, T):
    r, al, a, b, x, tx, T = map(mp.mpf, (r, al, a, b, x, tx, T))
    common = mp.beta(a, b + x) / mp.beta(a, b) * mp.gamma(r + x) / mp.gamma(r) * al**r
    L = common / (al + T) ** (r + x)
    if x > 0:
        L += mp.beta(a + 1, b + x - 1) / mp.beta(a, b) * mp.gamma(r + x) / mp.gamma(r) * al**r / (al + tx) ** (r + x)
    return mp.log(L)


def bg_palive(r, al, a, b, x, tx, T):
    r, al, a, b, x, tx, T = map(mp.mpf, (r, al, a, b, x, tx, T))
    if x == 0:
        return mp.mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))


def bg_expected(r, al, a, b, t):
    r, al, a, b, t = map(mp.mpf, (r, al, a, b, t))
    return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * mp.hyp2f1(r, b, a + b - 1, t / (al + t)))


def bg_conditional(r, al, a, b, t, x, tx, T):
    r, al, a, b, t, x, tx, T = map(mp.mpf, (r, al, a, b, t, x, tx, T))
    num = (a + b + x - 1) / (a - 1) * (
        1 - ((al + T) / (al + T + t)) ** (r + x) * mp.hyp2f1(r + x, b + x, a + b + x - 1, t / (al + T + t))
    )
    den = 1 + (a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x) if x > 0 else 0)
    return num / den


def pareto_parts(r, al, s, be, x, tx, T):
    r, al, s, be, x, tx, T = map(mp.mpf, (r, al, s, be, x, tx, T))
    front = mp.gamma(r + x) * al**r * be**s / mp.gamma(r)
    rsx = r + s + x
    if al >= be:
        f = lambda t: mp.hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + t)) / (al + t) ** rsx
    else:
        f = lambda t: mp.hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + t)) / (be + t) ** rsx
    A0 = f(tx) - f(T)
    alive = 1 / ((al + T) ** (r + x) * (be + T) ** s)
    dead = s / rsx * A0
    return front, alive, dead


def pareto_ll(r, al, s, be, x, tx, T):
    front, alive, dead = pareto_parts(r, al, s, be, x, tx, T)
    return mp.log(front * (alive + dead))


def pareto_ll_integral(r, al, s, be, x, tx, T):
    """The same likelihood without 2F1: alive through T, or dead at tau in (tx, T]."""
    r, al, s, be, x, tx, T = map(mp.mpf, (r, al, s, be, x, tx, T))
    front = mp.gamma(r + x) * al**r * be**s / mp.gamma(r)
    alive = 1 / ((al + T) ** (r + x) * (be + T) ** s)
    dead = mp.quad(lambda tau: s * (al + tau) ** (-(r + x)) * (be + tau) ** (-(s + 1)), mp.linspace(tx, T, 200), maxdegree=10) if T > tx else 0
    return mp.log(front * (alive + dead))


def pareto_palive(r, al, s, be, x, tx, T):
    _, alive, dead = pareto_parts(r, al, s, be, x, tx, T)
    return alive / (alive + dead)


def pareto_expected(r, al, s, be, t):
    r, al, s, be, t = map(mp.mpf, (r, al, s, be, t))
    return r * be / (al * (s - 1)) * (1 - (be / (be + t)) ** (s - 1))


def pareto_conditional(r, al, s, be, t, x, tx, T):
    p = pareto_palive(r, al, s, be, x, tx, T)
    r, al, s, be, t, x, tx, T = map(mp.mpf, (r, al, s, be, t, x, tx, T))
    return (r + x) * (be + T) / ((al + T) * (s - 1)) * (1 - ((be + T) / (be + T + t)) ** (s - 1)) * p


def gg_ll(p, q, v, x, m):
    p, q, v, x, m = map(mp.mpf, (p, q, v, x, m))
    return mp.log(
        mp.gamma(p * x + q) / (mp.gamma(p * x) * mp.gamma(q)) * v**q * m ** (p * x - 1) * x ** (p * x) / (v + m * x) ** (p * x + q)
    )


def gg_conditional(p, q, v, x, m):
    p, q, v, x, m = map(mp.mpf, (p, q, v, x, m))
    return p * (v + x * m) / (p * x + q - 1)


def f(v):
    return float(v)


BG = (0.243, 4.414, 0.793, 2.426)
PN = (0.553, 10.578, 0.606, 11.669)
GG = (6.25, 3.74, 15.44)
CUSTOMERS = [  # (x, tx, T): new, typical, recent buyer, long-lapsed, many purchases, very many
    (0, 0, 38.86),
    (2, 30.43, 38.86),
    (1, 1.71, 38.86),
    (7, 29.43, 35.0),
    (14, 37.0, 37.5),
    (200, 30.0, 38.0),
    (1000, 20.0, 38.0),
    (30, 38.0, 38.0),
]
out = {"params": {"bgNbd": BG, "paretoNbd": PN, "gammaGamma": GG}, "customers": CUSTOMERS, "bgNbd": [], "paretoNbd": [], "gammaGamma": []}
for x, tx, T in CUSTOMERS:
    out["bgNbd"].append(
        {
            "logLikelihood": f(bg_ll(*BG, x, tx, T)),
            "probabilityAlive": f(bg_palive(*BG, x, tx, T)),
            "conditionalExpectedPurchases10": f(bg_conditional(*BG, 10, x, tx, T)),
            "conditionalExpectedPurchases52": f(bg_conditional(*BG, 52, x, tx, T)),
        }
    )
    ll = pareto_ll(*PN, x, tx, T)
    ll_int = pareto_ll_integral(*PN, x, tx, T)
    assert abs(ll - ll_int) < mp.mpf("1e-12") * abs(ll), (x, tx, T, ll, ll_int)
    out["paretoNbd"].append(
        {
            "logLikelihood": f(ll),
            "probabilityAlive": f(pareto_palive(*PN, x, tx, T)),
            "conditionalExpectedPurchases10": f(pareto_conditional(*PN, 10, x, tx, T)),
            "conditionalExpectedPurchases52": f(pareto_conditional(*PN, 52, x, tx, T)),
        }
    )
# Pareto/NBD with alpha > beta (the other branch of the 2F1 formula).
PN2 = (0.8, 15.0, 1.4, 3.0)
out["params"]["paretoNbdAlphaAboveBeta"] = PN2
out["paretoNbdAlphaAboveBeta"] = []
for x, tx, T in CUSTOMERS:
    ll = pareto_ll(*PN2, x, tx, T)
    assert abs(ll - pareto_ll_integral(*PN2, x, tx, T)) < mp.mpf("1e-12") * abs(ll)
    out["paretoNbdAlphaAboveBeta"].append({"logLikelihood": f(ll), "probabilityAlive": f(pareto_palive(*PN2, x, tx, T))})
# Extreme ratios of alpha and beta: the 2F1 argument is within 1e-4 of 1 (the
# library switches to numerical integration there).
EXTREME = {"paretoNbdTinyAlpha": (0.5, 0.001, 0.6, 100.0), "paretoNbdTinyBeta": (0.7, 80.0, 1.3, 0.002)}
EXTREME_CUSTOMERS = [(0, 0, 20.0), (3, 5.0, 30.0), (50, 12.5, 30.0), (1000, 29.0, 30.0)]
out["extremeCustomers"] = EXTREME_CUSTOMERS
for name, P in EXTREME.items():
    out["params"][name] = P
    out[name] = []
    for x, tx, T in EXTREME_CUSTOMERS:
        ll = pareto_ll(*P, x, tx, T)
        assert abs(ll - pareto_ll_integral(*P, x, tx, T)) < mp.mpf("1e-12") * abs(ll), (name, x, ll)
        out[name].append({"logLikelihood": f(ll), "probabilityAlive": f(pareto_palive(*P, x, tx, T))})
out["expectedPurchases"] = {
    "t": [1, 10, 39, 78, 520],
    "bgNbd": [f(bg_expected(*BG, t)) for t in [1, 10, 39, 78, 520]],
    "paretoNbd": [f(pareto_expected(*PN, t)) for t in [1, 10, 39, 78, 520]],
}
GG_CASES = [(1, 11.77), (2, 22.35), (5, 40.0), (50, 18.2), (400, 35.5)]
out["gammaGammaCases"] = GG_CASES
for x, m in GG_CASES:
    out["gammaGamma"].append({"logLikelihood": f(gg_ll(*GG, x, m)), "conditionalExpectedAverageValue": f(gg_conditional(*GG, x, m))})

# Totals over the CDNOW files at the published estimates.
summary = os.path.join(DATA, "cdnow_customers_summary.csv")
if os.path.exists(summary):
    rows = [(int(r["frequency"]), float(r["recency"]), float(r["T"])) for r in csv.DictReader(open(summary))]
    mp.mp.dps = 25
    out["cdnow"] = {
        "customers": len(rows),
        "bgNbdLogLikelihood": f(mp.fsum(bg_ll(*BG, *row) for row in rows)),
        "paretoNbdLogLikelihood": f(mp.fsum(pareto_ll(*PN, *row) for row in rows)),
    }
    tr = os.path.join(DATA, "cdnow_customers_summary_with_transactions.csv")
    rep = [(int(r["x"]), float(r["zbar"])) for r in csv.DictReader(open(tr)) if int(r["x"]) > 0]
    out["cdnow"]["repeatBuyers"] = len(rep)
    out["cdnow"]["gammaGammaLogLikelihood"] = f(mp.fsum(gg_ll(*GG, x, m) for x, m in rep))
json.dump(out, sys.stdout, indent=1)
print()

"""Independent diagnostics of the BG/NBD fit on CDNOW (calibration to week 39, holdout to week 78).

Run:  /usr/bin/python3 test/reference/models/diagnostics.py > test/reference/models/diagnostics.json

Computed with pandas and scipy from CDNOW_sample.txt and the formulas of Fader, Hardie
& Lee (2005), "Counting your customers the easy way" (eq. 8 P(X(t) = x), 9 E[X(t)],
10 conditional expectation, 12 P(alive)), not from the library's code, at the maximum
of BG/NBD on cdnow_customers_summary.csv as fits.json holds it (fits.py):
- tracking: repeat purchases (purchase days after the first) per 7-day period from
  1997-01-01, actual, and expected = sum over customers of E[X(end - first)] with
  times in weeks (days / 7) and a period's end its last day;
- period transactions: customers with 0..6 and 7+ calibration repeat purchases,
  actual and sum_i P(X(T_i) = x), the NBD tail from scipy.stats.nbinom;
- calibration vs holdout: mean holdout purchase days per calibration frequency,
  actual and predicted (eq. 10 over the 39-week holdout);
- holdout evaluation: MAE, RMSE, Pearson correlation, aggregate relative error;
- P(alive) and expected-purchases (t = 39) matrices at T = 39 over frequency 0..20 and
  recency 0, 39/20, ..., 39 (frequency 0 only at recency 0);
- the comparison table: AIC and BIC of BG/NBD, Pareto/NBD and MBG/NBD from the
  log-likelihoods of fits.json and more_models.json.
Needs ../shared/data (prints {} when absent).
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
from scipy.special import betaln, gammaln, hyp2f1
from scipy.stats import nbinom

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "cdnow_lifetimes", "CDNOW_sample.txt")
if not os.path.exists(DATA):
    print("{}")
    sys.exit(0)

fits = json.load(open(os.path.join(HERE, "fits.json")))
more = json.load(open(os.path.join(HERE, "more_models.json")))
p = fits["bgNbd"]["params"]
r, alpha, a, b = p["r"], p["alpha"], p["a"], p["b"]


def expected(t):
    t = np.asarray(t, dtype=float)
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


def p_alive(x, tx, T):
    return np.where(x > 0, 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x)), 1.0)


def conditional(t, x, tx, T):
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)))
    return num * p_alive(x, tx, T)


def prob_x(x, t):
    q = alpha / (alpha + t)
    first = np.exp(betaln(a, b + x) - betaln(a, b) + gammaln(r + x) - gammaln(r) - gammaln(x + 1) + r * np.log(q) + x * np.log(1 - q))
    if x == 0:
        return first
    # P(NBD >= x) with N ~ NegBin(r, q): scipy's survival function at x - 1.
    return first + np.exp(betaln(a + 1, b + x - 1) - betaln(a, b)) * nbinom.sf(x - 1, r, q)


log = pd.read_csv(DATA, sep=r"\s+", header=None, names=["master", "id", "date", "cds", "dollars"], dtype={"id": str, "date": str})
log["date"] = pd.to_datetime(log["date"], format="%Y%m%d")
days = log[["id", "date"]].drop_duplicates()
first = days.groupby("id")["date"].min().rename("first")
days = days.join(first, on="id")
start = first.min()
cal_end = pd.Timestamp("1997-09-30")
end = pd.Timestamp("1998-06-30")
days = days[days["date"] <= end]

# Tracking, 7-day periods from the first day.
offset = (days["date"] - start).dt.days
repeat = days[days["date"] > days["first"]]
periods = int((end - start).days // 7) + 1
actual = np.bincount(((repeat["date"] - start).dt.days // 7).to_numpy(), minlength=periods)[:periods]
births = ((first - start).dt.days).value_counts()
rows = []
cum_actual = 0
before = 0.0
for k in range(periods):
    last = min(7 * k + 6, (end - start).days)
    cum_expected = sum(n * float(expected((last - s) / 7)) for s, n in births.items() if s <= last)
    cum_actual += int(actual[k])
    rows.append({"period": k + 1, "actual": int(actual[k]), "expected": cum_expected - before, "actualCumulative": cum_actual, "expectedCumulative": cum_expected})
    before = cum_expected

# Calibration summary and holdout counts per customer.
cal = days[days["date"] <= cal_end]
summ = cal.groupby("id").agg(n=("date", "size"), last=("date", "max"), first=("first", "first"))
summ["x"] = summ["n"] - 1
summ["tx"] = (summ["last"] - summ["first"]).dt.days / 7
summ["T"] = (cal_end - summ["first"]).dt.days / 7
hold = days[(days["date"] > cal_end)].groupby("id").size()
summ["holdout"] = hold.reindex(summ.index).fillna(0).astype(int)
duration = (end - cal_end).days / 7
x = summ["x"].to_numpy(dtype=float)
tx = summ["tx"].to_numpy()
T = summ["T"].to_numpy()
pred = conditional(duration, x, tx, T)
act = summ["holdout"].to_numpy(dtype=float)

period_transactions = []
for k in range(8):
    actual_k = int((np.minimum(x, 7) == k).sum())
    exp_k = float(sum(prob_x(k, t) for t in T)) if k < 7 else None
    period_transactions.append({"frequency": k, "actual": actual_k, "expected": exp_k})
period_transactions[7]["expected"] = len(summ) - sum(row["expected"] for row in period_transactions[:7])

calibration_holdout = []
bucket = np.minimum(x, 7)
for k in range(8):
    sel = bucket == k
    calibration_holdout.append({"frequency": k, "customers": int(sel.sum()), "actualMean": float(act[sel].mean()), "predictedMean": float(pred[sel].mean())})

evaluation = {
    "customers": len(summ),
    "mae": float(np.mean(np.abs(act - pred))),
    "rmse": float(math.sqrt(np.mean((act - pred) ** 2))),
    "correlation": float(np.corrcoef(act, pred)[0, 1]),
    "actualTotal": float(act.sum()),
    "predictedTotal": float(pred.sum()),
    "aggregateError": float((pred.sum() - act.sum()) / act.sum()),
}

recencies = [39 * j / 20 for j in range(21)]
alive_cells, expected_cells = [], []
for f in range(21):
    for rec in [0.0] if f == 0 else recencies:
        alive_cells.append({"frequency": f, "recency": rec, "value": float(p_alive(np.float64(f), rec, 39.0))})
        expected_cells.append({"frequency": f, "recency": rec, "value": float(conditional(39.0, np.float64(f), rec, 39.0))})

n = 2357
comparison = []
for name, ll in [("BG/NBD", fits["bgNbd"]["logLikelihood"]), ("Pareto/NBD", fits["paretoNbd"]["logLikelihood"]), ("MBG/NBD", more["mbgNbd"]["logLikelihood"])]:
    comparison.append({"name": name, "logLikelihood": ll, "aic": 8 - 2 * ll, "bic": 4 * math.log(n) - 2 * ll})

json.dump(
    {
        "params": p,
        "customers": len(summ),
        "tracking": rows,
        "periodTransactions": period_transactions,
        "calibrationVsHoldout": calibration_holdout,
        "holdoutEvaluation": evaluation,
        "probabilityAliveMatrix": alive_cells,
        "expectedPurchasesMatrix": expected_cells,
        "comparison": comparison,
    },
    sys.stdout,
    indent=1,
)
print()

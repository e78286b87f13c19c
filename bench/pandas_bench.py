"""pandas' side of the bench: the same computations as bench/lib_bench.ts on the same files.

    /usr/bin/python3 bench/pandas_bench.py <dir> <runs> <warmup>

Prints one JSON line: medians (ms) per computation and the peak resident memory (MB).
Idiomatic, vectorised pandas/numpy throughout (groupby, merge, cumsum; scipy for the BG/NBD
fit, as the `lifetimes` package does it); nothing is written in Python loops over rows.
"""
import gc
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln

directory = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 2
meta = json.load(open(f"{directory}/meta.json"))
as_of = pd.Timestamp(meta["asOf"])
timings, every, first = {}, {}, {}


def timed(name, f):
    """`warmup` first calls (timed apart, as on the other sides), then `runs` timed ones."""
    times, result = [], None
    for _ in range(warmup + runs):
        result = None
        gc.collect()  # outside the timed span, as the library side collects garbage between runs
        t0 = time.perf_counter()
        result = f()
        times.append((time.perf_counter() - t0) * 1000)
    first[name], times = times[:warmup], times[warmup:]
    every[name] = times
    timings[name] = sorted(times)[runs // 2]
    return result


# Untimed set-up, as on the library side: the customer list and the survey.
customers = pd.read_csv(f"{directory}/customers.csv", dtype={"id": str})
for col in ("terminationNoticeAt", "noticeWithdrawnAt"):
    customers[col] = pd.to_datetime(customers[col], utc=True)
survey = pd.read_csv(f"{directory}/survey.csv", dtype={"customerId": str})


# 1. Ingestion and validation: CSV -> typed columns, every row checked as the library does.
def ingest():
    df = pd.read_csv(
        f"{directory}/transactions.csv",
        dtype={"customerId": str, "date": str, "amount": "float64", "profit": "float64", "quantity": "float64"},
    )
    df["date"] = pd.to_datetime(df["date"], utc=True, format="%Y-%m-%dT%H:%M:%S%z")
    bad = df["customerId"].isna() | (df["customerId"] == "") | df["date"].isna() | ~np.isfinite(df["amount"])
    bad |= np.isinf(df["profit"]) | np.isinf(df["quantity"])
    if bad.any():
        raise ValueError(f"{int(bad.sum())} bad rows")
    df["customerId"] = df["customerId"].astype("category")
    return df


df = timed("ingest", ingest)


# 2. RFM summary, lifetimes' summary_data_from_transaction_data (freq "D"): purchases are days.
def rfm_summary():
    day = df["date"].dt.floor("D")
    daily = df.assign(day=day).groupby(["customerId", "day"], observed=True, sort=True)["amount"].sum().reset_index()
    g = daily.groupby("customerId", observed=True)
    first = g["day"].transform("min")
    is_first = daily["day"] == first
    out = g.agg(first=("day", "min"), last=("day", "max"), count=("day", "size"))
    repeat = daily[~is_first].groupby("customerId", observed=True)["amount"].mean()
    end = as_of.floor("D")
    out["frequency"] = out["count"] - 1
    out["recency"] = (out["last"] - out["first"]).dt.days
    out["T"] = (end - out["first"]).dt.days
    out["monetaryValue"] = repeat.reindex(out.index).fillna(0.0)
    return out[["frequency", "recency", "T", "monetaryValue"]]


rfm = timed("rfmSummary", rfm_summary)


# 3. Monthly activity: active, new, retained, reactivated, churned, rates, revenue. As in the
# library, a customer is active in a month with a purchase (amount > 0); revenue sums every row.
def period_activity():
    month = df["date"].dt.year * 12 + df["date"].dt.month - 1
    revenue = df["amount"].groupby(month).sum()
    bought = (df["amount"] > 0).to_numpy()
    pairs = pd.DataFrame(
        {"c": df["customerId"].cat.codes.to_numpy()[bought], "m": month.to_numpy()[bought]}
    ).drop_duplicates()
    pairs = pairs.sort_values(["c", "m"])
    first = pairs.groupby("c")["m"].transform("min")
    prev = pairs.groupby("c")["m"].shift(1)
    months = np.arange(month.min(), month.max() + 1)
    active = pairs.groupby("m").size().reindex(months, fill_value=0)
    new = pairs[pairs["m"] == first].groupby("m").size().reindex(months, fill_value=0)
    retained = pairs[prev == pairs["m"] - 1].groupby("m").size().reindex(months, fill_value=0)
    reactivated = active - new - retained
    previous = active.shift(1, fill_value=0)
    churned = previous - retained
    out = pd.DataFrame(
        {
            "previousActive": previous,
            "active": active,
            "new": new,
            "retained": retained,
            "reactivated": reactivated,
            "churned": churned,
            "revenue": revenue.reindex(months, fill_value=0.0),
        }
    )
    out["retentionRate"] = (out["retained"] / out["previousActive"]).where(out["previousActive"] > 0)
    out["churnRate"] = (out["churned"] / out["previousActive"]).where(out["previousActive"] > 0)
    out["acquisitionRate"] = (out["new"] / out["previousActive"]).where(out["previousActive"] > 0)
    out["quickRatio"] = ((out["new"] + out["reactivated"]) / out["churned"]).where(out["churned"] > 0)
    return out


activity = timed("periodActivity", period_activity)


# 4. Monthly cohorts: classic retention and revenue retention by months since the first
# purchase. As in the library, the cohort is the month of the first purchase (amount > 0),
# activity counts purchases, revenue every row from the cohort month on.
def cohort_retention():
    month = (df["date"].dt.year * 12 + df["date"].dt.month - 1).to_numpy()
    c = df["customerId"].cat.codes.to_numpy()
    frame = pd.DataFrame({"c": c, "m": month, "amount": df["amount"].to_numpy()})
    cohort = frame[frame["amount"] > 0].groupby("c")["m"].min()
    frame["cohort"] = frame["c"].map(cohort)
    frame["offset"] = frame["m"] - frame["cohort"]
    frame = frame[frame["offset"] >= 0]
    active = frame[frame["amount"] > 0].drop_duplicates(["c", "offset"]).pivot_table(
        index="cohort", columns="offset", values="c", aggfunc="count", fill_value=0
    )
    revenue = frame.pivot_table(index="cohort", columns="offset", values="amount", aggfunc="sum", fill_value=0.0)
    size = active[0]
    return active, revenue, active.div(size, axis=0), revenue.div(revenue[0], axis=0)


cohorts = timed("cohortRetention", cohort_retention)

# 5. Pareto split and Gini of customer totals (the totals are untimed set-up, as on the library side).
totals = df.groupby("customerId", observed=True)["amount"].sum()


def pareto_gini():
    # The library ranks by value descending, ties by id ascending, and returns head and tail:
    # the head is the top 20% of customers (the smallest k >= 0.2 n), and its share of value.
    ranked = totals.reset_index().sort_values(["amount", "customerId"], ascending=[False, True])
    cum = ranked["amount"].cumsum().to_numpy()
    total = cum[-1]
    head = int(np.ceil(round(0.2 * len(cum), 9)))
    ranked.iloc[:head], ranked.iloc[head:]
    x = np.sort(totals.to_numpy())
    n = len(x)
    g = (2 * np.sum(np.arange(1, n + 1) * x) / (n * x.sum())) - (n + 1) / n
    return head, cum[head - 1] / total, g


pareto = timed("paretoSplit+gini", pareto_gini)


# 6. Lifecycle stage of every customer at asOf: the seven rules of docs/lifecycle.md with default options.
def classify_lifecycles():
    p = df[(df["amount"] > 0) & (df["date"] <= as_of)]
    p = p.sort_values(["customerId", "date"], kind="mergesort")
    g = p.groupby("customerId", observed=True)
    first, last = g["date"].min(), g["date"].max()
    gap = p["date"].diff().where(p["customerId"].eq(p["customerId"].shift()))
    interruption = pd.DateOffset(months=6)
    recovery_from = as_of - pd.DateOffset(months=3)
    # a purchase in the recovery window that follows a silence of >= 6 months
    back = p[(p["date"] > recovery_from) & (p["date"] - gap <= p["date"] - interruption)]
    recovered = back.groupby("customerId", observed=True).size().reindex(first.index, fill_value=0) > 0
    s = as_of - pd.DateOffset(months=6)
    q = s - pd.DateOffset(months=6)
    v_r = p[p["date"] > s].groupby("customerId", observed=True)["amount"].sum().reindex(first.index, fill_value=0)
    v_q = (
        p[(p["date"] > q) & (p["date"] <= s)]
        .groupby("customerId", observed=True)["amount"]
        .sum()
        .reindex(first.index, fill_value=0)
    )
    change = (v_r - v_q) / v_q.where(v_q > 0)
    change = change.where(v_q > 0, np.where(v_r > 0, np.inf, 0.0))
    base = customers.set_index("id")
    first = first.reindex(base.index)
    last = last.reindex(base.index)
    notice = base["terminationNoticeAt"]
    noticed = notice.notna() & (notice <= as_of) & ~(base["noticeWithdrawnAt"].notna() & (base["noticeWithdrawnAt"] <= as_of))
    conditions = [
        first.isna(),
        noticed,
        last <= as_of - interruption,
        recovered.reindex(base.index, fill_value=False),
        first > as_of - pd.DateOffset(months=3),
        change.reindex(base.index) >= 0.1,
        change.reindex(base.index) <= -0.1,
    ]
    # A notice not withdrawn is the decline stage (its termination phase), as in the library.
    stages = ["prospecting", "decline", "interruption", "recovery", "socialization", "growth", "decline"]
    return pd.Series(np.select(conditions, stages, default="maturity"), index=base.index)


stages = timed("classifyLifecycles", classify_lifecycles)


# 7. Value-weighted satisfaction, as the library computes it: per indicator the plain and the
# value-weighted mean with linearisation standard errors and normal intervals, Kish's
# effective n, value-adjusted scores (value / mean value x score) per respondent, and the
# index over the indicators (equal weights).
def value_weighted_satisfaction():
    scores = survey.drop(columns=["customerId", "value"])
    k = survey["value"].to_numpy()
    reference = k.mean()
    adjusted = scores.mul(k / reference, axis=0)
    out = {}
    zu_total = np.zeros(len(survey))
    zw_total = np.zeros(len(survey))
    for name in scores.columns:
        d = scores[name].to_numpy()
        answered = ~np.isnan(d)
        dn, kn = d[answered], k[answered]
        n, total = answered.sum(), kn.sum()
        mu = dn.mean()
        mw = (kn * dn).sum() / total
        u = (dn - mu) / n
        w = kn * (dn - mw) / total
        zu_total[answered] += u / scores.shape[1]
        zw_total[answered] += w / scores.shape[1]
        se_u = np.sqrt(n / (n - 1) * ((u - u.mean()) ** 2).sum())
        se_w = np.sqrt(n / (n - 1) * ((w - w.mean()) ** 2).sum())
        n_eff = total**2 / (kn**2).sum()
        a = adjusted[name].to_numpy()[answered]
        out[name] = (mu, mw, se_u, se_w, mu - 1.96 * se_u, mu + 1.96 * se_u, mw - 1.96 * se_w, mw + 1.96 * se_w,
                     n_eff, a.mean(), a.max())
    index_se = (np.sqrt((zu_total**2).sum()), np.sqrt((zw_total**2).sum()))
    responses = pd.DataFrame({"customerId": survey["customerId"], "value": k}).join(adjusted)
    return out, index_se, responses.to_dict("records")


satisfaction = timed("valueWeightedSatisfaction", value_weighted_satisfaction)[0]

# 8. BG/NBD fit by maximum likelihood (the lifetimes package's likelihood and optimiser).
x = rfm["frequency"].to_numpy(dtype=float)
t_x = rfm["recency"].to_numpy(dtype=float)
T = rfm["T"].to_numpy(dtype=float)


def bg_nbd_negative_log_likelihood(log_params):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + t_x), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4))


def fit_bg_nbd():
    res = minimize(bg_nbd_negative_log_likelihood, np.zeros(4), method="Nelder-Mead", options={"maxiter": 2000})
    return np.exp(res.x), res.nfev, -res.fun


params, evaluations, log_likelihood = timed("fitBgNbd", fit_bg_nbd)

peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(
    json.dumps(
        {
            "engine": "pandas",
            "timings": timings,
            "all": every,
            "first": first,
            "peakRssMB": peak_mb,
            "check": {
                "rows": len(df),
                "customers": int(totals.size),
                "rfmRows": len(rfm),
                "rfmFrequency": int(rfm["frequency"].sum()),
                "rfmRecency": int(rfm["recency"].sum()),
                "rfmT": int(rfm["T"].sum()),
                "rfmMonetaryValue": float(rfm["monetaryValue"].sum()),
                "bgNbd": [float(v) for v in params],
                "bgNbdEvaluations": int(evaluations),
                "bgNbdLogLikelihood": float(log_likelihood),
                "activityPeriods": len(activity),
                "activityActive": int(activity["active"].sum()),
                "activityNew": int(activity["new"].sum()),
                "activityRetained": int(activity["retained"].sum()),
                "activityChurned": int(activity["churned"].sum()),
                "activityRevenue": float(activity["revenue"].sum()),
                "cohorts": len(cohorts[0]),
                "cohortActive": int(cohorts[0].to_numpy().sum()),
                "cohortRevenue": float(cohorts[1].to_numpy().sum()),
                "paretoHeadCount": int(pareto[0]),
                "paretoHeadValueShare": float(pareto[1]),
                "gini": float(pareto[2]),
                "stages": {k: int(v) for k, v in stages.value_counts().items()},
                "responses": len(survey),
                "satisfactionUnweighted": [float(satisfaction[k][0]) for k in sorted(satisfaction)],
                "satisfactionWeighted": [float(satisfaction[k][1]) for k in sorted(satisfaction)],
            },
        }
    )
)

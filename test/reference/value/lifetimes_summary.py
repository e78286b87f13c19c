"""Independent reference for rfmSummary and calibrationAndHoldout.

Re-implements, with pandas period arithmetic, the conventions of Python `lifetimes`
(`summary_data_from_transaction_data`, `calibration_and_holdout_data`, v0.11):
transactions are truncated to their period (day or W-SUN week = ISO week), merged per
customer and period (amounts summed), the first period is dropped from the monetary
mean, T and recency are period differences (divided by 7 for days -> weeks).
The holdout monetary value is the mean of the holdout *transactions*, as lifetimes does.

Run:  /usr/bin/python3 test/reference/value/lifetimes_summary.py
Writes lifetimes_log.csv (the synthetic input) and lifetimes_expected.json beside itself.
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240607)

# A synthetic log: 30 customers, 2023-01-01 .. 2023-12-31, with times of day,
# same-day repeats, $0 rows and a few returns.
rows = []
start = pd.Timestamp("2023-01-01")
for c in range(30):
    first = int(rng.integers(0, 200))
    n = int(rng.integers(1, 12))
    for _ in range(n):
        day = first + int(rng.integers(0, 165))
        minute = int(rng.integers(0, 24 * 60))
        ts = start + pd.Timedelta(days=day, minutes=minute)
        amount = float(np.round(rng.choice([0.0, -5.0, *rng.uniform(1, 200, 8)]), 2))
        rows.append((f"C{c:02d}", ts, amount))
        if rng.random() < 0.2:  # a second row the same day
            rows.append((f"C{c:02d}", ts.normalize() + pd.Timedelta(hours=23, minutes=30), 10.0))
log = pd.DataFrame(rows, columns=["customerId", "date", "amount"])
log.to_csv(os.path.join(HERE, "lifetimes_log.csv"), index=False, date_format="%Y-%m-%dT%H:%M:%SZ")


def summary(tx, end, freq, divide):
    """lifetimes' summary_data_from_transaction_data, re-expressed."""
    end_period = pd.Timestamp(end).to_period(freq)
    t = tx.copy()
    t["period"] = t["date"].dt.to_period(freq)
    t = t[t["period"].dt.start_time <= end_period.start_time]
    per = t.groupby(["customerId", "period"], as_index=False)["amount"].sum().sort_values(["customerId", "period"])
    out = {}
    for cid, g in per.groupby("customerId"):
        first, last = g["period"].iloc[0], g["period"].iloc[-1]
        frequency = len(g) - 1
        out[cid] = {
            "customerId": cid,
            "frequency": frequency,
            "recency": (last - first).n / divide,
            "T": (end_period - first).n / divide,
            "monetaryValue": float(g["amount"].iloc[1:].mean()) if frequency > 0 else 0.0,
        }
    return out


def calibration_and_holdout(tx, cal_end, obs_end, freq, divide):
    """lifetimes' calibration_and_holdout_data, re-expressed (day-level ends)."""
    cal_end = pd.Timestamp(cal_end)
    obs_end = pd.Timestamp(obs_end)
    day = tx["date"].dt.normalize()
    cal = summary(tx[day <= cal_end], cal_end, freq, divide)
    hold = tx[(day > cal_end) & (day <= obs_end)].copy()
    hold["period"] = hold["date"].dt.to_period(freq)
    duration = (obs_end.to_period(freq) - cal_end.to_period(freq)).n / divide
    rows = []
    for cid, row in sorted(cal.items()):
        h = hold[hold["customerId"] == cid]
        rows.append({
            **row,
            "frequencyHoldout": int(h["period"].nunique()),
            "monetaryValueHoldout": float(h["amount"].mean()) if len(h) else 0.0,
            "durationHoldout": duration,
        })
    return rows


expected = {
    "day_days": list(summary(log, "2023-10-15", "D", 1).values()),
    "day_weeks": list(summary(log, "2023-10-15", "D", 7).values()),
    # A Sunday as the end, so lifetimes' week truncation and the day-inclusive end agree.
    "week_weeks": list(summary(log, "2023-10-15", "W", 1).values()),
    "holdout_day_weeks": calibration_and_holdout(log, "2023-06-30", "2023-10-15", "D", 7),
    "holdout_week_weeks": calibration_and_holdout(log, "2023-06-25", "2023-10-15", "W", 1),
}
with open(os.path.join(HERE, "lifetimes_expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print({k: len(v) for k, v in expected.items()}, len(log), "rows")

"""Independent pandas implementation of the seven-stage lifecycle rules
(docs/lifecycle.md) on UCI Online Retail, for test/lifecycle-uci.test.ts.
It shares no code with the TypeScript library.

Data cleaning (the same as examples/lifecycle.ts, the data README's cleaned subset):
CustomerID present, InvoiceNo not starting with "C", Quantity > 0, UnitPrice > 0;
customer id = CustomerID without its ".0"; InvoiceDate has no zone and is read as UTC;
amount = Quantity * UnitPrice. Customers = the distinct CustomerIDs of that subset.

Rules at asOf = 2011-12-09T23:59:59Z with the defaults (interruptionAfter 6 months,
recoveryWindow 3 months, socializationWindow 3 months, trendWindow 6 months,
growth/decline thresholds 0.1). "a at least d before b" means a <= b - d, with pandas
DateOffset(months=...) for the calendar arithmetic (it clamps at month ends as
date-fns does). The data has no termination notices or satisfaction scores, so
rules 2 and 4 never fire; rule 1 never fires because every customer has a purchase.

Usage: /usr/bin/python3 uci_lifecycle.py [path/to/online_retail.csv.gz] [output-prefix]
Writes <prefix>_counts.json and <prefix>_stages.csv beside this script (prefix default
"uci_lifecycle"). The small always-running fixture is made with
    /usr/bin/python3 uci_lifecycle.py small_log.csv small_lifecycle
"""
import json
import math
import os
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "uci_online_retail", "online_retail.csv.gz")

AS_OF = pd.Timestamp("2011-12-09 23:59:59")
INTERRUPTION = pd.DateOffset(months=6)
RECOVERY = pd.DateOffset(months=3)
SOCIALIZATION = pd.DateOffset(months=3)
TREND = pd.DateOffset(months=6)
GROWTH = 0.1
DECLINE = 0.1


def load(path):
    df = pd.read_csv(path, dtype={"CustomerID": str, "InvoiceNo": str, "StockCode": str})
    df = df[df["CustomerID"].notna()]
    df = df[~df["InvoiceNo"].str.startswith("C")]
    df = df[(df["Quantity"] > 0) & (df["UnitPrice"] > 0)]
    out = pd.DataFrame(
        {
            "customer": df["CustomerID"].str.replace(r"\.0$", "", regex=True),
            "time": pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S"),
            "amount": df["Quantity"].astype("float64") * df["UnitPrice"].astype("float64"),
        }
    )
    return out


def classify(df):
    customers = sorted(df["customer"].unique())
    p = df[(df["amount"] > 0) & (df["time"] <= AS_OF)].sort_values(["customer", "time"], kind="mergesort")

    first = p.groupby("customer")["time"].min()
    last = p.groupby("customer")["time"].max()

    # Rule 5: gaps between consecutive purchases of at least interruptionAfter.
    prev = p.groupby("customer")["time"].shift(1)
    long_gap = prev.notna() & (prev <= p["time"] - INTERRUPTION)
    latest_gap_end = p.loc[long_gap].groupby("customer")["time"].max()

    # Rule 7 windows.
    s = AS_OF - TREND
    q0 = s - TREND
    recent = p[(p["time"] > s) & (p["time"] <= AS_OF)].groupby("customer")["amount"].apply(lambda a: math.fsum(a))
    previous = p[(p["time"] > q0) & (p["time"] <= s)].groupby("customer")["amount"].apply(lambda a: math.fsum(a))

    rows = []
    for c in customers:
        if c not in first.index:
            rows.append((c, "prospecting", "", "no-purchase"))
            continue
        if last[c] <= AS_OF - INTERRUPTION:
            rows.append((c, "interruption", "", "interruption"))
            continue
        g = latest_gap_end.get(c)
        if g is not None and g > AS_OF - RECOVERY:
            rows.append((c, "recovery", "", "recovery"))
            continue
        if first[c] > AS_OF - SOCIALIZATION:
            rows.append((c, "socialization", "", "socialization"))
            continue
        vr = float(recent.get(c, 0.0))
        vq = float(previous.get(c, 0.0))
        if vq == 0:
            change = math.inf if vr > 0 else 0.0
        else:
            change = (vr - vq) / vq
        if change >= GROWTH:
            rows.append((c, "growth", "", "trend"))
        elif change <= -DECLINE:
            rows.append((c, "decline", "endangerment", "trend"))
        else:
            rows.append((c, "maturity", "", "trend"))
    return pd.DataFrame(rows, columns=["customerId", "stage", "phase", "rule"])


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    prefix = sys.argv[2] if len(sys.argv) > 2 else "uci_lifecycle"
    df = load(path)
    result = classify(df)
    stages = ["prospecting", "socialization", "growth", "maturity", "decline", "interruption", "recovery"]
    counts = {stage: int((result["stage"] == stage).sum()) for stage in stages}
    summary = {
        "source": "test/reference/lifecycle/uci_lifecycle.py (pandas " + pd.__version__ + ")",
        "input": os.path.basename(path),
        "asOf": "2011-12-09T23:59:59Z",
        "rows": int(len(df)),
        "customers": int(len(result)),
        "counts": counts,
    }
    with open(os.path.join(HERE, prefix + "_counts.json"), "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    result[["customerId", "stage", "phase"]].to_csv(os.path.join(HERE, prefix + "_stages.csv"), index=False)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()

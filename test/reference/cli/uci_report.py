"""
Independent figures for `customer-value report` on UCI Online Retail, as downloaded
(../shared/data/uci_online_retail/online_retail.csv.gz), with pandas.

The CLI is run with:
  --map customerId=CustomerID --map date=InvoiceDate --amount "Quantity * UnitPrice"
  --exclude 'CustomerID == ""' --exclude 'startsWith(InvoiceNo, "C")'
  --exclude "Quantity <= 0" --exclude "UnitPrice <= 0"
so a row is left out under the first rule that holds, and the amount is Quantity x UnitPrice.
A date-only --as-of is the end of that day (inclusive); no --as-of means the end of the
last day with a transaction. Per customer: net revenue up to the as-of instant, floored
at 0; the head is the ceil(20% of n) largest (ties by id ascending); Gini is R
ineq::Gini's formula on the ascending values: 2 sum(k x_k) / (n sum x) - (n + 1) / n.

Run with Debian's Python:  /usr/bin/python3 test/reference/cli/uci_report.py > test/reference/cli/uci_report.json
"""
import json
import math
import os
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "uci_online_retail", "online_retail.csv.gz")

raw = pd.read_csv(
    sys.argv[1] if len(sys.argv) > 1 else DATA,
    dtype={"InvoiceNo": str, "StockCode": str, "Description": str, "CustomerID": str, "Country": str},
    keep_default_na=False,
)
rows_read = len(raw)
quantity = pd.to_numeric(raw["Quantity"])
price = pd.to_numeric(raw["UnitPrice"])

rules = [
    ('CustomerID == ""', raw["CustomerID"].str.strip() == ""),
    ('startsWith(InvoiceNo, "C")', raw["InvoiceNo"].str.startswith("C")),
    ("Quantity <= 0", quantity <= 0),
    ("UnitPrice <= 0", price <= 0),
]
left = pd.Series(False, index=raw.index)
excluded = {}
for formula, holds in rules:
    first = holds & ~left  # counted under the first rule that holds
    excluded[formula] = int(first.sum())
    left |= holds

kept = raw[~left].copy()
kept["amount"] = quantity[~left] * price[~left]
kept["time"] = pd.to_datetime(kept["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
kept["customerId"] = kept["CustomerID"].str.strip()


def figures(as_of):
    rows = kept[kept["time"] <= as_of]
    net = rows.groupby("customerId")["amount"].sum().clip(lower=0)
    n = len(net)
    ranked = sorted(net.items(), key=lambda kv: (-kv[1], kv[0]))
    head = math.ceil(0.2 * n - 1e-9)
    total = float(net.sum())
    ascending = sorted(net.values)
    weighted = sum((k + 1) * x for k, x in enumerate(ascending))
    return {
        "asOf": as_of.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "transactions": int(len(rows)),
        "customers": int(n),
        "headCount": int(head),
        "headValueShare": sum(v for _, v in ranked[:head]) / total,
        "gini": 2 * weighted / (n * total) - (n + 1) / n,
        "rowsOnTheLastDay": int((rows["time"].dt.normalize() == as_of.normalize()).sum()),
    }


def portfolio(as_of, months):
    """The customer BCG of the report: purchases in the last `months` months against the
    `months` before (windows (start, split] and (split, as_of]); relative size = last-window
    revenue / the mean over the customers who bought in it; high share at >= 1, high growth
    at >= 10% or from nothing."""
    split = as_of - pd.DateOffset(months=months)
    start = split - pd.DateOffset(months=months)
    rows = kept[(kept["time"] <= as_of) & (kept["amount"] > 0)]
    last = rows[rows["time"] > split].groupby("customerId")["amount"].sum()
    earlier = rows[(rows["time"] > start) & (rows["time"] <= split)].groupby("customerId")["amount"].sum()
    both = pd.concat([last.rename("R"), earlier.rename("Q")], axis=1).fillna(0.0)
    mean = last.mean()
    quadrants = {"star": 0, "cashCow": 0, "questionMark": 0, "dog": 0}
    for R, Q in zip(both["R"], both["Q"]):
        high_share = R / mean >= 1
        high_growth = Q == 0 or (R - Q) / Q >= 0.1
        quadrants[("star" if high_growth else "cashCow") if high_share else ("questionMark" if high_growth else "dog")] += 1
    buyers = rows["customerId"].nunique()
    return {
        "months": months,
        "customers": int(buyers),
        "inWindows": int(len(both)),
        "drawn": int(((both["R"] > 0) & (both["Q"] > 0)).sum()),
        "noEarlierRevenue": int((both["Q"] == 0).sum()),
        "noLastRevenue": int((both["R"] == 0).sum()),
        "beforeWindows": int(buyers - len(both)),
        "quadrants": quadrants,
    }


end_of = lambda day: pd.Timestamp(day) + pd.Timedelta(days=1) - pd.Timedelta(milliseconds=1)
last_day = kept["time"].max().normalize()
print(
    json.dumps(
        {
            "rowsRead": rows_read,
            "excluded": excluded,
            "kept": int(len(kept)),
            "cases": {
                "--as-of 2011-12-09": figures(end_of("2011-12-09")),
                "no --as-of": figures(end_of(last_day)),
            },
            # 1 December 2010 to 9 December 2011 is 13 calendar months: windows of 6.
            "portfolio": portfolio(end_of("2011-12-09"), 6),
        },
        indent=2,
    )
)

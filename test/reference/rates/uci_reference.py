"""Independent pandas reference for periodActivity and cohortRetention on UCI Online Retail.

Run from the repository root:

    /usr/bin/python3 test/reference/rates/uci_reference.py

It reads ../shared/data/uci_online_retail/online_retail.csv.gz, cleans it as the data
README says (CustomerID present, InvoiceNo not starting with "C", Quantity > 0,
UnitPrice > 0: 397,884 rows, 4,338 customers), reads InvoiceDate (no zone) as UTC,
takes amount = Quantity * UnitPrice, and writes uci_reference.json beside this file.

Everything is computed with plain pandas and Python sets, one period at a time, straight
from the definitions in docs/rates.md (no code shared with the library):
  active A_t    customers with a purchase (amount > 0) in month t
                (activeWindow k: in t or one of the k-1 months before)
  new           first purchase month == t
  retained      |A_t & A_(t-1)|; reactivated |A_t - A_(t-1)| - new; churned |A_(t-1) - A_t|
  rates         / |A_(t-1)| (None when 0); quickRatio (new + reactivated) / churned
  revenue       sum of amounts in t
  cohorts       first purchase month; classic: share buying in c+k; rolling: in c+k or later
"""
import json
import math
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "uci_online_retail", "online_retail.csv.gz")

df = pd.read_csv(DATA, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str})
raw_rows = len(df)
df = df[df["CustomerID"].notna()]
df = df[~df["InvoiceNo"].str.startswith("C")]
df = df[(df["Quantity"] > 0) & (df["UnitPrice"] > 0)].copy()
df["customer"] = df["CustomerID"].str.replace(r"\.0$", "", regex=True)
df["date"] = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S", utc=True)
df["amount"] = df["Quantity"] * df["UnitPrice"]
df["month"] = df["date"].dt.strftime("%Y-%m")
assert len(df) == 397884, len(df)
assert df["customer"].nunique() == 4338


def month_range(first, last):
    out = []
    y, m = int(first[:4]), int(first[5:7])
    while True:
        key = f"{y:04d}-{m:02d}"
        out.append(key)
        if key == last:
            return out
        m += 1
        if m == 13:
            y, m = y + 1, 1


months = month_range(df["month"].min(), df["month"].max())
purchases = df[df["amount"] > 0]
buyers = {m: set(g) for m, g in purchases.groupby("month")["customer"]}
first_month = purchases.groupby("customer")["month"].min()
new_by_month = first_month.value_counts().to_dict()
revenue = df.groupby("month")["amount"].apply(lambda s: math.fsum(s)).to_dict()


def ratio(x, base):
    return None if base == 0 else x / base


def activity(window):
    rows = []
    prev = set()  # nobody was active before the first month of the data
    for t, key in enumerate(months):
        active = set()
        for back in range(window):
            if t - back >= 0:
                active |= buyers.get(months[t - back], set())
        new = sum(1 for c in active if first_month[c] == key)
        assert new == new_by_month.get(key, 0)
        retained = len(active & prev)
        churned = len(prev - active)
        reactivated = len(active - prev) - new
        rows.append({
            "period": key,
            "previousActive": len(prev),
            "active": len(active),
            "new": new,
            "retained": retained,
            "reactivated": reactivated,
            "churned": churned,
            "retentionRate": ratio(retained, len(prev)),
            "churnRate": ratio(churned, len(prev)),
            "acquisitionRate": ratio(new, len(prev)),
            "quickRatio": ratio(new + reactivated, churned),
            "revenue": revenue.get(key, 0.0),
        })
        prev = active
    return rows


def cohorts():
    last_month = {c: g.max() for c, g in purchases.groupby("customer")["month"]}
    out = []
    for key in months:
        members = set(first_month[first_month == key].index)
        if not members:
            continue
        tail = months[months.index(key):]
        classic = [len(members & buyers.get(m, set())) for m in tail]
        rolling = [sum(1 for c in members if last_month[c] >= m) for m in tail]
        mine = df[df["customer"].isin(members)]
        rev = mine.groupby("month")["amount"].apply(lambda s: math.fsum(s)).to_dict()
        revenue_row = [rev.get(m, 0.0) for m in tail]
        out.append({
            "cohort": key,
            "size": len(members),
            "classic": classic,
            "rolling": rolling,
            "revenue": revenue_row,
            "revenueRetention": [r / revenue_row[0] for r in revenue_row],
        })
    return out


result = {
    "source": "UCI Online Retail, cleaned: CustomerID present, InvoiceNo not C..., Quantity > 0, UnitPrice > 0; UTC months",
    "rawRows": raw_rows,
    "rows": len(df),
    "customers": int(df["customer"].nunique()),
    "monthly": activity(1),
    "monthlyWindow3": activity(3),
    "cohorts": cohorts(),
}
with open(os.path.join(HERE, "uci_reference.json"), "w") as f:
    json.dump(result, f, indent=1)
print("wrote uci_reference.json:", len(result["monthly"]), "months,", len(result["cohorts"]), "cohorts")

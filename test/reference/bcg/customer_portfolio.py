"""Independent pandas reference for customerPortfolio.

Re-implements the documented rule with pandas only (no code shared with the library):
  s = asOf - window, start = s - window (pandas DateOffset, month-end clamped like date-fns)
  last window (s, asOf], earlier window (start, s]; purchases only (amount > 0)
  growth = (R - Q) / Q (None when Q == 0), relativeShare = R / mean(R > 0)
  quadrant: share >= 1 high, growth >= 0.1 high (Q == 0 counts as high growth)

Usage (from the repository root):
  npx tsx test/reference/bcg/dump_sample.ts > /tmp/bcg_sample.csv
  /usr/bin/python3 test/reference/bcg/customer_portfolio.py /tmp/bcg_sample.csv
Writes sample_portfolio.csv and (when ../shared/data is present) uci_portfolio.json here.
"""
import json
import os
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
UCI = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "uci_online_retail", "online_retail.csv.gz")


def portfolio(df, as_of, months, relative_to="mean"):
    as_of = pd.Timestamp(as_of)
    s = as_of - pd.DateOffset(months=months)
    start = s - pd.DateOffset(months=months)
    buys = df[df["amount"] > 0]
    last = buys[(buys["date"] > s) & (buys["date"] <= as_of)].groupby("customerId")["amount"].sum()
    earlier = buys[(buys["date"] > start) & (buys["date"] <= s)].groupby("customerId")["amount"].sum()
    out = pd.DataFrame({"lastRevenue": last, "earlierRevenue": earlier}).fillna(0.0)
    active = out.loc[out["lastRevenue"] > 0, "lastRevenue"]
    reference = active.mean() if relative_to == "mean" else active.median()
    out["relativeShare"] = out["lastRevenue"] / reference
    q = out["earlierRevenue"]
    out["growth"] = ((out["lastRevenue"] - q) / q).where(q > 0)
    high_share = out["relativeShare"] >= 1
    high_growth = out["growth"].isna() | (out["growth"] >= 0.1)
    out["quadrant"] = "dog"
    out.loc[high_share & high_growth, "quadrant"] = "star"
    out.loc[high_share & ~high_growth, "quadrant"] = "cashCow"
    out.loc[~high_share & high_growth, "quadrant"] = "questionMark"
    out.index.name = "id"
    return out.reset_index(), float(reference), s, start


def sample_fixture(path):
    df = pd.read_csv(path, dtype={"customerId": str})
    df["date"] = pd.to_datetime(df["date"], utc=True).dt.tz_localize(None)
    out, reference, s, start = portfolio(df, "2024-12-31T23:59:59", 12)
    out = out.sort_values(["lastRevenue", "id"], ascending=[False, True])
    out[["id", "lastRevenue", "earlierRevenue", "growth", "relativeShare", "quadrant"]].to_csv(
        os.path.join(HERE, "sample_portfolio.csv"), index=False, float_format="%.17g"
    )
    print("sample:", len(out), "customers, reference", reference, "windows", start, s)


def uci_fixture():
    if not os.path.exists(UCI):
        print("UCI data not found, skipped:", UCI)
        return
    df = pd.read_csv(UCI, dtype={"CustomerID": str, "InvoiceNo": str, "StockCode": str})
    df = df[df["CustomerID"].notna()].copy()
    df["customerId"] = df["CustomerID"].str.replace(r"\.0$", "", regex=True)
    df["date"] = pd.to_datetime(df["InvoiceDate"])  # no zone: read as UTC, as the library does
    df["amount"] = df["Quantity"] * df["UnitPrice"]
    result = {"asOf": "2011-12-09T12:50:00Z", "window": {"months": 6}}
    for relative_to in ["mean", "median"]:
        out, reference, s, start = portfolio(df, "2011-12-09 12:50:00", 6, relative_to)
        counts = out["quadrant"].value_counts()
        sizes = out.groupby("quadrant")["lastRevenue"].sum()
        ordered = out.sort_values(["lastRevenue", "id"], ascending=[False, True])
        rows = pd.concat([ordered.head(25), ordered[ordered["growth"].isna()].head(10), ordered.tail(5)])
        result[relative_to] = {
            "reference": reference,
            "customers": int(len(out)),
            "noEarlierRevenue": int(out["growth"].isna().sum()),
            "counts": {q: int(counts.get(q, 0)) for q in ["star", "cashCow", "questionMark", "dog"]},
            "totalSize": {q: float(sizes.get(q, 0.0)) for q in ["star", "cashCow", "questionMark", "dog"]},
            "rows": [
                {
                    "id": r.id,
                    "lastRevenue": r.lastRevenue,
                    "earlierRevenue": r.earlierRevenue,
                    "growth": None if pd.isna(r.growth) else r.growth,
                    "relativeShare": r.relativeShare,
                    "quadrant": r.quadrant,
                }
                for r in rows.itertuples()
            ],
        }
        print("uci", relative_to, "windows", start, s, result[relative_to]["counts"])
    with open(os.path.join(HERE, "uci_portfolio.json"), "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sample_fixture(sys.argv[1])
    uci_fixture()

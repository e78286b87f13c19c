"""Reference values for paretoSplit / abcClassify / lorenzCurve on real data (pandas).

Independent of the TypeScript code: per-customer totals of CDNOW_master.txt (the shared
dataset, not copied into the repository), ranked by value descending with ties by id
ascending, then the 20% head, the customers needed for 80% of revenue, the ABC counts
(A while the cumulative share before a customer is < 0.8, B while < 0.95, else C), and
two Lorenz points.

Run from the repository root:  /usr/bin/python3 test/reference/pareto/cdnow_pareto.py
Output: test/reference/pareto/cdnow_pareto.json
"""
import json
import math

import numpy as np
import pandas as pd

SRC = "../shared/data/cdnow_lifetimes/CDNOW_master.txt"
OUT = "test/reference/pareto/cdnow_pareto.json"

df = pd.read_csv(SRC, sep=r"\s+", dtype={"customer_id": str, "date": str})
totals = df.groupby("customer_id")["dollar_value"].apply(lambda s: math.fsum(s)).reset_index()
totals.columns = ["id", "value"]
ranked = totals.sort_values(["value", "id"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
n = len(ranked)
total = math.fsum(ranked["value"])

head_count = math.ceil(round(0.2 * n, 9))
head_value = math.fsum(ranked["value"][:head_count])

cumulative = np.cumsum(ranked["value"].to_numpy())
value_count = int(np.argmax(cumulative >= 0.8 * total)) + 1

before = np.concatenate([[0.0], cumulative[:-1]]) / total
classes = np.where(before < 0.8, "A", np.where(before < 0.95, "B", "C"))

ascending = np.sort(totals["value"].to_numpy())
lorenz = np.cumsum(ascending) / total

out = {
    "source": SRC + " (total dollar_value per customer_id)",
    "n": n,
    "totalValue": total,
    "headCount": head_count,
    "headValueShare": head_value / total,
    "cutoffValue": float(ranked["value"][head_count - 1]),
    "topIds": list(ranked["id"][:5]),
    "valueShare80Count": value_count,
    "abcCounts": {c: int((classes == c).sum()) for c in "ABC"},
    "lorenz": {"k": [n // 2, (8 * n) // 10], "valueShare": [float(lorenz[n // 2 - 1]), float(lorenz[(8 * n) // 10 - 1])]},
}
with open(OUT, "w") as f:
    json.dump(out, f, indent=2)
print(json.dumps(out, indent=2))

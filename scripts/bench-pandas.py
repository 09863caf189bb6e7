"""What an analyst would otherwise write: pandas reading the same police CSVs and doing the
same group-by (month x category x district)."""
import glob
import sys

import pandas as pd

files = sorted(glob.glob(f"{sys.argv[1]}/*-kent-street.csv"))
frames = [pd.read_csv(f, dtype=str, usecols=["Month", "LSOA name", "Crime type"]) for f in files]
df = pd.concat(frames, ignore_index=True)
df["district"] = df["LSOA name"].str.replace(r" \d{3}[A-Z]$", "", regex=True)
groups = df.groupby(["Month", "Crime type", "district"]).size()
print(f"{len(groups)} groups")

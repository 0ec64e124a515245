#!/usr/bin/env python3
"""Write airports.tsv: Kazakhstan's airports (country KZ) that have an IATA code,
taken from the PyPI package `airportsdata` (MIT licence).

Reproduce:
    pip install airportsdata
    python3 content/reference/make-airports.py
The output goes next to this script, so the command may be run from any directory.
"""
import csv
import sys
from importlib.metadata import version
from pathlib import Path

import airportsdata

OUT = Path(__file__).with_name("airports.tsv")
COLUMNS = ["icao", "iata", "name", "city", "subd", "lat", "lon", "tz", "elevation"]

# The whole database keyed by ICAO code; keep Kazakhstan's rows that carry an IATA code.
airports = airportsdata.load("ICAO")
rows = sorted(
    (a for a in airports.values() if a["country"] == "KZ" and a["iata"]),
    key=lambda a: a["icao"],
)

with OUT.open("w", encoding="utf-8", newline="") as f:
    # Provenance first, as comment lines.
    f.write(f"# Source: PyPI package airportsdata, version {version('airportsdata')}\n")
    f.write("# Licence: MIT, Copyright (c) 2020- Mike Borsetti <mike@borsetti.com>;"
            " includes data from https://github.com/mwgg/Airports, Copyright (c) 2014 mwgg\n")
    f.write("# Command: pip install airportsdata && python3 content/reference/make-airports.py\n")
    f.write("# Rows: country KZ with an IATA code, sorted by icao; elevation in feet as the package gives it\n")
    w = csv.writer(f, delimiter="\t", lineterminator="\n")
    w.writerow(COLUMNS)
    for a in rows:
        w.writerow([a[c] for c in COLUMNS])

print(f"wrote {len(rows)} rows to {OUT}", file=sys.stderr)

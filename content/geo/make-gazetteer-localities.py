#!/usr/bin/env python3
"""Write gazetteer-kz-localities.tsv: the GeoNames populated places of Kazakhstan that
Who's On First's `whosonfirst-data-admin-kz` carries and `gazetteer-kz.tsv` lacks.

Usage: make-gazetteer-localities.py WOF_ADMIN_KZ_DIR [OUT_DIR]

WOF_ADMIN_KZ_DIR is a checkout of https://github.com/whosonfirst-data/whosonfirst-data-admin-kz.
A record is kept when it is a current locality whose point is GeoNames' own (`src:geom` is
`geonames`) and that carries its GeoNames row (`gn:geonameid`, `gn:latitude`, `gn:longitude`,
`gn:admin1_code`); the columns come from that row, the alternate names from the record's
`name:*` lists, the district from the record's place in Who's On First's districts. See README.md beside this script. Standard library only; deterministic output.
"""

import json
import os
import re
import sys

HEADER = ["geonameid", "name", "asciiname", "alternatenames", "lat", "lon", "admin1",
          "admin1_name", "feature_code", "population", "district"]
# The name lists kept: Russian, Kazakh, English and GeoNames' alternate names of no stated language.
NAME_LANGUAGES = ("name:rus", "name:kaz", "name:eng", "name:und")
# A name is kept when every letter in it is Latin or Cyrillic.
LETTERS = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF'’ʼ.\-()0-9]+$")


def records(root):
    for folder, _, files in os.walk(os.path.join(root, "data")):
        for name in sorted(files):
            if name.endswith(".geojson") and "-alt-" not in name:
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    yield json.load(f).get("properties", {})


def kept(p):
    return (p.get("wof:placetype") == "locality" and p.get("src:geom") == "geonames"
            and not p.get("wof:superseded_by") and not p.get("edtf:deprecated")
            and p.get("mz:is_current") != 0 and p.get("gn:country_code") == "KZ"
            and all(p.get(k) not in (None, "") for k in
                    ("gn:geonameid", "gn:name", "gn:latitude", "gn:longitude", "gn:admin1_code")))


def alternates(p, name, ascii_name):
    seen = {name.casefold(), ascii_name.casefold()}
    out = []
    for key in sorted(k for k in p if k.split("_x_")[0] in NAME_LANGUAGES):
        for n in p[key]:
            n = n.strip()
            if n and LETTERS.match(n) and n.casefold() not in seen:
                seen.add(n.casefold())
                out.append(n.replace(",", " "))
    return out


def admin1(code):
    """GeoNames' code as GeoNames writes it: two digits for Kazakhstan's regions ("15.0" -> "15",
    "6.0" -> "06"), longer codes unchanged."""
    code = str(code)
    code = code[:-2] if code.endswith(".0") else code
    return code.zfill(2) if code.isdigit() else code


def district_names(root):
    """Who's On First's districts (`county`): id -> Russian name, else its own name."""
    names = {}
    for p in records(root):
        if p.get("wof:placetype") == "county":
            names[p["wof:id"]] = (p.get("name:rus_x_preferred") or [p.get("wof:name", "")])[0]
    return names


def district(p, districts):
    ids = {h.get("county_id") for h in p.get("wof:hierarchy", [])} - {None, -1}
    return districts.get(ids.pop(), "") if len(ids) == 1 else ""


def row(p, districts):
    name = p["gn:name"]
    ascii_name = p.get("gn:asciiname") or name
    return [str(int(p["gn:geonameid"])), name, ascii_name, ",".join(alternates(p, name, ascii_name)),
            f"{float(p['gn:latitude']):.5f}".rstrip("0").rstrip("."),
            f"{float(p['gn:longitude']):.5f}".rstrip("0").rstrip("."),
            admin1(p["gn:admin1_code"]), "", p.get("gn:feature_code") or "",
            str(int(p.get("gn:population") or 0)), district(p, districts)]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[2] if len(sys.argv) > 2 else here
    with open(os.path.join(here, "gazetteer-kz.tsv"), encoding="utf-8") as f:
        known = {line.split("\t", 1)[0] for line in f.read().splitlines()[1:]}
    districts = district_names(sys.argv[1])
    rows = {}
    for p in records(sys.argv[1]):
        if kept(p):
            r = row(p, districts)
            if r[0] not in known:
                rows[int(r[0])] = r
    with open(os.path.join(out_dir, "gazetteer-kz-localities.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(HEADER) + "\n")
        for key in sorted(rows):
            f.write("\t".join(rows[key]) + "\n")
    print(f"{len(rows)} rows")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Side-by-side table of the engines run by bench/core.sh (stdlib only).

usage: compare.py OUTDIR BASELINE ENGINE...

Reads OUTDIR/ENGINE.index.txt ("index docs=N seconds=S bytes=B"),
OUTDIR/ENGINE.mem.txt (peak resident KiB of the index step) and
OUTDIR/ENGINE.search.tsv (CLASS<TAB>count<TAB>ids<TAB>microseconds, facet
lines after facet queries). Prints indexing speed, size and memory, and
TOP-10 latency p50/p99 per query class, each with its ratio to BASELINE
measured in the same run (the machines are shared; only ratios travel).
"""
import math
import os
import sys

CLASSES = ["term", "and", "or", "phrase", "author", "filtered", "facet"]


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, math.ceil(p / 100.0 * len(values)) - 1)
    return values[k]


def read_index(outdir, engine):
    with open(os.path.join(outdir, engine + ".index.txt")) as f:
        fields = f.read().split()
    info = {k: float(v) for k, v in (kv.split("=") for kv in fields[1:] if "=" in kv)}
    mem = os.path.join(outdir, engine + ".mem.txt")
    if os.path.exists(mem):
        with open(mem) as f:
            info["peak_kib"] = float(f.read().split()[0])
    return info


def read_search(outdir, engine):
    by_class = {}
    with open(os.path.join(outdir, engine + ".search.tsv"), encoding="utf-8",
              errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or parts[0].startswith("facet:"):
                continue
            by_class.setdefault(parts[0], []).append(float(parts[3]))
    return by_class


def ratio(value, base):
    return "%.2f" % (value / base) if base else "-"


def main():
    outdir, baseline, engines = sys.argv[1], sys.argv[2], sys.argv[3:]
    index = {e: read_index(outdir, e) for e in engines}
    search = {e: read_search(outdir, e) for e in engines}
    b = index[baseline]
    print("== indexing (ratio = engine / %s) ==" % baseline)
    print("%-8s %8s %9s %8s %7s %11s %7s %10s %7s" % (
        "engine", "docs", "papers/s", "ratio", "", "bytes/paper", "ratio", "peak MiB", "ratio"))
    for e in engines:
        i = index[e]
        rate = i["docs"] / i["seconds"]
        per = i["bytes"] / i["docs"]
        peak = i.get("peak_kib", float("nan")) / 1024
        print("%-8s %8d %9.0f %8s %7s %11.0f %7s %10.0f %7s" % (
            e, i["docs"], rate, ratio(rate, b["docs"] / b["seconds"]), "",
            per, ratio(per, b["bytes"] / b["docs"]),
            peak, ratio(peak, b.get("peak_kib", float("nan")) / 1024)))
    print()
    print("== TOP-10 latency, microseconds (best of repeats per query), "
          "ratio = engine / %s ==" % baseline)
    header = "%-9s %4s" % ("class", "n")
    for e in engines:
        header += " | %-6s %7s %7s %5s %5s" % (e, "p50", "p99", "r50", "r99")
    print(header)
    for cls in CLASSES + ["ALL"]:
        row = None
        for e in engines:
            if cls == "ALL":
                values = [v for vs in search[e].values() for v in vs]
                base = [v for vs in search[baseline].values() for v in vs]
            else:
                values = search[e].get(cls, [])
                base = search[baseline].get(cls, [])
            if row is None:
                row = "%-9s %4d" % (cls, len(values))
            p50, p99 = percentile(values, 50), percentile(values, 99)
            row += " | %-6s %7.0f %7.0f %5s %5s" % (
                "", p50, p99, ratio(p50, percentile(base, 50)), ratio(p99, percentile(base, 99)))
        print(row)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Pivot of bench/summary/scale.sh's raw rows (TSV) into the scale-curve tables of bench/README.md.

usage: bench/summary/scale_table.py [RAW.tsv]   (default /work/cache/scale_raw.tsv)
Columns of a raw row: time, personas, profile, id-index level, role, variant, calls/s, p50 ms, p99 ms,
backend CPU ms/call, buffers/call, shared_buffers misses/call, load. When a combination was measured more than
once, the last row counts.
"""
import sys

raw = sys.argv[1] if len(sys.argv) > 1 else "/work/cache/scale_raw.tsv"
rows = {}
for line in open(raw):
    f = line.rstrip("\n").split("\t")
    if len(f) < 13:
        continue
    _, n, prof, idx, role, var, tps, p50, p99, cpu, buf, miss, load = f[:13]
    rows[(int(n), prof, "0" if idx == "0" else "1+", role, var)] = dict(
        tps=float(tps), p50=p50, p99=p99, cpu=float(cpu), buf=float(buf), miss=float(miss), load=load)
sizes = sorted({k[0] for k in rows})
names = {"summary": "vital_summary", "plpgsql": "(a) same-output SQL", "counts": "counts-only SQL",
         "pkfetch": "(c) PK fetch"}
schemas = {"0": "as installed", "1+": "+ index personas (id)"}


def cell(r, what):
    if r is None:
        return "—"
    if what == "cpu":
        return f"{r['cpu']:.2f} [{r['buf']:.0f}]"
    if what == "lat":
        return f"{float(r['p50']):.2f} / {float(r['p99']):.1f}"
    return f"{r['miss']:.1f} of {r['buf']:.0f}"


for prof in ("tuned", "default"):
    print(f"\n**{prof}**: backend CPU ms per call [shared buffers touched per call]; last column: CPU at the largest size / 1k\n")
    print("| as | schema | variant | " + " | ".join(f"{n // 1000}k" for n in sizes) + f" | {sizes[-1] // 1000}k / 1k |")
    print("|---|---|---|" + "---|" * (len(sizes) + 1))
    for role in ("owner", "authenticated"):
        for idx in ("0", "1+"):
            for var in ("summary", "plpgsql", "counts", "pkfetch"):
                rs = [rows.get((n, prof, idx, role, var)) for n in sizes]
                if all(r is None for r in rs):
                    continue
                have = [r for r in rs if r is not None]
                ratio = f"{have[-1]['cpu'] / have[0]['cpu']:.2f}×" if len(have) > 1 and rs[0] else "—"
                print(f"| {role} | {schemas[idx]} | {names[var]} | " + " | ".join(cell(r, "cpu") for r in rs) + f" | {ratio} |")

print("\n**vital_summary wall-clock latency**, p50 / p99 ms (pgbench, 1 client, loaded machine)\n")
print("| as | schema | profile | " + " | ".join(f"{n // 1000}k" for n in sizes) + " |")
print("|---|---|---|" + "---|" * len(sizes))
for role in ("owner", "authenticated"):
    for idx in ("0", "1+"):
        for prof in ("default", "tuned"):
            rs = [rows.get((n, prof, idx, role, "summary")) for n in sizes]
            if any(r is not None for r in rs):
                print(f"| {role} | {schemas[idx]} | {prof} | " + " | ".join(cell(r, "lat") for r in rs) + " |")

print("\n**shared_buffers misses per call** (read / touched; default profile = 128 MB, data in the OS cache)\n")
print("| as | schema | variant | " + " | ".join(f"{n // 1000}k" for n in sizes) + " |")
print("|---|---|---|" + "---|" * len(sizes))
for role in ("owner", "authenticated"):
    for idx in ("0", "1+"):
        for var in ("summary", "plpgsql", "counts"):
            rs = [rows.get((n, "default", idx, role, var)) for n in sizes]
            if any(r is not None for r in rs):
                print(f"| {role} | {schemas[idx]} | {names[var]} | " + " | ".join(cell(r, "miss") for r in rs) + " |")
loads = sorted(float(r["load"].split()[0]) for r in rows.values())
print(f"\nLoad average (1 min) at the start of each measured variant: {loads[0]:.1f} to {loads[-1]:.1f}"
      f" (median {loads[len(loads) // 2]:.1f}) on 2 cores.")

# Writes per size (the "Writes at N" tables of scale_results.md, VS_WRITES=1 or `scale.sh writes`): server CPU per
# transaction on / off and the buffers the written statement touches with the counters on (nested work included).
res = sys.argv[2] if len(sys.argv) > 2 else "bench/summary/scale_results.md"
label, n, writes = "as installed", None, {}
for line in open(res):
    if line.startswith("### "):
        label = ("+ id indexes (VS_ID_INDEX=2)" if "parents" in line else
                 "+ index personas (id)" if "index" in line else "as installed")
    elif line.startswith("Indexes"):
        label = ("+ id indexes (VS_ID_INDEX=2)" if "parents" in line else
                 "+ index personas (id)" if "index personas" in line else "as installed")
    elif line.startswith("Writes at "):
        n = int(line.split()[2])
    elif n and line.startswith("| ") and "=" in line and "×" in line:
        f = [x.strip() for x in line.strip().strip("|").split("|")]
        cpu = f[4]                                  # "a / b = r×"
        buf = f[5].split(":")[1].split(";")[0].strip() if ":" in f[5] else "?"
        writes[(f[0], label, n)] = f"{cpu.split('=')[1].strip()} ({cpu.split('=')[0].strip()} ms; {buf} buf)"
    elif not line.strip():
        pass
wsizes = sorted({k[2] for k in writes})
if writes:
    print("\n**Writes**: server CPU per transaction, counters on / off (on / off ms; shared buffers per call of the costliest"
          " statement with the counters on, its triggers included)\n")
    print("| workload | schema | " + " | ".join(f"{s // 1000}k" for s in wsizes) + " |")
    print("|---|---|" + "---|" * len(wsizes))
    for w in dict.fromkeys(k[0] for k in writes):
        for lab in ("as installed", "+ index personas (id)", "+ id indexes (VS_ID_INDEX=2)"):
            cells = [writes.get((w, lab, s), "—") for s in wsizes]
            if any(c != "—" for c in cells):
                print(f"| {w} | {lab} | " + " | ".join(cells) + " |")

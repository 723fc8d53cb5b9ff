#!/usr/bin/env bash
# META.json: valid JSON with the PGXN Meta Spec 1.0.0 required keys, and its version is the
# control file's default_version (semver: X.Y -> X.Y.0) — the control file is the one place.
cd "$(dirname "$0")/../.." || exit 1
python3 - <<'PY'
import json, re
n = 0
def check(ok, desc):
    global n; n += 1
    print(("ok" if ok else "not ok"), n, "-", desc)
try:
    meta = json.load(open("META.json")); check(True, "META.json is valid JSON")
except Exception as e:
    check(False, f"META.json is valid JSON ({e})"); raise SystemExit(1)
required = ["name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"]
check(all(k in meta for k in required), "META.json has every required PGXN key")
check(meta.get("meta-spec", {}).get("version") == "1.0.0", "META.json follows meta-spec 1.0.0")
semver = re.compile(r"^\d+\.\d+\.\d+$")
check(all(semver.match(v["version"]) for v in [meta] + list(meta["provides"].values())), "versions are semver")
control = open("vital_persona.control").read()
default = re.search(r"^default_version\s*=\s*'([^']+)'", control, re.M).group(1)
check(meta["version"] == default + ".0" and meta["provides"]["vital_persona"]["version"] == default + ".0",
      f"META.json version matches the control file's default_version {default}")
# Supported PostgreSQL: a PGXN version range from 15 on, and the majors CI runs the suite on
# (.ci/run's default list) are exactly the ones META.json says are tested, each inside the range.
rng = meta["prereqs"]["runtime"]["requires"].get("PostgreSQL", "")
clauses = [c.strip() for c in rng.split(",")]
parsed = [re.fullmatch(r"(>=|>|<=|<|==|!=)\s*(\d+)\.(\d+)\.(\d+)", c) for c in clauses]
check(all(parsed) and ">= 15.0.0" in clauses, f"runtime requires a PostgreSQL range from 15.0.0 ({rng!r})")
def in_range(major):
    v = (major, 0, 0)
    ops = {">=": v.__ge__, ">": v.__gt__, "<=": v.__le__, "<": v.__lt__, "==": v.__eq__, "!=": v.__ne__}
    return all(ops[m.group(1)](tuple(int(m.group(i)) for i in (2, 3, 4))) for m in parsed if m)
ci = re.search(r"VP_CI_MAJORS:-([0-9 ]+)\}", open(".ci/run").read())
ci_majors = ci.group(1).split() if ci else []
tested = meta.get("x_postgresql_tested", [])
check(ci_majors != [] and sorted(ci_majors) == sorted(tested),
      f"x_postgresql_tested {tested} are the majors .ci/run tests {ci_majors}")
check(all(parsed) and tested != [] and all(in_range(int(t)) for t in tested), f"every tested major is inside {rng!r}")
PY

#!/usr/bin/env bash
# META.json: valid JSON with the PGXN Meta Spec 1.0.0 required keys, and its version is the
# control file's default_version (semver: X.Y -> X.Y.0) — the control file is the one place.
cd "$(dirname "$0")/../.."
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
check(meta["prereqs"]["runtime"]["requires"].get("PostgreSQL") == "15.0.0", "requires PostgreSQL 15+")
PY

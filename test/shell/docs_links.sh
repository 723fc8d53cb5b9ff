#!/usr/bin/env bash
# Docs that are true, mechanically: every relative link in a Markdown file resolves, and every repository
# path a doc names in backticks (src/…, sql/…, test/…, scripts/…, docs/…, bench/…, include/…) exists.
cd "$(dirname "$0")/../.." || exit 1
python3 - <<'PY'
import os, re, subprocess
files = subprocess.run(["git", "ls-files", "*.md"], capture_output=True, text=True).stdout.split()
files += [f for f in subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "*.md"],
                                    capture_output=True, text=True).stdout.split()]
link = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
path = re.compile(r"`((?:\.ci|bench|docs|include|scripts|sql|src|test)/[^`\s]*)`")
placeholder = re.compile(r"[*{}<>]|NNN|\bX\b|X\.Y|A--B|\.\.\.|…")
n = 0
for md in sorted(set(files)):
    text = open(md, encoding="utf-8").read()
    bad = []
    for m in link.finditer(text):
        target = m.group(1).split("#")[0]
        if not target or re.match(r"^[a-z]+:", target):
            continue
        if not os.path.exists(os.path.normpath(os.path.join(os.path.dirname(md), target))):
            bad.append(f"link {m.group(1)}")
    for m in path.finditer(text):
        p = m.group(1).rstrip(".,:;")
        if placeholder.search(p) or p.startswith("test/results") or p.startswith("bench/results"):
            continue
        p = p.split(":")[0]
        if not os.path.exists(p) and not os.path.exists(p.rstrip("/")):
            bad.append(f"path {p}")
    n += 1
    print(("ok" if not bad else "not ok"), n, "-", md, "names only files that exist")
    for b in bad:
        print("#   missing:", b)
print(f"1..{n}")
PY

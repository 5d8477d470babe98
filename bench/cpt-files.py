#!/usr/bin/env python3
"""Writes made-up CPT licensee files (AMA layouts the `import cpt` verb reads) for benchmarks: LONGULT.txt with
N made-up Category I codes (plus some Category II), MODUL.txt with the modifiers of the shipped fragment, and
Telemedicine.txt. No AMA text: descriptors are generated. Usage: bench/cpt-files.py <folder> [N=10000]"""
import json, os, random, sys

folder = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fragment = json.load(open(os.path.join(root, "fhir-resources", "CodeSystem-cpt.json")))
flag = lambda c, p: any(x["code"] == p and x.get("valueBoolean") for x in c["property"])
kind = lambda c: next((x["valueCode"] for x in c["property"] if x["code"] == "kind"), "")
real = [c for c in fragment["concept"] if not flag(c, "modifier") and not flag(c, "inactive") and kind(c) != "metadata"]
mods = [c for c in fragment["concept"] if flag(c, "modifier")]
rnd = random.Random(2026)
words = ["repair", "imaging", "injection", "removal", "assessment", "drainage", "biopsy", "graft", "widget", "sprocket", "flange", "gizmo", "simple", "complex"]
taken = {c["code"] for c in real}
codes, nxt = [], 10021
while len(codes) < n:
    nxt += 1 + rnd.randrange(3)
    code = f"{nxt:05d}" if len(codes) % 50 else f"{len(codes) // 50:04d}F"
    if code not in taken:
        taken.add(code)
        codes.append(code)
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, "LONGULT.txt"), "w", newline="\r\n") as f:
    for c in codes:
        f.write(f"{c}\tMade-up {' '.join(rnd.sample(words, 4))} (made-up {c})\n")
    for c in real:
        f.write(f"{c['code']}\t{c['display']}\n")
with open(os.path.join(folder, "MODUL.txt"), "w", newline="\r\n") as f:
    for c in mods:
        f.write(f"{c['code']}\t{c['display']}\n")
with open(os.path.join(folder, "Telemedicine.txt"), "w", newline="\r\n") as f:
    for c in real:
        if flag(c, "telemedicine"):
            f.write(c["code"] + "\n")
print(len(codes) + len(real) + len(mods))

#!/usr/bin/env python3
"""Writes an ICD-10-CM FY2026 CodeSystem (98,186 concepts, flat, dotted codes, long description as display,
short description as a designation) and a ValueSet including the whole system, from the CMS order file, for
bench/http.sh to PUT into the server. Usage: icd10cm-resources.py <order file .txt.gz> <out folder>"""
import gzip, json, sys, os, urllib.parse

order, out = sys.argv[1], sys.argv[2]
concepts = []
billable = []
with gzip.open(order, "rt", encoding="utf-8", errors="replace") as f:
    for line in f:
        line = line.rstrip("\r\n")
        if len(line) < 78:
            continue
        code, short, long_ = line[6:13].strip(), line[16:76].strip(), line[77:].strip()
        dotted = code[:3] + "." + code[3:] if len(code) > 3 else code
        c = {"code": dotted, "display": long_}
        if short != long_:
            c["designation"] = [{"language": "en", "use": {"system": "http://snomed.info/sct", "code": "900000000000013009"}, "value": short}]
        concepts.append(c)
        if line[14] == "1":
            billable.append(c)

cs = {
    "resourceType": "CodeSystem", "id": "icd10cm-bench", "url": "http://hl7.org/fhir/sid/icd-10-cm",
    "version": "2026", "name": "ICD10CM", "status": "active", "content": "complete", "caseSensitive": True,
    "count": len(concepts), "concept": concepts,
}
vs = {
    "resourceType": "ValueSet", "id": "icd10cm-all-bench", "url": "http://example.org/fhir/ValueSet/icd10cm-all",
    "name": "ICD10CMAll", "status": "active",
    "compose": {"include": [{"system": "http://hl7.org/fhir/sid/icd-10-cm"}]},
}
# The 6,000-code value set of the engine benchmark (ValueSetBenchmarks): every step-th billable code.
step = len(billable) // 6000
listed = [billable[i * step] for i in range(6000)]
vs6000 = {
    "resourceType": "ValueSet", "id": "icd10cm-6000-bench", "url": "http://example.org/fhir/ValueSet/icd10cm-6000",
    "name": "ICD10CM6000", "status": "active",
    "compose": {"include": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "concept": [{"code": c["code"]} for c in listed]}]},
}
member, non_member = listed[4321], billable[4321 * step + 1]
q = urllib.parse.quote
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "vs6000.json"), "w") as f:
    json.dump(vs6000, f, separators=(",", ":"))
# Query suffixes for bench/validate-codes.lua: member, member + display, member + wrong display, non-member.
with open(os.path.join(out, "vs6000-queries.txt"), "w") as f:
    f.write("&code=%s\n&code=%s&display=%s\n&code=%s&display=Wrong%%20display\n&code=%s\n" % (
        q(member["code"]), q(member["code"]), q(member["display"]), q(member["code"]), q(non_member["code"])))
with open(os.path.join(out, "cs.json"), "w") as f:
    json.dump(cs, f, separators=(",", ":"))
with open(os.path.join(out, "vs.json"), "w") as f:
    json.dump(vs, f, separators=(",", ":"))
print(len(concepts))

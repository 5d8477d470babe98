#!/usr/bin/env python3
"""Writes the made-up content of bench/issue18.sh into a folder, for `import fhir <folder>`:
a 5,000-code CodeSystem (50 groups of one parent and 99 children, so `is-a` a group is 100 codes) and
the value sets the benchmark expands: the whole system, one group (is-a), 10 enumerated codes, and all of ICD-10-CM.
    bench/bench-content.py <out-folder>
"""
import json
import os
import sys

SYSTEM = "http://example.org/fhir/CodeSystem/bench5000"
out = sys.argv[1]
os.makedirs(out, exist_ok=True)

concepts = []
for g in range(1, 51):
    group = {"code": f"G{g:02d}", "display": f"Bench group {g:02d} of made-up procedures",
             "definition": f"Made-up group {g} used only by the benchmark.",
             "property": [{"code": "status", "valueCode": "active"}], "concept": []}
    for c in range(1, 100):
        group["concept"].append({"code": f"G{g:02d}-{c:03d}", "display": f"Bench procedure {c:03d} of group {g:02d}",
                                 "definition": f"Made-up procedure {c} of group {g}.",
                                 "property": [{"code": "status", "valueCode": "active"}]})
    concepts.append(group)

cs = {"resourceType": "CodeSystem", "id": "bench5000", "url": SYSTEM, "version": "1", "name": "Bench5000",
      "status": "active", "content": "complete", "hierarchyMeaning": "is-a", "count": 5000,
      "property": [{"code": "status", "type": "code"}], "concept": concepts}


def vs(id_, include):
    return {"resourceType": "ValueSet", "id": id_, "url": f"http://example.org/fhir/ValueSet/{id_}",
            "version": "1", "name": id_.replace("-", ""), "status": "active", "compose": {"include": [include]}}


resources = [
    cs,
    vs("bench5000-all", {"system": SYSTEM}),
    vs("bench5000-isa", {"system": SYSTEM, "filter": [{"property": "concept", "op": "is-a", "value": "G07"}]}),
    vs("bench5000-10", {"system": SYSTEM, "concept": [{"code": f"G03-{c:03d}"} for c in range(1, 11)]}),
    # the type-ahead row: all of ICD-10-CM (imported separately with `import icd10cm`)
    vs("bench-icd10cm-all", {"system": "http://hl7.org/fhir/sid/icd-10-cm"}),
]
for r in resources:
    with open(os.path.join(out, f"{r['resourceType']}-{r['id']}.json"), "w") as f:
        json.dump(r, f)

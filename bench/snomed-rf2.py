#!/usr/bin/env python3
"""Writes a synthetic SNOMED CT RF2 Snapshot release of International-edition size, for import and server benchmarks.

The file names, folders and columns are RF2's (SNOMED International's "Release File Specification"); the content is
invented: apart from the well-known metadata and top-level concept ids the engine and ECL rely on (138875005 root,
404684003 Clinical finding, 71388002 Procedure, 116680003 Is a, the module, description type, language and refset
ids...), every concept, description and relationship is generated, with valid SCTIDs (partition + Verhoeff check
digit), from a seeded random generator: the same arguments write the same bytes. Nothing is copied from a release.

    python3 bench/snomed-rf2.py /tmp/snomed-int                 # ~370,000 concepts, ~1.6 M descriptions, ~3 M relationships
    python3 bench/snomed-rf2.py --concepts 20000 /tmp/snomed-s  # smaller, same shape
    python3 bench/snomed-rf2.py --seed 7 /tmp/x                 # another (still deterministic) release

Shape: an is-a DAG under 138875005 (each concept 1-3 parents inside its top-level hierarchy), defining attributes
in role groups (finding site, associated morphology, causative agent, method, procedure site, using device, has
active ingredient) with MRCM domain/range rows for them, a few concrete values, FSN + preferred/acceptable synonyms
in the US (all) and GB (some) English language refsets, inactive descriptions and relationships, ~4 % inactive
concepts with SAME AS / REPLACED BY / POSSIBLY EQUIVALENT TO targets, three simple refsets, module dependency.
"""
import argparse
import os
import random
import uuid

EFFECTIVE = "20250901"
CORE, MODEL = "900000000000207008", "900000000000012004"
ROOT, ISA = "138875005", "116680003"
PRIMITIVE, DEFINED = "900000000000074008", "900000000000073002"
FSN, SYN, DEF = "900000000000003001", "900000000000013009", "900000000000550004"
CASE_INSENSITIVE, CASE_SENSITIVE = "900000000000448009", "900000000000017005"
INFERRED, EXISTENTIAL = "900000000000011006", "900000000000451002"
US, GB = "900000000000509007", "900000000000508004"
PREFERRED, ACCEPTABLE = "900000000000548007", "900000000000549004"
SAME_AS, REPLACED_BY, POSSIBLY_EQUIVALENT = "900000000000527005", "900000000000526001", "900000000000523009"
MRCM_DOMAIN, MRCM_RANGE, MODULE_DEPENDENCY = "723561005", "723562003", "900000000000534007"
MANDATORY, ALL_CONTENT = "723597001", "723596005"

# Top-level hierarchies: (id, name, semantic tag, share of the generated concepts, words).
HIERARCHIES = [
    ("404684003", "Clinical finding", "finding", 0.31),
    ("71388002", "Procedure", "procedure", 0.15),
    ("123037004", "Body structure", "body structure", 0.10),
    ("410607006", "Organism", "organism", 0.09),
    ("105590001", "Substance", "substance", 0.07),
    ("373873005", "Pharmaceutical / biologic product", "product", 0.07),
    ("260787004", "Physical object", "physical object", 0.05),
    ("362981000", "Qualifier value", "qualifier value", 0.04),
    ("363787002", "Observable entity", "observable entity", 0.035),
    ("243796009", "Situation with explicit context", "situation", 0.015),
    ("272379006", "Event", "event", 0.01),
    ("123038009", "Specimen", "specimen", 0.01),
    ("48176007", "Social context", "social concept", 0.01),
    ("419891008", "Record artifact", "record artifact", 0.005),
    ("254291000", "Staging and scales", "staging scale", 0.005),
    ("78621006", "Physical force", "physical force", 0.005),
    ("370115009", "Special concept", "special concept", 0.005),
]
# Sub-hierarchy roots used as attribute ranges: (id, name, tag, parent top-level).
SUBROOTS = [("49755003", "Morphologically abnormal structure", "morphologic abnormality", "123037004"),
            ("442083009", "Anatomical or acquired body structure", "body structure", "123037004")]
# Concept model: (attribute id, name, domain, range root, grouped, share of domain concepts that have it).
ATTRIBUTES = [
    ("363698007", "Finding site", "404684003", "442083009", 0.9),
    ("116676008", "Associated morphology", "404684003", "49755003", 0.8),
    ("246075003", "Causative agent", "404684003", "410607006", 0.3),
    ("246093002", "Component", "363787002", "105590001", 0.9),
    ("260686004", "Method", "71388002", "362981000", 0.9),
    ("405813007", "Procedure site - Direct", "71388002", "442083009", 0.7),
    ("424226004", "Using device", "71388002", "260787004", 0.3),
    ("127489000", "Has active ingredient", "373873005", "105590001", 0.95),
]
CONCRETE = ("1142139005", "Count of base of active ingredient")
SIMPLE_REFSETS = [("723264001", "Lateralizable body structure reference set", "123037004"),
                  ("734138000", "Anatomy structure and entire association reference set", "123037004"),
                  ("447562003", "ICD-10 complex map reference set", "404684003")]
METADATA = [  # (id, term, tag, parent): the model component part of the release.
    ("900000000000441003", "SNOMED CT Model Component", "metadata", ROOT),
    ("106237007", "Linkage concept", "linkage concept", ROOT),
    ("410662002", "Concept model attribute", "attribute", "106237007"),
    (ISA, "Is a", "attribute", "410662002"),
    ("900000000000442005", "Core metadata concept", "core metadata concept", "900000000000441003"),
    ("900000000000443000", "Module", "core metadata concept", "900000000000442005"),
    (CORE, "SNOMED CT core module", "core metadata concept", "900000000000443000"),
    (MODEL, "SNOMED CT model component module", "core metadata concept", "900000000000443000"),
    ("900000000000444006", "Definition status", "core metadata concept", "900000000000442005"),
    (PRIMITIVE, "Primitive", "core metadata concept", "900000000000444006"),
    (DEFINED, "Defined", "core metadata concept", "900000000000444006"),
    ("900000000000446008", "Description type", "core metadata concept", "900000000000442005"),
    (FSN, "Fully specified name", "core metadata concept", "900000000000446008"),
    (SYN, "Synonym", "core metadata concept", "900000000000446008"),
    (DEF, "Definition", "core metadata concept", "900000000000446008"),
    ("900000000000447004", "Case significance", "core metadata concept", "900000000000442005"),
    (CASE_INSENSITIVE, "Entire term case insensitive", "core metadata concept", "900000000000447004"),
    (CASE_SENSITIVE, "Entire term case sensitive", "core metadata concept", "900000000000447004"),
    ("900000000000449001", "Characteristic type", "core metadata concept", "900000000000442005"),
    (INFERRED, "Inferred relationship", "core metadata concept", "900000000000449001"),
    ("900000000000450001", "Modifier", "core metadata concept", "900000000000442005"),
    (EXISTENTIAL, "Existential restriction modifier", "core metadata concept", "900000000000450001"),
    ("900000000000511003", "Acceptability", "foundation metadata concept", "900000000000442005"),
    (PREFERRED, "Preferred", "foundation metadata concept", "900000000000511003"),
    (ACCEPTABLE, "Acceptable", "foundation metadata concept", "900000000000511003"),
    ("900000000000454005", "Foundation metadata concept", "foundation metadata concept", "900000000000441003"),
    ("900000000000455006", "Reference set", "foundation metadata concept", "900000000000454005"),
    ("446609009", "Simple type reference set", "foundation metadata concept", "900000000000455006"),
    ("900000000000506000", "Language type reference set", "foundation metadata concept", "900000000000455006"),
    (US, "United States of America English language reference set", "foundation metadata concept", "900000000000506000"),
    (GB, "Great Britain English language reference set", "foundation metadata concept", "900000000000506000"),
    ("900000000000521006", "Association type reference set", "foundation metadata concept", "900000000000455006"),
    ("900000000000522004", "Historical association reference set", "foundation metadata concept", "900000000000521006"),
    (SAME_AS, "SAME AS association reference set", "foundation metadata concept", "900000000000522004"),
    (REPLACED_BY, "REPLACED BY association reference set", "foundation metadata concept", "900000000000522004"),
    (POSSIBLY_EQUIVALENT, "POSSIBLY EQUIVALENT TO association reference set", "foundation metadata concept", "900000000000522004"),
    ("900000000000534007", "Module dependency reference set", "foundation metadata concept", "900000000000455006"),
    ("723564002", "MRCM reference set", "foundation metadata concept", "900000000000455006"),
    (MRCM_DOMAIN, "MRCM attribute domain international reference set", "foundation metadata concept", "723564002"),
    (MRCM_RANGE, "MRCM attribute range international reference set", "foundation metadata concept", "723564002"),
    (MANDATORY, "Mandatory concept model rule", "foundation metadata concept", "900000000000454005"),
    (ALL_CONTENT, "All SNOMED CT content", "foundation metadata concept", "900000000000454005"),
    (CONCRETE[0], CONCRETE[1], "attribute", "410662002"),
] + [(a, n, "attribute", "410662002") for a, n, *_ in ATTRIBUTES] + [(r, n, "foundation metadata concept", "446609009") for r, n, _ in SIMPLE_REFSETS]

# Word pools for the made-up terms (generic English and anatomy words, so type-ahead filters find realistic matches).
WORDS = {
    "finding": "fracture pain swelling lesion ulcer infection inflammation disorder injury stenosis hemorrhage cyst tumor "
               "deformity obstruction erosion abscess edema necrosis atrophy hypertrophy dysplasia sprain dislocation burn "
               "neuropathy myopathy syndrome deficiency poisoning allergy diabetes hypertension asthma pneumonia migraine".split(),
    "procedure": "excision biopsy repair removal insertion replacement reconstruction drainage injection imaging scan "
                 "ultrasound radiography transplant amputation fixation debridement examination assessment screening "
                 "catheterization anastomosis bypass resection ligation suture aspiration infusion therapy".split(),
    "body": "femur tibia fibula humerus radius ulna skull spine vertebra rib pelvis hip knee ankle wrist elbow shoulder "
            "heart lung liver kidney spleen pancreas stomach colon rectum bladder uterus ovary prostate brain retina "
            "cornea artery vein nerve muscle tendon ligament skin thyroid adrenal esophagus duodenum".split(),
    "organism": "bacterium virus fungus streptococcus staphylococcus bacillus clostridium mycobacterium candida aspergillus "
                "plasmodium influenza herpes rotavirus norovirus enterococcus pseudomonas klebsiella salmonella".split(),
    "substance": "acid sodium potassium calcium chloride sulfate phosphate hydroxide oxide amine glucose protein enzyme "
                 "hormone antibody toxin alkaloid steroid peptide lipid vitamin".split(),
    "product": "tablet capsule solution injection cream ointment suspension patch inhaler syrup drops spray".split(),
    "object": "catheter stent implant prosthesis needle syringe tube pump valve monitor splint dressing electrode".split(),
    "qualifier": "left right bilateral acute chronic mild moderate severe primary secondary proximal distal anterior "
                 "posterior lateral medial superior inferior open closed partial total recurrent".split(),
    "other": "history status level score index report record count ratio measurement observation context".split(),
}
POOL = {"finding": "finding", "procedure": "procedure", "body structure": "body", "morphologic abnormality": "finding",
        "organism": "organism", "substance": "substance", "product": "product", "physical object": "object",
        "qualifier value": "qualifier"}


def verhoeff(digits):
    """The check digit that makes digits + check valid (Verhoeff, as Sctid.HasValidCheckDigit checks it)."""
    d = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
         [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
         [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
         [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
    p = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
         [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
         [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
    inv = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = d[c][p[(i + 1) % 8][ord(ch) - 48]]
    return str(inv[c])


class Ids:
    """Sequential SCTIDs of one partition (00 concept, 01 description, 02 relationship), skipping the fixed ids."""

    def __init__(self, start, partition, taken):
        self.next, self.partition, self.taken = start, partition, taken

    def __call__(self):
        while True:
            body = f"{self.next}{self.partition}"
            self.next += 1
            sctid = body + verhoeff(body)
            if sctid not in self.taken:
                return sctid


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--concepts", type=int, default=370_000)
    ap.add_argument("--seed", type=int, default=20250901)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    fixed = {ROOT} | {h[0] for h in HIERARCHIES} | {s[0] for s in SUBROOTS} | {m[0] for m in METADATA}
    concept_id, description_id, relationship_id = Ids(10_000_000, "00", fixed), Ids(20_000_000, "01", fixed), Ids(100_000_000, "02", fixed)
    member_uuid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))

    term, tag, hierarchy, parents = {}, {}, {}, {}  # by concept id
    term[ROOT], tag[ROOT], hierarchy[ROOT], parents[ROOT] = "SNOMED CT Concept", "SNOMED RT+CTV3", ROOT, []
    for cid, name, t, *_ in HIERARCHIES:
        term[cid], tag[cid], hierarchy[cid], parents[cid] = name, t, cid, [ROOT]
    for cid, name, t, parent in SUBROOTS:
        term[cid], tag[cid], hierarchy[cid], parents[cid] = name, t, parent, [parent]
    for cid, name, t, parent in METADATA:
        term[cid], tag[cid], hierarchy[cid], parents[cid] = name, t, "900000000000441003", [parent]
    hierarchy["900000000000441003"] = "900000000000441003"

    # The DAG: each new concept gets 1-3 parents among the concepts of its hierarchy made before it (so no cycle).
    members = {h[0]: [h[0]] for h in HIERARCHIES}
    for cid, _, _, parent in SUBROOTS:
        members[cid] = [cid]
    generated = max(0, a.concepts - len(term))
    inactive = set()
    total_share = sum(h[3] for h in HIERARCHIES)
    for h, _, t, share in HIERARCHIES:
        n = round(generated * share / total_share)
        for i in range(n):
            sub = h
            if h == "123037004":
                sub = "49755003" if i % 3 == 0 else "442083009"
            pool_members = members[sub]
            cid = concept_id()
            # A uniformly chosen earlier concept: a random recursive tree, mean depth about ln(n) (~12), as bushy as SNOMED's.
            first = rng.choice(pool_members)
            ps = [first]
            for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
                q = rng.choice(pool_members)
                if q not in ps:
                    ps.append(q)
            words = WORDS[POOL.get(tag[sub] if sub != h else t, "other")]
            qual = WORDS["qualifier"]
            body = WORDS["body"]
            phrase = f"{rng.choice(qual).capitalize()} {rng.choice(words)} of {rng.choice(body)}" if sub != "442083009" else \
                f"{rng.choice(qual).capitalize()} {rng.choice(body)} structure"
            term[cid] = f"{phrase} {i}" if rng.random() < 0.15 else phrase
            tag[cid] = tag[sub] if sub != h else t
            hierarchy[cid], parents[cid] = sub, ps
            # ~4 % are inactive: never a parent or attribute value of another concept; association targets instead.
            if rng.random() < 0.04:
                inactive.add(cid)
            else:
                pool_members.append(cid)
    ids = list(term)
    fixed_ids = fixed | {ROOT}

    t = os.path.join(a.out, "Snapshot", "Terminology")
    r = os.path.join(a.out, "Snapshot", "Refset")
    for sub in ("Language", "Content", "Metadata"):
        os.makedirs(os.path.join(r, sub), exist_ok=True)
    os.makedirs(t, exist_ok=True)

    def open_file(folder, name, header):
        f = open(os.path.join(folder, name), "w", encoding="utf-8", newline="")
        f.write("\t".join(header.split()) + "\r\n")
        return f

    def row(f, *cols):
        f.write("\t".join(cols) + "\r\n")

    counts = dict(concepts=0, descriptions=0, relationships=0, language=0)
    with open_file(t, f"sct2_Concept_Snapshot_INT_{EFFECTIVE}.txt", "id effectiveTime active moduleId definitionStatusId") as f:
        for c in ids:
            module = MODEL if hierarchy[c] == "900000000000441003" else CORE
            status = DEFINED if c not in fixed_ids and rng.random() < 0.3 else PRIMITIVE
            row(f, c, EFFECTIVE if rng.random() < 0.1 else "20020131", "0" if c in inactive else "1", module, status)
            counts["concepts"] += 1

    with open_file(t, f"sct2_Description_Snapshot-en_INT_{EFFECTIVE}.txt", "id effectiveTime active moduleId conceptId languageCode typeId term caseSignificanceId") as fd, \
            open_file(os.path.join(r, "Language"), f"der2_cRefset_LanguageSnapshot-en_INT_{EFFECTIVE}.txt", "id effectiveTime active moduleId refsetId referencedComponentId acceptabilityId") as fl, \
            open_file(t, f"sct2_TextDefinition_Snapshot-en_INT_{EFFECTIVE}.txt", "id effectiveTime active moduleId conceptId languageCode typeId term caseSignificanceId") as ft:
        for c in ids:
            module = MODEL if hierarchy[c] == "900000000000441003" else CORE
            base = term[c]
            # FSN, preferred term, 0-4 acceptable synonyms, sometimes an inactive old synonym: ~4.3 descriptions each.
            names = [(FSN, f"{base} ({tag[c]})", PREFERRED), (SYN, base, PREFERRED)]
            for k in range(rng.choice((0, 1, 1, 2, 2, 3, 4, 4))):
                w = base.split()
                rng.shuffle(w)
                names.append((SYN, " ".join(w).capitalize() if k % 2 == 0 else f"{base}, {rng.choice(WORDS['qualifier'])}", ACCEPTABLE))
            if rng.random() < 0.25:
                names.append((SYN, f"{base} (old term)", None))
            gb = rng.random() < 0.1
            for type_id, text, acceptability in names:
                did = description_id()
                active = "1" if acceptability else "0"
                row(fd, did, EFFECTIVE, active, module, c, "en", type_id, text, CASE_INSENSITIVE)
                counts["descriptions"] += 1
                if acceptability:
                    row(fl, member_uuid(), EFFECTIVE, "1", module, US, did, acceptability)
                    counts["language"] += 1
                    if gb:
                        row(fl, member_uuid(), EFFECTIVE, "1", module, GB, did, ACCEPTABLE if type_id == SYN and acceptability == PREFERRED else acceptability)
                        counts["language"] += 1
            if rng.random() < 0.02:
                row(ft, description_id(), EFFECTIVE, "1", module, c, "en", DEF, f"A made-up definition of {base.lower()}", CASE_SENSITIVE)

    # Relationships: is-a (active for active concepts), defining attributes in role groups, and inactive rows
    # (old parents, retired attribute values) so that about a fifth of the file is inactive, as in a real snapshot.
    range_members = {}
    for attr, _, domain, rng_root, _ in ATTRIBUTES:
        range_members[rng_root] = [x for x in members.get(rng_root, [rng_root]) if x not in inactive] or [rng_root]
    with open_file(t, f"sct2_Relationship_Snapshot_INT_{EFFECTIVE}.txt", "id effectiveTime active moduleId sourceId destinationId relationshipGroup typeId characteristicTypeId modifierId") as fr, \
            open_file(t, f"sct2_RelationshipConcreteValues_Snapshot_INT_{EFFECTIVE}.txt", "id effectiveTime active moduleId sourceId value relationshipGroup typeId characteristicTypeId modifierId") as fc:
        def rel(source, dest, group, type_id, active="1"):
            row(fr, relationship_id(), EFFECTIVE, active, CORE, source, dest, str(group), type_id, INFERRED, EXISTENTIAL)
            counts["relationships"] += 1

        for c in ids:
            if c == ROOT:
                continue
            if c in inactive:
                for p in parents[c]:
                    rel(c, p, 0, ISA, "0")
                continue
            for p in parents[c]:
                rel(c, p, 0, ISA)
            for _ in range(rng.choice((0, 1, 1, 2, 2))):
                rel(c, rng.choice(members.get(hierarchy[c], [parents[c][0]])), 0, ISA, "0")
            top = hierarchy[c] if hierarchy[c] in members and hierarchy[c] != "123037004" else None
            if top is None or c == top:
                continue
            attrs = [x for x in ATTRIBUTES if x[2] == top]
            groups = rng.choice((1, 2, 2, 3, 3, 4, 4))
            for g in range(1, groups + 1):
                for attr, _, _, rng_root, share in attrs:
                    if rng.random() < share:
                        rel(c, rng.choice(range_members[rng_root]), g, attr)
                        if rng.random() < 0.9:
                            rel(c, rng.choice(range_members[rng_root]), g, attr, "0")
                if top == "373873005":
                    row(fc, relationship_id(), EFFECTIVE, "1", CORE, c, f"#{rng.randint(1, 4)}", str(g), CONCRETE[0], INFERRED, EXISTENTIAL)

    with open_file(r, f"der2_cRefset_AssociationSnapshot_INT_{EFFECTIVE}.txt", "id effectiveTime active moduleId refsetId referencedComponentId targetComponentId") as f:
        for c in sorted(inactive):
            candidates = range_members.get(hierarchy[c]) or members.get(hierarchy[c]) or [hierarchy[c]]
            refset = rng.choice((REPLACED_BY, REPLACED_BY, SAME_AS, POSSIBLY_EQUIVALENT))
            for _ in range(2 if refset == POSSIBLY_EQUIVALENT else 1):
                target = rng.choice(candidates)
                if target not in inactive:
                    row(f, member_uuid(), EFFECTIVE, "1", CORE, refset, c, target)

    with open_file(os.path.join(r, "Content"), f"der2_Refset_SimpleSnapshot_INT_{EFFECTIVE}.txt", "id effectiveTime active moduleId refsetId referencedComponentId") as f:
        for refset, _, top in SIMPLE_REFSETS:
            pool = [x for x in members[top] if x not in inactive]
            for c in rng.sample(pool, min(len(pool), 3000)):
                row(f, member_uuid(), EFFECTIVE, "1", CORE, refset, c)

    with open_file(os.path.join(r, "Metadata"), f"der2_cissccRefset_MRCMAttributeDomainSnapshot_INT_{EFFECTIVE}.txt",
                   "id effectiveTime active moduleId refsetId referencedComponentId domainId grouped attributeCardinality attributeInGroupCardinality ruleStrengthId contentTypeId") as f:
        for attr, _, domain, _, _ in ATTRIBUTES:
            row(f, member_uuid(), EFFECTIVE, "1", MODEL, MRCM_DOMAIN, attr, domain, "1", "0..*", "0..1", MANDATORY, ALL_CONTENT)
        row(f, member_uuid(), EFFECTIVE, "1", MODEL, MRCM_DOMAIN, CONCRETE[0], "373873005", "1", "0..1", "0..1", MANDATORY, ALL_CONTENT)
    with open_file(os.path.join(r, "Metadata"), f"der2_ssccRefset_MRCMAttributeRangeSnapshot_INT_{EFFECTIVE}.txt",
                   "id effectiveTime active moduleId refsetId referencedComponentId rangeConstraint attributeRule ruleStrengthId contentTypeId") as f:
        for attr, name, domain, rng_root, _ in ATTRIBUTES:
            row(f, member_uuid(), EFFECTIVE, "1", MODEL, MRCM_RANGE, attr, f"<< {rng_root} |{term[rng_root]} ({tag[rng_root]})|",
                f"<< {domain} |{term[domain]}|: [0..*] {{ [0..1] {attr} |{name}| = << {rng_root} |{term[rng_root]}| }}", MANDATORY, ALL_CONTENT)
        row(f, member_uuid(), EFFECTIVE, "1", MODEL, MRCM_RANGE, CONCRETE[0], "int(>#0..)", f"<< 373873005: [0..1] {{ [0..1] {CONCRETE[0]} = int(>#0..) }}", MANDATORY, ALL_CONTENT)
    with open_file(os.path.join(r, "Metadata"), f"der2_ssRefset_ModuleDependencySnapshot_INT_{EFFECTIVE}.txt",
                   "id effectiveTime active moduleId refsetId referencedComponentId sourceEffectiveTime targetEffectiveTime") as f:
        row(f, member_uuid(), EFFECTIVE, "1", CORE, MODULE_DEPENDENCY, MODEL, EFFECTIVE, EFFECTIVE)

    print(f"wrote {a.out}: {counts['concepts']:,} concepts ({len(inactive):,} inactive), {counts['descriptions']:,} descriptions, "
          f"{counts['language']:,} language refset members, {counts['relationships']:,} relationships")


if __name__ == "__main__":
    main()

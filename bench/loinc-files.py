#!/usr/bin/env python3
"""Writes a synthetic LOINC release of real size (~105,000 terms, ~60,000 Parts), for import and server benchmarks.

The folders, file names and CSV columns are those of a LOINC release (LoincTable/Loinc.csv, AccessoryFiles/PartFile,
AnswerFile, ComponentHierarchyBySystem, ConsumerName, LinguisticVariants, MapTo), quoted as Regenstrief writes
them; the content is invented from a seeded random generator (the same arguments write the same bytes): made-up
analytes built from generic chemistry words and syllables, the usual axis abbreviations (Qn, Ord, Pt, MCnc...),
LOINC numbers, LP, LL and LA codes with a valid mod-10 check digit. Nothing is copied from a LOINC release.

    python3 bench/loinc-files.py /tmp/loinc-big                # ~105,000 terms, ~60,000 Parts
    python3 bench/loinc-files.py --terms 10000 /tmp/loinc-s    # smaller, same shape
"""
import argparse
import csv
import os
import random

VERSION = "2.81"
HEADER = ("LOINC_NUM COMPONENT PROPERTY TIME_ASPCT SYSTEM SCALE_TYP METHOD_TYP CLASS VersionLastChanged CHNG_TYPE "
          "DefinitionDescription STATUS CONSUMER_NAME CLASSTYPE FORMULA EXMPL_ANSWERS SURVEY_QUEST_TEXT SURVEY_QUEST_SRC "
          "UNITSREQUIRED RELATEDNAMES2 SHORTNAME ORDER_OBS HL7_FIELD_SUBFIELD_ID EXTERNAL_COPYRIGHT_NOTICE EXAMPLE_UNITS "
          "LONG_COMMON_NAME EXAMPLE_UCUM_UNITS STATUS_REASON STATUS_TEXT CHANGE_REASON_PUBLIC COMMON_TEST_RANK "
          "COMMON_ORDER_RANK HL7_ATTACHMENT_STRUCTURE EXTERNAL_COPYRIGHT_LINK PanelType AskAtOrderEntry "
          "AssociatedObservations VersionFirstReleased ValidHL7AttachmentRequest DisplayName").split()
VARIANT_HEADER = "LOINC_NUM COMPONENT PROPERTY TIME_ASPCT SYSTEM SCALE_TYP METHOD_TYP CLASS SHORTNAME LONG_COMMON_NAME RELATEDNAMES2 LinguisticVariantDisplayName".split()

# Axis values: (abbreviation, display) - the generic vocabulary of the six-axis model.
PROPERTIES = [("MCnc", "Mass/volume"), ("SCnc", "Moles/volume"), ("ACnc", "Arbitrary concentration"), ("NCnc", "Number/volume"),
              ("PrThr", "Presence or threshold"), ("Prid", "Presence or identity"), ("Find", "Finding"), ("Type", "Type"),
              ("Imp", "Impression"), ("MRat", "Mass/time"), ("CCnc", "Catalytic activity/volume"), ("Titr", "Titer"),
              ("Len", "Length"), ("Mass", "Mass"), ("Vol", "Volume"), ("Temp", "Temperature"), ("Time", "Time"), ("Num", "Number")]
TIMES = [("Pt", "Point in time"), ("24H", "24 hours"), ("12H", "12 hours"), ("Episode", "Episode"), ("XXX", "Unspecified")]
SYSTEMS = ["Ser/Plas", "Bld", "Urine", "Ser", "Plas", "CSF", "Saliva", "Stool", "Tiss", "Resp", "Sputum", "Synv fld",
           "Pleural fld", "Periton fld", "Amnio fld", "BldV", "BldA", "BldC", "Hair", "Nail", "Skin", "Eye", "Ear", "^Patient",
           "^Fetus", "Heart", "Brain", "Knee", "Abdomen", "Chest", "Head", "Spine", "Breast", "Kidney", "Liver", "Lung"]
SYSTEM_NAMES = {"Ser/Plas": "Serum or Plasma", "Bld": "Blood", "Ser": "Serum", "Plas": "Plasma", "CSF": "Cerebral spinal fluid",
                "BldV": "Venous blood", "BldA": "Arterial blood", "BldC": "Capillary blood", "Tiss": "Tissue", "Resp": "Respiratory specimen"}
SCALES = [("Qn", "Quantitative"), ("Ord", "Ordinal"), ("Nom", "Nominal"), ("Nar", "Narrative"), ("Doc", "Document"), ("OrdQn", "Ordinal or Quantitative")]
METHODS = ["", "", "", "IA", "EIA", "IF", "Probe.amp.tar", "Culture", "Microscopy.light", "Test strip", "Calculated",
           "Automated count", "Manual count", "Flow cytometry", "US", "CT", "MR", "XR", "Electrophoresis", "HPLC", "GC/MS", "LC/MS/MS"]
CLASSES = ["CHEM", "HEM/BC", "MICRO", "SERO", "DRUG/TOX", "UA", "COAG", "ALLERGY", "CELLMARK", "MOLPATH", "PANEL.CHEM",
           "SURVEY.PROMIS", "CLIN", "RAD", "DOC.REF", "H&P.HX", "OB.US", "CARD.US", "PATH", "SPEC", "FERT", "BLDBK", "ABXBACT"]
ANALYTES = ("glucose sodium potassium chloride calcium magnesium phosphate creatinine urea albumin protein bilirubin "
            "cholesterol triglyceride hemoglobin ferritin transferrin insulin cortisol thyroxine troponin lactate amylase "
            "lipase urate iron zinc copper lead mercury ammonia bicarbonate oxygen carbon estradiol testosterone progesterone "
            "prolactin gastrin renin aldosterone vitamin folate cobalamin antibody antigen bacteria virus fungus parasite "
            "leukocytes erythrocytes platelets neutrophils lymphocytes monocytes eosinophils basophils reticulocytes").split()
SYLLABLES = "ab ac al am an ar ba be bi bo ca ce ci co da de di do fe fi ga ge la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi xa ze zo".split()
MODIFIERS = ["", "", "", "", ".free", ".total", "^post CFst", "^pre dose", " Ab.IgG", " Ab.IgE", " Ab.IgM", " Ag", " DNA", " RNA",
             "/creatinine", "^1st specimen", "^2nd specimen", " metabolite", " panel"]
LANGUAGES = [("de", "DE", "15", "German (GERMANY)"), ("fr", "FR", "18", "French (FRANCE)"), ("es", "ES", "12", "Spanish (SPAIN)"),
             ("it", "IT", "16", "Italian (ITALY)"), ("zh", "CN", "5", "Chinese (CHINA)")]


def check_digit(number):
    """LOINC's mod-10 check digit (Luhn: double every second digit from the right, starting with the last)."""
    total = 0
    for i, ch in enumerate(reversed(str(number))):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return str((10 - total % 10) % 10)


def code(prefix, number):
    return f"{prefix}{number}-{check_digit(number)}"


def writer(folder, name, header):
    os.makedirs(folder, exist_ok=True)
    f = open(os.path.join(folder, name), "w", encoding="utf-8", newline="")
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(header)
    return f, w


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--terms", type=int, default=105_000)
    ap.add_argument("--seed", type=int, default=281)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    scale = a.terms / 105_000
    lp = iter(range(100_000, 10_000_000))
    acc = os.path.join(a.out, "AccessoryFiles")

    # Parts: components (most of them), the axis values, methods, classes, and document/radiology parts.
    parts = []  # (code, type, name, display, status)

    def part(type_name, name, status="ACTIVE"):
        c = code("LP", next(lp))
        parts.append((c, type_name, name, name, status))
        return c

    axis = {"PROPERTY": {p: part("PROPERTY", p) for p, _ in PROPERTIES}, "TIME": {t: part("TIME", t) for t, _ in TIMES},
            "SYSTEM": {s: part("SYSTEM", s) for s in SYSTEMS}, "SCALE": {s: part("SCALE", s) for s, _ in SCALES},
            "METHOD": {m: part("METHOD", m) for m in METHODS if m}, "CLASS": {c: part("CLASS", c) for c in CLASSES}}
    for n in range(int(2500 * scale)):
        part("SYSTEM", f"{rng.choice(SYSTEMS)}.{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}")
    for n in range(int(2000 * scale)):
        part("METHOD", f"{rng.choice(METHODS[3:])}.{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}")
    for n in range(int(3000 * scale)):
        part(rng.choice(("Document.Kind", "Document.Setting", "Rad.Modality.Modality Type", "Rad.Timing", "ADJUSTMENT", "CHALLENGE")),
             f"{rng.choice(SYLLABLES).capitalize()}{rng.choice(SYLLABLES)} {rng.choice(ANALYTES)}")
    # Components: analyte word + made-up stem + modifier; ~50,000 of them, the rest of the ~60,000 Parts.
    components = []
    target_components = int(60_000 * scale) - len(parts)
    while len(components) < target_components:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        name = f"{stem.capitalize()}{rng.choice(('', 'ine', 'ase', 'ol', 'ate', 'in'))} {rng.choice(ANALYTES)}{rng.choice(MODIFIERS)}" if rng.random() < 0.7 \
            else f"{rng.choice(ANALYTES).capitalize()}{rng.choice(MODIFIERS)} {stem}"
        components.append((part("COMPONENT", name, "ACTIVE" if rng.random() > 0.02 else "DEPRECATED"), name))

    # Terms: each uses one component and one value per axis.
    terms = []
    number = 10_000
    for i in range(a.terms):
        number += rng.randint(1, 3)
        comp_code, comp = components[i % len(components)] if i < len(components) else rng.choice(components)
        prop, prop_name = rng.choice(PROPERTIES)
        time, time_name = rng.choice(TIMES[:2]) if rng.random() < 0.8 else rng.choice(TIMES)
        system = rng.choice(SYSTEMS)
        scale_typ, scale_name = rng.choice(SCALES[:3]) if rng.random() < 0.85 else rng.choice(SCALES)
        method = rng.choice(METHODS)
        cls = rng.choice(CLASSES)
        status = rng.choices(("ACTIVE", "DEPRECATED", "DISCOURAGED", "TRIAL"), (90, 5, 3, 2))[0]
        long_name = f"{comp} [{prop_name}] in {SYSTEM_NAMES.get(system, system.lstrip('^'))}" + (f" by {method}" if method else "")
        terms.append(dict(code=code("", number), comp=(comp_code, comp), prop=prop, time=time, system=system, scale=scale_typ,
                          method=method, cls=cls, status=status, long=long_name, classtype=str(rng.choices((1, 2, 3, 4), (60, 25, 10, 5))[0])))

    with_consumer = set()
    f, w = writer(os.path.join(a.out, "LoincTable"), "Loinc.csv", HEADER)
    for t in terms:
        short = f"{t['comp'][1][:20]} {t['system']}-{t['prop'][:4].lower()}"
        consumer = ""
        if rng.random() < 0.3:
            consumer = f"{t['comp'][1]}, {SYSTEM_NAMES.get(t['system'], t['system'].lstrip('^'))}"
            with_consumer.add(t["code"])
        row = dict(LOINC_NUM=t["code"], COMPONENT=t["comp"][1], PROPERTY=t["prop"], TIME_ASPCT=t["time"], SYSTEM=t["system"],
                   SCALE_TYP=t["scale"], METHOD_TYP=t["method"], CLASS=t["cls"], VersionLastChanged=rng.choice(("2.72", "2.76", "2.80", VERSION)),
                   CHNG_TYPE=rng.choice(("ADD", "MIN", "MAJ")), STATUS=t["status"], CONSUMER_NAME=consumer, CLASSTYPE=t["classtype"],
                   RELATEDNAMES2="; ".join(rng.sample(ANALYTES, 4)), SHORTNAME=short, ORDER_OBS=rng.choice(("Observation", "Both", "Order", "")),
                   EXAMPLE_UNITS=rng.choice(("mg/dL", "mmol/L", "U/L", "", "")), LONG_COMMON_NAME=t["long"],
                   COMMON_TEST_RANK=str(rng.randint(0, 3000)), COMMON_ORDER_RANK="0", VersionFirstReleased=rng.choice(("1.0", "2.20", "2.50", "2.72")),
                   DisplayName=t["long"])
        w.writerow([row.get(h, "") for h in HEADER])
    f.close()

    f, w = writer(os.path.join(acc, "PartFile"), "Part.csv", ["PartNumber", "PartTypeName", "PartName", "PartDisplayName", "Status"])
    w.writerows(parts)
    f.close()
    f, w = writer(os.path.join(acc, "PartFile"), "LoincPartLink_Primary.csv",
                  ["LoincNumber", "LongCommonName", "PartNumber", "PartName", "PartCodeSystem", "PartTypeName", "LinkTypeName", "Property"])
    for t in terms:
        links = [("COMPONENT", t["comp"][0], t["comp"][1]), ("PROPERTY", axis["PROPERTY"][t["prop"]], t["prop"]), ("TIME", axis["TIME"][t["time"]], t["time"]),
                 ("SYSTEM", axis["SYSTEM"][t["system"]], t["system"]), ("SCALE", axis["SCALE"][t["scale"]], t["scale"])]
        if t["method"]:
            links.append(("METHOD", axis["METHOD"][t["method"]], t["method"]))
        for type_name, part_code, name in links:
            prop = {"TIME": "TIME_ASPCT", "SCALE": "SCALE_TYP", "METHOD": "METHOD_TYP"}.get(type_name, type_name)
            w.writerow([t["code"], t["long"], part_code, name, "http://loinc.org", type_name, "Primary", f"http://loinc.org/property/{prop}"])
    f.close()

    # Component hierarchy: root, class groups, component Parts in a tree below them, terms as leaves.
    f, w = writer(os.path.join(acc, "ComponentHierarchyBySystem"), "ComponentHierarchyBySystem.csv", ["PATH_TO_ROOT", "SEQUENCE", "IMMEDIATE_PARENT", "CODE", "CODE_TEXT"])
    root = code("LP", next(lp))
    w.writerow(["", "1", "", root, "{component}"])
    path = {root: root}
    groups = []
    for n, cls in enumerate(CLASSES, start=1):
        g = code("LP", next(lp))
        groups.append(g)
        path[g] = f"{root}.{g}"
        w.writerow([root, str(n), root, g, cls])
    nodes = list(groups)
    term_parent = {}
    for n, (comp_code, comp) in enumerate(components, start=1):
        parent = rng.choice(nodes) if rng.random() < 0.6 else rng.choice(groups)
        path[comp_code] = f"{path[parent]}.{comp_code}"
        w.writerow([path[parent], str(n), parent, comp_code, comp])
        if rng.random() < 0.3:
            nodes.append(comp_code)
    for n, t in enumerate(terms, start=1):
        parent = t["comp"][0]
        term_parent[t["code"]] = parent
        w.writerow([path[parent], str(n), parent, t["code"], t["long"]])
    f.close()

    # Answer lists (~1 per 25 terms) with 2-12 answers each; answers are shared between lists as in LOINC.
    f, w = writer(os.path.join(acc, "AnswerFile"), "AnswerList.csv",
                  "AnswerListId AnswerListName AnswerListOID ExtDefinedYN ExtDefinedAnswerListCodeSystem ExtDefinedAnswerListLink AnswerStringId LocalAnswerCode LocalAnswerCodeSystem SequenceNumber DisplayText ExtCodeId ExtCodeDisplayName ExtCodeSystem ExtCodeSystemVersion ExtCodeSystemCopyrightNotice SubsequentTextPrompt Description Score".split())
    answers = [(code("LA", 1000 + n), f"{rng.choice(('Not', 'Very', 'Somewhat', 'Mostly', ''))} {rng.choice(ANALYTES)} {rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}".strip())
               for n in range(int(25_000 * scale))]
    lists = []
    for n in range(int(4_000 * scale)):
        ll = code("LL", 100 + n)
        chosen = rng.sample(answers, rng.randint(2, 12))
        lists.append(ll)
        name = "|".join(d.split()[0] for _, d in chosen[:4])
        for seq, (la, display) in enumerate(chosen, start=1):
            w.writerow([ll, name, f"1.3.6.1.4.1.12009.10.1.{n}", "N", "", "", la, "", "", str(seq), display, "", "", "", "", "", "", "", ""])
    f.close()
    f, w = writer(os.path.join(acc, "AnswerFile"), "LoincAnswerListLink.csv", ["LoincNumber", "LongCommonName", "AnswerListId", "AnswerListName", "AnswerListLinkType", "ApplicableContext"])
    for t in terms:
        if t["scale"] in ("Ord", "Nom") and rng.random() < 0.3:
            w.writerow([t["code"], t["long"], rng.choice(lists), "", rng.choice(("NORMATIVE", "EXAMPLE")), ""])
    f.close()

    f, w = writer(os.path.join(acc, "ConsumerName"), "ConsumerName.csv", ["LoincNumber", "ConsumerName"])
    for t in terms:
        if t["code"] in with_consumer:
            w.writerow([t["code"], f"{t['comp'][1]}, {SYSTEM_NAMES.get(t['system'], t['system'].lstrip('^'))}"])
    f.close()

    f, w = writer(os.path.join(acc, "MapTo"), "MapTo.csv", ["LOINC", "MAP_TO", "COMMENT"])
    active = [t["code"] for t in terms if t["status"] == "ACTIVE"]
    for t in terms:
        if t["status"] == "DEPRECATED":
            w.writerow([t["code"], rng.choice(active), "Made-up replacement."])
    f.close()

    f, w = writer(os.path.join(acc, "LinguisticVariants"), "LinguisticVariants.csv", ["ID", "ISO_LANGUAGE", "ISO_COUNTRY", "LANGUAGE_NAME", "PRODUCER"])
    for lang, country, n, name in LANGUAGES:
        w.writerow([n, lang, country, name, "bench/loinc-files.py"])
    f.close()
    for lang, country, n, _ in LANGUAGES:
        f, w = writer(os.path.join(acc, "LinguisticVariants"), f"{lang}{country}{n}LinguisticVariant.csv", VARIANT_HEADER)
        for t in rng.sample(terms, len(terms) // 5):
            comp = f"{t['comp'][1]} ({lang})"
            w.writerow([t["code"], comp, t["prop"], t["time"], t["system"], t["scale"], t["method"], t["cls"], "", f"{comp} [{t['prop']}] {t['system']}", "", ""])
        f.close()

    print(f"wrote {a.out}: {len(terms):,} terms, {len(parts):,} Parts ({len(components):,} components), {len(lists):,} answer lists, {len(answers):,} answers")


if __name__ == "__main__":
    main()

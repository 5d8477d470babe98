#!/usr/bin/env python3
"""Writes a small RxNorm release in NLM's RRF format, with invented content, for the importer's tests.

The files and their columns follow NLM's RxNorm Technical Documentation (section "RxNorm Files"): every line is
one record, fields are separated by '|' and every field, the last included, is followed by '|'. The RxCUIs (9000xx)
and the brand name are invented; nothing is copied from an RxNorm release, so the output may be committed.

    python3 bench/rxnorm-sample.py [out-folder]     # default: tests/TerminologyServer.Import.Tests/Fixtures/rxnorm-sample/rrf
    python3 bench/rxnorm-sample.py --scale N out    # ~N extra generated RxCUIs shaped like RxNorm (benchmarks, not committed)
    python3 bench/rxnorm-sample.py --scale 120000 /tmp/rxnorm-big/rrf   # real size (~120,000 RxCUIs)

With --scale, the extra RxCUIs (10000000 up, seeded, deterministic) follow RxNorm's model in its proportions:
ingredients (IN, PIN, MIN), brand names (BN), clinical and branded drug components (SCDC, SBDC), dose forms (SCDF,
SBDF), clinical and branded drugs (SCD, SBD) with has_ingredient / consists_of / has_dose_form / tradename_of /
isa relationships and their inverses, synonyms (SY, PSN, TMSY), NDC and strength attributes, semantic types, and
about 1 % retired RxCUIs in RXNCUI (half remapped).
"""
import random
import os
import sys

# Column order of each file, exactly as NLM documents it.
COLUMNS = {
    "RXNCONSO": "RXCUI LAT TS LUI STT SUI ISPREF RXAUI SAUI SCUI SDUI SAB TTY CODE STR SRL SUPPRESS CVF",
    "RXNREL": "RXCUI1 RXAUI1 STYPE1 REL RXCUI2 RXAUI2 STYPE2 RELA RUI SRUI SAB SL DIR RG SUPPRESS CVF",
    "RXNSAT": "RXCUI LUI SUI RXAUI STYPE CODE ATUI SATUI ATN SAB ATV SUPPRESS CVF",
    "RXNSAB": "VCUI RCUI VSAB RSAB SON SF SVER VSTART VEND IMETA RMETA SLC SCC SRL TFR CFR CXTY TTYL ATNL LAT CENC CURVER SABIN SSN SCIT",
    "RXNCUI": "CUI1 VER_START VER_END CARDINALITY CUI2",
    "RXNSTY": "RXCUI TUI STN STY ATUI CVF",
}

# (RXCUI, TTY, STR, SAB, SUPPRESS): the preferred atom first, then synonyms and atoms of other sources.
ATOMS = [
    ("900001", "IN", "acetaminophen", "RXNORM", "N"),
    ("900002", "IN", "ibuprofen", "RXNORM", "N"),
    ("900010", "DF", "Oral Tablet", "RXNORM", "N"),
    ("900101", "SCDC", "acetaminophen 500 MG", "RXNORM", "N"),
    ("900102", "SCDC", "ibuprofen 200 MG", "RXNORM", "N"),
    ("900201", "SCD", "acetaminophen 500 MG Oral Tablet", "RXNORM", "N"),
    ("900201", "SY", "APAP 500 MG Oral Tablet", "RXNORM", "N"),
    ("900201", "PSN", "acetaminophen 500 mg oral tablet", "RXNORM", "N"),
    ("900201", "DP", "ACETAMINOPHEN 500 MG ORAL TABLET", "MTHSPL", "N"),
    ("900202", "SCD", "ibuprofen 200 MG Oral Tablet", "RXNORM", "N"),
    ("900202", "TMSY", "ibuprofen 200 MG Oral Tablet (old name)", "RXNORM", "O"),
    ("900301", "BN", "Tylenix", "RXNORM", "N"),
    ("900401", "SBD", "acetaminophen 500 MG Oral Tablet [Tylenix]", "RXNORM", "N"),
    ("900500", "SCD", "aspirin 81 MG Chewable Tablet (obsolete)", "RXNORM", "O"),
    ("900800", "DP", "A PRODUCT ONLY ANOTHER SOURCE NAMES", "MTHSPL", "N"),
]

# (subject RXCUI, RELA, object RXCUI) with the inverse NLM also lists. In RXNREL a row reads "RXCUI2 RELA RXCUI1".
RELATIONS = [
    ("900101", "has_ingredient", "900001", "ingredient_of"),
    ("900102", "has_ingredient", "900002", "ingredient_of"),
    ("900201", "consists_of", "900101", "constitutes"),
    ("900201", "has_dose_form", "900010", "dose_form_of"),
    ("900202", "consists_of", "900102", "constitutes"),
    ("900202", "has_dose_form", "900010", "dose_form_of"),
    ("900401", "tradename_of", "900201", "has_tradename"),
    ("900401", "has_ingredient", "900301", "ingredient_of"),
    ("900401", "consists_of", "900101", "constitutes"),
]

# (RXCUI, ATN, ATV) attributes of source RXNORM.
ATTRIBUTES = [
    ("900101", "RXN_STRENGTH", "500 MG"),
    ("900102", "RXN_STRENGTH", "200 MG"),
    ("900201", "NDC", "99999000101"),
    ("900201", "RXN_HUMAN_DRUG", "US"),
    ("900401", "NDC", "99999000201"),
    ("900401", "NDC", "99999000202"),
]

# (RXCUI, TUI, STN, STY)
TYPES = [
    ("900001", "T121", "A1.4.1.1.1", "Pharmacologic Substance"),
    ("900002", "T121", "A1.4.1.1.1", "Pharmacologic Substance"),
    ("900010", "T169", "A2.1.4", "Functional Concept"),
    ("900101", "T200", "A1.3.3", "Clinical Drug"),
    ("900102", "T200", "A1.3.3", "Clinical Drug"),
    ("900201", "T200", "A1.3.3", "Clinical Drug"),
    ("900202", "T200", "A1.3.3", "Clinical Drug"),
    ("900301", "T200", "A1.3.3", "Clinical Drug"),
    ("900401", "T200", "A1.3.3", "Clinical Drug"),
    ("900500", "T200", "A1.3.3", "Clinical Drug"),
]

# Retired RxCUIs: 900600 retired without a successor (CUI2 = CUI1), 900700 remapped to 900201.
RETIRED = [
    ("900600", "RXNORM_19AA_190107", "RXNORM_23AA_230103", "0", "900600"),
    ("900700", "RXNORM_20AA_200106", "RXNORM_24AA_240102", "1", "900201"),
]

VERSION = "25AA_250707F"

SYLLABLES = "ab ac al am an ar ba be bi bo ca ce ci co da de di do fe fi ga ge la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi xa ze zo".split()
SUFFIXES = ["amine", "azole", "cillin", "mycin", "olol", "pril", "sartan", "statin", "tidine", "prazole", "dipine", "zepam", "mab", "nib", "vir", "ide", "one", "ate"]
FORMS = ["Oral Tablet", "Oral Capsule", "Oral Solution", "Injectable Solution", "Topical Cream", "Extended Release Oral Tablet",
         "Oral Suspension", "Transdermal System", "Inhalant Powder", "Ophthalmic Solution", "Chewable Tablet", "Nasal Spray"]
UNITS = ["MG", "MG/ML", "MCG", "UNT/ML", "MG/HR", "%"]


def grow(n, atoms, relations, attributes, types, retired):
    """About n more RxCUIs in RxNorm's shape: per ingredient ~1 brand, ~2 components, ~1.7 clinical and ~1 branded drugs."""
    rng = random.Random(25)
    next_cui = iter(range(10_000_000, 100_000_000))
    forms = []
    for form in FORMS:
        cui = str(next(next_cui))
        forms.append((cui, form))
        atoms.append((cui, "DF", form, "RXNORM", "N"))
        types.append((cui, "T169", "A2.1.4", "Functional Concept"))

    def concept(tty, text, sty=("T200", "A1.3.3", "Clinical Drug")):
        cui = str(next(next_cui))
        atoms.append((cui, tty, text, "RXNORM", "N"))
        types.append((cui, *sty))
        return cui

    def relate(subject, rela, obj, inverse):
        relations.append((subject, rela, obj, inverse))

    made, drugs = 0, []
    while made < n:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) + rng.choice(SUFFIXES)
        ingredient = concept("IN", name, ("T121", "A1.4.1.1.1", "Pharmacologic Substance"))
        made += 1
        if rng.random() < 0.25:
            precise = concept("PIN", f"{name} {rng.choice(('hydrochloride', 'sodium', 'sulfate', 'maleate'))}", ("T121", "A1.4.1.1.1", "Pharmacologic Substance"))
            relate(precise, "form_of", ingredient, "has_form")
            made += 1
        brand, brand_name = None, ""
        if rng.random() < 0.8:
            brand_name = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(("ex", "ol", "ia", "on", "ix"))).capitalize()
            brand = concept("BN", brand_name)
            relate(brand, "tradename_of", ingredient, "has_tradename")
            made += 1
        for _ in range(rng.choice((1, 2, 2, 3))):
            strength = f"{rng.choice((1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500))} {rng.choice(UNITS)}"
            component = concept("SCDC", f"{name} {strength}")
            relate(component, "has_ingredient", ingredient, "ingredient_of")
            attributes.append((component, "RXN_STRENGTH", strength))
            made += 1
            for form_cui, form in rng.sample(forms, rng.choice((1, 1, 2))):
                drug = concept("SCD", f"{name} {strength} {form}")
                relate(drug, "consists_of", component, "constitutes")
                relate(drug, "has_dose_form", form_cui, "dose_form_of")
                atoms.append((drug, "PSN", f"{name} {strength.lower()} {form.lower()}", "RXNORM", "N"))
                if rng.random() < 0.3:
                    atoms.append((drug, "SY", f"{name.upper()} {strength} {form}", "RXNORM", "N"))
                if rng.random() < 0.1:
                    atoms.append((drug, "TMSY", f"{name} {strength} {form} (old)", "RXNORM", "O"))
                attributes.append((drug, "RXN_HUMAN_DRUG", "US"))
                for _ in range(rng.choice((0, 1, 1, 2))):
                    attributes.append((drug, "NDC", f"{rng.randint(10_000, 99_999)}{rng.randint(0, 9999):04d}{rng.randint(0, 99):02d}"))
                drugs.append(drug)
                made += 1
                if brand is not None and rng.random() < 0.6:
                    branded_component = concept("SBDC", f"{name} {strength} [{brand_name}]")
                    relate(branded_component, "tradename_of", component, "has_tradename")
                    relate(branded_component, "has_ingredient", brand, "ingredient_of")
                    branded = concept("SBD", f"{name} {strength} {form} [{brand_name}]")
                    relate(branded, "tradename_of", drug, "has_tradename")
                    relate(branded, "consists_of", branded_component, "constitutes")
                    relate(branded, "has_ingredient", brand, "ingredient_of")
                    relate(branded, "has_dose_form", form_cui, "dose_form_of")
                    made += 2
        for form_cui, form in rng.sample(forms, 1):
            dose_form = concept("SCDF", f"{name} {form}")
            relate(dose_form, "has_ingredient", ingredient, "ingredient_of")
            relate(dose_form, "has_dose_form", form_cui, "dose_form_of")
            if drugs:
                relate(drugs[-1], "isa", dose_form, "inverse_isa")
            made += 1
    # About 1 % retired RxCUIs (below the generated range): half without a successor, half remapped to a current drug.
    for k in range(n // 100):
        old = str(9_000_000 + k)
        retired.append((old, "RXNORM_19AA_190107", "RXNORM_24AA_240102", "0" if k % 2 else "1", old if k % 2 else rng.choice(drugs)))


def line(fields, name):
    assert len(fields) == len(COLUMNS[name].split()), name
    return "|".join(fields) + "|\n"


def write(out, scale=0):
    os.makedirs(out, exist_ok=True)
    atoms = list(ATOMS)
    relations = list(RELATIONS)
    types = list(TYPES)
    attributes = list(ATTRIBUTES)
    retired = list(RETIRED)
    if scale:
        grow(scale, atoms, relations, attributes, types, retired)

    with open(os.path.join(out, "RXNCONSO.RRF"), "w", encoding="utf-8", newline="") as f:
        for n, (cui, tty, text, sab, suppress) in enumerate(atoms, start=1):
            aui = str(8_000_000 + n)
            f.write(line([cui, "ENG", "", "", "", "", "", aui, "", "", "", sab, tty, cui if sab == "RXNORM" else f"S{n}", text, "0", suppress, "4096" if sab == "RXNORM" else ""], "RXNCONSO"))
    with open(os.path.join(out, "RXNREL.RRF"), "w", encoding="utf-8", newline="") as f:
        n = 0
        for subject, rela, obj, inverse in relations:
            for cui1, cui2, label in ((obj, subject, rela), (subject, obj, inverse)):
                n += 1
                f.write(line([cui1, "", "CUI", "RO", cui2, "", "CUI", label, f"R{7_000_000 + n}", "", "RXNORM", "RXNORM", "", "", "N", ""], "RXNREL"))
    with open(os.path.join(out, "RXNSAT.RRF"), "w", encoding="utf-8", newline="") as f:
        for n, (cui, atn, atv) in enumerate(attributes, start=1):
            f.write(line([cui, "", "", "", "CUI", cui, f"AT{6_000_000 + n}", "", atn, "RXNORM", atv, "N", "4096"], "RXNSAT"))
    with open(os.path.join(out, "RXNSTY.RRF"), "w", encoding="utf-8", newline="") as f:
        for n, (cui, tui, stn, sty) in enumerate(types, start=1):
            f.write(line([cui, tui, stn, sty, f"AT{5_000_000 + n}", "4096"], "RXNSTY"))
    with open(os.path.join(out, "RXNCUI.RRF"), "w", encoding="utf-8", newline="") as f:
        for row in retired:
            f.write(line(list(row), "RXNCUI"))
    with open(os.path.join(out, "RXNSAB.RRF"), "w", encoding="utf-8", newline="") as f:
        f.write(line(["", "", f"RXNORM_{VERSION}", "RXNORM", "RxNorm Vocabulary, 25AA_250707F", "RXNORM", VERSION, "", "", "", "",
                      "", "", "0", "", "", "FULL", "BN,BPCK,DF,DFG,GPCK,IN,MIN,PIN,PSN,SBD,SBDC,SBDF,SBDG,SCD,SCDC,SCDF,SCDG,SY,TMSY",
                      "NDC,RXN_HUMAN_DRUG,RXN_STRENGTH", "ENG", "UTF-8", "Y", "Y", "RxNorm Vocabulary", ""], "RXNSAB"))
        f.write(line(["", "", "MTHSPL_2025_07_01", "MTHSPL", "FDA Structured Product Labels, 2025_07_01", "MTHSPL", "2025_07_01", "", "", "", "",
                      "", "", "0", "", "", "", "DP", "", "ENG", "UTF-8", "Y", "Y", "FDA Structured Product Labels", ""], "RXNSAB"))


if __name__ == "__main__":
    args = sys.argv[1:]
    scale = 0
    if args[:1] == ["--scale"]:
        scale = int(args[1])
        args = args[2:]
    here = os.path.dirname(os.path.abspath(__file__))
    out = args[0] if args else os.path.join(here, "..", "tests", "TerminologyServer.Import.Tests", "Fixtures", "rxnorm-sample", "rrf")
    write(out, scale)
    print(f"wrote {out}")

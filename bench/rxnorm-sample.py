#!/usr/bin/env python3
"""Writes a small RxNorm release in NLM's RRF format, with invented content, for the importer's tests.

The files and their columns follow NLM's RxNorm Technical Documentation (section "RxNorm Files"): every line is
one record, fields are separated by '|' and every field, the last included, is followed by '|'. The RxCUIs (9000xx)
and the brand name are invented; nothing is copied from an RxNorm release, so the output may be committed.

    python3 bench/rxnorm-sample.py [out-folder]     # default: tests/TerminologyServer.Import.Tests/Fixtures/rxnorm-sample/rrf
    python3 bench/rxnorm-sample.py --scale N out    # N extra generated clinical drugs (for import timing, not committed)
"""
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


def line(fields, name):
    assert len(fields) == len(COLUMNS[name].split()), name
    return "|".join(fields) + "|\n"


def write(out, scale=0):
    os.makedirs(out, exist_ok=True)
    atoms = list(ATOMS)
    relations = list(RELATIONS)
    types = list(TYPES)
    for i in range(scale):
        cui = str(1_000_000 + i)
        atoms.append((cui, "SCD", f"generated drug {i} {i % 997 + 1} MG Oral Tablet", "RXNORM", "N"))
        relations.append((cui, "has_dose_form", "900010", "dose_form_of"))
        types.append((cui, "T200", "A1.3.3", "Clinical Drug"))

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
        for n, (cui, atn, atv) in enumerate(ATTRIBUTES, start=1):
            f.write(line([cui, "", "", "", "CUI", cui, f"AT{6_000_000 + n}", "", atn, "RXNORM", atv, "N", "4096"], "RXNSAT"))
    with open(os.path.join(out, "RXNSTY.RRF"), "w", encoding="utf-8", newline="") as f:
        for n, (cui, tui, stn, sty) in enumerate(types, start=1):
            f.write(line([cui, tui, stn, sty, f"AT{5_000_000 + n}", "4096"], "RXNSTY"))
    with open(os.path.join(out, "RXNCUI.RRF"), "w", encoding="utf-8", newline="") as f:
        for row in RETIRED:
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

#!/usr/bin/env python3
"""Turn run.py's JSON report into the generated part of docs/conformance.md.

    scripts/conformance.sh --json /tmp/tx-report.json --output /tmp/tx-out
    python3 scripts/conformance-report.py /tmp/tx-report.json --output /tmp/tx-out --write docs/conformance.md

Without --write the Markdown goes to stdout. With --write it replaces the text between the markers
<!-- BEGIN GENERATED --> and <!-- END GENERATED --> of the given file (the rest is left as it is).

The generated part holds the per-suite figures and the remaining failures: each failing case (suite, name)
with the first line of the runner's reason, grouped by cause. A cause is the first line of the reason with the
array indices replaced by [n]; causes shared by several cases are listed first, most frequent first.
"""
import argparse
import collections
import json
import os
import re
import sys

BEGIN = "<!-- BEGIN GENERATED -->"
END = "<!-- END GENERATED -->"


def first_line(msg):
    for line in str(msg or "").splitlines():
        if line.strip():
            return line.strip()
    return "(no reason given)"


def cause_of(line):
    line = re.sub(r"\[\d+\]", "[n]", line)
    line = re.sub(r"should be '(\w+)' but is '(\d)\d\d'", r"should be '\1' but is '\g<2>xx'", line)
    return line


def detail_of(msg):
    """The rest of the runner's reason on one line: Expected/Actual, without the repeated test name."""
    lines = [l.strip() for l in str(msg or "").splitlines() if l.strip()][1:]
    text = " ".join(re.sub(r'^(Expected:".*") for \S+$', r"\1", l) for l in lines)
    return text if len(text) <= 140 else text[:140] + "..."


def param_diff(output_dir, t):
    """With run.py --output: the parameter names missing from / extra in the actual Parameters answer."""
    if not output_dir or not t.get("response"):
        return ""
    try:
        with open(os.path.join(output_dir, "expected", t["response"]), encoding="utf-8") as f:
            exp = json.load(f)
        with open(os.path.join(output_dir, "actual", t["response"]), encoding="utf-8") as f:
            act = json.load(f)
    except (OSError, ValueError):
        return ""
    if exp.get("resourceType") != "Parameters" or act.get("resourceType") != "Parameters":
        return ""
    e = collections.Counter(p.get("name") for p in exp.get("parameter", []) if not p.get("$optional$"))
    a = collections.Counter(p.get("name") for p in act.get("parameter", []))
    all_e = collections.Counter(p.get("name") for p in exp.get("parameter", []))
    missing, extra = sorted((e - a).elements()), sorted((a - all_e).elements())
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("extra " + ", ".join(extra))
    return "; ".join(parts)


def md(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(report, output_dir=None):
    out = []
    s = report["summary"]
    total = s["passed"] + s["failed"]
    pct = 100.0 * s["passed"] / total if total else 0.0
    out.append("Measured with %s against %s (%s, FHIR %s)." % (
        report.get("runner", "run.py"), report.get("software", "?"), ", ".join(report.get("modes", [])),
        report.get("fhirVersion", "?")))
    out.append("")
    out.append("**Total: %d passed, %d failed of %d run (%.1f %%), %d skipped.**" % (
        s["passed"], s["failed"], total, pct, s.get("skipped", 0)))
    if report.get("aborted"):
        out.append("")
        out.append("The run was aborted: %s" % md(report["aborted"]))
    out.append("")
    out.append("| suite | passed | failed | skipped |")
    out.append("|---|---:|---:|---:|")
    for suite in report["suites"]:
        out.append("| %s | %d | %d | %d |" % (md(suite["name"]), suite["pass"], suite["fail"], suite["skip"]))
    out.append("")

    failures = [t for suite in report["suites"] for t in suite["tests"] if t.get("status") == "fail"]
    out.append("## Remaining failures")
    out.append("")
    if not failures:
        out.append("None.")
        return "\n".join(out) + "\n"
    groups = collections.OrderedDict()
    for t in failures:
        groups.setdefault(cause_of(first_line(t.get("message"))), []).append(t)
    shared = sorted((g for g in groups.items() if len(g[1]) > 1), key=lambda g: (-len(g[1]), g[0]))
    single = [g for g in groups.items() if len(g[1]) == 1]
    out.append("%d failing cases, %d distinct first-line reasons (the full reason and the expected/actual answers:"
               " `scripts/conformance.sh --show-failures --output DIR`)." % (len(failures), len(groups)))
    out.append("")
    for cause, tests in shared:
        out.append("### %s (%d)" % (md(cause), len(tests)))
        out.append("")
        for t in tests:
            extra = param_diff(output_dir, t) or detail_of(t.get("message"))
            out.append("- `%s` (%s, %s)%s" % (t["name"], t["suite"], t.get("operation") or "?",
                                             ": " + md(extra) if extra else ""))
        out.append("")
    if single:
        out.append("### Other single causes (%d)" % len(single))
        out.append("")
        out.append("| case | suite | operation | reason (first line) |")
        out.append("|---|---|---|---|")
        for cause, tests in sorted(single, key=lambda g: (g[1][0]["suite"], g[1][0]["name"])):
            t = tests[0]
            reason = first_line(t.get("message"))
            extra = param_diff(output_dir, t) or detail_of(t.get("message"))
            out.append("| `%s` | %s | %s | %s |" % (t["name"], md(t["suite"]), t.get("operation") or "?",
                                                  md(reason + (" (" + extra + ")" if extra else ""))))
        out.append("")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", help="JSON report written by run.py --json (or scripts/conformance.sh --json)")
    ap.add_argument("--output", metavar="DIR",
                    help="the --output folder of the same run: name the parameters missing/extra in Parameters answers")
    ap.add_argument("--write", metavar="FILE", help="replace the generated part of this Markdown file")
    args = ap.parse_args()
    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    text = render(report, args.output)
    if not args.write:
        sys.stdout.write(text)
        return 0
    with open(args.write, encoding="utf-8") as f:
        doc = f.read()
    if BEGIN not in doc or END not in doc:
        print("error: %s has no %s ... %s markers" % (args.write, BEGIN, END), file=sys.stderr)
        return 1
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(args.write, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + text + END + tail)
    print("wrote %s (%d passed, %d failed)" % (args.write, report["summary"]["passed"], report["summary"]["failed"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

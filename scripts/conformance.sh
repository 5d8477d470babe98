#!/usr/bin/env bash
# Runs the HL7 terminology-ecosystem conformance cases (../shared/conformance/tx) against this server.
#
# Builds the API in Release (unless --no-build), starts it on a free loopback port with a fresh temporary
# SQLite data folder, waits for /healthz, runs run.py, stops the server, prints the per-suite figures and a
# summary line `tx conformance P/T passed (baseline B)`. Exits non-zero when fewer cases pass than the
# baseline recorded in docs/conformance-baseline.txt, or when the run itself could not be completed.
#
# Usage: scripts/conformance.sh [--no-build] [--update-baseline] [--json FILE] [--output DIR]
#                               [--show-failures] [--cases DIR] [--suite NAME]... [--filter TEXT]
#                               [--mode snomed]
#   --no-build         use the existing Release build (built anyway if the Api DLL is missing)
#   --update-baseline  write the passed count to docs/conformance-baseline.txt (and do not fail on it)
#   --json FILE        keep run.py's JSON report (input of scripts/conformance-report.py)
#   --output DIR       write expected/actual JSON of each failing case under DIR
#   --show-failures    list the failing cases under each suite, with the runner's reason
#   --cases DIR        the conformance folder (default: ../shared/conformance/tx beside the repository,
#                      or $TX_CONFORMANCE_DIR)
#   --suite, --filter  passed to run.py (a partial run: the baseline is then not checked)
#   --mode snomed      the SNOMED CT suites only (run.py --mode snomed,!general): imports HL7's RF2 test subset
#                      (../shared/data/tx-source/snomed, or $SNOMED_RF2_DIR) into the temporary database as edition
#                      http://snomed.info/xsct/31000003106/version/20250909 first; baseline docs/conformance-baseline-snomed.txt
# Environment: CONFORMANCE_STARTUP_TIMEOUT (s, default 180), CONFORMANCE_RUN_TIMEOUT (s, default 1800),
#   CONFORMANCE_PORT (default: a free port).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASELINE_FILE="$ROOT/docs/conformance-baseline.txt"
API_PROJECT="$ROOT/src/TerminologyServer.Api"
API_DLL="$API_PROJECT/bin/Release/net10.0/TerminologyServer.Api.dll"
STARTUP_TIMEOUT="${CONFORMANCE_STARTUP_TIMEOUT:-180}"
RUN_TIMEOUT="${CONFORMANCE_RUN_TIMEOUT:-1800}"

BUILD=1
UPDATE_BASELINE=0
JSON_OUT=""
OUTPUT_DIR=""
SHOW_FAILURES=0
CASES_DIR="${TX_CONFORMANCE_DIR:-$ROOT/../shared/conformance/tx}"
CASES_GIVEN="${TX_CONFORMANCE_DIR:+1}"
PARTIAL=0
MODE=general
LABEL=""
EXTRA_ARGS=()

die() { echo "conformance: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) BUILD=0 ;;
        --update-baseline) UPDATE_BASELINE=1 ;;
        --json) [ $# -ge 2 ] || die "--json needs a file"; JSON_OUT="$2"; shift ;;
        --output) [ $# -ge 2 ] || die "--output needs a folder"; OUTPUT_DIR="$2"; shift ;;
        --show-failures) SHOW_FAILURES=1 ;;
        --cases) [ $# -ge 2 ] || die "--cases needs a folder"; CASES_DIR="$2"; CASES_GIVEN=1; shift ;;
        --suite|--filter) [ $# -ge 2 ] || die "$1 needs a value"; EXTRA_ARGS+=("$1" "$2"); PARTIAL=1; shift ;;
        --mode) [ $# -ge 2 ] || die "--mode needs a value"; [ "$2" = snomed ] || die "--mode must be snomed"; MODE="$2"; LABEL=" ($2)"; shift ;;
        -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done

# --cases may name the folder of run.py or its cases/ subfolder.
if [ ! -f "$CASES_DIR/run.py" ] && [ -f "$CASES_DIR/../run.py" ]; then CASES_DIR="$(cd "$CASES_DIR/.." && pwd)"; fi
if [ ! -f "$CASES_DIR/run.py" ] && [ -z "$CASES_GIVEN" ]; then
    # In a git worktree elsewhere, look beside the main checkout too.
    COMMON="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
    if [ -n "$COMMON" ] && [ -f "$(dirname "$COMMON")/../shared/conformance/tx/run.py" ]; then
        CASES_DIR="$(cd "$(dirname "$COMMON")/../shared/conformance/tx" && pwd)"
    fi
fi
RUNNER="$CASES_DIR/run.py"
[ -f "$RUNNER" ] || die "no run.py in $CASES_DIR (the conformance cases live in ../shared/conformance/tx beside the repository; use --cases or TX_CONFORMANCE_DIR)"
[ -d "$CASES_DIR/cases" ] && CASES="$CASES_DIR/cases" || CASES="$CASES_DIR"
command -v python3 >/dev/null || die "python3 is needed to run the conformance cases"

if [ "$MODE" = snomed ]; then
    BASELINE_FILE="$ROOT/docs/conformance-baseline-snomed.txt"
    SNOMED_DIR="${SNOMED_RF2_DIR:-$CASES_DIR/../../data/tx-source/snomed}"
    [ -d "$SNOMED_DIR/Terminology" ] || die "no SNOMED CT RF2 test subset at $SNOMED_DIR (set SNOMED_RF2_DIR)"
    EXTRA_ARGS=(--mode "snomed,!general" "${EXTRA_ARGS[@]+"${EXTRA_ARGS[@]}"}")
fi

BASELINE=0
if [ -f "$BASELINE_FILE" ]; then
    BASELINE="$(tr -d '[:space:]' < "$BASELINE_FILE")"
    [[ "$BASELINE" =~ ^[0-9]+$ ]] || die "$BASELINE_FILE must hold a single integer, found '$BASELINE'"
elif [ "$UPDATE_BASELINE" = 0 ]; then
    die "no baseline file $BASELINE_FILE (create it with --update-baseline)"
fi

if [ "$BUILD" = 1 ] || [ ! -f "$API_DLL" ]; then
    echo "== conformance: building the server (Release)"
    dotnet build "$API_PROJECT" -c Release -nologo -v q || die "the Release build of $API_PROJECT failed"
fi
[ -f "$API_DLL" ] || die "no server build at $API_DLL"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tx-conformance.XXXXXX")"
SERVER_PID=""
SERVER_LOG="$WORK/server.log"
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="${CONFORMANCE_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
BASE="http://127.0.0.1:$PORT"

echo "== conformance: starting the server on $BASE (data folder $WORK/data)"
mkdir -p "$WORK/data"
if [ "$MODE" = snomed ]; then
    # Licensed test content: imported into the throw-away database of this run only.
    echo "== conformance: importing the SNOMED CT test subset from $SNOMED_DIR"
    ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        dotnet "$API_DLL" import snomed "$SNOMED_DIR" --edition http://snomed.info/xsct/31000003106/version/20250909 \
        --Storage:Provider=Sqlite --Storage:DataFolder="$WORK/data" > "$WORK/import.log" 2>&1 \
        || { tail -n 20 "$WORK/import.log" >&2; die "the SNOMED CT import failed"; }
    tail -n 1 "$WORK/import.log" | sed 's/^/  /'
fi
ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    dotnet "$API_DLL" --urls "$BASE" --Storage:Provider=Sqlite --Storage:DataFolder="$WORK/data" \
    > "$SERVER_LOG" 2>&1 &
SERVER_PID=$!

waited=0
until curl -fsS -o /dev/null --max-time 5 "$BASE/healthz" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "conformance: the server exited during start-up; last lines of its log:" >&2
        tail -n 40 "$SERVER_LOG" >&2
        SERVER_PID=""
        exit 2
    fi
    if [ "$waited" -ge "$STARTUP_TIMEOUT" ]; then
        echo "conformance: the server did not answer $BASE/healthz within ${STARTUP_TIMEOUT}s; last lines of its log:" >&2
        tail -n 40 "$SERVER_LOG" >&2
        exit 2
    fi
    sleep 2
    waited=$((waited + 2))
done
echo "== conformance: server ready after ~${waited}s; running the cases (at most ${RUN_TIMEOUT}s)"

REPORT="${JSON_OUT:-$WORK/report.json}"
RUN_ARGS=(--base "$BASE/fhir" --cases "$CASES" --json "$REPORT")
[ -n "$OUTPUT_DIR" ] && RUN_ARGS+=(--output "$OUTPUT_DIR")
[ "$SHOW_FAILURES" = 1 ] && RUN_ARGS+=(--show-failures)
RUN_ARGS+=("${EXTRA_ARGS[@]+"${EXTRA_ARGS[@]}"}")
rm -f "$REPORT"

set +e
timeout --kill-after=30 "$RUN_TIMEOUT" python3 "$RUNNER" "${RUN_ARGS[@]}" > "$WORK/run.out" 2> "$WORK/run.err"
RUN_EXIT=$?
set -e

# run.py's own closing line ("N passed, N failed") is not echoed, so that it cannot be taken for the test
# runner's closing line of .ci/run; the figures are in the summary line below.
grep -Ev '^[0-9]+ passed, [0-9]+ failed$' "$WORK/run.out" | sed 's/^/  /' || true
if [ -s "$WORK/run.err" ]; then sed 's/^/  runner: /' "$WORK/run.err" >&2; fi

if [ "$RUN_EXIT" = 124 ] || [ "$RUN_EXIT" = 137 ]; then
    echo "conformance: run.py did not finish within ${RUN_TIMEOUT}s" >&2
fi
COUNTS="$(python3 - "$REPORT" <<'PY'
import json, sys
try:
    s = json.load(open(sys.argv[1], encoding="utf-8"))["summary"]
    print(s["passed"], s["failed"])
except Exception:
    print("- -")
PY
)"
PASSED="${COUNTS%% *}"
FAILED="${COUNTS##* }"
if [ "$RUN_EXIT" != 0 ] || [ "$PASSED" = "-" ]; then
    echo "tx conformance: run incomplete (run.py exit code $RUN_EXIT), baseline $BASELINE; server log tail:"
    tail -n 20 "$SERVER_LOG" | sed 's/^/  server: /'
    exit 1
fi
TOTAL=$((PASSED + FAILED))

if [ "$PARTIAL" = 1 ]; then
    echo "tx conformance (partial run) $PASSED/$TOTAL passed, baseline not checked"
    exit 0
fi
if [ "$UPDATE_BASELINE" = 1 ]; then
    mkdir -p "$(dirname "$BASELINE_FILE")"
    echo "$PASSED" > "$BASELINE_FILE"
    echo "tx conformance${LABEL} $PASSED/$TOTAL passed (baseline was $BASELINE, now $PASSED in ${BASELINE_FILE#"$ROOT/"})"
    exit 0
fi
if [ "$PASSED" -lt "$BASELINE" ]; then
    echo "tx conformance${LABEL} $PASSED/$TOTAL passed (baseline $BASELINE): REGRESSION, $((BASELINE - PASSED)) fewer than the baseline"
    exit 1
fi
echo "tx conformance${LABEL} $PASSED/$TOTAL passed (baseline $BASELINE)"

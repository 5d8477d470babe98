#!/usr/bin/env bash
# Issues 13 and 14, scale: SNOMED CT at International size, LOINC and RxNorm at real size, on SQLite, Release build.
# Generates the three synthetic releases once (bench/snomed-rf2.py, bench/loinc-files.py, bench/rxnorm-sample.py
# --scale) into $GEN, imports each into a fresh database under /usr/bin/time -v (wall time, peak RSS), starts the
# server twice (the first start loads the FHIR core content) and measures, on the second: time to first answer and
# RSS; then, server pinned to core $SERVER_CPU and wrk -t1 on core $LOAD_CPU, interleaved rounds of /healthz (the
# ceiling), $lookup rotating over codes of each system, SNOMED `<< 404684003` count=100, and type-ahead $expand
# (filter + count=20) on SNOMED, LOINC and RxNorm, with p95/p99 at one connection (one user typing).
#   bench/scale.sh                          # builds Release, generates into /tmp/tx-scale (kept for the next run)
#   BIN=/path/to/build DATA=/tmp/db SKIP_IMPORT=1 bench/scale.sh   # re-measure an existing database
#   DURATION=10 RUNS=3 WARMUP=5 CONNECTIONS=32 (defaults)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GEN="${GEN:-/tmp/tx-scale}"
DURATION="${DURATION:-10}"; RUNS="${RUNS:-3}"; WARMUP="${WARMUP:-5}"; CONNECTIONS="${CONNECTIONS:-32}"
SERVER_CPU="${SERVER_CPU:-0}"; LOAD_CPU="${LOAD_CPU:-1}"; PORT="${PORT:-5297}"
BASE="http://127.0.0.1:$PORT"; F="$BASE/fhir"
SCT=http://snomed.info/sct; LOINC=http://loinc.org; RXN=http://www.nlm.nih.gov/research/umls/rxnorm
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

OUT="$(mktemp -d)"; SERVER_PID=""
DATA="${DATA:-$OUT/data}"; mkdir -p "$DATA"
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; rm -rf "$OUT"; }
trap cleanup EXIT

BIN="${BIN:-}"
if [[ -z "$BIN" ]]; then
  echo "== build (Release)"
  BIN="$OUT/bin"
  dotnet build "$ROOT/src/TerminologyServer.Api/TerminologyServer.Api.csproj" -c Release -o "$BIN" -nologo -v q >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
export ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 Logging__LogLevel__Default=Warning \
  Storage__DataFolder="$DATA" Content__Folder="$BIN/fhir-resources"

echo "== synthetic releases in $GEN (generated once)"
[[ -d "$GEN/snomed" ]] || python3 "$ROOT/bench/snomed-rf2.py" "$GEN/snomed"
[[ -d "$GEN/loinc" ]] || python3 "$ROOT/bench/loinc-files.py" "$GEN/loinc"
[[ -d "$GEN/rxnorm" ]] || python3 "$ROOT/bench/rxnorm-sample.py" --scale 120000 "$GEN/rxnorm/rrf"

if [[ "${SKIP_IMPORT:-0}" != 1 ]]; then
  echo "== import (/usr/bin/time -v; fresh SQLite database in $DATA)"
  for kind in snomed loinc rxnorm; do
    (cd "$BIN" && /usr/bin/time -v dotnet TerminologyServer.Api.dll import "$kind" "$GEN/$kind") >"$OUT/import-$kind.log" 2>&1 \
      || { tail -30 "$OUT/import-$kind.log"; exit 1; }
    printf '   %-7s %s | wall %s, peak RSS %s MB\n' "$kind" "$(grep -E '^(Created|Updated|Unchanged)' "$OUT/import-$kind.log" | tail -1)" \
      "$(grep 'Elapsed (wall' "$OUT/import-$kind.log" | awk '{print $NF}')" "$(awk '/Maximum resident/ {printf "%.0f", $NF / 1024}' "$OUT/import-$kind.log")"
  done
fi

# Codes: a few of each generated release (fixed lines, so every run asks the same).
mapfile -t SCT_CODES < <(awk -F'\t' '$3 == "1" && NR % 50000 == 7 {print $1}' "$GEN/snomed/Snapshot/Terminology/"sct2_Concept_Snapshot_INT_*.txt)
mapfile -t LOINC_CODES < <(awk -F'","' 'NR > 1 && NR % 20000 == 3 {sub(/^"/, "", $1); print $1}' "$GEN/loinc/LoincTable/Loinc.csv")
mapfile -t RXN_CODES < <(awk -F'|' '$12 == "RXNORM" && $13 == "SCD" && ++n % 5000 == 1 {print $1}' "$GEN/rxnorm/rrf/RXNCONSO.RRF")
ECL="$F/ValueSet/\$expand?url=$SCT?fhir_vs=ecl/%3C%3C%20404684003&count=100"
SCT_FILTERS=(fract fracture+femur acute+pain chronic+ulcer hyperten left+knee)
LOINC_FILTERS=(gluc glucose+serum hemoglobin sodium+urine chol+ser ferritin)
RXN_FILTERS=(tablet 500+mg oral+solution injectable amine+10 cream)

ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0; }
HZ="$(getconf CLK_TCK)"
start_server() {  # sets SERVER_PID, READY (s to the first SNOMED $lookup answer) and RSS (MB)
  local t0; t0=$(date +%s.%N)
  (cd "$BIN" && ASPNETCORE_URLS="$BASE" exec taskset -c "$SERVER_CPU" dotnet TerminologyServer.Api.dll >>"$OUT/server.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 6000); do
    if curl -fs -o /dev/null "$F/CodeSystem/\$lookup?system=$SCT&code=${SCT_CODES[0]}"; then
      READY=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
      RSS=$(( $(ps -o rss= -p "$SERVER_PID") / 1024 )); return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
    sleep 0.1
  done
  echo "server did not answer"; exit 1
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

echo "== server start"
start_server; echo "   first start: $READY s, RSS $RSS MB"; stop_server
start_server; echo "   start on the existing database: first SNOMED answer after $READY s, RSS $RSS MB"
first_ecl=$(curl -s -o /dev/null -w '%{time_total}' "$ECL")
echo "   first << 404684003 count=100: ${first_ecl} s; total $(curl -s "$F/ValueSet/\$expand?url=$SCT?fhir_vs=ecl/%3C%3C%20404684003&count=0" | grep -o '"total":[0-9]*')"
sleep 2; RSS2=$(( $(ps -o rss= -p "$SERVER_PID") / 1024 ))

# run <connections> <seconds> <wrk args> -> "req/s req-per-server-CPU-second p95 p99"
run() {
  local c="$1" s="$2"; shift 2
  local b a out
  b=$(ticks); out=$(taskset -c "$LOAD_CPU" wrk -t1 -c"$c" -d"${s}s" --latency "$@" 2>&1); a=$(ticks)
  echo "$out" >>"$OUT/wrk.log"
  if grep -q 'Non-2xx\|Socket errors\|non-200' <<<"$out"; then echo "!! $* : $(grep 'Non-2xx\|Socket errors\|non-200' <<<"$out" | head -2)" >&2; fi
  awk -v t="$((a - b))" -v hz="$HZ" '
    /requests in/ {n = $1}
    /^Requests\/sec:/ {rps = $2}
    /^ +95%/ {p95w = $2} /^ +99%/ {p99w = $2}
    /^latency_ms/ {p95 = $7; p99 = $9}
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    END {if (p95 == "") {p95 = (p95w == "" ? "-" : sprintf("%.2f", ms(p95w))); p99 = (p99w == "" ? "-" : sprintf("%.2f", ms(p99w)))}
         printf "%.0f %.0f %s %s\n", rps, (t > 0 ? n * hz / t : 0), p95, p99}' <<<"$out"
}

ROWS=(
  "healthz|$CONNECTIONS|$BASE/healthz"
  "lookup SNOMED (rotating ${#SCT_CODES[@]})|$CONNECTIONS|-s $ROOT/bench/lookup-rotating.lua $BASE -- $SCT ${SCT_CODES[*]}"
  "lookup LOINC (rotating ${#LOINC_CODES[@]})|$CONNECTIONS|-s $ROOT/bench/lookup-rotating.lua $BASE -- $LOINC ${LOINC_CODES[*]}"
  "lookup RxNorm (rotating ${#RXN_CODES[@]})|$CONNECTIONS|-s $ROOT/bench/lookup-rotating.lua $BASE -- $RXN ${RXN_CODES[*]}"
  "expand << 404684003 count=100|1|-s $ROOT/bench/expand-page.lua $BASE -- $SCT?fhir_vs=ecl/%3C%3C%20404684003 100 1"
  "type-ahead SNOMED c=1|1|-s $ROOT/bench/expand-typeahead.lua $BASE -- $SCT?fhir_vs ${SCT_FILTERS[*]}"
  "type-ahead LOINC c=1|1|-s $ROOT/bench/expand-typeahead.lua $BASE -- $LOINC/vs ${LOINC_FILTERS[*]}"
  "type-ahead RxNorm c=1|1|-s $ROOT/bench/expand-typeahead.lua $BASE -- $RXN?fhir_vs ${RXN_FILTERS[*]}"
  "type-ahead SNOMED c=$CONNECTIONS|$CONNECTIONS|-s $ROOT/bench/expand-typeahead.lua $BASE -- $SCT?fhir_vs ${SCT_FILTERS[*]}"
)
echo "== answers (bytes, HTTP status, total)"
for u in "$F/CodeSystem/\$lookup?system=$SCT&code=${SCT_CODES[0]}" "$F/CodeSystem/\$lookup?system=$LOINC&code=${LOINC_CODES[0]}" \
         "$F/CodeSystem/\$lookup?system=$RXN&code=${RXN_CODES[0]}" "$ECL" "$F/ValueSet/\$expand?url=$SCT?fhir_vs&filter=${SCT_FILTERS[0]}&count=20" \
         "$F/ValueSet/\$expand?url=$LOINC/vs&filter=${LOINC_FILTERS[0]}&count=20" "$F/ValueSet/\$expand?url=$RXN?fhir_vs&filter=${RXN_FILTERS[0]}&count=20"; do
  printf '   %6s bytes HTTP %s %s  %s\n' "$(curl -s -o "$OUT/body" -w '%{size_download}' "$u")" "$(curl -s -o /dev/null -w '%{http_code}' "$u")" \
    "$(grep -o '"total":[0-9]*' "$OUT/body" | head -1)" "${u#"$F"}"
done

echo "== warm-up ${WARMUP}s per row"
for row in "${ROWS[@]}"; do IFS='|' read -r _ c target <<<"$row"; read -ra args <<<"$target"; run "$c" "$WARMUP" "${args[@]}" >/dev/null; done
echo "== $RUNS interleaved rounds of ${DURATION}s per row"
declare -A RPS CPU P95 P99
for r in $(seq 1 "$RUNS"); do
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name c target <<<"$row"; read -ra args <<<"$target"
    read -r a b p q < <(run "$c" "$DURATION" "${args[@]}")
    RPS[$name]+="$a "; CPU[$name]+="$b "; P95[$name]+="$p "; P99[$name]+="$q "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ceil=$(median "${RPS[healthz]}"); ceilc=$(median "${CPU[healthz]}")
echo "== result ($(date -u +%H:%M) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)); medians of $RUNS rounds"
printf '| %-34s | %8s | %7s | %10s | %8s | %8s |\n' request "req/s" "% ceil" "% ceil CPU" "p95 ms" "p99 ms"
printf '|%s|\n' "------------------------------------|----------|---------|------------|----------|---------"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name c _ <<<"$row"
  rps=$(median "${RPS[$name]}"); cpu=$(median "${CPU[$name]}")
  printf '| %-34s | %8.0f | %6.1f%% | %9.1f%% | %8s | %8s |\n' "$name" "$rps" "$(awk -v a="$rps" -v b="$ceil" 'BEGIN {print 100 * a / b}')" \
    "$(awk -v a="$cpu" -v b="$ceilc" 'BEGIN {print 100 * a / b}')" "$(median "${P95[$name]}")" "$(median "${P99[$name]}")"
done
echo "| start on the existing database | ${READY} s to the first SNOMED \$lookup |"
echo "| RSS after start / after the first ECL | $RSS MB / $RSS2 MB |"

#!/usr/bin/env bash
# Issue 18's table in one run: every hot request against a ceiling (bench/Ceiling: a minimal ASP.NET Core
# endpoint with a fixed 326-byte FHIR JSON body), server and ceiling pinned to core $SERVER_CPU, wrk -t1 on core
# $LOAD_CPU; start-up time and RSS on an existing database (R4 core + ICD-10-CM + the 5,000-code bench system).
#   bench/issue18.sh                         # builds Release from this checkout
#   BIN=/path/to/built/server bench/issue18.sh   # measures an existing build (e.g. of main, for "before")
#   DURATION=10 SETTLE=10 WARMUP=3 (defaults)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10}"; SETTLE="${SETTLE:-10}"; WARMUP="${WARMUP:-3}"
SERVER_CPU="${SERVER_CPU:-0}"; LOAD_CPU="${LOAD_CPU:-1}"
PORT="${PORT:-5197}"; CEIL_PORT="${CEIL_PORT:-5198}"
BASE="http://127.0.0.1:$PORT"; F="$BASE/fhir"
ICD_ORDER_FILE="${ICD10CM_ORDER_FILE:-$ROOT/../shared/data/icd10cm/icd10cm_order_2026.txt.gz}"
[[ -f "$ICD_ORDER_FILE" ]] || ICD_ORDER_FILE="/work/shared/data/icd10cm/icd10cm_order_2026.txt.gz"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

OUT="$(mktemp -d)"; DATA="$OUT/data"; mkdir -p "$DATA"
SERVER_PID=""; CEIL_PID=""
stop() { local pid="$1"; [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
cleanup() { stop "$SERVER_PID"; stop "$CEIL_PID"; rm -rf "$OUT"; }
trap cleanup EXIT

BIN="${BIN:-}"
if [[ -z "$BIN" ]]; then
  echo "== build (Release)"
  BIN="$OUT/bin"
  dotnet build "$ROOT/src/TerminologyServer.Api/TerminologyServer.Api.csproj" -c Release -o "$BIN" -nologo -v q >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
dotnet build "$ROOT/bench/Ceiling/Ceiling.csproj" -c Release -o "$OUT/ceiling" -nologo -v q >"$OUT/build-ceiling.log" 2>&1 || { cat "$OUT/build-ceiling.log"; exit 1; }

export ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 Logging__LogLevel__Default=Warning \
  Storage__DataFolder="$DATA" Content__Folder="$BIN/fhir-resources"
server() { (cd "$BIN" && exec dotnet TerminologyServer.Api.dll "$@"); }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
HZ="$(getconf CLK_TCK)"
GENDER_LOOKUP="$F/CodeSystem/\$lookup?system=http://hl7.org/fhir/administrative-gender&code=male"
start_server() {  # sets SERVER_PID, READY (seconds to first answer) and READY_CPU (server CPU seconds by then)
  local t0; t0=$(date +%s.%N)
  (cd "$BIN" && ASPNETCORE_URLS="$BASE" exec taskset -c "$SERVER_CPU" dotnet TerminologyServer.Api.dll >"$OUT/server.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 3000); do
    if curl -fs -o /dev/null "$GENDER_LOOKUP"; then
      read -r READY READY_CPU < <(awk -v a="$t0" -v b="$(date +%s.%N)" -v t="$(ticks "$SERVER_PID")" -v hz="$HZ" 'BEGIN {printf "%.1f %.1f\n", b - a, t / hz}')
      return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
    sleep 0.05
  done
  echo "server did not answer"; exit 1
}

echo "== database: R4 core (first start), ICD-10-CM FY2026, the bench content"
python3 "$ROOT/bench/bench-content.py" "$OUT/content"
server import icd10cm "$ICD_ORDER_FILE" 2>&1 | tail -1
server import fhir "$OUT/content" 2>&1 | tail -1
start_server; echo "   first start (loads R4 core): $READY s"
stop "$SERVER_PID"
start_server; ready=$READY; cpu=$READY_CPU
rss=$(( $(ps -o rss= -p "$SERVER_PID") / 1024 ))
echo "   start on the existing database: first answer after $ready s ($cpu s of server CPU), RSS $rss MB"
(ASPNETCORE_URLS="http://127.0.0.1:$CEIL_PORT" exec taskset -c "$SERVER_CPU" dotnet "$OUT/ceiling/Ceiling.dll" >"$OUT/ceiling.log" 2>&1) &
CEIL_PID=$!

# run <connections> <seconds> <url or -s script args> -> "req/s p99_ms server_cpu_per_req_us" (TICK_PID: whose CPU)
run() {
  local c="$1" s="$2"; shift 2
  local b a out
  local pid="${TICK_PID:-$SERVER_PID}"
  b=$(ticks "$pid")
  out=$(taskset -c "$LOAD_CPU" wrk -t1 -c"$c" -d"${s}s" --latency "$@" 2>&1)
  a=$(ticks "$pid")
  echo "$out" >>"$OUT/wrk.log"
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "!! $* : $(grep 'Non-2xx\|Socket errors' <<<"$out")" >&2; fi
  awk -v t="$((a - b))" -v hz="$HZ" '
    /requests in/ {n = $1}
    /^Requests\/sec:/ {rps = $2}
    /^ +99%/ {v = $2; if (v ~ /us$/) p = v / 1000; else if (v ~ /ms$/) p = v + 0; else p = v * 1000}
    END {printf "%.0f %.2f %.1f\n", rps, p, (n > 0 ? t * 1e6 / hz / n : 0)}' <<<"$out"
}

# Early throughput: the first seconds after the first answer (the issue saw 2-4x less than after warm-up).
read -r early _ _ < <(run 32 5 "$GENDER_LOOKUP")
echo "   \$lookup gender in the 5 s right after the first answer: $early req/s"
sleep "$SETTLE"

ROWS=(
  "lookup-gender|32|$GENDER_LOOKUP"
  "lookup-5000|32|$F/CodeSystem/\$lookup?system=http://example.org/fhir/CodeSystem/bench5000&code=G07-042"
  "lookup-icd|32|$F/CodeSystem/\$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&code=E11.9"
  "lookup-cpt-narrative|32|$F/CodeSystem/\$lookup?system=http://www.ama-assn.org/go/cpt&code=72275"
  "validate-cs|32|$F/CodeSystem/\$validate-code?url=http://hl7.org/fhir/administrative-gender&code=male"
  "validate-vs|32|$F/ValueSet/\$validate-code?url=http://hl7.org/fhir/ValueSet/administrative-gender&system=http://hl7.org/fhir/administrative-gender&code=male"
  "validate-cpt|32|$F/ValueSet/\$validate-code?url=http://terminology.hl7.org/ValueSet/cpt-usable&system=http://www.ama-assn.org/go/cpt&code=62321%3A50"
  "expand-gender|32|$F/ValueSet/\$expand?url=http://hl7.org/fhir/ValueSet/administrative-gender"
  "expand-10|32|$F/ValueSet/\$expand?url=http://example.org/fhir/ValueSet/bench5000-10"
  "expand-isa-100|32|$F/ValueSet/\$expand?url=http://example.org/fhir/ValueSet/bench5000-isa"
  "expand-5000|4|$F/ValueSet/\$expand?url=http://example.org/fhir/ValueSet/bench5000-all"
  "typeahead-icd|32|-s $ROOT/bench/expand-typeahead.lua $BASE -- http://example.org/fhir/ValueSet/bench-icd10cm-all diab+mell fract+femur pneum hypert asthm preg"
)
echo "== bytes per answer"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name _ target <<<"$row"
  url="$target"; [[ "$target" == -s* ]] && url="$F/ValueSet/\$expand?url=http://example.org/fhir/ValueSet/bench-icd10cm-all&filter=diab+mell&count=20"
  printf '   %-22s %8s bytes, HTTP %s\n' "$name" "$(curl -s -o "$OUT/body" -w '%{size_download}' "$url")" "$(curl -s -o /dev/null -w '%{http_code}' "$url")"
done

echo "== warm-up ${WARMUP}s per request kind"
run 32 "$WARMUP" "http://127.0.0.1:$CEIL_PORT/" >/dev/null
for row in "${ROWS[@]}"; do IFS='|' read -r _ c target <<<"$row"; read -ra args <<<"$target"; run "$c" "$WARMUP" "${args[@]}" >/dev/null; done

echo "== ${DURATION}s per row; the ceiling is measured before, between and after the rows (median)"
declare -a CEIL CEILU
ceil() { local r u; read -r r _ u < <(TICK_PID="$CEIL_PID" run 32 "$DURATION" "http://127.0.0.1:$CEIL_PORT/"); CEIL+=("$r"); CEILU+=("$u"); }
ceil
declare -A RPS P99 CPU
half=$(( ${#ROWS[@]} / 2 )); i=0
for row in "${ROWS[@]}"; do
  IFS='|' read -r name c target <<<"$row"; read -ra args <<<"$target"
  read -r r p u < <(run "$c" "$DURATION" "${args[@]}")
  RPS[$name]=$r; P99[$name]=$p; CPU[$name]=$u
  i=$((i + 1))
  if (( i == half )); then ceil; fi
done
ceil
ceiling=$(printf '%s\n' "${CEIL[@]}" | sort -g | sed -n 2p)
ceilu=$(printf '%s\n' "${CEILU[@]}" | sort -g | sed -n 2p)

echo "== result ($(date -u +%H:%M) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "ceiling: ${CEIL[*]} req/s, median $ceiling; its CPU per request ${CEILU[*]} µs, median $ceilu"
echo "(% ceil: req/s over the ceiling's req/s; % ceil CPU: the ceiling's CPU per request over the row's, robust to other load)"
printf '| %-26s | %10s | %8s | %10s | %9s | %14s |\n' request "req/s" "% ceil" "% ceil CPU" "p99 ms" "server µs/req"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name c _ <<<"$row"
  printf '| %-26s | %10s | %7s%% | %9s%% | %9s | %14s |\n' "$name (c$c)" "${RPS[$name]}" "$(awk -v a="${RPS[$name]}" -v b="$ceiling" 'BEGIN {printf "%.1f", 100 * a / b}')" \
    "$(awk -v a="${CPU[$name]}" -v b="$ceilu" 'BEGIN {printf "%.1f", (a > 0 ? 100 * b / a : 0)}')" "${P99[$name]}" "${CPU[$name]}"
done
echo "| start to first answer, existing database | $ready s ($cpu s CPU) |"
echo "| RSS after start | $rss MB |"
echo "| \$lookup gender, first 5 s after the first answer | $early req/s |"

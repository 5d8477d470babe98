#!/usr/bin/env bash
# HTTP throughput of $lookup against the trivial endpoint (/healthz) of the same server, on one core.
# Server pinned to core 0, wrk pinned to core 1. Prints req/s of both and the ratio $lookup/ceiling.
#   bench/http.sh                 # 10 s per run, 3 interleaved runs per endpoint, 64 connections
#   DURATION=5 RUNS=1 bench/http.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10}"        # seconds per measured run
WARMUP="${WARMUP:-5}"             # seconds of warm-up per endpoint (not reported)
RUNS="${RUNS:-3}"                 # measured runs per endpoint (interleaved)
CONNECTIONS="${CONNECTIONS:-64}"
PORT="${PORT:-5097}"
SERVER_CPU="${SERVER_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
BASE="http://127.0.0.1:${PORT}"
LOOKUP_PATH='/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=72275'

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v taskset >/dev/null || { echo "taskset (util-linux) is required" >&2; exit 1; }

OUT="$(mktemp -d)"
DATA="$OUT/data"
mkdir -p "$DATA"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$OUT"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build "$ROOT/src/TerminologyServer.Api/TerminologyServer.Api.csproj" -c Release -o "$OUT/bin" -nologo -v q >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log"; exit 1; }

echo "== start server on core $SERVER_CPU ($BASE, data in $DATA)"
(cd "$OUT/bin" && exec taskset -c "$SERVER_CPU" env \
    ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 \
    Logging__LogLevel__Default=Warning \
    Storage__DataFolder="$DATA" \
    Content__Folder="$OUT/bin/fhir-resources" \
    dotnet TerminologyServer.Api.dll --urls "$BASE") >"$OUT/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$BASE$LOOKUP_PATH" 2>/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:"; cat "$OUT/server.log"; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "$BASE$LOOKUP_PATH" || { echo "server not ready after 60 s"; cat "$OUT/server.log"; exit 1; }
echo "   healthz: $(curl -fsS "$BASE/healthz" | head -c 200)"
echo "   lookup : $(curl -fsS "$BASE$LOOKUP_PATH" | wc -c) bytes for 72275"

# wrk <name> <seconds> <args...>: prints req/s
run_wrk() {
  local seconds="$1"; shift
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --latency "$@" 2>&1 \
    | tee -a "$OUT/wrk.log" | awk '/^Requests\/sec:/ {print $2}'
}

echo "== warm-up ${WARMUP}s each"
run_wrk "$WARMUP" "$BASE/healthz" >/dev/null
run_wrk "$WARMUP" -s "$ROOT/bench/lookup-codes.lua" "$BASE" >/dev/null
run_wrk "$WARMUP" "$BASE$LOOKUP_PATH" >/dev/null

# Runs are interleaved and each ratio is taken within one run, so that load from other processes on the
# shared machine (which comes and goes) hits numerator and denominator alike.
declare -a H L R Q QR
for r in $(seq 1 "$RUNS"); do
  H+=("$(run_wrk "$DURATION" "$BASE/healthz")")
  L+=("$(run_wrk "$DURATION" "$BASE$LOOKUP_PATH")")
  R+=("$(run_wrk "$DURATION" -s "$ROOT/bench/lookup-codes.lua" "$BASE")")
  Q+=("$(awk -v h="${H[-1]}" -v l="${L[-1]}" 'BEGIN {printf "%.1f", 100*l/h}')")
  QR+=("$(awk -v h="${H[-1]}" -v l="${R[-1]}" 'BEGIN {printf "%.1f", 100*l/h}')")
  printf '   run %d: healthz %8s  lookup(72275) %8s  lookup(rotating) %8s req/s   ratio %5s %% / %5s %%\n' \
    "$r" "${H[-1]}" "${L[-1]}" "${R[-1]}" "${Q[-1]}" "${QR[-1]}"
done

if grep -q 'Non-2xx\|non-200' "$OUT/wrk.log"; then
  echo "!! some responses were not 200:"; grep 'Non-2xx\|non-200' "$OUT/wrk.log" | sort | uniq -c
fi

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
spread() { printf '%s\n' "$@" | sort -g | awk 'NR==1{min=$1} {max=$1} END {printf "%.0f-%.0f", min, max}'; }
hm=$(median "${H[@]}"); lm=$(median "${L[@]}"); rm_=$(median "${R[@]}")
echo "== result (median of $RUNS x ${DURATION}s, $CONNECTIONS connections, server on 1 core)"
printf 'ceiling  /healthz            %10.0f req/s  (runs %s)\n' "$hm" "$(spread "${H[@]}")"
printf '$lookup  72275               %10.0f req/s  (runs %s)\n' "$lm" "$(spread "${L[@]}")"
printf '$lookup  rotating 5 codes    %10.0f req/s  (runs %s)\n' "$rm_" "$(spread "${R[@]}")"
spread1() { printf '%s\n' "$@" | sort -g | awk 'NR==1{min=$1} {max=$1} END {printf "%.1f-%.1f", min, max}'; }
printf 'ratio    72275/ceiling       %9.1f %%  (per-run ratios %s)   target >= 50 %%\n' "$(median "${Q[@]}")" "$(spread1 "${Q[@]}")"
printf 'ratio    rotating/ceiling    %9.1f %%  (per-run ratios %s)\n' "$(median "${QR[@]}")" "$(spread1 "${QR[@]}")"

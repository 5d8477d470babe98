#!/usr/bin/env bash
# $lookup before and after a change, in one run: two servers (an older commit and this tree), both pinned to core 0
# with the same content (FHIR core + the shipped CPT fragment; the shipped ICD-10/HCPCS files are not loaded, the
# older tree may not have them), wrk pinned to core 1, rounds interleaved so both see the same machine.
# Prints req/s wall and per server CPU-second for /healthz, $lookup CPT 72275 (narrative) and administrative-gender.
#   bench/compare-lookup.sh                 # before = the commit before the house merge (issue 12)
#   BEFORE=<commit> DURATION=5 RUNS=3 bench/compare-lookup.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BEFORE="${BEFORE:-9510720^1}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
RUNS="${RUNS:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
SERVER_CPU="${SERVER_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
READY_SECONDS="${READY_SECONDS:-180}"
TICKS="$(getconf CLK_TCK)"
CPT='/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=72275'
GENDER='/fhir/CodeSystem/$lookup?system=http://hl7.org/fhir/administrative-gender&code=male'

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
OUT="$(mktemp -d /tmp/compare-lookup.XXXXXX)"
declare -A PID PORT
PORT[before]=5311
PORT[after]=5312
cleanup() {
  for t in before after; do
    [[ -n "${PID[$t]:-}" ]] && kill "${PID[$t]}" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  git -C "$ROOT" worktree remove --force "$OUT/before-src" 2>/dev/null || true
  rm -rf "$OUT"
}
trap cleanup EXIT

echo "== build before ($(git -C "$ROOT" rev-parse --short "$BEFORE")) and after ($(git -C "$ROOT" rev-parse --short HEAD), with uncommitted changes if any)"
git -C "$ROOT" worktree add --detach -q "$OUT/before-src" "$BEFORE"
declare -A SRC=([before]="$OUT/before-src" [after]="$ROOT")
for t in before after; do
  dotnet build "${SRC[$t]}/src/TerminologyServer.Api/TerminologyServer.Api.csproj" -c Release -o "$OUT/$t/bin" -nologo -v q >"$OUT/$t.build.log" 2>&1 \
    || { cat "$OUT/$t.build.log"; exit 1; }
done

for t in before after; do
  mkdir -p "$OUT/$t/data"
  (cd "$OUT/$t/bin" && exec taskset -c "$SERVER_CPU" env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 \
      Logging__LogLevel__Default=Warning Storage__DataFolder="$OUT/$t/data" Content__Folder="$OUT/$t/bin/fhir-resources" \
      Content__LoadCodeSystems=false \
      dotnet TerminologyServer.Api.dll --urls "http://127.0.0.1:${PORT[$t]}") >"$OUT/$t.log" 2>&1 &
  PID[$t]=$!
  # One at a time: two first starts loading the FHIR core on one core would only slow each other.
  for _ in $(seq 1 $((READY_SECONDS * 2))); do
    curl -fsS -o /dev/null "http://127.0.0.1:${PORT[$t]}$CPT" 2>/dev/null && break
    kill -0 "${PID[$t]}" 2>/dev/null || { echo "$t server exited:"; cat "$OUT/$t.log"; exit 1; }
    sleep 0.5
  done
  echo "   $t ready: $(curl -fsS "http://127.0.0.1:${PORT[$t]}$CPT" | wc -c) bytes for 72275"
done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# run <tree> <seconds> <path>: "<req/s> <req per server CPU-second>"
run() {
  local t="$1" seconds="$2" path="$3" before after out
  before=$(ticks "${PID[$t]}")
  out=$(taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" "http://127.0.0.1:${PORT[$t]}$path" 2>&1)
  after=$(ticks "${PID[$t]}")
  echo "$out" | awk -v t="$((after - before))" -v hz="$TICKS" '
    /requests in/ {n = $1} /^Requests\/sec:/ {rps = $2}
    END {printf "%.0f %.0f\n", rps, (t > 0 ? n * hz / t : 0)}'
}

for t in before after; do
  for p in /healthz "$CPT" "$GENDER"; do run "$t" "$WARMUP" "$p" >/dev/null; done
done

declare -A R
for i in $(seq 1 "$RUNS"); do
  for t in before after; do
    for name in healthz cpt gender; do
      case $name in healthz) p=/healthz ;; cpt) p="$CPT" ;; gender) p="$GENDER" ;; esac
      read -r rps cpu < <(run "$t" "$DURATION" "$p")
      R[$t.$name]="${R[$t.$name]:-} $rps"
      R[$t.$name.cpu]="${R[$t.$name.cpu]:-} $cpu"
    done
    echo "   run $i $t: healthz $(echo ${R[$t.healthz]} | awk '{print $NF}')/s, lookup 72275 $(echo ${R[$t.cpt]} | awk '{print $NF}')/s, gender $(echo ${R[$t.gender]} | awk '{print $NF}')/s"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
echo "== medians of $RUNS runs of ${DURATION} s, c=$CONNECTIONS (wall req/s; req per server CPU-second; % of that tree's healthz)"
for t in before after; do
  h=$(echo ${R[$t.healthz]} | median); hc=$(echo ${R[$t.healthz.cpu]} | median)
  for name in cpt gender; do
    v=$(echo ${R[$t.$name]} | median); vc=$(echo ${R[$t.$name.cpu]} | median)
    printf '%-6s %-28s %7s req/s  %7s per CPU-s  %3s %% of healthz (%s/s)\n' "$t" \
      "$([[ $name == cpt ]] && echo '$lookup CPT 72275' || echo '$lookup gender male')" "$v" "$vc" "$((100 * v / (h > 0 ? h : 1)))" "$h"
  done
done

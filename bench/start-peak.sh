#!/usr/bin/env bash
# Start-up of a built server on an existing data folder under /usr/bin/time -v: seconds to the first SNOMED CT
# $lookup, RSS then, and the peak RSS of the whole start (the server is stopped right after the first answer).
#   bench/start-peak.sh <build folder> <data folder> [cpus, default 0,1]
set -euo pipefail
BIN="$1"; DATA="$2"; CPUS="${3:-0,1}"; PORT="${PORT:-5301}"
export Storage__DataFolder="$DATA" Content__Folder="$BIN/fhir-resources" Logging__LogLevel__Default=Warning \
  ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 ASPNETCORE_URLS="http://127.0.0.1:$PORT"
LOG="$(mktemp)"; t0=$(date +%s.%N)
(cd "$BIN" && exec taskset -c "$CPUS" /usr/bin/time -v dotnet TerminologyServer.Api.dll >"$LOG" 2>&1) &
TIME_PID=$!
for _ in $(seq 1 3000); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/fhir/CodeSystem/\$lookup?system=http://snomed.info/sct&code=404684003" && break
  kill -0 "$TIME_PID" 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.1
done
ready=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
SERVER_PID=$(pgrep -P "$TIME_PID" -f TerminologyServer.Api.dll)
rss=$(( $(ps -o rss= -p "$SERVER_PID") / 1024 ))
kill "$SERVER_PID"; wait "$TIME_PID" 2>/dev/null || true
echo "cpus $CPUS: first SNOMED answer after $ready s, RSS $rss MB, peak RSS $(awk '/Maximum resident/ {printf "%.0f", $NF / 1024}' "$LOG") MB"
rm -f "$LOG"

#!/usr/bin/env bash
# Load test on each provider (issue 11), against a Release build: for SQLite and then PostgreSQL, the ten-quarter demo
# (40 departments), the portal's cold start to its first page, then 60 s at 32 connections — 8 reporters saving reports
# and 24 connections over the main pages — with the portal's peak RSS, and in the same run the same bytes as /targets
# served as a static file by the same process (the ceiling a page is judged against).
# Needs wrk, curl, sqlite3, psql. PostgreSQL: PG="Host=…;Port=…;Username=…;Password=…" (a server where the script may
# create and drop the database eduplan_load), e.g. the private cluster of `.ci/postgres start`.
# Usage: PG="…" bash tests/EduPlan.Benchmarks/load/run-providers.sh      (PROVIDERS="Sqlite" to run one)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
load=$(cd "$(dirname "$0")" && pwd)
work=${WORK:-/tmp/eduplan-load}
port=${PORT:-5160}
base=http://127.0.0.1:$port
password='Demo-Load-Passw0rd'
mkdir -p "$work"

if [ "${SKIP_PUBLISH:-}" != 1 ]; then
  dotnet publish "$repo/src/EduPlan.Cli" -c Release -o "$work/cli" --artifacts-path "$work/art" >/dev/null
  dotnet publish "$repo/src/EduPlan.Web" -c Release -o "$work/web" --artifacts-path "$work/art" >/dev/null
fi

pg() { tr ';' '\n' <<<"${PG:-}" | sed -n "s/^$1=//Ip" | head -1; }

# q SQL: runs SQL (identifiers quoted) on the provider under test, prints rows tab-separated.
q() {
  if [ "$provider" = Sqlite ]; then sqlite3 -separator $'\t' "$work/load.db" "$1"; else psql -d eduplan_load -AtX -F $'\t' -c "$1"; fi
}

# sign_in and cookie_header.
# shellcheck source=tests/EduPlan.Benchmarks/load/common.sh
source "$(dirname "$0")/common.sh"

run_provider() {
  provider=$1
  echo "=================== $provider"
  rm -rf "$work/logs" "$work/load.db"*
  if [ "$provider" = Sqlite ]; then
    export Database__Provider=Sqlite ConnectionStrings__EduPlan="Data Source=$work/load.db"
  else
    export PGHOST PGPORT PGUSER PGPASSWORD
    PGHOST=$(pg Host) PGPORT=$(pg Port) PGUSER=$(pg Username) PGPASSWORD=$(pg Password)
    psql -d postgres -qX -c 'DROP DATABASE IF EXISTS eduplan_load WITH (FORCE)'
    export Database__Provider=PostgreSql ConnectionStrings__EduPlan="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=eduplan_load"
    (cd "$work/cli" && ./eduplan migrate >/dev/null)   # a server database is migrated by its administrator
  fi
  (cd "$work/cli" && ./eduplan demo --departments 40 --through 2026Q3 --today 2026-12-10 --password "$password" --seed 7 | head -4)
  # Keep 2026Q4 open whatever today's date is, as a coordinator's reopening does.
  if [ "$provider" = Sqlite ]; then changed="'2026-12-01 00:00:00'"; else changed="timestamptz '2026-12-01 00:00:00+00'"; fi
  q "DELETE FROM \"ReportingPeriodOverrides\" WHERE \"Year\"=2026 AND \"QuarterNumber\"=4 AND \"DepartmentId\" IS NULL;
     INSERT INTO \"ReportingPeriodOverrides\" (\"Year\", \"QuarterNumber\", \"DepartmentId\", \"Mode\", \"OpenUntil\", \"Reason\", \"ChangedAt\", \"ChangedByName\")
     VALUES (2026, 4, NULL, 'Open', '2027-12-31', 'load test', $changed, 'load');" >/dev/null

  # Cold start: from starting the process to the sign-in page answering 200.
  pushd "$work/web" >/dev/null
  started=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Production Bootstrap__AdminPassword="Load-Root-Passw0rd" Logging__Directory="$work/logs" \
    ./EduPlan.Web --urls "$base" >"$work/web-$provider.out" 2>&1 </dev/null &
  web_pid=$!
  trap 'kill $web_pid 2>/dev/null || true' EXIT
  popd >/dev/null
  until curl -fs -o /dev/null "$base/account/login"; do sleep 0.02; done
  echo "== cold start to the first page: $(( ($(date +%s%N) - started) / 1000000 )) ms"

  collect_writers
  sign_in coordinator
  coordinator=$(cookie_header coordinator)
  wrk -t2 -c8 -d5s -s "$load/pages.lua" -H "Cookie: $coordinator" "$base" >/dev/null   # warm-up (JIT)

  # Peak resident memory of the portal while the load runs.
  (peak=0; while kill -0 $web_pid 2>/dev/null; do
     rss=$(awk '/VmRSS/ {print $2}' /proc/$web_pid/status 2>/dev/null || echo 0); [ "${rss:-0}" -gt "$peak" ] && peak=$rss && echo "$peak" >"$work/rss"
     sleep 0.5; done) &
  rss_pid=$!
  echo "== 60 s, 32 connections: 8 writers saving reports and 24 connections over the main pages"
  wrk -t8 -c8 -d60s -s "$load/save-report.lua" "$base" -- "$work/writers.tsv" >"$work/saves-$provider.txt" &
  saves_pid=$!
  wrk -t4 -c24 -d60s -s "$load/pages.lua" -H "Cookie: $coordinator" "$base" | tail -n 6
  wait $saves_pid
  echo "-- saves:"; grep -v '^writer' "$work/saves-$provider.txt" | tail -n 6
  kill $rss_pid 2>/dev/null || true
  echo "== peak RSS of the portal: $(( $(cat "$work/rss") / 1024 )) MB"

  # The ceiling, in the same run and process: /targets, and the same bytes as a static file.
  curl -s -H "Cookie: $coordinator" "$base/targets" >"$work/web/wwwroot/perf-targets.html"
  echo "== /targets ($(wc -c <"$work/web/wwwroot/perf-targets.html") bytes), 24 connections, 15 s"
  wrk -t4 -c24 -d15s -s "$load/percentiles.lua" -H "Cookie: $coordinator" "$base/targets" | grep -E 'Requests/sec|non-2xx|p95|p99'
  echo "== the same bytes as a static file, 24 connections, 15 s"
  wrk -t4 -c24 -d15s -s "$load/percentiles.lua" "$base/perf-targets.html" | grep -E 'Requests/sec|non-2xx|p95|p99'
  rm -f "$work/web/wwwroot/perf-targets.html"
  echo "== errors in the portal's log: $(grep -rci '\[ERR\]\|fail:' "$work/logs" "$work/web-$provider.out" | awk -F: '{s+=$2} END {print s+0}')"
  kill $web_pid; wait $web_pid 2>/dev/null || true
}

for provider in ${PROVIDERS:-Sqlite PostgreSql}; do
  run_provider "$provider"
done

#!/usr/bin/env bash
# Load test of the leaders' pages (issue 10) against a Release build: 总览, 目标一览 and a task page on the ten-year demo,
# each measured at 32 connections against the same bytes served as a static file by the same process, in the same run.
# Writes the table between the leaders-load markers of docs/performance.md (and prints it).
# Needs wrk and curl. Usage: bash tests/EduPlan.Benchmarks/load/run-leaders.sh
#   WORK=/tmp/eduplan-leaders PORT=5092 SKIP_PUBLISH=1 (reuse the build) SKIP_DEMO=1 (reuse the database) ROUNDS=2
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
work=${WORK:-/tmp/eduplan-leaders}
port=${PORT:-5092}
rounds=${ROUNDS:-2}
duration=${DURATION:-15s}
base=http://127.0.0.1:$port
password=${DEMO_PASSWORD:-Quarterly-Bench-2035x}
db=$work/leaders.db
mkdir -p "$work"

if [ "${SKIP_PUBLISH:-}" != 1 ]; then
  dotnet publish "$repo/src/EduPlan.Cli" -c Release -o "$work/cli" --artifacts-path "$work/art" >/dev/null
  dotnet publish "$repo/src/EduPlan.Web" -c Release -o "$work/web" --artifacts-path "$work/art" >/dev/null
fi
export ConnectionStrings__EduPlan="Data Source=$db"
if [ "${SKIP_DEMO:-}" != 1 ]; then
  rm -f "$db" "$db"-*
  # Forty departments, every quarter 2025Q1–2035Q4 reported and reviewed: 10,772 reports, 37,000 revisions.
  (cd "$work/cli" && ./eduplan demo --departments 40 --through 2035Q4 --password "$password" | head -7)
fi

rm -rf "$work/logs"
# start_portal, sign_in and cookie_header.
source "$(dirname "$0")/common.sh"
start_portal 90
sign_in leader
cookie=$(cookie_header leader)

# The same bytes as a static file of the same process (wwwroot is served by UseStaticFiles, without the request log).
mkdir -p "$work/web/wwwroot/bench"
pages=("/dashboard" "/targets" "/plans/chongqing/tasks/9")
names=("dashboard" "targets" "task-9")
for i in "${!pages[@]}"; do
  status=$(curl -s -o "$work/web/wwwroot/bench/${names[$i]}.html" -w '%{http_code}' -H "Cookie: $cookie" "$base${pages[$i]}")
  [ "$status" = 200 ] || { echo "${pages[$i]} answered $status"; exit 1; }
  grep -q 'class="page-title"' "$work/web/wwwroot/bench/${names[$i]}.html" || { echo "${pages[$i]} is not the page"; exit 1; }
done

# wrk's latency line "99%  12.34ms" in milliseconds.
p99() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.1f", v}'; }
rps() { awk '/^Requests\/sec:/ {printf "%.0f", $2}'; }
run() { wrk -t2 -c32 -d"$duration" --latency "$@" 2>&1; }

rows=""
for round in $(seq "$rounds"); do
  for i in "${!pages[@]}"; do
    url="$base${pages[$i]}"; static="$base/bench/${names[$i]}.html"
    wrk -t2 -c32 -d5s -H "Cookie: $cookie" "$url" >/dev/null; wrk -t2 -c32 -d5s "$static" >/dev/null
    page_out=$(run -H "Cookie: $cookie" "$url")
    static_out=$(run "$static")
    if grep -q "Non-2xx" <<<"$page_out$static_out"; then echo "non-2xx answers for ${pages[$i]}"; exit 1; fi
    bytes=$(stat -c %s "$work/web/wwwroot/bench/${names[$i]}.html")
    page_rps=$(rps <<<"$page_out"); static_rps=$(rps <<<"$static_out")
    ratio=$(awk -v a="$page_rps" -v b="$static_rps" 'BEGIN {printf "%.1f %%", 100*a/b}')
    rows+="| $round | \`${pages[$i]}\` | $bytes | $page_rps | $(p99 <<<"$page_out") ms | $static_rps | $(p99 <<<"$static_out") ms | $ratio |"$'\n'
  done
done

table="| round | page | bytes | requests/s | p99 | static requests/s | static p99 | ratio |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows}"
echo "$table"
measured="Measured $(date -u +%Y-%m-%d) with \`bash tests/EduPlan.Benchmarks/load/run-leaders.sh\` (32 connections, $duration each after 5 s of warm-up, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)."
doc=$repo/docs/performance.md
if grep -q '<!-- leaders-load:begin -->' "$doc"; then
  awk -v table="$table" -v measured="$measured" '
    /<!-- leaders-load:begin -->/ {print; print ""; print measured; print ""; printf "%s", table; print ""; skip=1; next}
    /<!-- leaders-load:end -->/ {skip=0}
    !skip {print}' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
fi

#!/usr/bin/env bash
# Load test of quarterly reporting against a Release build (issue 4): 8 concurrent writers saving reports, and
# 我的任务 / 待审核 at 16 connections. Needs wrk, curl, sqlite3. Usage: bash tests/EduPlan.Benchmarks/load/run-reporting.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
work=${WORK:-/tmp/eduplan-load}
port=${PORT:-5091}
base=http://127.0.0.1:$port
password='Demo-Load-Passw0rd'
db=$work/load.db

if [ "${SKIP_PUBLISH:-}" != 1 ]; then
  dotnet publish "$repo/src/EduPlan.Cli" -c Release -o "$work/cli" --artifacts-path "$work/art" >/dev/null
  dotnet publish "$repo/src/EduPlan.Web" -c Release -o "$work/web" --artifacts-path "$work/art" >/dev/null
fi
rm -f "$db" "$db"-* && rm -rf "$work/logs"
export ConnectionStrings__EduPlan="Data Source=$db"

# 40 departments, every quarter through 2026Q4: 2025Q1–2026Q3 reviewed, 2026Q4 the open quarter (drafts, submissions, gaps).
(cd "$work/cli" && ./eduplan demo --departments 40 --through 2026Q3 --today 2026-12-10 --password "$password" --seed 7 | head -9)
# The coordinators' reopening keeps 2026Q4 open whatever today's date is, so the writers can save.
sqlite3 "$db" "DELETE FROM ReportingPeriodOverrides WHERE Year=2026 AND QuarterNumber=4 AND DepartmentId IS NULL;
  INSERT INTO ReportingPeriodOverrides (Year, QuarterNumber, DepartmentId, Mode, OpenUntil, Reason, ChangedAt, ChangedByName)
  VALUES (2026, 4, NULL, 'Open', '2027-12-31', 'load test', '2026-12-01 00:00:00', 'load');"

# start_portal, sign_in and cookie_header.
source "$(dirname "$0")/common.sh"
start_portal 60
# Fails unless the page answers 200 to this cookie and contains the text (a redirect to sign-in would be measured otherwise).
check_page() {
  local status
  status=$(curl -s -o "$work/check.html" -w '%{http_code}' -H "Cookie: $1" "$base$2")
  [ "$status" = 200 ] && grep -q "$3" "$work/check.html" || { echo "$2 answered $status without '$3'"; exit 1; }
}

# Eight writers: reporters of eight departments, each on a task of its own that it can still edit in 2026Q4.
q() { sqlite3 -separator $'\t' "$db" "$1"; }
collect_writers
reporter=$(head -1 "$work/writers.tsv" | cut -f1)
sign_in coordinator
coordinator=$(cookie_header coordinator)

check_page "$reporter" /my/tasks '我的任务'
check_page "$coordinator" /review '待审核'
warm() { wrk -t2 -c16 -d5s -H "Cookie: $1" "$base$2" >/dev/null; }
echo "== save a report: 8 writers, 8 connections, 20 s"
wrk -t8 -c8 -d20s -s "$(dirname "$0")/save-report.lua" "$base" -- "$work/writers.tsv"
echo "== /my/tasks (reporter), 16 connections"
warm "$reporter" /my/tasks
wrk -t2 -c16 -d15s -s "$(dirname "$0")/percentiles.lua" -H "Cookie: $reporter" "$base/my/tasks"
echo "== /review (coordinator), 16 connections"
warm "$coordinator" /review
wrk -t2 -c16 -d15s -s "$(dirname "$0")/percentiles.lua" -H "Cookie: $coordinator" "$base/review"
echo "== 'database is locked' in the logs: $(grep -rci 'database is locked' "$work/logs" "$work/web.out" | awk -F: '{s+=$2} END {print s+0}')"
echo "== reports saved: $(sqlite3 "$db" "SELECT COUNT(*) FROM ReportRevisions WHERE ActorName IN (SELECT UserName FROM AspNetUsers) AND At > datetime('now','-5 minutes')")"

# Shared by the load scripts (source it): signing in with curl as a browser would.
# Needs $base (the portal's address), $work (a folder holding the published portal in web/, the logs and the cookie jars)
# and $password; collect_writers also needs q SQL, which runs SQL (identifiers quoted) on the database and prints rows
# tab-separated.

# Starts the published portal in $work/web on $base (Production, logs in $work/logs), stops it when the script exits,
# and waits up to $1 seconds for /healthz.
start_portal() {
  pushd "$work/web" >/dev/null
  ASPNETCORE_ENVIRONMENT=Production Bootstrap__AdminPassword="Load-Root-Passw0rd" Logging__Directory="$work/logs" \
    ./EduPlan.Web --urls "$base" >"$work/web.out" 2>&1 </dev/null &
  web_pid=$!
  trap 'kill $web_pid 2>/dev/null || true' EXIT
  popd >/dev/null
  for _ in $(seq "$1"); do curl -fs "$base/healthz" >/dev/null && break; sleep 1; done
}

# Signs in as $1, leaving the cookies in $work/$1.jar.
sign_in() {
  local jar=$work/$1.jar token
  rm -f "$jar"
  token=$(curl -s -c "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=$1" --data-urlencode "Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/account/login"
}

# The Cookie header of $1's jar. curl writes HttpOnly cookies as "#HttpOnly_host ..." lines; they are the ones that matter.
cookie_header() { sed 's/^#HttpOnly_//' "$work/$1.jar" | awk '!/^#/ && NF>=7 {printf "%s%s=%s", sep, $6, $7; sep="; "}'; }

# Writes $work/writers.tsv for save-report.lua: eight reporters of eight departments, each on a task of its own that it
# can still edit in 2026Q4, with its cookies, the form's antiforgery token, the form's path and the report's revision.
collect_writers() {
  local user dept task page token revision
  : >"$work/writers.tsv"
  for user in $(q "SELECT u.\"UserName\" FROM \"AspNetUsers\" u JOIN \"AspNetUserRoles\" ur ON ur.\"UserId\"=u.\"Id\" JOIN \"AspNetRoles\" r ON r.\"Id\"=ur.\"RoleId\"
      WHERE r.\"Name\"='Reporter' ORDER BY u.\"UserName\""); do
    [ "$(wc -l <"$work/writers.tsv")" -ge 8 ] && break
    dept=$(q "SELECT \"DepartmentId\" FROM \"AspNetUsers\" WHERE \"UserName\"='$user'")
    task=$(q "SELECT t.\"Id\" FROM \"Tasks\" t WHERE (t.\"LeadDepartmentId\"=$dept OR t.\"Id\" IN (SELECT \"TaskId\" FROM \"TaskCoDepartments\" WHERE \"DepartmentId\"=$dept))
      AND NOT EXISTS (SELECT 1 FROM \"ProgressReports\" r WHERE r.\"TaskId\"=t.\"Id\" AND r.\"DepartmentId\"=$dept AND r.\"Year\"=2026 AND r.\"QuarterNumber\"=4 AND r.\"State\" IN ('Submitted','Approved'))
      ORDER BY t.\"Id\" LIMIT 1")
    [ -z "$task" ] && continue
    sign_in "$user"
    page=$(curl -s -b "$work/$user.jar" -c "$work/$user.jar" "$base/my/tasks/$task/2026Q4")
    token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//;s/"$//')
    revision=$(grep -o 'name="Revision" value="[0-9]*"' <<<"$page" | head -1 | grep -o '[0-9]*')
    printf '%s\t%s\t%s\t%s\n' "$(cookie_header "$user")" "$token" "/my/tasks/$task/2026Q4" "$revision" >>"$work/writers.tsv"
  done
}

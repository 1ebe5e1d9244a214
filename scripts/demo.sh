#!/usr/bin/env bash
# Builds Opora, seeds the demo municipality (Kyustendil) into the embedded SQLite database in
# OPORA_DATA_DIR (default ./data) and serves it on http://127.0.0.1:8080.
#
#   scripts/demo.sh                 debug build: the quickest way to a running server
#   OPORA_BUILD=release scripts/demo.sh
#   PORT=8081 scripts/demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

configuration=${OPORA_BUILD:-debug}
port=${PORT:-8080}
host=${HOST:-127.0.0.1}

echo "==> Building Opora ($configuration; the first build takes several minutes)"
swift build -c "$configuration" --product opora
binary=".build/$configuration/opora"

echo "==> Preparing the demo municipality in ${OPORA_DATA_DIR:-./data}"
"$binary" seed --demo

echo
echo "Opora: http://$host:$port"
echo
exec "$binary" serve --hostname "$host" --port "$port"

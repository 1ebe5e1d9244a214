#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the one `.swift-format`, or,
# with --lint, checks them strictly without changing anything (the test command runs that).
#
#   scripts/format.sh          format in place
#   scripts/format.sh --lint   exit non-zero on any difference from the format or any lint rule
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
paths=(Package.swift Sources Tests)
if [ "${1:-}" = "--lint" ]; then
    exec swift format lint --strict --parallel --recursive "${paths[@]}"
fi
exec swift format format --in-place --parallel --recursive "${paths[@]}"

#!/usr/bin/env bash
# Benchmark `crossings serve`: time from saving a content file to the reloaded page
# showing the change, on a copy of the repository's content (target: under 300 ms).
#
#   scripts/bench-serve.sh [ROUNDS]            today's content and templates (the working tree's)
#   FROM=DIR scripts/bench-serve.sh            content/ and templates/ of another folder
#   SYNTHETIC=10000 scripts/bench-serve.sh     a synthetic site (examples/corpus.rs)
#
# Builds the release binary; works in a temporary folder it removes; prints medians and maxima.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# NO_BUILD=1: use target/release's binaries as they are.
[[ "${NO_BUILD:-}" == 1 ]] || cargo build --release --quiet --bin crossings --example bench_serve --example corpus
from="${FROM:-.}"
if [[ -n "${SYNTHETIC:-}" ]]; then
    target/release/examples/corpus "$SYNTHETIC" "$work"
else
    cp -r "$from/content" "$work/content"
fi
cp -r "$from/templates" "$work/templates"
"target/release/examples/bench_serve" "$PWD/target/release/crossings" "$work" "$rounds"

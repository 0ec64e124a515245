#!/usr/bin/env bash
# Time `crossings validate PATH` (one checkpoint file, as a save hook or pre-commit runs it) and
# the whole `crossings validate` on a synthetic corpus of N checkpoints.
#
#   scripts/bench-validate.sh [N]        default N=10000; RUNS=10 runs of each
#
# Builds crossings and the corpus generator in release, writes the corpus once under
# ${WORK:-/tmp/crossings-bench-validate}, and prints each run's wall time and peak RSS
# (/usr/bin/time), then the median.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-10000}"
runs="${RUNS:-10}"
work="${WORK:-/tmp/crossings-bench-validate}"

cargo build --quiet --release --manifest-path "$repo/Cargo.toml" --bin crossings --example corpus
bin="$repo/target/release/crossings"
corpus="$work/corpus-$n"
if [ ! -d "$corpus/content" ]; then
  rm -rf "$corpus"
  "$repo/target/release/examples/corpus" "$n" "$corpus" >/dev/null
fi
cd "$corpus"
one="content/checkpoints/$(ls content/checkpoints | sed -n "$((n / 2))p")"

measure() {
  local label="$1"
  shift
  local log="$work/times.txt"
  : >"$log"
  for _ in $(seq "$runs"); do
    /usr/bin/time -a -o "$log" -f '%e %M' "$bin" "$@" >/dev/null 2>&1 || true
  done
  sort -n "$log" | awk -v label="$label" '
    { wall[NR] = $1; rss[NR] = $2 }
    END { m = int((NR + 1) / 2); printf "%-28s median %.3f s, peak RSS %d KB (%d runs)\n", label, wall[m], rss[m], NR }'
}

echo "corpus: $n checkpoints in $corpus"
measure "validate $one" validate "$one"
measure "validate (everything)" validate

#!/usr/bin/env bash
# Search benchmark: index size (raw and gzipped) and query time in headless Chromium,
# for today's content and for a synthetic site of N checkpoints (default 10000).
#
#   scripts/bench-search.sh [N]
#
# Needs Chromium (Debian package `chromium`). Each query runs 50 times after a warm-up; the
# script prints the median and the slowest run per query, in milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
WORK="${BENCH_DIR:-/tmp/crossings-bench-search}"
rm -rf "$WORK" && mkdir -p "$WORK"
cargo build --release --quiet --example corpus
cargo build --release --quiet
BIN="$PWD/target/release/crossings"

QUERIES='["хоргос","Қорғас","Khorgos","Horgos","Korgas","druzhba","майкапчагай","cigarettes","migration card","ka","bai","zholbai","tal","xyzzy"]'

page() {
  cat > "$1/bench-search.html" <<HTML
<!doctype html><meta charset="utf-8"><title>bench</title><script src="static/search.js"></script>
<pre id="out">running</pre>
<script>
window.crossingsSearchQuery('warm').then(async function () {
  const queries = $QUERIES;
  const lines = [];
  for (const q of queries) {
    const times = [];
    let hits = 0;
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      hits = (await window.crossingsSearchQuery(q)).length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    lines.push(JSON.stringify({q, hits, median: +times[25].toFixed(3), max: +times[49].toFixed(3)}));
  }
  document.getElementById('out').textContent = 'RESULTS\n' + lines.join('\n');
});
</script>
HTML
}

run() {
  local label="$1" site="$2"
  local index="$site/static/search-index.en.js"
  local raw gz
  raw=$(stat -c %s "$index")
  gz=$(gzip -9 -c "$index" | wc -c)
  page "$site"
  echo "== $label: index $raw bytes, $gz bytes gzipped"
  chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$(mktemp -d)" --virtual-time-budget=60000 \
    --dump-dom "file://$site/bench-search.html" 2>/dev/null | sed -n '/RESULTS/,/<\/pre>/p' | grep '^{' || echo "no results"
}

"$BIN" build --out "$WORK/today" >/dev/null 2>&1
run "today's content" "$WORK/today"

cargo run --release --quiet --example corpus -- "$N" "$WORK/corpus" >/dev/null 2>&1
(cd "$WORK/corpus" && "$BIN" build --templates "$OLDPWD/templates" --out "$WORK/synthetic" >/dev/null 2>&1)
run "synthetic, $N checkpoints" "$WORK/synthetic"

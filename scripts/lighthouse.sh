#!/usr/bin/env bash
# Lighthouse scores of the built site: performance, accessibility, best practices and SEO, mobile
# profile, for the home page, a checkpoint page and a rule page in each language.
#
#   scripts/lighthouse.sh [PAGE ...]     default: index.html checkpoints/khorgos/index.html
#                                        rules/customs/index.html, under each language's root
#
# Builds the site with `crossings build`, serves it under the sub-path of `base_url` with
# `python3 -m http.server` on 127.0.0.1, and runs Lighthouse 12 (npm, installed on first use in
# $LIGHTHOUSE_DIR) with the system Chromium. Prints one line per page and writes each report
# (JSON) to $OUT. Exits 1 when a score is below $MIN.
#
# Environment:
#   LIGHTHOUSE_VERSION=12.8.2   LIGHTHOUSE_DIR=~/.cache/crossings-lighthouse
#   CHROME_PATH=/usr/bin/chromium   OUT=a temporary folder   MIN=100
set -euo pipefail
cd "$(dirname "$0")/.."

version=${LIGHTHOUSE_VERSION:-12.8.2}
tools=${LIGHTHOUSE_DIR:-$HOME/.cache/crossings-lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
min=${MIN:-100}
work=$(mktemp -d)
out=${OUT:-$work/reports}
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ "$(node -p "require('$tools/node_modules/lighthouse/package.json').version" 2>/dev/null)" != "$version" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent "lighthouse@$version"
fi
lighthouse="$tools/node_modules/.bin/lighthouse"

# The site, under the sub-path it is published at.
sub=$(sed -n 's|^base_url: *https\?://[^/]*/\(.*\)$|\1|p' content/site.yaml)
mkdir -p "$work/root/$(dirname "${sub%/}")" "$out"
cargo run --quiet -- build --out "$work/root/${sub%/}" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/root" >/dev/null 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/$sub" >/dev/null; do sleep 0.2; done

languages=$(sed -n 's/^languages: *\[\(.*\)\]/\1/p' content/site.yaml | tr -d ' ' | tr ',' ' ')
default=$(sed -n 's/^default_language: *//p' content/site.yaml)
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(index.html checkpoints/khorgos/index.html rules/customs/index.html)

printf '%-40s %5s %5s %5s %5s\n' page perf a11y best seo
low=0
for lang in $languages; do
  prefix=""; [ "$lang" = "$default" ] || prefix="$lang/"
  for page in "${pages[@]}"; do
    report="$out/$(echo "$prefix$page" | tr '/' '_').json"
    "$lighthouse" "http://127.0.0.1:$port/$sub$prefix$page" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    scores=$(node -e '
      const r = require(process.argv[1]);
      console.log(["performance", "accessibility", "best-practices", "seo"].map((c) => Math.round(r.categories[c].score * 100)).join(" "));' "$report")
    printf '%-40s %5s %5s %5s %5s\n' "$prefix$page" $scores
    for s in $scores; do [ "$s" -ge "$min" ] || low=1; done
  done
done
echo "reports: $out"
exit $low

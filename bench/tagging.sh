#!/usr/bin/env bash
# bench/tagging.sh: what tagging costs the PDF handouts, in time and in bytes.
#
# Builds the same PDF handouts (both variants) twice per round, once tagged ([pdf] tagged =
# true, the default) and once untagged, alternating so that machine noise hits both alike,
# after one untimed warm-up of each. Reports the median wall time of each, their ratio, and
# the total size of the PDFs with the ratio. The goal is a ratio of at most 1.15 for both.
#
# Usage:  bench/tagging.sh [CORPUS_DIR]   (default: REPO/../shared/corpus/rust-book/nostarch)
#         bench/tagging.sh content        (the sample handouts)
# Environment: RUNS (5), FOLIO (default REPO/target/release/folio), KEEP=1 keeps the work
#   folder. Needs: GNU date, awk.

set -euo pipefail
export LC_NUMERIC=C

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -- "$SCRIPT_DIR/.." && pwd)
CORPUS=${1:-$REPO/../shared/corpus/rust-book/nostarch}
RUNS=${RUNS:-5}
FOLIO=${FOLIO:-$REPO/target/release/folio}

if [ ! -x "$FOLIO" ]; then
  (cd "$REPO" && cargo build --release --quiet)
fi
if [ ! -d "$CORPUS" ]; then
  echo "tagging.sh: no corpus folder $CORPUS" >&2
  exit 1
fi

WORK=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then
  echo "work folder: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

# One project per setting, sharing nothing but the chapters (and any images beside them).
for setting in true false; do
  project=$WORK/$setting
  mkdir -p "$project/content"
  cp -R "$CORPUS"/. "$project/content/"
  printf '[pdf]\ntagged = %s\n' "$setting" >"$project/folio.toml"
done

# Wall time of one forced PDF build of a project, in seconds.
build() {
  local start end
  start=$(date +%s.%N)
  "$FOLIO" build --quiet --format pdf --force --jobs 1 -o "$1/dist" >/dev/null 2>&1 \
    || { (cd "$1" && "$FOLIO" build --format pdf --force --jobs 1 -o "$1/dist") >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

run_in() {
  (cd "$1" && build "$1")
}

run_in "$WORK/true" >/dev/null
run_in "$WORK/false" >/dev/null
: >"$WORK/times.true"
: >"$WORK/times.false"
for _ in $(seq "$RUNS"); do
  run_in "$WORK/true" >>"$WORK/times.true"
  run_in "$WORK/false" >>"$WORK/times.false"
done

tagged_time=$(median <"$WORK/times.true")
untagged_time=$(median <"$WORK/times.false")
pdf_bytes() {
  find "$1/dist/pdf" -name '*.pdf' -printf '%s\n' | awk '{ s += $1 } END { print s }'
}
tagged_bytes=$(pdf_bytes "$WORK/true")
untagged_bytes=$(pdf_bytes "$WORK/false")
count=$(find "$WORK/true/dist/pdf" -name '*.pdf' | wc -l)

awk -v tt="$tagged_time" -v ut="$untagged_time" -v tb="$tagged_bytes" -v ub="$untagged_bytes" \
    -v n="$count" -v runs="$RUNS" -v corpus="$CORPUS" 'BEGIN {
  printf "%d handouts from %s, median of %d forced builds (--jobs 1)\n", n, corpus, runs
  printf "  time   tagged %.3f s   untagged %.3f s   ratio %.3f  %s\n", tt, ut, tt / ut, (tt / ut <= 1.15 ? "PASS" : "FAIL")
  printf "  bytes  tagged %d   untagged %d   ratio %.3f  %s\n", tb, ub, tb / ub, (tb / ub <= 1.15 ? "PASS" : "FAIL")
}'

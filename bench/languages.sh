#!/usr/bin/env bash
# bench/languages.sh: whole-process times of one handout each, paired A/B, one run of this
# script for every figure (machines are noisy: ratios measured together are compared).
#
#   english   the English sample article (content/chronic-pain-and-kratom.md) to PDF with
#             $FOLIO (this build) against $BEFORE (an older folio binary, if given):
#             goal, at most 5 % slower
#   chinese   the pain diary in Simplified Chinese against the English one, both with $FOLIO
#             (each process maps the CJK collection): goal, at most 2×
#
# Each command runs RUNS times (default 21) after one untimed warm-up, A and B alternating;
# the median wall time of each and the median of the pair-by-pair ratios are printed.
# Usage: BEFORE=/path/to/old/folio bench/languages.sh
# Needs: GNU date, awk; fonts-noto-cjk for the Chinese handout.
set -euo pipefail
export LC_NUMERIC=C
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
FOLIO=${FOLIO:-$REPO/target/release/folio}
RUNS=${RUNS:-21}
[ -x "$FOLIO" ] || (cd "$REPO" && cargo build --release --quiet)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

seconds() { date +%s.%N; }

# pair NAME "A command" "B command": RUNS alternating runs of each.
pair() {
  local name=$1 a=$2 b=$3
  eval "$a" >/dev/null 2>&1; eval "$b" >/dev/null 2>&1
  : >"$WORK/times"
  for _ in $(seq "$RUNS"); do
    local t0 t1 t2
    t0=$(seconds); eval "$a" >/dev/null 2>&1; t1=$(seconds); eval "$b" >/dev/null 2>&1; t2=$(seconds)
    echo "$t0 $t1 $t2" >>"$WORK/times"
  done
  awk -v name="$name" '
    { a[NR] = ($2 - $1) * 1000; b[NR] = ($3 - $2) * 1000; r[NR] = a[NR] / b[NR] }
    function median(v, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return v[int((n + 1) / 2)]
    }
    END { printf "%-8s A %7.1f ms   B %7.1f ms   A/B %.3f (median of %d pairs)\n", name, median(a, NR), median(b, NR), median(r, NR), NR }
  ' "$WORK/times"
}

cd "$REPO"
if [ -n "${BEFORE:-}" ]; then
  pair english \
    "$FOLIO convert content/chronic-pain-and-kratom.md --to pdf -o $WORK/a.pdf" \
    "$BEFORE convert content/chronic-pain-and-kratom.md --to pdf -o $WORK/b.pdf"
else
  echo "english  skipped: set BEFORE to an older folio binary"
fi
pair chinese \
  "$FOLIO convert content/pain-diary.zh-Hans.md --to pdf -o $WORK/zh.pdf" \
  "$FOLIO convert content/pain-diary.md --to pdf -o $WORK/en.pdf"

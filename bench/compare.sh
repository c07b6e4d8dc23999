#!/usr/bin/env bash
# bench/compare.sh: folio against pandoc on the Rust book (33 Markdown chapters, about 1.3 MB).
#
# What is compared, and why
#   folio's job is to turn a folder of Markdown into standalone HTML and plain text for each
#   chapter, an EPUB of the whole collection, and PDF handouts. pandoc is the usual tool
#   for the same job, so folio's speed goals are set against it. This script has pandoc
#   do the same work the normal way: one pandoc process per chapter and format, plus one
#   pandoc run for the book EPUB. pandoc reads its default input format, `markdown`
#   (pandoc's extended Markdown). Set PANDOC_FROM=gfm to try another one.
#
#   Measurements. Each one is run RUNS times and the median wall time is reported. The
#   pandoc and folio runs alternate, so machine noise hits both sides alike. Every
#   measurement is run once untimed first, as a warm-up.
#     pandoc seq   pandoc: HTML (-s -t html5) and TXT (-t plain) for each chapter, plus one
#                  EPUB of all chapters in file-name order, one process at a time (xargs -P 1)
#     pandoc -P2   the same jobs through xargs -P 2 (both cores); the book EPUB, the longest
#                  job, starts first
#     folio core   folio build --format html,txt,epub --force          (default jobs)
#     folio all    folio build --format html,txt,epub,pdf --force      (default jobs; peak RSS)
#     folio j1/j2  folio build --format html,txt,epub,pdf --force --jobs 1 / --jobs 2
#     folio pdf    folio build --format pdf --jobs 1 --force, all chapters (2 PDFs per chapter)
#     PDF subset   on the first PDF_CHAPTERS chapters (file-name order), one core on each side:
#                  pandoc -s -t html5 --pdf-engine=weasyprint, one process per chapter,
#                  against folio build --format pdf --jobs 1 --force on those chapters
#   Every timed folio run passes --force, so the incremental cache cannot skip any work.
#
# Usage:  bench/compare.sh [CORPUS_DIR]      (default: REPO/../shared/corpus/rust-book/nostarch)
# Environment: RUNS (3), PDF_CHAPTERS (5; 0 skips the weasyprint part), FOLIO (the folio
#   binary; default REPO/target/release/folio, built with cargo if missing), PANDOC (pandoc),
#   PANDOC_FROM (markdown), KEEP=1 keeps the work folder.
# Needs: pandoc, GNU xargs and date, awk. Optional: weasyprint (for the PDF comparison) and GNU
#   time (/usr/bin/time, for peak RSS; without it python3 measures one untimed run).
# The goal lines at the end (PASS/FAIL) are for information. The script exits 0 unless
# something failed to run.

set -euo pipefail
export LC_NUMERIC=C

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -- "$SCRIPT_DIR/.." && pwd)
DEFAULT_FOLIO=$REPO/target/release/folio
FOLIO=${FOLIO:-$DEFAULT_FOLIO}
PANDOC=${PANDOC:-pandoc}
PANDOC_FROM=${PANDOC_FROM:-markdown}
RUNS=${RUNS:-3}
PDF_CHAPTERS=${PDF_CHAPTERS:-5}
KEEP=${KEEP:-0}
CORPUS=${1:-$REPO/../shared/corpus/rust-book/nostarch}
BOOK_TITLE="The Rust Programming Language"

say() { printf '%s\n' "$*" >&2; }
die() { say "compare.sh: $*"; exit 1; }
WARNINGS=()
warn() { say "WARNING: $*"; WARNINGS+=("$*"); }

# ---------------------------------------------------------------- checks and setup
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ $PDF_CHAPTERS =~ ^[0-9]+$ ]] || die "PDF_CHAPTERS must be a number (got '$PDF_CHAPTERS')"
[[ $PANDOC_FROM =~ ^[A-Za-z0-9_+-]+$ ]] || die "PANDOC_FROM must be a pandoc format name (got '$PANDOC_FROM')"
[[ -d $CORPUS ]] || die "corpus folder not found: $CORPUS"
CORPUS=$(cd -- "$CORPUS" && pwd)
command -v "$PANDOC" >/dev/null || die "pandoc not found (apt-get install -y pandoc)"
PANDOC=$(command -v "$PANDOC")
[[ $(date +%N) =~ ^[0-9]+$ ]] || die "date +%N is not supported (GNU date needed)"

if [[ ! -x $FOLIO ]]; then
  if [[ $FOLIO == "$DEFAULT_FOLIO" ]]; then
    say "folio binary missing: running cargo build --release in $REPO"
    (cd -- "$REPO" && cargo build --release)
  fi
  [[ -x $FOLIO ]] || die "folio binary not found or not executable: $FOLIO"
fi
FOLIO=$(cd -- "$(dirname -- "$FOLIO")" && pwd)/$(basename -- "$FOLIO")
folio_help=$("$FOLIO" build --help 2>&1) || die "'$FOLIO build --help' failed"
for flag in --jobs --force --quiet --format; do
  grep -q -- "$flag" <<<"$folio_help" ||
    die "$FOLIO does not know 'build $flag'; rebuild it (cargo build --release)"
done

TIME_BIN=
if [[ -x /usr/bin/time ]] && /usr/bin/time --version 2>&1 | grep -q GNU; then
  TIME_BIN=/usr/bin/time
fi
HAVE_WEASY=0
if command -v weasyprint >/dev/null; then HAVE_WEASY=1; fi

# The chapters, in file-name (byte) order: pandoc's book EPUB takes them in this order and
# folio's book uses file-name order too.
CHAPTERS=()
while IFS= read -r name; do
  [[ $name =~ ^[A-Za-z0-9._-]+\.md$ ]] ||
    die "chapter file name with unexpected characters: '$name' (the job lists need plain names)"
  CHAPTERS+=("$name")
done < <(cd -- "$CORPUS" && find . -maxdepth 1 -type f -name '*.md' -printf '%f\n' | LC_ALL=C sort)
N=${#CHAPTERS[@]}
(( N > 0 )) || die "no *.md files in $CORPUS"
(( PDF_CHAPTERS <= N )) || PDF_CHAPTERS=$N

WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX")
cleanup() {
  if [[ $KEEP == 1 ]]; then say "work folder kept: $WORK"; else rm -rf -- "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd -- "$WORK"
mkdir -p project/content pdfsub/content pandoc/html pandoc/txt pandoc/pdf logs

folio_toml="[book]
title = \"$BOOK_TITLE\"
"
for name in "${CHAPTERS[@]}"; do cp -- "$CORPUS/$name" project/content/; done
printf '%s' "$folio_toml" >project/folio.toml
for name in "${CHAPTERS[@]:0:PDF_CHAPTERS}"; do cp -- "$CORPUS/$name" pdfsub/content/; done
printf '%s' "$folio_toml" >pdfsub/folio.toml

# pandoc job lists: one pandoc command line per line, run by xargs -L 1 from $WORK. The
# names were checked above, so only the title needs quoting (xargs honours single quotes).
{
  # (No trailing blank: xargs -L would join the next line to this one.)
  printf '%s ' -f "$PANDOC_FROM" -o pandoc/book.epub "'--metadata=title=$BOOK_TITLE'"
  printf '%s\n' "${CHAPTERS[*]/#/project/content/}"
  for name in "${CHAPTERS[@]}"; do
    stem=${name%.md}
    printf -- '-f %s -s -t html5 --metadata=pagetitle=%s -o pandoc/html/%s.html project/content/%s\n' \
      "$PANDOC_FROM" "$stem" "$stem" "$name"
    printf -- '-f %s -t plain -o pandoc/txt/%s.txt project/content/%s\n' "$PANDOC_FROM" "$stem" "$name"
  done
} >pandoc-core.jobs
for name in "${CHAPTERS[@]:0:PDF_CHAPTERS}"; do
  stem=${name%.md}
  printf -- '-f %s -s -t html5 --metadata=pagetitle=%s --pdf-engine=weasyprint -o pandoc/pdf/%s.pdf project/content/%s\n' \
    "$PANDOC_FROM" "$stem" "$stem" "$name"
done >pandoc-pdf.jobs

# ---------------------------------------------------------------- running and timing
declare -A TIMES=() # label -> wall seconds of each run, space-separated
RSS_KB=()           # peak RSS of each timed "folio all" run

now() { date +%s.%N; }
count() { find "$@" 2>/dev/null | wc -l || true; } # count FIND-ARGS: matches; a missing folder is 0

# timed RECORD LABEL CMD...: run CMD (output to logs/LABEL.log) and, if RECORD is 1, keep its
# wall time. A failure stops the script, showing the end of the log.
timed() {
  local record=$1 label=$2 t0 t1 rc=0 dt
  shift 2
  t0=$(now)
  "$@" >"logs/$label.log" 2>&1 || rc=$?
  t1=$(now)
  if (( rc != 0 )); then
    say "FAILED ($label, exit $rc): $*"
    tail -n 20 "logs/$label.log" >&2
    exit 1
  fi
  dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  if [[ $record == 1 ]]; then TIMES[$label]+="$dt "; fi
  printf '  %-14s %8.3f s%s\n' "$label" "$dt" "$([[ $record == 1 ]] || echo ' (warm-up)')" >&2
}

pandoc_jobs() { xargs -P "$1" -L 1 "$PANDOC" <"$2"; }
folio() { "$FOLIO" build "$@" --force --quiet; }
folio_all_rss() {
  if [[ -n $TIME_BIN ]]; then
    "$TIME_BIN" -f %M -o logs/rss.txt "$FOLIO" build project --format html,txt,epub,pdf --force --quiet
  else
    "$FOLIO" build project --format html,txt,epub,pdf --force --quiet
  fi
}

# One untimed run of everything: the warm-up, and a check that every output is there.
warm_up() {
  say "warm-up (untimed)"
  timed 0 pandoc-seq pandoc_jobs 1 pandoc-core.jobs
  timed 0 folio-core folio project --format html,txt,epub
  timed 0 pandoc-P2 pandoc_jobs 2 pandoc-core.jobs
  timed 0 folio-all folio project --format html,txt,epub,pdf
  # File times come from a coarse clock: leave a gap on both sides of the marker.
  sleep 0.05
  touch logs/marker
  sleep 0.05
  timed 0 folio-j1 folio project --format html,txt,epub,pdf --jobs 1
  timed 0 folio-j2 folio project --format html,txt,epub,pdf --jobs 2
  timed 0 folio-pdf folio project --format pdf --jobs 1
  if (( HAVE_WEASY && PDF_CHAPTERS > 0 )); then
    timed 0 folio-pdf-sub folio pdfsub --format pdf --jobs 1
    timed 0 weasy-sub pandoc_jobs 1 pandoc-pdf.jobs
  fi

  local n kind want
  for kind in html txt; do
    n=$(count pandoc/$kind -name "*.$kind")
    (( n == N )) || warn "pandoc wrote $n of $N $kind files"
  done
  [[ -s pandoc/book.epub ]] || warn "pandoc wrote no book EPUB"
  for kind in html txt epub; do
    n=$(count project/dist/$kind -name "*.$kind")
    (( n == N )) || warn "folio wrote $n of $N $kind files in dist/$kind"
  done
  n=$(count project/dist -maxdepth 1 -name '*.epub')
  (( n >= 1 )) || warn "folio wrote no book EPUB in dist/"
  PDFS=$(count project/dist/pdf -name '*.pdf')
  want=$(( 2 * N ))
  (( PDFS == want )) || warn "folio wrote $PDFS PDFs for $N chapters (expected $want)"
  # --force must rewrite every document and the book: none may be older than the marker made
  # before j1. (Bookkeeping such as the cache, the manifest and index.html is not checked.)
  n=$(count project/dist/html project/dist/txt project/dist/epub project/dist/pdf project/dist \
    -maxdepth 1 -type f \( -path 'project/dist/*/*' -o -name '*.epub' \) ! -newer logs/marker)
  (( n == 0 )) || warn "$n output files in dist/ were not rewritten by a --force build"
  if (( HAVE_WEASY && PDF_CHAPTERS > 0 )); then
    n=$(count pandoc/pdf -name '*.pdf')
    (( n == PDF_CHAPTERS )) || warn "pandoc+weasyprint wrote $n of $PDF_CHAPTERS PDFs"
  fi

  warn_pandoc=$(grep -c . logs/pandoc-seq.log || true)
  warn_folio=$(grep -c . logs/folio-all.log || true)
  warn_weasy=0
  if [[ -f logs/weasy-sub.log ]]; then warn_weasy=$(grep -c . logs/weasy-sub.log || true); fi
  if [[ -z $TIME_BIN ]] && command -v python3 >/dev/null; then
    # No GNU time: one extra, untimed run whose peak RSS python3 reads from getrusage.
    python3 - "$FOLIO" <<'PY' >logs/rss.txt
import resource, subprocess, sys
r = subprocess.run([sys.argv[1], "build", "project", "--format", "html,txt,epub,pdf",
                    "--force", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if r.returncode != 0:
    sys.exit(r.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
    RSS_KB+=("$(tail -n 1 logs/rss.txt)")
  fi
}

round() {
  say "round $1/$RUNS"
  timed 1 pandoc-seq pandoc_jobs 1 pandoc-core.jobs
  timed 1 folio-core folio project --format html,txt,epub
  timed 1 pandoc-P2 pandoc_jobs 2 pandoc-core.jobs
  timed 1 folio-all folio_all_rss
  if [[ -n $TIME_BIN ]]; then RSS_KB+=("$(tail -n 1 logs/rss.txt)"); fi
  timed 1 folio-j1 folio project --format html,txt,epub,pdf --jobs 1
  timed 1 folio-j2 folio project --format html,txt,epub,pdf --jobs 2
  timed 1 folio-pdf folio project --format pdf --jobs 1
  if (( HAVE_WEASY && PDF_CHAPTERS > 0 )); then
    timed 1 weasy-sub pandoc_jobs 1 pandoc-pdf.jobs
    timed 1 folio-pdf-sub folio pdfsub --format pdf --jobs 1
  fi
}

# ---------------------------------------------------------------- the run
corpus_kb=$(cat -- "${CHAPTERS[@]/#/project/content/}" | wc -c | awk '{ printf "%.0f", $1 / 1024 }')
say "folio:   $FOLIO ($("$FOLIO" --version 2>&1 | sed -n 1p))"
say "pandoc:  $PANDOC ($("$PANDOC" --version | sed -n 1p)), input format '$PANDOC_FROM'"
if (( HAVE_WEASY )); then
  say "weasyprint: $(weasyprint --version 2>&1 | sed -n 1p)"
else
  say "NOTE: weasyprint is not installed, so the PDF comparison with pandoc is skipped" \
    "(apt-get install -y weasyprint)"
fi
[[ -n $TIME_BIN ]] || say "NOTE: GNU time (/usr/bin/time) is missing; peak RSS comes from one" \
  "untimed python3 run (apt-get install -y time)"
say "corpus:  $CORPUS ($N chapters, $corpus_kb KiB); $(nproc) cores; RUNS=$RUNS"
warm_up
for ((i = 1; i <= RUNS; i++)); do round "$i"; done

# ---------------------------------------------------------------- the report
# stats LABEL: "median min max n" of LABEL's runs.
stats() {
  tr ' ' '\n' <<<"${TIMES[$1]:-}" | sed '/^$/d' | LC_ALL=C sort -g |
    awk '{ a[NR] = $1 }
      END {
        if (NR == 0) { print "nan nan nan 0"; exit }
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "%.4f %.4f %.4f %d\n", m, a[1], a[NR], NR
      }'
}
median() { stats "$1" | awk '{ print $1 }'; }
div() { # div A B [DECIMALS]
  awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b > 0) printf ("%." d "f"), a / b; else print "nan" }'
}
goal() { # goal NAME VALUE OP LIMIT
  if awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN {
      if (v == "nan") exit 1
      exit !((op == ">=" && v + 0 >= l + 0) || (op == "<" && v + 0 < l + 0)) }'; then
    printf '  PASS  %-48s %s (goal %s %s)\n' "$1" "$2" "$3" "$4"
  else
    printf '  FAIL  %-48s %s (goal %s %s)\n' "$1" "$2" "$3" "$4"
  fi
}

row() { # row LABEL DESCRIPTION
  local m lo hi n
  read -r m lo hi n < <(stats "$1")
  printf '  %-58s %9.3f %9.3f %9.3f %5d\n' "$2" "$m" "$lo" "$hi" "$n"
}

p_seq=$(median pandoc-seq)
p_par=$(median pandoc-P2)
f_core=$(median folio-core)
f_all=$(median folio-all)
f_j1=$(median folio-j1)
f_j2=$(median folio-j2)
f_pdf=$(median folio-pdf)
ratio_seq=$(div "$p_seq" "$f_all")
ratio_par=$(div "$p_par" "$f_all")
speedup=$(div "$f_j1" "$f_j2")
rss_mb=nan
if (( ${#RSS_KB[@]} > 0 )); then
  rss_mb=$(printf '%s\n' "${RSS_KB[@]}" | awk '$1 > m { m = $1 } END { printf "%.1f", m / 1024 }')
fi
pdfs_per_ch=$(div "$PDFS" "$N")

echo
echo "folio vs pandoc, $N chapters ($corpus_kb KiB) of $CORPUS, $(nproc) cores, $RUNS timed runs each"
echo "pandoc input format: $PANDOC_FROM"
echo
printf '  %-58s %9s %9s %9s %5s\n' "measurement (wall time, seconds)" median min max runs
row pandoc-seq "pandoc HTML+TXT per chapter + book EPUB, sequential"
row pandoc-P2 "pandoc, the same jobs with xargs -P 2"
row folio-core "folio --format html,txt,epub (default jobs)"
row folio-all "folio --format html,txt,epub,pdf (default jobs)"
row folio-j1 "folio --format html,txt,epub,pdf --jobs 1"
row folio-j2 "folio --format html,txt,epub,pdf --jobs 2"
row folio-pdf "folio --format pdf --jobs 1 ($N chapters, $PDFS PDFs)"
if (( HAVE_WEASY && PDF_CHAPTERS > 0 )); then
  row weasy-sub "pandoc + weasyprint, first $PDF_CHAPTERS chapters, sequential"
  row folio-pdf-sub "folio --format pdf --jobs 1, the same $PDF_CHAPTERS chapters"
fi
echo
echo "Ratios (of medians)"
printf '  %-58s %9sx\n' "pandoc seq (HTML+TXT+EPUB) / folio all four formats" "$ratio_seq"
printf '  %-58s %9sx\n' "pandoc -P2 (HTML+TXT+EPUB) / folio all four formats" "$ratio_par"
printf '  %-58s %9sx\n' "pandoc seq / folio html,txt,epub (same formats)" "$(div "$p_seq" "$f_core")"
printf '  %-58s %9sx\n' "pandoc -P2 / folio html,txt,epub (same formats)" "$(div "$p_par" "$f_core")"
printf '  %-58s %9sx\n' "folio speed-up, --jobs 1 / --jobs 2" "$speedup"
printf '  %-58s %9s MiB\n' "folio all four formats, peak RSS (max of runs)" "$rss_mb"
echo
echo "PDF"
printf '  %-58s %9.4f s\n' "folio, per chapter (--jobs 1, all $N chapters)" "$(div "$f_pdf" "$N" 4)"
printf '  %-58s %9.4f s\n' "folio, per PDF ($pdfs_per_ch PDFs per chapter)" "$(div "$f_pdf" "$PDFS" 4)"
if (( HAVE_WEASY && PDF_CHAPTERS > 0 )); then
  w_sub=$(median weasy-sub)
  f_sub=$(median folio-pdf-sub)
  printf '  %-58s %9.4f s\n' "pandoc + weasyprint, per chapter (first $PDF_CHAPTERS)" \
    "$(div "$w_sub" "$PDF_CHAPTERS" 4)"
  printf '  %-58s %9.4f s\n' "folio, per chapter (the same $PDF_CHAPTERS, $pdfs_per_ch PDFs each)" \
    "$(div "$f_sub" "$PDF_CHAPTERS" 4)"
  printf '  %-58s %9sx\n' "ratio per chapter, weasyprint / folio (same chapters)" "$(div "$w_sub" "$f_sub")"
  printf '  %-58s %9sx\n' "ratio per PDF, weasyprint / folio" \
    "$(awk -v r="$(div "$w_sub" "$f_sub")" -v k="$pdfs_per_ch" 'BEGIN { printf "%.2f", r * k }')"
else
  echo "  pandoc + weasyprint: skipped (weasyprint not installed, or PDF_CHAPTERS=0)"
fi
echo
echo "Goals (for information)"
# The goal compares with pandoc run the usual way, one process at a time; pandoc on both
# cores is in the ratios above, for context.
goal "pandoc seq / folio all four formats" "$ratio_seq" ">=" 20
goal "folio --jobs 1 / --jobs 2 speed-up" "$speedup" ">=" 1.7
goal "folio all four formats, peak RSS (MiB)" "$rss_mb" "<" 200
echo
warn_line="Warnings printed in one pass (not failures): pandoc $warn_pandoc lines, folio $warn_folio lines"
if (( HAVE_WEASY && PDF_CHAPTERS > 0 )); then
  warn_line+=", pandoc+weasyprint $warn_weasy lines"
fi
echo "$warn_line"
if (( ${#WARNINGS[@]} > 0 )); then
  echo
  echo "WARNING: the outputs were not what they should be, so the figures above may be wrong:"
  printf '  %s\n' "${WARNINGS[@]}"
fi

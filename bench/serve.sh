#!/usr/bin/env bash
# bench/serve.sh: the writer's daily loop, timed on the real binary.
#
#   serve    a 30-document project under `folio serve`: one document is edited, and the time
#            from the write to the `reload` event reaching an open page (the server-sent event
#            stream, read as a browser reads it) is measured, RUNS times. Goal: at most 0.5 s.
#   build    a project of 1,000 short handouts, built once, then `folio build` with nothing
#            changed, RUNS times. Goal: at most 0.5 s.
#
# Medians and the slowest run are printed; the figures of one run of this script are measured
# together, on one machine (machines are noisy: compare runs of the same script only).
# Usage: bench/serve.sh     Environment: FOLIO (default target/release/folio), RUNS (11),
#   DOCS (30), MANY (1000). Needs: python3, GNU date, awk.
set -euo pipefail
export LC_NUMERIC=C
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
FOLIO=${FOLIO:-$REPO/target/release/folio}
RUNS=${RUNS:-11}
DOCS=${DOCS:-30}
MANY=${MANY:-1000}
[ -x "$FOLIO" ] || (cd "$REPO" && cargo build --release --quiet)
WORK=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# ----- serve: edit → reload event
mkdir -p "$WORK/serve/content/images"
cp "$REPO/folio.toml" "$WORK/serve/"
sed -i '/^\[book\]/,$d' "$WORK/serve/folio.toml"
cp "$REPO/content/images/"* "$WORK/serve/content/images/"
for i in $(seq -w 1 "$DOCS"); do
  sed "s/^title: .*/title: Pain diary $i/" "$REPO/content/pain-diary.md" >"$WORK/serve/content/diary-$i.md"
done
"$FOLIO" serve "$WORK/serve" --port 0 >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 600); do grep -q '^serving http' "$WORK/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[0-9.:]*' "$WORK/serve.log" | head -1)
[ -n "$URL" ] || { cat "$WORK/serve.log"; exit 1; }
python3 - "$URL" "$WORK/serve/content/diary-01.md" "$RUNS" <<'PY'
import socket, sys, time, statistics, urllib.parse
url, doc, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
host = urllib.parse.urlparse(url)
s = socket.create_connection((host.hostname, host.port))
s.sendall(b"GET /__folio/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
s.settimeout(10)
buf = b""
def wait_for(event):
    global buf
    while True:
        i = buf.find(b"\n\n")
        if i >= 0:
            block, buf = buf[:i], buf[i + 2:]
            if b"event: " + event in block:
                return
            continue
        chunk = s.recv(65536)
        if not chunk:
            raise SystemExit("the event stream closed")
        buf += chunk
wait_for(b"status")
original = open(doc, encoding="utf-8").read()
times = []
for n in range(runs + 1):
    time.sleep(0.3)
    t0 = time.monotonic()
    with open(doc, "w", encoding="utf-8") as f:
        f.write(original + f"\nOne more line, edit {n}.\n")
    wait_for(b"reload")
    if n:  # the first is a warm-up
        times.append(time.monotonic() - t0)
open(doc, "w", encoding="utf-8").write(original)
median, worst = statistics.median(times), max(times)
print(f"serve: one document edited → reload event: median {median*1000:.0f} ms, "
      f"slowest {worst*1000:.0f} ms over {runs} edits "
      f"({'PASS' if median <= 0.5 else 'FAIL'}: goal ≤ 500 ms)")
PY
kill -INT "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=

# ----- build: nothing changed, 1,000 handouts
mkdir -p "$WORK/many/content"
cp "$REPO/folio.toml" "$WORK/many/"
sed -i '/^\[book\]/,$d' "$WORK/many/folio.toml"
for i in $(seq -w 1 "$MANY"); do
  printf -- '---\ntitle: Handout %s\nlanguage: en\nreviewed_by: Dr. A. Rivera\nreview_date: 2026-09-15\n---\n\nDrink water each day. Rest when you are tired. Call us if the pain gets worse.\n' "$i" >"$WORK/many/content/handout-$i.md"
done
start=$(date +%s.%N)
"$FOLIO" build "$WORK/many" --quiet >"$WORK/first.log" 2>&1 || { cat "$WORK/first.log"; exit 1; }
made=$(find "$WORK/many/dist" -type f | wc -l)
first=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
: >"$WORK/times"
for _ in $(seq "$RUNS"); do
  t0=$(date +%s.%N); "$FOLIO" build "$WORK/many" --quiet >/dev/null 2>&1 || true; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) * 1000 }' >>"$WORK/times"
done
sort -n "$WORK/times" | awk -v n="$MANY" -v first="$first" -v made="$made" '
  { t[NR] = $1 }
  END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "build: %d handouts unchanged: median %.0f ms, slowest %.0f ms over %d builds (first build %.1f s, %d files) (%s: goal ≤ 500 ms)\n",
      n, m, t[NR], NR, first, made, (m <= 500 ? "PASS" : "FAIL")
  }'

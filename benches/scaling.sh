#!/usr/bin/env bash
# Whole-process timing of `quotelint check` on the generated draft shapes
# (issue 10's table): seconds and peak resident memory per shape and size,
# and time per MB at the largest size over that at the smallest.
#
#   cargo build --release && cargo run --release --example shapes -- /tmp/shapes 1 2 4 8
#   benches/scaling.sh /tmp/shapes [FORMAT] [TIMEOUT_SECONDS] [REPEATS]
#
# Each cell is the best of REPEATS runs (default 3): CPU seconds (user +
# system), which a machine shared with other work inflates far less than
# wall-clock time, then the wall-clock seconds of that run. The ratio is of
# CPU seconds. One core (taskset -c 0) when taskset exists and
# QUOTELINT_PIN is not 0. Needs python3: it reads the child's CPU time from
# getrusage, to the microsecond, because GNU time prints it in steps of
# 10 ms, a quarter of a small shape's 1 MB cell.
set -euo pipefail
dir=${1:?usage: scaling.sh SHAPES_DIR [FORMAT] [TIMEOUT] [REPEATS]}
format=${2:-concise}
limit=${3:-120}
repeats=${4:-3}
bin=${QUOTELINT:-$(dirname "$0")/../target/release/quotelint}
pin=()
[ "${QUOTELINT_PIN:-1}" != 0 ] && command -v taskset >/dev/null && pin=(taskset -c 0)

once() { # prints "cpu wall peak_kb" or "timeout"
  python3 - "$limit" "${pin[@]}" "$bin" check --exit-zero --time-limit "$limit" --format "$format" "$@" <<'PY'
import resource, subprocess, sys, threading, time
limit, argv = float(sys.argv[1]), sys.argv[2:]
# Python's own start-up may have run children: count only this one.
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.monotonic()
child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
# A timer kills it at the limit: a wait with a timeout polls, every 50 ms
# at worst, which would add up to that to the wall time.
timer = threading.Timer(limit, child.kill)
timer.start()
code = child.wait()
wall = time.monotonic() - start
timer.cancel()
if code != 0:
    print("timeout")
    sys.exit()
use = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = use.ru_utime + use.ru_stime - before.ru_utime - before.ru_stime
print(f"{cpu:.3f} {wall:.3f} {use.ru_maxrss}")
PY
}
run() { # the best of $repeats runs, by CPU time
  local best="" r
  for _ in $(seq "$repeats"); do
    r=$(once "$@")
    [ "$r" = timeout ] && { echo timeout; return; }
    if [ -z "$best" ] || awk -v a="${r%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$r; fi
  done
  echo "$best"
}

echo "| shape ($format) | 1 MB | 2 MB | 4 MB | 8 MB | per MB 8/1 | peak RSS 8 MB |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for f in "$dir"/*-1mb.md; do
  shape=$(basename "$f" -1mb.md)
  row="| $shape"; first=""; last=""; rss=""
  for mb in 1 2 4 8; do
    file="$dir/$shape-${mb}mb.md"
    [ -f "$file" ] || { row="$row | –"; continue; }
    r=$(run "$file")
    if [ "$r" = timeout ]; then row="$row | > ${limit} s"; break; fi
    read -r cpu wall kb <<<"$r"
    row="$row | $cpu s ($wall)"
    [ "$mb" = 1 ] && first=$cpu
    [ "$mb" = 8 ] && { last=$cpu; rss="$((kb / 1024)) MB"; }
  done
  ratio="–"
  if [ -n "$first" ] && [ -n "$last" ]; then
    ratio=$(python3 -c "print(f'{($last/8)/max($first,0.01):.2f}')")
  fi
  echo "$row | $ratio | ${rss:-–} |"
done
if [ -d "$dir/corpus" ]; then
  sep=$(run "$dir/corpus"); cat=$(run "$dir/corpus-concat.md")
  echo
  echo "corpus, 840 files: ${sep% *} (cpu s, wall s); concatenated: ${cat% *} (peak ${cat##* } KB)"
fi

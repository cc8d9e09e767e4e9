#!/usr/bin/env bash
# Benchmark of `mapdbg buckets` over JDWP on HashMaps of 10k, 100k and 1M entries, all in one target,
# beside a naive walk (io.mapdbg.bench.NaiveWalk: one field per round trip) and a bounded walk
# (--max-entries), in the same run. Prints a table and writes the figures into docs/PERFORMANCE.md.
#
#   scripts/bench/buckets.sh [--sizes 10k,100k,1m] [--skip-naive-above N] [--max-entries N]
#                            [--doc FILE | --no-doc]
#
#   --sizes                maps to measure (default 10k,100k,1m); the target fills only these
#   --skip-naive-above N   skip the naive walk on maps of more than N entries (default: never skip; the
#                          naive walk of the 1M map takes 5-15 minutes)
#   --max-entries N        bound of the bounded walk, run on every map larger than N (default 10000)
#   --doc FILE             where to write the figures (default docs/PERFORMANCE.md); --no-doc: print only
#
# The CLI and NaiveWalk run on JAVA_HOME's java (else `java`); the target on MAPDBG_TARGET_JAVA_HOME's
# java (else the same). Every time is end to end: JVM start of the client, attach, suspend, walk,
# resume, detach (date +%s.%N around the command). The target is killed by PID on every exit path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=lib.sh
. "$root/scripts/bench/lib.sh"
cls=io.mapdbg.examples.bench.BigMaps

sizes="10k,100k,1m"
skip_naive_above=""
max_entries=10000
doc="$root/docs/PERFORMANCE.md"
command_line="scripts/bench/buckets.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="${2:?--sizes needs a list, e.g. 10k,100k}"; shift 2 ;;
    --skip-naive-above) skip_naive_above="${2:?--skip-naive-above needs a number}"; shift 2 ;;
    --max-entries) max_entries="${2:?--max-entries needs a number}"; shift 2 ;;
    --doc) doc="${2:?--doc needs a file}"; shift 2 ;;
    --no-doc) doc=""; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "buckets.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$skip_naive_above" in ''|*[!0-9]*) [ -z "$skip_naive_above" ] || { echo "buckets.sh: --skip-naive-above takes a number" >&2; exit 2; } ;; esac
case "$max_entries" in ''|*[!0-9]*) echo "buckets.sh: --max-entries takes a number" >&2; exit 2 ;; esac

entries_of() {
  case "$1" in
    10k) echo 10000 ;; 100k) echo 100000 ;; 1m) echo 1000000 ;;
    *) echo "buckets.sh: unknown size $1 (use 10k, 100k, 1m)" >&2; exit 2 ;;
  esac
}
field_of() { case "$1" in 10k) echo MAP_10K ;; 100k) echo MAP_100K ;; 1m) echo MAP_1M ;; esac; }
IFS=, read -r -a size_list <<<"$sizes"
for s in "${size_list[@]}"; do entries_of "$s" >/dev/null; done

json_get() { # json_get FILE KEY: a top-level field of a one-object JSON file
  if command -v jq >/dev/null 2>&1; then jq -r ".$2" "$1"
  else python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; fi
}
now() { date +%s.%N; }
# timed OUT ERRLOG cmd...: runs cmd (stdout to OUT), sets $took to its seconds. Retries up to 3 times when
# the target is not attachable yet (a JDWP agent on port 0 takes a moment to listen again after a detach);
# only the successful attempt is timed.
timed() {
  local out="$1" err="$2" try t0 t1; shift 2
  for try in 1 2 3; do
    t0="$(now)"
    if "$@" >"$out" 2>"$work/last.err"; then t1="$(now)"; took="$(secs "$t0" "$t1")"; cat "$work/last.err" >>"$err"; return 0; fi
    cat "$work/last.err" >>"$err"
    grep -qi 'transport endpoint\|cannot attach' "$work/last.err" && [ "$try" -lt 3 ] || { cat "$work/last.err" >&2; return 1; }
    echo "  (target not attachable yet, retrying in 5 s)" >&2; sleep 5
  done
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "-" }'; }
ratio1() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }

# Build (the launcher builds the fat jar and examples/target/classes when missing or stale).
"$root/scripts/mapdbg" --help >/dev/null
jar="$(ls "$root"/debugger-cli/target/mapdbg-cli-*-all.jar | head -n 1)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
target_java="${MAPDBG_TARGET_JAVA_HOME:+$MAPDBG_TARGET_JAVA_HOME/bin/}java"
[ -n "${MAPDBG_TARGET_JAVA_HOME:-}" ] || target_java="$java_bin"
native=()
[ "$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)" -ge 22 ] \
  && native=(--enable-native-access=ALL-UNNAMED)

work="$(mktemp -d -t mapdbg-bench.XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  pid=""
}
on_exit() {
  local rc=$?
  cleanup
  if [ "$rc" -ne 0 ]; then echo "buckets.sh: failed (exit $rc); logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# Progress lines of long walks go to the terminal when there is one, to a log file otherwise.
progress="$work/progress.log"
[ -t 2 ] && progress=/dev/stderr

for s in "${size_list[@]}"; do
  if [ "$s" = 1m ] && { [ -z "$skip_naive_above" ] || [ "$skip_naive_above" -ge 1000000 ]; }; then
    echo "note: the naive walk of the 1M map makes ~6 million JDWP round trips: expect 5-15 minutes" \
         "(--skip-naive-above 100000 skips it)." >&2
  fi
done

echo "Starting $cls ${sizes} (JDWP on loopback)..." >&2
"$target_java" -Xms1g -Xmx2g -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0 \
  -cp "$root/examples/target/classes" "$cls" "$sizes" >"$work/target.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  grep -q '^READY' "$work/target.log" && break
  kill -0 "$pid" 2>/dev/null || { echo "buckets.sh: the target exited:" >&2; cat "$work/target.log" >&2; exit 1; }
  sleep 0.1
done
grep -q '^READY' "$work/target.log" || { echo "buckets.sh: the target did not print READY in 120 s" >&2; exit 1; }
echo "target running as PID $pid" >&2

rows=()
for s in "${size_list[@]}"; do
  n="$(entries_of "$s")"; ref="$cls.$(field_of "$s")"

  echo "[$s] mapdbg buckets $pid $ref --json" >&2
  timed "$work/$s.json" "$progress" "$root/scripts/mapdbg" buckets "$pid" "$ref" --json
  m_secs="$took"
  entries="$(json_get "$work/$s.json" entries)"; capacity="$(json_get "$work/$s.json" capacity)"
  non_empty="$(json_get "$work/$s.json" nonEmptyBins)"
  [ "$entries" = "$n" ] || { echo "buckets.sh: mapdbg walked $entries entries of $ref, expected $n" >&2; exit 1; }
  echo "[$s]   ${m_secs} s, entries $entries, capacity $capacity, non-empty bins $non_empty" >&2

  n_secs="-"; n_walk="-"
  if [ -z "$skip_naive_above" ] || [ "$n" -le "$skip_naive_above" ]; then
    echo "[$s] NaiveWalk $pid $ref" >&2
    timed "$work/$s.naive" /dev/stderr "$java_bin" "${native[@]}" -cp "$jar" io.mapdbg.bench.NaiveWalk "$pid" "$ref"
    n_secs="$took"
    n_entries="$(sed -n 's/.*entries=\([0-9]*\).*/\1/p' "$work/$s.naive")"
    n_non_empty="$(sed -n 's/.*nonEmptyBins=\([0-9]*\).*/\1/p' "$work/$s.naive")"
    n_walk="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$work/$s.naive")"
    [ "$n_entries" = "$n" ] || { echo "buckets.sh: NaiveWalk counted $n_entries entries of $ref, expected $n" >&2; exit 1; }
    [ "$n_non_empty" = "$non_empty" ] || { echo "buckets.sh: NaiveWalk counted $n_non_empty non-empty bins, mapdbg $non_empty" >&2; exit 1; }
    echo "[$s]   ${n_secs} s (walk alone ${n_walk} s)" >&2
  fi

  b_secs="-"
  if [ "$n" -gt "$max_entries" ]; then
    echo "[$s] mapdbg buckets $pid $ref --max-entries $max_entries --json" >&2
    timed "$work/$s.bounded.json" "$progress" "$root/scripts/mapdbg" buckets "$pid" "$ref" --max-entries "$max_entries" --json
    b_secs="$took"
    [ "$(json_get "$work/$s.bounded.json" capacity)" = "$capacity" ] && [ "$(json_get "$work/$s.bounded.json" nonEmptyBins)" = "$non_empty" ] \
      || { echo "buckets.sh: the bounded walk's capacity/nonEmptyBins differ from the full walk's" >&2; exit 1; }
    echo "[$s]   ${b_secs} s (capacity and non-empty bins exact)" >&2
  fi

  speedup="-"; [ "$n_secs" = "-" ] || speedup="$(ratio1 "$n_secs" "$m_secs")x"
  rows+=("$s|$n|$capacity|$non_empty|$m_secs|$(ratio "$n" "$m_secs")|$n_secs|$n_walk|$speedup|$b_secs")
done
cleanup

header="| map | entries | capacity | non-empty bins | mapdbg buckets (s) | entries/s | naive walk (s) | naive, walk alone (s) | speedup | bounded walk, --max-entries $max_entries (s) |"
rule="|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
table="$header"$'\n'"$rule"
for r in "${rows[@]}"; do table+=$'\n'"| ${r//|/ | } |"; done
echo
echo "$table"

[ -n "$doc" ] || exit 0
cli_jdk="$(jdk_version "$java_bin")"
target_jdk="$(jdk_version "$target_java")"
section="$work/section.md"
{
  echo "<!-- bench:buckets:begin (written by scripts/bench/buckets.sh; edits inside are overwritten) -->"
  machine_line
  echo "mapdbg and NaiveWalk on JDK $cli_jdk; target on JDK $target_jdk. Command:"
  echo
  echo "    $command_line"
  echo
  echo "$table"
  echo
  echo "Times are end to end (client JVM start, attach, suspend, walk, resume, detach), one run each."
  echo "\"naive, walk alone\" is NaiveWalk's own clock around the walk, without JVM start and attach."
  echo "\"-\": not run (naive walk skipped with --skip-naive-above, or the map is not larger than the bound)."
  echo "<!-- bench:buckets:end -->"
} >"$section"
write_block buckets "$section" "$doc" "## buckets over JDWP (scripts/bench/buckets.sh)" "$work"
echo "wrote the figures to ${doc#"$root"/}" >&2

#!/usr/bin/env bash
# Benchmark of `trace mapassign` over JDI, in one run against one target (io.mapdbg.examples.bench.PutLoad: a hot
# HashMap written flat out by hot-writer, other HashMaps written by other-writer-N): the other maps' put throughput
# not armed (baseline); with `trace mapassign --map PutLoad.HOT` armed, the trace events delivered per second to the
# CLI and the other maps' throughput meanwhile; after `clearall`, how long until the other maps are back to >= 90% of
# the baseline; the same with `--thread hot-writer`; and the throughput after detach. Prints a table and writes the
# figures into docs/PERFORMANCE.md.
#
#   scripts/bench/trace.sh [--window S] [--warmup S] [--others N] [--recover-max S] [--no-thread-row]
#                          [--doc FILE | --no-doc]
#
#   --window S       length of each measured window, seconds (default 8)
#   --warmup S       seconds the target runs before the baseline, for the JIT (default 4)
#   --others N       other writer threads, each with its own HashMap (default 1: with hot-writer, one per core on 2)
#   --recover-max S  how long to wait for the other maps to recover after clearall (default 30)
#   --no-thread-row  skip the `--thread hot-writer` row
#   --doc FILE       where to write the figures (default docs/PERFORMANCE.md); --no-doc: print only
#
# mapdbg runs as a user runs it: `scripts/mapdbg attach <pid>`, its REPL fed through a FIFO, its stdout (one line per
# trace event) in a file whose lines are counted over the window. The target prints its own puts/s every 250 ms
# (`rate t=<ms> hot=N other=M`); a window's figure is the mean of the intervals that end inside it. The CLI runs on
# JAVA_HOME's java (else `java`), the target on MAPDBG_TARGET_JAVA_HOME's (else the same). The target and the CLI
# are killed by PID on every exit path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=lib.sh
. "$root/scripts/bench/lib.sh"
# shellcheck source=putload.sh
. "$root/scripts/bench/putload.sh"
me=trace.sh
cls=io.mapdbg.examples.bench.PutLoad
hot="$cls.HOT"

window=8
warmup=4
others=1
recover_max=30
thread_row=1
doc="$root/docs/PERFORMANCE.md"
command_line="scripts/bench/trace.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --window) window="${2:?--window needs seconds}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs seconds}"; shift 2 ;;
    --others) others="${2:?--others needs a number}"; shift 2 ;;
    --recover-max) recover_max="${2:?--recover-max needs seconds}"; shift 2 ;;
    --no-thread-row) thread_row=0; shift ;;
    --doc) doc="${2:?--doc needs a file}"; shift 2 ;;
    --no-doc) doc=""; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "trace.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$window" "$warmup" "$others" "$recover_max"; do
  case "$n" in ''|*[!0-9]*) echo "trace.sh: --window, --warmup, --others and --recover-max take whole numbers" >&2; exit 2 ;; esac
done
[ "$window" -ge 1 ] && [ "$others" -ge 1 ] || { echo "trace.sh: --window and --others must be 1 or more" >&2; exit 2; }

# Build (the launcher builds the fat jar and examples/target/classes when missing or stale).
"$root/scripts/mapdbg" --help >/dev/null
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
target_java="${MAPDBG_TARGET_JAVA_HOME:+$MAPDBG_TARGET_JAVA_HOME/bin/}java"
[ -n "${MAPDBG_TARGET_JAVA_HOME:-}" ] || target_java="$java_bin"

work="$(mktemp -d -t mapdbg-bench.XXXXXX)"
pid=""
cli=""
cleanup() {
  exec 3>&-
  if [ -n "$cli" ] && kill -0 "$cli" 2>/dev/null; then kill "$cli" 2>/dev/null || true; wait "$cli" 2>/dev/null || true; fi
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  cli=""; pid=""
}
on_exit() {
  local rc=$?
  cleanup
  if [ "$rc" -ne 0 ]; then echo "trace.sh: failed (exit $rc); logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

echo "Starting $cls --others $others (JDWP on loopback)..." >&2
start_putload "$others"
echo "target running as PID $pid; warming up ${warmup} s" >&2
sleep "$warmup"

t0="$(now_ms)"; sleep "$window"; t1="$(now_ms)"
base_other="$(mean_rate other "$t0" "$t1")"; base_hot="$(mean_rate hot "$t0" "$t1")"
echo "baseline: other maps $(fmt "$base_other") puts/s, hot map $(fmt "$base_hot") puts/s" >&2
rows=("not armed (baseline) | - | - | $(fmt "$base_hot") | $(fmt "$base_other") | 100% | -")

mkfifo "$work/commands"
"$root/scripts/mapdbg" attach "$pid" <"$work/commands" >"$work/repl.out" 2>"$work/repl.err" &
cli=$!
exec 3>"$work/commands"

# measure NAME FILTER...: arms `trace NAME mapassign FILTER`, counts its events over the window, clears it, waits
# for the other maps to recover; appends a row
measure() {
  local name="$1"; shift
  local what="trace mapassign $*"
  echo "[$name] $what" >&2
  send "trace $name mapassign $*"
  await_out "^\[$name #1\]" 60
  sleep 1 # past the first hits (class loading, path lookups in mapdbg)
  local c0 c1 ta tb tc back events other hotr rec dropped
  c0="$(hits_of "$name")"; ta="$(now_ms)"
  sleep "$window"
  c1="$(hits_of "$name")"; tb="$(now_ms)"
  local listed; listed="$(grep -c '"breakpoints"' "$work/repl.out" || true)"
  send "breakpoints --json"
  for _ in $(seq 1 600); do [ "$(grep -c '"breakpoints"' "$work/repl.out" || true)" -gt "$listed" ] && break; sleep 0.05; done
  dropped="$(grep '"breakpoints"' "$work/repl.out" | tail -n 1 | grep -o '"dropped":[0-9]*' | head -n 1 | cut -d: -f2)"
  tc="$(now_ms)"
  send "clearall"
  await_out "^cleared $name" 30
  events="$(awk -v n="$(( c1 - c0 ))" -v ms="$(( tb - ta ))" 'BEGIN { printf "%.0f", n * 1000 / ms }')"
  other="$(mean_rate other "$ta" "$tb")"; hotr="$(mean_rate hot "$ta" "$tb")"
  local level; level="$(awk -v b="$base_other" 'BEGIN { printf "%.0f", 0.9 * b }')"
  back=""
  for _ in $(seq 1 $(( recover_max * 10 ))); do
    back="$(recovered_at "$tc" "$level")"
    [ -n "$back" ] && break
    sleep 0.1
  done
  if [ -n "$back" ]; then rec="$(awk -v a="$tc" -v b="$back" 'BEGIN { printf "%.2f s", (b - a) / 1000 }')"; else rec="> ${recover_max} s"; fi
  echo "[$name]   events delivered $(fmt "$events")/s (dropped ${dropped:-?}); other maps $(fmt "$other") puts/s" \
       "($(share "$other" "$base_other") of baseline); hot map $(fmt "$hotr") puts/s; back to >= 90% after clearall: $rec" >&2
  rows+=("\`$what\` | $(fmt "$events") | ${dropped:--} | $(fmt "$hotr") | $(fmt "$other") | $(share "$other" "$base_other") | $rec")
  sleep 2 # let it settle before the next phase
}

measure r1 --map "$hot"
[ "$thread_row" = 1 ] && measure r2 --thread hot-writer

send "detach"
exec 3>&-
for _ in $(seq 1 200); do kill -0 "$cli" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$cli" 2>/dev/null; then echo "trace.sh: mapdbg did not exit after detach" >&2; exit 1; fi
wait "$cli" || { echo "trace.sh: mapdbg exited with an error:" >&2; cat "$work/repl.err" >&2; exit 1; }
cli=""
sleep 1
t0="$(now_ms)"; sleep "$window"; t1="$(now_ms)"
after_other="$(mean_rate other "$t0" "$t1")"; after_hot="$(mean_rate hot "$t0" "$t1")"
echo "after detach: other maps $(fmt "$after_other") puts/s ($(share "$after_other" "$base_other") of baseline)" >&2
rows+=("after detach (1 s later, for ${window} s) | - | - | $(fmt "$after_hot") | $(fmt "$after_other") | $(share "$after_other" "$base_other") | -")
cleanup

print_table "| phase | trace events delivered to the CLI (/s) | dropped | hot map puts/s | other maps puts/s | other maps vs baseline | other maps back to >= 90% after clearall |" \
  "|---|---:|---:|---:|---:|---:|---:|"

[ -n "$doc" ] || exit 0
cli_jdk="$(jdk_version "$java_bin")"
target_jdk="$(jdk_version "$target_java")"
section="$work/section.md"
{
  echo "<!-- bench:trace:begin (written by scripts/bench/trace.sh; edits inside are overwritten) -->"
  machine_line
  echo "mapdbg on JDK $cli_jdk; target on JDK $target_jdk; hot-writer and $others other writer(s). Command:"
  echo
  echo "    $command_line"
  echo
  echo "$table"
  echo
  echo "Each figure is the mean over a ${window}-second window of the target's own 250 ms counts (trace events: lines"
  echo "the CLI printed in the window). \"dropped\": events the CLI's printer queue could not hold (\`breakpoints --json\`)."
  echo "Recovery is timed from sending \`clearall\` to the end of the first 250 ms interval at >= 90% of the baseline."
  echo "<!-- bench:trace:end -->"
} >"$section"
write_block trace "$section" "$doc" "## trace over JDI (scripts/bench/trace.sh)" "$work"
echo "wrote the figures to ${doc#"$root"/}" >&2

#!/usr/bin/env bash
# Benchmark of races: what a race watch costs maps written by a single writer, in one run against one target
# (io.mapdbg.examples.bench.PutLoad: HashMap PutLoad.HOT written flat out by hot-writer, other HashMaps each
# written by its own other-writer-N; every map has one writer, so no race is expected). Puts/s of the hot map and
# of the other maps: not armed (baseline); with `races --all` through the agent (the writer marker on every
# non-thread-safe map in the JVM, on 10% of the time by default; goal >= 90% of the baseline); the same with
# --duty 100 (every write checked); with `races --map PutLoad.HOT` through the agent;
# with `races --map PutLoad.HOT` over JDWP (entry and return breakpoints, the JDWP cost); after the watches.
# Prints a table and writes the figures into docs/PERFORMANCE.md.
#
#   scripts/bench/races.sh [--window S] [--warmup S] [--others N] [--no-jdwp-row] [--doc FILE | --no-doc]
#
#   --window S     length of each measured window, seconds (default 8)
#   --warmup S     seconds the target runs before the baseline, for the JIT (default 4)
#   --others N     other writer threads, each with its own HashMap (default 1)
#   --keys K       keys per map (default 1024: the maps stay in the CPU's caches and a put takes a few ns, the
#                  worst case for any per-put cost; 1048576: each put misses the caches, as in large maps)
#   --no-jdwp-row  skip the JDWP row
#   MAPDBG_BENCH_TARGET_OPTS (environment): extra JVM flags for the target (e.g. a -XX:CompileCommand)
#   --doc FILE     where to write the figures (default docs/PERFORMANCE.md); --no-doc: print only
#
# mapdbg runs as a user runs it: `scripts/mapdbg races <pid> ... --duration D`, one-shot. A watch's window starts
# 4 s after the command (arming: the agent's load by the first --agent run, the classes' retransformation, the
# JDWP attach) and ends before the watch does. The target prints its own puts/s every 250 ms; a window's figure
# is the mean of the intervals that end inside it. The target and the CLI are killed by PID on every exit path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=lib.sh
. "$root/scripts/bench/lib.sh"
# shellcheck source=putload.sh
. "$root/scripts/bench/putload.sh"
me=races.sh
cls=io.mapdbg.examples.bench.PutLoad
hot="$cls.HOT"

window=8
warmup=4
others=1
putload_keys=""
jdwp_row=1
arm=4
doc="$root/docs/PERFORMANCE.md"
command_line="scripts/bench/races.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --window) window="${2:?--window needs seconds}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs seconds}"; shift 2 ;;
    --others) others="${2:?--others needs a number}"; shift 2 ;;
    --keys) putload_keys="${2:?--keys needs a number}"; shift 2 ;;
    --no-jdwp-row) jdwp_row=0; shift ;;
    --doc) doc="${2:?--doc needs a file}"; shift 2 ;;
    --no-doc) doc=""; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "races.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$window" "$warmup" "$others" ${putload_keys:+"$putload_keys"}; do
  case "$n" in ''|*[!0-9]*) echo "races.sh: --window, --warmup and --others take whole numbers" >&2; exit 2 ;; esac
done
[ "$window" -ge 1 ] && [ "$others" -ge 1 ] || { echo "races.sh: --window and --others must be 1 or more" >&2; exit 2; }

"$root/scripts/mapdbg" --help >/dev/null # builds the fat jar, the agent jar and the examples when missing or stale
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
target_java="${MAPDBG_TARGET_JAVA_HOME:+$MAPDBG_TARGET_JAVA_HOME/bin/}java"
[ -n "${MAPDBG_TARGET_JAVA_HOME:-}" ] || target_java="$java_bin"

work="$(mktemp -d -t mapdbg-bench.XXXXXX)"
pid=""
cli=""
cleanup() {
  if [ -n "$cli" ] && kill -0 "$cli" 2>/dev/null; then kill "$cli" 2>/dev/null || true; wait "$cli" 2>/dev/null || true; fi
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  cli=""; pid=""
}
on_exit() {
  local rc=$?
  cleanup
  if [ "$rc" -ne 0 ]; then echo "races.sh: failed (exit $rc); logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

echo "Starting $cls --others $others (JDWP on loopback, dynamic agent loading allowed)..." >&2
# shellcheck disable=SC2086 # MAPDBG_BENCH_TARGET_OPTS: extra JVM flags for the target, split on spaces
start_putload "$others" -XX:+IgnoreUnrecognizedVMOptions -XX:+EnableDynamicAgentLoading ${MAPDBG_BENCH_TARGET_OPTS:-}
echo "target running as PID $pid; warming up ${warmup} s" >&2
sleep "$warmup"

t0="$(now_ms)"; sleep "$window"; t1="$(now_ms)"
base_other="$(mean_rate other "$t0" "$t1")"; base_hot="$(mean_rate hot "$t0" "$t1")"
base_othercpu="$(mean_rate othercpu "$t0" "$t1")"; base_hotcpu="$(mean_rate hotcpu "$t0" "$t1")"
echo "baseline: other maps $(fmt "$base_other") puts/s, hot map $(fmt "$base_hot") puts/s" >&2
rows=("not armed (baseline) | $(fmt "$base_hot") | 100% | 100% | $(fmt "$base_other") | 100% | 100% | -")
# row WHAT FROM TO REPORT: a table row measured over (FROM, TO]
row() {
  local other hotr othercpu hotcpu
  other="$(mean_rate other "$2" "$3")"; hotr="$(mean_rate hot "$2" "$3")"
  othercpu="$(mean_rate othercpu "$2" "$3")"; hotcpu="$(mean_rate hotcpu "$2" "$3")"
  echo "[$1]   hot map $(fmt "$hotr") puts/s ($(share "$hotr" "$base_hot" floor); per CPU-s $(share "$hotcpu" "$base_hotcpu" floor));" \
       "other maps $(fmt "$other") puts/s ($(share "$other" "$base_other" floor); per CPU-s $(share "$othercpu" "$base_othercpu" floor)); $4" >&2
  rows+=("$1 | $(fmt "$hotr") | $(share "$hotr" "$base_hot" floor) | $(share "$hotcpu" "$base_hotcpu" floor) | $(fmt "$other") | $(share "$other" "$base_other" floor) | $(share "$othercpu" "$base_othercpu" floor) | $4")
}

# measure ARGS...: runs `mapdbg races <pid> ARGS --duration (arm + window + 1) s`, measures the window after the
# arming delay, waits for the report; appends a row with the races the report found
measure() {
  local what="races <pid> $*"
  echo "[$what]" >&2
  local d=$(( arm + window + 1 ))
  "$root/scripts/mapdbg" races "$pid" "$@" --duration "${d}s" >"$work/races.out" 2>"$work/races.err" &
  cli=$!
  sleep "$arm"
  local ta tb found
  ta="$(now_ms)"; sleep "$window"; tb="$(now_ms)"
  wait "$cli" || { echo "races.sh: mapdbg races failed:" >&2; cat "$work/races.err" >&2; exit 1; }
  cli=""
  found="$(head -n 1 "$work/races.out" | sed 's/^races over //')"
  row "\`$what\`" "$ta" "$tb" "$found"
  sleep 2 # let it settle before the next phase
}

measure --all --agent
measure --all --agent --duty 100
measure --map "$hot" --agent
[ "$jdwp_row" = 1 ] && measure --map "$hot"

t0="$(now_ms)"; sleep "$window"; t1="$(now_ms)"
row "after the watches" "$t0" "$t1" "-"
cleanup

print_table "| phase | hot map puts/s | hot vs baseline | hot per CPU-second vs baseline | other maps puts/s | other maps vs baseline | other per CPU-second vs baseline | report |" \
  "|---|---:|---:|---:|---:|---:|---:|---|"

[ -n "$doc" ] || exit 0
cli_jdk="$(jdk_version "$java_bin")"
target_jdk="$(jdk_version "$target_java")"
section="$work/section.md"
{
  echo "<!-- bench:races:begin (written by scripts/bench/races.sh; edits inside are overwritten) -->"
  machine_line
  echo "mapdbg on JDK $cli_jdk; target on JDK $target_jdk; hot-writer and $others other writer(s), each map with a"
  echo "single writer and ${putload_keys:-1024} keys. Command:"
  echo
  echo "    $command_line"
  echo
  echo "$table"
  echo
  echo "Each figure is the mean over a ${window}-second window of the target's own 250 ms counts, starting ${arm} s after"
  echo "the races command (past its arming) and ending before the watch does. Goal: with \`races --all\` through the"
  echo "agent, single-writer maps keep >= 90% of their throughput. Over JDWP the watched map is slowed by design (a few"
  echo "round trips per write; no hold here, since it has one writer)."
  echo "<!-- bench:races:end -->"
} >"$section"
write_block races "$section" "$doc" "## races (scripts/bench/races.sh)" "$work"
echo "wrote the figures to ${doc#"$root"/}" >&2

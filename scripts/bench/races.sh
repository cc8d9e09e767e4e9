#!/usr/bin/env bash
# Benchmark of races: what a race watch costs maps written by a single writer, in one run against one target
# (io.mapdbg.examples.bench.PutLoad: HashMap PutLoad.HOT written flat out by hot-writer, other HashMaps each
# written by its own other-writer-N; every map has one writer, so no race is expected). Puts/s of the hot map and
# of the other maps with `races --all` through the agent (the writer marker on every non-thread-safe map in the
# JVM, on 10% of the time by default; goal >= 90% of the throughput without it), with --duty 100 (every write
# checked), with `races --map PutLoad.HOT` through the agent and over JDWP (entry and return breakpoints).
# Prints a table and writes the figures into docs/PERFORMANCE.md.
#
#   scripts/bench/races.sh [--window S] [--warmup S] [--cycles N] [--others N] [--keys K] [--mix] [--strings]
#                          [--no-jdwp-row] [--all-only] [--doc FILE | --no-doc]
#
#   --window S     length of each measured window, seconds (default 8)
#   --warmup S     seconds the target runs before the first window, for the JIT (default 4)
#   --cycles N     how many times `races --all --agent` is measured, each against the window just before it
#                  (default 3; the row gives the medians, and each cycle's figures)
#   --others N     other writer threads, each with its own HashMap (default 1; 0: the hot writer alone, which
#                  on a 2-core machine keeps the two writers from disturbing each other's figures)
#   --keys K       keys per map (default 1024: the maps stay in the CPU's caches and a put takes a few ns, the
#                  worst case for any per-put cost; 1048576: each put misses the caches, as in large maps)
#   --mix          PutLoad --mix: a thread of the target also puts, gets and removes keys of several classes in a
#                  map of its own now and then, as the rest of a service does, so that HashMap's code is profiled
#                  with more than the benchmark loop's Integer keys after each retransformation (as it was before)
#   --strings      PutLoad --strings: string keys ("order-100000042"), each put's key equal to the map's, not the same
#                  object, as a service's keys parsed from requests are (a put then compares 15 chars)
#   --no-jdwp-row  skip the JDWP row
#   --all-only     only the `races --all --agent` row (no --duty 100, --map or JDWP row): for A/B runs
#   MAPDBG_BENCH_TARGET_OPTS (environment): extra JVM flags for the target (e.g. a -XX:CompileCommand)
#   --doc FILE     where to write the figures (default docs/PERFORMANCE.md); --no-doc: print only
#
# mapdbg runs as a user runs it: `scripts/mapdbg races <pid> ... --duration D`, one-shot. Every watch is paired
# with a window not armed just before it, and its figures are given as a share of that window's: the JIT's code
# for the put loop differs from one retransformation of the map classes to the next (and from the JVM's first
# code, before the agent: its own row), so a share of one baseline taken at the start would measure that drift
# too. A watch's window starts 4 s after the command (arming: the agent's load by the first --agent run, the
# classes' retransformation, the JDWP attach) and ends before the watch does. The target prints its own puts/s
# every 250 ms; a window's figure is the mean of the intervals that end inside it. The target and the CLI are
# killed by PID on every exit path.
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
cycles=3
others=1
putload_keys=""
putload_mix=""
putload_strings=""
jdwp_row=1
all_only=0
arm=4
doc="$root/docs/PERFORMANCE.md"
command_line="scripts/bench/races.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --window) window="${2:?--window needs seconds}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs seconds}"; shift 2 ;;
    --others) others="${2:?--others needs a number}"; shift 2 ;;
    --cycles) cycles="${2:?--cycles needs a number}"; shift 2 ;;
    --keys) putload_keys="${2:?--keys needs a number}"; shift 2 ;;
    --mix) putload_mix=1; shift ;;
    --strings) putload_strings=1; shift ;;
    --no-jdwp-row) jdwp_row=0; shift ;;
    --all-only) all_only=1; jdwp_row=0; shift ;;
    --doc) doc="${2:?--doc needs a file}"; shift 2 ;;
    --no-doc) doc=""; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "races.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$window" "$warmup" "$others" "$cycles" ${putload_keys:+"$putload_keys"}; do
  case "$n" in ''|*[!0-9]*) echo "races.sh: --window, --warmup, --others, --cycles and --keys take whole numbers" >&2; exit 2 ;; esac
done
[ "$window" -ge 1 ] && [ "$cycles" -ge 1 ] || { echo "races.sh: --window and --cycles must be 1 or more" >&2; exit 2; }

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

# window_rates FROM TO: "hot other hotcpu othercpu" means over (FROM, TO]
window_rates() {
  echo "$(mean_rate hot "$1" "$2") $(mean_rate other "$1" "$2") $(mean_rate hotcpu "$1" "$2") $(mean_rate othercpu "$1" "$2")"
}
# median: the median of the numbers on stdin ("-" when there are none)
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b <= 0) print "-"; else printf "%.4f", a / b }'; }

t0="$(now_ms)"; sleep "$window"; t1="$(now_ms)"
read -r fresh_hot fresh_other fresh_hotcpu fresh_othercpu <<<"$(window_rates "$t0" "$t1")"
echo "not armed, before the agent: hot map $(fmt "$fresh_hot") puts/s, other maps $(fmt "$fresh_other") puts/s" >&2
[ "$others" -gt 0 ] || fresh_other="-"
rows=("not armed, before the agent is loaded | $(fmt "$fresh_hot") | - | - | $(fmt "$fresh_other") | - | - | -")

# paired ARGS...: a window not armed, then `mapdbg races <pid> ARGS --duration (arm + window + 1) s` measured over
# the window after its arming delay; prints "off_hot off_other on_hot on_other r_hot r_other r_hotcpu r_othercpu found"
# (r: the armed window's rate over the window just before it)
paired() {
  local ta tb off on found d=$(( arm + window + 1 ))
  ta="$(now_ms)"; sleep "$window"; tb="$(now_ms)"
  off="$(window_rates "$ta" "$tb")"
  echo "[races <pid> $*]" >&2
  "$root/scripts/mapdbg" races "$pid" "$@" --duration "${d}s" >"$work/races.out" 2>"$work/races.err" &
  cli=$!
  sleep "$arm"
  ta="$(now_ms)"; sleep "$window"; tb="$(now_ms)"
  wait "$cli" || { echo "races.sh: mapdbg races failed:" >&2; cat "$work/races.err" >&2; exit 1; }
  cli=""
  on="$(window_rates "$ta" "$tb")"
  found="$(head -n 1 "$work/races.out" | sed 's/^races over //; s/ *|.*//')"
  set -- $off $on
  echo "$1 $2 $5 $6 $(ratio "$5" "$1") $(ratio "$6" "$2") $(ratio "$7" "$3") $(ratio "$8" "$4") $found"
  sleep 2 # let it settle before the next phase
}
# summarise WHAT FILE: one row from the lines paired printed (medians over the cycles)
summarise() {
  local f="$2" n
  n="$(wc -l <"$f")"
  local offh offo onh ono rh ro rhc roc found
  offh="$(cut -d' ' -f1 "$f" | median)"; offo="$(cut -d' ' -f2 "$f" | median)"
  onh="$(cut -d' ' -f3 "$f" | median)"; ono="$(cut -d' ' -f4 "$f" | median)"
  rh="$(cut -d' ' -f5 "$f" | median)"; ro="$(cut -d' ' -f6 "$f" | median)"
  rhc="$(cut -d' ' -f7 "$f" | median)"; roc="$(cut -d' ' -f8 "$f" | median)"
  found="$(tail -n 1 "$f" | cut -d' ' -f9-)"
  local each
  each="$(awk -v o="$others" '{ printf "%s%.0f", (NR > 1 ? ", " : ""), 100 * $5; if (o > 0) printf "/%.0f", 100 * $6 }' "$f")"
  if [ "$others" -eq 0 ]; then ono="-"; ro="-"; roc="-"; fi
  echo "[$1] hot $(share "$rh" 1 floor) (per CPU-s $(share "$rhc" 1 floor)), other maps $(share "$ro" 1 floor) (per CPU-s $(share "$roc" 1 floor)) of the window before; each cycle, hot$( [ "$others" -gt 0 ] && echo "/other" || true) %: $each" >&2
  rows+=("$1$( [ "$n" -gt 1 ] && echo " (median of $n)" || true) | $(fmt "$onh") | $(share "$rh" 1 floor) | $(share "$rhc" 1 floor) | $(fmt "$ono") | $(share "$ro" 1 floor) | $(share "$roc" 1 floor) | $found; each cycle, hot$( [ "$others" -gt 0 ] && echo "/other" || true) %: $each; hot vs the JVM before the agent: $(share "$onh" "$fresh_hot")")
  last_off_hot="$offh"; last_off_other="$offo"
}

: >"$work/all.txt"
for _ in $(seq 1 "$cycles"); do paired --all --agent >>"$work/all.txt"; done
summarise "\`races <pid> --all --agent\`" "$work/all.txt"
[ "$others" -gt 0 ] || last_off_other="-"
rows=("${rows[0]}" "not armed, the window before each watch (median of $cycles) | $(fmt "$last_off_hot") | 100% | 100% | $(fmt "$last_off_other") | $( [ "$others" -gt 0 ] && echo 100% || echo -) | $( [ "$others" -gt 0 ] && echo 100% || echo -) | -" "${rows[@]:1}")
if [ "$all_only" = 0 ]; then
  paired --all --agent --duty 100 >"$work/duty.txt"; summarise "\`races <pid> --all --agent --duty 100\`" "$work/duty.txt"
  paired --map "$hot" --agent >"$work/map.txt"; summarise "\`races <pid> --map $hot --agent\`" "$work/map.txt"
fi
if [ "$jdwp_row" = 1 ]; then
  paired --map "$hot" >"$work/jdwp.txt"; summarise "\`races <pid> --map $hot\` (JDWP)" "$work/jdwp.txt"
fi
cleanup

print_table "| phase | hot map puts/s | hot vs the window before | hot per CPU-second | other maps puts/s | other maps vs the window before | other per CPU-second | report |" \
  "|---|---:|---:|---:|---:|---:|---:|---|"

[ -n "$doc" ] || exit 0
cli_jdk="$(jdk_version "$java_bin")"
target_jdk="$(jdk_version "$target_java")"
section="$work/section.md"
{
  echo "<!-- bench:races:begin (written by scripts/bench/races.sh; edits inside are overwritten) -->"
  machine_line
  echo "mapdbg on JDK $cli_jdk; target on JDK $target_jdk; hot-writer and $others other writer(s), each map with a"
  echo "single writer and ${putload_keys:-1024} $( [ -n "$putload_strings" ] && echo "string keys (equal to the map's, not the same objects)" || echo "Integer keys")$( [ -n "$putload_mix" ] && echo "; a mix-writer thread also uses HashMaps with keys of several classes now and then (--mix)" || true). Command:"
  echo
  echo "    $command_line"
  echo
  echo "$table"
  echo
  echo "Each watch is paired with a window not armed just before it; \"vs the window before\" is the watch's figure"
  echo "over that window's (for \`--all\`, the median over the cycles, each cycle's hot/other shares listed). A figure"
  echo "is the mean over a ${window}-second window of the target's own 250 ms counts; a watch's window starts ${arm} s"
  echo "after the races command (past its arming) and ends before the watch does. Goal: with \`races --all\` through"
  echo "the agent, single-writer maps keep >= 90% of their throughput. Over JDWP the watched map is slowed by design"
  echo "(a few round trips per write; no hold here, since it has one writer). Each watch's report also gives its"
  echo "hot figure against the one window before the agent was loaded: the unarmed windows after a retransformation"
  echo "may run code the JIT made differently (HashMap.putVal inlined into the loop or not), so both are shown."
  echo "<!-- bench:races:end -->"
} >"$section"
write_block races "$section" "$doc" "## races (scripts/bench/races.sh)" "$work"
echo "wrote the figures to ${doc#"$root"/}" >&2

#!/usr/bin/env bash
# Benchmark of `mapdbg buckets --agent` (the map walked inside the target by the mapdbg agent) on a 1M-entry
# HashMap, beside the JDWP walk of the same map in the same target, and attach + first buckets on a JVM started
# without JDWP. Prints a table and writes the figures into docs/PERFORMANCE.md.
#
#   scripts/bench/agent.sh [--size 1m|100k|10k] [--runs N] [--first-runs N] [--skip-jdwp] [--doc FILE | --no-doc]
#
#   --size          the BigMaps map to measure (default 1m)
#   --runs N        runs with the agent already loaded (default 5; the best and the median are reported)
#   --first-runs N  fresh targets without JDWP for attach + first buckets (default 3; best and median)
#   --skip-jdwp  do not run the JDWP walk (of the 1M map it takes about 3 minutes)
#   --doc FILE   where to write the figures (default docs/PERFORMANCE.md); --no-doc: print only
#
# The CLI runs on JAVA_HOME's java (else `java`), the targets on MAPDBG_TARGET_JAVA_HOME's (else the same).
# Every time is end to end (date +%s.%N around scripts/mapdbg): client JVM start, attach or connect, the walk,
# the answer, exit. Targets are killed by PID on every exit path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=lib.sh
. "$root/scripts/bench/lib.sh"
cls=io.mapdbg.examples.bench.BigMaps

size=1m
runs=5
first_runs=3
skip_jdwp=""
doc="$root/docs/PERFORMANCE.md"
command_line="scripts/bench/agent.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="${2:?--size needs 1m, 100k or 10k}"; shift 2 ;;
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --first-runs) first_runs="${2:?--first-runs needs a number}"; shift 2 ;;
    --skip-jdwp) skip_jdwp=1; shift ;;
    --doc) doc="${2:?--doc needs a file}"; shift 2 ;;
    --no-doc) doc=""; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "agent.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$size" in 10k) n=10000; field=MAP_10K ;; 100k) n=100000; field=MAP_100K ;; 1m) n=1000000; field=MAP_1M ;;
  *) echo "agent.sh: unknown size $size (use 10k, 100k, 1m)" >&2; exit 2 ;; esac
case "$runs$first_runs" in ''|*[!0-9]*) echo "agent.sh: --runs and --first-runs take a number" >&2; exit 2 ;; esac
ref="$cls.$field"

json_get() { # json_get FILE KEY: a top-level field of a one-object JSON file
  if command -v jq >/dev/null 2>&1; then jq -r ".$2" "$1"
  else python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; fi
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "-" }'; }
# timed OUT cmd...: runs cmd (stdout to OUT, stderr to the log), sets $took to its seconds
timed() {
  local out="$1" t0 t1; shift
  t0="$(now)"
  if ! "$@" >"$out" 2>>"$work/cli.err"; then echo "agent.sh: failed: $*" >&2; tail -n 5 "$work/cli.err" >&2; return 1; fi
  t1="$(now)"; took="$(secs "$t0" "$t1")"
}
best_and_median() { sort -n | awk '{ a[NR] = $1 } END { printf "%s %s", a[1], a[int((NR + 1) / 2)] }'; }

"$root/scripts/mapdbg" --help >/dev/null # builds the jars when missing or stale
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
target_java="${MAPDBG_TARGET_JAVA_HOME:+$MAPDBG_TARGET_JAVA_HOME/bin/}java"
[ -n "${MAPDBG_TARGET_JAVA_HOME:-}" ] || target_java="$java_bin"

work="$(mktemp -d -t mapdbg-bench-agent.XXXXXX)"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do
    if kill -0 "$p" 2>/dev/null; then kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
  done
  pids=()
}
on_exit() {
  local rc=$?
  cleanup
  if [ "$rc" -ne 0 ]; then echo "agent.sh: failed (exit $rc); logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# start_target LOG [jvm options...]: starts BigMaps with the chosen map filled, waits for READY, sets $pid
start_target() {
  local log="$1"; shift
  "$target_java" -Xms1g -Xmx2g "$@" -cp "$root/examples/target/classes" "$cls" "$size" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 1200); do
    grep -q '^READY' "$log" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "agent.sh: the target exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "agent.sh: the target did not print READY in 120 s" >&2; exit 1
}
check_entries() { # check_entries FILE WHAT
  local e; e="$(json_get "$1" entries)"
  [ "$e" = "$n" ] || { echo "agent.sh: $2 walked $e entries of $ref, expected $n" >&2; exit 1; }
}

echo "[client] mapdbg --version (JVM start of the client alone)" >&2
starts=()
for _ in 1 2 3; do timed "$work/version.out" "$root/scripts/mapdbg" --version; starts+=("$took"); done
read -r start_best _ <<<"$(printf '%s\n' "${starts[@]}" | best_and_median)"

firsts=()
for i in $(seq 1 "$first_runs"); do
  echo "[no JDWP] starting $cls $size without JDWP ($i of $first_runs)..." >&2
  start_target "$work/plain$i.log"
  echo "[no JDWP] attach + load the agent + first buckets: mapdbg buckets $pid $ref --agent --json" >&2
  timed "$work/first$i.json" "$root/scripts/mapdbg" buckets "$pid" "$ref" --agent --json
  firsts+=("$took"); check_entries "$work/first$i.json" "the agent (first)"
  echo "[no JDWP]   ${took} s" >&2
  if [ "$i" -lt "$first_runs" ]; then cleanup; fi
done
read -r first first_median <<<"$(printf '%s\n' "${firsts[@]}" | best_and_median)"
capacity="$(json_get "$work/first1.json" capacity)"; non_empty="$(json_get "$work/first1.json" nonEmptyBins)"
warm=()
for i in $(seq 1 "$runs"); do
  timed "$work/warm$i.json" "$root/scripts/mapdbg" buckets "$pid" "$ref" --agent --json
  check_entries "$work/warm$i.json" "the agent (warm)"; warm+=("$took")
done
read -r warm_best warm_median <<<"$(printf '%s\n' "${warm[@]}" | best_and_median)"
echo "[no JDWP]   agent already loaded: best ${warm_best} s, median ${warm_median} s of $runs" >&2
cleanup

echo "[JDWP] starting $cls $size with JDWP..." >&2
start_target "$work/jdwp.log" -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0
timed "$work/jdwp-agent.json" "$root/scripts/mapdbg" buckets "$pid" "$ref" --agent --json
jdwp_agent_first="$took"; check_entries "$work/jdwp-agent.json" "the agent (JDWP target)"
jdwp_agent=()
for i in $(seq 1 "$runs"); do
  timed "$work/jdwp-agent$i.json" "$root/scripts/mapdbg" buckets "$pid" "$ref" --agent --json
  jdwp_agent+=("$took")
done
read -r ja_best ja_median <<<"$(printf '%s\n' "${jdwp_agent[@]}" | best_and_median)"
echo "[JDWP] buckets --agent: first ${jdwp_agent_first} s, then best ${ja_best} s, median ${ja_median} s" >&2
jdwp_secs="-"; speedup="-"
if [ -z "$skip_jdwp" ]; then
  echo "[JDWP] the JDWP walk: mapdbg buckets $pid $ref --json (1M entries: about 3 minutes)" >&2
  timed "$work/jdwp.json" "$root/scripts/mapdbg" buckets "$pid" "$ref" --json
  jdwp_secs="$took"; check_entries "$work/jdwp.json" "the JDWP walk"
  [ "$(json_get "$work/jdwp.json" nonEmptyBins)" = "$non_empty" ] \
    || { echo "agent.sh: the JDWP walk counted other non-empty bins than the agent" >&2; exit 1; }
  speedup="$(ratio "$jdwp_secs" "$ja_median")x"
  echo "[JDWP]   ${jdwp_secs} s" >&2
fi
cleanup

table="| measurement ($size map: $n entries, capacity $capacity) | seconds, end to end |"$'\n'"|---|---:|"
table+=$'\n'"| client JVM start alone (mapdbg --version, best of 3) | $start_best |"
table+=$'\n'"| JVM without JDWP: attach, load the agent, first buckets --agent (best / median of $first_runs fresh JVMs) | **$first / $first_median** |"
table+=$'\n'"| JVM without JDWP: buckets, agent already loaded (best / median of $runs) | $warm_best / $warm_median |"
table+=$'\n'"| JVM with JDWP: buckets --agent, first (loads the agent) | $jdwp_agent_first |"
table+=$'\n'"| JVM with JDWP: buckets --agent, agent loaded (best / median of $runs) | **$ja_best / $ja_median** |"
table+=$'\n'"| JVM with JDWP: buckets over JDWP (the walk from outside) | $jdwp_secs |"
table+=$'\n'"| speedup, agent (median) vs JDWP walk | $speedup |"
echo
echo "$table"

[ -n "$doc" ] || exit 0
section="$work/section.md"
{
  echo "<!-- bench:agent:begin (written by scripts/bench/agent.sh; edits inside are overwritten) -->"
  machine_line
  echo "mapdbg on JDK $(jdk_version "$java_bin"); targets on JDK $(jdk_version "$target_java"). Command:"
  echo
  echo "    $command_line"
  echo
  echo "$table"
  echo
  echo "Every time is end to end: client JVM start, attach (Attach API) or connect (the agent's loopback channel),"
  echo "the walk inside the target, the answer, exit. The agent walks without suspending the target; the JDWP walk"
  echo "suspends it and reads node by node. Both results are checked: $n entries, the same non-empty bins."
  echo "The machine is shared with other builds (see the load average): the best of several runs shows what the"
  echo "tool costs, the median what contention adds."
  echo "<!-- bench:agent:end -->"
} >"$section"
write_block agent "$section" "$doc" "## buckets through the agent (scripts/bench/agent.sh)" "$work"
echo "wrote the figures to ${doc#"$root"/}" >&2

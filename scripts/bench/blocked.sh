#!/usr/bin/env bash
# Benchmark of `mapdbg threads <pid> --blocked` (and plain `threads <pid>`) beside `jstack <pid>` on a target with
# exactly 2,000 threads of its own, 500 of them blocked on five locks (io.mapdbg.examples.bench.BlockedThreads:
# a ConcurrentHashMap bin held by computeIfAbsent, a Hashtable, a synchronizedMap, a ReentrantLock and a plain
# monitor, 100 waiters each; the other 1,495 idle in pools, timers, sleeps and parks). All commands run against the
# same target in the same run, interleaved, several repetitions: the JDWP path (MAPDBG_THREADS=jdwp) and the
# agent's in-target dump (loaded once, timed as its own row, then the fast path of a plain `threads --blocked`).
# Prints a table and writes the figures into docs/PERFORMANCE.md.
#
#   scripts/bench/blocked.sh [--reps N] [--doc FILE | --no-doc]
#
#   --reps N     repetitions of each command (default 5)
#   --doc FILE   where to write the figures (default docs/PERFORMANCE.md); --no-doc: print only
#
# mapdbg runs on JAVA_HOME's java (else `java`); the target and jstack on MAPDBG_TARGET_JAVA_HOME's JDK (else the
# same). Every time is end to end (date +%s.%N around the command): for mapdbg the client JVM start, attach,
# suspend, reads, resume, rendering and detach; for jstack its JVM start, attach and the dump. The script checks
# that every --blocked run (JDWP and agent) reports the five clusters of 100 waiters with their owners. The target is
# killed by PID on every exit path (the agent goes with it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=lib.sh
. "$root/scripts/bench/lib.sh"
cls=io.mapdbg.examples.bench.BlockedThreads

reps=5
doc="$root/docs/PERFORMANCE.md"
command_line="scripts/bench/blocked.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="${2:?--reps needs a number}"; shift 2 ;;
    --doc) doc="${2:?--doc needs a file}"; shift 2 ;;
    --no-doc) doc=""; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "blocked.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$reps" in ''|*[!0-9]*|0) echo "blocked.sh: --reps takes a number > 0" >&2; exit 2 ;; esac

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

"$root/scripts/mapdbg" --help >/dev/null # builds the jar and examples/target/classes when missing or stale
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
target_java="${MAPDBG_TARGET_JAVA_HOME:+$MAPDBG_TARGET_JAVA_HOME/bin/}java"
[ -n "${MAPDBG_TARGET_JAVA_HOME:-}" ] || target_java="$java_bin"
jstack_bin="$(dirname "$(command -v "$target_java")")/jstack"
jar="$(ls "$root"/debugger-cli/target/mapdbg-cli-*-all.jar | head -n 1)"
native=()
[ "$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)" -ge 22 ] \
  && native=(--enable-native-access=ALL-UNNAMED)
tuned_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
[ -x "$jstack_bin" ] || jstack_bin=jstack

work="$(mktemp -d -t mapdbg-bench.XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  pid=""
}
on_exit() {
  local rc=$?
  cleanup
  if [ "$rc" -ne 0 ]; then echo "blocked.sh: failed (exit $rc); logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

echo "Starting $cls (2,000 threads, JDWP on loopback)..." >&2
"$target_java" -Xss256k -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0 \
  -cp "$root/examples/target/classes" "$cls" >"$work/target.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  grep -q '^READY' "$work/target.log" && break
  kill -0 "$pid" 2>/dev/null || { echo "blocked.sh: the target exited:" >&2; cat "$work/target.log" >&2; exit 1; }
  sleep 0.1
done
grep -q '^READY' "$work/target.log" || { echo "blocked.sh: the target did not print READY in 120 s" >&2; exit 1; }
ready="$(grep '^READY' "$work/target.log")"
echo "target running as PID $pid: $ready" >&2

# run NAME cmd...: runs cmd (stdout to $work/NAME.out), appends its seconds to $work/NAME.times. A mapdbg attach
# that finds no JDWP endpoint yet (the agent listens again a moment after the previous detach) is retried, untimed.
run() {
  local name="$1" t0 t1 try; shift
  for try in 1 2 3; do
    t0="$(now)"
    if "$@" >"$work/$name.out" 2>"$work/$name.err"; then
      t1="$(now)"; secs "$t0" "$t1" >>"$work/$name.times"; echo >>"$work/$name.times"; return 0
    fi
    grep -qi 'transport endpoint\|cannot attach' "$work/$name.err" && [ "$try" -lt 3 ] || { cat "$work/$name.err" >&2; return 1; }
    sleep 1
  done
}

check_blocked() { # the five clusters of 100 waiters, each with its owner; prints pauseMillis
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
big = [c for c in r["clusters"] if len(c["waiters"]) == 100]
owners = sorted(c["owner"]["name"] for c in big if c["owner"])
want = ["chm-holder", "lock-holder", "monitor-holder", "sync-holder", "table-holder"]
if owners != want:
    sys.exit("blocked.sh: expected 5 clusters of 100 waiters owned by %s, got %s" % (want, owners))
print(r["pauseMillis"])
PY
}
pause_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pauseMillis"])' "$1"; }

# the agent: loaded into the target once (attach + load + the first in-target dump), timed once
run agentload "$root/scripts/mapdbg" threads "$pid" --blocked --json --agent
check_blocked "$work/agentload.out" >>"$work/agentload.pauses"
grep -q 'loaded the mapdbg agent' "$work/agentload.err" || { echo "blocked.sh: the agent was not loaded just now" >&2; exit 1; }

for i in $(seq 1 "$reps"); do
  echo "[rep $i/$reps]" >&2
  run jstack "$jstack_bin" "$pid"
  grep -q 'chm-writer-100' "$work/jstack.out" || { echo "blocked.sh: jstack output lacks the waiters" >&2; exit 1; }
  # with the agent loaded, a plain threads --blocked takes the agent's dump (the default since branch agent-waits)
  run agent "$root/scripts/mapdbg" threads "$pid" --blocked --json
  grep -q 'through the mapdbg agent' "$work/agent.err" || { echo "blocked.sh: threads --blocked did not use the agent" >&2; exit 1; }
  check_blocked "$work/agent.out" >>"$work/agent.pauses"
  MAPDBG_THREADS=jdwp run blocked "$root/scripts/mapdbg" threads "$pid" --blocked --json
  check_blocked "$work/blocked.out" >>"$work/blocked.pauses"
  run threads "$root/scripts/mapdbg" threads "$pid" --json
  pause_of "$work/threads.out" >>"$work/threads.pauses"
  # the same --blocked without the launcher's checks (two extra JVM starts: version and jdk.jdi module)
  MAPDBG_THREADS=jdwp run direct "$java_bin" "${native[@]}" -jar "$jar" threads "$pid" --blocked --json
  check_blocked "$work/direct.out" >>"$work/direct.pauses"
  # the same --blocked with a client JVM tuned for a short run: C1 only, serial GC (what a launcher could pass)
  MAPDBG_THREADS=jdwp run tuned "$java_bin" "${native[@]}" "${tuned_flags[@]}" -jar "$jar" threads "$pid" --blocked --json
  check_blocked "$work/tuned.out" >>"$work/tuned.pauses"
  echo "  jstack $(tail -n 1 "$work/jstack.times") s, agent $(tail -n 1 "$work/agent.times") s, threads --blocked $(tail -n 1 "$work/blocked.times") s," \
       "threads $(tail -n 1 "$work/threads.times") s, java -jar --blocked $(tail -n 1 "$work/direct.times") s, (C1, serial GC) $(tail -n 1 "$work/tuned.times") s" >&2
done
jvm_threads="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["threads"])' "$work/blocked.out")"
cleanup

stats() { # stats FILE: "min | median | max" of the numbers in FILE
  sort -n "$1" | awk 'NF { a[n++] = $1 } END { m = (n % 2) ? a[int(n/2)] : (a[n/2-1] + a[n/2]) / 2;
    printf "%.2f | %.2f | %.2f", a[0], m, a[n-1] }'
}
median() { sort -n "$1" | awk 'NF { a[n++] = $1 } END { print (n % 2) ? a[int(n/2)] : (a[n/2-1] + a[n/2]) / 2 }'; }
all_of() { tr '\n' ' ' <"$1" | sed 's/ *$//; s/  */, /g'; }

table="| command | min (s) | median (s) | max (s) | target paused, median (ms) | every run (s) |"$'\n'
table+="|---|---:|---:|---:|---:|---|"$'\n'
table+="| \`jstack <pid>\` | $(stats "$work/jstack.times") | - | $(all_of "$work/jstack.times") |"$'\n'
table+="| \`mapdbg threads <pid> --blocked --json\`, agent loaded: the default then (the in-target dump, no pause) | $(stats "$work/agent.times") | $(median "$work/agent.pauses") (dump) | $(all_of "$work/agent.times") |"$'\n'
table+="| \`mapdbg threads <pid> --blocked --json --agent\`, first: attach + load + dump (once) | $(stats "$work/agentload.times") | $(median "$work/agentload.pauses") (dump) | $(all_of "$work/agentload.times") |"$'\n'
table+="| \`MAPDBG_THREADS=jdwp mapdbg threads <pid> --blocked --json\` (JDWP) | $(stats "$work/blocked.times") | $(median "$work/blocked.pauses") | $(all_of "$work/blocked.times") |"$'\n'
table+="| \`mapdbg threads <pid> --json\` (200 shown) | $(stats "$work/threads.times") | $(median "$work/threads.pauses") | $(all_of "$work/threads.times") |"$'\n'
table+="| the same JDWP \`--blocked --json\` as \`java -jar\` (no launcher) | $(stats "$work/direct.times") | $(median "$work/direct.pauses") | $(all_of "$work/direct.times") |"$'\n'
table+="| the same JDWP \`--blocked --json\`, \`java -jar\` with \`${tuned_flags[*]}\` | $(stats "$work/tuned.times") | $(median "$work/tuned.pauses") | $(all_of "$work/tuned.times") |"
echo
echo "$table"

# issue 4's goal, no slower than jstack: medians compared, said per path
verdict() { # verdict NAME FILE: "met"/"not met" with both medians
  awk -v a="$(median "$2")" -v j="$(median "$work/jstack.times")" -v n="$1" 'BEGIN {
    printf "%s: median %.2f s against jstack %.2f s (%.2fx): %s", n, a, j, a / j, (a <= j) ? "**met**" : "**not met**" }'
}
goal="Goal of issue 4 (threads --blocked no slower than jstack, medians of this run): $(verdict "through the agent, loaded" "$work/agent.times");"
goal+=" $(verdict "over JDWP with scripts/mapdbg" "$work/blocked.times")."
echo "$goal"

[ -n "$doc" ] || exit 0
section="$work/section.md"
{
  echo "<!-- bench:threads:begin (written by scripts/bench/blocked.sh; edits inside are overwritten) -->"
  machine_line
  echo "mapdbg on JDK $(jdk_version "$java_bin"); target and jstack on JDK $(jdk_version "$target_java");"
  echo "target \`$cls\` ($ready; mapdbg saw $jvm_threads threads). Command:"
  echo
  echo "    $command_line"
  echo
  echo "$table"
  echo
  echo "$reps runs of each, interleaved (jstack, --blocked through the agent, --blocked over JDWP, threads, --blocked as"
  echo "java -jar, tuned) against the same target, after one run that loaded the agent. Times are end to end."
  echo "\`scripts/mapdbg\` runs threads with \`${tuned_flags[*]}\` and a CDS archive (its JDK check is cached); the"
  echo "last two rows run the same jar with \`java -jar\`, plain and with \`${tuned_flags[*]}\`. For the agent rows"
  echo "the paused column is the time in the in-target ThreadMXBean dumps (safepoints, as jstack's), not a JDWP suspension."
  echo
  echo "$goal"
  echo "<!-- bench:threads:end -->"
} >"$section"
write_block threads "$section" "$doc" "## threads and threads --blocked beside jstack (scripts/bench/blocked.sh)" "$work"
echo "wrote the figures to ${doc#"$root"/}" >&2

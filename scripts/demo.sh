#!/usr/bin/env bash
# The mapdbg demo: start the example payment service with JDWP on loopback, then show mapdbg on it.
# Called by scripts/mapdbg demo (which has built everything): demo.sh <java> <mapdbg jar> <repo root>
set -euo pipefail
java_bin="$1"; jar="$2"; root="$3"
target_java="${MAPDBG_TARGET_JAVA_HOME:+$MAPDBG_TARGET_JAVA_HOME/bin/}java"
[ -n "${MAPDBG_TARGET_JAVA_HOME:-}" ] || target_java="$java_bin"
svc=io.mapdbg.examples.payment.PaymentService
log="$(mktemp -t mapdbg-demo.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT INT TERM

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
mapdbg() { "$java_bin" -jar "$jar" "$@"; }

echo "Starting the example payment service (JDWP on loopback)..."
"$target_java" -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0 \
  -cp "$root/examples/target/classes" "$svc" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  grep -q '^READY' "$log" && break
  kill -0 "$pid" 2>/dev/null || { echo "the payment service exited:"; cat "$log"; exit 1; }
  sleep 0.1
done
grep -q '^READY' "$log" || { echo "the payment service did not get ready in 30 s"; cat "$log"; exit 1; }
echo "payment service running as PID $pid"

say "mapdbg maps $pid --top 8"
mapdbg maps "$pid" --top 8 --min-size 1
say "mapdbg buckets $pid $svc.ORDERS_BY_ID --chains 2 --chain-entries 4    # colliding order keys: long chains, tree bins"
mapdbg buckets "$pid" "$svc.ORDERS_BY_ID" --chains 2 --chain-entries 4
say "mapdbg buckets $pid $svc.RATE_CACHE    # a bin held by a computeIfAbsent that never returns"
mapdbg buckets "$pid" "$svc.RATE_CACHE"
say "mapdbg buckets $pid $svc.AUDIT_LOG --chains 1 --json | head -c 600    # written by two threads without a lock"
mapdbg buckets "$pid" "$svc.AUDIT_LOG" --chains 1 --json | head -c 600; echo
say "printf 'maps --top 3 --class HashMap\\nbuckets \$1 --chains 1\\ndetach\\n' | mapdbg attach $pid    # the REPL, fed by a pipe"
printf 'maps --top 3 --class HashMap\nbuckets $1 --chains 1\ndetach\n' | mapdbg attach "$pid"
say "mapdbg threads $pid --blocked    # who is stuck on which map: the held RATE_CACHE bin, leaked per-order latches"
mapdbg threads "$pid" --blocked
say "mapdbg threads $pid --group --top 3    # identical stacks grouped, largest group first"
mapdbg threads "$pid" --group --top 3 --depth 4
say "mapdbg races $pid --map $svc.AUDIT_LOG --map $svc.SESSIONS --duration 5s    # two threads inside one HashMap's put at once"
mapdbg races "$pid" --map "$svc.AUDIT_LOG" --map "$svc.SESSIONS" --duration 5s
say "mapdbg races $pid --agent --map $svc.AUDIT_LOG --duration 3s    # the same through the mapdbg agent: a writer marker in the target, nothing held"
mapdbg races "$pid" --agent --map "$svc.AUDIT_LOG" --duration 3s
say "mapdbg races $pid --agent --all --duration 5s    # no map named: every non-thread-safe map in the JVM, the racy one found by its writers"
mapdbg races "$pid" --agent --all --duration 5s
say "trace the unsynchronised AUDIT_LOG writers: two threads writing one HashMap (REPL, piped)"
printf 'trace w mapassign --map %s.AUDIT_LOG --count 4\ncontinue\nclearall\ndetach\n' "$svc" | mapdbg attach "$pid"
echo
echo "Demo done; the payment service (PID $pid) is stopped now. Try it live: scripts/mapdbg attach <pid>"

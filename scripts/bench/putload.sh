# Shared by the benchmarks that run against io.mapdbg.examples.bench.PutLoad (trace.sh, hooks.sh, races.sh;
# sourced after lib.sh). The caller sets: me (its name, for messages), work (its temp dir), and for the REPL
# helpers cli (the mapdbg PID). PutLoad prints "rate t=<ms> hot=<puts/s> other=<puts/s>" every 250 ms.

now_ms() { date +%s%3N; }
# mean_rate FIELD FROM_MS TO_MS: mean of FIELD (hot|other) over the target's rate lines that end in (FROM, TO]
mean_rate() {
  awk -v f="$1" -v a="$2" -v b="$3" '
    /^rate / { t = ""; v = ""
      for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "t") t = kv[2]; if (kv[1] == f) v = kv[2] }
      if (t > a && t <= b) { s += v; n++ } }
    END { if (n > 0) printf "%.0f", s / n; else print "-" }' "$work/target.log"
}
# recovered_at FROM_MS LEVEL: end (ms) of the first interval after FROM whose other-maps rate is >= LEVEL; empty if none
recovered_at() {
  awk -v a="$1" -v lvl="$2" '
    /^rate / { t = ""; v = ""
      for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "t") t = kv[2]; if (kv[1] == "other") v = kv[2] }
      if (t - 250 >= a && v + 0 >= lvl) { print t; exit } }' "$work/target.log"
}
hits_of() { grep -c "^\[$1 #" "$work/repl.out" || true; }
# await_out PATTERN SECONDS: waits until the REPL's stdout has a line matching PATTERN
await_out() {
  local i
  for i in $(seq 1 $(( $2 * 20 ))); do
    grep -q -- "$1" "$work/repl.out" && return 0
    kill -0 "$cli" 2>/dev/null || { echo "$me: mapdbg exited:" >&2; cat "$work/repl.err" >&2; exit 1; }
    sleep 0.05
  done
  echo "$me: mapdbg did not print '$1' in $2 s; stderr:" >&2; cat "$work/repl.err" >&2; exit 1
}
send() { echo "$*" >&3; }
fmt() { awk -v n="$1" 'BEGIN { if (n == "-") { print "-"; exit } s = sprintf("%.0f", n); r = ""
  while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } print s r }'; }
# share A B [floor]: A as a share of B ("42%", "0.5%", below 0.1% "1/N", or "<0.1%" when asked for a floor)
share() { awk -v a="$1" -v b="$2" -v floor="${3:-}" 'BEGIN { if (a == "-" || b == "-" || b <= 0) { print "-"; exit }
  p = 100 * a / b; if (p >= 10) printf "%.0f%%", p; else if (p >= 0.1) printf "%.1f%%", p
  else if (floor != "") printf "<0.1%%"; else printf "1/%s", fmt1(b / a) }
  function fmt1(x,   s, r) { s = sprintf("%.0f", x); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } return s r }'; }

# start_putload OTHERS [JVM flags...]: starts PutLoad with JDWP on loopback (its output in $work/target.log; with
# putload_keys set, that many keys per map; with putload_mix=1, PutLoad's --mix; with putload_strings=1, --strings),
# sets pid, and waits (60 s at most) for READY
start_putload() {
  local others="$1"; shift
  "$target_java" -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0 "$@" \
    -cp "$root/examples/target/classes" io.mapdbg.examples.bench.PutLoad --others "$others" --every-ms 250 ${putload_keys:+--keys "$putload_keys"} ${putload_mix:+--mix} ${putload_strings:+--strings} \
    >"$work/target.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q '^READY' "$work/target.log" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$me: the target exited:" >&2; cat "$work/target.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$me: the target did not print READY in 60 s" >&2; exit 1
}

# Shared by the benchmark scripts (sourced): describing the machine and writing a marked block of figures
# into docs/PERFORMANCE.md.

# jdk_version <java>: the runtime version a java binary reports.
jdk_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p'
}

# machine_line: "Measured <date> on N cores (cpu), M GiB RAM, load average at the end a b c."
machine_line() {
  local cpu load
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
  load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores${cpu:+ ($cpu)}, $(( $(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) / 1024 / 1024 )) GiB RAM, load average at the end $load."
}

# print_table <header> <rule>: sets table to the header, the rule and one "| row |" line per element of the caller's
# rows array, and prints it after an empty line.
print_table() {
  local r
  table="$1"$'\n'"$2"
  for r in "${rows[@]}"; do table+=$'\n'"| $r |"; done
  echo
  echo "$table"
}

# write_block <name> <section file> <doc> <heading if the block is new> <work dir>: replaces the lines between
# "<!-- bench:<name>:begin" and "<!-- bench:<name>:end" in doc with the section file (which carries both markers),
# or appends the section under the heading.
write_block() {
  local name="$1" section="$2" doc="$3" heading="$4" work="$5"
  mkdir -p "$(dirname "$doc")"
  [ -f "$doc" ] || printf '# mapdbg performance\n\n' >"$doc"
  if grep -q "^<!-- bench:$name:begin" "$doc"; then
    awk -v f="$section" -v b="^<!-- bench:$name:begin" -v e="^<!-- bench:$name:end" '
      $0 ~ b { while ((getline l < f) > 0) print l; skip = 1; next }
      $0 ~ e { skip = 0; next }
      !skip { print }' "$doc" >"$work/doc.md"
    cat "$work/doc.md" >"$doc"
  else
    { echo; echo "$heading"; echo; cat "$section"; } >>"$doc"
  fi
}

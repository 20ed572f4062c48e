#!/usr/bin/env bash
# Benchmark of `ra2check accept`: a delivery of N snapshot archives (default 100) checked end to end, each run in a
# fresh JVM, every report written (HTML, CSV, JUnit). Prints each run and the median; docs/acceptance.md records the
# figures. Needs the jar and the test classes (they hold the fixture generator):
#   mvn -q -pl agent -am verify -DskipFuzz   (or: mvn -q -pl agent -am package -DskipTests && mvn -q -pl agent test-compile)
# Usage: bench/accept-bench.sh [N] [RUNS]
#        SNAPSHOT=server.tar.gz bench/accept-bench.sh [N] [RUNS]   (N copies of a real snapshot instead)
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-100}
runs=${2:-7}
jar=agent/target/ra2check.jar
classes=agent/target/test-classes
if [ ! -f "$jar" ] || [ ! -f "$classes/io/ra2check/agent/accept/FleetFixtures.class" ]; then
  echo "accept-bench: build first: mvn -q -pl agent -am verify -DskipFuzz" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${SNAPSHOT:-}" ]; then
  # copies of one real snapshot (ra2check snapshot on a server)
  mkdir -p "$work/delivery"
  for i in $(seq -w 1 "$n"); do cp "$SNAPSHOT" "$work/delivery/server-$i.tar.gz"; done
else
  # the fixture delivery: mostly compliant servers, some with other CPUs or fewer DIMMs, some failing, an ARM host,
  # and a truncated archive (see FleetFixtures.main)
  java -cp "$jar:$classes" io.ra2check.agent.accept.FleetFixtures "$work/delivery" "$n" >/dev/null
fi
echo "delivery: $n snapshots, $(du -sh "$work/delivery" | cut -f1) in $work/delivery"
echo "machine:  $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), \
$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)"
echo "java:     $(java -version 2>&1 | head -1)"

TIMEFORMAT='%R %U %S'
bench() {
  local label=$1
  shift
  local walls=()
  # one untimed run first: it fills the page cache (and makes the launcher's class-data archive)
  "$@" accept --dir "$work/delivery" >/dev/null 2>&1 || true
  for i in $(seq "$runs"); do
    local load t
    load=$(cut -d' ' -f1 /proc/loadavg)
    # exit code 1 is expected from the fixture delivery: it has failing, damaged and ARM servers
    t=$( { time "$@" accept --dir "$work/delivery" --html "$work/r.html" --csv "$work/r.csv" \
            --junit "$work/r.xml" >"$work/out.txt" 2>"$work/err.txt" || [ $? -eq 1 ]; } 2>&1 )
    grep -q "^ra2check .* $n servers checked" "$work/out.txt" || { cat "$work/out.txt" "$work/err.txt"; exit 1; }
    read -r wall user sys <<<"$t"
    walls+=("$wall")
    printf '%-10s run %d: %5.2f s wall, %5.2f s CPU (user+sys), load average before %s\n' "$label" "$i" "$wall" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$load"
  done
  printf '%-10s median: %.2f s wall over %d runs\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')" "$runs"
}

bench "java -jar" java -jar "$jar"
bench "ra2check" ./ra2check

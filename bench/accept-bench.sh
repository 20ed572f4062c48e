#!/usr/bin/env bash
# Benchmark of `ra2check accept`: a delivery of N snapshot archives (default 100) checked end to end, each run in a
# fresh JVM, every report written (HTML, CSV, JUnit). Prints each run and the median; docs/acceptance.md records the
# figures. Needs the jar and the test classes (they hold the fixture generator):
#   mvn -q -pl agent -am verify -DskipFuzz   (or: mvn -q -pl agent -am package -DskipTests && mvn -q -pl agent test-compile)
# Usage: bench/accept-bench.sh [N] [RUNS]
#        SNAPSHOT=server.tar.gz bench/accept-bench.sh [N] [RUNS]   (N copies of a real snapshot instead)
#        SNAPSHOT=server.tar.gz SIZES="250 500 1000" bench/accept-bench.sh   (fleet growth: for each size, N copies
#          each with its own host name, one `./ra2check accept` timed with /usr/bin/time -v: wall, CPU, peak RSS)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${SIZES:-}" ]; then
  [ -n "${SNAPSHOT:-}" ] || { echo "accept-bench: SIZES needs SNAPSHOT=server.tar.gz" >&2; exit 2; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); java: $(java -version 2>&1 | head -1)"
  echo "| servers | wall s | CPU s (user+sys) | peak RSS MiB | ms wall per server | load average before |"
  echo "|---:|---:|---:|---:|---:|---|"
  for size in $SIZES; do
    rm -rf "$work/delivery"; mkdir -p "$work/delivery"
    # copies of the snapshot, each with its own host name (proc/sys/kernel/hostname), so no two are the same file
    python3 - "$SNAPSHOT" "$work/delivery" "$size" <<'PY'
import io, sys, tarfile
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
members = []
with tarfile.open(src, 'r:gz') as t:
    for m in t.getmembers():
        members.append((m, t.extractfile(m).read() if m.isfile() else None))
for i in range(1, n + 1):
    with tarfile.open(f'{out}/server-{i:04d}.tar.gz', 'w:gz', compresslevel=1) as t:
        for m, data in members:
            if m.name.endswith('proc/sys/kernel/hostname'):
                data = f'server-{i:04d}\n'.encode()
                m = tarfile.TarInfo(m.name); m.size = len(data)
            t.addfile(m, io.BytesIO(data) if data is not None else None)
PY
    ./ra2check accept --dir "$work/delivery" >/dev/null 2>&1 || true   # page cache, CDS archive
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -v ./ra2check accept --dir "$work/delivery" --html "$work/r.html" --csv "$work/r.csv" \
      --junit "$work/r.xml" >"$work/out.txt" 2>"$work/time.txt" || true
    grep -q " $size servers checked" "$work/out.txt" || { cat "$work/out.txt" "$work/time.txt"; exit 1; }
    awk -v n="$size" -v load="$load" -F': ' '
      /Elapsed \(wall clock\)/ { split($2, a, ":"); wall = (length(a) == 3) ? a[1] * 3600 + a[2] * 60 + a[3] : a[1] * 60 + a[2] }
      /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { rss = $2 }
      END { printf "| %d | %.2f | %.2f | %.0f | %.1f | %s |\n", n, wall, u + s, rss / 1024, wall * 1000 / n, load }' "$work/time.txt"
  done
  exit 0
fi

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

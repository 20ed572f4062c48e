#!/usr/bin/env bash
# Measures ra2check on the machine it runs on (see docs/performance.md):
#  1. cold `ra2check check` (a new JVM each run, with the launcher's JVM flags and CDS archive): wall time and peak RSS,
#     beside lshw -json, hwinfo --short and lstopo on the same host;
#  2. the warm in-process time of one full scan of the largest ../shared/hosts case (64 CPUs).
# Needs: a built jar (mvn -q -DskipTests package), hyperfine, GNU time, and for the comparison lshw, hwinfo, hwloc
# (apt-get install -y hyperfine time lshw hwinfo hwloc). Tools that are missing are skipped, not faked.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
jar=agent/target/ra2check.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }

echo "# machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(java -version 2>&1 | head -1)"
./ra2check --version >/dev/null   # makes the CDS archive on first use

peak_rss() {  # command... -> peak RSS in MiB (max over 5 runs)
  local max=0 kb out
  out=$(mktemp)
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%M' -o "$out" "$@" >/dev/null 2>&1 || true
    kb=$(tail -1 "$out")
    [ "$kb" -gt "$max" ] && max=$kb
  done
  rm -f "$out"
  echo "$((max / 1024)) MiB"
}

cmds=("./ra2check check" "java -jar $jar check")
command -v lshw >/dev/null && cmds+=("lshw -json")
command -v hwinfo >/dev/null && cmds+=("hwinfo --short")
command -v lstopo >/dev/null && cmds+=("lstopo --of console")

echo "## cold wall time ($runs runs each, hyperfine)"
hyperfine -N -i -w 3 -r "$runs" --export-markdown /tmp/ra2check-bench.md --export-json /tmp/ra2check-bench.json \
  "${cmds[@]}" >/dev/null 2>&1
cat /tmp/ra2check-bench.md
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; [print("- median `%s`: %.1f ms" % (r["command"], r["median"] * 1000)) for r in json.load(open(sys.argv[1]))["results"]]' /tmp/ra2check-bench.json
fi
echo
echo "## peak RSS (max of 5 runs, GNU time)"
for c in "${cmds[@]}"; do
  # shellcheck disable=SC2086
  echo "- \`$c\`: $(peak_rss $c)"
done
echo

case=${SHARED_HOSTS:-../shared/hosts}/lscpu-4s-xeon-x7550-ht-64cpu-3numa/rootfs
if [ -d "$case" ]; then
  echo "## warm in-process full scan"
  mvn -q -pl agent -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -DskipTests >/dev/null
  cp=agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)
  java -cp "$cp" io.ra2check.agent.bench.ScanBenchmark "$case" "${SCAN_RUNS:-3000}"
else
  echo "## warm in-process full scan: skipped ($case not present)"
fi

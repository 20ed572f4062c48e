#!/usr/bin/env bash
# Growth of a warm scan with the host's size (issue 15.1): generated host trees of 8-512 CPUs, 4-64 ports, up to
# 512 VFs (agent/src/test/.../bench/GrowthBenchmark.java). Prints a Markdown table for docs/performance.md.
# Build first: mvn -q -pl agent -am package -DskipTests && mvn -q -pl agent test-compile
# Usage: bench/growth-bench.sh [iterations] [live]   (live: one more row, this host through LiveHostFs)
set -euo pipefail
cd "$(dirname "$0")/.."
cp=agent/target/ra2check.jar:agent/target/test-classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -version 2>&1 | head -1)"
java -XX:+UseSerialGC -Xmx256m -cp "$cp" io.ra2check.agent.bench.GrowthBenchmark "$work" "${1:-300}" ${2:-}
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

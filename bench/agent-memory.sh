#!/usr/bin/env bash
# Steady memory and CPU of the agent in daemon mode (issue 15.0): `ra2check agent` through the launcher (the
# DaemonSet's JVM flags: Dockerfile ENTRYPOINT = ./ra2check flags) scanning this host every INTERVAL and posting
# each report to a trivial local HTTP sink, sampled every SAMPLE seconds for MINUTES minutes:
#   t_s, rss_kib (/proc/PID/status VmRSS), cpu_ticks (/proc/PID/stat utime+stime), scans (from /metrics), load1
# At the end it prints min/max RSS, the least-squares slope of RSS over the last 40 minutes (or the last 2/3 of the
# run when shorter) and CPU per scan. The jar is copied first so that rebuilds do not disturb the run.
# Build first: mvn -B -o -q -DskipTests package -pl agent -am
# Usage: bench/agent-memory.sh [minutes=60] [interval=10s] [sample_s=30] [out.csv]
#        bench/agent-memory.sh --summary out.csv      (summary of a run so far)
set -euo pipefail
cd "$(dirname "$0")/.."

summary() {
  awk -F, -v hz="$(getconf CLK_TCK)" '
    NR == 1 { next }
    { n++; t[n] = $1; r[n] = $2; c[n] = $3; s[n] = $4 }
    END {
      if (n < 2) { print "too few samples"; exit }
      min = r[1]; max = r[1]
      for (i = 1; i <= n; i++) { if (r[i] < min) min = r[i]; if (r[i] > max) max = r[i] }
      span = t[n] - t[1]; from = t[n] - (span >= 3600 ? 2400 : span * 2 / 3)
      k = 0; sx = sy = sxx = sxy = 0
      for (i = 1; i <= n; i++) if (t[i] >= from) { k++; x = t[i] / 60; y = r[i] / 1024; sx += x; sy += y; sxx += x*x; sxy += x*y }
      slope = (k * sxy - sx * sy) / (k * sxx - sx * sx)
      # CPU per scan after the first sample (start-up and the first scans excluded)
      ds = s[n] - s[1]; dc = c[n] - c[1]
      printf "samples %d over %.1f min; RSS min %.1f MiB, max %.1f MiB, last %.1f MiB\n", n, span / 60, min / 1024, max / 1024, r[n] / 1024
      printf "RSS slope over the last %.1f min (%d samples, least squares): %+.4f MiB/min (%+.2f MiB/h)\n", (t[n] - from) / 60, k, slope, slope * 60
      printf "CPU: %.2f s total; %d scans after the first sample, %.1f ms CPU per scan (incl. post, /metrics scrapes, GC, JIT)\n", c[n] / hz, ds, (ds > 0 ? dc * 1000 / hz / ds : 0)
    }' "$1"
}
if [ "${1:-}" = --summary ]; then summary "$2"; exit; fi

minutes=${1:-60}
interval=${2:-10s}
sample=${3:-30}
dir=$(mktemp -d /tmp/ra2check-mem.XXXXXX)
out=${4:-$dir/agent-memory.csv}
cp agent/target/ra2check.jar "$dir/ra2check.jar"
cp ra2check "$dir/ra2check"
echo "dummy-token" > "$dir/token"

# a sink that stores nothing and answers every PUT (the agent's report) with 200 "stored" (python3 -m http.server
# answers PUT and POST with 501)
cat > "$dir/sink.py" <<'EOF'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_PUT(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200); self.send_header('Content-Length', '0'); self.end_headers()
    do_POST = do_PUT
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
EOF
python3 "$dir/sink.py" > "$dir/sink.port" &
sink=$!
for _ in $(seq 50); do [ -s "$dir/sink.port" ] && break; sleep 0.1; done
sink_port=$(cat "$dir/sink.port")
listen_port=$(( 20000 + RANDOM % 20000 ))

# AGENT_JAVA_FLAGS="..." runs java with those flags instead of the launcher's (to compare JVM settings)
if [ -n "${AGENT_JAVA_FLAGS:-}" ]; then
  launch=(java $AGENT_JAVA_FLAGS -jar "$dir/ra2check.jar")
else
  launch=(env RA2CHECK_JAR="$dir/ra2check.jar" "$dir/ra2check")
fi
echo "command: ${launch[*]}"
"${launch[@]}" agent --root / --interval "$interval" \
  --collector-url "http://127.0.0.1:$sink_port" --token-file "$dir/token" --listen "127.0.0.1:$listen_port" \
  --node-name bench-node > "$dir/agent.log" 2>&1 &
agent=$!
trap 'kill "$agent" "$sink" 2>/dev/null || true' EXIT
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -version 2>&1 | head -1)"
echo "agent pid $agent, sink :$sink_port, metrics :$listen_port, interval $interval, $minutes min, csv $out"

echo "t_s,rss_kib,cpu_ticks,scans,load1" > "$out"
start=$(date +%s)
end=$(( start + minutes * 60 ))
sleep 5
while kill -0 "$agent" 2>/dev/null; do
  now=$(date +%s)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$agent/status")
  # utime, stime are fields 14 and 15; the command name (2) has no spaces here (java)
  cpu=$(awk '{print $14 + $15}' "/proc/$agent/stat")
  scans=$(curl -s --max-time 5 "http://127.0.0.1:$listen_port/metrics" | awk '/^ra2check_agent_scans_total/ {print $2}' || true)
  echo "$(( now - start )),$rss,$cpu,${scans:-0},$(cut -d' ' -f1 /proc/loadavg)" >> "$out"
  [ "$now" -ge "$end" ] && break
  sleep "$sample"
done
echo "posts: $(curl -s "http://127.0.0.1:$listen_port/metrics" | grep '^ra2check_agent_posts_total' | tr '\n' ' ')"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
summary "$out"

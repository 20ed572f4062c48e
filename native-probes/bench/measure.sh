#!/bin/sh
# Measures the native probe pass on this machine: warm (repeated in one JVM) and cold (extra wall time of the first
# call in a fresh JVM, against a baseline run of the same main that prints a report of the same shape without any
# native call). Figures and method are recorded in docs/native-probes.md.
#
#   native-probes/bench/measure.sh            from the repository root, after `mvn -pl native-probes -am verify`
#
# Needs hyperfine (apt-get install -y hyperfine). Run it on a quiet machine: other processes competing for the CPUs
# show up directly in the tails of both figures, so the load average is printed alongside.
set -eu

cd "$(dirname "$0")/../.."
classes=native-probes/target/classes
[ -d "$classes" ] || { echo "build first: mvn -q -pl native-probes -am verify -DskipFuzz" >&2; exit 1; }
cpfile=$(mktemp)
mvn -q -o -pl native-probes dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$cpfile"
cp="$classes:$(cat "$cpfile")"
rm -f "$cpfile"
main=io.ra2check.nativeprobes.NativeProbeMain
runs=${RUNS:-40}

echo "== machine"
echo "cpus: $(nproc)  kernel: $(uname -r)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -n 2
echo "interfaces: $(ls /sys/class/net | tr '\n' ' ')"

echo "== warm: whole pass over every interface, 5000 passes after 2000 warm-up passes, three JVMs"
for i in 1 2 3; do java -cp "$cp" "$main" --warm 5000; done

echo "== cold: first call in a fresh JVM, as measured inside that JVM"
for i in 1 2 3; do java -cp "$cp" "$main" | tail -n 1; done

# hyperfine's CSV has command,mean,stddev,median,user,system,min,max (seconds); the difference of the medians and of
# the minima is the cold cost of the probe, the minima being the least disturbed by other load.
compare() {
    csv=$(mktemp)
    hyperfine -N -w 5 -r "$runs" --export-csv "$csv" "$@"
    awk -F, 'NR == 2 { bm = $4; bn = $7 } NR == 3 { printf "probe extra: median %.1f ms, min %.1f ms\n", ($4 - bm) * 1000, ($7 - bn) * 1000 }' "$csv"
    rm -f "$csv"
}

# Other load drifts during a hyperfine run (all baseline runs first, then all probe runs), so the pairs are also run
# interleaved: baseline, probe, baseline, probe ... and the per-pair difference summarised.
interleaved() {
    name=$1; shift
    diffs=$(mktemp)
    i=0
    while [ "$i" -lt "$runs" ]; do
        t0=$(date +%s%N); java -cp "$cp" "$main" --baseline > /dev/null
        t1=$(date +%s%N); java "$@" -cp "$cp" "$main" > /dev/null
        t2=$(date +%s%N)
        echo "$(( (t2 - t1) - (t1 - t0) ))" >> "$diffs"
        i=$((i + 1))
    done
    sort -n "$diffs" | awk -v name="$name" '{ d[NR] = $1 / 1e6 } END {
        printf "%s: extra wall time per JVM run over %d interleaved pairs: p25 %.1f ms, median %.1f ms, p75 %.1f ms\n",
            name, NR, d[int(NR * 0.25) + 1], d[int(NR * 0.5) + 1], d[int(NR * 0.75) + 1] }'
    rm -f "$diffs"
}

echo "== cold: whole JVM runs, probe vs. baseline (same main, same report shape, nothing native)"
compare -n baseline "java -cp $cp $main --baseline" -n probe "java -cp $cp $main"

echo "== cold with libjnidispatch pre-unpacked (jna.boot.library.path): no temp-file extraction, no SecureRandom"
bootdir=$(mktemp -d)
arch=$(java -cp "$cp" -XshowSettings:properties -version 2>&1 | awk '/os.arch =/ {print $3}')
case "$arch" in amd64) prefix=linux-x86-64 ;; aarch64) prefix=linux-aarch64 ;; *) prefix=linux-$arch ;; esac
unzip -q -j -o "$(echo "$cp" | tr ':' '\n' | grep '/jna-[0-9.]*\.jar$')" "com/sun/jna/$prefix/libjnidispatch.so" -d "$bootdir"
compare -n baseline "java -cp $cp $main --baseline" \
    -n probe-preunpacked "java -Djna.boot.library.path=$bootdir -Djna.nounpack=true -cp $cp $main"

echo "== cold, pre-unpacked and jna.platform.library.path set: JNA skips spawning 'ldconfig -p' for its search path"
compare -n baseline "java -cp $cp $main --baseline" \
    -n probe-preunpacked-nosearch "java -Djna.boot.library.path=$bootdir -Djna.nounpack=true -Djna.platform.library.path=/usr/lib:/lib -cp $cp $main"
echo "== cold, interleaved pairs"
interleaved "default JNA loading"
interleaved "pre-unpacked" "-Djna.boot.library.path=$bootdir" -Djna.nounpack=true
interleaved "pre-unpacked, no ldconfig" "-Djna.boot.library.path=$bootdir" -Djna.nounpack=true -Djna.platform.library.path=/usr/lib:/lib
rm -rf "$bootdir"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

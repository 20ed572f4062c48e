#!/bin/sh
# Measures the native probe pass on this machine: warm (repeated in one JVM) and cold (extra wall time of the first
# call in a fresh JVM, against a baseline run of the same main that prints a report of the same shape without any
# native call). Figures and method are recorded in docs/native-probes.md.
#
#   native-probes/bench/measure.sh            from the repository root, after `mvn -pl native-probes -am verify`
#   RUNS=60 native-probes/bench/measure.sh    more JVM runs per cold figure (default 40)
#
# Needs hyperfine (apt-get install -y hyperfine). Other processes competing for the CPUs lengthen the tails of every
# figure, so the load average is printed, and the cold figures are given as low percentiles (p10: the runs least
# disturbed) as well as medians.
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

# p10 / median / p90 of a file of numbers (milliseconds)
stats() {
    sort -n "$1" | awk '{ v[NR] = $1 } END {
        printf "p10 %.1f ms, median %.1f ms, p90 %.1f ms (%d runs)", v[int(NR * 0.1) + 1], v[int(NR * 0.5) + 1],
            v[int(NR * 0.9) + 1], NR }'
}

echo "== machine"
echo "cpus: $(nproc)  kernel: $(uname -r)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -n 2
echo "interfaces: $(ls /sys/class/net | tr '\n' ' ')"

echo "== warm: whole pass over every interface, 5000 passes after 2000 warm-up passes, three JVMs"
for i in 1 2 3; do java -cp "$cp" "$main" --warm 5000; done

echo "== cold: the first probe call, timed inside a fresh JVM"
first=$(mktemp)
i=0
while [ "$i" -lt "$runs" ]; do
    java -cp "$cp" "$main" | awk '/^first probe call/ { print $7 }' >> "$first"
    i=$((i + 1))
done
echo "first call: $(stats "$first")"
rm -f "$first"

echo "== cold: whole JVM runs with hyperfine, probe vs. baseline (same main, same report shape, nothing native)"
hyperfine -N -w 5 -r "$runs" -n baseline "java -cp $cp $main --baseline" -n probe "java -cp $cp $main"

# Baseline and probe runs alternate, so that load drifting over the minutes of a run hits both alike.
interleaved() {
    name=$1; shift
    base=$(mktemp); probe=$(mktemp)
    i=0
    while [ "$i" -lt "$runs" ]; do
        t0=$(date +%s%N); java -cp "$cp" "$main" --baseline > /dev/null
        t1=$(date +%s%N); java "$@" -cp "$cp" "$main" > /dev/null
        t2=$(date +%s%N)
        echo "$(( (t1 - t0) / 1000 ))" | awk '{ print $1 / 1000 }' >> "$base"
        echo "$(( (t2 - t1) / 1000 ))" | awk '{ print $1 / 1000 }' >> "$probe"
        i=$((i + 1))
    done
    echo "$name"
    echo "  baseline JVM: $(stats "$base")"
    echo "  probe JVM:    $(stats "$probe")"
    bp10=$(sort -n "$base" | awk '{ v[NR] = $1 } END { print v[int(NR * 0.1) + 1] }')
    pp10=$(sort -n "$probe" | awk '{ v[NR] = $1 } END { print v[int(NR * 0.1) + 1] }')
    bmed=$(sort -n "$base" | awk '{ v[NR] = $1 } END { print v[int(NR * 0.5) + 1] }')
    pmed=$(sort -n "$probe" | awk '{ v[NR] = $1 } END { print v[int(NR * 0.5) + 1] }')
    awk -v a="$bp10" -v b="$pp10" -v c="$bmed" -v d="$pmed" \
        'BEGIN { printf "  probe extra:  %.1f ms at p10, %.1f ms at the median\n", b - a, d - c }'
    rm -f "$base" "$probe"
}

bootdir=$(mktemp -d)
arch=$(java -XshowSettings:properties -version 2>&1 | awk '/os.arch =/ {print $3}')
case "$arch" in amd64) prefix=linux-x86-64 ;; aarch64) prefix=linux-aarch64 ;; *) prefix=linux-$arch ;; esac
unzip -q -j -o "$(echo "$cp" | tr ':' '\n' | grep '/jna-[0-9.]*\.jar$')" "com/sun/jna/$prefix/libjnidispatch.so" -d "$bootdir"

echo "== cold: whole JVM runs, interleaved with the baseline"
interleaved "default JNA loading (unpacks libjnidispatch to a temp file)"
interleaved "libjnidispatch pre-unpacked (-Djna.boot.library.path, -Djna.nounpack=true)" \
    "-Djna.boot.library.path=$bootdir" -Djna.nounpack=true
interleaved "pre-unpacked, and -Djna.platform.library.path set (JNA skips spawning 'ldconfig -p')" \
    "-Djna.boot.library.path=$bootdir" -Djna.nounpack=true -Djna.platform.library.path=/usr/lib:/lib
rm -rf "$bootdir"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

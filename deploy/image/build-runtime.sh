#!/bin/sh
# Makes the Java runtime of the ra2check image: a jlink'd JRE holding only the modules the given jars use, with the
# JDK's own class-data-sharing archive. Run by the Dockerfile's build stage, and by ImageRuntimeTest on this machine.
#
#   build-runtime.sh OUTPUT_DIR JAR...        (jlink and jdeps from $JAVA_HOME/bin, else from PATH)
set -eu

if [ $# -lt 2 ]; then
  echo "usage: build-runtime.sh OUTPUT_DIR JAR..." >&2
  exit 2
fi
out=$1
shift
bin=${JAVA_HOME:+$JAVA_HOME/bin/}
if [ -e "$out" ]; then
  echo "build-runtime: $out already exists" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

modules=""
n=0
for jar in "$@"; do
  if [ ! -f "$jar" ]; then
    echo "build-runtime: $jar not found (build it first: mvn -DskipTests package)" >&2
    exit 2
  fi
  # absolute: the jar is unpacked from inside the scratch directory (the Dockerfile passes paths relative to /src)
  case $jar in /*) ;; *) jar=$PWD/$jar ;; esac
  n=$((n + 1))
  mkdir "$work/$n"
  # jdeps reads a shaded multi-release jar as using java.base alone: unpack it, and leave out the per-release copies
  # of classes (META-INF/versions), which use the same modules as the classes they stand in for
  (cd "$work/$n" && "${bin}jar" xf "$jar")
  rm -rf "$work/$n/META-INF/versions"
  modules="$modules,$("${bin}jdeps" --ignore-missing-deps --print-module-deps "$work/$n")"
done

# What jdeps cannot see, because it is only reached by reflection or by the TLS provider list:
#   jdk.crypto.ec    elliptic-curve TLS key exchange and certificates (agent -> collector, collector -> API server)
#   jdk.unsupported  sun.misc.Unsafe, which JNA and Netty look up reflectively
modules=$(printf '%s\n' "$modules,jdk.crypto.ec,jdk.unsupported" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
echo "build-runtime: modules $modules"

"${bin}jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --generate-cds-archive --output "$out"
# jlink writes a second JDK archive for heaps without compressed oops (-XX:-UseCompressedOops, heaps over 32 GiB);
# the agent runs with -Xmx64m and the collector with a few hundred MiB, so it would never be mapped: 10 MiB less
rm -f "$out"/lib/server/classes_nocoops.jsa

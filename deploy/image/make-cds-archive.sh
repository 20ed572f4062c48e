#!/bin/sh
# Makes the image's class-data-sharing archive for ra2check.jar the way the ./ra2check launcher does on first use:
# a training run records the classes a check loads, then a static archive is dumped from that list (a static
# archive, unlike a dynamic one, can hold picocli's pre-Java-6 class files). Run in the Dockerfile's final stage
# with the image's own JVM and jar (an archive only maps for the JVM and jar it was made from), and by
# ImageRuntimeTest.
#
#   make-cds-archive.sh JAVA JAR ARCHIVE
set -eu

if [ $# -ne 3 ]; then
  echo "usage: make-cds-archive.sh JAVA JAR ARCHIVE" >&2
  exit 2
fi
java=$1
jar=$2
archive=$3

# The launcher's flags (./ra2check), which the image's ENTRYPOINT also uses: an archive is only mapped by a JVM
# started with a compatible heap and GC. DockerfileTest keeps the three lists equal.
flags="-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xms8m -Xmn4m -Xmx64m -Xss512k -XX:ReservedCodeCacheSize=16m -XX:-UsePerfData"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Training: a check of the build machine. It exits 1 when that machine fails requirements, which is expected; the
# class list is what counts. JNA unpacks into the scratch directory, not into the image's /tmp.
# shellcheck disable=SC2086
"$java" $flags -Djna.tmpdir="$work" -XX:DumpLoadedClassList="$work/classes.lst" -jar "$jar" check --output json \
  >"$work/training.log" 2>&1 || true
if [ ! -s "$work/classes.lst" ]; then
  echo "make-cds-archive: the training run loaded no classes:" >&2
  cat "$work/training.log" >&2
  exit 1
fi

# shellcheck disable=SC2086
if ! "$java" $flags -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$archive" \
  -cp "$jar" >"$work/dump.log" 2>&1; then
  echo "make-cds-archive: dumping $archive failed:" >&2
  cat "$work/dump.log" >&2
  exit 1
fi

# Proof: -Xshare:on refuses to start unless the archive maps for this JVM, these flags and this jar.
# shellcheck disable=SC2086
"$java" $flags -XX:SharedArchiveFile="$archive" -Xshare:on -jar "$jar" --version >/dev/null
echo "make-cds-archive: $archive ($(wc -l <"$work/classes.lst") classes)"

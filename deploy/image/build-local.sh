#!/usr/bin/env bash
# Builds the real Dockerfile with podman on a machine without a Docker daemon and without Docker Hub, then runs what
# the image holds and compares it with the jar outside the image. docs/performance.md ("The image") has the figures.
#
#   sudo deploy/image/build-local.sh [--online] [--runs N] [--remove-image]
#
# 1. Stand-in base images, made from Debian packages when podman storage lacks them (mmdebstrap + podman import):
#      $RUNTIME_STANDIN  Debian 12 minbase with the slim image's dpkg excludes (the debian:12-slim stand-in)
#      $BUILD_STANDIN    Debian 12 with openjdk-17-jdk-headless (it holds the jmods jlink needs), maven and binutils
#                        (Debian's jlink runs objcopy for --strip-debug)
# 2. podman build --isolation=chroot of ./Dockerfile with BUILD_IMAGE/RUNTIME_IMAGE pointing at them. By default the
#    build's Maven runs offline on this machine's ~/.m2 mounted read-only (fast, nothing written to it; needs a
#    previous `mvn package` or `mvn verify` here); --online downloads from Maven Central inside the build instead.
# 3. The image is mounted (podman image mount) and run with chroot, in a private mount namespace so no mount
#    outlives the script: a writable tmpfs layer on top, /proc, /sys, /dev and /tmp as a container has them, and this
#    machine's / (not recursive), /proc and /sys read-only under /host, as the DaemonSet's hostPath mounts give them:
#      a. the image's ENTRYPOINT with `check --root /host --mounted --output json`, as root (as the chart runs it)
#      b. `java -jar agent/target/ra2check.jar check --root / --output json` outside the image
#      c. the collector jar's --help in the image, as the image's user (65532)
#      d. the image size, and the cold check time in the image (a new JVM per run; median of --runs, default 5)
#    (a) and (b) must give the same requirement IDs with the same statuses; differing `actual` texts are listed.
# Exit status: 0 all equal, 1 a verdict differs or a step failed, 2 a missing prerequisite.
#
# Environment: BUILD_STANDIN, RUNTIME_STANDIN, IMAGE (the tag built), DEBIAN_MIRROR, SUITE, OUT (where the outputs
# go, default bench-out/image), M2_REPO (default ~/.m2/repository).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

BUILD_STANDIN=${BUILD_STANDIN:-localhost/ra2check-standin/maven-jdk17:bookworm}
RUNTIME_STANDIN=${RUNTIME_STANDIN:-localhost/ra2check-base/debian:12-slim}
IMAGE=${IMAGE:-localhost/ra2check:local}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
SUITE=${SUITE:-bookworm}
OUT=${OUT:-$repo/bench-out/image}
M2_REPO=${M2_REPO:-$HOME/.m2/repository}
runs=5
online=false
keep_image=true

while [ $# -gt 0 ]; do
  case $1 in
    --online) online=true ;;
    --runs) runs=$2; shift ;;
    --runs=*) runs=${1#--runs=} ;;
    --remove-image) keep_image=false ;;
    --keep-image) keep_image=true ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-local: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf 'build-local: %s\n' "$*" >&2; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

[ "$(id -u)" = 0 ] || { say "needs root (podman image mount, chroot, mount namespaces): run with sudo"; exit 2; }
for tool in podman unshare chroot python3 java; do
  command -v "$tool" >/dev/null || { say "$tool not found (apt-get install podman mmdebstrap python3)"; exit 2; }
done
jar=$repo/agent/target/ra2check.jar
[ -f "$jar" ] || { say "$jar not found: build it first (mvn -B -q -DskipTests package)"; exit 2; }
if [ "$online" = false ] && [ ! -d "$M2_REPO" ]; then
  say "$M2_REPO not found: run mvn package here first, or use --online"; exit 2
fi

mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt "$OUT"/*.log
started=$(now_ms)

# ---- 1. stand-in base images ------------------------------------------------------------------------------------
sources=("deb $DEBIAN_MIRROR $SUITE main" "deb $DEBIAN_MIRROR $SUITE-updates main"
         "deb $SECURITY_MIRROR $SUITE-security main")
# debian:12-slim's dpkg excludes (docs, man pages, locales; the copyright files stay), for the runtime stand-in only:
# without /usr/share/man/man1 the JDK's postinst fails (update-alternatives links its man pages there)
apt_opts=(--aptopt='Acquire::Languages "none"'
          --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/*.log')
slim=(--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*'
      --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/info/*'
      --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias'
      --dpkgopt='path-exclude=/usr/share/lintian/*')

standin() { # NAME VARIANT INCLUDE SLIM CHANGES...
  local name=$1 variant=$2 include=$3 opts=("${apt_opts[@]}")
  [ "$4" = slim ] && opts+=("${slim[@]}")
  shift 4
  if podman image exists "$name"; then
    say "stand-in $name present"
    return
  fi
  command -v mmdebstrap >/dev/null || { say "mmdebstrap not found (apt-get install mmdebstrap)"; exit 2; }
  say "making stand-in $name (mmdebstrap --variant=$variant${include:+ --include=$include})"
  local t0 tar
  t0=$(now_ms)
  tar=$(mktemp --tmpdir ra2check-standin.XXXXXX.tar)
  # merged /usr made by the hook, not by the usrmerge package (which would pull perl, 45 MiB, into the image)
  mmdebstrap --mode=root --variant="$variant" --hook-dir=/usr/share/mmdebstrap/hooks/maybe-merged-usr ${include:+--include="$include"} "${opts[@]}" \
    --format=tar "$SUITE" "$tar" "${sources[@]}" >"$OUT/mmdebstrap-${name##*/}.log" 2>&1 \
    || { cat "$OUT/mmdebstrap-${name##*/}.log" >&2; rm -f "$tar"; exit 1; }
  local change=()
  for c in "$@"; do change+=(--change "$c"); done
  podman import "${change[@]}" "$tar" "$name" >/dev/null
  rm -f "$tar"
  say "stand-in $name made in $(( ($(now_ms) - t0) / 1000 )) s"
}
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
t_standins=$(now_ms)
standin "$RUNTIME_STANDIN" minbase "" slim 'CMD ["bash"]'
standin "$BUILD_STANDIN" apt openjdk-17-jdk-headless,maven,binutils full \
  "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch" 'CMD ["mvn", "--version"]'
t_standins=$(( $(now_ms) - t_standins ))

# ---- 2. the real Dockerfile ---------------------------------------------------------------------------------------
build=(podman build --isolation=chroot --pull=never --layers=false
       --build-arg BUILD_IMAGE="$BUILD_STANDIN" --build-arg RUNTIME_IMAGE="$RUNTIME_STANDIN" -t "$IMAGE")
if [ "$online" = false ]; then
  # the host's repository read-only, and Maven offline: the build cannot write to it or fetch anything
  build+=(--volume "$M2_REPO:/m2-host:ro" --build-arg MAVEN_FLAGS="-o -Dmaven.repo.local=/m2-host")
fi
say "${build[*]} ."
t_build=$(now_ms)
previous=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
"${build[@]}" . >"$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log" >&2; say "the image build failed"; exit 1; }
t_build=$(( $(now_ms) - t_build ))
# the image this tag named before is left untagged by the new build: removed, unless something still uses it
if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  podman image rm "$previous" >/dev/null 2>&1 || true
fi
grep -E '^(build-runtime|make-cds-archive):' "$OUT/build.log" >&2 || true
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(podman image inspect --format '{{.Size}}' "$RUNTIME_STANDIN")
entrypoint=$(podman image inspect --format '{{json .Config.Entrypoint}}' "$IMAGE")
imgenv=$(podman image inspect --format '{{json .Config.Env}}' "$IMAGE")
user=$(podman image inspect --format '{{.Config.User}}' "$IMAGE")

# ---- 3. run what the image holds ----------------------------------------------------------------------------------
mnt=""
work=$(mktemp -d --tmpdir ra2check-image.XXXXXX)
cleanup() {
  [ -n "$mnt" ] && podman image unmount "$IMAGE" >/dev/null 2>&1 || true
  rm -rf "$work"
  if [ "$keep_image" = false ]; then podman image rm "$IMAGE" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
mnt=$(podman image mount "$IMAGE")
say "image mounted at $mnt"

# The runs, in one private mount namespace: every mount below ends with it.
python3 - "$entrypoint" "$imgenv" >"$work/argv" <<'EOF'
import json, sys, shlex
print(" ".join(shlex.quote(a) for a in json.loads(sys.argv[1])))
print(" ".join(shlex.quote(e) for e in json.loads(sys.argv[2])))
EOF
cat >"$work/inside.sh" <<'EOF'
set -eu
image=$1 work=$2 out=$3 runs=$4 user=$5
root=$work/root
mount --make-rprivate /
# a container's writable layer: the image read-only underneath, a tmpfs on top
mkdir -p "$work/layer"
mount -t tmpfs -o mode=0755 layer "$work/layer"
mkdir -p "$work/layer/upper" "$work/layer/work" "$root"
mount -t overlay overlay -o "lowerdir=$image,upperdir=$work/layer/upper,workdir=$work/layer/work" "$root"
# what the container runtime gives every container
mount -t proc proc "$root/proc"
mount -t sysfs -o ro sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=1777 tmp "$root/tmp"
# the host under /host, read-only: its root filesystem (no submounts), and its /proc and /sys
mkdir -p "$root/host"
mount --bind / "$root/host"
mount -o remount,bind,ro "$root/host"
mount --rbind /proc "$root/host/proc"
mount --rbind /sys "$root/host/sys"
mount -o remount,bind,ro "$root/host/sys"
{ read -r argv; read -r envs; } <"$work/argv"
eval "set -- $argv"
entry=("$@")
eval "set -- $envs"
envs=("$@")
in_image() { chroot "$root" /usr/bin/env -i "${envs[@]}" HOME=/root "$@"; }

# a. the agent's check of the host, as the DaemonSet runs it
set +e
in_image "${entry[@]}" check --root /host --mounted --output json >"$out/image.json" 2>"$out/image.stderr.txt"
echo $? >"$out/image.rc.txt"
set -e
# c. the collector's --help, as the image's user, with the chart's java and jar paths
set +e
chroot --userspec="$user" "$root" /usr/bin/env -i "${envs[@]}" HOME=/tmp \
  /opt/java/bin/java -jar /opt/ra2check/ra2check-collector.jar --help >"$out/collector-help.txt" 2>&1
echo $? >"$out/collector-help.rc.txt"
set -e
# d. cold checks: a new JVM each, the archive made at build time
for i in $(seq "$runs"); do
  t0=$(date +%s%N)
  in_image "${entry[@]}" check --root /host --mounted --output json >/dev/null 2>&1 || true
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
done >"$out/image-cold-ms.txt"
# the sizes of the parts, and whether the archive maps (-Xshare:on refuses to start otherwise)
du -sk "$root/opt/java" "$root/opt/ra2check"/* | sed "s|$root||" >"$out/image-parts.txt"
in_image "${entry[0]}" $(printf '%s\n' "${entry[@]}" | grep -E '^-X|^-D' | sed 's/^-Xshare:auto$/-Xshare:on/') \
  -jar /opt/ra2check/ra2check.jar --version >"$out/image-version.txt" 2>&1 && echo on >"$out/image-cds.txt" \
  || echo off >"$out/image-cds.txt"
EOF
say "running the image with chroot"
unshare --mount bash "$work/inside.sh" "$mnt" "$work" "$OUT" "$runs" "${user:-0:0}"

# b. the same check by the jar outside the image
set +e
java -jar "$jar" check --root / --output json >"$OUT/host.json" 2>"$OUT/host.stderr.txt"
echo $? >"$OUT/host.rc.txt"
set -e
for i in $(seq "$runs"); do
  t0=$(now_ms)
  java -jar "$jar" check --root / --output json >/dev/null 2>&1 || true
  echo $(( $(now_ms) - t0 ))
done >"$OUT/host-cold-ms.txt"
# and by the launcher, for scale: the same JVM flags with the archive it makes on first use (the first call, which
# makes it, is not timed)
./ra2check check --output json >/dev/null 2>&1 || true
for i in $(seq "$runs"); do
  t0=$(now_ms)
  ./ra2check check --root / --output json >/dev/null 2>&1 || true
  echo $(( $(now_ms) - t0 ))
done >"$OUT/launcher-cold-ms.txt"

# ---- compare and report -------------------------------------------------------------------------------------------
status=0
python3 - "$OUT/image.json" "$OUT/host.json" >"$OUT/compare.txt" <<'EOF' || status=1
import json, sys
def load(p):
    try:
        with open(p) as f:
            return {v["id"]: v for v in json.load(f)["verdicts"]}
    except Exception as e:
        print(f"{p}: no report ({e})")
        sys.exit(1)
image, host = load(sys.argv[1]), load(sys.argv[2])
bad = False
for i in sorted(set(image) | set(host)):
    a, b = image.get(i), host.get(i)
    if a is None or b is None:
        print(f"MISMATCH {i}: only {'outside' if a is None else 'in the image'}")
        bad = True
    elif a["status"] != b["status"]:
        print(f"MISMATCH {i}: image {a['status']} ({a.get('actual')}) / outside {b['status']} ({b.get('actual')})")
        bad = True
    elif a.get("actual") != b.get("actual"):
        print(f"same status {i} {a['status']}: actual differs: image {a.get('actual')!r} / outside {b.get('actual')!r}")
print(f"{'MISMATCH' if bad else 'SAME'}: {len(image)} verdicts in the image, {len(host)} outside; "
      + ", ".join(f"{i} {image[i]['status']}" for i in sorted(image)))
sys.exit(1 if bad else 0)
EOF
collector_rc=$(cat "$OUT/collector-help.rc.txt")
if [ "$collector_rc" != 0 ] || ! grep -qi usage "$OUT/collector-help.txt"; then
  say "the collector's --help failed in the image (exit $collector_rc):"; cat "$OUT/collector-help.txt" >&2
  status=1
fi
for rc in image host; do
  r=$(cat "$OUT/$rc.rc.txt")
  if [ "$r" -ge 2 ]; then say "the $rc check could not run (exit $r):"; cat "$OUT/$rc.stderr.txt" >&2; status=1; fi
done

total=$(( ($(now_ms) - started) / 1000 ))
{
  echo "image            $IMAGE ($BUILD_STANDIN -> $RUNTIME_STANDIN; maven $([ "$online" = true ] && echo online || echo "offline on $M2_REPO, read-only"))"
  echo "size             $size bytes ($(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1048576}') MiB)"
  echo "base             $RUNTIME_STANDIN $(awk -v s="$base_size" 'BEGIN {printf "%.1f", s / 1048576}') MiB; added on it:"
  echo "parts            $(tr '\t' ' ' <"$OUT/image-parts.txt" | awk '{printf "%s%s %.1f MiB", (NR > 1 ? ", " : ""), $2, $1 / 1024}')"
  echo "cds archive      $(cat "$OUT/image-cds.txt") (-Xshare:on with the ENTRYPOINT's flags)"
  echo "cold check       image median $(median <"$OUT/image-cold-ms.txt") ms ($(paste -sd' ' "$OUT/image-cold-ms.txt")); outside java -jar median $(median <"$OUT/host-cold-ms.txt") ms ($(paste -sd' ' "$OUT/host-cold-ms.txt")); outside ./ra2check median $(median <"$OUT/launcher-cold-ms.txt") ms ($(paste -sd' ' "$OUT/launcher-cold-ms.txt"))"
  echo "check exit       image $(cat "$OUT/image.rc.txt"), outside $(cat "$OUT/host.rc.txt")"
  echo "verdicts         $(tail -1 "$OUT/compare.txt")"
  grep -v '^SAME\|^MISMATCH:' "$OUT/compare.txt" | sed 's/^/                 /' || true
  echo "collector --help exit $collector_rc: $(head -1 "$OUT/collector-help.txt")"
  echo "wall time        ${total} s (stand-ins $(( t_standins / 1000 )) s, podman build $(( t_build / 1000 )) s)"
  echo "machine          $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
} | tee "$OUT/summary.txt"
[ "$status" = 0 ] || say "FAILED: see $OUT"
exit "$status"

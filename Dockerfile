# syntax=docker/dockerfile:1.7
# The ra2check image: one image for the agent (its ENTRYPOINT: ra2check.jar, the same CLI as ./ra2check) and the
# collector (the chart runs /opt/java/bin/java -jar /opt/ra2check/ra2check-collector.jar). docs/deploy.md:
#
#   docker build -t ra2check:0.1.0 .
#
# Base images are pinned to exact versions; add their digests (@sha256:...) where your registry policy asks. Both
# are build arguments, so a mirror or a stand-in built from Debian packages can take their place (deploy/image/
# build-local.sh does that with podman); MAVEN_FLAGS adds to the build's mvn command line (e.g. "-o" with a
# prefilled repository, or "-s /path/settings.xml" for a mirror). The defaults build from the public images.
#   BUILD_IMAGE    a JDK 17 (with jmods, for jlink) and Maven 3.8 or later, mvn and jlink on PATH
#   RUNTIME_IMAGE  a glibc Linux with /bin/sh; nothing else of it is used
ARG BUILD_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=debian:12.8-slim

# ---- build: the jars, and a Java runtime with only the modules they use ------------------------------------------
FROM ${BUILD_IMAGE} AS build
ARG MAVEN_FLAGS=
WORKDIR /src
COPY . .
# the Maven cache survives between builds (BuildKit cache mount), not in any layer
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dmaven.test.skip=true -DskipFuzz ${MAVEN_FLAGS} -pl agent,collector -am package
RUN sh deploy/image/build-runtime.sh /opt/java agent/target/ra2check.jar collector/target/ra2check-collector.jar

# ---- runtime: the jlink'd JRE, the two jars and the CDS archive; no JDK, no Maven, no sources ---------------------
FROM ${RUNTIME_IMAGE}
COPY --from=build /opt/java /opt/java
COPY --from=build /src/agent/target/ra2check.jar /src/collector/target/ra2check-collector.jar /opt/ra2check/
# the archive is made here, by the JVM and from the jar it will be used with (it maps for no other); the script is
# mounted from the build stage for this one step and is not left in the image
RUN --mount=type=bind,from=build,source=/src/deploy/image,target=/mnt/image \
    sh /mnt/image/make-cds-archive.sh /opt/java/bin/java /opt/ra2check/ra2check.jar /opt/ra2check/ra2check.jsa
ENV PATH=/opt/java/bin:$PATH
# non-root by default; the chart runs the agent as root (with no capability) only to read the SMBIOS table
USER 65532:65532
# the launcher's JVM flags (./ra2check) and its archive, plus a JNA scratch directory the chart mounts writable
ENTRYPOINT ["/opt/java/bin/java", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-Xms8m", "-Xmn4m", "-Xmx64m", "-Xss512k", "-XX:ReservedCodeCacheSize=16m", "-XX:-UsePerfData", "-XX:SharedArchiveFile=/opt/ra2check/ra2check.jsa", "-Xshare:auto", "-Djna.tmpdir=/tmp", "-jar", "/opt/ra2check/ra2check.jar"]
CMD ["--help"]

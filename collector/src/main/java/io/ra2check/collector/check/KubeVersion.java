package io.ra2check.collector.check;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes release as major.minor, read from a gitVersion ({@code v1.30.2}, {@code v1.29.3-eks-1}, ...). */
public record KubeVersion(int major, int minor) {
    private static final Pattern VERSION = Pattern.compile("^v?(\\d{1,4})\\.(\\d{1,4})(?:\\.\\d+)?(?:[-+].*)?$");

    public static Optional<KubeVersion> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(s.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

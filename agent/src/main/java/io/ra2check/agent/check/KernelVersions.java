package io.ra2check.agent.check;

/** Compares kernel releases ("5.14.0-427.el9.x86_64") by their numeric major.minor.patch prefix. */
final class KernelVersions {
    private KernelVersions() {
    }

    /** Negative, zero or positive as {@code release} is older than, as new as, or newer than {@code minimum}. */
    static int compare(String release, String minimum) {
        int[] a = parse(release);
        int[] b = parse(minimum);
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    static int[] parse(String release) {
        int[] v = new int[3];
        int part = 0;
        int i = 0;
        while (i < release.length() && part < 3) {
            char c = release.charAt(i);
            if (Character.isDigit(c)) {
                long n = 0;
                while (i < release.length() && Character.isDigit(release.charAt(i)) && n < 100_000) {
                    n = n * 10 + (release.charAt(i) - '0');
                    i++;
                }
                v[part++] = (int) n;
                if (i < release.length() && release.charAt(i) == '.') {
                    i++;
                    continue;
                }
                break;
            }
            break;
        }
        return v;
    }
}

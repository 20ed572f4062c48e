package io.ra2check.collector.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The compact form of a report's fingerprint kept on the Node ({@code ra2check.io/fingerprint}): one short digest per
 * key ({@code kernel=1a2b3c4d,os=5e6f7a8b}), so that any replica can tell from the Node objects alone which keys differ
 * between nodes without storing the values. A fingerprint whose keys do not fit that form or that would be too long
 * is kept as one digest ({@code *=0123456789abcdef}), which still tells equal from different.
 */
public final class Fingerprints {
    static final int MAX_LENGTH = 320;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._/-]{1,63}");
    private static final String WHOLE = "*";

    private Fingerprints() {
    }

    /** The compact form, or empty for an empty fingerprint. */
    public static Optional<String> encode(Map<String, String> fingerprint) {
        if (fingerprint.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, String> sorted = new TreeMap<>(fingerprint);
        StringBuilder sb = new StringBuilder();
        boolean perKey = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (!KEY.matcher(e.getKey()).matches()) {
                perKey = false;
                break;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(hash(e.getKey() + '\0' + e.getValue(), 8));
        }
        if (perKey && sb.length() <= MAX_LENGTH) {
            return Optional.of(sb.toString());
        }
        StringBuilder all = new StringBuilder();
        sorted.forEach((k, v) -> all.append(k).append('\0').append(v).append('\0'));
        return Optional.of(WHOLE + "=" + hash(all.toString(), 16));
    }

    /** The keys whose values differ between two compact fingerprints (present in one only counts as different). */
    public static List<String> differingKeys(String a, String b) {
        Map<String, String> x = parse(a);
        Map<String, String> y = parse(b);
        if (x.containsKey(WHOLE) || y.containsKey(WHOLE)) {
            return a.equals(b) ? List.of() : List.of("(the fingerprint as a whole)");
        }
        List<String> out = new ArrayList<>();
        for (String k : new TreeSet<>(union(x, y))) {
            if (!java.util.Objects.equals(x.get(k), y.get(k))) {
                out.add(k);
            }
        }
        return out;
    }

    /** Whether {@code s} has the compact form this class writes (a tampered annotation does not). */
    public static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        for (String part : s.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                return false;
            }
            String k = part.substring(0, eq);
            if (!k.equals(WHOLE) && !KEY.matcher(k).matches()) {
                return false;
            }
            if (!part.substring(eq + 1).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static java.util.Set<String> union(Map<String, String> x, Map<String, String> y) {
        java.util.Set<String> s = new java.util.HashSet<>(x.keySet());
        s.addAll(y.keySet());
        return s;
    }

    private static Map<String, String> parse(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }

    static String hash(String s, int hexChars) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package io.ra2check.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds IP address literals in text (ra2.app.035). The wildcard and loopback addresses are left out: binding to
 * {@code 0.0.0.0} or talking to {@code 127.0.0.1} ties a pod to no network, which is what the rule is about.
 */
final class IpLiterals {
    // not preceded by a word character or a dot, and not followed by one (so "1.2.3.4.5" and "v1.2.3.4" are versions)
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9A-Za-z.])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?![0-9A-Za-z]|\\.[0-9A-Za-z])");
    // runs of hex digits, colons and dots: every IPv6 literal is one; most are not literals and are discarded
    private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?<![0-9A-Za-z:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    static List<String> find(String text) {
        List<String> found = new ArrayList<>();
        Matcher m4 = IPV4.matcher(text);
        while (m4.find()) {
            String ip = m4.group(1);
            if (isIpv4(ip) && !ip.equals("0.0.0.0") && !ip.startsWith("127.")) {
                found.add(ip);
            }
        }
        Matcher m6 = IPV6_CANDIDATE.matcher(text);
        while (m6.find()) {
            String candidate = m6.group();
            if (isIpv6(candidate) && !candidate.equals("::") && !candidate.equals("::1")) {
                found.add(candidate);
            }
        }
        return found;
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 text forms: eight groups, or fewer around one "::", optionally ending in a dotted IPv4 address. */
    static boolean isIpv6(String s) {
        if (s.chars().filter(ch -> ch == ':').count() < 2) {
            return false;
        }
        String[] halves = s.split("::", -1);
        if (halves.length > 2) {
            return false;
        }
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && parts[i].contains(".")) {
                    if (!isIpv4(parts[i])) {
                        return false;
                    }
                    groups += 2;
                } else if (parts[i].isEmpty() || parts[i].length() > 4
                        || !parts[i].chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    return false;
                } else {
                    groups++;
                }
            }
        }
        return halves.length == 2 ? groups <= 7 : groups == 8;
    }
}

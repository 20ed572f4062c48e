package io.ra2check.agent.probe;

import io.ra2check.agent.host.Fs;
import io.ra2check.agent.host.HostFs;
import io.ra2check.report.Evidence;

import java.io.IOException;
import java.util.List;

/**
 * The reads every probe does: a file's first line, or its reason for being unavailable. Keeps the "what did the
 * file say" evidence next to the value.
 */
final class ProbeSupport {
    private ProbeSupport() {
    }

    /** A one-line sysfs/procfs value: the text, or the reason it could not be read. */
    record Line(String path, String text, String error) {
        boolean ok() {
            return text != null;
        }

        Evidence evidence() {
            return new Evidence(path, ok() ? text : "(" + error + ")");
        }
    }

    static Line line(HostFs fs, String path) {
        try {
            return new Line(path, fs.readLine(path).trim(), null);
        } catch (IOException e) {
            return new Line(path, null, Fs.why(e));
        }
    }

    /** The line as an integer, or null when missing, unreadable or not a number. */
    static Integer intOrNull(Line l) {
        if (!l.ok()) {
            return null;
        }
        try {
            return Integer.parseInt(l.text());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long longOrNull(Line l) {
        if (!l.ok()) {
            return null;
        }
        try {
            return Long.parseLong(l.text());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Names in a directory, or an empty list when it is missing or unreadable. */
    static List<String> listOrEmpty(HostFs fs, String dir) {
        try {
            return fs.list(dir);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Parses "0x8086" or "8086" as hex; null when it is neither. */
    static Integer hexOrNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 8) {
            return null;
        }
        try {
            return (int) Long.parseLong(t, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

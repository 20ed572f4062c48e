package io.ra2check.agent.render;

/**
 * Escaping for the HTML reports. Every string that comes from a host (host names, SMBIOS strings, file contents in
 * evidence) goes through {@link #esc} before it reaches a page, so a hostile snapshot cannot add markup. The pages are
 * also well-formed XML, which lets tests parse them and check that no element or attribute was injected.
 */
public final class Html {
    /** Shown in place of a character that must not reach the page (controls, lone surrogates, bidi overrides). */
    static final char REPLACEMENT = '\uFFFD';

    private Html() {
    }

    /**
     * Text or attribute value (double- or single-quoted): {@code & < > " '} become references; characters that are
     * not allowed in HTML or XML text, and the bidirectional overrides that could make a value read as something else,
     * become U+FFFD so that a reader sees that something was there. Null becomes the empty string.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String rep = null;
            switch (c) {
                case '&' -> rep = "&amp;";
                case '<' -> rep = "&lt;";
                case '>' -> rep = "&gt;";
                case '"' -> rep = "&quot;";
                case '\'' -> rep = "&#39;";
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = s.codePointAt(i);
                        if ((cp & 0xFFFE) == 0xFFFE) {
                            rep = String.valueOf(REPLACEMENT);
                        } else {
                            if (b != null) {
                                b.append(c).append(s.charAt(i + 1));
                            }
                            i++;
                            continue;
                        }
                    } else if (!allowed(c)) {
                        rep = String.valueOf(REPLACEMENT);
                    }
                }
            }
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(n + 16);
                    b.append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** A character that may stand for itself in the page (surrogate pairs are handled by the caller). */
    private static boolean allowed(char c) {
        if (c == '\t' || c == '\n') {
            return true;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return false; // C0 and C1 controls (CR too: it would be normalised away in attributes)
        }
        if (Character.isSurrogate(c)) {
            return false; // a lone surrogate (pairs are consumed before this is asked)
        }
        if (c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF)) {
            return false; // noncharacters
        }
        // bidirectional embeddings, overrides and isolates: could make "evil.example" display as "elpmaxe.live"
        return !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069);
    }

    /** A CSS string literal, safe inside a style element ({@code <} and quotes escaped as CSS hex escapes). */
    public static String cssString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c < 0x20 || c == 0x7F) {
                b.append('\\').append(Integer.toHexString(c)).append(' ');
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

package io.edgeaudit.report.html;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;

/**
 * Escaping for the two contexts the page puts untrusted text in: element text and double-quoted
 * attribute values. Every string that can come from packet data (STUN SOFTWARE, USERNAME, TLS SNI,
 * interface names, file names) passes through here. The page has no inline JSON or script data, so
 * there is no third context to get wrong.
 */
public final class Html {
    private static final Escaper ESCAPER = HtmlEscapers.htmlEscaper();

    private Html() {
    }

    /**
     * Text safe in element content and in a double- or single-quoted attribute value: {@code & < > " '}
     * become character references (Guava's escaper), and C0/C1 controls other than tab, CR and LF
     * become U+FFFD so binary bytes from a packet cannot produce invisible or invalid markup.
     * Null becomes "".
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        return ESCAPER.escape(replaceControls(s));
    }

    private static String replaceControls(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && !isBadControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            b.append(isBadControl(c) ? '\uFFFD' : c);
        }
        return b.toString();
    }

    private static boolean isBadControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }
}

package io.edgeaudit.pipeline;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.FlowSink;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flows reduced to what {@code tshark -z conv,tcp -z conv,udp} reports, so the two can be compared
 * on the same basis: one row per (transport, unordered endpoint pair), frames and bytes per
 * direction. tshark's conversations are not split by timeouts nor by VLAN, so our flows of one
 * 5-tuple (splits, VLANs, reused ports) are summed into one row, and so are tshark's (it starts a
 * new TCP stream on port reuse). Only TCP and UDP flows are kept.
 */
final class ConversationTable implements FlowSink {
    /** Endpoints in a fixed order (A is the smaller "addr:port" text); counts are A->B and B->A. */
    record Row(long framesAtoB, long bytesAtoB, long framesBtoA, long bytesBtoA) {
        Row plus(Row o) {
            return new Row(framesAtoB + o.framesAtoB, bytesAtoB + o.bytesAtoB, framesBtoA + o.framesBtoA,
                    bytesBtoA + o.bytesBtoA);
        }

        /** The row with the bytes as tshark 4.0 prints them (format_size: "N bytes", or N kB/MB truncated). */
        String printed() {
            return framesAtoB + " " + size(bytesAtoB) + " / " + framesBtoA + " " + size(bytesBtoA);
        }
    }

    final Map<String, Row> rows = new TreeMap<>();

    @Override
    public void flowEnded(Flow f) {
        if (f.transport() != 6 && f.transport() != 17) {
            return;
        }
        String o = Flow.endpoint(f.origAddr(), f.origPort()).replace("[", "").replace("]", "");
        String r = Flow.endpoint(f.respAddr(), f.respPort()).replace("[", "").replace("]", "");
        Row row = new Row(f.orig().packets(), f.orig().frameBytes(), f.resp().packets(), f.resp().frameBytes());
        add(f.transportName(), o, r, row);
    }

    private void add(String transport, String a, String b, Row row) {
        if (a.compareTo(b) > 0) {
            String t = a;
            a = b;
            b = t;
            row = new Row(row.framesBtoA, row.bytesBtoA, row.framesAtoB, row.bytesAtoB);
        }
        rows.merge(transport + " " + a + " <-> " + b, row, Row::plus);
    }

    private static final Pattern SECTION = Pattern.compile("^(TCP|UDP) Conversations");
    // A <-> B  frames(B->A) bytes unit  frames(A->B) bytes unit  total ...
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+)\\s+<->\\s+(\\S+)\\s+(\\d+)\\s+(\\d+) (bytes|kB|MB|GB)\\s+(\\d+)\\s+(\\d+) (bytes|kB|MB|GB)\\s+.*");

    /**
     * Parses tshark's output. Bytes printed with a unit are kept as printed (value times the
     * unit) and compared through {@link Row#printed()}.
     */
    static ConversationTable parseTshark(String text) {
        ConversationTable t = new ConversationTable();
        String transport = null;
        for (String line : text.split("\n")) {
            Matcher s = SECTION.matcher(line);
            if (s.find()) {
                transport = s.group(1).toLowerCase();
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (transport != null && m.matches()) {
                Row row = new Row(Long.parseLong(m.group(6)), bytes(m.group(7), m.group(8)),
                        Long.parseLong(m.group(3)), bytes(m.group(4), m.group(5)));
                t.add(transport, m.group(1), m.group(2), row);
            }
        }
        return t;
    }

    private static long bytes(String n, String unit) {
        long v = Long.parseLong(n);
        return switch (unit) {
            case "kB" -> v * 1000;
            case "MB" -> v * 1000_000;
            case "GB" -> v * 1000_000_000;
            default -> v;
        };
    }

    /** Wireshark's format_size (SI): bytes below 10 000 exact, else the largest unit with a value >= 10, truncated. */
    static String size(long b) {
        if (b / 1000_000_000L >= 10) {
            return b / 1000_000_000L + " GB";
        }
        if (b / 1000_000L >= 10) {
            return b / 1000_000L + " MB";
        }
        if (b / 1000 >= 10) {
            return b / 1000 + " kB";
        }
        return b + " bytes";
    }

    /** Each row printed as tshark would print it, for comparing. */
    Map<String, String> printed() {
        Map<String, String> m = new TreeMap<>();
        rows.forEach((k, v) -> m.put(k, v.printed()));
        return m;
    }
}

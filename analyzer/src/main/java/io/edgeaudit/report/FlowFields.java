package io.edgeaudit.report;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;

import java.util.List;

/**
 * The columns of a flow table, shared by the CSV and JSON writers so both say the same thing:
 * raw integers, RFC 3339 UTC timestamps with nine fractional digits, packet references as
 * {@code file#n}.
 */
final class FlowFields {
    static final List<String> COLUMNS = List.of(
            "ts_first", "ts_last", "transport", "orig_addr", "orig_port", "resp_addr", "resp_port", "vlan",
            "interface", "orig_pkts", "orig_frame_bytes", "orig_payload_bytes", "resp_pkts", "resp_frame_bytes",
            "resp_payload_bytes", "conn_state", "history", "direction_inferred", "first_packets",
            "uid", "split", "direction", "icmp_refusal", "partial", "server_name");

    /** Behind {@link #timestamp(long)}; guarded by the class lock. */
    private static final Rfc3339 SHARED = new Rfc3339();
    private static final RowBytes SHARED_TEXT = new RowBytes(30);

    private FlowFields() {
    }

    /**
     * The row of {@code f}, in {@link #COLUMNS} order: String, Long, Integer, Boolean, or
     * List&lt;String&gt; for first_packets; null for an absent value (interface, direction,
     * icmp_refusal, server_name).
     */
    static Object[] values(Flow f) {
        return new Object[] {
                timestamp(f.tsFirst()), timestamp(f.tsLast()), f.transportName(),
                f.origAddr().toString(), f.origPort(), f.respAddr().toString(), f.respPort(), f.vlanText(),
                f.interfaceName(),
                f.orig().packets(), f.orig().frameBytes(), f.orig().payloadBytes(),
                f.resp().packets(), f.resp().frameBytes(), f.resp().payloadBytes(),
                f.connState(), f.history(), f.directionInferred(),
                refs(f.firstPackets()),
                f.uid(), f.split(), f.direction(), icmpRefusal(f), f.partial(), f.serverName()};
    }

    /** "2026-01-01T00:00:00.000000001Z" for epoch nanoseconds. */
    static synchronized String timestamp(long epochNanos) {
        SHARED_TEXT.truncate(0);
        SHARED.appendTo(SHARED_TEXT, epochNanos);
        return SHARED_TEXT.toString();
    }

    /**
     * Appends {@link #timestamp(long)}'s text without allocating: the date and time of day
     * are computed by hand (the proleptic Gregorian calendar, as java.time counts days) into a cached
     * prefix that is redone only when the second changes; the nine digits are written one by one.
     * Years 1677 to 2262, all a long of epoch nanoseconds can hold, have four digits. Not thread-safe:
     * one per writer.
     */
    static final class Rfc3339 {
        private long second = Long.MIN_VALUE;
        /** "uuuu-MM-ddTHH:mm:ss." of {@link #second}. */
        private final RowBytes prefix = new RowBytes(20);

        void appendTo(RowBytes b, long epochNanos) {
            long s = Math.floorDiv(epochNanos, 1_000_000_000L);
            int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
            if (s != second) {
                format(s);
                second = s;
            }
            b.put(prefix).putDigits(nanos, 9).put('Z');
        }

        private void format(long epochSecond) {
            long days = Math.floorDiv(epochSecond, 86_400L);
            int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
            // days since 1970-01-01 to year, month, day (H. Hinnant, "chrono-compatible low-level date algorithms")
            long z = days + 719_468;
            long era = Math.floorDiv(z, 146_097);
            long dayOfEra = z - era * 146_097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
            int month = (int) (mp < 10 ? mp + 3 : mp - 9);
            int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
            prefix.truncate(0);
            prefix.putDigits(year, 4).put('-').putDigits(month, 2).put('-').putDigits(day, 2)
                    .put('T').putDigits(secondOfDay / 3600, 2).put(':').putDigits(secondOfDay / 60 % 60, 2)
                    .put(':').putDigits(secondOfDay % 60, 2).put('.');
        }
    }

    private static List<String> refs(List<PacketRef> refs) {
        String[] out = new String[refs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = refs.get(i).toString();
        }
        return List.of(out);
    }

    private static String icmpRefusal(Flow f) {
        return f.icmpRefusal() == null ? null : f.icmpRefusal() + " " + f.icmpRefusalReason();
    }
}
